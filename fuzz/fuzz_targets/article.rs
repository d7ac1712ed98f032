//! Fuzz `qari::article::parse_article`: any bytes, as an article file.
//!
//! - it never panics;
//! - an error names the path given, on one line, and a syntax error's line
//!   and column are inside the text;
//! - an article read has at least one sentence, none with an empty `ar`, and
//!   its words are char-boundary ranges of `ar`, in order;
//! - written back with `article_to_toml`, it reads back the same (metadata
//!   and every sentence's `ar`, `en`, notes, heading and paragraph flag), and
//!   writing that again gives the same text.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use qari::article::{Article, ArticleError, Origin, article_to_toml, parse_article};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let path = Path::new(common::PATH);
    let article = match parse_article(data, path, "fuzz", Origin::Bundled) {
        Ok(article) => article,
        Err(error) => {
            common::check_message(&error.to_string(), path);
            if let ArticleError::Syntax { line, column, .. } = error {
                common::check_position(data, line, column);
            }
            return;
        }
    };
    assert!(!article.sentences.is_empty(), "an article with no sentence");
    for (n, s) in article.sentences.iter().enumerate() {
        assert!(!s.ar.trim().is_empty(), "sentence {n}: empty ar");
        let mut end = 0;
        for w in &s.words {
            assert!(
                w.start >= end && w.start < w.end,
                "sentence {n}: words {:?}",
                s.words
            );
            assert!(
                s.ar.is_char_boundary(w.start) && s.ar.is_char_boundary(w.end),
                "sentence {n}: word {w:?} off a char boundary of {:?}",
                s.ar
            );
            end = w.end;
        }
    }

    let written = article_to_toml(&article);
    let again = match parse_article(written.as_bytes(), path, "fuzz", Origin::Bundled) {
        Ok(again) => again,
        Err(error) => panic!("written article does not read back: {error}\n{written}"),
    };
    assert_eq!(
        key(&again),
        key(&article),
        "round trip changed the article\n{written}"
    );
    assert_eq!(article_to_toml(&again), written, "writing is not stable");
});

type Key<'a> = (
    [&'a str; 4],
    &'a [String],
    Vec<(&'a str, &'a str, &'a [String], bool, bool)>,
);

fn key(a: &Article) -> Key<'_> {
    let m = &a.meta;
    (
        [&m.title_en, &m.language, &m.date, &m.source],
        &m.removed,
        a.sentences
            .iter()
            .map(|s| {
                (
                    s.ar.as_str(),
                    s.en.as_str(),
                    &s.notes[..],
                    s.heading,
                    s.starts_paragraph,
                )
            })
            .collect(),
    )
}
