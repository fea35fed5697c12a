//! `confirmed-without-evidence`: a confirmed hypothesis that does not say what showed it.

use incident_model::Outcome;

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};
use crate::suggest::is_placeholder;

declare_rule! {
    /// ## What it does
    /// Reports a verdict `H<n> confirmed` with no text after it: nothing, only punctuation, or
    /// a placeholder such as `TODO`, and no nested item with text.
    ///
    /// ## Why is this bad?
    /// "Confirmed" is a claim, and the post-mortem and its follow-up actions are built on it.
    /// Without the evidence, nobody can check it later, and a coincidence (the errors stopped
    /// while a node restarted anyway) passes for a root cause.
    /// Write down what showed it while it is in front of you: the log line, the metric, the
    /// experiment.
    ///
    /// ## Example
    /// ```incident
    /// ## Act
    ///
    /// - H2 confirmed
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Act
    ///
    /// - H2 confirmed: after copying the secret into `prod`, authentication errors stopped within a minute
    ///   - evidence: `password authentication failed` last appears at 15:30:48
    /// ```
    code: "INC202",
    name: "confirmed-without-evidence",
    severity: Warning,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    for verdict in &cx.incident.verdicts {
        if verdict.outcome.value != Outcome::Confirmed {
            continue;
        }
        let has_reason = verdict
            .reason
            .as_ref()
            .is_some_and(|reason| !is_placeholder(&reason.value));
        let has_detail = verdict.details.iter().any(|detail| {
            detail
                .text
                .as_ref()
                .is_some_and(|text| !is_placeholder(&text.value))
        });
        if has_reason || has_detail {
            continue;
        }
        let id = &verdict.hypothesis.value;
        let message = match &verdict.reason {
            Some(reason) if !reason.value.is_empty() => {
                format!("{id} is confirmed with a placeholder instead of evidence")
            }
            _ => format!("{id} is confirmed without evidence"),
        };
        cx.report(verdict.head_range(), message).help(format!(
            "say what showed it: the log line, the metric, the experiment \
             (`- {id} confirmed: errors stopped within a minute of the rollback`)"
        ));
    }
}
