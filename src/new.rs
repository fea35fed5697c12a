//! `incident-lint new`: a new incident file from the template, ready to fill in during the
//! incident.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use incident_model::{Incident, ModelOptions};
use incident_workspace::{ConfigResolver, DEFAULT_MAX_FILE_BYTES, Input, discover, read_source};
use jiff::ZonedDateTime;
use jiff::tz::TimeZone;

use crate::check::{EXIT_CLEAN, EXIT_ERROR};
use crate::cli::NewArgs;
use crate::write::create_new;

/// Writes the new file and prints its path.
pub fn run(args: &NewArgs) -> ExitCode {
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| "New incident".to_owned());
    let resolver = ConfigResolver::new(None, args.isolated);
    let settings = match resolver.for_file(&args.dir.join("new.incident")) {
        Ok(config) => config.settings(&incident_rules::Selectors::default()),
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let now = ZonedDateTime::now().with_time_zone(settings.default_timezone.clone());
    let id = match &args.id {
        Some(id) => id.clone(),
        None => next_free_id(&args.dir, now.year(), &resolver),
    };
    let path = args.dir.join(format!("{id}-{}.incident", slug(&title)));
    let text = template(&id, &title, &now, &settings.default_timezone);
    match create_new(&path, &text) {
        Ok(()) => {
            println!("{}", path.display());
            ExitCode::from(EXIT_CLEAN)
        }
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            eprintln!(
                "error: {}: already exists; choose another title or --id",
                path.display()
            );
            ExitCode::from(EXIT_ERROR)
        }
        Err(error) => {
            eprintln!("error: {}: cannot write: {error}", path.display());
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// The next `INC-<year>-<n>` not used by any incident file below `directory`.
fn next_free_id(directory: &Path, year: i16, configs: &ConfigResolver) -> String {
    let prefix = format!("INC-{year}-");
    let used = discover(&[directory.to_path_buf()], None, configs)
        .inputs
        .into_iter()
        .filter_map(|input| match input {
            Input::File(path) => Some(path),
            Input::Stdin(_) => None,
        })
        .filter_map(|path: PathBuf| read_source(&path, DEFAULT_MAX_FILE_BYTES).ok())
        .filter_map(|text| {
            let incident =
                Incident::build(&incident_syntax::parse(&text), &ModelOptions::default());
            let id = incident.metadata.scalar("id")?.value.clone();
            id.strip_prefix(&prefix)?.parse::<u32>().ok()
        })
        .max()
        .unwrap_or(0);
    format!("{prefix}{:03}", used + 1)
}

/// A file-name-friendly form of a title: lowercase ASCII letters and digits joined by dashes.
fn slug(title: &str) -> String {
    let mut slug = String::new();
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        if slug.len() + word.len() > 48 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
    }
    if slug.is_empty() {
        "incident".to_owned()
    } else {
        slug
    }
}

/// The template: a draft (`status: investigating`) with the sections in order and a short
/// prompt in each that says what belongs there.
/// Now is when the incident was declared, so it is the `detected` time and the one timeline
/// entry; `started` begins at now too, with a comment asking the writer to move it back to the
/// first sign of trouble, and the `[started]` entry is left to the writer in a prompt.
/// The draft checks clean, with every rule selected: it is ready to fill in.
fn template(id: &str, title: &str, now: &ZonedDateTime, zone: &TimeZone) -> String {
    let zone_name = zone.iana_name().unwrap_or("UTC");
    let started = now.strftime("%Y-%m-%d %H:%M");
    let time = now.strftime("%H:%M");
    let title_value = incident_rules::front_matter_scalar(title);
    format!(
        "---
id: {id}
title: {title_value}
severity: SEV3   # SEV1 (worst) to SEV5
status: investigating
timezone: {zone_name}
started: {started}   # move back to the first sign of trouble
detected: {started}
services: []
authors: []
---

# {title}

## Summary

<!-- One paragraph: what broke, for whom, for how long. Write it last. -->

## Impact

<!-- Who and what was affected, and how much. -->

## Observe

<!-- Before guessing a cause: what is up, what is down, what do the logs say? -->
- up:
- down:
- O1:

## Orient

<!-- What changed recently? What should have happened instead? -->
- changed:
- expected:

## Decide

<!-- One hypothesis per item, citing the observations it rests on: - H1: ... [O1] -->

## Act

<!-- Test each hypothesis: - H1 confirmed: what showed it / - H1 rejected: what ruled it out -->

## Timeline

<!-- One line per event, with its time; add when it began: - 13:55 first errors in the log [started] -->
- {time} incident declared, investigation started [detected]

## Actions

<!-- Once resolved: - [ ] prevent: ... (owner: @team, due: YYYY-MM-DD) -->

## Lessons

<!-- What did we learn? What made this easy to happen? -->
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_short_and_plain() {
        assert_eq!(
            slug("Checkout API returns 502!"),
            "checkout-api-returns-502"
        );
        assert_eq!(slug("日本"), "incident");
    }
}
