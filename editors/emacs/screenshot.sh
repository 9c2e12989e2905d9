#!/usr/bin/env bash
# Makes docs/images/emacs.png: Emacs (in a terminal) with glose.el and Eglot on an
# article of examples/corpus, with a variant spelling put in: names coloured by type,
# Flymake's diagnostics, the hover card of a person in the *eldoc* buffer. Emacs runs in
# tmux; the screen is captured with its colours, turned into HTML by ansi2html and
# photographed by headless Chromium.
#
# `screenshot.sh --corrections` makes docs/images/corrections-emacs.png instead: the same
# article with the corrections of a person's name (M-x glose-correct, Eglot's code
# actions) listed in the *Completions* buffer.
#
# Usage: screenshot.sh [--corrections] [OUT]
#
# Needs: emacs-nox and elpa-eglot (Emacs 28, Eglot 1.9) or Emacs 29+, tmux, chromium
# (Debian packages), ansi2html (PyPI) on PATH or in $ANSI2HTML, glose built
# (cargo build -p glose-cli).
# Not part of the tests: the picture is a documentation asset.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=editors/screenshot-common.sh
source editors/screenshot-common.sh
screenshot_start emacs "$@"
emacs=${EMACS:-emacs}

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
(defun glose-screenshot-corrections ()
  "Point on a person's name, in the lower half of the window."
  (with-current-buffer (get-file-buffer "$article")
    (goto-char (point-min))
    (search-forward "Karim Haddad")
    (goto-char (+ (match-beginning 0) 2))
    (recenter -8))
  (redisplay t))
(run-with-timer 4 nil (if (string= "$corrections" "") #'glose-screenshot-layout
                        #'glose-screenshot-corrections))
EOF

cols=112 rows=40
(cd "$work/corpus" && HOME="$work/home" \
  tmux -f /dev/null new-session -d -s "$session" -x $cols -y $rows \
  "env TERM=xterm-256color COLORTERM= $emacs -nw -Q -l $work/init.el $article")
sleep 7
if [ -n "$corrections" ]; then
  # Eglot asks for the action in the minibuffer; TAB lists them all.
  screenshot_keys 0.3 M-x
  screenshot_keys 1.5 'glose-correct' Enter
  screenshot_keys 1 Tab
  screenshot_take 'glose corrections in Emacs' '#000000' '#e5e5e5' 958,680
  exit
fi
screenshot_take 'glose in Emacs' '#000000' '#e5e5e5' 958,680
