//! The seam where a word's readings come from: the [`Analyser`] trait and
//! the [`Analysis`] it returns.
//!
//! Every place that needs to know what a word of text is (glossary and
//! dictionary lookup, the add form's headword, statuses, coverage) asks an
//! `Analyser`. Today that is the [`CliticStripper`](super::CliticStripper),
//! which knows the clitic tables and nothing else; a morphological analyser
//! with a lexicon (issue 13) implements the same trait and fills the
//! optional fields (root, pattern, part of speech, vowels, gloss) the
//! stripper leaves empty.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use super::clitics::Clitic;

/// Something that tells what a word of running text can be.
///
/// `Send + Sync` so one analyser can be shared (`Arc<dyn Analyser>`) by the
/// reader and background jobs.
pub trait Analyser: Send + Sync {
    /// Every reading of `word` (as it stands in the text: vowel marks,
    /// hamza seats and all; normalised text is accepted too), best first,
    /// each stem once.
    fn analyse(&self, word: &str) -> Vec<Analysis>;

    /// [`Analyser::analyse`], shared: an analyser that keeps what it has
    /// read hands out its copy instead of cloning every reading (a word's
    /// readings are dozens of strings; the reader asks on every key).
    fn analyse_shared(&self, word: &str) -> Arc<[Analysis]> {
        self.analyse(word).into()
    }

    /// The reading a new entry for `word` starts from when nothing else is
    /// known about the word: its `lemma` is the headword to suggest. By
    /// default the first reading; an analyser whose order is not one of
    /// likelihood (the clitic stripper's is the order to try stems against
    /// a lexicon in) says otherwise.
    fn likeliest(&self, word: &str) -> Option<Analysis> {
        self.analyse(word).into_iter().next()
    }

    /// The headword a new entry for `word` would take: the likeliest
    /// reading's lemma, else the word without its vowel marks.
    fn headword(&self, word: &str) -> String {
        self.likeliest(word)
            .and_then(|a| a.lemma)
            .unwrap_or_else(|| super::fold_marks(word))
    }
}

/// So that structs holding an `Arc<dyn Analyser>` can derive `Debug`.
impl fmt::Debug for dyn Analyser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("dyn Analyser")
    }
}

/// A piece taken off a word, and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Affix {
    /// As it was matched (normalised: the ending ة is ه here).
    pub form: Cow<'static, str>,
    /// Its meaning in English ("and", "the", "her, its").
    pub gloss: Cow<'static, str>,
}

impl From<&'static Clitic> for Affix {
    fn from(clitic: &'static Clitic) -> Affix {
        Affix {
            form: Cow::Borrowed(clitic.form),
            gloss: Cow::Borrowed(clitic.gloss),
        }
    }
}

/// One reading of a word: what was taken off the front and the back, and
/// the stem left to look up. The fields after `change` are what an analyser
/// with a lexicon knows; the clitic stripper leaves them `None` (it fills
/// `lemma` only in [`Analyser::likeliest`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Proclitics, outermost first (و, ب, ال).
    pub prefixes: Vec<Affix>,
    /// The stem, normalised: the key glossaries and dictionaries are
    /// indexed by.
    pub stem: String,
    /// Endings and enclitics, innermost first (ات, ها).
    pub suffixes: Vec<Affix>,
    /// A spelling change undone to reach the stem (ت → ة, ؤ → ء, +ال).
    pub change: Option<&'static str>,
    /// The dictionary form, spelled as a headword is (hamza seats, ة).
    pub lemma: Option<String>,
    /// The root, in Arabic letters (ح ل ف).
    pub root: Option<String>,
    /// The pattern (wazn), as فعيل.
    pub pattern: Option<String>,
    /// The part of speech.
    pub pos: Option<String>,
    /// The whole word with its vowels.
    pub vocalised: Option<String>,
    /// A short gloss of the whole word ("and its allies").
    pub gloss: Option<String>,
    /// The whole word in Latin letters ([`super::transliterate`]).
    pub translit: Option<String>,
    /// The morphemes, in the order they are written: و + حُلَفاء + ه.
    pub segments: Vec<Segment>,
    /// Not confirmed by a lexicon: the clitic stripper's reading of a word
    /// the analyser does not know. Never counted as understood.
    pub guess: bool,
    /// How likely the reading is without context, as a natural log in
    /// thousandths (the analyser's ranking; 0 where it has none). Context
    /// adds to it.
    pub likelihood: i32,
}

/// Where a morpheme stands in its word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SegmentKind {
    Prefix,
    #[default]
    Stem,
    Suffix,
}

impl SegmentKind {
    pub fn name(self) -> &'static str {
        match self {
            SegmentKind::Prefix => "prefix",
            SegmentKind::Stem => "stem",
            SegmentKind::Suffix => "suffix",
        }
    }
}

/// One morpheme of a reading: وَ (prefix, CONJ, "and").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segment {
    /// As written, vocalised.
    pub form: String,
    pub kind: SegmentKind,
    /// The analyser's tag (`CONJ`, `NOUN`, `POSS_PRON_3MS`).
    pub pos: String,
    pub gloss: String,
}

impl Analysis {
    /// A reading that takes nothing off: `stem` (normalised) as it is.
    pub fn plain(stem: &str) -> Analysis {
        Analysis {
            stem: stem.to_owned(),
            ..Analysis::default()
        }
    }

    /// How many pieces were removed or changed: the rank (lower first).
    pub fn cost(&self) -> usize {
        self.prefixes.len() + self.suffixes.len() + usize::from(self.change.is_some())
    }

    /// "و + حلفاء + ه", with `headword` standing for the stem.
    pub fn describe(&self, headword: &str) -> String {
        let mut parts: Vec<&str> = self.prefixes.iter().map(|a| a.form.as_ref()).collect();
        parts.push(headword);
        parts.extend(self.suffixes.iter().map(|a| a.form.as_ref()));
        parts.join(" + ")
    }
}

impl fmt::Display for Analysis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(&self.stem))
    }
}

/// Which reading of a word the learner chose for one place in a text
/// (`Enter` in the glossary pane), as it is kept in the article's learner
/// overlay: what the learner saw of the reading, so that the same reading
/// is found again when the lexicon is read anew (its order, likelihoods
/// and internal numbering may change between versions; these do not).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ReadingId {
    /// The whole word with its vowels.
    pub vocalised: String,
    pub lemma: String,
    pub pos: String,
    /// The short whole-word gloss.
    pub gloss: String,
}

/// The readings the learner chose in a sentence, by word index.
pub type ChosenReadings = BTreeMap<usize, ReadingId>;

impl ReadingId {
    /// The identity of `reading`.
    pub fn of(reading: &Analysis) -> ReadingId {
        let field = |value: &Option<String>| value.clone().unwrap_or_default();
        ReadingId {
            vocalised: field(&reading.vocalised),
            lemma: field(&reading.lemma),
            pos: field(&reading.pos),
            gloss: field(&reading.gloss),
        }
    }

    /// Where the chosen reading is among `readings`: the one with all four
    /// fields the same, else the one reading with the same vowels and
    /// lemma (a gloss reworded by a later lexicon), else none. A guess is
    /// never the chosen reading.
    pub fn find<'a>(&self, readings: impl Iterator<Item = &'a Analysis> + Clone) -> Option<usize> {
        let candidates = readings.enumerate().filter(|(_, r)| !r.guess);
        if let Some((at, _)) = candidates.clone().find(|(_, r)| ReadingId::of(r) == *self) {
            return Some(at);
        }
        let same_form = |r: &Analysis| {
            r.vocalised.as_deref() == Some(self.vocalised.as_str())
                && r.lemma.as_deref() == Some(self.lemma.as_str())
        };
        let mut similar = candidates.filter(|(_, r)| same_form(r));
        match (similar.next(), similar.next()) {
            (Some((at, _)), None) => Some(at),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(vocalised: &str, lemma: &str, pos: &str, gloss: &str) -> Analysis {
        Analysis {
            vocalised: Some(vocalised.into()),
            lemma: Some(lemma.into()),
            pos: Some(pos.into()),
            gloss: Some(gloss.into()),
            ..Analysis::plain("x")
        }
    }

    #[test]
    fn a_chosen_reading_is_found_again_by_what_the_learner_saw_of_it() {
        let readings = [
            reading("قَطَر", "قَطَر", "noun_prop", "Qatar"),
            reading("قَطْر", "قَطْر", "noun", "rain"),
            reading("قَطَّرَ", "قَطَّر", "verb", "distil"),
        ];
        let rain = ReadingId::of(&readings[1]);
        assert_eq!(rain.find(readings.iter()), Some(1));
        // Another order, the gloss reworded: found by its vowels and lemma.
        let reworded = [
            reading("قَطَّرَ", "قَطَّر", "verb", "distil"),
            reading("قَطْر", "قَطْر", "noun", "rainfall"),
        ];
        assert_eq!(rain.find(reworded.iter()), Some(1));
        // Two with the same vowels and lemma, neither exactly it: none.
        let two = [
            reading("قَطْر", "قَطْر", "noun", "drops"),
            reading("قَطْر", "قَطْر", "adj", "dripping"),
        ];
        assert_eq!(rain.find(two.iter()), None);
        // A guess is never it.
        let mut guess = readings[1].clone();
        guess.guess = true;
        assert_eq!(rain.find([guess].iter()), None);
    }
}
