//! End-to-end tests of adopting the tool on an existing archive: baselines, --since, file
//! selection, presets.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::fs;
use std::path::Path;
use std::process::Command;

/// Runs the binary in `dir` and returns its exit status, standard output and standard error.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_incident-lint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const ARCHIVED: &str = "\
---
id: INC-2026-0031
title: Search down
severity: SEV2
status: investigating
started: 2026-03-02 14:10
---

# Search down

## Decide

- H1: the index node ran out of disk
";

#[test]
fn a_baseline_hides_recorded_findings_and_reports_new_and_stale_ones() {
    let archive = tempfile::tempdir().unwrap();
    let dir = archive.path();
    fs::create_dir(dir.join("postmortems")).unwrap();
    let file = dir.join("postmortems/search.incident");
    fs::write(&file, ARCHIVED).unwrap();

    let (code, _, _) = run(dir, &["--isolated", "postmortems"]);
    assert_eq!(code, 1, "the archived file has method errors");

    let (code, _, stderr) = run(
        dir,
        &[
            "--isolated",
            "--write-baseline",
            "baseline.json",
            "postmortems",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("recorded"), "{stderr}");
    let recorded = fs::read_to_string(dir.join("baseline.json")).unwrap();
    assert!(recorded.contains("\"path\": \"postmortems/search.incident\""));
    assert!(recorded.contains("\"rule\": \"INC101\""));

    // Run from another folder, with lines added above the findings: nothing new.
    let moved = ARCHIVED.replace(
        "# Search down\n",
        "# Search down\n\nWritten before the template.\n",
    );
    fs::write(&file, &moved).unwrap();
    let (code, stdout, stderr) = run(
        &dir.join("postmortems"),
        &["--isolated", "--baseline", "../baseline.json", "."],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("All checks passed"), "{stdout}");

    // A second decision without observing is new, and is reported.
    fs::write(
        &file,
        format!("{moved}\n## Decide\n\n- H2: the disk is slow\n"),
    )
    .unwrap();
    let (code, stdout, _) = run(
        dir,
        &["--isolated", "--baseline", "baseline.json", "postmortems"],
    );
    assert_eq!(code, 1);
    assert!(stdout.contains("INC101"), "{stdout}");
    assert!(stdout.contains("H2"), "{stdout}");
    assert!(
        !stdout.contains("H1 cites"),
        "recorded findings stay hidden: {stdout}"
    );

    // Findings that are gone are listed as stale.
    fs::write(&file, "# Search down\n").unwrap();
    let (_, _, stderr) = run(
        dir,
        &["--isolated", "--baseline", "baseline.json", "postmortems"],
    );
    assert!(stderr.contains("no longer occur"), "{stderr}");
    assert!(stderr.contains("INC101"), "{stderr}");
}

#[test]
fn a_broken_baseline_is_an_error_that_names_its_position() {
    let archive = tempfile::tempdir().unwrap();
    let dir = archive.path();
    fs::write(dir.join("a.incident"), ARCHIVED).unwrap();
    fs::write(
        dir.join("baseline.json"),
        "{\"version\": 1,\n \"findings\": [}",
    )
    .unwrap();
    let (code, _, stderr) = run(
        dir,
        &["--isolated", "--baseline", "baseline.json", "a.incident"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("baseline.json:2:"), "{stderr}");
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=Archive",
            "-c",
            "user.email=archive@example.com",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

#[test]
fn since_reports_only_what_changed_since_a_revision() {
    let archive = tempfile::tempdir().unwrap();
    let dir = archive.path();
    let two_loops = format!(
        "{ARCHIVED}\n## Act\n\n- H1 rejected: df shows 40% free on the index node\n\n## Observe\n\n- O2: queries time out after 30 s\n"
    );
    fs::write(dir.join("old.incident"), &two_loops).unwrap();
    fs::write(dir.join("other.incident"), ARCHIVED).unwrap();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "archive"]);

    let (code, stdout, stderr) = run(dir, &["--isolated", "--since", "HEAD", "."]);
    assert_eq!(code, 0, "nothing changed: {stdout}{stderr}");

    // Edit the last Observe section only: findings of other sections and files stay quiet.
    fs::write(
        dir.join("old.incident"),
        two_loops.replace(
            "- O2: queries time out after 30 s\n",
            "- O2: queries time out after 30 s\n\n## Decide\n\n- H2: the shard is hot\n",
        ),
    )
    .unwrap();
    fs::write(dir.join("new.incident"), ARCHIVED).unwrap();
    let (code, stdout, _) = run(
        dir,
        &["--isolated", "--select", "INC205", "--since", "HEAD", "."],
    );
    assert_eq!(code, 0, "INC205 is a warning");
    assert!(
        stdout.contains("old.incident") && stdout.contains("H2 cites"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("old.incident:13:"),
        "the first Decide did not change: {stdout}"
    );
    assert!(
        stdout.contains("new.incident"),
        "an untracked file is new: {stdout}"
    );
    assert!(!stdout.contains("other.incident"), "{stdout}");

    let (code, _, stderr) = run(dir, &["--isolated", "--since", "no-such-ref", "."]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no-such-ref"), "{stderr}");
}

const MARKDOWN_POSTMORTEM: &str = "\
# Login outage

## Summary

Logins failed for 40 minutes after a certificate expired.
";

#[test]
fn a_configuration_chooses_which_files_are_incidents() {
    let archive = tempfile::tempdir().unwrap();
    let dir = archive.path();
    fs::create_dir_all(dir.join("postmortems/2019")).unwrap();
    fs::create_dir_all(dir.join("postmortems/drafts")).unwrap();
    fs::write(dir.join("postmortems/login.md"), MARKDOWN_POSTMORTEM).unwrap();
    fs::write(
        dir.join("postmortems/2019/dns.md"),
        "# DNS\n\n<!-- incident-lint silence -->\n",
    )
    .unwrap();
    fs::write(dir.join("postmortems/drafts/wip.md"), MARKDOWN_POSTMORTEM).unwrap();
    fs::write(dir.join("README.md"), "# Our post-mortems\n").unwrap();

    // Without configuration, Markdown files are not incident files: nothing is checked, visibly.
    let (code, stdout, stderr) = run(dir, &["."]);
    assert_eq!(code, 0);
    assert!(stdout.contains("No files checked"), "{stdout}");
    assert!(stderr.contains("set `include`"), "{stderr}");
    let (code, _, stderr) = run(dir, &["--require-files", "."]);
    assert_eq!(code, 2, "{stderr}");

    fs::write(
        dir.join("incident-lint.toml"),
        "include = [\"postmortems/**/*.md\"]\nexclude = [\"drafts/**\", \"postmortems/drafts/**\"]\n\n[per-file-ignores]\n\"postmortems/2019/**\" = [\"INC000\", \"missing-summary\"]\n",
    )
    .unwrap();
    let (_, stdout, stderr) = run(dir, &["--format", "concise", "."]);
    assert!(stdout.contains("postmortems/login.md"), "{stdout}{stderr}");
    assert!(!stdout.contains("README.md"), "{stdout}");
    assert!(!stdout.contains("wip.md"), "excluded: {stdout}");
    assert!(stdout.contains("postmortems/2019/dns.md"), "{stdout}");
    let dns_findings: Vec<&str> = stdout
        .lines()
        .filter(|line| line.contains("dns.md"))
        .collect();
    assert!(
        dns_findings
            .iter()
            .all(|line| !line.contains("INC000") && !line.contains("INC406")),
        "per-file-ignores turn off syntax errors and missing-summary for 2019: {dns_findings:?}"
    );
    let (_, stdout, _) = run(
        dir,
        &[
            "--isolated",
            "--format",
            "concise",
            "postmortems/2019/dns.md",
        ],
    );
    assert!(
        stdout.contains("INC000"),
        "the syntax error is there: {stdout}"
    );

    // A file named on the command line is checked even when excluded.
    let (_, stdout, _) = run(dir, &["--format", "concise", "postmortems/drafts/wip.md"]);
    assert!(stdout.contains("wip.md"), "{stdout}");
}

#[test]
fn a_folder_without_incident_files_still_has_its_configuration_checked() {
    let archive = tempfile::tempdir().unwrap();
    let dir = archive.path();
    fs::write(dir.join("incident-lint.toml"), "include = [\"[\"]\n").unwrap();
    let (code, _, stderr) = run(dir, &["."]);
    assert_eq!(code, 2);
    assert!(stderr.contains("incident-lint.toml:1:"), "{stderr}");
    assert!(stderr.contains("invalid glob"), "{stderr}");
}

#[test]
fn inspect_reads_the_configuration_as_check_does() {
    let archive = tempfile::tempdir().unwrap();
    let dir = archive.path();
    fs::write(
        dir.join("incident-lint.toml"),
        "[sections]\n\"What we saw\" = \"observe\"\n",
    )
    .unwrap();
    fs::write(
        dir.join("a.incident"),
        "# T\n\n## What we saw\n\n- O1: 502s on checkout\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(dir, &["inspect", "--json", "a.incident"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("502s on checkout"), "{stdout}");
    assert!(
        stdout.contains("\"observe\""),
        "the alias is applied: {stdout}"
    );
}

/// A Markdown post-mortem written from the plain template, published with Jekyll.
const PLAIN_TEMPLATE: &str = "\
---
layout: post
title: Search outage
author: dana
date: 2021-03-04
tags: [postmortem]
---

# Search outage

## Summary

Search returned errors for 40 minutes after an index rebuild filled the disk.

## Impact

About 12% of search requests failed.

## Root cause

The nightly index rebuild ran twice and filled the data volume.

## Action items

- [ ] prevent: make the rebuild job refuse to start twice (owner: @search, due: 2021-04-01)
- [ ] detect: alert on data volume above 80% (owner: @search, due: 2021-04-01)

## Attendees

Dana, Lee
";

#[test]
fn a_preset_reads_a_template_and_site_generator_keys_are_left_alone() {
    let archive = tempfile::tempdir().unwrap();
    let dir = archive.path();
    fs::write(dir.join("search.md"), PLAIN_TEMPLATE).unwrap();
    fs::write(
        dir.join("incident-lint.toml"),
        "include = [\"*.md\"]\ntoday = \"2021-03-10\"\n[sections]\n\"Attendees\" = \"other\"\n",
    )
    .unwrap();
    let concise = ["--format", "concise", "--ignore", "missing-timeline"];

    // Without a preset the template's headings are known, except the configured one, and
    // Jekyll's keys are not taken for typos.
    let (_, stdout, _) = run(dir, &concise);
    assert!(!stdout.contains("INC504"), "{stdout}");
    assert!(!stdout.contains("INC509"), "{stdout}");
    assert!(
        stdout.contains("INC501"),
        "required keys are still asked for: {stdout}"
    );

    // The plain preset reads the same headings and asks for no front matter keys: the facts
    // of a template are in its prose. No investigation is recorded, so the loop rules are
    // silent, and the file is plainly a post-mortem, so its actions are checked.
    fs::write(
        dir.join("incident-lint.toml"),
        "include = [\"*.md\"]\ntoday = \"2021-03-10\"\npreset = \"plain\"\n[sections]\n\"Attendees\" = \"other\"\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(dir, &concise);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.trim().is_empty(), "no findings: {stdout}");

    // An action without an owner is still found in a plain post-mortem.
    let unowned = PLAIN_TEMPLATE.replace(
        " (owner: @search, due: 2021-04-01)\n- [ ] detect",
        "\n- [ ] detect",
    );
    fs::write(dir.join("search.md"), unowned).unwrap();
    let (code, stdout, _) = run(dir, &concise);
    assert_eq!(code, 0, "INC402 is a warning: {stdout}");
    assert!(stdout.contains("warning[INC402]"), "{stdout}");

    // --preset replaces the configured one; a preset that does not know `Root cause` leaves it
    // to the defaults, which do.
    let (_, stdout, _) = run(dir, &[&concise[..], &["--preset", "pagerduty"]].concat());
    assert!(!stdout.contains("INC509"), "{stdout}");
    let (code, _, stderr) = run(dir, &["--preset", "jira"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("plain, google-sre, pagerduty, atlassian"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_preset_in_the_configuration_names_its_position() {
    let archive = tempfile::tempdir().unwrap();
    fs::write(
        archive.path().join("incident-lint.toml"),
        "preset = \"plan\"\n",
    )
    .unwrap();
    let (code, _, stderr) = run(archive.path(), &["."]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("incident-lint.toml:1:10: unknown preset `plan`: did you mean `plain`?"),
        "{stderr}"
    );
}

/// The words of `text`, sorted, to check that writing directives loses none.
fn words(text: &str) -> Vec<&str> {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    words.sort_unstable();
    words
}

#[test]
fn add_suppressions_writes_directives_that_silence_every_finding_and_keep_every_word() {
    let archive = tempfile::tempdir().unwrap();
    let dir = archive.path();
    let flawed = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/flawed.incident"
    ))
    .unwrap();
    fs::write(dir.join("flawed.incident"), &flawed).unwrap();
    // Front matter findings, a finding on a nested item and one on a paragraph's second line.
    let legacy = PLAIN_TEMPLATE.replace(
        "tags: [postmortem]\n",
        "tags: [postmortem]\nseverty: SEV2\nauthors: [dana]\n",
    ) + "\n## Decide\n\n- H1: the disk filled up\n  - H2: the rebuild ran twice\n\n## Lessons\n\nThe rebuild was started twice and the check\nwas skipped because dana should have checked the lock.\n";
    fs::write(dir.join("legacy.incident"), &legacy).unwrap();

    let (code, _, _) = run(dir, &["--isolated", "--select", "all", "."]);
    assert_eq!(code, 1, "the files have findings");
    let (code, stdout, stderr) = run(
        dir,
        &[
            "--isolated",
            "--select",
            "all",
            "--add-suppressions=archived before adoption",
            ".",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("Suppressed "), "{stdout}");

    let (code, stdout, stderr) = run(
        dir,
        &["--isolated", "--select", "all", "--format", "concise", "."],
    );
    assert_eq!(
        (code, stdout.as_str()),
        (0, ""),
        "every finding is suppressed: {stderr}"
    );
    for (name, before) in [("flawed.incident", flawed), ("legacy.incident", legacy)] {
        let after = fs::read_to_string(dir.join(name)).unwrap();
        assert!(after.contains("-- archived before adoption -->"), "{after}");
        if name == "legacy.incident" {
            assert!(after.contains("<!-- incident-lint disable blame-language -- archived before adoption -->\nThe rebuild"), "{after}");
            assert!(
                after.contains("the lock.\n<!-- incident-lint enable blame-language -->"),
                "{after}"
            );
        }
        let added: Vec<&str> = after
            .lines()
            .filter(|line| line.trim_start().starts_with("<!-- incident-lint"))
            .collect();
        let mut kept = words(&after);
        for word in added.iter().flat_map(|line| line.split_whitespace()) {
            if let Some(at) = kept.iter().position(|kept| *kept == word) {
                kept.remove(at);
            }
        }
        assert_eq!(kept, words(&before), "{name}: only directives were added");
    }
    // Running it again finds nothing to suppress and changes nothing.
    let before = fs::read_to_string(dir.join("legacy.incident")).unwrap();
    let (code, stdout, _) = run(
        dir,
        &["--isolated", "--select", "all", "--add-suppressions", "."],
    );
    assert_eq!(code, 0);
    assert!(stdout.starts_with("Suppressed 0 finding(s)"), "{stdout}");
    assert_eq!(
        fs::read_to_string(dir.join("legacy.incident")).unwrap(),
        before
    );
}
