//! `placeholder-text`: a `TODO`, `TBD` or `...` left in a finished post-mortem.

use incident_syntax::{SyntaxKind, TextRange};

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Once the incident is over (its status is `resolved` or `closed`), reports every
    /// placeholder left in the write-up: the words `TODO`, `TBD`, `FIXME` and `XXX` (in
    /// capitals), the `@TODO` owner and `YYYY-MM-DD` date that fixes insert, and text that is
    /// only an ellipsis (`...` or `…`).
    /// Code spans, code blocks, HTML comments (template prompts) and verdicts are not read:
    /// `rejected-without-reason`, `confirmed-without-evidence` and
    /// `confirmed-without-action-taken` report placeholders in verdicts.
    ///
    /// ## Why is this bad?
    /// A placeholder passes for content: the section is there, the item is there, and every
    /// check that asks "is something written?" is satisfied, while the write-up still says
    /// nothing.
    /// The unsafe fixes of this tool insert placeholders on purpose, so that this rule keeps
    /// asking until the real text replaces them.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Orient
    ///
    /// - changed: TODO
    ///
    /// ## Lessons
    ///
    /// ...
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// status: resolved
    /// ---
    ///
    /// ## Orient
    ///
    /// - changed: the redirect configmap was edited at 16:00
    ///
    /// ## Lessons
    ///
    /// A configmap change is not a deploy: nothing told nginx to reload.
    /// ```
    code: "INC512",
    name: "placeholder-text",
    severity: Warning,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

/// Words that stand for text still to write, compared case-sensitively so that prose such as
/// "the todo list" is left alone.
const PLACEHOLDER_WORDS: [&str; 6] = ["TODO", "TBD", "FIXME", "XXX", "@TODO", "YYYY-MM-DD"];

fn check(cx: &mut LintContext<'_>) {
    if !cx.is_over() {
        return;
    }
    let mut skip_until = 0;
    let mut found: Vec<(TextRange, &str)> = Vec::new();
    for element in cx.parse.root().descendants() {
        if element.range().start() < skip_until {
            continue;
        }
        match element.kind() {
            SyntaxKind::CodeBlock
            | SyntaxKind::HtmlBlock
            | SyntaxKind::Verdict
            | SyntaxKind::Directive => {
                skip_until = element.range().end();
            }
            SyntaxKind::Text | SyntaxKind::Scalar => {
                found.extend(placeholders_in(element.text(), element.range().start()))
            }
            _ => {}
        }
    }
    for (range, placeholder) in found {
        cx.report(
            range,
            format!("`{placeholder}` is left in the finished post-mortem"),
        )
        .help(
            "the incident is over: replace the placeholder with what you know now (what was seen, \
             done or decided), or remove the item if it does not apply",
        );
    }
}

/// The placeholders in the text of one token that starts at `offset`.
fn placeholders_in(text: &str, offset: u32) -> Vec<(TextRange, &str)> {
    let trimmed = text.trim();
    if matches!(trimmed, "..." | "…") {
        let start = offset + (text.len() - text.trim_start().len()) as u32;
        return vec![(TextRange::new(start, start + trimmed.len() as u32), trimmed)];
    }
    let mut found = Vec::new();
    let mut word_start = None;
    for (index, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let in_word = c.is_alphanumeric() || c == '@' || c == '-';
        match (in_word, word_start) {
            (true, None) => word_start = Some(index),
            (false, Some(start)) => {
                let word = text.get(start..index).unwrap_or_default();
                if PLACEHOLDER_WORDS.contains(&word) {
                    found.push((
                        TextRange::new(offset + start as u32, offset + index as u32),
                        word,
                    ));
                }
                word_start = None;
            }
            _ => {}
        }
    }
    found
}
