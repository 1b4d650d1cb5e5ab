# shellcheck shell=bash
# Installs what the build and the tests need, when missing, from registries only
# (crates.io, npm, Debian): the wasm target, trunk, wasm-bindgen-cli at the version
# in Cargo.lock, wasm-opt from the npm package binaryen (never Debian's binaryen,
# which breaks the wasm), playwright-core and axe-core, Debian's Chromium.
# Sourced by scripts/serve.sh and scripts/test.sh.

TRUNK_VERSION=0.21.14
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (takes several minutes on two cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]; then
    say "installing wasm-bindgen-cli $want (the version in Cargo.lock)"
    # Not --locked: its lockfile names a crate version the registry lacks.
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_node_modules() {
  if ! command -v npm >/dev/null; then
    say "installing Node.js and npm from Debian"
    as_root apt-get update -qq && as_root apt-get install -y -qq nodejs npm
  fi
  if [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/node_modules/playwright-core" ] || [ ! -d "$ROOT/node_modules/axe-core" ]; then
    say "installing wasm-opt (npm binaryen), playwright-core and axe-core"
    (cd "$ROOT" && npm ci --no-audit --no-fund)
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Chromium and ChromeDriver from Debian"
    as_root apt-get update -qq && as_root apt-get install -y -qq chromium chromium-driver
  fi
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_node_modules
  ensure_wasm_bindgen
  ensure_trunk
}

# The release site in dist/ (PUBLIC_URL defaults to ./, which works at any path).
build_site() {
  say "building the site (trunk build --release)"
  (cd "$ROOT" && trunk build --release --skip-version-check --public-url "${PUBLIC_URL:-./}")
}
