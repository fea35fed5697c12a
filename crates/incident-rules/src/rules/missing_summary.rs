//! `missing-summary`: a post-mortem without a Summary section.

use incident_syntax::SectionKind;

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};
use crate::skeleton;

declare_rule! {
    /// ## What it does
    /// Reports a write-up of an incident that is over with no `## Summary` section.
    /// An empty Summary section is left to the rules about empty sections.
    ///
    /// ## Why is this bad?
    /// Most readers of a post-mortem read only its first paragraph: what happened, for how
    /// long, why, and how it was resolved.
    /// Without a summary, they have to piece it together from the investigation.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// # Checkout API returns 502
    ///
    /// ## Impact
    ///
    /// About 4,100 checkout attempts failed. No data was lost.
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
    /// Checkout API answered 502 for 89 minutes after the nightly credential rotation;
    /// payments could not be completed.
    ///
    /// ## Impact
    ///
    /// About 4,100 checkout attempts failed. No data was lost.
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts a Summary section with a `TODO` sentence to replace, before the sections
    /// that follow it in a complete write-up. It adds text to fill in, so it is unsafe.
    code: "INC406",
    name: "missing-summary",
    severity: Warning,
    group: Default,
    fix: Unsafe,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    skeleton::report_missing_post_mortem_section(
        cx,
        SectionKind::Summary,
        "TODO: what happened, for how long, why, and how it was resolved, in two or three sentences.",
        "the post-mortem has no summary",
        "open with a `## Summary` of two or three sentences: what broke, for how long, why, and how it was resolved",
    );
}
