//! `missing-title`: the write-up has no `# Title` heading.

use incident_model::is_level_one_heading;
use incident_syntax::SyntaxKind;

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rule::{Check, declare_rule};
use crate::rules::timeline_entry_without_time::first_line;
use crate::rules::unknown_key::FOREIGN_KEYS;
use crate::skeleton;
use crate::suggest::is_placeholder;

declare_rule! {
    /// ## What it does
    /// Reports a write-up without a level-1 heading (`# Title`, or a title underlined with
    /// `===`) before its first section.
    /// When the front matter has a `title`, the fix inserts it as the heading after the front
    /// matter.
    ///
    /// The fix never writes a second title: when the document has a level-1 heading elsewhere
    /// (below a section, or one without text), the rule points at it and leaves it to the
    /// author.
    /// A page of a site generator (its front matter has keys that Jekyll and Hugo own, such as
    /// `layout`, `date` or `tags`) shows the front matter's `title` as its heading, so the rule
    /// does not report it.
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

const HELP: &str = "start the document with a level-1 heading that says what broke, such as `# Checkout API returns 502 after credential rotation`";

fn check(cx: &mut LintContext<'_>) {
    let incident = cx.incident;
    if incident.title.is_some() {
        return;
    }
    let text = cx.text();
    let title = incident
        .metadata
        .scalar("title")
        .filter(|title| !is_placeholder(&title.value));
    let is_site_page = incident
        .metadata
        .fields
        .iter()
        .any(|field| FOREIGN_KEYS.contains(&field.key.value.as_str()));
    if title.is_some() && is_site_page {
        // The site's layout shows the front matter's title as the page's heading.
        return;
    }
    let anchor = title.map_or_else(|| skeleton::first_line(text), |title| title.range);
    // A level-1 heading that is not the title (below a section, or without text): a second
    // one would show two titles, so only the author can decide.
    let other_heading = cx
        .parse
        .root()
        .descendants()
        .find(|&node| is_level_one_heading(node));
    if let Some(heading) = other_heading {
        let in_preamble = cx
            .parse
            .root()
            .child(SyntaxKind::Preamble)
            .is_some_and(|preamble| preamble.range().contains_range(heading.range()));
        let (label, help) = if in_preamble {
            let example = title.map_or(
                "Checkout API returns 502 after credential rotation",
                |title| title.value.as_str(),
            );
            (
                "this level-1 heading has no text",
                format!("write the title in it: `# {example}`"),
            )
        } else {
            ("this level-1 heading is below the first section", "if it is the title, move it above the first section; if not, make it a section, `## ...`".to_owned())
        };
        cx.report(anchor, "the write-up has no `# Title` heading")
            .label(first_line(text, heading.range()), label)
            .help(help);
        return;
    }
    let (Some(title), Some(front_matter)) = (title, incident.metadata.range) else {
        cx.report(anchor, "the write-up has no `# Title` heading")
            .help(HELP);
        return;
    };
    let eol = incident_syntax::line_ending(text);
    let end = front_matter.end();
    let before = text.get(..end as usize).unwrap_or_default();
    let after = text.get(end as usize..).unwrap_or_default();
    // A blank line before the heading, and one after it unless the text after is blank already.
    let mut insert = String::new();
    if !before.ends_with(['\n', '\r']) {
        insert.push_str(eol);
    }
    let words: Vec<&str> = title.value.split_whitespace().collect();
    let heading = format!("# {}", words.join(" "));
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
