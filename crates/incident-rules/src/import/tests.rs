use super::*;

fn import(text: &str) -> Imported {
    let settings = Settings {
        file_name: Some("2019-12-03-outage.md".to_owned()),
        ..Settings::default()
    };
    import_markdown(text, &settings, Some("2019-12-03-outage.incident"))
}

/// The instants of the timeline of `text` read as a `.incident` file, in RFC 3339.
fn instants(text: &str, file_name: &str) -> Vec<Option<String>> {
    let parse = parse_with(text, &SectionTable::default());
    let options = ModelOptions {
        file_name: Some(file_name.to_owned()),
        ..ModelOptions::default()
    };
    Incident::build(&parse, &options)
        .timeline
        .iter()
        .map(|entry| entry.instant().map(|instant| instant.to_string()))
        .collect()
}

/// Imports `markdown`, checks that the result parses, reads every timeline time the same and
/// keeps every word, and returns its body after the front matter.
fn body(markdown: &str) -> String {
    let imported = import(markdown);
    assert_eq!(imported.syntax_errors, Vec::new(), "{}", imported.text);
    assert_eq!(
        instants(&imported.text, "2019-12-03-outage.incident"),
        instants(markdown, "2019-12-03-outage.md"),
        "{}",
        imported.text
    );
    let lost = super::lost_words(markdown, &imported.text);
    assert!(lost.is_empty(), "lost {lost:?}:\n{}", imported.text);
    match imported.text.strip_prefix("---\n") {
        Some(rest) => rest
            .split_once("---\n\n")
            .map_or(rest.to_owned(), |(_, body)| body.to_owned()),
        None => imported.text,
    }
}

#[test]
fn a_table_becomes_list_items_in_the_zone_of_its_header() {
    let markdown = "# Outage\n\n## Timeline\n\n| Time (CET) | Event | Source |\n|---|---|---|\n| 14:02 | deploy | chat |\n| ??:?? | first errors | |\n|  | in the logs | |\n| 14:30 | rolled back | chat |\n";
    assert_eq!(
        body(markdown),
        "# Outage\n\n## Timeline\n\n\
         <!-- import: from a table with the columns | Time (CET) | Event | Source | -->\n\n\
         <!-- import: [started] guessed: the first entry of the timeline; check it -->\n\
         - 14:02 CET deploy | chat [started]\n\
         - ??:?? first errors\n  in the logs\n\
         <!-- import: [mitigated] guessed from \"rolled back\"; check it -->\n\
         - 14:30 CET rolled back | chat [mitigated]\n"
    );
}

#[test]
fn a_date_column_is_written_into_each_entry() {
    let markdown = "## Timeline\n\n| Date | Time | Event |\n|---|---|---|\n| 2019-12-04 | 23:50 | paged |\n| | 00:10 | fixed |\n| Thu 5 Dec 2019 | 01:00 | all clear |\n";
    let body = body(markdown);
    assert!(
        body.contains("- 2019-12-04 23:50 paged [detected]\n"),
        "{body}"
    );
    assert!(body.contains("- 00:10 fixed\n"), "{body}");
    assert!(
        body.contains("- 2019-12-05 01:00 all clear (Thu 5 Dec 2019) [resolved]\n"),
        "{body}"
    );
}

#[test]
fn time_headings_become_items_with_the_blocks_under_them() {
    let markdown = "## Timeline (UTC)\n\n### 07:33\n\nFirst alert from the inventory API.\n\n### 07:41 - Resolvers answer SERVFAIL\n\n- zone b\n- zone c\n\n### 08:44\n\nAll resolvers back to normal.\nChecked by hand.\n";
    assert_eq!(
        body(markdown),
        "## Timeline (UTC)\n\n\
         <!-- import: [detected] guessed from \"alert\"; check it -->\n\
         - 07:33 First alert from the inventory API. [detected]\n\n\
         - 07:41 - Resolvers answer SERVFAIL\n\n  - zone b\n  - zone c\n\n\
         <!-- import: [resolved] guessed from \"back to normal\"; check it -->\n\
         - 08:44 All resolvers back to normal.\n  Checked by hand. [resolved]\n"
    );
}

#[test]
fn bold_bracketed_and_paragraph_times_become_plain_list_items() {
    let markdown = "## Timeline\n\nAll times are UTC.\n\n[03:12] Replica lag alert  \n[03:24] Query cancelled  \n\n- **03:30 UTC** Replicas caught up [resolved]\n- ~03:40 notes shared\n";
    assert_eq!(
        body(markdown),
        "## Timeline\n\nAll times are UTC.\n\n\
         <!-- import: [detected] guessed from \"alert\"; check it -->\n\
         - 03:12 UTC Replica lag alert [detected]\n\
         <!-- import: [mitigated] guessed from \"cancelled\"; check it -->\n\
         - 03:24 UTC Query cancelled [mitigated]\n\n\
         - 03:30 UTC Replicas caught up [resolved]\n- ~03:40 notes shared\n"
    );
}

#[test]
fn a_time_that_would_read_in_another_zone_is_written_in_full() {
    // A time heading does not take the zone of the heading above it, but a list item does.
    let markdown = "## Timeline\n\n### Day one (PST)\n\n### 09:00\n\npaged\n";
    let body = body(markdown);
    assert!(body.contains("- 2019-12-03 09:00 +00:00 paged"), "{body}");
}

#[test]
fn milestones_go_to_the_front_matter_with_review_comments() {
    let imported = import(
        "# Checkout down\n\nStatus: Resolved\n\nSeverity: high\n\n## Timeline\n\n- 14:02 deploy\n- 14:09 alert fires\n- 14:40 error rate back to normal\n",
    );
    assert_eq!(
        imported.text.split_once("\n---\n").map(|(front, _)| front),
        Some(
            "---\ntitle: Checkout down\n\
             severity: SEV2   # import: from \"Severity: high\"; check it\n\
             status: resolved   # import: from \"Status: Resolved\"; check it\n\
             started: 2019-12-03 14:02 +00:00   # import: guessed from the [started] entry of the timeline; check it\n\
             detected: 2019-12-03 14:09 +00:00   # import: guessed from the [detected] entry of the timeline; check it\n\
             resolved: 2019-12-03 14:40 +00:00   # import: guessed from the [resolved] entry of the timeline; check it"
        ),
        "{}",
        imported.text
    );
}

#[test]
fn front_matter_values_are_mapped_and_fields_added_before_the_fence() {
    let markdown = "---\nlayout: post\ntitle: Outage\nseverity: SEV-2\nstatus: Closed # by the review\n---\n\nThe service was unavailable; it was mitigated, not resolved.\n";
    let imported = import(markdown);
    assert_eq!(
        imported.text,
        "---\nlayout: post\ntitle: Outage\nseverity: SEV2   # import: written as SEV-2\nstatus: closed # by the review; import: written as Closed\n---\n\nThe service was unavailable; it was mitigated, not resolved.\n"
    );
    let imported = import("---\nseverity: purple\n---\n");
    assert_eq!(imported.unmapped.len(), 1);
    assert!(
        imported.unmapped.iter().all(|unmapped| unmapped
            .message
            .starts_with("severity `purple` is none of `SEV1`")),
        "{:?}",
        imported.unmapped
    );
}

#[test]
fn the_status_comes_from_the_prose_when_nothing_else_says() {
    let imported = import(
        "# Outage\n\n## Summary\n\nThe outage was resolved by a restart.\n\n## Timeline\n\n- 14:02 deploy\n",
    );
    assert!(
        imported
            .text
            .contains("status: resolved   # import: the write-up says \"resolved\"; check it\n"),
        "{}",
        imported.text
    );
    assert!(
        imported
            .text
            .contains("started: 2019-12-03 14:02 +00:00   # import: guessed from the [started] entry of the timeline; check it\n"),
        "{}",
        imported.text
    );
    // Without a start time, the day of the timeline's times comes with the front matter.
    let imported = import("## Timeline\n\n- 14:02 deploy [detected]\n");
    assert!(
        imported
            .text
            .contains("date: 2019-12-03   # import: from the file name\n"),
        "{}",
        imported.text
    );
}

#[test]
fn action_lists_and_tables_become_task_items() {
    let markdown = "## Action items\n\n- Add an alert (owner: SRE)\n- [x] Fix the runbook\n\n| Action | Type | Owner | Due | Status | Bug | Notes |\n|---|---|---|---|---|---|---|\n| Validate the secret | prevent | @payments | 2026-12-15 | done | BUG-1 | see (O3), later |\n| Page on errors | detect and alert | ana, bo | | | | |\n";
    assert_eq!(
        body(markdown),
        "## Action items\n\n- [ ] Add an alert (owner: SRE)\n- [x] Fix the runbook\n\n\
         <!-- import: from a table with the columns | Action | Type | Owner | Due | Status | Bug | Notes | -->\n\n\
         - [x] prevent: Validate the secret; Notes: see (O3), later (owner: @payments, due: 2026-12-15, status: done, bug: BUG-1)\n\
         - [ ] Page on errors; Owner: ana, bo (type: detect and alert)\n"
    );
}

#[test]
fn headings_take_the_names_of_the_format_and_keep_their_own() {
    let imported = import(
        "## Incident summary\n\nx\n\n## Chronology (all times UTC)\n\n- 14:02 x\n\n## Remediation items\n\n- x\n\n## Leadup\n\nx\n\n## Attendees\n\nana\n",
    );
    let body = imported
        .text
        .split_once("---\n\n")
        .map_or("", |(_, body)| body);
    assert!(
        body.starts_with("## Summary (Incident summary)\n"),
        "{body}"
    );
    assert!(
        body.contains("## Timeline (Chronology, all times UTC)\n"),
        "{body}"
    );
    assert!(
        body.contains("## Actions (Remediation items)\n\n<!-- import: section kind guessed from the heading `Remediation items`; check it -->\n\n- [ ] x\n"),
        "{body}"
    );
    assert!(body.contains("## Leadup\n"), "{body}");
    assert_eq!(
        imported
            .unmapped
            .iter()
            .map(|unmapped| unmapped.message.as_str())
            .collect::<Vec<_>>(),
        [
            "section `Attendees` is of no kind the format or a preset knows: kept as written; name its kind in `[sections]` of `incident-lint.toml` and import again, or rename it"
        ]
    );
}

#[test]
fn a_setext_heading_keeps_its_underline() {
    let imported = import("Remediation items\n-----------------\n\n- x\n");
    assert_eq!(
        imported.text,
        "Actions (Remediation items)\n-----------------\n\n<!-- import: section kind guessed from the heading `Remediation items`; check it -->\n\n- [ ] x\n"
    );
    let imported = import("## Remediation");
    assert_eq!(
        imported.text,
        "## Actions (Remediation)\n\n<!-- import: section kind guessed from the heading `Remediation`; check it -->"
    );
}

#[test]
fn presets_give_no_heading_two_kinds() {
    let mut kinds = std::collections::HashMap::new();
    for preset in PRESETS {
        for (heading, kind) in preset.sections {
            let known = kinds.entry(normalize_heading(heading)).or_insert(*kind);
            assert_eq!(known, kind, "{}: {heading}", preset.name);
        }
    }
}

#[test]
fn line_endings_and_unreadable_input_are_kept() {
    let markdown = "# Outage\r\n\r\n## Timeline\r\n\r\n### 14:02\r\n\r\npaged\r\n";
    let imported = import(markdown);
    assert!(
        !imported.text.replace("\r\n", "").contains('\n'),
        "{:?}",
        imported.text
    );
    for text in [
        "",
        "---\n",
        "## Timeline\n\n| |\n|-|\n| |\n",
        "## Timeline\n\n### 25:99\n",
    ] {
        let imported = import(text);
        assert!(imported.text.len() >= text.len(), "{text:?}");
    }
}

#[test]
fn the_vocabularies_are_documented() {
    let page = include_str!("../../../../docs/adopting.md");
    let section = timeline::word_line(
        page.split_once("## 5. Or move the archive into the format")
            .map_or("", |(_, section)| section),
    );
    let words = timeline::MILESTONE_WORDS
        .iter()
        .flat_map(|(_, words)| words.iter().copied())
        .chain(front_matter::SEVERITY_WORDS.iter().map(|(word, _)| *word))
        .chain(front_matter::STATUS_WORDS.iter().map(|(word, _)| *word))
        .chain(incident_model::DONE_WORDS);
    for word in words {
        assert!(
            section.contains(&format!(" {word} ")),
            "docs/adopting.md does not name `{word}`"
        );
    }
}
