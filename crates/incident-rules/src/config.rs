//! `incident-lint.toml`: reading a team's configuration into [`Settings`].
//!
//! Reading never panics: bad TOML, a wrong type, an unknown key or an unknown rule becomes a
//! [`ConfigError`] that names the file, line and column, with a suggestion where one exists.

use std::fmt;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use incident_syntax::{ColumnUnit, LineIndex, SectionKind, SectionTable, TextRange};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::preset::{self, Preset};
use crate::registry;
use crate::rule::RuleMeta;
use crate::settings::{DEFAULT_REQUIRED_KEYS, RuleSelection, Settings};
use crate::suggest::did_you_mean;

/// The name of the configuration file, looked up from a file's folder upwards.
pub const CONFIG_FILE_NAME: &str = "incident-lint.toml";

/// The configuration file as written. This type is the single source of the file's JSON Schema.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(
    title = "incident-lint configuration",
    description = "Settings for incident-lint, read from incident-lint.toml."
)]
struct ConfigFile {
    /// Rules to run instead of the default ones: codes (`INC101`), code prefixes (`INC3`), names (`missing-timeline`), groups (`default`, `pedantic`) or `all`.
    #[schemars(with = "Option<Vec<String>>")]
    select: Option<Vec<Spanned<String>>>,
    /// Rules to run in addition to the selected ones.
    #[schemars(with = "Option<Vec<String>>")]
    extend_select: Option<Vec<Spanned<String>>>,
    /// Rules not to run.
    #[schemars(with = "Option<Vec<String>>")]
    ignore: Option<Vec<Spanned<String>>>,
    /// Run selected rules that are still in preview (their findings may change between versions).
    preview: Option<bool>,
    /// Severity per rule, by code or name: `"error"`, `"warning"` or `"info"`.
    #[schemars(with = "Option<std::collections::BTreeMap<String, Severity>>")]
    severity: Option<toml::map::Map<String, toml::Value>>,
    /// The date overdue actions are measured against, `YYYY-MM-DD`; today's date when absent.
    #[schemars(with = "Option<String>")]
    today: Option<Spanned<String>>,
    /// The timezone of times in files whose front matter names none: an IANA name or an offset such as `+02:00`.
    #[schemars(with = "Option<String>")]
    timezone: Option<Spanned<String>>,
    /// Front matter vocabularies.
    front_matter: Option<FrontMatterConfig>,
    /// The post-mortem template your files follow, whose headings are read as sections: `plain`, `google-sre`, `pagerduty` or `atlassian` (see docs/adopting.md). `[sections]` aliases are applied after it.
    #[schemars(with = "Option<PresetName>")]
    preset: Option<Spanned<String>>,
    /// Section heading aliases: your heading text mapped to the section it stands for, e.g. `"Root cause" = "decide"`.
    #[schemars(with = "Option<std::collections::BTreeMap<String, SectionKindName>>")]
    sections: Option<toml::map::Map<String, toml::Value>>,
    /// Settings of the `blame-language` rule.
    blame_language: Option<BlameLanguageConfig>,
    /// The files to check when walking folders, as globs relative to this file's folder, such as `postmortems/**/*.md`; a glob without `/` matches file names at any depth. Default: `*.incident` and `*.incident.md`. Files named on the command line are always checked.
    #[schemars(with = "Option<Vec<String>>")]
    include: Option<Vec<Spanned<String>>>,
    /// Files not to check when walking folders, as globs like those of `include`.
    #[schemars(with = "Option<Vec<String>>")]
    exclude: Option<Vec<Spanned<String>>>,
    /// Rules not to run on some files: a glob like those of `include`, mapped to rule selectors, such as `"archive/2019/**" = ["INC000", "missing-timeline"]`.
    #[schemars(with = "Option<std::collections::BTreeMap<String, Vec<String>>>")]
    per_file_ignores: Option<toml::map::Map<String, toml::Value>>,
}

/// The front matter's vocabularies.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FrontMatterConfig {
    /// Keys every incident must have. Default: id, title, severity, status, started.
    required_keys: Option<Vec<String>>,
    /// Accepted `severity` values. Default: SEV1 to SEV5.
    severities: Option<Vec<String>>,
    /// Accepted `status` values. Default: investigating, mitigated, resolved, closed.
    statuses: Option<Vec<String>>,
    /// Statuses that mean the incident is over, so post-mortem rules apply. Default: resolved, closed.
    over_statuses: Option<Vec<String>>,
}

/// Settings of the `blame-language` rule.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct BlameLanguageConfig {
    /// Phrases to flag in addition to the built-in ones, matched case-insensitively.
    extra_phrases: Option<Vec<String>>,
}

/// The sections an alias can stand for (for the schema).
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)] // Only its schema is used: values are read as strings and checked with positions.
enum SectionKindName {
    Summary,
    Impact,
    Observe,
    Orient,
    Decide,
    Act,
    Timeline,
    Actions,
    Lessons,
    Cause,
    Other,
}

/// The presets a configuration can name (for the schema).
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)] // Only its schema is used: values are read as strings and checked with positions.
enum PresetName {
    Plain,
    GoogleSre,
    Pagerduty,
    Atlassian,
}

/// A configuration problem, with the position of its cause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The configuration file, when it came from one.
    pub path: Option<PathBuf>,
    /// 1-based line and column of the cause, when known.
    pub position: Option<(u32, u32)>,
    /// What is wrong, and what to write instead.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.as_deref().map_or_else(
            || CONFIG_FILE_NAME.to_owned(),
            |path| path.display().to_string(),
        );
        match self.position {
            Some((line, column)) => write!(f, "{path}:{line}:{column}: {}", self.message),
            None => write!(f, "{path}: {}", self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Rule selectors, from a configuration file or the command line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selectors {
    /// Rules to run instead of the defaults.
    pub select: Option<Vec<&'static RuleMeta>>,
    /// Rules to run in addition.
    pub extend_select: Vec<&'static RuleMeta>,
    /// Rules not to run.
    pub ignore: Vec<&'static RuleMeta>,
    /// Whether selected preview rules run; `None` leaves it to the next level.
    pub preview: Option<bool>,
    /// The template preset, instead of the configuration's own (`--preset`).
    pub preset: Option<&'static Preset>,
}

/// A configuration, read and checked.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Where it was read from.
    pub path: Option<PathBuf>,
    /// Which rules to run.
    pub selectors: Selectors,
    settings: Settings,
    sections: SectionSettings,
    files: FileSelection,
}

/// How the configuration names sections, kept apart so that `--preset` can replace the preset
/// under the file's own aliases and required keys.
#[derive(Clone, Debug, Default)]
struct SectionSettings {
    preset: Option<&'static Preset>,
    aliases: Vec<(String, SectionKind)>,
    required_keys: Option<Vec<String>>,
}

impl SectionSettings {
    /// Applies the preset (or `preset`, when given), then the aliases and required keys.
    fn apply(&self, preset: Option<&'static Preset>, settings: &mut Settings) {
        settings.sections = SectionTable::default();
        settings.required_keys = DEFAULT_REQUIRED_KEYS.map(str::to_owned).to_vec();
        if let Some(preset) = preset.or(self.preset) {
            preset.apply(settings);
        }
        for (alias, kind) in &self.aliases {
            settings.sections.add_alias(alias, *kind);
        }
        if let Some(keys) = &self.required_keys {
            settings.required_keys.clone_from(keys);
        }
    }
}

/// Which files a configuration applies to, and the rules it turns off for some of them.
/// Globs are matched against paths relative to the configuration file's folder.
#[derive(Clone, Debug, Default)]
struct FileSelection {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    per_file_ignores: Vec<(GlobSet, Vec<&'static RuleMeta>)>,
}

impl Config {
    /// Reads the text of a configuration file found at `path`.
    pub fn parse(text: &str, path: Option<&Path>) -> Result<Config, ConfigError> {
        let reader = Reader { text, path };
        let file: ConfigFile = toml::from_str(text).map_err(|error| {
            let range = error
                .span()
                .map(|span| TextRange::new(span.start as u32, span.end as u32));
            reader.error(range, error.message().trim_end_matches('\n').to_owned())
        })?;
        reader.read(file)
    }

    /// The settings this configuration gives, with `overrides` (from the command line) applied
    /// after the file's own selectors.
    pub fn settings(&self, overrides: &Selectors) -> Settings {
        let mut settings = self.settings.clone();
        let select = overrides.select.as_ref().or(self.selectors.select.as_ref());
        let mut selection = match select {
            Some(rules) => {
                let mut selection = RuleSelection::none();
                selection.enable(rules);
                selection
            }
            None => RuleSelection::default(),
        };
        selection.enable(&self.selectors.extend_select);
        selection.enable(&overrides.extend_select);
        selection.disable(&self.selectors.ignore);
        selection.disable(&overrides.ignore);
        selection.copy_severities(&self.settings.rules);
        selection.set_preview(
            overrides
                .preview
                .or(self.selectors.preview)
                .unwrap_or(false),
        );
        settings.rules = selection;
        if overrides.preset.is_some() {
            self.sections.apply(overrides.preset, &mut settings);
        }
        settings
    }

    /// Like [`Config::settings`], for the file at `path`: the rules `per-file-ignores` names
    /// for it are turned off.
    pub fn settings_for_file(&self, overrides: &Selectors, path: &Path) -> Settings {
        let mut settings = self.settings(overrides);
        settings.file_name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned());
        if self.files.per_file_ignores.is_empty() {
            return settings;
        }
        let relative = self.relative(path);
        for (globs, rules) in &self.files.per_file_ignores {
            if globs.is_match(&relative) {
                settings.rules.disable(rules);
            }
        }
        settings
    }

    /// Whether a file found while walking a folder is checked: it matches `include` (by
    /// default, it is named `*.incident` or `*.incident.md`) and not `exclude`.
    pub fn is_incident_file(&self, path: &Path) -> bool {
        let relative = self.relative(path);
        let included = match &self.files.include {
            Some(include) => include.is_match(&relative),
            None => has_incident_file_name(path),
        };
        included
            && !self
                .files
                .exclude
                .as_ref()
                .is_some_and(|exclude| exclude.is_match(&relative))
    }

    /// `path` relative to this configuration's folder, when it lies below it.
    fn relative(&self, path: &Path) -> PathBuf {
        let Some(folder) = self.path.as_deref().and_then(Path::parent) else {
            return path.to_owned();
        };
        // A configuration shown as `incident-lint.toml` lies in the current folder.
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        let folder = std::path::absolute(folder).unwrap_or_else(|_| folder.to_owned());
        absolute
            .strip_prefix(&folder)
            .map_or(absolute.clone(), Path::to_owned)
    }

    /// The JSON Schema of the configuration file.
    pub fn json_schema() -> String {
        let schema = schemars::schema_for!(ConfigFile);
        serde_json_string(&schema)
    }
}

/// Whether a file's name is an incident file's by default: `*.incident` or `*.incident.md`.
pub fn has_incident_file_name(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.ends_with(".incident") || name.ends_with(".incident.md"))
}

/// A glob of `include`, `exclude` or `per-file-ignores`: `*` stays within one folder, `**`
/// crosses folders, and a glob without `/` matches file names at any depth.
fn glob(pattern: &str) -> Result<Glob, String> {
    let anchored = if pattern.contains('/') {
        pattern.trim_start_matches("./").to_owned()
    } else {
        format!("**/{pattern}")
    };
    GlobBuilder::new(&anchored)
        .literal_separator(true)
        .build()
        .map_err(|error| format!("invalid glob `{pattern}`: {}", error.kind()))
}

fn serde_json_string(schema: &schemars::Schema) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

struct Reader<'t> {
    text: &'t str,
    path: Option<&'t Path>,
}

impl Reader<'_> {
    fn error(&self, range: Option<TextRange>, message: String) -> ConfigError {
        let position = range.map(|range| {
            let index = LineIndex::new(self.text);
            let position = index.line_col(self.text, range.start(), ColumnUnit::Utf32);
            (position.line + 1, position.col + 1)
        });
        ConfigError {
            path: self.path.map(Path::to_owned),
            position,
            message,
        }
    }

    fn spanned_error(&self, value: &Spanned<String>, message: String) -> ConfigError {
        let span = value.span();
        self.error(
            Some(TextRange::new(span.start as u32, span.end as u32)),
            message,
        )
    }

    fn rules(
        &self,
        selectors: &Option<Vec<Spanned<String>>>,
    ) -> Result<Vec<&'static RuleMeta>, ConfigError> {
        let mut rules = Vec::new();
        for selector in selectors.iter().flatten() {
            let selected = registry::select(selector.get_ref())
                .map_err(|unknown| self.spanned_error(selector, unknown.to_string()))?;
            rules.extend(selected);
        }
        Ok(rules)
    }

    fn preset(
        &self,
        name: Option<&Spanned<String>>,
    ) -> Result<Option<&'static Preset>, ConfigError> {
        let Some(name) = name else {
            return Ok(None);
        };
        preset::find(name.get_ref()).map(Some).ok_or_else(|| {
            let names = preset::PRESETS.iter().map(|preset| preset.name);
            let hint = did_you_mean(name.get_ref(), names.clone())
                .map_or_else(String::new, |close| format!(": did you mean `{close}`?"));
            let known: Vec<&str> = names.collect();
            self.spanned_error(
                name,
                format!(
                    "unknown preset `{}`{hint} (known: {})",
                    name.get_ref(),
                    known.join(", ")
                ),
            )
        })
    }

    fn read(&self, file: ConfigFile) -> Result<Config, ConfigError> {
        let mut settings = Settings::default();
        let selectors = Selectors {
            select: match &file.select {
                Some(_) => Some(self.rules(&file.select)?),
                None => None,
            },
            extend_select: self.rules(&file.extend_select)?,
            ignore: self.rules(&file.ignore)?,
            preview: file.preview,
            // The file's own preset is part of its section settings.
            preset: None,
        };
        for (name, value) in file.severity.iter().flatten() {
            let rule = registry::find(name).ok_or_else(|| {
                let hint = did_you_mean(name, registry::all().map(|meta| meta.name))
                    .map_or_else(String::new, |close| format!(": did you mean `{close}`?"));
                self.error(
                    self.key_range(name),
                    format!("unknown rule `{name}` in [severity]{hint}"),
                )
            })?;
            let severity = match value.as_str() {
                Some("error") => Severity::Error,
                Some("warning") => Severity::Warning,
                Some("info") => Severity::Info,
                _ => {
                    return Err(self.error(
                        self.key_range(name),
                        format!("severity of `{name}` must be \"error\", \"warning\" or \"info\""),
                    ));
                }
            };
            settings.rules.set_severity(rule, severity);
        }
        if let Some(today) = &file.today {
            let date: Date = today.get_ref().parse().map_err(|_| {
                self.spanned_error(
                    today,
                    format!(
                        "`today` must be a date such as 2026-11-27, not `{}`",
                        today.get_ref()
                    ),
                )
            })?;
            settings.today = Some(date);
        }
        if let Some(timezone) = &file.timezone {
            let name = timezone.get_ref();
            let zone = match incident_syntax::parse_offset(name) {
                Some(offset) => jiff::tz::Offset::from_seconds(offset.minutes * 60)
                    .ok()
                    .map(TimeZone::fixed),
                None => TimeZone::get(name).ok(),
            };
            settings.default_timezone = zone.ok_or_else(|| {
                self.spanned_error(timezone, format!("unknown timezone `{name}`: use an IANA name such as `Europe/Berlin` or an offset such as `+02:00`"))
            })?;
        }
        let mut sections = SectionSettings {
            preset: self.preset(file.preset.as_ref())?,
            aliases: Vec::new(),
            required_keys: None,
        };
        if let Some(front_matter) = file.front_matter {
            sections.required_keys = front_matter.required_keys;
            if let Some(severities) = front_matter.severities {
                settings.severities = severities;
            }
            if let Some(statuses) = front_matter.statuses {
                settings.statuses = statuses;
            }
            if let Some(over) = front_matter.over_statuses {
                settings.over_statuses = over;
            }
        }
        if let Some(blame) = file.blame_language {
            settings.extra_blame_phrases = blame.extra_phrases.unwrap_or_default();
        }
        for (alias, kind) in file.sections.iter().flatten() {
            let kind_name = kind.as_str().unwrap_or_default();
            let section_kind = SectionKind::from_name(kind_name).ok_or_else(|| {
                let names = SectionKind::KNOWN.iter().chain([&SectionKind::Other]).map(|kind| kind.name());
                let hint = did_you_mean(kind_name, names)
                    .map_or_else(String::new, |close| format!(": did you mean `{close}`?"));
                self.error(
                    self.key_range(alias),
                    format!("section alias `{alias}` must name a section such as \"decide\", \"timeline\" or \"other\" (known, not checked){hint}"),
                )
            })?;
            sections.aliases.push((alias.clone(), section_kind));
        }
        sections.apply(None, &mut settings);
        let files = FileSelection {
            include: self.globs(file.include.as_deref())?,
            exclude: self.globs(file.exclude.as_deref())?,
            per_file_ignores: self.per_file_ignores(file.per_file_ignores.as_ref())?,
        };
        Ok(Config {
            path: self.path.map(Path::to_owned),
            selectors,
            settings,
            sections,
            files,
        })
    }

    fn globs(&self, patterns: Option<&[Spanned<String>]>) -> Result<Option<GlobSet>, ConfigError> {
        let Some(patterns) = patterns else {
            return Ok(None);
        };
        let mut builder = GlobSetBuilder::new();
        for pattern in patterns {
            let glob =
                glob(pattern.get_ref()).map_err(|message| self.spanned_error(pattern, message))?;
            builder.add(glob);
        }
        builder
            .build()
            .map(Some)
            .map_err(|error| self.error(None, error.to_string()))
    }

    fn per_file_ignores(
        &self,
        table: Option<&toml::map::Map<String, toml::Value>>,
    ) -> Result<Vec<(GlobSet, Vec<&'static RuleMeta>)>, ConfigError> {
        let mut ignores = Vec::new();
        for (pattern, selectors) in table.into_iter().flatten() {
            let at_key = |message: String| self.error(self.key_range(pattern), message);
            let glob = glob(pattern).map_err(at_key)?;
            let globs = GlobSetBuilder::new()
                .add(glob)
                .build()
                .map_err(|error| at_key(error.to_string()))?;
            let Some(selectors) = selectors.as_array() else {
                return Err(at_key(format!(
                    "per-file-ignores: `{pattern}` must map to a list of rules, such as [\"INC000\", \"missing-timeline\"]"
                )));
            };
            let mut rules = Vec::new();
            for selector in selectors {
                let selector = selector.as_str().unwrap_or_default();
                let selected = registry::select(selector)
                    .map_err(|error| at_key(format!("per-file-ignores: {error}")))?;
                rules.extend(selected);
            }
            ignores.push((globs, rules));
        }
        Ok(ignores)
    }

    /// Where a table key is written, found by its text (toml does not keep spans of map keys).
    fn key_range(&self, key: &str) -> Option<TextRange> {
        let quoted = format!("\"{key}\"");
        let offset = self.text.find(&quoted).or_else(|| {
            self.text
                .match_indices(key)
                .find(|(idx, _)| {
                    self.text
                        .get(idx + key.len()..)
                        .is_some_and(|rest| rest.trim_start().starts_with('='))
                })
                .map(|(idx, _)| idx)
        })?;
        Some(TextRange::new(offset as u32, (offset + key.len()) as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        Config::parse(text, Some(Path::new("incident-lint.toml")))
            .map_or_else(|error| error.to_string(), |_| "ok".to_owned())
    }

    #[test]
    fn errors_name_file_line_and_column() {
        assert_eq!(
            error("ignore = [\"missing-timline\"]\n"),
            "incident-lint.toml:1:11: unknown rule `missing-timline`: did you mean `missing-timeline`?"
        );
        assert_eq!(
            error("\n[severity]\nmissing-timline = \"info\"\n"),
            "incident-lint.toml:3:1: unknown rule `missing-timline` in [severity]: did you mean `missing-timeline`?"
        );
        assert!(
            error("select = \"all\"\n").starts_with("incident-lint.toml:1:10: invalid type"),
            "{}",
            error("select = \"all\"\n")
        );
        assert!(
            error("selct = []\n").starts_with("incident-lint.toml:1:1: unknown field `selct`"),
            "{}",
            error("selct = []\n")
        );
        assert!(error("today = \"yesterday\"\n").contains("1:9: `today` must be a date"));
        assert!(
            error("[sections]\n\"Root cause\" = \"decied\"\n").contains("did you mean `decide`?")
        );
        assert!(error("select = [\n").starts_with("incident-lint.toml:"));
    }

    #[test]
    fn selectors_replace_extend_and_ignore() {
        let config = Config::parse(
            "select = [\"INC3\"]\nextend-select = [\"decide-without-observe\"]\nignore = [\"empty-timeline\"]\n",
            None,
        );
        let settings = config.map(|config| config.settings(&Selectors::default()));
        let settings = settings.unwrap_or_default();
        let enabled =
            |name: &str| registry::find(name).is_some_and(|rule| settings.rules.is_enabled(rule));
        assert!(enabled("missing-timeline"));
        assert!(enabled("decide-without-observe"));
        assert!(!enabled("empty-timeline"));
        assert!(!enabled("rejected-without-reason"));
    }

    #[test]
    fn include_exclude_and_per_file_ignores_match_below_the_configuration() {
        let config = Config::parse(
            "include = [\"postmortems/**/*.md\", \"*.incident\"]\nexclude = [\"drafts/**\"]\n[per-file-ignores]\n\"postmortems/2019/*.md\" = [\"INC000\", \"INC4\"]\n",
            Some(Path::new("/repo/incident-lint.toml")),
        )
        .unwrap_or_default();
        let checked = |path: &str| config.is_incident_file(Path::new(path));
        assert!(checked("/repo/postmortems/login.md"));
        assert!(checked("/repo/postmortems/2019/dns.md"));
        assert!(checked("/repo/deep/below/a.incident"), "no `/`: any depth");
        assert!(!checked("/repo/README.md"));
        assert!(!checked("/repo/drafts/postmortems/x.incident"));
        let enabled = |path: &str, rule: &str| {
            let settings = config.settings_for_file(&Selectors::default(), Path::new(path));
            registry::find(rule).is_some_and(|rule| settings.rules.is_enabled(rule))
        };
        assert!(!enabled("/repo/postmortems/2019/dns.md", "INC000"));
        assert!(!enabled("/repo/postmortems/2019/dns.md", "missing-summary"));
        assert!(enabled(
            "/repo/postmortems/2019/dns.md",
            "decide-without-observe"
        ));
        assert!(enabled("/repo/postmortems/login.md", "INC000"));
        assert!(error("include = [\"a/{b\"]\n").contains("1:12: invalid glob `a/{b`"));
        assert!(
            error("[per-file-ignores]\n\"*.md\" = \"INC000\"\n").contains("2:1: per-file-ignores")
        );
    }

    #[test]
    fn aliases_and_vocabularies_are_read() {
        let text = "today = \"2026-11-27\"\ntimezone = \"Europe/Berlin\"\n[sections]\n\"Root cause\" = \"decide\"\n[front-matter]\nseverities = [\"P1\", \"P2\"]\n";
        let settings = Config::parse(text, None)
            .map(|config| config.settings(&Selectors::default()))
            .unwrap_or_default();
        assert_eq!(settings.sections.kind_of("root cause"), SectionKind::Decide);
        assert_eq!(settings.severities, vec!["P1".to_owned(), "P2".to_owned()]);
        assert_eq!(
            settings.today.map(|date| date.to_string()),
            Some("2026-11-27".to_owned())
        );
    }
}
