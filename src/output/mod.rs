//! Output formats of the check command. Each format writes the same reports its own way.

mod checkstyle;
mod github;
mod human;
mod json;
mod junit;
mod rdjson;
mod sarif;

use std::io::{self, Write};

use incident_rules::{Diagnostic, Severity};
use incident_syntax::{ColumnUnit, LineIndex, TextRange};

use crate::cli::OutputFormat;

pub use human::{Summary, write_statistics, write_summary};

/// The findings of one checked file.
pub struct FileReport {
    /// The path as shown to people.
    pub path: String,
    /// The file's text (after fixes, when fixes were written).
    pub text: String,
    /// The findings, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The line index of `text`.
    pub line_index: LineIndex,
    /// Whether the text came from standard input.
    pub is_standard_input: bool,
}

impl FileReport {
    /// A report for `text` with its findings.
    pub fn new(path: String, text: String, diagnostics: Vec<Diagnostic>) -> FileReport {
        let line_index = LineIndex::new(&text);
        FileReport {
            path,
            text,
            diagnostics,
            line_index,
            is_standard_input: false,
        }
    }

    /// Marks the report as coming from standard input.
    pub fn with_standard_input(mut self, is_standard_input: bool) -> FileReport {
        self.is_standard_input = is_standard_input;
        self
    }

    /// The 1-based start and end (line, column) of `range`, columns counted in `unit`.
    pub fn span(&self, range: TextRange, unit: ColumnUnit) -> Span {
        let (start, end) = self.line_index.range_line_cols(&self.text, range, unit);
        Span {
            start_line: start.line + 1,
            start_column: start.col + 1,
            end_line: end.line + 1,
            end_column: end.col + 1,
        }
    }
}

/// A range as 1-based lines and columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// First line.
    pub start_line: u32,
    /// First column.
    pub start_column: u32,
    /// Last line.
    pub end_line: u32,
    /// Column just past the end.
    pub end_column: u32,
}

/// How to print human output.
pub struct HumanOptions {
    /// Whether to use colors.
    pub color: bool,
}

/// Writes `reports` in `format`.
pub fn write_reports(
    out: &mut dyn Write,
    format: OutputFormat,
    reports: &[FileReport],
    human: &HumanOptions,
) -> io::Result<()> {
    match format {
        OutputFormat::Human => human::write(out, reports, human.color),
        OutputFormat::Concise => human::write_concise(out, reports),
        OutputFormat::Json => json::write(out, reports),
        OutputFormat::JsonLines => json::write_lines(out, reports),
        OutputFormat::Sarif => sarif::write(out, reports),
        OutputFormat::Github => github::write(out, reports),
        OutputFormat::Junit => junit::write(out, reports),
        OutputFormat::Checkstyle => checkstyle::write(out, reports),
        OutputFormat::Rdjson => rdjson::write(out, reports),
    }
}

/// `message` on one line: control characters (a newline or an escape in a file name) are
/// written as Rust escapes, such as `\n` and `\u{1b}`, so that they can neither split a line of
/// line-based output nor drive the terminal.
pub fn one_line(message: impl std::fmt::Display) -> String {
    let message = message.to_string();
    if !message.chars().any(char::is_control) {
        return message;
    }
    let mut escaped = String::with_capacity(message.len() + 8);
    for c in message.chars() {
        if c.is_control() {
            escaped.extend(c.escape_default());
        } else {
            escaped.push(c);
        }
    }
    escaped
}

/// Escapes text for XML attributes and content.
pub(crate) fn xml_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            // XML 1.0 cannot carry most control characters, even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => escaped.push('\u{fffd}'),
            c => escaped.push(c),
        }
    }
    escaped
}

/// The message with the help appended, for formats that have one text field.
pub(crate) fn message_with_help(diagnostic: &Diagnostic) -> String {
    match &diagnostic.help {
        Some(help) => format!("{} (help: {help})", diagnostic.message),
        None => diagnostic.message.clone(),
    }
}

/// Counts findings by severity.
pub(crate) fn count(reports: &[FileReport], severity: Severity) -> usize {
    reports
        .iter()
        .flat_map(|report| &report.diagnostics)
        .filter(|diagnostic| diagnostic.severity == severity)
        .count()
}
