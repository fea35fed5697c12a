//! The `.incident` format's syntax: a lossless, resilient parser and the tree it builds.
//!
//! [`parse`] turns text into a [`Parse`]: a [`SyntaxTree`] whose tokens cover every byte of the
//! input, and the [`SyntaxError`]s found on the way. It never fails and never panics. The
//! grammar is specified in `grammar/SPEC.md`; node kinds are named after its rules.
//!
//! This crate knows nothing of lint rules, configuration files or editors.

mod lexeme;
mod line_index;
mod parser;
mod section;
mod syntax_kind;
mod text_range;
mod tree;
mod written_time;
mod zone;

pub use lexeme::{
    DateParts, DateTimeParts, IdPrefix, OffsetParts, TimeParts, date_prefix, incident_ref_len,
    is_word_char, parse_date, parse_date_time, parse_offset, parse_time, whole_word_id_len,
};
pub use line_index::{ColumnUnit, LineCol, LineIndex, line_ending};
pub use parser::{Parse, SyntaxError, parse, parse_with, trailing_milestone};
pub use section::{SectionKind, SectionTable, normalize_heading};
pub use syntax_kind::SyntaxKind;
pub use text_range::TextRange;
pub use tree::{Children, SyntaxNode, SyntaxTree};
pub use written_time::{
    Meridiem, Piece, WrittenTime, ends_at_boundary, time_placeholder_len, written_time,
    zone_word_len,
};
pub use zone::{ZONE_ABBREVIATIONS, ZoneAbbreviation, ZoneReading, abbreviation, zone_name_offset};

/// Words the grammar gives meaning to, for completion and documentation.
pub mod vocabulary {
    pub use crate::parser::vocabulary::*;
}
