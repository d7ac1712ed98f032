//! Fuzz `qari::article::parse_overlay`: any bytes, as a learner's overlay
//! file, then the overlay applied over an article and an edit set in it.
//!
//! - it never panics;
//! - an error names the path given, on one line; it is a syntax error
//!   (line and column inside the text) or invalid UTF-8 at the offset
//!   `std::str::from_utf8` gives, nothing else;
//! - every entry read has a non-blank `ar` within the sentence cap, and no
//!   two entries have the same number and text;
//! - written back with `Overlay::to_toml`, it reads back the same (number,
//!   `ar`, `en`, notes of every entry), and writing that again gives the
//!   same text;
//! - applied over an article made of the entries' texts (reversed, with a
//!   sentence of its own first, so entries move), a sentence's translation
//!   and notes are its own or those of an entry with its very text, never
//!   another's; entries applied and orphaned add up to all of them;
//! - an edit set on a sentence leaves every other entry as it was and one
//!   entry at most for that sentence, anchored to its number and text.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use qari::article::{Article, Meta, Origin, Overlay, Sentence, SentenceEdit, parse_overlay};
use qari::files::FileError;

#[path = "common.rs"]
mod common;

type Key = (usize, String, Option<String>, Option<Vec<String>>);

fn keys(overlay: &Overlay) -> Vec<Key> {
    overlay
        .entries
        .iter()
        .map(|e| (e.index, e.ar.clone(), e.en.clone(), e.notes.clone()))
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new(common::PATH);
    let overlay = match parse_overlay(data, path) {
        Ok(overlay) => overlay,
        Err(error) => {
            common::check_message(&error.to_string(), path);
            match error {
                FileError::Syntax { line, column, .. } => {
                    common::check_position(data, line, column);
                }
                FileError::InvalidUtf8 { offset, .. } => {
                    let valid = std::str::from_utf8(data).map_err(|e| e.valid_up_to());
                    assert_eq!(valid, Err(offset), "invalid UTF-8 offset");
                }
                other => panic!("parse_overlay returned an unexpected error: {other:?}"),
            }
            return;
        }
    };
    let mut seen = std::collections::HashSet::new();
    for entry in &overlay.entries {
        assert!(!entry.ar.trim().is_empty(), "an entry with a blank ar");
        assert!(entry.ar.chars().count() <= 10_000, "an ar over the cap");
        assert!(
            seen.insert((entry.index, entry.ar.clone())),
            "two entries for sentence {} with the same text",
            entry.index + 1
        );
    }

    let written = overlay.to_toml();
    let again = match parse_overlay(written.as_bytes(), path) {
        Ok(again) => again,
        Err(error) => panic!("written overlay does not read back: {error}\n{written}"),
    };
    assert_eq!(keys(&again), keys(&overlay), "round trip\n{written}");
    assert_eq!(again.to_toml(), written, "written twice differs");

    // An article of the entries' texts, reversed, after one of its own.
    let mut texts: Vec<&str> = vec!["جملة أولى من عندنا"];
    for entry in overlay.entries.iter().rev() {
        texts.push(&entry.ar);
    }
    let sentences: Vec<Sentence> = texts
        .iter()
        .map(|ar| Sentence::new((*ar).to_owned(), "ORIGINAL".to_owned(), vec![]))
        .collect();
    let mut article = Article {
        id: "fuzz".to_owned(),
        meta: Meta::default(),
        sentences: sentences.clone(),
        origin: Origin::Bundled,
    };
    let orphans = overlay.apply(&mut article, path);
    let targets = overlay.resolve(&sentences);
    assert_eq!(
        orphans.len(),
        targets.iter().filter(|t| t.is_none()).count(),
        "orphans reported"
    );
    for (entry, target) in overlay.entries.iter().zip(&targets) {
        if let Some(target) = *target {
            assert_eq!(sentences[target].ar, entry.ar, "an entry on another text");
        }
    }
    for (index, sentence) in article.sentences.iter().enumerate() {
        let from: Vec<_> = overlay
            .entries
            .iter()
            .zip(&targets)
            .filter(|(_, t)| **t == Some(index))
            .collect();
        assert!(from.len() <= 1, "two entries on sentence {index}");
        let expected_en = from
            .first()
            .and_then(|(e, _)| e.en.clone())
            .unwrap_or_else(|| "ORIGINAL".to_owned());
        assert_eq!(sentence.en, expected_en, "sentence {index}'s translation");
        let expected_notes = from
            .first()
            .and_then(|(e, _)| e.notes.clone())
            .unwrap_or_default();
        assert_eq!(sentence.notes, expected_notes, "sentence {index}'s notes");
    }

    // An edit of the last sentence (the first entry's text).
    let index = sentences.len() - 1;
    let mut edited = overlay.clone();
    edited.set(&sentences, index, &SentenceEdit::new("EDITED", vec![]));
    let on_it: Vec<_> = edited
        .entries
        .iter()
        .filter(|e| e.index == index && e.ar == sentences[index].ar)
        .collect();
    assert_eq!(on_it.len(), 1, "the edited sentence's entry");
    assert_eq!(on_it[0].en.as_deref(), Some("EDITED"));
    let mut others: Vec<Key> = keys(&edited)
        .into_iter()
        .filter(|k| !(k.0 == index && k.1 == sentences[index].ar))
        .collect();
    let was = targets.iter().position(|t| *t == Some(index));
    let mut before: Vec<Key> = keys(&overlay)
        .into_iter()
        .enumerate()
        .filter(|(k, _)| Some(*k) != was)
        .map(|(_, key)| key)
        .collect();
    others.sort();
    before.sort();
    assert_eq!(others, before, "other entries changed by an edit");
    let again = parse_overlay(edited.to_toml().as_bytes(), path);
    assert!(again.is_ok(), "an edited overlay does not read back: {again:?}");
});
