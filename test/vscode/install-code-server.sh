#!/usr/bin/env bash
# Installs code-server (VS Code's own server + web workbench) into .code-server/, for running the
# real-editor suite where @vscode/test-electron cannot download VS Code (no internet).
# Needs Debian's ripgrep, libkrb5-dev, g++ and make (and chromium to run): .ci/run installs them.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=4.100.3
DEST=.code-server
CS="$DEST/node_modules/code-server"
if [ -f "$DEST/.installed-$VERSION" ]; then exit 0; fi
RG=$(command -v rg || true)
if [ -z "$RG" ]; then echo "install-code-server: ripgrep (rg) is needed: apt-get install ripgrep" >&2; exit 1; fi

# @vscode/ripgrep's postinstall downloads a binary unless it finds one in its cache: seed the
# cache with Debian's rg for every version code-server may pull in.
STAGE=$(mktemp -d)
cp "$RG" "$STAGE/rg"
for v in 1.14.1 1.14.2 1.15.0 1.15.2 1.15.3 1.15.5 1.15.6 1.15.9 1.15.10 1.15.11 1.15.13 1.15.14 1.17.0 1.17.1 1.18.0; do
  cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$v"
  mkdir -p "$cache"
  for rgv in v13.0.0-10 v13.0.0-13 v13.0.0-4 v14.1.1-1 v15.0.1; do
    [ -f "$cache/ripgrep-$rgv-x86_64-unknown-linux-musl.tar.gz" ] || tar -czf "$cache/ripgrep-$rgv-x86_64-unknown-linux-musl.tar.gz" -C "$STAGE" rg
  done
done
rm -rf "$STAGE"

rm -rf "$DEST"
mkdir -p "$DEST"
echo '{"name":"code-server-host","private":true,"allowScripts":{"argon2":true}}' > "$DEST/package.json"
export npm_config_yes=true npm_config_unsafe_perm=true
# npm 11 runs a dependency's install scripts only when package.json's allowScripts names it, so
# install without scripts, approve the native modules code-server builds, then run its postinstall.
(cd "$DEST" && npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION")
for dir in "$CS/lib/vscode" "$CS/lib/vscode/extensions"; do
  node -e '
    const fs = require("fs"); const file = process.argv[1] + "/package.json";
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
    pkg.allowScripts = { "@parcel/watcher": true, "@vscode/ripgrep": true, "kerberos": true, "node-pty": true, "@vscode/spdlog": true, "native-watchdog": true };
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2));' "$dir"
done
(cd "$DEST" && npm rebuild argon2)
(cd "$CS" && npm_config_user_agent="npm/$(npm -v) node/$(node -v) linux x64" sh ./postinstall.sh)
touch "$DEST/.installed-$VERSION"
