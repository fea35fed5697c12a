//! Inline content: code spans, observation and hypothesis references, incident references.

use crate::SyntaxKind;
use crate::lexeme::{incident_ref_len, is_word_char, whole_word_id_len};

use super::Parser;

impl Parser<'_> {
    /// Emits the inline tokens of `start..end`, which lies within one line.
    pub(super) fn inline(&mut self, start: u32, end: u32) {
        let bytes = self.text.as_bytes();
        let mut pos = start as usize;
        let end_usize = (end as usize).min(bytes.len());
        while pos < end_usize {
            let Some(&byte) = bytes.get(pos) else {
                break;
            };
            match byte {
                b'`' => {
                    let run = bytes
                        .get(pos..end_usize)
                        .unwrap_or_default()
                        .iter()
                        .take_while(|&&b| b == b'`')
                        .count();
                    match find_closing_backticks(bytes, pos + run, end_usize, run) {
                        Some(close_end) => {
                            self.builder.token(SyntaxKind::Text, pos as u32);
                            self.builder.token(SyntaxKind::CodeSpan, close_end as u32);
                            pos = close_end;
                        }
                        None => pos += run,
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

/// The end of the backtick run of exactly `run` backticks that closes a code span opened before `from`.
fn find_closing_backticks(bytes: &[u8], from: usize, end: usize, run: usize) -> Option<usize> {
    let mut pos = from;
    while pos < end {
        if bytes.get(pos) == Some(&b'`') {
            let len = bytes
                .get(pos..end)?
                .iter()
                .take_while(|&&b| b == b'`')
                .count();
            if len == run {
                return Some(pos + len);
            }
            pos += len;
        } else {
            pos += 1;
        }
    }
    None
}
