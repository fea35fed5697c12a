//! `rejected-without-reason`: a rejected hypothesis that does not say why.

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::evidence::is_content_free;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a verdict `H<n> rejected` with no reason after it, and no nested item that gives
    /// one: nothing, only punctuation, a placeholder such as `TODO`, or words that say nothing
    /// that was seen (`nope`, `didn't work`, `not the cause`).
    /// A reason with a number, a code span, a quotation, an observation ID or any word outside
    /// that small vocabulary counts.
    ///
    /// ## Why is this bad?
    /// A hypothesis dropped without a reason comes back: an hour later someone suggests it
    /// again, or the post-mortem cannot say why the team moved on.
    /// The reason is the evidence that ruled it out, written down while it is fresh.
    ///
    /// ## Example
    /// ```incident
    /// ## Act
    ///
    /// - H1 rejected: nope
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Act
    ///
    /// - H1 rejected: memory peaked at 41% and `dmesg` shows no OOM kills
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts a `TODO` placeholder where the reason belongs, so it is unsafe; the
    /// finding stays until the placeholder is replaced by the reason.
    code: "INC201",
    name: "rejected-without-reason",
    severity: Error,
    group: Default,
    fix: Sometimes,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    for verdict in &cx.incident.verdicts {
        if verdict.outcome.value != incident_model::Outcome::Rejected {
            continue;
        }
        let has_reason = verdict
            .reason
            .as_ref()
            .is_some_and(|reason| !is_content_free(&reason.value));
        let has_detail = verdict.details.iter().any(|detail| {
            detail
                .text
                .as_ref()
                .is_some_and(|text| !is_content_free(&text.value))
        });
        if has_reason || has_detail {
            continue;
        }
        let range = verdict.hypothesis.range.cover(verdict.outcome.range);
        let fix = verdict.reason.is_none().then(|| {
            let after_word = verdict.outcome.range.end();
            let has_colon = cx
                .text()
                .get(after_word as usize..)
                .is_some_and(|rest| rest.starts_with(':'));
            let (offset, insert) = if has_colon {
                (after_word + 1, " TODO: what ruled it out?")
            } else {
                (after_word, ": TODO: what ruled it out?")
            };
            Fix {
                title: "add a reason placeholder".to_owned(),
                edits: vec![Edit::insert(offset, insert)],
                applicability: Applicability::Unsafe,
            }
        });
        let message = match &verdict.reason {
            Some(reason) if !reason.value.is_empty() => {
                format!(
                    "{} is rejected with `{}` instead of a reason",
                    verdict.hypothesis.value,
                    reason.value.trim()
                )
            }
            _ => format!("{} is rejected without a reason", verdict.hypothesis.value),
        };
        let report = cx
            .report(range, message)
            .help("Act: write down what you saw that ruled it out, such as the log line, the metric, the command's output or an observation ID (`memory peaked at 41%, see O3`), so nobody chases it again");
        if let Some(fix) = fix {
            report.fix(fix);
        }
    }
}
