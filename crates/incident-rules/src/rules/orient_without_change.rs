//! `orient-without-change`: the investigation never says what changed.

use incident_model::NoteKind;
use incident_syntax::SectionKind;

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};
use crate::suggest::is_placeholder;

declare_rule! {
    /// ## What it does
    /// Reports a write-up whose investigation never records what changed: it has Orient
    /// sections but no `changed:` note anywhere (reported on the first Orient section), or it
    /// has Observe sections and no Orient section at all (reported on the first Observe
    /// section).
    /// A note that only holds a placeholder such as `TODO` does not count; `changed: none`
    /// does, since knowing that nothing changed is a finding too.
    /// While the incident is not over, it waits until an Orient or a Decide section says
    /// something.
    ///
    /// ## Why is this bad?
    /// Most incidents follow a change: a deploy, a configuration edit, a credential rotation,
    /// a shift in traffic.
    /// "What changed recently?" is the question that finds the cause fastest, and the one
    /// people forget while they stare at the symptoms.
    ///
    /// ## Example
    /// ```incident
    /// ## Observe
    ///
    /// - O1: login error rate is 30% since 09:02
    ///
    /// ## Orient
    ///
    /// - story: logins fail for some users only [O1]
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Observe
    ///
    /// - O1: login error rate is 30% since 09:02
    ///
    /// ## Orient
    ///
    /// - changed: auth-api 3.8 was deployed at 09:00
    /// - story: logins fail for some users only [O1]
    /// ```
    code: "INC106",
    name: "orient-without-change",
    severity: Warning,
    group: Pedantic,
    fix: None,
    scope: Investigation,
}

pub(crate) const CHECK: Check = Check::File(check);

const HELP: &str = "most incidents follow a change: a deploy, a config edit, a rotation, traffic; \
write down what changed recently (`- changed: auth-api 3.8 was deployed at 09:00`), \
or `- changed: nothing in the last 48 hours` once you have checked";

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    let says_what_changed = incident.notes.iter().any(|note| {
        note.kind == NoteKind::Changed
            && note.text.as_ref().is_some_and(|text| answers(&text.value))
    });
    if says_what_changed {
        return;
    }
    // While the incident goes on, an investigation that has neither oriented nor decided yet
    // is at an earlier step, which `next_step` coaches.
    let has_oriented_or_decided = incident
        .sections
        .iter()
        .filter(|section| matches!(section.kind, SectionKind::Orient | SectionKind::Decide))
        .any(|section| crate::query::section_says_something(cx, section));
    if !cx.is_over() && !has_oriented_or_decided {
        return;
    }
    if let Some(orient) = incident.sections_of(SectionKind::Orient).next() {
        cx.report(orient.name_range(), "no Orient section says what changed")
            .help(HELP);
    } else if let Some(observe) = incident.sections_of(SectionKind::Observe).next() {
        cx.report(
            observe.name_range(),
            "the investigation never orients: no Orient section says what changed",
        )
        .help(HELP);
    }
}

/// Whether a `changed:` note answers the question: any text but a placeholder, where "none"
/// and "nothing" are answers.
fn answers(text: &str) -> bool {
    let word = text.trim().trim_end_matches(['.', '!']).to_lowercase();
    word == "none" || word == "nothing" || !is_placeholder(text)
}
