//! End-to-end tests: run the real `incident-lint` binary on the fixture tree in `tests/e2e`
//! and snapshot what it prints and its exit status.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const PROJECT: &str = "tests/e2e/project";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn snapshot(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

fn run_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_incident-lint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn run(args: &[&str]) -> Run {
    run_in(Path::new(PROJECT), args, None)
}

/// A copy of the fixture project in a temporary directory, for commands that write.
fn scratch_project() -> tempfile::TempDir {
    let scratch = tempfile::tempdir().unwrap();
    copy_dir(Path::new(PROJECT), scratch.path());
    scratch
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn human_output_on_a_directory() {
    insta::assert_snapshot!(run(&["--color", "never", "."]).snapshot());
}

#[test]
fn every_output_format() {
    for format in [
        "concise",
        "json",
        "json-lines",
        "github",
        "junit",
        "checkstyle",
        "rdjson",
        "sarif",
    ] {
        let result = run(&["--format", format]);
        assert_eq!(result.code, 1, "{format}: {}", result.stderr);
        insta::assert_snapshot!(format!("format_{format}"), result.snapshot());
    }
}

#[test]
fn sarif_output_is_valid_against_the_official_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string("tests/data/sarif-schema-2.1.0.json").unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let output: serde_json::Value =
        serde_json::from_str(&run(&["--format", "sarif"]).stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&output)
        .map(|error| format!("{error} at {}", error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(!output["runs"][0]["results"].as_array().unwrap().is_empty());
    assert!(
        output["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len()
            > 5
    );
}

#[test]
fn checking_in_parallel_prints_what_a_sequential_run_prints_in_every_format() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    for index in 0..120 {
        // Files of very different lengths finish out of order; shared IDs give findings that
        // look across files.
        let mut text = format!(
            "---\nid: INC-2026-{:03}\nstatus: resolved\n---\n# Incident {index}\n",
            index % 50
        );
        for section in 0..(index % 7) * (index % 5) * 2 {
            text.push_str(&format!(
                "\n## Timline\n\n- H{section}: the cache again\n- H{section} rejected\n"
            ));
        }
        fs::write(dir.join(format!("inc-{index:03}.incident")), text).unwrap();
    }
    fs::write(dir.join("inc-050-latin1.incident"), b"# Caf\xe9\n").unwrap();
    for format in [
        "human",
        "concise",
        "json",
        "json-lines",
        "github",
        "junit",
        "checkstyle",
        "rdjson",
        "sarif",
    ] {
        let args = |threads| {
            [
                "--isolated",
                "--color",
                "never",
                "--today",
                "2026-11-27",
                "--statistics",
                "--format",
                format,
                "--threads",
                threads,
            ]
        };
        let sequential = run_in(dir, &args("1"), None);
        assert_eq!(sequential.code, 2, "{format}: {}", sequential.stderr);
        assert!(
            sequential.stdout.contains("inc-119.incident")
                && sequential.stdout.contains("INC-2026-019"),
            "{format}: the findings of the last file and across files are printed"
        );
        assert!(
            sequential
                .stderr
                .contains("inc-050-latin1.incident:1:6: file is not valid UTF-8"),
            "{format}: {}",
            sequential.stderr
        );
        let parallel = run_in(dir, &args("4"), None);
        assert_eq!(parallel.code, sequential.code, "{format}");
        assert_eq!(parallel.stderr, sequential.stderr, "{format}");
        assert!(
            parallel.stdout == sequential.stdout,
            "{format}: the outputs differ"
        );
    }
}

#[test]
fn directory_and_file_list_give_the_same_findings() {
    let by_directory = run(&["--format", "concise", "."]);
    let by_files = run(&[
        "--format",
        "concise",
        "postmortems/2026/search-down.incident.md",
        "drafts/queue-backlog.incident",
        "postmortems/2026/checkout-502.incident",
    ]);
    assert_eq!(by_directory.stdout, by_files.stdout);
    assert_eq!(by_directory.code, by_files.code);
}

#[test]
fn output_order_does_not_depend_on_threads() {
    let one = run(&["--format", "concise", "--threads", "1"]);
    let many = run(&["--format", "concise", "--threads", "8"]);
    assert_eq!(one.stdout, many.stdout);
}

#[test]
fn exit_status_follows_options() {
    assert_eq!(run(&["--exit-zero"]).code, 0);
    assert_eq!(run(&["postmortems/2026/checkout-502.incident"]).code, 0);
    let warnings_only = run(&["--select", "unknown-section", "--max-warnings", "0"]);
    assert_eq!(warnings_only.code, 1, "{}", warnings_only.stderr);
    assert_eq!(run(&["--select", "unknown-section"]).code, 0);
    assert_eq!(run(&["--select", "missing-timline"]).code, 2);
}

#[test]
fn selection_statistics_and_quiet() {
    insta::assert_snapshot!(
        run(&[
            "--select",
            "INC1,INC2",
            "--statistics",
            "--quiet",
            "--format",
            "concise"
        ])
        .snapshot()
    );
    insta::assert_snapshot!(run(&["--select", "missing-timline"]).snapshot());
}

#[test]
fn standard_input() {
    let text = fs::read_to_string("tests/e2e/project/drafts/queue-backlog.incident").unwrap();
    let result = run_in(
        Path::new(PROJECT),
        &[
            "--format",
            "concise",
            "--stdin-filename",
            "drafts/new.incident",
            "-",
        ],
        Some(&text),
    );
    insta::assert_snapshot!(result.snapshot());
    let fixed = run_in(
        Path::new(PROJECT),
        &["--fix", "--stdin-filename", "drafts/new.incident", "-"],
        Some(&text),
    );
    assert!(
        fixed.stdout.contains("## Timeline\n"),
        "fixed text goes to stdout: {}",
        fixed.stdout
    );
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    let clean = fs::read_to_string("examples/checkout-502.incident").unwrap();
    let unchanged = run_in(Path::new(PROJECT), &["--fix", "-"], Some(&clean));
    assert_eq!(
        unchanged.stdout, clean,
        "unchanged standard input is echoed by --fix"
    );
}

#[test]
fn fix_writes_safe_fixes_and_only_touches_fixable_files() {
    let scratch = scratch_project();
    let good = scratch
        .path()
        .join("postmortems/2026/checkout-502.incident");
    let before_good = fs::metadata(&good).unwrap().modified().unwrap();
    let result = run_in(scratch.path(), &["--fix", "--color", "never"], None);
    insta::assert_snapshot!(result.snapshot());
    let draft = fs::read_to_string(scratch.path().join("drafts/queue-backlog.incident")).unwrap();
    assert!(draft.contains("## Timeline\n"), "the heading typo is fixed");
    assert_eq!(
        fs::metadata(&good).unwrap().modified().unwrap(),
        before_good,
        "a clean file is not rewritten"
    );
    let again = run_in(scratch.path(), &["--fix", "--color", "never"], None);
    assert!(again.stdout.contains("Found"), "{}", again.stdout);
    assert!(
        !again.stdout.contains("Fixed"),
        "fixing twice changes nothing: {}",
        again.stdout
    );
}

#[test]
fn diff_prints_fixes_without_writing() {
    let scratch = scratch_project();
    let path = scratch
        .path()
        .join("postmortems/2026/search-down.incident.md");
    let before = fs::read_to_string(&path).unwrap();
    let result = run_in(
        scratch.path(),
        &[
            "--diff",
            "--unsafe-fixes",
            "postmortems/2026/search-down.incident.md",
        ],
        None,
    );
    insta::assert_snapshot!(result.snapshot());
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_checked() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    fs::write(
        dir.join("good.incident"),
        fs::read_to_string("examples/checkout-502.incident").unwrap(),
    )
    .unwrap();
    fs::write(
        dir.join("flawed.incident"),
        fs::read_to_string("examples/flawed.incident").unwrap(),
    )
    .unwrap();
    fs::write(dir.join("latin1.incident"), b"# Caf\xe9 down\n").unwrap();
    fs::create_dir(dir.join("folder.incident")).unwrap();
    fs::write(dir.join("big.incident"), "x".repeat(5000)).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.join("missing.incident"), dir.join("broken.incident"))
            .unwrap();
        fs::create_dir(dir.join("loop")).unwrap();
        std::os::unix::fs::symlink(dir, dir.join("loop/back")).unwrap();
    }
    let result = run_in(
        dir,
        &[
            "--format",
            "concise",
            "--max-file-size",
            "3000",
            "good.incident",
            "latin1.incident",
            "big.incident",
            "nope.incident",
            "broken.incident",
            ".",
        ],
        None,
    );
    assert_eq!(result.code, 2);
    insta::assert_snapshot!(result.snapshot());
}

#[test]
fn empty_directory_is_not_an_error() {
    let scratch = tempfile::tempdir().unwrap();
    let result = run_in(scratch.path(), &[], None);
    assert_eq!(result.code, 0);
    assert!(
        result.stderr.contains("no incident files"),
        "{}",
        result.stderr
    );
}

#[test]
fn configuration_errors_name_the_position() {
    let scratch = tempfile::tempdir().unwrap();
    fs::write(
        scratch.path().join("incident-lint.toml"),
        "today = \"2026-11-27\"\nignore = [\"decide-without-obsrve\"]\n",
    )
    .unwrap();
    fs::write(scratch.path().join("a.incident"), "# A\n").unwrap();
    let result = run_in(scratch.path(), &[], None);
    insta::assert_snapshot!(result.snapshot());
    let isolated = run_in(
        scratch.path(),
        &["--isolated", "--format", "concise", "--today", "2026-11-27"],
        None,
    );
    assert_eq!(isolated.code, 1, "{}", isolated.stderr);
}

#[test]
fn rules_and_explain() {
    insta::assert_snapshot!(run(&["rules"]).snapshot());
    insta::assert_snapshot!(run(&["explain", "INC101"]).snapshot());
    let by_name = run(&["explain", "decide-without-observe"]);
    assert_eq!(by_name.stdout, run(&["explain", "INC101"]).stdout);
    insta::assert_snapshot!(run(&["explain", "decide-without-obsrve"]).snapshot());
    let json: serde_json::Value =
        serde_json::from_str(&run(&["rules", "--format", "json"]).stdout).unwrap();
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .any(|rule| rule["name"] == "missing-timeline")
    );
}

/// The subcommands that completions and the man pages must name.
const SUBCOMMANDS: [&str; 13] = [
    "check",
    "rules",
    "new",
    "next",
    "fmt",
    "import",
    "explain",
    "inspect",
    "report",
    "stats",
    "lsp",
    "completions",
    "manpage",
];

#[test]
fn completions_name_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let result = run(&["completions", shell]);
        assert_eq!(result.code, 0, "{shell}: {}", result.stderr);
        assert!(result.stdout.contains("incident-lint"), "{shell}");
        for subcommand in SUBCOMMANDS {
            assert!(
                result.stdout.contains(subcommand),
                "{shell} completions do not name `{subcommand}`"
            );
        }
    }
}

#[test]
fn man_pages_name_every_subcommand_and_are_written_into_a_folder() {
    let man = run(&["manpage"]);
    assert_eq!(man.code, 0, "{}", man.stderr);
    assert!(man.stdout.contains(".TH incident-lint 1"), "{}", man.stdout);
    for subcommand in SUBCOMMANDS {
        // roff escapes `-` as `\-`.
        let reference = format!("incident\\-lint\\-{subcommand}(1)");
        assert!(man.stdout.contains(&reference), "no `{reference}`");
    }

    let scratch = tempfile::tempdir().unwrap();
    let folder = scratch.path().join("man1");
    let written = run(&["manpage", "--dir", folder.to_str().unwrap()]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    assert_eq!(
        fs::read_to_string(folder.join("incident-lint.1")).unwrap(),
        man.stdout
    );
    for subcommand in SUBCOMMANDS {
        let page =
            fs::read_to_string(folder.join(format!("incident-lint-{subcommand}.1"))).unwrap();
        assert!(
            page.contains(&format!(".TH incident-lint-{subcommand} 1")),
            "{page}"
        );
    }
    assert!(!folder.join("incident-lint-help.1").exists());
}

/// Runs `incident-lint ARGS` with standard output a pipe whose reader is already closed, as in
/// `incident-lint ARGS | head -1`; the shell waits for a line on standard input, sent only
/// after the reader is gone, so the first write always fails.
#[cfg(unix)]
fn run_into_closed_pipe(args: &[&str]) -> Run {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("read go && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_incident-lint"))
        .args(args)
        .current_dir(PROJECT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.stdin.take().unwrap().write_all(b"go\n").unwrap();
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::new(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_generated_output_quietly() {
    for args in [&["completions", "bash"][..], &["manpage"], &["rules"]] {
        let result = run_into_closed_pipe(args);
        assert_eq!((result.code, result.stderr.as_str()), (0, ""), "{args:?}");
    }
}

#[test]
fn paths_are_shown_as_given() {
    let result = run(&["--format", "concise", "./drafts/"]);
    assert!(
        result
            .stdout
            .lines()
            .all(|line| line.starts_with("./drafts/queue-backlog.incident:")),
        "{}",
        result.stdout
    );
}

#[test]
fn new_writes_a_template_that_lints_clean_and_never_overwrites() {
    let scratch = tempfile::tempdir().unwrap();
    fs::write(
        scratch.path().join("incident-lint.toml"),
        "timezone = \"Europe/Berlin\"\n",
    )
    .unwrap();
    fs::write(
        scratch.path().join("old.incident"),
        "---\nid: INC-2026-041\n---\n",
    )
    .unwrap();
    let created = run_in(
        scratch.path(),
        &["new", "Checkout API returns 502", "--id", "INC-2026-042"],
        None,
    );
    assert_eq!(created.code, 0, "{}", created.stderr);
    let path = scratch
        .path()
        .join("INC-2026-042-checkout-api-returns-502.incident");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("timezone: Europe/Berlin"), "{text}");
    assert!(text.contains("status: investigating"));
    let lint = run_in(
        scratch.path(),
        &[
            "--format",
            "concise",
            "--select",
            "all",
            "INC-2026-042-checkout-api-returns-502.incident",
        ],
        None,
    );
    assert_eq!(lint.code, 0, "{}{}", lint.stdout, lint.stderr);
    assert_eq!(
        lint.stdout, "",
        "a new draft has no findings, not even notes"
    );
    assert!(
        !text.contains("[started]\n"),
        "the time it began is left to the writer: {text}"
    );
    let again = run_in(
        scratch.path(),
        &["new", "Checkout API returns 502", "--id", "INC-2026-042"],
        None,
    );
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        text,
        "the existing file is untouched"
    );
    let next = run_in(scratch.path(), &["new", "Queue backlog"], None);
    // The next free number of the current year: after 041 and 042 in 2026, or 001 in a later year.
    assert!(
        next.stdout.trim_end().ends_with("-queue-backlog.incident"),
        "{}",
        next.stdout
    );
    if next.stdout.contains("INC-2026-") {
        assert!(next.stdout.contains("INC-2026-043-"), "{}", next.stdout);
    } else {
        assert!(next.stdout.contains("-001-"), "{}", next.stdout);
    }
}

const MESSY: &str = "---\nstatus: investigating\ntitle:   Queue backlog\nid: INC-2026-090\nstarted: 2026-11-26 09:12\n---\n# Queue backlog\n## Observe\n* O1: queue depth grows\n\n\n\n## Timeline\n+ 09:30 workers restarted\n+ 09:12 queue starts growing [started]\n";

#[test]
fn fmt_checks_diffs_writes_and_sorts_only_when_asked() {
    let scratch = tempfile::tempdir().unwrap();
    let path = scratch.path().join("messy.incident");
    fs::write(&path, MESSY).unwrap();
    let check = run_in(scratch.path(), &["fmt", "--check"], None);
    assert_eq!(check.code, 1);
    assert!(
        check.stdout.contains("would reformat: messy.incident"),
        "{}",
        check.stdout
    );
    insta::assert_snapshot!(run_in(scratch.path(), &["fmt", "--diff"], None).snapshot());
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        MESSY,
        "--check and --diff write nothing"
    );
    assert_eq!(run_in(scratch.path(), &["fmt"], None).code, 0);
    let formatted = fs::read_to_string(&path).unwrap();
    assert!(
        formatted
            .starts_with("---\nid: INC-2026-090\ntitle: Queue backlog\nstatus: investigating\n"),
        "{formatted}"
    );
    assert!(
        formatted.contains("- 09:30 workers restarted\n- 09:12"),
        "the timeline is not sorted without --unsafe"
    );
    assert_eq!(
        run_in(scratch.path(), &["fmt", "--check"], None).code,
        0,
        "formatting is idempotent"
    );
    assert_eq!(run_in(scratch.path(), &["fmt", "--unsafe"], None).code, 0);
    let sorted = fs::read_to_string(&path).unwrap();
    assert!(
        sorted.contains("- 09:12 queue starts growing [started]\n- 09:30 workers restarted\n"),
        "{sorted}"
    );
}

#[test]
fn fmt_leaves_files_with_syntax_errors_alone() {
    let scratch = tempfile::tempdir().unwrap();
    let broken = "---\nservices: [a\n---\n## Timeline\n* 14h05 alert\n";
    fs::write(scratch.path().join("broken.incident"), broken).unwrap();
    let result = run_in(scratch.path(), &["fmt"], None);
    assert_eq!(result.code, 2);
    assert!(
        result
            .stderr
            .contains("broken.incident: not formatted: 2 syntax error(s)"),
        "{}",
        result.stderr
    );
    assert_eq!(
        fs::read_to_string(scratch.path().join("broken.incident")).unwrap(),
        broken
    );
    let stdin = run_in(scratch.path(), &["fmt", "-"], Some(MESSY));
    assert!(
        stdin.stdout.starts_with("---\nid: INC-2026-090\n"),
        "{}",
        stdin.stdout
    );
}

#[test]
fn explicit_configuration_and_colors() {
    let scratch = tempfile::tempdir().unwrap();
    fs::write(
        scratch.path().join("strict.toml"),
        "today = \"2026-11-27\"\nselect = [\"unknown-section\"]\n",
    )
    .unwrap();
    fs::write(
        scratch.path().join("a.incident"),
        "# A\n\n## Timline\n\n- 09:12 x [started]\n",
    )
    .unwrap();
    let configured = run_in(
        scratch.path(),
        &["--config", "strict.toml", "--format", "concise"],
        None,
    );
    assert_eq!(
        configured.stdout, "a.incident:3:4: warning[INC509] unknown section `Timline` [fix]\n",
        "{}",
        configured.stderr
    );
    let colored = run_in(
        scratch.path(),
        &["--config", "strict.toml", "--color", "always"],
        None,
    );
    assert!(
        colored.stdout.contains("\u{1b}["),
        "--color always writes ANSI escapes"
    );
    let plain = run_in(
        scratch.path(),
        &["--config", "strict.toml", "--color", "never"],
        None,
    );
    assert!(
        !plain.stdout.contains("\u{1b}["),
        "--color never writes none"
    );
    let missing = run_in(scratch.path(), &["--config", "nope.toml"], None);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .contains("nope.toml: cannot read configuration"),
        "{}",
        missing.stderr
    );
}
