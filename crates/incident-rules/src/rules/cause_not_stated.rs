//! `cause-not-stated`: a finished post-mortem with no confirmed hypothesis.

use incident_model::Outcome;
use incident_syntax::SectionKind;

use crate::context::LintContext;
use crate::query;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Once the incident is over (its status is `resolved` or `closed`), reports a write-up in
    /// which no hypothesis is confirmed and no `## Root cause` section says what caused the
    /// incident.
    /// The finding is on the last Act section, where the verdict belongs.
    ///
    /// ## Why is this bad?
    /// The follow-up actions are meant to remove the cause; without a stated cause they remove
    /// whatever the team guessed, and the incident comes back.
    /// When the service recovered on its own or after a restart, the cause is still unknown,
    /// and saying so keeps the investigation open instead of closing it on a guess.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Act
    ///
    /// - H1 rejected: memory peaked at 41%
    /// - restarted the pods, errors stopped
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Act
    ///
    /// - H1 rejected: memory peaked at 41%
    /// - H2 confirmed: the secret in `prod` is 40 days old; after copying the new one, logins succeed
    /// ```
    /// Or, while the cause is unknown, keep `status: mitigated`.
    code: "INC209",
    name: "cause-not-stated",
    severity: Warning,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    if !cx.is_over() {
        return;
    }
    let incident = cx.incident;
    let has_confirmed_hypothesis = incident
        .verdicts
        .iter()
        .any(|verdict| verdict.outcome.value == Outcome::Confirmed);
    // A written `## Root cause` section states the cause in prose, as templates ask.
    let has_cause_section = incident
        .sections_of(SectionKind::Cause)
        .any(|section| section.has_content);
    if has_confirmed_hypothesis || has_cause_section {
        return;
    }
    // Where the cause belongs: the last Act section; the status line is the fix's to change.
    let range = incident
        .sections_of(SectionKind::Act)
        .last()
        .map_or_else(|| query::document_anchor(cx), |act| act.name_range());
    let status = incident
        .metadata
        .scalar("status")
        .map_or("over", |status| status.value.as_str());
    cx.report(range, format!("the incident is `{status}` but no hypothesis is confirmed: the cause is not stated"))
        .help(
            "Act: confirm the hypothesis that explains what was seen, with what showed it \
             (`- H2 confirmed: …`); if the cause is still unknown, keep `status: mitigated` and go back to Observe",
        );
}
