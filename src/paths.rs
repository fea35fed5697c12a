//! Comparing paths however they were named.

use std::path::{Path, PathBuf};

/// `path` with `..` and symbolic links resolved when it exists, so that two names of one file
/// compare equal; else just made absolute.
pub fn resolved(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_owned())
}
