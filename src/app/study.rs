//! The glossary side of the app: entries found in the current sentence,
//! the entry form, deleting with confirmation, and search. These are the
//! methods of [`App`] that `App::update` calls for glossary actions.

use std::ops::Range;

use std::path::{Path, PathBuf};

use crate::article::{Library, SentenceEdit, fold_marks};
use crate::glossary::{
    Context, Entry, Glossary, GlossaryError, Match, Saved, SentenceMatch, Status,
};

use super::form::{Field, Form, FormKind};
use super::{App, Focus, Overlay};

/// Said when a status is set on a word nothing glosses.
const NO_GLOSS_FOR_STATUS: &str = "No gloss known for this word: a adds it with your own";

/// The message after setting a status.
/// Said when the entry a key would change was deleted by another qari
/// since it was read: it stays deleted.
pub(super) fn deleted_meanwhile(headword: &str) -> String {
    format!(
        "{headword} was deleted from your glossary meanwhile (by another qari); nothing changed"
    )
}

fn status_set(headword: &str, status: Status, created_from: Option<&str>) -> String {
    let code = status.code();
    match created_from {
        Some(source) => {
            format!("Added {headword} to your glossary (gloss from {source}) with status {code}")
        }
        None => format!("{headword}: status {code}"),
    }
}

/// Proclitics taken off a new headword (longest first), and pronoun
/// suffixes, when at least three letters are left.
const PROCLITICS: &[&str] = &[
    "وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "و", "ف",
];
const ENCLITICS: &[&str] = &["هما", "هم", "هن", "ها", "كم", "نا"];

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

    /// The glossary changed on disk: read it again.
    pub(super) fn reload_glossary(&mut self) {
        let dir = self.user_glossary.as_ref().map(|u| u.dir.clone());
        self.glossary = Glossary::load(dir.as_deref());
        self.matched_sentence = None;
        self.refresh_matches();
        self.glossary_changed();
    }

    /// `1`–`5`, `W`, `I`: the status of the learner's entry for the word or
    /// term under the cursor, made from the bundled entry or the first
    /// dictionary sense when they have none.
    pub(super) fn set_status(&mut self, status: Status) {
        let Some(user) = self.user_glossary.clone() else {
            self.message = Some("No library folder: statuses cannot be saved".into());
            return;
        };
        let matches = self.cursor_matches();
        let own = matches
            .iter()
            .find(|m| !self.glossary.source_of(m.entry).bundled);
        let (entry, created_from, result) = if let Some(own) = own {
            // The status is set on the entry as it is on disk now: another
            // qari may have changed it (or deleted it) since it was read.
            let entry = self.glossary.entries[own.entry].clone();
            let result = user
                .update(&entry.headword, |e| e.status = Some(status))
                .map(|()| Saved::Updated);
            (entry, None, result)
        } else {
            let mut entry;
            let source;
            if let Some(bundled) = matches.first() {
                entry = self.glossary.entries[bundled.entry].clone();
                entry.forms.clear();
                entry.notes.clear();
                source = "the bundled glossary".to_owned();
            } else if let Some(found) = self.dictionary_matches().first() {
                let text = self.cursor_text();
                let gloss = if found.reverse {
                    found.headword.clone()
                } else {
                    found.senses.first().cloned().unwrap_or_default()
                };
                entry = Entry::new(&strip_clitics(&text), &gloss);
                source = found.dictionary.clone();
            } else {
                self.message = Some(NO_GLOSS_FOR_STATUS.to_owned());
                return;
            }
            entry.status = Some(status);
            entry.context = Some(Context {
                article: self.article.id.clone(),
                sentence: self.sentence + 1,
            });
            let result = user.add_or_update(entry.clone(), |e| e.status = Some(status));
            (entry, Some(source), result)
        };
        self.message = Some(match result {
            Ok(Saved::Added) => status_set(&entry.headword, status, created_from.as_deref()),
            Ok(Saved::Updated) => status_set(&entry.headword, status, None),
            Err(GlossaryError::NotFound(headword, _)) => deleted_meanwhile(&headword),
            Err(error) => error.to_string(),
        });
        self.reload_glossary();
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
            Focus::Glossary => self.pane_entries().get(self.glossary_selected).copied(),
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

    /// `a`: the form for a new entry, its headword the cursor's word with
    /// clitics taken off, its gloss the glossary's first for it, else the
    /// first dictionary's.
    pub(super) fn open_add_form(&mut self) {
        let text = self.cursor_text();
        if text.is_empty() {
            return;
        }
        let multi = self.cursor_span().len() > 1;
        let headword = if multi {
            text.clone()
        } else {
            strip_clitics(&text)
        };
        let mut base = Entry::new(&headword, "");
        base.senses.clear();
        if let Some(first) = self.cursor_matches().first() {
            base.senses = vec![self.glossary.entries[first.entry].gloss().to_owned()];
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
            self.message = Some(format!("No entry to edit here; {} adds one", "a"));
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
        let form = Form::sentence(self.sentence, &sentence.en, &sentence.notes);
        self.overlay = Some(Overlay::Form(Box::new(form)));
    }

    /// Saves the sentence form into the learner's overlay of the article
    /// (`Library::save_sentence_edit`: under the lock, over the overlay as
    /// it is on disk, atomically) and takes the article as it is now.
    fn save_sentence(
        &mut self,
        index: usize,
        translation: String,
        notes: Vec<String>,
    ) -> Result<PathBuf, String> {
        // The library is the folder holding the articles folder.
        let Some(library) = self.articles_dir.as_deref().and_then(Path::parent) else {
            return Err("No library folder: the article cannot be saved".into());
        };
        let Some(ar) = self.article.sentences.get(index).map(|s| s.ar.clone()) else {
            return Err(format!("No sentence {} in this article", index + 1));
        };
        let saved = Library::new(library)
            .save_sentence_edit(
                &self.article.id,
                &self.article.origin,
                index,
                &ar,
                SentenceEdit::new(translation, notes),
            )
            .map_err(|e| e.to_string())?;
        let same_text = saved.article.sentences.len() == self.article.sentences.len()
            && (saved.article.sentences.iter())
                .zip(&self.article.sentences)
                .all(|(a, b)| a.ar == b.ar);
        if same_text {
            self.article = saved.article;
        } else if let (Some(mine), Some(theirs)) = (
            self.article.sentences.get_mut(index),
            saved.article.sentences.get(index),
        ) {
            // The article changed on disk elsewhere: this sentence only.
            mine.en.clone_from(&theirs.en);
            mine.notes.clone_from(&theirs.notes);
        }
        Ok(saved.path)
    }

    /// `Enter` in the form: check and save at once, or say why not.
    pub(super) fn save_form(&mut self) {
        if let Some(Overlay::Form(form)) = &self.overlay
            && let FormKind::Sentence { index } = form.kind
        {
            let (translation, notes) = form.sentence_fields();
            match self.save_sentence(index, translation, notes) {
                Ok(path) => {
                    self.message = Some(format!(
                        "Saved this sentence's translation and notes in {}",
                        path.display()
                    ));
                    self.overlay = None;
                }
                Err(error) => {
                    if let Some(Overlay::Form(form)) = &mut self.overlay {
                        form.error = Some(error);
                    }
                }
            }
            return;
        }
        let Some(Overlay::Form(form)) = &mut self.overlay else {
            return;
        };
        let Some(user) = &self.user_glossary else {
            form.error = Some("No library folder: entries cannot be saved".into());
            return;
        };
        let entry = form.entry();
        let result = match &form.kind {
            FormKind::Add => user.add(entry.clone()),
            FormKind::Sentence { .. } => return,
            FormKind::Edit { headword } => {
                let in_user_file = self
                    .glossary
                    .lookup(headword)
                    .iter()
                    .any(|m| !self.glossary.source_of(m.entry).bundled);
                if in_user_file {
                    user.edit(headword, entry.clone())
                } else {
                    user.add(entry.clone())
                }
            }
        };
        match result {
            Ok(saved) => {
                let verb = match saved {
                    Saved::Added => "Added",
                    Saved::Updated => "Saved",
                };
                self.message = Some(format!(
                    "{verb} {} in {}",
                    entry.headword,
                    user.path().display()
                ));
                self.overlay = None;
                self.reload_glossary();
            }
            Err(error) => form.error = Some(error.to_string()),
        }
    }

    /// `d`: ask before deleting the target entry (the learner's only).
    pub(super) fn ask_delete(&mut self) {
        let Some(index) = self.target_entry() else {
            self.message = Some("No entry to delete here".into());
            return;
        };
        if self.glossary.source_of(index).bundled {
            self.message = Some(format!(
                "{} is a bundled entry: e edits it into your own glossary instead",
                self.glossary.entries[index].headword
            ));
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
        let Some(user) = &self.user_glossary else {
            return;
        };
        self.message = Some(match user.remove(&headword) {
            Ok(_) => format!("Deleted {headword}"),
            Err(error) => error.to_string(),
        });
        self.reload_glossary();
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
        self.message = Some(format!(
            "{} entries match {:?}; Esc returns to the sentence",
            hits.len(),
            field.text
        ));
        self.search_results = Some((field.text, hits));
        self.glossary_selected = 0;
        if self.screen.glossary.is_some() {
            self.focus = Focus::Glossary;
        }
    }
}

/// A headword guessed from a word of text: proclitics and pronoun suffixes
/// off when enough is left, a hamza back on its line (حلفاؤ → حلفاء).
pub fn strip_clitics(word: &str) -> String {
    let mut stem = word.to_owned();
    for prefix in PROCLITICS {
        if let Some(rest) = stem.strip_prefix(prefix)
            && rest.chars().count() >= 3
        {
            stem = rest.to_owned();
            break;
        }
    }
    for suffix in ENCLITICS {
        if let Some(rest) = stem.strip_suffix(suffix)
            && rest.chars().count() >= 3
        {
            stem = rest.to_owned();
            break;
        }
    }
    if let Some(rest) = stem.strip_suffix('ه')
        && rest.chars().count() >= 3
        && rest.ends_with(['ؤ', 'ئ'])
    {
        stem = rest.to_owned();
    }
    if let Some(rest) = stem.strip_suffix(['ؤ', 'ئ']) {
        stem = format!("{rest}ء");
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::strip_clitics;

    #[test]
    fn headwords_guessed_from_words_of_the_article() {
        assert_eq!(strip_clitics("وحلفاؤه"), "حلفاء");
        assert_eq!(strip_clitics("والحلفاء"), "حلفاء");
        assert_eq!(strip_clitics("للنفير"), "نفير");
        assert_eq!(strip_clitics("سيطرتها"), "سيطرت");
        assert_eq!(strip_clitics("وهي"), "وهي");
        assert_eq!(strip_clitics("معركة"), "معركة");
    }
}
