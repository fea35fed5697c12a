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

/// Where the summary column starts in the text listing.
const SUMMARY_COLUMN: usize = 7 + 1 + 34 + 1 + 8 + 1 + 9 + 1 + 9 + 1 + 10 + 1;

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
        RulesFormat::Text => (|| -> io::Result<()> {
            // On a terminal, one line per rule: the summary is cut to the width left.
            let summary_width = terminal_size::terminal_size_of(io::stdout()).map(
                |(terminal_size::Width(width), _)| {
                    usize::from(width).saturating_sub(SUMMARY_COLUMN)
                },
            );
            writeln!(
                out,
                "{:<7} {:<34} {:<8} {:<9} {:<9} {:<10} summary",
                "code", "name", "severity", "group", "fix", "status"
            )?;
            for rule in registry::all() {
                writeln!(
                    out,
                    "{:<7} {:<34} {:<8} {:<9} {:<9} {:<10} {}",
                    rule.code,
                    rule.name,
                    rule.default_severity.name(),
                    rule.group.name(),
                    fix_name(rule.fix),
                    registry::status(rule).name(),
                    fit(&rule.summary(), summary_width)
                )?;
            }
            Ok(())
        })(),
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
    use super::fit;

    #[test]
    fn summaries_are_cut_to_the_width_with_an_ellipsis() {
        assert_eq!(fit("Reports a gap.", Some(20)), "Reports a gap.");
        assert_eq!(fit("Reports a gap.", Some(8)), "Reports…");
        assert_eq!(fit("Reports a gap.", None), "Reports a gap.");
        assert_eq!(fit("Reports a gap.", Some(0)), "…");
    }
}
