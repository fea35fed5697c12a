//! `incident-lint next`: the next step of the method for an incident under way, with the
//! question to ask.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use incident_rules::{Checked, Selectors};
use incident_syntax::{ColumnUnit, LineIndex};
use incident_workspace::{ConfigResolver, DEFAULT_MAX_FILE_BYTES, read_source};

/// Prints `path:line:column: next step: <Step>` and the question, read with the file's
/// `incident-lint.toml`; exit code 2 when the file or its configuration cannot be read.
pub fn run(path: &Path) -> ExitCode {
    let text = match read_source(path, DEFAULT_MAX_FILE_BYTES) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let configs = ConfigResolver::new(None, false);
    let settings = match configs.for_file(path) {
        Ok(config) => config.settings_for_file(&Selectors::default(), path),
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let Checked { incident, .. } = incident_rules::check(&text, &settings);
    let next = incident_rules::next_step(&incident, &settings);
    let position = LineIndex::new(&text).line_col(&text, next.range.start(), ColumnUnit::Utf32);
    let written = writeln!(
        io::stdout().lock(),
        "{}:{}:{}: next step: {}\n  {}",
        path.display(),
        position.line + 1,
        position.col + 1,
        next.step.name(),
        next.question
    );
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: cannot write output: {error}");
            ExitCode::from(2)
        }
    }
}
