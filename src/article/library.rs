//! The library: the user's data folder (`--library DIR`), holding their own
//! articles in `DIR/articles/`, their glossary in `DIR/glossary/`, and the
//! reading state in `DIR/state.toml`. The repository's top level is itself a
//! valid library.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Article, ArticleError, BUNDLED, Origin, parse_article};
use crate::files::{FileError, atomic_write, line_and_column, with_lock};

/// The user's data folder.
#[derive(Debug, Clone)]
pub struct Library {
    pub root: PathBuf,
}

/// Every article found: bundled ones first, then the library's. Files that
/// could not be read are kept as problems so the reader can still start.
#[derive(Debug, Default)]
pub struct Catalog {
    pub articles: Vec<Article>,
    pub problems: Vec<ArticleError>,
}

/// Where the learner is: the last article read and the sentence reached in
/// each article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadingState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_article: Option<String>,
    /// Sentence number (1-based, as shown on screen) per article id.
    #[serde(default)]
    pub position: BTreeMap<String, usize>,
}

/// The lock taken around every write into `DIR/articles/` (a saved
/// translation, an import), in that folder.
pub const ARTICLES_LOCK: &str = ".articles.lock";

/// The lock taken around every change of `state.toml`.
const STATE_LOCK: &str = ".state.toml.lock";

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{message}; kept as {backup} and started afresh")]
    Malformed {
        path: String,
        message: String,
        backup: String,
    },
    #[error("{path}: cannot save the reading position: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

impl Library {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Library { root: root.into() }
    }

    /// The default folder, by the XDG base-directory convention:
    /// `$XDG_DATA_HOME/qari`, else `$HOME/.local/share/qari`.
    pub fn default_root() -> Option<PathBuf> {
        let absolute = |var: &str| {
            std::env::var_os(var)
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
        };
        absolute("XDG_DATA_HOME")
            .or_else(|| absolute("HOME").map(|home| home.join(".local/share")))
            .map(|data| data.join("qari"))
    }

    pub fn articles_dir(&self) -> PathBuf {
        self.root.join("articles")
    }

    pub fn state_path(&self) -> PathBuf {
        self.root.join("state.toml")
    }

    /// The bundled articles and the library's own. A library article with a
    /// bundled article's id replaces it (so `--library .` in the repository
    /// reads the files being edited).
    pub fn catalog(&self) -> Catalog {
        let mut catalog = Catalog::default();
        for (id, name, text) in BUNDLED {
            let path = Path::new("articles").join(name);
            match parse_article(text.as_bytes(), &path, id, Origin::Bundled) {
                Ok(article) => catalog.articles.push(article),
                Err(error) => catalog.problems.push(error),
            }
        }
        let Ok(entries) = fs::read_dir(self.articles_dir()) else {
            return catalog; // no folder yet: nothing of the user's to add
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            match load_article(&path) {
                Ok(article) => {
                    catalog.articles.retain(|a| a.id != article.id);
                    catalog.articles.push(article);
                }
                Err(error) => catalog.problems.push(error),
            }
        }
        catalog
    }

    /// Reads the reading state. A missing file is a fresh start; a malformed
    /// one is moved aside (never overwritten) and reported.
    pub fn load_state(&self) -> (ReadingState, Option<StateError>) {
        let path = self.state_path();
        let shown = path.display().to_string();
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return (ReadingState::default(), None);
            }
            Err(error) if error.kind() == std::io::ErrorKind::InvalidData => {
                return (
                    ReadingState::default(),
                    Some(self.set_aside(&path, "not UTF-8 text")),
                );
            }
            Err(source) => {
                let error = StateError::Read {
                    path: shown,
                    source,
                };
                return (ReadingState::default(), Some(error));
            }
        };
        match toml::from_str(&text) {
            Ok(state) => (state, None),
            Err(error) => {
                let (line, column) = line_and_column(&text, error.span().map_or(0, |s| s.start));
                let message = error.message().trim_end().replace('\n', " ");
                let located = format!("{line}:{column}: {message}");
                (
                    ReadingState::default(),
                    Some(self.set_aside(&path, &located)),
                )
            }
        }
    }

    fn set_aside(&self, path: &Path, message: &str) -> StateError {
        let backup = path.with_extension("toml.broken");
        // Best effort: if even the rename fails the next save overwrites a
        // file that held nothing readable.
        let _ = fs::rename(path, &backup);
        StateError::Malformed {
            path: path.display().to_string(),
            message: message.to_owned(),
            backup: backup.display().to_string(),
        }
    }

    /// Records that `article` is being read at `sentence` (1-based): under
    /// the state's lock, the file is read again and only this article's
    /// position and the last article read change, so two readers open at
    /// once keep each other's positions.
    pub fn save_position(&self, article: &str, sentence: usize) -> Result<(), StateError> {
        let path = self.state_path();
        let lock = path.with_file_name(STATE_LOCK);
        let error = |source| StateError::Write {
            path: path.display().to_string(),
            source,
        };
        with_lock(&lock, || {
            // A file that no longer reads was set aside by `load_state`.
            let (mut state, _) = self.load_state();
            state.last_article = Some(article.to_owned());
            state.position.insert(article.to_owned(), sentence);
            self.save_state(&state)
        })
        .map_err(error)?
    }

    /// Saves the reading state atomically (see [`atomic_write`]).
    pub fn save_state(&self, state: &ReadingState) -> Result<(), StateError> {
        let path = self.state_path();
        let error = |source| StateError::Write {
            path: path.display().to_string(),
            source,
        };
        let text = toml::to_string(state).map_err(|e| error(std::io::Error::other(e)))?;
        atomic_write(&path, text.as_bytes()).map_err(error)
    }
}

/// Reads an article file; its id is the file name without `.toml`.
pub fn load_article(path: &Path) -> Result<Article, ArticleError> {
    if path.is_dir() {
        let source = std::io::Error::other("is a directory, expected an article file");
        return Err(FileError::io(path, source));
    }
    let bytes = fs::read(path).map_err(|source| FileError::io(path, source))?;
    let id = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    parse_article(&bytes, path, &id, Origin::File(path.to_path_buf()))
}

impl Catalog {
    pub fn get(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_round_trips_atomically_and_a_broken_file_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::new(dir.path().join("lib"));
        assert_eq!(library.load_state().0, ReadingState::default());
        let mut state = ReadingState {
            last_article: Some("deir-ez-zor-2017".into()),
            ..ReadingState::default()
        };
        state.position.insert("deir-ez-zor-2017".into(), 7);
        library.save_state(&state).unwrap();
        let (loaded, error) = library.load_state();
        assert_eq!(loaded, state);
        assert!(error.is_none());

        fs::write(library.state_path(), "position = 3\n").unwrap();
        let (fresh, error) = library.load_state();
        assert_eq!(fresh, ReadingState::default());
        assert!(error.unwrap().to_string().contains("state.toml.broken"));
        assert_eq!(
            fs::read_to_string(library.root.join("state.toml.broken")).unwrap(),
            "position = 3\n"
        );
    }

    #[test]
    fn library_articles_add_to_bundled_ones_and_bad_files_are_problems() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::new(dir.path());
        fs::create_dir(library.articles_dir()).unwrap();
        fs::write(
            library.articles_dir().join("mine.toml"),
            "[[sentence]]\nar = \"مرحبا\"\n",
        )
        .unwrap();
        fs::write(library.articles_dir().join("bad.toml"), "[[sentence]]\n").unwrap();
        let catalog = library.catalog();
        let ids: Vec<&str> = catalog.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["deir-ez-zor-2017", "mine"]);
        assert_eq!(catalog.problems.len(), 1);
        assert!(
            catalog.problems[0]
                .to_string()
                .ends_with("bad.toml:1:1: missing field `ar`")
        );
    }
}
