//! The method end to end: two incidents, each written twice. The panic versions (a guess
//! first, no observations, rejections without reasons, a timeline of milestones) must fail
//! with the method's errors first; the faithful versions must pass with every rule selected.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::path::Path;
use std::process::Command;

const STORIES: [&str; 2] = ["auth-fails-again", "configmap-not-reloaded"];

struct Run {
    code: i32,
    stdout: String,
}

fn lint(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_incident-lint"))
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/method"))
        .args(["--isolated", "--color", "never", "--select", "all"])
        .args(args)
        .output()
        .expect("runs the binary");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
    }
}

#[test]
fn panic_write_ups_fail_with_the_method_errors_first() {
    for story in STORIES {
        let path = format!("panic/{story}.incident");
        let human = lint(&[&path]);
        assert_eq!(human.code, 1, "{}", human.stdout);
        let first = human.stdout.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("error[INC1") || first.starts_with("error[INC2"),
            "{story}: the first finding is not a method error: {first}"
        );
        let concise = lint(&["--format", "concise", &path]);
        insta::assert_snapshot!(format!("panic_{story}"), concise.stdout);
    }
}

#[test]
fn faithful_write_ups_pass_with_every_rule() {
    for story in STORIES {
        let path = format!("faithful/{story}.incident");
        let run = lint(&[&path]);
        assert_eq!(run.code, 0, "{}", run.stdout);
        assert!(
            run.stdout.contains("All checks passed"),
            "{story}:\n{}",
            run.stdout
        );
    }
}

#[test]
fn unsafe_fixes_leave_placeholders_that_still_fail() {
    let scratch = tempfile::tempdir().unwrap();
    for story in STORIES {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/method/panic/{story}.incident"));
        let path = scratch.path().join(format!("{story}.incident"));
        std::fs::copy(&from, &path).unwrap();
        let path = path.to_str().unwrap();
        lint(&["--fix", "--unsafe-fixes", path]);
        let after = lint(&["--format", "concise", path]);
        assert_ne!(
            after.code, 0,
            "{story}: placeholders pass:\n{}",
            after.stdout
        );
    }
}
