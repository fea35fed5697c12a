//! The check command: find files, lint them in parallel, fix or diff, report, and choose the
//! exit status.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::SystemTime;

use incident_rules::{
    Applicability, CONFIG_FILE_NAME, Config, Selectors, Settings, Workspace, WorkspaceFile,
    add_suppressions, check_in_workspace, fix_until_stable, preset, registry,
};
use incident_workspace::{
    ConfigResolver, Input, decode, discover, no_incident_files, read_source, resolve_today,
};
use jiff::civil::Date;

use crate::baseline::Baseline;
use crate::cli::{CheckArgs, ColorChoice, OutputFormat};
use crate::diff::unified_diff;
use crate::in_order::{RESULTS_AHEAD_PER_THREAD, for_each_in_order};
use crate::output::{
    FileReport, HumanOptions, ReportWriter, Summary, Totals, one_line, write_statistics,
    write_summary,
};
use crate::since::ChangedLines;
use crate::write::{StaleTemporaries, WriteError, replace_if_unchanged};

/// Exit status: no error-level findings.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: findings.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: usage, configuration or file errors.
pub const EXIT_ERROR: u8 = 2;

/// A file to check. Its text is read again when its turn comes, so that no more than a few
/// texts are in memory at once.
struct Job {
    source: Source,
    config: Arc<Config>,
}

/// Where a job's text comes from.
enum Source {
    /// A file, read when it is checked.
    File(PathBuf),
    /// Standard input, kept from the first reading since it cannot be read twice.
    Stdin { name: PathBuf, text: String },
}

impl Source {
    /// The path shown in messages.
    fn display_path(&self) -> &Path {
        match self {
            Source::File(path) | Source::Stdin { name: path, .. } => path,
        }
    }
}

/// What every check of a run shares.
struct CheckContext<'a> {
    args: &'a CheckArgs,
    overrides: &'a Selectors,
    today: Option<Date>,
    workspace: &'a Workspace,
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
///
/// Files are read twice: once, in order, to report what cannot be read or configured before any
/// finding and to index the incident IDs that the rules across files look up; then each again
/// when it is checked. Files are checked in parallel, and each file's findings are printed (or
/// filtered, recorded or suppressed) as soon as it and the files before it are done, then
/// dropped, so memory stays flat however many files there are.
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
    let resolver = ConfigResolver::new(args.config.as_deref(), args.isolated);
    let discovery = discover(&args.paths, args.stdin_filename.as_deref(), &resolver);
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
    // The rules across files see every file checked together, however the files were named.
    let mut workspace = Workspace::default();
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
        workspace.add_text(&input.display_path().display().to_string(), &text);
        let source = match input {
            Input::File(path) => Source::File(path),
            Input::Stdin(name) => Source::Stdin { name, text },
        };
        jobs.push(Job { source, config });
    }

    // What filters the findings is read before any file is checked, so that a mistake in it
    // stops the run before fixes are written.
    let changed_lines = match args.since.as_deref().map(ChangedLines::since) {
        Some(Ok(changed)) => Some(changed),
        Some(Err(error)) => {
            eprintln!("error: {}", one_line(error));
            return ExitCode::from(EXIT_ERROR);
        }
        None => None,
    };
    let baseline = match args.baseline.as_deref().map(Baseline::read) {
        Some(Ok(baseline)) => Some(baseline),
        Some(Err(error)) => {
            eprintln!("error: {}", one_line(error));
            return ExitCode::from(EXIT_ERROR);
        }
        None => None,
    };
    if args.fix && !args.diff {
        let mut stale = StaleTemporaries::new(started);
        for job in &jobs {
            if let Source::File(path) = &job.source {
                report_removed(&stale.remove_next_to(path));
            }
        }
    }

    let color = use_color(args.color);
    // With --diff the diff is the output, and fixed standard input is the output of --fix;
    // findings then go to standard error, for people.
    let fixes_standard_input = args.fix
        && jobs
            .iter()
            .any(|job| matches!(job.source, Source::Stdin { .. }));
    let findings_to_stderr = args.diff || fixes_standard_input;
    let mut streams = Streams {
        stdout: io::stdout().lock(),
        stderr: io::stderr(),
        findings_to_stderr,
    };
    let destination = match (&args.write_baseline, &args.add_suppressions) {
        (Some(file), _) => Destination::Baseline {
            file: file.clone(),
            recorded: Baseline::new(file),
        },
        (None, Some(reason)) => Destination::Suppressions(Suppressions::new(reason)),
        (None, None) => {
            let format = if findings_to_stderr {
                OutputFormat::Concise
            } else {
                args.format
            };
            let human = HumanOptions { color };
            match ReportWriter::start(streams.findings(), format, &human) {
                Ok(writer) => Destination::Output(writer),
                Err(error) => Destination::OutputFailed(error),
            }
        }
    };
    let mut consumer = Consumer {
        streams,
        changed_lines,
        baseline,
        destination,
        totals: Totals::default(),
        fixed: 0,
        failed,
        unreadable,
        diff_failed: false,
    };
    let cx = CheckContext {
        args,
        overrides: &overrides,
        today,
        workspace: &workspace,
    };
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, jobs.len().max(1));
    for_each_in_order(
        &jobs,
        threads,
        threads * RESULTS_AHEAD_PER_THREAD,
        |job| check_one(job, &cx),
        |job, outcome| {
            // A bug that panics on one file must not stop the others.
            let outcome = outcome.unwrap_or_else(|payload| Outcome {
                report: None,
                fixed: 0,
                diff: None,
                error: Some(internal_error(job.source.display_path(), &*payload)),
            });
            consumer.take(outcome);
        },
    );
    consumer.finish(args, color, discovery_errors)
}

/// Where the findings of each file go.
enum Destination {
    /// Printed in the output format.
    Output(ReportWriter),
    /// The output could not be written: no more is tried.
    OutputFailed(io::Error),
    /// Recorded for `--write-baseline`, in `file`.
    Baseline { file: PathBuf, recorded: Baseline },
    /// Written into the files as directives, for `--add-suppressions`.
    Suppressions(Suppressions),
}

/// Standard output, and where findings are printed.
struct Streams {
    stdout: io::StdoutLock<'static>,
    /// Locked for each write only: a checking thread's panic message must not wait for it.
    stderr: io::Stderr,
    findings_to_stderr: bool,
}

impl Streams {
    fn findings(&mut self) -> &mut dyn Write {
        if self.findings_to_stderr {
            &mut self.stderr
        } else {
            &mut self.stdout
        }
    }
}

/// Takes each file's outcome in order, and says at the end what the run did.
struct Consumer {
    streams: Streams,
    changed_lines: Option<ChangedLines>,
    baseline: Option<Baseline>,
    destination: Destination,
    /// Counts over the files taken, after `--since` and the baseline filtered them.
    totals: Totals,
    fixed: usize,
    failed: bool,
    /// Inputs that could not be read, configured or checked.
    unreadable: usize,
    /// Whether writing a diff (or fixed standard input) failed: the reader is gone.
    diff_failed: bool,
}

impl Consumer {
    fn take(&mut self, outcome: Outcome) {
        self.fixed += outcome.fixed;
        if let Some(error) = outcome.error {
            eprintln!("error: {}", one_line(error));
            self.failed = true;
        }
        if let Some(diff) = outcome.diff {
            if !self.diff_failed && self.streams.stdout.write_all(diff.as_bytes()).is_err() {
                self.diff_failed = true;
            }
        }
        let Some(mut report) = outcome.report else {
            self.unreadable += 1;
            return;
        };
        if let Some(changed) = &self.changed_lines {
            changed.filter(&mut report);
        }
        if let Some(baseline) = &mut self.baseline {
            baseline.filter(&mut report);
        }
        self.totals.add(&report);
        match &mut self.destination {
            Destination::Output(writer) if !self.diff_failed => {
                if let Err(error) = writer.file(self.streams.findings(), &report) {
                    self.destination = Destination::OutputFailed(error);
                }
            }
            Destination::Output(_) | Destination::OutputFailed(_) => {}
            Destination::Baseline { recorded, .. } => recorded.record(&report),
            Destination::Suppressions(suppressions) => suppressions.file(&report),
        }
    }

    fn finish(mut self, args: &CheckArgs, color: bool, discovery_errors: usize) -> ExitCode {
        // Nobody reads the rest.
        if self.diff_failed {
            return ExitCode::SUCCESS;
        }
        let writer = match self.destination {
            Destination::Baseline { file, recorded } => {
                return write_baseline(&file, &recorded, self.totals.files);
            }
            Destination::Suppressions(suppressions) => return suppressions.finish(),
            Destination::Output(writer) => Ok(writer),
            Destination::OutputFailed(error) => Err(error),
        };
        if let (Some(file), Some(baseline)) = (&args.baseline, &self.baseline) {
            warn_stale(file, baseline);
        }
        let printed =
            writer.and_then(|writer| writer.finish(self.streams.findings(), &self.totals));
        if let Err(error) = printed {
            if error.kind() == io::ErrorKind::BrokenPipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: cannot write output: {error}");
            return ExitCode::from(EXIT_ERROR);
        }
        let stdout = &mut self.streams.stdout;
        if args.statistics {
            let _ = write_statistics(stdout, &self.totals);
        }
        if args.format == OutputFormat::Human && !args.quiet && !self.streams.findings_to_stderr {
            let summary = Summary {
                fixed: self.fixed,
                fixable: if args.fix { 0 } else { self.totals.safe_fixes },
                unsafe_fixable: if args.fix && args.unsafe_fixes {
                    0
                } else {
                    self.totals.unsafe_fixes
                },
                unreadable: self.unreadable + discovery_errors,
            };
            if self.totals.files == 0 && summary.unreadable == 0 {
                let _ = writeln!(stdout, "No files checked: no incident files were found.");
            } else {
                let _ = write_summary(stdout, &self.totals, &summary, color);
            }
        }
        if args.require_files && self.totals.files == 0 {
            eprintln!(
                "error: no incident files were checked, and --require-files asks for at least one"
            );
            return ExitCode::from(EXIT_ERROR);
        }
        let _ = stdout.flush();
        if self.failed {
            return ExitCode::from(EXIT_ERROR);
        }
        let too_many_warnings = args
            .max_warnings
            .is_some_and(|max| self.totals.warnings > max);
        if !args.exit_zero && (self.totals.errors > 0 || too_many_warnings) {
            return ExitCode::from(EXIT_FINDINGS);
        }
        ExitCode::from(EXIT_CLEAN)
    }
}

/// Writes a directive for each finding into its file (`--add-suppressions`).
struct Suppressions {
    /// The reason written in each directive, if one was given.
    reason: Option<String>,
    suppressed: usize,
    files: usize,
    failed: bool,
}

impl Suppressions {
    fn new(reason: &str) -> Suppressions {
        Suppressions {
            reason: Some(reason.to_owned()).filter(|reason| !reason.trim().is_empty()),
            suppressed: 0,
            files: 0,
            failed: false,
        }
    }

    fn file(&mut self, report: &FileReport) {
        if report.diagnostics.is_empty() {
            return;
        }
        if report.is_standard_input {
            eprintln!("error: --add-suppressions writes files; standard input is left alone");
            self.failed = true;
            return;
        }
        let (text, covered) =
            add_suppressions(&report.text, &report.diagnostics, self.reason.as_deref());
        let left = report.diagnostics.len() - covered;
        if left > 0 {
            eprintln!(
                "warning: {}: {left} finding(s) cannot be suppressed in the file (syntax errors and findings about directives): fix them, or use per-file-ignores",
                one_line(&report.path)
            );
        }
        if covered == 0 || text == report.text {
            return;
        }
        match replace_if_unchanged(Path::new(&report.path), &report.text, &text) {
            Ok(()) => {
                self.suppressed += covered;
                self.files += 1;
            }
            Err(error) => {
                eprintln!(
                    "error: {}: {}",
                    one_line(&report.path),
                    write_failure(error, "the suppressions")
                );
                self.failed = true;
            }
        }
    }

    fn finish(self) -> ExitCode {
        println!(
            "Suppressed {} finding(s) in {} file(s). Each directive says which rules it turns off; remove it once the finding is fixed.",
            self.suppressed, self.files
        );
        ExitCode::from(if self.failed { EXIT_ERROR } else { EXIT_CLEAN })
    }
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

/// Writes `baseline`, which recorded the findings of `n_files` files, to `file`.
fn write_baseline(file: &Path, baseline: &Baseline, n_files: usize) -> ExitCode {
    match std::fs::write(file, baseline.to_json()) {
        Ok(()) => {
            eprintln!(
                "recorded {} finding(s) of {n_files} file(s) in `{}`",
                baseline.len(),
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

/// The settings of `job`'s file, with the date overdue actions are measured against.
fn settings(job: &Job, cx: &CheckContext) -> Settings {
    let mut settings = job
        .config
        .settings_for_file(cx.overrides, job.source.display_path());
    resolve_today(&mut settings, cx.today);
    settings
}

fn check_one(job: &Job, cx: &CheckContext) -> Outcome {
    crate::test_hooks::panic_if_asked(job.source.display_path());
    let path = job.source.display_path().display().to_string();
    let text = match &job.source {
        Source::File(file) => match read_source(file, cx.args.max_file_size) {
            Ok(text) => text,
            // It could be read a moment ago: it changed since.
            Err(error) => {
                return Outcome {
                    report: None,
                    fixed: 0,
                    diff: None,
                    error: Some(error.to_string()),
                };
            }
        },
        Source::Stdin { text, .. } => text.clone(),
    };
    let settings = settings(job, cx);
    let file_in_workspace = WorkspaceFile {
        workspace: cx.workspace,
        path: &path,
    };
    let is_standard_input = matches!(job.source, Source::Stdin { .. });
    let allowed = if cx.args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    if !(cx.args.fix || cx.args.diff) {
        let checked = check_in_workspace(&text, &settings, Some(file_in_workspace));
        return Outcome {
            report: Some(
                FileReport::new(path, text, checked.diagnostics)
                    .with_standard_input(is_standard_input),
            ),
            fixed: 0,
            diff: None,
            error: None,
        };
    }
    let fixed = fix_until_stable(&text, &settings, allowed);
    let remaining = check_in_workspace(&fixed.text, &settings, Some(file_in_workspace)).diagnostics;
    let mut outcome = Outcome {
        report: Some(
            FileReport::new(path.clone(), fixed.text.clone(), remaining)
                .with_standard_input(is_standard_input),
        ),
        fixed: fixed.applied,
        diff: None,
        error: None,
    };
    if fixed.text == text {
        // Fixed standard input is always the output of --fix, changed or not.
        if is_standard_input && !cx.args.diff {
            outcome.diff = Some(fixed.text);
        }
        return outcome;
    }
    if cx.args.diff {
        outcome.diff = Some(unified_diff(&path, &text, &fixed.text));
        return outcome;
    }
    match &job.source {
        Source::File(file) => {
            if let Err(error) = replace_if_unchanged(file, &text, &fixed.text) {
                outcome.error = Some(format!(
                    "{}: {}",
                    file.display(),
                    write_failure(error, "the fixed file")
                ));
                // The findings shown are those of the file as it stays.
                let checked = check_in_workspace(&text, &settings, Some(file_in_workspace));
                outcome.report = Some(FileReport::new(path, text, checked.diagnostics));
                outcome.fixed = 0;
            }
        }
        Source::Stdin { .. } => {
            // Fixed standard input goes to standard output, in place of the findings.
            outcome.diff = Some(fixed.text);
        }
    }
    outcome
}
