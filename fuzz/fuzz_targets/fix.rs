//! Fuzz target: fixing any text, unsafe fixes included, adds no syntax error, and a second run
//! over the fixed text changes nothing: fixes reach a fixpoint instead of growing the file.

#![no_main]

use incident_rules::{Applicability, fix_until_stable};
use libfuzzer_sys::fuzz_target;

#[path = "../common/settings.rs"]
mod settings;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let settings = settings::every_rule();
    let errors_before = incident_syntax::parse(&text).errors().len();
    for allowed in [Applicability::Safe, Applicability::Unsafe] {
        let fixed = fix_until_stable(&text, &settings, allowed).text;
        let errors_after = incident_syntax::parse(&fixed).errors().len();
        assert!(
            errors_after <= errors_before,
            "{allowed:?} fixes raised the syntax errors from {errors_before} to {errors_after}"
        );
        let again = fix_until_stable(&fixed, &settings, allowed);
        assert_eq!(
            again.text, fixed,
            "{allowed:?} fixes changed their own output again ({} more)",
            again.applied
        );
    }
});
