# Shared set-up for the project commands: installs whatever is missing, quickly does nothing otherwise.
# Source it; it leaves you in the repository root with the project tools first on PATH.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

TRUNK_VERSION=0.21.14
# Splits the release module into parts loaded on demand (scripts/split.mjs).
WASM_SPLIT_VERSION=0.2.4

log() { printf '==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages, installed only when one of their commands is missing. Arguments: command=package pairs.
ensure_apt() {
  local missing=()
  for pair in "$@"; do
    command -v "${pair%%=*}" >/dev/null 2>&1 || missing+=("${pair#*=}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || { log "adding the wasm32-unknown-unknown target"; rustup target add wasm32-unknown-unknown; }
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
    log "installing trunk $TRUNK_VERSION (about 11 minutes on 2 cores, once)"
    cargo install --locked trunk --version "$TRUNK_VERSION"
  fi
}

# The wasm-bindgen CLI must be exactly the wasm-bindgen version in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_bindgen() {
  local v
  v=$(wasm_bindgen_version)
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $v\$"; then
    log "installing wasm-bindgen-cli $v (about 3 minutes, once)"
    # Not --locked: its own lockfile pins a crate version the registry no longer has.
    cargo install wasm-bindgen-cli --version "$v"
  fi
  grep -q "^wasm_bindgen = \"$v\"" Trunk.toml \
    || { echo "Trunk.toml [tools] wasm_bindgen must be \"$v\" (the version in Cargo.lock)" >&2; exit 1; }
}

ensure_wasm_split() {
  if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    log "installing wasm_split_cli_support $WASM_SPLIT_VERSION (about 3 minutes, once)"
    cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
  fi
}

# npm packages: binaryen (wasm-opt) for release builds and playwright-core for the browser tests.
ensure_npm() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm packages"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

ensure_cargo_deps() {
  # Trunk runs cargo with --offline, so the registry copies must be here first.
  cargo fetch --locked -q
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_npm
  ensure_trunk
  ensure_wasm_bindgen
  ensure_wasm_split
  ensure_cargo_deps
}

# LibreOffice (to check that the Word export opens and lays out) and poppler (pdftotext, pdftoppm, pdfinfo).
ensure_document_tools() {
  ensure_apt soffice=libreoffice-writer-nogui pdftotext=poppler-utils
}

ensure_browser() {
  ensure_apt chromium=chromium chromedriver=chromium-driver
  # Chinese fonts, so that screenshots and PDFs made by the tests show text rather than empty boxes.
  fc-list :lang=zh 2>/dev/null | grep -q . || ensure_apt no-such-command-cjk-fonts=fonts-noto-cjk
}
