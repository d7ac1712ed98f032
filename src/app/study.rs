//! The glossary side of the app: entries found in the current sentence,
//! the entry form, deleting with confirmation, and search. These are the
//! methods of [`App`] that `App::update` calls for glossary actions.

use std::ops::Range;
use std::path::PathBuf;

use crate::arabic::{fold_marks, normalize};
use crate::article::{Article, Origin};
use crate::glossary::{
    Context, Entry, Glossary, GlossaryError, Match, Saved, SentenceMatch, Status, entry_for,
};

use super::form::{Field, Form, FormKind, MAX_TRANSLATION_CHARS};
use super::{
    App, Effect, EntryChange, EntrySaved, Focus, Notice, Overlay, PaneItem, SentenceChange,
    SentenceEdit, Unsaved,
};

impl App {
    /// Recomputes the current sentence's glossary matches when the sentence
    /// or the glossary changed.
    pub(super) fn refresh_matches(&mut self) {
        if self.matched_sentence == Some(self.sentence) {
            return;
        }
        let sentence = &self.article.sentences[self.sentence];
        let words: Vec<&str> = sentence
            .words
            .iter()
            .map(|r| &sentence.ar[r.clone()])
            .collect();
        self.matches = self.glossary.match_sentence(&words);
        self.matched_sentence = Some(self.sentence);
    }

    /// The glossary as it is on disk after a change.
    pub(super) fn replace_glossary(&mut self, mut glossary: Glossary) {
        if let Some(analyser) = &self.analyser {
            glossary.set_analyser(analyser.clone());
        }
        self.glossary = glossary;
        self.matched_sentence = None;
        self.refresh_matches();
        self.glossary_changed();
    }

    /// A change to the learner's glossary came back from the worker: say
    /// how it went, close the form it came from if it was saved, and show
    /// the glossary as it is on disk now.
    pub(super) fn entry_saved(&mut self, saved: EntrySaved) {
        let EntrySaved {
            change,
            result,
            file,
            glossary,
            before,
        } = saved;
        let form_waiting = matches!(&self.overlay, Some(Overlay::Form(form)) if form.saving);
        match (&change, result) {
            (EntryChange::Add(entry) | EntryChange::Edit { entry, .. }, Ok(saved)) => {
                self.message = Some(Notice::EntrySaved {
                    headword: entry.headword.clone(),
                    added: saved == Saved::Added,
                    file,
                });
                if form_waiting {
                    self.overlay = None;
                }
            }
            (EntryChange::Add(_) | EntryChange::Edit { .. }, Err(error)) => {
                match &mut self.overlay {
                    Some(Overlay::Form(form)) if form.saving => {
                        form.saving = false;
                        form.error = Some(Notice::Said(error.to_string()));
                    }
                    _ => self.message = Some(Notice::Said(error.to_string())),
                }
            }
            (EntryChange::SetStatus { headword, status }, Ok(_)) => {
                self.undo = before.map(|before| EntryChange::UndoStatus {
                    headword: headword.clone(),
                    before,
                });
                self.message = Some(Notice::StatusSet {
                    headword: headword.clone(),
                    gloss: own_gloss(&glossary, headword),
                    status: *status,
                    source: None,
                });
            }
            (
                EntryChange::AddWithStatus {
                    entry,
                    status,
                    source,
                },
                Ok(saved),
            ) => {
                self.undo = before.map(|before| EntryChange::UndoStatus {
                    headword: entry.headword.clone(),
                    before,
                });
                self.message = Some(Notice::StatusSet {
                    headword: entry.headword.clone(),
                    gloss: own_gloss(&glossary, &entry.headword),
                    status: *status,
                    source: (saved == Saved::Added).then(|| source.clone()),
                });
            }
            (EntryChange::UndoStatus { headword, before }, Ok(_)) => {
                self.message = Some(Notice::StatusUndone {
                    headword: headword.clone(),
                    before: *before,
                });
            }
            (EntryChange::Remove { headword }, Ok(_)) => {
                // Nothing of a deleted entry is left to undo.
                if matches!(&self.undo, Some(EntryChange::UndoStatus { headword: h, .. }) if normalize(h) == normalize(headword))
                {
                    self.undo = None;
                }
                self.message = Some(Notice::Deleted {
                    headword: headword.clone(),
                });
            }
            (EntryChange::Grade { .. }, Ok(_)) => {
                if let Some(Overlay::Review(session)) = &mut self.overlay {
                    session.graded += 1;
                }
            }
            (_, Err(GlossaryError::NotFound(headword, _))) => {
                self.message = Some(Notice::DeletedMeanwhile { headword });
            }
            (_, Err(error)) => self.message = Some(Notice::Said(error.to_string())),
        }
        self.replace_glossary(glossary);
        self.summarise_review();
    }

    /// `1`–`5`, `W`, `I`: the status of the learner's entry for the word or
    /// term under the cursor, made from the bundled entry or the first
    /// dictionary sense when they have none. `I` and `W` need no gloss (a
    /// name, a typo): nothing is invented for them.
    pub(super) fn set_status(&mut self, status: Status) {
        if !self.saves {
            self.message = Some(Notice::NoLibrary(Unsaved::Statuses));
            return;
        }
        let matches = self.cursor_matches();
        let own = matches
            .iter()
            .find(|m| !self.glossary.source_of(m.entry).bundled);
        let change = if let Some(own) = own {
            if self.glossary.entries[own.entry].senses.is_empty() && !status.needs_no_gloss() {
                self.message = Some(Notice::NoGlossForStatus);
                return;
            }
            // The status is set on the entry as it is on disk then: another
            // qari may have changed it (or deleted it) since it was read.
            EntryChange::SetStatus {
                headword: self.glossary.entries[own.entry].headword.clone(),
                status,
            }
        } else {
            let mut entry;
            let source;
            if let Some(bundled) = matches.first() {
                entry = self.glossary.entries[bundled.entry].clone();
                entry.forms.clear();
                entry.notes.clear();
                source = "the bundled glossary".to_owned();
            } else if let Some(from_reading) = (self.cursor_span().len() == 1)
                .then(|| self.entry_from_first_reading(&self.cursor_text()))
                .flatten()
                .filter(|e| !e.senses.is_empty())
            {
                entry = from_reading;
                source = "the analyser".to_owned();
            } else if let Some(found) = self.dictionary_matches().first() {
                let text = self.cursor_text();
                let gloss = if found.reverse {
                    found.headword.clone()
                } else {
                    found.senses.first().cloned().unwrap_or_default()
                };
                entry = Entry::new(&self.glossary.analyser().headword(&text), &gloss);
                source = found.dictionary.clone();
            } else if status.needs_no_gloss() {
                entry = Entry {
                    headword: self.glossary.analyser().headword(&self.cursor_text()),
                    ..Entry::default()
                };
                source = String::new();
            } else {
                self.message = Some(Notice::NoGlossForStatus);
                return;
            }
            entry.status = Some(status);
            entry.context = Some(Context {
                article: self.article.id.clone(),
                sentence: self.sentence + 1,
            });
            EntryChange::AddWithStatus {
                entry,
                status,
                source,
            }
        };
        // Until this change is saved, `u` has nothing it could undo.
        self.undo = None;
        self.effects.push(Effect::SaveEntry(Box::new(change)));
    }

    /// `u`: the last status change undone, as a change to the file as it
    /// is on disk now (the status put back, or the entry the key created
    /// removed): never a copy written back over what changed meanwhile.
    pub(super) fn undo_status(&mut self) {
        match self.undo.take() {
            Some(change) => self.effects.push(Effect::SaveEntry(Box::new(change))),
            None => self.message = Some(Notice::NothingToUndo),
        }
    }

    /// The match covering word `word` of the current sentence.
    pub fn match_at(&self, word: usize) -> Option<&SentenceMatch> {
        self.matches
            .iter()
            .find(|m| (m.first..m.first + m.len).contains(&word))
    }

    /// The words the cursor covers: the selection being made with `v`, a
    /// multi-word term as one unit, or the word.
    pub fn cursor_span(&self) -> Range<usize> {
        if let Some(anchor) = self.selection {
            return anchor.min(self.word)..anchor.max(self.word) + 1;
        }
        match self.match_at(self.word) {
            Some(found) => found.first..found.first + found.len,
            None => self.word..self.word + 1,
        }
    }

    /// Entries for the word under the cursor: the multi-word term it is part
    /// of first, then the word's own entries.
    pub fn cursor_matches(&self) -> Vec<Match> {
        let mut found: Vec<Match> = self
            .match_at(self.word)
            .map(|m| m.matches.clone())
            .unwrap_or_default();
        if self.match_at(self.word).is_some_and(|m| m.len > 1)
            && let Some(word) = self.current().word(self.word)
        {
            for own in self.glossary.lookup(word) {
                if found.iter().all(|f| f.entry != own.entry) {
                    found.push(own);
                }
            }
        }
        found
    }

    /// The entries of the whole sentence, each once, in reading order: what
    /// the glossary pane lists (the cursor's first).
    pub fn pane_entries(&self) -> Vec<usize> {
        self.pane_entries_after(&self.cursor_matches())
    }

    /// [`App::pane_entries`] when the cursor's matches are already known
    /// (the pane computes them once per frame).
    pub fn pane_entries_after(&self, cursor: &[Match]) -> Vec<usize> {
        let mut entries: Vec<usize> = cursor.iter().map(|m| m.entry).collect();
        for found in &self.matches {
            for m in &found.matches {
                if !entries.contains(&m.entry) {
                    entries.push(m.entry);
                }
            }
        }
        entries
    }

    /// The entry `e` and `d` act on: the selected one in the glossary pane,
    /// else the first for the cursor word.
    pub fn target_entry(&self) -> Option<usize> {
        match self.focus {
            Focus::Glossary => match self.pane_items().get(self.pane.selected()) {
                Some(super::PaneItem::Entry(entry)) => Some(*entry),
                _ => None,
            },
            Focus::Reader => self.cursor_matches().first().map(|m| m.entry),
        }
    }

    /// The text of the cursor's words (the selection, or a term).
    fn cursor_text(&self) -> String {
        let sentence = self.current();
        let span = self.cursor_span();
        match (
            sentence.words.get(span.start),
            sentence.words.get(span.end - 1),
        ) {
            (Some(first), Some(last)) => fold_marks(&sentence.ar[first.start..last.end]),
            _ => String::new(),
        }
    }

    /// A new entry for `text` (the cursor's single word) from the lexicon's
    /// first reading of it in context: the lemma as headword, its root,
    /// pattern, part of speech and transliteration, the stem's first gloss,
    /// and the word as it stood among the forms. `None` when the lexicon
    /// does not know the word (or is not loaded).
    fn entry_from_first_reading(&self, text: &str) -> Option<Entry> {
        let reading = self.cursor_readings().into_iter().next()?;
        let headword = reading
            .lemma
            .clone()
            .unwrap_or_else(|| reading.stem.clone());
        let gloss = reading
            .segments
            .iter()
            .find(|s| s.kind == crate::arabic::SegmentKind::Stem)
            .and_then(|s| s.gloss.split(';').next())
            .map(|g| g.trim().to_owned())
            .unwrap_or_default();
        let mut entry = Entry::new(&headword, &gloss);
        entry.senses.retain(|s| !s.is_empty());
        entry.root = reading.root.clone().unwrap_or_default();
        entry.pattern = reading.pattern.clone().unwrap_or_default();
        entry.pos = reading.pos.clone().unwrap_or_default();
        entry.translit = crate::arabic::transliterate(&headword);
        let as_written = crate::arabic::fold_marks(text);
        if as_written != crate::arabic::fold_marks(&headword) {
            entry.forms = vec![as_written];
        }
        Some(entry)
    }

    /// `a`: the form for a new entry, its headword the cursor's word with
    /// clitics taken off, its gloss the glossary's first for it, else the
    /// first dictionary's.
    pub(super) fn open_add_form(&mut self) {
        let text = self.cursor_text();
        if text.is_empty() {
            return;
        }
        let multi = self.cursor_span().len() > 1;
        // A single word the lexicon knows starts from its first reading in
        // context.
        let from_reading = if multi {
            None
        } else {
            self.entry_from_first_reading(&text)
        };
        let stem_gloss = from_reading
            .as_ref()
            .and_then(|e| e.senses.first().cloned());
        let mut base = match from_reading {
            Some(entry) => entry,
            None if multi => Entry::new(&text, ""),
            None => Entry::new(&self.glossary.analyser().headword(&text), ""),
        };
        base.senses.clear();
        if let Some(first) = self.cursor_matches().first() {
            base.senses = vec![self.glossary.entries[first.entry].gloss().to_owned()];
        } else if let Some(gloss) = stem_gloss {
            base.senses = vec![gloss];
        } else if let Some(found) = self.dictionary_matches().first() {
            // A reverse match's "sense" is Arabic; its headword is the gloss.
            let gloss = if found.reverse {
                Some(&found.headword)
            } else {
                found.senses.first()
            };
            base.senses = gloss.cloned().into_iter().collect();
        }
        base.context = Some(Context {
            article: self.article.id.clone(),
            sentence: self.sentence + 1,
        });
        self.selection = None;
        self.overlay = Some(Overlay::Form(Box::new(Form::new(FormKind::Add, base))));
    }

    /// `e`: the form on the target entry.
    pub(super) fn open_edit_form(&mut self) {
        let Some(index) = self.target_entry() else {
            self.message = Some(Notice::NoEntryToEdit);
            return;
        };
        let entry = self.glossary.entries[index].clone();
        let kind = FormKind::Edit {
            headword: entry.headword.clone(),
        };
        self.overlay = Some(Overlay::Form(Box::new(Form::new(kind, entry))));
    }

    /// `E`: the form for this sentence's translation and notes.
    pub(super) fn open_sentence_form(&mut self) {
        let sentence = self.current();
        let draft = sentence.en_source.is_some();
        let form = Form::sentence(self.sentence, &sentence.en, &sentence.notes, draft);
        self.overlay = Some(Overlay::Form(Box::new(form)));
    }

    /// Checks the sentence form and asks for what the learner changed in it
    /// to be saved (a field left as it opened is not written back over what
    /// another reader saved meanwhile; an untouched draft is made theirs
    /// only if it is still the translation).
    fn save_sentence(&mut self, index: usize, translation: String, notes: Vec<String>) {
        let refused = if translation.chars().count() > MAX_TRANSLATION_CHARS {
            Some(Notice::TranslationTooLong {
                limit: MAX_TRANSLATION_CHARS,
            })
        } else if let Some(c) = translation
            .chars()
            .chain(notes.iter().flat_map(|n| n.chars()))
            .find(|c| c.is_control())
        {
            Some(Notice::ControlCharacter(c))
        } else {
            self.sentence_unsaved()
        };
        let Some(Overlay::Form(form)) = &mut self.overlay else {
            return;
        };
        if let Some(error) = refused {
            form.error = Some(error);
            return;
        }
        let Some(ar) = self.article.sentences.get(index).map(|s| s.ar.clone()) else {
            return;
        };
        let FormKind::Sentence { opened, draft, .. } = &form.kind else {
            return;
        };
        let (opened_translation, opened_notes) = opened.as_ref();
        let (translation, translation_was) = if translation != *opened_translation {
            (Some(translation), None)
        } else if *draft {
            (Some(translation.clone()), Some(translation))
        } else {
            (None, None)
        };
        let notes = (notes != *opened_notes).then_some(notes);
        form.saving = true;
        let change = SentenceChange::Text {
            translation,
            notes,
            translation_was,
        };
        self.save_sentence_change(index, ar, change);
    }

    /// Why a change to a sentence cannot be saved, when it is known before
    /// asking: a bundled article with no library to keep the change in.
    pub(super) fn sentence_unsaved(&self) -> Option<Notice> {
        (!self.saves && self.article.origin == Origin::Bundled)
            .then_some(Notice::NoLibrary(Unsaved::Article))
    }

    /// Asks for `change` to sentence `index` (whose text is `ar`) to be
    /// saved in the article's overlay.
    pub(super) fn save_sentence_change(
        &mut self,
        index: usize,
        ar: String,
        change: SentenceChange,
    ) {
        self.effects.push(Effect::SaveSentence(SentenceEdit {
            article: self.article.id.clone(),
            origin: self.article.origin.clone(),
            index,
            ar,
            change,
        }));
    }

    /// `saved`, the article as a save left it on disk, as the reader's
    /// article; when its text changed on disk elsewhere, only sentences
    /// `changed` are taken from it, so the reader's view stays the one it
    /// laid out.
    pub(super) fn take_saved_article(&mut self, saved: Article, changed: &[usize]) {
        let same_text = saved.sentences.len() == self.article.sentences.len()
            && (saved.sentences.iter())
                .zip(&self.article.sentences)
                .all(|(a, b)| a.ar == b.ar);
        if same_text {
            self.article = saved;
            return;
        }
        for &index in changed {
            if let (Some(mine), Some(theirs)) = (
                self.article.sentences.get_mut(index),
                saved.sentences.get(index),
            ) && mine.ar == theirs.ar
            {
                mine.en.clone_from(&theirs.en);
                mine.en_source.clone_from(&theirs.en_source);
                mine.en_translator.clone_from(&theirs.en_translator);
                mine.notes.clone_from(&theirs.notes);
                mine.readings.clone_from(&theirs.readings);
            }
        }
    }

    /// The article as another program changed it on disk: its
    /// translations, notes and readings shown (a changed text only where
    /// the sentence's text is the same, so the layout stays the reader's).
    pub(super) fn article_on_disk(&mut self, article: Article) {
        if article.id != self.article.id {
            return;
        }
        let changed_readings: Vec<usize> = (self.article.sentences.iter())
            .zip(&article.sentences)
            .enumerate()
            .filter(|(_, (mine, theirs))| mine.readings != theirs.readings)
            .map(|(index, _)| index)
            .collect();
        let every: Vec<usize> = (0..self.article.sentences.len()).collect();
        self.take_saved_article(article, &every);
        for index in changed_readings {
            self.sentence_readings_changed(index);
        }
    }

    /// A change to a sentence (the form's, or a reading chosen) came back
    /// from the worker.
    pub(super) fn sentence_saved(
        &mut self,
        index: usize,
        change: SentenceChange,
        result: Result<(Box<Article>, PathBuf), String>,
    ) {
        let is_reading = matches!(change, SentenceChange::Reading { .. });
        let form_waiting =
            !is_reading && matches!(&self.overlay, Some(Overlay::Form(form)) if form.saving);
        match result {
            Ok((saved, path)) => {
                self.message = Some(match change {
                    SentenceChange::Text { .. } => Notice::SentenceSaved { file: path },
                    SentenceChange::Reading { text, chosen, .. } => Notice::ReadingChosen {
                        word: text,
                        chosen,
                        file: path,
                    },
                });
                self.take_saved_article(*saved, &[index]);
                // Its glosses and vowels follow the readings chosen now.
                self.sentence_readings_changed(index);
                if is_reading && index == self.sentence {
                    // The selection stays on the reading chosen, now first.
                    let items = self.pane_items();
                    let first = items.iter().position(|i| *i == PaneItem::Reading(0));
                    self.pane.select(first.unwrap_or(0));
                }
                if form_waiting {
                    self.overlay = None;
                }
            }
            Err(error) => match &mut self.overlay {
                Some(Overlay::Form(form)) if form_waiting => {
                    form.saving = false;
                    form.error = Some(Notice::Said(error));
                }
                _ => self.message = Some(Notice::Said(error)),
            },
        }
    }

    /// `Enter` in the form: check it and ask for it to be saved, or say why
    /// not. The form stays open until the save comes back.
    pub(super) fn save_form(&mut self) {
        let Some(Overlay::Form(form)) = &mut self.overlay else {
            return;
        };
        if form.saving {
            return;
        }
        if let FormKind::Sentence { index, .. } = form.kind {
            let (translation, notes) = form.sentence_fields();
            self.save_sentence(index, translation, notes);
            return;
        }
        if !self.saves {
            form.error = Some(Notice::NoLibrary(Unsaved::Entries));
            return;
        }
        let entry = form.entry();
        // Checked here too, so a bad field is said at once.
        if let Err(error) = entry.clone().validate() {
            form.error = Some(Notice::Said(error.to_string()));
            return;
        }
        let change = match &form.kind {
            FormKind::Add => EntryChange::Add(entry),
            FormKind::Sentence { .. } => return,
            FormKind::Edit { headword } => {
                let in_user_file = self
                    .glossary
                    .lookup(headword)
                    .iter()
                    .any(|m| !self.glossary.source_of(m.entry).bundled);
                if in_user_file {
                    EntryChange::Edit {
                        headword: headword.clone(),
                        entry,
                    }
                } else {
                    EntryChange::Add(entry)
                }
            }
        };
        form.saving = true;
        self.effects.push(Effect::SaveEntry(Box::new(change)));
    }

    /// `d`: ask before deleting the target entry (the learner's only).
    pub(super) fn ask_delete(&mut self) {
        let Some(index) = self.target_entry() else {
            self.message = Some(Notice::NoEntryToDelete);
            return;
        };
        if self.glossary.source_of(index).bundled {
            self.message = Some(Notice::BundledEntry {
                headword: self.glossary.entries[index].headword.clone(),
            });
            return;
        }
        self.overlay = Some(Overlay::ConfirmDelete(
            self.glossary.entries[index].headword.clone(),
        ));
    }

    pub(super) fn confirm_delete(&mut self) {
        let Some(Overlay::ConfirmDelete(headword)) = self.overlay.take() else {
            return;
        };
        if self.saves {
            let change = EntryChange::Remove { headword };
            self.effects.push(Effect::SaveEntry(Box::new(change)));
        }
    }

    /// `/`: the search prompt.
    pub(super) fn open_search(&mut self) {
        self.overlay = Some(Overlay::Search(Field::new("Search", "")));
    }

    /// `Enter` in the search prompt: the hits go to the glossary pane.
    pub(super) fn run_search(&mut self) {
        let Some(Overlay::Search(field)) = self.overlay.take() else {
            return;
        };
        let hits = self.glossary.search(&field.text);
        // The dictionaries too: an Arabic word's entries, or an English
        // word's through the English → Arabic ones.
        self.search_dictionary = self
            .dictionaries_ready()
            .map(|d| d.lookup(&field.text))
            .unwrap_or_default();
        self.search_dictionary
            .truncate(super::glossary_pane::MAX_DICTIONARY_RESULTS);
        self.message = Some(Notice::SearchHits {
            query: field.text.clone(),
            hits: hits.len(),
        });
        self.search_results = Some((field.text, hits));
        self.pane.select_first();
        if self.screen.glossary.is_some() {
            self.focus = Focus::Glossary;
        }
    }
}

/// The first gloss of the learner's entry `headword` as saved (empty when it
/// has none): what a status key's message names.
fn own_gloss(glossary: &Glossary, headword: &str) -> String {
    let own = glossary
        .entries
        .iter()
        .enumerate()
        .filter(|(index, _)| !glossary.source_of(*index).bundled)
        .map(|(index, entry)| (index, entry.headword.as_str()));
    entry_for(own, headword)
        .map(|index| glossary.entries[index].gloss().to_owned())
        .unwrap_or_default()
}
