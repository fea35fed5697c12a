//! `unknown-directive-rule`: a directive names a rule that does not exist.

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::registry;
use crate::rule::{Check, declare_rule};
use crate::suggest::did_you_mean;

declare_rule! {
    /// ## What it does
    /// Reports a rule code or name in an `incident-lint` directive that matches no rule.
    ///
    /// ## Why is this bad?
    /// A misspelled rule in a directive suppresses nothing, so the finding it was meant to
    /// silence still shows, and the directive misleads the next reader.
    ///
    /// ## Example
    /// ```incident
    /// <!-- incident-lint disable missing-timline -->
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// <!-- incident-lint disable missing-timeline -->
    /// ```
    ///
    /// ## Fix safety
    /// When one rule name is close to the misspelled one, replacing it is safe.
    code: "INC601",
    name: "unknown-directive-rule",
    severity: Error,
    group: Default,
    fix: Sometimes,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    for directive in &cx.incident.directives {
        for rule in &directive.rules {
            if registry::find(&rule.value).is_some() {
                continue;
            }
            // Codes differ by a digit or two from each other, so only names are suggested.
            let suggestion = did_you_mean(&rule.value, registry::all().map(|meta| meta.name));
            let message = format!("unknown rule `{}` in directive", rule.value);
            let report = cx.report(rule.range, message);
            match suggestion {
                Some(name) => report.help(format!("did you mean `{name}`?")).fix(Fix {
                    title: format!("replace with `{name}`"),
                    edits: vec![Edit::replace(rule.range, name)],
                    applicability: Applicability::Safe,
                }),
                None => report.help("`incident-lint rules` lists every rule's code and name"),
            };
        }
    }
}
