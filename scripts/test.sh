#!/usr/bin/env bash
# Runs every test: native (engine, importer, generator, CLI), in-browser (wasm-bindgen-test in
# headless Chromium: storage, components) and end-to-end (Playwright driving Chromium against the
# built dist/). The wasm app is built once, by trunk, and every end-to-end test reuses it.
# The first run installs the toolchain (scripts/setup.sh, about 15-20 minutes).
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT"
SUMMARY="$ROOT/target/test-summary.txt"
: >"$SUMMARY"

# A full run needs about 10 GB of build output (native, wasm tests, release app); say what is free.
avail_kb=$(df -Pk "$ROOT" | awk 'NR == 2 { print $4 }')
echo "disk free under $ROOT: $((avail_kb / 1048576)) GB"
if [ "$avail_kb" -lt $((12 * 1048576)) ]; then
  echo "warning: less than 12 GB free; the builds may fail with 'No space left on device'" >&2
fi

# count_cargo LOG LABEL: sums cargo's "test result" lines into the summary
count_cargo() {
  awk -v label="$2" '/^test result:/ { p += $4; f += $6; i += $8 }
    END { printf "%-26s %5d passed, %d failed, %d ignored\n", label, p, f, i }' "$1" | tee -a "$SUMMARY"
}

say "1/3 native tests (cargo test)"
cargo test --color never 2>&1 | tee target/native-tests.log
count_cargo target/native-tests.log "native (cargo test)"

say "2/3 browser tests (wasm-bindgen-test in headless Chromium)"
wasm env WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --color never --target wasm32-unknown-unknown --test web 2>&1 | tee target/browser-tests.log
count_cargo target/browser-tests.log "browser (wasm-bindgen-test)"

say "3/3 end-to-end tests (trunk build --release once, Playwright + Chromium)"
wasm trunk build --release
# The e2e tests compare with the command line, target/debug/fideliza: `cargo test` above built it
# (the CLI tests run it). A `cargo build` would compile every dependency again, in the dev profile.
test -x target/debug/fideliza
node tests/e2e/run.mjs 2>&1 | tee target/e2e-tests.log
grep -E '^e2e: ' target/e2e-tests.log | tail -1 | sed 's/^e2e: /end-to-end (Playwright)    /' | tee -a "$SUMMARY"

say "all test layers passed"
echo "build output: $(du -sh "$ROOT/target" | cut -f1)"
cat "$SUMMARY"
