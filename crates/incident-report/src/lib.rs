//! Pictures and numbers of incident write-ups: a self-contained HTML page for one incident
//! (its measures, a timeline picture, the investigation as a story, the actions), an index
//! page for an archive, and statistics across the archive.
//!
//! Pages are built with maud, which escapes every value it inserts: text from the file never
//! becomes markup. They need nothing from the network: the stylesheet is inline and the
//! timeline is inline SVG.

mod index;
mod page;
mod stats;
mod text;
mod timeline;

use std::collections::BTreeMap;

use jiff::civil::Date;

pub use index::{IndexEntry, render_index_html};
pub use page::render_incident_html;
pub use stats::{
    ActionCounts, ArchiveStats, ArchivedIncident, MethodShare, Recurrence, SeverityDurations,
    Summary, UNSTATED, is_overdue, severity_of,
};

/// What a page needs from outside the file.
#[derive(Clone, Debug, Default)]
pub struct PageOptions {
    /// The date actions are overdue against; `None` marks none overdue.
    pub today: Option<Date>,
    /// The file's name, shown on the page.
    pub source_name: String,
    /// Where the archive's index page is, relative to this page, for a link back.
    pub index_href: Option<String>,
    /// Pages of other incidents by their `id`, for links from mentions such as `INC-2026-031`.
    pub incident_pages: BTreeMap<String, String>,
}

/// The stylesheet of every page: for screens, and for paper.
const STYLE: &str = include_str!("style.css");
