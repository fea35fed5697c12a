//! `incident-bench-corpus`: writes the benchmark corpora of incident-lint to disk.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::{Parser, Subcommand};

/// Writes benchmark corpora for incident-lint.
#[derive(Parser)]
#[command(name = "incident-bench-corpus", about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a deterministic corpus of realistic incident files, for whole-process benchmarks.
    GenCorpus {
        /// How many files to write (`inc-00001.incident`, ...).
        #[arg(long)]
        files: usize,
        /// The directory to write them to; it is created if missing.
        #[arg(long)]
        out: PathBuf,
        /// The seed: the same seed writes the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::GenCorpus { files, out, seed } => gen_corpus(files, &out, seed),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("incident-bench-corpus failed");
            for cause in error.chain() {
                eprintln!("  cause: {cause}");
            }
            ExitCode::from(2)
        }
    }
}

fn gen_corpus(n_files: usize, out: &Path, seed: u64) -> Result<()> {
    fs::create_dir_all(out).with_context(|| format!("cannot create `{}`", out.display()))?;
    let mut n_bytes = 0;
    let mut n_flawed = 0;
    for index in 0..n_files {
        let text = incident_bench_corpus::generate_incident(seed, index);
        let path = out.join(format!("inc-{:05}.incident", index + 1));
        fs::write(&path, &text).with_context(|| format!("cannot write `{}`", path.display()))?;
        n_bytes += text.len();
        n_flawed += usize::from(incident_bench_corpus::planned_flaw(seed, index).is_some());
    }
    eprintln!(
        "wrote {n_files} files ({n_bytes} bytes, {n_flawed} with a deliberate flaw) to `{}`",
        out.display()
    );
    Ok(())
}
