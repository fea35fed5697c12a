//! The check command: find files, lint them in parallel, fix or diff, report, and choose the
//! exit status.

use std::io::{self, IsTerminal, Read, Write};
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::SystemTime;

use incident_rules::{
    Applicability, CONFIG_FILE_NAME, Selectors, Settings, Severity, Workspace, WorkspaceFile,
    add_suppressions, check_in_workspace, fix_until_stable, preset, registry,
};

use crate::baseline::Baseline;
use crate::cli::{CheckArgs, ColorChoice, OutputFormat};
use crate::configs::ConfigResolver;
use crate::diff::unified_diff;
use crate::discover::{Input, discover, no_incident_files};
use crate::output::{
    FileReport, HumanOptions, Summary, one_line, write_reports, write_statistics, write_summary,
};
use crate::since::ChangedLines;
use crate::source::{decode, read_source};
use crate::write::{StaleTemporaries, WriteError, replace_if_unchanged};

/// Exit status: no error-level findings.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: findings.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: usage, configuration or file errors.
pub const EXIT_ERROR: u8 = 2;

/// A file ready to check: its text and settings.
struct Job {
    input: Input,
    text: String,
    settings: Settings,
}

/// What checking one file produced.
struct Outcome {
    /// The findings; none when checking the file failed inside the tool.
    report: Option<FileReport>,
    fixed: usize,
    diff: Option<String>,
    /// Why the file was not written, or why it could not be checked.
    error: Option<String>,
}

/// Runs the check command.
pub fn run(args: &CheckArgs) -> ExitCode {
    let started = SystemTime::now();
    let overrides = match selectors(args) {
        Ok(overrides) => overrides,
        Err(message) => {
            eprintln!("error: {}", one_line(message));
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let today = match args.today.as_deref().map(crate::archive::parse_today) {
        Some(Ok(date)) => Some(date),
        Some(Err(message)) => {
            eprintln!("error: {message}");
            return ExitCode::from(EXIT_ERROR);
        }
        None => None,
    };
    let mut failed = false;
    let mut unreadable = 0;
    let mut resolver = ConfigResolver::new(args.config.as_deref(), args.isolated);
    let discovery = discover(&args.paths, args.stdin_filename.as_deref(), &mut resolver);
    for error in &discovery.errors {
        eprintln!("error: {}", one_line(error));
        failed = true;
    }
    let discovery_errors = discovery.errors.len();

    let mut config_errors_seen = std::collections::HashSet::new();
    for directory in &discovery.empty_directories {
        // The configuration of a folder without incident files is still read and checked.
        if let Err(error) = resolver.for_file(&directory.join(CONFIG_FILE_NAME)) {
            let message = error.to_string();
            if config_errors_seen.insert(message.clone()) {
                eprintln!("error: {}", one_line(message));
            }
            failed = true;
        } else if !args.quiet {
            eprintln!("warning: {}", one_line(no_incident_files(directory)));
        }
    }
    let mut jobs = Vec::new();
    let mut stdin_text: Option<String> = None;
    for input in discovery.inputs {
        let text = match &input {
            Input::File(path) => {
                read_source(path, args.max_file_size).map_err(|error| error.to_string())
            }
            Input::Stdin(name) => read_stdin(name, &mut stdin_text),
        };
        let text = match text {
            Ok(text) => text,
            Err(error) => {
                eprintln!("error: {}", one_line(error));
                failed = true;
                unreadable += 1;
                continue;
            }
        };
        let config = match resolver.for_file(input.display_path()) {
            Ok(config) => config,
            Err(error) => {
                let message = error.to_string();
                if config_errors_seen.insert(message.clone()) {
                    eprintln!("error: {}", one_line(message));
                }
                failed = true;
                unreadable += 1;
                continue;
            }
        };
        let mut settings = config.settings_for_file(&overrides, input.display_path());
        settings.today = today.or(settings.today).or_else(|| {
            Some(
                jiff::ZonedDateTime::now()
                    .with_time_zone(settings.default_timezone.clone())
                    .date(),
            )
        });
        jobs.push(Job {
            input,
            text,
            settings,
        });
    }

    // The rules across files see every file checked together, however the files were named.
    let mut workspace = Workspace::default();
    for job in &jobs {
        workspace.add_text(&job.input.display_path().display().to_string(), &job.text);
    }
    if args.fix && !args.diff {
        let mut stale = StaleTemporaries::new(started);
        for job in &jobs {
            if let Input::File(path) = &job.input {
                report_removed(&stale.remove_next_to(path));
            }
        }
    }
    let outcomes = check_in_parallel(jobs, args, &workspace);
    let mut reports = Vec::with_capacity(outcomes.len());
    let mut fixed = 0;
    let mut stdout = io::stdout().lock();
    for outcome in outcomes {
        fixed += outcome.fixed;
        if let Some(error) = outcome.error {
            eprintln!("error: {}", one_line(error));
            failed = true;
        }
        if let Some(diff) = outcome.diff {
            if write_or_quit(&mut stdout, diff.as_bytes()).is_err() {
                return ExitCode::SUCCESS;
            }
        }
        match outcome.report {
            Some(report) => reports.push(report),
            None => unreadable += 1,
        }
    }
    if let Some(revision) = &args.since {
        match ChangedLines::since(revision) {
            Ok(changed) => {
                for report in &mut reports {
                    changed.filter(report);
                }
            }
            Err(error) => {
                eprintln!("error: {}", one_line(error));
                return ExitCode::from(EXIT_ERROR);
            }
        }
    }
    if let Some(file) = &args.write_baseline {
        return write_baseline(file, &reports);
    }
    if let Some(file) = &args.baseline {
        match Baseline::read(file) {
            Ok(mut baseline) => {
                for report in &mut reports {
                    baseline.filter(report);
                }
                warn_stale(file, &baseline);
            }
            Err(error) => {
                eprintln!("error: {}", one_line(error));
                return ExitCode::from(EXIT_ERROR);
            }
        }
    }
    if let Some(reason) = &args.add_suppressions {
        return write_suppressions(&reports, reason);
    }
    let color = use_color(args.color);
    let human = HumanOptions { color };
    // With --diff the diff is the output, and fixed standard input is the output of --fix;
    // findings then go to standard error, for people.
    let fixes_standard_input = args.fix && reports.iter().any(|report| report.is_standard_input);
    let printed = if args.diff || fixes_standard_input {
        let mut stderr = io::stderr().lock();
        write_reports(&mut stderr, OutputFormat::Concise, &reports, &human)
    } else {
        write_reports(&mut stdout, args.format, &reports, &human)
    };
    if let Err(error) = printed {
        if error.kind() == io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
        eprintln!("error: cannot write output: {error}");
        return ExitCode::from(EXIT_ERROR);
    }
    if args.statistics {
        let _ = write_statistics(&mut stdout, &reports);
    }
    if args.format == OutputFormat::Human && !args.quiet && !args.diff && !fixes_standard_input {
        let fixable = |applicability: Applicability| {
            reports
                .iter()
                .flat_map(|report| &report.diagnostics)
                .filter(|diagnostic| {
                    diagnostic
                        .fix
                        .as_ref()
                        .is_some_and(|fix| fix.applicability == applicability)
                })
                .count()
        };
        let summary = Summary {
            files: reports.len(),
            fixed,
            fixable: if args.fix {
                0
            } else {
                fixable(Applicability::Safe)
            },
            unsafe_fixable: if args.fix && args.unsafe_fixes {
                0
            } else {
                fixable(Applicability::Unsafe)
            },
            unreadable: unreadable + discovery_errors,
        };
        if reports.is_empty() && summary.unreadable == 0 {
            let _ = writeln!(stdout, "No files checked: no incident files were found.");
        } else {
            let _ = write_summary(&mut stdout, &reports, &summary, color);
        }
    }
    if args.require_files && reports.is_empty() {
        eprintln!(
            "error: no incident files were checked, and --require-files asks for at least one"
        );
        return ExitCode::from(EXIT_ERROR);
    }
    let _ = stdout.flush();
    let errors = count(&reports, Severity::Error);
    let warnings = count(&reports, Severity::Warning);
    if failed {
        return ExitCode::from(EXIT_ERROR);
    }
    let too_many_warnings = args.max_warnings.is_some_and(|max| warnings > max);
    if !args.exit_zero && (errors > 0 || too_many_warnings) {
        return ExitCode::from(EXIT_FINDINGS);
    }
    ExitCode::from(EXIT_CLEAN)
}

/// Writes a directive for each finding into its file (`--add-suppressions`).
fn write_suppressions(reports: &[FileReport], reason: &str) -> ExitCode {
    let reason = Some(reason).filter(|reason| !reason.trim().is_empty());
    let (mut suppressed, mut files, mut failed) = (0, 0, false);
    for report in reports
        .iter()
        .filter(|report| !report.diagnostics.is_empty())
    {
        if report.is_standard_input {
            eprintln!("error: --add-suppressions writes files; standard input is left alone");
            failed = true;
            continue;
        }
        let (text, covered) = add_suppressions(&report.text, &report.diagnostics, reason);
        let left = report.diagnostics.len() - covered;
        if left > 0 {
            eprintln!(
                "warning: {}: {left} finding(s) cannot be suppressed in the file (syntax errors and findings about directives): fix them, or use per-file-ignores",
                one_line(&report.path)
            );
        }
        if covered == 0 || text == report.text {
            continue;
        }
        match replace_if_unchanged(Path::new(&report.path), &report.text, &text) {
            Ok(()) => {
                suppressed += covered;
                files += 1;
            }
            Err(error) => {
                eprintln!(
                    "error: {}: {}",
                    one_line(&report.path),
                    write_failure(error, "the suppressions")
                );
                failed = true;
            }
        }
    }
    println!(
        "Suppressed {suppressed} finding(s) in {files} file(s). Each directive says which rules it turns off; remove it once the finding is fixed."
    );
    ExitCode::from(if failed { EXIT_ERROR } else { EXIT_CLEAN })
}

/// Says which temporary files of killed runs were removed.
pub fn report_removed(removed: &[std::path::PathBuf]) {
    for path in removed {
        eprintln!(
            "note: removed {}, left by an earlier run that was stopped while writing",
            one_line(path.display())
        );
    }
}

/// Why `what` was not written, for people.
fn write_failure(error: WriteError, what: &str) -> String {
    match error {
        WriteError::Io(error) => format!("cannot write {what}: {error}"),
        refused => refused.to_string(),
    }
}

/// Records every finding in the baseline `file`.
fn write_baseline(file: &Path, reports: &[FileReport]) -> ExitCode {
    let baseline = Baseline::record(file, reports);
    match std::fs::write(file, baseline.to_json()) {
        Ok(()) => {
            eprintln!(
                "recorded {} finding(s) of {} file(s) in `{}`",
                baseline.len(),
                reports.len(),
                file.display()
            );
            ExitCode::from(EXIT_CLEAN)
        }
        Err(error) => {
            eprintln!("error: cannot write baseline `{}`: {error}", file.display());
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Lists the recorded findings that no longer occur, so the baseline can shrink.
fn warn_stale(file: &Path, baseline: &Baseline) {
    let stale = baseline.stale();
    if stale.is_empty() {
        return;
    }
    let n_stale: usize = stale.iter().map(|(_, count)| count).sum();
    eprintln!(
        "warning: {n_stale} finding(s) recorded in `{}` no longer occur; write it again with `--write-baseline` to drop them:",
        file.display()
    );
    for (fingerprint, count) in stale {
        eprintln!(
            "  {}: {} {} ({count}x): {}",
            fingerprint.path, fingerprint.rule, fingerprint.message, fingerprint.line
        );
    }
}

fn count(reports: &[FileReport], severity: Severity) -> usize {
    reports
        .iter()
        .flat_map(|report| &report.diagnostics)
        .filter(|diagnostic| diagnostic.severity == severity)
        .count()
}

/// Resolves `--select`, `--extend-select` and `--ignore`.
fn selectors(args: &CheckArgs) -> Result<Selectors, String> {
    let resolve = |selectors: &[String]| -> Result<Vec<_>, String> {
        let mut rules = Vec::new();
        for selector in selectors {
            rules.extend(
                registry::select(selector)
                    .map_err(|unknown| format!("{unknown} (in the command line)"))?,
            );
        }
        Ok(rules)
    };
    Ok(Selectors {
        select: args.select.as_deref().map(resolve).transpose()?,
        extend_select: resolve(&args.extend_select)?,
        ignore: resolve(&args.ignore)?,
        preview: args.preview.then_some(true),
        preset: args.preset.as_deref().and_then(preset::find),
    })
}

fn read_stdin(name: &Path, cache: &mut Option<String>) -> Result<String, String> {
    if let Some(text) = cache {
        return Ok(text.clone());
    }
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|error| format!("{}: cannot read standard input: {error}", name.display()))?;
    let text = decode(name, bytes).map_err(|error| error.to_string())?;
    *cache = Some(text.clone());
    Ok(text)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
                && io::stdout().is_terminal()
        }
    }
}

fn write_or_quit(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    out.write_all(bytes)
}

/// Checks every job on a pool of threads; results come back in input order.
fn check_in_parallel(jobs: Vec<Job>, args: &CheckArgs, workspace: &Workspace) -> Vec<Outcome> {
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, jobs.len().max(1));
    let slots: Vec<Mutex<Option<Outcome>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(index) else {
                        break;
                    };
                    // A bug that panics on one file must not stop the others.
                    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
                        check_one(job, args, workspace)
                    }))
                    .unwrap_or_else(|payload| Outcome {
                        report: None,
                        fixed: 0,
                        diff: None,
                        error: Some(internal_error(job.input.display_path(), &*payload)),
                    });
                    if let Some(slot) = slots.get(index) {
                        if let Ok(mut slot) = slot.lock() {
                            *slot = Some(outcome);
                        }
                    }
                }
            });
        }
    });
    slots
        .into_iter()
        .filter_map(|slot| slot.into_inner().ok().flatten())
        .collect()
}

/// The message for a file whose check panicked: a bug in incident-lint, not in the file.
pub fn internal_error(path: &Path, payload: &(dyn std::any::Any + Send)) -> String {
    let cause = payload
        .downcast_ref::<&str>()
        .map(|cause| (*cause).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".to_owned());
    format!(
        "{}: internal error while checking this file ({cause}); the file is unchanged and the other files were checked; please report this bug with the file",
        path.display()
    )
}

fn check_one(job: &Job, args: &CheckArgs, workspace: &Workspace) -> Outcome {
    crate::test_hooks::panic_if_asked(job.input.display_path());
    let path = job.input.display_path().display().to_string();
    let file_in_workspace = WorkspaceFile {
        workspace,
        path: &path,
    };
    let is_standard_input = matches!(job.input, Input::Stdin(_));
    let allowed = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    if !(args.fix || args.diff) {
        let checked = check_in_workspace(&job.text, &job.settings, Some(file_in_workspace));
        return Outcome {
            report: Some(
                FileReport::new(path, job.text.clone(), checked.diagnostics)
                    .with_standard_input(is_standard_input),
            ),
            fixed: 0,
            diff: None,
            error: None,
        };
    }
    let fixed = fix_until_stable(&job.text, &job.settings, allowed);
    let remaining =
        check_in_workspace(&fixed.text, &job.settings, Some(file_in_workspace)).diagnostics;
    let mut outcome = Outcome {
        report: Some(
            FileReport::new(path.clone(), fixed.text.clone(), remaining)
                .with_standard_input(is_standard_input),
        ),
        fixed: fixed.applied,
        diff: None,
        error: None,
    };
    if fixed.text == job.text {
        // Fixed standard input is always the output of --fix, changed or not.
        if is_standard_input && !args.diff {
            outcome.diff = Some(fixed.text);
        }
        return outcome;
    }
    if args.diff {
        outcome.diff = Some(unified_diff(&path, &job.text, &fixed.text));
        return outcome;
    }
    match &job.input {
        Input::File(file) => {
            if let Err(error) = replace_if_unchanged(file, &job.text, &fixed.text) {
                outcome.error = Some(format!(
                    "{}: {}",
                    file.display(),
                    write_failure(error, "the fixed file")
                ));
                // The findings shown are those of the file as it stays.
                let checked = check_in_workspace(&job.text, &job.settings, Some(file_in_workspace));
                outcome.report = Some(FileReport::new(path, job.text.clone(), checked.diagnostics));
                outcome.fixed = 0;
            }
        }
        Input::Stdin(_) => {
            // Fixed standard input goes to standard output, in place of the findings.
            outcome.diff = Some(fixed.text.clone());
        }
    }
    outcome
}
