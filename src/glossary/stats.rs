//! How much of a text the learner knows: word tokens and distinct words
//! counted as unknown (no entry of theirs), learning (status 1–4) and known
//! (status 5 or well known). Ignored words (and numerals) are left out of
//! the shares.

use std::collections::HashMap;

use super::Glossary;
use super::entry::Status;
use crate::arabic::normalize;

/// Counts of words by what the learner knows of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub unknown: usize,
    pub learning: usize,
    pub known: usize,
    pub ignored: usize,
}

impl Counts {
    fn add(&mut self, status: Option<Status>) {
        match status {
            None => self.unknown += 1,
            Some(Status::Level(5) | Status::WellKnown) => self.known += 1,
            Some(Status::Level(_)) => self.learning += 1,
            Some(Status::Ignored) => self.ignored += 1,
        }
    }

    /// The words that count: all but the ignored ones.
    pub fn counted(&self) -> usize {
        self.unknown + self.learning + self.known
    }

    /// `part` as a whole percentage of the counted words.
    pub fn percent(&self, part: usize) -> usize {
        match self.counted() {
            0 => 0,
            all => (part * 100 + all / 2) / all,
        }
    }
}

/// Word tokens and distinct words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub tokens: Counts,
    pub distinct: Counts,
}

/// The stats of a text given as its sentences' words.
pub fn knowledge_stats<'a>(
    glossary: &Glossary,
    sentences: impl Iterator<Item = Vec<&'a str>>,
) -> Stats {
    let mut stats = Stats::default();
    let mut seen: HashMap<String, Option<Status>> = HashMap::new();
    for words in sentences {
        for (word, status) in words.iter().zip(glossary.knowledge(&words)) {
            stats.tokens.add(status);
            seen.entry(normalize(word)).or_insert(status);
        }
    }
    for status in seen.into_values() {
        stats.distinct.add(status);
    }
    stats
}
