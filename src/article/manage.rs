//! Managing the library's articles: to the trash and back (`qari rm`,
//! `qari restore`), hiding a bundled article, a new id (`qari rename`), a
//! new title (`qari retitle`), and finding a text imported before.
//!
//! Every change of `DIR/articles/` and `DIR/overlays/` (and of the trash)
//! is made under the articles' lock, [`ARTICLES_LOCK`], as imports and
//! saved translations are; the reading state changes under its own lock,
//! taken inside the articles' one (never the other way round). Files are
//! moved, never copied and deleted, and a move never overwrites a file
//! (see [`move_file`]); a file rewritten is written atomically.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::file::WRITTEN_BY_QARI;
use super::library::{bundled_article, is_bundled, load_article, valid_id};
use super::{ARTICLES_LOCK, Article, Library, Sentence, StateError, article_to_toml};
use crate::files::{ARTICLE_FILE, FileError, atomic_write, move_file, read_capped, with_lock};
use crate::glossary::{GlossaryError, UserGlossary};
use crate::quote::quoted;

/// The longest id `qari rename` takes, in bytes.
pub const MAX_ID: usize = 64;

/// The longest title `qari retitle` (and `qari import --title`) takes, in
/// characters.
pub const MAX_TITLE: usize = 300;

/// Why an article could not be removed, restored, renamed or retitled.
#[derive(Debug, thiserror::Error)]
pub enum ManageError {
    #[error("no article {} in the library: `qari list` shows the ids", quoted(.0))]
    NoSuchArticle(String),
    /// `rename` or `retitle` of a bundled article.
    #[error("{} is bundled with qari: it cannot be {doing}", quoted(.id))]
    Bundled { id: String, doing: &'static str },
    #[error("{} is not a valid id: {reason}", quoted(.id))]
    InvalidId { id: String, reason: String },
    #[error("the id {} is taken ({by}); nothing was changed", quoted(.id))]
    Taken { id: String, by: &'static str },
    #[error("not a valid title: {0}")]
    InvalidTitle(String),
    #[error(
        "{} is already in the trash ({}): restore it first, or delete that file; nothing was changed",
        quoted(.id),
        .path.display()
    )]
    AlreadyInTrash { id: String, path: PathBuf },
    #[error(
        "nothing to restore for {}: it is neither in the trash ({}) nor a hidden bundled article",
        quoted(.id),
        .trash.display()
    )]
    NothingToRestore { id: String, trash: PathBuf },
    #[error("{} cannot be restored: {} exists; nothing was changed", quoted(.id), .path.display())]
    RestoreClash { id: String, path: PathBuf },
    #[error(
        "{}: not written by qari, so qari leaves it as it is: set `title` in its [article] table by hand",
        .0.display()
    )]
    HandWritten(PathBuf),
    #[error("{doing}")]
    Io {
        doing: String,
        #[source]
        source: io::Error,
    },
    #[error(transparent)]
    File(#[from] FileError),
    #[error(transparent)]
    State(#[from] StateError),
}

impl ManageError {
    fn io(doing: impl Into<String>) -> impl FnOnce(io::Error) -> ManageError {
        let doing = doing.into();
        |source| ManageError::Io { doing, source }
    }
}

/// What `qari rm` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removed {
    /// The article's file (and its overlay, if it had one) moved to the
    /// trash.
    Trashed {
        article: PathBuf,
        overlay: Option<PathBuf>,
    },
    /// A bundled article, hidden from `qari list` (`false`: it was hidden
    /// already).
    Hidden(bool),
}

/// What `qari restore` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Restored {
    /// Moved back from the trash: the article's file (if it was there)
    /// and its overlay (if it had one), where they are now.
    FromTrash {
        article: Option<PathBuf>,
        overlay: Option<PathBuf>,
    },
    /// A bundled article shown again by `qari list`.
    Unhidden,
}

/// What `qari rename` did.
#[derive(Debug)]
pub struct Renamed {
    /// The article's file under its new name.
    pub path: PathBuf,
    /// Its overlay under the new name, if it had one.
    pub overlay: Option<PathBuf>,
    /// Glossary entries whose context (where they were met, for review)
    /// now names the new id; an error if the glossary could not be
    /// changed (the article is renamed all the same).
    pub glossary: Result<usize, GlossaryError>,
}

/// An article with the same text as one being imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SameText {
    pub id: String,
    /// In the trash (`qari restore ID` brings it back).
    pub in_trash: bool,
}

/// Why `id` cannot be an article's id, if it cannot: ids are 1 to
/// [`MAX_ID`] bytes of lowercase ASCII letters, digits, `-` and `_`,
/// starting with a letter or a digit (so one never reads as an option).
pub fn id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("it is empty".to_owned());
    }
    if id.len() > MAX_ID {
        return Some(format!("it is longer than {MAX_ID} characters"));
    }
    if let Some(c) = id
        .chars()
        .find(|&c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'))
    {
        return Some(format!(
            "{} is not a lowercase ASCII letter, a digit, - or _",
            quoted(&c.to_string())
        ));
    }
    if !id.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Some("it must start with a letter or a digit".to_owned());
    }
    None
}

/// Why `title` cannot be an article's title, if it cannot: empty (once
/// trimmed), longer than [`MAX_TITLE`] characters, or holding a control
/// character (a line break, an escape).
pub fn title_problem(title: &str) -> Option<String> {
    let title = title.trim();
    if title.is_empty() {
        return Some("it is empty".to_owned());
    }
    let length = title.chars().count();
    if length > MAX_TITLE {
        return Some(format!(
            "it is {length} characters long, over the limit of {MAX_TITLE}"
        ));
    }
    title
        .chars()
        .find(|c| c.is_control())
        .map(|c| format!("it holds a control character (U+{:04X})", u32::from(c)))
}

impl Library {
    /// `qari rm ID`: the library's article `id` goes to the trash (its file
    /// to `DIR/trash/articles/`, its overlay to `DIR/trash/overlays/`),
    /// where [`Library::restore`] finds it; its reading position stays in
    /// the state, for when it comes back. A bundled article cannot be
    /// removed: it is hidden from `qari list` instead.
    pub fn remove(&self, id: &str) -> Result<Removed, ManageError> {
        if !valid_id(id) {
            return Err(ManageError::NoSuchArticle(id.to_owned()));
        }
        self.locked(|| {
            let path = self.article_path(id);
            if !path.exists() {
                if !is_bundled(id) {
                    return Err(ManageError::NoSuchArticle(id.to_owned()));
                }
                let mut newly = false;
                self.change_state(|state| newly = state.hidden.insert(id.to_owned()))?;
                return Ok(Removed::Hidden(newly));
            }
            let (to, overlay_to) = (self.trashed_article_path(id), self.trashed_overlay_path(id));
            for taken in [&to, &overlay_to] {
                if taken.exists() {
                    return Err(ManageError::AlreadyInTrash {
                        id: id.to_owned(),
                        path: taken.clone(),
                    });
                }
            }
            move_file(&path, &to).map_err(ManageError::io(format!(
                "{}: cannot move it to {}",
                path.display(),
                to.display()
            )))?;
            let overlay = self.overlay_path(id);
            let overlay = if overlay.exists() {
                move_file(&overlay, &overlay_to).map_err(ManageError::io(format!(
                    "{}: cannot move it to {} (the article is in the trash already)",
                    overlay.display(),
                    overlay_to.display()
                )))?;
                Some(overlay_to)
            } else {
                None
            };
            Ok(Removed::Trashed {
                article: to,
                overlay,
            })
        })
    }

    /// `qari restore ID`: what `qari rm` did, undone: the article and its
    /// overlay moved back from the trash (refused when a file of that name
    /// is there again), or a hidden bundled article shown again.
    pub fn restore(&self, id: &str) -> Result<Restored, ManageError> {
        let trash = self.trashed_article_path(id);
        if !valid_id(id) {
            return Err(ManageError::NothingToRestore {
                id: id.to_owned(),
                trash,
            });
        }
        self.locked(|| {
            let pairs = [
                (self.trashed_article_path(id), self.article_path(id)),
                (self.trashed_overlay_path(id), self.overlay_path(id)),
            ];
            let in_trash: Vec<&(PathBuf, PathBuf)> =
                pairs.iter().filter(|(from, _)| from.exists()).collect();
            if in_trash.is_empty() {
                let mut unhidden = false;
                self.change_state(|state| unhidden = state.hidden.remove(id))?;
                return if unhidden {
                    Ok(Restored::Unhidden)
                } else {
                    Err(ManageError::NothingToRestore {
                        id: id.to_owned(),
                        trash: trash.clone(),
                    })
                };
            }
            if let Some((_, to)) = in_trash.iter().find(|(_, to)| to.exists()) {
                return Err(ManageError::RestoreClash {
                    id: id.to_owned(),
                    path: to.clone(),
                });
            }
            let mut back = [None, None];
            for (slot, (from, to)) in pairs.iter().enumerate() {
                if from.exists() {
                    move_file(from, to).map_err(ManageError::io(format!(
                        "{}: cannot move it back to {}",
                        from.display(),
                        to.display()
                    )))?;
                    back[slot] = Some(to.clone());
                }
            }
            let [article, overlay] = back;
            Ok(Restored::FromTrash { article, overlay })
        })
    }

    /// `qari rename OLD NEW`: the library's article `old` takes the id
    /// `new` (checked by [`id_problem`], and free: see
    /// [`Library::id_taken`]). Its file and its overlay are moved; its
    /// reading position, last reading and the last article read move in
    /// the state; the glossary entries met in it name it anew.
    pub fn rename(&self, old: &str, new: &str) -> Result<Renamed, ManageError> {
        if let Some(reason) = id_problem(new) {
            return Err(ManageError::InvalidId {
                id: new.to_owned(),
                reason,
            });
        }
        let path = self.article_path(old);
        if is_bundled(old) && !path.exists() {
            return Err(ManageError::Bundled {
                id: old.to_owned(),
                doing: "renamed",
            });
        }
        if !valid_id(old) {
            return Err(ManageError::NoSuchArticle(old.to_owned()));
        }
        let (path, overlay) = self.locked(|| {
            if !path.exists() {
                return Err(ManageError::NoSuchArticle(old.to_owned()));
            }
            if let Some(by) = self.taken_by(new) {
                return Err(ManageError::Taken {
                    id: new.to_owned(),
                    by,
                });
            }
            let to = self.article_path(new);
            move_file(&path, &to).map_err(ManageError::io(format!(
                "{}: cannot move it to {}",
                path.display(),
                to.display()
            )))?;
            let overlay = self.overlay_path(old);
            let overlay = if overlay.exists() {
                let overlay_to = self.overlay_path(new);
                move_file(&overlay, &overlay_to).map_err(ManageError::io(format!(
                    "{}: cannot move it to {} (the article is renamed already)",
                    overlay.display(),
                    overlay_to.display()
                )))?;
                Some(overlay_to)
            } else {
                None
            };
            self.change_state(|state| {
                if let Some(position) = state.position.remove(old) {
                    state.position.insert(new.to_owned(), position);
                }
                if let Some(read) = state.read.remove(old) {
                    state.read.insert(new.to_owned(), read);
                }
                if state.last_article.as_deref() == Some(old) {
                    state.last_article = Some(new.to_owned());
                }
            })?;
            Ok((to, overlay))
        })?;
        let glossary = UserGlossary::new(self.root.join("glossary")).rename_article(old, new);
        Ok(Renamed {
            path,
            overlay,
            glossary,
        })
    }

    /// `qari retitle ID TITLE`: the title of the library's article `id`
    /// becomes `title` (checked by [`title_problem`]), in its file, which
    /// is written again atomically. Only a file qari wrote (an import) is
    /// rewritten: one written by hand would lose its comments.
    pub fn retitle(&self, id: &str, title: &str) -> Result<PathBuf, ManageError> {
        if let Some(reason) = title_problem(title) {
            return Err(ManageError::InvalidTitle(reason));
        }
        let path = self.article_path(id);
        if is_bundled(id) && !path.exists() {
            return Err(ManageError::Bundled {
                id: id.to_owned(),
                doing: "retitled",
            });
        }
        if !valid_id(id) {
            return Err(ManageError::NoSuchArticle(id.to_owned()));
        }
        self.locked(|| {
            let bytes = match read_capped(&path, ARTICLE_FILE) {
                Err(error) if error.is_not_found() => {
                    return Err(ManageError::NoSuchArticle(id.to_owned()));
                }
                other => other?,
            };
            if !bytes.starts_with(WRITTEN_BY_QARI.as_bytes()) {
                return Err(ManageError::HandWritten(path.clone()));
            }
            let origin = super::Origin::File(path.clone());
            let mut article = super::parse_article(&bytes, &path, id, origin)?;
            title.trim().clone_into(&mut article.meta.title);
            let text = article_to_toml(&article);
            atomic_write(&path, text.as_bytes())
                .map_err(ManageError::io(format!("{}: cannot write", path.display())))?;
            Ok(path.clone())
        })
    }

    /// An article of the library (bundled, in the articles folder or in
    /// the trash) with the same text as `sentences`, the heading left out
    /// on both sides (so the same text pasted with or without its headline
    /// is found) unless it is all there is. Reads the files as they are, with no lock: an import
    /// calls it holding the articles' lock.
    pub fn same_text(&self, sentences: &[Sentence]) -> Option<SameText> {
        // The sentences but the heading (all of them when that is all),
        // spaces evened out.
        let body = |sentences: &[Sentence]| -> Vec<String> {
            let only_heading = sentences.iter().all(|s| s.heading);
            sentences
                .iter()
                .filter(|s| only_heading || !s.heading)
                .map(|s| s.ar.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect()
        };
        let wanted = body(sentences);
        if wanted.is_empty() {
            return None;
        }
        let same = |article: &Article| body(&article.sentences) == wanted;
        let bundled = super::BUNDLED
            .iter()
            .filter_map(|(id, _, _)| bundled_article(id));
        for article in bundled.chain(articles_in(&self.articles_dir())) {
            if same(&article) {
                return Some(SameText {
                    id: article.id,
                    in_trash: false,
                });
            }
        }
        articles_in(&self.trash_dir().join("articles"))
            .find(|article| same(article))
            .map(|article| SameText {
                id: article.id,
                in_trash: true,
            })
    }

    /// The articles in the trash that can be read, by id.
    pub fn trashed(&self) -> Vec<Article> {
        articles_in(&self.trash_dir().join("articles")).collect()
    }

    /// What holds the id `id`, if anything does (see
    /// [`Library::id_taken`]).
    fn taken_by(&self, id: &str) -> Option<&'static str> {
        if is_bundled(id) {
            Some("a bundled article")
        } else if self.article_path(id).exists() {
            Some("an article of the library")
        } else if self.overlay_path(id).exists() {
            Some("an overlay left by an article removed by hand")
        } else if self.trashed_article_path(id).exists() || self.trashed_overlay_path(id).exists() {
            Some("an article in the trash")
        } else {
            None
        }
    }

    /// Runs `body` under the articles' lock.
    fn locked<T>(&self, body: impl FnOnce() -> Result<T, ManageError>) -> Result<T, ManageError> {
        let lock = self.articles_dir().join(ARTICLES_LOCK);
        with_lock(&lock, body)
            .map_err(ManageError::io(format!("{}: cannot lock", lock.display())))?
    }
}

/// The articles in the `.toml` files at the top of `folder` that can be
/// read, in the order of their names.
fn articles_in(folder: &Path) -> impl Iterator<Item = Article> {
    let mut paths: Vec<PathBuf> = fs::read_dir(folder)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| load_article(&path).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::import_text;

    const BUNDLED_ID: &str = "deir-ez-zor-2017";

    fn library() -> (tempfile::TempDir, Library) {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::new(dir.path());
        (dir, library)
    }

    /// Writes an imported article `id` of `text` into the library.
    fn add(library: &Library, id: &str, text: &str) -> PathBuf {
        let article = import_text(id, text, Some("A title"), None, "", None).article;
        let path = library.article_path(id);
        fs::create_dir_all(library.articles_dir()).unwrap();
        fs::write(&path, article_to_toml(&article)).unwrap();
        path
    }

    fn ids(library: &Library) -> Vec<String> {
        library
            .catalog()
            .articles
            .into_iter()
            .map(|a| a.id)
            .collect()
    }

    #[test]
    fn removed_to_the_trash_with_its_overlay_and_restored() {
        let (_dir, library) = library();
        let path = add(&library, "mine", "جملة أولى. جملة ثانية.\n");
        fs::create_dir_all(library.overlays_dir()).unwrap();
        fs::write(library.overlay_path("mine"), "").unwrap();
        library.save_position("mine", 2).unwrap();
        let removed = library.remove("mine").unwrap();
        assert_eq!(
            removed,
            Removed::Trashed {
                article: library.trashed_article_path("mine"),
                overlay: Some(library.trashed_overlay_path("mine")),
            }
        );
        assert!(!path.exists() && !library.overlay_path("mine").exists());
        assert_eq!(ids(&library), [BUNDLED_ID]);
        assert_eq!(library.trashed()[0].id, "mine");
        // The id stays taken while it is in the trash.
        assert!(library.id_taken("mine"));
        assert!(matches!(
            library.remove("mine"),
            Err(ManageError::NoSuchArticle(_))
        ));
        let restored = library.restore("mine").unwrap();
        assert_eq!(
            restored,
            Restored::FromTrash {
                article: Some(path.clone()),
                overlay: Some(library.overlay_path("mine")),
            }
        );
        assert_eq!(ids(&library), [BUNDLED_ID, "mine"]);
        assert_eq!(library.load_state().0.position["mine"], 2);
        // Nothing left to restore; a clash is refused and nothing moves.
        assert!(matches!(
            library.restore("mine"),
            Err(ManageError::NothingToRestore { .. })
        ));
        library.remove("mine").unwrap();
        add(&library, "mine", "نص آخر.\n");
        let error = library.restore("mine").unwrap_err();
        assert!(matches!(error, ManageError::RestoreClash { .. }), "{error}");
        assert!(library.trashed_article_path("mine").exists());
    }

    #[test]
    fn a_bundled_article_is_hidden_not_removed() {
        let (_dir, library) = library();
        assert_eq!(library.remove(BUNDLED_ID).unwrap(), Removed::Hidden(true));
        assert_eq!(library.remove(BUNDLED_ID).unwrap(), Removed::Hidden(false));
        assert!(library.load_state().0.hidden.contains(BUNDLED_ID));
        // Still there to read.
        assert_eq!(ids(&library), [BUNDLED_ID]);
        assert_eq!(library.restore(BUNDLED_ID).unwrap(), Restored::Unhidden);
        assert!(library.load_state().0.hidden.is_empty());
        for error in [
            library.rename(BUNDLED_ID, "other").unwrap_err(),
            library.retitle(BUNDLED_ID, "Other").unwrap_err(),
        ] {
            assert!(matches!(error, ManageError::Bundled { .. }), "{error}");
        }
        assert!(matches!(
            library.remove("../etc/passwd"),
            Err(ManageError::NoSuchArticle(_))
        ));
        // An article named by hand with an id `rename` would not give
        // can still be removed and renamed.
        add(&library, "My Article", "نص.\n");
        assert!(matches!(
            library.remove("My Article"),
            Ok(Removed::Trashed { .. })
        ));
        library.restore("My Article").unwrap();
        library.rename("My Article", "my-article").unwrap();
    }

    #[test]
    fn renamed_with_its_overlay_and_state_and_clashes_refused() {
        let (_dir, library) = library();
        add(&library, "old", "جملة أولى.\n");
        add(&library, "other", "جملة ثانية.\n");
        fs::create_dir_all(library.overlays_dir()).unwrap();
        fs::write(library.overlay_path("old"), "").unwrap();
        library.save_position("old", 1).unwrap();
        for (new, bad) in [
            ("other", "taken"),
            (BUNDLED_ID, "taken"),
            ("Big", "invalid"),
            ("-x", "invalid"),
            ("a/b", "invalid"),
            ("", "invalid"),
        ] {
            let error = library.rename("old", new).unwrap_err();
            let ok = match bad {
                "taken" => matches!(error, ManageError::Taken { .. }),
                _ => matches!(error, ManageError::InvalidId { .. }),
            };
            assert!(ok, "{new}: {error}");
        }
        assert!(library.article_path("old").exists());
        let renamed = library.rename("old", "new_id-2").unwrap();
        assert_eq!(renamed.path, library.article_path("new_id-2"));
        assert_eq!(renamed.overlay, Some(library.overlay_path("new_id-2")));
        assert!(!library.article_path("old").exists());
        assert!(!library.overlay_path("old").exists());
        let state = library.load_state().0;
        assert_eq!(state.position.get("new_id-2"), Some(&1));
        assert!(!state.position.contains_key("old"));
        assert_eq!(state.last_article.as_deref(), Some("new_id-2"));
        assert!(state.read.contains_key("new_id-2"));
        assert_eq!(renamed.glossary.unwrap(), 0);
        assert!(matches!(
            library.rename("old", "again"),
            Err(ManageError::NoSuchArticle(_))
        ));
    }

    #[test]
    fn retitled_in_its_file_and_a_hand_written_file_left_alone() {
        let (_dir, library) = library();
        let path = add(&library, "mine", "جملة أولى.\n");
        library.retitle("mine", "  عنوان جديد ").unwrap();
        let catalog = library.catalog();
        assert_eq!(catalog.get("mine").unwrap().title(), "عنوان جديد");
        assert!(
            fs::read_to_string(&path)
                .unwrap()
                .starts_with(WRITTEN_BY_QARI)
        );
        for bad in ["", "  ", "a\nb", &"x".repeat(MAX_TITLE + 1)] {
            assert!(matches!(
                library.retitle("mine", bad),
                Err(ManageError::InvalidTitle(_))
            ));
        }
        fs::write(&path, "# mine\n[[sentence]]\nar = \"جملة.\"\n").unwrap();
        let error = library.retitle("mine", "T").unwrap_err();
        assert!(matches!(error, ManageError::HandWritten(_)), "{error}");
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "# mine\n[[sentence]]\nar = \"جملة.\"\n"
        );
    }

    #[test]
    fn the_same_text_is_found_with_or_without_its_headline_and_in_the_trash() {
        let (_dir, library) = library();
        let text = "قال المتحدث إن القوات تقدمت. وأضاف أن المعارك مستمرة.\n";
        add(&library, "first", text);
        let again = import_text("x", &format!("عنوان\n{text}"), None, None, "", None);
        let found = library.same_text(&again.article.sentences);
        assert_eq!(
            found,
            Some(SameText {
                id: "first".into(),
                in_trash: false
            })
        );
        let other = import_text("x", "نص آخر.\n", None, None, "", None);
        assert_eq!(library.same_text(&other.article.sentences), None);
        // A text that is one headline only is compared whole.
        add(&library, "headline", "عنوان وحده\n");
        let same = import_text("x", "عنوان وحده\n", None, None, "", None);
        assert_eq!(
            library.same_text(&same.article.sentences).unwrap().id,
            "headline"
        );
        let different = import_text("x", "عنوان آخر\n", None, None, "", None);
        assert_eq!(library.same_text(&different.article.sentences), None);
        library.remove("first").unwrap();
        let found = library.same_text(&again.article.sentences).unwrap();
        assert!(found.in_trash);
        let bundled = bundled_article(BUNDLED_ID).unwrap();
        assert_eq!(
            library.same_text(&bundled.sentences).unwrap().id,
            BUNDLED_ID
        );
    }
}
