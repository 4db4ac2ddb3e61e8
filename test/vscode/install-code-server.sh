#!/usr/bin/env bash
# Installs code-server (VS Code's own server + web workbench) into .code-server/, for running the
# real-editor suite where @vscode/test-electron cannot download VS Code (no internet).
# Needs Debian's ripgrep (and chromium, libkrb5-dev): .ci/run installs them.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=4.100.3
DEST=.code-server
if [ -x "$DEST/node_modules/.bin/code-server" ] && grep -q "\"version\": \"$VERSION\"" "$DEST/node_modules/code-server/package.json" 2>/dev/null; then
  exit 0
fi
RG=$(command -v rg || true)
if [ -z "$RG" ]; then echo "install-code-server: ripgrep (rg) is needed: apt-get install ripgrep" >&2; exit 1; fi
# @vscode/ripgrep's postinstall downloads a binary unless it finds one in its cache: seed the
# cache with Debian's rg for every version code-server may pull in.
STAGE=$(mktemp -d)
cp "$RG" "$STAGE/rg"
for v in 1.14.1 1.14.2 1.15.0 1.15.2 1.15.3 1.15.5 1.15.6 1.15.9 1.15.10 1.15.11 1.15.13 1.15.14 1.17.0 1.17.1 1.18.0; do
  cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$v"
  mkdir -p "$cache"
  for target in x86_64-unknown-linux-musl aarch64-unknown-linux-musl; do
    for rgv in v13.0.0-10 v13.0.0-13 v13.0.0-4 v14.1.1-1 v15.0.1; do
      [ -f "$cache/ripgrep-$rgv-$target.tar.gz" ] || tar -czf "$cache/ripgrep-$rgv-$target.tar.gz" -C "$STAGE" rg
    done
  done
done
rm -rf "$STAGE"
mkdir -p "$DEST"
[ -f "$DEST/package.json" ] || echo '{"name":"code-server-host","private":true}' > "$DEST/package.json"
cd "$DEST"
# npm 11 runs no dependency install scripts unless allowed by name; code-server's postinstall
# runs npm again inside lib/vscode, which inherits this setting through the environment.
export npm_config_allow_scripts="code-server,argon2,@parcel/watcher,@vscode/ripgrep,kerberos,node-pty"
export npm_config_yes=true npm_config_unsafe_perm=true
npm install --no-audit --no-fund --no-save "code-server@$VERSION" --unsafe-perm
# Older npm ran the postinstall already; running it again is harmless and makes sure it ran.
test -d node_modules/code-server/lib/vscode/node_modules/node-pty/build || \
  (cd node_modules/code-server && npm_config_user_agent="npm/$(npm -v) node/$(node -v) linux x64" sh ./postinstall.sh)
