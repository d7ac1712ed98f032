//! The library: the user's data folder (`--library DIR`), holding their own
//! articles in `DIR/articles/`, their glossary in `DIR/glossary/`, and the
//! reading state in `DIR/state.toml`. The repository's top level is itself a
//! valid library.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Article, ArticleError, BUNDLED, Origin, parse_article};
use crate::files::{
    ARTICLE_FILE, FileError, STATE_FILE, atomic_write, line_and_column, move_aside, read_capped,
    with_lock,
};

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
    /// Not a regular file, say: left as it is, and not written over.
    #[error("{0}; the reading position is not saved")]
    File(FileError),
    /// Moved aside (`backup` is then its new name) and started afresh; when
    /// it could not be moved, `backup` is `None` and it is not written over.
    #[error("{path}:{message}; {aside}")]
    Malformed {
        path: String,
        message: String,
        backup: Option<String>,
        /// What became of it, said.
        aside: String,
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
    /// one (or one over [`STATE_FILE`]) is moved aside (never over an older
    /// backup) and reported; one that is not a regular file is reported and
    /// left alone.
    pub fn load_state(&self) -> (ReadingState, Option<StateError>) {
        let path = self.state_path();
        let bytes = match read_capped(&path, STATE_FILE) {
            Ok(bytes) => bytes,
            Err(error) if error.is_not_found() => return (ReadingState::default(), None),
            Err(FileError::TooLarge { cap, found, .. }) => {
                // A regular file: kept whole under its backup name.
                let message = format!(
                    " larger than the {} cap for {} ({found})",
                    cap.shown(),
                    cap.what
                );
                return (
                    ReadingState::default(),
                    Some(self.set_aside(&path, &message)),
                );
            }
            Err(FileError::Io { source, .. }) => {
                let error = StateError::Read {
                    path: path.display().to_string(),
                    source,
                };
                return (ReadingState::default(), Some(error));
            }
            Err(other) => return (ReadingState::default(), Some(StateError::File(other))),
        };
        let Ok(text) = String::from_utf8(bytes) else {
            return (
                ReadingState::default(),
                Some(self.set_aside(&path, " not UTF-8 text")),
            );
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
        let (backup, aside) = match move_aside(path) {
            Ok(backup) => {
                let shown = backup.display().to_string();
                let aside = format!("kept as {shown} and started afresh");
                (Some(shown), aside)
            }
            Err(error) => (
                None,
                format!(
                    "could not be moved aside ({error}), so it is left as it is: \
                     started afresh, and the reading position is not saved"
                ),
            ),
        };
        StateError::Malformed {
            path: path.display().to_string(),
            message: message.to_owned(),
            backup,
            aside,
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
            // A file that no longer reads is set aside by `load_state`;
            // one that could not be set aside, or is no regular file, is
            // never written over.
            let (mut state, problem) = self.load_state();
            if let Some(problem) = problem
                && !matches!(
                    problem,
                    StateError::Malformed {
                        backup: Some(_),
                        ..
                    }
                )
            {
                return Err(problem);
            }
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
    let bytes = read_capped(path, ARTICLE_FILE)?;
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
    fn a_second_broken_state_gets_a_backup_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::new(dir.path());
        fs::write(library.state_path(), "position = 3\n").unwrap();
        library.load_state();
        fs::write(library.state_path(), "[[oops\n").unwrap();
        let (_, error) = library.load_state();
        let error = error.unwrap().to_string();
        assert!(error.contains("kept as "), "{error}");
        assert!(
            error.contains("state.toml.broken.2 and started afresh"),
            "{error}"
        );
        let backup = |name: &str| fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(backup("state.toml.broken"), "position = 3\n");
        assert_eq!(backup("state.toml.broken.2"), "[[oops\n");
        // Too large is set aside the same way.
        let huge = "#".repeat((STATE_FILE.limit + 1) as usize);
        fs::write(library.state_path(), &huge).unwrap();
        let error = library.load_state().1.unwrap().to_string();
        assert!(error.contains("larger than the 1 MiB cap"), "{error}");
        assert_eq!(backup("state.toml.broken.3"), huge);
    }

    #[test]
    fn a_broken_state_that_cannot_be_moved_is_not_claimed_kept_nor_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::new(dir.path());
        // Every backup name taken: the move cannot happen (the same path
        // as a read-only library, which root's tests cannot make).
        fs::write(dir.path().join("state.toml.broken"), "").unwrap();
        for n in 2..=1000 {
            fs::write(dir.path().join(format!("state.toml.broken.{n}")), "").unwrap();
        }
        fs::write(library.state_path(), "position = 3\n").unwrap();
        let error = library.load_state().1.unwrap().to_string();
        assert!(!error.contains("kept as"), "{error}");
        assert!(error.contains("could not be moved aside"), "{error}");
        assert!(library.save_position("x", 2).is_err());
        assert_eq!(
            fs::read_to_string(library.state_path()).unwrap(),
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
