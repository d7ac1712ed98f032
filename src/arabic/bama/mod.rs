//! The morphological analyser: every way the Buckwalter lexicon
//! ([`Lexicon`]) reads a word as prefix + stem + suffix, each reading with
//! its lemma, root, pattern, part of speech, vowels, transliteration and
//! glosses, best first.
//!
//! A word is split at every place its [`key`] allows (a prefix and a suffix
//! from BAMA's lists, possibly empty, and a stem of the lexicon between);
//! BAMA's three compatibility tables decide which prefix, stem and suffix go
//! together. Readings are then ranked without context ([`Bama::readings`])
//! by their likelihood ([`Analysis::likelihood`]): how common the lemma is
//! ([`Bama::with_frequencies`]), less a cost for each piece taken off and
//! for each letter spelled otherwise than the lexicon spells it (hamza
//! seats, ى, ة: كأن is not likely where the text has كان); then function
//! words before nouns before verbs before names. Ranking in context is the
//! caller's (it knows the neighbours and the glossaries), on the same
//! likelihoods.

mod gloss;
mod key_index;
mod lexicon;
mod pattern;
pub mod senses;

use std::collections::HashSet;

use super::analysis::{Affix, Analyser, Analysis, Segment, SegmentKind};
use super::normalize::{is_mark, marked_letters, normalize};
use super::stem::CliticStripper;
use super::translit::transliterate;

use lexicon::{AffixRow, Lexicon, StemRow, fold_letter};
pub use lexicon::{LexiconError, key};

/// The analyser over a parsed lexicon.
#[derive(Debug)]
pub struct Bama {
    lexicon: Lexicon,
    /// Words already analysed, with their readings (and the stripper's
    /// guesses after them): news repeats its words, and the reader asks
    /// about the same words at every move. Emptied when full.
    analysed: std::sync::Mutex<rustc_hash::FxHashMap<String, std::sync::Arc<[Analysis]>>>,
    /// How common each stem is (its share of its lemma's occurrences per
    /// million words), by stem index; empty when no frequencies were given.
    frequencies: Vec<f32>,
    /// The reading news usually means by a common written word, where the
    /// frequencies put another first ([`Bama::with_usual_readings`]):
    /// word as written (no marks) -> (lemma, is a verb reading).
    usual: rustc_hash::FxHashMap<Box<str>, (Box<str>, bool)>,
}

/// How much likelier than the likeliest other reading a word's usual
/// reading ([`Bama::with_usual_readings`]) is made: five times. Enough to
/// come first alone and before a glossary's or a neighbour's say
/// ([`crate::glossary::rank`]), not both together.
const USUAL_READING_MARGIN: f32 = 1.609_438; // ln 5

/// What a prefix or suffix costs a reading in the ranking, in the same
/// units as a lemma's log frequency: each piece makes a reading half as
/// likely (so وقع is "fall", not و + قع).
const PIECE_COST: f32 = std::f32::consts::LN_2;
/// Words whose readings are kept ([`Bama::analyse`]): a long novel's
/// distinct words, a few tens of megabytes at most.
const ANALYSED_WORDS: usize = 50_000;

/// What a first- or second-person subject costs (news is told in the third
/// person: فقدت is "she lost" before "I lost", أحدث "newest" or "he caused"
/// before "I happen"), and what the rare
/// particles لَ "indeed" and "would have" cost (لكن is "but", not لَ + كُنَّ).
const SPEAKER_COST: f32 = std::f32::consts::LN_10;
const RARE_PARTICLE_COST: f32 = std::f32::consts::LN_10;
/// News rarely says "you": a second-person pronoun makes a reading ten
/// times less likely.
const SECOND_PERSON_PRONOUN_COST: f32 = std::f32::consts::LN_10;

/// The layout of a cached analyser ([`Bama::to_cache`]): raise it when the
/// lexicon's structures change, so older caches are rebuilt.
const CACHE_FORMAT: u32 = 3;

/// The share of a lemma's frequency that a name spelt like it takes
/// ([`Bama::with_frequencies`]).
const NAME_SPELT_LIKE_A_WORD_SHARE: f32 = 0.1;

/// How a lemma's frequency is shared among its stems ([`Bama::with_frequencies`]).
const STEM_SHARE_EXPONENT: f32 = 0.5;

/// The cost of a reading's affixes beyond their number ([`SPEAKER_COST`],
/// [`RARE_PARTICLE_COST`]), from their tags. A second-person pronoun
/// ([`SECOND_PERSON_PRONOUN_COST`]) counts also inside a function word's
/// stem (لَكُنَّ "to you (women)" is a stem of its own in the lexicon).
fn affix_cost(segments: &[Segment]) -> f32 {
    let mut cost = 0.0;
    for segment in segments {
        let tag = segment.pos.as_str();
        if tag.contains("PRON_2") {
            cost += SECOND_PERSON_PRONOUN_COST;
            continue;
        }
        if segment.kind == SegmentKind::Stem {
            continue;
        }
        let subject = tag.contains("SUBJ") || tag.starts_with("IV") || tag.starts_with("CV");
        if subject && (tag.contains('1') || tag.contains('2')) {
            cost += SPEAKER_COST;
        }
        if tag.contains("EMPHATIC_PARTICLE") || tag.contains("RESULT_CLAUSE_PARTICLE") {
            cost += RARE_PARTICLE_COST;
        }
        if tag.contains("_DU_ACCGEN") {
            cost += DUAL_COST;
        }
    }
    cost
}

/// What the dual ending ـَيْن / ـَيْ costs, which the sound masculine plural
/// ـِين / ـِي is written like: news says المصابين "the injured" and
/// مواطنيها "its citizens" far more often than "the two injured", "its two
/// citizens" (a noun with no sound plural keeps its dual: البلدين).
const DUAL_COST: f32 = 1.098_612_3; // ln 3

/// What each letter spelled otherwise than the lexicon spells it (a hamza
/// seat, ى for ي) costs: such a reading is ten times less likely (كأن for
/// كان).
const MISSPELT_COST: f32 = std::f32::consts::LN_10;

/// What a hamza seat the text writes costs where the lexicon has another
/// one (إ for أ), beyond [`MISSPELT_COST`]: a hamza left off (ا for أ) is
/// how much news is typed, but a seat written is a vowel chosen, so إحياء
/// "revival" is not أحياء "districts". Such a reading is a thousand times
/// less likely in all.
const SEAT_CONTRADICTED_COST: f32 = 2.0 * std::f32::consts::LN_10;

/// Alef with a hamza above or below, or with madda: each says its vowel.
fn is_hamza_seat(c: char) -> bool {
    matches!(c, 'أ' | 'إ' | 'آ')
}

/// How many letters of an affix (`vocalised`, as the lexicon has it) the
/// text (`written`) spells otherwise: عادة is not عادَ + ـهُ "he returned
/// it", whose pronoun the text would write ه. An affix whose letters do not
/// line up with the text's counts none.
fn misspelt(vocalised: &str, written: &[char]) -> usize {
    let letters = vocalised.chars().filter(|&c| !is_mark(c));
    if letters.clone().count() != written.len() {
        return 0;
    }
    letters.zip(written).filter(|(a, b)| a != *b).count()
}

/// A coarse part of speech, as shown to the learner and written in JSON.
fn coarse_pos(tags: &str, category: &str) -> &'static str {
    let tag = tags.split('+').find(|t| !t.is_empty()).unwrap_or("");
    match tag {
        "ADJ" => "adj",
        "NOUN" => "noun",
        "NOUN_PROP" => "noun_prop",
        "ADV" => "adv",
        "PREP" => "prep",
        "CONJ" => "conj",
        "INTERJ" => "interj",
        "ABBREV" => "abbrev",
        "NUM" => "num",
        t if t.contains("PRON") => "pron",
        t if t.contains("PART") || t == "FUNC_WORD" => "part",
        t if t.starts_with("VERB") => "verb",
        _ => match category {
            c if c.starts_with("Nprop") => "noun_prop",
            c if c.starts_with('N') => "noun",
            c if c.starts_with("PV") || c.starts_with("IV") || c.starts_with("CV") => "verb",
            c if c.starts_with("FW") => "part",
            _ => "noun",
        },
    }
}

/// The order parts of speech are tried in when nothing else tells readings
/// apart (lower first): news text is mostly function words and nouns. An
/// adverb comes before the noun it is made from (عادة is "usually" before
/// "habit"): the lexicon lists a noun's accusative as an adverb only where
/// that use is common.
fn pos_rank(pos: &str, category: &str) -> u8 {
    match pos {
        "prep" | "conj" | "part" | "pron" => 0,
        "adv" => 1,
        "noun" | "num" => 2,
        "adj" => 3,
        "verb" if category.starts_with("CV") => 6,
        "verb" => 3,
        "noun_prop" => 4,
        _ => 5,
    }
}

/// The vowel marks on each letter of `word` (marks before the first letter
/// are dropped). Tanween fath is counted on the alef that carries it in
/// writing, whichever side of the alef it is typed (سنويًا and سَنَوِيّاً).
fn marks_per_letter(word: &str) -> Vec<Vec<char>> {
    let letters = marked_letters(word);
    let mut marks: Vec<Vec<char>> = letters.iter().map(|l| l.marks.clone()).collect();
    for i in 0..letters.len().saturating_sub(1) {
        if letters[i + 1].letter == '\u{0627}' && marks[i].contains(&FATHATAN) {
            marks[i].retain(|&m| m != FATHATAN);
            marks[i + 1].push(FATHATAN);
        }
    }
    marks
}

const FATHATAN: char = '\u{064B}';

/// How many letters of `vocalised` the vowels written in the text
/// (`written`, per letter) contradict: a letter agrees when every mark the
/// text gives it is one the reading gives it too, or when either leaves it
/// bare.
fn vowels_contradicted(written: &[Vec<char>], vocalised: &str) -> usize {
    let reading = marks_per_letter(vocalised);
    if reading.len() != written.len() {
        return 0; // letters added or dropped in the reading: cannot align
    }
    written
        .iter()
        .zip(&reading)
        .filter(|(text, reading)| {
            !(text.is_empty() || reading.is_empty() || text.iter().all(|m| reading.contains(m)))
        })
        .count()
}

impl Bama {
    /// Parses the text of a lexicon file.
    pub fn parse(text: &str) -> Result<Bama, LexiconError> {
        Ok(Bama {
            lexicon: Lexicon::parse(text)?,
            analysed: Default::default(),
            frequencies: Vec::new(),
            usual: Default::default(),
        })
    }

    /// The analyser with the senses of qari's senses file (`text`, see
    /// [`senses`]) written into its glosses; call it before
    /// [`Bama::with_frequencies`]. A line whose lemma the lexicon lacks
    /// changes nothing.
    pub fn with_senses(mut self, text: &str) -> Result<Bama, LexiconError> {
        self.lexicon.add_senses(&senses::parse(text)?);
        Ok(self)
    }

    /// The analyser with qari's usual readings (`text`, see [`senses`]): a
    /// listed word's readings of its usual lemma come first, without
    /// context, by [`USUAL_READING_MARGIN`].
    pub fn with_usual_readings(mut self, text: &str) -> Result<Bama, LexiconError> {
        self.usual = senses::parse_usual(text)?
            .into_iter()
            .map(|u| (u.word.into_boxed_str(), (u.lemma.into_boxed_str(), u.verb)))
            .collect();
        Ok(self)
    }

    /// The analyser ranking readings by how common their lemmas are:
    /// `text` is a frequency file (`data/freq/lemmas.tsv`: `#` comments,
    /// then a vocalised lemma, a tab and occurrences per million words on
    /// each line). Lemmas it does not list count as rare.
    pub fn with_frequencies(mut self, text: &str) -> Result<Bama, LexiconError> {
        // (lemma, is a verb) -> occurrences per million: a lemma the
        // lexicon has as a noun and as a verb (صَفّ "row" and "to line
        // up", حَدَث "event" and "to happen") has a line for each.
        let mut by_lemma: rustc_hash::FxHashMap<(&str, bool), f32> = Default::default();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut fields = line.split('\t');
            let parsed = match (fields.next(), fields.next(), fields.next(), fields.next()) {
                (Some(lemma), Some(count), class, None) if matches!(class, None | Some("verb")) => {
                    count
                        .trim()
                        .parse::<f32>()
                        .ok()
                        .filter(|count| count.is_finite() && *count >= 0.0)
                        .map(|count| ((lemma, class.is_some()), count))
                }
                _ => None,
            };
            let Some((key, count)) = parsed else {
                return Err(LexiconError::Line {
                    line: n + 1,
                    found: format!("\"{}\"", line.chars().take(60).collect::<String>()),
                    expected: "a lemma, a tab, a number of occurrences per million, and `verb` or nothing",
                });
            };
            by_lemma.insert(key, count);
        }
        let lexicon = &self.lexicon;
        let is_verb =
            |stem: &StemRow| coarse_pos(stem.tags, lexicon.category_name(stem.category)) == "verb";
        // A lemma's occurrences are shared among its stems: the preposition
        // لِ has a stem for each pronoun it takes (لَهُ, لَكُنَّ ...), and its
        // frequency must not make every one of them as likely as لِ itself.
        // The share is 1 / stems ** STEM_SHARE_EXPONENT, not an even split:
        // a noun's singular is far commoner than its plural stem.
        let mut stems: rustc_hash::FxHashMap<(u32, bool), u32> = Default::default();
        for stem in lexicon.stems() {
            *stems.entry((stem.lemma, is_verb(&stem))).or_default() += 1;
        }
        // The frequency file has one line for lemmas spelt alike, so a
        // name spelt like a word (فَقِيه "Faqih" and "jurist") would take the
        // word's frequency: the name gets a tenth of it. The lexicon files
        // many names under a noun's category; their glosses are capitalised.
        let is_name = |stem: &StemRow| {
            lexicon.category_name(stem.category).starts_with("Nprop")
                || coarse_pos(stem.tags, "") == "noun_prop"
                || stem
                    .gloss
                    .split(';')
                    .all(|sense| sense.trim_start().starts_with(char::is_uppercase))
        };
        let words: rustc_hash::FxHashSet<&str> = lexicon
            .stems()
            .filter(|stem| !is_name(stem))
            .map(|stem| lexicon.lemma(stem.lemma).vocalised)
            .collect();
        self.frequencies = lexicon
            .stems()
            .map(|stem| {
                let verb = is_verb(&stem);
                let lemma = lexicon.lemma(stem.lemma).vocalised;
                let count = by_lemma.get(&(lemma, verb)).copied().unwrap_or(0.0);
                let share = stems.get(&(stem.lemma, verb)).copied().unwrap_or(1).max(1);
                let name_share = if is_name(&stem) && words.contains(lemma) {
                    NAME_SPELT_LIKE_A_WORD_SHARE
                } else {
                    1.0
                };
                name_share * count / (share as f32).powf(STEM_SHARE_EXPONENT)
            })
            .collect();
        Ok(self)
    }

    /// The analyser as the bytes of a cache file: `stamp` (what it was
    /// built from, as the caller identifies it) and then the lexicon and
    /// frequencies as they are in memory, so [`Bama::from_cache`] loads it
    /// without parsing text (a few milliseconds instead of a hundred).
    pub fn to_cache(&self, stamp: &[u8]) -> Result<Vec<u8>, postcard::Error> {
        postcard::to_stdvec(&(
            CACHE_FORMAT,
            stamp,
            &self.lexicon,
            &self.frequencies,
            &self.usual,
        ))
    }

    /// The analyser from the bytes [`Bama::to_cache`] made with the same
    /// `stamp`; `None` when they were made from something else, by another
    /// version of this layout, or are damaged (every number is checked to
    /// point inside the lexicon before it is used).
    pub fn from_cache(bytes: &[u8], stamp: &[u8]) -> Option<Bama> {
        let ((format, cached_stamp), rest) =
            postcard::take_from_bytes::<(u32, Vec<u8>)>(bytes).ok()?;
        if format != CACHE_FORMAT || cached_stamp != stamp {
            return None;
        }
        type Cached = (
            Lexicon,
            Vec<f32>,
            rustc_hash::FxHashMap<Box<str>, (Box<str>, bool)>,
        );
        let (lexicon, frequencies, usual): Cached = postcard::from_bytes(rest).ok()?;
        let whole = lexicon.is_consistent()
            && (frequencies.is_empty() || frequencies.len() == lexicon.stem_count());
        whole.then(|| Bama {
            lexicon,
            analysed: Default::default(),
            frequencies,
            usual,
        })
    }

    /// How likely a reading is without context, as a log: its stem's share
    /// of its lemma's frequency, less [`PIECE_COST`] for each prefix and
    /// suffix.
    fn likelihood(&self, stem: u32, pieces: usize) -> f32 {
        let frequency = self.frequencies.get(stem as usize).copied().unwrap_or(0.0);
        (frequency + 0.01).ln() - PIECE_COST * pieces as f32
    }

    pub fn lemma_count(&self) -> usize {
        self.lexicon.lemma_count()
    }

    pub fn stem_count(&self) -> usize {
        self.lexicon.stem_count()
    }

    /// Every reading of `word` the lexicon allows, ranked without context,
    /// each once. Empty when the lexicon does not know the word.
    pub fn readings(&self, word: &str) -> Vec<Analysis> {
        let written: Vec<char> = word
            .chars()
            .filter(|&c| !is_mark(c) && c != '\u{0640}')
            .collect();
        let keyed: Vec<char> = written.iter().map(|&c| fold_letter(c)).collect();
        let n = keyed.len();
        if n == 0 || !keyed.iter().all(|&c| super::is_arabic_letter(c)) {
            return Vec::new();
        }
        let text_marks = marks_per_letter(word);
        let has_marks = text_marks.iter().any(|m| !m.is_empty());
        let lexicon = &self.lexicon;
        let mut found: Vec<(Ranked, Analysis, usize)> = Vec::new();
        let mut seen: HashSet<(String, u32)> = HashSet::new();
        for p in 0..=lexicon.longest_prefix.min(n - 1) {
            let prefix_key: String = keyed[..p].iter().collect();
            let prefixes = lexicon.prefixes_keyed(&prefix_key);
            if prefixes.is_empty() {
                continue;
            }
            for s in 0..=lexicon.longest_suffix.min(n - p - 1) {
                let suffix_key: String = keyed[n - s..].iter().collect();
                let suffixes = lexicon.suffixes_keyed(&suffix_key);
                if suffixes.is_empty() {
                    continue;
                }
                let stem_key: String = keyed[p..n - s].iter().collect();
                for &stem_id in lexicon.stems_keyed(&stem_key) {
                    let stem = lexicon.stem(stem_id);
                    for &prefix_id in prefixes {
                        let prefix = &lexicon.prefixes[prefix_id as usize];
                        for &suffix_id in suffixes {
                            let suffix = &lexicon.suffixes[suffix_id as usize];
                            if !lexicon.compatible(prefix.category, stem.category, suffix.category)
                            {
                                continue;
                            }
                            // A noun's case ending (a suffix of marks alone)
                            // is left off: news text does not write it, and
                            // the analyser cannot know it.
                            let case_ending = suffix.vocalised.chars().all(is_mark)
                                && !lexicon
                                    .category_name(stem.category)
                                    .starts_with(['P', 'I', 'C']);
                            let vocalised = if case_ending {
                                format!("{}{}", prefix.vocalised, stem.vocalised)
                            } else {
                                format!(
                                    "{}{}{}",
                                    prefix.vocalised, stem.vocalised, suffix.vocalised
                                )
                            };
                            let contradicted = if has_marks {
                                vowels_contradicted(&text_marks, &vocalised)
                            } else {
                                0
                            };
                            if !seen.insert((vocalised.clone(), stem.lemma)) {
                                continue;
                            }
                            let stem_letters = || stem.written.chars().zip(&written[p..n - s]);
                            let misspelt = misspelt(&prefix.vocalised, &written[..p])
                                + stem_letters().filter(|(a, b)| a != *b).count()
                                + misspelt(&suffix.vocalised, &written[n - s..]);
                            let seats_contradicted = stem_letters()
                                .filter(|&(a, &b)| a != b && is_hamza_seat(a) && is_hamza_seat(b))
                                .count();
                            let mut reading = self.reading(prefix, &stem, suffix, vocalised);
                            let category = lexicon.category_name(stem.category);
                            let pieces = reading.prefixes.len() + reading.suffixes.len();
                            let likelihood = self.likelihood(stem_id, pieces)
                                - MISSPELT_COST * misspelt as f32
                                - SEAT_CONTRADICTED_COST * seats_contradicted as f32
                                - affix_cost(&reading.segments);
                            reading.likelihood = (likelihood * 1000.0) as i32;
                            let rank = Ranked {
                                // Larger likelihoods first.
                                unlikely: -reading.likelihood,
                                pos: pos_rank(reading.pos.as_deref().unwrap_or(""), category),
                                pieces,
                                stem: stem_id,
                            };
                            found.push((rank, reading, contradicted));
                        }
                    }
                }
            }
        }
        // Vowels written in the text rule out the readings they contradict;
        // when they contradict every reading (the lexicon has no passive:
        // صُدّر; or the writer slipped), those they contradict least stay
        // (صُدّر keeps صَدَّر, whose shadda it shows, not صَدْر).
        if let Some(least) = found.iter().map(|(_, _, c)| *c).min() {
            found.retain(|(_, _, contradicted)| *contradicted == least);
        }
        let usual = (!self.usual.is_empty())
            .then(|| self.usual.get(written.iter().collect::<String>().as_str()))
            .flatten();
        if let Some((lemma, verb)) = usual {
            let is_usual = |reading: &Analysis| {
                reading.lemma.as_deref() == Some(&**lemma)
                    && (reading.pos.as_deref() == Some("verb")) == *verb
            };
            let best_other = found
                .iter()
                .filter(|(_, reading, _)| !is_usual(reading))
                .map(|(_, reading, _)| reading.likelihood)
                .max();
            if let Some(best_other) = best_other {
                let floor = best_other + (USUAL_READING_MARGIN * 1000.0) as i32;
                for (rank, reading, _) in &mut found {
                    if is_usual(reading) && reading.likelihood < floor {
                        reading.likelihood = floor;
                        rank.unlikely = -floor;
                    }
                }
            }
        }
        found.sort_by_key(|(rank, _, _)| *rank);
        found.into_iter().map(|(_, reading, _)| reading).collect()
    }

    fn reading(
        &self,
        prefix: &AffixRow,
        stem: &StemRow,
        suffix: &AffixRow,
        vocalised: String,
    ) -> Analysis {
        let lexicon = &self.lexicon;
        let lemma = lexicon.lemma(stem.lemma);
        let category = lexicon.category_name(stem.category);
        let pos = coarse_pos(stem.tags, category);
        // BAMA's root headings are sparse (5,630 for 38,600 lemmas): a
        // lemma is under the last heading before it, which is its root only
        // if the root's letters are found in its stem. Names and function
        // words have none.
        let heading: &str = lexicon
            .roots
            .get(lemma.root as usize)
            .map_or("", |root| root);
        let has_root = matches!(pos, "noun" | "adj" | "verb" | "adv");
        // The pattern is the lemma's for a verb (صَدَر فَعَل, not the
        // imperfect stem's صْدُر), and a noun's with its feminine ending
        // (هُدْنَة فُعْلَة, مُفاوَضات مُفاعَلات: the lexicon's stems are
        // هُدْن, مُفاوَض).
        let patterned = if pos == "verb" {
            lemma.vocalised.to_owned()
        } else {
            let feminine = suffix
                .morphemes
                .trim_start_matches('+')
                .split('+')
                .next()
                .and_then(|morpheme| morpheme.split_once('/'))
                .filter(|(_, tag)| tag.starts_with("NSUFF_FEM"))
                .map_or("", |(form, _)| form);
            format!("{}{feminine}", stem.vocalised)
        };
        let (root, pattern) = match pattern::pattern(heading, &patterned) {
            Some(pattern) if has_root && !heading.is_empty() => {
                (Some(heading.to_owned()), Some(pattern))
            }
            _ => (None, None),
        };
        let prefix_segments =
            gloss::affix_segments(&prefix.morphemes, &prefix.gloss, SegmentKind::Prefix);
        let suffix_segments =
            gloss::affix_segments(&suffix.morphemes, &suffix.gloss, SegmentKind::Suffix);
        let mut segments = prefix_segments.clone();
        segments.push(Segment {
            form: stem.vocalised.to_string(),
            kind: SegmentKind::Stem,
            pos: if stem.tags.is_empty() {
                category.to_owned()
            } else {
                stem.tags.to_string()
            },
            gloss: stem.gloss.to_string(),
        });
        segments.extend(suffix_segments.iter().cloned());
        let affix = |segment: &Segment| Affix {
            form: normalize(&segment.form).into(),
            gloss: segment.gloss.clone().into(),
        };
        // The feminine ending ة is part of the lemma (هدنة), not a piece
        // taken off it.
        let taken_off = |segment: &&Segment| !segment.pos.starts_with("NSUFF_FEM_SG");
        Analysis {
            prefixes: prefix_segments.iter().map(affix).collect(),
            stem: normalize(lemma.vocalised),
            suffixes: suffix_segments
                .iter()
                .filter(taken_off)
                .map(affix)
                .collect(),
            change: None,
            lemma: Some(lemma.vocalised.to_string()),
            root,
            pattern,
            pos: Some(pos.to_owned()),
            translit: Some(translit_of(&prefix_segments, &vocalised)),
            gloss: Some(gloss::whole_word(
                &prefix.gloss,
                stem.gloss,
                &suffix.gloss,
                pos,
                gloss::Tense::of_category(category),
            )),
            vocalised: Some(vocalised),
            segments,
            guess: false,
            likelihood: 0,
        }
    }
}

/// The transliteration of a reading, its proclitics joined with a hyphen
/// (wa-, bi-, li-; the article is al- already).
fn translit_of(prefixes: &[Segment], vocalised: &str) -> String {
    let mut rest = vocalised;
    let mut parts: Vec<String> = Vec::new();
    for segment in prefixes {
        // The article stays on its word (al-kitāb), and so does a verb's
        // subject prefix (yaktubu: its tag is IV1S, IV3MP ...).
        if segment.pos == "DET" || segment.pos.starts_with("IV") {
            break;
        }
        match rest.strip_prefix(segment.form.as_str()) {
            Some(after) => {
                parts.push(transliterate(&segment.form));
                rest = after;
            }
            None => break,
        }
    }
    parts.push(transliterate(rest));
    parts.join("-")
}

/// How readings are ordered without context (see the module's header).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Ranked {
    unlikely: i32,
    pos: u8,
    pieces: usize,
    stem: u32,
}

/// The lexicon's readings, best first, then the clitic stripper's, marked
/// as guesses: glossaries keyed by a stem as written (a learner's entry
/// for حلفاء) are still found, and a word the lexicon does not know still
/// gets its clitics taken off.
impl Analyser for Bama {
    fn analyse(&self, word: &str) -> Vec<Analysis> {
        self.analyse_shared(word).to_vec()
    }

    fn analyse_shared(&self, word: &str) -> std::sync::Arc<[Analysis]> {
        if let Ok(analysed) = self.analysed.lock()
            && let Some(readings) = analysed.get(word)
        {
            return readings.clone();
        }
        let mut readings = self.readings(word);
        let guesses: Vec<Analysis> = CliticStripper
            .analyse(word)
            .into_iter()
            .filter(|guess| readings.iter().all(|r| r.stem != guess.stem))
            .collect();
        readings.extend(guesses);
        let readings: std::sync::Arc<[Analysis]> = readings.into();
        if let Ok(mut analysed) = self.analysed.lock() {
            if analysed.len() >= ANALYSED_WORDS {
                analysed.clear();
            }
            analysed.insert(word.to_owned(), readings.clone());
        }
        readings
    }

    fn likeliest(&self, word: &str) -> Option<Analysis> {
        self.readings(word)
            .into_iter()
            .next()
            .or_else(|| CliticStripper.likeliest(word))
    }
}

#[cfg(test)]
mod tests;
