//! Writing a document whose long part comes one file at a time: JSON documents split around
//! their one long array, and a spool for output that must wait for a head with totals.

use std::io::{self, Read, Seek, SeekFrom, Write};

use serde::Serialize;
use tempfile::SpooledTempFile;

/// Stands in for the streamed array when a document is serialized. It starts with a control
/// character, which serde_json always escapes, so no other text of a document serializes to the
/// same characters.
pub(super) const ARRAY_MARKER: &str = "\u{0}streamed array";

/// How serde_json prints a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Layout {
    /// `serde_json::to_writer_pretty`: two spaces of indentation per level.
    Pretty,
    /// `serde_json::to_writer`: no whitespace.
    Compact,
}

/// A JSON document serialized with [`ARRAY_MARKER`] in place of its array, split there.
pub(super) struct SplitDocument {
    /// The document up to the array.
    pub head: String,
    /// The array's items, written between the two halves.
    pub items: ArrayItems,
    /// The document after the array.
    pub tail: String,
}

impl SplitDocument {
    /// Serializes `document`, which holds [`ARRAY_MARKER`] once, where the array goes.
    pub fn new(document: &impl Serialize, layout: Layout) -> io::Result<SplitDocument> {
        let text = match layout {
            Layout::Pretty => serde_json::to_string_pretty(document)?,
            Layout::Compact => serde_json::to_string(document)?,
        };
        let marker = serde_json::to_string(ARRAY_MARKER)?;
        let Some((head, tail)) = text.split_once(&marker) else {
            return Err(io::Error::other(
                "the output document has no place for its array",
            ));
        };
        // The array's line is indented as deep as the array itself.
        let depth = head.rsplit('\n').next().map_or(0, |line| {
            line.bytes().take_while(|&byte| byte == b' ').count()
        });
        Ok(SplitDocument {
            head: head.to_owned(),
            items: ArrayItems {
                layout,
                indent: " ".repeat(depth),
                n_items: 0,
            },
            tail: tail.to_owned(),
        })
    }
}

/// Writes the items of a JSON array one at a time, as serde_json prints the whole array.
pub(super) struct ArrayItems {
    layout: Layout,
    /// The indentation of the line that opens the array.
    indent: String,
    n_items: usize,
}

impl ArrayItems {
    /// Writes the opening bracket.
    pub fn open(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"[")
    }

    /// Writes `item` after the items written before.
    pub fn write(&mut self, out: &mut dyn Write, item: &impl Serialize) -> io::Result<()> {
        match self.layout {
            Layout::Compact => {
                if self.n_items > 0 {
                    out.write_all(b",")?;
                }
                serde_json::to_writer(&mut *out, item)?;
            }
            Layout::Pretty => {
                out.write_all(if self.n_items == 0 { b"\n" } else { b",\n" })?;
                // A nested value prints as it would alone, one level deeper on every line:
                // JSON strings never hold a raw newline, so every newline starts a line.
                let text = serde_json::to_string_pretty(item)?;
                for (line_idx, line) in text.split('\n').enumerate() {
                    if line_idx > 0 {
                        out.write_all(b"\n")?;
                    }
                    out.write_all(self.indent.as_bytes())?;
                    out.write_all(b"  ")?;
                    out.write_all(line.as_bytes())?;
                }
            }
        }
        self.n_items += 1;
        Ok(())
    }

    /// Writes the closing bracket, after `n_items` items.
    pub fn close(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.layout == Layout::Pretty && self.n_items > 0 {
            out.write_all(b"\n")?;
            out.write_all(self.indent.as_bytes())?;
        }
        out.write_all(b"]")
    }
}

/// How much held-back output stays in memory before it moves to a temporary file.
const SPOOL_IN_MEMORY: usize = 1 << 20;

/// Output held back until the head before it can be written: in memory while it is small, then
/// in an anonymous temporary file, so that a long output never fills memory.
pub(super) struct Spool(SpooledTempFile);

impl Spool {
    /// An empty spool.
    pub fn new() -> Spool {
        Spool(tempfile::spooled_tempfile(SPOOL_IN_MEMORY))
    }

    /// Appends `bytes`.
    pub fn append(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.0.write_all(bytes).map_err(|error| {
            io::Error::new(
                error.kind(),
                format!(
                    "cannot hold the output back in a temporary file in `{}`: {error}; set TMPDIR to a writable folder",
                    std::env::temp_dir().display()
                ),
            )
        })
    }

    /// Writes everything appended to `out`.
    pub fn copy_to(mut self, out: &mut dyn Write) -> io::Result<()> {
        self.0.seek(SeekFrom::Start(0))?;
        let mut buffer = vec![0; 64 * 1024];
        loop {
            let n_read = self.0.read(&mut buffer)?;
            let Some(read) = buffer.get(..n_read).filter(|read| !read.is_empty()) else {
                return Ok(());
            };
            out.write_all(read)?;
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Writes `items` into the place of the marker in `document`.
    fn streamed(
        document: &serde_json::Value,
        items: &[serde_json::Value],
        layout: Layout,
    ) -> String {
        let mut split = SplitDocument::new(document, layout).unwrap();
        let mut out = Vec::new();
        out.extend_from_slice(split.head.as_bytes());
        split.items.open(&mut out).unwrap();
        for item in items {
            split.items.write(&mut out, item).unwrap();
        }
        split.items.close(&mut out).unwrap();
        out.extend_from_slice(split.tail.as_bytes());
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_streamed_array_prints_as_serde_json_prints_the_whole_document() {
        let items = [
            json!({ "a": [1, { "b": "x\ny" }], "c": {}, "d": [] }),
            json!("plain"),
            json!({ "e": { "f": { "g": null } } }),
        ];
        for n_items in 0..=items.len() {
            let items = &items[..n_items];
            let whole = json!({ "first": 1, "runs": [{ "list": items, "z": true }], "zz": [] });
            let with_marker =
                json!({ "first": 1, "runs": [{ "list": ARRAY_MARKER, "z": true }], "zz": [] });
            assert_eq!(
                streamed(&with_marker, items, Layout::Pretty),
                serde_json::to_string_pretty(&whole).unwrap()
            );
            assert_eq!(
                streamed(&with_marker, items, Layout::Compact),
                serde_json::to_string(&whole).unwrap()
            );
        }
    }

    #[test]
    fn a_document_without_the_marker_is_an_error_not_a_wrong_document() {
        assert!(SplitDocument::new(&json!({ "list": [] }), Layout::Pretty).is_err());
    }

    #[test]
    fn a_spool_gives_back_what_it_holds_in_memory_and_past_it() {
        for n_bytes in [0, 10, SPOOL_IN_MEMORY + 3] {
            let bytes: Vec<u8> = (0..n_bytes).map(|index| (index % 251) as u8).collect();
            let mut spool = Spool::new();
            for chunk in bytes.chunks(4096) {
                spool.append(chunk).unwrap();
            }
            let mut out = Vec::new();
            spool.copy_to(&mut out).unwrap();
            assert_eq!(out, bytes);
        }
    }
}
