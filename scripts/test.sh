#!/usr/bin/env bash
# Run every test: data freshness, formatting, lints, the engine and command-line
# tests (unit, JSON corpus, property, snapshot, round-trip), the app's native tests,
# every export format through its tool's parser, the release build of the site,
# and the browser tests in Chromium.
# Installs what is missing. CI runs exactly this (.ci/run).
set -euo pipefail
source "$(dirname "$0")/tools.sh"
ensure_build_tools
ensure_chromium
cd "$ROOT"

say "bundled data matches data/ (scripts/gen_data.py --check)"
python3 scripts/gen_data.py --check

say "formatting"
cargo fmt --all -- --check

say "lints (clippy, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

say "engine, command line and app tests"
CI=true cargo test --workspace --locked

say "exports through the parsers of their tools (scripts/validate-exports.sh)"
scripts/validate-exports.sh

build_site

say "browser tests (Chromium, playwright-core)"
node --test --test-concurrency=1 tests/browser/

say "performance against docs/bench-site.json (scripts/bench-site.mjs; warns, never fails)"
node scripts/bench-site.mjs --compare docs/bench-site.json \
  || echo "warning: the site benchmark could not run"
say "all tests passed"
