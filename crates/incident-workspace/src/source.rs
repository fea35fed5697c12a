//! Reading incident files: bytes in, text out, with errors that name the file and position.

use std::fmt;
use std::fs;
use std::io::{self, Read};
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
    /// The path names a FIFO, a socket, a device or a directory, not a regular file.
    NotRegular { path: PathBuf, kind: FileKind },
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
            SourceError::NotRegular { path, kind } => {
                let hint = match kind {
                    FileKind::Fifo => {
                        "to check what a pipe carries, send it to standard input and pass `-`"
                    }
                    FileKind::Directory => {
                        "a folder named like an incident file is not read: rename it, or name the files in it"
                    }
                    FileKind::Socket | FileKind::Device | FileKind::Other => {
                        "only regular files are checked"
                    }
                };
                write!(f, "{}: not a regular file ({kind}): {hint}", path.display())
            }
        }
    }
}

impl std::error::Error for SourceError {}

/// Reads `path` as UTF-8 text, refusing files larger than `max_bytes` and anything that is not
/// a regular file: reading a FIFO would wait for a writer forever, and a device never ends.
pub fn read_source(path: &Path, max_bytes: u64) -> Result<String, SourceError> {
    let io_error = |error| SourceError::Io {
        path: path.to_owned(),
        error,
    };
    let not_regular = |file_type: fs::FileType| SourceError::NotRegular {
        path: path.to_owned(),
        kind: FileKind::of(file_type),
    };
    // Checked before opening, because opening a FIFO blocks until a writer opens it.
    let metadata = fs::metadata(path).map_err(io_error)?;
    if !metadata.is_file() {
        return Err(not_regular(metadata.file_type()));
    }
    let file = open_without_blocking(path).map_err(io_error)?;
    // Checked again on the open file, in case the path was replaced in between.
    let metadata = file.metadata().map_err(io_error)?;
    if !metadata.is_file() {
        return Err(not_regular(metadata.file_type()));
    }
    let too_large = |size| SourceError::TooLarge {
        path: path.to_owned(),
        size,
        limit: max_bytes,
    };
    if metadata.len() > max_bytes {
        return Err(too_large(metadata.len()));
    }
    // A file that grows while it is read is still cut at the limit.
    let mut bytes = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    decode(path, bytes)
}

/// The kinds of files that are not regular files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A named pipe.
    Fifo,
    /// A Unix domain socket.
    Socket,
    /// A character or block device.
    Device,
    /// A directory.
    Directory,
    /// Anything else the system may have.
    Other,
}

impl FileKind {
    /// The kind of a file that is not a regular file.
    pub fn of(file_type: fs::FileType) -> FileKind {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if file_type.is_fifo() {
                return FileKind::Fifo;
            }
            if file_type.is_socket() {
                return FileKind::Socket;
            }
            if file_type.is_char_device() || file_type.is_block_device() {
                return FileKind::Device;
            }
        }
        if file_type.is_dir() {
            FileKind::Directory
        } else {
            FileKind::Other
        }
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::Fifo => "a FIFO",
            FileKind::Socket => "a socket",
            FileKind::Device => "a device",
            FileKind::Directory => "a directory",
            FileKind::Other => "neither a file nor a directory",
        })
    }
}

/// Opens `path` for reading; on Unix with `O_NONBLOCK`, so that a FIFO put in place of the file
/// after it was checked cannot make the open wait. Regular files ignore the flag.
fn open_without_blocking(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
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
