//! What goes into [`App::update`](super::App::update) and what comes out.
//!
//! A [`Msg`] is something that happened: a key turned into an [`Action`],
//! pasted text, the time, or the result of work done in the background. An
//! [`Effect`] is work `update` asks for but does not do itself (saving,
//! reading aloud, suspending): the runner (`crate::runtime`) carries it out
//! on a worker and sends the outcome back as another `Msg`. So `update` is a
//! pure state change, and tests drive it with no files, processes or clock.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::Event;

use crate::arabic::{Analyser, ReadingId};
use crate::article::{Article, Origin};
use crate::dict::Dictionaries;
use crate::glossary::{Entry, Glossary, GlossaryError, Grade, Saved, Status};

use super::Action;

/// Something that happened, for [`App::update`](super::App::update).
#[derive(Debug)]
pub enum Msg {
    /// An event from the terminal: a key, click, resize or paste, turned
    /// into an [`Action`] by the key table for what is open now.
    Terminal(Event),
    /// The terminal can no longer be read; the runner ends the loop.
    TerminalLost(String),
    /// An action (what a key stands for, or a signal's quit and suspend).
    Action(Action),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// The time now, sent by the runner before each key: reviews need it.
    Clock(DateTime<Utc>),
    /// A one-line message for the status line (problems found at start).
    Notice(String),
    /// The dictionaries finished loading in the background.
    DictionariesLoaded(Arc<Dictionaries>),
    /// The morphological analyser's lexicon finished loading in the
    /// background: words are read with it from now on.
    AnalyserLoaded(Arc<dyn Analyser>),
    /// A change to the learner's glossary was applied on disk (or not),
    /// with the glossary as it is on disk now.
    EntrySaved(Box<EntrySaved>),
    /// A change to sentence `index` was saved (the article as it is on
    /// disk now, and the overlay file), or why not.
    SentenceSaved {
        index: usize,
        change: SentenceChange,
        result: Result<(Box<Article>, PathBuf), String>,
    },
    /// A batch of drafts came back from the translator (saved, or not).
    Drafted(Box<super::Drafted>),
    /// The article, as another program left it on disk (the runner
    /// watches its files): shown in place of the reader's copy.
    ArticleOnDisk(Box<Article>),
    /// The learner's glossary, as another program left it on disk.
    GlossaryOnDisk(Glossary),
    /// The reading position could not be saved.
    PositionNotSaved(String),
    /// Reading aloud could not start.
    SpeechFailed(SpeechProblem),
    /// Reading aloud finished (or was stopped) after the runner had started
    /// `started` readings in all: a later `s` still on its way keeps the
    /// marker on.
    SpeechEnded { started: u64 },
}

impl From<Action> for Msg {
    fn from(action: Action) -> Msg {
        Msg::Action(action)
    }
}

/// The outcome of [`Effect::SaveEntry`].
#[derive(Debug)]
pub struct EntrySaved {
    pub change: EntryChange,
    pub result: Result<Saved, GlossaryError>,
    /// The learner's glossary file.
    pub file: PathBuf,
    /// The glossary as it is on disk after the change.
    pub glossary: Glossary,
    /// For a status key's change: what it replaced on disk, so that `u`
    /// can put it back.
    pub before: Option<StatusBefore>,
}

/// What a status key's change replaced, as the file had it under the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusBefore {
    /// The key created the entry.
    Created,
    /// The entry was there with this status.
    Was(Option<Status>),
}

/// Why `s` says nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpeechProblem {
    /// espeak-ng is not installed (said once per session).
    Missing,
    Failed(String),
}

/// Work for the runner.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Apply a change to the learner's glossary file (under its lock, to
    /// what is on disk), then send [`Msg::EntrySaved`].
    SaveEntry(Box<EntryChange>),
    /// Save one sentence's translation and notes, then send
    /// [`Msg::SentenceSaved`].
    SaveSentence(SentenceEdit),
    /// Draft these sentences with the learner's translator (which may
    /// take a while) and save the drafts, then send [`Msg::Drafted`].
    Draft(super::DraftBatch),
    /// Remember the reading position (1-based sentence). Saves queued
    /// behind one another are coalesced: only the last is written.
    SavePosition {
        article: String,
        sentence: usize,
    },
    /// Remember the glosses, transliteration and vowels (`i`, `x`, `V`)
    /// for the next start.
    SaveWordAids(super::view::WordAids),
    /// Read this Arabic text aloud, stopping what was being read.
    Speak(String),
    StopSpeaking,
    /// Back to the shell until `fg` (Ctrl-Z).
    Suspend,
}

/// One change to the learner's glossary.
#[derive(Debug, Clone, PartialEq)]
pub enum EntryChange {
    /// A new entry from the form (merged into one with the same headword).
    Add(Entry),
    /// The form's fields over the learner's entry `headword`.
    Edit {
        headword: String,
        entry: Entry,
    },
    /// The status of the learner's entry `headword`.
    SetStatus {
        headword: String,
        status: Status,
    },
    /// A new entry made for a status key (from the bundled glossary's entry
    /// or a dictionary's sense, named by `source`), or the status set on the
    /// learner's entry if another qari added one meanwhile.
    AddWithStatus {
        entry: Entry,
        status: Status,
        source: String,
    },
    /// A review grade, scheduled on the card as it is on disk.
    Grade {
        headword: String,
        grade: Grade,
    },
    Remove {
        headword: String,
    },
    /// `u`: the last status change undone on the entry as it is on disk
    /// now: its status put back, or the entry removed if the key created it.
    UndoStatus {
        headword: String,
        before: StatusBefore,
    },
}

/// A change the learner made to a sentence, for the article's overlay.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceEdit {
    pub article: String,
    /// Where the article came from (one opened by path is its own base).
    pub origin: Origin,
    /// Index of the sentence (0-based), and its text: a sentence whose text
    /// changed on disk meanwhile is not edited.
    pub index: usize,
    pub ar: String,
    pub change: SentenceChange,
}

/// What changes in the sentence.
#[derive(Debug, Clone, PartialEq)]
pub enum SentenceChange {
    /// `E`: its translation and notes, as the learner wrote them; `None`
    /// is left as it is on disk. With `translation_was`, the translation is
    /// saved only if it is still that one.
    Text {
        translation: Option<String>,
        notes: Option<Vec<String>>,
        translation_was: Option<String>,
    },
    /// `Enter` on a reading in the glossary pane: word `word` (whose text
    /// is `text`) read as `chosen` here, or (`None`) as the analyser ranks
    /// it again.
    Reading {
        word: usize,
        text: String,
        chosen: Option<ReadingId>,
    },
}
