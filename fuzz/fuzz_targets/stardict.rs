//! Fuzz the StarDict loader (`NAME.ifo` + `NAME.idx` + `NAME.dict[.dz]`),
//! through the public `Dictionaries::load` on a folder holding just the
//! fuzzer's files.
//!
//! Input: the `.ifo` up to the first 0xFF byte (never in UTF-8, which an
//! `.ifo` must be); then two bytes, the `.idx`'s length (big-endian); the
//! `.idx` (cut short if the input is); the rest is the `.dict` (written as
//! `.dict.dz` when it starts with gzip's magic 1f 8b).
//!
//! - it never panics;
//! - it gives one dictionary, or one problem that names the `.ifo` file, on
//!   one line;
//! - the dictionary has one entry per `.idx` record, and is named by the
//!   `.ifo`'s `bookname` (else after the file);
//! - each Arabic headword of a forward (Arabic → English) dictionary is
//!   found when looked up (the first 64); every match names the dictionary.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let (ifo, rest) = match data.iter().position(|&b| b == 0xff) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let (idx, dict) = match rest {
        [hi, lo, rest @ ..] => {
            rest.split_at((usize::from(*hi) << 8 | usize::from(*lo)).min(rest.len()))
        }
        _ => (rest, &[][..]),
    };
    let dir = common::dict_files(&[("fuzz.ifo", ifo), ("fuzz.idx", idx)], dict);

    // What a load must find, when it finds anything.
    let ifo = String::from_utf8_lossy(ifo);
    let setting = |key: &str| {
        ifo.lines()
            .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
            .map(str::trim)
    };
    let name = setting("bookname").unwrap_or("fuzz").to_owned();
    let width = if setting("idxoffsetbits") == Some("64") {
        8
    } else {
        4
    };
    let mut headwords = Vec::new();
    let mut at = 0;
    while let Some(nul) = idx[at..].iter().position(|&b| b == 0) {
        headwords.push(String::from_utf8_lossy(&idx[at..at + nul]).into_owned());
        at += nul + 1 + width + 4;
        if at >= idx.len() {
            break;
        }
    }
    if let Some(len) = common::load_and_look_up(dir, "fuzz.ifo", &name, &headwords) {
        assert_eq!(len, headwords.len(), "entries loaded");
    }
});
