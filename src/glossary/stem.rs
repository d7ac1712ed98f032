//! Clitic stripping: the ways a word of running text can be a headword with
//! things attached. Arabic writes conjunctions (و ف), prepositions (ب ك ل),
//! the future marker (س) and the article (ال) onto the word, and object and
//! possessive pronouns (ه ها هم …) after it; inflection adds endings
//! (ة ات ون ين ان تان). Each [`Analysis`] is one reading, ranked: fewer
//! pieces removed first, then the longer stem.

use std::fmt;

/// Conjunctions that attach in front.
const CONJUNCTIONS: &[&str] = &["و", "ف"];
/// Prepositions (and the future marker) that attach after a conjunction.
const PREPOSITIONS: &[&str] = &["ب", "ك", "ل", "س"];
/// Pronoun suffixes, longest first (normalised: no ة here).
const ENCLITICS: &[&str] = &[
    "هما", "كما", "هم", "هن", "ها", "كم", "كن", "ني", "نا", "ه", "ك", "ي",
];
/// Inflectional endings, longest first (ة is ه once normalised).
const ENDINGS: &[&str] = &["تان", "تين", "ات", "ون", "ين", "ان", "وا", "ه", "ت", "ا"];
/// A stem shorter than this (in letters) is not tried: too many false hits.
const MIN_STEM: usize = 2;

/// One reading of a word: what was taken off the front and the back, and
/// the stem left to look up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub prefixes: Vec<&'static str>,
    pub stem: String,
    pub suffixes: Vec<&'static str>,
    /// A spelling change undone to reach the stem (ت → ة, ؤ → ء, +ال).
    pub change: Option<&'static str>,
}

impl Analysis {
    /// How many pieces were removed or changed: the rank (lower first).
    pub fn cost(&self) -> usize {
        self.prefixes.len() + self.suffixes.len() + usize::from(self.change.is_some())
    }

    /// "و + حلفاء + ه", with `headword` standing for the stem.
    pub fn describe(&self, headword: &str) -> String {
        let mut parts: Vec<&str> = self.prefixes.clone();
        parts.push(headword);
        parts.extend(self.suffixes.iter().copied());
        parts.join(" + ")
    }
}

impl fmt::Display for Analysis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(&self.stem))
    }
}

/// Every reading of `word` (already normalised), best first, each stem
/// once. The word itself comes first.
pub fn analyses(word: &str) -> Vec<Analysis> {
    let mut out: Vec<Analysis> = Vec::new();
    for (prefixes, rest) in prefix_splits(word) {
        for (stem, suffixes) in suffix_splits(rest) {
            if stem.chars().count() < MIN_STEM && !(prefixes.is_empty() && suffixes.is_empty()) {
                continue;
            }
            push_with_changes(&mut out, &prefixes, stem, &suffixes);
        }
    }
    out.sort_by(|a, b| {
        a.cost()
            .cmp(&b.cost())
            .then(b.stem.chars().count().cmp(&a.stem.chars().count()))
    });
    let mut seen = std::collections::HashSet::new();
    out.retain(|a| seen.insert(a.stem.clone()));
    out
}

/// The stem as is, plus the spellings it takes before a suffix undone, plus
/// the stem with ال (many dictionary headwords carry it).
fn push_with_changes(
    out: &mut Vec<Analysis>,
    prefixes: &[&'static str],
    stem: &str,
    suffixes: &[&'static str],
) {
    let make = |stem: String, change| Analysis {
        prefixes: prefixes.to_vec(),
        stem,
        suffixes: suffixes.to_vec(),
        change,
    };
    out.push(make(stem.to_owned(), None));
    if suffixes.first().is_some_and(|s| *s == "ين") {
        // اللاجئين: dictionaries cite sound plurals in the nominative.
        out.push(make(format!("{stem}ون"), Some("ين → ون")));
    }
    if !suffixes.is_empty() {
        // سيطرتها: ta marbuta is written ت before a suffix.
        if let Some(base) = stem.strip_suffix('ت') {
            out.push(make(format!("{base}ه"), Some("ت → ة")));
        }
        // حلفاؤه, حلفائه: hamza takes a seat before a suffix.
        if let Some(base) = stem.strip_suffix(['ؤ', 'ئ']) {
            out.push(make(format!("{base}ء"), Some("ؤ/ئ → ء")));
        }
        // إليه, عليه: alif maqsura is written ي before a suffix (normalised
        // already), and final alif of some verbs/nouns is written ا: nothing to do.
    }
    if let Some(position) = prefixes.iter().position(|p| *p == "ال") {
        // The article kept on the stem: many dictionary headwords carry it
        // (للحكومة → ل + الحكومة).
        let mut fewer = prefixes.to_vec();
        fewer.remove(position);
        out.push(Analysis {
            prefixes: fewer,
            stem: format!("ال{stem}"),
            suffixes: suffixes.to_vec(),
            change: None,
        });
    } else if !stem.starts_with("ال") {
        out.push(make(format!("ال{stem}"), Some("+ ال")));
    }
}

/// The ways to take proclitics off the front: (pieces, rest).
fn prefix_splits(word: &str) -> Vec<(Vec<&'static str>, &str)> {
    let mut splits = vec![(Vec::new(), word)];
    let mut after_conjunction = vec![(Vec::new(), word)];
    for conjunction in CONJUNCTIONS {
        if let Some(rest) = word.strip_prefix(conjunction) {
            after_conjunction.push((vec![*conjunction], rest));
            splits.push((vec![*conjunction], rest));
        }
    }
    let mut after_preposition = after_conjunction.clone();
    for (pieces, rest) in &after_conjunction {
        for preposition in PREPOSITIONS {
            if let Some(after) = rest.strip_prefix(preposition) {
                let mut pieces = pieces.clone();
                pieces.push(*preposition);
                after_preposition.push((pieces.clone(), after));
                splits.push((pieces, after));
            }
        }
    }
    for (pieces, rest) in &after_preposition {
        // The article: ال, or just ل after the preposition ل (لل).
        let article = if pieces.last() == Some(&"ل") {
            rest.strip_prefix('ل')
        } else {
            rest.strip_prefix("ال")
        };
        if let Some(after) = article {
            let mut pieces = pieces.clone();
            pieces.push("ال");
            splits.push((pieces, after));
        }
    }
    splits
}

/// The ways to take an enclitic and/or an ending off the back.
fn suffix_splits(word: &str) -> Vec<(&str, Vec<&'static str>)> {
    let mut splits = vec![(word, Vec::new())];
    let mut bases = vec![(word, Vec::new())];
    for enclitic in ENCLITICS {
        if let Some(rest) = word.strip_suffix(enclitic) {
            bases.push((rest, vec![*enclitic]));
            splits.push((rest, vec![*enclitic]));
        }
    }
    for (base, pieces) in &bases {
        for ending in ENDINGS {
            if let Some(rest) = base.strip_suffix(ending) {
                let mut pieces = pieces.clone();
                pieces.insert(0, *ending);
                splits.push((rest, pieces));
            }
        }
    }
    splits
}

#[cfg(test)]
mod tests {
    use super::super::normalize;
    use super::*;

    fn stems(word: &str) -> Vec<String> {
        analyses(&normalize(word))
            .into_iter()
            .map(|a| a.stem)
            .collect()
    }

    fn reading(word: &str, stem: &str) -> Option<String> {
        analyses(&normalize(word))
            .into_iter()
            .find(|a| a.stem == normalize(stem))
            .map(|a| a.describe(stem))
    }

    #[test]
    fn the_word_itself_comes_first() {
        assert_eq!(stems("سوريا")[0], "سوريا");
    }

    #[test]
    fn real_words_of_the_article_reach_their_stems() {
        assert_eq!(
            reading("وحلفاؤه", "حلفاء").as_deref(),
            Some("و + حلفاء + ه")
        );
        assert_eq!(reading("للنفير", "نفير").as_deref(), Some("ل + ال + نفير"));
        assert_eq!(reading("بموازاة", "موازاة").as_deref(), Some("ب + موازاة"));
        assert_eq!(reading("وأعلنت", "أعلن").as_deref(), Some("و + أعلن + ت"));
        assert_eq!(reading("سيطرتها", "سيطرة").as_deref(), Some("سيطرة + ها"));
        assert_eq!(
            reading("والحلفاء", "حلفاء").as_deref(),
            Some("و + ال + حلفاء")
        );
        assert_eq!(
            reading("وبالحلفاء", "حلفاء").as_deref(),
            Some("و + ب + ال + حلفاء")
        );
        assert_eq!(
            reading("الإرهابيين", "إرهابي").as_deref(),
            Some("ال + إرهابي + ين")
        );
        assert_eq!(reading("منطقتي", "منطقة").as_deref(), Some("منطقة + ي"));
        assert_eq!(reading("قيادتهم", "قيادة").as_deref(), Some("قيادة + هم"));
        assert_eq!(
            reading("للحكومة", "حكومة").as_deref(),
            Some("ل + ال + حكومة")
        );
        assert_eq!(reading("معركة", "المعركة").as_deref(), Some("المعركة"));
    }

    #[test]
    fn fewer_pieces_rank_first_and_tiny_stems_are_not_tried() {
        let all = analyses(&normalize("وحلفاؤه"));
        assert!(all.windows(2).all(|w| w[0].cost() <= w[1].cost()));
        assert!(all.iter().all(|a| a.stem.chars().count() >= 2));
    }
}
