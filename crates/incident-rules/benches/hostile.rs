//! Hostile shapes that once made a rule superlinear, each at two sizes, the second twice the
//! first: the time must roughly double, not quadruple.
//!
//! Run with `cargo bench -p incident-rules --bench hostile`; `BENCHMARKS.md` records the ratios.
//! Each shape repeats one line; the lines name the rule they once stalled.

use divan::{Bencher, black_box};
use incident_rules::{RuleSelection, Settings, check};

fn main() {
    divan::main();
}

/// Lines per document at the smaller size; the larger has twice as many.
const SIZES: [usize; 2] = [10_000, 20_000];

fn all_rules() -> Settings {
    Settings {
        today: "2026-11-27".parse().ok(),
        rules: RuleSelection::every_rule(),
        ..Settings::default()
    }
}

/// `head`, then `line(n)` for each of `n` lines.
fn document(head: &str, n: usize, line: impl Fn(usize) -> String) -> String {
    let mut text = String::from(head);
    for idx in 0..n {
        text.push_str(&line(idx));
        text.push('\n');
    }
    text
}

fn bench_check(bencher: Bencher<'_, '_>, text: &str) {
    let settings = all_rules();
    bencher.bench(|| check(black_box(text), &settings).diagnostics.len());
}

/// References to observations no item defines (undefined-reference).
#[divan::bench(args = SIZES, sample_count = 10)]
fn undefined_references(bencher: Bencher<'_, '_>, n: usize) {
    let text = document("# T\n\n## Decide\n\n", n, |idx| {
        format!("- H{idx}: see O{idx} and H{}", idx + 1)
    });
    bench_check(bencher, &text);
}

/// One long timeline of a dated incident, out of order all along (timeline-out-of-order and its
/// sort, empty-timeline).
#[divan::bench(args = SIZES, sample_count = 10)]
fn timeline_entries(bencher: Bencher<'_, '_>, n: usize) {
    let head = "---\nstarted: 2026-11-20 00:00\n---\n\n# T\n\n## Timeline\n\n";
    let text = document(head, n, |idx| {
        format!("- {:02}:{:02} step {idx}", (idx * 7) % 12, idx % 60)
    });
    bench_check(bencher, &text);
}

/// Unclosed link openings in prose (blame-language's prose scan).
#[divan::bench(args = SIZES, sample_count = 10)]
fn link_openings(bencher: Bencher<'_, '_>, n: usize) {
    let text = document("# T\n\n## Summary\n\n", 1, |_| "[a](".repeat(n));
    bench_check(bencher, &text);
}

/// One paragraph of code spans (blame-language's prose scan).
#[divan::bench(args = SIZES, sample_count = 10)]
fn code_spans(bencher: Bencher<'_, '_>, n: usize) {
    let text = document("# T\n\n## Summary\n\n", 1, |_| "the `x` and ".repeat(n));
    bench_check(bencher, &text);
}

/// Timeline entries whose times are not times (invalid-time).
#[divan::bench(args = SIZES, sample_count = 10)]
fn invalid_times(bencher: Bencher<'_, '_>, n: usize) {
    let text = document("# T\n\n## Timeline\n\n", n, |idx| {
        format!("- 25:{:02} step {idx}", idx % 60)
    });
    bench_check(bencher, &text);
}

/// Directives, each followed by a finding it does not cover (directive suppression).
#[divan::bench(args = SIZES, sample_count = 10)]
fn directives_and_findings(bencher: Bencher<'_, '_>, n: usize) {
    let text = document("# T\n\n## Timeline\n\n", n, |idx| {
        format!("<!-- incident-lint disable-next-line missing-summary -->\n- then step {idx}")
    });
    bench_check(bencher, &text);
}

/// A directive naming one very long unknown rule (the did-you-mean suggestion).
#[divan::bench(args = SIZES, sample_count = 10)]
fn long_rule_name(bencher: Bencher<'_, '_>, n: usize) {
    let text = format!(
        "# T\n\n<!-- incident-lint disable {} -->\n",
        "missing-".repeat(n)
    );
    bench_check(bencher, &text);
}
