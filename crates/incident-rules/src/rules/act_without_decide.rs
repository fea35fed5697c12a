//! `act-without-decide`: an Act section in a loop that states no hypothesis before it.

use incident_model::{Incident, Loop, Section};
use incident_syntax::{IdPrefix, SectionKind, SyntaxKind, TextRange};

use crate::context::LintContext;
use crate::query;
use crate::rule::{Check, declare_rule};
use crate::skeleton;
use crate::suggest::is_placeholder;

declare_rule! {
    /// ## What it does
    /// Reports an Act section that records verdicts or other items in a loop where no
    /// hypothesis was stated before it: no `H<n>:` definition earlier in the same loop, and no
    /// Decide section in the loop that picks up a hypothesis stated in an earlier loop.
    ///
    /// ## Why is this bad?
    /// Acting without a written hypothesis is trying things: restart this, roll back that.
    /// When something helps, nobody knows why; when nothing helps, nobody knows what was ruled
    /// out.
    /// A hypothesis written down first turns the action into a test whose result means
    /// something, and the post-mortem can tell the two apart.
    ///
    /// ## Example
    /// ```incident
    /// ## Observe
    ///
    /// - O1: search-api returns 503 on every node
    ///
    /// ## Act
    ///
    /// - restarted search-api on all nodes
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Observe
    ///
    /// - O1: search-api returns 503 on every node
    ///
    /// ## Decide
    ///
    /// - H1: search-api lost its connection to the index and does not reconnect [O1]
    ///
    /// ## Act
    ///
    /// - H1 confirmed: after a restart of one node, its 503s stopped
    ///   - action taken: restarted search-api on all nodes
    /// ```
    code: "INC102",
    name: "act-without-decide",
    severity: Error,
    group: Default,
    fix: None,
    scope: Investigation,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    for ooda_loop in &incident.loops {
        let loop_number = ooda_loop.index + 1;
        let first_section = incident.loop_sections(ooda_loop).next();
        for act in incident
            .loop_sections(ooda_loop)
            .filter(|section| section.kind == SectionKind::Act)
        {
            if !records_action(cx, act) || decided_before(incident, ooda_loop, act) {
                continue;
            }
            let next = skeleton::next_id(incident, IdPrefix::Hypothesis);
            let citation = observations_before(incident, ooda_loop, act);
            let report = cx
                .report(
                    act.name_range(),
                    format!("acted without a hypothesis: loop {loop_number} states none before this Act section"),
                )
                .help(format!(
                    "decide on a written hypothesis before acting, so the result of the test means something: \
                     add a Decide section with `- H{next}: <what you think is wrong>{citation}` before this one"
                ));
            if let Some(first) = first_section.filter(|first| first.index != act.index) {
                report.label(
                    first.name_range(),
                    format!("loop {loop_number} starts here"),
                );
            }
        }
    }
}

/// Whether a hypothesis was stated in `ooda_loop` before `act`: defined there, or picked up
/// from an earlier loop by a Decide section that names it.
fn decided_before(incident: &Incident, ooda_loop: &Loop, act: &Section) -> bool {
    let in_loop_before_act = |offset: u32| in_loop_before(incident, ooda_loop, act, offset);
    let window = TextRange::new(ooda_loop.range.start(), act.range.start());
    let defined = query::within(&incident.definitions, window, |definition| {
        definition.range.start()
    })
    .iter()
    .any(|definition| {
        definition.prefix == IdPrefix::Hypothesis && in_loop_before_act(definition.range.start())
    });
    let picked_up = query::within(&incident.references, window, |reference| {
        reference.range.start()
    })
    .iter()
    .any(|reference| {
        reference.prefix == IdPrefix::Hypothesis
            && in_loop_before_act(reference.range.start())
            && reference
                .section
                .and_then(|index| incident.sections.get(index))
                .is_some_and(|section| section.kind == SectionKind::Decide)
            && incident
                .definition(&reference.id)
                .is_some_and(|definition| definition.range.end() <= reference.range.start())
    });
    defined || picked_up
}

/// Whether `offset` lies in a section of `ooda_loop`, before `act`.
fn in_loop_before(incident: &Incident, ooda_loop: &Loop, act: &Section, offset: u32) -> bool {
    offset < act.range.start()
        && incident
            .loop_at(offset)
            .is_some_and(|found| found.index == ooda_loop.index)
}

/// The observations of `ooda_loop` made before `act`, as a citation such as ` [O2, O3]` (the
/// last three at most), or nothing when the loop has none.
fn observations_before(incident: &Incident, ooda_loop: &Loop, act: &Section) -> String {
    let window = TextRange::new(ooda_loop.range.start(), act.range.start());
    let ids: Vec<&str> = query::within(&incident.definitions, window, |definition| {
        definition.range.start()
    })
    .iter()
    .filter(|definition| definition.prefix == IdPrefix::Observation)
    .filter(|definition| in_loop_before(incident, ooda_loop, act, definition.range.start()))
    .map(|definition| definition.id.value.as_str())
    .collect();
    match ids.get(ids.len().saturating_sub(3)..) {
        Some(last) if !last.is_empty() => format!(" [{}]", last.join(", ")),
        _ => String::new(),
    }
}

/// Whether the Act section records anything: a verdict, or a list item that is not a
/// placeholder.
fn records_action(cx: &LintContext<'_>, act: &Section) -> bool {
    if query::within(&cx.incident.verdicts, act.range, |verdict| {
        verdict.range.start()
    })
    .iter()
    .any(|verdict| verdict.section == Some(act.index))
    {
        return true;
    }
    let Some(node) = query::section_node(cx.parse, act.index) else {
        return false;
    };
    node.descendants()
        .filter(|element| element.kind() == SyntaxKind::ListItem)
        .filter_map(|item| {
            item.child_nodes()
                .next()
                .filter(|head| head.kind() != SyntaxKind::List)
        })
        .any(|head| !is_placeholder(head.text()))
}
