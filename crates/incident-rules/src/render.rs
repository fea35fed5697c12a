//! Rendering diagnostics for people, with codespan-reporting.

use std::borrow::Cow;
use std::ops::Range;

use codespan_reporting::diagnostic::{
    Diagnostic as CodespanDiagnostic, Label as CodespanLabel, LabelStyle,
    Severity as CodespanSeverity,
};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, Config};
use incident_syntax::LineIndex;

use crate::diagnostic::{Diagnostic, Severity};

/// One file for codespan-reporting, with the same line breaks as every other output: `\n`,
/// `\r\n` and a lone `\r` (codespan's own `SimpleFile` knows only `\n`, so a file with old Mac
/// line endings was one long line in human output and many lines everywhere else).
pub struct SourceFile<'a> {
    name: String,
    text: &'a str,
    line_index: LineIndex,
}

impl<'a> SourceFile<'a> {
    /// The file shown as `name`, holding `text`.
    pub fn new(name: impl Into<String>, text: &'a str) -> SourceFile<'a> {
        SourceFile {
            name: name.into(),
            text,
            line_index: LineIndex::new(text),
        }
    }

    /// Where line `line_index` starts; the end of the text for the line after the last.
    fn line_start(&self, line_index: usize) -> Result<usize, FilesError> {
        let max = self.line_index.line_count() as usize;
        if line_index == max {
            return Ok(self.text.len());
        }
        u32::try_from(line_index)
            .ok()
            .and_then(|line| self.line_index.line_start(line))
            .map(|start| start as usize)
            .ok_or(FilesError::LineTooLarge {
                given: line_index,
                max,
            })
    }
}

impl<'a> Files<'a> for SourceFile<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        let offset = u32::try_from(byte_index).unwrap_or(u32::MAX);
        Ok(self.line_index.line_of(offset) as usize)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        Ok(self.line_start(line_index)?..self.line_start(line_index + 1)?)
    }
}

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
/// point: errors before warnings before info, and among equals the method's own rules (the
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
    // Each range's group, so that grouping stays linear in the number of findings.
    let mut group_of_range = std::collections::HashMap::new();
    for diagnostic in ordered {
        let index = *group_of_range.entry(diagnostic.range).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        if let Some(group) = groups.get_mut(index) {
            group.push(diagnostic);
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
    let file = SourceFile::new(path, text);
    let config = Config::default();
    let mut out = String::new();
    for diagnostic in diagnostics {
        match term::emit_into_string(&config, &file, &to_codespan(diagnostic)) {
            Ok(rendered) => out.push_str(&String::from_utf8_lossy(&info_header(
                rendered.as_bytes(),
                diagnostic.severity,
            ))),
            Err(error) => out.push_str(&format!("{path}: cannot render diagnostic: {error}\n")),
        }
    }
    out
}

/// A diagnostic as codespan-reporting rendered it (`rendered`, colored or not), with the header
/// of an `info` finding renamed: codespan-reporting calls its lowest severity `note`, while
/// every other output, the configuration and the rules' pages call it `info`.
pub fn info_header(rendered: &[u8], severity: Severity) -> Cow<'_, [u8]> {
    const CODESPAN: &[u8] = b"note[";
    let at = rendered
        .windows(CODESPAN.len())
        .position(|window| window == CODESPAN);
    match (severity, at) {
        (Severity::Info, Some(at)) => {
            let mut renamed = rendered.to_vec();
            renamed.splice(at..at + CODESPAN.len(), b"info[".iter().copied());
            renamed.into()
        }
        _ => rendered.into(),
    }
}
