//! Follow-up action items.

use incident_syntax::{Parse, SectionKind, SyntaxKind, SyntaxNode, TextRange};
use jiff::civil::Date;
use serde::Serialize;

use crate::action_text;
use crate::investigation::item_head;
use crate::table::{ActionColumn, Table, is_done_word};
use crate::text::{collapse_whitespace, inline_range, inline_text, token_text};
use crate::time;
use crate::{Incident, Spanned, ValueError};

/// What a follow-up action is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionCategory {
    /// Keeps the cause from happening again.
    Prevent,
    /// Notices the problem sooner next time.
    Detect,
    /// Makes the system or the process easier to understand.
    Clarify,
    /// Replaces a manual step with an automatic one.
    Automate,
    /// Limits the impact when it happens again.
    Mitigate,
}

impl ActionCategory {
    /// Every category.
    pub const ALL: [ActionCategory; 5] = [
        ActionCategory::Prevent,
        ActionCategory::Detect,
        ActionCategory::Clarify,
        ActionCategory::Automate,
        ActionCategory::Mitigate,
    ];

    /// The category's word.
    pub fn name(self) -> &'static str {
        match self {
            ActionCategory::Prevent => "prevent",
            ActionCategory::Detect => "detect",
            ActionCategory::Clarify => "clarify",
            ActionCategory::Automate => "automate",
            ActionCategory::Mitigate => "mitigate",
        }
    }

    /// The category called `name`, case-insensitively.
    pub fn from_name(name: &str) -> Option<ActionCategory> {
        ActionCategory::ALL
            .into_iter()
            .find(|category| category.name().eq_ignore_ascii_case(name))
    }
}

/// A `- [ ] category: text (owner: @x, due: YYYY-MM-DD)` item of an Actions section, a plain
/// bullet there, `- category: text (owner: @x)`, which is an open action without a box, or a
/// row of a table there, whose columns say what is to be done, by whom and by when.
///
/// Older post-mortems write owners and due dates in other forms, which are read too: see
/// `owner` and `due`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActionItem {
    /// Whether the box is ticked, or, in a table, the status column says it is done.
    pub done: bool,
    /// Whether the item starts with a task box.
    pub has_task_box: bool,
    /// Whether it is a row of a table rather than a list item.
    pub in_table: bool,
    /// The item's first paragraph, after the list marker: its task box, when it has one,
    /// starts it. The row of a table.
    pub head: TextRange,
    /// The category word as written.
    pub category: Option<Spanned<String>>,
    /// What is to be done.
    pub text: Option<Spanned<String>>,
    /// `owner:` of the trailing group, as written; else an owner written in the text after a
    /// dash, `— Dana`, or in brackets, `[@dana]`; else a nested `Owner: Dana` item; in a table,
    /// the owner column.
    pub owner: Option<Spanned<String>>,
    /// `due:` of the trailing group, checked against the calendar; else a date after `due` or
    /// `by` in the text, `by 2026-12-20`; else a nested `Due: 2026-12-20` item; in a table, the
    /// due column.
    pub due: Option<Spanned<Result<Date, ValueError>>>,
    /// Every `key: value` pair of the trailing group, `owner` and `due` included, also when the
    /// group holds other words, `(owner: SRE, P1)`; in a table, the cells not read as the
    /// action, owner, due date or category (a category of more than one word among them),
    /// keyed by their header.
    pub fields: Vec<(Spanned<String>, Spanned<String>)>,
    /// The whole list item, or the table row.
    pub range: TextRange,
    /// The section it is in.
    pub section: usize,
}

impl ActionItem {
    /// The category, when it is a known one.
    pub fn category_kind(&self) -> Option<ActionCategory> {
        self.category
            .as_ref()
            .and_then(|category| ActionCategory::from_name(&category.value))
    }
}

/// Whether a table cell can be a category: one word of ASCII letters and hyphens, as a
/// category is written before its colon (SPEC 8.7).
pub fn is_category_word(cell: &str) -> bool {
    !cell.is_empty() && cell.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
}

pub(crate) fn read(parse: &Parse, incident: &mut Incident) {
    let text = parse.text();
    for (section_idx, (section, kind)) in parse.sections().enumerate() {
        if kind != SectionKind::Actions {
            continue;
        }
        for block in section.child_nodes() {
            match block.kind() {
                SyntaxKind::List => {
                    for item in block.children_of(SyntaxKind::ListItem) {
                        if let Some(action) = read_list_item(text, item, section_idx) {
                            incident.actions.push(action);
                        }
                    }
                }
                SyntaxKind::Table => {
                    read_table(text, block, section_idx, &mut incident.actions);
                }
                _ => {}
            }
        }
    }
}

fn read_list_item(text: &str, item: SyntaxNode<'_>, section_idx: usize) -> Option<ActionItem> {
    let action = item_head(item).filter(|head| head.kind() == SyntaxKind::ActionItem)?;
    let done = action
        .child(SyntaxKind::TaskBox)
        .and_then(|task_box| task_box.child(SyntaxKind::Text))
        .is_some_and(|mark| mark.text().eq_ignore_ascii_case("x"));
    let action_text = inline_text(action);
    let written = action_text
        .as_ref()
        .map(|written| (written.range.start(), slice(text, written.range)));
    let at = |start: u32, (from, to): (usize, usize)| {
        let range = TextRange::new(start + from as u32, start + to as u32);
        Spanned::new(slice(text, range).to_owned(), range)
    };
    let mut fields: Vec<(Spanned<String>, Spanned<String>)> = action
        .child(SyntaxKind::ActionMeta)
        .into_iter()
        .flat_map(|meta| meta.children_of(SyntaxKind::MetaField))
        .filter_map(|field| {
            Some((
                token_text(field.child(SyntaxKind::Key)?),
                token_text(field.child(SyntaxKind::Scalar)?),
            ))
        })
        .collect();
    if let Some((start, written)) = written {
        fields.extend(
            action_text::mixed_group_pairs(written)
                .into_iter()
                .map(|(key, value)| (at(start, key), at(start, value))),
        );
    }
    let value_of = |key: &str| {
        fields
            .iter()
            .find(|(field_key, _)| field_key.value.eq_ignore_ascii_case(key))
            .map(|(_, value)| value.clone())
    };
    let nested = nested_fields(text, item);
    let nested_of = |column: ActionColumn| {
        nested
            .iter()
            .find(|(nested_column, _)| *nested_column == column)
            .map(|(_, value)| value.clone())
    };
    let owner = value_of("owner")
        .or_else(|| {
            let (start, written) = written?;
            Some(at(start, action_text::trailing_owner(written)?))
        })
        .or_else(|| nested_of(ActionColumn::Owner));
    let due = value_of("due")
        .or_else(|| {
            let (start, written) = written?;
            Some(at(start, action_text::due_date(written)?))
        })
        .or_else(|| nested_of(ActionColumn::Due))
        .map(read_due);
    Some(ActionItem {
        done,
        has_task_box: action.child(SyntaxKind::TaskBox).is_some(),
        in_table: false,
        head: action.range(),
        category: action.child(SyntaxKind::Category).map(token_text),
        text: action_text,
        owner,
        due,
        fields,
        range: item.range(),
        section: section_idx,
    })
}

/// The owner and due date of the nested items of an action written as `Owner: Dana` or
/// `Due date: 2026-12-20`: a label that names the owner's or the due date's column of an
/// action table (one or two words), a colon, and a value.
fn nested_fields(text: &str, item: SyntaxNode<'_>) -> Vec<(ActionColumn, Spanned<String>)> {
    item.children_of(SyntaxKind::List)
        .flat_map(|list| list.children_of(SyntaxKind::ListItem))
        .filter_map(|nested| {
            let written = inline_range(item_head(nested)?)?;
            let line = slice(text, written);
            let (label, value) = line.split_once(':')?;
            let is_label = (1..=2).contains(&label.split_whitespace().count())
                && label.chars().all(|c| c.is_alphabetic() || c == ' ');
            let column = ActionColumn::of(label);
            let value_start =
                written.start() + (label.len() + 1 + value.len() - value.trim_start().len()) as u32;
            let value = value.trim();
            let range = TextRange::new(value_start, value_start + value.len() as u32);
            (is_label
                && !value.is_empty()
                && matches!(column, ActionColumn::Owner | ActionColumn::Due))
            .then(|| (column, Spanned::new(value.to_owned(), range)))
        })
        .collect()
}

/// The rows of an action table, read by the columns its header names.
fn read_table(
    text: &str,
    table: SyntaxNode<'_>,
    section_idx: usize,
    actions: &mut Vec<ActionItem>,
) {
    let table = Table::read(text, table.range());
    let columns = table.action_columns(text);
    let header_cells = table.header.as_ref().map(|header| header.cells.as_slice());
    for row in &table.body {
        let mut action = ActionItem {
            done: false,
            has_task_box: false,
            in_table: true,
            head: row.range,
            category: None,
            text: None,
            owner: None,
            due: None,
            fields: Vec::new(),
            range: row.range,
            section: section_idx,
        };
        for (idx, &cell) in row.cells.iter().enumerate() {
            let written = slice(text, cell);
            if written.is_empty() {
                continue;
            }
            let value = Spanned::new(collapse_whitespace(written), cell);
            let header = header_cells
                .and_then(|cells| cells.get(idx))
                .map(|&header| Spanned::new(slice(text, header).to_owned(), header));
            match columns.get(idx).copied().unwrap_or(ActionColumn::Other) {
                ActionColumn::Action => action.text = Some(value),
                ActionColumn::Owner if action.owner.is_none() => action.owner = Some(value),
                ActionColumn::Due if action.due.is_none() => action.due = Some(read_due(value)),
                ActionColumn::Category
                    if action.category.is_none() && is_category_word(written) =>
                {
                    action.category = Some(value);
                }
                column => {
                    action.done |= column == ActionColumn::Status && is_done_word(written);
                    action.fields.extend(header.map(|header| (header, value)));
                }
            }
        }
        if action.text.is_some() || action.owner.is_some() || !action.fields.is_empty() {
            actions.push(action);
        }
    }
}

/// A due date as written, checked against the calendar.
fn read_due(due: Spanned<String>) -> Spanned<Result<Date, ValueError>> {
    let date = incident_syntax::parse_date(&due.value)
        .ok_or_else(|| {
            ValueError::new(format!("`{}` is not a date: write `YYYY-MM-DD`", due.value))
        })
        .and_then(time::civil_date);
    Spanned::new(date, due.range)
}

fn slice(text: &str, range: TextRange) -> &str {
    text.get(range.to_usize()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use incident_syntax::parse;

    use crate::{Incident, ModelOptions};

    /// Each action's owner and due date as read, with the text they were read from.
    fn owners_and_dues(text: &str) -> Vec<(Option<String>, Option<String>)> {
        let incident = Incident::build(&parse(text), &ModelOptions::default());
        let written = |range: incident_syntax::TextRange| {
            text.get(range.to_usize()).unwrap_or_default().to_owned()
        };
        incident
            .actions
            .iter()
            .map(|action| {
                if let Some(owner) = &action.owner {
                    assert_eq!(written(owner.range), owner.value, "{text}");
                }
                let due = action.due.as_ref().map(|due| {
                    let date = due
                        .value
                        .as_ref()
                        .map_or_else(|error| error.message.clone(), ToString::to_string);
                    assert!(written(due.range).contains(&date) || due.value.is_err());
                    date
                });
                (action.owner.as_ref().map(|owner| owner.value.clone()), due)
            })
            .collect()
    }

    fn some(owner: Option<&str>, due: Option<&str>) -> (Option<String>, Option<String>) {
        (owner.map(str::to_owned), due.map(str::to_owned))
    }

    #[test]
    fn owners_and_due_dates_are_read_in_the_forms_older_write_ups_use() {
        let text = "## Actions\n\n\
            - [ ] Rotate the credentials due 2026-12-20 (owner: SRE, P1)\n\
            - [ ] Rotate the keys by 2026-12-21 — Dana\n\
            - Rotate the certificates (due 2026-12-22) - @dana\n\
            - Rotate the tokens [@dana]\n\
            - Rotate the passwords (@dana)\n\
            - Rotate the secrets\n  - Owner: Dana Scully\n  - Due date: 2026-12-23\n";
        assert_eq!(
            owners_and_dues(text),
            [
                some(Some("SRE"), Some("2026-12-20")),
                some(Some("Dana"), Some("2026-12-21")),
                some(Some("@dana"), Some("2026-12-22")),
                some(Some("@dana"), None),
                some(Some("@dana"), None),
                some(Some("Dana Scully"), Some("2026-12-23")),
            ]
        );
    }

    #[test]
    fn words_that_only_look_like_owners_or_due_dates_are_not_read() {
        let text = "## Actions\n\n\
            - Talk to the DB team by Friday\n\
            - Rotate the credentials (P1)\n\
            - Rotate the keys - done\n\
            - Rotate the tokens — Monday\n\
            - Rotate the secrets\n  - Update: staging is done\n  - owner is the platform team\n";
        assert_eq!(owners_and_dues(text), vec![some(None, None); 5]);
    }

    #[test]
    fn the_trailing_group_comes_before_the_other_forms() {
        let text =
            "## Actions\n\n- [ ] Rotate by 2026-12-20 — Dana (owner: @sre, due: 2026-12-24)\n";
        assert_eq!(
            owners_and_dues(text),
            [some(Some("@sre"), Some("2026-12-24"))]
        );
    }

    #[test]
    fn table_rows_are_actions_by_their_columns() {
        let text = "## Action items\n\n\
            | # | Action item | Type | Owner | Due | Status |\n\
            |---|---|---|---|---|---|\n\
            | 1 | Alert on queue depth | detect | @sre | 2026-12-20 | Done |\n\
            | 2 | Pin the image | bug fix | Platform | next sprint | open |\n\
            |   |   |   |   |   |   |\n";
        let incident = Incident::build(&parse(text), &ModelOptions::default());
        let rows: Vec<String> = incident
            .actions
            .iter()
            .map(|action| {
                let keys: Vec<&str> = action
                    .fields
                    .iter()
                    .map(|(key, _)| key.value.as_str())
                    .collect();
                format!(
                    "table {} done {} category {:?} text {:?} fields {keys:?}",
                    action.in_table,
                    action.done,
                    action.category.as_ref().map(|category| &category.value),
                    action.text.as_ref().map(|text| &text.value),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                r##"table true done true category Some("detect") text Some("Alert on queue depth") fields ["#", "Status"]"##,
                r##"table true done false category None text Some("Pin the image") fields ["#", "Type", "Status"]"##,
            ]
        );
        assert_eq!(
            owners_and_dues(text),
            [
                some(Some("@sre"), Some("2026-12-20")),
                some(
                    Some("Platform"),
                    Some("`next sprint` is not a date: write `YYYY-MM-DD`")
                ),
            ]
        );
        let first = &incident.actions[0];
        assert_eq!(
            text.get(first.range.to_usize()),
            Some("| 1 | Alert on queue depth | detect | @sre | 2026-12-20 | Done |")
        );
        assert!(!first.has_task_box);
    }
}
