//! JSON output. The document's shape is versioned and described in `docs/json-output.md`.

use std::io::{self, Write};

use incident_rules::{Applicability, Diagnostic, Severity};
use incident_syntax::ColumnUnit;
use serde::Serialize;

use super::{FileReport, Span, count};

/// The version of the JSON document's shape; it changes only when a field changes meaning or goes.
const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    summary: SummaryDto,
    diagnostics: Vec<DiagnosticDto<'a>>,
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
pub(super) struct DiagnosticDto<'a> {
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

/// One JSON document with every finding.
pub fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let document = Document {
        version: SCHEMA_VERSION,
        tool: Tool {
            name: "incident-lint",
            version: env!("CARGO_PKG_VERSION"),
        },
        summary: SummaryDto {
            files: reports.len(),
            errors: count(reports, Severity::Error),
            warnings: count(reports, Severity::Warning),
            infos: count(reports, Severity::Info),
        },
        diagnostics: reports
            .iter()
            .flat_map(|report| {
                report
                    .diagnostics
                    .iter()
                    .map(move |diagnostic| dto(report, diagnostic))
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

/// One JSON object per finding, one per line.
pub fn write_lines(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    for report in reports {
        for diagnostic in &report.diagnostics {
            serde_json::to_writer(&mut *out, &dto(report, diagnostic))?;
            writeln!(out)?;
        }
    }
    Ok(())
}
