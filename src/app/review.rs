//! The review session (`r`, `qari review`): the learner's due entries one
//! by one, each in a sentence where it was met, the word highlighted; the
//! gloss and the sentence's translation on demand; graded Again, Hard, Good
//! or Easy and saved at once.

use std::ops::Range;

use crate::article::Article;
use chrono::{DateTime, TimeDelta, Utc};

use crate::glossary::{Entry, Glossary, Grade, is_due};

use super::{App, Effect, EntryChange, Overlay};

/// One entry to review, with the sentence to show it in.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewItem {
    pub entry: Entry,
    /// The sentence (Arabic), the byte range of the word in it, and the
    /// sentence's translation.
    pub sentence: Option<(String, Range<usize>, String)>,
}

/// The session: what is left, and whether the answer is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewSession {
    pub items: Vec<ReviewItem>,
    pub current: usize,
    pub revealed: bool,
    /// Grades saved so far.
    pub graded: usize,
    /// Cards graded Again: each comes back at the end of the session.
    pub again: usize,
    /// Once nothing is left: how long until the next card of the learner's
    /// is due (none: nothing is scheduled).
    pub next_due_in: Option<TimeDelta>,
    /// Leaving the review leaves qari (`qari review`), not back to the
    /// reader.
    pub to_shell: bool,
}

impl ReviewSession {
    pub fn item(&self) -> Option<&ReviewItem> {
        self.items.get(self.current)
    }

    /// How many cards were graded in this session (a card graded Again and
    /// then once more counts twice).
    pub fn reviewed(&self) -> usize {
        self.current.min(self.items.len())
    }
}

/// When the learner's next card is due, if any is scheduled.
fn next_due(glossary: &Glossary) -> Option<DateTime<Utc>> {
    (0..glossary.entries.len())
        .filter(|&i| glossary.is_live(i) && !glossary.source_of(i).bundled)
        .filter_map(|i| glossary.entries[i].review.as_ref())
        .filter_map(|review| DateTime::parse_from_rfc3339(&review.due).ok())
        .map(|due| due.with_timezone(&Utc))
        .min()
}

/// The learner's entries due at `now`, soonest first.
pub fn due_entries(glossary: &Glossary, now: DateTime<Utc>) -> Vec<Entry> {
    let mut due: Vec<Entry> = (0..glossary.entries.len())
        .filter(|&i| glossary.is_live(i) && !glossary.source_of(i).bundled)
        .map(|i| glossary.entries[i].clone())
        .filter(|e| is_due(e, now))
        .collect();
    due.sort_by(|a, b| {
        let key = |e: &Entry| e.review.as_ref().map(|r| r.due.clone()).unwrap_or_default();
        key(a).cmp(&key(b))
    });
    due
}

/// Where `entry` was met: its context sentence, the words that match it.
fn sentence_for(
    entry: &Entry,
    glossary: &Glossary,
    articles: &[&Article],
) -> Option<(String, Range<usize>, String)> {
    let context = entry.context.as_ref()?;
    let article = articles.iter().find(|a| a.id == context.article)?;
    let sentence = article.sentences.get(context.sentence.checked_sub(1)?)?;
    let words: Vec<&str> = sentence
        .words
        .iter()
        .map(|r| &sentence.ar[r.clone()])
        .collect();
    let found = glossary.match_sentence(&words).into_iter().find(|m| {
        m.matches
            .iter()
            .any(|x| glossary.entries[x.entry].headword == entry.headword)
    });
    let range = found
        .and_then(|m| {
            Some(sentence.words.get(m.first)?.start..sentence.words.get(m.first + m.len - 1)?.end)
        })
        .unwrap_or(0..0);
    Some((sentence.ar.clone(), range, sentence.en.clone()))
}

impl App {
    /// `r`: the session over the entries due now.
    pub(super) fn start_review(&mut self) {
        let mut articles: Vec<&Article> = self.other_articles.iter().collect();
        articles.push(&self.article);
        let items: Vec<ReviewItem> = due_entries(&self.glossary, self.clock)
            .into_iter()
            .map(|entry| {
                let sentence = sentence_for(&entry, &self.glossary, &articles);
                ReviewItem { entry, sentence }
            })
            .collect();
        self.overlay = Some(Overlay::Review(Box::new(ReviewSession {
            items,
            current: 0,
            revealed: false,
            graded: 0,
            again: 0,
            next_due_in: None,
            to_shell: self.review_only,
        })));
        self.summarise_review();
    }

    /// Once the session has nothing left: when the next card is due, from
    /// the glossary as it is on disk now.
    pub(super) fn summarise_review(&mut self) {
        if let Some(Overlay::Review(session)) = &mut self.overlay
            && session.item().is_none()
        {
            session.next_due_in = next_due(&self.glossary).map(|due| due - self.clock);
        }
    }

    /// Leaving the review (`q`, `Esc`, or `Space`/`Enter` on its summary):
    /// back to the reader, or to the shell for `qari review`.
    pub(super) fn leave_review(&mut self) {
        let to_shell = matches!(&self.overlay, Some(Overlay::Review(s)) if s.to_shell);
        self.overlay = None;
        if to_shell {
            self.stop_speaking();
            self.should_quit = true;
        }
    }

    pub(super) fn reveal(&mut self) {
        let done = match &mut self.overlay {
            Some(Overlay::Review(session)) if session.item().is_none() => true,
            Some(Overlay::Review(session)) => {
                session.revealed = true;
                false
            }
            _ => false,
        };
        if done {
            self.leave_review();
        }
    }

    /// A grade: scheduled with FSRS on the card as it is on disk (a grade
    /// given by another qari meanwhile is built on, never undone), then the
    /// next item at once; a save that fails is said when it comes back.
    pub(super) fn grade_current(&mut self, given: Grade) {
        let Some(Overlay::Review(session)) = &mut self.overlay else {
            return;
        };
        let Some(item) = session.items.get(session.current) else {
            return;
        };
        if !session.revealed {
            session.revealed = true; // the first key shows the answer
            return;
        }
        if !self.saves {
            return;
        }
        let headword = item.entry.headword.clone();
        if given == Grade::Again {
            // Forgotten: it comes back later in this session.
            let again = item.clone();
            session.items.push(again);
            session.again += 1;
        }
        session.current += 1;
        session.revealed = false;
        let change = EntryChange::Grade {
            headword,
            grade: given,
        };
        self.effects.push(Effect::SaveEntry(Box::new(change)));
    }
}
