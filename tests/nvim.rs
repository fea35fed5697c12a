//! End-to-end test in a real editor: headless Neovim with the `editors/nvim` plugin starts
//! `incident-lint lsp`, shows decide-without-observe, sets the buffer's omnifunc and keymaps,
//! answers a hover, and applies the quick fix.
//!
//! The test is skipped (with a message) only when `nvim` is not installed; CI installs it
//! (`apt-get install -y neovim`).

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FIXTURE: &str = "\
# Search down

## Decide

- H1: same as last time, the index node ran out of disk again

## Act

- H1 rejected: disk is at 40% on every node
";

#[test]
fn neovim_shows_decide_without_observe_and_applies_its_quick_fix() {
    let installed = Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !installed {
        eprintln!("skipped: `nvim` is not installed (apt-get install -y neovim)");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let folder = tempfile::tempdir().unwrap();
    let fixture = folder.path().join("search.incident");
    std::fs::write(&fixture, FIXTURE).unwrap();
    let report = folder.path().join("report.txt");
    let mut child = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!(
            "luafile {}",
            root.join("tests/nvim/driver.lua").display()
        ))
        .env("INCIDENT_LINT_PLUGIN", root.join("editors/nvim"))
        .env("INCIDENT_LINT_BIN", env!("CARGO_BIN_EXE_incident-lint"))
        .env("INCIDENT_FIXTURE", &fixture)
        .env("INCIDENT_REPORT", &report)
        .current_dir(folder.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start nvim");
    let deadline = Instant::now() + Duration::from_secs(90);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let report = std::fs::read_to_string(&report)
        .unwrap_or_else(|error| panic!("nvim wrote no report ({error}); it exited with {status}"));
    assert!(report.lines().any(|line| line == "done"), "{report}");
    assert!(
        !report.lines().any(|line| line.starts_with("error")),
        "{report}"
    );
    assert!(report.contains("filetype incident\n"), "{report}");
    assert!(
        report
            .lines()
            .any(|line| line.starts_with("diagnostic INC101 2 decided before observing")),
        "{report}"
    );
    // The default on_attach makes completion and hover reachable on Neovim 0.7.
    assert!(
        report.contains("omnifunc v:lua.vim.lsp.omnifunc\n"),
        "{report}"
    );
    for lhs in ["K", "gd", "<leader>ca"] {
        assert!(report.contains(&format!("keymap {lhs}\n")), "{report}");
    }
    assert!(report.contains("hover answered\n"), "{report}");
    assert!(
        report.contains("applied Insert Observe and Orient sections"),
        "{report}"
    );
    let saved = std::fs::read_to_string(&fixture).unwrap();
    let observe = saved
        .find("## Observe")
        .expect("an Observe section was inserted");
    let decide = saved.find("## Decide").unwrap();
    assert!(observe < decide, "{saved}");
    assert!(saved.contains("- O1: TODO"), "{saved}");
}
