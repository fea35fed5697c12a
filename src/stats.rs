//! `incident-lint stats`: numbers across incidents, as tables, JSON or CSV.

use std::io::{self, Write};
use std::process::ExitCode;

use incident_model::format_duration;
use incident_report::{ArchiveStats, ArchivedIncident, Summary};
use jiff::SignedDuration;

use crate::archive;
use crate::check::EXIT_ERROR;
use crate::cli::{StatsArgs, StatsFormat};

/// Runs the stats command.
pub fn run(args: &StatsArgs) -> ExitCode {
    let today = match archive::today(args.today.as_deref()) {
        Ok(today) => today,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let archive = archive::read(&args.paths, today);
    let archived: Vec<ArchivedIncident<'_>> = archive
        .files
        .iter()
        .map(|file| ArchivedIncident {
            name: file.path.display().to_string(),
            incident: &file.checked.incident,
            diagnostics: &file.checked.diagnostics,
        })
        .collect();
    let stats = ArchiveStats::compute(&archived, Some(today));
    let mut stdout = io::stdout().lock();
    let written = match args.format {
        StatsFormat::Text => write_text(&mut stdout, &stats),
        StatsFormat::Json => serde_json::to_writer_pretty(&mut stdout, &stats)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(stdout)),
        StatsFormat::Csv => write_csv(&mut stdout, &stats),
    };
    match written {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write output: {error}");
            ExitCode::from(EXIT_ERROR)
        }
        _ if archive.failed => ExitCode::from(EXIT_ERROR),
        _ => ExitCode::SUCCESS,
    }
}

/// One row per number: `measure,group,key,value`, the long form spreadsheets pivot.
fn write_csv(out: &mut impl Write, stats: &ArchiveStats) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(["measure", "group", "key", "value"])?;
    for row in stats.rows() {
        writer.write_record(&row)?;
    }
    writer.flush()
}

fn write_text(out: &mut impl Write, stats: &ArchiveStats) -> io::Result<()> {
    writeln!(out, "{} incidents", stats.incidents)?;
    writeln!(
        out,
        "{} of {} write-ups ({:.0} %) followed the method: no error of the INC1xx and INC2xx rules",
        stats.method.followed,
        stats.method.total,
        stats.method.share * 100.0
    )?;
    let counts = |map: &std::collections::BTreeMap<String, usize>| -> Vec<Vec<String>> {
        map.iter()
            .map(|(key, count)| vec![key.clone(), count.to_string()])
            .collect()
    };
    table(
        out,
        "By severity",
        &["severity", "incidents"],
        counts(&stats.by_severity),
    )?;
    table(
        out,
        "By service",
        &["service", "incidents"],
        counts(&stats.by_service),
    )?;
    let minutes = |summary: &Summary, value: Option<i64>| match value {
        Some(minutes) if summary.measured > 0 => {
            format_duration(SignedDuration::from_mins(minutes))
        }
        _ => "-".to_owned(),
    };
    let durations = stats
        .durations_by_severity
        .iter()
        .map(|(severity, durations)| {
            let (detect, resolve) = (&durations.time_to_detect, &durations.time_to_resolve);
            vec![
                severity.clone(),
                minutes(detect, detect.median_minutes),
                minutes(detect, detect.p90_minutes),
                minutes(resolve, resolve.median_minutes),
                minutes(resolve, resolve.p90_minutes),
                format!("{}/{}", detect.measured, resolve.measured),
            ]
        })
        .collect();
    table(
        out,
        "Time to detect and to resolve",
        &[
            "severity",
            "detect median",
            "detect p90",
            "resolve median",
            "resolve p90",
            "measured",
        ],
        durations,
    )?;
    for (title, key, map) in [
        ("Open actions by owner", "owner", &stats.actions_by_owner),
        (
            "Open actions by category",
            "category",
            &stats.actions_by_category,
        ),
    ] {
        let rows = map
            .iter()
            .map(|(name, count)| {
                vec![
                    name.clone(),
                    count.open.to_string(),
                    count.overdue.to_string(),
                ]
            })
            .collect();
        table(out, title, &[key, "open", "overdue"], rows)?;
    }
    table(
        out,
        "Action mix",
        &["category", "actions"],
        counts(&stats.action_mix),
    )?;
    let recurrences = stats
        .recurrences
        .iter()
        .map(|recurrence| {
            vec![
                recurrence.incident.clone(),
                recurrence.hypothesis.clone(),
                recurrence.earlier.clone(),
            ]
        })
        .collect();
    table(
        out,
        "Recurrences: hypotheses that point at an earlier incident",
        &["incident", "hypothesis", "earlier incident"],
        recurrences,
    )
}

/// A titled table with columns padded to their widest cell; numbers are right-aligned.
fn table(
    out: &mut impl Write,
    title: &str,
    header: &[&str],
    rows: Vec<Vec<String>>,
) -> io::Result<()> {
    writeln!(out, "\n{title}")?;
    if rows.is_empty() {
        return writeln!(out, "  (none)");
    }
    let header: Vec<String> = header.iter().map(|cell| (*cell).to_owned()).collect();
    let is_number = |cell: &String| cell.starts_with(|c: char| c.is_ascii_digit() || c == '-');
    let numeric: Vec<bool> = (0..header.len())
        .map(|column| {
            column > 0
                && rows
                    .iter()
                    .all(|row| row.get(column).is_some_and(is_number))
        })
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|column| {
            std::iter::once(&header)
                .chain(&rows)
                .filter_map(|row| row.get(column))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::from(" ");
        for ((cell, width), right) in row.iter().zip(&widths).zip(&numeric) {
            if *right {
                line.push_str(&format!(" {cell:>width$}"));
            } else {
                line.push_str(&format!(" {cell:<width$}"));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
