//! `duplicate-incident-id`: two files claim the same incident ID.

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports an incident whose front matter `id` is also the `id` of another file checked
    /// with it.
    ///
    /// ## Why is this bad?
    /// Other write-ups, tickets and dashboards point at incidents by ID ("as in INC-2026-031").
    /// Two files with one ID make those pointers ambiguous, and usually mean a template was
    /// copied without changing it.
    ///
    /// ## Example
    /// Two files, `checkout-502.incident` and `search-down.incident`, both with:
    /// ```incident
    /// ---
    /// id: INC-2026-042
    /// ---
    /// ```
    ///
    /// ## Use instead
    /// Give each incident the next free number; `incident-lint new` picks it for you.
    /// ```incident
    /// ---
    /// id: INC-2026-043
    /// ---
    /// ```
    code: "INC701",
    name: "duplicate-incident-id",
    severity: Error,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let Some(file) = cx.workspace else {
        return;
    };
    let Some(id) = cx.incident.metadata.scalar("id") else {
        return;
    };
    let others: Vec<&String> = file
        .workspace
        .files_defining(id.value.trim())
        .iter()
        .filter(|path| path.as_str() != file.path)
        .collect();
    let Some(first) = others.first() else {
        return;
    };
    let more = match others.len() {
        1 => String::new(),
        n => format!(" and {} other files", n - 1),
    };
    cx.report(
        id.range,
        format!("incident ID `{}` is also used by `{first}`{more}", id.value),
    )
    .help("give each incident its own ID: the next free number, as `incident-lint new` picks it");
}
