//! Writing files so that a crash or a kill at any moment leaves the old or the new content, and
//! an edit made by someone else meanwhile is never overwritten.

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Temporary files are named `.incident-lint-` + this many letters and digits + `.tmp`, so that
/// a later run recognizes the ones a killed run left, and nothing else.
const TEMPORARY_PREFIX: &str = ".incident-lint-";
const TEMPORARY_RANDOM_CHARS: usize = 10;
const TEMPORARY_SUFFIX: &str = ".tmp";

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
        .prefix(TEMPORARY_PREFIX)
        .rand_bytes(TEMPORARY_RANDOM_CHARS)
        .suffix(TEMPORARY_SUFFIX)
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

/// Writes `contents` to `path`, which must not exist yet: a temporary file in the same
/// directory, written and synced, is then given the name without replacing anything, so that
/// `path` holds all of `contents` or does not exist, and a file created there meanwhile is
/// left alone (the error's kind is then `AlreadyExists`). The new file gets the permissions
/// a file created by the user gets (their umask applies).
pub fn create_new(path: &Path, contents: &str) -> io::Result<()> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(TEMPORARY_PREFIX)
        .rand_bytes(TEMPORARY_RANDOM_CHARS)
        .suffix(TEMPORARY_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temporary = builder.tempfile_in(directory)?;
    temporary.write_all(contents.as_bytes())?;
    temporary.as_file().sync_all()?;
    temporary
        .persist_noclobber(path)
        .map_err(|error| error.error)?;
    if let Ok(directory_handle) = fs::File::open(directory) {
        let _ = directory_handle.sync_all();
    }
    Ok(())
}

/// Removes the temporary files that runs killed in the middle of a write left in the folders
/// this run writes to: the files named as this module names them, last changed before this
/// process started (so no running process is still writing them).
pub struct StaleTemporaries {
    started: SystemTime,
    cleaned: HashSet<PathBuf>,
}

impl StaleTemporaries {
    /// Cleans for a process that started at `started`.
    pub fn new(started: SystemTime) -> StaleTemporaries {
        StaleTemporaries {
            started,
            cleaned: HashSet::new(),
        }
    }

    /// Removes the stale temporary files next to `file`, once per folder; returns the paths
    /// removed.
    pub fn remove_next_to(&mut self, file: &Path) -> Vec<PathBuf> {
        let Ok(target) = fs::canonicalize(file) else {
            return Vec::new();
        };
        let Some(directory) = target.parent() else {
            return Vec::new();
        };
        if !self.cleaned.insert(directory.to_owned()) {
            return Vec::new();
        }
        let Ok(entries) = fs::read_dir(directory) else {
            return Vec::new();
        };
        let mut removed = Vec::new();
        for entry in entries.flatten() {
            let is_ours = entry.file_name().to_str().is_some_and(is_temporary_name);
            // Not followed: a link with our name is not one of our files.
            let is_stale = entry.metadata().is_ok_and(|metadata| {
                metadata.is_file()
                    && metadata
                        .modified()
                        .is_ok_and(|modified| modified < self.started)
            });
            if is_ours && is_stale && fs::remove_file(entry.path()).is_ok() {
                removed.push(entry.path());
            }
        }
        removed
    }
}

/// Whether `name` is the name of a temporary file of `replace_if_unchanged`.
fn is_temporary_name(name: &str) -> bool {
    name.strip_prefix(TEMPORARY_PREFIX)
        .and_then(|rest| rest.strip_suffix(TEMPORARY_SUFFIX))
        .is_some_and(|random| {
            random.len() == TEMPORARY_RANDOM_CHARS
                && random.bytes().all(|byte| byte.is_ascii_alphanumeric())
        })
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
    fn only_our_own_stale_temporary_files_are_removed() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("a.incident");
        fs::write(&path, "old").unwrap();
        let stale = directory.path().join(".incident-lint-a1B2c3D4e5.tmp");
        let not_ours = [
            ".incident-lint-short.tmp",
            ".incident-lint-a1B2c3D4e5.tmp.keep",
            "incident-lint-a1B2c3D4e5.tmp",
            ".incident-lint-a1B2c3-4e5.tmp",
        ];
        fs::write(&stale, "left by a killed run").unwrap();
        let stale = fs::canonicalize(&stale).unwrap();
        for name in not_ours {
            fs::write(directory.path().join(name), "someone's").unwrap();
        }
        let before_start = StaleTemporaries::new(SystemTime::UNIX_EPOCH).remove_next_to(&path);
        assert!(before_start.is_empty(), "files newer than the process stay");
        let mut cleanup =
            StaleTemporaries::new(SystemTime::now() + std::time::Duration::from_secs(1));
        assert_eq!(cleanup.remove_next_to(&path), std::slice::from_ref(&stale));
        assert!(!stale.exists());
        for name in not_ours {
            assert!(directory.path().join(name).exists(), "{name} is not ours");
        }
        assert!(cleanup.remove_next_to(&path).is_empty(), "once per folder");
    }

    #[test]
    fn a_new_file_never_replaces_one_that_exists() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("a.incident");
        create_new(&path, "new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let error = create_new(&path, "newer").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
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
