//! Fuzz `qari::text::layout` and check the invariants every layout must keep.
//!
//! Input: byte 0 -> width (1..=200), byte 1 -> direction (`% 3`) and shaping
//! (`/ 3 % 2`), the rest -> the text (UTF-8; invalid input is run through
//! `String::from_utf8_lossy` so U+FFFD is exercised too).

#![no_main]

use std::ops::Range;

use libfuzzer_sys::fuzz_target;
use qari::text::{Direction, LayoutOptions, layout};

fuzz_target!(|data: &[u8]| {
    let [w, o, rest @ ..] = data else {
        return;
    };
    let options = LayoutOptions {
        width: 1 + usize::from(*w) % 200,
        direction: match o % 3 {
            0 => Direction::Ltr,
            1 => Direction::Rtl,
            _ => Direction::Auto,
        },
        shape: (o / 3) % 2 == 0,
    };
    match std::str::from_utf8(rest) {
        Ok(text) => check(text, &options),
        Err(_) => check(&String::from_utf8_lossy(rest), &options),
    }
});

fn check(text: &str, options: &LayoutOptions) {
    let paragraph = layout(text, options);
    let mut sources: Vec<Range<usize>> = Vec::new();

    for (n, line) in paragraph.lines.iter().enumerate() {
        // Widths and columns add up; text ranges tile `line.text`.
        let mut column = 0;
        let mut text_end = 0;
        let mut wide = 0;
        for (v, c) in line.clusters.iter().enumerate() {
            assert_eq!(c.column, column, "line {n} cluster {v}: column");
            assert_eq!(c.text.start, text_end, "line {n} cluster {v}: text range not contiguous");
            assert!(c.text.start <= c.text.end, "line {n} cluster {v}: reversed text range");
            assert!(
                line.text.is_char_boundary(c.text.start) && line.text.is_char_boundary(c.text.end),
                "line {n} cluster {v}: text range {:?} outside line.text (len {}) or off a char boundary",
                c.text,
                line.text.len()
            );
            column += c.width;
            text_end = c.text.end;
            wide += usize::from(c.width > 0);
            sources.push(c.source.clone());
        }
        assert_eq!(line.width, column, "line {n}: width != sum of cluster widths");
        assert_eq!(text_end, line.text.len(), "line {n}: clusters do not cover line.text");
        assert!(
            line.width <= options.width || wide == 1,
            "line {n}: width {} > {} with {wide} non-zero-width clusters",
            line.width,
            options.width
        );

        // The two maps are permutations and inverses of each other.
        let v2l = line.visual_to_logical();
        let l2v = line.logical_to_visual();
        let len = line.clusters.len();
        assert_eq!(v2l.len(), len, "line {n}: visual_to_logical length");
        assert_eq!(l2v.len(), len, "line {n}: logical_to_visual length");
        for (v, &l) in v2l.iter().enumerate() {
            // With both in range and l2v ∘ v2l = id, v2l is injective, hence
            // a permutation, and l2v is its inverse.
            assert!(l < len, "line {n}: visual_to_logical[{v}] = {l} out of range");
            assert_eq!(l2v[l], v, "line {n}: maps are not inverses at visual {v}");
        }
    }

    // The clusters' source ranges tile the input: nothing lost or duplicated.
    sources.sort_unstable_by_key(|r| (r.start, r.end));
    let mut end = 0;
    for r in &sources {
        assert_eq!(r.start, end, "source ranges do not tile the input at {r:?}");
        assert!(r.start <= r.end, "reversed source range {r:?}");
        end = r.end;
    }
    assert_eq!(end, text.len(), "source ranges end at {end}, input is {} bytes", text.len());
}
