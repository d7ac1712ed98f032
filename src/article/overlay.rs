//! The learner's layer of an article: what they changed in it (a sentence's
//! translation, its notes, the reading chosen for a word), kept apart from the article in
//! `DIR/overlays/ID.toml` and applied over it when the library reads it, so
//! a later fix to a bundled article's text or notes still shows through
//! wherever the learner changed nothing (README, "The learner's layer of an
//! article").
//!
//! Each entry is anchored by the sentence's number and its Arabic text. It
//! goes to the sentence with that number when the text is still the same,
//! else to the one sentence elsewhere with that text (sentences were added
//! or taken out before it), else nowhere: it is then *orphaned*, reported,
//! and kept in the file as it is. It is never applied to a sentence with
//! another text.
//!
//! This module is pure (bytes in, text out); the [`Library`] reads, locks
//! and writes (`Library::save_sentence_edit`).
//!
//! [`Library`]: super::Library

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::{Article, Sentence};
use crate::arabic::ReadingId;
use crate::files::{FileError, line_and_column, read_toml, thousands};
use crate::quote::quoted;

/// The longest translation of a sentence, in characters.
pub const MAX_TRANSLATION_CHARS: usize = 4_000;
/// `en_source` of a translator's draft.
pub const MACHINE: &str = "machine";
/// The longest translator name kept with a draft, in characters.
pub const MAX_TRANSLATOR_CHARS: usize = 200;

/// The longest field of a chosen reading (its vowelled form, lemma, part
/// of speech, gloss), in characters: the analyser's are far shorter.
pub const MAX_READING_FIELD_CHARS: usize = 500;

/// What the learner changed in an article, entry by entry in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overlay {
    pub entries: Vec<OverlayEntry>,
}

/// What the learner changed in one sentence. A field that is `None` is the
/// article's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverlayEntry {
    /// The sentence's index (0-based) when the entry was written; the file
    /// holds its number, 1-based as on screen.
    pub index: usize,
    /// The sentence's Arabic text when the entry was written: the anchor.
    pub ar: String,
    /// The learner's translation (or a translator's draft).
    pub en: Option<String>,
    /// Where `en` came from when the learner did not write it:
    /// [`MACHINE`] for a translator's draft; `None` for the learner's own.
    pub en_source: Option<String>,
    /// The translator's name, for a draft.
    pub en_translator: Option<String>,
    /// The learner's notes (the whole list).
    pub notes: Option<Vec<String>>,
    /// The readings the learner chose for words of the sentence, in word
    /// order.
    pub readings: Vec<WordReading>,
    /// Where the entry starts in its file (1-based), for messages; 0 for
    /// one not read from a file.
    pub line: usize,
}

impl OverlayEntry {
    fn new(index: usize, ar: &str) -> OverlayEntry {
        OverlayEntry {
            index,
            ar: ar.to_owned(),
            en: None,
            en_source: None,
            en_translator: None,
            notes: None,
            readings: Vec::new(),
            line: 0,
        }
    }

    /// Whether the entry changes nothing.
    fn is_empty(&self) -> bool {
        self.en.is_none() && self.notes.is_none() && self.readings.is_empty()
    }
}

/// The reading the learner chose for one word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordReading {
    /// The word's index in the sentence (0-based); the file holds its
    /// number, 1-based.
    pub word: usize,
    /// The word as written: it must still be word `word` of the sentence
    /// for the choice to apply.
    pub text: String,
    pub reading: ReadingId,
}

/// A change to the reading of one word: `Some` chooses it, `None` gives the
/// word back to the analyser's ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingEdit {
    /// The word's index in the sentence (0-based) and its text.
    pub word: usize,
    pub text: String,
    pub chosen: Option<ReadingId>,
}

/// One sentence's change, as the learner made it. A field that is `None`
/// is left as it is; a value equal to the article's own removes the
/// learner's (the article's shows through again).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentenceEdit {
    pub en: Option<String>,
    pub notes: Option<Vec<String>>,
    /// One word's reading chosen, or given back to the analyser.
    pub reading: Option<ReadingEdit>,
    /// With `en`: the translator that drafted it (a machine draft); without,
    /// `en` is the learner's own.
    pub drafted_by: Option<String>,
    /// With `en`: apply it only if the sentence's translation is still this
    /// one (a draft made the learner's own without changing its text must
    /// not win over a translation saved meanwhile).
    pub en_was: Option<String>,
}

impl SentenceEdit {
    /// The edit of the sentence form (`E`): translation and notes.
    pub fn new(en: impl Into<String>, notes: Vec<String>) -> SentenceEdit {
        SentenceEdit {
            en: Some(en.into()),
            notes: Some(notes),
            ..SentenceEdit::default()
        }
    }

    /// The choice (or, with `None`, the unchoosing) of a reading for word
    /// `word` of the sentence, whose text is `text` (`Enter` in the
    /// glossary pane).
    pub fn reading(word: usize, text: &str, chosen: Option<ReadingId>) -> SentenceEdit {
        SentenceEdit {
            reading: Some(ReadingEdit {
                word,
                text: text.to_owned(),
                chosen,
            }),
            ..SentenceEdit::default()
        }
    }

    /// Why the edit cannot be saved, if it cannot: a translation over
    /// [`MAX_TRANSLATION_CHARS`], a reading's field over
    /// [`MAX_READING_FIELD_CHARS`], a control character anywhere.
    pub fn problem(&self) -> Option<EditProblem> {
        if let Some(en) = &self.en {
            let chars = en.chars().count();
            if chars > MAX_TRANSLATION_CHARS {
                return Some(EditProblem::TooLong { chars });
            }
        }
        let chosen = self.reading.iter().flat_map(|r| &r.chosen);
        let reading_fields: Vec<&String> = chosen
            .flat_map(|id| [&id.vocalised, &id.lemma, &id.pos, &id.gloss])
            .collect();
        if let Some(long) = reading_fields
            .iter()
            .find(|f| f.chars().count() > MAX_READING_FIELD_CHARS)
        {
            return Some(EditProblem::ReadingTooLong {
                chars: long.chars().count(),
            });
        }
        let texts = (self.en.iter().chain(self.notes.iter().flatten())).chain(reading_fields);
        texts
            .flat_map(|text| text.chars())
            .find(|c| c.is_control())
            .map(|c| EditProblem::ControlCharacter { code: c as u32 })
    }
}

/// Why an edit is refused (before anything is read or written).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditProblem {
    #[error("the translation is {} characters long, over the limit of {}", thousands(*.chars as u64), thousands(MAX_TRANSLATION_CHARS as u64))]
    TooLong { chars: usize },
    #[error("the text holds a control character (U+{code:04X})")]
    ControlCharacter { code: u32 },
    #[error("a field of the reading is {} characters long, over the limit of {}", thousands(*.chars as u64), thousands(MAX_READING_FIELD_CHARS as u64))]
    ReadingTooLong { chars: usize },
}

/// Why a sentence's edit was not saved. Messages name the file.
#[derive(Debug, thiserror::Error)]
pub enum OverlayError {
    #[error("{path}: {problem}; nothing was saved")]
    Refused { path: String, problem: EditProblem },
    /// The overlay (or the article's own file) cannot be read: it is left
    /// as it is, never written over.
    #[error("{0}; qari leaves it as it is: fix it, then try again")]
    Unreadable(FileError),
    /// The overlay would grow past its cap.
    #[error("{0}")]
    TooLarge(FileError),
    #[error(
        "{path}: there is no article {} to save this change for; nothing was saved",
        quoted(.id)
    )]
    NoArticle { path: String, id: String },
    /// Sentence `number` of the article on disk is not the one edited.
    #[error(
        "{path}: sentence {number} of {id} is no longer the one you edited (the article changed on disk); nothing was saved: open it again, then edit"
    )]
    Changed {
        path: String,
        id: String,
        number: usize,
    },
    #[error("{path}: cannot lock: {source}")]
    Lock {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: cannot save: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// Something the library says about a learner's layer when it reads the
/// articles: a file it could not read, an entry that found no sentence, a
/// copy of a bundled article migrated.
#[derive(Debug, thiserror::Error)]
pub enum OverlayNotice {
    /// The overlay file cannot be read: the article is shown without it,
    /// and it is never written over.
    #[error("{0}; the article is shown without your changes, and qari leaves the file as it is")]
    Unreadable(FileError),
    /// An entry whose sentence is no longer in the article.
    #[error(
        "{path}:{line}: your change to sentence {number} («{excerpt}») finds no sentence with that text in the article now; it is kept in the file, not shown"
    )]
    Orphaned {
        path: String,
        line: usize,
        number: usize,
        /// The start of the entry's Arabic text.
        excerpt: String,
    },
    /// A whole copy of a bundled article (made by `E` in earlier versions)
    /// was moved aside, the sentences the learner changed kept as entries.
    #[error(
        "{from}: your copy of the bundled article {id} was moved to {to}; the bundled article shows through, with {} you changed kept in {overlay}",
        sentences(*.kept)
    )]
    Migrated {
        id: String,
        from: String,
        to: String,
        overlay: String,
        /// Sentences kept as entries.
        kept: usize,
    },
    /// A copy that could not be migrated: it still replaces the bundled
    /// article.
    #[error(
        "{from}: your copy of the bundled article {id} could not be moved aside ({reason}); it still replaces the bundled article"
    )]
    NotMigrated {
        id: String,
        from: String,
        reason: String,
    },
}

impl OverlayNotice {
    /// Whether a file is wrong (`qari check` fails on it), rather than a
    /// notice.
    pub fn is_problem(&self) -> bool {
        matches!(
            self,
            OverlayNotice::Unreadable(_) | OverlayNotice::NotMigrated { .. }
        )
    }
}

fn sentences(count: usize) -> String {
    match count {
        1 => "the 1 sentence".to_owned(),
        n => format!("the {n} sentences"),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OverlayFile {
    #[serde(default)]
    sentence: Vec<Spanned<EntryFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryFile {
    number: Spanned<usize>,
    ar: Spanned<String>,
    #[serde(default)]
    en: Option<String>,
    #[serde(default)]
    en_source: Option<Spanned<String>>,
    #[serde(default)]
    en_translator: Option<Spanned<String>>,
    #[serde(default)]
    notes: Option<Vec<String>>,
    #[serde(default)]
    reading: Vec<Spanned<ReadingFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadingFile {
    word: Spanned<usize>,
    text: Spanned<String>,
    vocalised: Spanned<String>,
    lemma: Spanned<String>,
    pos: Spanned<String>,
    gloss: Spanned<String>,
}

#[derive(Serialize)]
struct OverlayOut<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sentence: Vec<EntryOut<'a>>,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    number: usize,
    ar: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    en: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    en_source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    en_translator: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    reading: Vec<ReadingOut<'a>>,
}

#[derive(Serialize)]
struct ReadingOut<'a> {
    word: usize,
    text: &'a str,
    vocalised: &'a str,
    lemma: &'a str,
    pos: &'a str,
    gloss: &'a str,
}

/// The first line of an overlay file qari writes.
const HEADER: &str = "# Your changes to an article, applied over it (written by qari; format: README.md,\n# \"The learner's layer of an article\"). Each [[sentence]] is found by its number\n# and its Arabic text; each [[sentence.reading]] is the reading you chose for a word.\n";

/// Reads an overlay from the bytes of a file; `path` names it in errors.
/// Unknown keys, a number below 1, an empty or over-long `ar` and two
/// entries for the same sentence are refused, with line and column.
pub fn parse_overlay(bytes: &[u8], path: &Path) -> Result<Overlay, FileError> {
    let (file, text): (OverlayFile, &str) = read_toml(bytes, path)?;
    let syntax = |span: Range<usize>, message: &dyn fmt::Display| {
        FileError::syntax(path, text, span.start, message)
    };
    let mut entries: Vec<OverlayEntry> = Vec::with_capacity(file.sentence.len());
    let mut seen: HashMap<(usize, String), usize> = HashMap::new();
    for spanned in file.sentence {
        let line = line_and_column(text, spanned.span().start).0;
        let entry = spanned.into_inner();
        let number = *entry.number.get_ref();
        if number == 0 {
            return Err(syntax(
                entry.number.span(),
                &"expected the sentence's number, 1 or more (the first sentence is 1)",
            ));
        }
        let ar_span = entry.ar.span();
        let ar = entry.ar.into_inner();
        if ar.trim().is_empty() {
            return Err(syntax(
                ar_span,
                &"expected the sentence's Arabic text in `ar`, found an empty string",
            ));
        }
        if let Some(message) = super::file::sentence_too_long(&ar) {
            return Err(syntax(ar_span, &message));
        }
        if let Some(first) = seen.insert((number, ar.clone()), line) {
            return Err(syntax(
                entry.number.span(),
                &format!(
                    "a second entry for sentence {number} with the same text (the first is at line {first})"
                ),
            ));
        }
        let readings = parse_readings(entry.reading, &syntax)?;
        if let Some(source) = &entry.en_source {
            if source.get_ref() != MACHINE {
                return Err(syntax(
                    source.span(),
                    &format!(
                        "expected `en_source = \"{MACHINE}\"` (a translator's draft) or no en_source (your own)"
                    ),
                ));
            }
            if entry.en.is_none() {
                return Err(syntax(source.span(), &"an en_source without an en"));
            }
        }
        if let Some(name) = &entry.en_translator
            && name.get_ref().chars().count() > MAX_TRANSLATOR_CHARS
        {
            return Err(syntax(
                name.span(),
                &format!("a translator's name over {MAX_TRANSLATOR_CHARS} characters"),
            ));
        }
        entries.push(OverlayEntry {
            index: number - 1,
            ar,
            en: entry.en,
            en_source: entry.en_source.map(Spanned::into_inner),
            en_translator: entry.en_translator.map(Spanned::into_inner),
            notes: entry.notes,
            readings,
            line,
        });
    }
    Ok(Overlay { entries })
}

/// A sentence's chosen readings, checked: word numbers from 1, each once;
/// the word's text not empty; no field over [`MAX_READING_FIELD_CHARS`].
fn parse_readings(
    readings: Vec<Spanned<ReadingFile>>,
    syntax: &dyn Fn(Range<usize>, &dyn fmt::Display) -> FileError,
) -> Result<Vec<WordReading>, FileError> {
    let mut out: Vec<WordReading> = Vec::with_capacity(readings.len());
    for spanned in readings {
        let reading = spanned.into_inner();
        let word = *reading.word.get_ref();
        if word == 0 {
            return Err(syntax(
                reading.word.span(),
                &"expected the word's number in the sentence, 1 or more (the first word is 1)",
            ));
        }
        if out.iter().any(|r| r.word == word - 1) {
            return Err(syntax(
                reading.word.span(),
                &format!("a second reading for word {word} of this sentence"),
            ));
        }
        if reading.text.get_ref().trim().is_empty() {
            return Err(syntax(
                reading.text.span(),
                &"expected the word as written in `text`, found an empty string",
            ));
        }
        let fields = [
            &reading.text,
            &reading.vocalised,
            &reading.lemma,
            &reading.pos,
            &reading.gloss,
        ];
        if let Some(long) = fields
            .iter()
            .find(|f| f.get_ref().chars().count() > MAX_READING_FIELD_CHARS)
        {
            let message = format!(
                "{} characters, over the limit of {} for a field of a reading",
                thousands(long.get_ref().chars().count() as u64),
                MAX_READING_FIELD_CHARS
            );
            return Err(syntax(long.span(), &message));
        }
        out.push(WordReading {
            word: word - 1,
            text: reading.text.into_inner(),
            reading: ReadingId {
                vocalised: reading.vocalised.into_inner(),
                lemma: reading.lemma.into_inner(),
                pos: reading.pos.into_inner(),
                gloss: reading.gloss.into_inner(),
            },
        });
    }
    out.sort_by_key(|r| r.word);
    Ok(out)
}

impl Overlay {
    /// The text of the overlay's file (what [`parse_overlay`] reads back).
    pub fn to_toml(&self) -> String {
        let out = OverlayOut {
            sentence: self
                .entries
                .iter()
                .map(|entry| EntryOut {
                    number: entry.index + 1,
                    ar: &entry.ar,
                    en: entry.en.as_deref(),
                    en_source: entry.en_source.as_deref(),
                    en_translator: entry.en_translator.as_deref(),
                    notes: entry.notes.as_deref(),
                    reading: (entry.readings.iter())
                        .map(|chosen| ReadingOut {
                            word: chosen.word + 1,
                            text: &chosen.text,
                            vocalised: &chosen.reading.vocalised,
                            lemma: &chosen.reading.lemma,
                            pos: &chosen.reading.pos,
                            gloss: &chosen.reading.gloss,
                        })
                        .collect(),
                })
                .collect(),
        };
        let body = toml::to_string(&out).unwrap_or_default();
        format!("{HEADER}\n{body}")
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Where each entry goes among `sentences` (see the module's header):
    /// `Some(index)`, or `None` for an orphaned entry.
    pub fn resolve(&self, sentences: &[Sentence]) -> Vec<Option<usize>> {
        resolve(
            self.entries.iter().map(|e| (e.index, e.ar.as_str())),
            sentences,
        )
    }

    /// Sets the learner's translation, notes and chosen readings over
    /// `article`'s (a reading whose word is no longer that text is left
    /// out); returns the orphaned entries (`path` names the file in them).
    pub fn apply(&self, article: &mut Article, path: &Path) -> Vec<OverlayNotice> {
        let targets = self.resolve(&article.sentences);
        let mut orphans = Vec::new();
        for (entry, target) in self.entries.iter().zip(targets) {
            let Some(sentence) = target.and_then(|i| article.sentences.get_mut(i)) else {
                orphans.push(OverlayNotice::Orphaned {
                    path: path.display().to_string(),
                    line: entry.line,
                    number: entry.index + 1,
                    excerpt: excerpt(&entry.ar),
                });
                continue;
            };
            if let Some(en) = &entry.en {
                sentence.en.clone_from(en);
                sentence.en_source.clone_from(&entry.en_source);
                sentence.en_translator.clone_from(&entry.en_translator);
            }
            if let Some(notes) = &entry.notes {
                sentence.notes.clone_from(notes);
            }
            for chosen in &entry.readings {
                if sentence.word(chosen.word) == Some(chosen.text.as_str()) {
                    (sentence.readings).insert(chosen.word, chosen.reading.clone());
                }
            }
        }
        orphans
    }

    /// Records `edit` of sentence `index` of `base` (the article's
    /// sentences without the overlay; `index` is one of them): the entry
    /// that goes to that sentence changes (anchored anew to its number and
    /// text), or one is added; a field equal to the article's own is
    /// dropped, and so is an entry left with nothing. Every other entry,
    /// orphaned ones too, stays as it is.
    pub fn set(&mut self, base: &[Sentence], index: usize, edit: &SentenceEdit) {
        let Some(sentence) = base.get(index) else {
            return;
        };
        let found = self
            .resolve(base)
            .iter()
            .position(|target| *target == Some(index));
        let mut entry = match found {
            Some(position) => self.entries.remove(position),
            None => OverlayEntry::new(index, &sentence.ar),
        };
        entry.index = index;
        entry.ar.clone_from(&sentence.ar);
        if let Some(en) = &edit.en {
            entry.en = (*en != sentence.en).then(|| en.clone());
            let draft = entry
                .en
                .is_some()
                .then_some(edit.drafted_by.as_ref())
                .flatten();
            entry.en_source = draft.map(|_| MACHINE.to_owned());
            entry.en_translator = draft.cloned();
        }
        if let Some(notes) = &edit.notes {
            entry.notes = (*notes != sentence.notes).then(|| notes.clone());
        }
        if let Some(change) = &edit.reading
            && sentence.word(change.word) == Some(change.text.as_str())
        {
            entry.readings.retain(|r| r.word != change.word);
            if let Some(reading) = &change.chosen {
                let at = entry.readings.partition_point(|r| r.word < change.word);
                let chosen = WordReading {
                    word: change.word,
                    text: change.text.clone(),
                    reading: reading.clone(),
                };
                entry.readings.insert(at, chosen);
            }
        }
        if !entry.is_empty() {
            self.insert(entry);
        }
    }

    /// Adds `entry` before the first entry of a later sentence.
    fn insert(&mut self, entry: OverlayEntry) {
        let at = self
            .entries
            .iter()
            .position(|e| e.index > entry.index)
            .unwrap_or(self.entries.len());
        self.entries.insert(at, entry);
    }

    /// Takes in what a whole copy of an article holds that `base` (the
    /// article itself) does not: for each sentence of `copy` whose
    /// translation or notes differ from `base`'s, an entry with the fields
    /// that differ; a sentence of the copy whose text is no longer in
    /// `base` is kept whole (as an orphaned entry) when it has a
    /// translation or notes. A sentence that already has an entry keeps
    /// it. Returns how many entries were added.
    pub fn absorb(&mut self, copy: &[Sentence], base: &[Sentence]) -> usize {
        let mut covered: Vec<bool> = vec![false; base.len()];
        for target in self.resolve(base).into_iter().flatten() {
            covered[target] = true;
        }
        let targets = resolve(
            copy.iter().enumerate().map(|(i, s)| (i, s.ar.as_str())),
            base,
        );
        let mut added = 0;
        for ((index, theirs), target) in copy.iter().enumerate().zip(targets) {
            let mut entry = OverlayEntry::new(index, &theirs.ar);
            match target {
                Some(target) => {
                    if covered[target] {
                        continue;
                    }
                    let ours = &base[target];
                    entry.index = target;
                    entry.en = (theirs.en != ours.en).then(|| theirs.en.clone());
                    entry.notes = (theirs.notes != ours.notes).then(|| theirs.notes.clone());
                }
                None => {
                    let known = self
                        .entries
                        .iter()
                        .any(|e| e.index == index && e.ar == theirs.ar);
                    if known {
                        continue;
                    }
                    entry.en = Some(theirs.en.clone()).filter(|en| !en.is_empty());
                    entry.notes = Some(theirs.notes.clone()).filter(|n| !n.is_empty());
                }
            }
            if !entry.is_empty() {
                self.insert(entry);
                added += 1;
            }
        }
        added
    }
}

/// Where each anchor `(index, ar)` goes among `sentences`: the sentence at
/// `index` when its text is `ar`; else the one sentence with text `ar`,
/// when there is exactly one, no anchor is exactly on it and no other
/// anchor would move there; else nowhere.
fn resolve<'a>(
    anchors: impl Iterator<Item = (usize, &'a str)>,
    sentences: &[Sentence],
) -> Vec<Option<usize>> {
    let anchors: Vec<(usize, &str)> = anchors.collect();
    let mut claimed = vec![false; sentences.len()];
    let mut targets: Vec<Option<usize>> = anchors
        .iter()
        .map(|&(index, ar)| {
            let exact = sentences.get(index).is_some_and(|s| s.ar == ar) && !claimed[index];
            if exact {
                claimed[index] = true;
            }
            exact.then_some(index)
        })
        .collect();
    if targets.iter().all(Option::is_some) {
        return targets;
    }
    // Moved: the one sentence with that text, if it is free.
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, sentence) in sentences.iter().enumerate() {
        by_text.entry(sentence.ar.as_str()).or_default().push(index);
    }
    let candidates: Vec<Option<usize>> = anchors
        .iter()
        .zip(&targets)
        .map(|(&(_, ar), target)| match (target, by_text.get(ar)) {
            (None, Some(found)) if found.len() == 1 && !claimed[found[0]] => Some(found[0]),
            _ => None,
        })
        .collect();
    for (k, candidate) in candidates.iter().enumerate() {
        let Some(index) = *candidate else { continue };
        let rivals = candidates.iter().filter(|c| **c == Some(index)).count();
        if rivals == 1 {
            targets[k] = Some(index);
        }
    }
    targets
}

/// The first words of `ar`, for messages.
fn excerpt(ar: &str) -> String {
    const WORDS: usize = 5;
    let words: Vec<&str> = ar.split_whitespace().collect();
    let mut text = words[..words.len().min(WORDS)].join(" ");
    if words.len() > WORDS {
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Origin;

    fn sentences(texts: &[(&str, &str)]) -> Vec<Sentence> {
        texts
            .iter()
            .map(|(ar, en)| Sentence::new((*ar).into(), (*en).into(), vec![]))
            .collect()
    }

    fn article(texts: &[(&str, &str)]) -> Article {
        Article {
            id: "a".into(),
            meta: Default::default(),
            sentences: sentences(texts),
            origin: Origin::Bundled,
        }
    }

    fn parse(text: &str) -> Result<Overlay, FileError> {
        parse_overlay(text.as_bytes(), Path::new("overlays/a.toml"))
    }

    fn error(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn an_anchor_over_the_sentence_cap_is_refused_with_its_place() {
        let text = format!(
            "[[sentence]]\nnumber = 1\nar = \"{}\"\n",
            "ب".repeat(10_001)
        );
        assert_eq!(
            error(&text),
            "overlays/a.toml:3:6: the sentence is 10,001 characters long, over the 10,000-character cap for a sentence; not read"
        );
    }

    #[test]
    fn an_overlay_written_reads_back_the_same() {
        let base = sentences(&[("أول.", "First."), ("ثان.", "Second."), ("ثالث.", "")]);
        let mut overlay = Overlay::default();
        overlay.set(
            &base,
            2,
            &SentenceEdit::new("Third.", vec!["a note".into()]),
        );
        overlay.set(
            &base,
            0,
            &SentenceEdit {
                notes: Some(vec!["«quoted» \"note\"".into()]),
                ..SentenceEdit::default()
            },
        );
        let text = overlay.to_toml();
        assert!(text.starts_with("# Your changes to an article"), "{text}");
        assert!(
            text.contains("[[sentence]]\nnumber = 1\nar = \"أول.\"\nnotes = ["),
            "{text}"
        );
        let again = parse(&text).unwrap();
        let fields = |o: &Overlay| -> Vec<_> {
            o.entries
                .iter()
                .map(|e| (e.index, e.ar.clone(), e.en.clone(), e.notes.clone()))
                .collect()
        };
        assert_eq!(fields(&again), fields(&overlay));
        assert_eq!(again.entries[0].line, 5);
        assert_eq!(again.to_toml(), text);
        // Empty: a file of comments only, which reads as empty.
        assert!(parse(&Overlay::default().to_toml()).unwrap().is_empty());
    }

    #[test]
    fn errors_name_file_line_column_and_what_was_expected() {
        assert_eq!(
            error("[[sentence]]\nnumber = 1\nar = \"x\"\ntranslation = \"y\"\n"),
            "overlays/a.toml:4:1: unknown field `translation`, expected one of `number`, `ar`, `en`, `en_source`, `en_translator`, `notes`, `reading`"
        );
        assert_eq!(
            error("[[sentence]]\nnumber = 1\nen = \"y\"\n"),
            "overlays/a.toml:1:1: missing field `ar`"
        );
        assert_eq!(
            error("[[sentence]]\nnumber = 0\nar = \"x\"\n"),
            "overlays/a.toml:2:10: expected the sentence's number, 1 or more (the first sentence is 1)"
        );
        assert!(
            error("[[sentence]]\nnumber = -2\nar = \"x\"\n").starts_with("overlays/a.toml:2:10: ")
        );
        assert_eq!(
            error("[[sentence]]\nnumber = 1\nar = \" \"\n"),
            "overlays/a.toml:3:6: expected the sentence's Arabic text in `ar`, found an empty string"
        );
        assert_eq!(
            error("[[sentence]]\nnumber = 2\nar = \"x\"\n\n[[sentence]]\nnumber = 2\nar = \"x\"\n"),
            "overlays/a.toml:6:10: a second entry for sentence 2 with the same text (the first is at line 1)"
        );
        assert_eq!(
            error("title = \"x\"\n"),
            "overlays/a.toml:1:1: unknown field `title`, expected `sentence`"
        );
        let long = "كلمة ".repeat(2_001);
        assert!(
            error(&format!("[[sentence]]\nnumber = 1\nar = \"{long}\"\n"))
                .ends_with("over the 10,000-character cap for a sentence; not read")
        );
        // Same number, another text: two entries (one may be orphaned).
        let two =
            parse("[[sentence]]\nnumber = 2\nar = \"x\"\n[[sentence]]\nnumber = 2\nar = \"y\"\n");
        assert_eq!(two.unwrap().entries.len(), 2);
    }

    #[test]
    fn entries_find_their_sentence_by_text_or_are_orphaned_never_misapplied() {
        let overlay = parse(
            "[[sentence]]\nnumber = 1\nar = \"أ.\"\nen = \"A!\"\n\n\
             [[sentence]]\nnumber = 2\nar = \"ب.\"\nen = \"B!\"\n\n\
             [[sentence]]\nnumber = 3\nar = \"ج.\"\nnotes = [\"C!\"]\n",
        )
        .unwrap();
        // A sentence inserted at the start, ب fixed to ب!: أ and ج move,
        // ب's entry is orphaned and goes nowhere.
        let mut fixed = article(&[("جديد.", "New."), ("أ.", "A"), ("ب!", "B"), ("ج.", "C")]);
        let orphans = overlay.apply(&mut fixed, Path::new("overlays/a.toml"));
        let en: Vec<&str> = fixed.sentences.iter().map(|s| s.en.as_str()).collect();
        assert_eq!(en, ["New.", "A!", "B", "C"]);
        assert_eq!(fixed.sentences[3].notes, ["C!"]);
        assert_eq!(orphans.len(), 1);
        assert_eq!(
            orphans[0].to_string(),
            "overlays/a.toml:6: your change to sentence 2 («ب.») finds no sentence with that text in the article now; it is kept in the file, not shown"
        );
        // A text now found twice is ambiguous: orphaned, not guessed.
        let mut twice = article(&[("ب.", "x"), ("ب.", "y")]);
        let moved = parse("[[sentence]]\nnumber = 5\nar = \"ب.\"\nen = \"B!\"\n").unwrap();
        assert_eq!(
            moved.apply(&mut twice, Path::new("o.toml")).len(),
            1,
            "{twice:?}"
        );
        assert_eq!(
            (
                twice.sentences[0].en.as_str(),
                twice.sentences[1].en.as_str()
            ),
            ("x", "y")
        );
        // An entry exactly on its sentence wins over one that would move there.
        let both = parse(
            "[[sentence]]\nnumber = 1\nar = \"ب.\"\nen = \"here\"\n[[sentence]]\nnumber = 4\nar = \"ب.\"\nen = \"moved\"\n",
        )
        .unwrap();
        let mut one = article(&[("ب.", "x")]);
        assert_eq!(both.apply(&mut one, Path::new("o.toml")).len(), 1);
        assert_eq!(one.sentences[0].en, "here");
    }

    #[test]
    fn set_keeps_only_what_differs_from_the_article_and_every_other_entry() {
        let base = sentences(&[("أ.", "A"), ("ب.", "B"), ("ج.", "C")]);
        let mut overlay = parse(
            "[[sentence]]\nnumber = 9\nar = \"قديم.\"\nen = \"orphan\"\n\n\
             [[sentence]]\nnumber = 7\nar = \"ج.\"\nen = \"C moved\"\n",
        )
        .unwrap();
        // A note only: the translation is the article's, not pinned.
        overlay.set(&base, 1, &SentenceEdit::new("B", vec!["mine".into()]));
        // The entry that moved to sentence 3 is anchored anew there.
        overlay.set(&base, 2, &SentenceEdit::new("C!", vec![]));
        let summary: Vec<_> = overlay
            .entries
            .iter()
            .map(|e| (e.index + 1, e.ar.as_str(), e.en.as_deref(), e.notes.clone()))
            .collect();
        assert_eq!(
            summary,
            [
                (2, "ب.", None, Some(vec!["mine".to_owned()])),
                (3, "ج.", Some("C!"), None),
                (9, "قديم.", Some("orphan"), None),
            ]
        );
        // Back to the article's own: the entry goes.
        overlay.set(&base, 1, &SentenceEdit::new("B", vec![]));
        overlay.set(&base, 2, &SentenceEdit::new("C", vec![]));
        assert_eq!(overlay.entries.len(), 1);
        assert_eq!(overlay.entries[0].ar, "قديم.");
    }

    #[test]
    fn absorbing_a_copy_keeps_what_differs_and_what_no_longer_has_a_sentence() {
        let mut bundled = sentences(&[("أ.", "A"), ("ب!", "B fixed"), ("ج.", "C"), ("د.", "D")]);
        bundled[3].notes = vec!["bundled note".into()];
        let mut copy = sentences(&[("أ.", "A"), ("ب.", "B old"), ("ج.", "C mine"), ("د.", "D")]);
        copy[3].notes = vec!["bundled note".into(), "my note".into()];
        let mut overlay = Overlay::default();
        assert_eq!(overlay.absorb(&copy, &bundled), 3);
        let summary: Vec<_> = overlay
            .entries
            .iter()
            .map(|e| (e.index + 1, e.en.as_deref(), e.notes.as_ref().map(Vec::len)))
            .collect();
        assert_eq!(
            summary,
            [
                (2, Some("B old"), None),
                (3, Some("C mine"), None),
                (4, None, Some(2))
            ]
        );
        // Twice changes nothing (a migration cut short is run again).
        assert_eq!(overlay.absorb(&copy, &bundled), 0);
        assert_eq!(overlay.entries.len(), 3);
        // An entry already there for a sentence wins over the copy.
        let mut mine = Overlay::default();
        mine.set(&bundled, 2, &SentenceEdit::new("C newer", vec![]));
        assert_eq!(mine.absorb(&copy, &bundled), 2);
        assert_eq!(mine.entries[1].en.as_deref(), Some("C newer"));
    }

    fn rain() -> ReadingId {
        ReadingId {
            vocalised: "قَطْر".into(),
            lemma: "قَطْر".into(),
            pos: "noun".into(),
            gloss: "rain".into(),
        }
    }

    #[test]
    fn a_chosen_reading_is_written_read_back_applied_and_taken_back() {
        let base = sentences(&[("زار قطر أمس.", "He visited Qatar yesterday.")]);
        let mut overlay = Overlay::default();
        overlay.set(&base, 0, &SentenceEdit::reading(1, "قطر", Some(rain())));
        let text = overlay.to_toml();
        assert!(
            text.contains(
                "[[sentence.reading]]\nword = 2\ntext = \"قطر\"\nvocalised = \"قَطْر\"\nlemma = \"قَطْر\"\npos = \"noun\"\ngloss = \"rain\"\n"
            ),
            "{text}"
        );
        let again = parse(&text).unwrap();
        assert_eq!(
            again,
            Overlay {
                entries: vec![OverlayEntry {
                    line: 5,
                    ..overlay.entries[0].clone()
                }]
            }
        );
        let mut read = article(&[("زار قطر أمس.", "He visited Qatar yesterday.")]);
        assert!(again.apply(&mut read, Path::new("o.toml")).is_empty());
        assert_eq!(read.sentences[0].readings.get(&1), Some(&rain()));
        // The translation is untouched; a translation edit keeps the reading.
        assert_eq!(read.sentences[0].en, "He visited Qatar yesterday.");
        overlay.set(&base, 0, &SentenceEdit::new("Visited.", vec![]));
        assert_eq!(overlay.entries[0].readings.len(), 1);
        // A reading for a word that is not that text is not applied.
        let mut moved = article(&[("قطر زار أمس.", "")]);
        again.apply(&mut moved, Path::new("o.toml"));
        assert!(moved.sentences[0].readings.is_empty());
        // Taken back, with nothing else changed the entry goes.
        overlay.set(
            &base,
            0,
            &SentenceEdit::new("He visited Qatar yesterday.", vec![]),
        );
        overlay.set(&base, 0, &SentenceEdit::reading(1, "قطر", None));
        assert!(overlay.is_empty(), "{overlay:?}");
    }

    #[test]
    fn a_draft_is_marked_machine_until_the_learner_saves_it_as_theirs() {
        let base = sentences(&[("أ.", ""), ("ب.", "B")]);
        let mut overlay = Overlay::default();
        let draft = SentenceEdit {
            en: Some("A draft.".into()),
            drafted_by: Some("trans".into()),
            ..SentenceEdit::default()
        };
        overlay.set(&base, 0, &draft);
        let text = overlay.to_toml();
        assert!(
            text.contains(
                "en = \"A draft.\"\nen_source = \"machine\"\nen_translator = \"trans\"\n"
            ),
            "{text}"
        );
        let mut read = article(&[("أ.", ""), ("ب.", "B")]);
        parse(&text).unwrap().apply(&mut read, Path::new("o.toml"));
        assert_eq!(read.sentences[0].en_source.as_deref(), Some(MACHINE));
        assert_eq!(read.sentences[0].en_translator.as_deref(), Some("trans"));
        assert_eq!(read.sentences[1].en_source, None);
        // `E` saves it as the learner's: the marks go.
        overlay.set(&base, 0, &SentenceEdit::new("A draft.", vec![]));
        assert_eq!(overlay.entries[0].en_source, None);
        assert_eq!(overlay.entries[0].en_translator, None);
        assert!(!overlay.to_toml().contains("en_source"));
        // Only "machine", and only with an en.
        assert_eq!(
            error("[[sentence]]\nnumber = 1\nar = \"أ.\"\nen = \"x\"\nen_source = \"human\"\n"),
            "overlays/a.toml:5:13: expected `en_source = \"machine\"` (a translator's draft) or no en_source (your own)"
        );
        assert_eq!(
            error("[[sentence]]\nnumber = 1\nar = \"أ.\"\nen_source = \"machine\"\n"),
            "overlays/a.toml:4:13: an en_source without an en"
        );
    }

    #[test]
    fn a_bad_reading_in_the_file_is_refused_with_its_place() {
        let entry = "[[sentence]]\nnumber = 1\nar = \"زار قطر.\"\n[[sentence.reading]]\n";
        let fields = "text = \"قطر\"\nvocalised = \"قَطْر\"\nlemma = \"قَطْر\"\npos = \"noun\"\n";
        assert_eq!(
            error(&format!("{entry}word = 0\n{fields}gloss = \"rain\"\n")),
            "overlays/a.toml:5:8: expected the word's number in the sentence, 1 or more (the first word is 1)"
        );
        assert_eq!(
            error(&format!("{entry}word = 2\n{fields}\n")),
            "overlays/a.toml:4:1: missing field `gloss`"
        );
        let long = "x".repeat(MAX_READING_FIELD_CHARS + 1);
        assert_eq!(
            error(&format!("{entry}word = 2\n{fields}gloss = \"{long}\"\n")),
            "overlays/a.toml:10:9: 501 characters, over the limit of 500 for a field of a reading"
        );
        let twice = format!(
            "{entry}word = 2\n{fields}gloss = \"rain\"\n[[sentence.reading]]\nword = 2\n{fields}gloss = \"rain\"\n"
        );
        assert_eq!(
            error(&twice),
            "overlays/a.toml:12:8: a second reading for word 2 of this sentence"
        );
        // Refused before anything is written, too.
        let mut bad = rain();
        bad.gloss = "a\u{1b}[2J".into();
        assert_eq!(
            SentenceEdit::reading(1, "قطر", Some(bad))
                .problem()
                .unwrap()
                .to_string(),
            "the text holds a control character (U+001B)"
        );
        let mut long_gloss = rain();
        long_gloss.gloss = long;
        assert!(
            SentenceEdit::reading(1, "قطر", Some(long_gloss))
                .problem()
                .is_some()
        );
    }

    #[test]
    fn edits_over_the_limit_or_with_control_characters_are_refused() {
        let ok = SentenceEdit::new("x".repeat(MAX_TRANSLATION_CHARS), vec!["n".into()]);
        assert_eq!(ok.problem(), None);
        let long = SentenceEdit::new("x".repeat(MAX_TRANSLATION_CHARS + 1), vec![]);
        assert_eq!(
            long.problem().unwrap().to_string(),
            "the translation is 4,001 characters long, over the limit of 4,000"
        );
        let escape = SentenceEdit::new("ok", vec!["a\u{1b}[2J".into()]);
        assert_eq!(
            escape.problem().unwrap().to_string(),
            "the text holds a control character (U+001B)"
        );
    }
}
