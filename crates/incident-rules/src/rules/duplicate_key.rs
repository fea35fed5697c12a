//! `duplicate-key`: a front matter key written twice.

use incident_model::{Field, FieldValue};

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a front matter key that is written again after its first line.
    ///
    /// ## Why is this bad?
    /// Only the first value counts: tools read the first `status` and ignore the second, while
    /// a reader often sees the last one.
    /// It usually happens when a template's line is kept and a new one is added below, so the
    /// file says two things at once, such as both `status: investigating` and `status: resolved`.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// status: investigating
    /// started: 2026-11-20 14:02
    /// status: resolved
    /// ---
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// status: resolved
    /// started: 2026-11-20 14:02
    /// ---
    /// ```
    code: "INC505",
    name: "duplicate-key",
    severity: Error,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let fields = &cx.incident.metadata.fields;
    for (index, field) in fields.iter().enumerate() {
        let key = &field.key.value;
        let Some(first) = fields
            .iter()
            .take(index)
            .find(|earlier| earlier.key.value == *key)
        else {
            continue;
        };
        let help = match (shown(first), shown(field)) {
            (Some(first_value), Some(value)) if first_value == value => {
                format!("both lines say `{value}`: remove this one")
            }
            (Some(first_value), _) => format!(
                "tools read the first `{key}` (`{first_value}`) and ignore this one: keep a single `{key}` line with the right value"
            ),
            (None, _) => format!(
                "tools read the first `{key}` and ignore this one: keep a single `{key}` line with the right value"
            ),
        };
        cx.report(
            field.key.range,
            format!("`{key}` is written more than once"),
        )
        .label(first.key.range, format!("`{key}` is first written here"))
        .help(help);
    }
}

/// A field's value as one line, for the help: a scalar, or a flow list.
fn shown(field: &Field) -> Option<String> {
    match &field.value {
        FieldValue::Scalar(scalar) => Some(scalar.value.clone()),
        FieldValue::List(items) => Some(format!(
            "[{}]",
            items
                .iter()
                .map(|item| item.value.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        FieldValue::Empty | FieldValue::Nested(_) => None,
    }
}
