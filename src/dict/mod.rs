//! Installed dictionaries: which files make one ([`FORMATS`]: dictd and
//! StarDict), loading them within the caps of [`crate::files`], and
//! looking a word up in all of them with the glossary's normalisation and
//! readings (clitics and endings taken off).
//!
//! - [`dictd`] and [`stardict`] parse their formats; [`dictzip`] reads the
//!   definitions file, compressed or not; [`base64`] is dictd's numbers,
//!   [`html`] the markup StarDict definitions may hold.
//! - [`index`] holds a dictionary: loaded (each distinct definition's
//!   text, made once at load, and a hash index, so a lookup is a few
//!   probes) or cached.
//! - [`cache`] keeps a dictd dictionary's index in a file of the cache
//!   folder, checked against the dictionary's files, so that a start reads
//!   it instead of building it; lookups then read only the definitions they
//!   show. StarDict dictionaries are always loaded.
//! - [`reverse`] indexes an English → Arabic dictionary by the Arabic of
//!   its definitions.
//! - [`merged`]: one word's results merged per Arabic headword, forward
//!   and reverse together, the lemma's first.
//! - [`error`]: why a dictionary was not loaded, naming the file.
//!
//! This module uses the Arabic layer (normalisation, readings) through the
//! one `use` below, and `crate::files` for reading; nothing else of qari.

mod base64;
mod cache;
mod dictd;
mod dictzip;
mod error;
mod html;
mod index;
mod merged;
mod reverse;
mod stardict;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use dictd::Dictd;
pub use error::DictError;
pub use index::Dictionary;
pub use merged::{Merged, merge};
pub use stardict::StarDict;

// The Arabic layer: the only import of it in this module.
use crate::arabic::{Analysis, analyses, has_arabic_letter, normalize};

/// A dictionary format: the file that marks a dictionary of it, and how
/// that file and the ones beside it are loaded.
pub trait Format: Sync {
    /// The format's name: "dictd".
    fn name(&self) -> &'static str;
    /// The extension of the file that marks a dictionary (`index` for
    /// `NAME.index`); its other files are found beside it.
    fn extension(&self) -> &'static str;
    /// Loads the dictionary marked by `path`. Errors name the file they are
    /// about.
    fn load(&self, path: &Path) -> Result<Dictionary, DictError>;
    /// Loads it through a cache in the folder `cache` (see [`cache`]), for
    /// the formats that have one; the others [`load`](Format::load).
    fn load_cached(&self, path: &Path, cache: &Path) -> Result<Dictionary, DictError> {
        let _ = cache;
        self.load(path)
    }
}

/// Every format qari reads.
pub const FORMATS: &[&dyn Format] = &[&Dictd, &StarDict];

/// The format of the dictionary that `path` marks, if it marks one.
pub fn format_of(path: &Path) -> Option<&'static dyn Format> {
    let extension = path.extension()?.to_str()?;
    FORMATS
        .iter()
        .copied()
        .find(|format| format.extension() == extension)
}

/// A file's name without its extension: a dictionary's name.
fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A dictionary's answer for a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictMatch {
    pub dictionary: String,
    /// Arabic → English: the Arabic headword; reverse: the English one.
    pub headword: String,
    pub senses: Vec<String>,
    pub analysis: Analysis,
    pub reverse: bool,
}

impl DictMatch {
    /// The Arabic that matched, as the dictionary spells it.
    pub fn arabic(&self) -> &str {
        if !self.reverse {
            return &self.headword;
        }
        self.senses
            .iter()
            .flat_map(|s| s.split(reverse::SEPARATORS))
            .map(str::trim)
            .find(|s| normalize(s) == self.analysis.stem)
            .unwrap_or(&self.analysis.stem)
    }

    /// How the word matched: "ب + الموازاة".
    pub fn how(&self) -> String {
        self.analysis.describe(self.arabic())
    }
}

/// Every dictionary found, and why the others were not loaded.
#[derive(Debug, Default)]
pub struct Dictionaries {
    pub list: Vec<Dictionary>,
    /// Each names the file it is about.
    pub problems: Vec<DictError>,
    /// How long loading took.
    pub load_time: Duration,
}

impl Dictionaries {
    /// Where Linux systems keep dictionaries.
    pub fn default_dirs() -> Vec<PathBuf> {
        let mut dirs = vec![
            PathBuf::from("/usr/share/dictd"),
            PathBuf::from("/usr/share/stardict/dic"),
        ];
        if let Some(home) = std::env::var_os("HOME") {
            dirs.push(PathBuf::from(home).join(".stardict/dic"));
        }
        dirs
    }

    /// Loads every dictionary in `dirs` (missing folders are fine), in the
    /// order of their folders, then of their file names, each in memory.
    pub fn load(dirs: &[PathBuf]) -> Dictionaries {
        Dictionaries::load_with(dirs, None)
    }

    /// [`load`](Dictionaries::load), through caches of their indexes in
    /// the folder `cache` (made if missing; one that cannot be written is
    /// no error: the indexes are then built in memory each time).
    pub fn load_cached(dirs: &[PathBuf], cache: &Path) -> Dictionaries {
        Dictionaries::load_with(dirs, Some(cache))
    }

    /// [`load_cached`](Dictionaries::load_cached) with a cache folder,
    /// else [`load`](Dictionaries::load).
    pub fn load_with(dirs: &[PathBuf], cache: Option<&Path>) -> Dictionaries {
        let start = Instant::now();
        let mut found = Dictionaries::default();
        for dir in dirs {
            let Ok(listing) = fs::read_dir(dir) else {
                continue;
            };
            let mut paths: Vec<PathBuf> =
                listing.filter_map(Result::ok).map(|e| e.path()).collect();
            paths.sort();
            for path in paths {
                let Some(format) = format_of(&path) else {
                    continue;
                };
                let loaded = match cache {
                    Some(cache) => format.load_cached(&path, cache),
                    None => format.load(&path),
                };
                match loaded {
                    Ok(dictionary) => found.list.push(dictionary),
                    Err(problem) => found.problems.push(problem),
                }
            }
        }
        found.load_time = start.elapsed();
        found
    }

    /// Every dictionary's entries for `word`, forward dictionaries first,
    /// each from the word's best readings; for a word without an Arabic
    /// letter, the English → Arabic dictionaries' entries with that
    /// headword.
    pub fn lookup(&self, word: &str) -> Vec<DictMatch> {
        let mut out = Vec::new();
        if !has_arabic_letter(word) {
            // An English word: the English → Arabic dictionaries' entries
            // for it, read forwards.
            for dictionary in &self.list {
                out.extend(dictionary.lookup_english(word));
            }
            return out;
        }
        let readings = analyses(&normalize(word));
        for reverse in [false, true] {
            for dictionary in self.list.iter().filter(|d| d.reverse == reverse) {
                out.extend(dictionary.lookup(&readings));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_the_file_that_marks_them() {
        let name = |path: &str| format_of(Path::new(path)).map(|f| f.name());
        assert_eq!(
            name("/usr/share/dictd/freedict-ara-eng.index"),
            Some("dictd")
        );
        assert_eq!(name("dic/qari-test.ifo"), Some("StarDict"));
        assert_eq!(name("dic/qari-test.idx"), None);
        assert_eq!(name("freedict-ara-eng.dict.dz"), None);
        assert_eq!(name("index"), None);
    }
}
