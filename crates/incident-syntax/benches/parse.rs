//! Parse throughput of `incident_syntax::parse` on generated incident files.
//!
//! Run with `cargo bench -p incident-syntax --bench parse`. The inputs come from the
//! `incident-bench-corpus` generator with a fixed seed, so every run parses the same text; the text is
//! generated before timing starts. `BENCHMARKS.md` records the results and the project's goals.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};

/// The seed of every generated input, so that runs and machines compare.
const SEED: u64 = 1;

/// The size of one typical incident file.
const SMALL_BYTES: usize = 4 * 1024;

/// The size of the large single document.
const LARGE_BYTES: usize = 5 * 1024 * 1024;

/// How many different files the corpus benchmark parses per iteration.
const N_FILES: usize = 100;

fn main() {
    divan::main();
}

/// One typical incident of about 4 KB, parsed over and over (warm caches and branch predictors).
#[divan::bench]
fn small_4kb(bencher: Bencher<'_, '_>) {
    let text = incident_bench_corpus::incident_near(SEED, SMALL_BYTES);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| incident_syntax::parse(black_box(&text)));
}

/// A hundred different incidents, about 430 KB in all, parsed one after the other as a linter
/// walking a directory would.
#[divan::bench]
fn files_100(bencher: Bencher<'_, '_>) {
    let texts: Vec<String> = (0..N_FILES)
        .map(|index| incident_bench_corpus::generate_incident(SEED, index))
        .collect();
    let n_bytes: usize = texts.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(n_bytes)).bench(|| {
        texts
            .iter()
            .map(|text| incident_syntax::parse(black_box(text)).tree().len())
            .sum::<usize>()
    });
}

/// One document of about 5 MB: a long investigation with thousands of loops and timeline entries.
#[divan::bench(sample_count = 30)]
fn large_5mb(bencher: Bencher<'_, '_>) {
    let text = incident_bench_corpus::generate_corpus(SEED, LARGE_BYTES);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| incident_syntax::parse(black_box(&text)));
}
