//! Writing files so that nothing is ever half-written, and locating errors
//! in the text of a file.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

use serde::de::DeserializeOwned;

/// Why a file qari reads could not be used. Messages name the file, and
/// for a syntax error the line, the column (in characters) and what was
/// expected.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("{path}: not UTF-8 text (invalid byte at offset {offset})")]
    InvalidUtf8 { path: String, offset: usize },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

impl FileError {
    pub fn io(path: &Path, source: io::Error) -> FileError {
        FileError::Io {
            path: path.display().to_string(),
            source,
        }
    }

    /// A syntax error at byte `offset` of `text`.
    pub fn syntax(
        path: &Path,
        text: &str,
        offset: usize,
        message: &dyn std::fmt::Display,
    ) -> FileError {
        let (line, column) = line_and_column(text, offset);
        FileError::Syntax {
            path: path.display().to_string(),
            line,
            column,
            message: message.to_string().trim_end().replace('\n', " "),
        }
    }
}

/// Parses the bytes of a TOML file; returns the value and the text (for
/// locating later errors).
pub fn read_toml<'a, T: DeserializeOwned>(
    bytes: &'a [u8],
    path: &Path,
) -> Result<(T, &'a str), FileError> {
    let text = std::str::from_utf8(bytes).map_err(|error| FileError::InvalidUtf8 {
        path: path.display().to_string(),
        offset: error.valid_up_to(),
    })?;
    let value = toml::from_str(text).map_err(|error| {
        FileError::syntax(
            path,
            text,
            error.span().map_or(0, |s| s.start),
            &error.message(),
        )
    })?;
    Ok((value, text))
}

/// Replaces `path` with `bytes` atomically: a temporary file in the same
/// folder, written and synced, renamed over `path`, then the folder synced,
/// so a crash or `kill -9` at any moment leaves the old file or the new one.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    fs::create_dir_all(folder)?;
    let mut file = tempfile::NamedTempFile::new_in(folder)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    // The rename is durable only once the folder is synced.
    File::open(folder)?.sync_all()
}

/// Runs `body` holding an exclusive lock on `lock_path` (created when
/// missing, never removed): another qari doing the same waits its turn, so
/// a read-change-write inside `body` never loses another's change. The
/// lock goes with the process, so a killed writer never leaves it held.
pub fn with_lock<T>(lock_path: &Path, body: impl FnOnce() -> T) -> io::Result<T> {
    if let Some(folder) = lock_path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(folder)?;
    }
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path)?;
    lock.lock()?;
    let result = body();
    drop(lock); // unlocks
    Ok(result)
}

/// A writer that lets no terminal control through: text from files and
/// dictionaries printed by `list`, `lookup` or `stats` could hold escape
/// sequences (to retitle the window, move the cursor, hide text). Every C0
/// control but line feed and tab, DEL and the C1 controls (U+0080–U+009F)
/// become U+FFFD, on a terminal and in a pipe alike.
pub struct Printable<W: Write> {
    inner: W,
    /// A 0xC2 byte seen last: a C1 control may follow in the next write.
    pending_c2: bool,
}

impl<W: Write> Printable<W> {
    pub fn new(inner: W) -> Self {
        Printable {
            inner,
            pending_c2: false,
        }
    }
}

const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();

impl<W: Write> Write for Printable<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let mut clean = Vec::with_capacity(bytes.len());
        for &byte in bytes {
            if std::mem::take(&mut self.pending_c2) {
                if (0x80..=0x9F).contains(&byte) {
                    clean.extend_from_slice(REPLACEMENT);
                    continue;
                }
                clean.push(0xC2);
            }
            match byte {
                b'\n' | b'\t' => clean.push(byte),
                0x00..=0x1F | 0x7F => clean.extend_from_slice(REPLACEMENT),
                0xC2 => self.pending_c2 = true,
                _ => clean.push(byte),
            }
        }
        self.inner.write_all(&clean)?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.pending_c2) {
            self.inner.write_all(&[0xC2])?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for Printable<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_replaces_escapes_and_c1_controls_even_across_writes() {
        let mut out = Vec::new();
        {
            let mut printable = Printable::new(&mut out);
            printable
                .write_all("a\x1b]0;pwned\x07b\tc\n".as_bytes())
                .unwrap();
            // U+009B (CSI in C1) split across two writes, then a real é.
            printable.write_all(&[b'x', 0xC2]).unwrap();
            printable.write_all(&[0x9B, b'y']).unwrap();
            printable.write_all("é¡\u{7f}".as_bytes()).unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a\u{FFFD}]0;pwned\u{FFFD}b\tc\nx\u{FFFD}yé¡\u{FFFD}"
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        assert_eq!(line_and_column("ar = \"قارئ\" x", 15), (1, 12));
        assert_eq!(line_and_column("a\nbc", 3), (2, 2));
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/x.toml");
        atomic_write(&path, b"one").unwrap();
        atomic_write(&path, b"two").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(fs::read_dir(dir.path().join("sub")).unwrap().count(), 1);
    }
}
