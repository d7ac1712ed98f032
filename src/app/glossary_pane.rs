//! What the glossary pane shows, computed once per change of state (not
//! per frame): the entries for the word under the cursor, the analyser's
//! readings of it, the dictionaries' senses, the sentence's other entries,
//! or the hits of a search. The widget in `ui` only draws it.
//!
//! With the focus in the pane, `j`/`k` select among the entries and the
//! readings, in the order they are shown; `e` and `d` act on the selected
//! entry, and `Enter` makes the selected reading the word's reading in this
//! sentence, kept in the article's learner overlay.

use crate::arabic::{Analysis, Numeral, ReadingId, numeral};
use crate::dict::{DictMatch, Merged, merge};
use crate::glossary::Entry;

use super::{App, Focus, Side};

/// Dictionary entries shown for one word, at most.
pub const MAX_DICTIONARY_RESULTS: usize = 6;
/// The analyser's readings shown for one word, at most.
pub const MAX_READINGS: usize = 4;

/// The pane's content.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GlossaryPane {
    /// The search being shown (query, number of hits) instead of the
    /// sentence's entries.
    pub search: Option<(String, usize)>,
    /// The cursor's word when no entry matches it, with its value if it is
    /// a numeral.
    pub unmatched: Option<(String, Option<Numeral>)>,
    /// The entries for the cursor's word or term, shown in full.
    pub cursor: Vec<ShownEntry>,
    /// The morphological analyser's readings of the cursor's word, ranked
    /// in context, the first shown in full (none for a term, a guess, or
    /// before the lexicon has loaded).
    pub readings: Vec<Analysis>,
    /// Whether the first reading is the one the learner chose here.
    pub reading_chosen: bool,
    /// Which line of the pane's selection the first reading is.
    pub readings_offset: usize,
    /// The dictionaries' senses for the cursor's word, one per Arabic
    /// headword (forward and reverse entries merged); none while they load.
    pub dictionaries: Option<Vec<Merged>>,
    /// Entries one line each: the sentence's others, or the search's hits.
    pub list: Vec<ListedEntry>,
    /// Which line of the pane's selection the list's first entry is.
    pub list_offset: usize,
    /// The selected entry's place in the pane's selection, while the pane
    /// has the focus.
    pub selected: Option<usize>,
}

/// An entry shown in full.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownEntry {
    /// How the word matched ("و + حلفاء + ه, a form of حليف").
    pub how: String,
    pub entry: Entry,
    pub bundled: bool,
}

/// An entry on one line.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedEntry {
    pub headword: String,
    pub gloss: String,
}

impl GlossaryPane {
    /// The pane for the app as it is now.
    pub(super) fn of(app: &App) -> GlossaryPane {
        let selected = (app.focus == Focus::Glossary).then_some(app.pane.selected());
        let listed = |indices: &[usize]| -> Vec<ListedEntry> {
            indices
                .iter()
                .map(|&i| {
                    let entry = &app.glossary.entries[i];
                    ListedEntry {
                        headword: entry.headword.clone(),
                        gloss: entry.gloss().to_owned(),
                    }
                })
                .collect()
        };
        if let Some((query, hits)) = &app.search_results {
            return GlossaryPane {
                search: Some((query.clone(), hits.len())),
                list: listed(hits),
                dictionaries: Some(app.search_dictionary.iter().map(english_result).collect()),
                selected,
                ..GlossaryPane::default()
            };
        }
        let matches = app.cursor_matches();
        let entries = app.pane_entries_after(&matches);
        let unmatched = matches.is_empty().then(|| {
            let word = app.current().word(app.word).unwrap_or("");
            (word.to_owned(), numeral(word))
        });
        let cursor = matches
            .iter()
            .map(|found| ShownEntry {
                how: found.how(&app.glossary),
                entry: app.glossary.entries[found.entry].clone(),
                bundled: app.glossary.source_of(found.entry).bundled,
            })
            .collect();
        let readings = app.cursor_readings();
        let reading_chosen = app.reading_chosen_among(&readings);
        // The lemma the dictionaries' headwords are ranked by: the first
        // reading's, else the entry the word matched.
        let lemma = readings.first().and_then(|r| r.lemma.clone()).or_else(|| {
            matches
                .first()
                .map(|m| app.glossary.entries[m.entry].headword.clone())
        });
        let dictionaries = app.dictionaries_ready().map(|_| {
            let mut found = merge(&app.dictionary_matches(), lemma.as_deref());
            found.truncate(MAX_DICTIONARY_RESULTS);
            found
        });
        GlossaryPane {
            search: None,
            unmatched,
            cursor,
            readings_offset: matches.len(),
            list_offset: matches.len() + readings.len(),
            readings,
            reading_chosen,
            dictionaries,
            list: listed(&entries[matches.len()..]),
            selected,
        }
    }
}

impl GlossaryPane {
    /// How many lines the pane's selection goes through (see
    /// [`App::pane_items`]).
    pub fn selectable(&self) -> usize {
        self.list_offset + self.list.len()
    }
}

/// An English word's result from an English → Arabic dictionary, as the
/// pane shows results: the Arabic, then the English.
fn english_result(found: &DictMatch) -> Merged {
    Merged {
        arabic: found.senses.join("، "),
        english: vec![found.headword.clone()],
        dictionaries: vec![found.dictionary.clone()],
        how: String::new(),
    }
}

/// Something the glossary pane's selection can be on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneItem {
    /// An entry (its index in the glossary).
    Entry(usize),
    /// One of the cursor word's readings (its place among them).
    Reading(usize),
}

impl App {
    /// What the pane's selection goes through, in the order the pane
    /// shows them: the cursor's entries, its readings, the sentence's
    /// other entries (or a search's hits).
    pub fn pane_items(&self) -> Vec<PaneItem> {
        if let Some((_, hits)) = &self.search_results {
            return hits.iter().map(|&e| PaneItem::Entry(e)).collect();
        }
        let matches = self.cursor_matches();
        let entries = self.pane_entries_after(&matches);
        let (cursor, others) = entries.split_at(matches.len());
        let readings = (0..self.cursor_readings().len()).map(PaneItem::Reading);
        (cursor.iter().map(|&e| PaneItem::Entry(e)))
            .chain(readings)
            .chain(others.iter().map(|&e| PaneItem::Entry(e)))
            .collect()
    }

    /// Whether the first of `readings` (the cursor word's) is the one
    /// the learner chose for it here.
    fn reading_chosen_among(&self, readings: &[Analysis]) -> bool {
        let chosen = self.current().readings.get(&self.word);
        // Found, it was put first.
        chosen.is_some_and(|id| id.find(readings.iter()) == Some(0))
    }

    /// `Enter` in the glossary pane: the selected reading becomes the
    /// cursor word's reading in this sentence, saved in the article's
    /// overlay; on the reading already chosen, the word goes back to the
    /// analyser's ranking.
    pub(super) fn choose_reading(&mut self) {
        let Some(PaneItem::Reading(at)) = self.pane_items().get(self.pane.selected()).copied()
        else {
            self.message = Some(super::Notice::EnterChoosesAReading);
            return;
        };
        if let Some(unsaved) = self.sentence_unsaved() {
            self.message = Some(unsaved);
            return;
        }
        let readings = self.cursor_readings();
        let Some(reading) = readings.get(at) else {
            return;
        };
        let unchoose = at == 0 && self.reading_chosen_among(&readings);
        let chosen = (!unchoose).then(|| ReadingId::of(reading));
        let sentence = self.current();
        let (Some(text), ar) = (sentence.word(self.word), sentence.ar.clone()) else {
            return;
        };
        let change = super::SentenceChange::Reading {
            word: self.word,
            text: text.to_owned(),
            chosen,
        };
        self.save_sentence_change(self.sentence, ar, change);
    }

    /// The lexicon's readings of the word under the cursor (a single
    /// word), ranked in context, best first: the one the learner chose
    /// for it here first of all.
    pub fn cursor_readings(&self) -> Vec<Analysis> {
        if self.cursor_span().len() != 1 {
            return Vec::new();
        }
        let sentence = self.current();
        if self.word >= sentence.words.len() {
            return Vec::new();
        }
        let words: Vec<&str> = sentence
            .words
            .iter()
            .map(|r| &sentence.ar[r.clone()])
            .collect();
        let readings = self
            .glossary
            .readings_at(&words, self.word, &sentence.readings);
        readings
            .iter()
            .filter(|r| !r.guess)
            .take(MAX_READINGS)
            .cloned()
            .collect()
    }
}

/// Where the glossary pane is and which of its entries is selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaneState {
    visible: bool,
    side: Side,
    /// Selected line while the pane has the focus.
    selected: usize,
}

impl PaneState {
    pub(super) fn new(visible: bool) -> PaneState {
        PaneState {
            visible,
            side: Side::Left,
            selected: 0,
        }
    }

    pub fn visible(&self) -> bool {
        self.visible
    }

    pub fn side(&self) -> Side {
        self.side
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// `p`.
    pub(super) fn toggle(&mut self) {
        self.visible = !self.visible;
    }

    /// `P`.
    pub(super) fn swap_side(&mut self) {
        self.side = match self.side {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        };
    }

    pub(super) fn down(&mut self) {
        self.selected = self.selected.saturating_add(1);
    }

    pub(super) fn up(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    /// Back to the first entry (another sentence, a new search).
    pub(super) fn select_first(&mut self) {
        self.selected = 0;
    }

    /// The selection on line `line` of the pane's selection.
    pub(super) fn select(&mut self, line: usize) {
        self.selected = line;
    }

    /// Keeps the selection on one of the pane's `count` entries.
    pub(super) fn clamp(&mut self, count: usize) {
        self.selected = self.selected.min(count.saturating_sub(1));
    }
}
