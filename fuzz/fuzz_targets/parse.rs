//! Fuzz target: parsing any text yields a lossless tree with sane ranges, and the model builds.
//!
//! Invalid UTF-8 is replaced as a file reader would do, so every input reaches the parser.

#![no_main]

use incident_model::{Incident, ModelOptions};
use incident_syntax::{ColumnUnit, LineIndex, Parse, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parse = parse(&text);
    check_tree(&text, &parse);
    let incident = Incident::build(&parse, &ModelOptions::default());
    // Touch what the model computed, so that nothing is optimized away.
    std::hint::black_box(&incident);
});

fn check_tree(text: &str, parse: &Parse) {
    assert_eq!(parse.text(), text, "the tree holds other text");
    if let Some(violation) = parse.invariant_violation() {
        panic!("{violation}");
    }
    // Positions can be computed for every error.
    let index = LineIndex::new(text);
    for error in parse.errors() {
        for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Utf32] {
            let _ = index.line_col(text, error.range.start(), unit);
            let _ = index.line_col(text, error.range.end(), unit);
        }
    }
}
