//! Fuzz `qari::glossary::parse_glossary`: any bytes, as a glossary file.
//!
//! - it never panics;
//! - an error names the path given, on one line, and a syntax error's line
//!   and column are inside the text;
//! - the file read keeps the path and the `bundled` flag given, and every
//!   entry read passes `Entry::validate` unchanged (validation is idempotent);
//! - its entries, written the way qari writes `user.toml` (one `[[entry]]`
//!   table each, `toml::to_string`), read back equal (a review's floats
//!   compared by their bits, any NaN equal to any NaN).
//!
//! Byte 0 is the `bundled` flag (odd: true); the rest is the file.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use qari::files::FileError;
use qari::glossary::{Entry, GlossaryError, parse_glossary};
use serde::Serialize;

#[path = "common.rs"]
mod common;

#[derive(Serialize)]
struct FileOut<'a> {
    entry: &'a [Entry],
}

fuzz_target!(|data: &[u8]| {
    let [flag, bytes @ ..] = data else {
        return;
    };
    let bundled = flag % 2 == 1;
    let path = Path::new(common::PATH);
    let file = match parse_glossary(bytes, path, bundled) {
        Ok(file) => file,
        Err(error) => {
            common::check_message(&error.to_string(), path);
            match error {
                GlossaryError::File(FileError::Syntax { line, column, .. }) => {
                    common::check_position(bytes, line, column);
                }
                GlossaryError::File(FileError::InvalidUtf8 { offset, .. }) => {
                    let valid = std::str::from_utf8(bytes).map_err(|e| e.valid_up_to());
                    assert_eq!(valid, Err(offset), "invalid UTF-8 offset");
                }
                other => panic!("parse_glossary returned an unexpected error: {other:?}"),
            }
            return;
        }
    };
    assert_eq!(file.path, path);
    assert_eq!(file.bundled, bundled);
    for entry in &file.entries {
        let mut again = entry.clone();
        assert_eq!(again.validate(), Ok(()), "an entry read does not validate");
        assert!(
            same(&again, entry),
            "validate changed an entry read: {entry:?}"
        );
    }

    let body = match toml::to_string(&FileOut {
        entry: &file.entries,
    }) {
        Ok(body) => body,
        Err(error) => panic!(
            "entries read cannot be written: {error}\n{:?}",
            file.entries
        ),
    };
    let back = match parse_glossary(body.as_bytes(), path, bundled) {
        Ok(back) => back,
        Err(error) => panic!("written glossary does not read back: {error}\n{body}"),
    };
    assert_eq!(back.entries.len(), file.entries.len(), "{body}");
    for (a, b) in file.entries.iter().zip(&back.entries) {
        assert!(
            same(a, b),
            "round trip changed an entry:\n{a:?}\n{b:?}\n{body}"
        );
    }
});

/// Equality, with a review's floats compared bit for bit.
fn same(a: &Entry, b: &Entry) -> bool {
    let strip = |e: &Entry| Entry {
        review: None,
        ..e.clone()
    };
    let floats = |e: &Entry| {
        e.review.as_ref().map(|r| {
            [r.stability, r.difficulty].map(|x| if x.is_nan() { None } else { Some(x.to_bits()) })
        })
    };
    let rest = |e: &Entry| {
        e.review.as_ref().map(|r| {
            let mut r = r.clone();
            r.stability = 0.0;
            r.difficulty = 0.0;
            r
        })
    };
    strip(a) == strip(b) && floats(a) == floats(b) && rest(a) == rest(b)
}
