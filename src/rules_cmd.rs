//! `incident-lint rules` and `incident-lint explain`: the rule catalog and each rule's documentation.

use std::io::{self, Write};
use std::process::ExitCode;

use incident_rules::{FixAvailability, registry};
use serde_json::json;

use crate::check::{EXIT_CLEAN, EXIT_ERROR};
use crate::cli::RulesFormat;

fn fix_name(fix: FixAvailability) -> &'static str {
    match fix {
        FixAvailability::None => "",
        FixAvailability::Safe => "safe",
        FixAvailability::Unsafe => "unsafe",
        FixAvailability::Sometimes => "sometimes",
    }
}

/// The narrowest summary worth showing beside the other columns on a terminal; on a narrower
/// one, each summary goes on its own line under the rule's name.
const MIN_SUMMARY_WIDTH: usize = 24;

/// `text` cut to `width` characters, with an ellipsis when cut; whole without a width.
fn fit(text: &str, width: Option<usize>) -> std::borrow::Cow<'_, str> {
    match width {
        Some(width) if text.chars().count() > width => {
            let kept: String = text.chars().take(width.saturating_sub(1)).collect();
            format!("{kept}…").into()
        }
        _ => text.into(),
    }
}

/// Lists every rule.
pub fn list(format: RulesFormat) -> ExitCode {
    let mut out = io::stdout().lock();
    let written = match format {
        RulesFormat::Text => {
            let terminal_width = terminal_size::terminal_size_of(io::stdout())
                .map(|(terminal_size::Width(width), _)| usize::from(width));
            write_table(&mut out, terminal_width)
        }
        RulesFormat::Json => {
            let rules: Vec<_> = registry::all()
                .map(|rule| {
                    json!({
                        "code": rule.code,
                        "name": rule.name,
                        "severity": rule.default_severity.name(),
                        "group": rule.group.name(),
                        "fix": fix_name(rule.fix),
                        "status": registry::status(rule).name(),
                        "summary": rule.summary(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rules)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
    };
    match written {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write output: {error}");
            ExitCode::from(EXIT_ERROR)
        }
        _ => ExitCode::from(EXIT_CLEAN),
    }
}

/// The rule table: a header, then one row per rule, each column as wide as its longest value.
/// Without a terminal width (a pipe, a file), every summary is whole on its rule's line, for
/// `grep`. On a terminal no line is wider than the terminal: the summary is cut with an
/// ellipsis, and when the other columns leave it too little room it goes on its own line.
fn write_table(out: &mut dyn Write, terminal_width: Option<usize>) -> io::Result<()> {
    const HEADER: [&str; 6] = ["code", "name", "severity", "group", "fix", "status"];
    let rows: Vec<([&str; 6], String)> = registry::all()
        .map(|rule| {
            let columns = [
                rule.code,
                rule.name,
                rule.default_severity.name(),
                rule.group.name(),
                fix_name(rule.fix),
                registry::status(rule).name(),
            ];
            (columns, rule.summary())
        })
        .collect();
    let mut widths = HEADER.map(|header| header.chars().count());
    for (columns, _) in &rows {
        for (width, column) in widths.iter_mut().zip(columns) {
            *width = (*width).max(column.chars().count());
        }
    }
    let summary_column: usize = widths.iter().map(|width| width + 1).sum();
    // The summary's place and width: beside the columns, or on the next line under the name.
    let (summary_indent, summary_width) = match terminal_width {
        None => (None, None),
        Some(terminal) if terminal >= summary_column + MIN_SUMMARY_WIDTH => {
            (None, Some(terminal - summary_column))
        }
        Some(terminal) => {
            let under_name = widths.first().map_or(0, |width| width + 1);
            (Some(under_name), Some(terminal.saturating_sub(under_name)))
        }
    };
    let header = (HEADER, "summary".to_owned());
    for (columns, summary) in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (column, width) in columns.iter().zip(widths) {
            line.push_str(&format!("{column:<width$} "));
        }
        let summary = fit(summary, summary_width);
        match summary_indent {
            None => line.push_str(&summary),
            Some(indent) => {
                line.truncate(line.trim_end().len());
                line.push_str(&format!("\n{:indent$}{summary}", ""));
            }
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Prints one rule's documentation.
pub fn explain(rule: &str) -> ExitCode {
    let Some(meta) = registry::find(rule) else {
        let unknown = registry::select(rule).err();
        match unknown {
            Some(unknown) => eprintln!("error: {unknown}"),
            None => eprintln!("error: `{rule}` names several rules: give one code or name"),
        }
        return ExitCode::from(EXIT_ERROR);
    };
    let mut out = io::stdout().lock();
    let _ = out.write_all(meta.page().as_bytes());
    ExitCode::from(EXIT_CLEAN)
}

#[cfg(test)]
mod tests {
    use super::{fit, write_table};

    fn table(terminal_width: Option<usize>) -> String {
        let mut out = Vec::new();
        write_table(&mut out, terminal_width).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn on_a_terminal_no_line_is_wider_than_the_terminal() {
        for terminal_width in [80, 100, 120, 160, 200] {
            let table = table(Some(terminal_width));
            for line in table.lines() {
                assert!(
                    line.chars().count() <= terminal_width,
                    "{terminal_width} columns: {line:?}"
                );
            }
        }
    }

    #[test]
    fn a_wide_terminal_gets_one_line_per_rule_with_the_summary_cut() {
        let table = table(Some(160));
        assert_eq!(
            table.lines().count(),
            1 + incident_rules::registry::all().count()
        );
        assert!(table.lines().any(|line| line.ends_with('…')), "{table}");
        assert!(
            table
                .lines()
                .all(|line| line.starts_with("INC") || line.starts_with("code"))
        );
    }

    #[test]
    fn eighty_columns_put_each_summary_under_its_rule() {
        insta::assert_snapshot!(table(Some(80)));
    }

    #[test]
    fn without_a_terminal_every_summary_is_whole_on_its_rule_line() {
        let table = table(None);
        for rule in incident_rules::registry::all() {
            let summary = rule.summary();
            assert!(
                table
                    .lines()
                    .any(|line| line.starts_with(rule.code) && line.ends_with(&summary)),
                "{}",
                rule.code
            );
        }
    }

    #[test]
    fn summaries_are_cut_to_the_width_with_an_ellipsis() {
        assert_eq!(fit("Reports a gap.", Some(20)), "Reports a gap.");
        assert_eq!(fit("Reports a gap.", Some(8)), "Reports…");
        assert_eq!(fit("Reports a gap.", None), "Reports a gap.");
        assert_eq!(fit("Reports a gap.", Some(0)), "…");
    }
}
