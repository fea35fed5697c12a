//! `missing-required-key`: a front matter key the project requires is not written.

use incident_model::FieldValue;
use incident_syntax::SyntaxKind;

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rule::{Check, declare_rule};
use crate::settings::Settings;
use crate::skeleton;
use crate::suggest::code_list;

declare_rule! {
    /// ## What it does
    /// Reports each required front matter key that is not written, or written without a value.
    /// The required keys are `id`, `title`, `severity`, `status` and `started`, unless
    /// `required-keys` under `[front-matter]` in `incident-lint.toml` says otherwise.
    /// A file without any front matter gets one finding that lists every missing key.
    ///
    /// ## Why is this bad?
    /// The front matter is what tools and people search and sort by: which incidents are still
    /// open, how many SEV1s there were this quarter, when this one started.
    /// Without an `id`, other write-ups cannot refer to it; without `started`, the timeline's
    /// times have no day and the time to detect cannot be measured.
    ///
    /// ## Example
    /// ```incident
    /// ---
    /// title: Checkout API returns 502
    /// status: investigating
    /// ---
    ///
    /// # Checkout API returns 502
    /// ```
    ///
    /// ## Use instead
    /// ```incident
    /// ---
    /// id: INC-2026-042
    /// title: Checkout API returns 502
    /// severity: SEV2
    /// status: investigating
    /// started: 2026-11-20 14:02
    /// ---
    ///
    /// # Checkout API returns 502
    /// ```
    ///
    /// ## Fix safety
    /// When the file has no front matter, the fix inserts one at the top with every required
    /// key. `title` is taken from the `# Title` heading when there is one.
    /// `status` is the first of the `over-statuses` (`resolved`) when the write-up is plainly
    /// over: a post-mortem without an investigation (a Timeline or an Actions section), a
    /// timeline entry tagged `[resolved]`, or follow-up actions with a Lessons or Root cause
    /// section; otherwise it is the first configured status (`investigating`).
    /// The other values are placeholders that parse but do not pass the checks, so they are
    /// reported until they are filled in: `TODO`, `[TODO]` for lists and `YYYY-MM-DD HH:MM`
    /// for date-times.
    /// It is unsafe because the values have to be written by someone who knows them.
    /// A front matter that exists but lacks keys gets no fix: only the author knows the values.
    code: "INC501",
    name: "missing-required-key",
    severity: Error,
    group: Default,
    fix: Sometimes,
}

pub(crate) const CHECK: Check = Check::File(check);

fn check(cx: &mut LintContext<'_>) {
    let metadata = &cx.incident.metadata;
    let settings = cx.settings;
    let required = &settings.required_keys;
    if metadata.range.is_none() {
        if required.is_empty() {
            return;
        }
        let keys = code_list(required.iter().map(String::as_str), "and");
        let verb = if required.len() == 1 { "is" } else { "are" };
        let fix = front_matter_fix(cx);
        let status = status_to_write(cx).unwrap_or("investigating");
        cx.report(skeleton::first_line(cx.text()), format!("the write-up has no front matter: {keys} {verb} missing"))
        .help(format!("start the file with a front matter between two `---` lines, one `key: value` per line, such as `id: INC-2026-042`, `severity: SEV2`, `status: {status}` and `started: 2026-11-20 14:02`"))
        .fix(fix);
        return;
    }
    let fence = cx
        .parse
        .root()
        .child(SyntaxKind::FrontMatter)
        .and_then(|front_matter| front_matter.child(SyntaxKind::Fence))
        .map_or_else(|| skeleton::first_line(cx.text()), |fence| fence.range());
    for key in required {
        match metadata.field(key) {
            None => {
                cx.report(fence, format!("the front matter has no `{key}`"))
                    .help(format!("add {}", key_help(key, settings)));
            }
            Some(field) if field.value == FieldValue::Empty => {
                cx.report(field.key.range, format!("`{key}` has no value"))
                    .help(format!("write its value: {}", key_help(key, settings)));
            }
            Some(_) => {}
        }
    }
}

/// Inserts a front matter with every required key at the top of the file.
fn front_matter_fix(cx: &LintContext<'_>) -> Fix {
    let text = cx.text();
    let mut lines = vec!["---".to_owned()];
    for key in &cx.settings.required_keys {
        let value = match key.as_str() {
            "title" => cx
                .incident
                .title
                .as_ref()
                .map_or_else(|| "TODO".to_owned(), |title| scalar(&title.value)),
            "status" => status_to_write(cx).map_or_else(|| "TODO".to_owned(), scalar),
            "started" | "detected" | "mitigated" | "resolved" => "YYYY-MM-DD HH:MM".to_owned(),
            "services" | "authors" => "[TODO]".to_owned(),
            _ => "TODO".to_owned(),
        };
        lines.push(format!("{key}: {value}"));
    }
    lines.push("---".to_owned());
    let start = skeleton::first_line(text).start();
    let rest = text.get(start as usize..).unwrap_or_default();
    let starts_blank = rest.starts_with(['\n', '\r']);
    if !rest.is_empty() && !starts_blank {
        lines.push(String::new());
    }
    Fix {
        title: "insert a front matter with the required keys".to_owned(),
        edits: vec![Edit::insert(start, skeleton::lines(text, &lines))],
        applicability: Applicability::Unsafe,
    }
}

/// The status a new front matter gets: an over status (`resolved`) when the write-up is
/// plainly over, so that the fix does not reopen a closed archive's post-mortem, else the first
/// configured status (`investigating`).
fn status_to_write<'a>(cx: &LintContext<'a>) -> Option<&'a str> {
    let settings = cx.settings;
    let statuses = if cx.is_over() || cx.incident.reads_as_finished() {
        &settings.over_statuses
    } else {
        &settings.statuses
    };
    statuses
        .first()
        .or(settings.statuses.first())
        .map(String::as_str)
}

/// What to write for `key`, with an example line.
fn key_help(key: &str, settings: &Settings) -> String {
    let one_of = |values: &[String]| code_list(values.iter().map(String::as_str), "or");
    match key {
        "id" => "`id: INC-2026-042`: other write-ups and follow-up actions refer to the incident by it".to_owned(),
        "title" => "`title: Checkout API returns 502 after credential rotation`: one line that says what broke".to_owned(),
        "severity" => format!(
            "`severity: {}`, one of {}",
            settings.severities.get(1).or(settings.severities.first()).map_or("SEV2", String::as_str),
            one_of(&settings.severities)
        ),
        "status" => format!(
            "`status: {}`, one of {}",
            settings.statuses.first().map_or("investigating", String::as_str),
            one_of(&settings.statuses)
        ),
        "started" => "`started: 2026-11-20 14:02`: when the problem began, which is often before anyone noticed".to_owned(),
        "detected" => "`detected: 2026-11-20 14:09`: when someone or something noticed the problem".to_owned(),
        "mitigated" => "`mitigated: 2026-11-20 14:40`: when the impact was stopped or reduced".to_owned(),
        "resolved" => "`resolved: 2026-11-20 15:31`: when the system was back to normal".to_owned(),
        "timezone" => "`timezone: Europe/Berlin`, the zone of every time written without an offset".to_owned(),
        "services" => "`services: [checkout-api, postgres]`, the services affected".to_owned(),
        "authors" => "`authors: [ana, bo]`, the people who wrote the document".to_owned(),
        _ => format!("`{key}: ...`: `incident-lint.toml` lists it in `required-keys`"),
    }
}

/// `value` as a front matter scalar, quoted when it would not read back as written.
fn scalar(value: &str) -> String {
    let needs_quotes = value.is_empty()
        || value != value.trim()
        || value.starts_with(['"', '\'', '[', '#', '|', '>'])
        || value.contains(" #")
        || value.contains('\t');
    if needs_quotes {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        value.to_owned()
    }
}
