//! The units of a paragraph: its grapheme clusters with what each draws
//! (shaped, mirrored, controls made safe), how many cells that takes, and
//! where a line may break before it.

use std::ops::Range;

use unicode_bidi::Level;
use unicode_bidi::utf16::ParagraphBidiInfo;
use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::clusters::ClusterBoundaries;
use super::mirror::mirror;
use super::shape::{Shaped, joins_following, may_need_shaping, shape};
use super::width::{cluster_width, is_plain_one_cell, text_width};

/// `Unit::width` while the unit's drawn text is yet to be measured.
pub(super) const MEASURE: usize = usize::MAX;

/// One cluster of the logical paragraph: the unit that is measured, wrapped
/// and reordered.
#[derive(Clone, Debug)]
pub(super) struct Unit {
    /// Bytes of the bidi paragraph.
    pub(super) source: Range<usize>,
    /// Where `source` starts in the paragraph's UTF-16, which the bidi
    /// levels are indexed by (on the fast path: its first character's
    /// index, which the fast path's levels are indexed by).
    pub(super) start16: usize,
    /// Bytes of `Scratch::drawn`.
    pub(super) drawn: Range<usize>,
    pub(super) width: usize,
    /// All whitespace: hangs past the line end at a break.
    pub(super) whitespace: bool,
    /// A line break opportunity (UAX #14) before this unit.
    pub(super) break_before: Option<BreakOpportunity>,
}

/// Working buffers, reused from one bidi paragraph to the next.
#[derive(Default)]
pub(super) struct Scratch {
    pub(super) chars: Vec<char>,
    pub(super) shaped: Vec<Shaped>,
    pub(super) drawn: String,
    pub(super) units: Vec<Unit>,
    pub(super) levels: Vec<Level>,
    pub(super) utf16: Vec<u16>,
    /// The fast path's buffers (see `fast`).
    pub(super) fast: super::fast::FastScratch,
}

/// Split `text` into units with their drawn (shaped, mirrored) form, widths
/// and the break opportunities a line of `width` cells needs.
pub(super) fn build_units(
    text: &str,
    bidi: &ParagraphBidiInfo,
    shaping: bool,
    width: usize,
    scratch: &mut Scratch,
) {
    let Scratch {
        chars,
        shaped,
        drawn,
        units,
        ..
    } = scratch;
    chars.clear();
    chars.extend(text.chars());
    if shaping && may_need_shaping(text) {
        shape(chars, shaped);
    } else {
        shaped.clear();
        shaped.extend(chars.iter().map(|&c| Shaped::Char(c)));
    }
    drawn.clear();
    units.clear();

    // One pass over the characters; a new unit starts at each cluster
    // boundary, except that a lam-alef ligature spans from the lam's cluster
    // to the alef's (the clusters in between, marks, rarely, are merged).
    let mut boundaries = ClusterBoundaries::new(text);
    let mut merge_until_char = 0;
    let mut previous: Option<char> = None;
    let mut has_zwj = false;
    let mut offset16 = 0;
    for (char_index, (offset, c)) in text.char_indices().enumerate() {
        let starts_cluster = previous.is_none_or(|p| boundaries.is_boundary(text, offset, p, c));
        previous = Some(c);
        if starts_cluster {
            if has_zwj && let Some(unit) = units.last_mut() {
                trim_dangling_zwj(drawn, unit, !shaping);
            }
            has_zwj = false;
            let merge = char_index < merge_until_char;
            match units.last_mut() {
                Some(_) if merge => {}
                _ => units.push(Unit {
                    source: offset..offset,
                    start16: offset16,
                    drawn: drawn.len()..drawn.len(),
                    width: 0,
                    whitespace: true,
                    break_before: None,
                }),
            }
        }
        let at16 = offset16;
        offset16 += c.len_utf16();
        let Some(unit) = units.last_mut() else {
            continue;
        };
        unit.whitespace &= c.is_whitespace();
        has_zwj |= c == '\u{200D}';
        if let Shaped::Char(s) = shaped[char_index] {
            if is_ligature(s)
                && let Some(alef) = shaped[char_index..]
                    .iter()
                    .position(|s| *s == Shaped::Ligated)
            {
                merge_until_char = char_index + alef + 1;
            }
            if let Some(d) = drawn_form(s, bidi.levels[at16].is_rtl()) {
                // Most units draw one plain character: one cell, known now;
                // the rest are measured once drawn.
                unit.width = if unit.drawn.is_empty() && is_plain_one_cell(d) {
                    1
                } else {
                    MEASURE
                };
                drawn.push(d);
            }
        }
        unit.source.end = offset + c.len_utf8();
        unit.drawn.end = drawn.len();
    }
    if has_zwj && let Some(unit) = units.last_mut() {
        trim_dangling_zwj(drawn, unit, !shaping);
    }
    for unit in units.iter_mut().filter(|unit| unit.width == MEASURE) {
        unit.width = drawn_width(&drawn[unit.drawn.clone()]);
    }

    attach_breaks(text, units, width, true);
}

/// Attach break opportunities to the units they precede; one that falls
/// inside a cluster is not a place to break. A paragraph that fits on one
/// line needs none, unless it holds a mandatory break.
/// (`may_break`: whether the text may hold a mandatory break.)
pub(super) fn attach_breaks(text: &str, units: &mut [Unit], width: usize, may_break: bool) {
    let total: usize = units.iter().map(|unit| unit.width).sum();
    if total <= width && !(may_break && text.contains(is_mandatory_break)) {
        return;
    }
    let mut k = 0;
    for (offset, kind) in linebreaks(text) {
        while k < units.len() && units[k].source.start < offset {
            k += 1;
        }
        if k < units.len() && units[k].source.start == offset {
            units[k].break_before = Some(kind);
        }
    }
}

/// Drop a ZWJ at either end of a unit's drawn text (the last unit, at the
/// end of `drawn`): it joins nothing within the unit, and once units are
/// reordered it could fuse its new neighbours into an emoji sequence and
/// shift every column after them. The exception is a ZWJ after an Arabic
/// letter left for a terminal that shapes (`--no-shape`): there it asks for
/// the joining form.
pub(super) fn trim_dangling_zwj(drawn: &mut String, unit: &mut Unit, terminal_shapes: bool) {
    const ZWJ: char = '\u{200D}';
    let from = unit.drawn.start;
    // Every one of them: two dangling ZWJs would leave one to fuse with a
    // neighbour (😀 + ZWJ ZWJ).
    while drawn[from..].starts_with(ZWJ) {
        drawn.replace_range(from..from + ZWJ.len_utf8(), "");
    }
    while drawn[from..].ends_with(ZWJ) {
        let before = drawn[from..drawn.len() - ZWJ.len_utf8()]
            .chars()
            .next_back();
        if terminal_shapes && before.is_some_and(joins_following) {
            break;
        }
        drawn.truncate(drawn.len() - ZWJ.len_utf8());
    }
    unit.drawn.end = drawn.len();
    unit.width = MEASURE;
}

pub(super) fn is_ligature(c: char) -> bool {
    ('\u{FEF5}'..='\u{FEFC}').contains(&c)
}

/// What is drawn for a (shaped) character: nothing for bidi controls and
/// line or paragraph separators, a space for a tab, U+FFFD for other control
/// characters (never sent raw to a terminal), the mirror image of a
/// Bidi_Mirrored character at a right-to-left level (UAX #9 L4).
pub(super) fn drawn_form(c: char, rtl: bool) -> Option<char> {
    if c.is_control() {
        return match c {
            '\t' => Some(' '),
            _ if c.is_whitespace() || c == '\u{85}' => None,
            _ => Some('\u{FFFD}'),
        };
    }
    if is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}') {
        return None;
    }
    if rtl && let Some(mirrored) = mirror(c) {
        return Some(mirrored);
    }
    Some(c)
}

pub(super) fn drawn_width(drawn: &str) -> usize {
    let mut chars = drawn.chars();
    match (chars.next(), chars.next()) {
        (None, _) => 0,
        (Some(_), None) => cluster_width(drawn),
        _ => text_width(drawn),
    }
}

/// Characters after which UAX #14 requires a break (classes BK, CR, LF, NL).
fn is_mandatory_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\u{B}' | '\u{C}' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Characters with the Bidi_Control property: they steer the algorithm and are
/// not drawn.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}
