//! End-to-end tests on `tests/legacy`: Markdown post-mortems written before the format, in the
//! shapes teams use (tables, bold and bracketed times, 12-hour times, one heading per time,
//! Jekyll front matter, no front matter). The real binary must place every timeline entry at
//! the time `tests/legacy/expected.txt` gives, in the zone it was written in, and must not
//! report a timeline without entries or entries without times, nor an action without the
//! owner or due date it states in the forms these write-ups use (a trailing dash, brackets,
//! nested items, a table).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

const LEGACY: &str = "tests/legacy";

/// One line of `expected.txt`: the entries' times, the rules that must be reported, and those
/// that must not be (written `!INC402`).
struct Expected {
    times: Vec<String>,
    rules: Vec<String>,
    absent_rules: Vec<String>,
}

fn expectations() -> BTreeMap<String, Expected> {
    let text = std::fs::read_to_string(Path::new(LEGACY).join("expected.txt")).unwrap();
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let mut parts = line.split(" | ");
            let file = parts.next().unwrap().trim().to_owned();
            let words = |part: Option<&str>| {
                part.unwrap_or_default()
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            };
            let times = words(parts.next());
            let (absent_rules, rules): (Vec<String>, Vec<String>) = words(parts.next())
                .into_iter()
                .partition(|rule| rule.starts_with('!'));
            let absent_rules = absent_rules
                .iter()
                .map(|rule| rule.trim_start_matches('!').to_owned())
                .collect();
            (
                file,
                Expected {
                    times,
                    rules,
                    absent_rules,
                },
            )
        })
        .collect()
}

fn run(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_incident-lint"))
        .args(args)
        .current_dir(LEGACY)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

/// The time of a timeline entry as `inspect --json` shows it: RFC 3339 in the offset it was
/// read in, `-` for an unknown time, or why it cannot be placed.
fn entry_time(entry: &Value) -> String {
    if entry["unknown_time"].is_object() {
        return "-".to_owned();
    }
    match &entry["time"]["value"] {
        Value::Object(result) => match (result.get("Ok"), result.get("Err")) {
            (Some(Value::String(zoned)), _) => {
                let zoned: jiff::ZonedDateTime = zoned.parse().unwrap();
                zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
            }
            (_, Some(error)) => format!("error: {error}"),
            _ => format!("unreadable: {result:?}"),
        },
        other => format!("no time: {other}"),
    }
}

#[test]
fn every_timeline_entry_is_placed_in_time_in_its_zone() {
    let expected = expectations();
    assert!(expected.len() >= 30, "{} files", expected.len());
    let files: Vec<&str> = expected.keys().map(String::as_str).collect();
    let mut args = vec!["inspect", "--json"];
    args.extend(&files);
    let output = run(&args);
    let mut seen = 0;
    for line in output.lines() {
        let document: Value = serde_json::from_str(line).unwrap();
        let path = document["path"].as_str().unwrap();
        let times: Vec<String> = document["model"]["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .map(entry_time)
            .collect();
        assert_eq!(times, expected[path].times, "{path}");
        seen += 1;
    }
    assert_eq!(seen, expected.len());
}

#[test]
fn check_reports_no_false_timeline_findings_and_the_expected_ones() {
    let expected = expectations();
    let output = run(&["--format", "json", "."]);
    let report: Value = serde_json::from_str(&output).unwrap();
    assert_eq!(
        report["summary"]["files"].as_u64(),
        Some(expected.len() as u64)
    );
    let mut codes: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for diagnostic in report["diagnostics"].as_array().unwrap() {
        let path = diagnostic["path"]
            .as_str()
            .unwrap()
            .trim_start_matches("./");
        codes.entry(path.to_owned()).or_default().push((
            diagnostic["code"].as_str().unwrap().to_owned(),
            diagnostic["message"].as_str().unwrap().to_owned(),
        ));
    }
    for (file, expectation) in &expected {
        let found = codes.get(file).cloned().unwrap_or_default();
        for (code, message) in &found {
            assert!(
                code != "INC302" && message != "timeline entry has no time",
                "{file}: false finding {code} {message}"
            );
            assert!(
                code != "INC304",
                "{file}: every time can be placed: {message}"
            );
            assert!(code != "INC000", "{file}: syntax error {message}");
        }
        for rule in &expectation.rules {
            assert!(
                found.iter().any(|(code, _)| code == rule),
                "{file}: expected {rule}, found {found:?}"
            );
        }
        for rule in &expectation.absent_rules {
            assert!(
                found.iter().all(|(code, _)| code != rule),
                "{file}: false finding {rule}, found {found:?}"
            );
        }
    }
}

#[test]
fn fix_writes_twelve_hour_times_on_the_24_hour_clock() {
    let scratch = tempfile::tempdir().unwrap();
    let file = scratch.path().join("warehouse.md");
    std::fs::copy(
        Path::new(LEGACY).join("warehouse-export-2017-08-22.md"),
        &file,
    )
    .unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_incident-lint"))
        .args(["--isolated", "--fix", "--select", "INC310"])
        .arg(&file)
        .output()
        .unwrap();
    let fixed = std::fs::read_to_string(&file).unwrap();
    assert!(
        fixed.contains("- 14:14 PDT - Export job fails with HTTP 413\n"),
        "{fixed}\n{status:?}"
    );
    assert!(!fixed.contains(" PM "), "{fixed}");
}

#[test]
fn plain_bullet_actions_are_read_and_get_task_boxes() {
    let scratch = tempfile::tempdir().unwrap();
    let file = scratch.path().join("kafka.md");
    std::fs::copy(Path::new(LEGACY).join("headings-dated-kafka.md"), &file).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let inspected = Command::new(env!("CARGO_BIN_EXE_incident-lint"))
        .args(["inspect", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    let document: Value = serde_json::from_slice(&inspected.stdout).unwrap();
    let owners: Vec<&str> = document["model"]["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|action| action["owner"]["value"].as_str().unwrap())
        .collect();
    assert_eq!(owners, ["SRE", "service team"], "{text}");
    let status = Command::new(env!("CARGO_BIN_EXE_incident-lint"))
        .args(["--isolated", "--preview", "--fix", "--select", "INC411"])
        .arg(&file)
        .output()
        .unwrap();
    let fixed = std::fs::read_to_string(&file).unwrap();
    let boxed = text
        .replace("\n- Add an alert", "\n- [ ] Add an alert")
        .replace("\n- Document the recovery", "\n- [ ] Document the recovery");
    assert_ne!(boxed, text);
    assert_eq!(fixed, boxed, "{status:?}");
}

#[test]
fn actions_written_in_older_forms_have_their_owners_and_due_dates() {
    // Each action's owner and due date, `-` for none: after a dash, in brackets, in a group
    // with other words, after `due` or `by`, in nested items, and in a table's columns; `by
    // Friday` and `(P1)` are neither.
    let expected: [(&str, &[(&str, &str)]); 6] = [
        (
            "jekyll-berlin-deploy.md",
            &[("SRE", "2021-06-30"), ("@service-team", "2021-06-15")],
        ),
        ("plain-edt-ci.md", &[("@sre", "2021-10-01"), ("Dana", "-")]),
        (
            "headings-utc-storage.md",
            &[("SRE", "2020-12-15"), ("service team", "2021-01-15")],
        ),
        (
            "paragraph-bold-ist.md",
            &[("Priya", "2022-12-01"), ("Platform Team", "-")],
        ),
        (
            "pd-image-resizer.md",
            &[("@infra", "2023-02-15"), ("-", "-")],
        ),
        (
            "2020-09-14-api-gateway-certificate.md",
            &[("SRE", "2020-10-15"), ("platform", "-")],
        ),
    ];
    let mut args = vec!["inspect", "--json"];
    args.extend(expected.iter().map(|(file, _)| *file));
    let output = run(&args);
    let documents: BTreeMap<String, Value> = output
        .lines()
        .map(|line| {
            let document: Value = serde_json::from_str(line).unwrap();
            (document["path"].as_str().unwrap().to_owned(), document)
        })
        .collect();
    for (file, actions) in expected {
        let read: Vec<(&str, &str)> = documents[file]["model"]["actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|action| {
                (
                    action["owner"]["value"].as_str().unwrap_or("-"),
                    action["due"]["value"]["Ok"].as_str().unwrap_or("-"),
                )
            })
            .collect();
        assert_eq!(read, actions, "{file}");
    }
}

#[test]
fn import_writes_every_post_mortem_in_the_format_with_its_timeline_and_words() {
    let expected = expectations();
    let scratch = tempfile::tempdir().unwrap();
    for file in expected.keys() {
        std::fs::copy(Path::new(LEGACY).join(file), scratch.path().join(file)).unwrap();
    }
    std::fs::copy(
        Path::new(LEGACY).join("incident-lint.toml"),
        scratch.path().join("incident-lint.toml"),
    )
    .unwrap();
    let in_scratch = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_incident-lint"))
            .args(args)
            .current_dir(scratch.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let mut args = vec!["import"];
    args.extend(expected.keys().map(String::as_str));
    let imported = in_scratch(&args);
    assert_eq!(
        imported.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let incident_files: BTreeMap<String, String> = expected
        .keys()
        .map(|file| (file.replace(".md", ".incident"), file.clone()))
        .collect();

    let mut args = vec!["inspect", "--json"];
    args.extend(incident_files.keys().map(String::as_str));
    let inspected = in_scratch(&args);
    let mut seen = 0;
    for line in String::from_utf8(inspected.stdout).unwrap().lines() {
        let document: Value = serde_json::from_str(line).unwrap();
        let path = document["path"].as_str().unwrap();
        let markdown = &incident_files[path];
        assert_eq!(document["syntax_errors"], serde_json::json!([]), "{path}");
        let times: Vec<String> = document["model"]["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .map(entry_time)
            .collect();
        assert_eq!(times, expected[markdown].times, "{path}");
        let markdown_text = std::fs::read_to_string(Path::new(LEGACY).join(markdown)).unwrap();
        let imported = std::fs::read_to_string(scratch.path().join(path)).unwrap();
        let lost = incident_rules::lost_words(&markdown_text, &imported);
        assert!(
            lost.is_empty(),
            "{path}: words of {markdown} written fewer times after the import (word, before, after): {lost:?}"
        );
        seen += 1;
    }
    assert_eq!(seen, expected.len());

    let mut args = vec!["--format", "json"];
    args.extend(incident_files.keys().map(String::as_str));
    let checked = in_scratch(&args);
    let report: Value = serde_json::from_slice(&checked.stdout).unwrap();
    for diagnostic in report["diagnostics"].as_array().unwrap() {
        assert_ne!(
            diagnostic["code"], "INC000",
            "{}: {}",
            diagnostic["path"], diagnostic["message"]
        );
    }

    let again = in_scratch(&["import", "2019-03-04-login-outage.md"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("already exists"),
        "{again:?}"
    );
}
