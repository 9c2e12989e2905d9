#!/usr/bin/env bash
# Makes docs/images/emacs.png: Emacs (in a terminal) with glose.el and Eglot on an
# article of examples/corpus, with a variant spelling put in: names coloured by type,
# Flymake's diagnostics, the hover card of a person in the *eldoc* buffer. Emacs runs in
# tmux; the screen is captured with its colours, turned into HTML by ansi2html and
# photographed by headless Chromium.
#
# Needs: emacs-nox and elpa-eglot (Emacs 28, Eglot 1.9) or Emacs 29+, tmux, chromium
# (Debian packages), ansi2html (PyPI) on PATH or in $ANSI2HTML, glose built
# (cargo build -p glose-cli).
# Not part of the tests: the picture is a documentation asset.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
emacs=${EMACS:-emacs}
ansi2html=${ANSI2HTML:-ansi2html}
glose=$repo/target/debug/glose
out=${1:-$repo/docs/images/emacs.png}
work=$(mktemp -d)
session=glose-emacs-screenshot-$$
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT

[ -x "$glose" ] || { echo "build glose first: cargo build -p glose-cli" >&2; exit 1; }
cp -r examples/corpus "$work/corpus"
article=$work/corpus/01-raqqa-reconstruction.txt
# One variant spelling, for the diagnostic.
python3 - "$article" <<'EOF'
import sys
path = sys.argv[1]
text = open(path, encoding='utf-8').read()
open(path, 'w', encoding='utf-8').write(
    text.replace('Bureau de relèvement de Raqqa', 'Bureau de Relèvement de Raqqa', 1))
EOF
mkdir -p "$work/home"
cat >"$work/init.el" <<EOF
(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(setq inhibit-startup-screen t make-backup-files nil create-lockfiles nil
      eldoc-echo-area-use-multiline-p nil nobreak-char-display nil)
(menu-bar-mode -1)
(add-to-list 'load-path "$repo/editors/emacs")
(require 'glose)
(setq glose-command '("$glose" "lsp"))
(glose-setup)
(add-hook 'text-mode-hook #'glose-eglot-ensure)
(add-hook 'text-mode-hook #'visual-line-mode)
(defun glose-screenshot-layout ()
  "The article above, the hover card and the diagnostics below."
  (let ((article (get-file-buffer "$article")))
    (with-current-buffer article
      (goto-char (point-min))
      (search-forward "Leïla Mansour")
      (goto-char (+ (match-beginning 0) 2))
      (flymake-show-buffer-diagnostics)
      (delete-other-windows)
      (let* ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover
                                     (eglot--TextDocumentPositionParams)))
             (card (eglot--hover-info (plist-get hover :contents)))
             (doc (get-buffer-create "*eldoc*")))
        (with-current-buffer doc
          (let ((inhibit-read-only t))
            (erase-buffer)
            (insert card)
            (goto-char (point-min))))
        (let* ((below (split-window (selected-window) -13))
               (diags (split-window below -4)))
          (set-window-buffer below doc)
          (set-window-buffer
           diags (get-buffer (format "*Flymake diagnostics for \`%s'*"
                                     (buffer-name article))))
          (set-window-start (selected-window) (point-min))))))
  (redisplay t))
(run-with-timer 4 nil #'glose-screenshot-layout)
EOF

cols=112 rows=40
(cd "$work/corpus" && HOME="$work/home" \
  tmux -f /dev/null new-session -d -s "$session" -x $cols -y $rows \
  "env TERM=xterm-256color COLORTERM= $emacs -nw -Q -l $work/init.el $article")
sleep 7
tmux capture-pane -t "$session" -e -p >"$work/pane.ansi"

"$ansi2html" -W -f 14px -t 'glose in Emacs' <"$work/pane.ansi" >"$work/pane.html"
style='<style>html, body { margin: 0; padding: 0; background: #000000; }
.body_foreground { color: #e5e5e5; } .body_background { background-color: #000000; }
pre.ansi2html-content { margin: 0; padding: 10px 12px; font-family: "DejaVu Sans Mono", monospace;
font-size: 14px; line-height: 1.17; white-space: pre; }</style>'
python3 - "$work/pane.html" "$style" <<'EOF'
import sys
path, style = sys.argv[1], sys.argv[2]
html = open(path, encoding='utf-8').read().replace('</head>', style + '</head>')
open(path, 'w', encoding='utf-8').write(html)
EOF
mkdir -p "$(dirname "$out")"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=958,680 \
  --screenshot="$out" "file://$work/pane.html" 2>/dev/null
ls -l "$out"
