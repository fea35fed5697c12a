//! Inline content: code spans, observation and hypothesis references, incident references.

use std::collections::HashMap;

use crate::SyntaxKind;
use crate::lexeme::{incident_ref_len, is_word_char, whole_word_id_len};

use super::Parser;

impl Parser<'_> {
    /// Emits the inline tokens of `start..end`, which lies within one line.
    pub(super) fn inline(&mut self, start: u32, end: u32) {
        let bytes = self.text.as_bytes();
        let end_usize = (end as usize).min(bytes.len());
        let segment = bytes.get(start as usize..end_usize).unwrap_or_default();
        let backtick_runs = BacktickRuns::new(segment, start as usize);
        let mut pos = start as usize;
        while pos < end_usize {
            let Some(&byte) = bytes.get(pos) else {
                break;
            };
            match byte {
                b'`' => {
                    let run = backtick_runs.len_at(pos);
                    match backtick_runs.closing(pos, run) {
                        Some(close_end) => {
                            self.builder.token(SyntaxKind::Text, pos as u32);
                            self.builder.token(SyntaxKind::CodeSpan, close_end as u32);
                            pos = close_end;
                        }
                        None => pos += run.max(1),
                    }
                }
                b'O' | b'H' | b'I' if self.at_word_start(pos) => {
                    let rest = self.text.get(pos..end_usize).unwrap_or_default();
                    let token = if byte == b'I' {
                        incident_ref_len(rest).map(|len| (SyntaxKind::IncidentRef, len))
                    } else {
                        whole_word_id_len(rest).map(|len| (SyntaxKind::Reference, len))
                    };
                    match token {
                        Some((kind, len)) => {
                            self.builder.token(SyntaxKind::Text, pos as u32);
                            self.builder.token(kind, (pos + len) as u32);
                            pos += len;
                        }
                        None => pos += 1,
                    }
                }
                _ => pos += 1,
            }
        }
        self.builder.token(SyntaxKind::Text, end);
    }

    fn at_word_start(&self, pos: usize) -> bool {
        self.text
            .get(..pos)
            .and_then(|before| before.chars().next_back())
            .is_none_or(|previous| !is_word_char(previous))
    }
}

/// The backtick runs of a line segment, indexed by length, so that finding the run that closes
/// a code span is a binary search rather than a scan (lines of backticks stay linear).
struct BacktickRuns {
    /// Run start offsets and lengths, in order.
    runs: Vec<(usize, usize)>,
    /// For each run length, the start offsets of the runs of that length, in order.
    starts_by_len: HashMap<usize, Vec<usize>>,
}

impl BacktickRuns {
    fn new(segment: &[u8], offset: usize) -> BacktickRuns {
        let mut runs = Vec::new();
        let mut starts_by_len: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut idx = 0;
        while let Some(found) = segment
            .get(idx..)
            .and_then(|rest| memchr::memchr(b'`', rest))
        {
            let run_start = idx + found;
            let len = segment
                .get(run_start..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&byte| byte == b'`')
                .count();
            runs.push((offset + run_start, len));
            starts_by_len
                .entry(len)
                .or_default()
                .push(offset + run_start);
            idx = run_start + len.max(1);
        }
        BacktickRuns {
            runs,
            starts_by_len,
        }
    }

    /// The length of the run that starts at `pos`.
    fn len_at(&self, pos: usize) -> usize {
        self.runs
            .binary_search_by_key(&pos, |&(start, _)| start)
            .ok()
            .and_then(|idx| self.runs.get(idx))
            .map_or(1, |&(_, len)| len)
    }

    /// The end of the first run of exactly `len` backticks after the run at `pos`.
    fn closing(&self, pos: usize, len: usize) -> Option<usize> {
        let starts = self.starts_by_len.get(&len)?;
        let next = starts.partition_point(|&start| start <= pos);
        starts.get(next).map(|&start| start + len)
    }
}
