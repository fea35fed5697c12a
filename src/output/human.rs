//! Output for people: annotated source (most important first, findings on the same text
//! grouped), one line per finding, a summary and statistics.

use std::io::{self, Write};

use codespan_reporting::term::termcolor::{Buffer, ColorSpec, WriteColor};
use codespan_reporting::term::{self, Config};
use incident_rules::{
    Applicability, SourceFile, group_to_codespan, grouped_by_importance, info_header,
};
use incident_syntax::ColumnUnit;

use super::{FileReport, FormatWriter, Totals, one_line};

/// Annotated source, as codespan-reporting renders it.
pub(super) struct Annotated {
    color: bool,
    config: Config,
}

impl Annotated {
    pub(super) fn new(color: bool) -> Annotated {
        Annotated {
            color,
            config: Config::default(),
        }
    }
}

impl FormatWriter for Annotated {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let file = SourceFile::new(one_line(&report.path), report.text.as_str());
        for group in grouped_by_importance(&report.diagnostics) {
            let (Some(first), Some(rendered)) = (group.first(), group_to_codespan(&group)) else {
                continue;
            };
            let mut buffer = if self.color {
                Buffer::ansi()
            } else {
                Buffer::no_color()
            };
            term::emit_to_write_style(&mut buffer, &self.config, &file, &rendered)
                .map_err(|error| io::Error::other(error.to_string()))?;
            buffer.reset()?;
            out.write_all(&info_header(buffer.as_slice(), first.severity))?;
        }
        Ok(())
    }
}

/// One line per finding: `path:line:col: severity[CODE] message`.
pub(super) struct Concise;

impl FormatWriter for Concise {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        for diagnostic in &report.diagnostics {
            let span = report.span(diagnostic.range, ColumnUnit::Utf32);
            let fixable = match diagnostic.fix.as_ref().map(|fix| fix.applicability) {
                Some(Applicability::Safe) => " [fix]",
                Some(Applicability::Unsafe) => " [unsafe fix]",
                None => "",
            };
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}{fixable}",
                one_line(&report.path),
                span.start_line,
                span.start_column,
                diagnostic.severity,
                diagnostic.code(),
                diagnostic.message
            )?;
        }
        Ok(())
    }
}

/// What a run did, for the closing line.
pub struct Summary {
    /// Fixes applied (or shown, with `--diff`).
    pub fixed: usize,
    /// Remaining findings with a safe fix.
    pub fixable: usize,
    /// Remaining findings with an unsafe fix.
    pub unsafe_fixable: usize,
    /// Inputs that could not be read or configured.
    pub unreadable: usize,
}

/// The closing summary: counts by severity and what `--fix` would do.
pub fn write_summary(
    out: &mut dyn Write,
    totals: &Totals,
    summary: &Summary,
    color: bool,
) -> io::Result<()> {
    let (errors, warnings, infos) = (totals.errors, totals.warnings, totals.infos);
    // "info" is a mass noun: "2 info" beside "2 errors".
    let plural = |n: usize, word: &str| {
        let ending = if n == 1 || word == "info" { "" } else { "s" };
        format!("{n} {word}{ending}")
    };
    let mut line = String::new();
    if summary.fixed > 0 {
        line.push_str(&format!("Fixed {}. ", plural(summary.fixed, "finding")));
    }
    let found: Vec<String> = [(errors, "error"), (warnings, "warning"), (infos, "info")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| plural(n, word))
        .collect();
    let files = plural(totals.files, "file");
    match found.as_slice() {
        [] if summary.unreadable > 0 => line.push_str(&format!(
            "No findings in {files}; {} could not be checked.",
            summary.unreadable
        )),
        [] => line.push_str(&format!("All checks passed ({files} checked).")),
        [only] => line.push_str(&format!("Found {only} in {files}.")),
        [init @ .., last] => {
            line.push_str(&format!("Found {} and {last} in {files}.", init.join(", ")))
        }
    }
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    buffer.set_color(ColorSpec::new().set_bold(true))?;
    write!(buffer, "{line}")?;
    buffer.reset()?;
    writeln!(buffer)?;
    if summary.fixable > 0 {
        writeln!(
            buffer,
            "{} can be fixed with `--fix`.",
            plural(summary.fixable, "finding")
        )?;
    }
    if summary.unsafe_fixable > 0 {
        writeln!(
            buffer,
            "{} more can be fixed with `--fix --unsafe-fixes` (placeholders or reordering to review).",
            summary.unsafe_fixable
        )?;
    }
    out.write_all(buffer.as_slice())
}

/// How many findings each rule reported, most first.
pub fn write_statistics(out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
    let mut rows: Vec<_> = totals.by_rule.iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    for ((code, name), (n, fixable)) in rows {
        let fixable = if *fixable { " [*]" } else { "" };
        writeln!(out, "{n:>5}  {code}  {name}{fixable}")?;
    }
    Ok(())
}
