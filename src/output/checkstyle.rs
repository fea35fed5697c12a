//! Checkstyle XML, read by many CI dashboards.

use std::io::{self, Write};

use incident_rules::Severity;
use incident_syntax::ColumnUnit;

use super::{FileReport, FormatWriter, Totals, message_with_help, xml_escape};

/// One `<file>` per checked file with an `<error>` per finding.
pub(super) struct Checkstyle;

impl Checkstyle {
    pub(super) fn start(out: &mut dyn Write) -> io::Result<Checkstyle> {
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(out, r#"<checkstyle version="4.3">"#)?;
        Ok(Checkstyle)
    }
}

impl FormatWriter for Checkstyle {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        writeln!(out, r#"  <file name="{}">"#, xml_escape(&report.path))?;
        for diagnostic in &report.diagnostics {
            let span = report.span(diagnostic.range, ColumnUnit::Utf32);
            let severity = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            };
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{severity}" message="{}" source="incident-lint.{}"/>"#,
                span.start_line,
                span.start_column,
                xml_escape(&message_with_help(diagnostic)),
                diagnostic.code()
            )?;
        }
        writeln!(out, "  </file>")
    }

    fn finish(self: Box<Self>, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        writeln!(out, "</checkstyle>")
    }
}
