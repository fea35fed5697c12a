//! `missing-impact`: a post-mortem without an Impact section.

use incident_syntax::SectionKind;

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};
use crate::skeleton;

declare_rule! {
    /// ## What it does
    /// Reports a write-up of an incident that is over with no `## Impact` section.
    /// An empty Impact section is left to the rules about empty sections.
    ///
    /// ## Why is this bad?
    /// The impact decides how much the follow-up actions are worth: who and what was
    /// affected, how much, and for how long.
    /// Without it, the incident cannot be compared with others, and its severity cannot be
    /// checked.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// # Checkout API returns 502
    ///
    /// ## Summary
    ///
    /// Checkout API answered 502 for 89 minutes after the nightly credential rotation.
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// # Checkout API returns 502
    ///
    /// ## Summary
    ///
    /// Checkout API answered 502 for 89 minutes after the nightly credential rotation.
    ///
    /// ## Impact
    ///
    /// About 4,100 checkout attempts failed. No data was lost.
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts an Impact section with a `TODO` sentence to replace, after the Summary
    /// and before the sections that follow it in a complete write-up. It adds text to fill in,
    /// so it is unsafe.
    code: "INC407",
    name: "missing-impact",
    severity: Warning,
    group: Default,
    fix: Unsafe,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    skeleton::report_missing_post_mortem_section(
        cx,
        SectionKind::Impact,
        "TODO: who and what was affected, how much, and for how long.",
        "the post-mortem has no impact section",
        "add an `## Impact` that says who and what was affected, how much and for how long: `About 4,100 checkout attempts failed over 89 minutes. No data was lost.`",
    );
}
