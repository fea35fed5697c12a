//! SARIF 2.1.0 output, for code scanning tools.

use std::io::{self, Write};

use incident_rules::{Diagnostic, RuleMeta, Severity, registry};
use incident_syntax::ColumnUnit;
use serde_json::{Value, json};

use super::json::rule_url;
use super::stream::{ARRAY_MARKER, ArrayItems, Layout, SplitDocument};
use super::{FileReport, FormatWriter, Span, Totals};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: forward slashes, with characters outside the
/// unreserved and path sets percent-encoded.
fn uri(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

fn region(report: &FileReport, range: incident_syntax::TextRange) -> Value {
    let Span {
        start_line,
        start_column,
        end_line,
        end_column,
    } = report.span(range, ColumnUnit::Utf32);
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": range.start(),
        "charLength": range.len(),
    })
}

/// The SARIF log: one run, the rules with their documentation, one result per finding.
pub(super) struct Log {
    rules: Vec<&'static RuleMeta>,
    results: ArrayItems,
    tail: String,
}

impl Log {
    /// Writes the log up to its first result.
    pub(super) fn start(out: &mut dyn Write) -> io::Result<Log> {
        let rules: Vec<_> = registry::all().collect();
        let rule_objects: Vec<Value> = rules
            .iter()
            .map(|rule| {
                json!({
                    "id": rule.code,
                    "name": rule.name,
                    "shortDescription": { "text": rule.summary() },
                    "fullDescription": { "text": rule.summary() },
                    "help": { "text": rule.documentation(), "markdown": rule.documentation() },
                    "helpUri": rule_url(rule.code),
                    "defaultConfiguration": { "level": level(rule.default_severity) },
                    "properties": { "group": rule.group.name() },
                })
            })
            .collect();
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "incident-lint",
                        "version": env!("CARGO_PKG_VERSION"),
                        "informationUri": "https://github.com/incident-lint/incident-lint",
                        "rules": rule_objects,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": ARRAY_MARKER,
            }]
        });
        let split = SplitDocument::new(&log, Layout::Pretty)?;
        out.write_all(split.head.as_bytes())?;
        split.items.open(out)?;
        Ok(Log {
            rules,
            results: split.items,
            tail: split.tail,
        })
    }
}

impl FormatWriter for Log {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        for diagnostic in &report.diagnostics {
            let result = result(report, diagnostic, &self.rules);
            self.results.write(out, &result)?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        self.results.close(out)?;
        out.write_all(self.tail.as_bytes())?;
        writeln!(out)
    }
}

/// The result of one finding; `rules` are the log's rules, which results name by index.
fn result(report: &FileReport, diagnostic: &Diagnostic, rules: &[&RuleMeta]) -> Value {
    let rule_index = rules.iter().position(|rule| rule.code == diagnostic.code());
    let mut text = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    let mut result = json!({
        "ruleId": diagnostic.code(),
        "level": level(diagnostic.severity),
        "message": { "text": text },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&report.path) },
                "region": region(report, diagnostic.range),
            }
        }],
    });
    if let (Some(index), Some(object)) = (rule_index, result.as_object_mut()) {
        object.insert("ruleIndex".to_owned(), json!(index));
    }
    if !diagnostic.labels.is_empty() {
        if let Some(object) = result.as_object_mut() {
            let related: Vec<Value> = diagnostic
                .labels
                .iter()
                .enumerate()
                .map(|(id, label)| {
                    json!({
                        "id": id,
                        "message": { "text": label.message },
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri(&report.path) },
                            "region": region(report, label.range),
                        }
                    })
                })
                .collect();
            object.insert("relatedLocations".to_owned(), Value::Array(related));
        }
    }
    if let (Some(fix), Some(object)) = (&diagnostic.fix, result.as_object_mut()) {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|edit| {
                json!({
                    "deletedRegion": region(report, edit.range),
                    "insertedContent": { "text": edit.replacement },
                })
            })
            .collect();
        object.insert(
            "fixes".to_owned(),
            json!([{
                "description": { "text": fix.title },
                "artifactChanges": [{
                    "artifactLocation": { "uri": uri(&report.path) },
                    "replacements": replacements,
                }],
            }]),
        );
    }
    result
}
