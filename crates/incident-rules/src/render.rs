//! Rendering diagnostics for people, with codespan-reporting.

use codespan_reporting::diagnostic::{
    Diagnostic as CodespanDiagnostic, Label as CodespanLabel, LabelStyle,
    Severity as CodespanSeverity,
};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};

use crate::diagnostic::{Diagnostic, Severity};

/// The codespan-reporting form of a diagnostic: the primary label on its span, secondary labels
/// for context, the help and the rule's name as notes.
pub fn to_codespan(diagnostic: &Diagnostic) -> CodespanDiagnostic<()> {
    let severity = match diagnostic.severity {
        Severity::Error => CodespanSeverity::Error,
        Severity::Warning => CodespanSeverity::Warning,
        Severity::Info => CodespanSeverity::Note,
    };
    let mut labels = vec![CodespanLabel::new(
        LabelStyle::Primary,
        (),
        diagnostic.range.to_usize(),
    )];
    labels.extend(diagnostic.labels.iter().map(|label| {
        CodespanLabel::new(LabelStyle::Secondary, (), label.range.to_usize())
            .with_message(&label.message)
    }));
    let mut notes = Vec::new();
    if let Some(help) = &diagnostic.help {
        notes.push(format!("help: {help}"));
    }
    if let Some(fix) = &diagnostic.fix {
        let kind = match fix.applicability {
            crate::Applicability::Safe => "fix",
            crate::Applicability::Unsafe => "unsafe fix",
        };
        notes.push(format!("{kind} available: {}", fix.title));
    }
    CodespanDiagnostic::new(severity)
        .with_code(format!("{}/{}", diagnostic.code(), diagnostic.name()))
        .with_message(&diagnostic.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// Renders diagnostics of one file as plain text, without colors.
pub fn render_plain(path: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    let file = SimpleFile::new(path, text);
    let config = Config::default();
    let mut out = String::new();
    for diagnostic in diagnostics {
        match term::emit_into_string(&config, &file, &to_codespan(diagnostic)) {
            Ok(rendered) => out.push_str(&rendered),
            Err(error) => out.push_str(&format!("{path}: cannot render diagnostic: {error}\n")),
        }
    }
    out
}
