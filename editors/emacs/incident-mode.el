;;; incident-mode.el --- Major mode for incident-lint reports -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages, text

;;; Commentary:

;; A major mode for `.incident' and `.incident.md' files: incident reports
;; written with the Observe-Orient-Decide-Act method, then finished as
;; blameless post-mortems.  It derives from `markdown-mode' when that is
;; installed, else from `text-mode', highlights observation and hypothesis
;; IDs, verdicts, timeline timestamps, milestones and incident references,
;; and registers `incident-lint lsp' with Eglot (run `M-x eglot').

;;; Code:

(require 'markdown-mode nil t)

(defgroup incident nil
  "Incident reports checked by incident-lint."
  :group 'text
  :prefix "incident-")

(defcustom incident-lint-command '("incident-lint" "lsp")
  "Program and arguments that start the incident-lint language server."
  :type '(repeat string))

(defun incident--search-verdict (limit)
  "Search before LIMIT for a verdict such as `H1 confirmed'.
Group 1 is the hypothesis ID and group 2 the verdict word, in any case."
  (let ((case-fold-search nil)
        found)
    (while (and (not found)
                (re-search-forward "\\<\\(H[0-9]+\\)[ \t]+\\([[:alpha:]]+\\)\\>" limit t))
      (setq found (member (downcase (match-string 2)) '("confirmed" "rejected"))))
    found))

(defconst incident-font-lock-keywords
  `((incident--search-verdict (1 font-lock-variable-name-face) (2 font-lock-keyword-face))
    ("\\<[OH][0-9]+\\>" . font-lock-variable-name-face)
    (,(concat "^[ \t]*[-*+][ \t]+\\(~?\\(?:[0-9]\\{4\\}-[0-9]\\{2\\}-[0-9]\\{2\\}[ T]\\)?"
              "[0-9]\\{1,2\\}:[0-9]\\{2\\}\\(?::[0-9]\\{2\\}\\)?\\(?:Z\\|[+-][0-9]\\{2\\}:[0-9]\\{2\\}\\)?\\)\\>")
     1 font-lock-constant-face)
    ("\\[\\(?:started\\|detected\\|mitigated\\|resolved\\)\\][ \t]*$" . font-lock-builtin-face)
    ("\\<INC-[[:alnum:]-]*[[:alnum:]]" . font-lock-constant-face))
  "Highlighting added on top of the parent mode's.")

(defalias 'incident--parent-mode
  (if (fboundp 'markdown-mode) #'markdown-mode #'text-mode))

;;;###autoload
(define-derived-mode incident-mode incident--parent-mode "Incident"
  "Major mode for incident reports checked by incident-lint."
  (setq-local comment-start "<!-- ")
  (setq-local comment-end " -->")
  (setq-local comment-start-skip "<!--[ \t]*")
  (setq-local comment-end-skip "[ \t]*-->")
  (if font-lock-defaults
      (font-lock-add-keywords nil incident-font-lock-keywords 'append)
    (setq-local font-lock-defaults '(incident-font-lock-keywords))))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.incident\\(?:\\.md\\)?\\'" . incident-mode))

(with-eval-after-load 'eglot
  (defvar eglot-server-programs)
  (add-to-list 'eglot-server-programs
               (cons 'incident-mode (lambda (&rest _) incident-lint-command))))

(provide 'incident-mode)
;;; incident-mode.el ends here
