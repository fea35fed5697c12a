//! Presets: the headings of the post-mortem templates teams use, mapped to section kinds, so an
//! archive written from one of them is read without a table of aliases.

use incident_syntax::SectionKind::{
    self, Actions, Cause, Impact, Lessons, Other, Summary, Timeline,
};

use crate::settings::Settings;

/// A template's headings and what they stand for.
#[derive(Debug, PartialEq, Eq)]
pub struct Preset {
    /// The name used in `preset = "..."` and `--preset`.
    pub name: &'static str,
    /// The template it reads, for the documentation.
    pub template: &'static str,
    /// Heading text mapped to a kind; `Other` marks a heading known but outside the method.
    pub sections: &'static [(&'static str, SectionKind)],
}

/// Every preset, documented in `docs/adopting.md`.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "plain",
        template: "Summary / Impact / Root cause / Timeline / Action items",
        sections: &[
            ("Summary", Summary),
            ("Impact", Impact),
            ("Root cause", Cause),
            ("Timeline", Timeline),
            ("Action items", Actions),
        ],
    },
    Preset {
        name: "google-sre",
        template: "the example post-mortem of Google's SRE book",
        sections: &[
            ("Summary", Summary),
            ("Impact", Impact),
            ("Root causes", Cause),
            ("Trigger", Cause),
            ("Resolution", Other),
            ("Detection", Other),
            ("Action items", Actions),
            ("Lessons learned", Lessons),
            ("What went well", Lessons),
            ("What went wrong", Lessons),
            ("Where we got lucky", Lessons),
            ("Timeline", Timeline),
            ("Supporting information", Other),
        ],
    },
    Preset {
        name: "pagerduty",
        template: "PagerDuty's post-mortem template",
        sections: &[
            ("Overview", Summary),
            ("What happened", Other),
            ("Contributing factors", Cause),
            ("Resolution", Other),
            ("Impact", Impact),
            ("Responders", Other),
            ("Timeline", Timeline),
            ("How'd we do?", Lessons),
            ("How did we do", Lessons),
            ("What went well", Lessons),
            ("What didn't go so well", Lessons),
            ("Action items", Actions),
            ("Messaging", Other),
            ("Internal", Other),
            ("External", Other),
        ],
    },
    Preset {
        name: "atlassian",
        template: "Atlassian's incident post-mortem template",
        sections: &[
            ("Incident summary", Summary),
            ("Leadup", Other),
            ("Fault", Cause),
            ("Impact", Impact),
            ("Detection", Other),
            ("Response", Other),
            ("Recovery", Other),
            ("Timeline", Timeline),
            ("Five whys", Cause),
            ("Root cause", Cause),
            ("Backlog check", Other),
            ("Recurrence", Other),
            ("Lessons learned", Lessons),
            ("Corrective actions", Actions),
        ],
    },
];

/// The preset named `name`.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|preset| preset.name == name.trim())
}

impl Preset {
    /// Adds the template's headings to the section table. Templates keep their facts in
    /// prose, not front matter, so no front matter key is required either.
    pub fn apply(&self, settings: &mut Settings) {
        for (heading, kind) in self.sections {
            settings.sections.add_alias(heading, *kind);
        }
        settings.required_keys.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_reads_its_template_headings() {
        for preset in PRESETS {
            let mut settings = Settings::default();
            preset.apply(&mut settings);
            for (heading, kind) in preset.sections {
                assert_eq!(
                    settings.sections.kind_of(heading),
                    *kind,
                    "{}: {heading}",
                    preset.name
                );
            }
        }
        assert_eq!(
            find("pagerduty").map(|preset| preset.name),
            Some("pagerduty")
        );
        assert_eq!(find("jira"), None);
    }

    #[test]
    fn every_preset_heading_is_documented() {
        let page = include_str!("../../../docs/adopting.md");
        for preset in PRESETS {
            let title = format!("### `{}`: {}\n", preset.name, preset.template);
            let Some(start) = page.find(&title) else {
                panic!(
                    "docs/adopting.md has no table for the preset {}",
                    preset.name
                );
            };
            let table = page[start + title.len()..]
                .split("\n### ")
                .next()
                .unwrap_or_default();
            for (heading, kind) in preset.sections {
                let row = format!("| `{heading}` | `{}` |", kind.name());
                assert!(
                    table.contains(&row),
                    "docs/adopting.md, {}: no row {row}",
                    preset.name
                );
            }
            let rows = table.lines().filter(|line| line.starts_with("| `")).count();
            assert_eq!(
                rows,
                preset.sections.len(),
                "docs/adopting.md, {}: extra rows",
                preset.name
            );
        }
    }
}
