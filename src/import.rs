//! `incident-lint import`: Markdown post-mortems rewritten into the `.incident` format, each
//! written next to its Markdown file without replacing anything, or printed.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use incident_rules::{Selectors, has_incident_file_name, import_markdown, preset};
use incident_syntax::{ColumnUnit, LineIndex, TextRange};
use incident_workspace::{ConfigResolver, read_source};

use crate::check::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, internal_error};
use crate::cli::ImportArgs;
use crate::output::one_line;
use crate::write::create_new;

/// Imports every file. Exit status: 2 when a file could not be read or written (the others are
/// imported all the same), 1 when some part of a file could not be mapped, else 0.
pub fn run(args: &ImportArgs) -> ExitCode {
    let selectors = Selectors {
        preset: args.preset.as_deref().and_then(preset::find),
        ..Selectors::default()
    };
    let resolver = ConfigResolver::new(args.config.as_deref(), args.isolated);
    let mut failed = false;
    let mut n_unmapped = 0;
    let mut n_imported = 0;
    let mut stdout = io::stdout().lock();
    for path in &args.paths {
        let Some(output) = output_path(path) else {
            eprintln!(
                "error: {}: already an incident file, nothing to import; check it with `incident-lint {}`",
                one_line(path.display()),
                one_line(path.display())
            );
            failed = true;
            continue;
        };
        let text = match read_source(path, args.max_file_size) {
            Ok(text) => text,
            Err(error) => {
                eprintln!("error: {}", one_line(error));
                failed = true;
                continue;
            }
        };
        let settings = match resolver.for_file(path) {
            Ok(config) => config.settings_for_file(&selectors, path),
            Err(error) => {
                eprintln!("error: {}", one_line(error));
                failed = true;
                continue;
            }
        };
        let output_name = output
            .file_name()
            .map(|name| name.to_string_lossy().into_owned());
        // A bug that panics on one file must not stop the others.
        let imported = std::panic::catch_unwind(|| {
            crate::test_hooks::panic_if_asked(path);
            import_markdown(&text, &settings, output_name.as_deref())
        });
        let imported = match imported {
            Ok(imported) => imported,
            Err(payload) => {
                eprintln!("error: {}", one_line(internal_error(path, &*payload)));
                failed = true;
                continue;
            }
        };
        let input_index = LineIndex::new(&text);
        for unmapped in &imported.unmapped {
            eprintln!(
                "{}: not mapped: {}",
                position(path, &text, &input_index, unmapped.range),
                one_line(&unmapped.message)
            );
        }
        let output_index = LineIndex::new(&imported.text);
        for error in &imported.syntax_errors {
            eprintln!(
                "{}: syntax error left in the imported text: {}; fix it there",
                position(&output, &imported.text, &output_index, error.range),
                one_line(&error.message)
            );
        }
        n_unmapped += imported.unmapped.len() + imported.syntax_errors.len();
        let shown = one_line(output.display());
        let result = if args.stdout {
            stdout.write_all(imported.text.as_bytes())
        } else if args.dry_run {
            writeln!(stdout, "would write {shown}")
        } else {
            match create_new(&output, &imported.text) {
                Ok(()) => writeln!(stdout, "wrote {shown}"),
                Err(error) => {
                    if error.kind() == io::ErrorKind::AlreadyExists {
                        eprintln!(
                            "error: {shown}: already exists, and import never replaces a file: move it away, or see the import with `--stdout`"
                        );
                    } else {
                        eprintln!("error: {shown}: cannot write: {error}");
                    }
                    failed = true;
                    continue;
                }
            }
        };
        if let Err(error) = result {
            if error.kind() == io::ErrorKind::BrokenPipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: cannot write output: {error}");
            return ExitCode::from(EXIT_ERROR);
        }
        n_imported += 1;
    }
    let verb = if args.dry_run || args.stdout {
        "read"
    } else {
        "imported"
    };
    eprintln!(
        "{n_imported} file(s) {verb}; {n_unmapped} part(s) not mapped; the guesses are marked `{}` for review",
        incident_rules::REVIEW_MARK
    );
    if failed {
        ExitCode::from(EXIT_ERROR)
    } else if n_unmapped > 0 {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::from(EXIT_CLEAN)
    }
}

/// Where the import of `path` goes: `NAME.md` (or any other extension) becomes
/// `NAME.incident`; `None` for a file already named as an incident file.
fn output_path(path: &Path) -> Option<PathBuf> {
    if has_incident_file_name(path) {
        return None;
    }
    Some(path.with_extension("incident"))
}

/// `path:line:column` of `range`'s start, 1-based, columns in characters.
fn position(path: &Path, text: &str, index: &LineIndex, range: TextRange) -> String {
    let start = index.line_col(text, range.start(), ColumnUnit::Utf32);
    format!(
        "{}:{}:{}",
        one_line(path.display()),
        start.line + 1,
        start.col + 1
    )
}
