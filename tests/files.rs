//! Hostile files: FIFOs, sockets, devices, folders named like incident files, files edited by
//! another process while they are fixed, hard links, read-only files, odd names, and kills in
//! the middle of a write. Each test runs the real binary on real files.

#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::fs;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const GOOD: &str = include_str!("../examples/checkout-502.incident");
/// A file with a safe fix: the heading `Timline` becomes `Timeline`.
const FIXABLE: &str = "# A\n\n## Timline\n\n- 09:12 x [started]\n";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary in `dir`, and fails the test rather than hang when it does not end.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    finish(spawn_in(dir, args, &[]), args)
}

fn spawn_in(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_incident-lint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .envs(env.iter().map(|(key, value)| (key, value)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn finish(mut child: Child, args: &[&str]) -> Run {
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            let output = child.wait_with_output().unwrap();
            panic!(
                "`incident-lint {}` did not end: {}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().unwrap();
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// Waits until the binary stopped at its test hook, which creates `signal`.
fn wait_for(signal: &Path) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !signal.exists() {
        assert!(Instant::now() < deadline, "the binary never paused");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn fifos_sockets_devices_and_folders_named_like_incidents_are_refused_by_name() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    fs::write(dir.join("good.incident"), GOOD).unwrap();
    fs::write(dir.join("fixable.incident"), FIXABLE).unwrap();
    mkfifo(&dir.join("pipe.incident"));
    let _socket = std::os::unix::net::UnixListener::bind(dir.join("socket.incident")).unwrap();
    fs::create_dir(dir.join("folder.incident")).unwrap();
    let fifo_message =
        "error: pipe.incident: not a regular file (a FIFO): to check what a pipe carries";
    let socket_message = "error: socket.incident: not a regular file (a socket)";
    let folder_message = "error: folder.incident: not a regular file (a directory)";
    for args in [
        &["--format", "concise", "pipe.incident", "fixable.incident"][..],
        &["--format", "concise", "."],
        &["--format", "concise", "--fix", "."],
    ] {
        let result = run_in(dir, args);
        assert_eq!(result.code, 2, "{args:?}: {}", result.stderr);
        assert!(result.stderr.contains(fifo_message), "{}", result.stderr);
        assert!(
            result.stdout.contains("fixable.incident:") || args.contains(&"--fix"),
            "the other files are checked: {}",
            result.stdout
        );
        if args.contains(&".") {
            assert!(result.stderr.contains(socket_message), "{}", result.stderr);
            assert!(result.stderr.contains(folder_message), "{}", result.stderr);
        }
    }
    assert!(
        fs::read_to_string(dir.join("fixable.incident"))
            .unwrap()
            .contains("## Timeline\n"),
        "--fix goes on with the other files"
    );
    fs::write(dir.join("fixable.incident"), FIXABLE).unwrap();
    fs::write(dir.join("messy.incident"), "# A\n\n\n\n## Timeline\n").unwrap();
    for args in [
        &["fmt", "pipe.incident", "messy.incident"][..],
        &["fmt", "."],
        &[
            "fmt",
            "--check",
            "folder.incident",
            "socket.incident",
            "/dev/null",
        ],
    ] {
        let result = run_in(dir, args);
        assert_eq!(result.code, 2, "{args:?}: {}", result.stderr);
        assert!(
            result.stderr.contains("not a regular file"),
            "{args:?}: {}",
            result.stderr
        );
    }
    assert_eq!(
        fs::read_to_string(dir.join("messy.incident")).unwrap(),
        "# A\n\n## Timeline\n",
        "fmt goes on with the other files"
    );
    let device = run_in(dir, &["/dev/null"]);
    assert_eq!(device.code, 2);
    assert!(
        device
            .stderr
            .contains("/dev/null: not a regular file (a device)"),
        "{}",
        device.stderr
    );
}

#[test]
fn fmt_warns_about_a_folder_without_incident_files_and_has_max_file_size() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    fs::create_dir(dir.join("empty")).unwrap();
    let empty = run_in(dir, &["fmt", "empty"]);
    assert_eq!(empty.code, 0);
    assert!(
        empty.stderr.contains("warning: no incident files in empty"),
        "{}",
        empty.stderr
    );
    fs::write(dir.join("big.incident"), GOOD).unwrap();
    let big = run_in(dir, &["fmt", "--max-file-size", "100", "big.incident"]);
    assert_eq!(big.code, 2);
    assert!(
        big.stderr
            .contains("more than the limit of 100 bytes (see --max-file-size)"),
        "{}",
        big.stderr
    );
}

#[test]
fn an_edit_made_by_another_program_while_fixing_or_formatting_is_kept() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let signal = dir.join("paused");
    let edited = "# A\n\nwritten by someone else meanwhile\n";
    for args in [&["--fix", "a.incident"][..], &["fmt", "a.incident"]] {
        fs::write(dir.join("a.incident"), "# A\n\n\n\n## Timline\n").unwrap();
        let child = spawn_in(
            dir,
            args,
            &[("INCIDENT_LINT_TEST_PAUSE_BEFORE_REPLACING", &signal)],
        );
        wait_for(&signal);
        // Another program saves the file while incident-lint has the new text ready.
        fs::write(dir.join("a.incident"), edited).unwrap();
        fs::remove_file(&signal).unwrap();
        let result = finish(child, args);
        assert_eq!(result.code, 2, "{args:?}: {}", result.stderr);
        assert!(
            result.stderr.contains(
                "error: a.incident: not written: the file changed while incident-lint worked on it"
            ),
            "{args:?}: {}",
            result.stderr
        );
        assert_eq!(fs::read_to_string(dir.join("a.incident")).unwrap(), edited);
        let names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.incident"], "no temporary file is left behind");
    }
}

#[test]
fn fixing_keeps_owner_group_and_hard_links_and_refuses_read_only_files() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();

    // Run as root, a fix must not hand the user's file to root.
    let is_root = fs::metadata("/proc/self").is_ok_and(|proc| proc.uid() == 0);
    fs::write(dir.join("owned.incident"), FIXABLE).unwrap();
    if is_root {
        std::os::unix::fs::chown(dir.join("owned.incident"), Some(4321), Some(4322)).unwrap();
    }
    let before = fs::metadata(dir.join("owned.incident")).unwrap();
    let fixed = run_in(
        dir,
        &["--fix", "--select", "unknown-section", "owned.incident"],
    );
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    let after = fs::metadata(dir.join("owned.incident")).unwrap();
    assert!(
        fs::read_to_string(dir.join("owned.incident"))
            .unwrap()
            .contains("## Timeline")
    );
    assert_eq!(
        (after.uid(), after.gid()),
        (before.uid(), before.gid()),
        "owner and group are kept"
    );
    assert_ne!(
        after.ino(),
        before.ino(),
        "the file was replaced by a rename"
    );

    // Hard links stay one file: the fix is refused rather than splitting them.
    fs::write(dir.join("linked.incident"), FIXABLE).unwrap();
    fs::hard_link(dir.join("linked.incident"), dir.join("other-name.incident")).unwrap();
    let linked = run_in(
        dir,
        &["--fix", "--select", "unknown-section", "linked.incident"],
    );
    assert_eq!(linked.code, 2, "{}", linked.stderr);
    assert!(
        linked.stderr.contains(
            "linked.incident: not written: the file has 2 hard links, and replacing it would split them"
        ),
        "{}",
        linked.stderr
    );
    let linked_metadata = fs::metadata(dir.join("linked.incident")).unwrap();
    assert_eq!(linked_metadata.nlink(), 2);
    assert_eq!(
        linked_metadata.ino(),
        fs::metadata(dir.join("other-name.incident")).unwrap().ino()
    );
    assert_eq!(
        fs::read_to_string(dir.join("linked.incident")).unwrap(),
        FIXABLE
    );

    // A read-only file is refused, with a way to proceed, even for root.
    fs::write(dir.join("read-only.incident"), FIXABLE).unwrap();
    fs::set_permissions(
        dir.join("read-only.incident"),
        fs::Permissions::from_mode(0o444),
    )
    .unwrap();
    let read_only = run_in(
        dir,
        &["--fix", "--select", "unknown-section", "read-only.incident"],
    );
    assert_eq!(read_only.code, 2, "{}", read_only.stderr);
    assert!(
        read_only.stderr.contains(
            "read-only.incident: not written: the file is read-only; make it writable (`chmod u+w`)"
        ),
        "{}",
        read_only.stderr
    );
    assert_eq!(
        fs::read_to_string(dir.join("read-only.incident")).unwrap(),
        FIXABLE
    );
    assert!(
        read_only.stdout.contains("unknown section `Timline`")
            && !read_only.stdout.contains("Fixed"),
        "the findings of the file as it stays are shown: {}",
        read_only.stdout
    );
}

/// Names of the temporary files in `dir`.
fn temporary_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".incident-lint-") && name.ends_with(".tmp"))
        .collect()
}

#[test]
fn kill_9_during_fix_or_fmt_leaves_each_file_old_or_new_and_the_next_run_cleans_up() {
    // Set INCIDENT_LINT_KILL_ROUNDS for a longer run; docs/reliability.md has the figures.
    let rounds: u32 = std::env::var("INCIDENT_LINT_KILL_ROUNDS")
        .ok()
        .and_then(|rounds| rounds.parse().ok())
        .unwrap_or(20);
    let n_files = 8;
    // Large enough that writing takes a while: a misspelled heading for --fix, star bullets and
    // extra blank lines for fmt.
    let mut old = String::from("# A\n\n\n\n## Timline\n\n");
    for minute in 0..1500 {
        old.push_str(&format!(
            "* 09:{:02} step {minute} of the rollback\n",
            minute % 60
        ));
    }
    for args in [
        &[
            "--fix",
            "--select",
            "unknown-section",
            "--threads",
            "2",
            ".",
        ][..],
        &["fmt", "."],
    ] {
        let scratch = tempfile::tempdir().unwrap();
        let dir = scratch.path();
        let names: Vec<String> = (0..n_files).map(|n| format!("f{n:02}.incident")).collect();
        let reset = || {
            for name in &names {
                fs::write(dir.join(name), &old).unwrap();
            }
        };
        reset();
        let started = Instant::now();
        let complete = run_in(dir, args);
        let full_run = started.elapsed();
        assert!(complete.code <= 1, "{args:?}: {}", complete.stderr);
        let new = fs::read_to_string(dir.join(&names[0])).unwrap();
        assert_ne!(new, old, "{args:?} changes the file");
        let (mut killed_while_running, mut temporaries_left) = (0, 0);
        for round in 0..rounds {
            reset();
            let mut child = spawn_in(dir, args, &[]);
            std::thread::sleep(full_run * round / rounds);
            if child.try_wait().unwrap().is_none() {
                killed_while_running += 1;
            }
            child.kill().unwrap();
            child.wait().unwrap();
            for name in &names {
                let text = fs::read_to_string(dir.join(name)).unwrap();
                assert!(
                    text == old || text == new,
                    "{args:?}, round {round}: {name} is torn ({} bytes)",
                    text.len()
                );
            }
            temporaries_left += temporary_files(dir).len();
        }
        reset();
        let cleaning = run_in(dir, args);
        assert!(cleaning.code <= 1, "{args:?}: {}", cleaning.stderr);
        for name in &names {
            assert_eq!(fs::read_to_string(dir.join(name)).unwrap(), new);
        }
        assert_eq!(
            temporary_files(dir),
            Vec::<String>::new(),
            "{args:?}: the next run removes what killed runs left"
        );
        eprintln!(
            "{args:?}: {rounds} kill -9, {killed_while_running} while running, {temporaries_left} temporary file(s) left and removed, {n_files} files each old or new after every kill"
        );
        assert!(
            killed_while_running > 0,
            "{args:?}: no kill hit a running process"
        );
    }
}

#[test]
fn a_writing_run_removes_only_its_own_stale_temporary_files() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    fs::write(dir.join("a.incident"), FIXABLE).unwrap();
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    for name in [".incident-lint-Xy12Ab34Cd.tmp", ".incident-lint-notes.tmp"] {
        let file = fs::File::create(dir.join(name)).unwrap();
        file.set_modified(hour_ago).unwrap();
    }
    let result = run_in(dir, &["--fix", "--select", "unknown-section", "a.incident"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result.stderr.contains(
            ".incident-lint-Xy12Ab34Cd.tmp, left by an earlier run that was stopped while writing"
        ),
        "{}",
        result.stderr
    );
    assert_eq!(
        temporary_files(dir),
        [".incident-lint-notes.tmp"],
        "a file that only looks like ours stays"
    );
}

#[test]
fn a_panic_on_one_file_is_an_internal_error_that_names_it_and_the_others_are_checked() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let panic_on_b = [("INCIDENT_LINT_TEST_PANIC_ON", Path::new("b.incident"))];
    let internal_error = "error: b.incident: internal error while checking this file (test hook: panic while checking b.incident)";
    for args in [
        &[
            "--format",
            "concise",
            "--select",
            "unknown-section",
            "--threads",
            "1",
        ][..],
        &[
            "--format",
            "concise",
            "--select",
            "unknown-section",
            "--threads",
            "3",
        ],
        &["--fix", "--select", "unknown-section"],
        &["fmt"],
    ] {
        for name in ["a.incident", "b.incident", "c.incident"] {
            fs::write(dir.join(name), "# A\n\n\n## Timline\n").unwrap();
        }
        let result = finish(spawn_in(dir, args, &panic_on_b), args);
        assert_eq!(result.code, 2, "{args:?}: {}", result.stderr);
        assert!(
            result.stderr.contains(internal_error),
            "{args:?}: {}",
            result.stderr
        );
        assert_eq!(
            fs::read_to_string(dir.join("b.incident")).unwrap(),
            "# A\n\n\n## Timline\n",
            "the file that failed is unchanged"
        );
        if args.contains(&"concise") {
            assert_eq!(
                result.stdout,
                "a.incident:4:4: warning[INC509] unknown section `Timline` [fix]\n\
                 c.incident:4:4: warning[INC509] unknown section `Timline` [fix]\n"
            );
        } else {
            for name in ["a.incident", "c.incident"] {
                assert_ne!(
                    fs::read_to_string(dir.join(name)).unwrap(),
                    "# A\n\n\n## Timline\n",
                    "{args:?}: {name} is still written"
                );
            }
        }
    }
}

#[test]
fn link_loops_are_named_and_control_characters_in_names_never_split_a_line() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    std::os::unix::fs::symlink("self.incident", dir.join("self.incident")).unwrap();
    std::os::unix::fs::symlink("pong.incident", dir.join("ping.incident")).unwrap();
    std::os::unix::fs::symlink("ping.incident", dir.join("pong.incident")).unwrap();
    for args in [&["self.incident"][..], &["."]] {
        let result = run_in(dir, args);
        assert_eq!(result.code, 2);
        assert!(
            result
                .stderr
                .contains("error: self.incident: symbolic link loop"),
            "{args:?}: {}",
            result.stderr
        );
        assert!(!result.stderr.contains("broken"), "{}", result.stderr);
    }
    assert!(
        run_in(dir, &["."])
            .stderr
            .contains("error: ping.incident: symbolic link loop")
    );

    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    fs::write(dir.join("two\nlines.incident"), "# A\n\n\n## Timline\n").unwrap();
    mkfifo(&dir.join("pipe\u{1b}[31m.incident"));
    let concise = run_in(dir, &["--format", "concise", "--select", "unknown-section"]);
    assert_eq!(
        concise.stdout,
        "two\\nlines.incident:4:4: warning[INC509] unknown section `Timline` [fix]\n"
    );
    assert!(
        concise
            .stderr
            .contains("error: pipe\\u{1b}[31m.incident: not a regular file (a FIFO)"),
        "{}",
        concise.stderr
    );
    assert!(!concise.stderr.contains('\u{1b}'), "{}", concise.stderr);
    let human = run_in(dir, &["--select", "unknown-section", "two\nlines.incident"]);
    assert!(
        human.stdout.contains("┌─ two\\nlines.incident:4:4\n"),
        "{}",
        human.stdout
    );
    let json = run_in(
        dir,
        &["--format", "json-lines", "--select", "unknown-section"],
    );
    assert_eq!(json.stdout.lines().count(), 1, "{}", json.stdout);
    let fmt = run_in(dir, &["fmt", "--check", "two\nlines.incident"]);
    assert_eq!(fmt.stdout, "would reformat: two\\nlines.incident\n");
}

/// Every line of `bytes` ends with `ending`, and no other line break occurs.
fn assert_line_endings(bytes: &[u8], ending: &[u8], what: &str) {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let ending = std::str::from_utf8(ending).unwrap();
    let rest = text.replace(ending, "");
    assert!(
        !rest.contains(['\r', '\n']),
        "{what}: a line break other than {ending:?} in {text:?}"
    );
    assert!(text.ends_with(ending), "{what}: {text:?}");
}

#[test]
fn every_output_counts_lone_carriage_returns_as_line_breaks_and_fixes_keep_line_endings() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    for (name, ending) in [("crlf.incident", "\r\n"), ("cr.incident", "\r")] {
        let messy = "# A\n\n\n\n## Timline\n\n* 09:12 x [started]\n".replace('\n', ending);
        fs::write(dir.join(name), &messy).unwrap();
        let concise = run_in(
            dir,
            &["--format", "concise", "--select", "unknown-section", name],
        );
        assert_eq!(
            concise.stdout,
            format!("{name}:5:4: warning[INC509] unknown section `Timline` [fix]\n")
        );
        let human = run_in(dir, &["--select", "unknown-section", name]);
        assert!(
            human.stdout.contains(&format!("┌─ {name}:5:4\n"))
                && human.stdout.contains("5 │ ## Timline\n"),
            "{}",
            human.stdout
        );
        let json = run_in(
            dir,
            &["--format", "json", "--select", "unknown-section", name],
        );
        assert!(
            json.stdout.contains("\"line\":5") || json.stdout.contains("\"line\": 5"),
            "{}",
            json.stdout
        );

        // Snapshots normalize line endings; the bytes on disk are compared here.
        let fixed = run_in(dir, &["--fix", "--select", "unknown-section", name]);
        assert_eq!(fixed.code, 0, "{}", fixed.stderr);
        let bytes = fs::read(dir.join(name)).unwrap();
        assert_line_endings(&bytes, ending.as_bytes(), "--fix");
        assert_eq!(
            bytes,
            messy.replace("Timline", "Timeline").as_bytes(),
            "--fix changes the heading only"
        );
        let formatted = run_in(dir, &["fmt", name]);
        assert_eq!(formatted.code, 0, "{}", formatted.stderr);
        let bytes = fs::read(dir.join(name)).unwrap();
        assert_line_endings(&bytes, ending.as_bytes(), "fmt");
        assert_eq!(
            bytes,
            "# A\n\n## Timeline\n\n- 09:12 x [started]\n"
                .replace('\n', ending)
                .as_bytes()
        );
    }
}

#[test]
fn fixing_a_file_with_an_unclosed_code_fence_reaches_a_fixpoint() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let corpus = fs::read_to_string("tests/corpus/ok/code_fence_unclosed_at_eof.incident").unwrap();
    for original in ["# T\n\n```\n", "# T\n\n<div>\n", corpus.as_str()] {
        fs::write(dir.join("m.incident"), original).unwrap();
        let syntax_errors = |dir: &Path| {
            run_in(
                dir,
                &[
                    "--format",
                    "concise",
                    "--select",
                    "syntax-error",
                    "m.incident",
                ],
            )
            .stdout
            .lines()
            .count()
        };
        let errors_before = syntax_errors(dir);
        let fix = ["--fix", "--unsafe-fixes", "--quiet", "m.incident"];
        run_in(dir, &fix);
        let once = fs::read_to_string(dir.join("m.incident")).unwrap();
        run_in(dir, &fix);
        let twice = fs::read_to_string(dir.join("m.incident")).unwrap();
        assert_eq!(once, twice, "a second --fix changes nothing");
        assert!(
            once.starts_with(original) || once.ends_with(original),
            "the text stays: {once}"
        );
        assert!(syntax_errors(dir) <= errors_before, "{once}");
    }
}
