//! The command line's arguments, defined once for parsing, help, completions and the man page.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Checks incident write-ups: observe before deciding, give reasons for rejected hypotheses,
/// keep a timeline, follow up with actions.
#[derive(Parser, Debug)]
#[command(
    name = "incident-lint",
    version,
    about,
    args_conflicts_with_subcommands = true,
    after_help = "Exit status: 0 when no finding is an error (and warnings stay within --max-warnings), \
1 when there are such findings, 2 for usage, configuration and file errors."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint incident files (the default command).
    Check(Box<CheckArgs>),
    /// List every rule: code, name, severity, group, fix.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Write a new incident file from the template.
    New(NewArgs),
    /// Print the next step of the method for an incident under way, and the question to ask.
    Next {
        /// The incident file.
        path: PathBuf,
    },
    /// Format incident files into the canonical layout.
    Fmt(FmtArgs),
    /// Rewrite Markdown post-mortems into the `.incident` format: `NAME.md` becomes
    /// `NAME.incident`, with the guesses marked `import:` for review.
    Import(ImportArgs),
    /// Show a rule's documentation, with examples.
    Explain {
        /// The rule's code (`INC101`) or name (`decide-without-observe`).
        rule: String,
    },
    /// Parse incident files and show what the tool reads in them.
    Inspect {
        /// Files to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print the syntax tree and the model as JSON, one document per line.
        #[arg(long)]
        json: bool,
    },
    /// Write an HTML report: one page for a file; for a folder, a page per incident and an index.
    Report(ReportArgs),
    /// Print numbers across incidents: by severity and service, time to detect and resolve, actions.
    Stats(StatsArgs),
    /// Run the language server on standard input and output (for editors).
    Lsp,
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to standard output, or write every page into a folder.
    Manpage {
        /// Write `incident-lint.1` and a page per subcommand (`incident-lint-check.1`, …) into DIR.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// Which files to check and how to report.
#[derive(Args, Debug, Clone, Default)]
pub struct CheckArgs {
    /// Files or directories to check; directories are searched for `*.incident` and `*.incident.md`,
    /// honoring `.gitignore`. `-` reads standard input. Default: the current directory.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Apply safe fixes.
    #[arg(long)]
    pub fix: bool,
    /// Also apply unsafe fixes (placeholders, reordering); implies nothing without `--fix` or `--diff`.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them.
    #[arg(long)]
    pub diff: bool,
    /// Rules to run instead of the configured ones: codes, code prefixes, names, `default`, `pedantic`, `all`.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Option<Vec<String>>,
    /// Rules to run in addition to the selected ones.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub extend_select: Vec<String>,
    /// Rules not to run.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Run selected rules that are still in preview: new rules whose findings may change.
    #[arg(long)]
    pub preview: bool,
    /// Read the headings of a post-mortem template as sections, instead of the configured preset.
    #[arg(long, value_name = "NAME", value_parser = preset_names())]
    pub preset: Option<String>,
    /// Write a directive above each finding that suppresses it, with REASON after ` -- `: the
    /// way to adopt the tool on an archive in place (see also `--write-baseline`).
    #[arg(
        long,
        value_name = "REASON",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "",
        conflicts_with_all = ["fix", "diff", "write_baseline"]
    )]
    pub add_suppressions: Option<String>,
    /// Report only findings that the baseline FILE does not record (see `--write-baseline`).
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record every finding in FILE and exit 0: later runs with `--baseline FILE` report only new ones.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Report only findings in files, and sections of files, changed since the git revision REF.
    #[arg(long, value_name = "REF")]
    pub since: Option<String>,
    /// Fail (exit 2) when no incident file is found, instead of passing with nothing checked.
    #[arg(long)]
    pub require_files: bool,
    /// Use this configuration file instead of looking for `incident-lint.toml`.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long)]
    pub isolated: bool,
    /// The date overdue actions are measured against (`YYYY-MM-DD`); default: today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Print nothing but the findings (no summary).
    #[arg(long, short)]
    pub quiet: bool,
    /// Print how many findings each rule reported.
    #[arg(long)]
    pub statistics: bool,
    /// Exit with status 1 when there are more than this many warnings.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Exit with status 0 even when there are findings.
    #[arg(long)]
    pub exit_zero: bool,
    /// The file name to use for standard input, for messages and configuration lookup.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// When to use colors in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Files larger than this many bytes are not read.
    #[arg(long, value_name = "BYTES", default_value_t = incident_workspace::DEFAULT_MAX_FILE_BYTES)]
    pub max_file_size: u64,
    /// Number of threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// The names `--preset` accepts.
fn preset_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(
        incident_rules::preset::PRESETS
            .iter()
            .map(|preset| preset.name),
    )
}

/// Output formats of the check command.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// Annotated source for people.
    #[default]
    Human,
    /// One line per finding: `path:line:col: severity[code] message`.
    Concise,
    /// One JSON document (see docs/json-output.md).
    Json,
    /// One JSON object per finding, per line.
    JsonLines,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands, shown as annotations on pull requests.
    Github,
    /// JUnit XML, one test case per file.
    Junit,
    /// Checkstyle XML.
    Checkstyle,
    /// Reviewdog diagnostic format (rdjsonl: one diagnostic per line).
    Rdjson,
}

/// Output formats of the rules command.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum RulesFormat {
    /// A table.
    Text,
    /// A JSON array.
    Json,
}

/// When to color output.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    /// When standard output is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Arguments of `new`.
#[derive(Args, Debug)]
pub struct NewArgs {
    /// The incident's title.
    pub title: Option<String>,
    /// The incident ID (default: the next free `INC-<year>-<n>` in the directory).
    #[arg(long)]
    pub id: Option<String>,
    /// The directory to write into.
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
    /// Ignore every configuration file.
    #[arg(long)]
    pub isolated: bool,
}

/// Arguments of `fmt`.
#[derive(Args, Debug)]
pub struct FmtArgs {
    /// Files or directories to format (default: the current directory); `-` formats standard input.
    pub paths: Vec<PathBuf>,
    /// Report files that are not formatted, and change nothing (exit status 1 if any).
    #[arg(long)]
    pub check: bool,
    /// Print the changes as a unified diff instead of writing them (exit status 1 if any).
    #[arg(long)]
    pub diff: bool,
    /// Also sort timelines by time, which moves lines.
    #[arg(long = "unsafe")]
    pub unsafe_changes: bool,
    /// Files larger than this many bytes are not read.
    #[arg(long, value_name = "BYTES", default_value_t = incident_workspace::DEFAULT_MAX_FILE_BYTES)]
    pub max_file_size: u64,
}

/// Arguments of `import`.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The Markdown post-mortems to import; each `NAME.md` is written to `NAME.incident` next
    /// to it, and an existing file is never replaced.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Print the imported text to standard output instead of writing files.
    #[arg(long, conflicts_with = "dry_run")]
    pub stdout: bool,
    /// Say which files would be written and what could not be mapped, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Read the headings of a post-mortem template as sections first, instead of the configured
    /// preset (the headings of every preset are read after the configured ones anyway).
    #[arg(long, value_name = "NAME", value_parser = preset_names())]
    pub preset: Option<String>,
    /// Use this configuration file instead of looking for `incident-lint.toml`.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long)]
    pub isolated: bool,
    /// Files larger than this many bytes are not read.
    #[arg(long, value_name = "BYTES", default_value_t = incident_workspace::DEFAULT_MAX_FILE_BYTES)]
    pub max_file_size: u64,
}

/// Arguments of `report`.
#[derive(Args, Debug)]
pub struct ReportArgs {
    /// An incident file, or a folder of them.
    pub path: PathBuf,
    /// Where to write: the page's file (default: standard output), or for a folder the folder
    /// to write the pages and `index.html` into.
    #[arg(long, short, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The date overdue actions are measured against (`YYYY-MM-DD`); default: today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

/// Arguments of `stats`.
#[derive(Args, Debug)]
pub struct StatsArgs {
    /// Folders or files to read (default: the current directory).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,
    /// The date overdue actions are measured against (`YYYY-MM-DD`); default: today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

/// Output formats of the stats command.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsFormat {
    /// Tables for people.
    Text,
    /// One JSON document.
    Json,
    /// One row per number: `measure,group,key,value`.
    Csv,
}
