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

/// Lists every rule.
pub fn list(format: RulesFormat) -> ExitCode {
    let mut out = io::stdout().lock();
    let written = match format {
        RulesFormat::Text => (|| -> io::Result<()> {
            writeln!(
                out,
                "{:<7} {:<34} {:<8} {:<9} {:<9} summary",
                "code", "name", "severity", "group", "fix"
            )?;
            for rule in registry::all() {
                writeln!(
                    out,
                    "{:<7} {:<34} {:<8} {:<9} {:<9} {}",
                    rule.code,
                    rule.name,
                    rule.default_severity.name(),
                    rule.group.name(),
                    fix_name(rule.fix),
                    rule.summary()
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
