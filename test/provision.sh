#!/usr/bin/env bash
# What `npm test` needs from the system, provisioned by `npm test` itself (README: the test command does
# everything on a fresh machine). Debian's apt and the npm registry only; idempotent; says what it installs.
#
# - Debian packages: the real servers and browser of test/browser, the editors of test/editors, pre-commit
#   for test/pipelines, and what code-server needs to compile (test/e2e). Installed only when missing and
#   only as root (or with password-less sudo); the nginx/apache2 system services are kept from starting.
# - code-server (a real VS Code) and its Node 24 into the gitignored .e2e/ (test/e2e/install-code-server.sh).
#
# Where something cannot be installed (no apt, not root), this script does not fail: it names what is
# missing, and every test layer that needs it then fails by name, unless CORS_LINT_ALLOW_MISSING_TOOLS=1.
set -uo pipefail
cd "$(dirname "$0")/.."

say() { printf 'provision: %s\n' "$*"; }

# Debian package → how to tell it is there.
declare -A CHECK=(
  [chromium]='test -x /usr/bin/chromium'
  [fonts-dejavu-core]='test -d /usr/share/fonts/truetype/dejavu'
  [nginx-light]='test -x /usr/sbin/nginx'
  [apache2]='test -x /usr/sbin/apache2 && test -f /usr/lib/apache2/modules/mod_headers.so'
  [php-cli]='test -x /usr/bin/php'
  [caddy]='test -x /usr/bin/caddy'
  [python3-flask]='/usr/bin/python3 -c "import flask" 2>/dev/null'
  [python3-flask-cors]='/usr/bin/python3 -c "import flask_cors" 2>/dev/null'
  [python3-django]='/usr/bin/python3 -c "import django" 2>/dev/null'
  [python3-django-cors-headers]='/usr/bin/python3 -c "import corsheaders" 2>/dev/null'
  [python3-starlette]='/usr/bin/python3 -c "import starlette" 2>/dev/null'
  [python3-fastapi]='/usr/bin/python3 -c "import fastapi" 2>/dev/null'
  [python3-uvicorn]='/usr/bin/python3 -c "import uvicorn" 2>/dev/null'
  [neovim]='test -x /usr/bin/nvim'
  [pre-commit]='test -x /usr/bin/pre-commit'
  [git]='command -v git'
  [libkrb5-dev]='pkg-config --exists krb5-gssapi 2>/dev/null'
  [pkg-config]='command -v pkg-config'
  [build-essential]='command -v make && command -v g++'
  [python3]='test -x /usr/bin/python3'
  [ruby]='test -x /usr/bin/ruby'
  [ruby-rack]='/usr/bin/ruby -e "require %q(rack)" 2>/dev/null'
  [ruby-rack-cors]='/usr/bin/ruby -e "require %q(rack/cors)" 2>/dev/null'
  [ruby-webrick]='/usr/bin/ruby -e "require %q(webrick)" 2>/dev/null'
  [ruby-sinatra]='/usr/bin/ruby -e "require %q(sinatra/base)" 2>/dev/null'
  [golang-go]='test -x /usr/bin/go'
  [golang-github-rs-cors-dev]='test -d /usr/share/gocode/src/github.com/rs/cors'
  [golang-github-gin-gonic-gin-dev]='test -d /usr/share/gocode/src/github.com/gin-gonic/gin'
  [golang-github-gin-contrib-cors-dev]='test -d /usr/share/gocode/src/github.com/gin-contrib/cors'
  [golang-github-gorilla-handlers-dev]='test -d /usr/share/gocode/src/github.com/gorilla/handlers'
)
ORDER=(chromium fonts-dejavu-core nginx-light apache2 php-cli caddy python3 python3-flask python3-flask-cors
  python3-django python3-django-cors-headers python3-starlette python3-fastapi python3-uvicorn neovim
  pre-commit git pkg-config libkrb5-dev build-essential ruby ruby-rack ruby-rack-cors ruby-webrick ruby-sinatra
  golang-go golang-github-rs-cors-dev golang-github-gin-gonic-gin-dev golang-github-gin-contrib-cors-dev
  golang-github-gorilla-handlers-dev)

# The packages of ORDER that are not there (one per line).
absent() {
  local p
  for p in "${ORDER[@]}"; do bash -c "${CHECK[$p]}" >/dev/null 2>&1 || echo "$p"; done
}
mapfile -t missing < <(absent)

if [ ${#missing[@]} -eq 0 ]; then
  say "system packages present (${ORDER[*]})"
elif [ "${CORS_LINT_NO_PROVISION:-}" = 1 ]; then
  say "CORS_LINT_NO_PROVISION=1: not installing ${missing[*]}"
elif ! command -v apt-get >/dev/null 2>&1; then
  say "no apt-get on this machine: cannot install ${missing[*]}"
else
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO=no; fi
  fi
  if [ "$SUDO" = no ]; then
    say "not root (and no password-less sudo): cannot install ${missing[*]}"
    say "  as root: apt-get install --no-install-recommends ${missing[*]}"
  else
    say "installing with apt: ${missing[*]}"
    # The nginx and apache2 packages would start their system services (both on port 80); the tests run
    # their own servers, so a policy-rc.d forbids service starts for the length of this install.
    own_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null && $SUDO chmod +x /usr/sbin/policy-rc.d
      own_policy=1
    fi
    log=$(mktemp)
    if $SUDO apt-get update >"$log" 2>&1 &&
      $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
      n=$(grep -c '^Setting up ' "$log")
      say "apt install done: ${missing[*]} (with their dependencies, $n packages set up)"
    else
      say "apt-get failed; its last lines:"
      tail -n 30 "$log" | sed 's/^/provision:   /'
    fi
    rm -f "$log"
    [ "$own_policy" = 1 ] && $SUDO rm -f /usr/sbin/policy-rc.d
  fi
fi

# code-server (a real VS Code) for test/e2e; it needs chromium and a compiler from the list above.
if [ "${CORS_LINT_NO_PROVISION:-}" = 1 ]; then
  say "CORS_LINT_NO_PROVISION=1: not installing code-server"
elif ! bash test/e2e/install-code-server.sh 2>&1 | sed 's/^/provision: /'; then
  say "code-server could not be installed (the editor layer will say why)"
fi

# What is still missing is what the tests will name.
mapfile -t still < <(absent)
if [ ${#still[@]} -gt 0 ]; then
  say "MISSING: ${still[*]} — the test layers that need them will fail"
  [ "${CORS_LINT_ALLOW_MISSING_TOOLS:-}" = 1 ] && say "  (CORS_LINT_ALLOW_MISSING_TOOLS=1: they will be skipped instead)"
fi
exit 0
