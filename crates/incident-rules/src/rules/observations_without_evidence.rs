//! `observations-without-evidence`: observations that never quote a log, a metric or a
//! command's output.

use incident_syntax::IdPrefix;

use crate::context::LintContext;
use crate::evidence::has_evidence;
use crate::rule::{Check, declare_rule};
use crate::suggest::is_placeholder;

declare_rule! {
    /// ## What it does
    /// Reports a write-up whose observations never quote or cite a log, a metric or a
    /// command's output: no observation has a code span, a quotation, a number, or a word
    /// such as `log`, `dashboard`, `p99` or `kubectl`.
    /// Observations still to fill in (`- O1:`) are not counted.
    ///
    /// ## Why is this bad?
    /// "Read the logs" is the first step of the method, and the one skipped in a panic.
    /// An observation such as "the worker is down" is a symptom; the log line that says why
    /// it is down is what points at the cause.
    /// Copying what the screen says also lets a reader check the reasoning later.
    ///
    /// ## Example
    /// ```incident
    /// ## Observe
    ///
    /// - O1: billing-worker is down
    /// - O2: invoices are late
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Observe
    ///
    /// - O1: billing-worker is down
    /// - O2: its log says `vault: permission denied` on every start
    /// ```
    code: "INC107",
    name: "observations-without-evidence",
    severity: Warning,
    group: Pedantic,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let observations: Vec<_> = cx
        .incident
        .definitions_of(IdPrefix::Observation)
        .filter_map(|observation| Some((observation, observation.text.as_ref()?)))
        .filter(|(_, text)| !is_placeholder(&text.value))
        .collect();
    let Some((first, _)) = observations.first() else {
        return;
    };
    if observations
        .iter()
        .any(|(_, text)| has_evidence(&text.value))
    {
        return;
    }
    let range = first.id.range;
    cx.report(
        range,
        "no observation quotes a log, a metric or a command's output",
    )
    .help(
        "Observe: read the logs and copy what they say; quote the line, the number on the \
             dashboard or the command's output (`- O2: the log says \"vault: permission denied\"`)",
    );
}
