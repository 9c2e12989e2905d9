# shellcheck shell=bash
# What editors/emacs/screenshot.sh and editors/nvim/screenshot.sh share; they source it
# from the repository's root. An editor runs in a tmux session; its screen is captured
# with its colours, turned into HTML by ansi2html and photographed by headless Chromium.

# screenshot_start EDITOR [--corrections] [OUT]: the arguments of a screenshot script
# after its editor's name. Sets corrections (1 with --corrections, else empty), repo (the
# repository, the current folder), ansi2html ($ANSI2HTML, else ansi2html on PATH), glose
# (the debug build), out (OUT, else docs/images/EDITOR.png, or
# docs/images/corrections-EDITOR.png with --corrections), work (a new folder) and session
# (the tmux session's name); both go when the script exits.
screenshot_start() {
  local editor=$1
  shift
  corrections=
  if [ "${1:-}" = --corrections ]; then
    corrections=1
    shift
  fi
  repo=$PWD
  ansi2html=${ANSI2HTML:-ansi2html}
  # shellcheck disable=SC2034 # for the script that sources this
  glose=$repo/target/debug/glose
  out=${1:-$repo/docs/images/${corrections:+corrections-}$editor.png}
  work=$(mktemp -d)
  session=glose-$editor${corrections:+-corrections}-screenshot-$$
  trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
}

# screenshot_keys SECONDS KEY…: types the keys into the session's editor (tmux key
# names: Enter, Escape, M-x), then waits SECONDS for it to redraw.
screenshot_keys() {
  local wait=$1
  shift
  tmux send-keys -t "$session" "$@"
  sleep "$wait"
}

# screenshot_take TITLE BACKGROUND FOREGROUND WIDTH,HEIGHT: the session's screen as the
# picture $out, a page titled TITLE, its text FOREGROUND on BACKGROUND (CSS colours), in
# a window of WIDTH by HEIGHT pixels.
screenshot_take() {
  local title=$1 background=$2 foreground=$3 size=$4 style
  tmux capture-pane -t "$session" -e -p >"$work/pane.ansi"

  "$ansi2html" -W -f 14px -t "$title" <"$work/pane.ansi" >"$work/pane.html"
  style="<style>html, body { margin: 0; padding: 0; background: $background; }
.body_foreground { color: $foreground; } .body_background { background-color: $background; }
pre.ansi2html-content { margin: 0; padding: 10px 12px; font-family: \"DejaVu Sans Mono\", monospace;
font-size: 14px; line-height: 1.17; white-space: pre; }</style>"
  python3 - "$work/pane.html" "$style" <<'EOF'
import sys
path, style = sys.argv[1], sys.argv[2]
html = open(path, encoding='utf-8').read().replace('</head>', style + '</head>')
open(path, 'w', encoding='utf-8').write(html)
EOF
  mkdir -p "$(dirname "$out")"
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$size" \
    --screenshot="$out" "file://$work/pane.html" 2>/dev/null
  ls -l "$out"
}
