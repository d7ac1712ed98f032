//! What the app has to tell the learner, as values: the status line's
//! messages and the forms' refusals. Their wording lives in
//! `ui::strings` (one place, and keys named there come from the key
//! table), so the app decides *what* to say, never *how*.

use std::path::PathBuf;

use crate::glossary::Status;

/// A one-line message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Said by something outside the app in its own words: a problem found
    /// at start, a file error.
    Said(String),
    /// The glossary pane cannot be shown under `--bidi terminal`.
    OnePaneInTerminalBidi,
    /// Interlinear glosses cannot be placed under `--bidi terminal`.
    NoInterlinearInTerminalBidi,
    /// The reader is too narrow for interlinear glosses.
    TooNarrowForGlosses,
    /// espeak-ng is not installed (said once).
    SpeechMissing,
    SpeechFailed(String),
    /// A paste landed outside a form's field.
    PasteOutsideAField,
    /// A paste was cut at the field's limit.
    PasteCut {
        limit: usize,
    },
    /// There is no library folder to save in.
    NoLibrary(Unsaved),
    /// A status key on a word nothing glosses.
    NoGlossForStatus,
    NoEntryToEdit,
    NoEntryToDelete,
    /// `d` on a bundled entry.
    BundledEntry {
        headword: String,
    },
    /// An entry saved from the form.
    EntrySaved {
        headword: String,
        added: bool,
        file: PathBuf,
    },
    /// A status set, naming the entry's first gloss (empty: it has none)
    /// so that a wrong reading saved as the learner's entry is seen;
    /// `source` names where the new entry's gloss came from when the status
    /// key created it.
    StatusSet {
        headword: String,
        gloss: String,
        status: Status,
        source: Option<String>,
    },
    Deleted {
        headword: String,
    },
    /// `u` undid the last status change on `headword`.
    StatusUndone {
        headword: String,
        before: super::StatusBefore,
    },
    /// `u` with no status change to undo.
    NothingToUndo,
    /// Another qari deleted the entry a key would change.
    DeletedMeanwhile {
        headword: String,
    },
    SentenceSaved {
        file: PathBuf,
    },
    /// `Enter` on a reading: `word` reads as `chosen` in this sentence
    /// (`None`: as the analyser ranks it again), kept in `file`.
    ReadingChosen {
        word: String,
        chosen: Option<crate::arabic::ReadingId>,
        file: PathBuf,
    },
    /// `Enter` in the glossary pane on something that is not a reading.
    EnterChoosesAReading,
    /// A search and its number of hits.
    SearchHits {
        query: String,
        hits: usize,
    },
    /// The sentence form's translation is over its limit.
    TranslationTooLong {
        limit: usize,
    },
    /// A field holds a control character.
    ControlCharacter(char),
    /// `D` with no translator set.
    NoTranslator,
    /// `D` on an article whose every sentence has a translation.
    NothingToDraft,
    /// `D` started on the current sentence.
    DraftingSentence {
        translator: String,
    },
    /// `D` started on the rest of the article: `count` sentences.
    DraftingArticle {
        translator: String,
        count: usize,
    },
    /// `D` while the article is being drafted.
    DraftingAlready {
        done: usize,
        total: usize,
    },
    /// A draft finished: `saved` sentences drafted, `passed` found with a
    /// translation by then (the learner's `E`, another reader's draft).
    Drafted {
        translator: String,
        saved: usize,
        passed: usize,
    },
    /// A batch failed (`error`, one line) after `saved` drafts.
    DraftFailed {
        error: String,
        saved: usize,
    },
}

/// What could not be saved without a library folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsaved {
    Statuses,
    Entries,
    Article,
}
