//! Unicode conformance: the engine's own reordering path (wrap, L1 per line,
//! reorder by cluster) over Unicode's BidiCharacterTest.txt, for all three
//! paragraph directions.
//!
//! The file comes from the Debian package `unicode-data`
//! (/usr/share/unicode/BidiCharacterTest.txt; `QARI_BIDI_TEST` overrides the
//! path), which `.ci/run` installs. Two differences from the standard are by
//! design and undone before comparing:
//! - qari moves whole grapheme clusters, so a mark stays after its base in a
//!   right-to-left run where the standard reverses it before its base: the
//!   characters of each right-to-left cluster are compared in reverse;
//! - qari's `auto` falls back to right to left when a paragraph has no strong
//!   character; the standard's falls back to left to right, so such
//!   paragraphs are laid out left to right here.
//!
//! What still differs is counted and listed by cause in the output; the test
//! fails if any case fails for a cause not explained in `EXPLAINED`.
#![allow(clippy::unwrap_used)] // a test that cannot read its fixture should panic

use std::collections::BTreeMap;
use std::fs;

use qari::text::{Direction, LayoutOptions, Paragraph, layout, layout_general, takes_fast_path};

fn test_file() -> String {
    std::env::var("QARI_BIDI_TEST")
        .unwrap_or_else(|_| "/usr/share/unicode/BidiCharacterTest.txt".to_owned())
}

struct Case {
    line: usize,
    text: String,
    direction: u8,
    /// Resolved level of each character, `None` where X9 removes it.
    levels: Vec<Option<u8>>,
    /// Visual order: indices of the characters that are not removed.
    order: Vec<usize>,
}

fn parse(content: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    for (number, line) in content.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(';').collect();
        assert_eq!(fields.len(), 5, "line {}: {line}", number + 1);
        let text = fields[0]
            .split_whitespace()
            .map(|cp| char::from_u32(u32::from_str_radix(cp, 16).unwrap()).unwrap())
            .collect();
        let levels = fields[3]
            .split_whitespace()
            .map(|l| l.parse().ok())
            .collect();
        let order = fields[4]
            .split_whitespace()
            .map(|i| i.parse().unwrap())
            .collect();
        cases.push(Case {
            line: number + 1,
            text,
            direction: fields[1].parse().unwrap(),
            levels,
            order,
        });
    }
    cases
}

/// The engine's visual order, as character indices, with the two by-design
/// differences undone. `Err` names why it cannot be compared.
fn engine_order(case: &Case) -> Result<Vec<usize>, &'static str> {
    let options = case_options(case);
    let paragraph = layout(&case.text, &options);
    order_of(case, &paragraph)
}

/// How the case is laid out: unwrapped, unshaped, in its direction.
fn case_options(case: &Case) -> LayoutOptions {
    let direction = match case.direction {
        0 => Direction::Ltr,
        1 => Direction::Rtl,
        _ if unicode_bidi::get_base_direction(case.text.as_str())
            == unicode_bidi::Direction::Mixed =>
        {
            Direction::Ltr
        }
        _ => Direction::Auto,
    };
    LayoutOptions {
        width: usize::MAX,
        direction,
        shape: false,
    }
}

/// The visual order `paragraph` (the case laid out) gives.
fn order_of(case: &Case, paragraph: &Paragraph) -> Result<Vec<usize>, &'static str> {
    if paragraph.lines.len() != 1 {
        return Err("a mandatory line break split the paragraph");
    }
    let mut char_index = vec![0; case.text.len() + 1];
    for (i, (offset, _)) in case.text.char_indices().enumerate() {
        char_index[offset] = i;
    }
    let mut order = Vec::new();
    for cluster in &paragraph.lines[0].clusters {
        let mut chars: Vec<usize> = case.text[cluster.source.clone()]
            .char_indices()
            .map(|(offset, _)| char_index[cluster.source.start + offset])
            .filter(|&i| case.levels[i].is_some())
            .collect();
        if chars.len() > 1 {
            let levels: Vec<Option<u8>> = chars.iter().map(|&i| case.levels[i]).collect();
            if levels.windows(2).any(|w| w[0] != w[1]) {
                return Err("a grapheme cluster spans two embedding levels");
            }
            if cluster.rtl {
                chars.reverse();
            }
        }
        order.extend(chars);
    }
    Ok(order)
}

/// Causes of difference that follow from moving whole grapheme clusters,
/// which the standard does not do: a cluster is drawn in one cell, so it
/// cannot be split across levels.
const EXPLAINED: &[&str] = &["a grapheme cluster spans two embedding levels"];

#[test]
#[cfg_attr(
    not(feature = "system-tests"),
    ignore = "needs unicode-data's BidiCharacterTest.txt (--features system-tests)"
)]
fn bidi_character_test_conformance() {
    let path = test_file();
    let content = fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{path}: {e} (install the Debian package unicode-data, or set QARI_BIDI_TEST)")
    });
    let cases = parse(&content);
    assert!(cases.len() > 90_000, "{path}: only {} cases", cases.len());

    let mut passed = [0usize; 3];
    let mut total = [0usize; 3];
    let mut failures: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    // The cases the fast path takes go through it (`layout` chooses it),
    // and must lay out as on the general path too.
    let mut fast = 0;
    for case in &cases {
        let direction = usize::from(case.direction.min(2));
        total[direction] += 1;
        let options = case_options(case);
        if takes_fast_path(&case.text, options.direction) {
            fast += 1;
            assert_eq!(
                layout(&case.text, &options),
                layout_general(&case.text, &options),
                "line {}: the fast path differs",
                case.line
            );
        }
        match engine_order(case) {
            Ok(order) if order == case.order => passed[direction] += 1,
            Ok(_) => failures
                .entry("different order")
                .or_default()
                .push(case.line),
            Err(cause) => failures.entry(cause).or_default().push(case.line),
        }
    }
    for (name, i) in [("ltr", 0), ("rtl", 1), ("auto", 2)] {
        println!(
            "BidiCharacterTest {name}: {} of {} cases pass",
            passed[i], total[i]
        );
    }
    println!(
        "BidiCharacterTest: {fast} of {} cases through the fast path",
        cases.len()
    );
    assert!(fast > 1_000, "only {fast} cases on the fast path");
    for (cause, lines) in &failures {
        println!(
            "{} cases differ: {cause} (lines {:?}{})",
            lines.len(),
            &lines[..lines.len().min(20)],
            if lines.len() > 20 { ", ..." } else { "" }
        );
    }
    let unexplained: Vec<_> = failures
        .iter()
        .filter(|(cause, _)| !EXPLAINED.contains(cause))
        .collect();
    assert!(
        unexplained.is_empty(),
        "unexplained failures: {unexplained:?}"
    );
}
