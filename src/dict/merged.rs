//! Dictionary results for one Arabic word, merged per Arabic headword: an
//! Arabic → English entry (الهدنة: Armistice, Truce) and the English →
//! Arabic entries that list the same Arabic (Armistice: الهدنة; Truce:
//! الهدنة) say one thing, and are shown once, with every dictionary that
//! said it. Headwords that are the reading's lemma come first; those that
//! only share a spelling with a clitic taken off go after.

use super::{DictMatch, normalize};

/// One Arabic headword's senses from every dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The Arabic, as the first dictionary that has it spells it.
    pub arabic: String,
    /// English senses, each once (letter case aside): a forward entry's
    /// senses first, then the headwords of reverse entries.
    pub english: Vec<String>,
    /// The dictionaries that said it, each once, in the order they did.
    pub dictionaries: Vec<String>,
    /// How the word matched: "و + الهدنة".
    pub how: String,
}

/// `matches` (for one Arabic word) merged per Arabic headword, first seen
/// first, except that headwords whose letters are `lemma`'s (vowels, seats
/// and final forms aside) come before the others.
pub fn merge(matches: &[DictMatch], lemma: Option<&str>) -> Vec<Merged> {
    let mut merged: Vec<(String, Merged)> = Vec::new();
    for found in matches {
        let arabic = found.arabic();
        let key = normalize(arabic);
        let at = match merged.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                merged.push((
                    key,
                    Merged {
                        arabic: arabic.to_owned(),
                        english: Vec::new(),
                        dictionaries: Vec::new(),
                        how: found.how(),
                    },
                ));
                merged.len() - 1
            }
        };
        let group = &mut merged[at].1;
        let english: Vec<&str> = if found.reverse {
            vec![found.headword.as_str()]
        } else {
            found.senses.iter().map(String::as_str).collect()
        };
        for sense in english.into_iter().map(str::trim).filter(|s| !s.is_empty()) {
            if !group.english.iter().any(|e| e.eq_ignore_ascii_case(sense)) {
                group.english.push(sense.to_owned());
            }
        }
        if !group.dictionaries.contains(&found.dictionary) {
            group.dictionaries.push(found.dictionary.clone());
        }
    }
    if let Some(lemma) = lemma.map(normalize) {
        // Stable: the lemma's headwords first, the rest in their order.
        merged.sort_by_key(|(key, _)| *key != lemma);
    }
    merged.into_iter().map(|(_, group)| group).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arabic::analyses;

    fn found(
        dictionary: &str,
        headword: &str,
        senses: &[&str],
        reverse: bool,
        word: &str,
    ) -> DictMatch {
        let arabic = if reverse {
            senses[0].split('،').next().unwrap_or("")
        } else {
            headword
        };
        let stem = normalize(arabic);
        let analysis = analyses(&normalize(word))
            .into_iter()
            .find(|a| a.stem == stem)
            .expect("a reading with that stem");
        DictMatch {
            dictionary: dictionary.to_owned(),
            headword: headword.to_owned(),
            senses: senses.iter().map(|s| (*s).to_owned()).collect(),
            analysis,
            reverse,
        }
    }

    #[test]
    fn forward_and_reverse_entries_for_one_headword_are_one_result() {
        let word = "والهدنة";
        let matches = [
            found("ara-eng", "الهدنة", &["Armistice", "Truce"], false, word),
            found("eng-ara", "Armistice", &["الهدنة"], true, word),
            found("eng-ara", "truce", &["الهدنة"], true, word),
            found(
                "eng-ara",
                "Ceasefire",
                &["الهدنة، وقف إطلاق النار"],
                true,
                word,
            ),
        ];
        let merged = merge(&matches, None);
        assert_eq!(merged.len(), 1, "{merged:?}");
        assert_eq!(merged[0].arabic, "الهدنة");
        assert_eq!(merged[0].english, ["Armistice", "Truce", "Ceasefire"]);
        assert_eq!(merged[0].dictionaries, ["ara-eng", "eng-ara"]);
        assert_eq!(merged[0].how, "و + الهدنة");
    }

    #[test]
    fn the_lemmas_headword_comes_before_a_spelling_that_only_shares_letters() {
        let word = "وكتاب";
        let matches = [
            found("ara-eng", "وكتاب", &["Bookish"], false, word),
            found("ara-eng", "كتاب", &["Book"], false, word),
        ];
        let merged = merge(&matches, Some("كِتاب"));
        let heads: Vec<&str> = merged.iter().map(|m| m.arabic.as_str()).collect();
        assert_eq!(heads, ["كتاب", "وكتاب"]);
        let unranked = merge(&matches, None);
        assert_eq!(
            unranked[0].arabic, "وكتاب",
            "first seen first without a lemma"
        );
    }
}
