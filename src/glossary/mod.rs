//! The glossary: entries (bundled, and the learner's own in the library),
//! how a word of running text is matched to them, and multi-word terms
//! found in a sentence.
//!
//! Matching normalises both sides ([`normalize`]) and tries the word's
//! readings from the glossary's [`Analyser`] (clitics and endings taken
//! off), best first; each match says how it was made ("و + حلفاء + ه").
//! The analyser is held here, as an `Arc<dyn Analyser>` (the clitic
//! stripper unless [`Glossary::set_analyser`] says otherwise), so that
//! everything that matches words against the glossary (the reader, the
//! statuses, `qari check` and `qari stats`) reads words the same way.

mod bundled;
mod entry;
mod exchange;
mod merge;
mod rank;
mod review;
mod stats;
mod store;
mod word_glosses;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::arabic::{
    Analyser, Analysis, CliticStripper, fold_marks, has_arabic_letter, normalize, numeral,
};

/// A word as written, vowels aside: hamza seats, ى and ة kept (alef wasla
/// is a plain alef).
fn spelling(word: &str) -> String {
    fold_marks(word).replace('ٱ', "ا")
}

pub use bundled::BUNDLED_GLOSSARY;
pub use entry::{Context, Entry, EntryError, MAX_FIELD_CHARS, Status, now};
pub use exchange::{CardContext, Format, ImportedRow, export, import};
pub use rank::{Ranked, rank_in_context};
pub use review::{Grade, Review, grade, is_due};
pub use stats::{Counts, Coverage, Stats, coverage, knowledge_stats};
pub use store::{
    GlossaryError, GlossaryFile, Merged, Saved, USER_FILE, UserGlossary, entry_for,
    load_glossary_file, parse_glossary, same_headword,
};
pub use word_glosses::WordGloss;

/// Where an entry comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    pub bundled: bool,
}

/// An entry found for a word, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index into [`Glossary::entries`].
    pub entry: usize,
    pub analysis: Analysis,
}

impl Match {
    /// Whether this match came through `reading` of the analyser's (not
    /// through a guess).
    pub fn explains(&self, reading: &Analysis) -> bool {
        !reading.guess && self.analysis.stem == reading.stem && self.analysis.lemma == reading.lemma
    }

    /// How the word matched: its reading with the matched spelling as the
    /// stem ("و + حلفاء + ه"), and the headword after an arrow when the
    /// spelling was one of the entry's other forms ("و + حلفاؤه, a form of حليف": an
    /// arrow would point the wrong way inside right-to-left text).
    pub fn how(&self, glossary: &Glossary) -> String {
        let entry = &glossary.entries[self.entry];
        let key = std::iter::once(&entry.headword)
            .chain(&entry.forms)
            .find(|k| normalize(k) == self.analysis.stem);
        match key {
            Some(key) if *key != entry.headword => {
                format!(
                    "{}, a form of {}",
                    self.analysis.describe(key),
                    entry.headword
                )
            }
            _ => self.analysis.describe(&entry.headword),
        }
    }
}

/// A run of words in a sentence and the entries found for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceMatch {
    /// Index of the first word, and how many words (more than one for a
    /// multi-word term).
    pub first: usize,
    pub len: usize,
    pub matches: Vec<Match>,
}

/// Every entry, indexed for lookup.
#[derive(Debug)]
pub struct Glossary {
    pub entries: Vec<Entry>,
    /// Where each entry came from (same index as `entries`).
    pub sources: Vec<usize>,
    pub files: Vec<Source>,
    /// Files that could not be read.
    pub problems: Vec<GlossaryError>,
    /// Single-word keys (headwords and forms, normalised) → entries.
    words: HashMap<String, Vec<usize>>,
    /// Multi-word terms by their first word: (all words, entry).
    phrases: HashMap<String, Vec<(Vec<String>, usize)>>,
    /// What words of text are read with.
    analyser: Arc<dyn Analyser>,
}

impl Default for Glossary {
    fn default() -> Glossary {
        Glossary {
            entries: Vec::new(),
            sources: Vec::new(),
            files: Vec::new(),
            problems: Vec::new(),
            words: HashMap::new(),
            phrases: HashMap::new(),
            analyser: Arc::new(CliticStripper),
        }
    }
}

impl Glossary {
    /// The analyser words are read with: for lookups, and for the
    /// headword of a new entry ([`Analyser::headword`]).
    pub fn analyser(&self) -> &dyn Analyser {
        self.analyser.as_ref()
    }

    /// Whether an entry's headword (or one of its forms) is `key`
    /// ([`normalize`]d), a single word.
    pub fn has_headword(&self, key: &str) -> bool {
        self.words.contains_key(key)
    }

    /// Reads words with `analyser` from now on. (A glossary loaded again
    /// starts with the clitic stripper: pass the analyser on.)
    pub fn set_analyser(&mut self, analyser: Arc<dyn Analyser>) {
        self.analyser = analyser;
    }

    /// The bundled glossary plus the learner's files in `dir` (every
    /// `*.toml`, `user.toml` last). A learner's entry hides a bundled entry
    /// with the same headword.
    pub fn load(dir: Option<&Path>) -> Glossary {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        for (name, text) in BUNDLED_GLOSSARY {
            let path = Path::new("glossary").join(name);
            match parse_glossary(text.as_bytes(), &path, true) {
                Ok(file) => files.push(file),
                Err(error) => problems.push(error),
            }
        }
        if let Some(dir) = dir
            && let Ok(listing) = std::fs::read_dir(dir)
        {
            let mut paths: Vec<PathBuf> = listing
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            paths.sort_by_key(|p| (p.file_name().is_some_and(|n| n == USER_FILE), p.clone()));
            for path in paths {
                match load_glossary_file(&path) {
                    Ok(file) => files.push(file),
                    Err(error) => problems.push(error),
                }
            }
        }
        let mut glossary = Glossary::from_files(files);
        glossary.problems = problems;
        glossary
    }

    /// Indexes `files`, later files overriding earlier ones by headword.
    pub fn from_files(files: Vec<GlossaryFile>) -> Glossary {
        let mut glossary = Glossary::default();
        let mut by_headword: HashMap<String, Vec<usize>> = HashMap::new();
        for file in files {
            let source = glossary.files.len();
            glossary.files.push(Source {
                path: file.path,
                bundled: file.bundled,
            });
            for entry in file.entries {
                let key = normalize(&entry.headword);
                // A learner's entry replaces those of earlier files for the
                // same word, vowels aside (bundled files do not hide each
                // other: كان and كأن fold together), never those of another
                // word that folds to its key (أن is not إن or الآن).
                if !file.bundled
                    && let Some(earlier) = by_headword.get_mut(&key)
                {
                    let (sources, entries) = (&glossary.sources, &glossary.entries);
                    let word = spelling(&entry.headword);
                    earlier.retain(|&i| {
                        sources[i] == source || spelling(&entries[i].headword) != word
                    });
                }
                let index = glossary.entries.len();
                by_headword.entry(key).or_default().push(index);
                glossary.entries.push(entry);
                glossary.sources.push(source);
            }
        }
        let mut live: Vec<usize> = by_headword.into_values().flatten().collect();
        live.sort_unstable();
        for index in live {
            let entry = &glossary.entries[index];
            let mut keys: Vec<String> = std::iter::once(&entry.headword)
                .chain(&entry.forms)
                .map(|k| normalize(k))
                .collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let words: Vec<String> = key.split(' ').map(str::to_owned).collect();
                if words.len() > 1 {
                    glossary
                        .phrases
                        .entry(words[0].clone())
                        .or_default()
                        .push((words, index));
                } else {
                    glossary.words.entry(key).or_default().push(index);
                }
            }
        }
        glossary
    }

    pub fn source_of(&self, entry: usize) -> &Source {
        &self.files[self.sources[entry]]
    }

    /// Entries for one word of text: the learner's own entries that match
    /// any reading, first; then the bundled entries of the best readings,
    /// those that take the fewest pieces off (كلم is the abbreviation
    /// before it is ك + لم). Each entry once.
    pub fn lookup(&self, word: &str) -> Vec<Match> {
        let normal = normalize(word);
        if let Some(entries) = self.phrase_entries(&normal) {
            return entries;
        }
        self.lookup_readings(&self.analyser.analyse_shared(word))
    }

    /// The analyser's readings of `word`, ranked in context (`previous` and
    /// `next` are the words before and after it, if any), and the entries
    /// found for it.
    pub fn readings_in_context(
        &self,
        word: &str,
        previous: Option<&str>,
        next: Option<&str>,
    ) -> (Ranked, Vec<Match>) {
        // The word is analysed once, for its entries and its readings.
        let readings = self.analyser.analyse_shared(word);
        let matches = match self.phrase_entries(&normalize(word)) {
            Some(entries) => entries,
            None => self.lookup_readings(&readings),
        };
        let ranked = rank_in_context(readings, previous, next, |r| {
            matches.iter().any(|m| m.explains(r))
        });
        (ranked, matches)
    }

    /// [`Glossary::lookup`] of a single word whose readings are known.
    ///
    /// When a lexicon confirms some readings, a bundled entry is found
    /// only as [`Glossary::confirmed_match`] allows: the clitic stripper's
    /// guesses would find تخطط's "line" (خط). A learner's entry is found
    /// through any reading.
    fn lookup_readings(&self, readings: &[Analysis]) -> Vec<Match> {
        let confirmed = readings.iter().any(|r| !r.guess);
        // The stems the lexicon split the word into, as the glossary keys
        // them: a guess that agrees with one is as good as confirmed.
        let lexicon_stems: Vec<String> = readings
            .iter()
            .filter(|r| !r.guess)
            .flat_map(|r| &r.segments)
            .filter(|s| s.kind == crate::arabic::SegmentKind::Stem)
            .map(|s| normalize(&s.form))
            .collect();
        let mut own: Vec<Match> = Vec::new();
        let mut bundled: Vec<Match> = Vec::new();
        for analysis in readings {
            let Some(entries) = self.words.get(&analysis.stem) else {
                continue;
            };
            for &entry in entries {
                let is_bundled = self.source_of(entry).bundled;
                if is_bundled && confirmed && !self.confirmed_match(entry, analysis, &lexicon_stems)
                {
                    continue;
                }
                // A learner's entry written with vowels is the lemma it
                // spells: عَلَم "flag" is not found through عِلْم.
                if !is_bundled
                    && !analysis.guess
                    && analysis
                        .lemma
                        .as_deref()
                        .is_some_and(|lemma| !same_headword(&self.entries[entry].headword, lemma))
                {
                    continue;
                }
                if is_bundled
                    && !confirmed
                    && bundled
                        .first()
                        .is_some_and(|best| best.analysis.cost() < analysis.cost())
                {
                    continue;
                }
                let list = if is_bundled { &mut bundled } else { &mut own };
                if list.iter().all(|m| m.entry != entry) {
                    list.push(Match {
                        entry,
                        analysis: analysis.clone(),
                    });
                }
            }
        }
        let bundled = self.prefer_doubled_spelling(bundled);
        own.extend(bundled);
        own
    }

    /// Of two bundled entries spelt alike but for a shadda (إن "if" and
    /// إنّ "indeed"), only the one whose shadda agrees with the reading's
    /// lemma is kept: إنهم is إنّ + هم, never the conditional.
    fn prefer_doubled_spelling(&self, bundled: Vec<Match>) -> Vec<Match> {
        let with_shadda = |word: &str| -> String {
            word.chars()
                .filter(|&c| c == '\u{0651}' || !crate::arabic::is_mark(c))
                .collect()
        };
        let agrees = |m: &Match| {
            m.analysis.lemma.as_deref().is_some_and(|lemma| {
                with_shadda(&self.entries[m.entry].headword) == with_shadda(lemma)
            })
        };
        let keep: Vec<bool> = bundled
            .iter()
            .map(|m| {
                agrees(m)
                    || !bundled.iter().any(|other| {
                        other.entry != m.entry
                            && agrees(other)
                            && other.analysis.lemma == m.analysis.lemma
                            && spelling(&self.entries[other.entry].headword)
                                == spelling(&self.entries[m.entry].headword)
                    })
            })
            .collect();
        bundled
            .into_iter()
            .zip(keep)
            .filter_map(|(m, keep)| keep.then_some(m))
            .collect()
    }

    /// Whether a bundled entry is found through `analysis` of a word the
    /// lexicon knows: through a confirmed reading whose lemma (or stem) is
    /// the entry's headword or one of its forms as written, vowels aside
    /// (hamza seats and all: the bundled كأن is not كان), a verb only for a
    /// verb (the bundled noun خط "line" is not the verb خَطّ); or through
    /// the stripper's reading of the whole word as it stands (بشأن); or,
    /// for a name, which the lexicon mostly lacks, through any guess
    /// (لواشنطن); or through a guess whose stem is one the lexicon split
    /// the word into (`lexicon_stems`: ال + أميركي, where the lexicon's
    /// lemma is spelled أمريكي).
    fn confirmed_match(&self, entry: usize, analysis: &Analysis, lexicon_stems: &[String]) -> bool {
        let found = &self.entries[entry];
        if analysis.guess {
            return analysis.cost() == 0
                || found.pos == "proper noun"
                || lexicon_stems.contains(&analysis.stem);
        }
        let Some(lemma) = &analysis.lemma else {
            return true;
        };
        let lemma = spelling(lemma);
        let stem = analysis
            .segments
            .iter()
            .find(|s| s.kind == crate::arabic::SegmentKind::Stem)
            .map(|s| spelling(&s.form));
        let entry = found;
        let verb = |pos: &str| pos == "verb";
        if !entry.pos.is_empty()
            && let Some(pos) = &analysis.pos
            && verb(&entry.pos) != verb(pos)
        {
            return false;
        }
        std::iter::once(&entry.headword)
            .chain(&entry.forms)
            .map(|key| spelling(key))
            .any(|key| key == lemma || stem.as_ref() == Some(&key))
    }

    /// A whole multi-word term typed as a lookup ("دير الزور").
    fn phrase_entries(&self, normal: &str) -> Option<Vec<Match>> {
        let words: Vec<&str> = normal.split(' ').collect();
        if words.len() < 2 {
            return None;
        }
        let found: Vec<Match> = self
            .phrases
            .get(words[0])?
            .iter()
            .filter(|(phrase, _)| phrase.iter().map(String::as_str).eq(words.iter().copied()))
            .map(|(_, entry)| Match {
                entry: *entry,
                analysis: Analysis::plain(normal),
            })
            .collect();
        (!found.is_empty()).then_some(found)
    }

    /// Entries for the words of a sentence, in one pass: at each word the
    /// longest multi-word term starting there (its first word may carry
    /// proclitics: والولايات المتحدة), else the word's own entries.
    pub fn match_sentence(&self, words: &[&str]) -> Vec<SentenceMatch> {
        let normal: Vec<String> = words.iter().map(|w| normalize(w)).collect();
        let mut out = Vec::new();
        let mut index = 0;
        while index < normal.len() {
            // The word is read once, for the terms it may start and for
            // its own entries.
            let readings = self.analyser.analyse_shared(words[index]);
            if let Some(found) = self.phrase_at(&normal, index, &readings) {
                index += found.len;
                out.push(found);
                continue;
            }
            let matches = if normal[index].contains(' ') {
                self.lookup(words[index])
            } else {
                self.lookup_readings(&readings)
            };
            if !matches.is_empty() {
                out.push(SentenceMatch {
                    first: index,
                    len: 1,
                    matches,
                });
            }
            index += 1;
        }
        out
    }

    fn phrase_at(
        &self,
        words: &[String],
        index: usize,
        readings: &[Analysis],
    ) -> Option<SentenceMatch> {
        let mut best: Option<SentenceMatch> = None;
        for analysis in readings {
            if !analysis.suffixes.is_empty() || analysis.change.is_some() {
                continue; // only proclitics can sit on the first word
            }
            let Some(candidates) = self.phrases.get(&analysis.stem) else {
                continue;
            };
            for (phrase, entry) in candidates {
                let len = phrase.len();
                let fits = words.len() >= index + len
                    && phrase[1..]
                        .iter()
                        .zip(&words[index + 1..])
                        .all(|(a, b)| a == b);
                let longer = best.as_ref().is_none_or(|b| len > b.len);
                if fits && longer {
                    best = Some(SentenceMatch {
                        first: index,
                        len,
                        matches: vec![Match {
                            entry: *entry,
                            analysis: analysis.clone(),
                        }],
                    });
                } else if fits
                    && let Some(best) = best.as_mut()
                    && best.len == len
                    && best.matches.iter().all(|m| m.entry != *entry)
                {
                    best.matches.push(Match {
                        entry: *entry,
                        analysis: analysis.clone(),
                    });
                }
            }
        }
        best
    }

    /// What the learner knows of each word of a sentence: the status of
    /// their own entry (new when it has none set), `None` for a word they
    /// have no entry for. A multi-word entry of theirs covers all its words;
    /// numerals count as ignored.
    pub fn knowledge(&self, words: &[&str]) -> Vec<Option<Status>> {
        let mut out: Vec<Option<Status>> = vec![None; words.len()];
        for found in self.match_sentence(words) {
            let range = found.first..found.first + found.len;
            let own = found
                .matches
                .iter()
                .find(|m| !self.source_of(m.entry).bundled);
            match own {
                Some(own) => {
                    let status = self.entries[own.entry].status.unwrap_or(Status::NEW);
                    out[range].fill(Some(status));
                }
                // A bundled term: its words may have entries of their own.
                None if found.len > 1 => {
                    for index in range {
                        out[index] = self.own_status(words[index]);
                    }
                }
                None => {}
            }
        }
        for (slot, word) in out.iter_mut().zip(words) {
            if numeral(word).is_some() {
                *slot = Some(Status::Ignored);
            }
        }
        out
    }

    /// The status of the learner's own entry for `word`, if they have one.
    fn own_status(&self, word: &str) -> Option<Status> {
        self.lookup(word)
            .into_iter()
            .find(|m| !self.source_of(m.entry).bundled)
            .map(|m| self.entries[m.entry].status.unwrap_or(Status::NEW))
    }

    /// Entries whose headword or forms contain `query` (Arabic, normalised)
    /// or whose glosses contain it (any other text, case-insensitive).
    pub fn search(&self, query: &str) -> Vec<usize> {
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        let arabic = has_arabic_letter(query);
        let needle = if arabic {
            normalize(query)
        } else {
            query.to_lowercase()
        };
        let mut hits: Vec<usize> = (0..self.entries.len())
            .filter(|&i| self.is_live(i))
            .filter(|&i| {
                let entry = &self.entries[i];
                if arabic {
                    std::iter::once(&entry.headword)
                        .chain(&entry.forms)
                        .any(|k| normalize(k).contains(&needle))
                } else {
                    entry
                        .senses
                        .iter()
                        .any(|s| contains_words(&s.to_lowercase(), &needle))
                }
            })
            .collect();
        // Exact headwords first, then shorter ones.
        hits.sort_by_key(|&i| {
            let head = normalize(&self.entries[i].headword);
            (head != needle, head.chars().count())
        });
        hits
    }

    /// Whether entry `index` is in use (not replaced by a later file's).
    pub fn is_live(&self, index: usize) -> bool {
        let key = normalize(&self.entries[index].headword);
        let single = self.words.get(&key).is_some_and(|v| v.contains(&index));
        single
            || self
                .phrases
                .values()
                .flatten()
                .any(|(_, entry)| *entry == index)
    }
}

/// Whether `needle` is in `text` as whole words: "war" is in "a war,
/// warfare" but not in "towards" (letters or digits on either side of it
/// make it part of another word).
fn contains_words(text: &str, needle: &str) -> bool {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(needle).any(|(start, found)| {
        let before = text[..start].chars().next_back();
        let after = text[start + found.len()..].chars().next();
        !is_word(before) && !is_word(after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(headword: &str, gloss: &str, forms: &[&str]) -> Entry {
        let mut entry = Entry::new(headword, gloss);
        entry.forms = forms.iter().map(|f| (*f).to_owned()).collect();
        entry
    }

    fn file(name: &str, bundled: bool, entries: Vec<Entry>) -> GlossaryFile {
        GlossaryFile {
            path: PathBuf::from(name),
            bundled,
            entries,
        }
    }

    /// The glosses of the entries found for `word`, with whether each is
    /// bundled.
    fn found(glossary: &Glossary, word: &str) -> Vec<(String, bool)> {
        glossary
            .lookup(word)
            .iter()
            .map(|m| {
                let entry = &glossary.entries[m.entry];
                (
                    entry.gloss().to_owned(),
                    glossary.source_of(m.entry).bundled,
                )
            })
            .collect()
    }

    #[test]
    fn a_learners_entry_replaces_the_bundled_one_with_the_same_headword() {
        let glossary = Glossary::from_files(vec![
            file(
                "bundled.toml",
                true,
                vec![
                    entry("حليف", "ally", &["حلفاء"]),
                    entry("جيش", "army", &[]),
                    entry("دير الزور", "Deir ez-Zor", &[]),
                ],
            ),
            // The same headwords, vowelled: they normalise alike.
            file(
                "user.toml",
                false,
                vec![
                    entry("حَلِيف", "partner", &[]),
                    entry("دير الزّور", "Deir ez-Zor (city)", &[]),
                ],
            ),
        ]);
        assert_eq!(found(&glossary, "حليف"), [("partner".to_owned(), false)]);
        assert_eq!(found(&glossary, "والحليف"), [("partner".to_owned(), false)]);
        // The bundled entry is gone with its forms.
        assert!(found(&glossary, "حلفاء").iter().all(|(g, _)| g != "ally"));
        assert_eq!(found(&glossary, "جيش"), [("army".to_owned(), true)]);
        assert_eq!(
            found(&glossary, "دير الزور"),
            [("Deir ez-Zor (city)".to_owned(), false)]
        );
        let sentence = glossary.match_sentence(&["في", "دير", "الزور"]);
        let term = sentence.iter().find(|m| m.len == 2).unwrap();
        assert_eq!(term.matches.len(), 1);
        assert_eq!(
            glossary.entries[term.matches[0].entry].gloss(),
            "Deir ez-Zor (city)"
        );
        let live: Vec<&str> = (0..glossary.entries.len())
            .filter(|&i| glossary.is_live(i))
            .map(|i| glossary.entries[i].gloss())
            .collect();
        assert_eq!(live, ["army", "partner", "Deir ez-Zor (city)"]);
        assert!(glossary.search("ally").is_empty());
        assert_eq!(glossary.search("partner").len(), 1);
        assert_eq!(glossary.search("حليف").len(), 1);
    }

    #[test]
    fn bundled_files_do_not_hide_each_other_and_later_learner_files_win() {
        let glossary = Glossary::from_files(vec![
            file(
                "function-words.toml",
                true,
                vec![entry("كأن", "as if", &[])],
            ),
            file("article.toml", true, vec![entry("كان", "was", &[])]),
            file("old.toml", false, vec![entry("جيش", "army (old)", &[])]),
            file("user.toml", false, vec![entry("جيش", "army (mine)", &[])]),
        ]);
        let mut both: Vec<String> = found(&glossary, "كان").into_iter().map(|f| f.0).collect();
        both.sort();
        assert_eq!(both, ["as if", "was"]);
        assert_eq!(found(&glossary, "جيش"), [("army (mine)".to_owned(), false)]);
        // Within one file, two entries that fold together both stay.
        let one = Glossary::from_files(vec![file(
            "user.toml",
            false,
            vec![entry("كأن", "as if", &[]), entry("كان", "was", &[])],
        )]);
        assert_eq!(one.lookup("كان").len(), 2);
    }

    #[test]
    fn load_reads_the_learners_files_with_user_toml_last() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, gloss: &str| {
            let text = format!("[[entry]]\nheadword = \"حليف\"\nsenses = [\"{gloss}\"]\n");
            std::fs::write(dir.path().join(name), text).unwrap();
        };
        write("user.toml", "mine");
        write("zz-shared.toml", "shared");
        write("notes.txt", "not a glossary");
        let glossary = Glossary::load(Some(dir.path()));
        assert!(glossary.problems.is_empty(), "{:?}", glossary.problems);
        assert_eq!(found(&glossary, "حليف"), [("mine".to_owned(), false)]);
        let names: Vec<String> = glossary
            .files
            .iter()
            .filter(|f| !f.bundled)
            .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["zz-shared.toml", "user.toml"]);
        // Without a folder: the bundled glossary alone.
        let bundled = Glossary::load(None);
        assert!(bundled.files.iter().all(|f| f.bundled));
        assert!(found(&bundled, "حليف").iter().all(|(_, b)| *b));
    }
}
