//! `incident-lint inspect`: what the parser and the model read in a file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use incident_model::{Incident, Outcome};
use incident_rules::{Checked, Selectors};
use incident_syntax::{ColumnUnit, LineIndex, Parse};
use incident_workspace::{ConfigResolver, DEFAULT_MAX_FILE_BYTES, read_source};

/// Inspects every file, read with its `incident-lint.toml` as `check` reads it (section
/// aliases, timezone); files that cannot be read are reported and skipped (exit code 2).
pub fn run(paths: &[PathBuf], json: bool) -> ExitCode {
    let mut stdout = io::stdout().lock();
    let mut failed = false;
    let configs = ConfigResolver::new(None, false);
    for path in paths {
        let text = match read_source(path, DEFAULT_MAX_FILE_BYTES) {
            Ok(text) => text,
            Err(error) => {
                eprintln!("error: {error}");
                failed = true;
                continue;
            }
        };
        let settings = match configs.for_file(path) {
            Ok(config) => config.settings_for_file(&Selectors::default(), path),
            Err(error) => {
                eprintln!("error: {error}");
                failed = true;
                continue;
            }
        };
        let Checked {
            parse, incident, ..
        } = incident_rules::check(&text, &settings);
        let written = if json {
            write_json(&mut stdout, path, &parse, &incident)
        } else {
            write_summary(&mut stdout, path, &parse, &incident)
        };
        if let Err(error) = written {
            if error.kind() == io::ErrorKind::BrokenPipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: cannot write output: {error}");
            return ExitCode::from(2);
        }
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn write_json(
    out: &mut impl Write,
    path: &Path,
    parse: &Parse,
    incident: &Incident,
) -> io::Result<()> {
    let document = serde_json::json!({
        "path": path.display().to_string(),
        "syntax_errors": parse.errors(),
        "tree": parse.root(),
        "model": incident,
    });
    serde_json::to_writer(&mut *out, &document)?;
    writeln!(out)
}

fn write_summary(
    out: &mut impl Write,
    path: &Path,
    parse: &Parse,
    incident: &Incident,
) -> io::Result<()> {
    let metadata = &incident.metadata;
    let id = metadata
        .scalar("id")
        .map_or("(no id)", |id| id.value.as_str());
    let status = metadata
        .scalar("status")
        .map_or("no status", |status| status.value.as_str());
    let title = incident
        .title
        .as_ref()
        .or(metadata.scalar("title"))
        .map_or("(no title)", |title| title.value.as_str());
    writeln!(out, "{}: {id} {title:?} ({status})", path.display())?;
    let observations = incident
        .definitions
        .iter()
        .filter(|definition| definition.prefix == incident_syntax::IdPrefix::Observation);
    let hypotheses = incident.definitions.len() - observations.clone().count();
    let count_outcome = |outcome| {
        incident
            .verdicts
            .iter()
            .filter(|verdict| verdict.outcome.value == outcome)
            .count()
    };
    writeln!(
        out,
        "  {} sections, {} loops; {} observations, {hypotheses} hypotheses ({} confirmed, {} rejected)",
        incident.sections.len(),
        incident.loops.len(),
        observations.count(),
        count_outcome(Outcome::Confirmed),
        count_outcome(Outcome::Rejected),
    )?;
    writeln!(
        out,
        "  {} timeline entries, {} actions, {} syntax errors",
        incident.timeline.len(),
        incident.actions.len(),
        parse.errors().len()
    )?;
    let index = LineIndex::new(parse.text());
    for error in parse.errors() {
        let position = index.line_col(parse.text(), error.range.start(), ColumnUnit::Utf32);
        writeln!(
            out,
            "  {}:{}:{}: {}",
            path.display(),
            position.line + 1,
            position.col + 1,
            error.message
        )?;
    }
    Ok(())
}
