//! `incident-lint completions` and `incident-lint manpage`: the files a package or a user
//! installs beside the binary, generated from the one definition of the arguments in `cli.rs`.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::check::EXIT_ERROR;
use crate::cli::Cli;

/// Prints the completion script for `shell`.
pub fn completions(shell: Shell) -> ExitCode {
    // clap_complete panics when its writer fails, so the script is built in memory and
    // written here, where a closed pipe is no error.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "incident-lint", &mut script);
    print(&script)
}

/// Prints the main man page, or with `dir` writes it and a page per subcommand into `dir`.
pub fn man_pages(dir: Option<&Path>) -> ExitCode {
    let written = match dir {
        None => {
            let mut page = Vec::new();
            match clap_mangen::Man::new(man_command()).render(&mut page) {
                Ok(()) => return print(&page),
                Err(error) => Err(format!("cannot render the man page: {error}")),
            }
        }
        Some(dir) => write_man_pages(dir),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// The command as the man pages describe it: without clap's `help` subcommand, which would
/// get a page of its own.
fn man_command() -> clap::Command {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    command
}

/// Writes `incident-lint.1` and `incident-lint-<subcommand>.1` for every subcommand, the pages
/// that the main page's SUBCOMMANDS section names.
fn write_man_pages(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir)
        .map_err(|error| format!("cannot create `{}`: {error}", dir.display()))?;
    let top = man_command();
    let mut commands = vec![top.clone()];
    commands.extend(
        top.get_subcommands()
            .filter(|sub| !sub.is_hide_set())
            .cloned(),
    );
    let n_pages = commands.len();
    for command in commands {
        let man = clap_mangen::Man::new(command);
        let path = dir.join(man.get_filename());
        let mut page = Vec::new();
        man.render(&mut page)
            .and_then(|()| std::fs::write(&path, &page))
            .map_err(|error| format!("cannot write `{}`: {error}", path.display()))?;
    }
    eprintln!("wrote {n_pages} man pages to {}", dir.display());
    Ok(())
}

/// Writes `bytes` to standard output; a closed pipe (`| head`) ends the output quietly.
fn print(bytes: &[u8]) -> ExitCode {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write output: {error}");
            ExitCode::from(EXIT_ERROR)
        }
        _ => ExitCode::SUCCESS,
    }
}
