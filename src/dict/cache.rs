//! The dictionary cache: a dictd dictionary's index, built once from its
//! files and kept in one file of the cache folder, so that a later start
//! reads that file and looks words up in it without parsing or normalising
//! anything, and reads only the definitions a lookup shows
//! ([`Definitions`]).
//!
//! A cache file, named after the dictionary (`freedict-ara-eng-` and a
//! hash of the canonical path of its `.index`), holds, little-endian:
//!
//! - [`MAGIC`], [`VERSION`], and the stamp: the canonical path, size and
//!   modification time of the `.index` and of the definitions file, and
//!   the normal form of [`PROBE`] (so a change to the normalisation
//!   rebuilds it); a cache whose stamp differs is rebuilt;
//! - whether the dictionary is read in reverse, and the counts of the
//!   sections that follow;
//! - the entries, in the index's order: where the headword is in the
//!   strings, and the offset and length of the definition in the data;
//! - the keys, sorted by their bytes, each with where its name is in the
//!   strings and where its list of entries is in the lists: the normalised
//!   Arabic headwords of an Arabic → English dictionary, or the normalised
//!   Arabic phrases of an English → Arabic one's definitions;
//! - the English keys (an English → Arabic dictionary's headwords, trimmed
//!   and lowercased), likewise;
//! - the lists of entries (numbers), then the strings.
//!
//! The file is read whole and checked (its length against the counts,
//! every range in bounds, every entry number an entry) before it is used:
//! a truncated, garbage or hostile file is ignored and rebuilt, never a
//! panic. It is written atomically; a folder that cannot be written is no
//! error (the index is then built in memory, as when there is no cache).
//!
//! A cached dictionary gives the same matches, in the same order, as the
//! loaded one it was made from: the lists keep the loaded index's order.

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
    let (_, loaded) = dictionary.loaded()?;
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
    // The phrases of a reverse dictionary, sorted, each with its entries;
    // the Arabic headwords of a forward one, sorted by their normal form.
    let (mut key_starts, mut list_starts, mut lists) = (Vec::new(), Vec::new(), Vec::new());
    let mut sorted: Vec<u32> = Vec::new();
    match &loaded.keys {
        Keys::Forward(index) => {
            let mut keys: Vec<&String> = index.keys().collect();
            keys.sort_unstable();
            for key in keys {
                sorted.extend(index.get(key).into_iter().flatten());
            }
        }
        Keys::Reverse(index) => {
            let mut keys: Vec<&str> = index.keys().collect();
            keys.sort_unstable();
            for key in keys {
                key_starts.push(offset(&strings)?);
                strings.extend(key.as_bytes());
                list_starts.push(u32::try_from(lists.len()).ok()?);
                lists.extend(index.entries(key));
            }
            // The English headwords, by their lowercase.
            let mut english: Vec<(String, u32)> = (entries.iter().enumerate())
                .map(|(number, (headword, ..))| (english_key(headword), number as u32))
                .collect();
            english.sort_unstable();
            sorted = english.into_iter().map(|(_, number)| number).collect();
        }
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
    Some(out)
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
    /// Where each phrase starts in the strings, then where the last ends.
    key_starts: Section,
    /// Where each phrase's entries start in the lists, then where the last
    /// one's end.
    list_starts: Section,
    lists: Section,
    /// Entry numbers: the Arabic headwords of a forward dictionary by
    /// their normal form, or the headwords of a reverse one by their
    /// [`english_key`]; equal keys in entry order.
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
    pub(super) fn open(bytes: Vec<u8>, stamp: &[u8], main: &Path) -> Option<Cached> {
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

    /// The entries indexed under the normalised Arabic `key`: the phrase's
    /// list in a reverse dictionary, the headwords of that normal form in
    /// a forward one (binary searches).
    pub(super) fn keyed(&self, key: &str) -> Box<dyn Iterator<Item = u32> + '_> {
        if self.reverse {
            let phrases = self.key_starts.count - 1;
            let at = partition_point(phrases, |i| {
                self.string(self.key_starts, i) < key.as_bytes()
            });
            if at == phrases || self.string(self.key_starts, at) != key.as_bytes() {
                return Box::new(std::iter::empty());
            }
            let (from, to) = (
                self.number(self.list_starts, at) as usize,
                self.number(self.list_starts, at + 1) as usize,
            );
            Box::new((from..to).map(|i| self.number(self.lists, i)))
        } else {
            Box::new(self.sorted_by(key, |headword| normalize(headword)))
        }
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
    /// `key` is `wanted`.
    fn sorted_by(
        &self,
        wanted: &str,
        key: impl Fn(&str) -> String,
    ) -> impl Iterator<Item = u32> + '_ {
        let count = self.sorted.count;
        let key_of = |i: usize| key(self.headword(self.number(self.sorted, i)));
        let from = partition_point(count, |i| key_of(i).as_str() < wanted);
        let to = from + partition_point(count - from, |i| key_of(from + i).as_str() <= wanted);
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
