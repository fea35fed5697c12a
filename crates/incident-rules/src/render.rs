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

/// The findings of one file in the order people should read them, grouped by where they
/// point: errors before warnings before notes, and among equals the method's own rules (the
/// loop, `INC1xx`, and the hypotheses, `INC2xx`) before the rest, then by position.
/// Findings on the same range as a more important one (the whole-file findings on the title)
/// join its group instead of underlining the same text again.
pub fn grouped_by_importance(diagnostics: &[Diagnostic]) -> Vec<Vec<&Diagnostic>> {
    let mut ordered: Vec<&Diagnostic> = diagnostics.iter().collect();
    ordered.sort_by_key(|diagnostic| {
        let is_method =
            diagnostic.code().starts_with("INC1") || diagnostic.code().starts_with("INC2");
        (
            std::cmp::Reverse(diagnostic.severity),
            !is_method,
            diagnostic.range.start(),
            diagnostic.range.end(),
            diagnostic.code(),
        )
    });
    let mut groups: Vec<Vec<&Diagnostic>> = Vec::new();
    for diagnostic in ordered {
        match groups.iter_mut().find(|group| {
            group
                .first()
                .is_some_and(|first| first.range == diagnostic.range)
        }) {
            Some(group) => group.push(diagnostic),
            None => groups.push(vec![diagnostic]),
        }
    }
    groups
}

/// The codespan-reporting form of a group from [`grouped_by_importance`]: the first finding,
/// with each other one as a note that names its rule, says what is wrong and what to write.
pub fn group_to_codespan(group: &[&Diagnostic]) -> Option<CodespanDiagnostic<()>> {
    let (first, others) = group.split_first()?;
    let mut rendered = to_codespan(first);
    for other in others {
        let mut note = format!(
            "also {}[{}/{}]: {}",
            other.severity.name(),
            other.code(),
            other.name(),
            other.message
        );
        if let Some(help) = &other.help {
            note.push_str(&format!("\n  help: {help}"));
        }
        if let Some(fix) = &other.fix {
            let kind = match fix.applicability {
                crate::Applicability::Safe => "fix",
                crate::Applicability::Unsafe => "unsafe fix",
            };
            note.push_str(&format!("\n  {kind} available: {}", fix.title));
        }
        rendered.notes.push(note);
    }
    Some(rendered)
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
