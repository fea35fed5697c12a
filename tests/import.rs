//! End-to-end tests of `incident-lint import`: the real binary on Markdown post-mortems of
//! `tests/legacy`, copied into a scratch folder. The snapshots of the imported files are the
//! specification of what the import writes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::fs;
use std::path::Path;
use std::process::Command;

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

fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_incident-lint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A scratch folder with copies of the named legacy post-mortems.
fn scratch_with(files: &[&str]) -> tempfile::TempDir {
    let scratch = tempfile::tempdir().unwrap();
    for file in files {
        fs::copy(
            Path::new("tests/legacy").join(file),
            scratch.path().join(file),
        )
        .unwrap();
    }
    scratch
}

#[test]
fn imported_post_mortems() {
    // A Google SRE template with an action table, an Atlassian one with a timeline table in
    // a zone, and one heading per time.
    let files = [
        "2019-03-04-login-outage.md",
        "atlassian-style-payments-2021-12-10.md",
        "headings-dated-kafka.md",
    ];
    let scratch = scratch_with(&files);
    let result = run_in(scratch.path(), &["import", "--isolated"]);
    assert_eq!(result.code, 2, "{}", result.snapshot());
    let result = run_in(
        scratch.path(),
        &[&["import", "--isolated"], files.as_slice()].concat(),
    );
    insta::assert_snapshot!("import_output", result.snapshot());
    for file in files {
        let imported = file.replace(".md", ".incident");
        let text = fs::read_to_string(scratch.path().join(&imported)).unwrap();
        insta::assert_snapshot!(imported, text);
    }
}

#[test]
fn existing_files_are_never_replaced_and_the_others_are_imported() {
    let scratch = scratch_with(&["bracket-dates-cron.md", "pd-tokyo-region.md"]);
    fs::write(scratch.path().join("bracket-dates-cron.incident"), "mine\n").unwrap();
    fs::write(scratch.path().join("notes.incident"), "mine\n").unwrap();
    let result = run_in(
        scratch.path(),
        &[
            "import",
            "--isolated",
            "bracket-dates-cron.md",
            "missing.md",
            "notes.incident",
            "pd-tokyo-region.md",
        ],
    );
    insta::assert_snapshot!(result.snapshot());
    assert_eq!(
        fs::read_to_string(scratch.path().join("bracket-dates-cron.incident")).unwrap(),
        "mine\n"
    );
    assert_eq!(
        fs::read_to_string(scratch.path().join("notes.incident")).unwrap(),
        "mine\n"
    );
    assert!(scratch.path().join("pd-tokyo-region.incident").is_file());
}

#[test]
fn stdout_and_dry_run_write_nothing_and_unmapped_parts_are_reported() {
    let scratch = tempfile::tempdir().unwrap();
    let markdown = "---\nseverity: purple\n---\n\n# Outage\n\n## Attendees\n\nana, bo\n\n## Timeline\n\n- 14:02 first errors\n";
    fs::write(scratch.path().join("outage.md"), markdown).unwrap();
    let printed = run_in(
        scratch.path(),
        &["import", "--isolated", "--stdout", "outage.md"],
    );
    insta::assert_snapshot!(printed.snapshot());
    let dry_run = run_in(
        scratch.path(),
        &["import", "--isolated", "--dry-run", "outage.md"],
    );
    assert_eq!(dry_run.code, 1, "{}", dry_run.snapshot());
    assert_eq!(dry_run.stdout, "would write outage.incident\n");
    assert_eq!(dry_run.stderr, printed.stderr);
    let names: Vec<String> = fs::read_dir(scratch.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["outage.md"]);
}
