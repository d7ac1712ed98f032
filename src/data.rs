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
//! (optional, CC BY-SA 4.0) says how common each lemma is, for ranking.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::arabic::Bama;
use crate::arabic::bama::LexiconError;
use crate::files::{Cap, FileError, read_text_capped};

/// The lexicon's place under a data folder.
pub const LEXICON: &str = "bama/lexicon.tsv";
/// The lemma frequencies' place under the same data folder (optional).
pub const FREQUENCIES: &str = "freq/lemmas.tsv";

/// The frequency file (400 KB today).
pub const FREQUENCY_FILE: Cap = Cap {
    limit: 16 << 20,
    what: "the lemma frequencies",
};

/// The lexicon file (3.6 MB today): a cap far above it.
pub const LEXICON_FILE: Cap = Cap {
    limit: 32 << 20,
    what: "the morphological lexicon",
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

/// Reads and parses the lexicon at `path` (`DIR/bama/lexicon.tsv`), and
/// the lemma frequencies of the same data folder (`DIR/freq/lemmas.tsv`)
/// when they are there.
pub fn load_lexicon(path: &Path) -> Result<Bama, DataError> {
    let text = read_text_capped(path, LEXICON_FILE)?;
    let bama = Bama::parse(&text).map_err(|source| DataError::Lexicon {
        path: path.display().to_string(),
        source,
    })?;
    let Some(frequencies) = path
        .parent()
        .and_then(Path::parent)
        .map(|dir| dir.join(FREQUENCIES))
        .filter(|p| p.is_file())
    else {
        return Ok(bama);
    };
    let text = read_text_capped(&frequencies, FREQUENCY_FILE)?;
    bama.with_frequencies(&text)
        .map_err(|source| DataError::Lexicon {
            path: frequencies.display().to_string(),
            source,
        })
}

/// The lexicon, if one is installed: `Ok(None)` when none is found.
pub fn lexicon() -> Result<Option<Bama>, DataError> {
    find(LEXICON).map(|path| load_lexicon(&path)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(bama.lemma_count(), 38_618);
    }
}
