//! `untested-hypothesis`: a hypothesis that never got a verdict.

use std::collections::HashSet;

use incident_syntax::IdPrefix;

use crate::context::LintContext;
use crate::diagnostic::Severity;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a hypothesis `H<n>:` that no verdict (`H<n> confirmed` or `H<n> rejected`)
    /// answers anywhere in the write-up.
    /// Once the incident is over (its status is `resolved` or `closed`, or another configured
    /// "over" status), the finding is a warning; while the incident is still being
    /// investigated, it is only information, since testing takes time.
    ///
    /// ## Why is this bad?
    /// An open hypothesis is an open question: was it tested and forgotten, or dropped when
    /// another one was confirmed?
    /// In a post-mortem, the hypotheses the team let go are part of the story, and the reason
    /// they were dropped keeps the next team from chasing them again.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Decide
    ///
    /// - H1: the pods run out of memory [O1]
    /// - H2: the liveness probe is too strict [O1]
    ///
    /// ## Act
    ///
    /// - H2 confirmed: with a 5 s probe timeout, the pods stopped restarting
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Decide
    ///
    /// - H1: the pods run out of memory [O1]
    /// - H2: the liveness probe is too strict [O1]
    ///
    /// ## Act
    ///
    /// - H2 confirmed: with a 5 s probe timeout, the pods stopped restarting
    /// - H1 rejected: not tested; memory stayed under 40% all along and H2 explains the restarts
    /// ```
    code: "INC204",
    name: "untested-hypothesis",
    severity: Warning,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    let severity = if cx.is_over() {
        Severity::Warning
    } else {
        Severity::Info
    };
    let mut seen = HashSet::new();
    for hypothesis in incident.definitions_of(IdPrefix::Hypothesis) {
        let id = hypothesis.id.value.as_str();
        // A repeated ID is reported once, at its first definition.
        if !seen.insert(id) || incident.verdicts_on(id).next().is_some() {
            continue;
        }
        cx.report_at(
            severity,
            hypothesis.id.range,
            format!("{id} has no verdict: it was never confirmed or rejected"),
        )
        .help(format!(
            "test it and record the verdict in an Act section (`- {id} confirmed: …` or \
             `- {id} rejected: <reason>`), or reject it with the reason it was dropped"
        ));
    }
}
