//! Installed dictionaries: dictd (`NAME.index` + `NAME.dict[.dz]`) and
//! StarDict (`NAME.ifo` + `NAME.idx` + `NAME.dict[.dz]`), looked up with the
//! glossary's normalisation and clitic stripping.
//!
//! A dictionary whose headwords are mostly Arabic is indexed by headword
//! (Arabic → English). One whose headwords are not (English → Arabic, such
//! as FreeDict's eng-ara, which lists الحكومة under "Government") is indexed
//! the other way round: by the Arabic words of its definitions, so a word
//! missing from the first kind is still glossed, marked as a reverse match.
//!
//! Loading reads each file once into memory (dictzip is gzip) and builds a
//! hash index, so a lookup is a few hash probes, not a scan. Entries keep
//! ranges into the one data buffer, so entries that share a definition
//! share its bytes; a definition is turned into text when looked up. Every
//! file is read within the caps of [`crate::files`] (regular files only,
//! [`DICTIONARY_FILE`] each, [`DICTIONARY_DATA`] once decompressed).

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::arabic::{Analysis, analyses, has_arabic_letter, normalize};
use crate::files::{DICTIONARY_DATA, DICTIONARY_FILE, FileError, read_capped, thousands};

/// At most this many entries of one dictionary answer one lookup (more
/// say nothing a learner can read, and each costs its definition's text).
const MAX_MATCHES: usize = 20;
/// At most this many candidate entries are looked at per lookup.
const MAX_CANDIDATES: usize = 200;

/// A dictionary in memory.
#[derive(Debug)]
pub struct Dictionary {
    /// Its name: the file name without extension (e.g. `freedict-ara-eng`).
    pub name: String,
    /// True for an English → Arabic dictionary indexed by its definitions.
    pub reverse: bool,
    /// The data file (decompressed): the definitions.
    data: Vec<u8>,
    format: Format,
    /// Headword and definition span (in `data`) of each entry.
    entries: Vec<(String, u32, u32)>,
    /// Normalised Arabic key → entries; for a reverse dictionary →
    /// definitions (indices into `bodies`).
    index: HashMap<String, Vec<u32>>,
    /// A reverse dictionary's distinct definition spans: the entries that
    /// share each.
    bodies: Vec<Vec<u32>>,
}

/// How a definition's bytes become text.
#[derive(Debug)]
enum Format {
    /// dictd: plain text, its first line the headword.
    Dictd,
    /// StarDict, with its `sametypesequence` (empty when absent).
    StarDict(String),
}

/// A dictionary's answer for a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictMatch {
    pub dictionary: String,
    /// Arabic → English: the Arabic headword; reverse: the English one.
    pub headword: String,
    pub senses: Vec<String>,
    pub analysis: Analysis,
    pub reverse: bool,
}

impl DictMatch {
    /// The Arabic that matched, as the dictionary spells it.
    pub fn arabic(&self) -> &str {
        if !self.reverse {
            return &self.headword;
        }
        self.senses
            .iter()
            .flat_map(|s| s.split([',', ';', '،', '؛']))
            .map(str::trim)
            .find(|s| normalize(s) == self.analysis.stem)
            .unwrap_or(&self.analysis.stem)
    }

    /// How the word matched: "ب + الموازاة".
    pub fn how(&self) -> String {
        self.analysis.describe(self.arabic())
    }
}

/// Every dictionary found, and what went wrong with the others.
#[derive(Debug, Default)]
pub struct Dictionaries {
    pub list: Vec<Dictionary>,
    pub problems: Vec<String>,
    /// How long loading took.
    pub load_time: Duration,
}

impl Dictionaries {
    /// Where Linux systems keep dictionaries.
    pub fn default_dirs() -> Vec<PathBuf> {
        let mut dirs = vec![
            PathBuf::from("/usr/share/dictd"),
            PathBuf::from("/usr/share/stardict/dic"),
        ];
        if let Some(home) = std::env::var_os("HOME") {
            dirs.push(PathBuf::from(home).join(".stardict/dic"));
        }
        dirs
    }

    /// Loads every dictionary in `dirs` (missing folders are fine).
    pub fn load(dirs: &[PathBuf]) -> Dictionaries {
        let start = Instant::now();
        let mut found = Dictionaries::default();
        for dir in dirs {
            let Ok(listing) = fs::read_dir(dir) else {
                continue;
            };
            let mut paths: Vec<PathBuf> =
                listing.filter_map(Result::ok).map(|e| e.path()).collect();
            paths.sort();
            for path in paths {
                let loaded = match path.extension().and_then(|e| e.to_str()) {
                    Some("index") => load_dictd(&path),
                    Some("ifo") => load_stardict(&path),
                    _ => continue,
                };
                match loaded {
                    Ok(dictionary) => found.list.push(dictionary),
                    // Each names the file it is about.
                    Err(problem) => found.problems.push(problem),
                }
            }
        }
        found.load_time = start.elapsed();
        found
    }

    /// Every dictionary's entries for `word`, forward dictionaries first,
    /// each from the word's best readings.
    pub fn lookup(&self, word: &str) -> Vec<DictMatch> {
        let mut out = Vec::new();
        let readings = analyses(&normalize(word));
        for reverse in [false, true] {
            for dictionary in self.list.iter().filter(|d| d.reverse == reverse) {
                out.extend(dictionary.lookup(&readings));
            }
        }
        out
    }
}

impl Dictionary {
    /// Entries for the best readings of a word: those of the lowest cost
    /// that finds anything (at most [`MAX_MATCHES`]).
    fn lookup(&self, readings: &[Analysis]) -> Vec<DictMatch> {
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
                let Some((headword, ..)) = self.entries.get(entry as usize) else {
                    continue;
                };
                let (title, senses) = senses(headword, &self.definition(entry));
                if out.iter().any(|m| m.headword == title) {
                    continue;
                }
                out.push(DictMatch {
                    dictionary: self.name.clone(),
                    headword: title,
                    senses,
                    analysis: analysis.clone(),
                    reverse: self.reverse,
                });
            }
        }
        out
    }

    /// The entries indexed under `key`.
    fn entries_for<'a>(&'a self, key: &str) -> Box<dyn Iterator<Item = u32> + 'a> {
        let found = self.index.get(key).into_iter().flatten().copied();
        if self.reverse {
            Box::new(found.flat_map(|body| {
                self.bodies
                    .get(body as usize)
                    .into_iter()
                    .flatten()
                    .copied()
            }))
        } else {
            Box::new(found)
        }
    }

    /// The text of entry `entry`'s definition, as dictd writes it: the
    /// headword on the first line.
    fn definition(&self, entry: u32) -> String {
        let Some((headword, start, len)) = self.entries.get(entry as usize) else {
            return String::new();
        };
        let bytes = span(&self.data, *start, *len);
        match &self.format {
            Format::Dictd => String::from_utf8_lossy(bytes).into_owned(),
            Format::StarDict(sequence) => format!("{headword}\n{}", stardict_text(bytes, sequence)),
        }
    }

    /// How many headwords it has.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Builds the index: by headword when most headwords are Arabic, else by
    /// the Arabic words and phrases of the definitions (each distinct
    /// definition span read once, however many entries share it).
    fn build(
        name: String,
        data: Vec<u8>,
        format: Format,
        entries: Vec<(String, u32, u32)>,
    ) -> Result<Dictionary, String> {
        let arabic = entries
            .iter()
            .filter(|(h, ..)| has_arabic_letter(h))
            .count();
        let reverse = arabic * 2 < entries.len();
        let mut index: HashMap<String, Vec<u32>> = HashMap::new();
        let mut bodies: Vec<Vec<u32>> = Vec::new();
        let mut body_of: HashMap<(u32, u32), u32> = HashMap::new();
        let mut scanned: u64 = 0;
        for (number, (headword, start, len)) in entries.iter().enumerate() {
            let number = number as u32;
            if !reverse {
                if has_arabic_letter(headword) {
                    index.entry(normalize(headword)).or_default().push(number);
                }
                continue;
            }
            let next = bodies.len() as u32;
            let body = *body_of.entry((*start, *len)).or_insert(next);
            if body < next {
                bodies[body as usize].push(number);
                continue;
            }
            bodies.push(vec![number]);
            // Overlapping spans could make the text to index far larger
            // than the data: refused past twice the data cap.
            scanned += u64::from(*len);
            if scanned > 2 * DICTIONARY_DATA.limit {
                return Err(format!(
                    "its entries' definitions overlap: more than {} bytes of definitions to index; not loaded",
                    thousands(2 * DICTIONARY_DATA.limit)
                ));
            }
            let bytes = span(&data, *start, *len);
            let text = match &format {
                // The first line is the headword.
                Format::Dictd => String::from_utf8_lossy(bytes)
                    .lines()
                    .skip(1)
                    .collect::<Vec<_>>()
                    .join("\n"),
                Format::StarDict(sequence) => stardict_text(bytes, sequence),
            };
            for line in text.lines() {
                for phrase in line.split([',', ';', '،', '؛']) {
                    let phrase = phrase
                        .trim()
                        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
                        .trim();
                    if has_arabic_letter(phrase) {
                        let keys = index.entry(normalize(phrase)).or_default();
                        if keys.last() != Some(&body) {
                            keys.push(body);
                        }
                    }
                }
            }
        }
        Ok(Dictionary {
            name,
            reverse,
            data,
            format,
            entries,
            index,
            bodies,
        })
    }
}

/// The bytes of a definition span (empty when out of range).
fn span(data: &[u8], start: u32, len: u32) -> &[u8] {
    let start = start as usize;
    data.get(start..start.saturating_add(len as usize))
        .unwrap_or_default()
}

/// The title and senses of a definition. dictd definitions start with the
/// headword (and a /pronunciation/); numbered lines ("1. …") are senses.
fn senses(headword: &str, text: &str) -> (String, Vec<String>) {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    let mut title = headword.to_owned();
    if let Some(first) = lines.peek()
        && first.to_lowercase().starts_with(&headword.to_lowercase())
    {
        // "Government /ɡˈʌvənmənt/" → "Government"
        title = first.split(" /").next().unwrap_or(first).trim().to_owned();
        lines.next();
    }
    let senses = lines
        .map(|line| {
            let unnumbered = line.trim_start_matches(|c: char| c.is_ascii_digit());
            unnumbered
                .strip_prefix(". ")
                .unwrap_or(line)
                .trim()
                .to_owned()
        })
        .collect();
    (title, senses)
}

/// A dictionary file, within [`DICTIONARY_FILE`]; errors name the file.
fn read_all(path: &Path) -> Result<Vec<u8>, String> {
    read_capped(path, DICTIONARY_FILE).map_err(|e| e.to_string())
}

/// The `.dict` file next to `base` (`NAME.index` or `NAME.ifo`), or its
/// dictzip'd `.dict.dz` (gzip, decompressed whole within
/// [`DICTIONARY_DATA`]).
fn read_dict_data(base: &Path) -> Result<Vec<u8>, String> {
    let plain = base.with_extension("dict");
    // Present, even as a FIFO or a dangling link: read_capped says what.
    if fs::symlink_metadata(&plain).is_ok() {
        return read_all(&plain);
    }
    let zipped = base.with_extension("dict.dz");
    if fs::symlink_metadata(&zipped).is_err() {
        return Err(format!(
            "{}: missing (and no {} either): expected the definitions of {} there",
            plain.display(),
            zipped.file_name().unwrap_or_default().to_string_lossy(),
            base.display()
        ));
    }
    inflate(&zipped, &read_all(&zipped)?)
}

/// Decompresses gzip `bytes` (every member, as dictzip has), refusing more
/// than [`DICTIONARY_DATA`]: a first pass only counts (a gzip bomb is
/// refused without being held), the second keeps.
fn inflate(path: &Path, bytes: &[u8]) -> Result<Vec<u8>, String> {
    let cap = DICTIONARY_DATA;
    let broken = |e: io::Error| format!("{}: not valid gzip: {e}", path.display());
    let too_large = || {
        FileError::too_large(path, cap, "more than that once decompressed".to_owned()).to_string()
    };
    let mut decoder = flate2::read::MultiGzDecoder::new(bytes).take(cap.limit + 1);
    let size = io::copy(&mut decoder, &mut io::sink()).map_err(broken)?;
    if size > cap.limit {
        return Err(too_large());
    }
    let mut data = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    flate2::read::MultiGzDecoder::new(bytes)
        .take(cap.limit + 1)
        .read_to_end(&mut data)
        .map_err(broken)?;
    if data.len() as u64 > cap.limit {
        return Err(too_large());
    }
    Ok(data)
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// dictd: each index line is `headword TAB offset TAB length`, offset and
/// length in dictd's base 64.
fn load_dictd(index_path: &Path) -> Result<Dictionary, String> {
    let at = |message: String| format!("{}: {message}", index_path.display());
    let index = String::from_utf8(read_all(index_path)?)
        .map_err(|_| at("not UTF-8 text, expected a dictd index".to_owned()))?;
    let data = read_dict_data(index_path)?;
    let data_len = u32::try_from(data.len()).unwrap_or(u32::MAX) as usize;
    let mut entries = Vec::new();
    for (number, line) in index.lines().enumerate() {
        let mut fields = line.split('\t');
        let (Some(headword), Some(offset), Some(length)) =
            (fields.next(), fields.next(), fields.next())
        else {
            return Err(at(format!(
                "line {}: expected headword, offset and length separated by tabs",
                number + 1
            )));
        };
        if headword.starts_with("00database") || headword.starts_with("00-database") {
            continue; // dictd's own metadata entries
        }
        let (Some(offset), Some(length)) = (base64(offset), base64(length)) else {
            return Err(at(format!(
                "line {}: offset or length is not dictd base 64",
                number + 1
            )));
        };
        if offset as usize + length as usize > data_len {
            return Err(at(format!(
                "line {}: the entry runs past the end of the data",
                number + 1
            )));
        }
        entries.push((headword.to_owned(), offset, length));
    }
    Dictionary::build(file_stem(index_path), data, Format::Dictd, entries).map_err(at)
}

fn base64(text: &str) -> Option<u32> {
    let mut value: u64 = 0;
    for c in text.bytes() {
        let digit = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        value = value * 64 + u64::from(digit);
        if value > u64::from(u32::MAX) {
            return None;
        }
    }
    u32::try_from(value).ok()
}

/// StarDict: `.ifo` (key=value lines), `.idx` (headword NUL, then offset and
/// size as big-endian u32, or u64 offsets with `idxoffsetbits=64`), `.dict`.
fn load_stardict(ifo_path: &Path) -> Result<Dictionary, String> {
    let in_ifo = |message: &str| format!("{}: {message}", ifo_path.display());
    let ifo = String::from_utf8(read_all(ifo_path)?)
        .map_err(|_| in_ifo("not UTF-8 text, expected a StarDict .ifo"))?;
    if !ifo.starts_with("StarDict's dict ifo file") {
        return Err(in_ifo("not a StarDict .ifo file (first line)"));
    }
    let setting = |key: &str| {
        ifo.lines()
            .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
            .map(str::trim)
    };
    let wide = setting("idxoffsetbits") == Some("64");
    let sequence = setting("sametypesequence").unwrap_or("").to_owned();
    let name = setting("bookname").map_or_else(|| file_stem(ifo_path), str::to_owned);
    let idx_path = ifo_path.with_extension("idx");
    let in_idx = |message: String| format!("{}: {message}", idx_path.display());
    let idx = read_all(&idx_path)?;
    let data = read_dict_data(ifo_path)?;
    let mut entries = Vec::new();
    let mut at = 0;
    while at < idx.len() {
        let end = idx[at..]
            .iter()
            .position(|&b| b == 0)
            .ok_or_else(|| in_idx("a headword has no NUL after it".to_owned()))?
            + at;
        let headword = String::from_utf8_lossy(&idx[at..end]).into_owned();
        let width = if wide { 8 } else { 4 };
        let number = |from: usize, len: usize| -> Result<u64, String> {
            idx.get(from..from + len)
                .map(|b| b.iter().fold(0u64, |v, &x| v << 8 | u64::from(x)))
                .ok_or_else(|| in_idx("it ends inside an entry".to_owned()))
        };
        let offset = number(end + 1, width)?;
        let size = number(end + 1 + width, 4)?;
        at = end + 1 + width + 4;
        let span = offset
            .checked_add(size)
            .filter(|&end| end <= data.len() as u64)
            .and_then(|_| Some((u32::try_from(offset).ok()?, u32::try_from(size).ok()?)));
        let Some((offset, size)) = span else {
            return Err(in_idx(format!(
                "entry {headword:?} runs past the end of the .dict"
            )));
        };
        // The definition stays in `data`, shared with any entry that
        // points at the same bytes.
        entries.push((headword, offset, size));
    }
    Dictionary::build(name, data, Format::StarDict(sequence), entries)
        .map_err(|message| in_ifo(&message))
}

/// The text of a StarDict entry: with `sametypesequence` the fields follow
/// each other (the last without its NUL); without it each starts with its
/// type letter. Markup (`h`, `x`, `g`) is stripped of tags.
fn stardict_text(body: &[u8], sequence: &str) -> String {
    let text = String::from_utf8_lossy(body);
    let plain = if sequence.is_empty() {
        text.split('\0')
            .filter_map(|field| field.get(1..))
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        text.replace('\0', "\n")
    };
    let mut out = String::with_capacity(plain.len());
    let mut in_tag = false;
    for c in plain.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictd_base64_and_definitions() {
        assert_eq!(base64("B"), Some(1));
        assert_eq!(base64("Fb7d"), Some(((5 * 64 + 27) * 64 + 59) * 64 + 29));
        assert_eq!(base64("é"), None);
        let (title, list) = senses("سيطر", "سيطر /sˈajt̪ar/\n1. Dominated\n2. Dominate\n");
        assert_eq!(
            (title.as_str(), list.as_slice()),
            ("سيطر", &["Dominated".to_owned(), "Dominate".to_owned()][..])
        );
        let (title, list) = senses("government", "Government /ɡˈʌvənmənt/\nالحكومة\n");
        assert_eq!(
            (title.as_str(), list.as_slice()),
            ("Government", &["الحكومة".to_owned()][..])
        );
    }
}
