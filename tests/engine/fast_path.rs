//! The fast path (`crates/text/src/fast.rs`) is invisible but for speed:
//! for random paragraphs drawn from the subset it takes and from just
//! outside it, at widths 1–200 (and unwrapped), in every direction, shaped
//! or not, its layout (lines, text, widths, clusters with their maps) and
//! the text `qari render` writes are those of the general path.
#![allow(clippy::unwrap_used)] // a test that cannot read its fixture should panic

use proptest::prelude::*;
use qari::text::{Direction, LayoutOptions, Layouter, layout, layout_general, takes_fast_path};

/// Pieces of paragraphs: mostly what the fast path takes (Arabic letters,
/// harakat, spaces, Latin, digits of three scripts, punctuation, ASCII
/// brackets, quotes, dashes), and a little of what it does not (tab, ZWJ,
/// ZWNJ, bidi marks, Hebrew, a combining acute, emoji, a line feed,
/// non-ASCII brackets), so that the choice between the paths is tested too.
fn piece() -> impl Strategy<Value = String> {
    let pools: Vec<(u32, BoxedStrategy<String>)> = vec![
        (
            40,
            char_from("ابتثجحخدذرزسشصضطظعغفقكلمنهوياأإآةىءؤئپچژگکیـ").boxed(),
        ),
        (10, char_from("لالألإلآ").boxed()),
        (
            8,
            char_from(
                "\u{064B}\u{064C}\u{064D}\u{064E}\u{064F}\u{0650}\u{0651}\u{0652}\u{0670}\u{0655}",
            )
            .boxed(),
        ),
        (16, char_from("    \u{A0}\u{2002}").boxed()),
        (8, char_from("abcXYZéß").boxed()),
        (8, char_from("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲").boxed()),
        (10, char_from(".,:;-+%/#$٫٬٪،؛؟!?&*=_|~^`@").boxed()),
        (8, char_from("()[]{}<>«»\"'“”‘’—–…•€‰").boxed()),
        (
            2,
            char_from("\t\u{200D}\u{200C}\u{200F}\u{200E}\u{061C}\u{2067}\u{2069}\u{202B}\u{202C}")
                .boxed(),
        ),
        (1, char_from("אב\u{0301}😀中\n⁅⁆\u{00AD}\u{0600}").boxed()),
    ];
    proptest::strategy::Union::new_weighted(pools)
}

fn char_from(set: &'static str) -> impl Strategy<Value = String> + Clone {
    let chars: Vec<char> = set.chars().collect();
    proptest::sample::select(chars).prop_map(String::from)
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..160).prop_map(|pieces| pieces.concat())
}

fn options() -> impl Strategy<Value = LayoutOptions> {
    (
        prop_oneof![4 => 1usize..=200, 1 => Just(usize::MAX)],
        prop_oneof![
            3 => Just(Direction::Rtl),
            1 => Just(Direction::Ltr),
            1 => Just(Direction::Auto)
        ],
        prop_oneof![4 => Just(true), 1 => Just(false)],
    )
        .prop_map(|(width, direction, shape)| LayoutOptions {
            width,
            direction,
            shape,
        })
}

/// Both paths on `text`: the whole layout, maps included, and the text
/// `qari render` writes (aligned and not).
fn same_on_both_paths(text: &str, options: &LayoutOptions) -> Result<(), TestCaseError> {
    let fast = layout(text, options);
    let general = layout_general(text, options);
    prop_assert_eq!(&fast, &general, "{:?} {:?}", text, options);
    // The maps the reader uses, line by line (the clusters compared above
    // make them; asked here as the reader asks).
    for (f, g) in fast.lines.iter().zip(&general.lines) {
        prop_assert_eq!(f.visual_to_logical(), g.visual_to_logical());
        prop_assert_eq!(f.logical_to_visual(), g.logical_to_visual());
    }
    for offset in (0..=text.len()).step_by(7) {
        prop_assert_eq!(fast.locate(offset), general.locate(offset));
    }
    // (Aligning pads to the width: not for the unwrapped case.)
    for right_align in [false, options.width < 1000] {
        let mut written_fast = String::new();
        let mut written_general = String::new();
        Layouter::default().write_lines_aligned(text, options, right_align, &mut written_fast);
        Layouter::general().write_lines_aligned(text, options, right_align, &mut written_general);
        prop_assert_eq!(written_fast, written_general, "{:?} {:?}", text, options);
    }
    Ok(())
}

/// Paragraphs of letters, marks, digits, quotation marks, infix
/// separators and spaces only, which the fast path breaks into lines
/// without `unicode-linebreak` (with now and then a character that sends
/// it back to it).
fn plain_text() -> impl Strategy<Value = String> {
    let pools: Vec<(u32, BoxedStrategy<String>)> = vec![
        (40, char_from("ابتجدرسعفكلمنهويةىءأإآـپ").boxed()),
        (
            6,
            char_from("\u{064E}\u{064F}\u{0650}\u{0651}\u{0652}").boxed(),
        ),
        (20, Just(" ".to_owned()).boxed()),
        (6, char_from("abcXYZ").boxed()),
        (6, char_from("0123456789٠١٢٣۴").boxed()),
        (6, char_from("«»\"“”'").boxed()),
        (6, char_from(".,:;،").boxed()),
        (1, char_from("()-/%؟!\u{A0}—…").boxed()),
    ];
    proptest::collection::vec(proptest::strategy::Union::new_weighted(pools), 0..160)
        .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20_000, ..ProptestConfig::default() })]

    #[test]
    fn plain_paragraphs_wrap_as_on_the_general_path(
        text in plain_text(),
        width in 1usize..=200,
        direction in prop_oneof![Just(Direction::Rtl), Just(Direction::Ltr), Just(Direction::Auto)],
    ) {
        same_on_both_paths(&text, &LayoutOptions { width, direction, shape: true })?;
    }

    #[test]
    fn the_fast_path_lays_out_as_the_general_path(text in text(), options in options()) {
        same_on_both_paths(&text, &options)?;
    }

    #[test]
    fn one_layouter_reused_gives_what_fresh_ones_give(
        texts in proptest::collection::vec(text(), 1..6),
        options in options(),
    ) {
        // Buffers reused from paragraph to paragraph, switching paths.
        let mut fast = Layouter::default();
        let mut general = Layouter::general();
        for text in &texts {
            prop_assert_eq!(fast.layout(text, &options), layout_general(text, &options));
            prop_assert_eq!(general.layout(text, &options), layout(text, &options));
        }
    }
}

#[test]
fn news_paragraphs_take_the_fast_path() {
    for text in [
        "قال الرئيس إن 45% من السكان (نحو 3.5 مليون) عادوا.",
        "وصل سعر البرميل إلى 80.5 دولارًا في 2024، بحسب «رويترز».",
        "بِسْمِ اللَّهِ الرَّحْمَنِ الرَّحِيمِ",
        "The quick brown fox, 12 times [ok].",
    ] {
        assert!(takes_fast_path(text, Direction::Rtl), "{text}");
        assert!(takes_fast_path(text, Direction::Auto), "{text}");
    }
    for text in [
        "",
        "a\tb",
        "ل\u{200D}ا",
        "\u{064E}بدأ",
        "a\u{0301}",
        "שלום",
        "x\u{2067}y\u{2069}",
        "😀",
        "a\nb",
    ] {
        assert!(!takes_fast_path(text, Direction::Rtl), "{text:?}");
    }
}

#[test]
fn the_fixtures_and_the_seed_lay_out_alike_on_both_paths() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fribidi/");
    let mut fast = 0;
    let mut total = 0;
    for name in ["seed", "news"] {
        let input = std::fs::read_to_string(format!("{dir}{name}.txt")).unwrap();
        for paragraph in input.lines() {
            total += 1;
            fast += usize::from(takes_fast_path(paragraph, Direction::Rtl));
            for width in [usize::MAX, 80, 40, 17, 3] {
                for direction in [Direction::Rtl, Direction::Ltr, Direction::Auto] {
                    let options = LayoutOptions {
                        width,
                        direction,
                        shape: true,
                    };
                    assert_eq!(
                        layout(paragraph, &options),
                        layout_general(paragraph, &options),
                        "{paragraph:?} {options:?}"
                    );
                }
            }
        }
    }
    println!("fixtures: {fast} of {total} paragraphs take the fast path");
    assert!(fast * 2 > total, "only {fast} of {total} on the fast path");
}
