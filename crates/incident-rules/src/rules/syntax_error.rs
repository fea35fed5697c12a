//! `syntax-error`: text the parser could not read as the construct it starts.

use incident_syntax::SyntaxError;

use crate::diagnostic::Diagnostic;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports text that starts a construct of the format but does not follow its syntax:
    /// a front matter line that is not `key: value`, a flow list without `]`, a front matter
    /// without its closing `---`, a timeline time such as `17:14pm`, a directive with an
    /// unknown verb.
    ///
    /// ## Why is this bad?
    /// The tools cannot read what they cannot parse: a timeline entry with a malformed time
    /// has no place on the timeline, and a broken front matter hides the incident's status.
    /// The rest of the file is still checked.
    ///
    /// ## Example
    /// ```incident
    /// ## Timeline
    ///
    /// - 17:14pm first alert fires
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Timeline
    ///
    /// - 17:14 first alert fires
    /// ```
    ///
    /// Syntax errors cannot be disabled: fix the text, or quote it in a code span.
    code: "INC000",
    name: "syntax-error",
    severity: Error,
    group: Default,
    fix: None,
}

/// Syntax errors are reported by the linter from the parse, not by a check of their own.
pub(crate) const CHECK: Check = Check::Linter;

/// The diagnostic for one syntax error.
pub(crate) fn diagnostic(error: &SyntaxError) -> Diagnostic {
    Diagnostic {
        rule: &RULE,
        severity: RULE.default_severity,
        message: error.message.clone(),
        range: error.range,
        labels: Vec::new(),
        help: None,
        fix: None,
    }
}
