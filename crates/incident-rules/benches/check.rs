//! Throughput of `incident_rules::check`: parse, model and every rule, pedantic ones included.
//!
//! Run with `cargo bench -p incident-rules --bench check`. Inputs come from the `incident-bench-corpus`
//! generator with a fixed seed; `BENCHMARKS.md` records the results and the goal.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use incident_rules::{RuleSelection, Settings, check};

const SEED: u64 = 1;
const SMALL_BYTES: usize = 4 * 1024;
const LARGE_BYTES: usize = 5 * 1024 * 1024;
const N_FILES: usize = 100;

fn main() {
    divan::main();
}

/// Every rule on, and a fixed date for the overdue-action rule.
fn all_rules() -> Settings {
    Settings {
        today: "2026-11-27".parse().ok(),
        rules: RuleSelection::every_rule(),
        ..Settings::default()
    }
}

/// One typical incident of about 4 KB.
#[divan::bench]
fn small_4kb(bencher: Bencher<'_, '_>) {
    let text = incident_bench_corpus::incident_near(SEED, SMALL_BYTES);
    let settings = all_rules();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| check(black_box(&text), &settings).diagnostics.len());
}

/// A hundred different incidents, checked one after the other.
#[divan::bench]
fn files_100(bencher: Bencher<'_, '_>) {
    let texts: Vec<String> = (0..N_FILES)
        .map(|index| incident_bench_corpus::generate_incident(SEED, index))
        .collect();
    let n_bytes: usize = texts.iter().map(String::len).sum();
    let settings = all_rules();
    bencher.counter(BytesCount::new(n_bytes)).bench(|| {
        texts
            .iter()
            .map(|text| check(black_box(text), &settings).diagnostics.len())
            .sum::<usize>()
    });
}

/// One document of about 5 MB.
#[divan::bench(sample_count = 20)]
fn large_5mb(bencher: Bencher<'_, '_>) {
    let text = incident_bench_corpus::generate_corpus(SEED, LARGE_BYTES);
    let settings = all_rules();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| check(black_box(&text), &settings).diagnostics.len());
}
