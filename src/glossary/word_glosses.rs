//! One short English gloss per word of a sentence, for the reader's
//! interlinear row: the learner's entry for the word, else the bundled
//! glossary's, else the analyser's first reading in context (its short
//! whole-word gloss, "and its allies"). A multi-word term (وقف إطلاق النار)
//! gets one gloss spanning its words; a numeral gets its value. A reading
//! the learner chose for a word of the sentence (`Enter` in the glossary
//! pane) comes before all of these for that word, here and in its vowels.

use std::ops::Range;

use crate::arabic::{ChosenReadings, marked_letters, marks_for, normalize, numeral};

use super::{Glossary, Match, Ranked, SentenceMatch};

/// The gloss of a run of words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordGloss {
    /// The first word of the run, and how many words it spans (more than
    /// one for a multi-word term).
    pub first: usize,
    pub len: usize,
    pub text: String,
    /// The word (or term) in Latin letters, when the entry or the reading
    /// gives it.
    pub translit: Option<String>,
}

/// An entry's sense made short for a gloss row: its first sense, without
/// notes in brackets ("to announce (عن: something)" → "to announce").
fn short(sense: &str) -> String {
    let first = sense.split([';', ',']).next().unwrap_or("");
    let mut out = String::new();
    let mut depth = 0usize;
    for c in first.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Glossary {
    /// The readings of word `index` of `words` (a sentence's words in
    /// order), ranked in context, the one the learner chose there first.
    pub fn readings_at(&self, words: &[&str], index: usize, chosen: &ChosenReadings) -> Ranked {
        let previous = index.checked_sub(1).map(|i| words[i]);
        let next = words.get(index + 1).copied();
        let (mut readings, _) = self.readings_in_context(words[index], previous, next);
        if let Some(id) = chosen.get(&index) {
            readings.choose(id);
        }
        readings
    }

    /// The glosses of `words` (a sentence's words in order), one per word
    /// or term that has one, in order; `chosen` are the readings the
    /// learner chose in the sentence.
    pub fn word_glosses(&self, words: &[&str], chosen: &ChosenReadings) -> Vec<WordGloss> {
        let matches = self.match_sentence(words);
        let mut out = Vec::with_capacity(words.len());
        let mut matched = matches.iter().peekable();
        let mut index = 0;
        while index < words.len() {
            // A word's chosen reading wins over its entries (not over a
            // term's: the term is the unit then).
            let single_chosen =
                |m: &&SentenceMatch| m.first == index && m.len == 1 && chosen.contains_key(&index);
            matched.next_if(single_chosen);
            if let Some(found) = matched.next_if(|m| m.first == index) {
                let glossed = found.matches.iter().find(|m| {
                    let senses = &self.entries[m.entry].senses;
                    senses.first().is_some_and(|s| !short(s).is_empty())
                });
                if let Some(glossed) = glossed {
                    let entry = &self.entries[glossed.entry];
                    let translit =
                        if found.len > 1 || normalize(words[index]) == normalize(&entry.headword) {
                            (!entry.translit.is_empty()).then(|| entry.translit.clone())
                        } else {
                            // Another form, or with clitics: the headword's
                            // transliteration is not this word's. The reading
                            // the entry matched through says how it is read.
                            self.written_translit(words, index, found, glossed, chosen)
                        };
                    out.push(WordGloss {
                        first: index,
                        len: found.len,
                        text: short(&entry.senses[0]),
                        translit,
                    });
                    index += found.len;
                    continue;
                }
            }
            let word = words[index];
            let found = match numeral(word) {
                Some(number) => Some((
                    match number.prefix {
                        Some(clitic) => format!("{} {}", short(clitic.gloss), number.western),
                        None => number.western,
                    },
                    None,
                )),
                None => {
                    let readings = self.readings_at(words, index, chosen);
                    readings
                        .first()
                        .filter(|r| !r.guess)
                        .and_then(|r| Some((r.gloss.clone()?, r.translit.clone())))
                        .filter(|(gloss, _)| !gloss.is_empty())
                }
            };
            if let Some((text, translit)) = found {
                out.push(WordGloss {
                    first: index,
                    len: 1,
                    text,
                    translit,
                });
            }
            index += 1;
        }
        out
    }
}

impl Glossary {
    /// The transliteration of word `index` of `words` as written: that of
    /// the reading the entry of `glossed` matched through when it has one
    /// (no lookup needed), else the best ranked of its readings that one of `found`'s
    /// entries matched through, else its first reading's; none for a guess.
    fn written_translit(
        &self,
        words: &[&str],
        index: usize,
        found: &SentenceMatch,
        glossed: &Match,
        chosen: &ChosenReadings,
    ) -> Option<String> {
        let through = Some(&glossed.analysis).filter(|a| !a.guess);
        if let Some(translit) = through.and_then(|a| a.translit.clone()) {
            return Some(translit);
        }
        let readings = self.readings_at(words, index, chosen);
        let explained = readings
            .iter()
            .find(|r| found.matches.iter().any(|m| m.explains(r)));
        explained
            .or_else(|| readings.first())
            .filter(|r| !r.guess)
            .and_then(|r| r.translit.clone())
    }

    /// The vowel marks of a sentence read with the analyser: for each
    /// letter of `text` (at its byte offset) that the first reading in
    /// context of its word vowels, the marks to draw on it. `words` are the
    /// sentence's word ranges in `text`. Words with no reading, a guess, or
    /// marks of their own stay as printed; case endings the analyser does
    /// not know are not guessed. A word the learner chose a reading for
    /// (`chosen`) takes that reading's vowels.
    pub fn vowels(
        &self,
        text: &str,
        words: &[Range<usize>],
        chosen: &ChosenReadings,
    ) -> Vec<(usize, String)> {
        let texts: Vec<&str> = words.iter().map(|r| &text[r.clone()]).collect();
        let mut out = Vec::new();
        for (index, range) in words.iter().enumerate() {
            let word = texts[index];
            let readings = self.readings_at(&texts, index, chosen);
            let Some(vocalised) = readings
                .first()
                .filter(|r| !r.guess)
                .and_then(|r| r.vocalised.as_deref())
            else {
                continue;
            };
            let Some(marks) = marks_for(word, vocalised) else {
                continue;
            };
            // Each letter's byte offset in the sentence, tatweel skipped as
            // `marked_letters` skips it.
            let letters = word
                .char_indices()
                .filter(|&(_, c)| c != '\u{0640}' && !crate::arabic::is_mark(c));
            debug_assert_eq!(marked_letters(word).len(), marks.len());
            for ((at, _), marks) in letters.zip(marks) {
                if !marks.is_empty() {
                    out.push((range.start + at, marks.into_iter().collect()));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn senses_are_made_short() {
        assert_eq!(short("to announce (عن: something)"), "to announce");
        assert_eq!(short("for, to"), "for");
        assert_eq!(short("wounded; injured"), "wounded");
    }

    /// The bundled glossary alone (no analyser): entries give the glosses,
    /// a term spans its words, a numeral gives its value, an unknown word
    /// none.
    #[test]
    fn entries_terms_and_numerals() {
        let glossary = Glossary::load(None);
        let words = ["قال", "وقف", "إطلاق", "النار", "و3", "زززز"];
        let glosses = glossary.word_glosses(&words, &ChosenReadings::new());
        let at = |first: usize| glosses.iter().find(|g| g.first == first);
        assert_eq!(at(0).map(|g| g.text.as_str()), Some("to say"));
        let term = at(1).expect("the term");
        assert_eq!(term.len, 3, "{glosses:?}");
        assert_eq!(at(4).map(|g| g.text.as_str()), Some("and 3"));
        assert!(at(5).is_none(), "{glosses:?}");
    }

    /// Every word read two ways: "first" and "second", vowelled apart.
    struct TwoReadings;

    impl crate::arabic::Analyser for TwoReadings {
        fn analyse(&self, word: &str) -> Vec<crate::arabic::Analysis> {
            let reading = |gloss: &str, vowel: char| crate::arabic::Analysis {
                lemma: Some(word.to_owned()),
                vocalised: Some(word.chars().flat_map(|c| [c, vowel]).collect()),
                gloss: Some(gloss.to_owned()),
                pos: Some("noun".into()),
                ..crate::arabic::Analysis::plain(word)
            };
            vec![reading("first", '\u{064E}'), reading("second", '\u{0650}')]
        }
    }

    /// A word's chosen reading gives its gloss (over its entry, not over a
    /// term it is part of) and its vowels.
    #[test]
    fn a_chosen_reading_gives_the_words_gloss_and_vowels() {
        let mut glossary = Glossary::load(None);
        glossary.set_analyser(std::sync::Arc::new(TwoReadings));
        let words = ["قال", "وقف", "إطلاق", "النار", "زززز"];
        let second = |word: &str| {
            let readings = crate::arabic::Analyser::analyse(&TwoReadings, word);
            crate::arabic::ReadingId::of(&readings[1])
        };
        let chosen: ChosenReadings = [(0, second("قال")), (1, second("وقف")), (4, second("زززز"))]
            .into_iter()
            .collect();
        let glosses = glossary.word_glosses(&words, &chosen);
        let at = |first: usize| {
            glosses
                .iter()
                .find(|g| g.first == first)
                .map(|g| (g.text.as_str(), g.len))
        };
        assert_eq!(at(0), Some(("second", 1)));
        assert_eq!(
            at(1).map(|(_, len)| len),
            Some(3),
            "the term still: {glosses:?}"
        );
        assert_eq!(at(4), Some(("second", 1)));
        let none = glossary.word_glosses(&words, &ChosenReadings::new());
        assert_eq!(
            none.iter().find(|g| g.first == 4).map(|g| g.text.as_str()),
            Some("first")
        );

        let text = words.join(" ");
        let ranges = crate::article::words(&text);
        let vowels = glossary.vowels(&text, &ranges, &chosen);
        let last = ranges[4].start;
        assert!(
            vowels
                .iter()
                .filter(|(at, _)| *at >= last)
                .all(|(_, m)| m == "\u{0650}"),
            "{vowels:?}"
        );
        let plain = glossary.vowels(&text, &ranges, &ChosenReadings::new());
        assert!(
            plain
                .iter()
                .filter(|(at, _)| *at >= last)
                .all(|(_, m)| m == "\u{064E}"),
            "{plain:?}"
        );
        assert!(plain.iter().any(|(at, _)| *at >= last));
    }
}
