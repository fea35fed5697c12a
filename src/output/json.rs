//! JSON output. The document's shape is versioned and described in `docs/json-output.md`.

use std::io::{self, Write};

use incident_rules::{Applicability, Diagnostic, Severity};
use incident_syntax::ColumnUnit;
use serde::Serialize;

use super::stream::{ARRAY_MARKER, ArrayItems, Layout, SplitDocument, Spool};
use super::{FileReport, FormatWriter, Span, Totals};

/// The version of the JSON document's shape; it changes only when a field changes meaning or goes.
const SCHEMA_VERSION: u32 = 1;

/// The document, with the marker of its streamed array in place of `diagnostics`.
#[derive(Serialize)]
struct DocumentDto {
    version: u32,
    tool: Tool,
    summary: SummaryDto,
    diagnostics: &'static str,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct SummaryDto {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct PositionDto {
    line: u32,
    column: u32,
}

#[derive(Serialize)]
struct LocationDto {
    start: PositionDto,
    end: PositionDto,
    byte_start: u32,
    byte_end: u32,
}

#[derive(Serialize)]
struct LabelDto<'a> {
    message: &'a str,
    location: LocationDto,
}

#[derive(Serialize)]
struct EditDto<'a> {
    location: LocationDto,
    replacement: &'a str,
}

#[derive(Serialize)]
struct FixDto<'a> {
    title: &'a str,
    applicability: &'static str,
    edits: Vec<EditDto<'a>>,
}

#[derive(Serialize)]
struct DiagnosticDto<'a> {
    path: &'a str,
    code: &'static str,
    name: &'static str,
    severity: Severity,
    message: &'a str,
    help: Option<&'a str>,
    location: LocationDto,
    labels: Vec<LabelDto<'a>>,
    fix: Option<FixDto<'a>>,
    url: String,
}

fn location(report: &FileReport, range: incident_syntax::TextRange) -> LocationDto {
    let Span {
        start_line,
        start_column,
        end_line,
        end_column,
    } = report.span(range, ColumnUnit::Utf32);
    LocationDto {
        start: PositionDto {
            line: start_line,
            column: start_column,
        },
        end: PositionDto {
            line: end_line,
            column: end_column,
        },
        byte_start: range.start(),
        byte_end: range.end(),
    }
}

/// The documentation address of a rule.
pub(crate) fn rule_url(code: &str) -> String {
    format!("https://github.com/incident-lint/incident-lint/blob/main/docs/rules/{code}.md")
}

fn dto<'a>(report: &'a FileReport, diagnostic: &'a Diagnostic) -> DiagnosticDto<'a> {
    DiagnosticDto {
        path: &report.path,
        code: diagnostic.code(),
        name: diagnostic.name(),
        severity: diagnostic.severity,
        message: &diagnostic.message,
        help: diagnostic.help.as_deref(),
        location: location(report, diagnostic.range),
        labels: diagnostic
            .labels
            .iter()
            .map(|label| LabelDto {
                message: &label.message,
                location: location(report, label.range),
            })
            .collect(),
        fix: diagnostic.fix.as_ref().map(|fix| FixDto {
            title: &fix.title,
            applicability: match fix.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
            },
            edits: fix
                .edits
                .iter()
                .map(|edit| EditDto {
                    location: location(report, edit.range),
                    replacement: &edit.replacement,
                })
                .collect(),
        }),
        url: rule_url(diagnostic.code()),
    }
}

/// One JSON document with every finding. Its summary comes before the findings, so they are
/// held back in a spool until the last file is counted.
pub(super) struct Document {
    diagnostics: ArrayItems,
    spool: Spool,
}

impl Document {
    pub(super) fn start() -> io::Result<Document> {
        // The findings' indentation does not depend on the counts.
        let split = SplitDocument::new(&document(&Totals::default()), Layout::Pretty)?;
        Ok(Document {
            diagnostics: split.items,
            spool: Spool::new(),
        })
    }
}

impl FormatWriter for Document {
    fn file(&mut self, _out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let mut buffer = Vec::new();
        for diagnostic in &report.diagnostics {
            self.diagnostics
                .write(&mut buffer, &dto(report, diagnostic))?;
        }
        self.spool.append(&buffer)
    }

    fn finish(self: Box<Self>, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        let split = SplitDocument::new(&document(totals), Layout::Pretty)?;
        out.write_all(split.head.as_bytes())?;
        self.diagnostics.open(out)?;
        self.spool.copy_to(out)?;
        self.diagnostics.close(out)?;
        out.write_all(split.tail.as_bytes())?;
        writeln!(out)
    }
}

fn document(totals: &Totals) -> DocumentDto {
    DocumentDto {
        version: SCHEMA_VERSION,
        tool: Tool {
            name: "incident-lint",
            version: env!("CARGO_PKG_VERSION"),
        },
        summary: SummaryDto {
            files: totals.files,
            errors: totals.errors,
            warnings: totals.warnings,
            infos: totals.infos,
        },
        diagnostics: ARRAY_MARKER,
    }
}

/// One JSON object per finding, one per line.
pub(super) struct Lines;

impl FormatWriter for Lines {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        for diagnostic in &report.diagnostics {
            serde_json::to_writer(&mut *out, &dto(report, diagnostic))?;
            writeln!(out)?;
        }
        Ok(())
    }
}
