//! The formatter of `.incident` files (`incident-lint fmt`): a canonical layout that changes
//! whitespace, bullet markers and the order of front matter keys, and never a word of the text,
//! and, on request, timelines sorted by time.
//!
//! [`format`] reads only the syntax tree; [`sort_timelines`] reads the model for the entries'
//! times. This crate knows nothing of lint rules: the rule that reports a timeline out of order
//! offers this crate's sort as its fix, so there is one sort.

mod layout;
mod timeline;

pub use layout::{FormatError, TextChange, format, text_change};
pub use timeline::{OutOfOrder, TimelineSort, out_of_order, sort_timelines, timeline_sort};
