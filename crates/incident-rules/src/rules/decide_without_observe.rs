//! `decide-without-observe`: a hypothesis decided before anything was observed.

use incident_model::{Incident, Section};
use incident_syntax::{IdPrefix, SectionKind, TextRange};

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::query;
use crate::rule::{Check, declare_rule};
use crate::skeleton;

declare_rule! {
    /// ## What it does
    /// Reports a Decide section, or a hypothesis, in an investigation loop that has no Observe
    /// section before it, or whose Observe section records nothing.
    ///
    /// ## Why is this bad?
    /// Under pressure, people jump to the cause they saw last time and skip the logs.
    /// A hypothesis decided before looking is a guess: it sends the team down the wrong path
    /// and makes everything after it harder to trust.
    /// Observe first: what is up, what is down, what the logs say.
    ///
    /// ## Example
    /// ```incident
    /// ## Decide
    ///
    /// - H1: the database ran out of connections again
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Observe
    ///
    /// - down: checkout-api
    /// - O1: checkout-api log says `too many clients already`
    ///
    /// ## Decide
    ///
    /// - H1: the connection pool is exhausted [O1]
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts an Observe section with placeholders to fill in, so it is unsafe; the
    /// finding stays until the section records something.
    code: "INC101",
    name: "decide-without-observe",
    severity: Error,
    group: Default,
    fix: Unsafe,
    scope: Investigation,
}

pub(crate) const CHECK: Check = Check::File(check);

const HELP: &str = "observe first: write down what is up, what is down and what the logs say \
(`- O1: ...`), then decide on a hypothesis that cites those observations";

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    for ooda_loop in &incident.loops {
        let sections: Vec<&Section> = ooda_loop
            .sections
            .iter()
            .filter_map(|&index| incident.sections.get(index))
            .collect();
        let observe = sections
            .iter()
            .find(|section| section.kind == SectionKind::Observe);
        // An empty Decide section (a template still to fill in) has decided nothing yet.
        let decided: Vec<&Section> = sections
            .iter()
            .copied()
            .filter(|section| {
                section.kind == SectionKind::Decide && query::section_says_something(cx, section)
            })
            .collect();
        for decide in decided {
            let loop_number = ooda_loop.index + 1;
            let heading = decide
                .name
                .as_ref()
                .map_or(decide.heading_range, |name| name.range);
            match observe {
                Some(observe) if observe.index < decide.index => {
                    if query::section_says_something(cx, observe) {
                        continue;
                    }
                    let observe_heading = observe
                        .name
                        .as_ref()
                        .map_or(observe.heading_range, |name| name.range);
                    cx.report(heading, format!("decided before observing: the Observe section of loop {loop_number} records nothing"))
                        .label(observe_heading, "this Observe section is empty")
                        .help(HELP);
                }
                _ => {
                    let first = sections
                        .first()
                        .map_or(decide.range.start(), |section| section.range.start());
                    let has_orient = sections
                        .iter()
                        .any(|section| section.kind == SectionKind::Orient);
                    let fix = observe_skeleton(cx.text(), incident, first, !has_orient);
                    let mut report = cx
                        .report(heading, format!("decided before observing: loop {loop_number} has no Observe section"))
                        .help(HELP)
                        .fix(fix);
                    if first < decide.range.start() {
                        report = report.label(
                            TextRange::empty(first),
                            format!("loop {loop_number} starts here, without Observe"),
                        );
                    }
                    drop(report);
                }
            }
        }
    }
    // Hypotheses written outside any loop, before anything was observed.
    let first_observation = incident
        .sections
        .iter()
        .filter(|section| {
            section.kind == SectionKind::Observe && query::section_says_something(cx, section)
        })
        .map(|section| section.range.start())
        .min();
    for hypothesis in incident
        .definitions
        .iter()
        .filter(|definition| definition.prefix == IdPrefix::Hypothesis)
    {
        let section = hypothesis
            .section
            .and_then(|index| incident.sections.get(index));
        let in_loop = section.is_some_and(|section| section.loop_index.is_some());
        let observed_before =
            first_observation.is_some_and(|start| start < hypothesis.range.start());
        if !in_loop && !observed_before {
            cx.report(
                hypothesis.id.range,
                format!(
                    "hypothesis {} is decided before anything was observed",
                    hypothesis.id.value
                ),
            )
            .help(HELP);
        }
    }
}

/// Inserts an Observe section with placeholders at `offset`, the start of the loop, followed
/// by an Orient section when `with_orient`.
fn observe_skeleton(text: &str, incident: &Incident, offset: u32, with_orient: bool) -> Fix {
    let next = skeleton::next_id(incident, IdPrefix::Observation);
    let mut block = vec![
        "## Observe".to_owned(),
        String::new(),
        "- up: TODO".to_owned(),
        "- down: TODO".to_owned(),
        format!("- O{next}: TODO what do the logs say?"),
        String::new(),
    ];
    // Orienting comes between observing and deciding; a loop without it gets one too.
    if with_orient {
        block.extend([
            "## Orient".to_owned(),
            String::new(),
            "- changed: TODO".to_owned(),
            "- expected: TODO".to_owned(),
            String::new(),
        ]);
    }
    let title = if with_orient {
        "insert Observe and Orient sections before deciding"
    } else {
        "insert an Observe section before deciding"
    };
    Fix {
        title: title.to_owned(),
        edits: vec![Edit::insert(offset, skeleton::lines(text, &block))],
        applicability: Applicability::Unsafe,
    }
}
