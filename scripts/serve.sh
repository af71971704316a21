#!/usr/bin/env bash
# Builds the app once (release, into dist/) and serves it at http://127.0.0.1:8080.
# The first run installs the toolchain (scripts/setup.sh, about 15-20 minutes); later runs take seconds.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT"
PORT=${PORT:-8080}
say "trunk build --release"
wasm trunk build --release
say "Fideliza: http://127.0.0.1:$PORT/  (Ctrl+C to stop)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
