//! Tests of the generator: determinism, well-formedness for the parser, and sense for the model.

use incident_model::{Incident, ModelOptions, Outcome};
use incident_syntax::{Parse, parse};

use super::*;

const SEED: u64 = 42;

fn assert_lossless(text: &str, parse: &Parse) {
    assert_eq!(parse.root().text(), text, "the tree is not lossless");
    let rebuilt: String = parse.root().tokens().map(|token| token.text()).collect();
    assert_eq!(rebuilt, text, "the tokens do not rebuild the text");
}

#[test]
fn same_seed_gives_the_same_text() {
    for index in 0..50 {
        assert_eq!(
            generate_incident(SEED, index),
            generate_incident(SEED, index)
        );
        assert_eq!(planned_flaw(SEED, index), planned_flaw(SEED, index));
    }
    assert_eq!(
        generate_corpus(SEED, 200_000),
        generate_corpus(SEED, 200_000)
    );
}

#[test]
fn seeds_and_indexes_give_different_texts() {
    assert_ne!(generate_incident(1, 0), generate_incident(2, 0));
    assert_ne!(generate_incident(1, 0), generate_incident(1, 1));
    assert_ne!(generate_corpus(1, 50_000), generate_corpus(2, 50_000));
}

#[test]
fn output_is_pinned() {
    // The generator promises stable output; a change here changes every benchmark input.
    let text = generate_incident(SEED, 0);
    let checksum = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    assert_eq!((text.len(), checksum), PINNED_FIRST_FILE);
}

/// Length and FNV-1a hash of `generate_incident(42, 0)`.
const PINNED_FIRST_FILE: (usize, u64) = (2877, 12_825_594_208_875_869_468);

#[test]
fn files_have_realistic_sizes() {
    let sizes: Vec<usize> = (0..400)
        .map(|index| generate_incident(SEED, index).len())
        .collect();
    let in_range = sizes
        .iter()
        .filter(|size| (2 * 1024..=6 * 1024).contains(*size))
        .count();
    assert!(
        in_range * 100 >= sizes.len() * 85,
        "only {in_range} of 400 files are 2-6 KB: {sizes:?}"
    );
    assert!(
        sizes.iter().all(|size| (1024..=9 * 1024).contains(size)),
        "{sizes:?}"
    );
}

#[test]
fn only_flawed_files_have_syntax_errors() {
    for index in 0..1000 {
        let text = generate_incident(SEED, index);
        let parse = parse(&text);
        assert_lossless(&text, &parse);
        let expect_errors = planned_flaw(SEED, index).is_some_and(Flaw::is_syntax_error);
        assert_eq!(
            !parse.errors().is_empty(),
            expect_errors,
            "file {index} ({:?}): {:?}\n{text}",
            planned_flaw(SEED, index),
            parse.errors()
        );
    }
}

#[test]
fn about_one_file_in_twenty_is_flawed() {
    let flaws: Vec<Flaw> = (0..2000)
        .filter_map(|index| planned_flaw(SEED, index))
        .collect();
    assert!(
        (40..=180).contains(&flaws.len()),
        "{} flawed files of 2000",
        flaws.len()
    );
    for flaw in Flaw::ALL {
        assert!(flaws.contains(&flaw), "no file has {flaw:?}");
    }
}

#[test]
fn the_model_reads_what_was_meant() {
    for index in 0..300 {
        if planned_flaw(SEED, index).is_some() {
            continue;
        }
        let text = generate_incident(SEED, index);
        let incident = Incident::build(&parse(&text), &ModelOptions::default());
        let context = format!("file {index}:\n{text}");
        assert!(incident.title.is_some(), "{context}");
        assert!(!incident.loops.is_empty(), "{context}");
        assert!(
            incident
                .metadata
                .timezone
                .as_ref()
                .is_some_and(|timezone| timezone.value.is_ok()),
            "{context}"
        );
        for (milestone, value) in &incident.metadata.milestones {
            let empty = value.range.is_empty();
            assert!(value.value.is_ok() || empty, "{milestone:?} in {context}");
        }
        assert!(incident.timeline.len() >= 4, "{context}");
        for entry in &incident.timeline {
            let time = entry.time.as_ref();
            assert!(
                time.is_some_and(|time| time.value.is_ok()),
                "{entry:?} in {context}"
            );
        }
        let confirmed = incident
            .verdicts
            .iter()
            .filter(|verdict| verdict.outcome.value == Outcome::Confirmed)
            .count();
        assert_eq!(confirmed, 1, "{context}");
        for verdict in &incident.verdicts {
            let has_reason = verdict.reason.is_some() || !verdict.details.is_empty();
            assert!(has_reason, "{verdict:?} in {context}");
            assert!(
                incident.definition(&verdict.hypothesis.value).is_some(),
                "{context}"
            );
        }
        for reference in &incident.references {
            assert!(
                incident.definition(&reference.id).is_some(),
                "{reference:?} in {context}"
            );
        }
        assert!(incident.actions.len() >= 2, "{context}");
    }
}

#[test]
fn the_corpus_is_varied() {
    let texts: Vec<String> = (0..100)
        .map(|index| generate_incident(SEED, index))
        .collect();
    let count = |needle: &str| texts.iter().filter(|text| text.contains(needle)).count();
    assert!(count("```") + count("~~~") >= 10, "fenced code");
    assert!(count("\n| ") >= 10, "tables");
    assert!(count("\n> ") >= 5, "block quotes");
    assert!(count("`") >= 60, "code spans");
    assert!(
        texts.iter().filter(|text| !text.is_ascii()).count() >= 30,
        "Unicode"
    );
    assert!(
        count("## Observe\n\n- up:") + count("## Observe\n\n* up:") >= 20,
        "status lines"
    );
    assert!(count("\r\n") >= 1, "CRLF line endings");
}

#[test]
fn a_large_corpus_is_one_well_formed_document() {
    let target = 1_000_000;
    let text = generate_corpus(SEED, target);
    assert!(text.len() >= target, "{} bytes", text.len());
    assert!(text.len() <= target + target / 20, "{} bytes", text.len());
    let parse = parse(&text);
    assert_lossless(&text, &parse);
    assert_eq!(parse.errors(), &[]);
    let incident = Incident::build(&parse, &ModelOptions::default());
    assert!(incident.loops.len() > 100);
    assert!(incident.timeline.len() > 100);
    for entry in &incident.timeline {
        assert!(
            entry.time.as_ref().is_some_and(|time| time.value.is_ok()),
            "{entry:?}"
        );
    }
}

#[test]
fn incident_near_picks_a_typical_file() {
    let text = incident_near(SEED, 4096);
    assert!((3500..=4700).contains(&text.len()), "{} bytes", text.len());
    assert!(parse(&text).errors().is_empty());
}

#[test]
fn any_target_size_gives_a_well_formed_document() {
    for target in [0, 1_000, 10_000, 100_000] {
        let text = generate_corpus(SEED, target);
        assert!(text.len() >= target);
        let parse = parse(&text);
        assert_lossless(&text, &parse);
        assert_eq!(parse.errors(), &[], "target {target}");
    }
}
