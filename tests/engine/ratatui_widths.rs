//! The engine's columns are the ones a ratatui `Buffer` gives: each visual
//! line, written into a buffer, puts every cluster in the cell the engine's
//! map says and ends where the engine's width says.
#![allow(clippy::unwrap_used)] // a test that cannot read its fixture should panic

use proptest::prelude::*;
use qari::text::{Direction, LayoutOptions, Line, layout};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;

fn assert_buffer_agrees(line: &Line) {
    let area = Rect::new(0, 0, line.width.max(1) as u16, 1);
    let mut buffer = Buffer::empty(area);
    let (end, _) = buffer.set_stringn(0, 0, &line.text, usize::MAX, Style::default());
    assert_eq!(usize::from(end), line.width, "width of {:?}", line.text);
    for cluster in line.clusters.iter().filter(|c| c.width > 0) {
        let first = line.text[cluster.text.clone()]
            .graphemes(true)
            .next()
            .unwrap();
        // A zero-width cluster drawn next to it may have joined the cell
        // (a ZWNJ after «): the cell starts with the cluster all the same.
        let symbol = buffer[(cluster.column as u16, 0)].symbol();
        assert!(
            symbol.starts_with(first),
            "column {} of {:?}: {symbol:?} is not {first:?}",
            cluster.column,
            line.text
        );
    }
}

#[test]
fn fixture_paragraphs_at_many_widths() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fribidi/");
    let mut lines = 0;
    for name in ["seed.txt", "news.txt"] {
        let text = std::fs::read_to_string(format!("{dir}{name}")).unwrap();
        for paragraph in text.lines() {
            for width in [7, 17, 40, 80, 1000] {
                for shape in [true, false] {
                    let options = LayoutOptions {
                        width,
                        direction: Direction::Rtl,
                        shape,
                    };
                    for line in layout(paragraph, &options).lines {
                        assert_buffer_agrees(&line);
                        lines += 1;
                    }
                }
            }
        }
    }
    assert!(lines > 5000, "{lines} lines checked");
}

proptest! {
    // Arabic without the prepended concatenation marks (U+0600–0605, U+06DD):
    // alone in a cluster they fuse with whatever reordering puts after them,
    // like the lone regional indicators and Hangul jamo of properties.rs.
    #[test]
    fn any_text(text in "[\\u{0606}-\\u{06DC}\\u{06DE}-\\u{06FF}a-z0-9 ()«»\\u{200C}\\u{200D}\\u{200F}\\u{FEFF}😀中]{0,80}", width in 1usize..60) {
        for line in layout(&text, &LayoutOptions { width, ..LayoutOptions::default() }).lines {
            assert_buffer_agrees(&line);
        }
    }
}
