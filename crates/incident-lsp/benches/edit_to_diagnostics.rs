//! How long the server takes from a one-character edit to the diagnostics it publishes, on a
//! 1 MB incident file, without the debounce delay: apply the change, lint, convert to LSP. And,
//! printed before the timings, the resident memory after 10,000 edits.
//!
//! Run with `cargo bench -p incident-lsp --bench edit_to_diagnostics`.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::sync::Arc;

use divan::Bencher;
use incident_lsp::analysis::Analysis;
use incident_lsp::client_support::ClientSupport;
use incident_lsp::convert::PositionEncoding;
use incident_lsp::document::Document;
use incident_lsp::resident_memory_kb;
use incident_rules::Settings;
use tower_lsp::lsp_types::{Position, Range, TextDocumentContentChangeEvent, Url};

fn main() {
    report_memory_after_edits(10_000);
    divan::main();
}

/// A realistic incident of about `size` bytes: front matter, then loops of observations,
/// orientation, hypotheses with references and verdicts, a timeline and actions.
fn large_incident(size: usize) -> String {
    let mut text = String::from(
        "---\nid: INC-2026-042\ntitle: Checkout API returns 502\nseverity: SEV2\nstatus: resolved\n\
         timezone: Europe/Berlin\nstarted: 2026-11-20 14:02\ndetected: 2026-11-20 14:09\n\
         resolved: 2026-11-20 15:31\n---\n\n# Checkout API returns 502\n\n## Summary\n\n\
         Checkout failed for 89 minutes 🔥.\n\n## Impact\n\nAbout 4,100 checkout attempts failed.\n",
    );
    let mut number = 1;
    while text.len() < size * 9 / 10 {
        let _ = write!(
            text,
            "\n## Observe\n\n- up: nginx, postgres\n- down: checkout-api\n\
             - O{number}: checkout-api log says `password authentication failed` on pod {number} 日本\n\n\
             ## Orient\n\n- changed: credential rotation job {number} ran at 13:55\n\
             - story: the job wrote the secret into the wrong namespace [O{number}]\n\n\
             ## Decide\n\n- H{number}: checkout-api still sends the old password [O{number}]\n\n\
             ## Act\n\n- H{number} rejected: the password in the secret matches the database\n"
        );
        number += 1;
    }
    text.push_str("\n## Timeline\n\n");
    let mut minute = 0;
    while text.len() < size {
        let _ = writeln!(
            text,
            "- 2026-11-20 {:02}:{:02} step {minute} of the investigation",
            14 + (minute / 60) % 10,
            minute % 60
        );
        minute += 1;
    }
    text.push_str(
        "\n## Actions\n\n- [ ] prevent: verify the secret (owner: @payments, due: 2026-12-15)\n",
    );
    text
}

fn insertion_in_the_middle(document: &Document) -> TextDocumentContentChangeEvent {
    let line = document.index().line_count() / 2;
    TextDocumentContentChangeEvent {
        range: Some(Range::new(Position::new(line, 2), Position::new(line, 2))),
        range_length: None,
        text: "x".to_owned(),
    }
}

fn uri() -> Url {
    Url::parse("file:///bench/large.incident").unwrap()
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn one_character_edit_to_diagnostics(bencher: Bencher) {
    let text = large_incident(1 << 20);
    let settings = Arc::new(Settings::default());
    let uri = uri();
    let client = full_client();
    let template = Document::new(text, 1);
    let change = insertion_in_the_middle(&template);
    bencher
        .with_inputs(|| template.clone())
        .bench_local_values(|mut document| {
            let _ = document.apply_change(&change, PositionEncoding::Utf16);
            let analysis = Analysis::new(document.text(), 2, settings.clone(), None);
            analysis.lsp_diagnostics(&uri, &client)
        });
}

/// A UTF-16 client that takes related information and rule links, as VS Code does.
fn full_client() -> ClientSupport {
    let mut client = ClientSupport::default();
    client.related_information = true;
    client.code_description = true;
    client
}

#[divan::bench(sample_count = 20)]
fn apply_one_character_edit(bencher: Bencher) {
    let template = Document::new(large_incident(1 << 20), 1);
    let change = insertion_in_the_middle(&template);
    bencher
        .with_inputs(|| template.clone())
        .bench_local_refs(|document| document.apply_change(&change, PositionEncoding::Utf16));
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn lint_one_megabyte(bencher: Bencher) {
    let text = large_incident(1 << 20);
    let settings = Arc::new(Settings::default());
    bencher.bench_local(|| Analysis::new(&text, 1, settings.clone(), None));
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn convert_diagnostics(bencher: Bencher) {
    let text = large_incident(1 << 20);
    let analysis = Analysis::new(&text, 1, Arc::new(Settings::default()), None);
    let uri = uri();
    let client = full_client();
    bencher.bench_local(|| analysis.lsp_diagnostics(&uri, &client));
}

/// Applies `edits` one-character edits to a 1 MB document as the server does (each change
/// drops the analysis of the previous version; a lint every 100 edits stands for the debounce),
/// and prints the resident memory at the start, after a tenth of the edits, and at the end.
fn report_memory_after_edits(edits: usize) {
    let text = large_incident(1 << 20);
    let settings = Arc::new(Settings::default());
    let mut document = Document::new(text, 1);
    let mut analysis = Some(Analysis::new(document.text(), 1, settings.clone(), None));
    let start = resident_memory_kb();
    let mut after_a_tenth = 0;
    let line = document.index().line_count() / 2;
    for edit in 0..edits {
        let change = if edit % 2 == 0 {
            TextDocumentContentChangeEvent {
                range: Some(Range::new(Position::new(line, 2), Position::new(line, 2))),
                range_length: None,
                text: "x".to_owned(),
            }
        } else {
            TextDocumentContentChangeEvent {
                range: Some(Range::new(Position::new(line, 2), Position::new(line, 3))),
                range_length: None,
                text: String::new(),
            }
        };
        let version = edit as i32 + 2;
        let _ = document.apply_changes(&[change], version, PositionEncoding::Utf16);
        document.shrink();
        analysis = None;
        if edit % 100 == 99 {
            analysis = Some(Analysis::new(
                document.text(),
                version,
                settings.clone(),
                None,
            ));
        }
        if edit + 1 == edits / 10 {
            after_a_tenth = resident_memory_kb();
        }
    }
    let end = resident_memory_kb();
    let diagnostics = analysis.map_or(0, |analysis| analysis.diagnostics().len());
    eprintln!(
        "memory with a 1 MB document: {start} kB resident after the first lint, {after_a_tenth} kB after {} edits, \
         {end} kB after {edits} edits ({} lints; {diagnostics} diagnostics)",
        edits / 10,
        edits / 100
    );
}
