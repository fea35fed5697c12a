//! Throughput of parsing plus `Incident::build`, and of `Incident::build` alone, on generated files.
//!
//! Run with `cargo bench -p incident-model --bench model`. The inputs are those of the parser's
//! benchmark (`crates/incident-syntax/benches/parse.rs`), so the two reports compare directly.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use incident_model::{Incident, ModelOptions};

/// The seed of every generated input, the same as in the parser's benchmark.
const SEED: u64 = 1;

/// The size of one typical incident file.
const SMALL_BYTES: usize = 4 * 1024;

/// The size of the large single document.
const LARGE_BYTES: usize = 5 * 1024 * 1024;

fn main() {
    divan::main();
}

/// Parse and build the model of one typical incident of about 4 KB.
#[divan::bench]
fn parse_build_small_4kb(bencher: Bencher<'_, '_>) {
    let text = incident_bench_corpus::incident_near(SEED, SMALL_BYTES);
    let options = ModelOptions::default();
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        let parse = incident_syntax::parse(black_box(&text));
        Incident::build(&parse, &options)
    });
}

/// Parse and build the model of one document of about 5 MB.
#[divan::bench(sample_count = 20)]
fn parse_build_large_5mb(bencher: Bencher<'_, '_>) {
    let text = incident_bench_corpus::generate_corpus(SEED, LARGE_BYTES);
    let options = ModelOptions::default();
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        let parse = incident_syntax::parse(black_box(&text));
        Incident::build(&parse, &options)
    });
}

/// Build the model of one typical incident from a parse made before timing.
#[divan::bench]
fn build_small_4kb(bencher: Bencher<'_, '_>) {
    let text = incident_bench_corpus::incident_near(SEED, SMALL_BYTES);
    let parse = incident_syntax::parse(&text);
    let options = ModelOptions::default();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| Incident::build(black_box(&parse), &options));
}

/// Build the model of the 5 MB document from a parse made before timing.
#[divan::bench(sample_count = 20)]
fn build_large_5mb(bencher: Bencher<'_, '_>) {
    let text = incident_bench_corpus::generate_corpus(SEED, LARGE_BYTES);
    let parse = incident_syntax::parse(&text);
    let options = ModelOptions::default();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| Incident::build(black_box(&parse), &options));
}
