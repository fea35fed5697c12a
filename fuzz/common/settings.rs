//! Settings shared by the fuzz targets.

use incident_rules::{RuleSelection, Settings};

/// Every rule, pedantic and preview ones included, with a fixed `today` so that a crash
/// replays on any day.
pub fn every_rule() -> Settings {
    Settings {
        today: "2026-11-27".parse().ok(),
        rules: RuleSelection::every_rule(),
        ..Settings::default()
    }
}
