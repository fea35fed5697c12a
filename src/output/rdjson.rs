//! Reviewdog's diagnostic format (rdjson), with fixes as suggestions.

use std::io::{self, Write};

use incident_rules::Severity;
use incident_syntax::ColumnUnit;
use serde_json::{Value, json};

use super::json::rule_url;
use super::stream::{ARRAY_MARKER, ArrayItems, Layout, SplitDocument};
use super::{FileReport, FormatWriter, Totals, message_with_help};

fn range(report: &FileReport, range: incident_syntax::TextRange) -> Value {
    // Reviewdog counts columns in UTF-8 bytes.
    let span = report.span(range, ColumnUnit::Utf8);
    json!({
        "start": { "line": span.start_line, "column": span.start_column },
        "end": { "line": span.end_line, "column": span.end_column },
    })
}

/// One `DiagnosticResult` document.
pub(super) struct DiagnosticResult {
    diagnostics: ArrayItems,
    tail: String,
}

impl DiagnosticResult {
    /// Writes the document up to its first diagnostic.
    pub(super) fn start(out: &mut dyn Write) -> io::Result<DiagnosticResult> {
        let document = json!({
            "source": { "name": "incident-lint", "url": "https://github.com/incident-lint/incident-lint" },
            "diagnostics": ARRAY_MARKER,
        });
        let split = SplitDocument::new(&document, Layout::Compact)?;
        out.write_all(split.head.as_bytes())?;
        split.items.open(out)?;
        Ok(DiagnosticResult {
            diagnostics: split.items,
            tail: split.tail,
        })
    }
}

impl FormatWriter for DiagnosticResult {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
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
            let diagnostic = json!({
                "message": message_with_help(diagnostic),
                "location": { "path": report.path, "range": range(report, diagnostic.range) },
                "severity": severity,
                "code": { "value": format!("{}/{}", diagnostic.code(), diagnostic.name()), "url": rule_url(diagnostic.code()) },
                "suggestions": suggestions,
            });
            self.diagnostics.write(out, &diagnostic)?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        self.diagnostics.close(out)?;
        out.write_all(self.tail.as_bytes())?;
        writeln!(out)
    }
}
