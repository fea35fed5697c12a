//! JUnit XML: one test case per file, failing with its findings.

use std::io::{self, Write};

use incident_syntax::ColumnUnit;

use super::{FileReport, message_with_help, xml_escape};

/// A test suite with one test case per checked file.
pub fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let failures = reports
        .iter()
        .filter(|report| !report.diagnostics.is_empty())
        .count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="incident-lint" tests="{}" failures="{failures}">"#,
        reports.len()
    )?;
    writeln!(
        out,
        r#"  <testsuite name="incident-lint" tests="{}" failures="{failures}" errors="0">"#,
        reports.len()
    )?;
    for report in reports {
        let path = xml_escape(&report.path);
        if report.diagnostics.is_empty() {
            writeln!(
                out,
                r#"    <testcase name="{path}" classname="incident-lint"/>"#
            )?;
            continue;
        }
        writeln!(
            out,
            r#"    <testcase name="{path}" classname="incident-lint">"#
        )?;
        let mut details = String::new();
        for diagnostic in &report.diagnostics {
            let span = report.span(diagnostic.range, ColumnUnit::Utf32);
            details.push_str(&format!(
                "{}:{}:{}: {}[{}] {}\n",
                report.path,
                span.start_line,
                span.start_column,
                diagnostic.severity,
                diagnostic.code(),
                message_with_help(diagnostic)
            ));
        }
        let summary = format!("{} findings", report.diagnostics.len());
        writeln!(
            out,
            r#"      <failure message="{summary}" type="incident-lint">{}</failure>"#,
            xml_escape(&details)
        )?;
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}
