//! `next_step` follows the method from the last step written.

#![allow(clippy::unwrap_used, missing_docs)]

use incident_rules::{Settings, Step, check, next_step};

/// The step and the text of the heading its range points at.
fn next(text: &str) -> (Step, String, String) {
    let settings = Settings::default();
    let checked = check(text, &settings);
    let next = next_step(&checked.incident, &settings);
    let at = text[next.range.start() as usize..next.range.end() as usize].to_owned();
    (next.step, at, next.question)
}

const FRONT: &str = "---\nstatus: investigating\n---\n\n# Checkout returns 502\n\n";

#[test]
fn an_empty_template_starts_with_observe() {
    let text = format!("{FRONT}## Observe\n\n- up:\n- down:\n- O1:\n\n## Orient\n\n- changed:\n");
    let (step, at, question) = next(&text);
    assert_eq!((step, at.as_str()), (Step::Observe, "Observe"));
    assert!(question.contains("what do the logs say"), "{question}");
}

#[test]
fn each_step_leads_to_the_next() {
    let observed = format!(
        "{FRONT}## Observe\n\n- down: checkout-api\n- O1: the log says `FATAL: password authentication failed`\n\n## Orient\n\n- changed:\n"
    );
    assert_eq!(next(&observed).0, Step::Orient);
    let oriented = observed.replace("- changed:\n", "- changed: the rotation job ran at 13:55\n");
    let (step, at, _) = next(&oriented);
    assert_eq!((step, at.as_str()), (Step::Decide, "Orient"));
    let decided = format!("{oriented}\n## Decide\n\n- H1: the pods kept the old password [O1]\n");
    let (step, _, question) = next(&decided);
    assert_eq!(step, Step::Act);
    assert!(question.contains("H1 confirmed"), "{question}");
    let rejected =
        format!("{decided}\n## Act\n\n- H1 rejected: the pods restarted at 14:10 and still fail\n");
    let (step, at, question) = next(&rejected);
    assert_eq!((step, at.as_str()), (Step::Observe, "Act"));
    assert!(question.contains("one step further away"), "{question}");
    assert!(question.contains("O2"), "{question}");
    let confirmed = rejected.replace(
        "H1 rejected: the pods restarted at 14:10 and still fail",
        "H1 confirmed: the secret is 40 days old",
    );
    assert_eq!(next(&confirmed).0, Step::Mitigate);
    let mitigated = confirmed.replace("status: investigating", "status: mitigated");
    assert_eq!(next(&mitigated).0, Step::Resolve);
    let resolved = confirmed.replace("status: investigating", "status: resolved");
    assert_eq!(next(&resolved).0, Step::PostMortem);
}

#[test]
fn a_file_without_sections_points_at_its_title() {
    let (step, at, _) = next("# Checkout returns 502\n");
    assert_eq!((step, at.as_str()), (Step::Observe, "Checkout returns 502"));
    assert_eq!(next("").0, Step::Observe);
}
