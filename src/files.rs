//! Reading the files qari is given within documented caps (regular files
//! only, never more than a cap's bytes), writing files so that nothing is
//! ever half-written, and locating errors in the text of a file.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::de::DeserializeOwned;
use tempfile::NamedTempFile;

/// Why a file qari reads could not be used. Messages name the file, and
/// for a syntax error the line, the column (in characters) and what was
/// expected.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("{path}: not a regular file ({kind}); not read")]
    NotRegular { path: String, kind: &'static str },
    #[error("{path}: larger than the {} cap for {} ({found}); {done}", .cap.shown(), .cap.what)]
    TooLarge {
        path: String,
        cap: Cap,
        found: String,
        /// "not read", "not written".
        done: &'static str,
    },
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

    /// True for a file that does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, FileError::Io { source, .. } if source.kind() == io::ErrorKind::NotFound)
    }

    /// `path` holds more than `cap` allows; `found` says how much.
    pub fn too_large(path: &Path, cap: Cap, found: String) -> FileError {
        FileError::TooLarge {
            path: path.display().to_string(),
            cap,
            found,
            done: "not read",
        }
    }

    /// Writing `bytes` bytes to `path` would take it past `cap`.
    pub fn would_be_too_large(path: &Path, cap: Cap, bytes: usize) -> FileError {
        FileError::TooLarge {
            path: path.display().to_string(),
            cap,
            found: format!("it would grow to {} bytes", thousands(bytes as u64)),
            done: "nothing was changed",
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

/// A limit on what qari reads: far above any real file of its kind, low
/// enough that a hostile one cannot take the machine's memory. README,
/// "Limits on what qari reads", lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cap {
    /// Bytes (or characters, for [`SENTENCE_CHARS`]).
    pub limit: u64,
    /// What it limits, for messages: "an article file".
    pub what: &'static str,
}

impl Cap {
    /// "8 MiB", "10,000-character".
    pub fn shown(&self) -> String {
        if self.what.contains("sentence") {
            return format!("{}-character", thousands(self.limit));
        }
        match self.limit {
            n if n >= 1 << 20 && n.is_multiple_of(1 << 20) => format!("{} MiB", n >> 20),
            n if n >= 1 << 10 && n.is_multiple_of(1 << 10) => format!("{} KiB", n >> 10),
            n => format!("{} bytes", thousands(n)),
        }
    }
}

/// An article file in `DIR/articles/` (or given by path).
pub const ARTICLE_FILE: Cap = Cap {
    limit: 8 << 20,
    what: "an article file",
};
/// The Arabic text of one sentence of an article, in characters.
pub const SENTENCE_CHARS: Cap = Cap {
    limit: 10_000,
    what: "a sentence",
};
/// A learner's overlay file, `DIR/overlays/ID.toml` (qari never writes
/// one past it either: the change is refused). Twice an article's cap: it
/// holds each changed sentence's text besides the learner's translation
/// and notes.
pub const OVERLAY_FILE: Cap = Cap {
    limit: 16 << 20,
    what: "an overlay file",
};
/// A glossary file in `DIR/glossary/` (`user.toml` included, which qari
/// also never writes past it).
pub const GLOSSARY_FILE: Cap = Cap {
    limit: 8 << 20,
    what: "a glossary file",
};
/// A CSV or LUTE file given to `qari glossary import` (what it adds must
/// fit in `user.toml` anyway).
pub const GLOSSARY_IMPORT: Cap = Cap {
    limit: 8 << 20,
    what: "a file to import into the glossary",
};
/// `DIR/state.toml`.
pub const STATE_FILE: Cap = Cap {
    limit: 1 << 20,
    what: "the reading state",
};
/// A text (or its translation) given to `qari import`.
pub const TEXT_IMPORT: Cap = Cap {
    limit: 2 << 20,
    what: "a text to import",
};
/// Each file of a dictionary as it is on disk (`.index`, `.dict`,
/// `.dict.dz`, `.ifo`, `.idx`).
pub const DICTIONARY_FILE: Cap = Cap {
    limit: 64 << 20,
    what: "a dictionary file",
};
/// A dictionary's definitions once decompressed (a `.dict.dz`).
pub const DICTIONARY_DATA: Cap = Cap {
    limit: 256 << 20,
    what: "a dictionary's decompressed data",
};

/// A dictionary's cached index (`qari`'s own file, in the cache folder):
/// a larger one is not read, and is rebuilt.
pub const DICTIONARY_CACHE: Cap = Cap {
    limit: 256 << 20,
    what: "a dictionary's cached index",
};

/// `1234567` → "1,234,567".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What a file that is not a regular file is, for messages.
fn kind_of(file_type: fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        None
    } else if file_type.is_dir() {
        Some("a directory")
    } else if file_type.is_fifo() {
        Some("a FIFO")
    } else if file_type.is_char_device() {
        Some("a character device")
    } else if file_type.is_block_device() {
        Some("a block device")
    } else if file_type.is_socket() {
        Some("a socket")
    } else {
        Some("not a file")
    }
}

/// Opens `path` for reading if it is (or links to) a regular file. The
/// type is checked before opening, so a FIFO is never opened (which would
/// wait for a writer) nor a device read (`/dev/zero` never ends); the open
/// itself does not block, and the type is checked again on what was opened.
pub fn open_regular(path: &Path) -> Result<File, FileError> {
    let not_regular = |kind| FileError::NotRegular {
        path: path.display().to_string(),
        kind,
    };
    let metadata = fs::metadata(path).map_err(|source| FileError::io(path, source))?;
    if let Some(kind) = kind_of(metadata.file_type()) {
        return Err(not_regular(kind));
    }
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|source| FileError::io(path, source))?;
    let opened = file
        .metadata()
        .map_err(|source| FileError::io(path, source))?;
    match kind_of(opened.file_type()) {
        Some(kind) => Err(not_regular(kind)),
        None => Ok(file),
    }
}

/// Reads the whole of `path`, a regular file (or a link to one) of at most
/// `cap` bytes. Its size is checked before reading, and reading stops one
/// byte past the cap, so a file that grows meanwhile is bounded too. The
/// one way qari reads a file it is given.
pub fn read_capped(path: &Path, cap: Cap) -> Result<Vec<u8>, FileError> {
    let file = open_regular(path)?;
    let size = file
        .metadata()
        .map_err(|source| FileError::io(path, source))?
        .len();
    if size > cap.limit {
        return Err(FileError::too_large(
            path,
            cap,
            format!("{} bytes", thousands(size)),
        ));
    }
    // Within the cap, so the size (a few MiB at most) can be reserved.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(cap.limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| FileError::io(path, source))?;
    if bytes.len() as u64 > cap.limit {
        return Err(FileError::too_large(
            path,
            cap,
            "it grew past the cap while read".to_owned(),
        ));
    }
    Ok(bytes)
}

/// [`read_capped`], then checked to be UTF-8 text.
pub fn read_text_capped(path: &Path, cap: Cap) -> Result<String, FileError> {
    String::from_utf8(read_capped(path, cap)?).map_err(|error| FileError::InvalidUtf8 {
        path: path.display().to_string(),
        offset: error.utf8_error().valid_up_to(),
    })
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
///
/// A `path` that is a symbolic link (a dotfile setup) is written through:
/// the file it points to is replaced and the link stays. The file keeps
/// its permissions. A `path` that exists but is not a regular file (a FIFO,
/// a device) is left alone and the write fails. Temporary files that an
/// earlier writer killed mid-write left in the folder are removed first
/// (see [`remove_stale_temporaries`]).
pub fn atomic_write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    atomic_write_with(path, bytes, &mut Disk)
}

/// The steps of an atomic write that make it atomic and durable, one
/// method each, so that a test can record their order and make any one of
/// them fail (see the tests below); [`Disk`] does them.
trait WriteSteps {
    /// A new temporary file in `folder`.
    fn create_temp(&mut self, folder: &Path) -> io::Result<NamedTempFile>;
    fn write(&mut self, file: &mut NamedTempFile, bytes: &[u8]) -> io::Result<()>;
    /// fsync of the file's data and metadata.
    fn sync_file(&mut self, file: &NamedTempFile) -> io::Result<()>;
    /// Renames `file` over `target` (the temporary name is then gone).
    fn rename(&mut self, file: NamedTempFile, target: &Path) -> io::Result<()>;
    /// fsync of the folder, which makes the rename durable.
    fn sync_folder(&mut self, folder: &Path) -> io::Result<()>;
}

/// The real steps.
struct Disk;

impl WriteSteps for Disk {
    fn create_temp(&mut self, folder: &Path) -> io::Result<NamedTempFile> {
        tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .tempfile_in(folder)
    }

    fn write(&mut self, file: &mut NamedTempFile, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }

    fn sync_file(&mut self, file: &NamedTempFile) -> io::Result<()> {
        file.as_file().sync_all()
    }

    fn rename(&mut self, file: NamedTempFile, target: &Path) -> io::Result<()> {
        file.persist(target).map(drop).map_err(|e| e.error)
    }

    fn sync_folder(&mut self, folder: &Path) -> io::Result<()> {
        File::open(folder)?.sync_all()
    }
}

/// [`atomic_write`] through `steps`. On an error the temporary file is
/// removed (dropping a `NamedTempFile` deletes it).
fn atomic_write_with(path: &Path, bytes: &[u8], steps: &mut impl WriteSteps) -> io::Result<()> {
    let target = resolve_links(path)?;
    let existing = match fs::metadata(&target) {
        Ok(metadata) => Some(metadata),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(error),
    };
    if let Some(kind) = existing.as_ref().and_then(|m| kind_of(m.file_type())) {
        return Err(io::Error::other(format!(
            "not a regular file ({kind}); not replaced"
        )));
    }
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    fs::create_dir_all(folder)?;
    remove_stale_temporaries(folder, STALE_AFTER);
    let mut file = steps.create_temp(folder)?;
    if let Some(metadata) = &existing {
        file.as_file().set_permissions(metadata.permissions())?;
    }
    steps.write(&mut file, bytes)?;
    steps.sync_file(&file)?;
    steps.rename(file, &target)?;
    // The rename is durable only once the folder is synced.
    steps.sync_folder(folder)
}

/// The file `path` names once symbolic links are followed (a dangling
/// link gives the path it points to, which the write then creates).
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let pointed = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) => parent.join(pointed),
                    None => pointed,
                };
            }
            Ok(_) => return Ok(current),
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(error) => return Err(error),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Names of qari's temporary files: `.qari-XXXXXX.tmp`.
const TEMP_PREFIX: &str = ".qari-";
const TEMP_SUFFIX: &str = ".tmp";
/// A temporary file this old was left by a writer that died: a write takes
/// milliseconds.
pub const STALE_AFTER: Duration = Duration::from_secs(60);
/// Lock files qari keeps in the folders it manages.
const QARI_LOCKS: [&str; 3] = [".user.toml.lock", ".articles.lock", ".state.toml.lock"];

/// Removes from `folder` the temporary files of writers killed before
/// their rename, older than `age`: qari's own (`.qari-XXXXXX.tmp`), and in
/// a folder qari manages (one holding one of its lock files) those of
/// earlier versions, which used tempfile's default names (`.tmpXXXXXX`).
/// Returns how many went. Best effort: what cannot be removed stays.
pub fn remove_stale_temporaries(folder: &Path, age: Duration) -> usize {
    let Ok(listing) = fs::read_dir(folder) else {
        return 0;
    };
    let managed = QARI_LOCKS.iter().any(|lock| folder.join(lock).exists());
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in listing.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(is_qari_temporary(name) || managed && is_legacy_temporary(name)) {
            continue;
        }
        let Ok(metadata) = entry.metadata() else {
            continue;
        };
        let old = metadata
            .modified()
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|elapsed| elapsed >= age);
        if metadata.is_file() && old && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

fn is_qari_temporary(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX)
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        .is_some_and(|random| {
            random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// tempfile's default name: `.tmp` and six letters or digits.
fn is_legacy_temporary(name: &str) -> bool {
    name.strip_prefix(".tmp").is_some_and(|random| {
        random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

/// Moves `path` aside to `NAME.broken`, or `NAME.broken.2`, `.3`… when
/// that exists: an older backup is never overwritten. Returns the
/// backup's path.
pub fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    move_to_free_name(path, |number| {
        if number == 1 {
            path.with_file_name(format!("{name}.broken"))
        } else {
            path.with_file_name(format!("{name}.broken.{number}"))
        }
    })
}

/// Moves `path` to `name(1)`, else `name(2)`, … (up to 1,000), the first
/// that does not exist: a file already there is never overwritten (see
/// [`move_no_clobber`]). The new name's folder must exist. Returns the new
/// path.
pub fn move_to_free_name(path: &Path, name: impl Fn(u32) -> PathBuf) -> io::Result<PathBuf> {
    for number in 1..=1000 {
        let backup = name(number);
        match move_no_clobber(path, &backup) {
            Ok(()) => return Ok(backup),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
    Err(io::Error::other("1,000 backups already there"))
}

/// Moves the file `from` to `to`, which must not exist (else an
/// `AlreadyExists` error, and nothing moves): a hard link is made under
/// the new name, which fails if the name is taken, then `from` is removed;
/// on a file system without hard links, a rename to a name checked free.
/// The new name's folder must exist.
pub fn move_no_clobber(from: &Path, to: &Path) -> io::Result<()> {
    match fs::hard_link(from, to) {
        Ok(()) => {
            if let Err(error) = fs::remove_file(from) {
                let _ = fs::remove_file(to);
                return Err(error);
            }
            Ok(())
        }
        // A file system without hard links: rename to a free name.
        Err(error)
            if error.kind() == io::ErrorKind::Unsupported
                || error.raw_os_error() == Some(libc::EPERM) =>
        {
            if fs::symlink_metadata(to).is_ok() {
                return Err(io::Error::from(io::ErrorKind::AlreadyExists));
            }
            fs::rename(from, to)
        }
        Err(error) => Err(error),
    }
}

/// [`move_no_clobber`] into a folder made when missing, then both folders
/// synced, so the move is durable once this returns: a crash leaves the
/// file under one name or the other (for a moment under both, never
/// under neither).
pub fn move_file(from: &Path, to: &Path) -> io::Result<()> {
    let folder = |path: &Path| match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (source, target) = (folder(from), folder(to));
    fs::create_dir_all(&target)?;
    move_no_clobber(from, to)?;
    File::open(&target)?.sync_all()?;
    if source != target {
        File::open(&source)?.sync_all()?;
    }
    Ok(())
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

    /// One step of an atomic write, with the paths it was given.
    #[derive(Debug, Clone, PartialEq, Eq)]
    enum Step {
        CreateTemp { folder: PathBuf },
        Write { temp: PathBuf },
        SyncFile { temp: PathBuf },
        Rename { temp: PathBuf, target: PathBuf },
        SyncFolder { folder: PathBuf },
    }

    /// Does the real steps and records them; with `fail_at: Some(k)`, step
    /// `k` fails instead (a write writes half its bytes first, as a full
    /// disk would let it), like a crash or an I/O error at that moment.
    struct Recorder {
        steps: Vec<Step>,
        fail_at: Option<usize>,
    }

    impl Recorder {
        fn new(fail_at: Option<usize>) -> Recorder {
            Recorder {
                steps: Vec::new(),
                fail_at,
            }
        }

        /// Records `step`; whether it is the one to fail.
        fn record(&mut self, step: Step) -> bool {
            self.steps.push(step);
            self.fail_at == Some(self.steps.len() - 1)
        }
    }

    fn injected() -> io::Error {
        io::Error::other("injected fault")
    }

    impl WriteSteps for Recorder {
        fn create_temp(&mut self, folder: &Path) -> io::Result<NamedTempFile> {
            if self.record(Step::CreateTemp {
                folder: folder.to_path_buf(),
            }) {
                return Err(injected());
            }
            Disk.create_temp(folder)
        }

        fn write(&mut self, file: &mut NamedTempFile, bytes: &[u8]) -> io::Result<()> {
            if self.record(Step::Write {
                temp: file.path().to_path_buf(),
            }) {
                file.write_all(&bytes[..bytes.len() / 2])?;
                return Err(injected());
            }
            Disk.write(file, bytes)
        }

        fn sync_file(&mut self, file: &NamedTempFile) -> io::Result<()> {
            if self.record(Step::SyncFile {
                temp: file.path().to_path_buf(),
            }) {
                return Err(injected());
            }
            Disk.sync_file(file)
        }

        fn rename(&mut self, file: NamedTempFile, target: &Path) -> io::Result<()> {
            if self.record(Step::Rename {
                temp: file.path().to_path_buf(),
                target: target.to_path_buf(),
            }) {
                return Err(injected());
            }
            Disk.rename(file, target)
        }

        fn sync_folder(&mut self, folder: &Path) -> io::Result<()> {
            if self.record(Step::SyncFolder {
                folder: folder.to_path_buf(),
            }) {
                return Err(injected());
            }
            Disk.sync_folder(folder)
        }
    }

    /// The names in `folder`, sorted.
    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn atomic_write_writes_a_temporary_file_syncs_it_renames_it_then_syncs_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("glossary");
        let target = folder.join("user.toml");
        fs::create_dir_all(&folder).unwrap();
        fs::write(&target, "old").unwrap();
        let mut recorder = Recorder::new(None);
        atomic_write_with(&target, b"new", &mut recorder).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(names(&folder), ["user.toml"]);
        let Some(Step::Write { temp }) = recorder.steps.get(1).cloned() else {
            panic!("no write second: {:?}", recorder.steps);
        };
        assert_eq!(
            temp.parent(),
            Some(folder.as_path()),
            "a temporary file in the same folder"
        );
        assert_ne!(temp, target);
        assert_eq!(
            recorder.steps,
            [
                Step::CreateTemp {
                    folder: folder.clone()
                },
                Step::Write { temp: temp.clone() },
                Step::SyncFile { temp: temp.clone() },
                Step::Rename {
                    temp,
                    target: target.clone()
                },
                Step::SyncFolder { folder },
            ]
        );
    }

    #[test]
    fn a_fault_at_any_step_leaves_the_old_file_or_the_new_one_and_no_temporary_file() {
        for existed in [true, false] {
            for fail_at in 0..5 {
                let dir = tempfile::tempdir().unwrap();
                let target = dir.path().join("state.toml");
                let old = "old contents, longer than the new ones";
                if existed {
                    fs::write(&target, old).unwrap();
                }
                let new = "new contents";
                let mut recorder = Recorder::new(Some(fail_at));
                let error = atomic_write_with(&target, new.as_bytes(), &mut recorder).unwrap_err();
                assert_eq!(error.to_string(), "injected fault");
                assert_eq!(recorder.steps.len(), fail_at + 1, "stops at the fault");
                // Until the rename has happened the target is untouched;
                // after it (the folder sync failed) it is whole and new.
                let renamed = fail_at > 3;
                let expected = match (renamed, existed) {
                    (true, _) => Some(new),
                    (false, true) => Some(old),
                    (false, false) => None,
                };
                let found = fs::read_to_string(&target).ok();
                assert_eq!(found.as_deref(), expected, "fault at step {fail_at}");
                let left: Vec<String> = names(dir.path())
                    .into_iter()
                    .filter(|n| n != "state.toml")
                    .collect();
                assert!(left.is_empty(), "fault at step {fail_at} left {left:?}");
            }
        }
    }

    const SMALL: Cap = Cap {
        limit: 10,
        what: "a test file",
    };

    #[test]
    fn read_capped_reads_regular_files_within_the_cap_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        fs::write(&path, "0123456789").unwrap();
        assert_eq!(read_capped(&path, SMALL).unwrap(), b"0123456789");
        fs::write(&path, "0123456789x").unwrap();
        assert_eq!(
            read_capped(&path, SMALL).unwrap_err().to_string(),
            format!(
                "{}: larger than the 10 bytes cap for a test file (11 bytes); not read",
                path.display()
            )
        );
        let fifo = dir.path().join("fifo.toml");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        assert_eq!(
            read_capped(&fifo, SMALL).unwrap_err().to_string(),
            format!("{}: not a regular file (a FIFO); not read", fifo.display())
        );
        let zero = dir.path().join("zero.toml");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(
            read_capped(&zero, SMALL)
                .unwrap_err()
                .to_string()
                .ends_with("zero.toml: not a regular file (a character device); not read")
        );
        assert!(
            read_capped(&dir.path().join("none"), SMALL)
                .unwrap_err()
                .is_not_found()
        );
        assert!(matches!(
            read_capped(dir.path(), SMALL),
            Err(FileError::NotRegular {
                kind: "a directory",
                ..
            })
        ));
    }

    #[test]
    fn moved_aside_files_are_numbered_and_never_overwrite_an_older_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.toml");
        let mut backups = Vec::new();
        for text in ["one", "two", "three"] {
            fs::write(&path, text).unwrap();
            backups.push(move_aside(&path).unwrap());
            assert!(!path.exists());
        }
        let names: Vec<_> = backups
            .iter()
            .map(|b| b.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "state.toml.broken",
                "state.toml.broken.2",
                "state.toml.broken.3"
            ]
        );
        for (backup, text) in backups.iter().zip(["one", "two", "three"]) {
            assert_eq!(fs::read_to_string(backup).unwrap(), text);
        }
    }

    #[test]
    fn a_move_never_overwrites_and_makes_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let from = dir.path().join("a.toml");
        let to = dir.path().join("trash/articles/a.toml");
        fs::write(&from, "one").unwrap();
        move_file(&from, &to).unwrap();
        assert!(!from.exists());
        assert_eq!(fs::read_to_string(&to).unwrap(), "one");
        fs::write(&from, "two").unwrap();
        let error = move_file(&from, &to).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&from).unwrap(), "two");
        assert_eq!(fs::read_to_string(&to).unwrap(), "one");
    }

    #[test]
    fn atomic_write_goes_through_a_symlink_and_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let dotfiles = dir.path().join("dotfiles");
        let glossary = dir.path().join("glossary");
        fs::create_dir_all(&dotfiles).unwrap();
        fs::create_dir_all(&glossary).unwrap();
        let real = dotfiles.join("user.toml");
        fs::write(&real, "old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        let link = glossary.join("user.toml");
        std::os::unix::fs::symlink("../dotfiles/user.toml", &link).unwrap();

        atomic_write(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        let mode = fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        // No temporary file left in either folder.
        assert_eq!(fs::read_dir(&dotfiles).unwrap().count(), 1);
        assert_eq!(fs::read_dir(&glossary).unwrap().count(), 1);

        // A plain file keeps its mode too.
        let plain = glossary.join("other.toml");
        fs::write(&plain, "x").unwrap();
        fs::set_permissions(&plain, fs::Permissions::from_mode(0o604)).unwrap();
        atomic_write(&plain, b"y").unwrap();
        assert_eq!(
            fs::metadata(&plain).unwrap().permissions().mode() & 0o777,
            0o604
        );
    }

    #[test]
    fn atomic_write_leaves_a_fifo_alone() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("state.toml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let error = atomic_write(&fifo, b"x").unwrap_err();
        assert_eq!(
            error.to_string(),
            "not a regular file (a FIFO); not replaced"
        );
        assert!(std::os::unix::fs::FileTypeExt::is_fifo(
            &fs::symlink_metadata(&fifo).unwrap().file_type()
        ));
    }

    #[test]
    fn stale_temporaries_of_killed_writers_are_removed_on_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let hour_ago = SystemTime::now() - Duration::from_secs(3600);
        let make = |folder: &Path, name: &str, old: bool| {
            let path = folder.join(name);
            let file = File::create(&path).unwrap();
            if old {
                file.set_modified(hour_ago).unwrap();
            }
            path
        };
        // A folder qari manages (it holds a lock file of qari's).
        let managed = dir.path().join("glossary");
        fs::create_dir_all(&managed).unwrap();
        make(&managed, ".user.toml.lock", false);
        let gone = [
            make(&managed, ".tmpAb3dE9", true),
            make(&managed, ".qari-Xy7z0Q.tmp", true),
        ];
        let kept = [
            make(&managed, ".tmpFresh1", false),       // a writer at work
            make(&managed, ".qari-Fresh2.tmp", false), // a writer at work
            make(&managed, ".tmpAb3dE9x", true),       // not tempfile's name
            make(&managed, "notes.tmp", true),
        ];
        atomic_write(&managed.join("user.toml"), b"x").unwrap();
        for path in &gone {
            assert!(!path.exists(), "{}", path.display());
        }
        for path in &kept {
            assert!(path.exists(), "{}", path.display());
        }
        // Elsewhere (an export's folder), only qari's own names go.
        let elsewhere = dir.path().join("downloads");
        fs::create_dir_all(&elsewhere).unwrap();
        let theirs = make(&elsewhere, ".tmpAb3dE9", true);
        let ours = make(&elsewhere, ".qari-Xy7z0Q.tmp", true);
        atomic_write(&elsewhere.join("export.csv"), b"x").unwrap();
        assert!(theirs.exists());
        assert!(!ours.exists());
    }
}
