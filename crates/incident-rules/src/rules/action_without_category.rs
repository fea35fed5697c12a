//! `action-without-category`: a follow-up action without a known category.

use incident_model::ActionCategory;

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rule::{Check, declare_rule};
use crate::rules::timeline_entry_without_time::first_line;
use crate::suggest::did_you_mean;

declare_rule! {
    /// ## What it does
    /// Reports an action item of a finished post-mortem that does not start with a category,
    /// or whose category is not one of `prevent`, `detect`, `clarify`, `automate` and
    /// `mitigate`.
    /// A misspelled category, or its noun (`detection`), gets a suggestion and a fix.
    ///
    /// ## Why is this bad?
    /// The categories make the team check that the follow-ups cover every side of the incident:
    /// keeping the cause from coming back, noticing sooner, understanding faster, removing
    /// manual steps, limiting the impact.
    /// A post-mortem whose actions are all "prevent" has usually forgotten detection.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Actions
    ///
    /// - [ ] alert on authentication failures from checkout-api (owner: @sre, due: 2026-12-05)
    /// - [ ] prevnet: rotation job verifies the secret it wrote (owner: @payments, due: 2026-12-15)
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Actions
    ///
    /// - [ ] detect: alert on authentication failures from checkout-api (owner: @sre, due: 2026-12-05)
    /// - [ ] prevent: rotation job verifies the secret it wrote (owner: @payments, due: 2026-12-15)
    /// ```
    ///
    /// ## Fix safety
    /// Replacing a misspelled category with the known one it is close to keeps its meaning,
    /// so that fix is safe. Actions without a category get no fix.
    code: "INC403",
    name: "action-without-category",
    severity: Warning,
    group: Default,
    fix: Sometimes,
}

pub(crate) const CHECK: Check = Check::File(check);

const CATEGORIES: &str = "`prevent:` keeps the cause from coming back, `detect:` notices it sooner, `clarify:` makes the system easier to understand, `automate:` removes a manual step, `mitigate:` limits the impact";

/// Nouns people write for the categories.
const NOUNS: [(&str, ActionCategory); 5] = [
    ("prevention", ActionCategory::Prevent),
    ("detection", ActionCategory::Detect),
    ("clarification", ActionCategory::Clarify),
    ("automation", ActionCategory::Automate),
    ("mitigation", ActionCategory::Mitigate),
];

fn check(cx: &mut LintContext<'_>) {
    if !cx.is_over() {
        return;
    }
    for action in &cx.incident.actions {
        let Some(category) = &action.category else {
            let range = match &action.text {
                Some(text) => first_line(cx.text(), text.range),
                None => first_line(cx.text(), action.range),
            };
            cx.report(range, "action has no category")
                .help(format!("start the action with its category: {CATEGORIES}"));
            continue;
        };
        if action.category_kind().is_some() {
            continue;
        }
        let message = format!("unknown action category `{}`", category.value);
        match suggestion(&category.value) {
            Some(known) => {
                let replacement = with_case_of(&category.value, known.name());
                cx.report(category.range, message)
                    .help(format!(
                        "did you mean `{replacement}`? The categories: {CATEGORIES}"
                    ))
                    .fix(Fix {
                        title: format!("replace with `{replacement}`"),
                        edits: vec![Edit::replace(category.range, replacement)],
                        applicability: Applicability::Safe,
                    });
            }
            None => {
                cx.report(category.range, message)
                    .help(format!("use one of the categories: {CATEGORIES}"));
            }
        }
    }
}

/// The known category a word probably means: a misspelling or the category's noun.
fn suggestion(word: &str) -> Option<ActionCategory> {
    let lower = word.to_ascii_lowercase();
    if let Some((_, category)) = NOUNS.iter().find(|(noun, _)| *noun == lower) {
        return Some(*category);
    }
    let names = ActionCategory::ALL.map(ActionCategory::name);
    did_you_mean(word, names).and_then(ActionCategory::from_name)
}

/// `name` written in the case of `written`: all capitals, a capital first letter, or lowercase.
fn with_case_of(written: &str, name: &str) -> String {
    let has_lowercase = written.chars().any(|c| c.is_ascii_lowercase());
    if !has_lowercase && written.len() > 1 {
        return name.to_ascii_uppercase();
    }
    match (written.chars().next(), name.get(..1), name.get(1..)) {
        (Some(first), Some(head), Some(tail)) if first.is_ascii_uppercase() => {
            format!("{}{tail}", head.to_ascii_uppercase())
        }
        _ => name.to_owned(),
    }
}
