//! The engine's layout against expected visual strings, one behaviour each,
//! next to the code (as helix's `doc_formatter/test.rs`). Unshaped where the
//! point is order (easier to read), shaped where it is shaping or width.
#![allow(clippy::unwrap_used)] // a test that cannot read its fixture should panic

use crate::{Direction, LayoutOptions, Paragraph, layout};

fn lay(text: &str, width: usize, direction: Direction, shape: bool) -> Paragraph {
    layout(
        text,
        &LayoutOptions {
            width,
            direction,
            shape,
        },
    )
}

fn lines(text: &str, width: usize, direction: Direction, shape: bool) -> Vec<String> {
    lay(text, width, direction, shape)
        .lines
        .into_iter()
        .map(|line| line.text)
        .collect()
}

#[test]
fn wraps_before_reordering_so_rtl_lines_keep_their_order() {
    // The first words read are on the first line, each line reordered on its
    // own (FriBidi's CLI, which reorders first, would put them last).
    assert_eq!(
        lines("واحد اثنان ثلاثة أربعة", 10, Direction::Rtl, false),
        ["نانثا دحاو", "ةثالث", "ةعبرأ"]
    );
}

#[test]
fn mixed_latin_numbers_and_brackets_wrap_and_reorder_per_line() {
    assert_eq!(
        lines(
            "قال Joe Biden إن 45-50 (نعم) [x]",
            12,
            Direction::Rtl,
            false
        ),
        ["Joe لاق", "نإ Biden", "(معن) 50-45", "[x]"]
    );
}

#[test]
fn harakat_stay_after_their_letter() {
    // بَيْتٌ reversed by cluster: each mark still follows its letter.
    assert_eq!(lines("بَيْتٌ", 80, Direction::Rtl, false), ["تٌيْبَ"]);
}

#[test]
fn brackets_and_quotes_are_mirrored_at_rtl_levels() {
    assert_eq!(
        lines("«نعم» (لا) [ب] {ج} <د>", 80, Direction::Rtl, false),
        ["<د> {ج} [ب] (ال) «معن»"]
    );
    // At an LTR level nothing is mirrored.
    assert_eq!(lines("(a) «b»", 80, Direction::Ltr, false), ["(a) «b»"]);
}

#[test]
fn shaping_joins_and_ligates() {
    let paragraph = lay("السلام عليكم", 80, Direction::Rtl, true);
    assert_eq!(
        paragraph.lines[0].text,
        "\u{FEE2}\u{FEDC}\u{FEF4}\u{FEE0}\u{FECB} \u{FEE1}\u{FEFC}\u{FEB4}\u{FEDF}\u{FE8D}"
    );
    // The lam-alef ligature is one cell: 5 + 1 + 5 cells.
    assert_eq!(paragraph.lines[0].width, 11);
}

#[test]
fn lam_alef_is_two_cells_unshaped_and_one_shaped() {
    assert_eq!(lay("لا", 80, Direction::Rtl, false).lines[0].width, 2);
    assert_eq!(lay("لا", 80, Direction::Rtl, true).lines[0].width, 1);
    // The ligature is one cluster that maps back to both letters.
    let paragraph = lay("لا", 80, Direction::Rtl, true);
    assert_eq!(paragraph.lines[0].clusters.len(), 1);
    assert_eq!(paragraph.lines[0].clusters[0].source, 0..4);
}

#[test]
fn zero_width_characters_take_no_cell() {
    // ZWJ, ZWNJ, BOM, RLM: nothing pushes the columns out of step.
    let paragraph = lay(
        "a\u{200D}b\u{200C}c\u{FEFF}d\u{200F}e",
        80,
        Direction::Ltr,
        false,
    );
    let line = &paragraph.lines[0];
    assert_eq!(line.width, 5);
    let columns: Vec<usize> = line
        .clusters
        .iter()
        .filter(|c| c.width > 0)
        .map(|c| c.column)
        .collect();
    assert_eq!(columns, [0, 1, 2, 3, 4]);
    // The RLM is a bidi control: mapped, but not drawn.
    assert!(!line.text.contains('\u{200F}'));
}

#[test]
fn a_word_wider_than_the_line_is_split_between_clusters() {
    assert_eq!(
        lines("سلاماتتتتت", 3, Direction::Rtl, true),
        [
            "\u{FEE3}\u{FEFC}\u{FEB3}",
            "\u{FE98}\u{FE97}\u{FE8E}",
            "\u{FE96}\u{FE98}\u{FE98}"
        ]
    );
    // A cluster wider than the whole line gets a line of its own.
    assert_eq!(lines("😀😀", 1, Direction::Ltr, true), ["😀", "😀"]);
}

#[test]
fn whitespace_at_a_break_hangs_but_is_still_mapped() {
    let paragraph = lay("abc def", 3, Direction::Ltr, false);
    assert_eq!(paragraph.lines[0].text, "abc");
    assert_eq!(paragraph.lines[0].width, 3);
    assert_eq!(
        paragraph.lines[0].source,
        0..4,
        "the space belongs to line 1"
    );
    // At the end of the text a space is kept (a cursor after it must move).
    assert_eq!(lines("abc ", 10, Direction::Ltr, false), ["abc "]);
}

#[test]
fn auto_direction_takes_the_first_strong_character_else_rtl() {
    assert!(!lay("Hello مرحبا", 80, Direction::Auto, true).lines[0].rtl);
    assert!(lay("مرحبا Hello", 80, Direction::Auto, true).lines[0].rtl);
    assert!(lay("123 456", 80, Direction::Auto, true).lines[0].rtl);
    assert!(!lay("مرحبا", 80, Direction::Ltr, true).lines[0].rtl);
}

#[test]
fn control_characters_are_never_drawn_raw() {
    assert_eq!(
        lines("a\u{1b}[31mb\tc", 80, Direction::Ltr, false),
        ["a\u{FFFD}[31mb c"]
    );
}

#[test]
fn a_paragraph_separator_starts_a_new_line() {
    assert_eq!(
        lines("abc\u{2029}def", 80, Direction::Ltr, false),
        ["abc", "def"]
    );
    assert_eq!(
        lines("abc\u{2028}def", 80, Direction::Ltr, false),
        ["abc", "def"]
    );
}

#[test]
fn empty_text_is_one_empty_line() {
    let paragraph = lay("", 80, Direction::Rtl, true);
    assert_eq!(paragraph.lines.len(), 1);
    assert_eq!(paragraph.lines[0].width, 0);
}

#[test]
fn maps_find_a_logical_word_on_screen_and_back() {
    // "مرحبا بكم": the first word read is drawn at the right end.
    let text = "مرحبا بكم";
    let paragraph = lay(text, 80, Direction::Rtl, true);
    let line = &paragraph.lines[0];
    assert_eq!(line.width, 9);
    assert_eq!(paragraph.locate(0), Some((0, 8)), "م at the right end");
    let ba = text.find(' ').unwrap() + 1; // the ب of بكم
    assert_eq!(paragraph.locate(ba), Some((0, 2)));
    // And from a column back to the logical text.
    let cluster = line.cluster_at_column(8).unwrap();
    assert_eq!(&text[cluster.source.clone()], "م");
    // The maps are inverse permutations.
    let v2l = line.visual_to_logical();
    let l2v = line.logical_to_visual();
    for (v, &l) in v2l.iter().enumerate() {
        assert_eq!(l2v[l], v);
    }
    assert_eq!(v2l[0], v2l.len() - 1, "leftmost cluster is the last read");
}

#[test]
fn the_seed_title_at_width_17() {
    // Wrapped, shaped, «» mirrored; line by line, top to bottom.
    let got = lines(
        "الجيش السوري بدأ معركة دير الزور و«داعش» يدعو «للنفير»",
        17,
        Direction::Rtl,
        true,
    );
    for line in &got {
        assert!(crate::text_width(line) <= 17, "{line}");
    }
    assert_eq!(
        got,
        [
            "ﺃﺪﺑ ﻱﺭﻮﺴﻟﺍ ﺶﻴﺠﻟﺍ",
            "ﺭﻭﺰﻟﺍ ﺮﻳﺩ ﺔﻛﺮﻌﻣ",
            "ﻮﻋﺪﻳ «ﺶﻋﺍﺩ»ﻭ",
            "«ﺮﻴﻔﻨﻠﻟ»",
        ]
    );
}

#[test]
fn write_lines_prints_what_layout_draws() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/fribidi/news.txt"
    ))
    .unwrap();
    let mut layouter = crate::Layouter::default();
    for paragraph in text.lines().chain(["", "a\u{2029}b", "  \u{2028} "]) {
        for width in [1, 17, 80, 100_000] {
            for direction in [Direction::Rtl, Direction::Ltr, Direction::Auto] {
                let options = LayoutOptions {
                    width,
                    direction,
                    shape: width != 17,
                };
                let mut written = String::new();
                layouter.write_lines(paragraph, &options, &mut written);
                let drawn: String = layout(paragraph, &options)
                    .lines
                    .iter()
                    .map(|line| format!("{}\n", line.text))
                    .collect();
                assert_eq!(written, drawn, "{paragraph:?} at {width}");
            }
        }
    }
}

#[test]
fn every_dangling_zwj_goes_so_none_fuses_with_a_neighbour() {
    // Found by the ratatui width property: with one of two trailing ZWJs
    // kept, the reordered line "😀‍😀" became one emoji sequence on screen.
    let options = LayoutOptions {
        width: 100,
        direction: Direction::Rtl,
        shape: true,
    };
    assert_eq!(
        layout("😀😀\u{200d}\u{200d}", &options).lines[0].text,
        "😀😀"
    );
    assert_eq!(layout("\u{200d}\u{200d}😀", &options).lines[0].text, "😀");
}
