//! Actions: list items and table rows of an Actions section as task items `- [ ] ...`, with
//! the owner, the due date and the other columns of a table in the trailing `(key: value)`
//! group when they fit there, and in the text when they do not.

use incident_model::{ActionColumn, Table, is_category_word, is_done_word};
use incident_syntax::{SectionKind, SyntaxKind, SyntaxNode};

use super::{ImportContext, REVIEW_MARK};
use crate::diagnostic::Edit;

pub(super) fn edits(cx: &ImportContext<'_>, edits: &mut Vec<Edit>) {
    // The model reads plain bullets of an Actions section as actions without a box.
    for action in cx
        .incident
        .actions
        .iter()
        .filter(|action| !action.has_task_box && !action.in_table)
    {
        edits.push(Edit::insert(action.head.start(), "[ ] "));
    }
    for (section, kind) in cx.parse.sections() {
        if kind != SectionKind::Actions {
            continue;
        }
        for table in section.children_of(SyntaxKind::Table) {
            edits.push(Edit::replace(table.range(), table_items(cx, table)));
        }
    }
}

/// An action table as task items, after a comment that keeps its header.
fn table_items(cx: &ImportContext<'_>, table: SyntaxNode<'_>) -> String {
    let read = Table::read(cx.text, table.range());
    let headers: Vec<&str> = read
        .header
        .as_ref()
        .map(|header| header.cells.iter().map(|cell| cx.slice(*cell)).collect())
        .unwrap_or_default();
    let columns = read.action_columns(cx.text);
    let mut lines = Vec::new();
    if let Some(header) = &read.header {
        lines.push(format!(
            "<!-- {REVIEW_MARK} from a table with the columns {} -->",
            cx.slice(header.range)
        ));
        lines.push(String::new());
    }
    for row in &read.body {
        let cells: Vec<&str> = row.cells.iter().map(|cell| cx.slice(*cell)).collect();
        if cells.iter().all(|cell| cell.is_empty()) {
            continue;
        }
        let mut done = false;
        let mut category = String::new();
        let mut action = String::new();
        let mut extra = String::new();
        let mut meta: Vec<String> = Vec::new();
        for (idx, cell) in cells.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let column = columns.get(idx).copied().unwrap_or(ActionColumn::Other);
            let header = headers.get(idx).copied().unwrap_or_default();
            let key = match column {
                ActionColumn::Action => {
                    action = (*cell).to_owned();
                    continue;
                }
                ActionColumn::Category if is_category_word(cell) && category.is_empty() => {
                    category = format!("{cell}: ");
                    continue;
                }
                ActionColumn::Owner => "owner".to_owned(),
                ActionColumn::Due => "due".to_owned(),
                ActionColumn::Status => {
                    done |= is_done_word(cell);
                    meta_key(header)
                }
                ActionColumn::Category | ActionColumn::Other => meta_key(header),
            };
            if fits_meta(&key, cell) {
                meta.push(format!("{key}: {cell}"));
            } else if header.is_empty() {
                extra.push_str(&format!("; {cell}"));
            } else {
                extra.push_str(&format!("; {header}: {cell}"));
            }
        }
        let task_box = if done { "[x]" } else { "[ ]" };
        let mut line = format!("- {task_box} {category}{action}{extra}");
        if !meta.is_empty() {
            line.push_str(&format!(" ({})", meta.join(", ")));
        }
        lines.push(line);
    }
    let mut out = lines.join(cx.eol);
    if cx.ends_with_line_break(table.range()) {
        out.push_str(cx.eol);
    }
    out
}

/// A header as a meta key: lowercase ASCII letters and digits, other runs as `-`.
fn meta_key(header: &str) -> String {
    let mut key = String::new();
    for c in header.chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c.to_ascii_lowercase());
        } else if !key.is_empty() && !key.ends_with('-') {
            key.push('-');
        }
    }
    key.trim_end_matches('-').to_owned()
}

/// Whether `key: value` can stand in the trailing group: a value with no `,` or parenthesis.
fn fits_meta(key: &str, value: &str) -> bool {
    !key.is_empty() && !value.contains([',', '(', ')'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_become_meta_keys() {
        assert_eq!(meta_key("Jira ticket #"), "jira-ticket");
        assert!(!fits_meta("owner", "ana, bo"));
    }
}
