//! Properties of the engine for arbitrary text (Arabic, Latin, digits, marks,
//! bidi controls, emoji, CJK, control characters) at widths 1–200, in every
//! direction, shaped or not.
#![allow(clippy::unwrap_used)] // a test that cannot read its fixture should panic

use proptest::prelude::*;
use qari::text::{Direction, LayoutOptions, Paragraph, layout};

/// The invariants every layout keeps, shared with the fuzz target
/// (`fuzz/fuzz_targets/layout.rs`).
use crate::invariants;

/// Pieces that text is drawn from: single characters and a few clusters.
fn piece() -> impl Strategy<Value = String> {
    let pools: Vec<(u32, BoxedStrategy<String>)> = vec![
        (30, char_from("ابتثجحخدذرزسشصضطظعغفقكلمنهوياأإآةىءؤئ").boxed()),
        (8, char_from("لالأ").boxed()),
        (8, char_from("\u{064B}\u{064C}\u{064D}\u{064E}\u{064F}\u{0650}\u{0651}\u{0652}\u{0670}").boxed()),
        (12, char_from("     ").boxed()),
        (10, char_from("abcXYZ").boxed()),
        (6, char_from("0123456789٠١٢٣٤٥٦٧٨٩۰۱").boxed()),
        (6, char_from(".,:;-+%/٫٬٪،؛؟()[]{}<>«»\"'“”").boxed()),
        (4, char_from("\u{200E}\u{200F}\u{061C}\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}").boxed()),
        (4, char_from("\u{200C}\u{200D}\u{FEFF}\u{0640}\u{200B}\u{00AD}").boxed()),
        (3, char_from("پچژگکی").boxed()),
        (3, prop_oneof![Just("😀".to_owned()), Just("👨\u{200D}⚕\u{FE0F}".to_owned()), Just("🇸🇾".to_owned()), Just("中文".to_owned())].boxed()),
        (2, char_from("\t\u{1b}\u{0}\u{7f}\u{85}\u{2028}\u{2029}\r\n").boxed()),
        (2, any::<char>().prop_map(String::from).boxed()),
    ];
    proptest::strategy::Union::new_weighted(pools)
}

fn char_from(set: &'static str) -> impl Strategy<Value = String> + Clone {
    let chars: Vec<char> = set.chars().collect();
    proptest::sample::select(chars).prop_map(String::from)
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..120).prop_map(|pieces| pieces.concat())
}

fn options() -> impl Strategy<Value = LayoutOptions> {
    (
        1usize..=200,
        prop_oneof![
            Just(Direction::Rtl),
            Just(Direction::Ltr),
            Just(Direction::Auto)
        ],
        any::<bool>(),
    )
        .prop_map(|(width, direction, shape)| LayoutOptions {
            width,
            direction,
            shape,
        })
}

fn check(text: &str, options: &LayoutOptions, paragraph: &Paragraph) -> Result<(), TestCaseError> {
    invariants::check(text, options, paragraph).map_err(TestCaseError::fail)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn layout_keeps_every_character_and_fits_the_width(text in text(), options in options()) {
        let paragraph = layout(&text, &options);
        check(&text, &options, &paragraph)?;
    }

    #[test]
    fn unwrapped_lines_keep_every_character_in_every_direction(text in text()) {
        // Unwrapped, the visual line holds the same characters whatever the
        // direction: reordering only moves them.
        for direction in [Direction::Rtl, Direction::Ltr, Direction::Auto] {
            let options = LayoutOptions { width: usize::MAX, direction, shape: false };
            let paragraph = layout(&text, &options);
            check(&text, &options, &paragraph)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Normalising for the glossary is idempotent, on Arabic with marks,
    /// alef forms, digits and anything else.
    #[test]
    fn glossary_normalisation_is_idempotent(
        text in "[\\u{0600}-\\u{06FF}\\u{0750}-\\u{077F} a-zA-Z0-9\\u{200C}\\u{200D}]{0,40}"
    ) {
        let once = qari::arabic::normalize(&text);
        prop_assert_eq!(qari::arabic::normalize(&once), once);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The splitter loses nothing: its sentences, put back together, are
    /// the input without its dropped lines, modulo whitespace.
    #[test]
    fn splitting_loses_no_text(
        text in "([\\u{0621}-\\u{064A}a-zA-Z0-9]{1,8}[ .!?؟؛…«»()\"،:/,٫\\n\\u{a0}]{0,3}){0,40}"
    ) {
        let split = qari::article::split(&text);
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let sentences: String = split.paragraphs.iter().flatten().map(|s| squeeze(s)).collect();
        let dropped: Vec<usize> = split.dropped.iter().map(|(line, _)| *line).collect();
        let kept: String = text
            .lines()
            .enumerate()
            .filter(|(i, _)| !dropped.contains(&(i + 1)))
            .map(|(_, line)| squeeze(line))
            .collect();
        prop_assert_eq!(sentences, kept);
        for sentence in split.paragraphs.iter().flatten() {
            prop_assert!(!sentence.trim().is_empty());
            prop_assert_eq!(sentence.trim(), sentence.as_str());
        }
    }
}

/// Found by the fuzz target once it checked what these properties check: a
/// prepended concatenation mark (U+0603, an Arabic number to the bidi
/// algorithm) and a closing bracket make one cluster whose two characters
/// resolve to different levels, so the bracket is mirrored (its own level
/// is odd) in a cluster that is not right-to-left.
#[test]
fn a_cluster_of_two_levels_mirrors_by_character() {
    for text in ["\u{603})", "ر\u{603})ب", "\u{600}(1)"] {
        for direction in [Direction::Rtl, Direction::Ltr, Direction::Auto] {
            let options = LayoutOptions {
                width: 12,
                direction,
                shape: true,
            };
            let paragraph = layout(text, &options);
            if let Err(message) = check(text, &options, &paragraph) {
                panic!("{text:?} {direction:?}: {message}");
            }
        }
    }
}
