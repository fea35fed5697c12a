//! GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

use std::io::{self, Write};

use incident_rules::Severity;
use incident_syntax::ColumnUnit;

use super::{FileReport, FormatWriter, message_with_help};

/// Escapes a command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message` per finding.
pub(super) struct Commands;

impl FormatWriter for Commands {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        for diagnostic in &report.diagnostics {
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let span = report.span(diagnostic.range, ColumnUnit::Utf32);
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&report.path),
                span.start_line,
                span.start_column,
                span.end_line,
                span.end_column,
                escape_property(&format!("{} {}", diagnostic.code(), diagnostic.name())),
                escape_data(&message_with_help(diagnostic)),
            )?;
        }
        Ok(())
    }
}
