//! Ranking a word's readings in context: the analyser orders them without
//! knowing the sentence; here the neighbours and the glossaries have their
//! say. One function, used by the reader's glossary pane, the add form and
//! `qari analyse`, so that all three put the same reading first.

use std::sync::Arc;

use crate::arabic::{Analysis, ReadingId, SegmentKind, has_arabic_letter, normalize};

/// Words whose next word is most likely a noun (prepositions).
const BEFORE_A_NOUN: &[&str] = &[
    "في", "من", "الي", "علي", "عن", "مع", "بين", "حول", "خلال", "بعد", "قبل", "عند", "منذ", "نحو",
    "ضد",
];
/// Words a verb follows: particles (أن لن لم كي قد سوف), relative
/// pronouns, and the conjunctions that open a clause.
const BEFORE_A_VERB: &[&str] = &[
    "ان",
    "لن",
    "لم",
    "كي",
    "لكي",
    "قد",
    "وقد",
    "فقد",
    "لقد",
    "سوف",
    "لا",
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللواتي",
    "حيث",
    "عندما",
    "بعدما",
    "كما",
    "ثم",
    "حين",
    "حينما",
    "لما",
];

/// How much likelier a reading is when its lemma has an entry in the
/// learner's or the bundled glossary (a natural log in thousandths, as
/// [`Analysis::likelihood`]: three times).
const KNOWN_BONUS: i32 = 1100;
/// How much likelier a reading is when its part of speech is the one its
/// neighbour calls for (a noun after a preposition: four times).
const FITS_BONUS: i32 = 1400;

/// Whether a word (normalised) is definite: the article, after a
/// conjunction or preposition written on the word (الكتاب، والكتاب،
/// بالكتاب، للكتاب).
fn is_definite(word: &str) -> bool {
    let word = word
        .strip_prefix(['و', 'ف'])
        .filter(|rest| rest.starts_with("ال") || rest.starts_with("لل") || rest.starts_with("بال"))
        .unwrap_or(word);
    ["ال", "بال", "كال", "لل"]
        .iter()
        .any(|article| word.starts_with(article))
}

/// Whether a reading is an elative (أفعل "bigger, biggest": the lexicon's
/// category `Nel`).
fn is_elative(reading: &Analysis) -> bool {
    reading
        .segments
        .iter()
        .any(|s| s.kind == SegmentKind::Stem && s.pos == "Nel")
}

/// A word's readings in the order ranking put them, over the analyser's
/// shared copy (no reading is cloned to be ranked).
#[derive(Debug, Clone)]
pub struct Ranked {
    readings: Arc<[Analysis]>,
    order: Vec<u32>,
}

impl Ranked {
    /// The readings, best first.
    pub fn iter(&self) -> impl Iterator<Item = &Analysis> + Clone {
        self.order.iter().map(|&i| &self.readings[i as usize])
    }

    pub fn first(&self) -> Option<&Analysis> {
        self.iter().next()
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Puts the learner's chosen reading first (see [`ReadingId::find`]);
    /// returns whether it was among the readings.
    pub fn choose(&mut self, chosen: &ReadingId) -> bool {
        let order = &self.order;
        let Some(at) = chosen.find(order.iter().map(|&i| &self.readings[i as usize])) else {
            return false;
        };
        let index = self.order.remove(at);
        self.order.insert(0, index);
        true
    }
}

/// Ranks the analyser's readings of a word using what is around it and
/// what the glossaries know: each reading's likelihood
/// ([`Analysis::likelihood`]) gains [`KNOWN_BONUS`] when its lemma has an
/// entry (`known`) and [`FITS_BONUS`] when it is a noun or adjective after
/// a preposition, a verb after أن لن لم قد, and an elative before a word
/// without the article (أحدث تقرير "the latest report", أكثر من "more
/// than": the elative's construct, not the verb أحدث "he caused"). Guesses
/// stay last; the sort is stable, so the analyser's order stays among
/// equals.
pub fn rank_in_context(
    readings: Arc<[Analysis]>,
    previous: Option<&str>,
    next: Option<&str>,
    known: impl Fn(&Analysis) -> bool,
) -> Ranked {
    let previous = previous.map(normalize);
    // Only a word with an elative reading looks at the next word.
    let before_indefinite = next
        .filter(|next| readings.iter().any(is_elative) && has_arabic_letter(next))
        .is_some_and(|next| !is_definite(&normalize(next)));
    let wants: Option<&[&str]> = match previous.as_deref() {
        Some(p) if BEFORE_A_NOUN.contains(&p) => Some(&["noun", "adj", "noun_prop"]),
        Some(p) if BEFORE_A_VERB.contains(&p) => Some(&["verb"]),
        _ => None,
    };
    let score = |r: &Analysis| {
        let fits = wants.is_some_and(|w| w.contains(&r.pos.as_deref().unwrap_or("")))
            || (before_indefinite && is_elative(r));
        r.likelihood + if known(r) { KNOWN_BONUS } else { 0 } + if fits { FITS_BONUS } else { 0 }
    };
    let keys: Vec<(bool, i32)> = readings.iter().map(|r| (r.guess, -score(r))).collect();
    let mut order: Vec<u32> = (0..readings.len() as u32).collect();
    order.sort_by_key(|&i| keys[i as usize]);
    Ranked { readings, order }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arabic::Segment;

    fn reading(lemma: &str, pos: &str, tag: &str, likelihood: i32) -> Analysis {
        Analysis {
            stem: normalize(lemma),
            lemma: Some(lemma.to_owned()),
            pos: Some(pos.to_owned()),
            segments: vec![Segment {
                form: lemma.to_owned(),
                kind: SegmentKind::Stem,
                pos: tag.to_owned(),
                gloss: String::new(),
            }],
            likelihood,
            ..Analysis::default()
        }
    }

    /// أحدث: the verb "he caused" is likelier alone, the elative "newest"
    /// before a word without the article (أحدث تقرير "the latest report").
    #[test]
    fn an_elative_before_a_word_without_the_article() {
        let readings: Arc<[Analysis]> = vec![
            reading("أَحْدَث", "verb", "PV", 3400),
            reading("أَحْدَث", "noun", "Nel", 2500),
        ]
        .into();
        let first = |next: Option<&str>| {
            let ranked = rank_in_context(readings.clone(), Some("يظهر"), next, |_| false);
            ranked.first().and_then(|r| r.pos.clone())
        };
        assert_eq!(first(Some("تقرير")).as_deref(), Some("noun"));
        assert_eq!(first(Some("أكثر")).as_deref(), Some("noun"));
        assert_eq!(first(Some("التقرير")).as_deref(), Some("verb"));
        assert_eq!(first(Some("والتقرير")).as_deref(), Some("verb"));
        assert_eq!(first(Some("،")).as_deref(), Some("verb"));
        assert_eq!(first(None).as_deref(), Some("verb"));
    }
}
