//! `undefined-reference`: an `O<n>` or `H<n>` that no item defines.

use std::collections::HashSet;

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
    let observations = Defined::of(incident, IdPrefix::Observation);
    let hypotheses = Defined::of(incident, IdPrefix::Hypothesis);
    let defined = |prefix| match prefix {
        IdPrefix::Observation => &observations,
        IdPrefix::Hypothesis => &hypotheses,
    };
    for reference in &incident.references {
        if incident.definition(&reference.id).is_some() {
            continue;
        }
        let noun = noun(reference.prefix);
        cx.report(
            reference.range,
            format!("reference to undefined {noun} `{}`", reference.id),
        )
        .help(help(defined(reference.prefix), &reference.id));
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
        .help(help(&hypotheses, id));
    }
}

fn noun(prefix: IdPrefix) -> &'static str {
    match prefix {
        IdPrefix::Observation => "observation",
        IdPrefix::Hypothesis => "hypothesis",
    }
}

/// The number of an ID (`7` for `O7`), `0` when it has none that fits.
fn number(id: &str) -> u64 {
    id.get(1..)
        .and_then(|digits| digits.parse::<u64>().ok())
        .unwrap_or(0)
}

/// The distinct IDs of one kind that are defined, gathered once per file: every finding lists
/// the nearest of them, and gathering them per finding is quadratic in the number of IDs.
struct Defined<'a> {
    prefix: IdPrefix,
    /// Each ID with its number and the position of its first definition among the distinct
    /// IDs, sorted by number.
    by_number: Vec<Candidate<'a>>,
}

/// A defined ID: its number, the position of its first definition, and the ID.
type Candidate<'a> = (u64, usize, &'a str);

impl<'a> Defined<'a> {
    fn of(incident: &'a Incident, prefix: IdPrefix) -> Defined<'a> {
        let mut seen = HashSet::new();
        let mut by_number: Vec<Candidate<'a>> = incident
            .definitions_of(prefix)
            .map(|definition| definition.id.value.as_str())
            .filter(|id| seen.insert(*id))
            .enumerate()
            .map(|(position, id)| (number(id), position, id))
            .collect();
        by_number.sort_unstable();
        Defined { prefix, by_number }
    }

    /// The at most [`MAX_LISTED`] IDs nearest by number to `wanted`, sorted by number; of
    /// those as near, the ones defined first.
    fn nearest(&self, wanted: u64) -> Vec<&'a str> {
        // The nearest are among the `MAX_LISTED` IDs on each side of `wanted`, with every ID
        // that shares a number with the farthest of them.
        let split = self
            .by_number
            .partition_point(|(defined_number, _, _)| *defined_number < wanted);
        let (below, above) = self.by_number.split_at(split);
        let mut candidates: Vec<Candidate<'a>> = Vec::new();
        candidates.extend(window(below.iter().rev()));
        candidates.extend(window(above.iter()));
        candidates.sort_by_key(|(defined_number, position, _)| {
            (defined_number.abs_diff(wanted), *position)
        });
        candidates.truncate(MAX_LISTED);
        candidates.sort_unstable_by_key(|(defined_number, _, id)| (*defined_number, *id));
        candidates.into_iter().map(|(_, _, id)| id).collect()
    }
}

/// The first [`MAX_LISTED`] of `side`, nearest first, and the ones after them that share the
/// number of the last.
fn window<'a, 'd>(
    side: impl Iterator<Item = &'d Candidate<'a>>,
) -> impl Iterator<Item = Candidate<'a>>
where
    'a: 'd,
{
    let mut last_number = None;
    side.enumerate()
        .take_while(move |(taken, (defined_number, _, _))| {
            if *taken < MAX_LISTED {
                last_number = Some(*defined_number);
                true
            } else {
                last_number == Some(*defined_number)
            }
        })
        .map(|(_, candidate)| *candidate)
}

/// How to define `id`, and the IDs of its kind that are defined: those nearest to it by
/// number when there are many.
fn help(defined: &Defined<'_>, id: &str) -> String {
    let prefix = defined.prefix;
    let how = match prefix {
        IdPrefix::Observation => {
            format!("write down what was seen in an Observe section (`- {id}: …`) before citing it")
        }
        IdPrefix::Hypothesis => format!(
            "state the hypothesis in a Decide section (`- {id}: … [O1]`) before citing or testing it"
        ),
    };
    let total = defined.by_number.len();
    if total == 0 {
        return format!("no {} is defined yet; {how}", noun(prefix));
    }
    let listed = defined.nearest(number(id));
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

#[cfg(test)]
mod tests {
    use incident_model::ModelOptions;

    use super::*;

    fn nearest(text: &str, wanted: u64) -> Vec<String> {
        let parse = incident_syntax::parse(text);
        let incident = Incident::build(&parse, &ModelOptions::default());
        Defined::of(&incident, IdPrefix::Observation)
            .nearest(wanted)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn of_ids_as_near_the_ones_defined_first_are_listed() {
        // O13 is as near to O10 as O7, and defined first; O3 is listed once.
        let text = "## Observe\n\n- O3: a\n- O12: b\n- O8: c\n- O13: d\n- O3: again\n- O7: e\n- O11: f\n- O10: g\n";
        assert_eq!(nearest(text, 10), ["O8", "O10", "O11", "O12", "O13"]);
        assert_eq!(nearest(text, 2), ["O3", "O7", "O8", "O10", "O11"]);
        // O6 and O06 share a number; of the two, O6 is defined first.
        let shared = "## Observe\n\n- O1: a\n- O2: b\n- O3: c\n- O4: d\n- O6: e\n- O06: f\n";
        assert_eq!(nearest(shared, 0), ["O1", "O2", "O3", "O4", "O6"]);
        assert_eq!(nearest(shared, 9), ["O2", "O3", "O4", "O06", "O6"]);
    }
}
