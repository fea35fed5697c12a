//! Reading incident files: bytes in, text out, with errors that name the file and position.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use incident_syntax::{ColumnUnit, LineIndex};

/// Files larger than this are refused rather than parsed, unless configured otherwise.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a file could not be read as an incident.
#[derive(Debug)]
#[allow(missing_docs)] // The fields are named for what they hold.
pub enum SourceError {
    /// The file could not be opened or read.
    Io { path: PathBuf, error: io::Error },
    /// The file is not UTF-8; `line` and `column` (1-based) point at the first bad byte.
    NotUtf8 {
        path: PathBuf,
        line: u32,
        column: u32,
        byte: u8,
    },
    /// The file is larger than the limit.
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Io { path, error } => {
                write!(f, "{}: cannot read file: {error}", path.display())
            }
            SourceError::NotUtf8 {
                path,
                line,
                column,
                byte,
            } => write!(
                f,
                "{}:{line}:{column}: file is not valid UTF-8 (byte 0x{byte:02x}): save it as UTF-8",
                path.display()
            ),
            SourceError::TooLarge { path, size, limit } => write!(
                f,
                "{}: file is {size} bytes, more than the limit of {limit} bytes (see --max-file-size)",
                path.display()
            ),
        }
    }
}

impl std::error::Error for SourceError {}

/// Reads `path` as UTF-8 text, refusing files larger than `max_bytes`.
pub fn read_source(path: &Path, max_bytes: u64) -> Result<String, SourceError> {
    let io_error = |error| SourceError::Io {
        path: path.to_owned(),
        error,
    };
    let metadata = fs::metadata(path).map_err(io_error)?;
    if metadata.is_dir() {
        return Err(io_error(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        )));
    }
    if metadata.len() > max_bytes {
        return Err(SourceError::TooLarge {
            path: path.to_owned(),
            size: metadata.len(),
            limit: max_bytes,
        });
    }
    let bytes = fs::read(path).map_err(io_error)?;
    decode(path, bytes)
}

/// Turns bytes into text, or says where the first byte that is not UTF-8 is.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, SourceError> {
    String::from_utf8(bytes).map_err(|error| {
        let valid_up_to = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        let valid =
            std::str::from_utf8(bytes.get(..valid_up_to).unwrap_or_default()).unwrap_or_default();
        let index = LineIndex::new(valid);
        let position = index.line_col(valid, valid.len() as u32, ColumnUnit::Utf32);
        SourceError::NotUtf8 {
            path: path.to_owned(),
            line: position.line + 1,
            column: position.col + 1,
            byte: bytes.get(valid_up_to).copied().unwrap_or_default(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located() {
        let error = decode(Path::new("x.incident"), b"ok\nab\xffc".to_vec()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "x.incident:2:3: file is not valid UTF-8 (byte 0xff): save it as UTF-8"
        );
    }
}
