//! `invalid-value`: a front matter `severity`, `status` or `timezone` the linter cannot read.

use incident_model::Spanned;
use incident_syntax::TextRange;

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rule::{Check, declare_rule};
use crate::settings::DEFAULT_STATUSES;
use crate::suggest::{code_list, did_you_mean};

declare_rule! {
    /// ## What it does
    /// Reports a front matter value outside its vocabulary:
    /// a `severity` that is not one of the configured severities (`SEV1` to `SEV5` by default),
    /// a `status` that is not one of the configured statuses (`investigating`, `mitigated`,
    /// `resolved`, `closed` by default), or a `timezone` that names no time zone.
    ///
    /// Severities are compared exactly, case included, because they are counted and grouped
    /// across incidents, where `sev2` and `SEV2` would be two severities.
    /// Statuses are compared without regard to case, as every rule reads them.
    /// A value close to an accepted one (`SEV 2`, `resovled`, `Europe/Berln`) is probably a typo,
    /// and the rule offers the correction; severities that differ in their number (`SEV0`) are
    /// not typos and get no correction.
    ///
    /// ## Why is this bad?
    /// A value outside the vocabulary is invisible to whatever sorts and counts incidents, and
    /// to the rules that depend on it: an unknown status is neither open nor over, so the
    /// post-mortem checks never run.
    /// An unknown timezone leaves every time without an offset unreadable, in the front matter
    /// and in the timeline.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// severity: sev2
    /// status: resovled
    /// timezone: Europe/Berln
    /// ---
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// severity: SEV2
    /// status: resolved
    /// timezone: Europe/Berlin
    /// ---
    /// ```
    ///
    /// If your team uses other severities or statuses, list them in `incident-lint.toml`:
    /// `[front-matter] severities = ["P1", "P2", "P3"]`.
    code: "INC502",
    name: "invalid-value",
    severity: Error,
    group: Default,
    fix: Sometimes,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let metadata = &cx.incident.metadata;
    if let Some(severity) = metadata.scalar("severity") {
        check_severity(cx, severity);
    }
    if let Some(status) = metadata.scalar("status") {
        check_status(cx, status);
    }
    if let (
        Some(Spanned {
            value: Err(error), ..
        }),
        Some(written),
    ) = (&metadata.timezone, metadata.scalar("timezone"))
    {
        check_timezone(cx, written, &error.message);
    }
}

fn check_severity(cx: &mut LintContext<'_>, severity: &Spanned<String>) {
    let value = severity.value.trim();
    let accepted = &cx.settings.severities;
    if accepted.iter().any(|candidate| candidate == value) {
        return;
    }
    let list = code_list(accepted.iter().map(String::as_str), "or");
    let suggestion = did_you_mean(value, accepted.iter().map(String::as_str))
        .filter(|candidate| digits(candidate) == digits(value));
    let message = format!("unknown severity `{value}`");
    match suggestion {
        Some(suggestion) if suggestion.eq_ignore_ascii_case(value) => {
            cx.report(severity.range, message)
                .help(format!("write `{suggestion}`: severities are compared as written, so `{value}` and `{suggestion}` would count as two severities"))
                .fix(replace(severity.range, suggestion));
        }
        Some(suggestion) => {
            cx.report(severity.range, message)
                .help(format!(
                    "did you mean `{suggestion}`? The severities are {list}"
                ))
                .fix(replace(severity.range, suggestion));
        }
        None => {
            cx.report(severity.range, message).help(format!(
                "the severities are {list}; if your team uses other levels, list them in incident-lint.toml: `[front-matter] severities = [\"P1\", \"P2\"]`"
            ));
        }
    }
}

fn check_status(cx: &mut LintContext<'_>, status: &Spanned<String>) {
    let value = status.value.trim();
    let accepted = &cx.settings.statuses;
    if accepted
        .iter()
        .any(|candidate| candidate.eq_ignore_ascii_case(value))
    {
        return;
    }
    let list = code_list(accepted.iter().map(String::as_str), "or");
    let message = format!("unknown status `{value}`");
    match did_you_mean(value, accepted.iter().map(String::as_str)) {
        Some(suggestion) => {
            cx.report(status.range, message)
                .help(format!(
                    "did you mean `{suggestion}`? The statuses are {list}"
                ))
                .fix(replace(status.range, suggestion));
        }
        None if accepted.iter().map(String::as_str).eq(DEFAULT_STATUSES) => {
            cx.report(status.range, message).help(
                "write `investigating` while the cause is unknown, `mitigated` once the impact is contained, `resolved` when the system is back to normal, and `closed` when the post-mortem is done; other statuses can be listed in incident-lint.toml: `[front-matter] statuses = [...]`",
            );
        }
        None => {
            cx.report(status.range, message)
                .help(format!("the statuses are {list}"));
        }
    }
}

fn check_timezone(cx: &mut LintContext<'_>, written: &Spanned<String>, error: &str) {
    let value = written.value.trim();
    if incident_syntax::parse_offset(value).is_some() {
        // A well-formed offset out of range: the model says which.
        cx.report(written.range, error.to_owned())
            .help(HOW_TO_WRITE_A_TIMEZONE);
        return;
    }
    let names: Vec<String> = jiff::tz::db()
        .available()
        .map(|name| name.as_str().to_owned())
        .collect();
    let suggestion = if value.contains('/') {
        did_you_mean(value, names.iter().map(String::as_str))
    } else {
        // A city alone (`Berlin`, `New York`) names the zone whose last part it is, if only one.
        let city = value.replace(' ', "_");
        let mut zones = names.iter().filter(|name| {
            name.rsplit('/')
                .next()
                .is_some_and(|last| last.eq_ignore_ascii_case(&city) && name.contains('/'))
        });
        match (zones.next(), zones.next()) {
            (Some(zone), None) => Some(zone.as_str()),
            _ => None,
        }
    };
    let message = format!("unknown timezone `{value}`");
    match suggestion {
        Some(suggestion) => {
            cx.report(written.range, message)
                .help(format!("did you mean `{suggestion}`? Times written without an offset are read in this zone"))
                .fix(replace(written.range, suggestion));
        }
        None if is_abbreviation(value) => {
            cx.report(written.range, message).help(format!(
                "abbreviations such as `{value}` are ambiguous and change with daylight saving time: name the zone of a city, such as `America/Los_Angeles` or `Europe/Berlin`, or write an offset such as `+02:00`"
            ));
        }
        None => {
            cx.report(written.range, message)
                .help(HOW_TO_WRITE_A_TIMEZONE);
        }
    }
}

const HOW_TO_WRITE_A_TIMEZONE: &str = "write an IANA time zone name such as `Europe/Berlin` or `America/New_York`, `UTC`, \
or an offset such as `+02:00`; times written without an offset are read in this zone";

/// A safe fix that replaces the value at `range` with `suggestion`.
fn replace(range: TextRange, suggestion: &str) -> Fix {
    Fix {
        title: format!("replace with `{suggestion}`"),
        edits: vec![Edit::replace(range, suggestion)],
        applicability: Applicability::Safe,
    }
}

/// The digits of `text`, in order: severities that differ in them are different levels.
fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// Whether `text` looks like a zone abbreviation such as `PST` or `CEST`.
fn is_abbreviation(text: &str) -> bool {
    (2..=5).contains(&text.len()) && text.chars().all(|c| c.is_ascii_uppercase())
}
