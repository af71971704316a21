#!/usr/bin/env bash
# Benchmarks (figures go to BENCHMARKS.md; nothing here is a pass/fail timing test).
#   scripts/bench.sh engine   engine natively (release) and in wasm (headless Chromium), 100k customers
#   scripts/bench.sh import   importer natively and in wasm, then the browser import end to end:
#                             1M sales lines as CSV, 100k as XLSX
# Uses the toolchain of scripts/setup.sh; the browser import uses the built dist/ (run
# scripts/serve.sh or scripts/test.sh first).
set -euo pipefail
# The user's Python (setup.sh puts Debian's /usr/bin first, whose Python may lack pip).
PYTHON=$(command -v python3)
export PYTHON
source "$(dirname "$0")/setup.sh"
cd "$ROOT"
case "${1:-}" in
  engine)
    # Python lifetimes 0.11.3, for the side-by-side CDNOW fit (PyPI; installed once).
    "$PYTHON" -c "import lifetimes" 2>/dev/null || "$PYTHON" -m pip install --quiet "lifetimes==0.11.3"
    say "engine, native (release)"
    cargo run --quiet --release --example engine_bench
    say "engine, wasm in headless Chromium (release)"
    # With build-std, a release test build mixes an unwinding std (the harness) with the
    # profile's panic=abort one and fails ("duplicate lang item"): unwind throughout, in a
    # target dir of its own so trunk's abort build is not disturbed.
    wasm env WASM_BINDGEN_TEST_TIMEOUT=600 CARGO_PROFILE_RELEASE_PANIC=unwind \
      CARGO_TARGET_DIR="$ROOT/target/bench-wasm" cargo test --release --target wasm32-unknown-unknown \
      --test bench_web -- --nocapture engine 2>&1 | tee target/bench-engine-wasm.log | grep -E 'bench engine|test result|error' || true
    ;;
  import)
    say "importer, native (release)"
    cargo run --quiet --release --example import_bench
    say "importer, wasm in headless Chromium (the import worker's opt-level 3)"
    wasm env WASM_BINDGEN_TEST_TIMEOUT=600 CARGO_PROFILE_RELEASE_PANIC=unwind \
      CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_TARGET_DIR="$ROOT/target/bench-wasm" \
      cargo test --release --target wasm32-unknown-unknown --test bench_web -- --nocapture importer \
      2>&1 | tee target/bench-import-wasm.log | grep -E 'bench import|test result|error' || true
    say "browser import: 100,000 customers (about 1M sales lines)"
    cargo build --quiet --release --bin fideliza
    dir="$ROOT/target/bench-data"
    [ -f "$dir/ventas.csv" ] || target/release/fideliza generate --customers 100000 --out "$dir"
    [ -d dist ] || wasm trunk build --release
    node tests/bench/import_bench.mjs "$dir/ventas.csv"
    say "the same, reading the mapping and the report for 3 s each (the check runs ahead meanwhile)"
    READ_MS=3000 node tests/bench/import_bench.mjs "$dir/ventas.csv"
    say "browser import: the same lines in the six columns of the issue's \"about 65 MB\" file"
    # ticket, date, customer, product, quantity, amount: ≈ 68 bytes a line instead of ≈ 115.
    [ -f "$dir/ventas-6col.csv" ] || LC_ALL=C awk -F';' -v OFS=';' \
      '{ sub(/\r$/, ""); print $1, $2, $3, $4, $6, $7 "\r" }' "$dir/ventas.csv" > "$dir/ventas-6col.csv"
    node tests/bench/import_bench.mjs "$dir/ventas-6col.csv"
    say "the same, the file picked 2 s after Datos opened, the page clicking each button once usable (no Playwright latency)"
    CLICKS=page PICK_MS=2000 node tests/bench/import_bench.mjs "$dir/ventas-6col.csv"
    READ_MS=3000 node tests/bench/import_bench.mjs "$dir/ventas-6col.csv"
    say "browser import: the first 100,000 lines of ventas.csv as an XLSX workbook"
    if [ ! -f "$dir/ventas-100k.xlsx" ]; then
      "$PYTHON" -c "import openpyxl" 2>/dev/null || "$PYTHON" -m pip install --quiet openpyxl
      "$PYTHON" tests/bench/make_xlsx.py "$dir/ventas.csv" 100000 "$dir/ventas-100k.xlsx"
    fi
    node tests/bench/import_bench.mjs "$dir/ventas-100k.xlsx"
    READ_MS=3000 node tests/bench/import_bench.mjs "$dir/ventas-100k.xlsx"
    say "the same, the file dropped 3 s after the Datos page opened (the page and worker started)"
    PICK_MS=3000 node tests/bench/import_bench.mjs "$dir/ventas-100k.xlsx"
    ;;
  *) echo "usage: scripts/bench.sh engine|import" >&2; exit 2 ;;
esac
