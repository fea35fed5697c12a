//! `timeline-entry-without-time`: a timeline entry that does not start with its time.

use incident_syntax::TextRange;

use crate::context::LintContext;
use crate::rule::{Check, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a timeline entry whose first word is not a time, such as
    /// `- ca. 18:30 failover finished` or `- then the alert fired`, in a list, a table row or
    /// a paragraph line of a Timeline section.
    /// Entries that hold a placeholder for an unknown time, such as `--:--` or `??:??`, are
    /// reported together, once per file.
    /// Entries whose first word is a malformed time (`14h05`) are syntax errors instead.
    ///
    /// ## Why is this bad?
    /// An entry without a time has no place on the timeline: it cannot be ordered, and the
    /// time to detect and the time to resolve cannot be measured across it.
    /// When the exact time is lost, an approximate one is still worth writing: mark it with `~`.
    ///
    /// ## Example
    /// ```incident
    /// ## Timeline
    ///
    /// - 14:02 first 502s in the nginx access log [started]
    /// - ca. 14:30 support reports failed payments
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ## Timeline
    ///
    /// - 14:02 first 502s in the nginx access log [started]
    /// - ~14:30 support reports failed payments
    /// ```
    code: "INC303",
    name: "timeline-entry-without-time",
    severity: Error,
    group: Default,
    fix: None,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let placeholders: Vec<TextRange> = cx
        .incident
        .timeline
        .iter()
        .filter_map(|entry| entry.unknown_time)
        .collect();
    if let Some((first, others)) = placeholders.split_first() {
        let written = cx.slice(*first).to_owned();
        let message = match others.len() {
            0 => format!("timeline entry has an unknown time, `{written}`"),
            n => format!(
                "{} timeline entries have an unknown time, such as `{written}`",
                n + 1
            ),
        };
        let mut report = cx.report(*first, message).help(
            "Observe: look for the time in the alert, log line, deploy or chat message of the event, and write it as `HH:MM`; mark a reconstructed time `~HH:MM`",
        );
        for other in others {
            report = report.label(*other, "unknown time");
        }
    }
    for entry in &cx.incident.timeline {
        if entry.time.is_some() || entry.unknown_time.is_some() {
            continue;
        }
        let range = match (&entry.text, &entry.milestone) {
            (Some(text), _) => first_line(cx.text(), text.range),
            (None, Some(milestone)) => milestone.range,
            (None, None) => first_line(cx.text(), entry.range),
        };
        cx.report(range, "timeline entry has no time")
            .help("start each entry with its time, `- 14:02 …`; mark a reconstructed time as approximate, `- ~14:30 …`");
    }
}

/// The part of `range` on its first line, without trailing whitespace: a narrow span for
/// text that may go on over several lines.
pub(crate) fn first_line(text: &str, range: TextRange) -> TextRange {
    let slice = text.get(range.to_usize()).unwrap_or_default();
    let line = slice
        .split(['\n', '\r'])
        .next()
        .unwrap_or_default()
        .trim_end();
    TextRange::new(range.start(), range.start() + line.len() as u32)
}
