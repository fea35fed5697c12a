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
    act_without_decide,
    orient_skipped,
    skipped_observe_after_rejection,
    observe_without_inventory,
    orient_without_change,
    rejected_without_reason,
    confirmed_without_evidence,
    confirmed_without_action_taken,
    untested_hypothesis,
    hypothesis_without_evidence,
    undefined_reference,
    duplicate_id,
    missing_timeline,
    empty_timeline,
    timeline_entry_without_time,
    invalid_time,
    timeline_out_of_order,
    missing_milestone,
    milestone_mismatch,
    twelve_hour_time,
    unclear_time_zone,
    missing_actions,
    action_without_owner,
    action_without_category,
    missing_detection_action,
    overdue_action,
    missing_summary,
    missing_impact,
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
    duplicate_incident_id,
    unknown_incident_reference,
}
