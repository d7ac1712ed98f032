//! The engine against GNU FriBidi, the reference for reordering, mirroring and
//! shaping of unwrapped paragraphs.
//!
//! `tests/fixtures/fribidi/NAME.txt` holds paragraphs (the seed article's and
//! our own news-style sentences), `NAME.fribidi` FriBidi 1.0.8's visual line
//! for each (`regen.sh` makes them). The two are compared modulo
//! representation only:
//! - FriBidi leaves U+FEFF where a lam-alef ligature swallowed the alef;
//! - FriBidi forms lam-alef only when lam and alef are adjacent, while qari
//!   also forms it across harakat (لَا), as the ligature is mandatory: a
//!   ligature is compared as the final alef and the lam it joins;
//! - FriBidi leaves some isolated letters unshaped (ء): isolated forms are
//!   compared as their base letter;
//! - which of lam and alef a haraka sits on is not told apart within the
//!   one cell of their ligature;
//! - FriBidi's `--clean` drops ZWJ and ZWNJ (qari keeps them: they are parts
//!   of grapheme clusters) and keeps ALM (qari drops all bidi controls).
//!
//! One real difference is expected and listed in `KNOWN_DIFFERENCES`: FriBidi
//! reverses an emoji ZWJ sequence part by part in a right-to-left run, which
//! breaks the emoji (👨‍⚕️ comes out as ⚕️👨); qari moves the whole cluster.
#![allow(clippy::unwrap_used)] // a test that cannot read its fixture should panic

use crate::common;

use std::fs;

use common::normalise;
use qari::text::Direction;

/// Paragraphs where qari is right and FriBidi is not: (fixture, line, qari's
/// cluster, FriBidi's reversed parts). The line must match once the cluster
/// is written FriBidi's way.
const KNOWN_DIFFERENCES: &[(&str, usize, &str, &str)] = &[
    ("news", 74, "👨\u{200D}⚕\u{FE0F}", "⚕\u{FE0F}👨"),
    ("news", 90, "👩\u{200D}💻", "💻👩"),
];

fn check_fixture(name: &str) -> usize {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fribidi/");
    let input = fs::read_to_string(format!("{dir}{name}.txt")).unwrap();
    let expected = fs::read_to_string(format!("{dir}{name}.fribidi")).unwrap();
    let inputs: Vec<&str> = input.lines().collect();
    let outputs: Vec<&str> = expected.lines().collect();
    assert_eq!(inputs.len(), outputs.len(), "{name}: run regen.sh");
    let mut failures = Vec::new();
    for (number, (paragraph, fribidi)) in inputs.iter().zip(&outputs).enumerate() {
        let mut ours = common::visual_line(paragraph, Direction::Rtl, true);
        for &(_, _, cluster, fribidi_way) in KNOWN_DIFFERENCES
            .iter()
            .filter(|d| d.0 == name && d.1 == number + 1)
        {
            assert!(
                ours.contains(cluster),
                "{name}:{}: cluster kept whole",
                number + 1
            );
            ours = ours.replace(cluster, fribidi_way);
        }
        if normalise(&ours) != normalise(fribidi) {
            failures.push(format!(
                "{name}.txt line {}:\n  input  {paragraph}\n  qari   {ours}\n  fribidi {fribidi}\n  qari   {:?}\n  fribidi {:?}",
                number + 1,
                normalise(&ours),
                normalise(fribidi)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} paragraphs differ from FriBidi:\n{}",
        failures.len(),
        inputs.len(),
        failures.join("\n")
    );
    println!("{name}: {} paragraphs equal to FriBidi", inputs.len());
    inputs.len()
}

#[test]
fn seed_article_matches_fribidi() {
    assert!(check_fixture("seed") >= 20);
}

#[test]
fn news_sentences_match_fribidi() {
    assert!(check_fixture("news") >= 150);
}

#[test]
fn normalisation_only_forgives_representation() {
    // The ligature, and FriBidi's unligated lam + alef, compare equal...
    assert_eq!(normalise("\u{FEFB}"), normalise("\u{FEFB}\u{FEFF}"));
    assert_eq!(
        normalise("\u{FEFB}\u{064E}"),
        normalise("\u{FE8E}\u{FEDF}\u{064E}")
    );
    // ...but a different letter or order does not.
    assert_ne!(normalise("\u{FEFB}"), normalise("\u{FEDF}\u{FE8E}"));
    assert_ne!(normalise("\u{FE91}"), normalise("\u{FE8F}"));
}
