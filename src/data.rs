//! Data files qari reads at run time rather than compiling in: where they
//! are found, and loading the morphological lexicon.
//!
//! The Buckwalter lexicon (`bama/lexicon.tsv`) is under the GPL version 2
//! only, so it stays a separate file (data/bama/README.md says why and where
//! it comes from). It is looked for in `$QARI_DATA`, then
//! `$XDG_DATA_HOME/qari` (else `~/.local/share/qari`), then each folder of
//! `$XDG_DATA_DIRS` (else `/usr/local/share:/usr/share`) with `/qari`, then
//! the `data/` folder of the source tree qari was built from, so that
//! `cargo run` in a clone finds it. Without it qari still runs, matching
//! words by stripping clitics only. Beside the lexicon, `freq/lemmas.tsv`
//! (optional, CC BY-SA 4.0) says how common each lemma is, for ranking, and
//! `senses/news.tsv` (optional, qari's own) adds the senses news gives
//! lemmas that the 2002 lexicon lacks.
//!
//! Parsing the lexicon's text takes a tenth of a second, too long for a
//! one-word `qari lookup`: the parsed analyser is kept in the cache folder
//! ([`cache_dir`]: `$XDG_CACHE_HOME/qari`, else `~/.cache/qari`) as
//! `lexicon-HASH.bin`, stamped with the program and the data files it was
//! made from (path, size, modification time), and read from there while the
//! stamp still matches; otherwise it is rebuilt and rewritten. A cache that
//! cannot be written (a read-only home) only costs the time.

use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use thiserror::Error;

use crate::arabic::Bama;
use crate::arabic::bama::{LexiconError, senses};
use crate::files::{Cap, FileError, atomic_write, read_capped, read_text_capped};

/// The lexicon's place under a data folder.
pub const LEXICON: &str = "bama/lexicon.tsv";
/// The lemma frequencies' place under the same data folder (optional).
pub const FREQUENCIES: &str = "freq/lemmas.tsv";
/// qari's own senses the lexicon lacks, under the same data folder
/// (optional).
pub const SENSES: &str = "senses/news.tsv";
/// qari's own names and words of the news the lexicon lacks, under the
/// same data folder (optional).
pub const NAMES: &str = "senses/names.tsv";
/// qari's own list of the readings news usually means by common words,
/// under the same data folder (optional).
pub const USUAL_READINGS: &str = "senses/usual.tsv";

/// The frequency file (400 KB today).
pub const FREQUENCY_FILE: Cap = Cap {
    limit: 16 << 20,
    what: "the lemma frequencies",
};

/// qari's additions beside the lexicon: its senses, names and usual
/// readings (tens of kB each today).
pub const SENSES_FILE: Cap = Cap {
    limit: 16 << 20,
    what: "qari's additions to the lexicon",
};

/// The lexicon file (3.6 MB today): a cap far above it.
pub const LEXICON_FILE: Cap = Cap {
    limit: 32 << 20,
    what: "the morphological lexicon",
};

/// A cached analyser (about 9 MB today).
pub const LEXICON_CACHE: Cap = Cap {
    limit: 128 << 20,
    what: "the cached lexicon",
};

#[derive(Debug, Error)]
pub enum DataError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error("{path}: {source}")]
    Lexicon { path: String, source: LexiconError },
}

/// The folders data is looked for in, first first, from the environment
/// `var` gives (a function, so tests need not change the process's).
pub fn data_dirs(var: impl Fn(&str) -> Option<String>) -> Vec<PathBuf> {
    let absolute = |name: &str| {
        var(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let mut dirs = Vec::new();
    dirs.extend(absolute("QARI_DATA"));
    dirs.extend(
        absolute("XDG_DATA_HOME")
            .or_else(|| absolute("HOME").map(|home| home.join(".local/share")))
            .map(|data| data.join("qari")),
    );
    let system = var("XDG_DATA_DIRS")
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "/usr/local/share:/usr/share".to_owned());
    dirs.extend(
        system
            .split(':')
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .map(|p| p.join("qari")),
    );
    dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("data"));
    dirs
}

/// The first `relative` file under [`data_dirs`] of the process's
/// environment.
pub fn find(relative: &str) -> Option<PathBuf> {
    data_dirs(|name| std::env::var(name).ok())
        .into_iter()
        .map(|dir| dir.join(relative))
        .find(|path| path.is_file())
}

/// The folder for files qari derives and can always rebuild:
/// `$XDG_CACHE_HOME/qari`, else `~/.cache/qari` (from the environment
/// `var` gives); `None` when neither is set to an absolute path.
pub fn cache_dir(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let absolute = |name: &str| {
        var(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    absolute("XDG_CACHE_HOME")
        .or_else(|| absolute("HOME").map(|home| home.join(".cache")))
        .map(|cache| cache.join("qari"))
}

/// Reads and parses the lexicon at `path` (`DIR/bama/lexicon.tsv`), and
/// the lemma frequencies of the same data folder (`DIR/freq/lemmas.tsv`)
/// when they are there.
pub fn load_lexicon(path: &Path) -> Result<Bama, DataError> {
    let mut text = read_text_capped(path, LEXICON_FILE)?;
    if let Some(names) = beside(path, NAMES) {
        let stems =
            senses::names_as_stems(&read_text_capped(&names, SENSES_FILE)?).map_err(|source| {
                DataError::Lexicon {
                    path: names.display().to_string(),
                    source,
                }
            })?;
        text.push('\n');
        text.push_str(&stems);
    }
    let bama = Bama::parse(&text).map_err(|source| DataError::Lexicon {
        // The names' lines were checked as they were turned into stems: a
        // line the parser refuses is the lexicon's.
        path: path.display().to_string(),
        source,
    })?;
    drop(text);
    let bama = apply_beside(bama, path, SENSES, Bama::with_senses)?;
    let bama = apply_beside(bama, path, USUAL_READINGS, Bama::with_usual_readings)?;
    apply_beside(bama, path, FREQUENCIES, Bama::with_frequencies)
}

/// `bama` changed by `apply` with the text of the optional file `relative`
/// beside the lexicon at `lexicon`, if it is there; a line `apply` refuses
/// is reported with that file's path.
fn apply_beside(
    bama: Bama,
    lexicon: &Path,
    relative: &str,
    apply: impl FnOnce(Bama, &str) -> Result<Bama, LexiconError>,
) -> Result<Bama, DataError> {
    let Some(file) = beside(lexicon, relative) else {
        return Ok(bama);
    };
    let cap = if relative == FREQUENCIES {
        FREQUENCY_FILE
    } else {
        SENSES_FILE
    };
    let text = read_text_capped(&file, cap)?;
    apply(bama, &text).map_err(|source| DataError::Lexicon {
        path: file.display().to_string(),
        source,
    })
}

/// The optional files found beside the lexicon at `lexicon` (qari's
/// senses, names and usual readings, and the frequencies), as their paths
/// under the data folder: what `qari check` reports.
pub fn found_beside(lexicon: &Path) -> Vec<&'static str> {
    [SENSES, NAMES, USUAL_READINGS, FREQUENCIES]
        .into_iter()
        .filter(|relative| beside(lexicon, relative).is_some())
        .collect()
}

/// The file at `relative` ([`FREQUENCIES`], [`SENSES`]) in the data folder
/// the lexicon at `lexicon` is in, if it is there.
fn beside(lexicon: &Path, relative: &str) -> Option<PathBuf> {
    lexicon
        .parent()
        .and_then(Path::parent)
        .map(|dir| dir.join(relative))
        .filter(|p| p.is_file())
}

/// [`load_lexicon`], through a cached copy in `cache` when it was made
/// from the same program and files; a new copy is written there when not
/// (quietly not, if it cannot be).
pub fn load_lexicon_cached(path: &Path, cache: Option<&Path>) -> Result<Bama, DataError> {
    let Some(cache) = cache else {
        return load_lexicon(path);
    };
    let stamp = stamp(path);
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(path.as_os_str().as_encoded_bytes());
    let file = cache.join(format!("lexicon-{:016x}.bin", hasher.finish()));
    if let Some(bama) = read_capped(&file, LEXICON_CACHE)
        .ok()
        .and_then(|bytes| Bama::from_cache(&bytes, &stamp))
    {
        return Ok(bama);
    }
    let bama = load_lexicon(path)?;
    if let Ok(bytes) = bama.to_cache(&stamp) {
        // Best effort: the next start parses again if this fails.
        let _ = atomic_write(&file, &bytes);
    }
    Ok(bama)
}

/// What a cached analyser was made from: this program and the lexicon,
/// senses, names, usual readings and frequency files, each as path, size and modification time
/// (nanoseconds). Any of them changing makes a different stamp.
fn stamp(lexicon: &Path) -> Vec<u8> {
    let mut stamp = String::new();
    let program = std::env::current_exe().ok();
    let senses = beside(lexicon, SENSES);
    let names = beside(lexicon, NAMES);
    let usual = beside(lexicon, USUAL_READINGS);
    let frequencies = beside(lexicon, FREQUENCIES);
    for file in [
        program.as_deref(),
        Some(lexicon),
        senses.as_deref(),
        names.as_deref(),
        usual.as_deref(),
        frequencies.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        let (size, modified) = std::fs::metadata(file)
            .map(|meta| {
                let modified = meta
                    .modified()
                    .ok()
                    .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
                    .map_or(0, |since| since.as_nanos());
                (meta.len(), modified)
            })
            .unwrap_or_default();
        stamp.push_str(&format!("{}\t{size}\t{modified}\n", file.display()));
    }
    stamp.into_bytes()
}

/// The lexicon, if one is installed: `Ok(None)` when none is found. Read
/// through the cache of [`cache_dir`].
pub fn lexicon() -> Result<Option<Bama>, DataError> {
    let cache = cache_dir(|name| std::env::var(name).ok());
    find(LEXICON)
        .map(|path| load_lexicon_cached(&path, cache.as_deref()))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arabic::SegmentKind;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn data_is_looked_for_in_order() {
        let dirs = data_dirs(env(&[
            ("QARI_DATA", "/q"),
            ("XDG_DATA_HOME", "/xdg"),
            ("XDG_DATA_DIRS", "/a:relative:/b"),
        ]));
        let shown: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
        assert_eq!(shown[..4], ["/q", "/xdg/qari", "/a/qari", "/b/qari"]);
        assert!(shown[4].ends_with("/data"), "{shown:?}");
    }

    #[test]
    fn defaults_when_the_environment_says_nothing() {
        let dirs = data_dirs(env(&[("HOME", "/home/u"), ("QARI_DATA", "")]));
        let shown: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
        assert_eq!(
            shown[..3],
            [
                "/home/u/.local/share/qari",
                "/usr/local/share/qari",
                "/usr/share/qari"
            ]
        );
    }

    #[test]
    fn the_cache_folder_comes_from_the_environment() {
        let dir = |pairs: &[(&str, &str)]| cache_dir(env(pairs));
        let qari = |path: &str| Some(PathBuf::from(path));
        assert_eq!(
            dir(&[("XDG_CACHE_HOME", "/c"), ("HOME", "/h")]),
            qari("/c/qari")
        );
        assert_eq!(
            dir(&[("XDG_CACHE_HOME", "relative"), ("HOME", "/h")]),
            qari("/h/.cache/qari")
        );
        assert_eq!(
            dir(&[("XDG_CACHE_HOME", ""), ("HOME", "/h")]),
            qari("/h/.cache/qari")
        );
        assert_eq!(dir(&[]), None);
        assert_eq!(dir(&[("HOME", "")]), None);
    }

    #[test]
    fn a_broken_lexicon_is_reported_with_its_file_and_line() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("lexicon.tsv");
        std::fs::write(&path, "[stems]\nnot a stem\n").expect("written");
        let message = load_lexicon(&path).expect_err("refused").to_string();
        assert!(message.contains("lexicon.tsv: line 2"), "{message}");
    }

    #[test]
    fn the_repository_copy_is_found_and_loads() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data")
            .join(LEXICON);
        let bama = load_lexicon(&path).expect("the repository's lexicon");
        assert_eq!(bama.lemma_count(), 38_618 + names_listed());
    }

    /// How many words the repository's `senses/names.tsv` lists: each is a
    /// lemma of its own beside the lexicon's 38,618.
    fn names_listed() -> usize {
        let names = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data")
            .join(NAMES);
        std::fs::read_to_string(names)
            .expect("data/senses/names.tsv")
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .count()
    }

    /// A data folder with the repository's lexicon, frequencies and
    /// qari's additions, copied, so a test can change them.
    fn data_copy() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        for relative in [LEXICON, FREQUENCIES, SENSES, NAMES, USUAL_READINGS] {
            let to = dir.path().join(relative);
            std::fs::create_dir_all(to.parent().expect("a folder")).expect("made");
            std::fs::copy(source.join(relative), &to).expect("copied");
        }
        let lexicon = dir.path().join(LEXICON);
        (dir, lexicon)
    }

    #[test]
    fn the_cached_analyser_reads_as_the_parsed_one_and_is_rebuilt_when_its_data_changes() {
        let (_data, lexicon) = data_copy();
        let cache = tempfile::tempdir().expect("a temporary folder");
        let parsed = load_lexicon(&lexicon).expect("parsed");
        let first = load_lexicon_cached(&lexicon, Some(cache.path())).expect("built");
        let files: Vec<PathBuf> = std::fs::read_dir(cache.path())
            .expect("listed")
            .map(|entry| entry.expect("an entry").path())
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        let bytes = std::fs::read(&files[0]).expect("read");
        let cached = Bama::from_cache(&bytes, &stamp(&lexicon)).expect("the cache is used");
        for word in [
            "وحلفائه",
            "كتاب",
            "سيصدرون",
            "التضخم",
            "المقبلة",
            "لكن",
            "الشرطة",
            "والحوثيين",
            "xyz",
        ] {
            assert_eq!(cached.readings(word), parsed.readings(word), "{word}");
            assert_eq!(first.readings(word), parsed.readings(word), "{word}");
        }
        // Another stamp (the data changed, or another program made it):
        // not used.
        assert!(Bama::from_cache(&bytes, b"another").is_none());

        // The frequencies change: the stamp does, and the cache is rebuilt
        // with the new ones (كتاب's readings are ordered by them).
        let frequencies = lexicon
            .parent()
            .and_then(Path::parent)
            .expect("the data folder")
            .join(FREQUENCIES);
        std::fs::write(&frequencies, "# none\n").expect("written");
        let rebuilt = load_lexicon_cached(&lexicon, Some(cache.path())).expect("rebuilt");
        let unranked = load_lexicon(&lexicon).expect("parsed");
        assert_eq!(rebuilt.readings("كتاب"), unranked.readings("كتاب"));
        let bytes = std::fs::read(&files[0]).expect("read");
        assert!(
            Bama::from_cache(&bytes, &stamp(&lexicon)).is_some(),
            "rewritten"
        );

        // So do qari's names: a name added is read at the next start.
        let names = lexicon
            .parent()
            .and_then(Path::parent)
            .expect("the data folder")
            .join(NAMES);
        let name = |bama: &Bama| {
            bama.readings("وقزطلبون")
                .first()
                .and_then(|r| r.segments.iter().find(|s| s.kind == SegmentKind::Stem))
                .map(|s| s.gloss.clone())
        };
        assert_eq!(name(&rebuilt), None);
        std::fs::write(
            &names,
            "قزطلبون\tQaztalbun (a made-up name)\tnoun_prop\tperson\n",
        )
        .expect("written");
        let rebuilt = load_lexicon_cached(&lexicon, Some(cache.path())).expect("rebuilt");
        assert_eq!(
            name(&rebuilt).as_deref(),
            Some("Qaztalbun (a made-up name)")
        );
    }

    #[test]
    fn a_damaged_cache_is_not_used_and_never_panics() {
        let (_data, lexicon) = data_copy();
        let bama = load_lexicon(&lexicon).expect("parsed");
        let stamp = stamp(&lexicon);
        let bytes = bama.to_cache(&stamp).expect("serialised");
        // Cut anywhere: refused.
        for cut in [0, 1, 10, bytes.len() / 3, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                Bama::from_cache(&bytes[..cut], &stamp).is_none(),
                "cut at {cut}"
            );
        }
        // Bytes changed anywhere: refused, or (where the change is only in
        // a string or a frequency) still an analyser that answers.
        let mut damaged = bytes.clone();
        let step = bytes.len() / 101;
        for at in (stamp.len() + 8..bytes.len()).step_by(step) {
            damaged[at] ^= 0x5a;
            if let Some(bama) = Bama::from_cache(&damaged, &stamp) {
                for word in ["وحلفائه", "كتاب", "الحكومة"] {
                    let _ = bama.readings(word);
                }
            }
            damaged[at] = bytes[at];
        }
        // A cache file that is garbage is rebuilt over.
        let cache = tempfile::tempdir().expect("a temporary folder");
        load_lexicon_cached(&lexicon, Some(cache.path())).expect("built");
        let file = std::fs::read_dir(cache.path())
            .expect("listed")
            .next()
            .expect("one file")
            .expect("an entry")
            .path();
        std::fs::write(&file, b"garbage").expect("written");
        let again = load_lexicon_cached(&lexicon, Some(cache.path())).expect("loaded");
        assert_eq!(again.lemma_count(), 38_618 + names_listed());
        assert!(
            std::fs::read(&file).expect("read").len() > 1_000_000,
            "rewritten"
        );
    }
}
