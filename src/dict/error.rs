//! Why a dictionary was not loaded. Each message names the file it is about
//! (the `.index`, `.ifo`, `.idx`, `.dict` or `.dict.dz`) first, says what
//! was expected there, and fits on one line: qari shows it on the status
//! line and `qari check` lists it.

use std::io;
use std::path::PathBuf;

use crate::files::{FileError, thousands};
use crate::quote::quoted;

/// A dictionary that could not be loaded, and which of its files is why.
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    /// A file not read: not a regular file, past its cap (on disk, or
    /// once decompressed), or unreadable.
    #[error(transparent)]
    File(#[from] FileError),
    /// Neither `NAME.dict` nor `NAME.dict.dz` next to the index.
    #[error(
        "{}: missing (and no {} either): expected the definitions of {} there",
        .plain.display(),
        .zipped.file_name().unwrap_or_default().to_string_lossy(),
        .main.display()
    )]
    MissingDefinitions {
        plain: PathBuf,
        zipped: PathBuf,
        /// The `.index` or `.ifo` whose definitions they are.
        main: PathBuf,
    },
    /// A `.dict.dz` that does not decompress.
    #[error("{}: not valid gzip: {source}", .path.display())]
    NotGzip { path: PathBuf, source: io::Error },
    /// A text file (dictd index, StarDict `.ifo`) that is not UTF-8.
    #[error("{}: not UTF-8 text, expected {expected}", .path.display())]
    NotText {
        path: PathBuf,
        /// "a dictd index", "a StarDict .ifo".
        expected: &'static str,
    },
    /// A `.ifo` without StarDict's first line.
    #[error("{}: not a StarDict .ifo file (first line)", .path.display())]
    NotStarDict { path: PathBuf },
    /// A dictd index line that is not `headword TAB offset TAB length`.
    #[error(
        "{}: line {line}: expected headword, offset and length separated by tabs",
        .path.display()
    )]
    IndexFields { path: PathBuf, line: usize },
    /// A dictd offset or length not written in dictd's base 64.
    #[error("{}: line {line}: offset or length is not dictd base 64", .path.display())]
    IndexNumber { path: PathBuf, line: usize },
    /// A dictd entry pointing past the end of the definitions.
    #[error("{}: line {line}: the entry runs past the end of the data", .path.display())]
    IndexPastEnd { path: PathBuf, line: usize },
    /// A StarDict `.idx` headword not ended by NUL.
    #[error("{}: a headword has no NUL after it", .path.display())]
    IdxNoNul { path: PathBuf },
    /// A StarDict `.idx` cut inside an entry's offset or size.
    #[error("{}: it ends inside an entry", .path.display())]
    IdxCut { path: PathBuf },
    /// A StarDict entry pointing past the end of the `.dict`.
    #[error(
        "{}: entry {} runs past the end of the .dict",
        .path.display(),
        quoted(.headword)
    )]
    IdxPastEnd { path: PathBuf, headword: String },
    /// A span of the definitions that a cached index points at but the
    /// file does not hold (it changed under qari, or is broken).
    #[error(
        "{}: no definition at byte {offset} ({length} bytes): the file is shorter or broken",
        .path.display()
    )]
    ShortSpan {
        path: PathBuf,
        offset: u64,
        length: u64,
    },
    /// Entries whose definitions overlap so much that reading each
    /// distinct one would mean more than `limit` bytes.
    #[error(
        "{}: its entries' definitions overlap: more than {} bytes of definitions to index; not loaded",
        .path.display(),
        thousands(*.limit)
    )]
    Overlapping { path: PathBuf, limit: u64 },
}
