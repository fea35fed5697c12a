//! `incident-lint report`: an HTML page for an incident, or for a folder a page per incident
//! and an index page with the numbers across them.

use std::collections::BTreeMap;
use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use incident_report::{
    ArchiveStats, ArchivedIncident, IndexEntry, PageOptions, render_incident_html,
    render_index_html,
};

use crate::archive::{self, ArchiveFile};
use crate::check::EXIT_ERROR;
use crate::cli::ReportArgs;

/// Runs the report command.
pub fn run(args: &ReportArgs) -> ExitCode {
    let today = match archive::today(args.today.as_deref()) {
        Ok(today) => today,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let is_directory = args.path.is_dir();
    if is_directory && args.output.is_none() {
        eprintln!(
            "error: `{}` is a folder: name the folder to write its pages into with `-o`, such as `incident-lint report {} -o report`",
            args.path.display(),
            args.path.display()
        );
        return ExitCode::from(EXIT_ERROR);
    }
    let archive = archive::read(std::slice::from_ref(&args.path), today);
    if archive.files.is_empty() {
        if !archive.failed {
            eprintln!(
                "error: no incident files in `{}`: they are named *.incident or *.incident.md",
                args.path.display()
            );
        }
        return ExitCode::from(EXIT_ERROR);
    }
    let written = match (&args.output, is_directory) {
        (Some(folder), true) => write_folder(&args.path, &archive.files, folder, today),
        (output, _) => write_page(&archive.files, output.as_deref(), today),
    };
    match written {
        Ok(()) if archive.failed => ExitCode::from(EXIT_ERROR),
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// One file's page, to `output` or standard output.
fn write_page(
    files: &[ArchiveFile],
    output: Option<&Path>,
    today: jiff::civil::Date,
) -> Result<(), String> {
    let Some(file) = files.first() else {
        return Ok(());
    };
    let options = PageOptions {
        today: Some(today),
        source_name: file.path.display().to_string(),
        ..PageOptions::default()
    };
    let html = render_incident_html(&file.checked.incident, &options);
    match output {
        Some(output) => std::fs::write(output, &html)
            .map_err(|error| format!("cannot write `{}`: {error}", output.display())),
        None => {
            let mut stdout = io::stdout().lock();
            match stdout.write_all(html.as_bytes()) {
                Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
                    Err(format!("cannot write output: {error}"))
                }
                _ => Ok(()),
            }
        }
    }
}

/// A page per file and `index.html`, into `folder`.
fn write_folder(
    root: &Path,
    files: &[ArchiveFile],
    folder: &Path,
    today: jiff::civil::Date,
) -> Result<(), String> {
    std::fs::create_dir_all(folder)
        .map_err(|error| format!("cannot create `{}`: {error}", folder.display()))?;
    let page_names = page_names(root, files);
    let archived: Vec<ArchivedIncident<'_>> = files
        .iter()
        .map(|file| ArchivedIncident {
            name: file.path.display().to_string(),
            incident: &file.checked.incident,
            diagnostics: &file.checked.diagnostics,
        })
        .collect();
    let incident_pages: BTreeMap<String, String> = archived
        .iter()
        .zip(&page_names)
        .map(|(archived, page)| (archived.id().to_owned(), page.clone()))
        .collect();
    for (archived, page) in archived.iter().zip(&page_names) {
        let options = PageOptions {
            today: Some(today),
            source_name: archived.name.clone(),
            index_href: Some("index.html".to_owned()),
            incident_pages: incident_pages.clone(),
        };
        let path = folder.join(page);
        std::fs::write(&path, render_incident_html(archived.incident, &options))
            .map_err(|error| format!("cannot write `{}`: {error}", path.display()))?;
    }
    let stats = ArchiveStats::compute(&archived, Some(today));
    let entries: Vec<IndexEntry<'_>> = archived
        .iter()
        .zip(&page_names)
        .map(|(archived, page)| IndexEntry {
            archived,
            href: page.clone(),
        })
        .collect();
    let index = folder.join("index.html");
    std::fs::write(&index, render_index_html(&entries, &stats, Some(today)))
        .map_err(|error| format!("cannot write `{}`: {error}", index.display()))?;
    eprintln!(
        "wrote {} pages and index.html to {}",
        files.len(),
        folder.display()
    );
    Ok(())
}

/// A page name per file: its path under `root`, folders joined with `-`, and `.html`;
/// a number is added when two files would get the same name.
fn page_names(root: &Path, files: &[ArchiveFile]) -> Vec<String> {
    let mut taken = HashSet::new();
    files
        .iter()
        .map(|file| {
            let relative: PathBuf = file
                .path
                .strip_prefix(root)
                .unwrap_or(&file.path)
                .to_owned();
            let mut stem = relative
                .components()
                .map(|component| component.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("-");
            for extension in [".incident.md", ".incident", ".md"] {
                if let Some(without) = stem.strip_suffix(extension) {
                    stem = without.to_owned();
                    break;
                }
            }
            let mut name = format!("{stem}.html");
            let mut number = 2;
            while name == "index.html" || !taken.insert(name.clone()) {
                name = format!("{stem}-{number}.html");
                number += 1;
            }
            name
        })
        .collect()
}
