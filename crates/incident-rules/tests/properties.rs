//! Property tests: checking, fixing and formatting any text never panic, and fixes keep the
//! text parseable.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]

use incident_rules::{
    Applicability, FormatError, RuleSelection, Settings, check, fix_until_stable, format,
};
use proptest::prelude::*;

/// Lines that exercise the rules, glued together at random.
const LINES: &[&str] = &[
    "---",
    "id: INC-2026-001",
    "id: INC-2026-001",
    "status: resolved",
    "status: resovled",
    "severity: sev2",
    "timezone: Europe/Berln",
    "started: 2026-11-20 14:02",
    "detected: 2026-11-20 13:00",
    "resolved: 2026-02-30 10:00",
    "servics: [a]",
    "title: T",
    "# Title",
    "## Observe",
    "## Orient",
    "## Decide",
    "## Act",
    "## Timeline",
    "## Timline",
    "## Actions",
    "## Summary",
    "## Impact",
    "## Lessons",
    "## Root cause",
    "- up: api",
    "- down: TODO",
    "- O1: logs say x",
    "- O1: again",
    "- changed: deploy",
    "- H1: memory [O1]",
    "- H2: disk",
    "- H1 rejected:",
    "- H2 confirmed: yes",
    "  - action taken: restarted",
    "- H9 rejected: no [O7]",
    "- 14:02 start [started]",
    "- 13:00 earlier [detected]",
    "- 25:00 bad",
    "- 00:15 after midnight",
    "- ~14:30 approx",
    "- then it broke",
    "- [ ] prevent: thing (owner: @a, due: 2020-01-01)",
    "- [ ] detetc: thing",
    "- [x] clarify: done",
    "- [ ] automate: x (owner: @TODO, due: YYYY-MM-DD)",
    "The on-call engineer should have known better.",
    "It was human error.",
    "See INC-2026-999.",
    "<!-- incident-lint disable missing-timline -->",
    "<!-- incident-lint disable-next-line INC201 -->",
    "<!-- incident-lint enable -->",
    "```",
    "> quote",
    "",
    "",
    "\t- nested",
    "* star item",
    "1. ordered",
    "🔥 emoji",
    "日本語",
    "\r",
];

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(LINES), 0..40).prop_map(|lines| lines.join("\n"))
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
    fn formatting_is_idempotent_and_keeps_the_text(text in document()) {
        let formatted = format(&incident_syntax::parse(&text));
        prop_assert!(!matches!(formatted, Err(FormatError::WouldChangeText(_))), "{:?}", formatted);
        if let Ok(once) = formatted {
            let twice = format(&incident_syntax::parse(&once));
            prop_assert_eq!(twice, Ok(once));
        }
    }
}
