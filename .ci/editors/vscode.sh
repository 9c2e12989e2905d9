# VS Code, as code-server from npm, with the extension of editors/vscode packaged into a
# .vsix; tests/editors/vscode.rs drives it with Chromium (chromium.sh) through
# playwright-core. Everything lands in $GLOSE_CI_CACHE/vscode, npm's cache included.
#
# code-server's own postinstall cannot run here (it downloads ripgrep from outside the
# registries), so its package is unpacked, its dependencies installed without scripts,
# the native modules built from source, and ripgrep taken from Debian.
vscode_code_server=4.100.3 # engines: node 20
vscode_playwright=1.65.1
vscode_cache="$GLOSE_CI_CACHE/vscode"
vscode_cs="$vscode_cache/code-server-$vscode_code_server"
mkdir -p "$vscode_cache"
vscode_started=$SECONDS

if ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' 2>/dev/null; then
  echo "vscode.sh: code-server $vscode_code_server needs node 20 or later on PATH" >&2
  exit 1
fi
apt_install build-essential pkg-config python3 libx11-dev libxkbfile-dev libsecret-1-dev libkrb5-dev ripgrep

(
  set -euo pipefail
  export npm_config_cache="$vscode_cache/npm-cache" npm_config_update_notifier=false \
    npm_config_fund=false npm_config_audit=false npm_config_yes=true npm_config_loglevel=error
  # node-gyp builds against the headers installed with node (it would download them).
  vscode_node_prefix=$(node -p 'require("path").resolve(process.execPath, "../..")')
  if [ -f "$vscode_node_prefix/include/node/node.h" ]; then
    export npm_config_nodedir="$vscode_node_prefix"
  fi
  # The extension: its locked dependencies, then the .vsix.
  cd editors/vscode
  npm ci --no-progress >/dev/null
  npm run -s package >/dev/null

  # playwright-core only (it drives the Chromium installed above; it downloads nothing).
  if [ "$(node -p "require('$vscode_cache/playwright/node_modules/playwright-core/package.json').version" 2>/dev/null)" != "$vscode_playwright" ]; then
    rm -rf "$vscode_cache/playwright"
    npm install --no-progress --no-save --prefix "$vscode_cache/playwright" "playwright-core@$vscode_playwright" >/dev/null
  fi

  # code-server, once: the stamp is written when every step has passed.
  if [ ! -f "$vscode_cs/.glose-installed" ]; then
    rm -rf "$vscode_cs" "$vscode_cache/pack"
    mkdir -p "$vscode_cs" "$vscode_cache/pack"
    (cd "$vscode_cache/pack" && npm pack --silent "code-server@$vscode_code_server" >/dev/null)
    tar xzf "$vscode_cache/pack/code-server-$vscode_code_server.tgz" -C "$vscode_cs" --strip-components=1
    rm -rf "$vscode_cache/pack"
    cd "$vscode_cs"
    npm install --no-progress --omit=dev --ignore-scripts >/dev/null
    npm rebuild argon2 >/dev/null
    cd lib/vscode
    npm install --no-progress --omit=dev --ignore-scripts >/dev/null
    # The native modules for Linux, built from source with node-gyp.
    native=$(node -e 'const p = require("./npm-shrinkwrap.json").packages;
      console.log(Object.keys(p).filter((k) => p[k].hasInstallScript && !/windows|ripgrep/.test(k) && !p[k].os)
        .map((k) => k.replace(/^.*node_modules\//, "")).join(" "))')
    # shellcheck disable=SC2086
    npm rebuild $native >/dev/null
    if [ -d node_modules/@vscode/ripgrep ]; then
      mkdir -p node_modules/@vscode/ripgrep/bin
      ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
    fi
    ln -sfn node_modules node_modules.asar
    (cd bin/remote-cli && ln -sf code-linux.sh code-server)
    (cd bin/helpers && ln -sf browser-linux.sh browser.sh)
    (cd extensions && npm install --no-progress --omit=dev >/dev/null)
    touch "$vscode_cs/.glose-installed"
  fi
)

GLOSE_CODE_SERVER="$vscode_cs/out/node/entry.js"
GLOSE_VSIX="$PWD/editors/vscode/$(node -p 'const p = require("./editors/vscode/package.json"); `${p.name}-${p.version}.vsix`')"
GLOSE_PLAYWRIGHT="$vscode_cache/playwright/node_modules"
export GLOSE_CODE_SERVER GLOSE_VSIX GLOSE_PLAYWRIGHT
echo "code-server $(node "$GLOSE_CODE_SERVER" --version | sed -n 1p) (npm), playwright-core $vscode_playwright (npm), $(basename "$GLOSE_VSIX"), $((SECONDS - vscode_started)) s"
