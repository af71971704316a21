# shellcheck shell=bash
# Installs (once) and puts on PATH everything the build and the tests need; sourced by
# scripts/serve.sh and scripts/test.sh. Idempotent: a second run only checks and takes seconds.
#
# Two cases, detected here:
# - a Rust whose sysroot has the wasm32-unknown-unknown std (a laptop after
#   `rustup target add wasm32-unknown-unknown`): used as it is;
# - otherwise (these CI machines: rustup cannot fetch the wasm std) Debian's rustc-web 1.96 with
#   its std sources, std built from source for wasm commands only, linked by Debian's wasm-ld-22.
# Then: Chromium + chromedriver (Debian), npm tools (wasm-opt, ECharts, Playwright) from
# package-lock.json, trunk and wasm-bindgen-cli (exactly the version in Cargo.lock) from crates.io.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TRUNK_VERSION=0.21.14 # 0.22.x declares rust-version 1.96.1, newer than Debian's rustc-web
export CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
mkdir -p "$ROOT/target/tmp"
export TMPDIR="$ROOT/target/tmp" # chromedriver and Chromium leave scratch folders here
export TRUNK_SKIP_VERSION_CHECK=true

say() { printf '\033[1m== %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

APT_UPDATED=
apt_install() { # apt_install PACKAGE... : installs the ones missing, only on Debian/Ubuntu
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || { echo "Please install: ${missing[*]}" >&2; return 1; }
  say "apt-get install ${missing[*]}"
  [ -n "$APT_UPDATED" ] || { as_root apt-get update -q >/dev/null; APT_UPDATED=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
}

# --- Rust able to target wasm32 -------------------------------------------------------------
has_wasm_std() { [ -d "$("$1" --print sysroot 2>/dev/null)/lib/rustlib/wasm32-unknown-unknown/lib" ]; }
if command -v rustc >/dev/null && has_wasm_std rustc; then
  WASM_ENV=()
else
  apt_install rustc-web cargo-web rust-web-src lld-22
  export PATH="/usr/bin:$PATH" # Debian's cargo/rustc 1.96 before rustup's proxies
  # build-std only in the environment of wasm commands: a native `cargo test` seeing it fails.
  WASM_ENV=(RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22)
fi
export PATH="$CARGO_HOME/bin:$ROOT/node_modules/.bin:$PATH"
# Debian's cargo must stay first when it is the one with the wasm std sources.
[ ${#WASM_ENV[@]} -eq 0 ] || export PATH="/usr/bin:$PATH"

# wasm CMD... : runs a command that builds for wasm32 (trunk, cargo --target wasm32-unknown-unknown)
wasm() { env "${WASM_ENV[@]}" "$@"; }

# --- Browser for the tests ------------------------------------------------------------------
# poppler-utils: the e2e report test reads the printed PDF (pdftotext) and renders its pages (pdftoppm).
if [ -x /usr/bin/apt-get ]; then apt_install chromium chromium-driver poppler-utils; fi
export CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)}
export CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver || echo /usr/bin/chromedriver)}

# --- npm tools: wasm-opt (binaryen), ECharts, Playwright (never its own browser download) -----
if ! (cd "$ROOT" && npm ls --silent >/dev/null 2>&1); then
  say "npm ci"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
fi
# ECharts is vendored in public/; keep it identical to the locked npm package.
cmp -s "$ROOT/node_modules/echarts/dist/echarts.min.js" "$ROOT/public/echarts.min.js" ||
  cp "$ROOT/node_modules/echarts/dist/echarts.min.js" "$ROOT/public/echarts.min.js"

# --- trunk and wasm-bindgen-cli from crates.io ------------------------------------------------
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "cargo install trunk $TRUNK_VERSION (about 10 minutes, once)"
  # Without its default features: no TLS stack (rustls) and no update check, which an offline
  # build and a plain-HTTP `trunk serve` never use; 16 crates fewer to compile.
  cargo install --locked --quiet --no-default-features trunk --version "$TRUNK_VERSION"
fi
WBG=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3}' "$ROOT/Cargo.lock")
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WBG" ]; then
  say "cargo install wasm-bindgen-cli $WBG (about 3 minutes, once)"
  # no --locked: its own lock file pins a crate version missing from the registry mirror
  cargo install --quiet --force wasm-bindgen-cli --version "$WBG"
fi

# trunk builds offline (Trunk.toml); fetch every crate first, std's own dependencies included.
(cd "$ROOT" && wasm cargo fetch --target wasm32-unknown-unknown --quiet)
