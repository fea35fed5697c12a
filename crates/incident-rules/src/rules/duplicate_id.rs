//! `duplicate-id`: an observation or hypothesis ID defined more than once.

use incident_syntax::IdPrefix;

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rule::{Check, declare_rule};
use crate::skeleton;

declare_rule! {
    /// ## What it does
    /// Reports an `O<n>:` or `H<n>:` definition whose ID an earlier item already defines.
    ///
    /// ## Why is this bad?
    /// Every reference to the ID is now ambiguous: does `[O3]` cite the first O3 or the
    /// second?
    /// Verdicts become ambiguous the same way, and a hypothesis can look tested when only its
    /// namesake was.
    /// This happens when two people add observations at the same time: number them once, in
    /// order.
    ///
    /// ## Example
    /// ```incident
    /// ## Observe
    ///
    /// - O1: checkout-api answers 502 to every request
    /// - O1: the nginx error log shows upstream resets
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Observe
    ///
    /// - O1: checkout-api answers 502 to every request
    /// - O2: the nginx error log shows upstream resets
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames the repeated definition to the next free number.
    /// It does not touch references, since only the author knows which of the two each one
    /// means, so the fix is unsafe: check the references to the old ID after applying it.
    code: "INC207",
    name: "duplicate-id",
    severity: Error,
    group: Default,
    fix: Unsafe,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    // Each repeated definition gets its own new number, so that the fixes, applied together,
    // do not make new duplicates.
    let mut next_observation = skeleton::next_id(incident, IdPrefix::Observation);
    let mut next_hypothesis = skeleton::next_id(incident, IdPrefix::Hypothesis);
    for definition in &incident.definitions {
        let id = &definition.id.value;
        let Some(first) = incident
            .definition(id)
            .filter(|first| first.range != definition.range)
        else {
            continue;
        };
        let (letter, next) = match definition.prefix {
            IdPrefix::Observation => ('O', &mut next_observation),
            IdPrefix::Hypothesis => ('H', &mut next_hypothesis),
        };
        let new_id = format!("{letter}{next}");
        *next += 1;
        cx.report(definition.id.range, format!("`{id}` is already defined"))
            .label(first.id.range, "first defined here")
            .help(format!(
                "number observations and hypotheses once, in order; use the next free number for this one \
                 (`{new_id}`), and check which of the two each reference to `{id}` means"
            ))
            .fix(Fix {
                title: format!("rename this definition to `{new_id}`"),
                edits: vec![Edit::replace(definition.id.range, new_id.clone())],
                applicability: Applicability::Unsafe,
            });
    }
}
