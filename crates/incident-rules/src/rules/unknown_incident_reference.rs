//! `unknown-incident-reference`: a mention of an incident that no file defines.

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a mention of another incident (`INC-2026-031`) that no file checked together
    /// with it defines in its front matter.
    /// The rule is pedantic: select it where the files checked together hold all your
    /// write-ups, such as `incident-lint --extend-select unknown-incident-reference postmortems/`;
    /// a pre-commit hook that checks only the changed files would report every older incident.
    ///
    /// ## Why is this bad?
    /// "Same as INC-2026-031" is a claim the reader will want to check.
    /// A mistyped or missing reference sends them nowhere, and a pattern across incidents goes
    /// unnoticed.
    ///
    /// ## Example
    /// ```incident
    /// - H1: the pods ran out of memory, as in INC-2026-013 [O2]
    /// ```
    ///
    /// ## Use instead
    /// Refer to an incident whose write-up is in the repository, or add that write-up.
    /// ```incident
    /// - H1: the pods ran out of memory, as in INC-2026-031 [O2]
    /// ```
    code: "INC702",
    name: "unknown-incident-reference",
    severity: Info,
    group: Pedantic,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let Some(file) = cx.workspace else {
        return;
    };
    for reference in &cx.incident.incident_references {
        if file.workspace.files_defining(&reference.value).is_empty() {
            cx.report(
                reference.range,
                format!("no incident file defines `{}`", reference.value),
            )
            .help("check the ID, or add that incident's write-up so the reference can be followed");
        }
    }
}
