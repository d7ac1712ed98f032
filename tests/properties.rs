//! Properties of the engine for arbitrary text (Arabic, Latin, digits, marks,
//! bidi controls, emoji, CJK, control characters) at widths 1–200, in every
//! direction, shaped or not.
#![allow(clippy::unwrap_used)] // a test that cannot read its fixture should panic

use proptest::prelude::*;
use qari::text::{Direction, LayoutOptions, Line, Paragraph, layout, unshape};
use unicode_segmentation::UnicodeSegmentation;

/// The fuzz target's invariants (`fuzz/fuzz_targets/layout.rs`), for the
/// cases it found. The property tests below check a stricter form of the
/// same (whitespace may draw nothing only where it hangs at a break); to be
/// made one again.
#[path = "invariants/layout.rs"]
mod invariants;

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

// `drawn` and `multiset` are the fuzz target's (ZWJs are counted apart, by
// [`zwj_bounds`]).
use invariants::{drawn, multiset};

/// How many ZWJs a cluster drawn from `source` may show: the engine drops
/// those at either end of a grapheme cluster's drawn characters, where they
/// join nothing (see `trim_dangling_zwj`), and keeps the others. Returns
/// (kept at least, kept at most).
fn zwj_bounds(source: &str) -> (usize, usize) {
    const ZWJ: char = '\u{200D}';
    let mut inner = 0;
    let mut all = 0;
    for grapheme in source.graphemes(true) {
        let drawn: Vec<char> = grapheme.chars().filter_map(drawn).collect();
        all += drawn.iter().filter(|&&c| c == ZWJ).count();
        let first = drawn.iter().position(|&c| c != ZWJ);
        let last = drawn.iter().rposition(|&c| c != ZWJ);
        if let (Some(first), Some(last)) = (first, last) {
            inner += drawn[first..=last].iter().filter(|&&c| c == ZWJ).count();
        }
    }
    (inner, all)
}

/// Characters that end a bidi paragraph (UAX #9 BD7, Bidi_Class B).
fn ends_paragraph(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{1C}'..='\u{1E}' | '\u{85}' | '\u{2029}')
}

/// Cells the cluster from `source` would take if drawn.
fn drawn_width(source: &str) -> usize {
    let drawn: String = source.chars().filter_map(drawn).collect();
    qari::text::text_width(&drawn)
}

/// Which clusters of `line` (visual indices) may draw nothing although
/// they have something to draw: the whitespace hung past the end of a line
/// at a break, that is the line's trailing whitespace clusters (in logical
/// order), when the line is not its paragraph's last or they would
/// overflow the width. Everything else must be drawn.
fn may_hang(text: &str, options: &LayoutOptions, line: &Line, last_line: bool) -> Vec<bool> {
    let mut logical: Vec<usize> = (0..line.clusters.len()).collect();
    logical.sort_by_key(|&v| line.clusters[v].source.start);
    let trailing: Vec<usize> = logical
        .iter()
        .rev()
        .copied()
        .take_while(|&v| {
            text[line.clusters[v].source.clone()]
                .chars()
                .all(char::is_whitespace)
        })
        .collect();
    let last_of_paragraph = last_line || text[..line.source.end].ends_with(ends_paragraph);
    // The line's width with its trailing whitespace drawn.
    let full: usize = logical[..logical.len() - trailing.len()]
        .iter()
        .map(|&v| line.clusters[v].width)
        .chain(
            trailing
                .iter()
                .map(|&v| drawn_width(&text[line.clusters[v].source.clone()])),
        )
        .sum();
    let overflows = full > options.width.max(1);
    let mut hang = vec![false; line.clusters.len()];
    if !last_of_paragraph || overflows {
        for v in trailing {
            hang[v] = true;
        }
    }
    hang
}

fn check(text: &str, options: &LayoutOptions, paragraph: &Paragraph) -> Result<(), TestCaseError> {
    prop_assert!(!paragraph.lines.is_empty());
    let mut sources = Vec::new();
    for (row, line) in paragraph.lines.iter().enumerate() {
        let hang = may_hang(text, options, line, row + 1 == paragraph.lines.len());
        // Widths and columns add up, cluster by cluster.
        let mut column = 0;
        let mut text_at = 0;
        for (visual, cluster) in line.clusters.iter().enumerate() {
            prop_assert_eq!(cluster.column, column);
            prop_assert_eq!(cluster.text.start, text_at);
            column += cluster.width;
            text_at = cluster.text.end;
            prop_assert_eq!(
                qari::text::text_width(&line.text[cluster.text.clone()]),
                cluster.width
            );
            sources.push(cluster.source.clone());

            // Nothing lost or added: the cluster draws its source's
            // characters, modulo shaping, ligatures and mirroring, and the
            // ZWJs that join nothing; only whitespace hung at a line break
            // draws nothing although it has something to draw.
            let shown = &line.text[cluster.text.clone()];
            let source = &text[cluster.source.clone()];
            let (zwj_min, zwj_max) = zwj_bounds(source);
            let zwj_shown = shown.chars().filter(|&c| c == '\u{200D}').count();
            if hang[visual] {
                prop_assert!(
                    shown.is_empty(),
                    "{:?} hung but drawn as {:?}",
                    source,
                    shown
                );
            } else if shown.is_empty() {
                prop_assert!(
                    zwj_min == 0
                        && source
                            .chars()
                            .all(|c| drawn(c).is_none() || c == '\u{200D}'),
                    "{:?} not drawn (line {:?})",
                    source,
                    line.text
                );
            } else {
                prop_assert!(
                    (zwj_min..=zwj_max).contains(&zwj_shown),
                    "cluster {:?} drawn as {:?}: {} ZWJs, not {}–{}",
                    source,
                    shown,
                    zwj_shown,
                    zwj_min,
                    zwj_max
                );
                let unmirrored: String = unshape(shown)
                    .chars()
                    .map(|c| {
                        if cluster.rtl {
                            qari::text::mirror(c).unwrap_or(c)
                        } else {
                            c
                        }
                    })
                    .collect();
                prop_assert_eq!(
                    multiset(unmirrored.chars()),
                    multiset(unshape(source).chars().filter_map(drawn)),
                    "cluster {:?} drawn as {:?}",
                    source,
                    shown
                );
            }
        }
        prop_assert_eq!(text_at, line.text.len());
        prop_assert_eq!(column, line.width);
        // Measured whole, the line takes the same cells, unless reordering
        // put clusters side by side that fuse into one: regional indicators
        // (a lone flag letter next to a flag), Hangul jamo and prepended
        // concatenation marks (U+0600–0605, U+06DD, ...), left as they are.
        if !line.text.chars().any(|c| {
            matches!(c, '\u{0600}'..='\u{0605}' | '\u{06DD}' | '\u{070F}' | '\u{0890}' | '\u{0891}' | '\u{08E2}' | '\u{110BD}' | '\u{110CD}' | '\u{1F1E6}'..='\u{1F1FF}' | '\u{1100}'..='\u{11FF}' | '\u{A960}'..='\u{A97F}' | '\u{D7B0}'..='\u{D7FF}')
        }) {
            prop_assert_eq!(qari::text::text_width(&line.text), line.width);
        }

        // No line wider than the width unless a single cluster is.
        let drawn_clusters = line.clusters.iter().filter(|c| c.width > 0).count();
        prop_assert!(
            line.width <= options.width || drawn_clusters == 1,
            "line {:?} is {} cells wide at width {}",
            line.text,
            line.width,
            options.width
        );

        // The maps are permutations, inverse of each other.
        let v2l = line.visual_to_logical();
        let l2v = line.logical_to_visual();
        let mut seen = vec![false; v2l.len()];
        for (v, &l) in v2l.iter().enumerate() {
            prop_assert!(!seen[l]);
            seen[l] = true;
            prop_assert_eq!(l2v[l], v);
        }
    }
    // The clusters of all lines tile the text exactly once.
    sources.sort_by_key(|r| r.start);
    let mut at = 0;
    for source in sources {
        prop_assert_eq!(source.start, at);
        prop_assert!(source.end > source.start || text.is_empty());
        at = source.end;
    }
    prop_assert_eq!(at, text.len());
    Ok(())
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
            if let Err(message) = invariants::check(text, &options, &paragraph) {
                panic!("{text:?} {direction:?}: {message}");
            }
        }
    }
}
