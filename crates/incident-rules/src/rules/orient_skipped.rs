//! `orient-skipped`: a loop that goes from Observe straight to Decide.

use incident_model::{Incident, Section};
use incident_syntax::SectionKind;

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::query;
use crate::rule::{Check, declare_rule};
use crate::skeleton;
use crate::suggest::is_placeholder;

declare_rule! {
    /// ## What it does
    /// Reports a Decide section that follows the Observe section of its loop with no Orient
    /// section in between.
    /// Orientation notes (`changed:`, `expected:`, `story:`) written in the Observe section
    /// count as orienting.
    ///
    /// ## Why is this bad?
    /// Orienting is where the observations get their meaning: what changed recently, what
    /// should have happened, and the story that connects what was seen.
    /// Skipping it, people decide on the cause they know best rather than the one the
    /// observations point to.
    /// Most incidents follow a change, and asking "what changed?" is the fastest way to it.
    ///
    /// ## Example
    /// ```incident
    /// ## Observe
    ///
    /// - O1: login error rate is 30% since 09:02
    ///
    /// ## Decide
    ///
    /// - H1: the session store is overloaded [O1]
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
    /// - expected: the deploy only changed the password reset page
    ///
    /// ## Decide
    ///
    /// - H1: auth-api 3.8 broke the login form [O1]
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts an Orient section with `TODO` placeholders before the Decide section.
    /// The placeholders have to be filled in, so the fix is unsafe.
    code: "INC103",
    name: "orient-skipped",
    severity: Warning,
    group: Default,
    fix: Unsafe,
    scope: Investigation,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    for ooda_loop in &incident.loops {
        let sections: Vec<&Section> = incident.loop_sections(ooda_loop).collect();
        let Some(observe) = sections
            .iter()
            .find(|section| section.kind == SectionKind::Observe)
        else {
            continue;
        };
        let Some(decide) = sections
            .iter()
            .find(|section| section.kind == SectionKind::Decide && section.index > observe.index)
        else {
            continue;
        };
        let oriented = sections
            .iter()
            .filter(|section| section.index >= observe.index && section.index < decide.index)
            .any(|section| {
                section.kind == SectionKind::Orient || has_orientation_notes(incident, section)
            });
        if oriented {
            continue;
        }
        let loop_number = ooda_loop.index + 1;
        let fix = orient_skeleton(cx.text(), decide);
        cx.report(
            decide.name_range(),
            format!("decided without orienting: loop {loop_number} goes from Observe to Decide with no Orient section"),
        )
        .label(observe.name_range(), format!("loop {loop_number} observes here"))
        .help(
            "orient first: write down what changed recently and what should have happened \
             (`- changed: auth-api 3.8 was deployed at 09:00`, `- expected: …`), then decide",
        )
        .fix(fix);
    }
}

/// Whether `section` holds a `changed:`, `expected:` or `story:` note with some text.
fn has_orientation_notes(incident: &Incident, section: &Section) -> bool {
    query::within(&incident.notes, section.range, |note| note.range.start())
        .iter()
        .any(|note| {
            note.section == Some(section.index)
                && note
                    .text
                    .as_ref()
                    .is_some_and(|text| !is_placeholder(&text.value))
        })
}

/// Inserts an Orient section with placeholders before `decide`.
fn orient_skeleton(text: &str, decide: &Section) -> Fix {
    let block = skeleton::lines(
        text,
        &[
            "## Orient".to_owned(),
            String::new(),
            "- changed: TODO".to_owned(),
            "- expected: TODO".to_owned(),
            String::new(),
        ],
    );
    Fix {
        title: "insert an Orient section before deciding".to_owned(),
        edits: vec![Edit::insert(decide.range.start(), block)],
        applicability: Applicability::Unsafe,
    }
}
