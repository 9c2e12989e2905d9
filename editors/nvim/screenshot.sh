#!/usr/bin/env bash
# Makes docs/images/nvim.png: Neovim 0.11 with the plugin on an article of
# examples/corpus (coloured entities, a variant spelling's diagnostic, the hover card of
# a person), run in tmux, the screen captured with its colours, turned into HTML by
# ansi2html and photographed by headless Chromium.
#
# `screenshot.sh --corrections` makes docs/images/corrections-nvim.png instead: the same
# article with :GloseCorrect's code action menu open on a person's name.
#
# Usage: screenshot.sh [--corrections] [OUT]
#
# Needs: tmux, chromium (Debian packages), ansi2html (PyPI) on PATH or in $ANSI2HTML,
# Neovim 0.11 as $NVIM (default nvim), glose built (cargo build -p glose-cli).
# Not part of the tests: the picture is a documentation asset.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=editors/screenshot-common.sh
source editors/screenshot-common.sh
screenshot_start nvim "$@"
nvim=${NVIM:-nvim}

"$nvim" --version | head -1 | grep -q '^NVIM v0\.1[1-9]' || { echo "NVIM must be Neovim 0.11+" >&2; exit 1; }
cp -r examples/corpus "$work/corpus"
mkdir -p "$work/home"
cat >"$work/init.lua" <<EOF
vim.opt.runtimepath:append('$repo/editors/nvim')
vim.o.termguicolors = true
vim.o.linebreak = true
vim.o.number = true
vim.o.signcolumn = 'yes'
vim.o.winborder = 'rounded'
vim.o.shortmess = vim.o.shortmess .. 'I'
vim.diagnostic.config({ virtual_text = true })
require('glose').setup({ cmd = { '$glose', 'lsp' } })
EOF

cols=112 rows=36
(cd "$work/corpus" && XDG_CONFIG_HOME="$work/home" XDG_DATA_HOME="$work/home" \
  XDG_STATE_HOME="$work/home" TERM=xterm-256color \
  tmux -f /dev/null new-session -d -s "$session" -x $cols -y $rows \
  "$nvim --clean -n -i NONE -u $work/init.lua 01-raqqa-reconstruction.txt")
sleep 2
if [ -n "$corrections" ]; then
  # The person's name near the top of the window, then the menu of its corrections.
  screenshot_keys 0.5 '/Karim Haddad' Enter
  screenshot_keys 0.5 ':noh | echo ""' Enter 'zb' 'l'
  screenshot_keys 1.5 ':GloseCorrect' Enter
  screenshot_take 'glose corrections in Neovim' '#14161b' '#e0e2ea' 958,590
  exit
fi
screenshot_keys 1 'Go' Enter 'À Deir es-zor, les prix baissent.' Escape
screenshot_keys 0.5 'gg/Leïla' Enter
screenshot_keys 0.3 ':noh | echo ""' Enter
screenshot_keys 1.5 K
screenshot_take 'glose in Neovim' '#14161b' '#e0e2ea' 958,590
