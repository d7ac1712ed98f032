//! `qari analyse [--json] [FILE|-]` and `qari lookup --json WORD…`: every
//! word token of a text (or each word given) with its readings, best first,
//! as JSON Lines for scripts (and for our own acceptance checks), or one
//! line per word for people.
//!
//! A reading comes from the learner's glossary (`learner`), the bundled one
//! (`bundled`), the morphological analyser (`analyser`), a dictionary (its
//! name) or, for a word nothing knows, the clitic stripper (`guess`). In a
//! text, readings are ranked in context
//! ([`rank_in_context`](crate::glossary::rank_in_context)).

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;

use serde::Serialize;

use crate::arabic::{Analysis, has_arabic_letter, numeral};
use crate::article::{split, words};
use crate::dict::{DictMatch, Dictionaries};
use crate::glossary::{Glossary, Match, Ranked};

use super::Error;
use super::import::read_text;
use super::output::{load_glossary_analysed, load_glossary_and_dictionaries};
use crate::article::Library;

/// `qari analyse [--json] [FILE|-]`: the library's glossaries and the
/// analyser over the text in `file` (standard input for `-` or none).
pub fn run_analyse(
    library: &Library,
    file: Option<&Path>,
    json: bool,
    stdin: impl Read,
    out: impl Write,
    err: impl Write,
) -> Result<Analysed, Error> {
    let glossary = load_glossary_analysed(library, err)?;
    let text = read_text(file.unwrap_or(Path::new("-")), stdin)?;
    analyse(&glossary, &text, json, out)
}

/// `qari lookup --json WORD…` (`-` alone: one word per line of standard
/// input).
pub fn run_lookup_json(
    library: &Library,
    dictionaries: impl FnOnce() -> Dictionaries + Send,
    words: &[String],
    stdin: impl Read,
    out: impl Write,
    mut err: impl Write,
) -> Result<usize, Error> {
    let (glossary, dictionaries) = load_glossary_and_dictionaries(library, dictionaries, &mut err)?;
    for problem in &dictionaries.problems {
        writeln!(err, "qari: skipped dictionary {problem}")?;
    }
    let words: Vec<String> = if words == ["-"] {
        let mut lines = Vec::new();
        for line in BufReader::new(stdin)
            .take(crate::files::TEXT_IMPORT.limit)
            .lines()
        {
            lines.push(line?);
        }
        lines
    } else {
        words.to_vec()
    };
    lookup_json(&glossary, &dictionaries, &words, out)
}

/// One morpheme, as written in JSON. Borrowed from the reading it is of:
/// `analyse` writes a thousand words in a few milliseconds, and copying
/// every string first was most of that.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct JsonSegment<'a> {
    pub form: &'a str,
    pub kind: &'static str,
    pub pos: &'a str,
    pub gloss: &'a str,
}

/// One reading, as written in JSON, borrowed from the analysis, entry or
/// dictionary match it is made of.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct JsonReading<'a> {
    pub vocalized: &'a str,
    pub lemma: &'a str,
    pub root: &'a str,
    pub pattern: &'a str,
    pub pos: &'a str,
    /// Senses of the lemma, the likeliest first.
    pub gloss: Vec<&'a str>,
    /// A short gloss of the word as it stands ("and his allies").
    pub word_gloss: &'a str,
    pub translit: &'a str,
    pub source: Cow<'a, str>,
    pub segments: Vec<JsonSegment<'a>>,
}

/// One word token, as written in JSON.
#[derive(Debug, Serialize)]
pub struct JsonWord<'a> {
    pub word: &'a str,
    pub paragraph: usize,
    pub sentence: usize,
    pub readings: Vec<JsonReading<'a>>,
}

/// How many tokens `analyse` wrote, and how many got a reading that is not
/// a guess.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Analysed {
    pub tokens: usize,
    pub understood: usize,
}

fn from_analysis(analysis: &Analysis) -> JsonReading<'_> {
    fn text(field: &Option<String>) -> &str {
        field.as_deref().unwrap_or("")
    }
    JsonReading {
        vocalized: text(&analysis.vocalised),
        lemma: analysis.lemma.as_deref().unwrap_or(&analysis.stem),
        root: text(&analysis.root),
        pattern: text(&analysis.pattern),
        pos: text(&analysis.pos),
        gloss: analysis
            .segments
            .iter()
            .find(|s| s.kind == crate::arabic::SegmentKind::Stem)
            .map(|s| senses(&s.gloss))
            .unwrap_or_default(),
        word_gloss: text(&analysis.gloss),
        translit: text(&analysis.translit),
        source: Cow::Borrowed(if analysis.guess { "guess" } else { "analyser" }),
        segments: analysis
            .segments
            .iter()
            .map(|s| JsonSegment {
                form: &s.form,
                kind: s.kind.name(),
                pos: &s.pos,
                gloss: &s.gloss,
            })
            .collect(),
    }
}

/// BAMA's "desire;aspire" as ["desire", "aspire"].
fn senses(gloss: &str) -> Vec<&str> {
    gloss
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

fn from_entry<'a>(glossary: &'a Glossary, found: &Match) -> JsonReading<'a> {
    let entry = &glossary.entries[found.entry];
    let bundled = glossary.source_of(found.entry).bundled;
    JsonReading {
        vocalized: "",
        lemma: &entry.headword,
        root: &entry.root,
        pattern: &entry.pattern,
        pos: &entry.pos,
        gloss: entry.senses.iter().map(String::as_str).collect(),
        word_gloss: "",
        translit: &entry.translit,
        source: Cow::Borrowed(if bundled { "bundled" } else { "learner" }),
        segments: Vec::new(),
    }
}

/// An entry read as a reading of the analyser's: the entry's lemma and
/// senses, the reading's vowels, segments and the rest.
fn merged<'a>(glossary: &'a Glossary, found: &Match, analysis: &'a Analysis) -> JsonReading<'a> {
    let entry = from_entry(glossary, found);
    let reading = from_analysis(analysis);
    let or = |a: &'a str, b: &'a str| if a.is_empty() { b } else { a };
    JsonReading {
        vocalized: reading.vocalized,
        lemma: or(reading.lemma, entry.lemma),
        root: or(reading.root, entry.root),
        pattern: or(reading.pattern, entry.pattern),
        pos: or(entry.pos, reading.pos),
        gloss: entry.gloss,
        word_gloss: reading.word_gloss,
        translit: or(reading.translit, entry.translit),
        source: entry.source,
        segments: reading.segments,
    }
}

/// A dictionary's result as a reading.
fn from_dictionary(found: &DictMatch) -> JsonReading<'_> {
    JsonReading {
        vocalized: "",
        lemma: &found.headword,
        root: "",
        pattern: "",
        pos: "",
        gloss: found.senses.iter().map(String::as_str).collect(),
        word_gloss: "",
        translit: "",
        source: Cow::Borrowed(&found.dictionary),
        segments: Vec::new(),
    }
}

/// The readings of one word, best first: the analyser's (ranked in
/// context when the caller gave its neighbours), each told by the glossary
/// entry for its lemma when there is one; the learner's entries found otherwise
/// first, and other entries after; then the dictionaries' results. A guess
/// only when nothing else reads the word.
fn readings_of<'a>(
    glossary: &'a Glossary,
    analyses: &'a Ranked,
    matches: &[Match],
    dictionary_results: &'a [DictMatch],
) -> Vec<JsonReading<'a>> {
    let same = |m: &Match, a: &Analysis| m.explains(a);
    let mut used = vec![false; matches.len()];
    let mut out: Vec<JsonReading> = Vec::with_capacity(analyses.len() + matches.len());
    // The learner's entries that no confirmed reading explains (an entry
    // for the word as written) first: they are the learner's word.
    for (i, found) in matches.iter().enumerate() {
        let own = !glossary.source_of(found.entry).bundled;
        if own && !analyses.iter().any(|a| same(found, a)) {
            out.push(from_entry(glossary, found));
            used[i] = true;
        }
    }
    let sure = analyses.iter().any(|a| !a.guess);
    for analysis in analyses.iter().filter(|a| !a.guess) {
        let mut told = false;
        for (i, found) in matches.iter().enumerate() {
            if !used[i] && same(found, analysis) {
                out.push(merged(glossary, found, analysis));
                used[i] = true;
                told = true;
            }
        }
        if !told {
            out.push(from_analysis(analysis));
        }
    }
    for (i, found) in matches.iter().enumerate() {
        if !used[i] {
            out.push(from_entry(glossary, found));
        }
    }
    if !sure && out.is_empty() {
        out.extend(analyses.iter().take(1).map(from_analysis));
    }
    out.extend(dictionary_results.iter().map(from_dictionary));
    out
}

/// Whether a token is a word to analyse: Arabic letters, not a number.
fn is_word(token: &str) -> bool {
    has_arabic_letter(token) && numeral(token).is_none()
}

/// Analyses `text` (each non-blank line a paragraph, split into sentences
/// as `qari import` splits them) and writes one line per word token.
pub fn analyse(
    glossary: &Glossary,
    text: &str,
    json: bool,
    mut out: impl Write,
) -> Result<Analysed, Error> {
    let mut counts = Analysed::default();
    let split = split(text);
    let mut sentence_number = 0;
    for (p, paragraph) in split.paragraphs.iter().enumerate() {
        for sentence in paragraph {
            sentence_number += 1;
            let mut previous: Option<&str> = None;
            let tokens: Vec<&str> = words(sentence)
                .into_iter()
                .map(|range| &sentence[range])
                .collect();
            for (i, &word) in tokens.iter().enumerate() {
                if !is_word(word) {
                    previous = Some(word);
                    continue;
                }
                let next = tokens.get(i + 1).copied();
                let (analyses, matches) = glossary.readings_in_context(word, previous, next);
                let readings = readings_of(glossary, &analyses, &matches, &[]);
                counts.tokens += 1;
                if readings.iter().any(|r| r.source != "guess") {
                    counts.understood += 1;
                }
                write_word(&mut out, json, word, p + 1, sentence_number, readings)?;
                previous = Some(word);
            }
        }
    }
    Ok(counts)
}

/// `qari lookup --json`: each word on its own (no context), with the
/// dictionaries' results too.
pub fn lookup_json(
    glossary: &Glossary,
    dictionaries: &Dictionaries,
    words: &[String],
    mut out: impl Write,
) -> Result<usize, Error> {
    let mut found = 0;
    for word in words {
        let word = word.trim();
        if word.is_empty() {
            continue;
        }
        let (analyses, matches) = glossary.readings_in_context(word, None, None);
        let from_dictionaries = dictionaries.lookup(word);
        let readings = readings_of(glossary, &analyses, &matches, &from_dictionaries);
        found += usize::from(!readings.is_empty());
        write_word(&mut out, true, word, 0, 0, readings)?;
    }
    Ok(found)
}

fn write_word(
    out: &mut impl Write,
    json: bool,
    word: &str,
    paragraph: usize,
    sentence: usize,
    readings: Vec<JsonReading>,
) -> Result<(), Error> {
    if json {
        let line = JsonWord {
            word,
            paragraph,
            sentence,
            readings,
        };
        serde_json::to_writer(&mut *out, &line).map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        match readings.first() {
            Some(r) => {
                let gloss = if r.word_gloss.is_empty() {
                    r.gloss.first().copied().unwrap_or_default()
                } else {
                    r.word_gloss
                };
                writeln!(
                    out,
                    "{word}\t{}\t{}\t{}\t{}\t{gloss}\t{}",
                    r.vocalized, r.lemma, r.root, r.pos, r.source
                )?;
            }
            None => writeln!(out, "{word}\t\t\t\t\tno analysis\t")?,
        }
    }
    Ok(())
}
