//! Reviewdog's diagnostic format (rdjson), with fixes as suggestions.

use std::io::{self, Write};

use incident_rules::Severity;
use incident_syntax::ColumnUnit;
use serde_json::{Value, json};

use super::json::rule_url;
use super::{FileReport, message_with_help};

fn range(report: &FileReport, range: incident_syntax::TextRange) -> Value {
    // Reviewdog counts columns in UTF-8 bytes.
    let span = report.span(range, ColumnUnit::Utf8);
    json!({
        "start": { "line": span.start_line, "column": span.start_column },
        "end": { "line": span.end_line, "column": span.end_column },
    })
}

/// One `DiagnosticResult` document.
pub fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let mut diagnostics = Vec::new();
    for report in reports {
        for diagnostic in &report.diagnostics {
            let severity = match diagnostic.severity {
                Severity::Error => "ERROR",
                Severity::Warning => "WARNING",
                Severity::Info => "INFO",
            };
            let suggestions: Vec<Value> = diagnostic
                .fix
                .iter()
                .flat_map(|fix| &fix.edits)
                .map(|edit| json!({ "range": range(report, edit.range), "text": edit.replacement }))
                .collect();
            diagnostics.push(json!({
                "message": message_with_help(diagnostic),
                "location": { "path": report.path, "range": range(report, diagnostic.range) },
                "severity": severity,
                "code": { "value": format!("{}/{}", diagnostic.code(), diagnostic.name()), "url": rule_url(diagnostic.code()) },
                "suggestions": suggestions,
            }));
        }
    }
    let document = json!({
        "source": { "name": "incident-lint", "url": "https://github.com/incident-lint/incident-lint" },
        "diagnostics": diagnostics,
    });
    serde_json::to_writer(&mut *out, &document)?;
    writeln!(out)
}
