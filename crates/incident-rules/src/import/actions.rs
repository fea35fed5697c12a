//! Actions: list items and table rows of an Actions section as task items `- [ ] ...`, with
//! the owner, the due date and the other columns of a table in the trailing `(key: value)`
//! group when they fit there, and in the text when they do not.

use incident_model::Table;
use incident_syntax::{SectionKind, SyntaxKind, SyntaxNode};

use super::{ImportContext, REVIEW_MARK};
use crate::diagnostic::Edit;

/// Status words of a table's status column that mean the action is done.
pub(super) const DONE_WORDS: [&str; 7] = [
    "done",
    "closed",
    "fixed",
    "complete",
    "completed",
    "resolved",
    "yes",
];

pub(super) fn edits(cx: &ImportContext<'_>, edits: &mut Vec<Edit>) {
    // The model reads plain bullets of an Actions section as actions without a box.
    for action in cx
        .incident
        .actions
        .iter()
        .filter(|action| !action.has_task_box)
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

/// What a column of an action table holds, by its header.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Column {
    /// What is to be done.
    Action,
    Owner,
    Due,
    /// The category, such as `prevent` or `detect`.
    Category,
    /// Whether it is done.
    Status,
    /// Anything else, kept as a `key: value` pair.
    Other,
}

impl Column {
    fn of(header: &str) -> Column {
        let header = header.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|word| header.contains(word));
        if has(&["owner", "assignee", "assigned", "who", "responsible"]) {
            Column::Owner
        } else if has(&["due", "deadline", "eta", "date", "when", "target"]) {
            Column::Due
        } else if has(&["type", "category", "kind"]) {
            Column::Category
        } else if has(&["status", "state", "done"]) {
            Column::Status
        } else {
            Column::Other
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
    let mut columns: Vec<Column> = headers.iter().map(|header| Column::of(header)).collect();
    let action_words = [
        "action",
        "item",
        "task",
        "issue",
        "description",
        "what",
        "title",
    ];
    let action_column = columns
        .iter()
        .zip(&headers)
        .position(|(column, header)| {
            *column == Column::Other
                && action_words
                    .iter()
                    .any(|word| header.to_lowercase().contains(word))
        })
        .or_else(|| columns.iter().position(|column| *column == Column::Other))
        .unwrap_or(0);
    match columns.get_mut(action_column) {
        Some(column) => *column = Column::Action,
        None => columns.push(Column::Action),
    }
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
            let column = columns.get(idx).copied().unwrap_or(Column::Other);
            let header = headers.get(idx).copied().unwrap_or_default();
            let key = match column {
                Column::Action => {
                    action = (*cell).to_owned();
                    continue;
                }
                Column::Category if is_category_word(cell) && category.is_empty() => {
                    category = format!("{cell}: ");
                    continue;
                }
                Column::Owner => "owner".to_owned(),
                Column::Due => "due".to_owned(),
                Column::Status => {
                    done |= DONE_WORDS.contains(&cell.to_lowercase().as_str());
                    meta_key(header)
                }
                Column::Category | Column::Other => meta_key(header),
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

/// A category is one word of ASCII letters and hyphens (SPEC 8.7).
fn is_category_word(cell: &str) -> bool {
    !cell.is_empty() && cell.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
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
    fn columns_are_read_by_their_headers() {
        assert_eq!(Column::of("Owner"), Column::Owner);
        assert_eq!(Column::of("Due date"), Column::Due);
        assert_eq!(Column::of("Type"), Column::Category);
        assert_eq!(Column::of("Status"), Column::Status);
        assert_eq!(Column::of("Bug"), Column::Other);
        assert_eq!(meta_key("Jira ticket #"), "jira-ticket");
        assert!(!fits_meta("owner", "ana, bo"));
    }
}
