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
//! hash index, so a lookup is a few hash probes, not a scan.

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::normalize::{has_arabic_letter, normalize};
use super::stem::{Analysis, analyses};

/// A dictionary in memory.
#[derive(Debug)]
pub struct Dictionary {
    /// Its name: the file name without extension (e.g. `freedict-ara-eng`).
    pub name: String,
    /// True for an English → Arabic dictionary indexed by its definitions.
    pub reverse: bool,
    /// All definitions, one after the other.
    data: Vec<u8>,
    /// Headword and definition span of each entry.
    entries: Vec<(String, u32, u32)>,
    /// Normalised Arabic key → entries.
    index: HashMap<String, Vec<u32>>,
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
                    Err(problem) => found
                        .problems
                        .push(format!("{}: {problem}", path.display())),
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
    /// that finds anything.
    fn lookup(&self, readings: &[Analysis]) -> Vec<DictMatch> {
        let mut out: Vec<DictMatch> = Vec::new();
        for analysis in readings {
            if out
                .first()
                .is_some_and(|m| m.analysis.cost() < analysis.cost())
            {
                break;
            }
            for &entry in self.index.get(&analysis.stem).into_iter().flatten() {
                let (headword, start, len) = &self.entries[entry as usize];
                let text = self
                    .data
                    .get(*start as usize..(*start + *len) as usize)
                    .map(String::from_utf8_lossy)
                    .unwrap_or_default();
                let (title, senses) = senses(headword, &text);
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

    /// How many headwords it has.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Builds the index: by headword when most headwords are Arabic, else by
    /// the Arabic words and phrases of the definitions.
    fn build(name: String, data: Vec<u8>, entries: Vec<(String, u32, u32)>) -> Dictionary {
        let arabic = entries
            .iter()
            .filter(|(h, ..)| has_arabic_letter(h))
            .count();
        let reverse = arabic * 2 < entries.len();
        let mut index: HashMap<String, Vec<u32>> = HashMap::new();
        for (number, (headword, start, len)) in entries.iter().enumerate() {
            let number = number as u32;
            if !reverse {
                if has_arabic_letter(headword) {
                    index.entry(normalize(headword)).or_default().push(number);
                }
                continue;
            }
            let Some(text) = data.get(*start as usize..(*start + *len) as usize) else {
                continue;
            };
            let text = String::from_utf8_lossy(text);
            for line in text.lines().skip(1) {
                for phrase in line.split([',', ';', '،', '؛']) {
                    let phrase = phrase
                        .trim()
                        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
                        .trim();
                    if has_arabic_letter(phrase) {
                        let keys = index.entry(normalize(phrase)).or_default();
                        if !keys.contains(&number) {
                            keys.push(number);
                        }
                    }
                }
            }
        }
        Dictionary {
            name,
            reverse,
            data,
            entries,
            index,
        }
    }
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

fn read_all(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| e.to_string())
}

/// A `.dict` file, or its dictzip'd `.dict.dz` (gzip, read whole).
fn read_dict_data(base: &Path) -> Result<Vec<u8>, String> {
    let plain = base.with_extension("dict");
    if plain.exists() {
        return read_all(&plain);
    }
    let zipped = base.with_extension("dict.dz");
    let bytes = read_all(&zipped)?;
    let mut data = Vec::new();
    flate2::read::MultiGzDecoder::new(&bytes[..])
        .read_to_end(&mut data)
        .map_err(|e| format!("{}: {e}", zipped.display()))?;
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
    let index = String::from_utf8(read_all(index_path)?)
        .map_err(|_| "the index is not UTF-8".to_owned())?;
    let data = read_dict_data(index_path)?;
    let mut entries = Vec::new();
    for (number, line) in index.lines().enumerate() {
        let mut fields = line.split('\t');
        let (Some(headword), Some(offset), Some(length)) =
            (fields.next(), fields.next(), fields.next())
        else {
            return Err(format!(
                "line {}: expected headword, offset and length separated by tabs",
                number + 1
            ));
        };
        if headword.starts_with("00database") || headword.starts_with("00-database") {
            continue; // dictd's own metadata entries
        }
        let (Some(offset), Some(length)) = (base64(offset), base64(length)) else {
            return Err(format!(
                "line {}: offset or length is not dictd base 64",
                number + 1
            ));
        };
        if offset as usize + length as usize > data.len() {
            return Err(format!(
                "line {}: the entry runs past the end of the data",
                number + 1
            ));
        }
        entries.push((headword.to_owned(), offset, length));
    }
    Ok(Dictionary::build(file_stem(index_path), data, entries))
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
    let ifo =
        String::from_utf8(read_all(ifo_path)?).map_err(|_| "the .ifo is not UTF-8".to_owned())?;
    if !ifo.starts_with("StarDict's dict ifo file") {
        return Err("not a StarDict .ifo file (first line)".into());
    }
    let setting = |key: &str| {
        ifo.lines()
            .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
            .map(str::trim)
    };
    let wide = setting("idxoffsetbits") == Some("64");
    let sequence = setting("sametypesequence").unwrap_or("").to_owned();
    let name = setting("bookname").map_or_else(|| file_stem(ifo_path), str::to_owned);
    let idx = read_all(&ifo_path.with_extension("idx"))?;
    let raw = read_dict_data(ifo_path)?;
    let mut entries = Vec::new();
    let mut data = Vec::new();
    let mut at = 0;
    while at < idx.len() {
        let end = idx[at..]
            .iter()
            .position(|&b| b == 0)
            .ok_or("a headword in the .idx has no NUL")?
            + at;
        let headword = String::from_utf8_lossy(&idx[at..end]).into_owned();
        let width = if wide { 8 } else { 4 };
        let number = |from: usize, len: usize| -> Result<u64, String> {
            idx.get(from..from + len)
                .map(|b| b.iter().fold(0u64, |v, &x| v << 8 | u64::from(x)))
                .ok_or_else(|| "the .idx ends inside an entry".to_owned())
        };
        let offset = number(end + 1, width)? as usize;
        let size = number(end + 1 + width, 4)? as usize;
        at = end + 1 + width + 4;
        let Some(body) = offset
            .checked_add(size)
            .and_then(|end| raw.get(offset..end))
        else {
            return Err(format!("entry {headword:?} runs past the end of the .dict"));
        };
        let text = stardict_text(body, &sequence);
        let start = data.len() as u32;
        data.extend_from_slice(format!("{headword}\n{text}").as_bytes());
        entries.push((headword, start, data.len() as u32 - start));
    }
    Ok(Dictionary::build(name, data, entries))
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
