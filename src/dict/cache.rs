//! The dictionary cache: a dictd dictionary's index, built once from its
//! files and kept in one file of the cache folder, so that a later start
//! reads that file and looks words up in it without parsing or normalising
//! the dictionary, and reads only the definitions a lookup shows
//! ([`Definitions`]).
//!
//! A cache file, named after the dictionary (`freedict-ara-eng-` and a
//! hash of the canonical path of its `.index`), holds, little-endian:
//!
//! - [`MAGIC`], [`VERSION`], and the stamp: the canonical path, size and
//!   modification time of the `.index` and of the definitions file, and
//!   the normal form of [`PROBE`] (so a change to the normalisation
//!   rebuilds it); a cache whose stamp differs is rebuilt;
//! - whether the dictionary is read in reverse, and the sizes of the
//!   sections that follow;
//! - for each entry, in the index's order, where its headword starts in
//!   the strings, and the offset and length of its definition in the data;
//! - the keys, sorted by their bytes, each with where it starts in the
//!   strings and where its entries start in the lists: the normalised
//!   Arabic headwords of a forward (Arabic → English) dictionary, or the
//!   normalised Arabic phrases of a reverse one's definitions;
//! - the lists of entries, each in the loaded index's order;
//! - a reverse dictionary's entries sorted by their headword trimmed and
//!   lowercased (for English lookups; binary-searched, the key made from
//!   the headword at each step, so these keys are not stored);
//! - the strings: the headwords, then the keys;
//! - a checksum of all the above.
//!
//! The file is read whole and checked (the checksum, its length against
//! the sizes, every offset in bounds and ascending, every entry number an
//! entry) before it is used: a truncated, damaged or garbage file is
//! ignored and rebuilt, never a panic. (One made by hand to pass these
//! checks can only give wrong answers, not a crash.) It is written
//! atomically; a folder that cannot be written is no error: the index
//! just made is used from memory.
//!
//! A cached dictionary gives the same matches, in the same order, as the
//! loaded one it was made from: every list keeps the loaded index's order.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::UNIX_EPOCH;

use super::dictzip::{self, Definitions};
use super::index::{Keys, Layout, Parsed};
use super::{DictError, Dictionary, has_arabic_letter, normalize};
use crate::files::{DICTIONARY_CACHE, atomic_write, read_capped};

/// What a cache file starts with.
const MAGIC: &[u8; 16] = b"qari dict cache\n";
/// The format's version: raised whenever what is cached, or how a key is
/// made from a headword or a definition, changes.
const VERSION: u32 = 1;
/// Text whose normal form is part of the stamp: hamza seats, alef maqsura,
/// ta marbuta, tatweel, vowel marks, Arabic digits.
const PROBE: &str = "أإآٱ هدى مدرسة ـكتـاب كِتَابٌ اللاجىء ١٢٣ ABC";

/// Loads the dictionary whose main file is `main` through its cache in
/// `dir`: the cache when it is there and stamped for the files as they
/// are; else `parse` and build it, write the cache (atomically; failing
/// silently), and read it from the bytes just made.
pub(super) fn load(
    main: &Path,
    dir: &Path,
    name: String,
    layout: Layout,
    parse: impl FnOnce() -> Result<Parsed, DictError>,
) -> Result<Dictionary, DictError> {
    let stamp = stamp(main);
    let file = stamp
        .as_ref()
        .map(|(_, canonical)| dir.join(file_name(canonical)));
    if let (Some((stamp, _)), Some(file)) = (&stamp, &file)
        && let Ok(bytes) = read_capped(file, DICTIONARY_CACHE)
        && let Some(cached) = Cached::open(bytes, stamp, main)
    {
        return Ok(Dictionary::cached(name, layout, cached));
    }
    let parsed = parse()?;
    let spans: Vec<(u32, u32)> = (parsed.entries.iter())
        .map(|&(_, offset, length)| (offset, length))
        .collect();
    let dictionary = Dictionary::build(parsed, main)?;
    let (Some((stamp, _)), Some(file)) = (stamp, file) else {
        return Ok(dictionary);
    };
    let Some(bytes) = serialise(&dictionary, &spans, &stamp) else {
        return Ok(dictionary);
    };
    // A cache that cannot be written only costs the next start its time.
    let _ = atomic_write(&file, &bytes);
    match Cached::open(bytes, &stamp, main) {
        Some(cached) => Ok(Dictionary::cached(name, layout, cached)),
        None => Ok(dictionary),
    }
}

/// What a cache must match, and the canonical path of `main`: `None`
/// when a file cannot be looked at (then there is no cache, and loading
/// says what is wrong).
fn stamp(main: &Path) -> Option<(Vec<u8>, PathBuf)> {
    let canonical = fs::canonicalize(main).ok()?;
    let (definitions, _) = dictzip::definitions_file(main).ok()?;
    let mut stamp = canonical.as_os_str().as_encoded_bytes().to_vec();
    stamp.push(0);
    for path in [main, &definitions] {
        let metadata = fs::metadata(path).ok()?;
        let modified = metadata.modified().ok()?;
        let nanos = match modified.duration_since(UNIX_EPOCH) {
            Ok(after) => after.as_nanos() as i128,
            Err(before) => -(before.duration().as_nanos() as i128),
        };
        stamp.extend(path.as_os_str().as_encoded_bytes());
        stamp.extend(format!("\0{} {nanos}\0", metadata.len()).bytes());
    }
    stamp.extend(normalize(PROBE).bytes());
    stamp.extend(PROBE.split(' ').map(|w| u8::from(has_arabic_letter(w))));
    Some((stamp, canonical))
}

/// The cache file's name for the dictionary whose main file is `canonical`:
/// its name, made safe, and a hash of the path.
fn file_name(canonical: &Path) -> String {
    let stem: String = (canonical.file_stem().unwrap_or_default().to_string_lossy())
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    let hash = fnv1a(canonical.as_os_str().as_encoded_bytes());
    format!("{stem}-{hash:016x}.cache")
}

/// 64-bit FNV-1a: a hash that stays the same across builds and versions.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The cache of a loaded `dictionary`, whose entries' definitions are at
/// `spans` of the data (as parsed: the loaded entries point into the
/// text made from it). `None` for a cached dictionary, or past 4 GiB.
pub(super) fn serialise(
    dictionary: &Dictionary,
    spans: &[(u32, u32)],
    stamp: &[u8],
) -> Option<Vec<u8>> {
    let loaded = dictionary.loaded()?;
    let entries = &loaded.entries;
    let mut strings: Vec<u8> = Vec::new();
    let offset = |strings: &Vec<u8>| u32::try_from(strings.len()).ok();
    let mut headword_starts = Vec::with_capacity(entries.len() + 1);
    for (headword, ..) in entries {
        headword_starts.push(offset(&strings)?);
        strings.extend(headword.as_bytes());
    }
    headword_starts.push(offset(&strings)?);
    let definitions: Vec<u32> = spans
        .iter()
        .flat_map(|&(at, length)| [at, length])
        .collect();
    // The keys, sorted, each with its entries: the normalised Arabic
    // headwords of a forward dictionary, the phrases of a reverse one.
    let (mut key_starts, mut list_starts, mut lists) = (Vec::new(), Vec::new(), Vec::new());
    let mut keyed: Vec<(&str, Vec<u32>)> = match &loaded.keys {
        Keys::Forward(index) => (index.iter())
            .map(|(key, list)| (key.as_str(), list.clone()))
            .collect(),
        Keys::Reverse(index) => (index.keys())
            .map(|key| (key, index.entries(key).collect()))
            .collect(),
    };
    keyed.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (key, list) in keyed {
        key_starts.push(offset(&strings)?);
        strings.extend(key.as_bytes());
        list_starts.push(u32::try_from(lists.len()).ok()?);
        lists.extend(list);
    }
    // A reverse dictionary's English headwords, by their lowercase.
    let mut sorted: Vec<u32> = Vec::new();
    if dictionary.reverse {
        let mut english: Vec<(String, u32)> = (entries.iter().enumerate())
            .map(|(number, (headword, ..))| (english_key(headword), number as u32))
            .collect();
        english.sort_unstable();
        sorted = english.into_iter().map(|(_, number)| number).collect();
    }
    key_starts.push(offset(&strings)?);
    list_starts.push(u32::try_from(lists.len()).ok()?);
    let mut out = Vec::new();
    out.extend(MAGIC);
    out.extend(VERSION.to_le_bytes());
    out.extend(u32::try_from(stamp.len()).ok()?.to_le_bytes());
    out.extend(stamp);
    let count = |length: usize| u32::try_from(length).ok();
    for number in [
        u32::from(dictionary.reverse),
        count(entries.len())?,
        count(key_starts.len() - 1)?,
        count(lists.len())?,
        count(sorted.len())?,
        count(strings.len())?,
    ] {
        out.extend(number.to_le_bytes());
    }
    for section in [
        headword_starts,
        definitions,
        key_starts,
        list_starts,
        lists,
        sorted,
    ] {
        out.extend(section.into_iter().flat_map(u32::to_le_bytes));
    }
    out.extend(strings);
    let sum = checksum(&out);
    out.extend(sum.to_le_bytes());
    Some(out)
}

/// A 64-bit checksum of `bytes` (not cryptographic: it finds a cache
/// that was cut short or damaged, at several GB/s): four lanes, each
/// word folded in by bijective steps, so any change to one word changes
/// the sum.
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut lanes = [1u64, 2, 3, 4];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            *lane = (lane.rotate_left(23) ^ word).wrapping_mul(K);
        }
    }
    for &byte in blocks.remainder() {
        lanes[0] = (lanes[0].rotate_left(23) ^ u64::from(byte)).wrapping_mul(K);
    }
    let [a, b, c, d] = lanes;
    (a ^ b.rotate_left(16) ^ c.rotate_left(32) ^ d.rotate_left(48) ^ bytes.len() as u64)
        .wrapping_mul(K)
}

/// What an English headword is looked up by: trimmed, lowercased.
fn english_key(headword: &str) -> String {
    headword.trim().to_lowercase()
}

/// A section of a cache: where it starts, how many items it holds.
#[derive(Debug, Clone, Copy, Default)]
struct Section {
    start: usize,
    count: usize,
}

/// A dictionary's cache, read and checked.
pub(super) struct Cached {
    bytes: Vec<u8>,
    reverse: bool,
    /// Where each entry's headword starts in the strings, then where the
    /// last one ends (entries + 1 numbers).
    headword_starts: Section,
    /// Each entry's definition: offset and length in the data.
    definitions: Section,
    /// Where each key starts in the strings, then where the last ends.
    key_starts: Section,
    /// Where each key's entries start in the lists, then where the last
    /// one's end.
    list_starts: Section,
    lists: Section,
    /// Entry numbers: the headwords of a reverse dictionary by their
    /// [`english_key`], equal keys in entry order.
    sorted: Section,
    strings: Section,
    /// The dictionary's main file, beside which its definitions are.
    main: PathBuf,
    /// Opened on the first definition read; `None` when it cannot be.
    data: OnceLock<Option<Definitions>>,
}

impl Cached {
    /// The cache in `bytes`, if it is one, of this format's version,
    /// stamped `stamp`, and sound (see the module's notes); the
    /// dictionary's main file is `main`.
    pub(super) fn open(mut bytes: Vec<u8>, stamp: &[u8], main: &Path) -> Option<Cached> {
        let body = bytes.len().checked_sub(8)?;
        let sum: [u8; 8] = bytes.get(body..)?.try_into().ok()?;
        if checksum(bytes.get(..body)?) != u64::from_le_bytes(sum) {
            return None;
        }
        bytes.truncate(body);
        let number = |at: usize| -> Option<usize> {
            let bytes: [u8; 4] = bytes.get(at..at.checked_add(4)?)?.try_into().ok()?;
            Some(u32::from_le_bytes(bytes) as usize)
        };
        if bytes.get(..MAGIC.len())? != MAGIC || number(16)? != VERSION as usize {
            return None;
        }
        let counts_at = 24usize.checked_add(number(20)?)?;
        if bytes.get(24..counts_at)? != stamp {
            return None;
        }
        let count = |i: usize| number(counts_at + 4 * i);
        let (reverse, entries, keys) = (count(0)?, count(1)?, count(2)?);
        let (lists, sorted, strings) = (count(3)?, count(4)?, count(5)?);
        let mut at = counts_at + 24;
        let mut section = |count: usize, size: usize| -> Option<Section> {
            let start = at;
            at = at.checked_add(count.checked_mul(size)?)?;
            Some(Section { start, count })
        };
        let cached = Cached {
            reverse: reverse == 1,
            headword_starts: section(entries.checked_add(1)?, 4)?,
            definitions: section(entries.checked_mul(2)?, 4)?,
            key_starts: section(keys.checked_add(1)?, 4)?,
            list_starts: section(keys.checked_add(1)?, 4)?,
            lists: section(lists, 4)?,
            sorted: section(sorted, 4)?,
            strings: section(strings, 1)?,
            main: main.to_path_buf(),
            data: OnceLock::new(),
            bytes,
        };
        let sound = reverse <= 1
            && at == cached.bytes.len()
            && cached.ascends(cached.headword_starts, strings)
            && cached.ascends(cached.key_starts, strings)
            && cached.ascends(cached.list_starts, lists)
            && [cached.lists, cached.sorted]
                .iter()
                .all(|&section| cached.numbers(section).all(|n| (n as usize) < entries));
        sound.then_some(cached)
    }

    /// The numbers of `section`.
    fn numbers(&self, section: Section) -> impl Iterator<Item = u32> + '_ {
        (self.bytes)
            .get(section.start..section.start + 4 * section.count)
            .unwrap_or_default()
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Number `i` of `section` (0 past its end).
    fn number(&self, section: Section, i: usize) -> u32 {
        if i >= section.count {
            return 0;
        }
        let at = section.start + 4 * i;
        (self.bytes.get(at..at + 4))
            .and_then(|b| b.try_into().ok())
            .map_or(0, u32::from_le_bytes)
    }

    /// Whether the numbers of `section` never decrease and end by `limit`.
    fn ascends(&self, section: Section, limit: usize) -> bool {
        let mut previous = 0;
        self.numbers(section).all(|n| {
            let fine = previous <= n;
            previous = n;
            fine
        }) && previous as usize <= limit
    }

    /// The strings' bytes between starts `i` and `i + 1` of `starts`.
    fn string(&self, starts: Section, i: usize) -> &[u8] {
        let (start, end) = (self.number(starts, i), self.number(starts, i + 1));
        let base = self.strings.start;
        (self.bytes)
            .get(base + start as usize..base + end as usize)
            .unwrap_or_default()
    }

    /// Entry `entry`'s headword ("" when it is not UTF-8).
    fn headword(&self, entry: u32) -> &str {
        std::str::from_utf8(self.string(self.headword_starts, entry as usize)).unwrap_or_default()
    }

    /// How many bytes it holds.
    pub(super) fn size(&self) -> usize {
        self.bytes.len()
    }

    /// How many entries.
    pub(super) fn len(&self) -> usize {
        self.headword_starts.count - 1
    }

    /// Whether the dictionary is read in reverse.
    pub(super) fn reverse(&self) -> bool {
        self.reverse
    }

    /// The entries indexed under the normalised Arabic `key` (a binary
    /// search).
    pub(super) fn keyed(&self, key: &str) -> impl Iterator<Item = u32> + '_ {
        let keys = self.key_starts.count - 1;
        let at = partition_point(keys, |i| self.string(self.key_starts, i) < key.as_bytes());
        let (from, to) = if at < keys && self.string(self.key_starts, at) == key.as_bytes() {
            let list = |i| self.number(self.list_starts, i) as usize;
            (list(at), list(at + 1))
        } else {
            (0, 0)
        };
        (from..to).map(|i| self.number(self.lists, i))
    }

    /// The entries whose headword, trimmed and lowercased, is `english`
    /// (none in a forward dictionary).
    pub(super) fn english(&self, english: &str) -> impl Iterator<Item = u32> + '_ {
        let reverse = self.reverse;
        (reverse.then(|| self.sorted_by(english, english_key)))
            .into_iter()
            .flatten()
    }

    /// The run of [`sorted`](Cached::sorted) entries whose headword's
    /// `key` is `wanted` (a binary search, the key made at each step).
    fn sorted_by(
        &self,
        wanted: &str,
        key: impl Fn(&str) -> String,
    ) -> impl Iterator<Item = u32> + '_ {
        let count = self.sorted.count;
        let key_of = |i: usize| key(self.headword(self.number(self.sorted, i)));
        let from = partition_point(count, |i| key_of(i).as_str() < wanted);
        let to = (from..count)
            .find(|&i| key_of(i) != wanted)
            .unwrap_or(count);
        (from..to).map(|i| self.number(self.sorted, i))
    }

    /// Entry `entry`'s headword and the text of its definition (empty when
    /// it cannot be read: the definitions file changed or broke since the
    /// cache was checked). `None` past the entries.
    pub(super) fn entry(&self, entry: u32) -> Option<(&str, String)> {
        if entry as usize >= self.len() {
            return None;
        }
        let at = 2 * entry as usize;
        let (offset, length) = (
            self.number(self.definitions, at),
            self.number(self.definitions, at + 1),
        );
        let text = (self.data)
            .get_or_init(|| Definitions::open(&self.main).ok())
            .as_ref()
            .and_then(|data| data.read(offset.into(), length.into()).ok())
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default();
        Some((self.headword(entry), text))
    }
}

/// The first of `0..count` for which `before` is false (all those before
/// it being true): a binary search.
fn partition_point(count: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (0, count);
    while low < high {
        let middle = low + (high - low) / 2;
        if before(middle) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    low
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::MetadataExt;
    use std::path::PathBuf;

    use super::*;
    use crate::dict::reverse::SEPARATORS;
    use crate::dict::{DictMatch, Dictionaries};

    fn fixtures() -> PathBuf {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/dictd"))
    }

    /// Words to look up in the dictionaries of `dir`: every headword, every
    /// phrase of every definition, each also with clitics and in capitals,
    /// and a few more.
    fn words(dir: &Path) -> Vec<String> {
        let mut phrases: Vec<String> = ["", " ", "zzz", "كتابه", "وبالحكومة", "ALLY", "Ally "]
            .map(str::to_owned)
            .to_vec();
        let mut indexes: Vec<PathBuf> = (fs::read_dir(dir).unwrap())
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "index"))
            .collect();
        indexes.sort();
        for index in indexes {
            let text = fs::read_to_string(&index).unwrap();
            phrases.extend(
                text.lines()
                    .map(|l| l.split('\t').next().unwrap().to_owned()),
            );
            let data = dictzip::read_definitions(&index).unwrap();
            let data = String::from_utf8_lossy(&data);
            for line in data.lines() {
                phrases.extend(line.split(SEPARATORS).map(|p| p.trim().to_owned()));
            }
        }
        let mut out = Vec::new();
        for phrase in phrases {
            out.extend([
                format!("و{phrase}"),
                format!("ب{phrase}"),
                format!("{phrase}ه"),
                phrase.to_uppercase(),
                phrase,
            ]);
        }
        out
    }

    fn results(dictionaries: &Dictionaries, words: &[String]) -> Vec<Vec<DictMatch>> {
        words.iter().map(|w| dictionaries.lookup(w)).collect()
    }

    /// The cache files in `dir`, by name, with their inode numbers.
    fn cache_files(dir: &Path) -> Vec<(String, u64)> {
        let mut out: Vec<(String, u64)> = (fs::read_dir(dir.join("qari")).unwrap())
            .map(|e| e.unwrap())
            .map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                (name, e.metadata().unwrap().ino())
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn cached_and_loaded_dictionaries_give_the_same_results() {
        let cache = tempfile::tempdir().unwrap();
        let folder = cache.path().join("qari");
        let words = words(&fixtures());
        let loaded = Dictionaries::load(&[fixtures()]);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert!(loaded.list.iter().all(|d| !d.is_cached()));
        let expected = results(&loaded, &words);
        // Forward and reverse matches, several for a word, English ones.
        let all: Vec<&DictMatch> = expected.iter().flatten().collect();
        assert!(all.iter().any(|m| m.reverse) && all.iter().any(|m| !m.reverse));
        assert!(expected.iter().any(|found| found.len() >= 3));
        let english = loaded.lookup("ally");
        assert_eq!(english.len(), 2, "{english:?}");
        // Built and written, then read from the files written.
        let built = Dictionaries::load_cached(&[fixtures()], &folder);
        let files = cache_files(cache.path());
        assert_eq!(files.len(), 2, "{files:?}");
        assert!(files[0].0.starts_with("qari-test-ara-eng-"), "{files:?}");
        let read = Dictionaries::load_cached(&[fixtures()], &folder);
        assert_eq!(cache_files(cache.path()), files, "not rebuilt");
        for dictionaries in [&built, &read] {
            assert!(dictionaries.problems.is_empty());
            assert!(dictionaries.list.iter().all(|d| d.is_cached()));
            let described = |d: &Dictionaries| -> Vec<(String, bool, usize)> {
                (d.list.iter())
                    .map(|d| (d.name.clone(), d.reverse, d.len()))
                    .collect()
            };
            assert_eq!(described(dictionaries), described(&loaded));
            assert_eq!(results(dictionaries, &words), expected);
            assert_eq!(dictionaries.lookup("ally"), english);
        }
    }

    /// StarDict dictionaries are not cached, and read as before.
    #[test]
    fn stardict_dictionaries_stay_loaded() {
        let cache = tempfile::tempdir().unwrap();
        let dir = PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/stardict"
        ));
        let loaded = Dictionaries::load(std::slice::from_ref(&dir));
        let through = Dictionaries::load_cached(std::slice::from_ref(&dir), cache.path());
        assert_eq!(through.list.len(), 2);
        assert!(through.list.iter().all(|d| !d.is_cached()));
        let words = words(&fixtures());
        assert_eq!(results(&through, &words), results(&loaded, &words));
    }

    #[test]
    fn a_changed_dictionary_rebuilds_its_cache() {
        let (dicts, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        for entry in fs::read_dir(fixtures()).unwrap() {
            let path = entry.unwrap().path();
            fs::copy(&path, dicts.path().join(path.file_name().unwrap())).unwrap();
        }
        let dirs = [dicts.path().to_path_buf()];
        let folder = cache.path().join("qari");
        let load = || Dictionaries::load_cached(&dirs, &folder);
        assert!(load().lookup("حاكم").is_empty());
        let before = cache_files(cache.path());
        // A new entry in the plain English → Arabic dictionary.
        let dict = dicts.path().join("qari-test-eng-ara.dict");
        let mut data = fs::read(&dict).unwrap();
        let at = data.len();
        data.extend("Ruler\nحاكم\n".as_bytes());
        fs::write(&dict, &data).unwrap();
        let index = dicts.path().join("qari-test-eng-ara.index");
        let mut text = fs::read_to_string(&index).unwrap();
        let (offset, length) = (at as u64, data.len() as u64 - at as u64);
        let b64 = |mut n: u64| {
            let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            let mut digits = vec![alphabet[(n % 64) as usize]];
            while n >= 64 {
                n /= 64;
                digits.insert(0, alphabet[(n % 64) as usize]);
            }
            String::from_utf8(digits).unwrap()
        };
        text.push_str(&format!("Ruler\t{}\t{}\n", b64(offset), b64(length)));
        fs::write(&index, text).unwrap();
        let found = load().lookup("الحاكم");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].headword.as_str(), found[0].reverse),
            ("Ruler", true)
        );
        let after = cache_files(cache.path());
        assert_eq!(after[0], before[0], "the unchanged one stays");
        assert_ne!(after[1], before[1], "the changed one is rebuilt");
        // The same size, another time: rebuilt too.
        let file = fs::File::options().write(true).open(&dict).unwrap();
        let modified = file.metadata().unwrap().modified().unwrap();
        file.set_modified(modified - std::time::Duration::from_secs(60))
            .unwrap();
        drop(file);
        assert_eq!(load().lookup("الحاكم"), found);
        assert_ne!(cache_files(cache.path())[1], after[1]);
    }

    #[test]
    fn a_damaged_cache_is_ignored_and_rebuilt() {
        let cache = tempfile::tempdir().unwrap();
        let folder = cache.path().join("qari");
        let dirs = [fixtures()];
        let words = words(&fixtures());
        let expected = results(&Dictionaries::load(&dirs), &words);
        let _ = Dictionaries::load_cached(&dirs, &folder);
        let files = cache_files(cache.path());
        let check = |name: &str, bytes: &[u8]| {
            let path = folder.join(name);
            fs::write(&path, bytes).unwrap();
            let dictionaries = Dictionaries::load_cached(&dirs, &folder);
            assert!(dictionaries.problems.is_empty());
            assert!(dictionaries.list.iter().all(|d| d.is_cached()));
            // Only the lookups that the damaged one answers, for speed.
            for (word, expected) in words.iter().zip(&expected).step_by(7) {
                assert_eq!(&dictionaries.lookup(word), expected, "{name}: {word}");
            }
        };
        for (name, _) in &files {
            let good = fs::read(folder.join(name)).unwrap();
            for length in (0..good.len()).step_by(5) {
                check(name, &good[..length]);
                assert_eq!(fs::read(folder.join(name)).unwrap(), good, "rebuilt");
            }
            for at in (0..good.len()).step_by(3) {
                let mut bad = good.clone();
                bad[at] ^= 0x41;
                check(name, &bad);
                assert_eq!(fs::read(folder.join(name)).unwrap(), good, "rebuilt");
            }
            let mut garbage = good.clone();
            garbage
                .iter_mut()
                .enumerate()
                .for_each(|(i, b)| *b = (i * 7) as u8);
            check(name, &garbage);
            check(name, b"");
            // Another dictionary's cache under this one's name.
            let other = &files.iter().find(|(n, _)| n != name).unwrap().0;
            check(name, &fs::read(folder.join(other)).unwrap());
        }
    }

    /// Every cache that passes the checks but was made by hand (valid
    /// checksum, numbers changed): lookups never panic.
    #[test]
    fn a_forged_cache_never_panics() {
        let cache = tempfile::tempdir().unwrap();
        let folder = cache.path().join("qari");
        let dirs = [fixtures()];
        let _ = Dictionaries::load_cached(&dirs, &folder);
        let words = words(&fixtures());
        for (name, _) in cache_files(cache.path()) {
            let good = fs::read(folder.join(&name)).unwrap();
            let body = &good[..good.len() - 8];
            for at in (0..body.len()).step_by(2) {
                for value in [0x00, 0x01, 0x7f, 0xff] {
                    let mut forged = body.to_vec();
                    forged[at] = value;
                    let sum = checksum(&forged);
                    forged.extend(sum.to_le_bytes());
                    let main = fixtures()
                        .join(name.split('-').take(4).collect::<Vec<_>>().join("-") + ".index");
                    let Some((stamp, _)) = stamp(&main) else {
                        panic!("{main:?}");
                    };
                    let Some(cached) = Cached::open(forged, &stamp, &main) else {
                        continue;
                    };
                    let dictionary = Dictionary::cached("x".to_owned(), Layout::FirstLine, cached);
                    for word in words.iter().step_by(11) {
                        let readings = crate::arabic::analyses(&normalize(word));
                        let _ = dictionary.lookup(&readings);
                        let _ = dictionary.lookup_english(word);
                    }
                }
            }
        }
    }

    #[test]
    fn an_unwritable_cache_folder_is_no_error() {
        let file = tempfile::NamedTempFile::new().unwrap();
        let folder = file.path().join("qari");
        let dirs = [fixtures()];
        let words = words(&fixtures());
        let dictionaries = Dictionaries::load_cached(&dirs, &folder);
        assert!(dictionaries.problems.is_empty());
        assert_eq!(dictionaries.list.len(), 2);
        assert_eq!(
            results(&dictionaries, &words),
            results(&Dictionaries::load(&dirs), &words)
        );
    }

    #[test]
    fn cache_names_are_the_dictionary_and_a_hash_of_its_path() {
        let name = file_name(Path::new("/usr/share/dictd/freedict-ara-eng.index"));
        assert!(name.starts_with("freedict-ara-eng-"), "{name}");
        assert!(name.ends_with(".cache"));
        assert_ne!(
            name,
            file_name(Path::new("/usr/local/dictd/freedict-ara-eng.index"))
        );
        assert!(file_name(Path::new("/d/قاموس ع.index")).starts_with("_______-"));
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
