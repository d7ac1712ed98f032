//! Fuzz the dictd loader (`NAME.index` + `NAME.dict[.dz]`), through the
//! public `Dictionaries::load` on a folder holding just the fuzzer's files.
//!
//! Input: the `.index` up to the first 0xFF byte (never in UTF-8, which an
//! index must be), the `.dict` after it (written as `.dict.dz` when it starts
//! with gzip's magic 1f 8b). No 0xFF: all of it is the index, the data empty.
//!
//! - it never panics;
//! - it gives one dictionary, or one problem that names the `.index` file,
//!   on one line;
//! - the dictionary has one entry per index line, less dictd's `00database…`
//!   lines, and is named after the file;
//! - each Arabic headword of a forward (Arabic → English) dictionary is
//!   found when looked up (the first 64); every match names the dictionary.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let (index, dict) = match data.iter().position(|&b| b == 0xff) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let dir = common::dict_files(&[("fuzz.index", index)], dict);
    let Ok(text) = std::str::from_utf8(index) else {
        assert!(common::load_and_look_up(dir, "fuzz.index", "fuzz", &[]).is_none());
        return;
    };
    let headwords: Vec<String> = text
        .lines()
        .filter_map(|line| line.split('\t').next())
        .filter(|h| !h.starts_with("00database") && !h.starts_with("00-database"))
        .map(str::to_owned)
        .collect();
    if let Some(len) = common::load_and_look_up(dir, "fuzz.index", "fuzz", &headwords) {
        assert_eq!(len, headwords.len(), "entries loaded");
    }
});
