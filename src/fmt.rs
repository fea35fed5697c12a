//! `incident-lint fmt`: the canonical layout, written in place, checked, or shown as a diff.

use std::io::{self, Read, Write};
use std::process::ExitCode;
use std::time::SystemTime;

use incident_format::{format, sort_timelines};
use incident_model::Incident;
use incident_rules::Selectors;
use incident_workspace::{ConfigResolver, Input, decode, discover, no_incident_files, read_source};

use crate::check::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, internal_error, report_removed};
use crate::cli::FmtArgs;
use crate::diff::unified_diff;
use crate::output::one_line;
use crate::write::{StaleTemporaries, replace_if_unchanged};

/// Formats every file; with `--check` or `--diff`, writes nothing.
pub fn run(args: &FmtArgs) -> ExitCode {
    let mut stale = StaleTemporaries::new(SystemTime::now());
    let resolver = ConfigResolver::new(None, false);
    let discovery = discover(&args.paths, None, &resolver);
    let mut failed = !discovery.errors.is_empty();
    for error in &discovery.errors {
        eprintln!("error: {}", one_line(error));
    }
    for directory in &discovery.empty_directories {
        eprintln!("warning: {}", one_line(no_incident_files(directory)));
    }
    let mut changed = 0;
    let mut unchanged = 0;
    let mut stdout = io::stdout().lock();
    for input in &discovery.inputs {
        let path = input.display_path();
        let text = match input {
            Input::File(file) => {
                if !args.check && !args.diff {
                    report_removed(&stale.remove_next_to(file));
                }
                read_source(file, args.max_file_size).map_err(|error| error.to_string())
            }
            Input::Stdin(name) => {
                let mut bytes = Vec::new();
                io::stdin()
                    .read_to_end(&mut bytes)
                    .map_err(|error| {
                        format!("{}: cannot read standard input: {error}", name.display())
                    })
                    .and_then(|_| decode(name, bytes).map_err(|error| error.to_string()))
            }
        };
        let text = match text {
            Ok(text) => text,
            Err(error) => {
                eprintln!("error: {}", one_line(error));
                failed = true;
                continue;
            }
        };
        let settings = match resolver.for_file(path) {
            Ok(config) => config.settings_for_file(&Selectors::default(), path),
            Err(error) => {
                eprintln!("error: {}", one_line(error));
                failed = true;
                continue;
            }
        };
        // A bug that panics on one file must not stop the others.
        let formatted = std::panic::catch_unwind(|| {
            crate::test_hooks::panic_if_asked(path);
            let parse = incident_syntax::parse_with(&text, &settings.sections);
            format(&parse).map(|formatted| {
                if args.unsafe_changes {
                    let parse = incident_syntax::parse_with(&formatted, &settings.sections);
                    let incident = Incident::build(&parse, &settings.model_options());
                    sort_timelines(&parse, &incident).unwrap_or(formatted)
                } else {
                    formatted
                }
            })
        });
        let formatted = match formatted {
            Ok(Ok(formatted)) => formatted,
            Ok(Err(error)) => {
                eprintln!(
                    "error: {}",
                    one_line(format!("{}: {error}", path.display()))
                );
                failed = true;
                continue;
            }
            Err(payload) => {
                eprintln!("error: {}", one_line(internal_error(path, &*payload)));
                failed = true;
                continue;
            }
        };
        if matches!(input, Input::Stdin(_)) && !args.check && !args.diff {
            if stdout.write_all(formatted.as_bytes()).is_err() {
                return ExitCode::SUCCESS;
            }
            continue;
        }
        if formatted == text {
            unchanged += 1;
            continue;
        }
        changed += 1;
        if args.diff {
            let diff = unified_diff(&path.display().to_string(), &text, &formatted);
            if stdout.write_all(diff.as_bytes()).is_err() {
                return ExitCode::SUCCESS;
            }
        } else if args.check {
            let _ = writeln!(stdout, "would reformat: {}", one_line(path.display()));
        } else if let Input::File(file) = input {
            if let Err(error) = replace_if_unchanged(file, &text, &formatted) {
                eprintln!(
                    "error: {}",
                    one_line(format!("{}: {error}", file.display()))
                );
                failed = true;
            }
        }
    }
    let verb = if args.check || args.diff {
        "would be reformatted"
    } else {
        "reformatted"
    };
    if changed + unchanged > 0 {
        eprintln!("{changed} file(s) {verb}, {unchanged} already formatted");
    }
    if failed {
        ExitCode::from(EXIT_ERROR)
    } else if changed > 0 && (args.check || args.diff) {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::from(EXIT_CLEAN)
    }
}
