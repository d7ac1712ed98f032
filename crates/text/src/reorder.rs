//! Reordering one line (UAX #9 L1–L2) by whole units, and building what is
//! drawn with its map back to the logical text.

use unicode_bidi::utf16::ParagraphBidiInfo;
use unicode_bidi::{BidiClass, BidiInfo, Level};

use super::layout::{Cluster, Line};
use super::units::{Scratch, Unit};
use super::wrap::LineSpan;

/// Fill `line` (empty) with the units of `span`, reordered; with `maps`,
/// also its clusters. `offset` is where the bidi paragraph starts in the
/// text the maps refer to.
pub(super) fn build_line(
    text: &str,
    bidi: &ParagraphBidiInfo,
    scratch: &mut Scratch,
    span: &LineSpan,
    offset: usize,
    line: &mut Line,
    maps: bool,
) {
    let units = &scratch.units[span.units.clone()];
    line_levels(
        text,
        bidi,
        units,
        span.hung - span.units.start,
        &mut scratch.levels,
    );
    let order = if scratch.levels.iter().any(|l| l.is_rtl()) {
        BidiInfo::reorder_visual(&scratch.levels)
    } else {
        (0..units.len()).collect()
    };
    assemble(
        scratch,
        span,
        &order,
        offset,
        bidi.paragraph_level.is_rtl(),
        line,
        maps,
    );
}

/// Fill `line` (empty) with the units of `span` in the visual `order`
/// (indices into the span), their levels in `scratch.levels`; with `maps`,
/// also its clusters. Shared by the general and the fast path.
pub(super) fn assemble(
    scratch: &Scratch,
    span: &LineSpan,
    order: &[usize],
    offset: usize,
    rtl: bool,
    line: &mut Line,
    maps: bool,
) {
    let units_range = span.units.clone();
    let hung = span.hung;
    let units = &scratch.units[units_range.clone()];
    let levels = &scratch.levels;
    line.rtl = rtl;
    line.source = match (units.first(), units.last()) {
        (Some(first), Some(last)) => offset + first.source.start..offset + last.source.end,
        _ => offset..offset,
    };
    if maps {
        line.clusters.reserve(units.len());
    }
    for &i in order {
        let unit = &units[i];
        let visible = units_range.start + i < hung;
        let text_start = line.text.len();
        let width = if visible {
            line.text.push_str(&scratch.drawn[unit.drawn.clone()]);
            unit.width
        } else {
            0
        };
        if maps {
            line.clusters.push(Cluster {
                text: text_start..line.text.len(),
                source: offset + unit.source.start..offset + unit.source.end,
                column: line.width,
                width,
                rtl: levels[i].is_rtl(),
            });
        }
        line.width += width;
    }
}

/// Embedding levels of a line's units after rule L1: separators, and the
/// whitespace and isolate controls before them or at the end of the line, go
/// back to the paragraph level. Characters that X9 removes take the level of
/// what precedes them, so they never split a run. `visible` is the number of
/// units before the hung whitespace (which is past the end of the line).
/// Written into `levels`.
fn line_levels(
    text: &str,
    bidi: &ParagraphBidiInfo,
    units: &[Unit],
    visible: usize,
    levels: &mut Vec<Level>,
) {
    use BidiClass::*;
    let para = bidi.paragraph_level;
    levels.clear();
    let mut reset_from: Option<usize> = Some(0);
    let mut previous = para;
    for (i, unit) in units.iter().enumerate() {
        let mut level = previous;
        match first_retained_char(text, bidi, unit) {
            // Only characters X9 removes: keep the run around them whole.
            None => {
                reset_from.get_or_insert(i);
            }
            Some(at) => {
                level = bidi.levels[at];
                match bidi.original_classes[at] {
                    B | S => {
                        let from = reset_from.unwrap_or(i);
                        levels[from..].fill(para);
                        level = para;
                        reset_from = None;
                    }
                    WS | FSI | LRI | RLI | PDI => {
                        reset_from.get_or_insert(i);
                    }
                    _ => reset_from = None,
                }
            }
        }
        if i >= visible {
            reset_from.get_or_insert(i);
        }
        levels.push(level);
        previous = level;
    }
    if let Some(from) = reset_from {
        levels[from..].fill(para);
    }
}

/// UTF-16 offset of the first character of `unit` that rule X9 does not
/// remove (a cluster may start with a ZWJ or another BN character).
fn first_retained_char(text: &str, bidi: &ParagraphBidiInfo, unit: &Unit) -> Option<usize> {
    use BidiClass::*;
    let removed = |at: usize| matches!(bidi.original_classes[at], RLE | LRE | RLO | LRO | PDF | BN);
    if !removed(unit.start16) {
        return Some(unit.start16);
    }
    let mut at = unit.start16;
    for c in text[unit.source.clone()].chars() {
        if !removed(at) {
            return Some(at);
        }
        at += c.len_utf16();
    }
    None
}

#[cfg(test)]
mod tests {
    //! Rule L1 against expected visual strings (unshaped, so the letters
    //! read as typed; a tab is drawn as a space, U+001F as U+FFFD). Each
    //! expected string is what GNU FriBidi 1.0.8 gives
    //! (`fribidi --rtl|--ltr --nopad --nobreak`), controls dropped.
    use crate::{Direction, LayoutOptions, layout};

    fn visual(text: &str, direction: Direction) -> String {
        let options = LayoutOptions {
            width: 200,
            direction,
            shape: false,
        };
        let paragraph = layout(text, &options);
        assert_eq!(paragraph.lines.len(), 1, "{text:?}");
        paragraph.lines[0].text.clone()
    }

    #[test]
    fn whitespace_before_a_tab_goes_back_to_the_paragraph_level() {
        // Right to left: the space between a and b stays in the Latin run
        // (level 2); the one before the tab is reset to level 1, so it
        // stays beside the tab instead of moving into the Latin run.
        assert_eq!(visual("a b c", Direction::Rtl), "a b c");
        assert_eq!(visual("a b \tc", Direction::Rtl), "c  a b");
        assert_eq!(visual("a b  \tc d", Direction::Rtl), "c d   a b");
        // A segment separator (U+001F) is reset like a tab.
        assert_eq!(visual("a b \u{1F}c", Direction::Rtl), "c\u{FFFD} a b");
        // Left to right, inside a right-to-left embedding: the space before
        // the tab leaves the embedding's level for the paragraph's.
        assert_eq!(
            visual("x \u{202B}ب ج \u{202C}\ty", Direction::Ltr),
            "x ج ب  y"
        );
    }

    #[test]
    fn trailing_whitespace_goes_back_to_the_paragraph_level() {
        assert_eq!(visual("\u{202B}ب ج \u{202C}", Direction::Ltr), "ج ب ");
        assert_eq!(visual("\u{202A}a b \u{202C}", Direction::Rtl), " a b");
    }
}
