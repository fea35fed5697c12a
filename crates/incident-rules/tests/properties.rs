//! Property tests: checking, fixing and importing any text never panic, fixes keep the text
//! parseable, and the import keeps every word.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]

#[path = "support/documents.rs"]
mod documents;

use documents::document;
use incident_rules::{
    Applicability, RuleSelection, Settings, check, fix_until_stable, import_markdown, lost_words,
};
use proptest::prelude::*;

/// Lines of Markdown post-mortems, glued together at random.
const MARKDOWN_LINES: &[&str] = &[
    "---",
    "title: Outage",
    "severity: SEV-2",
    "status: Complete",
    "date: 2019-12-03",
    "# Outage on 2019-12-03",
    "Severity: high",
    "**Status:** Resolved",
    "## Incident summary",
    "## Timeline (all times CET)",
    "## Chronology",
    "## Follow-up tasks",
    "## Action items",
    "## Attendees",
    "| Time (UTC) | Event |",
    "| Date | Time | Event |",
    "|---|---|",
    "| 14:02 | alert fires |",
    "| 2019-12-04 | 01:00 | rolled back |",
    "| ??:?? | unknown |",
    "| | more |",
    "| Action | Owner | Due |",
    "| Add alert | ana, bo | 2020-01-01 |",
    "### 14:02",
    "### 2019-12-03 15:00 UTC",
    "### Day two (PST)",
    "[03:12] paged  ",
    "**03:20 UTC** back to normal",
    "2019-12-03 06:00 PST: job fails",
    "All times are UTC.",
    "- **09:35 UTC** purge issued",
    "- [2022-10-30 00:30 UTC] host switches",
    "- 1:50 PM PDT - export fails [resolved]",
    "- Add an alert (owner: SRE)",
    "- [ ] done already",
    "  continued",
    "<!-- note -->",
    "```",
    "",
    "",
    "\r",
    "日本語",
];

fn markdown() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(MARKDOWN_LINES), 0..40)
        .prop_map(|lines| lines.join("\n"))
}

fn settings() -> Settings {
    Settings {
        today: "2026-11-27".parse().ok(),
        rules: RuleSelection::every_rule(),
        ..Settings::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_rule_runs_on_any_document(text in document()) {
        let checked = check(&text, &settings());
        for diagnostic in &checked.diagnostics {
            prop_assert!(diagnostic.range.end() as usize <= text.len());
            prop_assert!(text.is_char_boundary(diagnostic.range.start() as usize));
            prop_assert!(text.is_char_boundary(diagnostic.range.end() as usize));
        }
    }

    #[test]
    fn fixes_keep_the_text_parseable(text in document()) {
        let errors_before = incident_syntax::parse(&text).errors().len();
        let fixed = fix_until_stable(&text, &settings(), Applicability::Unsafe);
        prop_assert!(incident_syntax::parse(&fixed.text).errors().len() <= errors_before);
        let safe = fix_until_stable(&text, &settings(), Applicability::Safe).text;
        prop_assert_eq!(fix_until_stable(&safe, &settings(), Applicability::Safe).text, safe);
    }

    #[test]
    fn import_keeps_every_word_and_adds_no_syntax_error(text in markdown()) {
        let settings = Settings {
            file_name: Some("2019-12-03-outage.md".to_owned()),
            ..Settings::default()
        };
        let imported = import_markdown(&text, &settings, Some("2019-12-03-outage.incident"));
        let lost = lost_words(&text, &imported.text);
        prop_assert!(lost.is_empty(), "lost {:?} in {:?}", lost, imported.text);
        let errors_before = incident_syntax::parse(&text).errors().len();
        prop_assert!(imported.syntax_errors.len() <= errors_before, "{:?}", imported.text);
    }
}
