//! `undefined-reference`: an `O<n>` or `H<n>` that no item defines.

use incident_model::Incident;
use incident_syntax::IdPrefix;

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a reference to an observation or hypothesis (`O7`, `H3` in text) that no item
    /// defines, and a verdict on a hypothesis that no item defines.
    /// IDs in code spans are not references.
    ///
    /// ## Why is this bad?
    /// IDs are how the write-up links a hypothesis to what it rests on, and a verdict to what
    /// it tests.
    /// A dangling ID is a broken link: a typo, an observation that was never written down,
    /// or a hypothesis that was only said out loud.
    /// Readers cannot check the claim that cites it.
    ///
    /// ## Example
    /// ```incident
    /// ## Observe
    ///
    /// - O1: checkout-api pods restarted 3 times since 14:00
    ///
    /// ## Decide
    ///
    /// - H1: the pods run out of memory [O2]
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Observe
    ///
    /// - O1: checkout-api pods restarted 3 times since 14:00
    /// - O2: memory of the pods grows by 50 MB a minute until they restart
    ///
    /// ## Decide
    ///
    /// - H1: the pods run out of memory [O2]
    /// ```
    code: "INC206",
    name: "undefined-reference",
    severity: Error,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

/// How many defined IDs the help lists at most.
const MAX_LISTED: usize = 5;

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    for reference in &incident.references {
        if incident.definition(&reference.id).is_some() {
            continue;
        }
        let noun = noun(reference.prefix);
        cx.report(
            reference.range,
            format!("reference to undefined {noun} `{}`", reference.id),
        )
        .help(help(incident, reference.prefix, &reference.id));
    }
    for verdict in &incident.verdicts {
        let id = &verdict.hypothesis.value;
        if incident.definition(id).is_some() {
            continue;
        }
        cx.report(
            verdict.hypothesis.range,
            format!("verdict on undefined hypothesis `{id}`"),
        )
        .help(help(incident, IdPrefix::Hypothesis, id));
    }
}

fn noun(prefix: IdPrefix) -> &'static str {
    match prefix {
        IdPrefix::Observation => "observation",
        IdPrefix::Hypothesis => "hypothesis",
    }
}

/// How to define `id`, and the IDs of its kind that are defined: those nearest to it by
/// number when there are many.
fn help(incident: &Incident, prefix: IdPrefix, id: &str) -> String {
    let how = match prefix {
        IdPrefix::Observation => {
            format!("write down what was seen in an Observe section (`- {id}: …`) before citing it")
        }
        IdPrefix::Hypothesis => format!(
            "state the hypothesis in a Decide section (`- {id}: … [O1]`) before citing or testing it"
        ),
    };
    let number = |id: &str| id.get(1..).and_then(|digits| digits.parse::<u64>().ok());
    let wanted = number(id).unwrap_or(0);
    let mut defined: Vec<(u64, &str)> = Vec::new();
    for definition in incident.definitions_of(prefix) {
        let candidate = definition.id.value.as_str();
        if defined.iter().all(|(_, seen)| *seen != candidate) {
            defined.push((number(candidate).unwrap_or(0), candidate));
        }
    }
    if defined.is_empty() {
        return format!("no {} is defined yet; {how}", noun(prefix));
    }
    let total = defined.len();
    defined.sort_by_key(|(defined_number, _)| defined_number.abs_diff(wanted));
    defined.truncate(MAX_LISTED);
    defined.sort_unstable();
    let listed: Vec<&str> = defined.iter().map(|(_, candidate)| *candidate).collect();
    let plural = match prefix {
        IdPrefix::Observation => "observations",
        IdPrefix::Hypothesis => "hypotheses",
    };
    let qualifier = if total > MAX_LISTED {
        " nearest to it"
    } else {
        ""
    };
    format!(
        "{how}; the defined {plural}{qualifier} are {}",
        listed.join(", ")
    )
}
