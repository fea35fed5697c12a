//! The HTML report: the pages of the shipped examples have the structure people read (one
//! timeline mark per entry, the right durations, the investigation and the actions), times are
//! in the incident's zone across midnight and daylight saving changes, every text from the file
//! is escaped, and `incident-lint report` writes a page per incident and an index for a folder.

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

use incident_model::{Incident, Measure, format_duration};
use incident_report::{ArchiveStats, ArchivedIncident, PageOptions, render_incident_html};
use incident_rules::{Settings, check};

fn model(text: &str) -> Incident {
    check(text, &Settings::default()).incident
}

fn page(text: &str, name: &str) -> String {
    render_incident_html(
        &model(text),
        &PageOptions {
            today: "2026-12-04".parse().ok(),
            source_name: name.to_owned(),
            ..PageOptions::default()
        },
    )
}

/// The text of the `<div class="measure" data-measure="…">` value.
fn measure_shown(html: &str, measure: Measure) -> String {
    let marker = format!("data-measure=\"{}\"><span class=\"value\">", measure.name());
    let start = html.find(&marker).unwrap() + marker.len();
    html[start..start + html[start..].find('<').unwrap()].to_owned()
}

#[test]
fn example_pages_have_one_mark_per_entry_and_the_right_durations() {
    let mut examples: Vec<_> = fs::read_dir("examples")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "incident")
        })
        .collect();
    examples.sort();
    assert!(examples.len() >= 3);
    let mut marks = 0;
    for path in examples {
        let text = fs::read_to_string(&path).unwrap();
        let incident = model(&text);
        let html = page(&text, &path.display().to_string());
        let name = path.display();
        assert!(html.starts_with("<!DOCTYPE html>"), "{name}");
        let placed = incident
            .timeline
            .iter()
            .filter(|entry| entry.instant().is_some())
            .count();
        let has_picture = placed > 0
            || incident
                .metadata
                .milestones
                .iter()
                .any(|(_, time)| time.value.is_ok());
        let pictures = usize::from(has_picture) * (1 + incident.loops.len());
        assert_eq!(
            html.matches("<svg ").count(),
            pictures,
            "{name}: the figure, and one clip per loop band"
        );
        marks += placed;
        assert_eq!(
            html.matches("<g class=\"mark\"").count(),
            placed,
            "{name}: one mark per entry"
        );
        assert_eq!(
            html.matches("<li id=\"entry-").count(),
            incident.timeline.len(),
            "{name}: one legend line per entry"
        );
        for (position, entry) in incident.timeline.iter().enumerate() {
            let text = &entry.text.as_ref().unwrap().value;
            let first_words: String = text
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            let mark_start = html
                .find(&format!("data-entry=\"{}\"", position + 1))
                .unwrap();
            let title =
                &html[mark_start..mark_start + html[mark_start..].find("</title>").unwrap()];
            assert!(
                title.contains(&first_words),
                "{name}: the mark's title holds `{first_words}`: {title}"
            );
        }
        assert_eq!(
            html.matches("<g class=\"loop").count(),
            incident.loops.len(),
            "{name}"
        );
        for measure in Measure::ALL {
            let expected = incident
                .duration(measure)
                .map_or_else(|| "—".to_owned(), format_duration);
            assert_eq!(
                measure_shown(&html, measure),
                expected,
                "{name}: {}",
                measure.name()
            );
        }
        assert_eq!(
            html.matches("<tr class=\"action").count(),
            incident.actions.len(),
            "{name}"
        );
        assert!(!html.contains("<script"), "{name}: pages run no script");
        assert!(
            !html.contains("http://") || html.matches("http://").count() == 1,
            "{name}: only the SVG namespace"
        );
        assert!(
            !html.contains("<link") && !html.contains("src="),
            "{name}: no external assets"
        );
    }
    assert!(marks >= 10, "the examples draw timelines");
}

#[test]
fn checkout_example_reads_as_the_write_up_says() {
    let html = page(
        &fs::read_to_string("examples/checkout-502.incident").unwrap(),
        "checkout-502.incident",
    );
    assert_eq!(measure_shown(&html, Measure::TimeToDetect), "7 min");
    assert_eq!(measure_shown(&html, Measure::TimeToMitigate), "—");
    assert_eq!(measure_shown(&html, Measure::TimeToResolve), "1 h 29 min");
    assert!(html.contains("<dt>Times in</dt><dd>UTC</dd>"));
    assert!(html.contains("2026-11-20 14:02 +00:00"));
    // The story links verdicts to hypotheses and hypotheses to observations.
    assert!(html.contains("id=\"H2\""));
    assert!(html.contains("id=\"verdict-H1\""));
    assert!(html.contains("<a href=\"#O3\">O3</a>"));
    assert!(html.contains("Loop 1") && html.contains("H1 rejected"));
    assert!(html.contains("H2 confirmed"));
}

const ACROSS_THE_CLOCK_CHANGE: &str = "\
---
id: INC-2026-088
severity: SEV2
status: resolved
timezone: Europe/Berlin
started: 2026-10-24 23:40
detected: 2026-10-25 01:30
resolved: 2026-10-25 05:00
---

# Nightly export stalls across the clock change

## Timeline

- 23:40 export workers stop acknowledging jobs [started]
- 2026-10-25 01:30 queue depth alert pages the on-call [detected]
- 2026-10-25 02:30 first restart of the workers
- 2026-10-25 05:00 last backlog drained [resolved]
";

#[test]
fn times_are_in_the_incident_zone_across_midnight_and_a_clock_change() {
    let html = page(ACROSS_THE_CLOCK_CHANGE, "export.incident");
    assert!(html.contains("<dt>Times in</dt><dd>Europe/Berlin</dd>"));
    // Summer time before the change, winter time after it.
    assert!(html.contains("2026-10-24 23:40 +02:00"));
    assert!(html.contains("2026-10-25 05:00 +01:00"));
    assert_eq!(measure_shown(&html, Measure::TimeToDetect), "1 h 50 min");
    assert_eq!(measure_shown(&html, Measure::TimeToResolve), "6 h 20 min");
    assert_eq!(html.matches("<g class=\"mark\"").count(), 4);
    // The marks are drawn in time order, so the entry after midnight is right of the one before.
    let x_of = |entry: usize| -> f64 {
        let at = html.find(&format!("data-entry=\"{entry}\"")).unwrap();
        let circle = at + html[at..].find("<circle cx=\"").unwrap() + "<circle cx=\"".len();
        html[circle..circle + html[circle..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    assert!(x_of(1) < x_of(2) && x_of(2) < x_of(3) && x_of(3) < x_of(4));
}

#[test]
fn plain_bullet_actions_are_shown_and_counted() {
    let text = "\
---
id: INC-2019-007
status: resolved
---

# Queue backlog

## Action items

- Add alerting on queue depth (owner: @sam, due: 2019-12-20)
  - page at 10,000 messages
* prevent: pin the consumer image (owner: @platform)
1. [x] detect: page on consumer restarts (owner: @sre)
";
    let checked = check(text, &Settings::default());
    let html = page(text, "queue.md");
    assert_eq!(html.matches("<tr class=\"action").count(), 3, "{html}");
    assert!(html.contains("Add alerting on queue depth"), "{html}");
    assert!(
        !html.contains("page at 10,000 messages</td>"),
        "a detail is no action"
    );
    let stats = ArchiveStats::compute(
        &[ArchivedIncident {
            name: "queue.md".to_owned(),
            incident: &checked.incident,
            diagnostics: &checked.diagnostics,
        }],
        "2026-12-04".parse().ok(),
    );
    let by_owner = |owner: &str| {
        stats
            .actions_by_owner
            .get(owner)
            .map(|count| (count.open, count.overdue))
    };
    assert_eq!(by_owner("@sam"), Some((1, 1)), "open and past its due date");
    assert_eq!(by_owner("@platform"), Some((1, 0)));
    assert_eq!(by_owner("@sre"), None, "done");
    assert_eq!(stats.action_mix.get("prevent"), Some(&1));
    assert_eq!(stats.action_mix.get("detect"), Some(&1));
}

#[test]
fn table_actions_are_shown_and_counted() {
    let text = "\
---
id: INC-2019-008
status: resolved
---

# Queue backlog

## Action items

| Action item | Type | Owner | Due date | Status |
|---|---|---|---|---|
| Add alerting on queue depth | detect | @sam | 2019-12-20 | Open |
| Pin the consumer image | prevent | @platform | | in progress |
| Page on consumer restarts | detect | @sre | 2019-12-01 | Done |
";
    let checked = check(text, &Settings::default());
    let html = page(text, "queue.md");
    assert_eq!(html.matches("<tr class=\"action").count(), 3, "{html}");
    assert_eq!(
        html.matches("<tr class=\"action overdue").count(),
        1,
        "{html}"
    );
    assert_eq!(html.matches("<span class=\"done\">").count(), 1, "{html}");
    assert!(html.contains("Pin the consumer image"), "{html}");
    let stats = ArchiveStats::compute(
        &[ArchivedIncident {
            name: "queue.md".to_owned(),
            incident: &checked.incident,
            diagnostics: &checked.diagnostics,
        }],
        "2026-12-04".parse().ok(),
    );
    let by_owner = |owner: &str| {
        stats
            .actions_by_owner
            .get(owner)
            .map(|count| (count.open, count.overdue))
    };
    assert_eq!(by_owner("@sam"), Some((1, 1)), "open and past its due date");
    assert_eq!(by_owner("@platform"), Some((1, 0)));
    assert_eq!(by_owner("@sre"), None, "done");
    assert_eq!(stats.action_mix.get("detect"), Some(&2));
    assert_eq!(stats.action_mix.get("prevent"), Some(&1));
}

#[test]
fn every_text_from_the_file_is_escaped() {
    let text = "\
---
id: <script>id</script>
severity: <script>severity</script>
status: <script>status</script>
timezone: UTC
started: 2026-11-20 14:02
detected: 2026-11-20 14:09
services: [<script>service</script>]
authors: [<script>author</script>]
---

# <script>title</script>

## Observe

- down: <script>system</script>
- O1: <script>observation</script>

## Orient

- changed: <script>change</script>

## Decide

- H1: <script>hypothesis</script> [O1]

## Act

- H1 rejected: <script>reason</script>
  - evidence: <script>evidence</script>

## Timeline

- 14:02 <script>entry</script> [started]
- 14:09 paged [detected]

## Actions

- [ ] prevent: <script>action</script> (owner: <script>owner</script>, due: 2026-12-01)
";
    let html = page(text, "<script>source</script>.incident");
    assert!(
        !html.contains("<script>"),
        "no text becomes a script element"
    );
    for field in [
        "id",
        "severity",
        "status",
        "service",
        "author",
        "title",
        "system",
        "observation",
        "change",
        "hypothesis",
        "reason",
        "evidence",
        "entry",
        "action",
        "owner",
        "source",
    ] {
        assert!(
            html.contains(&format!("&lt;script&gt;{field}&lt;/script&gt;")),
            "`{field}` appears as text"
        );
    }
}

#[test]
fn report_writes_a_page_per_incident_and_an_index_for_a_folder() {
    let output = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_incident-lint"))
        .args(["report", "examples", "--today", "2026-12-04", "-o"])
        .arg(output.path())
        .status()
        .unwrap();
    assert!(status.success());
    let mut written: Vec<String> = fs::read_dir(output.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "cache-stampede.html",
            "checkout-502.html",
            "flawed.html",
            "index.html"
        ]
    );
    let index = fs::read_to_string(output.path().join("index.html")).unwrap();
    for page in ["cache-stampede.html", "checkout-502.html", "flawed.html"] {
        assert!(
            index.contains(&format!("href=\"{page}\"")),
            "the index links to {page}"
        );
    }
    assert!(index.contains("Time to detect and to resolve"));
    let checkout = fs::read_to_string(output.path().join("checkout-502.html")).unwrap();
    assert!(checkout.contains("href=\"index.html\""));

    // A file without `-o` goes to standard output; a folder without `-o` is refused.
    let single = Command::new(env!("CARGO_BIN_EXE_incident-lint"))
        .args(["report", "examples/checkout-502.incident"])
        .output()
        .unwrap();
    assert!(single.status.success());
    assert!(
        String::from_utf8(single.stdout)
            .unwrap()
            .contains("Checkout API returns 502")
    );
    let refused = Command::new(env!("CARGO_BIN_EXE_incident-lint"))
        .args(["report", "examples"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8(refused.stderr).unwrap().contains("-o"));
    assert!(Path::new("examples/checkout-502.incident").exists());
}
