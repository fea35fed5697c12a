//! Output formats of the check command. Each format writes the same reports its own way, one
//! file at a time: what comes before the first file, each file's findings as soon as the file is
//! checked, and what comes after the last, so that no file's text or findings outlive its turn.

mod checkstyle;
mod github;
mod human;
mod json;
mod junit;
mod rdjson;
mod sarif;
mod stream;

use std::collections::BTreeMap;
use std::io::{self, Write};

use incident_rules::{Applicability, Diagnostic, Severity};
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

/// Counts over the reports of a run, for the formats and summaries that need totals.
#[derive(Debug, Default)]
pub struct Totals {
    /// Files reported.
    pub files: usize,
    /// Files with at least one finding.
    pub files_with_findings: usize,
    /// Findings that are errors.
    pub errors: usize,
    /// Findings that are warnings.
    pub warnings: usize,
    /// Findings that are infos.
    pub infos: usize,
    /// Findings with a safe fix.
    pub safe_fixes: usize,
    /// Findings with an unsafe fix.
    pub unsafe_fixes: usize,
    /// Findings by rule (code, name): how many, and whether one of them has a fix.
    pub by_rule: BTreeMap<(&'static str, &'static str), (usize, bool)>,
}

impl Totals {
    /// Counts `report`.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        self.files_with_findings += usize::from(!report.diagnostics.is_empty());
        for diagnostic in &report.diagnostics {
            match diagnostic.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
            match diagnostic.fix.as_ref().map(|fix| fix.applicability) {
                Some(Applicability::Safe) => self.safe_fixes += 1,
                Some(Applicability::Unsafe) => self.unsafe_fixes += 1,
                None => {}
            }
            let by_rule = self
                .by_rule
                .entry((diagnostic.code(), diagnostic.name()))
                .or_insert((0, false));
            by_rule.0 += 1;
            by_rule.1 |= diagnostic.fix.is_some();
        }
    }
}

/// One output format, written a file at a time.
trait FormatWriter {
    /// Writes the findings of one file.
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()>;

    /// Writes what comes after the last file; `totals` counts every file written.
    fn finish(self: Box<Self>, _out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        Ok(())
    }
}

/// Writes the reports of a run in one format, in the order they are given.
pub struct ReportWriter {
    format: Box<dyn FormatWriter>,
    /// One file's output, written to the output in one piece.
    buffer: Vec<u8>,
}

impl ReportWriter {
    /// Starts writing in `format`: writes what comes before the first file.
    pub fn start(
        out: &mut dyn Write,
        format: OutputFormat,
        human: &HumanOptions,
    ) -> io::Result<ReportWriter> {
        let format: Box<dyn FormatWriter> = match format {
            OutputFormat::Human => Box::new(human::Annotated::new(human.color)),
            OutputFormat::Concise => Box::new(human::Concise),
            OutputFormat::Json => Box::new(json::Document::start()?),
            OutputFormat::JsonLines => Box::new(json::Lines),
            OutputFormat::Sarif => Box::new(sarif::Log::start(out)?),
            OutputFormat::Github => Box::new(github::Commands),
            OutputFormat::Junit => Box::new(junit::TestSuites::start()),
            OutputFormat::Checkstyle => Box::new(checkstyle::Checkstyle::start(out)?),
            OutputFormat::Rdjson => Box::new(rdjson::DiagnosticResult::start(out)?),
        };
        Ok(ReportWriter {
            format,
            buffer: Vec::new(),
        })
    }

    /// Writes the findings of the next file.
    pub fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        self.buffer.clear();
        self.format.file(&mut self.buffer, report)?;
        out.write_all(&self.buffer)
    }

    /// Writes what comes after the last file; `totals` counts every file written.
    pub fn finish(self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        self.format.finish(out, totals)
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
