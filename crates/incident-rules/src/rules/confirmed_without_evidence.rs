//! `confirmed-without-evidence`: a confirmed hypothesis that does not say what showed it.

use incident_model::Outcome;

use crate::context::LintContext;
use crate::evidence::is_content_free;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a verdict `H<n> confirmed` with no evidence after it: nothing, only punctuation,
    /// a placeholder such as `TODO`, or words that say nothing that was seen (`yes`,
    /// `works now`), and no nested item with evidence.
    /// An `action taken:` item says what was done, not what showed the cause, so it does not
    /// count.
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
    /// - H2 confirmed: yes
    ///   - action taken: copied the secret into `prod`
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

/// The label of the nested item that records what was done, which is not evidence.
const ACTION_TAKEN: &str = "action taken";

fn check(cx: &mut LintContext<'_>) {
    for verdict in &cx.incident.verdicts {
        if verdict.outcome.value != Outcome::Confirmed {
            continue;
        }
        let has_reason = verdict
            .reason
            .as_ref()
            .is_some_and(|reason| !is_content_free(&reason.value));
        let has_detail = verdict.details.iter().any(|detail| {
            !detail.has_label(ACTION_TAKEN)
                && detail
                    .text
                    .as_ref()
                    .is_some_and(|text| !is_content_free(&text.value))
        });
        if has_reason || has_detail {
            continue;
        }
        let id = &verdict.hypothesis.value;
        let message = match &verdict.reason {
            Some(reason) if !reason.value.is_empty() => {
                format!(
                    "{id} is confirmed with `{}` instead of evidence",
                    reason.value.trim()
                )
            }
            _ => format!("{id} is confirmed without evidence"),
        };
        cx.report(verdict.head_range(), message).help(format!(
            "Act: say what you saw that showed it: the log line, the metric, the experiment \
             (`- {id} confirmed: errors stopped within a minute of the rollback`)"
        ));
    }
}
