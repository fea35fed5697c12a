;;; driver.el --- Drives Emacs and Eglot for tests/emacs/test.sh -*- lexical-binding: t; -*-

;; Opens a flawed incident file with editors/emacs/incident-mode.el, connects Eglot to
;; `incident-lint lsp', reads the Flymake diagnostics, applies the quick fix that inserts an
;; Observe section, saves, shuts the server down, and writes what happened to a report:
;; `diagnostic <code> <line> <message>', `applied <title>', `messages-error <line>' for each
;; line of *Messages* that reports an error, `error <what>' when a step failed, and `done'.
;;
;; Environment: INCIDENT_LINT_PLUGIN (editors/emacs), INCIDENT_LINT_BIN (the executable),
;; INCIDENT_FIXTURE (the file to open), INCIDENT_REPORT (where to write the report).

;;; Code:

(require 'cl-lib)

;; Eglot is built in from Emacs 29; before that, Debian's elpa-eglot installs it here.
(unless (require 'eglot nil t)
  (let ((elpa "/usr/share/emacs/site-lisp/elpa/"))
    (when (file-directory-p elpa)
      (dolist (dir (directory-files elpa t "^[^.]"))
        (add-to-list 'load-path dir))))
  (require 'eglot))
(require 'flymake)

(defvar incident-test-report nil "Report lines, newest first.")

(defun incident-test-report (format-string &rest args)
  "Add a line to the report, from FORMAT-STRING and ARGS."
  (push (apply #'format format-string args) incident-test-report))

(defun incident-test-wait (predicate seconds)
  "Wait up to SECONDS for PREDICATE to return non-nil; return its value."
  (let ((deadline (+ (float-time) seconds))
        value)
    (while (and (not (setq value (funcall predicate)))
                (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(defun incident-test-run ()
  "Run the steps, reporting each."
  (load (expand-file-name "incident-mode.el" (getenv "INCIDENT_LINT_PLUGIN")))
  (setq incident-lint-command (list (getenv "INCIDENT_LINT_BIN") "lsp"))
  (find-file (getenv "INCIDENT_FIXTURE"))
  (unless (eq major-mode 'incident-mode)
    (error "the buffer is in %s, not incident-mode" major-mode))
  (apply #'eglot (eglot--guess-contact))
  (unless (incident-test-wait #'eglot-current-server 30)
    (error "Eglot did not connect"))
  ;; Batch Emacs runs no commands, so Flymake is started by hand.
  (flymake-start)
  (let ((diagnostics
         (incident-test-wait
          (lambda () (flymake-start) (flymake-diagnostics (point-min) (point-max)))
          30))
        target)
    (unless diagnostics
      (error "no Flymake diagnostics within 30 s"))
    (dolist (diagnostic diagnostics)
      (let* ((text (flymake-diagnostic-text diagnostic))
             (line (line-number-at-pos (flymake-diagnostic-beg diagnostic))))
        (incident-test-report "diagnostic %d %s" line (replace-regexp-in-string "\n" " " text))
        (when (string-match-p "INC101" text)
          (setq target diagnostic))))
    (unless target
      (error "no INC101 diagnostic"))
    (let* ((actions (eglot-code-actions (flymake-diagnostic-beg target)
                                        (flymake-diagnostic-end target)
                                        "quickfix"))
           (action (cl-find-if (lambda (action)
                                 (string-match-p "Observe" (plist-get action :title)))
                               actions)))
      (unless action
        (error "no code action inserts an Observe section"))
      (eglot--apply-workspace-edit (plist-get action :edit))
      (incident-test-report "applied %s" (plist-get action :title))))
  (save-buffer)
  (eglot-shutdown (eglot-current-server))
  (when (incident-test-wait (lambda () (eglot-current-server)) 0.5)
    (error "the server is still running after shutdown")))

(condition-case failure
    (incident-test-run)
  (error (incident-test-report "error %s" (error-message-string failure))))
(with-current-buffer (messages-buffer)
  (dolist (line (split-string (buffer-string) "\n" t))
    (when (string-match-p "\\(?:error\\|Error\\|ERROR\\|-32[0-9][0-9][0-9]\\)" line)
      (incident-test-report "messages-error %s" line))))
(incident-test-report "done")
(with-temp-file (getenv "INCIDENT_REPORT")
  (insert (mapconcat #'identity (reverse incident-test-report) "\n") "\n"))
(kill-emacs 0)

;;; driver.el ends here
