//! Writing files so that a crash or a kill at any moment leaves the old or the new content, and
//! an edit made by someone else meanwhile is never overwritten.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Why a file was not replaced. Nothing was changed on disk in any case.
#[derive(Debug)]
pub enum WriteError {
    /// The file no longer holds the text that was read: another program changed it meanwhile.
    Changed,
    /// Reading, writing or renaming failed.
    Io(io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Changed => f.write_str(
                "not written: the file changed while incident-lint worked on it; run again to work on the new text",
            ),
            WriteError::Io(error) => write!(f, "cannot write: {error}"),
        }
    }
}

impl From<io::Error> for WriteError {
    fn from(error: io::Error) -> WriteError {
        WriteError::Io(error)
    }
}

/// Replaces the content of `path`, which was read as `read`, with `contents`: writes a
/// temporary file in the same directory, syncs it, gives it the original's permissions, checks
/// that the original still holds `read`, and renames the temporary file over it.
/// A symbolic link is followed, so the link stays a link.
pub fn replace_if_unchanged(path: &Path, read: &str, contents: &str) -> Result<(), WriteError> {
    let target = fs::canonicalize(path)?;
    let directory = target.parent().unwrap_or_else(|| Path::new("."));
    let permissions = fs::metadata(&target)?.permissions();
    let mut temporary = tempfile::Builder::new()
        .prefix(".incident-lint-")
        .suffix(".tmp")
        .tempfile_in(directory)?;
    temporary.write_all(contents.as_bytes())?;
    temporary.as_file().sync_all()?;
    fs::set_permissions(temporary.path(), permissions)?;
    crate::test_hooks::pause_before_replacing(&target);
    // As late as possible: an edit made since the file was read would be lost by the rename.
    if fs::read(&target)? != read.as_bytes() {
        return Err(WriteError::Changed);
    }
    temporary.persist(&target).map_err(|error| error.error)?;
    // The rename is durable once the directory entry is.
    if let Ok(directory_handle) = fs::File::open(directory) {
        let _ = directory_handle.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_keeps_permissions() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("a.incident");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        replace_if_unchanged(&path, "old", "new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        let leftovers: Vec<_> = fs::read_dir(directory.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_file_that_changed_since_it_was_read_is_left_alone() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("a.incident");
        fs::write(&path, "edited meanwhile").unwrap();
        let error = replace_if_unchanged(&path, "old", "new").unwrap_err();
        assert!(matches!(error, WriteError::Changed), "{error}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "edited meanwhile");
        let leftovers: Vec<_> = fs::read_dir(directory.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }
}
