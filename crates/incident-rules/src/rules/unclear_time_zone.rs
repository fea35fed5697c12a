//! `unclear-time-zone`: a zone word of the timeline that can be read in more than one way.

use std::collections::HashSet;

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a zone written for timeline times that may not mean what it is read as:
    /// an ambiguous abbreviation, such as `IST` (India, Ireland or Israel) or `CST` (US
    /// Central or China), and a standard-time abbreviation written for a day of summer time,
    /// or the reverse, such as `PST` on a July day, when Los Angeles is on `PDT`.
    /// Each zone word is reported once per file, where it is first written.
    /// The table of abbreviations and how each is read is in `grammar/SPEC.md`.
    ///
    /// ## Why is this bad?
    /// The time of every entry depends on its zone: read in the wrong one, the timeline
    /// is off by hours, and the time to detect and to resolve with it.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// started: 2026-07-14 09:00
    /// ---
    ///
    /// ## Timeline
    ///
    /// - 09:00 PST deploy starts [started]
    /// - 09:20 IST the Bangalore team is paged
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// started: 2026-07-14 09:00
    /// ---
    ///
    /// ## Timeline
    ///
    /// - 09:00 PDT deploy starts [started]
    /// - 09:20 +05:30 the Bangalore team is paged
    /// ```
    code: "INC311",
    name: "unclear-time-zone",
    severity: Warning,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let mut reported = HashSet::new();
    let zones = cx
        .incident
        .timeline
        .iter()
        .filter_map(|entry| entry.time.as_ref()?.zone.as_ref());
    for zone in zones {
        let Some(doubt) = &zone.doubt else {
            continue;
        };
        if !reported.insert(zone.name.as_str()) {
            continue;
        }
        cx.report(zone.range, doubt.clone()).help(
            "write the offset the clocks showed, such as `-07:00` or `+05:30`, or an IANA zone such as `America/Los_Angeles`, so that every time of the timeline is placed right",
        );
    }
}
