//! Applying fixes to text.

use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// The result of applying one round of fixes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixedText {
    /// The text with the fixes applied.
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
}

/// Applies the fixes of `diagnostics` whose applicability is at most `allowed` (`Safe` applies
/// only safe fixes, `Unsafe` applies both). A fix whose edits overlap an earlier fix's is left
/// for a later round. Returns `None` when no fix applies.
pub fn apply_fixes(
    text: &str,
    diagnostics: &[Diagnostic],
    allowed: Applicability,
) -> Option<FixedText> {
    let mut fixes: Vec<&[Edit]> = diagnostics
        .iter()
        .filter_map(|diagnostic| diagnostic.fix.as_ref())
        .filter(|fix| fix.applicability <= allowed && !fix.edits.is_empty())
        .map(|fix| fix.edits.as_slice())
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|edit| edit.range.start()).min());
    let mut accepted: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for edits in fixes {
        let overlaps = edits.iter().any(|edit| {
            accepted.iter().any(|taken| {
                let (a, b) = (edit.range, taken.range);
                // Two insertions at the same offset, or ranges that share bytes, conflict.
                a.start() < b.end() && b.start() < a.end()
                    || (a.start() == b.start() && (a.is_empty() || b.is_empty()))
            })
        });
        let in_bounds = edits.iter().all(|edit| {
            text.get(..edit.range.start() as usize).is_some()
                && text.get(..edit.range.end() as usize).is_some()
        });
        if overlaps || !in_bounds {
            continue;
        }
        accepted.extend(edits);
        applied += 1;
    }
    if applied == 0 {
        return None;
    }
    accepted.sort_by_key(|edit| (edit.range.start(), edit.range.end()));
    Some(FixedText {
        text: splice(text, accepted),
        applied,
    })
}

/// `text` with `edits` made: they are in order and do not overlap; insertions at the same
/// offset keep their order.
pub(crate) fn splice<'e>(text: &str, edits: impl IntoIterator<Item = &'e Edit>) -> String {
    let mut spliced = String::with_capacity(text.len() + 64);
    let mut copied_up_to = 0usize;
    for edit in edits {
        let start = edit.range.start() as usize;
        if start < copied_up_to {
            continue;
        }
        spliced.push_str(text.get(copied_up_to..start).unwrap_or_default());
        spliced.push_str(&edit.replacement);
        copied_up_to = edit.range.end() as usize;
    }
    spliced.push_str(text.get(copied_up_to..).unwrap_or_default());
    spliced
}
