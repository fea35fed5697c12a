//! Fuzz target: every rule, pedantic and preview ones included, runs on any text; every range a
//! finding, label or fix names lies in the text on char boundaries, and every finding renders.

#![no_main]

use incident_rules::{Diagnostic, check, render_plain};
use incident_syntax::TextRange;
use libfuzzer_sys::fuzz_target;

#[path = "../common/settings.rs"]
mod settings;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let checked = check(&text, &settings::every_rule());
    for diagnostic in &checked.diagnostics {
        for range in ranges(diagnostic) {
            assert!(
                range.end() as usize <= text.len()
                    && range.start() <= range.end()
                    && text.is_char_boundary(range.start() as usize)
                    && text.is_char_boundary(range.end() as usize),
                "{} names {range:?} outside the text or inside a character",
                diagnostic.code()
            );
        }
    }
    let rendered = render_plain("fuzz.incident", &text, &checked.diagnostics);
    assert!(
        !rendered.contains("cannot render diagnostic"),
        "a finding does not render: {rendered}"
    );
});

fn ranges(diagnostic: &Diagnostic) -> impl Iterator<Item = TextRange> + '_ {
    let labels = diagnostic.labels.iter().map(|label| label.range);
    let edits = diagnostic
        .fix
        .iter()
        .flat_map(|fix| fix.edits.iter().map(|edit| edit.range));
    std::iter::once(diagnostic.range).chain(labels).chain(edits)
}
