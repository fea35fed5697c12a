//! Reading the incident files that `report` and `stats` look at, each checked with its own
//! configuration as `check` would.

use std::path::{Path, PathBuf};

use incident_rules::{Checked, Selectors};
use incident_workspace::{ConfigResolver, DEFAULT_MAX_FILE_BYTES, Input, discover, read_source};
use jiff::civil::Date;

/// One incident file, read and checked.
pub struct ArchiveFile {
    /// Where it is.
    pub path: PathBuf,
    /// Its parse, model and findings.
    pub checked: Checked,
}

/// The files that could be read, and whether any could not.
pub struct Archive {
    /// The files, sorted by path.
    pub files: Vec<ArchiveFile>,
    /// Whether some path or file could not be read (already reported on standard error).
    pub failed: bool,
}

/// Reads and checks the incident files `paths` name; `today` is the date overdue actions are
/// measured against. Errors are printed as they are found.
pub fn read(paths: &[PathBuf], today: Date) -> Archive {
    let resolver = ConfigResolver::new(None, false);
    let discovery = discover(paths, None, &resolver);
    let mut failed = false;
    for error in &discovery.errors {
        eprintln!("error: {error}");
        failed = true;
    }
    let mut files = Vec::new();
    for input in discovery.inputs {
        let Input::File(path) = input else {
            continue;
        };
        match check_file(&path, &resolver, today) {
            Ok(checked) => files.push(ArchiveFile { path, checked }),
            Err(message) => {
                eprintln!("error: {message}");
                failed = true;
            }
        }
    }
    Archive { files, failed }
}

fn check_file(path: &Path, resolver: &ConfigResolver, today: Date) -> Result<Checked, String> {
    let text = read_source(path, DEFAULT_MAX_FILE_BYTES).map_err(|error| error.to_string())?;
    let config = resolver.for_file(path).map_err(|error| error.to_string())?;
    let mut settings = config.settings_for_file(&Selectors::default(), path);
    settings.today = Some(today);
    Ok(incident_rules::check(&text, &settings))
}

/// The date given with `--today`, or today's date in UTC.
pub fn today(argument: Option<&str>) -> Result<Date, String> {
    match argument {
        Some(text) => parse_today(text),
        None => Ok(jiff::ZonedDateTime::now()
            .with_time_zone(jiff::tz::TimeZone::UTC)
            .date()),
    }
}

/// Reads the value of `--today`.
pub fn parse_today(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|_| format!("--today must be a date such as 2026-11-27, not `{text}`"))
}
