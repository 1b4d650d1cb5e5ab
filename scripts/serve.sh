#!/usr/bin/env bash
# Build the app and serve it on http://127.0.0.1:${PORT:-8080}/ (installs what is missing).
set -euo pipefail
source "$(dirname "$0")/tools.sh"
ensure_build_tools
cd "$ROOT"
say "serving on http://127.0.0.1:${PORT:-8080}/ (Ctrl-C stops)"
exec trunk serve --release --skip-version-check --no-autoreload --address 127.0.0.1 --port "${PORT:-8080}"
