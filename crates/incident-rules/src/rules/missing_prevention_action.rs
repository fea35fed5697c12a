//! `missing-prevention-action`: a post-mortem whose follow-up actions prevent nothing.

use incident_model::ActionCategory;

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Once the incident is over, reports an Actions section with items of which none is a
    /// `prevent:` action.
    /// Actions are classified by their category word, as `missing-detection-action` does for
    /// `detect:`.
    ///
    /// ## Why is this bad?
    /// Follow-ups that only detect or clarify make the next incident shorter, not rarer.
    /// A post-mortem should remove the cause, or make it harder to happen, in at least one
    /// action; and notice earlier in another.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Actions
    ///
    /// - [ ] detect: alert on billing-worker restarts (owner: @billing, due: 2026-12-11)
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Actions
    ///
    /// - [ ] prevent: the deploy pipeline checks that the worker's Vault role exists (owner: @billing, due: 2026-12-18)
    /// - [ ] detect: alert on billing-worker restarts (owner: @billing, due: 2026-12-11)
    /// ```
    code: "INC410",
    name: "missing-prevention-action",
    severity: Warning,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    if !cx.is_over() {
        return;
    }
    let Some(first) = incident.actions.first() else {
        return;
    };
    if incident
        .actions
        .iter()
        .any(|action| action.category_kind() == Some(ActionCategory::Prevent))
    {
        return;
    }
    let Some(section) = incident.sections.get(first.section) else {
        return;
    };
    cx.report(section.name_range(), "no follow-up action prevents the cause")
        .help(
            "Actions: add one that removes the cause or makes it harder to happen again: \
             `- [ ] prevent: the rotation job verifies the secret it wrote (owner: @payments, due: 2026-12-15)`",
        );
}
