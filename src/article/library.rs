//! The library: the user's data folder (`--library DIR`), holding their own
//! articles in `DIR/articles/`, what they changed in any article in
//! `DIR/overlays/`, their glossary in `DIR/glossary/`, and the reading state
//! in `DIR/state.toml`. The repository's top level is itself a valid
//! library.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::align::{Aligned, align_translation};
use super::file::WRITTEN_BY_QARI;
use super::overlay::{Overlay, OverlayError, OverlayNotice, SentenceEdit, parse_overlay};
use super::{Article, ArticleError, BUNDLED, Origin, Sentence, parse_article};
use crate::files::{
    ARTICLE_FILE, FileError, OVERLAY_FILE, STATE_FILE, atomic_write, line_and_column, move_aside,
    move_to_free_name, open_regular, read_capped, with_lock,
};

/// The user's data folder.
#[derive(Debug, Clone)]
pub struct Library {
    pub root: PathBuf,
}

/// Every article found: bundled ones first, then the library's, each with
/// the learner's overlay applied. Files that could not be read are kept as
/// problems so the reader can still start.
#[derive(Debug, Default)]
pub struct Catalog {
    pub articles: Vec<Article>,
    pub problems: Vec<ArticleError>,
    /// About the learner's overlays: files that cannot be read, entries
    /// that found no sentence, copies of bundled articles migrated.
    pub notices: Vec<OverlayNotice>,
}

/// What [`Library::save_sentence_edit`] saved.
#[derive(Debug)]
pub struct SavedEdit {
    /// The article as it is now: as on disk, with the overlay as written.
    pub article: Article,
    /// The overlay file written.
    pub path: PathBuf,
    /// Entries of the overlay that found no sentence (kept in the file),
    /// and a copy of the article migrated first, if there was one.
    pub notices: Vec<OverlayNotice>,
}

/// What [`Library::save_translation`] did.
#[derive(Debug)]
pub struct SavedTranslation {
    /// The article as it is now, the overlay applied.
    pub article: Article,
    /// The overlay file written (not written when nothing changed).
    pub path: PathBuf,
    /// How the translation was aligned with the article.
    pub aligned: Aligned,
    /// Sentences that got a translation from it.
    pub filled: usize,
    /// Sentences that had a translation already, kept (without `replace`).
    pub kept: usize,
}

/// What [`Library::change_overlay`] did: what the change found, the
/// article with the overlay as it is now, the overlay file, and notices
/// about the overlay.
struct OverlayChanged<T> {
    value: T,
    article: Article,
    path: PathBuf,
    notices: Vec<OverlayNotice>,
}

/// What [`Library::save_drafts`] did.
#[derive(Debug)]
pub struct SavedDrafts {
    /// The article as it is now, the overlay applied.
    pub article: Article,
    /// The overlay file.
    pub path: PathBuf,
    /// Drafts saved.
    pub saved: usize,
    /// Drafts not saved: their sentence had a translation by then, or its
    /// text had changed.
    pub skipped: usize,
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
    /// When each article was last read (RFC 3339, UTC), for `qari list`'s
    /// order.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub read: BTreeMap<String, String>,
    /// Bundled articles hidden from `qari list` (`qari rm`; `qari restore`
    /// shows them again).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub hidden: BTreeSet<String>,
    /// The reader's word glosses under the lines (`i`): `all` or
    /// `current`; none when off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interlinear: Option<String>,
    /// The transliteration row under the lines (`x`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub translit: bool,
    /// The text with its vowels (`V`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub vowelled: bool,
}

/// The lock taken around every write into `DIR/articles/` (an import, a
/// migration) and `DIR/overlays/` (a saved translation), in `DIR/articles/`.
pub const ARTICLES_LOCK: &str = ".articles.lock";

/// The folder of the learner's overlays, in the library: one file per
/// article, named by its id.
pub const OVERLAYS_DIR: &str = "overlays";

/// Where whole copies of bundled articles made by earlier versions go once
/// migrated, in `DIR/articles/` (which reads only the `.toml` files at its
/// top).
pub const MIGRATED_DIR: &str = "migrated";

/// The lock taken around every change of `state.toml`.
const STATE_LOCK: &str = ".state.toml.lock";

/// The trash, in the library: `qari rm` moves an article's file to
/// `DIR/trash/articles/ID.toml` and its overlay to
/// `DIR/trash/overlays/ID.toml`, where `qari restore` finds them.
pub const TRASH_DIR: &str = "trash";

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

    pub fn overlays_dir(&self) -> PathBuf {
        self.root.join(OVERLAYS_DIR)
    }

    /// The overlay file of article `id`: `DIR/overlays/ID.toml`.
    pub fn overlay_path(&self, id: &str) -> PathBuf {
        self.overlays_dir().join(format!("{id}.toml"))
    }

    /// The trash: `DIR/trash/`.
    pub fn trash_dir(&self) -> PathBuf {
        self.root.join(TRASH_DIR)
    }

    /// The file of article `id` in the library: `DIR/articles/ID.toml`.
    pub fn article_path(&self, id: &str) -> PathBuf {
        self.articles_dir().join(format!("{id}.toml"))
    }

    /// Where `qari rm` puts the file of article `id`.
    pub fn trashed_article_path(&self, id: &str) -> PathBuf {
        self.trash_dir().join("articles").join(format!("{id}.toml"))
    }

    /// Where `qari rm` puts the overlay of article `id`.
    pub fn trashed_overlay_path(&self, id: &str) -> PathBuf {
        self.trash_dir()
            .join(OVERLAYS_DIR)
            .join(format!("{id}.toml"))
    }

    /// Whether a new article may not take the id `id`: a bundled article
    /// has it, or a file in the articles folder, or an overlay (left by an
    /// article removed since, whose changes would otherwise be applied to
    /// the new one's sentences of the same text), or an article or overlay
    /// in the trash (which `qari restore` must be able to put back).
    pub fn id_taken(&self, id: &str) -> bool {
        is_bundled(id)
            || self.article_path(id).exists()
            || self.overlay_path(id).exists()
            || self.trashed_article_path(id).exists()
            || self.trashed_overlay_path(id).exists()
    }

    pub(super) fn articles_lock(&self) -> PathBuf {
        self.articles_dir().join(ARTICLES_LOCK)
    }

    /// The bundled articles and the library's own, each with the learner's
    /// overlay applied. A library article with a bundled article's id
    /// replaces it (so `--library .` in the repository reads the files
    /// being edited), unless qari wrote it: that is a whole copy made by
    /// `E` in earlier versions, which is migrated (see
    /// [`Library::migrate_copy`]) so that the bundled article shows
    /// through. (Migrating takes the articles' lock: never call this
    /// holding it.)
    pub fn catalog(&self) -> Catalog {
        let mut catalog = Catalog::default();
        for (id, name, text) in BUNDLED {
            let path = Path::new("articles").join(name);
            match parse_article(text.as_bytes(), &path, id, Origin::Bundled) {
                Ok(article) => catalog.articles.push(article),
                Err(error) => catalog.problems.push(error),
            }
        }
        if let Ok(entries) = fs::read_dir(self.articles_dir()) {
            let mut paths: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
                .collect();
            paths.sort();
            for path in paths {
                let id = file_id(&path);
                if is_bundled(&id) && written_by_qari(&path) {
                    match self.migrate_copy(&id) {
                        Some(notice @ OverlayNotice::Migrated { .. }) => {
                            catalog.notices.push(notice);
                            continue;
                        }
                        Some(notice) => catalog.notices.push(notice),
                        None => {}
                    }
                }
                match load_article(&path) {
                    Ok(article) => {
                        catalog.articles.retain(|a| a.id != article.id);
                        catalog.articles.push(article);
                    }
                    // Moved meanwhile (migrated by another qari).
                    Err(error) if error.is_not_found() => {}
                    Err(error) => catalog.problems.push(error),
                }
            }
        }
        for article in &mut catalog.articles {
            let notices = self.apply_overlay(article);
            catalog.notices.extend(notices);
        }
        catalog
    }

    /// Reads the article file at `path` (one given on the command line),
    /// with the overlay of its id applied.
    pub fn load_article_file(
        &self,
        path: &Path,
    ) -> Result<(Article, Vec<OverlayNotice>), ArticleError> {
        let mut article = load_article(path)?;
        let notices = self.apply_overlay(&mut article);
        Ok((article, notices))
    }

    /// Article `id` (read from `origin`, as [`Library::base_article`]
    /// finds it) as it is on disk now, the learner's overlay applied: what
    /// a reader open on it should show after another program changed it.
    /// Writes are atomic renames, so no lock is needed to read.
    pub fn reload_article(&self, id: &str, origin: &Origin) -> Result<Article, OverlayError> {
        let path = self.overlay_path(id);
        let mut article = self.base_article(id, origin, &path)?;
        if valid_id(id) {
            let overlay = read_overlay(&path).map_err(OverlayError::Unreadable)?;
            overlay.apply(&mut article, &path);
        }
        Ok(article)
    }

    /// The files [`Library::reload_article`] reads for article `id`.
    pub fn article_files(&self, id: &str, origin: &Origin) -> Vec<PathBuf> {
        let mut files = vec![self.overlay_path(id), self.article_path(id)];
        if let Origin::File(path) = origin {
            files.push(path.clone());
        }
        files
    }

    /// Applies the learner's overlay, if there is one, over `article`;
    /// returns what there is to say about it (an overlay that cannot be
    /// read, entries that found no sentence).
    fn apply_overlay(&self, article: &mut Article) -> Vec<OverlayNotice> {
        if !valid_id(&article.id) {
            return Vec::new();
        }
        let path = self.overlay_path(&article.id);
        match read_overlay(&path) {
            Ok(overlay) => overlay.apply(article, &path),
            Err(error) => vec![OverlayNotice::Unreadable(error)],
        }
    }

    /// Saves one sentence's edit into the overlay of article `article_id`
    /// (see [`Library::change_overlay`]): only this sentence's entry
    /// changes (see [`Overlay::set`]). Its sentence `index` must still
    /// have the text `ar`. Returns the article as it is now, with the
    /// overlay applied. Nothing is written when the edit is refused (see
    /// [`SentenceEdit::problem`]), the overlay cannot be read (it is left
    /// as it is), or the file would grow past [`OVERLAY_FILE`].
    pub fn save_sentence_edit(
        &self,
        article_id: &str,
        origin: &Origin,
        index: usize,
        ar: &str,
        edit: SentenceEdit,
    ) -> Result<SavedEdit, OverlayError> {
        let path = self.overlay_path(article_id);
        if let Some(problem) = edit.problem() {
            return Err(OverlayError::Refused {
                path: path.display().to_string(),
                problem,
            });
        }
        let changed = self.change_overlay(article_id, origin, |base, current, overlay| {
            // The word a reading is chosen for must be that word still (the
            // sentence's text being the same, it is; checked all the same).
            let word_moved = |s: &Sentence| {
                (edit.reading.as_ref()).is_some_and(|r| s.word(r.word) != Some(r.text.as_str()))
            };
            if (base.sentences.get(index)).is_none_or(|s| s.ar != ar || word_moved(s)) {
                return Err(OverlayError::Changed {
                    path: path.display().to_string(),
                    id: article_id.to_owned(),
                    number: index + 1,
                });
            }
            // A translation changed on disk since the edit's `en_was` stays.
            let now = current.sentences.get(index).map(|s| s.en.as_str());
            let stale = (edit.en_was.as_deref()).is_some_and(|was| now != Some(was));
            let edit = if stale {
                SentenceEdit {
                    en: None,
                    ..edit.clone()
                }
            } else {
                edit.clone()
            };
            overlay.set(&base.sentences, index, &edit);
            Ok(((), true))
        })?;
        Ok(SavedEdit {
            article: changed.article,
            path: changed.path,
            notices: changed.notices,
        })
    }

    /// Aligns the English text `english` with article `article_id` (see
    /// [`align_translation`]) and saves what it gives into the article's
    /// overlay (see [`Library::change_overlay`]): every sentence with no
    /// translation gets its aligned English, and so does one with a
    /// translator's draft; one that has a translation (the learner's, or
    /// the article's own) keeps it unless `replace`. Written once, and
    /// only when something changed.
    pub fn save_translation(
        &self,
        article_id: &str,
        english: &str,
        replace: bool,
    ) -> Result<SavedTranslation, OverlayError> {
        let changed =
            self.change_overlay(article_id, &Origin::Bundled, |base, current, overlay| {
                let aligned = align_translation(&base.sentences, english);
                let (mut filled, mut kept) = (0, 0);
                for (index, slot) in aligned.slots.iter().enumerate() {
                    let Some(en) = slot else { continue };
                    // A translator's draft gives way to a translation.
                    let sentence = &current.sentences[index];
                    if !sentence.en.is_empty() && sentence.en_source.is_none() && !replace {
                        kept += 1;
                        continue;
                    }
                    let edit = SentenceEdit {
                        en: Some(en.clone()),
                        ..SentenceEdit::default()
                    };
                    overlay.set(&base.sentences, index, &edit);
                    filled += 1;
                }
                Ok(((aligned, filled, kept), filled > 0))
            })?;
        let (aligned, filled, kept) = changed.value;
        Ok(SavedTranslation {
            article: changed.article,
            path: changed.path,
            aligned,
            filled,
            kept,
        })
    }

    /// Saves a translator's drafts into article `article_id`'s overlay (see
    /// [`Library::change_overlay`]): each `(index, ar, en)` goes to
    /// sentence `index` if its text is still `ar` and it has no translation
    /// (never over the learner's, an imported one, or another draft),
    /// marked `en_source = "machine"` with `en_translator = translator`.
    /// Written once, when something changed: a batch is saved whole or not
    /// at all.
    pub fn save_drafts(
        &self,
        article_id: &str,
        origin: &Origin,
        drafts: &[(usize, String, String)],
        translator: &str,
    ) -> Result<SavedDrafts, OverlayError> {
        let changed = self.change_overlay(article_id, origin, |base, current, overlay| {
            let (mut saved, mut skipped) = (0, 0);
            for (index, ar, en) in drafts {
                let free =
                    (current.sentences.get(*index)).is_some_and(|s| s.ar == *ar && s.en.is_empty());
                let edit = SentenceEdit {
                    en: Some(en.clone()),
                    drafted_by: Some(translator.to_owned()),
                    ..SentenceEdit::default()
                };
                if !free || en.is_empty() || edit.problem().is_some() {
                    skipped += 1;
                    continue;
                }
                overlay.set(&base.sentences, *index, &edit);
                saved += 1;
            }
            Ok(((saved, skipped), saved > 0))
        })?;
        let (saved, skipped) = changed.value;
        Ok(SavedDrafts {
            article: changed.article,
            path: changed.path,
            saved,
            skipped,
        })
    }

    /// The one way the learner's overlay of article `article_id` changes:
    /// under the articles' lock, a copy of the article written by an older
    /// qari is migrated first, the article (as [`Library::base_article`]
    /// finds it from `origin`) and the overlay are read again as they are
    /// on disk (another reader may have saved into it), `change` is given
    /// the article without and with the overlay and the overlay to change,
    /// and says what it found and whether to write; the overlay is then
    /// written atomically. Nothing is written when the overlay cannot be
    /// read (it is left as it is) or would grow past [`OVERLAY_FILE`].
    fn change_overlay<T>(
        &self,
        article_id: &str,
        origin: &Origin,
        change: impl FnOnce(&Article, &Article, &mut Overlay) -> Result<(T, bool), OverlayError>,
    ) -> Result<OverlayChanged<T>, OverlayError> {
        let path = self.overlay_path(article_id);
        if !valid_id(article_id) {
            return Err(OverlayError::NoArticle {
                path: path.display().to_string(),
                id: article_id.to_owned(),
            });
        }
        let lock = self.articles_lock();
        with_lock(&lock, || {
            let mut notices: Vec<OverlayNotice> =
                self.migrate_copy_locked(article_id).into_iter().collect();
            let base = self.base_article(article_id, origin, &path)?;
            let mut overlay = read_overlay(&path).map_err(OverlayError::Unreadable)?;
            let mut current = base.clone();
            overlay.apply(&mut current, &path);
            let (value, write) = change(&base, &current, &mut overlay)?;
            if write {
                write_overlay(&path, &overlay)?;
            }
            let mut article = base;
            notices.extend(overlay.apply(&mut article, &path));
            Ok(OverlayChanged {
                value,
                article,
                path: path.clone(),
                notices,
            })
        })
        .map_err(|source| OverlayError::Lock {
            path: lock.display().to_string(),
            source,
        })?
    }

    /// The article `id` as it is on disk, without the overlay: the file
    /// `origin` when it is outside the library's articles folder, else the
    /// library's file of that id, else the bundled article.
    fn base_article(
        &self,
        id: &str,
        origin: &Origin,
        overlay: &Path,
    ) -> Result<Article, OverlayError> {
        let in_library = self.articles_dir().join(format!("{id}.toml"));
        let files = match origin {
            Origin::File(path) if *path != in_library => vec![path.as_path(), &in_library],
            _ => vec![in_library.as_path()],
        };
        for file in files {
            match load_article(file) {
                Ok(mut article) => {
                    article.id = id.to_owned();
                    return Ok(article);
                }
                Err(error) if error.is_not_found() => {}
                Err(error) => return Err(OverlayError::Unreadable(error)),
            }
        }
        bundled_article(id).ok_or_else(|| OverlayError::NoArticle {
            path: overlay.display().to_string(),
            id: id.to_owned(),
        })
    }

    /// Migrates `DIR/articles/ID.toml` when it is a whole copy of bundled
    /// article `id` that qari wrote (`E` in earlier versions): under the
    /// articles' lock, the sentences whose translation or notes differ
    /// from the bundled article's go into the overlay (see
    /// [`Overlay::absorb`]; entries already there are kept), then the copy
    /// is moved to `DIR/articles/migrated/ID.toml` (`ID.2.toml`, … when
    /// taken), so the learner's data is never deleted. Run again after a
    /// crash midway, it adds nothing twice. Returns `None` when there is
    /// no such copy (another qari migrated it, or it is a file written by
    /// hand, which still replaces the bundled article, or one that cannot
    /// be read, which is reported when it is loaded), else what happened.
    pub fn migrate_copy(&self, id: &str) -> Option<OverlayNotice> {
        let from = self.articles_dir().join(format!("{id}.toml"));
        if !is_bundled(id) || !written_by_qari(&from) {
            return None;
        }
        let lock = self.articles_lock();
        with_lock(&lock, || self.migrate_copy_locked(id)).unwrap_or_else(|error| {
            Some(OverlayNotice::NotMigrated {
                id: id.to_owned(),
                from: from.display().to_string(),
                reason: format!("cannot lock {}: {error}", lock.display()),
            })
        })
    }

    /// [`Library::migrate_copy`], the articles' lock held.
    fn migrate_copy_locked(&self, id: &str) -> Option<OverlayNotice> {
        let bundled = bundled_article(id)?;
        let from = self.articles_dir().join(format!("{id}.toml"));
        let not_migrated = |reason: String| OverlayNotice::NotMigrated {
            id: id.to_owned(),
            from: from.display().to_string(),
            reason,
        };
        let bytes = read_capped(&from, ARTICLE_FILE).ok()?;
        if !bytes.starts_with(WRITTEN_BY_QARI.as_bytes()) {
            return None;
        }
        let origin = Origin::File(from.clone());
        let copy = parse_article(&bytes, &from, id, origin).ok()?;
        let overlay_path = self.overlay_path(id);
        let mut overlay = match read_overlay(&overlay_path) {
            Ok(overlay) => overlay,
            Err(error) => return Some(not_migrated(error.to_string())),
        };
        let kept = overlay.absorb(&copy.sentences, &bundled.sentences);
        if kept > 0
            && let Err(error) = write_overlay(&overlay_path, &overlay)
        {
            return Some(not_migrated(error.to_string()));
        }
        let folder = self.articles_dir().join(MIGRATED_DIR);
        let moved = fs::create_dir_all(&folder).and_then(|()| {
            move_to_free_name(&from, |number| match number {
                1 => folder.join(format!("{id}.toml")),
                n => folder.join(format!("{id}.{n}.toml")),
            })
        });
        Some(match moved {
            Ok(to) => OverlayNotice::Migrated {
                id: id.to_owned(),
                from: from.display().to_string(),
                to: to.display().to_string(),
                overlay: overlay_path.display().to_string(),
                kept,
            },
            Err(error) => not_migrated(error.to_string()),
        })
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
        self.change_state(|state| {
            state.last_article = Some(article.to_owned());
            state.position.insert(article.to_owned(), sentence);
            state.read.insert(article.to_owned(), timestamp());
        })
    }

    /// Records how the reader shows words: the interlinear mode (`all`,
    /// `current`, or `None` for off), transliteration and vowels; under the
    /// state's lock like [`Library::save_position`].
    pub fn save_word_aids(
        &self,
        interlinear: Option<&str>,
        translit: bool,
        vowelled: bool,
    ) -> Result<(), StateError> {
        self.change_state(|state| {
            state.interlinear = interlinear.map(str::to_owned);
            state.translit = translit;
            state.vowelled = vowelled;
        })
    }

    /// Applies `change` to the reading state as it is on disk, under the
    /// state's lock, and saves it atomically: what other readers saved
    /// meanwhile is kept.
    pub fn change_state(&self, change: impl FnOnce(&mut ReadingState)) -> Result<(), StateError> {
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
            change(&mut state);
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

/// Now, as RFC 3339 to the millisecond, UTC: when an article was imported
/// or read (`qari list` orders by them; two within a second stay apart).
pub fn timestamp() -> String {
    humantime::format_rfc3339_millis(std::time::SystemTime::now()).to_string()
}

/// Reads an article file; its id is the file name without `.toml`. (No
/// overlay: [`Library::load_article_file`] applies one.)
pub fn load_article(path: &Path) -> Result<Article, ArticleError> {
    let bytes = read_capped(path, ARTICLE_FILE)?;
    parse_article(
        &bytes,
        path,
        &file_id(path),
        Origin::File(path.to_path_buf()),
    )
}

/// The id of the article in the file at `path`: its name without `.toml`.
fn file_id(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Whether an article with id `id` is bundled.
pub(super) fn is_bundled(id: &str) -> bool {
    BUNDLED.iter().any(|(bundled, _, _)| *bundled == id)
}

/// The bundled article `id`, as compiled in.
pub(super) fn bundled_article(id: &str) -> Option<Article> {
    let (id, name, text) = BUNDLED.iter().find(|(bundled, _, _)| *bundled == id)?;
    let path = Path::new("articles").join(name);
    parse_article(text.as_bytes(), &path, id, Origin::Bundled).ok()
}

/// Whether the file at `path` starts with the line qari writes at the top
/// of every article file (read: that line only).
pub(super) fn written_by_qari(path: &Path) -> bool {
    use std::io::Read;
    let Ok(file) = open_regular(path) else {
        return false;
    };
    let mut start = Vec::with_capacity(WRITTEN_BY_QARI.len());
    file.take(WRITTEN_BY_QARI.len() as u64)
        .read_to_end(&mut start)
        .is_ok()
        && start == WRITTEN_BY_QARI.as_bytes()
}

/// Whether `id` can name a file in the overlays folder.
pub(super) fn valid_id(id: &str) -> bool {
    !id.is_empty() && id != "." && id != ".." && !id.contains(['/', '\\', '\0'])
}

/// The overlay at `path`; none when there is no file.
fn read_overlay(path: &Path) -> Result<Overlay, FileError> {
    match read_capped(path, OVERLAY_FILE) {
        Ok(bytes) => parse_overlay(&bytes, path),
        Err(error) if error.is_not_found() => Ok(Overlay::default()),
        Err(error) => Err(error),
    }
}

/// Writes `overlay` to `path` atomically, within [`OVERLAY_FILE`], once
/// its text is known to read back the same.
fn write_overlay(path: &Path, overlay: &Overlay) -> Result<(), OverlayError> {
    let text = overlay.to_toml();
    let same = |again: Overlay| {
        again.entries.len() == overlay.entries.len()
            && (again.entries.iter().zip(&overlay.entries)).all(|(a, b)| {
                (a.index, &a.ar, &a.en, &a.notes) == (b.index, &b.ar, &b.en, &b.notes)
            })
    };
    if !parse_overlay(text.as_bytes(), path).is_ok_and(same) {
        return Err(OverlayError::Write {
            path: path.display().to_string(),
            source: std::io::Error::other("the overlay would not read back the same"),
        });
    }
    if text.len() as u64 > OVERLAY_FILE.limit {
        return Err(OverlayError::TooLarge(FileError::would_be_too_large(
            path,
            OVERLAY_FILE,
            text.len(),
        )));
    }
    atomic_write(path, text.as_bytes()).map_err(|source| OverlayError::Write {
        path: path.display().to_string(),
        source,
    })
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

    /// The bundled article, as compiled in.
    fn bundled() -> Article {
        bundled_article("deir-ez-zor-2017").unwrap()
    }

    /// Writes `article` into the library's articles folder as `E` did
    /// before overlays (qari's own writer, so qari's first line).
    fn write_copy(library: &Library, article: &Article) -> PathBuf {
        let path = library.articles_dir().join("deir-ez-zor-2017.toml");
        fs::create_dir_all(library.articles_dir()).unwrap();
        fs::write(&path, crate::article::article_to_toml(article)).unwrap();
        path
    }

    fn shown(notices: &[OverlayNotice]) -> Vec<String> {
        notices.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_copy_of_a_bundled_article_is_migrated_into_an_overlay() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::new(dir.path());
        let bundled = bundled();
        // The learner's copy: sentence 3's translation and sentence 8's
        // notes edited; sentence 6 still has a text the bundled article
        // has fixed since (a typo: its first letter), with its old
        // translation; everything else as bundled.
        let mut copy = bundled.clone();
        copy.sentences[2].en = "My own translation.".into();
        copy.sentences[7].notes.push("my note".into());
        let old = format!("{}x", copy.sentences[5].ar);
        copy.sentences[5].ar = old.clone();
        copy.sentences[5].en = "An old translation.".into();
        let path = write_copy(&library, &copy);
        let written = fs::read(&path).unwrap();

        let catalog = library.catalog();
        let article = catalog.get("deir-ez-zor-2017").unwrap();
        assert_eq!(article.origin, Origin::Bundled);
        assert_eq!(article.sentences.len(), bundled.sentences.len());
        // Kept: what the learner changed.
        assert_eq!(article.sentences[2].en, "My own translation.");
        assert_eq!(article.sentences[2].notes, bundled.sentences[2].notes);
        assert_eq!(article.sentences[7].notes, copy.sentences[7].notes);
        assert_eq!(article.sentences[7].en, bundled.sentences[7].en);
        // The bundled fix shows through; the old sentence is reported.
        assert_eq!(article.sentences[5].ar, bundled.sentences[5].ar);
        assert_eq!(article.sentences[5].en, bundled.sentences[5].en);
        for i in [0, 1, 3, 4, 6, 8, 23] {
            assert_eq!(article.sentences[i].en, bundled.sentences[i].en, "{i}");
            assert_eq!(
                article.sentences[i].notes, bundled.sentences[i].notes,
                "{i}"
            );
        }
        let moved = library
            .articles_dir()
            .join("migrated/deir-ez-zor-2017.toml");
        let overlay = library.overlay_path("deir-ez-zor-2017");
        let notices = shown(&catalog.notices);
        assert_eq!(notices.len(), 2, "{notices:?}");
        assert_eq!(
            notices[0],
            format!(
                "{}: your copy of the bundled article deir-ez-zor-2017 was moved to {}; the bundled article shows through, with the 3 sentences you changed kept in {}",
                path.display(),
                moved.display(),
                overlay.display()
            )
        );
        assert!(
            notices[1].starts_with(&format!("{}:", overlay.display()))
                && notices[1].contains(": your change to sentence 6 («"),
            "{notices:?}"
        );
        // The copy moved aside byte for byte, not deleted; the overlay holds
        // the three sentences, unchanged ones dropped.
        assert!(!path.exists());
        assert_eq!(fs::read(&moved).unwrap(), written);
        let entries = parse_overlay(&fs::read(&overlay).unwrap(), &overlay).unwrap();
        let numbers: Vec<usize> = entries.entries.iter().map(|e| e.index + 1).collect();
        assert_eq!(numbers, [3, 6, 8]);
        assert_eq!(entries.entries[1].ar, old);
        assert_eq!(
            entries.entries[1].en.as_deref(),
            Some("An old translation.")
        );
        assert_eq!(entries.entries[0].notes, None);
        assert_eq!(entries.entries[2].en, None);

        // Read again: nothing more to migrate, the same article.
        let again = library.catalog();
        assert_eq!(again.notices.len(), 1, "{:?}", again.notices);
        let article_again = again.get("deir-ez-zor-2017").unwrap();
        assert_eq!(article_again.sentences[2].en, "My own translation.");

        // A copy written again later (an older qari still open) is
        // migrated beside the first; the overlay's entries win over it.
        let mut later = bundled.clone();
        later.sentences[2].en = "Older edit.".into();
        later.sentences[9].en = "Sentence ten, mine.".into();
        write_copy(&library, &later);
        let third = library.catalog();
        let article = third.get("deir-ez-zor-2017").unwrap();
        assert_eq!(article.sentences[2].en, "My own translation.");
        assert_eq!(article.sentences[9].en, "Sentence ten, mine.");
        assert!(
            library
                .articles_dir()
                .join("migrated/deir-ez-zor-2017.2.toml")
                .exists()
        );
        assert!(shown(&third.notices)[0].contains("with the 1 sentence you changed"));
    }

    #[test]
    fn a_hand_written_replacement_of_a_bundled_article_is_not_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::new(dir.path());
        // As in the repository's own `articles/` (`--library .`).
        let (_, name, text) = BUNDLED[0];
        fs::create_dir_all(library.articles_dir()).unwrap();
        let path = library.articles_dir().join(name);
        let edited = text.replacen("\nen = \"", "\nen = \"EDITED ", 1);
        fs::write(&path, &edited).unwrap();
        let catalog = library.catalog();
        assert!(catalog.notices.is_empty(), "{:?}", catalog.notices);
        let article = catalog.get("deir-ez-zor-2017").unwrap();
        assert_eq!(article.origin, Origin::File(path.clone()));
        assert!(article.sentences[0].en.starts_with("EDITED "));
        assert_eq!(fs::read_to_string(&path).unwrap(), edited);
        assert!(!library.overlays_dir().exists());
    }

    #[test]
    fn a_copy_is_left_in_place_when_its_overlay_cannot_be_read() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::new(dir.path());
        let mut copy = bundled();
        copy.sentences[2].en = "Mine.".into();
        let path = write_copy(&library, &copy);
        let overlay = library.overlay_path("deir-ez-zor-2017");
        fs::create_dir_all(library.overlays_dir()).unwrap();
        fs::write(&overlay, "oops\n").unwrap();
        let catalog = library.catalog();
        // The copy still replaces the bundled article; both files as they were.
        let article = catalog.get("deir-ez-zor-2017").unwrap();
        assert_eq!(article.sentences[2].en, "Mine.");
        assert!(path.exists());
        assert_eq!(fs::read_to_string(&overlay).unwrap(), "oops\n");
        let notices = shown(&catalog.notices);
        assert!(
            notices
                .iter()
                .all(|n| n.contains("overlays/deir-ez-zor-2017.toml:")),
            "{notices:?}"
        );
        assert!(
            notices[0].contains("could not be moved aside"),
            "{notices:?}"
        );
        assert!(catalog.notices.iter().all(OverlayNotice::is_problem));
    }

    /// Two readers choosing readings for two words of one sentence, and a
    /// third editing its translation: each change is applied to the
    /// overlay as it is on disk, so all three are kept; a word that is not
    /// the one chosen for is refused.
    #[test]
    fn readings_chosen_by_two_readers_and_a_translation_are_all_kept() {
        use crate::arabic::ReadingId;
        let dir = tempfile::tempdir().unwrap();
        let bundled = bundled();
        let sentence = &bundled.sentences[1];
        let reading = |gloss: &str| ReadingId {
            vocalised: "x".into(),
            lemma: "x".into(),
            pos: "noun".into(),
            gloss: gloss.into(),
        };
        let choose = |word: usize, text: &str, gloss: &str| {
            Library::new(dir.path()).save_sentence_edit(
                "deir-ez-zor-2017",
                &Origin::Bundled,
                1,
                &sentence.ar,
                SentenceEdit::reading(word, text, Some(reading(gloss))),
            )
        };
        choose(0, sentence.word(0).unwrap(), "first").unwrap();
        choose(2, sentence.word(2).unwrap(), "third").unwrap();
        let saved = Library::new(dir.path())
            .save_sentence_edit(
                "deir-ez-zor-2017",
                &Origin::Bundled,
                1,
                &sentence.ar,
                SentenceEdit::new("Mine.", sentence.notes.clone()),
            )
            .unwrap();
        let chosen = &saved.article.sentences[1].readings;
        assert_eq!(chosen.get(&0), Some(&reading("first")));
        assert_eq!(chosen.get(&2), Some(&reading("third")));
        assert_eq!(saved.article.sentences[1].en, "Mine.");
        let before = fs::read(&saved.path).unwrap();
        let error = choose(2, "نص آخر", "wrong").unwrap_err().to_string();
        assert!(error.contains("is no longer the one you edited"), "{error}");
        assert_eq!(fs::read(&saved.path).unwrap(), before);
    }

    #[test]
    fn saving_an_edit_changes_one_entry_of_the_overlay_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::new(dir.path());
        let bundled = bundled();
        let save = |index: usize, ar: &str, en: &str| {
            library.save_sentence_edit(
                "deir-ez-zor-2017",
                &Origin::Bundled,
                index,
                ar,
                SentenceEdit {
                    en: Some(en.to_owned()),
                    notes: bundled.sentences.get(index).map(|s| s.notes.clone()),
                    ..SentenceEdit::default()
                },
            )
        };
        let saved = save(3, &bundled.sentences[3].ar, "Four.").unwrap();
        assert_eq!(saved.path, library.overlay_path("deir-ez-zor-2017"));
        assert_eq!(saved.article.sentences[3].en, "Four.");
        assert_eq!(saved.article.origin, Origin::Bundled);
        let saved = save(7, &bundled.sentences[7].ar, "Eight.").unwrap();
        assert_eq!(
            (
                saved.article.sentences[3].en.as_str(),
                saved.article.sentences[7].en.as_str()
            ),
            ("Four.", "Eight.")
        );
        // Only what differs from the bundled article is kept: the notes,
        // given unchanged, are not.
        let text = fs::read_to_string(&saved.path).unwrap();
        assert!(!text.contains("notes"), "{text}");
        // Back to the bundled translation: the entry goes.
        save(3, &bundled.sentences[3].ar, &bundled.sentences[3].en).unwrap();
        let overlay = parse_overlay(text.as_bytes(), &saved.path).unwrap();
        assert_eq!(overlay.entries.len(), 2);
        let now = fs::read(&saved.path).unwrap();
        assert_eq!(parse_overlay(&now, &saved.path).unwrap().entries.len(), 1);
        // A sentence whose text is not the one edited: nothing saved.
        let error = save(5, "نص آخر", "x").unwrap_err().to_string();
        assert!(
            error.ends_with("sentence 6 of deir-ez-zor-2017 is no longer the one you edited (the article changed on disk); nothing was saved: open it again, then edit"),
            "{error}"
        );
        let error = save(99, "نص", "x").unwrap_err().to_string();
        assert!(error.contains("sentence 100 of"), "{error}");
        assert_eq!(fs::read(&saved.path).unwrap(), now);
        // No such article.
        let error = library
            .save_sentence_edit(
                "none",
                &Origin::Bundled,
                0,
                "x",
                SentenceEdit::new("x", vec![]),
            )
            .unwrap_err();
        assert!(matches!(error, OverlayError::NoArticle { .. }), "{error}");
        let error = library
            .save_sentence_edit(
                "../x",
                &Origin::Bundled,
                0,
                "x",
                SentenceEdit::new("x", vec![]),
            )
            .unwrap_err();
        assert!(matches!(error, OverlayError::NoArticle { .. }), "{error}");
        // A control character, or too long: refused before anything is
        // read, naming the file.
        let error = save(3, &bundled.sentences[3].ar, "a\u{1b}[2Jb").unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "{}: the text holds a control character (U+001B); nothing was saved",
                saved.path.display()
            )
        );
        let long = "x".repeat(crate::article::MAX_TRANSLATION_CHARS + 1);
        let error = save(3, &bundled.sentences[3].ar, &long)
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            format!(
                "{}: the translation is 4,001 characters long, over the limit of 4,000; nothing was saved",
                saved.path.display()
            )
        );
    }

    #[test]
    fn an_overlay_that_is_no_regular_file_is_never_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::new(dir.path());
        let overlay = library.overlay_path("deir-ez-zor-2017");
        fs::create_dir_all(library.overlays_dir()).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(&overlay)
            .status()
            .unwrap();
        assert!(made.success());
        let bundled = bundled();
        let error = library
            .save_sentence_edit(
                "deir-ez-zor-2017",
                &Origin::Bundled,
                0,
                &bundled.sentences[0].ar,
                SentenceEdit::new("x", vec![]),
            )
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            format!(
                "{}: not a regular file (a FIFO); not read; qari leaves it as it is: fix it, then try again",
                overlay.display()
            )
        );
        let kind = fs::symlink_metadata(&overlay).unwrap().file_type();
        assert!(std::os::unix::fs::FileTypeExt::is_fifo(&kind));
    }

    #[test]
    fn an_article_outside_the_library_is_its_own_base_and_gets_its_overlay() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::new(dir.path().join("lib"));
        let path = dir.path().join("elsewhere.toml");
        fs::write(&path, "[[sentence]]\nar = \"خبر.\"\nen = \"News.\"\n").unwrap();
        let (article, notices) = library.load_article_file(&path).unwrap();
        assert!(notices.is_empty());
        let saved = library
            .save_sentence_edit(
                &article.id,
                &article.origin,
                0,
                "خبر.",
                SentenceEdit::new("The news.", vec![]),
            )
            .unwrap();
        assert_eq!(saved.article.sentences[0].en, "The news.");
        assert_eq!(saved.path, library.overlay_path("elsewhere"));
        let (again, _) = library.load_article_file(&path).unwrap();
        assert_eq!(again.sentences[0].en, "The news.");
        assert!(
            fs::read_to_string(&path)
                .unwrap()
                .contains("en = \"News.\"")
        );
    }
}
