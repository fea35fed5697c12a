//! `incident-lint`: checks incident write-ups against the Observe-Orient-Decide-Act method.

mod inspect;
mod source;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Checks incident write-ups: observe before deciding, give reasons for rejected hypotheses,
/// keep a timeline, follow up with actions.
#[derive(Parser)]
#[command(name = "incident-lint", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse incident files and show what the tool reads in them.
    Inspect {
        /// Files to read (`*.incident`, `*.incident.md`).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print the syntax tree and the model as JSON, one document per line.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Inspect { paths, json } => inspect::run(&paths, json),
    }
}
