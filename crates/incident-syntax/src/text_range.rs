//! Byte ranges into the source text.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

/// A half-open range of byte offsets `start..end` into the source text.
///
/// Offsets are `u32`: the parser refuses nothing, but files over 4 GiB are
/// rejected at the file boundary long before they reach it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
pub struct TextRange {
    start: u32,
    end: u32,
}

impl TextRange {
    /// Creates the range `start..end`; an `end` before `start` is clamped to `start`.
    pub fn new(start: u32, end: u32) -> TextRange {
        TextRange {
            start,
            end: end.max(start),
        }
    }

    /// Creates a range in a constant context; `end` must not be before `start`.
    pub const fn new_const(start: u32, end: u32) -> TextRange {
        TextRange { start, end }
    }

    /// Creates an empty range at `offset`.
    pub fn empty(offset: u32) -> TextRange {
        TextRange::new(offset, offset)
    }

    /// The first byte offset in the range.
    pub fn start(self) -> u32 {
        self.start
    }

    /// The byte offset just past the range.
    pub fn end(self) -> u32 {
        self.end
    }

    /// The number of bytes in the range.
    pub fn len(self) -> u32 {
        self.end - self.start
    }

    /// Whether the range covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `offset` lies in the range (an empty range contains its own start).
    pub fn contains(self, offset: u32) -> bool {
        self.start <= offset && (offset < self.end || (self.is_empty() && offset == self.start))
    }

    /// Whether `offset` lies in the range or right at its end, as a cursor can.
    pub fn contains_inclusive(self, offset: u32) -> bool {
        self.start <= offset && offset <= self.end
    }

    /// Whether `other` lies entirely within this range.
    pub fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest range covering both ranges.
    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The range as `usize` offsets, for slicing.
    pub fn to_usize(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl fmt::Debug for TextRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<TextRange> for Range<usize> {
    fn from(range: TextRange) -> Range<usize> {
        range.to_usize()
    }
}
