//! Fuzz target: formatting any text is idempotent, never makes a syntax error, and its guard
//! against changing more than the layout never fires.

#![no_main]

use incident_format::{FormatError, format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let once = match format(&incident_syntax::parse(&text)) {
        Ok(once) => once,
        Err(error @ FormatError::WouldChangeText(_)) => panic!("{error}"),
        Err(FormatError::SyntaxErrors(_) | FormatError::WouldChangeStructure) => return,
    };
    let reparsed = incident_syntax::parse(&once);
    assert!(
        reparsed.errors().is_empty(),
        "formatting made a syntax error"
    );
    assert_eq!(
        format(&reparsed).as_ref(),
        Ok(&once),
        "formatting twice differs from once"
    );
});
