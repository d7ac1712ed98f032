//! How much of a text the learner knows: word tokens and distinct words
//! counted as unknown (no entry of theirs), learning (status 1–4) and known
//! (status 5 or well known). Ignored words (and numerals) are left out of
//! the shares. And how much of it the glossary covers at all ([`coverage`]).

use std::collections::HashMap;

use super::Glossary;
use super::entry::Status;
use crate::arabic::{normalize, numeral};

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

/// How much of a text the glossary resolves: the word tokens that some
/// entry (bundled or the learner's) matches, alone or as part of a
/// multi-word term. Numerals are not vocabulary: counted apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Word tokens, numerals aside.
    pub tokens: usize,
    /// Those an entry matches.
    pub covered: usize,
    /// Those an entry matches or the lexicon reads (a guess of the clitic
    /// stripper's does not count).
    pub analysed: usize,
    pub numbers: usize,
    /// The words no entry matches, normalised, each once, in text order.
    pub missing: Vec<String>,
}

impl Coverage {
    /// The share of tokens with a glossed reading (an entry, or the
    /// lexicon's), in percent.
    pub fn analysed_percent(&self) -> f64 {
        if self.tokens == 0 {
            100.0
        } else {
            self.analysed as f64 * 100.0 / self.tokens as f64
        }
    }

    /// The share of tokens covered, in percent (100 for a text with none).
    pub fn percent(&self) -> f64 {
        if self.tokens == 0 {
            100.0
        } else {
            self.covered as f64 * 100.0 / self.tokens as f64
        }
    }
}

/// The coverage of a text given as its sentences' words.
pub fn coverage<'a>(
    glossary: &Glossary,
    sentences: impl Iterator<Item = Vec<&'a str>>,
) -> Coverage {
    let mut coverage = Coverage::default();
    for words in sentences {
        let mut resolved = vec![false; words.len()];
        for found in glossary.match_sentence(&words) {
            resolved[found.first..found.first + found.len].fill(true);
        }
        for (word, resolved) in words.iter().zip(resolved) {
            if numeral(word).is_some() {
                coverage.numbers += 1;
                continue;
            }
            coverage.tokens += 1;
            coverage.covered += usize::from(resolved);
            coverage.analysed +=
                usize::from(resolved || glossary.analyser().analyse(word).iter().any(|r| !r.guess));
            let key = normalize(word);
            if !resolved && !coverage.missing.contains(&key) {
                coverage.missing.push(key);
            }
        }
    }
    coverage
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::parse_glossary;

    fn glossary(toml: &str) -> Glossary {
        let file = parse_glossary(toml.as_bytes(), std::path::Path::new("t.toml"), true)
            .expect("a valid glossary");
        Glossary::from_files(vec![file])
    }

    #[test]
    fn coverage_counts_matched_tokens_terms_and_numerals_apart() {
        let glossary = glossary(
            r#"
[[entry]]
headword = "جيش"
senses = ["army"]
[[entry]]
headword = "دير الزور"
senses = ["Deir ez-Zor"]
"#,
        );
        let sentences = [
            vec!["الجيش", "في", "دير", "الزور", "3"],
            vec!["وفي", "الجيش", "١٤"],
        ];
        let found = coverage(&glossary, sentences.iter().cloned());
        assert_eq!(found.tokens, 6);
        assert_eq!(
            found.covered, 4,
            "الجيش twice and the two words of the term"
        );
        assert_eq!(found.numbers, 2);
        assert_eq!(found.missing, ["في", "وفي"]);
        assert!((found.percent() - 400.0 / 6.0).abs() < 1e-9);
        assert_eq!(coverage(&glossary, std::iter::empty()).percent(), 100.0);
    }
}
