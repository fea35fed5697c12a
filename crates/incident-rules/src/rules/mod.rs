//! The rules, one per file. The list below is the registry: adding a rule adds one line.

use crate::rule::Rule;

/// Declares the rule modules and the table of rules, in code order.
macro_rules! register {
    ($($module:ident),+ $(,)?) => {
        $(pub(crate) mod $module;)+

        /// Every rule, in code order.
        pub(crate) static ALL: &[Rule] = &[$(Rule { meta: &$module::RULE, check: $module::CHECK }),+];
    };
}

register! {
    syntax_error,
    decide_without_observe,
    rejected_without_reason,
    missing_timeline,
    empty_timeline,
    blame_language,
    missing_required_key,
    invalid_value,
    invalid_datetime,
    unknown_key,
    duplicate_key,
    milestones_out_of_order,
    status_inconsistent,
    missing_title,
    unknown_section,
    duplicate_section,
    empty_section,
    unknown_directive_rule,
    unused_directive,
}
