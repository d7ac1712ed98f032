//! The reverse index. A dictionary whose headwords are mostly not Arabic
//! is English → Arabic (FreeDict's eng-ara lists الحكومة under
//! "Government"): it is indexed by the Arabic words and phrases of its
//! definitions instead, so a word missing from the Arabic → English ones is
//! still glossed, marked as a reverse match.
//!
//! The index maps each normalised Arabic phrase to the distinct definitions
//! holding it, and each definition to the entries that share it, so a
//! definition shared by many entries is read once.

use std::collections::HashMap;

use super::{has_arabic_letter, normalize};

/// What separates the phrases of a definition's line: "الحكومة، الوزارة".
pub(super) const SEPARATORS: [char; 4] = [',', ';', '،', '؛'];

/// Whether a dictionary with these headwords is read in reverse: fewer
/// than half of them hold an Arabic letter.
pub(super) fn is_reverse<'a>(headwords: impl Iterator<Item = &'a str>) -> bool {
    let (mut arabic, mut all) = (0, 0);
    for headword in headwords {
        all += 1;
        arabic += usize::from(has_arabic_letter(headword));
    }
    arabic * 2 < all
}

/// The Arabic phrases of a definition's line, as written: each piece
/// between [`SEPARATORS`], trimmed, without a leading sense number ("1.").
fn arabic_phrases(line: &str) -> impl Iterator<Item = &str> {
    line.split(SEPARATORS)
        .map(|phrase| {
            phrase
                .trim()
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
                .trim()
        })
        .filter(|phrase| has_arabic_letter(phrase))
}

/// Normalised Arabic phrase → definitions → entries.
#[derive(Debug, Default)]
pub(super) struct ReverseIndex {
    /// Each phrase's definitions (numbered in the order they were added),
    /// each once.
    keys: HashMap<String, Vec<u32>>,
    /// Each definition's entries.
    entries: Vec<Vec<u32>>,
}

impl ReverseIndex {
    /// Adds the next definition (numbered as many as there are already),
    /// with its first entry, indexed by the phrases of `lines`.
    pub(super) fn add_definition<'a>(&mut self, entry: u32, lines: impl Iterator<Item = &'a str>) {
        let definition = self.entries.len() as u32;
        self.entries.push(vec![entry]);
        for line in lines {
            for phrase in arabic_phrases(line) {
                let definitions = self.keys.entry(normalize(phrase)).or_default();
                if definitions.last() != Some(&definition) {
                    definitions.push(definition);
                }
            }
        }
    }

    /// One more entry sharing definition `definition`.
    pub(super) fn add_entry(&mut self, definition: u32, entry: u32) {
        if let Some(entries) = self.entries.get_mut(definition as usize) {
            entries.push(entry);
        }
    }

    /// Every phrase indexed (normalised), in no order.
    pub(super) fn keys(&self) -> impl Iterator<Item = &str> {
        self.keys.keys().map(String::as_str)
    }

    /// The entries whose definitions hold the phrase `key` (normalised).
    pub(super) fn entries(&self, key: &str) -> impl Iterator<Item = u32> + '_ {
        self.keys
            .get(key)
            .into_iter()
            .flatten()
            .flat_map(|&definition| self.entries.get(definition as usize).into_iter().flatten())
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_of_a_definition_find_its_entries() {
        let mut index = ReverseIndex::default();
        index.add_definition(
            0,
            ["1. الحكومة، الوزارة", "government; cabinet"].into_iter(),
        );
        index.add_definition(1, ["حكومة"].into_iter());
        index.add_entry(0, 2);
        assert_eq!(
            index.entries(&normalize("الحكومة")).collect::<Vec<_>>(),
            [0, 2]
        );
        assert_eq!(index.entries("الوزاره").collect::<Vec<_>>(), [0, 2]);
        assert_eq!(index.entries("حكومه").collect::<Vec<_>>(), [1]);
        assert_eq!(index.entries("government").count(), 0);
        assert!(is_reverse(["Government", "Ally", "حليف"].into_iter()));
        assert!(!is_reverse(["Ally", "حليف"].into_iter()));
    }
}
