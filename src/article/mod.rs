//! Articles: the model the reader walks (sentences grouped in paragraphs),
//! the TOML files they are stored in, and the library that finds them.

mod align;
mod bundled;
mod file;
mod import;
mod library;
mod manage;
mod overlay;
mod split;
mod words;

use std::ops::Range;
use std::path::PathBuf;

use crate::arabic::ChosenReadings;

pub use align::{Aligned, ParagraphOutcome, align_paragraphs, align_translation, is_credit};
pub use bundled::BUNDLED;
pub use file::{ArticleError, article_to_toml, parse_article};
pub use import::{Imported, MAX_SLUG, import_text, slug};
pub use library::{
    ARTICLES_LOCK, Catalog, Library, MIGRATED_DIR, OVERLAYS_DIR, ReadingState, SavedDrafts,
    SavedEdit, SavedTranslation, StateError, TRASH_DIR, load_article, timestamp,
};
pub use manage::{
    MAX_ID, MAX_TITLE, ManageError, Removed, Renamed, Restored, SameText, id_problem, title_problem,
};
pub use overlay::{
    EditProblem, MACHINE, MAX_READING_FIELD_CHARS, MAX_TRANSLATION_CHARS, Overlay, OverlayEntry,
    OverlayError, OverlayNotice, ReadingEdit, SentenceEdit, WordReading, parse_overlay,
};
pub use split::{Split, split};
pub use words::words;

/// An article: its metadata and its sentences in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Short name used on the command line and in the reading state: the
    /// file's name without `.toml`.
    pub id: String,
    pub meta: Meta,
    pub sentences: Vec<Sentence>,
    /// Where the article came from.
    pub origin: Origin,
}

/// Metadata from an article file's `[article]` table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// The title given at import (`qari import --title`, `qari retitle`),
    /// in any script; empty when the article has none of its own.
    pub title: String,
    pub title_en: String,
    pub language: String,
    /// When it was published (free text: `2017-08`, `2017-08-03`); empty
    /// when unknown.
    pub date: String,
    /// When it was imported into the library (RFC 3339, UTC); empty for
    /// articles qari did not import.
    pub imported: String,
    pub source: String,
    /// What was left out of the published text, and why.
    pub removed: Vec<String>,
    /// Paragraphs to read before the first sentence (who is who, the
    /// background), shown with it; empty when the article has none.
    pub intro: Vec<String>,
    /// Summary points shown with the last sentence; empty when none.
    pub outro: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the binary from the repository's `articles/`.
    Bundled,
    /// Read from a file at run time.
    File(PathBuf),
}

/// One sentence with its translation and study notes.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// The text as published.
    pub ar: String,
    /// The English translation; empty when there is none yet.
    pub en: String,
    /// Where `en` came from when it is not the learner's or the article's
    /// own: `"machine"` for a translator's draft.
    pub en_source: Option<String>,
    /// The translator that drafted `en`, for a draft.
    pub en_translator: Option<String>,
    pub notes: Vec<String>,
    /// The article's headline, shown as a paragraph of its own.
    pub heading: bool,
    /// Whether a new paragraph starts with this sentence.
    pub starts_paragraph: bool,
    /// Byte ranges of the words in `ar`, in logical order.
    pub words: Vec<Range<usize>>,
    /// The readings the learner chose for words of the sentence (by word
    /// index), from the article's learner overlay.
    pub readings: ChosenReadings,
}

impl Sentence {
    pub fn new(ar: String, en: String, notes: Vec<String>) -> Self {
        let words = words(&ar);
        Sentence {
            ar,
            en,
            en_source: None,
            en_translator: None,
            notes,
            heading: false,
            starts_paragraph: false,
            words,
            readings: ChosenReadings::new(),
        }
    }

    /// The text of word `index`.
    pub fn word(&self, index: usize) -> Option<&str> {
        self.words.get(index).map(|range| &self.ar[range.clone()])
    }

    /// Index of the word holding byte `offset`, else of the nearest word
    /// before it (or the first word).
    pub fn word_at(&self, offset: usize) -> Option<usize> {
        if self.words.is_empty() {
            return None;
        }
        let after = self.words.partition_point(|w| w.start <= offset);
        Some(after.saturating_sub(1))
    }
}

impl Article {
    /// The title: the one given at import (`title`), else the heading
    /// sentence, else the English title, else the id.
    pub fn title(&self) -> &str {
        Some(self.meta.title.as_str())
            .filter(|t| !t.is_empty())
            .or_else(|| {
                self.sentences
                    .iter()
                    .find(|s| s.heading)
                    .map(|s| s.ar.as_str())
            })
            .or_else(|| Some(self.meta.title_en.as_str()).filter(|t| !t.is_empty()))
            .unwrap_or(&self.id)
    }

    /// Whether a blank line separates sentence `index` from the one before.
    pub fn paragraph_break_before(&self, index: usize) -> bool {
        index > 0
            && self.sentences.get(index).is_some_and(|s| {
                s.starts_paragraph || s.heading || self.sentences[index - 1].heading
            })
    }
}
