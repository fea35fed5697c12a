//! The rules, one per file. Adding a rule adds its module and one line to [`ALL`].

use crate::rule::{Rule, RuleStatus};

pub(crate) mod act_without_decide;
pub(crate) mod action_without_category;
pub(crate) mod action_without_due_date;
pub(crate) mod action_without_owner;
pub(crate) mod action_without_task_box;
pub(crate) mod blame_language;
pub(crate) mod cause_not_stated;
pub(crate) mod confirmed_without_action_taken;
pub(crate) mod confirmed_without_evidence;
pub(crate) mod decide_without_observe;
pub(crate) mod duplicate_id;
pub(crate) mod duplicate_incident_id;
pub(crate) mod duplicate_key;
pub(crate) mod duplicate_section;
pub(crate) mod empty_section;
pub(crate) mod empty_timeline;
pub(crate) mod hypothesis_without_evidence;
pub(crate) mod invalid_datetime;
pub(crate) mod invalid_time;
pub(crate) mod invalid_value;
pub(crate) mod milestone_mismatch;
pub(crate) mod milestones_out_of_order;
pub(crate) mod missing_actions;
pub(crate) mod missing_detection_action;
pub(crate) mod missing_impact;
pub(crate) mod missing_milestone;
pub(crate) mod missing_prevention_action;
pub(crate) mod missing_required_key;
pub(crate) mod missing_summary;
pub(crate) mod missing_timeline;
pub(crate) mod missing_title;
pub(crate) mod observations_without_evidence;
pub(crate) mod observe_not_widened;
pub(crate) mod observe_without_inventory;
pub(crate) mod orient_skipped;
pub(crate) mod orient_without_change;
pub(crate) mod overdue_action;
pub(crate) mod placeholder_text;
pub(crate) mod rejected_without_reason;
pub(crate) mod same_as_last_time;
pub(crate) mod skipped_observe_after_rejection;
pub(crate) mod stated_duration_mismatch;
pub(crate) mod status_inconsistent;
pub(crate) mod syntax_error;
pub(crate) mod timeline_entry_without_time;
pub(crate) mod timeline_out_of_order;
pub(crate) mod timeline_without_steps;
pub(crate) mod twelve_hour_time;
pub(crate) mod unclear_time_zone;
pub(crate) mod undefined_reference;
pub(crate) mod unknown_directive_rule;
pub(crate) mod unknown_incident_reference;
pub(crate) mod unknown_key;
pub(crate) mod unknown_section;
pub(crate) mod untested_hypothesis;
pub(crate) mod unused_directive;

/// Every rule, in code order, with its status: new rules start as `Preview`.
pub(crate) static ALL: &[Rule] = &[
    Rule::new(RuleStatus::Stable, &syntax_error::RULE, syntax_error::CHECK),
    Rule::new(
        RuleStatus::Stable,
        &decide_without_observe::RULE,
        decide_without_observe::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &act_without_decide::RULE,
        act_without_decide::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &orient_skipped::RULE,
        orient_skipped::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &skipped_observe_after_rejection::RULE,
        skipped_observe_after_rejection::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &observe_without_inventory::RULE,
        observe_without_inventory::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &orient_without_change::RULE,
        orient_without_change::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &observations_without_evidence::RULE,
        observations_without_evidence::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &rejected_without_reason::RULE,
        rejected_without_reason::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &confirmed_without_evidence::RULE,
        confirmed_without_evidence::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &confirmed_without_action_taken::RULE,
        confirmed_without_action_taken::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &untested_hypothesis::RULE,
        untested_hypothesis::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &hypothesis_without_evidence::RULE,
        hypothesis_without_evidence::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &undefined_reference::RULE,
        undefined_reference::CHECK,
    ),
    Rule::new(RuleStatus::Stable, &duplicate_id::RULE, duplicate_id::CHECK),
    Rule::new(
        RuleStatus::Stable,
        &same_as_last_time::RULE,
        same_as_last_time::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &cause_not_stated::RULE,
        cause_not_stated::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &observe_not_widened::RULE,
        observe_not_widened::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &missing_timeline::RULE,
        missing_timeline::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &empty_timeline::RULE,
        empty_timeline::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &timeline_entry_without_time::RULE,
        timeline_entry_without_time::CHECK,
    ),
    Rule::new(RuleStatus::Stable, &invalid_time::RULE, invalid_time::CHECK),
    Rule::new(
        RuleStatus::Stable,
        &timeline_out_of_order::RULE,
        timeline_out_of_order::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &missing_milestone::RULE,
        missing_milestone::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &milestone_mismatch::RULE,
        milestone_mismatch::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &stated_duration_mismatch::RULE,
        stated_duration_mismatch::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &timeline_without_steps::RULE,
        timeline_without_steps::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &twelve_hour_time::RULE,
        twelve_hour_time::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &unclear_time_zone::RULE,
        unclear_time_zone::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &missing_actions::RULE,
        missing_actions::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &action_without_owner::RULE,
        action_without_owner::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &action_without_category::RULE,
        action_without_category::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &missing_detection_action::RULE,
        missing_detection_action::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &overdue_action::RULE,
        overdue_action::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &missing_summary::RULE,
        missing_summary::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &missing_impact::RULE,
        missing_impact::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &blame_language::RULE,
        blame_language::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &action_without_due_date::RULE,
        action_without_due_date::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &missing_prevention_action::RULE,
        missing_prevention_action::CHECK,
    ),
    Rule::new(
        RuleStatus::Preview,
        &action_without_task_box::RULE,
        action_without_task_box::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &missing_required_key::RULE,
        missing_required_key::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &invalid_value::RULE,
        invalid_value::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &invalid_datetime::RULE,
        invalid_datetime::CHECK,
    ),
    Rule::new(RuleStatus::Stable, &unknown_key::RULE, unknown_key::CHECK),
    Rule::new(
        RuleStatus::Stable,
        &duplicate_key::RULE,
        duplicate_key::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &milestones_out_of_order::RULE,
        milestones_out_of_order::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &status_inconsistent::RULE,
        status_inconsistent::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &missing_title::RULE,
        missing_title::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &unknown_section::RULE,
        unknown_section::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &duplicate_section::RULE,
        duplicate_section::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &empty_section::RULE,
        empty_section::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &placeholder_text::RULE,
        placeholder_text::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &unknown_directive_rule::RULE,
        unknown_directive_rule::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &unused_directive::RULE,
        unused_directive::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &duplicate_incident_id::RULE,
        duplicate_incident_id::CHECK,
    ),
    Rule::new(
        RuleStatus::Stable,
        &unknown_incident_reference::RULE,
        unknown_incident_reference::CHECK,
    ),
];
