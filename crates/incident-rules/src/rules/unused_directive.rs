//! `unused-directive`: a directive that suppresses nothing.

use incident_syntax::TextRange;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a `disable` or `disable-next-line` directive that suppresses no finding.
    ///
    /// ## Why is this bad?
    /// A directive that no longer hides anything is noise, and it would silently hide the
    /// next real finding of the same rule.
    ///
    /// ## Example
    /// ```incident
    /// <!-- incident-lint disable-next-line rejected-without-reason -->
    /// - H1 rejected: memory peaked at 41%, no OOM kills in `dmesg`
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// - H1 rejected: memory peaked at 41%, no OOM kills in `dmesg`
    /// ```
    ///
    /// ## Fix safety
    /// Removing the directive is safe: it changes no finding.
    code: "INC602",
    name: "unused-directive",
    severity: Warning,
    group: Default,
    fix: Safe,
}

/// Unused directives are found after suppression, by the linter.
pub(crate) const CHECK: Check = Check::Linter;

/// The diagnostic for a directive written at `range` that suppressed nothing; removing
/// `line_range` (the range with its line break) removes it.
pub(crate) fn diagnostic(
    range: TextRange,
    line_range: TextRange,
    severity: Severity,
) -> Diagnostic {
    Diagnostic {
        rule: &RULE,
        severity,
        message: "directive suppresses nothing".to_owned(),
        range,
        labels: Vec::new(),
        help: Some("remove it, so that it cannot hide a later finding".to_owned()),
        fix: Some(Fix {
            title: "remove the unused directive".to_owned(),
            edits: vec![Edit::replace(line_range, "")],
            applicability: Applicability::Safe,
        }),
    }
}
