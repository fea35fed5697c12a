//! `incident-lint stats` on `tests/stats/archive`, whose numbers are known: the snapshots are
//! the specification of each format, and the assertions state the numbers worked out by hand.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::process::Command;

const ARCHIVE: &str = "tests/stats/archive";

fn stats(format: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_incident-lint"))
        .args([
            "stats",
            ARCHIVE,
            "--today",
            "2026-12-04",
            "--format",
            format,
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn stats_as_a_table() {
    insta::assert_snapshot!(stats("text"));
}

#[test]
fn stats_as_csv() {
    insta::assert_snapshot!(stats("csv"));
}

#[test]
fn stats_as_json_hold_the_numbers_worked_out_by_hand() {
    let text = stats("json");
    insta::assert_snapshot!(text);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["incidents"], 5);
    assert_eq!(json["by_severity"]["SEV1"], 2);
    assert_eq!(json["by_severity"]["(none)"], 1);
    assert_eq!(json["by_service"]["auth-api"], 2);
    // SEV1: detected after 10 and 20 minutes, resolved after 60 and 120 (across midnight in
    // Berlin): nearest-rank median and p90 of two values are the first and the second.
    let sev1 = &json["durations_by_severity"]["SEV1"];
    assert_eq!(sev1["time_to_detect"]["median_minutes"], 10);
    assert_eq!(sev1["time_to_detect"]["p90_minutes"], 20);
    assert_eq!(sev1["time_to_resolve"]["median_minutes"], 60);
    assert_eq!(sev1["time_to_resolve"]["p90_minutes"], 120);
    // The incident still under investigation has no time to resolve.
    assert_eq!(
        json["durations_by_severity"]["SEV2"]["time_to_resolve"]["measured"],
        1
    );
    // Without `detected`, the `[detected]` timeline entry gives the time to detect.
    assert_eq!(
        json["durations_by_severity"]["(none)"]["time_to_detect"]["median_minutes"],
        3
    );
    // Open actions due before 2026-12-04 are overdue; done ones are not counted.
    assert_eq!(json["actions_by_owner"]["@sre"]["open"], 2);
    assert_eq!(json["actions_by_owner"]["@sre"]["overdue"], 1);
    assert_eq!(json["actions_by_owner"]["(none)"]["overdue"], 1);
    assert_eq!(json["actions_by_category"]["prevent"]["overdue"], 2);
    assert_eq!(json["action_mix"]["detect"], 2);
    assert_eq!(
        json["recurrences"],
        serde_json::json!([{"incident": "INC-2026-014", "hypothesis": "H1", "earlier": "INC-2026-001"}])
    );
    // One write-up decides without observing (INC101, an error); warnings do not count.
    assert_eq!(json["method"]["followed"], 4);
    assert_eq!(json["method"]["total"], 5);
}

#[test]
fn stats_count_the_rows_of_action_tables() {
    // In `tests/legacy`, `platform` owns a row of seven action tables (four under `Action
    // items`, three under `Follow-up tasks`) and nothing else; one of those rows is done.
    let output = Command::new(env!("CARGO_BIN_EXE_incident-lint"))
        .args([
            "stats",
            "tests/legacy",
            "--today",
            "2026-12-04",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["actions_by_owner"]["platform"]["open"], 6, "{json}");
    assert_eq!(json["actions_by_owner"]["platform"]["overdue"], 0, "{json}");
    // The only categories are those of the four tables with a `Type` column, one `prevent` row
    // each.
    assert_eq!(json["action_mix"]["prevent"], 4, "{json}");
}
