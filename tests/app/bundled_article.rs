//! The bundled article against the seed text it was made from, and the
//! bundled list against the repository's `articles/` folder.
#![allow(clippy::unwrap_used)]

use crate::common;

use common::bundled_article;

use std::fs;

use qari::article::{Article, BUNDLED};

/// The article's paragraphs: its sentences joined with a space.
fn paragraphs(article: &Article) -> Vec<String> {
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    for (index, sentence) in article.sentences.iter().enumerate() {
        if index == 0 || article.paragraph_break_before(index) {
            paragraphs.push(Vec::new());
        }
        paragraphs.last_mut().unwrap().push(&sentence.ar);
    }
    paragraphs.into_iter().map(|p| p.join(" ")).collect()
}

#[test]
fn the_arabic_is_the_seed_text_exactly_minus_the_page_furniture() {
    // seed.txt holds the seed's non-blank lines, trimmed (see its regen.sh).
    let seed = fs::read_to_string("tests/fixtures/fribidi/seed.txt").unwrap();
    let article = bundled_article();
    let kept: Vec<&str> = seed.lines().filter(|l| !matches!(*l, "0" | "84")).collect();
    assert_eq!(
        seed.lines().count() - kept.len(),
        2,
        "only the stray 0 and 84 go"
    );
    assert_eq!(paragraphs(&article), kept);
    let removed = article.meta.removed.join("\n");
    assert!(
        removed.contains("\"0\"") && removed.contains("\"84\""),
        "{removed}"
    );
}

#[test]
fn every_sentence_has_a_translation_and_notes() {
    let article = bundled_article();
    assert_eq!(article.sentences.len(), 24);
    assert!(article.sentences[0].heading);
    assert!(!article.meta.title_en.is_empty());
    for (index, sentence) in article.sentences.iter().enumerate() {
        assert!(
            !sentence.en.trim().is_empty(),
            "sentence {} has no translation",
            index + 1
        );
        assert!(
            !sentence.notes.is_empty(),
            "sentence {} has no notes",
            index + 1
        );
        for note in &sentence.notes {
            assert!(
                note.chars().count() <= 240,
                "sentence {}: note too long: {note}",
                index + 1
            );
        }
    }
}

#[test]
fn every_file_in_articles_is_bundled_and_every_bundled_article_is_there() {
    let mut on_disk: Vec<String> = fs::read_dir("articles")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".toml"))
        .collect();
    on_disk.sort();
    let mut bundled: Vec<String> = BUNDLED
        .iter()
        .map(|(_, name, _)| (*name).to_owned())
        .collect();
    bundled.sort();
    assert_eq!(on_disk, bundled);
    for (id, name, text) in BUNDLED {
        assert_eq!(format!("{id}.toml"), *name);
        assert_eq!(
            fs::read_to_string(format!("articles/{name}")).unwrap(),
            *text
        );
    }
}

#[test]
fn the_splitter_on_the_seed_text_agrees_with_the_hand_split() {
    // Every sentence the splitter finds in the seed is one or more
    // consecutive sentences of the bundled article (which also splits a few
    // long ones at a comma), and it drops exactly the page furniture.
    let seed = fs::read_to_string("tests/fixtures/fribidi/seed.txt").unwrap();
    let split = qari::article::split(&seed);
    let dropped: Vec<&str> = split
        .dropped
        .iter()
        .map(|(_, line)| line.as_str())
        .collect();
    assert_eq!(dropped, ["0", "84"]);
    let article = bundled_article();
    let hand: Vec<&str> = article.sentences.iter().map(|s| s.ar.as_str()).collect();
    let mut next = 0;
    for sentence in split.paragraphs.iter().flatten() {
        let mut joined = String::new();
        while joined.len() < sentence.len() && next < hand.len() {
            if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(hand[next]);
            next += 1;
        }
        assert_eq!(&joined, sentence);
    }
    assert_eq!(next, hand.len());
    assert_eq!(
        split.sentence_count(),
        19,
        "the title, 17 paragraphs, and one more at ؟"
    );
}

/// The sentence whose Arabic contains `needle`.
fn sentence_with(article: &Article, needle: &str) -> usize {
    article
        .sentences
        .iter()
        .position(|s| s.ar.contains(needle))
        .unwrap_or_else(|| panic!("no sentence contains {needle}"))
}

#[test]
fn a_square_kilometre_with_no_numeral_is_one_square_kilometre() {
    // نحو كلم2 is “about one square kilometre”: a count noun with no
    // numeral means one. No number is missing from the Arabic.
    let article = bundled_article();
    let sentence = &article.sentences[sentence_with(&article, "نحو كلم2")];
    assert!(
        sentence.en.contains("about one square kilometre"),
        "{}",
        sentence.en
    );
    assert!(!sentence.en.contains("[?]"), "{}", sentence.en);
    for note in &sentence.notes {
        let lower = note.to_lowercase();
        assert!(
            !(lower.contains("missing") || lower.contains("no number")),
            "a note still claims a number is missing: {note}"
        );
    }
}

#[test]
fn ratneys_quote_as_printed_carries_the_note_on_the_missing_not() {
    // As printed, باتخاذ says “persuade … to take military action”, which
    // contradicts the warning before it; Reuters has “not to take”, and
    // another Arabic version reads بعدم اتخاذ. The Arabic stays as printed.
    let article = bundled_article();
    let sentence = &article.sentences[sentence_with(
        &article,
        "إقناع الأطراف الدولية باتخاذ الإجراءات العسكرية اللازمة",
    )];
    assert!(!sentence.ar.contains("بعدم"), "{}", sentence.ar);
    assert!(sentence.en.contains("not to take"), "{}", sentence.en);
    assert!(
        sentence.notes.iter().any(|note| note.contains("Reuters")
            && note.contains("بعدم اتخاذ")
            && note.contains("not to take")
            && note.contains("contradicts")),
        "{:#?}",
        sentence.notes
    );
}

#[test]
fn at_most_three_notes_per_sentence_on_average() {
    // Fewer, sharper notes (issue 14): the key point first, plain glosses
    // left to the glossary. The article had 136 notes for 24 sentences (5.7).
    let article = bundled_article();
    let notes: usize = article.sentences.iter().map(|s| s.notes.len()).sum();
    let sentences = article.sentences.len();
    assert!(
        notes <= 3 * sentences,
        "{notes} notes for {sentences} sentences ({:.2} a sentence)",
        notes as f64 / sentences as f64
    );
}
