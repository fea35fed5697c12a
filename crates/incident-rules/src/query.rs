//! Questions several rules ask of a file, answered once.

use incident_model::Section;
use incident_syntax::{Parse, SyntaxKind, SyntaxNode, TextRange};

use crate::context::LintContext;
use crate::suggest::is_placeholder;

/// The syntax node of the section at `index`, counted as in `Incident::sections` (both list
/// the parse's sections in source order).
pub(crate) fn section_node(parse: &Parse, index: usize) -> Option<SyntaxNode<'_>> {
    parse.section(index).map(|(node, _)| node)
}

/// Whether a section says anything: an observation, a status line, a verdict, an entry, or other
/// text that is not a placeholder such as `TODO`. Template prompts in HTML comments, directives
/// and empty items (`- up:`) do not count.
pub(crate) fn section_says_something(cx: &LintContext<'_>, section: &Section) -> bool {
    let Some(node) = section_node(cx.parse, section.index) else {
        return false;
    };
    node.descendants().any(|element| match element.kind() {
        SyntaxKind::Paragraph | SyntaxKind::IdDefinition | SyntaxKind::LabeledItem => {
            let text: String = element
                .children()
                .filter(|child| child.kind().is_inline())
                .map(|child| child.text())
                .collect::<Vec<_>>()
                .join(" ");
            !is_placeholder(&text)
        }
        SyntaxKind::Verdict
        | SyntaxKind::TimelineEntry
        | SyntaxKind::ActionItem
        | SyntaxKind::Table
        | SyntaxKind::CodeBlock
        | SyntaxKind::BlockQuote => true,
        SyntaxKind::HtmlBlock => !element.text().trim_start().starts_with("<!--"),
        _ => false,
    })
}

/// Where to report a finding about the whole document: its title, else its first line.
pub(crate) fn document_anchor(cx: &LintContext<'_>) -> TextRange {
    if let Some(title) = &cx.incident.title {
        return title.range;
    }
    crate::skeleton::first_line(cx.text())
}

/// The items of a model list (definitions, references, verdicts, notes: all in source order)
/// that start inside `range`, found by binary search so that rules stay linear.
pub(crate) fn within<T>(items: &[T], range: TextRange, start: impl Fn(&T) -> u32) -> &[T] {
    let first = items.partition_point(|item| start(item) < range.start());
    let end = items.partition_point(|item| start(item) < range.end());
    items.get(first..end.max(first)).unwrap_or_default()
}

/// The last item of a model list (in source order) that starts before `offset`.
pub(crate) fn last_before<T>(items: &[T], offset: u32, start: impl Fn(&T) -> u32) -> Option<&T> {
    let end = items.partition_point(|item| start(item) < offset);
    end.checked_sub(1).and_then(|last| items.get(last))
}
