//! `observe-not-widened`: the Observe section after a rejection looks at the same systems.

use std::collections::HashSet;

use incident_model::{Incident, Outcome, Section};
use incident_syntax::SectionKind;

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};
use crate::suggest::is_placeholder;

declare_rule! {
    /// ## What it does
    /// After a hypothesis is rejected, looks at the first Observe section that follows and
    /// notes when it does not widen the view: its `up:`, `down:` and `degraded:` lines name no
    /// system that earlier ones did not, and none of its items looks at another scope (an
    /// upstream or downstream system, a dependency, a provider's status page, another region
    /// or team, whether others see failures too).
    /// It is a hint for the next step while investigating, so its severity is `info`.
    ///
    /// ## Why is this bad?
    /// A rejected hypothesis means the cause is not where the team looked.
    /// Looking again at the same systems finds the same symptoms; the cause is often one step
    /// further away (the config the service reads, the network, the system that calls it), or
    /// outside (are we the only ones with failures?).
    ///
    /// ## Example
    /// ```incident
    /// ## Observe
    ///
    /// - down: edge-nginx
    /// - O1: the old redirects are served
    ///
    /// ## Act
    ///
    /// - H1 rejected: the CDN answers with `x-cache: MISS`, the origin serves the old redirects
    ///
    /// ## Observe
    ///
    /// - down: edge-nginx
    /// - O2: the redirects are still the old ones
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Observe
    ///
    /// - down: edge-nginx
    /// - O1: the old redirects are served
    ///
    /// ## Act
    ///
    /// - H1 rejected: the CDN answers with `x-cache: MISS`, the origin serves the old redirects
    ///
    /// ## Observe
    ///
    /// - up: configmap `edge-redirects`, kube-apiserver
    /// - O2: the configmap holds the new rules, but nginx started 3 days ago and never reloaded
    /// ```
    code: "INC210",
    name: "observe-not-widened",
    severity: Info,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

/// Words that show the view widened beyond the systems already listed.
const WIDER_SCOPE: [&str; 16] = [
    "upstream",
    "downstream",
    "dependency",
    "dependencies",
    "provider",
    "status page",
    "other region",
    "other regions",
    "other team",
    "other teams",
    "other customers",
    "other services",
    "only us",
    "only ones",
    "everyone",
    "elsewhere",
];

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    let mut reported: HashSet<usize> = HashSet::new();
    for rejection in &incident.verdicts {
        if rejection.outcome.value != Outcome::Rejected {
            continue;
        }
        let rejected_at = rejection.hypothesis.range.start();
        let Some(observe) = incident
            .sections_of(SectionKind::Observe)
            .find(|observe| observe.range.start() > rejected_at)
        else {
            continue;
        };
        if reported.contains(&observe.index) || widens(cx, observe, rejected_at) {
            continue;
        }
        reported.insert(observe.index);
        let id = &rejection.hypothesis.value;
        cx.report(
            observe.name_range(),
            format!("after {id} was rejected, this Observe section looks at the same systems as before"),
        )
        .label(rejection.head_range(), format!("{id} rejected here"))
        .help(
            "Observe: check the systems one step further away (what it calls, what calls it, the config \
             it reads) and whether you are the only one with failures: `- up: kube-apiserver, cdn`, \
             `- O5: the provider's status page shows no incident`",
        );
    }
}

/// Whether the loop of `observe` names a system not listed before `rejected_at`, or looks at a
/// wider scope.
fn widens(cx: &LintContext<'_>, observe: &Section, rejected_at: u32) -> bool {
    let incident = cx.incident;
    let known: HashSet<String> = incident
        .status_lines
        .iter()
        .filter(|status| status.range.start() < rejected_at)
        .flat_map(|status| &status.systems)
        .map(|system| system.value.trim().to_lowercase())
        .collect();
    let in_loop = |section: Option<usize>| in_same_loop(incident, observe, section);
    let names_new_system = incident
        .status_lines
        .iter()
        .filter(|status| in_loop(status.section))
        .flat_map(|status| &status.systems)
        .any(|system| {
            !is_placeholder(&system.value) && !known.contains(&system.value.trim().to_lowercase())
        });
    if names_new_system {
        return true;
    }
    incident
        .definitions
        .iter()
        .filter(|definition| in_loop(definition.section))
        .filter_map(|definition| definition.text.as_ref())
        .any(|text| {
            let lower = text.value.to_lowercase();
            WIDER_SCOPE.iter().any(|scope| lower.contains(scope))
        })
}

/// Whether `section` (an index) is in the loop that `observe` starts.
fn in_same_loop(incident: &Incident, observe: &Section, section: Option<usize>) -> bool {
    let Some(section) = section.and_then(|index| incident.sections.get(index)) else {
        return false;
    };
    section.index == observe.index
        || (observe.loop_index.is_some() && section.loop_index == observe.loop_index)
}
