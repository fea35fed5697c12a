//! `unknown-key`: a front matter key that nothing reads.

use std::collections::HashSet;

use incident_model::{Field, FieldValue, KNOWN_KEYS};

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rule::{Check, declare_rule};
use crate::suggest::{code_list, did_you_mean};

declare_rule! {
    /// ## What it does
    /// Reports a front matter key that the format does not know (`id`, `title`, `severity`,
    /// `status`, `timezone`, `started`, `detected`, `mitigated`, `resolved`, `services`,
    /// `authors`) and that the project does not require. Keys that site generators such as
    /// Jekyll and Hugo own (`layout`, `author`, `date`, `tags`, `categories`, ...) are left alone.
    /// A key close to a known one (`servics`, `detcted`) is probably a typo, and the rule offers
    /// to rename it when its value fits the known key.
    ///
    /// ## Why is this bad?
    /// A misspelled key is silently ignored: `detcted: 2026-11-20 14:09` looks fine to a
    /// reader, but no tool sees a detection time, so the time to detect is unknown.
    /// Keys are case-sensitive, so `Title` is not `title` either.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// detcted: 2026-11-20 14:09
    /// servics: [checkout-api]
    /// ---
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// detected: 2026-11-20 14:09
    /// services: [checkout-api]
    /// ---
    /// ```
    ///
    /// Keys of your own are kept but not checked. To make one known, require it in
    /// `incident-lint.toml`: `[front-matter] required-keys = ["id", "title", "severity",
    /// "status", "started", "review_date"]`.
    code: "INC504",
    name: "unknown-key",
    severity: Warning,
    group: Default,
    fix: Sometimes,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let metadata = &cx.incident.metadata;
    let required = &cx.settings.required_keys;
    let mut reported = HashSet::new();
    for field in &metadata.fields {
        let key = field.key.value.as_str();
        if KNOWN_KEYS.contains(&key)
            || FOREIGN_KEYS.contains(&key)
            || required.iter().any(|required_key| required_key == key)
            || !reported.insert(key)
        {
            continue;
        }
        let candidates = KNOWN_KEYS
            .iter()
            .copied()
            .chain(required.iter().map(String::as_str));
        let suggestion =
            did_you_mean(key, candidates).filter(|candidate| value_fits(candidate, field));
        let message = format!("unknown front matter key `{key}`");
        match suggestion {
            Some(suggestion) if metadata.field(suggestion).is_some() => {
                cx.report(field.key.range, message).help(format!(
                    "did you mean `{suggestion}`? The front matter already has `{suggestion}`, so keep one of the two"
                ));
            }
            Some(suggestion) => {
                cx.report(field.key.range, message)
                    .help(format!("did you mean `{suggestion}`? Until it is spelled right, no check reads this value"))
                    .fix(Fix {
                        title: format!("rename to `{suggestion}`"),
                        edits: vec![Edit::replace(field.key.range, suggestion)],
                        applicability: Applicability::Safe,
                    });
            }
            None => {
                let mut keys: Vec<&str> = required.iter().map(String::as_str).collect();
                keys.push(key);
                let keys = keys
                    .iter()
                    .map(|key| format!("\"{key}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                cx.report(field.key.range, message).help(format!(
                    "unknown keys are kept but not checked; the known keys are {}. If your team relies on `{key}`, require it in incident-lint.toml: `[front-matter] required-keys = [{keys}]`",
                    code_list(KNOWN_KEYS, "and")
                ));
            }
        }
    }
}

/// Keys that static site generators (Jekyll, Hugo) own in the same front matter: known, not
/// ours, never typos of ours (`author` is not a misspelled `authors`).
pub(crate) const FOREIGN_KEYS: &[&str] = &[
    "layout",
    "author",
    "date",
    "tags",
    "categories",
    "permalink",
    "slug",
    "draft",
    "weight",
    "aliases",
    "excerpt",
    "description",
    "toc",
    "lastmod",
    "published",
];

/// Whether the value of `field` can be the value of `key`, so that renaming keeps its meaning:
/// `mitigation: rolled back` is a note, not a misspelled `mitigated` time.
fn value_fits(key: &str, field: &Field) -> bool {
    match (key, &field.value) {
        (_, FieldValue::Empty) => true,
        ("started" | "detected" | "mitigated" | "resolved", FieldValue::Scalar(scalar)) => {
            incident_syntax::parse_date_time(&scalar.value).is_some()
        }
        ("id" | "title" | "severity" | "status" | "timezone", FieldValue::Scalar(_)) => true,
        ("services" | "authors", FieldValue::Scalar(_) | FieldValue::List(_)) => true,
        (key, _) => !KNOWN_KEYS.contains(&key),
    }
}
