//! The Buckwalter lexicon in memory, parsed from the text qari reads at run
//! time (`data/bama/lexicon.tsv`, written by `tools/gen_bama.py`; its header
//! describes the format).
//!
//! Everything is indexed by the *matching key* ([`key`]): the unvowelled
//! spelling with alef seats, ى/ي and ة/ه folded, so that a word of news text
//! is split and matched in one spelling, whatever seat or final letter its
//! writer chose. The spelling as BAMA writes it is kept beside, for
//! preferring readings that agree with the text.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use thiserror::Error;

use super::key_index::{KeyIndex, Span};
use super::senses::{SenseAddition, is_plural_of, plural};
use crate::arabic::is_mark;

/// What is wrong with a lexicon file, and on which line.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum LexiconError {
    #[error("line {line}: {found}, expected {expected}")]
    Line {
        line: usize,
        found: String,
        expected: &'static str,
    },
    #[error("no [stems] section: not a qari lexicon file")]
    NoStems,
}

/// The matching key of `text`: marks and tatweel dropped, أ إ آ ٱ as ا, ى as
/// ي, ة as ه, letter by letter (so a key's letters line up with the word's).
pub fn key(text: &str) -> String {
    text.chars()
        .filter(|&c| !is_mark(c))
        .map(fold_letter)
        .collect()
}

/// One letter of a [`key`].
pub fn fold_letter(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        c => c,
    }
}

/// A prefix or suffix (possibly several morphemes written together).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AffixRow {
    pub vocalised: Box<str>,
    pub category: u16,
    /// "and + by/with", "he/it <verb> it/him".
    pub gloss: Box<str>,
    /// The morphemes, `form/TAG` joined by `+` (`وَ/CONJ+بِ/PREP+`).
    pub morphemes: Box<str>,
}

/// A stem, as the analyser reads it: a view of the lexicon's arena.
#[derive(Debug, Clone, Copy)]
pub struct StemRow<'a> {
    pub vocalised: &'a str,
    /// The unvowelled spelling as BAMA writes it (hamza seats kept).
    pub written: &'a str,
    pub category: u16,
    /// Alternatives separated by `;`.
    pub gloss: &'a str,
    /// BAMA's tags, when it gives them (`ADJ`, `NOUN`, `PREP+PRON_2MP`).
    pub tags: &'a str,
    pub lemma: u32,
}

/// A stem as kept: its strings are spans of the arena.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
struct StoredStem {
    vocalised: Span,
    written: Span,
    gloss: Span,
    tags: Span,
    category: u16,
    lemma: u32,
}

/// A lemma, as the analyser reads it.
#[derive(Debug, Clone, Copy)]
pub struct LemmaRow<'a> {
    /// Vocalised, without BAMA's decorations (`_1`, `-u`).
    pub vocalised: &'a str,
    /// Root letters separated by spaces; empty when the lemma has none.
    pub root: u32,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
struct StoredLemma {
    vocalised: Span,
    root: u32,
    /// BAMA's sense number: homographic lemmas (عَقْد 1 "holding", عَقْد 2
    /// "contract") are told apart by it.
    sense: u16,
}

/// The parsed lexicon.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Lexicon {
    categories: FxHashMap<Box<str>, u16>,
    category_names: Vec<Box<str>>,
    pub(super) prefixes: Vec<AffixRow>,
    pub(super) suffixes: Vec<AffixRow>,
    prefix_index: FxHashMap<Box<str>, Vec<u32>>,
    suffix_index: FxHashMap<Box<str>, Vec<u32>>,
    /// The strings of every stem and lemma: the lexicon's text, then the
    /// spellings and keys derived from it. One allocation, not five per
    /// stem: this is most of what loading the lexicon costs.
    arena: String,
    stems: Vec<StoredStem>,
    stem_index: KeyIndex,
    lemmas: Vec<StoredLemma>,
    pub(super) roots: Vec<Box<str>>,
    ab: Pairs,
    ac: Pairs,
    bc: Pairs,
    /// The longest prefix and suffix keys, in letters.
    pub(super) longest_prefix: usize,
    pub(super) longest_suffix: usize,
}

/// Which pairs of categories go together: a bit matrix (a few hundred
/// categories), since every split of every word asks three times.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Pairs {
    pairs: Vec<(u16, u16)>,
    size: usize,
    bits: Vec<u64>,
}

impl Pairs {
    fn insert(&mut self, pair: (u16, u16)) {
        self.pairs.push(pair);
    }

    /// Builds the matrix once every category is known.
    fn seal(&mut self, categories: usize) {
        self.size = categories;
        self.bits = vec![0; (categories * categories).div_ceil(64)];
        for &(a, b) in &self.pairs {
            let at = usize::from(a) * categories + usize::from(b);
            self.bits[at / 64] |= 1 << (at % 64);
        }
    }

    fn contains(&self, (a, b): (u16, u16)) -> bool {
        let (a, b) = (usize::from(a), usize::from(b));
        if a >= self.size || b >= self.size {
            return false;
        }
        let at = a * self.size + b;
        self.bits
            .get(at / 64)
            .is_some_and(|bits| bits & (1 << (at % 64)) != 0)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    None,
    Prefixes,
    Suffixes,
    Ab,
    Ac,
    Bc,
    Stems,
}

impl Lexicon {
    /// Parses the text of a lexicon file.
    pub fn parse(text: &str) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon {
            // The text's spans keep their offsets in the arena; derived
            // strings (spellings, keys: about a fifth more) go after it.
            arena: String::with_capacity(text.len() + text.len() / 4),
            ..Lexicon::default()
        };
        lexicon.arena.push_str(text);
        lexicon.roots.push("".into());
        let span_of = |field: &str| Span {
            start: (field.as_ptr() as usize - text.as_ptr() as usize) as u32,
            len: field.len() as u32,
        };
        let mut stem_keys: Vec<Span> = Vec::new();
        let mut section = Section::None;
        let mut root = 0u32;
        let mut lemma: Option<u32> = None;
        let mut saw_stems = false;
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = match name {
                    "prefixes" => Section::Prefixes,
                    "suffixes" => Section::Suffixes,
                    "ab" => Section::Ab,
                    "ac" => Section::Ac,
                    "bc" => Section::Bc,
                    "stems" => {
                        saw_stems = true;
                        Section::Stems
                    }
                    _ => {
                        return Err(bad(
                            line_no,
                            line,
                            "a section: prefixes, suffixes, ab, ac, bc or stems",
                        ));
                    }
                };
                continue;
            }
            // At most six fields are read; a seventh makes the line wrong.
            let mut split = line.split('\t');
            let mut fields = [""; 7];
            let mut count = 0;
            for field in split.by_ref().take(7) {
                fields[count] = field;
                count += 1;
            }
            let fields = &fields[..count];
            match section {
                Section::None => return Err(bad(line_no, line, "a [section] line first")),
                Section::Prefixes | Section::Suffixes => {
                    let [vocalised, category, gloss, morphemes] = fields[..] else {
                        return Err(bad(
                            line_no,
                            line,
                            "4 fields: form, category, gloss, morphemes",
                        ));
                    };
                    let row = AffixRow {
                        vocalised: vocalised.into(),
                        category: lexicon.category(category),
                        gloss: gloss.into(),
                        morphemes: morphemes.into(),
                    };
                    let k = key(vocalised);
                    let letters = k.chars().count();
                    let (rows, index, longest) = if section == Section::Prefixes {
                        (
                            &mut lexicon.prefixes,
                            &mut lexicon.prefix_index,
                            &mut lexicon.longest_prefix,
                        )
                    } else {
                        (
                            &mut lexicon.suffixes,
                            &mut lexicon.suffix_index,
                            &mut lexicon.longest_suffix,
                        )
                    };
                    index.entry(k.into()).or_default().push(rows.len() as u32);
                    rows.push(row);
                    *longest = (*longest).max(letters);
                }
                Section::Ab | Section::Ac | Section::Bc => {
                    let [a, b] = fields[..] else {
                        return Err(bad(line_no, line, "2 fields: category, category"));
                    };
                    let pair = (lexicon.category(a), lexicon.category(b));
                    match section {
                        Section::Ab => lexicon.ab.insert(pair),
                        Section::Ac => lexicon.ac.insert(pair),
                        _ => lexicon.bc.insert(pair),
                    };
                }
                Section::Stems => match fields[..] {
                    ["R", letters] => {
                        root = if letters.is_empty() {
                            0
                        } else {
                            lexicon.roots.push(letters.into());
                            (lexicon.roots.len() - 1) as u32
                        };
                    }
                    // BAMA's vowel class is not used.
                    ["L", vocalised, _vowels, sense, ref derived @ ..] if derived.len() <= 1 => {
                        let sense = sense
                            .parse::<u16>()
                            .map_err(|_| bad(line_no, line, "a sense number"))?;
                        // A root on the L line (derived by gen_bama.py from
                        // the lemma's form) stands for the heading above,
                        // which is not this lemma's root.
                        let root = match derived.first() {
                            Some(letters) if !letters.is_empty() => {
                                lexicon.roots.push((*letters).into());
                                (lexicon.roots.len() - 1) as u32
                            }
                            _ => root,
                        };
                        lexicon.lemmas.push(StoredLemma {
                            vocalised: span_of(vocalised),
                            root,
                            sense,
                        });
                        lemma = Some((lexicon.lemmas.len() - 1) as u32);
                    }
                    [vocalised, category, gloss, ref rest @ ..] if rest.len() <= 2 => {
                        let Some(lemma) = lemma else {
                            return Err(bad(line_no, line, "an L line before the first stem"));
                        };
                        let tags = rest.first().map_or(Span::default(), |tags| span_of(tags));
                        let written = match rest.get(1) {
                            Some(written) => span_of(written),
                            None => {
                                lexicon.push_derived(vocalised.chars().filter(|&c| !is_mark(c)))
                            }
                        };
                        // The key of the spelling: of the form, when the
                        // spelling is the form without its marks.
                        let spelling = rest.get(1).copied().unwrap_or(vocalised);
                        let stem_key = lexicon.push_derived(
                            spelling.chars().filter(|&c| !is_mark(c)).map(fold_letter),
                        );
                        stem_keys.push(stem_key);
                        let category = lexicon.category(category);
                        lexicon.stems.push(StoredStem {
                            vocalised: span_of(vocalised),
                            written,
                            category,
                            gloss: span_of(gloss),
                            tags,
                            lemma,
                        });
                    }
                    _ => {
                        return Err(bad(
                            line_no,
                            line,
                            "R root, L lemma, or a stem: form, category, gloss[, tags[, spelling]]",
                        ));
                    }
                },
            }
        }
        if !saw_stems || lexicon.stems.is_empty() {
            return Err(LexiconError::NoStems);
        }
        lexicon.compact(&mut stem_keys);
        lexicon.stem_index = KeyIndex::build(&lexicon.arena, &stem_keys);
        let categories = lexicon.category_names.len();
        for table in [&mut lexicon.ab, &mut lexicon.ac, &mut lexicon.bc] {
            table.seal(categories);
        }
        Ok(lexicon)
    }

    /// Whether every number in the lexicon points at something there: what
    /// a cached copy ([`super::Bama::from_cache`]) is checked for, so a
    /// damaged cache is rebuilt rather than read past its ends.
    pub(super) fn is_consistent(&self) -> bool {
        let categories = self.category_names.len();
        let arena = self.arena.len();
        let in_arena = |span: Span| span.start as usize + span.len as usize <= arena;
        let affixes_ok = |rows: &[AffixRow], index: &FxHashMap<Box<str>, Vec<u32>>| {
            rows.iter()
                .all(|row| usize::from(row.category) < categories)
                && index
                    .values()
                    .flatten()
                    .all(|&id| (id as usize) < rows.len())
        };
        affixes_ok(&self.prefixes, &self.prefix_index)
            && affixes_ok(&self.suffixes, &self.suffix_index)
            && self
                .categories
                .values()
                .all(|&id| usize::from(id) < categories)
            && self.stems.iter().all(|stem| {
                usize::from(stem.category) < categories
                    && (stem.lemma as usize) < self.lemmas.len()
                    && [stem.vocalised, stem.written, stem.gloss, stem.tags]
                        .into_iter()
                        .all(in_arena)
            })
            && self
                .lemmas
                .iter()
                .all(|lemma| (lemma.root as usize) < self.roots.len() && in_arena(lemma.vocalised))
            && self.stem_index.is_consistent(self.stems.len(), arena)
            && [&self.ab, &self.ac, &self.bc].iter().all(|pairs| {
                pairs.size == categories
                    && pairs.bits.len() == (categories * categories).div_ceil(64)
            })
    }

    /// Keeps in the arena only the strings rows point at (not the text's
    /// comments, affixes, categories and tabs), each tag and each key that
    /// is its stem's spelling once: the cached analyser is read and checked
    /// at every start, so every byte of it costs time.
    fn compact(&mut self, stem_keys: &mut [Span]) {
        let old = std::mem::take(&mut self.arena);
        let mut arena = String::with_capacity(old.len() / 2);
        let mut copy = |span: Span| {
            let start = arena.len();
            arena.push_str(span.of(&old));
            Span {
                start: start as u32,
                len: span.len,
            }
        };
        let mut tags: FxHashMap<&str, Span> = FxHashMap::default();
        for (stem, key) in self.stems.iter_mut().zip(stem_keys.iter_mut()) {
            let same_key = key.of(&old) == stem.written.of(&old);
            stem.vocalised = copy(stem.vocalised);
            stem.gloss = copy(stem.gloss);
            let tag = stem.tags.of(&old);
            stem.tags = *tags.entry(tag).or_insert_with(|| copy(stem.tags));
            stem.written = copy(stem.written);
            *key = if same_key { stem.written } else { copy(*key) };
        }
        for lemma in &mut self.lemmas {
            lemma.vocalised = copy(lemma.vocalised);
        }
        arena.shrink_to_fit();
        self.arena = arena;
    }

    /// Writes `additions` (qari's senses file, [`super::senses`]) into the
    /// glosses of their lemmas' stems: the active verb stems of a `verb`
    /// line, the other stems of a `noun/adj` line, in the plural on a
    /// noun's plural stem. Returns how many lines found their lemma.
    pub(super) fn add_senses(&mut self, additions: &[SenseAddition]) -> usize {
        let mut lemmas: FxHashMap<(&str, u16), Vec<u32>> = FxHashMap::default();
        for (id, lemma) in self.lemmas.iter().enumerate() {
            lemmas
                .entry((lemma.vocalised.of(&self.arena), lemma.sense))
                .or_default()
                .push(id as u32);
        }
        let mut stems_of: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        for (id, stem) in self.stems.iter().enumerate() {
            stems_of.entry(stem.lemma).or_default().push(id as u32);
        }
        // (stem, its new gloss), worked out before the arena grows.
        let mut glosses: Vec<(u32, String)> = Vec::new();
        let mut found = 0;
        for addition in additions {
            let Some(ids) = lemmas.get(&(addition.lemma.as_str(), addition.sense)) else {
                continue;
            };
            found += 1;
            for lemma in ids {
                let stems: Vec<u32> = stems_of
                    .get(lemma)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|&id| {
                        let category = self.category_name(self.stems[id as usize].category);
                        let verb = ["PV", "IV", "CV"].iter().any(|v| category.starts_with(v));
                        verb == addition.verb && !category.contains("Pass")
                    })
                    .collect();
                let first_gloss = |id: u32| {
                    let gloss = self.stems[id as usize].gloss.of(&self.arena);
                    gloss.split(';').next().unwrap_or("").trim()
                };
                let singular = stems.first().map_or("", |&id| first_gloss(id));
                for &id in &stems {
                    let old = self.stems[id as usize].gloss.of(&self.arena);
                    let in_plural = !addition.verb && is_plural_of(first_gloss(id), singular);
                    let new: Vec<String> = addition
                        .senses
                        .iter()
                        .map(|s| if in_plural { plural(s) } else { s.clone() })
                        .filter(|s| !old.split(';').any(|o| o.trim() == s))
                        .collect();
                    if new.is_empty() {
                        continue;
                    }
                    let new = new.join(";");
                    let gloss = match (old.is_empty(), addition.first) {
                        (true, _) => new,
                        (false, true) => format!("{new};{old}"),
                        (false, false) => format!("{old};{new}"),
                    };
                    glosses.push((id, gloss));
                }
            }
        }
        for (id, gloss) in glosses {
            let span = self.push_derived(gloss.chars());
            self.stems[id as usize].gloss = span;
        }
        found
    }

    /// Appends a derived string to the arena.
    fn push_derived(&mut self, chars: impl Iterator<Item = char>) -> Span {
        let start = self.arena.len();
        self.arena.extend(chars);
        Span {
            start: start as u32,
            len: (self.arena.len() - start) as u32,
        }
    }

    /// Stem `id`'s strings and numbers.
    pub(super) fn stem(&self, id: u32) -> StemRow<'_> {
        let stored = self.stems.get(id as usize).copied().unwrap_or_default();
        let arena = &self.arena;
        StemRow {
            vocalised: stored.vocalised.of(arena),
            written: stored.written.of(arena),
            category: stored.category,
            gloss: stored.gloss.of(arena),
            tags: stored.tags.of(arena),
            lemma: stored.lemma,
        }
    }

    /// Every stem, in the lexicon's order.
    pub(super) fn stems(&self) -> impl Iterator<Item = StemRow<'_>> {
        (0..self.stems.len() as u32).map(|id| self.stem(id))
    }

    /// Lemma `id`.
    pub(super) fn lemma(&self, id: u32) -> LemmaRow<'_> {
        let stored = self.lemmas.get(id as usize).copied().unwrap_or_default();
        LemmaRow {
            vocalised: stored.vocalised.of(&self.arena),
            root: stored.root,
        }
    }

    fn category(&mut self, name: &str) -> u16 {
        if let Some(&id) = self.categories.get(name) {
            return id;
        }
        let id = self.category_names.len() as u16;
        self.categories.insert(name.into(), id);
        self.category_names.push(name.into());
        id
    }

    pub(super) fn prefixes_keyed(&self, key: &str) -> &[u32] {
        self.prefix_index.get(key).map_or(&[], Vec::as_slice)
    }

    pub(super) fn suffixes_keyed(&self, key: &str) -> &[u32] {
        self.suffix_index.get(key).map_or(&[], Vec::as_slice)
    }

    pub(super) fn stems_keyed(&self, key: &str) -> &[u32] {
        self.stem_index.get(&self.arena, key)
    }

    /// Whether a prefix, a stem and a suffix of these categories go
    /// together (BAMA's tables AB, AC and BC).
    pub(super) fn compatible(&self, prefix: u16, stem: u16, suffix: u16) -> bool {
        self.ab.contains((prefix, stem))
            && self.ac.contains((prefix, suffix))
            && self.bc.contains((stem, suffix))
    }

    pub(super) fn category_name(&self, id: u16) -> &str {
        self.category_names
            .get(usize::from(id))
            .map_or("", |name| name)
    }

    pub fn lemma_count(&self) -> usize {
        self.lemmas.len()
    }

    pub fn stem_count(&self) -> usize {
        self.stems.len()
    }
}

/// A line that is not what was expected, as an error naming it.
pub(super) fn bad(line: usize, text: &str, expected: &'static str) -> LexiconError {
    // Arabic stays Arabic in the message; control characters (a tab
    // between fields) are shown as a space.
    let mut found: String = text
        .chars()
        .take(60)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().count() > 60 {
        found.push('…');
    }
    LexiconError::Line {
        line,
        found: format!("\"{found}\""),
        expected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = "# test\n[prefixes]\n\tPref-0\t\t\nوَ\tPref-Wa\tand\tوَ/CONJ+\n[suffixes]\n\tSuff-0\t\t\n[ab]\nPref-0\tN\nPref-Wa\tN\n[ac]\nPref-0\tSuff-0\nPref-Wa\tSuff-0\n[bc]\nN\tSuff-0\n[stems]\nR\tك ت ب\nL\tكِتاب\t\t1\nكِتاب\tN\tbook\n";

    #[test]
    fn a_root_on_the_lemma_line_stands_for_the_heading_above() {
        let text = TINY.replace(
            "كِتاب\tN\tbook\n",
            "كِتاب\tN\tbook\nL\tبَلَد\t\t1\tب ل د\nبَلَد\tN\tcountry\nL\tكَتَب\t\t1\t\nكَتَب\tPV\twrite\n",
        );
        let lexicon = Lexicon::parse(&text).unwrap();
        let root = |lemma: u32| &*lexicon.roots[lexicon.lemma(lemma).root as usize];
        assert_eq!(root(0), "ك ت ب");
        assert_eq!(root(1), "ب ل د");
        assert_eq!(root(2), "ك ت ب", "an empty derived root keeps the heading");
    }

    #[test]
    fn a_tiny_lexicon_parses_and_indexes_by_key() {
        let lexicon = Lexicon::parse(TINY).unwrap();
        assert_eq!(lexicon.stems_keyed("كتاب"), &[0]);
        assert_eq!(lexicon.prefixes_keyed("و").len(), 1);
        assert_eq!(lexicon.prefixes_keyed("").len(), 1);
        assert_eq!(&*lexicon.roots[lexicon.lemma(0).root as usize], "ك ت ب");
        let stem = lexicon.stem(0);
        let id = |name: &str| lexicon.categories[name];
        assert!(lexicon.compatible(id("Pref-Wa"), stem.category, id("Suff-0")));
        assert!(!lexicon.compatible(id("Pref-Wa"), stem.category, id("Pref-0")));
    }

    /// A `noun/adj` line goes on the noun's stems, in the plural on its
    /// plural stem; a `verb` line on the active verb stems only; a line
    /// whose lemma and sense number are not in the lexicon changes nothing.
    #[test]
    fn senses_are_written_into_the_glosses_of_their_lemmas_stems() {
        let text = TINY.replace(
            "كِتاب\tN\tbook\n",
            "كِتاب\tN\tbook\nL\tعَقْد\t\t2\nعَقْد\tN\tcontract;agreement\nعُقُود\tN\tcontracts;agreements\n\
             L\tخَطَّط\t\t1\nخَطَّط\tPV\tdraw lines\nخَطَّط\tPV_Pass\tbe demarcated\n",
        );
        let mut lexicon = Lexicon::parse(&text).unwrap();
        let additions = super::super::senses::parse(
            "عَقْد\t2\tnoun/adj\tdecade\tafter\nخَطَّط\t1\tverb\tplan;draw lines\tfirst\n\
             عَقْد\t1\tnoun/adj\tholding\tfirst\nخَطَّط\t1\tnoun/adj\tplan\tfirst\n",
        )
        .unwrap();
        assert_eq!(lexicon.add_senses(&additions), 3);
        let glosses: Vec<&str> = lexicon.stems().map(|stem| stem.gloss).collect();
        assert_eq!(
            glosses,
            [
                "book",
                "contract;agreement;decade",
                "contracts;agreements;decades",
                "plan;draw lines",
                "be demarcated",
            ]
        );
    }

    #[test]
    fn keys_fold_seats_and_final_letters_letter_by_letter() {
        assert_eq!(key("إِلَى"), "الي");
        assert_eq!(key("مَدْرَسَة"), "مدرسه");
        assert_eq!(key("أَبّ"), "اب");
    }

    #[test]
    fn a_bad_line_is_reported_with_its_number() {
        let text = TINY.replace("كِتاب\tN\tbook\n", "كِتاب\n");
        let error = Lexicon::parse(&text).unwrap_err();
        assert!(
            matches!(error, LexiconError::Line { line: 18, .. }),
            "{error}"
        );
        assert!(error.to_string().contains("\"كِتاب\""), "{error}");
        assert!(
            Lexicon::parse("hello\n")
                .unwrap_err()
                .to_string()
                .contains("line 1")
        );
        assert_eq!(
            Lexicon::parse("[prefixes]\n").unwrap_err(),
            LexiconError::NoStems
        );
    }
}
