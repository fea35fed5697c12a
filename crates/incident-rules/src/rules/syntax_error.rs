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

/// How many syntax errors a file shows before the rest are summed up in one finding: a file in
/// another format would otherwise bury everything else under them.
pub(crate) const SHOWN_PER_FILE: usize = 10;

/// The diagnostics for a file's syntax errors: the first [`SHOWN_PER_FILE`] one by one, then
/// one finding that counts the rest and says what to do about a file in another format.
pub(crate) fn diagnostics(errors: &[SyntaxError]) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> =
        errors.iter().take(SHOWN_PER_FILE).map(diagnostic).collect();
    let hidden = errors.len().saturating_sub(SHOWN_PER_FILE);
    if let Some(first_hidden) = errors.get(SHOWN_PER_FILE) {
        diagnostics.push(Diagnostic {
            message: format!("{hidden} more syntax error(s) after this point are not shown"),
            help: Some(
                "a file with this many is probably not in the `.incident` format yet: convert it with `incident-lint import`, or turn `INC000` off for such files with `per-file-ignores` in `incident-lint.toml`".to_owned(),
            ),
            ..diagnostic(first_hidden)
        });
    }
    diagnostics
}

/// The diagnostic for one syntax error.
fn diagnostic(error: &SyntaxError) -> Diagnostic {
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

#[cfg(test)]
mod tests {
    use crate::settings::Settings;

    #[test]
    fn a_wall_of_syntax_errors_is_summed_up() {
        let directive = "<!-- incident-lint silence -->\n\n";
        let text = format!("# Legacy\n\n{}", directive.repeat(25));
        let checked = crate::check(&text, &Settings::default());
        assert_eq!(checked.parse.errors().len(), 25);
        let shown: Vec<&str> = checked
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.code() == "INC000")
            .map(|diagnostic| diagnostic.message.as_str())
            .collect();
        assert_eq!(shown.len(), super::SHOWN_PER_FILE + 1);
        assert_eq!(
            shown.last().copied(),
            Some("15 more syntax error(s) after this point are not shown")
        );
        let few = crate::check(&format!("# T\n\n{directive}"), &Settings::default());
        assert_eq!(
            few.diagnostics
                .iter()
                .filter(|d| d.code() == "INC000")
                .count(),
            1
        );
    }
}
