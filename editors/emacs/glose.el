;;; glose.el --- glose's language server in Emacs, through Eglot  -*- lexical-binding: t -*-

;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; Keywords: languages, tools

;;; Commentary:

;; `glose lsp' is the language server of glose: in the articles of a corpus it shows
;; the taggers' diagnostics, a card for the name under the cursor (hover), the entity's
;; knowledge-base entry (go to definition), its mentions (find references), and more.
;; See docs/editors.md in glose's repository.
;;
;; This file tells Eglot how to run it:
;;
;;   (add-to-list 'load-path "/path/to/glose/editors/emacs")
;;   (require 'glose)
;;   (glose-setup)                     ; register the server, find corpus roots
;;   (add-hook 'text-mode-hook #'glose-eglot-ensure)   ; optional: start it by itself
;;
;; `glose-setup' does three things:
;;
;; - it adds `glose-eglot-modes' (`text-mode', and `conf-toml-mode' for glose.toml
;;   and the KB files) to `eglot-server-programs' with the command `glose-command',
;;   sending the settings below as the server's initialization options;
;; - it makes a folder with a glose.toml a project of its own when Eglot looks for
;;   one (other project.el commands are left alone), so that Eglot starts the server
;;   on the corpus's folder (with its KB), also when the corpus is not under version
;;   control or sits inside a larger repository;
;; - it turns on `glose-highlight-mode' in the buffers glose's server manages.
;;
;; With `glose-eglot-ensure' in `text-mode-hook', opening a .txt file under a folder
;; with a glose.toml (or glose.toml and the KB files, in `conf-toml-mode') starts the
;; server; elsewhere nothing happens.  Otherwise, M-x eglot in an article.
;;
;; In the buffers glose's server manages:
;;
;; - `glose-highlight-mode' colours the names, dates, quantities and quotes by type
;;   (faces `glose-person', `glose-organization', `glose-place', `glose-date',
;;   `glose-quantity', `glose-quote', `glose-entity', and `glose-linked' added for a
;;   name of the knowledge base), from the server's semantic tokens: Eglot 1.9 does
;;   not ask for them itself;
;; - M-x glose-mentions: the KB entry and every mention of an entity, by id (with
;;   completion on the corpus's entities), in an *xref* buffer;
;; - M-x glose-quotes: in an *xref* buffer, the quotes of the person or organisation
;;   at point across the corpus, else those of the article, each with its speaker
;;   and verb (RET jumps to it); with C-u, of an entity by id (with completion), or
;;   of the whole corpus;
;; - M-x glose-status: each corpus folder, indexed or not, its articles and entities;
;; - M-x glose-reindex: load glose.toml and the KB again and index the corpus anew;
;; - M-x glose-correct: the analyst's corrections of the annotation at point, or of
;;   the region (tag it), as Eglot's code actions of kind `refactor.glose.correct':
;;   the one picked is written to the corpus's .glose/corrections.jsonl, and the
;;   article is analysed and coloured again.
;;
;; The settings are the options of the `glose' group (M-x customize-group RET glose).
;; They are read when the server starts; after changing them, M-x glose-send-settings
;; sends them to the running servers.  Per corpus, they can also go in the corpus's
;; .dir-locals.el (Emacs asks before using them):
;;
;;   ((nil . ((glose-trust-plugins . t))))

;;; Code:

(require 'cl-lib)
(require 'eglot)
(require 'project)
(require 'subr-x)
(require 'xref)

(defgroup glose nil
  "The language server of glose, through Eglot."
  :group 'eglot
  :prefix "glose-")

(defcustom glose-command '("glose" "lsp")
  "The command that runs glose's language server, as a list of strings.
Give the full path of the `glose' executable if it is not on the variable
`exec-path'."
  :type '(repeat string))

(defcustom glose-eglot-modes '(text-mode conf-toml-mode)
  "The major modes whose buffers glose's language server manages.
`text-mode' is for the articles (and modes derived from it);
`conf-toml-mode' for glose.toml and the files of the knowledge base,
which get their own diagnostics."
  :type '(repeat symbol))

(defcustom glose-debounce-ms nil
  "Milliseconds to wait after an edit before analysing again (`debounceMs').
nil leaves the server's default (150, or its --debounce-ms option)."
  :type '(choice (const :tag "Server's default" nil) natnum))

(defcustom glose-trust-plugins nil
  "Whether to run the native plugins of the corpus (`trustPlugins').
A corpus is not trusted to run code by default: the plugins its
glose.toml names are left out, with a warning on glose.toml.  Rule
files and the knowledge base always load."
  :type 'boolean)

(defcustom glose-kb nil
  "More knowledge-base files or folders (`kb').
Relative to the corpus's folder, or absolute."
  :type '(repeat string))

(defcustom glose-plugins nil
  "More plugin libraries, run isolated (`plugins')."
  :type '(repeat string))

(defcustom glose-diagnostics t
  "Whether the server sends diagnostics for articles (`diagnostics.enabled')."
  :type 'boolean)

(defcustom glose-diagnostics-level "hint"
  "The least severe diagnostics shown for articles (`diagnostics.level')."
  :type '(choice (const "error") (const "warning") (const "information") (const "hint")))

(defun glose--bool (value)
  "Return VALUE as JSON true or false."
  (if value t :json-false))

(defun glose-settings ()
  "Return the settings of the `glose' group as the server's JSON object.
The object is a plist."
  (append
   (and glose-debounce-ms (list :debounceMs glose-debounce-ms))
   (list :trustPlugins (glose--bool glose-trust-plugins)
         :kb (vconcat glose-kb)
         :plugins (vconcat glose-plugins)
         :diagnostics (list :enabled (glose--bool glose-diagnostics)
                            :level glose-diagnostics-level))))

(defun glose--contact (&optional _interactive)
  "Return the contact for Eglot: `glose-command' and the settings."
  (append glose-command (list :initializationOptions (glose-settings))))

(defun glose-corpus-root (&optional dir)
  "Return the corpus folder holding DIR, or nil if there is none.
That is the nearest folder, DIR or above, with a glose.toml.  DIR
defaults to `default-directory'."
  (let ((found (locate-dominating-file (or dir default-directory) "glose.toml")))
    (and found (file-name-as-directory (expand-file-name found)))))

(defun glose-project-find (dir)
  "A member of `project-find-functions': the corpus holding DIR, if any.
Only when Eglot asks (`eglot-lsp-context'): other project commands
keep seeing the repository the corpus may sit in."
  (let ((root (and (bound-and-true-p eglot-lsp-context) (glose-corpus-root dir))))
    (and root (cons 'glose root))))

(cl-defmethod project-root ((project (head glose)))
  "The folder of a corpus PROJECT (the one with its glose.toml)."
  (cdr project))

(defun glose-setup ()
  "Register glose's language server with Eglot, and corpora with project.el."
  (interactive)
  (setq eglot-server-programs
        (cons (cons glose-eglot-modes #'glose--contact)
              (cl-remove #'glose--contact eglot-server-programs :key #'cdr)))
  (add-hook 'project-find-functions #'glose-project-find)
  (add-hook 'eglot-managed-mode-hook #'glose--managed))

(defun glose-eglot-ensure ()
  "Start Eglot in this buffer if it visits a file of a corpus.
That is a .txt file, or glose.toml or a .toml file of the knowledge
base, under a folder with a glose.toml.  For `text-mode-hook' and
`conf-toml-mode-hook'."
  (when (and buffer-file-name
             (member (file-name-extension buffer-file-name) '("txt" "toml"))
             (glose-corpus-root))
    (eglot-ensure)))

(defun glose--server-p (server)
  "Whether SERVER is an Eglot connection to glose's language server."
  (equal (plist-get (eglot--server-info server) :name) "glose"))

(defun glose--servers ()
  "Return the running Eglot servers that are glose's."
  (cl-loop for servers being the hash-values of eglot--servers-by-project
           append (cl-remove-if-not #'glose--server-p servers)))

(defun glose--current-servers ()
  "The glose server of this buffer, else every running glose server.
Signal an error if none is running."
  (let ((here (and (eglot-managed-p) (eglot-current-server))))
    (or (and here (glose--server-p here) (list here))
        (glose--servers)
        (user-error "glose: no language server is running (M-x eglot in an article)"))))

(defun glose-send-settings ()
  "Send the settings of the `glose' group to every running glose server."
  (interactive)
  (dolist (server (glose--servers))
    (jsonrpc-notify server :workspace/didChangeConfiguration
                    (list :settings (list :glose (glose-settings))))))

;;; Custom requests: glose/reindex, glose/status, glose/mentions, glose/entities,
;;; glose/quotes

(defun glose-reindex ()
  "Load the configuration and KB of the corpus again and index it anew.
Sends `glose/reindex' to the server of this buffer (to every glose
server outside a corpus).  Useful after changes the editor did not
see, made on disk by another program."
  (interactive)
  (dolist (server (glose--current-servers))
    (jsonrpc-request server :glose/reindex nil)
    (message "glose: re-indexing %s"
             (abbreviate-file-name (project-root (eglot--project server))))))

(defun glose-status ()
  "Return, and show when called interactively, what `glose/status' says.
The result is a list of plists (:root :indexed :busy :articles
:skipped :entities), one per folder of every server concerned."
  (interactive)
  (let ((folders (cl-loop for server in (glose--current-servers)
                          append (append (jsonrpc-request server :glose/status nil) nil))))
    (when (called-interactively-p 'any)
      (message "%s"
               (mapconcat
                (lambda (f)
                  (format "glose: %s: %s, %d articles (%d skipped), %d entities%s"
                          (abbreviate-file-name (plist-get f :root))
                          (if (eq (plist-get f :indexed) t) "indexed" "indexing")
                          (plist-get f :articles) (plist-get f :skipped)
                          (plist-get f :entities)
                          (if (and (eq (plist-get f :indexed) t)
                                   (eq (plist-get f :busy) t))
                              ", updating" "")))
                folders "\n")))
    folders))

(defun glose-entities (&optional query label)
  "Return the entities of the corpus, the most mentioned first.
QUERY keeps the names containing it (case and accents ignored),
LABEL the entities of that label (\"PER\", \"ORG\"...).  Each is a
plist as `glose/entities' gives it (:id :label :name :mentions ...)."
  (let ((params (append (and query (list :query query))
                        (and label (list :label label)))))
    (cl-loop for server in (glose--current-servers)
             append (append (jsonrpc-request server :glose/entities
                                             (or params (make-hash-table)))
                            nil))))

(defun glose--line-text (file line cache)
  "The text of LINE (from 0) of FILE, read once per file into CACHE."
  (let ((buffer (or (find-buffer-visiting file)
                    (gethash file cache)
                    (puthash file
                             (let ((b (generate-new-buffer " *glose-xref*" t)))
                               (with-current-buffer b
                                 (ignore-errors (insert-file-contents file)))
                               b)
                             cache))))
    (with-current-buffer buffer
      (save-excursion
        (save-restriction
          (widen)
          (goto-char (point-min))
          (forward-line line)
          (buffer-substring-no-properties (line-beginning-position)
                                          (line-end-position)))))))

(defun glose--xrefs (locations &optional summary encoding)
  "LSP LOCATIONS (a vector or list of plists with :uri and :range) as xref items.
Each is at the start of its range, summed up by SUMMARY called on it,
or without SUMMARY by the text of its line; its column is the start's
character counted in ENCODING (see `glose--column'), or without
ENCODING taken as it is."
  (let ((cache (make-hash-table :test #'equal)))
    (unwind-protect
        (cl-loop
         for loc across (vconcat locations)
         for file = (eglot--uri-to-path (plist-get loc :uri))
         for start = (plist-get (plist-get loc :range) :start)
         for line = (plist-get start :line)
         for text = (glose--line-text file line cache)
         for column = (if encoding
                          (glose--column text (plist-get start :character) encoding)
                        (plist-get start :character))
         collect (xref-make (if summary (funcall summary loc) text)
                            (xref-make-file-location file (1+ line) column)))
      (maphash (lambda (_ b) (kill-buffer b)) cache))))

(defun glose-mentions-xrefs (id)
  "The KB entry and every mention of the entity whose id is ID, as xref items."
  (cl-loop for server in (glose--current-servers)
           append (glose--xrefs (jsonrpc-request server :glose/mentions (list :id id)))))

(defun glose--read-id (&optional prompt)
  "Ask for an entity id with PROMPT, completing on the entities of the corpus."
  (let* ((entities (glose-entities))
         (table (mapcar (lambda (e) (cons (plist-get e :id) e)) entities))
         (completion-extra-properties
          (list :annotation-function
                (lambda (id)
                  (let ((e (cdr (assoc id table))))
                    (and e (format "  %s %s, %d mentions"
                                   (plist-get e :label) (plist-get e :name)
                                   (plist-get e :mentions))))))))
    (completing-read (or prompt "glose: mentions of (entity id, empty for the name at point): ")
                     table nil nil)))

(defun glose-mentions (id)
  "Show the KB entry and the mentions of the entity ID in the corpus.
Interactively, ask for the id with completion on the corpus's
entities; with an empty answer, find the references of the name at
point (as \\[xref-find-references])."
  (interactive (list (glose--read-id)))
  (if (or (null id) (string-empty-p id))
      (xref-find-references (xref-backend-identifier-at-point 'eglot))
    (let ((xrefs (glose-mentions-xrefs id)))
      (unless xrefs (user-error "glose: no mention of %s" id))
      (xref-show-xrefs (lambda () xrefs) nil))))

(defun glose--position-encoding (server)
  "The position encoding SERVER agreed on: \"utf-8\", \"utf-16\" or \"utf-32\"."
  (or (plist-get (eglot--capabilities server) :positionEncoding) "utf-16"))

(defun glose--column (text character encoding)
  "The column in TEXT (a line) of the LSP CHARACTER, counted in ENCODING."
  (if (equal encoding "utf-32")
      (min character (length text))
    (let ((units 0) (column 0) (n (length text)))
      (while (and (< column n) (< units character))
        (let ((c (aref text column)))
          (setq units (+ units (if (equal encoding "utf-8")
                                   (string-bytes (string c))
                                 (if (> c #xFFFF) 2 1)))
                column (1+ column))))
      column)))

(defun glose--quote-summary (item)
  "The line of ITEM (a quote, a plist of `glose/quotes') in the *xref* buffer.
Its speaker (or \"no speaker found\"), whether the source is unnamed,
the reporting verb, then the quote on one line."
  (format "%s%s%s: %s"
          (or (plist-get item :speaker) "no speaker found")
          (if (eq (plist-get item :anonymous) t) ", unnamed source" "")
          (let ((verb (plist-get item :verb))) (if (stringp verb) (format " (%s)" verb) ""))
          (string-trim (replace-regexp-in-string "[[:space:]\n]+" " " (plist-get item :text)))))

(defun glose--quote-xrefs (server quotes)
  "QUOTES (a vector of `glose/quotes' items from SERVER) as xref items."
  (glose--xrefs quotes #'glose--quote-summary (glose--position-encoding server)))

(defun glose-quotes-xrefs (&optional params)
  "The quotes `glose/quotes' gives for PARAMS, as xref items.
PARAMS is a plist: (:entity ID) for the quotes of one speaker across
the corpus, (:uri URI) for those of one article, (:uri URI :position
POS) for those of the person or organisation named there; nil for
every quote of the corpus.  With :uri, the server of this buffer
answers; otherwise every glose server concerned."
  (let ((servers (if (plist-get params :uri)
                     (list (or (and (eglot-managed-p) (eglot-current-server))
                               (user-error "glose: this buffer has no glose server")))
                   (glose--current-servers))))
    (cl-loop for server in servers
             append (glose--quote-xrefs
                     server
                     (jsonrpc-request server :glose/quotes
                                      (or params (make-hash-table)))))))

(defun glose-quotes-at-point ()
  "The quotes of what is at point, and what they are of: (TITLE . XREFS).
The quotes of the person or organisation named at point, across the
corpus; elsewhere in the article, the article's."
  (unless (and (eglot-managed-p) buffer-file-name
               (glose--server-p (eglot-current-server)))
    (user-error "glose: not in an article of a corpus (C-u M-x glose-quotes asks for an entity)"))
  ;; The server must have the edits before it is asked.
  (eglot--signal-textDocument/didChange)
  (let* ((server (eglot-current-server))
         (uri (plist-get (eglot--TextDocumentIdentifier) :uri))
         (position (plist-get (eglot--TextDocumentPositionParams) :position))
         (of-name (jsonrpc-request server :glose/quotes (list :uri uri :position position))))
    (if (> (length of-name) 0)
        (cons (or (plist-get (aref of-name 0) :speaker) "the name at point")
              (glose--quote-xrefs server of-name))
      (cons (file-name-nondirectory buffer-file-name)
            (glose--quote-xrefs
             server (jsonrpc-request server :glose/quotes (list :uri uri)))))))

(defun glose-quotes (&optional entity)
  "Show quotes with their speakers in an *xref* buffer; RET jumps to one.
In an article, the quotes of the person or organisation at point,
across the corpus; elsewhere in the article, the article's quotes.
With a prefix argument, or ENTITY given, the quotes of the entity
whose id is ENTITY (completion on the corpus's entities); an empty
answer lists every quote of the corpus.  Open articles count as their
buffers have them, unsaved edits included."
  (interactive
   (list (and current-prefix-arg
              (glose--read-id "glose: quotes of (entity id, empty for the whole corpus): "))))
  (pcase-let ((`(,title . ,xrefs)
               (cond ((null entity) (glose-quotes-at-point))
                     ((string-empty-p entity)
                      (cons "the corpus" (glose-quotes-xrefs nil)))
                     (t (cons entity (glose-quotes-xrefs (list :entity entity)))))))
    (unless xrefs (user-error "glose: no quotes of %s" title))
    (xref-show-xrefs (lambda () xrefs) nil)
    (message "glose: %d quote%s of %s" (length xrefs) (if (= (length xrefs) 1) "" "s") title)
    xrefs))

;;; Corrections

(defconst glose-correct-kind "refactor.glose.correct"
  "The kind of the code actions that correct an annotation.")

(defun glose-correct (beg &optional end)
  "Correct the annotation at point, or tag the region, with Eglot's code actions.
The server's corrections between BEG and END (interactively, the
region if it is active, else point): on a name, \"Not an entity\",
\"Change ... to ORG\", \"Link ... to\", rules for the whole corpus;
on a region, \"Tag ... as LOC\" (and the other labels), \"Fix the
extent\"; on the analyst's own annotation, \"Undo the correction\".
The one picked is written to the corpus's .glose/corrections.jsonl
by the server (workspace/executeCommand), and the article is
analysed again.  As with Eglot's other code action commands, a
single action is applied without asking."
  (interactive (if (region-active-p)
                   (list (region-beginning) (region-end))
                 (list (point) nil)))
  (unless (and (eglot-managed-p) (glose--server-p (eglot-current-server)))
    (user-error "glose: not in an article of a corpus"))
  (eglot-code-actions beg end glose-correct-kind t))

;;; Entities coloured by type (semantic tokens)

(defgroup glose-faces nil
  "Faces of the names, dates, quantities and quotes of an article."
  :group 'glose)

(defface glose-person '((t :inherit font-lock-function-name-face))
  "A person (semantic token type `person', label PER).")
(defface glose-organization '((t :inherit font-lock-type-face))
  "An organisation (`organization', ORG).")
(defface glose-place '((t :inherit font-lock-constant-face))
  "A place (`place', LOC).")
(defface glose-date '((t :inherit font-lock-string-face))
  "A date (`date', DATE).")
(defface glose-quantity '((t :inherit font-lock-builtin-face))
  "A quantity (`quantity', QUANTITY).")
(defface glose-quote '((t :inherit font-lock-doc-face))
  "The words of a quote that are not a name (`quote', QUOTE).")
(defface glose-entity '((t :inherit font-lock-variable-name-face))
  "Any other label, from rule files or plugins (`entity').")
(defface glose-linked '((t :underline t))
  "Added to a name linked to an entry of the knowledge base (modifier `linked').")

(defcustom glose-token-faces
  '(("person" . glose-person) ("organization" . glose-organization)
    ("place" . glose-place) ("date" . glose-date) ("quantity" . glose-quantity)
    ("quote" . glose-quote) ("entity" . glose-entity))
  "The face of each semantic token type of the server's legend."
  :type '(alist :key-type string :value-type face))

(defcustom glose-modifier-faces '(("linked" . glose-linked))
  "The face added for each semantic token modifier of the server's legend."
  :type '(alist :key-type string :value-type face))

(defcustom glose-highlight t
  "Whether `glose-highlight-mode' colours articles managed by glose's server."
  :type 'boolean)

(defcustom glose-highlight-delay 0.2
  "Seconds after an edit before asking the server for the colours again."
  :type 'number)

(defvar glose-highlight-mode)
(defvar-local glose--highlight-timer nil)
(defvar-local glose--highlight-version nil
  "The document version the colours were asked for.")
(defvar-local glose--published-version nil
  "The document version of the last diagnostics the server published.")

(defun glose--move-to-column (column)
  "Move to COLUMN of the line, in the position encoding Eglot speaks."
  (let ((tab-width 1))
    (funcall (cond ((boundp 'eglot-move-to-linepos-function) eglot-move-to-linepos-function)
                   ((boundp 'eglot-move-to-column-function) eglot-move-to-column-function)
                   (t #'eglot-move-to-lsp-abiding-column))
             column)))

(defun glose--token-faces (legend type modifiers)
  "The faces of a token of TYPE (an index) and MODIFIERS (bits), per LEGEND."
  (let* ((types (plist-get legend :tokenTypes))
         (mods (plist-get legend :tokenModifiers))
         (face (and (< type (length types))
                    (cdr (assoc (aref types type) glose-token-faces)))))
    (append (and face (list face))
            (cl-loop for i below (length mods)
                     for extra = (cdr (assoc (aref mods i) glose-modifier-faces))
                     when (and extra (/= 0 (logand modifiers (ash 1 i))))
                     collect extra))))

(defun glose--apply-tokens (legend data)
  "Colour the buffer with the semantic tokens DATA, decoded with LEGEND."
  (save-excursion
    (save-restriction
      (widen)
      (remove-overlays (point-min) (point-max) 'glose-token t)
      (goto-char (point-min))
      (let ((line 0) (start 0) (i 0) (n (length data)))
        (while (< (+ i 4) n)
          (let ((dline (aref data i)) (dstart (aref data (+ i 1)))
                (len (aref data (+ i 2))) (type (aref data (+ i 3)))
                (mods (aref data (+ i 4))))
            (setq i (+ i 5))
            (if (= dline 0)
                (setq start (+ start dstart))
              (setq line (+ line dline) start dstart)
              (forward-line dline))
            (let* ((bol (line-beginning-position))
                   (beg (progn (glose--move-to-column start) (point)))
                   (end (progn (goto-char bol) (glose--move-to-column (+ start len)) (point)))
                   (faces (glose--token-faces legend type mods)))
              (goto-char bol)
              (when (and faces (< beg end))
                (let ((ov (make-overlay beg end nil t nil)))
                  (overlay-put ov 'glose-token t)
                  (overlay-put ov 'evaporate t)
                  (overlay-put ov 'face faces))))))))))

(defun glose-highlight-refresh ()
  "Ask the server for the colours of the buffer's names, and apply them."
  (interactive)
  (setq glose--highlight-timer nil)
  (when (and glose-highlight-mode (eglot-managed-p))
    (let* ((server (eglot-current-server))
           (provider (and server (plist-get (eglot--capabilities server)
                                            :semanticTokensProvider)))
           (legend (plist-get provider :legend))
           (buffer (current-buffer)))
      (when (and legend (plist-get provider :full))
        ;; The server must have the edits before it is asked.
        (eglot--signal-textDocument/didChange)
        (let ((version eglot--versioned-identifier))
          (setq glose--highlight-version version)
          (jsonrpc-async-request
           server :textDocument/semanticTokens/full
           (list :textDocument (eglot--TextDocumentIdentifier))
           :success-fn
           (lambda (result)
             (when (buffer-live-p buffer)
               (with-current-buffer buffer
                 ;; Colours for an older text than the buffer's are dropped.
                 (when (and glose-highlight-mode
                            (eql version eglot--versioned-identifier)
                            (eql version glose--highlight-version))
                   (glose--apply-tokens legend (plist-get result :data))))))
           :error-fn #'ignore
           :timeout-fn #'ignore))))))

(defun glose--highlight-soon (&rest _)
  "Ask for the colours again `glose-highlight-delay' seconds from now."
  (when (timerp glose--highlight-timer) (cancel-timer glose--highlight-timer))
  (let ((buffer (current-buffer)))
    (setq glose--highlight-timer
          (run-with-timer glose-highlight-delay nil
                          (lambda ()
                            (when (buffer-live-p buffer)
                              (with-current-buffer buffer
                                (glose-highlight-refresh))))))))

(define-minor-mode glose-highlight-mode
  "Colour the names, dates, quantities and quotes of the article by type.
The colours are the server's semantic tokens, with the faces of
`glose-token-faces' and `glose-modifier-faces'.  Turned on by
itself in the buffers glose's server manages, if `glose-highlight'."
  :lighter nil
  (remove-overlays (point-min) (point-max) 'glose-token t)
  (when (timerp glose--highlight-timer) (cancel-timer glose--highlight-timer))
  (setq glose--highlight-timer nil)
  (if glose-highlight-mode
      (progn
        (add-hook 'after-change-functions #'glose--highlight-soon nil t)
        ;; Eglot sends didOpen after its hook: ask a moment later.
        (glose--highlight-soon))
    (remove-hook 'after-change-functions #'glose--highlight-soon t)))

(cl-defmethod eglot-handle-notification :after
  (server (_method (eql textDocument/publishDiagnostics)) &key uri version &allow-other-keys)
  "Colour the article again when SERVER analysed it again without an edit.
Diagnostics published again for the same VERSION of the document at
URI follow a correction, a changed knowledge base or new settings,
which may change its names too; the colours are asked for after
edits only otherwise."
  (when (and version (glose--server-p server))
    (let ((buffer (find-buffer-visiting (eglot--uri-to-path uri))))
      (when buffer
        (with-current-buffer buffer
          (when (and glose-highlight-mode (eql version glose--published-version))
            (glose--highlight-soon))
          (setq glose--published-version version))))))

(defun glose--managed ()
  "For `eglot-managed-mode-hook': colours in the buffers of glose's server."
  (let ((server (and (eglot-managed-p) (eglot-current-server))))
    (if (and server glose-highlight (glose--server-p server))
        (glose-highlight-mode 1)
      (when glose-highlight-mode (glose-highlight-mode -1)))))

(provide 'glose)
;;; glose.el ends here
