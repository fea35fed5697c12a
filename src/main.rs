//! `incident-lint`: checks incident write-ups against the Observe-Orient-Decide-Act method.

mod archive;
mod baseline;
mod check;
mod cli;
mod diff;
mod fmt;
mod import;
mod in_order;
mod inspect;
mod install_files;
mod new;
mod next;
mod output;
mod paths;
mod report;
mod rules_cmd;
mod since;
mod stats;
mod test_hooks;
mod write;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => check::run(&cli.check),
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Rules { format }) => rules_cmd::list(format),
        Some(Command::Explain { rule }) => rules_cmd::explain(&rule),
        Some(Command::Inspect { paths, json }) => inspect::run(&paths, json),
        Some(Command::New(args)) => new::run(&args),
        Some(Command::Next { path }) => next::run(&path),
        Some(Command::Fmt(args)) => fmt::run(&args),
        Some(Command::Import(args)) => import::run(&args),
        Some(Command::Report(args)) => report::run(&args),
        Some(Command::Stats(args)) => stats::run(&args),
        Some(Command::Lsp) => incident_lsp::run_stdio(),
        Some(Command::Completions { shell }) => install_files::completions(shell),
        Some(Command::Manpage { dir }) => install_files::man_pages(dir.as_deref()),
    }
}
