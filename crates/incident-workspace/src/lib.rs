//! The files of an incident-lint workspace, as the command line and the language server both
//! see them: which files are incident files ([`discover`], [`incident_files`]), which
//! `incident-lint.toml` applies to each ([`ConfigResolver`]), how a file is read
//! ([`read_source`], with its size limit), which date `today` is ([`resolve_today`]), and which
//! file defines which incident ID ([`IdIndex`]).
//!
//! Reading a configuration's text into settings is `incident_rules::Config::parse`; this crate
//! finds, reads and caches the files, so that the rules crate does no IO.

mod configs;
mod discover;
mod ids;
mod source;

use incident_rules::Settings;
use jiff::civil::Date;

pub use configs::ConfigResolver;
pub use discover::{Discovery, Input, discover, incident_files, no_incident_files};
pub use ids::{FolderScan, IdIndex, folder_of, read_incident_file};
pub use incident_rules::has_incident_file_name;
pub use source::{DEFAULT_MAX_FILE_BYTES, FileKind, SourceError, decode, read_source};

/// Sets the date overdue actions are measured against: `given` (from the command line), else
/// the configuration's `today`, else today's date in the configured timezone.
pub fn resolve_today(settings: &mut Settings, given: Option<Date>) {
    settings.today = given.or(settings.today).or_else(|| {
        Some(
            jiff::ZonedDateTime::now()
                .with_time_zone(settings.default_timezone.clone())
                .date(),
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_given_wins_over_the_configuration_and_the_clock() {
        let given = jiff::civil::date(2026, 11, 27);
        let configured = jiff::civil::date(2026, 1, 2);
        let mut settings = Settings {
            today: Some(configured),
            ..Settings::default()
        };
        resolve_today(&mut settings, Some(given));
        assert_eq!(settings.today, Some(given));
        settings.today = Some(configured);
        resolve_today(&mut settings, None);
        assert_eq!(settings.today, Some(configured));
        settings.today = None;
        resolve_today(&mut settings, None);
        assert!(settings.today.is_some());
    }
}
