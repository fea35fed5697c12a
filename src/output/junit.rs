//! JUnit XML: one test case per file, failing with its findings.
//!
//! The counts of tests and failures are attributes of the opening tags, known only after the
//! last file, so the test cases are held back in a spool (memory, then a temporary file) and
//! written after the head. Splitting the suite per file would put the counts next to each test
//! case, but it would change the document that CI systems already read.

use std::io::{self, Write};

use incident_syntax::ColumnUnit;

use super::stream::Spool;
use super::{FileReport, FormatWriter, Totals, message_with_help, xml_escape};

/// A test suite with one test case per checked file.
pub(super) struct TestSuites {
    test_cases: Spool,
}

impl TestSuites {
    pub(super) fn start() -> TestSuites {
        TestSuites {
            test_cases: Spool::new(),
        }
    }
}

impl FormatWriter for TestSuites {
    fn file(&mut self, _out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let mut test_case = Vec::new();
        write_test_case(&mut test_case, report)?;
        self.test_cases.append(&test_case)
    }

    fn finish(self: Box<Self>, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        let (tests, failures) = (totals.files, totals.files_with_findings);
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuites name="incident-lint" tests="{tests}" failures="{failures}">"#
        )?;
        writeln!(
            out,
            r#"  <testsuite name="incident-lint" tests="{tests}" failures="{failures}" errors="0">"#
        )?;
        self.test_cases.copy_to(out)?;
        writeln!(out, "  </testsuite>")?;
        writeln!(out, "</testsuites>")
    }
}

fn write_test_case(out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
    let path = xml_escape(&report.path);
    if report.diagnostics.is_empty() {
        return writeln!(
            out,
            r#"    <testcase name="{path}" classname="incident-lint"/>"#
        );
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
    writeln!(out, "    </testcase>")
}
