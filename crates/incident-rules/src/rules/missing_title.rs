//! `missing-title`: the write-up has no `# Title` heading.

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rule::{Check, declare_rule};
use crate::skeleton;
use crate::suggest::is_placeholder;

declare_rule! {
    /// ## What it does
    /// Reports a write-up without a level-1 heading (`# Title`, or a title underlined with
    /// `===`) before its first section.
    /// When the front matter has a `title`, the fix inserts it as the heading after the front
    /// matter.
    ///
    /// ## Why is this bad?
    /// The front matter is metadata; rendered as Markdown, in a wiki or a pull request, the
    /// document starts with its first section and nobody sees what it is about.
    /// A one-line title that says what broke is what people read in lists and search results.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// title: Checkout API returns 502 after credential rotation
    /// ---
    ///
    /// ## Summary
    ///
    /// Checkout API answered 502 for 89 minutes.
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// title: Checkout API returns 502 after credential rotation
    /// ---
    ///
    /// # Checkout API returns 502 after credential rotation
    ///
    /// ## Summary
    ///
    /// Checkout API answered 502 for 89 minutes.
    /// ```
    code: "INC508",
    name: "missing-title",
    severity: Warning,
    group: Default,
    fix: Sometimes,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    if incident.title.is_some() {
        return;
    }
    let text = cx.text();
    let title = incident.metadata.scalar("title");
    let (Some(title), Some(front_matter)) = (
        title.filter(|title| !is_placeholder(&title.value)),
        incident.metadata.range,
    ) else {
        let range = title.map_or_else(|| skeleton::first_line(text), |title| title.range);
        cx.report(range, "the write-up has no `# Title` heading").help(
            "start the document with a level-1 heading that says what broke, such as `# Checkout API returns 502 after credential rotation`",
        );
        return;
    };
    let eol = skeleton::line_ending(text);
    let end = front_matter.end();
    let before = text.get(..end as usize).unwrap_or_default();
    let after = text.get(end as usize..).unwrap_or_default();
    // A blank line before the heading, and one after it unless the text after is blank already.
    let mut insert = String::new();
    if !before.ends_with(['\n', '\r']) {
        insert.push_str(eol);
    }
    let heading = format!("# {}", title.value.trim());
    insert.push_str(eol);
    insert.push_str(&heading);
    insert.push_str(eol);
    if !after.is_empty() && !after.starts_with(['\n', '\r']) {
        insert.push_str(eol);
    }
    cx.report(title.range, "the write-up has no `# Title` heading")
        .help(format!(
            "start the document with the title as a level-1 heading: `{heading}`"
        ))
        .fix(Fix {
            title: "insert the front matter's title as a heading".to_owned(),
            edits: vec![Edit::insert(end, insert)],
            applicability: Applicability::Safe,
        });
}
