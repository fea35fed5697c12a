//! Formatter properties over every fixture the project has: formatting is idempotent, and its
//! guard against changing more than whitespace, bullet markers and the order of front matter
//! lines never fires.

#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::fs;
use std::path::PathBuf;

use incident_format::{FormatError, format};

fn fixtures() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for directory in [
        "../../tests/corpus/ok",
        "../../tests/corpus/legacy",
        "../../examples",
        "../incident-rules/test_data",
    ] {
        for entry in fs::read_dir(directory).unwrap() {
            paths.push(entry.unwrap().path());
        }
    }
    paths.sort();
    paths
}

#[test]
fn formatting_is_idempotent_and_keeps_every_word() {
    let mut formatted_files = 0;
    for path in fixtures() {
        let text = fs::read_to_string(&path).unwrap();
        let once = match format(&incident_syntax::parse(&text)) {
            Ok(once) => once,
            // The formatter's own guard: it found it would change a word.
            Err(error @ FormatError::WouldChangeText(_)) => panic!("{}: {error}", path.display()),
            Err(_) => continue,
        };
        formatted_files += 1;
        let twice = format(&incident_syntax::parse(&once))
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        assert_eq!(
            once,
            twice,
            "{}: formatting twice differs from once",
            path.display()
        );
        assert!(
            incident_syntax::parse(&once).errors().is_empty(),
            "{}: formatting made a syntax error",
            path.display()
        );
    }
    assert!(
        formatted_files > 100,
        "only {formatted_files} fixtures formatted"
    );
}
