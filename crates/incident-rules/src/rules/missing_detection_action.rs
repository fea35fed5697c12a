//! `missing-detection-action`: no follow-up action makes the problem noticed sooner.

use incident_model::ActionCategory;

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a finished post-mortem whose action items include none with the category
    /// `detect`.
    /// A post-mortem with no action items at all is left to `missing-actions`.
    ///
    /// ## Why is this bad?
    /// The time to detect is often the largest part of the impact, and the cheapest to cut:
    /// an alert on the symptom that people noticed first.
    /// Follow-ups that only prevent this exact cause leave the next, different cause to be
    /// noticed just as late.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Actions
    ///
    /// - [ ] prevent: rotation job verifies the secret it wrote (owner: @payments, due: 2026-12-15)
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
    /// - [ ] prevent: rotation job verifies the secret it wrote (owner: @payments, due: 2026-12-15)
    /// - [ ] detect: alert on authentication failures from checkout-api (owner: @sre, due: 2026-12-05)
    /// ```
    code: "INC404",
    name: "missing-detection-action",
    severity: Warning,
    group: Pedantic,
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
        .any(|action| action.category_kind() == Some(ActionCategory::Detect))
    {
        return;
    }
    let Some(section) = incident.sections.get(first.section) else {
        return;
    };
    let heading = section
        .name
        .as_ref()
        .map_or(section.heading_range, |name| name.range);
    cx.report(heading, "no follow-up action improves detection")
        .help("something should notify earlier next time: `- [ ] detect: alert when checkout errors exceed 2% for 5 minutes (owner: @sre, due: 2026-12-05)`");
}
