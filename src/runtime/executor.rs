//! One effect at a time, synchronously: the glossary and article files
//! changed under their locks, the reading position saved, espeak-ng
//! started or stopped.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use chrono::Utc;

use crate::app::{
    DraftBatch, Drafted, DraftsSaved, Effect, EntryChange, EntrySaved, Msg, Notice, SentenceChange,
    SpeechProblem, StatusBefore, Unsaved,
};
use crate::article::{self, Library};
use crate::glossary::{Glossary, Saved, UserGlossary, grade};

use super::speech::{Speech, Spoken};
use super::translator::Translator;

/// Does the app's effects against a library folder (or none: then nothing
/// is saved, as in `qari render`'s tests and the benchmarks).
#[derive(Debug)]
pub struct Executor {
    library: Option<Library>,
    speech: Speech,
    /// Readings aloud asked for so far (`Effect::Speak`, started or not).
    speeches: u64,
    /// The learner's translator, for drafts (`Effect::Draft`).
    translator: Option<Translator>,
    /// Set to stop a translator that is running (the reader quits).
    stop: Arc<AtomicBool>,
}

impl Executor {
    /// Effects on `library` (none: saves are skipped).
    pub fn new(library: Option<Library>) -> Executor {
        Executor {
            library,
            speech: Speech::default(),
            speeches: 0,
            translator: None,
            stop: Arc::default(),
        }
    }

    /// Drafting with `translator`; a run still going when `stop` is set
    /// is killed.
    pub fn with_translator(mut self, translator: Translator, stop: Arc<AtomicBool>) -> Executor {
        self.translator = Some(translator);
        self.stop = stop;
        self
    }

    /// Reading aloud through `speech` instead of `espeak-ng` on the PATH.
    pub fn with_speech(mut self, speech: Speech) -> Executor {
        self.speech = speech;
        self
    }

    /// Whether a sentence is being read aloud (a finished reader is reaped).
    pub fn speaking(&mut self) -> bool {
        self.speech.speaking()
    }

    /// How many readings aloud were asked of it so far.
    pub fn speeches(&self) -> u64 {
        self.speeches
    }

    /// Carries out `effect`; returns what the app should hear of it.
    pub fn execute(&mut self, effect: Effect) -> Option<Msg> {
        match effect {
            Effect::SaveEntry(change) => {
                let dir = self.library.as_ref()?.root.join("glossary");
                Some(save_entry(dir, *change))
            }
            Effect::SaveSentence(edit) => {
                let change = match edit.change.clone() {
                    SentenceChange::Text {
                        translation,
                        notes,
                        translation_was,
                    } => article::SentenceEdit {
                        en: translation,
                        notes,
                        en_was: translation_was,
                        ..article::SentenceEdit::default()
                    },
                    SentenceChange::Reading { word, text, chosen } => {
                        article::SentenceEdit::reading(word, &text, chosen)
                    }
                };
                let result = match &self.library {
                    Some(library) => library
                        .save_sentence_edit(
                            &edit.article,
                            &edit.origin,
                            edit.index,
                            &edit.ar,
                            change,
                        )
                        .map(|saved| (Box::new(saved.article), saved.path))
                        .map_err(|e| e.to_string()),
                    None => Err(Notice::NoLibrary(Unsaved::Article).to_string()),
                };
                Some(Msg::SentenceSaved {
                    index: edit.index,
                    change: edit.change,
                    result,
                })
            }
            Effect::SavePosition { article, sentence } => {
                let library = self.library.as_ref()?;
                let error = library.save_position(&article, sentence).err()?;
                Some(Msg::PositionNotSaved(error.to_string()))
            }
            Effect::SaveWordAids(aids) => {
                let library = self.library.as_ref()?;
                let interlinear = aids.interlinear.name();
                let error =
                    (library.save_word_aids(interlinear, aids.translit, aids.vowelled)).err()?;
                Some(Msg::PositionNotSaved(error.to_string()))
            }
            Effect::Speak(text) => {
                self.speeches += 1;
                match self.speech.speak(&text) {
                    Spoken::Started => None,
                    Spoken::Missing => Some(Msg::SpeechFailed(SpeechProblem::Missing)),
                    Spoken::Failed(error) => Some(Msg::SpeechFailed(SpeechProblem::Failed(error))),
                }
            }
            Effect::StopSpeaking => {
                self.speech.stop();
                None
            }
            Effect::Draft(batch) => Some(Msg::Drafted(Box::new(self.draft(batch)))),
            // The terminal session's business, not a worker's.
            Effect::Suspend => None,
        }
    }
}

impl Executor {
    /// Runs the translator on `batch`, then saves what it gave as machine
    /// drafts (under the articles' lock, never over a translation).
    fn draft(&self, batch: DraftBatch) -> Drafted {
        let sentences: Vec<usize> = batch.sentences.iter().map(|(i, _)| *i).collect();
        let result = match (&self.library, &self.translator) {
            (None, _) => Err(Notice::NoLibrary(Unsaved::Article).to_string()),
            (_, None) => Err(Notice::NoTranslator.to_string()),
            (Some(library), Some(translator)) => {
                let texts: Vec<String> = batch.sentences.iter().map(|(_, ar)| ar.clone()).collect();
                translator
                    .translate_until(&texts, &self.stop)
                    .map_err(|e| e.to_string())
                    .and_then(|english| {
                        let drafts: Vec<(usize, String, String)> = (batch.sentences.into_iter())
                            .zip(english)
                            .map(|((index, ar), en)| (index, ar, en))
                            .collect();
                        library
                            .save_drafts(&batch.article, &batch.origin, &drafts, translator.name())
                            .map_err(|e| e.to_string())
                    })
                    .map(|saved| DraftsSaved {
                        article: Box::new(saved.article),
                        saved: saved.saved,
                    })
            }
        };
        Drafted {
            article_id: batch.article,
            sentences,
            result,
        }
    }
}

/// Applies `change` to the learner's glossary in `dir` (under its lock, to
/// the file as it is on disk), then reads the glossary again.
fn save_entry(dir: PathBuf, change: EntryChange) -> Msg {
    let user = UserGlossary::new(&dir);
    // What a status key replaces, seen under the lock as it changes it.
    let mut before = None;
    let result = match &change {
        EntryChange::Add(entry) => user.add(entry.clone()),
        EntryChange::Edit { headword, entry } => user.edit(headword, entry.clone()),
        EntryChange::SetStatus { headword, status } => user
            .update(headword, |e| {
                before = Some(StatusBefore::Was(e.status));
                e.status = Some(*status);
            })
            .map(|()| Saved::Updated),
        EntryChange::AddWithStatus { entry, status, .. } => {
            let saved = user.add_or_update(entry.clone(), |e| {
                before = Some(StatusBefore::Was(e.status));
                e.status = Some(*status);
            });
            if matches!(saved, Ok(Saved::Added)) {
                before = Some(StatusBefore::Created);
            }
            saved
        }
        EntryChange::UndoStatus {
            headword,
            before: StatusBefore::Created,
        } => user.remove(headword).map(|_| Saved::Updated),
        EntryChange::UndoStatus {
            headword,
            before: StatusBefore::Was(status),
        } => user
            .update(headword, |e| e.status = *status)
            .map(|()| Saved::Updated),
        EntryChange::Grade {
            headword,
            grade: given,
        } => user
            .update(headword, |e| grade(e, *given, Utc::now()))
            .map(|()| Saved::Updated),
        EntryChange::Remove { headword } => user.remove(headword).map(|_| Saved::Updated),
    };
    Msg::EntrySaved(Box::new(EntrySaved {
        change,
        result,
        file: user.path(),
        glossary: Glossary::load(Some(&dir)),
        before,
    }))
}
