//! A dictionary, whatever its format, held one of two ways.
//!
//! - Loaded: the text of its definitions, made once at load; the entries (a
//!   headword and where its definition is in that text); and the index from
//!   normalised Arabic to entries, by headword for an Arabic → English
//!   dictionary, by the Arabic of the definitions ([`super::reverse`]) for
//!   an English → Arabic one. A lookup is a few hash probes, and each match
//!   copies its senses out of the text. When the data is already the text
//!   (dictd's UTF-8), it is kept as is, and entries point into it;
//!   otherwise (StarDict fields and markup, bytes that are not UTF-8) each
//!   distinct definition is made into text once, and the entries that
//!   share it point at the same text.
//! - Cached ([`super::cache`]): the same index and entries, serialised from
//!   a loaded dictionary into one buffer and binary-searched; each match
//!   reads its definition's span from the definitions file.
//!
//! Both give the same matches, in the same order, with the same senses.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use super::cache::Cached;
use super::reverse::{self, ReverseIndex};
use super::{Analysis, DictError, DictMatch, has_arabic_letter, normalize};
use crate::files::DICTIONARY_DATA;

/// At most this many entries of one dictionary answer one lookup (more
/// say nothing a learner can read, and each costs its senses' copies).
const MAX_MATCHES: usize = 20;
/// At most this many candidate entries are looked at per lookup.
const MAX_CANDIDATES: usize = 200;

/// Where a format puts an entry's headword.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    /// In the definition, as its first line (dictd: "Government /ɡˈʌvənmənt/").
    FirstLine,
    /// Only in the index (StarDict): shown as the definition's first line.
    Apart,
}

/// How a definition's bytes become text.
pub(super) type Convert = Box<dyn Fn(&[u8]) -> String>;

/// What a format's parser found: entries as spans of the data.
pub(super) struct Parsed {
    /// The dictionary's name.
    pub name: String,
    /// The definitions file, decompressed.
    pub data: Vec<u8>,
    /// Headword, and start and length in `data` of its definition.
    pub entries: Vec<(String, u32, u32)>,
    pub layout: Layout,
    /// How a definition's bytes become text; `None` when they are text
    /// already (UTF-8, any byte that is not shown as U+FFFD).
    pub convert: Option<Convert>,
}

/// A dictionary, loaded or cached.
pub struct Dictionary {
    /// Its name: the file name without extension (e.g. `freedict-ara-eng`),
    /// or a StarDict `bookname`.
    pub name: String,
    /// True for an English → Arabic dictionary indexed by its definitions.
    pub reverse: bool,
    layout: Layout,
    body: Body,
}

/// Where a dictionary's entries and index are.
enum Body {
    Loaded(Loaded),
    Cached(Cached),
}

/// A dictionary whose text, entries and index are in memory.
pub(super) struct Loaded {
    /// The definitions' text: the data itself, or each distinct definition
    /// made into text (its non-empty lines, trimmed, each followed by a
    /// newline), one after another.
    text: String,
    /// Headword, and start and end in `text` of its definition (the
    /// parser's list, its spans replaced in place).
    pub(super) entries: Vec<(String, u32, u32)>,
    pub(super) keys: Keys,
}

/// The index.
pub(super) enum Keys {
    /// Normalised Arabic headword → entries.
    Forward(HashMap<String, Vec<u32>>),
    Reverse(ReverseIndex),
}

/// Where the text of definitions comes from while a dictionary is built.
enum Source {
    /// The data is the text: entries point into it.
    Text(String),
    /// Each distinct definition is made into text.
    Made {
        data: Vec<u8>,
        convert: Convert,
        text: String,
    },
}

impl fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Dictionary");
        out.field("name", &self.name)
            .field("reverse", &self.reverse)
            .field("entries", &self.len());
        match &self.body {
            Body::Loaded(loaded) => out.field("text_bytes", &loaded.text.len()),
            Body::Cached(cached) => out.field("cache_bytes", &cached.size()),
        };
        out.finish_non_exhaustive()
    }
}

impl Dictionary {
    /// How many headwords it has.
    pub fn len(&self) -> usize {
        match &self.body {
            Body::Loaded(loaded) => loaded.entries.len(),
            Body::Cached(cached) => cached.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when its index comes from a cache ([`super::cache`]).
    pub fn is_cached(&self) -> bool {
        matches!(self.body, Body::Cached(_))
    }

    /// A dictionary read through `cached`.
    pub(super) fn cached(name: String, layout: Layout, cached: Cached) -> Dictionary {
        Dictionary {
            name,
            reverse: cached.reverse(),
            layout,
            body: Body::Cached(cached),
        }
    }

    /// What a cache is made of: the loaded entries and index (`None` for
    /// a cached dictionary).
    pub(super) fn loaded(&self) -> Option<&Loaded> {
        match &self.body {
            Body::Loaded(loaded) => Some(loaded),
            Body::Cached(_) => None,
        }
    }

    /// Makes the definitions' text and builds the index. Each distinct
    /// definition span is read once, however many entries share it;
    /// overlapping spans could make what is read far larger than the data,
    /// so more than twice the data cap is refused (naming `main`, the
    /// dictionary's main file).
    pub(super) fn build(parsed: Parsed, main: &Path) -> Result<Dictionary, DictError> {
        let Parsed {
            name,
            data,
            entries: mut spans,
            layout,
            convert,
        } = parsed;
        let reverse = reverse::is_reverse(spans.iter().map(|(headword, ..)| headword.as_str()));
        let mut source = Source::new(data, convert, &spans);
        let mut keys = if reverse {
            Keys::Reverse(ReverseIndex::default())
        } else {
            Keys::Forward(HashMap::new())
        };
        // Each distinct span read: where its text is, and its number.
        let mut read: HashMap<(u32, u32), ((u32, u32), u32)> = HashMap::new();
        let needs_reading = reverse || matches!(source, Source::Made { .. });
        let mut scanned: u64 = 0;
        let limit = 2 * DICTIONARY_DATA.limit;
        let too_much = || DictError::Overlapping {
            path: main.to_path_buf(),
            limit,
        };
        for (number, (headword, span_start, span_len)) in spans.iter_mut().enumerate() {
            let (number, start, len) = (number as u32, *span_start, *span_len);
            let mut range = (start, start.saturating_add(len));
            if needs_reading {
                if let Some(&(at, definition)) = read.get(&(start, len)) {
                    if let Keys::Reverse(index) = &mut keys {
                        index.add_entry(definition, number);
                    }
                    range = at;
                } else {
                    scanned += u64::from(len);
                    if scanned > limit {
                        return Err(too_much());
                    }
                    let index = |body: &str| {
                        if let Keys::Reverse(index) = &mut keys {
                            // Not dictd's headword line: its Arabic, if
                            // any, is no translation.
                            let skip = usize::from(layout == Layout::FirstLine);
                            index.add_definition(number, body.lines().skip(skip));
                        }
                    };
                    range = source.read(start, len, index).ok_or_else(too_much)?;
                    read.insert((start, len), (range, read.len() as u32));
                }
            }
            if let Keys::Forward(index) = &mut keys
                && has_arabic_letter(headword)
            {
                index.entry(normalize(headword)).or_default().push(number);
            }
            // From here on the entry holds where its text is.
            (*span_start, *span_len) = range;
        }
        Ok(Dictionary {
            name,
            reverse,
            layout,
            body: Body::Loaded(Loaded {
                text: source.into_text(),
                entries: spans,
                keys,
            }),
        })
    }

    /// Entries for the best readings of a word: those of the lowest cost
    /// that finds anything (at most [`MAX_MATCHES`], from at most
    /// [`MAX_CANDIDATES`] entries looked at), each headword once.
    pub(super) fn lookup(&self, readings: &[Analysis]) -> Vec<DictMatch> {
        let mut out: Vec<DictMatch> = Vec::new();
        let mut candidates = 0;
        for analysis in readings {
            if out
                .first()
                .is_some_and(|m| m.analysis.cost() < analysis.cost())
            {
                break;
            }
            for entry in self.entries_for(&analysis.stem) {
                candidates += 1;
                if out.len() >= MAX_MATCHES || candidates > MAX_CANDIDATES {
                    return out;
                }
                let Some(found) = self.entry_match(entry, analysis) else {
                    continue;
                };
                if out.iter().any(|m| m.headword == found.headword) {
                    continue;
                }
                out.push(found);
            }
        }
        out
    }

    /// The entries of an English → Arabic dictionary whose headword is
    /// `english` (any case), read forwards: `qari lookup inflation` (at
    /// most [`MAX_MATCHES`]). Nothing from an Arabic → English one.
    pub(super) fn lookup_english(&self, english: &str) -> Vec<DictMatch> {
        let wanted = english.trim().to_lowercase();
        if !self.reverse || wanted.is_empty() {
            return Vec::new();
        }
        let analysis = Analysis {
            stem: wanted.clone(),
            ..Analysis::default()
        };
        let entries: Vec<u32> = match &self.body {
            Body::Loaded(loaded) => (loaded.entries.iter().enumerate())
                .filter(|(_, (headword, ..))| headword.trim().to_lowercase() == wanted)
                .map(|(number, _)| number as u32)
                .take(MAX_MATCHES)
                .collect(),
            Body::Cached(cached) => cached.english(&wanted).take(MAX_MATCHES).collect(),
        };
        (entries.into_iter())
            .filter_map(|entry| self.entry_match(entry, &analysis))
            .collect()
    }

    /// Entry number `entry` as a match found through `analysis` (`None`
    /// for a number past the entries).
    fn entry_match(&self, entry: u32, analysis: &Analysis) -> Option<DictMatch> {
        Some(match &self.body {
            Body::Loaded(loaded) => {
                let (headword, start, end) = loaded.entries.get(entry as usize)?;
                let text = (loaded.text)
                    .get(*start as usize..*end as usize)
                    .unwrap_or_default();
                self.make_match(headword, text, analysis)
            }
            Body::Cached(cached) => {
                let (headword, text) = cached.entry(entry)?;
                self.make_match(headword, &text, analysis)
            }
        })
    }

    /// The entry `headword`, its definition's text `text`, as a match
    /// found through `analysis`: its title line, when it repeats the
    /// headword, gives the headword as written ("Government /ɡˈʌvənmənt/"
    /// → "Government"); the other lines are the senses.
    fn make_match(&self, headword: &str, text: &str, analysis: &Analysis) -> DictMatch {
        let mut lines = self.lines(headword, text).peekable();
        let mut title: &str = headword;
        if let Some(first) = lines.peek()
            && starts_with_caseless(first, headword)
        {
            title = first.split(" /").next().unwrap_or(first).trim();
            lines.next();
        }
        DictMatch {
            dictionary: self.name.clone(),
            headword: title.to_owned(),
            senses: lines.map(|line| unnumbered(line).to_owned()).collect(),
            analysis: analysis.clone(),
            reverse: self.reverse,
        }
    }

    /// The entries indexed under `key`.
    fn entries_for<'a>(&'a self, key: &str) -> Box<dyn Iterator<Item = u32> + 'a> {
        let loaded = match &self.body {
            Body::Loaded(loaded) => loaded,
            Body::Cached(cached) => return Box::new(cached.keyed(key)),
        };
        let (forward, reverse) = match &loaded.keys {
            Keys::Forward(index) => (index.get(key), None),
            Keys::Reverse(index) => (None, Some(index.entries(key))),
        };
        let forward = forward.into_iter().flatten().copied();
        Box::new(forward.chain(reverse.into_iter().flatten()))
    }

    /// The non-empty lines, trimmed, of an entry's definition (its text
    /// `text`) as dictd writes it: the headword first (for StarDict, the
    /// headword's own).
    fn lines<'a>(&self, headword: &'a str, text: &'a str) -> impl Iterator<Item = &'a str> {
        let headword = match self.layout {
            Layout::FirstLine => "",
            Layout::Apart => headword,
        };
        headword
            .lines()
            .chain(text.lines())
            .map(str::trim)
            .filter(|l| !l.is_empty())
    }
}

impl Source {
    /// The data as the text when it is (no conversion, UTF-8, every span
    /// starting and ending on a character), else the means to make it.
    fn new(data: Vec<u8>, convert: Option<Convert>, spans: &[(String, u32, u32)]) -> Source {
        let on_characters = |text: &str| {
            spans.iter().all(|&(_, start, len)| {
                text.is_char_boundary(start as usize)
                    && text.is_char_boundary(start as usize + len as usize)
            })
        };
        let (convert, data) = match (convert, String::from_utf8(data)) {
            (None, Ok(text)) if on_characters(&text) => return Source::Text(text),
            (convert, Ok(text)) => (convert, text.into_bytes()),
            (convert, Err(error)) => (convert, error.into_bytes()),
        };
        Source::Made {
            data,
            convert: convert
                .unwrap_or_else(|| Box::new(|bytes| String::from_utf8_lossy(bytes).into_owned())),
            text: String::new(),
        }
    }

    /// Reads the span `start`, `len` of the data: hands its text to
    /// `index` and keeps it. Gives where it is in the text (`None` past
    /// 4 GiB of text made).
    fn read(&mut self, start: u32, len: u32, index: impl FnOnce(&str)) -> Option<(u32, u32)> {
        let end = start.checked_add(len)?;
        let (data, convert, text) = match self {
            Source::Text(text) => {
                index(text.get(start as usize..end as usize).unwrap_or_default());
                return Some((start, end));
            }
            Source::Made {
                data,
                convert,
                text,
            } => (data, convert, text),
        };
        let body = convert(span(data, start, len));
        index(&body);
        let at = text.len();
        for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
            text.push_str(line);
            text.push('\n');
        }
        Some((u32::try_from(at).ok()?, u32::try_from(text.len()).ok()?))
    }

    fn into_text(self) -> String {
        match self {
            Source::Text(text) => text,
            Source::Made { mut text, .. } => {
                text.shrink_to_fit();
                text
            }
        }
    }
}

/// The bytes of a span (empty when out of range).
fn span(data: &[u8], start: u32, len: u32) -> &[u8] {
    let start = start as usize;
    data.get(start..start.saturating_add(len as usize))
        .unwrap_or_default()
}

/// A sense without its number: "1. Dominated" → "Dominated".
fn unnumbered(line: &str) -> &str {
    line.trim_start_matches(|c: char| c.is_ascii_digit())
        .strip_prefix(". ")
        .unwrap_or(line)
        .trim()
}

/// `text.to_lowercase().starts_with(&prefix.to_lowercase())`, without
/// making either string: character by character, unless one holds a Σ
/// (whose lowercase depends on the letters around it).
fn starts_with_caseless(text: &str, prefix: &str) -> bool {
    if prefix.contains('Σ') || text.contains('Σ') {
        return text.to_lowercase().starts_with(&prefix.to_lowercase());
    }
    let mut text = text.chars().flat_map(char::to_lowercase);
    prefix
        .chars()
        .flat_map(char::to_lowercase)
        .all(|c| text.next() == Some(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arabic::analyses;

    /// How qari made a match's title and senses before definitions were
    /// made at load: from the whole definition text, as dictd writes it.
    fn senses_from_text(headword: &str, text: &str) -> (String, Vec<String>) {
        let mut lines = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .peekable();
        let mut title = headword.to_owned();
        if let Some(first) = lines.peek()
            && first.to_lowercase().starts_with(&headword.to_lowercase())
        {
            title = first.split(" /").next().unwrap_or(first).trim().to_owned();
            lines.next();
        }
        let senses = lines.map(|line| unnumbered(line).to_owned()).collect();
        (title, senses)
    }

    /// A one-entry dictionary with `headword`'s definition `body` (made
    /// into text at load for StarDict's layout, the data as is for
    /// dictd's), and what looking up `word` in it gives.
    fn one_entry(
        layout: Layout,
        headword: &str,
        body: &[u8],
        word: &str,
    ) -> Vec<(String, Vec<String>)> {
        let convert: Option<Convert> = match layout {
            Layout::FirstLine => None,
            Layout::Apart => Some(Box::new(|b| String::from_utf8_lossy(b).into_owned())),
        };
        let parsed = Parsed {
            name: "test".to_owned(),
            data: body.to_vec(),
            entries: vec![(headword.to_owned(), 0, body.len() as u32)],
            layout,
            convert,
        };
        let dictionary = Dictionary::build(parsed, Path::new("t.index")).unwrap();
        dictionary
            .lookup(&analyses(&normalize(word)))
            .into_iter()
            .map(|m| (m.headword, m.senses))
            .collect()
    }

    #[test]
    fn titles_and_senses_of_dictd_and_stardict_definitions() {
        let found = one_entry(
            Layout::FirstLine,
            "سيطر",
            "سيطر /sˈajt̪ar/\n1. Dominated\n2. Dominate\n".as_bytes(),
            "سيطر",
        );
        assert_eq!(
            found,
            [(
                "سيطر".to_owned(),
                vec!["Dominated".to_owned(), "Dominate".to_owned()]
            )]
        );
        // StarDict leaves the headword out of the definition.
        let found = one_entry(
            Layout::Apart,
            "الحكومة",
            b"government\n\n cabinet ",
            "والحكومة",
        );
        assert_eq!(
            found,
            [(
                "الحكومة".to_owned(),
                vec!["government".to_owned(), "cabinet".to_owned()]
            )]
        );
        // Headwords that do not start their definition's first line, and
        // dictd data that is not UTF-8 (made into text at load).
        for (layout, headword, body) in [
            (Layout::FirstLine, "حكم", &b"something else\n1. rule"[..]),
            (Layout::FirstLine, "حكم", b"\xff\n1. rule\xd8"),
            (
                Layout::FirstLine,
                "حكم",
                b"  \xd8\xad\xd9\x83\xd9\x85 /x/ \n\n\xff 2. rule",
            ),
            (Layout::Apart, "حكم ", b"rule"),
            (Layout::Apart, " حكم", b"rule"),
            (Layout::Apart, "حكم\nثاني", b"rule"),
            (Layout::Apart, "حكم\r", b"\nrule\r\n2. reign"),
        ] {
            let body_text = String::from_utf8_lossy(body);
            let text = match layout {
                Layout::FirstLine => body_text.into_owned(),
                Layout::Apart => format!("{headword}\n{body_text}"),
            };
            let found = one_entry(layout, headword, body, headword);
            assert_eq!(
                found,
                [senses_from_text(headword, &text)],
                "{headword:?} {body:?}"
            );
        }
    }

    #[test]
    fn senses_lose_their_numbers() {
        assert_eq!(unnumbered("1. Dominated"), "Dominated");
        assert_eq!(unnumbered("12. x "), "x");
        assert_eq!(unnumbered("1.5 km"), "1.5 km");
        assert_eq!(unnumbered("Ally"), "Ally");
    }

    #[test]
    fn caseless_prefix_as_lowercasing_both() {
        let cases = [
            ("Government /ɡˈʌvənmənt/", "government"),
            ("government", "Government"),
            ("سيطر /sˈajt̪ar/", "سيطر"),
            ("İstanbul", "i̇st"),
            ("İstanbul", "is"),
            ("ΟΔΟΣ x", "οδος"),
            ("ΟΔΟΣ x", "οδοσ"),
            ("ΣΑ", "σ"),
            ("short", "shorter"),
            ("", ""),
            ("x", ""),
        ];
        for (text, prefix) in cases {
            assert_eq!(
                starts_with_caseless(text, prefix),
                text.to_lowercase().starts_with(&prefix.to_lowercase()),
                "{text:?} {prefix:?}"
            );
        }
    }
}
