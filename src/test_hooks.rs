//! Points where the end-to-end tests in `tests/files.rs` stop or break a running check, to
//! reproduce a race or a bug on demand.
//!
//! They read environment variables that only those tests set, and exist only in debug builds:
//! a release build compiles every hook to nothing.

use std::path::Path;

/// With `INCIDENT_LINT_TEST_PAUSE_BEFORE_REPLACING=<signal file>`, creates the signal file just
/// before checking that `target` is unchanged, and waits (up to a minute) until the test removes
/// it: the test changes `target` in between, as another program would.
#[cfg(debug_assertions)]
pub fn pause_before_replacing(target: &Path) {
    let Some(signal) = std::env::var_os("INCIDENT_LINT_TEST_PAUSE_BEFORE_REPLACING") else {
        return;
    };
    let signal = Path::new(&signal);
    if std::fs::write(signal, target.as_os_str().as_encoded_bytes()).is_err() {
        return;
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while signal.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// Does nothing: release builds have no test hooks.
#[cfg(not(debug_assertions))]
pub fn pause_before_replacing(_target: &Path) {}

/// With `INCIDENT_LINT_TEST_PANIC_ON=<path>`, panics while checking the file shown as `<path>`,
/// as a bug in a rule would.
#[cfg(debug_assertions)]
#[allow(clippy::panic)] // Panicking is what this hook is for.
pub fn panic_if_asked(path: &Path) {
    if std::env::var_os("INCIDENT_LINT_TEST_PANIC_ON").is_some_and(|asked| path == asked) {
        panic!("test hook: panic while checking {}", path.display());
    }
}

/// Does nothing: release builds have no test hooks.
#[cfg(not(debug_assertions))]
pub fn panic_if_asked(_path: &Path) {}
