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
    /// The file is read-only, or this user may not write it.
    ReadOnly,
    /// The file has this many names; replacing one would split them.
    HardLinks(u64),
    /// The new file could not be given the owner and group of the old one.
    Owner { uid: u32, gid: u32 },
    /// Reading, writing or renaming failed.
    Io(io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Changed => f.write_str(
                "not written: the file changed while incident-lint worked on it; run again to work on the new text",
            ),
            WriteError::ReadOnly => f.write_str(
                "not written: the file is read-only; make it writable (`chmod u+w`) to let incident-lint change it, or see the changes with `--diff`",
            ),
            WriteError::HardLinks(n_links) => write!(
                f,
                "not written: the file has {n_links} hard links, and replacing it would split them; break the links first (`cp FILE COPY && mv COPY FILE`), or see the changes with `--diff`",
            ),
            WriteError::Owner { uid, gid } => write!(
                f,
                "not written: the new file could not keep the owner and group of the old one (user {uid}, group {gid}); run as that user, or see the changes with `--diff`",
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
/// temporary file in the same directory, syncs it, gives it the original's permissions, owner
/// and group, checks that the original still holds `read`, and renames the temporary file over
/// it. A symbolic link is followed, so the link stays a link.
///
/// A file that could not be replaced without a change its owner did not ask for is refused:
/// a read-only file (even for root), a file with hard links (the rename would split them), and a
/// file whose owner or group the new file cannot keep.
pub fn replace_if_unchanged(path: &Path, read: &str, contents: &str) -> Result<(), WriteError> {
    let target = fs::canonicalize(path)?;
    let directory = target.parent().unwrap_or_else(|| Path::new("."));
    let metadata = fs::metadata(&target)?;
    let permissions = metadata.permissions();
    if permissions.readonly() {
        return Err(WriteError::ReadOnly);
    }
    // The rename needs only the directory to be writable; a file this user could not write in
    // place is not theirs to replace.
    if let Err(error) = fs::OpenOptions::new().write(true).open(&target) {
        return Err(match error.kind() {
            io::ErrorKind::PermissionDenied => WriteError::ReadOnly,
            _ => WriteError::Io(error),
        });
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if metadata.nlink() > 1 {
            return Err(WriteError::HardLinks(metadata.nlink()));
        }
    }
    let mut temporary = tempfile::Builder::new()
        .prefix(".incident-lint-")
        .suffix(".tmp")
        .tempfile_in(directory)?;
    temporary.write_all(contents.as_bytes())?;
    temporary.as_file().sync_all()?;
    fs::set_permissions(temporary.path(), permissions)?;
    #[cfg(unix)]
    keep_owner(temporary.as_file(), &metadata)?;
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

/// Gives `file` the owner and group that `original` has, when they differ: a file fixed by root
/// stays its user's.
#[cfg(unix)]
fn keep_owner(file: &fs::File, original: &fs::Metadata) -> Result<(), WriteError> {
    use std::os::unix::fs::MetadataExt;
    let created = file.metadata()?;
    let (uid, gid) = (original.uid(), original.gid());
    let new_uid = (created.uid() != uid).then_some(uid);
    let new_gid = (created.gid() != gid).then_some(gid);
    if new_uid.is_none() && new_gid.is_none() {
        return Ok(());
    }
    std::os::unix::fs::fchown(file, new_uid, new_gid).map_err(|_| WriteError::Owner { uid, gid })
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
