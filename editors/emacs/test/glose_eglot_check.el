;;; glose_eglot_check.el --- end-to-end check of `glose lsp' in Emacs with Eglot  -*- lexical-binding: t -*-

;;; Commentary:

;; Run in `emacs -Q --batch' (Emacs 28 and Eglot 1.9 from Debian 12, or later).  Loads
;; ../glose.el as a user would, opens one article of a corpus, lets `glose-eglot-ensure'
;; start the server, and runs named checks, each written to a JSON result file:
;;
;;   glose_setup           glose.el registers the server for text-mode in Eglot
;;   server_connected      Eglot starts and connects to the server, which says it is glose
;;   project_root          the server runs on the corpus's folder (the one with glose.toml),
;;                         found by glose.el, with no version control
;;   diagnostics_variant   Flymake shows a `variant-spelling' diagnostic naming the
;;                         variant and the KB's spelling, exactly on the variant
;;   semantic_faces        glose-highlight-mode colours the entity, exactly its name, with
;;                         the face of its type and `glose-linked' (KB), and the article
;;                         has at least four types of names coloured
;;   hover_entity          hover on an entity of the KB, rendered by Eglot, shows its name
;;                         and description
;;   definition_kb         go to definition (xref, as M-. does) jumps into the entity's
;;                         entry of the KB file
;;   references            find references gives the KB entry and the mentions in the
;;                         article, the one under the cursor included
;;   mentions              glose-mentions (glose/mentions by id) gives the same places as
;;                         find references, and shows them in the *xref* buffer
;;   quotes                glose-quotes on the entity (its quotes across the corpus), on
;;                         a word that is no name (the article's), by the entity's id, and
;;                         with an empty id (the corpus's): the quotes `glose annotate'
;;                         finds, each at its exact place; in the *xref* buffer, RET on
;;                         the entity's quote goes to it in the article
;;   status                glose-status (glose/status): one folder, the corpus's, indexed,
;;                         with as many articles as the folder has .txt files
;;   change_line_inserted  after a line is inserted at the top, the diagnostic moves down
;;                         one line (incremental didChange)
;;   change_within_line    after « é 😷 » is inserted before the variant on its line, the
;;                         diagnostic still covers exactly the variant (UTF-16 columns)
;;   semantic_after_edit   the variant, after that insertion, is coloured as an
;;                         organisation, exactly on its text
;;   settings_level        glose-send-settings with level "warning" hides the hint, and
;;                         with "hint" brings it back
;;   reindex               an article written on disk, unseen while file watching is off,
;;                         is in the mentions and the status after glose-reindex
;;   correct_reject        glose-correct on a person (Eglot's code actions, the menu
;;                         answered by title) offers correction actions only; "Not an
;;                         entity: «…»" writes a `reject' line for the name to the
;;                         corpus's .glose/corrections.jsonl, and the name loses its
;;                         colour (the entity keeps its own)
;;   correct_tag           glose-correct on a region of words no tagger tags, "Tag «…»
;;                         as LOC": a `tag' line with LOC, and the words coloured as a
;;                         place, exactly
;;   shutdown              the server exits when Eglot shuts it down
;;
;; Every check appears in the result, passed or not.  Each step waits at most
;; GLOSE_STEP_TIMEOUT_S seconds, and the whole run GLOSE_WALL_S; run Emacs under
;; `timeout' as well.
;;
;; Environment:
;;   GLOSE_LSP_CMD        the server command, a JSON array (["glose", "lsp"]) (required)
;;   GLOSE_ARTICLE        the article to open (required)
;;   GLOSE_VARIANT        text of the article flagged `variant-spelling' (required)
;;   GLOSE_CANONICAL      how the KB writes it (required)
;;   GLOSE_ENTITY         an entity's name as written in the article and the KB (required)
;;   GLOSE_ENTITY_ID      its id in the KB (required)
;;   GLOSE_ENTITY_DESCRIPTION  its description in the KB (required)
;;   GLOSE_ENTITY_TYPE    its semantic token type (default person)
;;   GLOSE_REJECT         a person of the article, rejected by a correction (required)
;;   GLOSE_TAG            words of the article no tagger tags, tagged LOC by a
;;                        correction (required)
;;   GLOSE_ROOT           the corpus folder (default: the article's folder)
;;   GLOSE_KB             the KB file with the entity (default: GLOSE_ROOT/kb/example.toml)
;;   GLOSE_EL             glose.el (default: ../glose.el beside this file)
;;   GLOSE_OUT            the JSON result (default: GLOSE_ARTICLE.eglot.json); Eglot's
;;                        protocol log goes beside it, in GLOSE_OUT.events
;;   GLOSE_STEP_TIMEOUT_S time limit of each step (default 15)
;;   GLOSE_WALL_S         time limit of the whole run (default 55)
;;
;; Run:
;;   emacs -Q --batch -l editors/emacs/test/glose_eglot_check.el
;; Exit status: 0 = every check passed, 1 = a check failed, 2 = error in this script,
;; 3 = the whole run took longer than GLOSE_WALL_S.

;;; Code:

(require 'cl-lib)
(require 'json)
(require 'subr-x)

(defconst gc-checks
  '("glose_setup" "server_connected" "project_root" "diagnostics_variant" "semantic_faces"
    "hover_entity" "definition_kb" "references" "mentions" "quotes" "status"
    "change_line_inserted" "change_within_line" "semantic_after_edit" "settings_level"
    "reindex" "correct_reject" "correct_tag" "shutdown")
  "Every check, in order.")

(defvar gc-dir (file-name-directory (or load-file-name buffer-file-name)))
(defvar gc-t0 (float-time))
(defvar gc-results nil "The checks so far, last first.")
(defvar gc-errors nil)
(defvar gc-server nil)

(defun gc-env (name &optional default)
  (let ((v (getenv name)))
    (if (or (null v) (string= v "")) default v)))

(defun gc-env! (name)
  (or (gc-env name) (error "%s is not set" name)))

(defun gc-ms () (round (* 1000 (- (float-time) gc-t0))))

(defvar gc-out (gc-env "GLOSE_OUT" (concat (gc-env "GLOSE_ARTICLE" "glose") ".eglot.json")))
(defvar gc-step (string-to-number (gc-env "GLOSE_STEP_TIMEOUT_S" "15")))

(defun gc-check (name ok &optional detail)
  "Record check NAME as passed if OK, with DETAIL; return OK."
  (push `((name . ,name) (ok . ,(if ok t :json-false))
          (detail . ,(if (stringp detail) detail (format "%S" detail)))
          (at_ms . ,(gc-ms)))
        gc-results)
  (princ (format "glose-eglot-check: %-21s %s %s\n" name (if ok "ok" "FAILED")
                 (if (stringp detail) detail (format "%S" detail))))
  ok)

(defun gc-wait (pred &optional secs)
  "Wait until PRED returns non-nil, at most SECS (default the step's limit)."
  (let ((deadline (+ (float-time) (or secs gc-step))) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    v))

(defun gc-eglot-version ()
  (let ((desc (cadr (assq 'eglot package-alist))))
    (if desc (package-version-join (package-desc-version desc)) "built-in")))

(defun gc-write-result ()
  "Write the JSON result and Eglot's protocol log."
  (let* ((events (concat gc-out ".events"))
         (names (mapcar (lambda (c) (alist-get 'name c)) gc-results))
         (missing (cl-remove-if (lambda (n) (member n names)) gc-checks))
         (checks (append (reverse gc-results)
                         (mapcar (lambda (n) `((name . ,n) (ok . :json-false)
                                               (detail . "not reached") (at_ms . nil)))
                                 missing))))
    (when (and gc-server (buffer-live-p (jsonrpc-events-buffer gc-server)))
      (ignore-errors
        (with-current-buffer (jsonrpc-events-buffer gc-server)
          (write-region nil nil events nil 'silent))))
    (with-temp-file gc-out
      (insert (json-encode
               `((emacs . ,emacs-version)
                 (eglot . ,(gc-eglot-version))
                 (elapsed_ms . ,(gc-ms))
                 (checks . ,(vconcat checks))
                 (errors . ,(vconcat (reverse gc-errors)))
                 (events_log . ,events)))))
    checks))

(defun gc-finish (code)
  "Write the result and exit with CODE (0 only if every check passed)."
  (let* ((checks (gc-write-result))
         (all-ok (cl-every (lambda (c) (eq (alist-get 'ok c) t)) checks))
         (code (if (and (= code 0) (not all-ok)) 1 code)))
    (princ (format "glose-eglot-check: exit %d after %d ms\n" code (gc-ms)))
    (kill-emacs code)))

;; The whole run has a time limit: timers run while Emacs waits for the server.
(run-with-timer (string-to-number (gc-env "GLOSE_WALL_S" "55")) nil
                (lambda ()
                  (push (format "the run took longer than %s s" (gc-env "GLOSE_WALL_S" "55"))
                        gc-errors)
                  (gc-finish 3)))

;;; Helpers on the article's buffer

(defun gc-line-col (pos)
  "POS as (LINE COLUMN), both from 1, in characters."
  (save-excursion (goto-char pos) (list (line-number-at-pos) (1+ (current-column)))))

(defun gc-variant-diagnostics ()
  "Flymake's `variant-spelling' diagnostics of the buffer about the variant."
  (let ((variant (gc-env! "GLOSE_VARIANT")))
    (cl-remove-if-not
     (lambda (d)
       (let ((text (flymake-diagnostic-text d)))
         (and (string-search "[variant-spelling]" text)
              (string-search (format "«%s»" variant) text))))
     (flymake-diagnostics))))

(defun gc-region-of (text)
  "Where TEXT is in the buffer: (BEG . END) of its first occurrence, or nil."
  (save-excursion
    (goto-char (point-min))
    (when (search-forward text nil t)
      (cons (match-beginning 0) (match-end 0)))))

(defun gc-variant-region ()
  "Where the variant is in the buffer: (BEG . END) of its first occurrence."
  (gc-region-of (gc-env! "GLOSE_VARIANT")))

(defun gc-diagnostic-on-variant ()
  "The variant's diagnostic if it covers exactly the variant as the buffer has it."
  (let ((region (gc-variant-region)))
    (cl-find-if (lambda (d) (and region
                                 (= (flymake-diagnostic-beg d) (car region))
                                 (= (flymake-diagnostic-end d) (cdr region))))
                (gc-variant-diagnostics))))

(defun gc-describe-diagnostics ()
  (mapcar (lambda (d) (list (gc-line-col (flymake-diagnostic-beg d))
                            (gc-line-col (flymake-diagnostic-end d))
                            (flymake-diagnostic-text d)))
          (flymake-diagnostics)))

(defun gc-entity-region ()
  "(BEG . END) of the first mention of the entity."
  (gc-region-of (gc-env! "GLOSE_ENTITY")))

(defun gc-token-faces (region)
  "The faces of the glose overlay covering exactly REGION, if any."
  (and region
       (cl-loop for ov in (overlays-at (car region))
                when (and (overlay-get ov 'glose-token)
                          (= (overlay-start ov) (car region))
                          (= (overlay-end ov) (cdr region)))
                return (overlay-get ov 'face))))

(defun gc-faces-in-buffer ()
  "The token faces of the buffer, each once (not the modifiers')."
  (let (faces)
    (dolist (ov (overlays-in (point-min) (point-max)))
      (when (overlay-get ov 'glose-token)
        (dolist (f (overlay-get ov 'face))
          (unless (eq f 'glose-linked) (cl-pushnew f faces)))))
    (sort faces #'string<)))

(defun gc-article-count (root)
  "How many articles (.txt files, not hidden) ROOT holds, at any depth.
Emacs's lock files (.#NAME.txt) are left out."
  (length (directory-files-recursively root "\\`[^.].*\\.txt\\'")))

(defun gc-place< (a b)
  "Order (FILE LINE) pairs."
  (or (string< (car a) (car b))
      (and (string= (car a) (car b)) (< (cadr a) (cadr b)))))

(defun gc-goto-entity ()
  "Put point inside the first mention of the entity; return point."
  (goto-char (point-min))
  (search-forward (gc-env! "GLOSE_ENTITY"))
  (goto-char (+ (match-beginning 0) 2)))

(defun gc-xref-summary (xrefs)
  (mapcar (lambda (x)
            (let ((loc (xref-item-location x)))
              (list (file-name-nondirectory (xref-location-group loc))
                    (xref-location-line loc))))
          xrefs))

;;; Quotes

(defun gc-cli-quotes (root program)
  "The quotes `glose annotate' (PROGRAM) finds in ROOT, in the order of the files.
Each is a plist: :place \"FILE:LINE:COLUMN\" (line from 1, column in
characters from 0, as xref has them), :file, :entity (the speaker's
entity id) and :text."
  (let ((json-object-type 'plist) (json-array-type 'vector) (json-key-type 'keyword)
        (coding-system-for-read 'utf-8-unix)
        out)
    (with-temp-buffer
      (unless (eq 0 (call-process program nil t nil "annotate" "--format" "jsonl" root))
        (error "glose annotate failed: %s" (buffer-string)))
      (goto-char (point-min))
      (while (not (eobp))
        (let ((line (buffer-substring-no-properties (point) (line-end-position))))
          (unless (string-empty-p (string-trim line))
            (let* ((doc (json-read-from-string line))
                   (file (plist-get doc :path))
                   (name (file-name-nondirectory file)))
              (with-temp-buffer
                (insert-file-contents file)
                (cl-loop for a across (plist-get doc :annotations)
                         when (equal (plist-get a :label) "QUOTE")
                         do (goto-char (byte-to-position (1+ (plist-get a :start))))
                         (push (list :place (format "%s:%d:%d" name (line-number-at-pos)
                                                    (- (point) (line-beginning-position)))
                                     :file name
                                     :entity (plist-get (plist-get a :attrs) :speaker_entity)
                                     :text (plist-get a :text))
                               out))))))
        (forward-line 1)))
    (nreverse out)))

(defun gc-xref-places (xrefs)
  "The places of XREFS as \"FILE:LINE:COLUMN\", sorted."
  (sort (mapcar (lambda (x)
                  (let ((loc (xref-item-location x)))
                    (format "%s:%d:%d" (file-name-nondirectory (xref-location-group loc))
                            (xref-location-line loc) (xref-file-location-column loc))))
                xrefs)
        #'string<))

(defun gc-quote-places (quotes)
  "The places of QUOTES (of `gc-cli-quotes'), sorted."
  (sort (mapcar (lambda (q) (plist-get q :place)) quotes) #'string<))

;;; Corrections

(defun gc-corrections (root)
  "The lines of ROOT's .glose/corrections.jsonl, as plists."
  (let ((file (expand-file-name ".glose/corrections.jsonl" root))
        (json-object-type 'plist) (json-array-type 'vector) (json-key-type 'keyword)
        (coding-system-for-read 'utf-8-unix))
    (when (file-exists-p file)
      (with-temp-buffer
        (insert-file-contents file)
        (cl-loop for line in (split-string (buffer-string) "\n" t)
                 collect (json-read-from-string line))))))

(defun gc-correction (root file decision text &optional label)
  "The line of ROOT's corrections of FILE (relative) with DECISION, TEXT and LABEL."
  (cl-find-if (lambda (c) (and (equal (plist-get c :file) file)
                               (equal (plist-get c :decision) decision)
                               (equal (plist-get c :text) text)
                               (or (null label) (equal (plist-get c :label) label))))
              (gc-corrections root)))

(defun gc-pick (prefix)
  "Run `glose-correct' as a key would, Eglot's menu answered with the first
action whose title starts with PREFIX.  Return the menu: the titles and
kinds offered, and the title picked."
  (let (titles kinds picked)
    (cl-letf (((symbol-function 'completing-read)
               (lambda (_prompt collection &rest _)
                 (setq titles (mapcar #'car collection)
                       kinds (mapcar (lambda (c) (plist-get (cdr c) :kind)) collection)
                       picked (cl-find-if (lambda (title) (string-prefix-p prefix title))
                                          titles))
                 (or picked ""))))
      ;; Not a mouse event: Eglot asks with `completing-read'.
      (let ((last-nonmenu-event ?\r))
        (condition-case e
            (call-interactively #'glose-correct)
          (error (push (format "glose-correct: %S" e) gc-errors)))))
    (list :titles titles :kinds kinds :picked picked)))

(defun gc-only-corrections (menu)
  "Whether MENU offered actions, all of the correction kind."
  (let ((kinds (plist-get menu :kinds)))
    (and kinds (cl-every (lambda (k) (equal k glose-correct-kind)) kinds))))

;;; The run

(defun gc-send-changes ()
  "Send the buffer's edits to the server, as Eglot's idle timer does in a session
(idle timers do not run in batch mode)."
  (eglot--signal-textDocument/didChange))


(defun gc-run ()
  (let* ((article (expand-file-name (gc-env! "GLOSE_ARTICLE")))
         (root (file-name-as-directory
                (expand-file-name (gc-env "GLOSE_ROOT" (file-name-directory article)))))
         (kb (expand-file-name (gc-env "GLOSE_KB" (expand-file-name "kb/example.toml" root))))
         (cmd (append (json-read-from-string (gc-env! "GLOSE_LSP_CMD")) nil))
         (entity (gc-env! "GLOSE_ENTITY"))
         (entity-type (gc-env "GLOSE_ENTITY_TYPE" "person"))
         (description (gc-env! "GLOSE_ENTITY_DESCRIPTION"))
         (entity-id (gc-env! "GLOSE_ENTITY_ID"))
         (canonical (gc-env! "GLOSE_CANONICAL"))
         (article-buffer nil))
    ;; Debian's elpa-* packages, which `emacs -Q' leaves out.
    (require 'package)
    (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
    (package-initialize)
    (require 'eglot)
    (setq eglot-sync-connect gc-step
          eglot-connect-timeout gc-step
          eglot-send-changes-idle-time 0.1
          eglot-autoshutdown nil
          jsonrpc-default-request-timeout gc-step)

    ;; glose.el, set up as its commentary says.
    (load (expand-file-name (gc-env "GLOSE_EL" (expand-file-name "../glose.el" gc-dir))) nil t)
    (setq glose-command cmd)
    (glose-setup)
    (add-hook 'text-mode-hook #'glose-eglot-ensure)
    (let ((entry (car eglot-server-programs)))
      (gc-check "glose_setup"
                (and (memq 'text-mode (car entry))
                     (equal (car (glose--contact)) (car cmd)))
                (list (car entry) (glose--contact))))

    ;; Open the article; Eglot starts when the command that opened it ends.
    (find-file article)
    (setq article-buffer (current-buffer))
    (run-hooks 'post-command-hook)
    (setq gc-server (gc-wait (lambda () (eglot-current-server))))
    (let ((info (and gc-server (eglot--server-info gc-server))))
      (gc-check "server_connected"
                (and gc-server (jsonrpc-running-p gc-server)
                     (equal (plist-get info :name) "glose"))
                (list major-mode info)))
    (unless gc-server (error "no server"))
    (let* ((project (eglot--project gc-server))
           (project-root (project-root project)))
      (gc-check "project_root"
                (and (eq (car-safe project) 'glose)
                     (string= (file-name-as-directory project-root) root))
                project))

    ;; Diagnostics, as Flymake shows them.
    (let* ((got (gc-wait #'gc-diagnostic-on-variant))
           (text (and got (flymake-diagnostic-text got))))
      (gc-check "diagnostics_variant"
                (and got (string-search (format "«%s»" canonical) text)
                     (eq (flymake-diagnostic-type got) 'eglot-note))
                (list :variant (gc-variant-region) :all (gc-describe-diagnostics))))

    ;; Colours: glose-highlight-mode's overlays, from the semantic tokens.
    (let* ((region (gc-entity-region))
           (face (intern (concat "glose-" entity-type)))
           (faces (gc-wait (lambda () (let ((f (gc-token-faces region)))
                                        (and (memq face f) (memq 'glose-linked f) f))))))
      (gc-check "semantic_faces"
                (and faces glose-highlight-mode
                     (>= (length (gc-faces-in-buffer)) 4))
                (list :entity region :faces (gc-token-faces region)
                      :types (gc-faces-in-buffer))))

    ;; Hover on the entity, as Eglot renders it.
    (gc-goto-entity)
    (let* ((res (jsonrpc-request gc-server :textDocument/hover
                                 (eglot--TextDocumentPositionParams)))
           (contents (plist-get res :contents))
           (text (and contents (eglot--hover-info contents))))
      (gc-check "hover_entity"
                (and text (string-search entity text) (string-search description text))
                text))

    ;; Go to definition, as M-. does it.
    (gc-goto-entity)
    (let* ((xrefs (ignore-errors (xref-backend-definitions 'eglot "LSP identifier at point")))
           (jumped (ignore-errors
                     (xref-find-definitions "LSP identifier at point")
                     (current-buffer)))
           (entry (and jumped (equal (buffer-file-name jumped) kb)
                       (with-current-buffer jumped
                         (save-excursion
                           ;; From the entry's [[entity]] line to the next one.
                           (end-of-line)
                           (let* ((beg (or (re-search-backward "^\\[\\[entity\\]\\]" nil t)
                                           (point-min)))
                                  (end (progn (forward-line 1)
                                              (or (and (re-search-forward "^\\[\\[entity\\]\\]" nil t)
                                                       (match-beginning 0))
                                                  (point-max)))))
                             (buffer-substring-no-properties beg end)))))))
      (gc-check "definition_kb"
                (and entry (string-search (format "id = \"%s\"" entity-id) entry))
                (list :xrefs (gc-xref-summary xrefs)
                      :buffer (and jumped (buffer-file-name jumped))
                      :line (and jumped (with-current-buffer jumped (line-number-at-pos))))))
    (switch-to-buffer article-buffer)

    ;; Find references.
    (gc-goto-entity)
    (let* ((here (line-number-at-pos))
           (xrefs (ignore-errors (xref-backend-references 'eglot "LSP identifier at point")))
           (places (gc-xref-summary xrefs)))
      (gc-check "references"
                (and (cl-find (file-name-nondirectory kb) places :key #'car :test #'equal)
                     (member (list (file-name-nondirectory article) here) places)
                     (>= (length places) 3))
                places))

    ;; glose-mentions: the KB entry and the mentions, from glose/mentions.
    (let* ((xrefs (glose-mentions-xrefs entity-id))
           (places (gc-xref-summary xrefs))
           (references (gc-xref-summary
                        (ignore-errors (xref-backend-references 'eglot "LSP identifier at point"))))
           (shown (progn (glose-mentions entity-id)
                         (let ((b (get-buffer "*xref*")))
                           (and b (with-current-buffer b
                                    (and (string-search (file-name-nondirectory article)
                                                        (buffer-string))
                                         (string-search (file-name-nondirectory kb)
                                                        (buffer-string)))))))))
      (switch-to-buffer article-buffer)
      (gc-check "mentions"
                (and (>= (length places) 3)
                     (equal (sort (copy-sequence places) #'gc-place<)
                            (sort (copy-sequence references) #'gc-place<))
                     shown)
                (list :mentions places :references references :xref-buffer (and shown t))))

    ;; glose-quotes, in its four uses, against the quotes of `glose annotate'.
    (let* ((cli (gc-cli-quotes root (car cmd)))
           (name (file-name-nondirectory article))
           (theirs (cl-remove-if-not (lambda (q) (equal (plist-get q :entity) entity-id)) cli))
           (here (cl-remove-if-not (lambda (q) (equal (plist-get q :file) name)) cli))
           (cases nil)
           (good t))
      (cl-flet ((try (label expected thunk)
                  (switch-to-buffer article-buffer)
                  (let* ((xrefs (funcall thunk))
                         (same (equal (gc-xref-places xrefs) (gc-quote-places expected)))
                         (texts (cl-every (lambda (q)
                                            (cl-some (lambda (x)
                                                       (string-search
                                                        (replace-regexp-in-string
                                                         "[[:space:]\n]+" " " (plist-get q :text))
                                                        (xref-item-summary x)))
                                                     xrefs))
                                          expected)))
                    (setq good (and good same texts (> (length expected) 0)))
                    (push (list label :count (length xrefs) :expected (length expected)
                                :same-places same :texts texts
                                :first (and xrefs (xref-item-summary (car xrefs))))
                          cases))))
        ;; On the entity: its quotes, across the corpus.
        (try "at-entity" theirs (lambda () (gc-goto-entity) (glose-quotes)))
        ;; RET on its quote in the *xref* buffer: the quote in the article.
        (let* ((quote-text (plist-get (car theirs) :text))
               (jumped (with-current-buffer "*xref*"
                         (goto-char (point-min))
                         (and (search-forward (replace-regexp-in-string
                                               "[[:space:]\n]+" " " (substring quote-text 0 12))
                                              nil t)
                              (progn (xref-goto-xref) t)
                              (and (equal (buffer-file-name) article)
                                   (looking-at (regexp-quote quote-text)))))))
          (setq good (and good jumped))
          (push (list "jump" :to-quote jumped :buffer (buffer-name)) cases))
        ;; On a word that is no name: the article's quotes.
        (try "at-other-word" here
             (lambda () (goto-char (point-min)) (forward-line 2) (glose-quotes)))
        (try "by-id" theirs (lambda () (glose-quotes entity-id)))
        (try "corpus" cli (lambda () (glose-quotes ""))))
      (switch-to-buffer article-buffer)
      (gc-check "quotes" (and good (> (length cli) (length theirs)))
                (reverse cases)))

    ;; glose-status: the corpus folder, indexed, with its articles.
    (let* ((folders (glose-status))
           (f (car folders)))
      (gc-check "status"
                (and (= (length folders) 1)
                     (string= (file-name-as-directory (plist-get f :root)) root)
                     (eq (plist-get f :indexed) t)
                     (= (plist-get f :articles) (gc-article-count root)))
                (list :folders folders :articles (gc-article-count root))))

    ;; Edits: a line inserted at the top.
    (let ((before (car (gc-line-col (car (gc-variant-region))))))
      (goto-char (point-min))
      (insert "Ligne ajoutée dans Emacs.\n")
      (gc-send-changes)
      (gc-check "change_line_inserted"
                (gc-wait (lambda () (let ((d (gc-diagnostic-on-variant)))
                                      (and d (= (car (gc-line-col (flymake-diagnostic-beg d)))
                                                (1+ before))))))
                (list :before before :now (gc-describe-diagnostics))))

    ;; Then text with an accent and an emoji (two UTF-16 units) before the variant.
    (goto-char (car (gc-variant-region)))
    (insert "« é 😷 » ")
    (gc-send-changes)
    (gc-check "change_within_line"
              (gc-wait (lambda () (let ((d (gc-diagnostic-on-variant)))
                                    (and d (> (cadr (gc-line-col (flymake-diagnostic-beg d))) 1)
                                         (save-excursion
                                           (goto-char (flymake-diagnostic-beg d))
                                           (looking-back "« é 😷 » " (line-beginning-position)))))))
              (list :variant (gc-variant-region) :all (gc-describe-diagnostics)))

    ;; The colours follow the edit: the variant, after the emoji, keeps its own.
    (gc-check "semantic_after_edit"
              (gc-wait (lambda () (memq 'glose-organization
                                        (gc-token-faces (gc-variant-region)))))
              (list :variant (gc-variant-region)
                    :faces (gc-token-faces (gc-variant-region))))

    ;; Settings sent while running: the hint goes away at level "warning", then comes back.
    (setq glose-diagnostics-level "warning")
    (glose-send-settings)
    (let ((hidden (gc-wait (lambda () (null (gc-variant-diagnostics))))))
      (setq glose-diagnostics-level "hint")
      (glose-send-settings)
      (gc-check "settings_level"
                (and hidden (gc-wait #'gc-diagnostic-on-variant))
                (list :hidden (and hidden t) :all (gc-describe-diagnostics))))

    ;; glose-reindex: an article written on disk while the editor does not watch the
    ;; files (the watch the server registered is dropped) is seen after re-indexing only.
    (let* ((watched (and (gethash "glose-watch" (eglot--file-watches gc-server)) t))
           (added (expand-file-name "99-ajout-emacs.txt" root))
           (mentioned (lambda () (cl-find (file-name-nondirectory added)
                                          (gc-xref-summary (glose-mentions-xrefs entity-id))
                                          :key #'car :test #'equal)))
           (count (gc-article-count root)))
      (eglot-unregister-capability gc-server 'workspace/didChangeWatchedFiles "glose-watch")
      (let ((coding-system-for-write 'utf-8-unix))
        (write-region (format "Un article ajouté sur le disque cite %s une fois.\n" entity)
                      nil added nil 'silent))
      (let ((before (gc-wait mentioned 1.0)))
        (glose-reindex)
        (let ((after (gc-wait (lambda ()
                                (and (funcall mentioned)
                                     (let ((f (car (glose-status))))
                                       (and (eq (plist-get f :indexed) t)
                                            (= (plist-get f :articles) (1+ count)))))))))
          (gc-check "reindex"
                    (and watched (not before) after)
                    (list :watched watched :seen-before before :seen-after after
                          :status (glose-status))))))

;; Corrections, from Eglot's code actions through glose-correct.
    (switch-to-buffer article-buffer)
    (transient-mark-mode 1)
    (deactivate-mark)
    (let* ((name (file-name-nondirectory article))
           (rejected (gc-env! "GLOSE_REJECT"))
           (region (gc-region-of rejected))
           (before (gc-wait (lambda () (memq 'glose-person (gc-token-faces region)))))
           (menu (progn (goto-char (+ (car region) 2))
                        (gc-pick (format "Not an entity: «%s»" rejected))))
           (line (gc-wait (lambda () (gc-correction root name "reject" rejected))))
           (gone (and line
                      (gc-wait (lambda ()
                                 (and (null (gc-token-faces (gc-region-of rejected)))
                                      (gc-token-faces (gc-entity-region))))))))
      (gc-check "correct_reject"
                (and before (plist-get menu :picked) (gc-only-corrections menu) line gone)
                (list :before (and before t) :menu menu :line line :uncoloured (and gone t)
                      :faces (gc-token-faces (gc-region-of rejected)))))
    (let* ((name (file-name-nondirectory article))
           (words (gc-env! "GLOSE_TAG"))
           (region (gc-region-of words))
           (before (gc-token-faces region))
           (menu (progn (goto-char (car region))
                        (push-mark (cdr region) t t)
                        (prog1 (gc-pick (format "Tag «%s» as LOC" words))
                          (deactivate-mark))))
           (line (gc-wait (lambda () (gc-correction root name "tag" words "LOC"))))
           (coloured (and line
                          (gc-wait (lambda () (memq 'glose-place
                                                    (gc-token-faces (gc-region-of words))))))))
      (gc-check "correct_tag"
                (and (null before) (plist-get menu :picked) (gc-only-corrections menu)
                     line coloured)
                (list :before before :menu menu :line line
                      :faces (gc-token-faces (gc-region-of words)))))

    ;; Shutdown: the server answers `shutdown', then exits with status 0 on `exit' (sent
    ;; here as eglot-shutdown does, which then deletes the process without waiting).
    (gc-write-result)
    (let* ((process (jsonrpc--process gc-server))
           (answered (condition-case e
                         (progn (jsonrpc-request gc-server :shutdown nil) t)
                       (error (list 'error e)))))
      ;; As eglot-shutdown does: Eglot does not restart a server it asked to stop.
      (setf (eglot--shutdown-requested gc-server) t)
      (jsonrpc-notify gc-server :exit nil)
      (gc-wait (lambda () (not (process-live-p process))))
      (gc-check "shutdown"
                (and (eq answered t) (eq (process-status process) 'exit)
                     (= (process-exit-status process) 0))
                (list :shutdown answered :status (process-status process)
                      :exit (process-exit-status process))))
    (ignore-errors (eglot-shutdown gc-server nil nil t))
    (gc-finish 0)))

(condition-case err
    (gc-run)
  (error
   (push (format "%S" err) gc-errors)
   (princ (format "glose-eglot-check: error %S\n" err))
   (gc-finish 2)))

;;; glose_eglot_check.el ends here
