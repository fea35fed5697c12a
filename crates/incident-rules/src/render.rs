//! Rendering diagnostics for people, with codespan-reporting.

use codespan_reporting::diagnostic::{
    Diagnostic as CodespanDiagnostic, Label as CodespanLabel, LabelStyle,
    Severity as CodespanSeverity,
};
use std::ops::Range;

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

/// Renders diagnostics of one file as plain text, without colors.
pub fn render_plain(path: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    let file = SourceFile::new(path, text);
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
