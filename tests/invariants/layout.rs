//! What every laid-out paragraph must keep, for any text, width, direction
//! and shaping. One list, included (`#[path]`) by the property tests
//! (`tests/engine/properties.rs`) and by the fuzz target
//! (`fuzz/fuzz_targets/layout.rs`), so the two check the same things:
//!
//! - there is at least one line;
//! - widths: each cluster's `column` is the sum of the widths before it;
//!   each cluster's `width` is the width of the text it draws
//!   (`text_width`); a line's `width` is the sum of its clusters', and the
//!   width of its whole text too (unless reordering put side by side
//!   characters that fuse: see [`FUSING`]); no line is wider than the width
//!   asked for unless it has a single cluster of non-zero width;
//! - text: the clusters' `text` ranges are in order, contiguous, on
//!   character boundaries, and cover `line.text` exactly;
//! - nothing lost or added, per cluster: the characters it draws (shaping
//!   and ligatures undone with `unshape`, mirroring undone in right-to-left
//!   clusters) are, counted, the characters of its source as the engine
//!   draws them ([`drawn`]), ZWJ apart; in a cluster of more than one
//!   character, whose characters may resolve to different levels, either
//!   member of a mirror pair counts for the other. ZWJs: those inside a
//!   grapheme cluster are kept, those at either end of one may go
//!   ([`zwj_bounds`]). Only whitespace hung past the end of a line at a
//!   break ([`may_hang`]) draws nothing although it has something to draw,
//!   and it must then draw nothing;
//! - order: `visual_to_logical()` and `logical_to_visual()` are
//!   permutations of the line's clusters and each other's inverse;
//! - source: the clusters' `source` ranges, over all lines, are non-empty
//!   (unless the text is) and tile the input exactly, from 0 to its length.

use std::collections::BTreeMap;
use std::ops::Range;

use qari::text::{LayoutOptions, Line, Paragraph, mirror, text_width, unshape};
use unicode_segmentation::UnicodeSegmentation;

/// Returns `Err(message)` from the check unless `condition` holds.
macro_rules! ensure {
    ($condition:expr, $($message:tt)+) => {
        if !$condition {
            return Err(format!($($message)+));
        }
    };
}

/// Characters that fuse with a neighbour into one cell when reordering
/// puts them side by side: regional indicators (a lone flag letter next to
/// a flag), Hangul jamo and prepended concatenation marks (U+0600–0605,
/// U+06DD, ...). A line holding one may measure differently whole.
fn fusing(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{0605}' | '\u{06DD}' | '\u{070F}' | '\u{0890}' | '\u{0891}' | '\u{08E2}' | '\u{110BD}' | '\u{110CD}' | '\u{1F1E6}'..='\u{1F1FF}' | '\u{1100}'..='\u{11FF}' | '\u{A960}'..='\u{A97F}' | '\u{D7B0}'..='\u{D7FF}')
}

/// What the engine draws for a character of the source, before shaping and
/// mirroring (see `drawn_form` in crates/text/src/layout.rs): `None` when nothing.
pub fn drawn(c: char) -> Option<char> {
    match c {
        '\t' => Some(' '),
        '\u{061C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => None,
        '\u{2028}' | '\u{2029}' => None,
        c if c.is_control() && (c.is_whitespace() || c == '\u{85}') => None,
        c if c.is_control() => Some('\u{FFFD}'),
        c => Some(c),
    }
}

/// Characters counted, less ZWJ (counted apart, by [`zwj_bounds`]).
pub fn multiset(chars: impl Iterator<Item = char>) -> BTreeMap<char, usize> {
    let mut counts = BTreeMap::new();
    for c in chars.filter(|&c| c != '\u{200D}') {
        *counts.entry(c).or_insert(0) += 1;
    }
    counts
}

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
    text_width(&drawn)
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
            text.get(line.clusters[v].source.clone())
                .is_some_and(|s| s.chars().all(char::is_whitespace))
        })
        .collect();
    let last_of_paragraph = last_line
        || text
            .get(..line.source.end)
            .is_some_and(|s| s.ends_with(ends_paragraph));
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

/// Checks `paragraph`, the layout of `text` with `options`, against the
/// invariants above; the message says which failed, and where.
pub fn check(text: &str, options: &LayoutOptions, paragraph: &Paragraph) -> Result<(), String> {
    ensure!(!paragraph.lines.is_empty(), "no line");
    let mut sources: Vec<Range<usize>> = Vec::new();
    for (n, line) in paragraph.lines.iter().enumerate() {
        let hang = may_hang(text, options, line, n + 1 == paragraph.lines.len());
        let mut column = 0;
        let mut text_at = 0;
        for (v, cluster) in line.clusters.iter().enumerate() {
            ensure!(
                cluster.column == column,
                "line {n} cluster {v}: column {}, after {column} cells",
                cluster.column
            );
            ensure!(
                cluster.text.start == text_at,
                "line {n} cluster {v}: text range {:?} does not start where the last ended ({text_at})",
                cluster.text
            );
            let Some(shown) = line.text.get(cluster.text.clone()) else {
                return Err(format!(
                    "line {n} cluster {v}: text range {:?} reversed, outside line.text (len {}) or off a char boundary",
                    cluster.text,
                    line.text.len()
                ));
            };
            let Some(source) = text.get(cluster.source.clone()) else {
                return Err(format!(
                    "line {n} cluster {v}: source range {:?} reversed, outside the input (len {}) or off a char boundary",
                    cluster.source,
                    text.len()
                ));
            };
            ensure!(
                text_width(shown) == cluster.width,
                "line {n} cluster {v}: {shown:?} is {} cells wide, the cluster says {}",
                text_width(shown),
                cluster.width
            );
            column += cluster.width;
            text_at = cluster.text.end;
            sources.push(cluster.source.clone());

            // Nothing lost or added: the cluster draws its source's
            // characters, modulo shaping, ligatures and mirroring, and the
            // ZWJs that join nothing; only whitespace hung at a line break
            // draws nothing although it has something to draw.
            let (zwj_min, zwj_max) = zwj_bounds(source);
            let zwj_shown = shown.chars().filter(|&c| c == '\u{200D}').count();
            if hang[v] {
                ensure!(
                    shown.is_empty(),
                    "line {n} cluster {v}: {source:?} hangs at the break but is drawn as {shown:?}"
                );
            } else if shown.is_empty() {
                ensure!(
                    zwj_min == 0
                        && source
                            .chars()
                            .all(|c| drawn(c).is_none() || c == '\u{200D}'),
                    "line {n} cluster {v}: {source:?} not drawn (line {:?})",
                    line.text
                );
            } else {
                ensure!(
                    (zwj_min..=zwj_max).contains(&zwj_shown),
                    "line {n} cluster {v}: {source:?} drawn as {shown:?}: {zwj_shown} ZWJs, not {zwj_min}–{zwj_max}"
                );
                let drawn_text = unshape(shown);
                let expected: String = unshape(source).chars().filter_map(drawn).collect();
                let unmirrored = drawn_text.chars().map(|c| {
                    if cluster.rtl {
                        mirror(c).unwrap_or(c)
                    } else {
                        c
                    }
                });
                let drawn_chars = multiset(unmirrored);
                let source_chars = multiset(expected.chars());
                // Each character is mirrored by its own level (UAX #9, L4),
                // and the characters of a cluster may resolve to different
                // ones (U+0603, an Arabic number to the algorithm, then
                // ")"), which `rtl`, the cluster's, does not tell: a cluster
                // of more than one character is compared with mirror pairs
                // taken as one.
                let either = |c: char| mirror(c).map_or(c, |m| m.min(c));
                let mixed = expected.chars().count() > 1
                    && multiset(drawn_text.chars().map(either))
                        == multiset(expected.chars().map(either));
                ensure!(
                    drawn_chars == source_chars || mixed,
                    "line {n} cluster {v}: {source:?} drawn as {shown:?}: characters {drawn_chars:?}, expected {source_chars:?}"
                );
            }
        }
        ensure!(
            text_at == line.text.len(),
            "line {n}: clusters cover {text_at} bytes of line.text, which has {}",
            line.text.len()
        );
        ensure!(
            column == line.width,
            "line {n}: width {}, its clusters' widths add up to {column}",
            line.width
        );
        if !line.text.chars().any(fusing) {
            ensure!(
                text_width(&line.text) == line.width,
                "line {n}: {:?} measures {} cells whole, the line says {}",
                line.text,
                text_width(&line.text),
                line.width
            );
        }
        let drawn_clusters = line.clusters.iter().filter(|c| c.width > 0).count();
        ensure!(
            line.width <= options.width || drawn_clusters == 1,
            "line {n}: {:?} is {} cells wide at width {}, with {drawn_clusters} clusters of non-zero width",
            line.text,
            line.width,
            options.width
        );

        // The maps are permutations, inverse of each other.
        let v2l = line.visual_to_logical();
        let l2v = line.logical_to_visual();
        let len = line.clusters.len();
        ensure!(
            v2l.len() == len && l2v.len() == len,
            "line {n}: maps of {} and {} for {len} clusters",
            v2l.len(),
            l2v.len()
        );
        for (v, &l) in v2l.iter().enumerate() {
            // Both in range and l2v ∘ v2l = id: v2l is injective, hence a
            // permutation, and l2v is its inverse.
            ensure!(
                l < len,
                "line {n}: visual_to_logical[{v}] = {l}, out of range"
            );
            ensure!(
                l2v[l] == v,
                "line {n}: logical_to_visual[{l}] = {}, visual_to_logical[{v}] = {l}",
                l2v[l]
            );
        }
    }

    // The clusters of all lines tile the text exactly once.
    sources.sort_unstable_by_key(|r| (r.start, r.end));
    let mut at = 0;
    for source in &sources {
        ensure!(
            source.start == at,
            "source ranges do not tile the input: {source:?} where {at} was expected"
        );
        ensure!(
            source.end > source.start || text.is_empty(),
            "empty source range {source:?}"
        );
        at = source.end;
    }
    ensure!(
        at == text.len(),
        "source ranges end at {at}, the input is {} bytes",
        text.len()
    );
    Ok(())
}
