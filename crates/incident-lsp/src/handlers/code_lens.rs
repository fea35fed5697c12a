//! `textDocument/codeLens` and the `incident-lint.showReport` command: the report page of
//! `incident-lint report` for the open document, as it is now, and the next step of the
//! method while the incident goes on.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use incident_report::{PageOptions, render_incident_html};
use incident_rules::Step;
use serde_json::Value;
use tower_lsp::jsonrpc;
use tower_lsp::lsp_types::request::CodeLensRequest;
use tower_lsp::lsp_types::*;

use crate::handlers::{DocumentRequest, RequestContext, Snapshot};

/// The command that renders the report of a document; its one argument is the document URI.
pub const SHOW_REPORT: &str = "incident-lint.showReport";

/// The lens title.
const SHOW_TIMELINE: &str = "Show timeline";

impl DocumentRequest for CodeLensRequest {
    fn document(params: &CodeLensParams) -> &Url {
        &params.text_document.uri
    }

    fn answer(
        cx: &mut RequestContext,
        _params: CodeLensParams,
    ) -> jsonrpc::Result<Option<Vec<CodeLens>>> {
        Ok(Some(code_lenses(&cx.snapshot)))
    }
}

/// A "Show timeline" lens on the title line (the `#` heading, else the front matter
/// `title:`, else line 0), and, while the incident goes on, the next step of the method on the
/// last section written.
pub fn code_lenses(snapshot: &Snapshot) -> Vec<CodeLens> {
    let mut lenses = vec![show_timeline(snapshot)];
    lenses.extend(next_step(snapshot));
    lenses
}

/// The step that follows what the write-up records, as `incident-lint next` prints it: a
/// lens without a command, so editors show it as text.
fn next_step(snapshot: &Snapshot) -> Option<CodeLens> {
    let analysis = &snapshot.analysis;
    let next = incident_rules::next_step(analysis.incident(), &analysis.settings);
    if next.step == Step::PostMortem {
        return None;
    }
    // The question up to its question mark; the examples after it are for the terminal.
    let question = next
        .question
        .find('?')
        .and_then(|end| next.question.get(..=end))
        .unwrap_or(&next.question);
    let at = snapshot.converter().range(next.range).start;
    Some(CodeLens {
        range: Range::new(at, at),
        command: Some(Command {
            title: format!("Next: {} \u{2014} {question}", next.step.name()),
            command: String::new(),
            arguments: None,
        }),
        data: None,
    })
}

fn show_timeline(snapshot: &Snapshot) -> CodeLens {
    let incident = snapshot.analysis.incident();
    let title = incident
        .title
        .as_ref()
        .or_else(|| incident.metadata.scalar("title"));
    let line = title.map_or(0, |title| {
        snapshot.converter().range(title.range).start.line
    });
    let at = Position::new(line, 0);
    CodeLens {
        range: Range::new(at, at),
        command: Some(Command {
            title: SHOW_TIMELINE.to_owned(),
            command: SHOW_REPORT.to_owned(),
            arguments: Some(vec![Value::String(snapshot.uri.to_string())]),
        }),
        data: None,
    }
}

/// The document URI in the arguments of `incident-lint.showReport`.
pub fn report_target(arguments: &[Value]) -> Result<Url, String> {
    let uri = arguments
        .first()
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{SHOW_REPORT} expects the document URI as its argument"))?;
    Url::parse(uri).map_err(|error| format!("{SHOW_REPORT}: `{uri}` is not a URI: {error}"))
}

/// A written report page.
#[derive(Debug)]
pub struct Report {
    /// The page.
    pub html: String,
    /// Where it was written.
    pub uri: Url,
}

/// Renders the report of the snapshot and writes it into `folder`, named after the document.
pub fn write_report(snapshot: &Snapshot, folder: &Path) -> Result<Report, String> {
    let analysis = &snapshot.analysis;
    let source_name = snapshot.uri.to_file_path().ok().map_or_else(
        || snapshot.uri.to_string(),
        |path| path.display().to_string(),
    );
    let options = PageOptions {
        today: analysis.settings.today,
        source_name,
        ..PageOptions::default()
    };
    let html = render_incident_html(analysis.incident(), &options);
    let path = folder.join(page_name(&snapshot.uri));
    write_atomically(folder, &path, &html)?;
    let uri = Url::from_file_path(&path)
        .map_err(|()| format!("cannot make a file URI of `{}`", path.display()))?;
    Ok(Report { html, uri })
}

/// `<file stem>.html`: the last path segment without `.incident` or `.incident.md`.
fn page_name(uri: &Url) -> String {
    let last = uri
        .to_file_path()
        .ok()
        .and_then(|path| {
            path.file_name()
                .map(|name| name.to_string_lossy().into_owned())
        })
        .or_else(|| {
            uri.path_segments()
                .and_then(|mut segments| segments.next_back())
                .map(str::to_owned)
        })
        .unwrap_or_default();
    let stem = last
        .strip_suffix(".incident.md")
        .or_else(|| last.strip_suffix(".incident"))
        .unwrap_or(&last);
    // Only characters that are safe in any file system's names; an untitled buffer's URI may
    // have none, so it still gets a name.
    let safe: String = stem
        .chars()
        .map(|ch| {
            if ch.is_alphanumeric() || matches!(ch, '-' | '_' | '.') {
                ch
            } else {
                '_'
            }
        })
        .collect();
    let safe = safe.trim_start_matches('.');
    if safe.is_empty() {
        "incident.html".to_owned()
    } else {
        format!("{safe}.html")
    }
}

/// Writes `text` to a temporary file in `folder` and renames it to `path`, so a browser that
/// is reading the previous page never sees half of the new one.
fn write_atomically(folder: &Path, path: &Path, text: &str) -> Result<(), String> {
    std::fs::create_dir_all(folder)
        .map_err(|error| format!("cannot create `{}`: {error}", folder.display()))?;
    // A name of its own per write, so two requests for one document never share a partial file.
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let write = WRITES.fetch_add(1, Ordering::Relaxed);
    let partial: PathBuf = path.with_extension(format!("html.{write}.partial"));
    std::fs::write(&partial, text)
        .map_err(|error| format!("cannot write `{}`: {error}", partial.display()))?;
    std::fs::rename(&partial, path).map_err(|error| {
        let _ = std::fs::remove_file(&partial);
        format!("cannot write `{}`: {error}", path.display())
    })
}

/// The folder report pages of this process are written to.
pub fn report_folder() -> PathBuf {
    std::env::temp_dir().join(format!("incident-lint-reports-{}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(uri: &str) -> Option<String> {
        Url::parse(uri).ok().map(|uri| page_name(&uri))
    }

    #[test]
    fn pages_are_named_after_the_file() {
        let named = |uri| name(uri).unwrap_or_default();
        assert_eq!(named("file:///a/b/outage.incident"), "outage.html");
        assert_eq!(named("file:///a/b/outage.incident.md"), "outage.html");
        assert_eq!(named("file:///a/b/a%20b.incident"), "a_b.html");
        assert_eq!(named("untitled:Untitled-1"), "incident.html");
        assert_eq!(named("file:///a/..incident"), "incident.html");
    }

    #[test]
    fn the_argument_must_be_a_uri() {
        assert!(report_target(&[]).is_err());
        assert!(report_target(&[Value::Bool(true)]).is_err());
        assert!(report_target(&[Value::String("not a uri".to_owned())]).is_err());
        assert!(report_target(&[Value::String("file:///a.incident".to_owned())]).is_ok());
    }
}
