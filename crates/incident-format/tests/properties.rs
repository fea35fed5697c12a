//! Property test: formatting any format-shaped document is idempotent, and its guard against
//! changing more than the layout never fires.

#![allow(missing_docs)]

#[path = "../../incident-rules/tests/support/documents.rs"]
mod documents;

use documents::document;
use incident_format::{FormatError, format};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn formatting_is_idempotent_and_keeps_the_text(text in document()) {
        let formatted = format(&incident_syntax::parse(&text));
        prop_assert!(!matches!(formatted, Err(FormatError::WouldChangeText(_))), "{:?}", formatted);
        if let Ok(once) = formatted {
            let twice = format(&incident_syntax::parse(&once));
            prop_assert_eq!(twice, Ok(once));
        }
    }
}
