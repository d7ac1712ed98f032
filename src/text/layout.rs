//! Laying out one paragraph: shape, wrap, reorder, mirror, measure, map.
//!
//! The order of the steps is the one UAX #9 §3.4 prescribes: levels are
//! resolved over the whole paragraph, the logical text is broken into lines
//! (at UAX #14 opportunities, measured in shaped cells), and only then is each
//! line reordered on its own. Reordering moves whole grapheme clusters, so a
//! haraka stays after its letter, where a terminal draws it on that letter.

use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, Level, ParagraphBidiInfo};
use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::bidi_data::FastBidiData;
use super::clusters::ClusterBoundaries;
use super::mirror::mirror;
use super::shape::{Shaped, joins_following, may_need_shaping, shape};
use super::width::{cluster_width, is_plain_one_cell, text_width};

/// Base direction of a paragraph.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left: the default, since qari's text is Arabic.
    #[default]
    Rtl,
    /// From the first strong character (UAX #9 P2–P3), right to left when
    /// there is none.
    Auto,
}

/// How to lay out a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LayoutOptions {
    /// Line width in terminal cells (at least 1 is used).
    pub width: usize,
    /// Base direction.
    pub direction: Direction,
    /// Replace Arabic letters by their presentation forms. Off for terminals
    /// that shape by themselves.
    pub shape: bool,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            width: 80,
            direction: Direction::Rtl,
            shape: true,
        }
    }
}

/// A paragraph laid out into visual lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paragraph {
    /// The lines, top to bottom.
    pub lines: Vec<Line>,
}

/// One visual line: what to draw, left to right, and where each piece of it
/// came from in the logical text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    /// The line as a terminal draws it, left to right: reordered, shaped and
    /// mirrored, without bidi controls or the whitespace hung at a line break.
    pub text: String,
    /// Cells that `text` takes.
    pub width: usize,
    /// Whether the paragraph runs right to left (align the line to the right).
    pub rtl: bool,
    /// Byte range of the logical paragraph this line covers.
    pub source: Range<usize>,
    /// The line's grapheme clusters in visual order, left to right. Each
    /// cluster of the logical text is in exactly one line.
    pub clusters: Vec<Cluster>,
}

/// One grapheme cluster of a visual line (a lam-alef ligature is one cluster
/// made of two logical ones).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cluster {
    /// Byte range in [`Line::text`] (empty for a bidi control or for
    /// whitespace hung at a line break).
    pub text: Range<usize>,
    /// Byte range in the logical paragraph.
    pub source: Range<usize>,
    /// First cell, counted from the left end of the line.
    pub column: usize,
    /// Cells taken.
    pub width: usize,
    /// Resolved at an odd (right-to-left) embedding level.
    pub rtl: bool,
}

impl Line {
    /// The cluster drawn at `column` (a wide cluster covers all its cells).
    pub fn cluster_at_column(&self, column: usize) -> Option<&Cluster> {
        self.clusters
            .iter()
            .find(|c| c.width > 0 && (c.column..c.column + c.width).contains(&column))
    }

    /// The visual index of the cluster holding logical byte `offset`.
    pub fn visual_index_of(&self, offset: usize) -> Option<usize> {
        self.clusters
            .iter()
            .position(|c| c.source.contains(&offset))
    }

    /// For each visual position (left to right), the logical position (in
    /// reading order within the line) of the cluster there.
    pub fn visual_to_logical(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.clusters.len()).collect();
        order.sort_by_key(|&v| self.clusters[v].source.start);
        let mut map = vec![0; order.len()];
        for (logical, &visual) in order.iter().enumerate() {
            map[visual] = logical;
        }
        map
    }

    /// For each logical position (reading order within the line), the visual
    /// position of its cluster: the inverse of [`Line::visual_to_logical`].
    pub fn logical_to_visual(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.clusters.len()).collect();
        order.sort_by_key(|&v| self.clusters[v].source.start);
        order
    }
}

impl Paragraph {
    /// Line and column where the cluster holding logical byte `offset` is
    /// drawn; `None` past the end of the text.
    pub fn locate(&self, offset: usize) -> Option<(usize, usize)> {
        self.lines.iter().enumerate().find_map(|(row, line)| {
            let visual = line.visual_index_of(offset)?;
            Some((row, line.clusters[visual].column))
        })
    }
}

/// Lay out `text` as one paragraph (a paragraph separator inside it starts a
/// new bidi paragraph on a new line).
pub fn layout(text: &str, options: &LayoutOptions) -> Paragraph {
    Layouter::default().layout(text, options)
}

/// Lays out paragraph after paragraph, reusing its working buffers: for
/// callers that lay out many (rendering a file, drawing a screen).
#[derive(Default)]
pub struct Layouter {
    scratch: Scratch,
}

impl Layouter {
    /// Same as [`layout`].
    pub fn layout(&mut self, text: &str, options: &LayoutOptions) -> Paragraph {
        let mut paragraph = Paragraph::default();
        self.lay_out(text, options, &mut paragraph);
        paragraph
    }

    /// Append the visual lines of `text` to `out`, each followed by a line
    /// feed: what [`layout`] draws, without building the maps (for `qari
    /// render`, which only prints).
    pub fn write_lines(&mut self, text: &str, options: &LayoutOptions, out: &mut String) {
        let mut sink = TextSink {
            out,
            line: Line::default(),
        };
        self.lay_out(text, options, &mut sink);
    }

    fn lay_out(&mut self, text: &str, options: &LayoutOptions, sink: &mut impl LineSink) {
        let mut start = 0;
        let mut lines = 0;
        for (i, c) in text.char_indices() {
            if is_paragraph_separator(c) {
                let end = i + c.len_utf8();
                lines += layout_bidi_paragraph(text, start..end, options, &mut self.scratch, sink);
                start = end;
            }
        }
        if start < text.len() || lines == 0 {
            layout_bidi_paragraph(text, start..text.len(), options, &mut self.scratch, sink);
        }
    }
}

/// Where finished lines go.
trait LineSink {
    /// Whether the lines' clusters (the maps) are wanted.
    const MAPS: bool;
    /// An empty line to fill.
    fn next_line(&mut self) -> &mut Line;
    /// The line last handed out is complete.
    fn line_done(&mut self);
}

impl LineSink for Paragraph {
    const MAPS: bool = true;

    fn next_line(&mut self) -> &mut Line {
        let index = self.lines.len();
        self.lines.push(Line::default());
        &mut self.lines[index]
    }

    fn line_done(&mut self) {}
}

/// Lines written out as text, one buffer reused for each.
struct TextSink<'a> {
    out: &'a mut String,
    line: Line,
}

impl LineSink for TextSink<'_> {
    const MAPS: bool = false;

    fn next_line(&mut self) -> &mut Line {
        self.line.text.clear();
        self.line.width = 0;
        &mut self.line
    }

    fn line_done(&mut self) {
        self.out.push_str(&self.line.text);
        self.out.push('\n');
    }
}

/// Characters of Bidi_Class B: each ends a bidi paragraph (UAX #9 P1).
fn is_paragraph_separator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{1C}'..='\u{1E}' | '\u{85}' | '\u{2029}')
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

/// `Unit::width` while the unit's drawn text is yet to be measured.
const MEASURE: usize = usize::MAX;

/// One cluster of the logical paragraph: the unit that is measured, wrapped
/// and reordered.
#[derive(Clone, Debug)]
struct Unit {
    /// Bytes of the bidi paragraph.
    source: Range<usize>,
    /// Bytes of `Scratch::drawn`.
    drawn: Range<usize>,
    width: usize,
    /// All whitespace: hangs past the line end at a break.
    whitespace: bool,
    /// A line break opportunity (UAX #14) before this unit.
    break_before: Option<BreakOpportunity>,
}

/// Working buffers, reused from one bidi paragraph to the next.
#[derive(Default)]
struct Scratch {
    chars: Vec<char>,
    shaped: Vec<Shaped>,
    drawn: String,
    units: Vec<Unit>,
    levels: Vec<Level>,
}

/// Lay out one bidi paragraph into `sink`; returns how many lines it made.
fn layout_bidi_paragraph<S: LineSink>(
    full_text: &str,
    range: Range<usize>,
    options: &LayoutOptions,
    scratch: &mut Scratch,
    sink: &mut S,
) -> usize {
    let text = &full_text[range.clone()];
    let base = match options.direction {
        Direction::Ltr => Level::ltr(),
        Direction::Rtl => Level::rtl(),
        Direction::Auto => {
            match unicode_bidi::get_base_direction_with_data_source(&FastBidiData::new(), text) {
                unicode_bidi::Direction::Ltr => Level::ltr(),
                _ => Level::rtl(),
            }
        }
    };
    let bidi = ParagraphBidiInfo::new_with_data_source(&FastBidiData::new(), text, Some(base));
    let width = options.width.max(1);
    build_units(text, &bidi, options.shape, width, scratch);
    let lines = wrap(&scratch.units, width);
    for (line_units, last) in &lines {
        let hung = hung_from(&scratch.units, line_units.clone(), width, *last);
        let line = sink.next_line();
        build_line(
            &bidi,
            scratch,
            line_units.clone(),
            hung,
            range.start,
            line,
            S::MAPS,
        );
        sink.line_done();
    }
    lines.len()
}

/// Split `text` into units with their drawn (shaped, mirrored) form, widths
/// and the break opportunities a line of `width` cells needs.
fn build_units(
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
                    drawn: drawn.len()..drawn.len(),
                    width: 0,
                    whitespace: true,
                    break_before: None,
                }),
            }
        }
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
            if let Some(d) = drawn_form(s, bidi.levels[offset].is_rtl()) {
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

    // Attach break opportunities to the units they precede; one that falls
    // inside a cluster is not a place to break. A paragraph that fits on one
    // line needs none, unless it holds a mandatory break.
    let total: usize = units.iter().map(|unit| unit.width).sum();
    if total <= width && !text.contains(is_mandatory_break) {
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
fn trim_dangling_zwj(drawn: &mut String, unit: &mut Unit, terminal_shapes: bool) {
    const ZWJ: char = '\u{200D}';
    let from = unit.drawn.start;
    if drawn[from..].starts_with(ZWJ) {
        drawn.replace_range(from..from + ZWJ.len_utf8(), "");
    }
    if drawn[from..].ends_with(ZWJ) {
        let before = drawn[from..drawn.len() - ZWJ.len_utf8()]
            .chars()
            .next_back();
        if !(terminal_shapes && before.is_some_and(joins_following)) {
            drawn.truncate(drawn.len() - ZWJ.len_utf8());
        }
    }
    unit.drawn.end = drawn.len();
    unit.width = MEASURE;
}

fn is_ligature(c: char) -> bool {
    ('\u{FEF5}'..='\u{FEFC}').contains(&c)
}

/// What is drawn for a (shaped) character: nothing for bidi controls and
/// line or paragraph separators, a space for a tab, U+FFFD for other control
/// characters (never sent raw to a terminal), the mirror image of a
/// Bidi_Mirrored character at a right-to-left level (UAX #9 L4).
fn drawn_form(c: char, rtl: bool) -> Option<char> {
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

fn drawn_width(drawn: &str) -> usize {
    let mut chars = drawn.chars();
    match (chars.next(), chars.next()) {
        (None, _) => 0,
        (Some(_), None) => cluster_width(drawn),
        _ => text_width(drawn),
    }
}

/// Greedy line filling: yields the unit range of each line and whether it is
/// the paragraph's last.
fn wrap(units: &[Unit], width: usize) -> Vec<(Range<usize>, bool)> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut line_width = 0;
    let mut segment_start = 0;
    while segment_start < units.len() {
        let mut segment_end = segment_start + 1;
        while segment_end < units.len() && units[segment_end].break_before.is_none() {
            segment_end += 1;
        }
        let segment = &units[segment_start..segment_end];
        let trailing_space = segment.iter().rev().take_while(|u| u.whitespace).count();
        let content_end = segment_end - trailing_space;
        let content_width: usize = units[segment_start..content_end]
            .iter()
            .map(|u| u.width)
            .sum();
        let space_width: usize = units[content_end..segment_end]
            .iter()
            .map(|u| u.width)
            .sum();

        if segment_start > start && line_width + content_width > width {
            lines.push((start..segment_start, false));
            start = segment_start;
            line_width = 0;
        }
        if line_width + content_width > width {
            // A word wider than the line: split it between clusters.
            for (k, unit) in units
                .iter()
                .enumerate()
                .take(content_end)
                .skip(segment_start)
            {
                if k > start && line_width + unit.width > width {
                    lines.push((start..k, false));
                    start = k;
                    line_width = 0;
                }
                line_width += unit.width;
            }
            line_width += space_width;
        } else {
            line_width += content_width + space_width;
        }
        if segment_end < units.len()
            && units[segment_end].break_before == Some(BreakOpportunity::Mandatory)
        {
            lines.push((start..segment_end, false));
            start = segment_end;
            line_width = 0;
        }
        segment_start = segment_end;
    }
    lines.push((start..units.len(), true));
    lines
}

/// Index of the first unit of `line` that hangs past its end: the trailing
/// whitespace at a line break, or at the paragraph's end when it would
/// overflow the width.
fn hung_from(units: &[Unit], line: Range<usize>, width: usize, last: bool) -> usize {
    let trailing = units[line.clone()]
        .iter()
        .rev()
        .take_while(|u| u.whitespace)
        .count();
    let hung = line.end - trailing;
    if !last {
        return hung;
    }
    let full: usize = units[line.clone()].iter().map(|u| u.width).sum();
    if full <= width { line.end } else { hung }
}

/// Fill `line` (empty) with the units of `units_range`, reordered; with
/// `maps`, also its clusters.
fn build_line(
    bidi: &ParagraphBidiInfo,
    scratch: &mut Scratch,
    units_range: Range<usize>,
    hung: usize,
    offset: usize,
    line: &mut Line,
    maps: bool,
) {
    let units = &scratch.units[units_range.clone()];
    let levels = &mut scratch.levels;
    line_levels(bidi, units, hung - units_range.start, levels);
    let order = if levels.iter().any(|l| l.is_rtl()) {
        BidiInfo::reorder_visual(levels)
    } else {
        (0..units.len()).collect()
    };
    line.rtl = bidi.paragraph_level.is_rtl();
    line.source = match (units.first(), units.last()) {
        (Some(first), Some(last)) => offset + first.source.start..offset + last.source.end,
        _ => offset..offset,
    };
    if maps {
        line.clusters.reserve(units.len());
    }
    for &i in &order {
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
fn line_levels(bidi: &ParagraphBidiInfo, units: &[Unit], visible: usize, levels: &mut Vec<Level>) {
    use BidiClass::*;
    let para = bidi.paragraph_level;
    levels.clear();
    let mut reset_from: Option<usize> = Some(0);
    let mut previous = para;
    for (i, unit) in units.iter().enumerate() {
        let mut level = previous;
        match first_retained_char(bidi, unit) {
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

/// Byte offset of the first character of `unit` that rule X9 does not remove
/// (a cluster may start with a ZWJ or another BN character).
fn first_retained_char(bidi: &ParagraphBidiInfo, unit: &Unit) -> Option<usize> {
    use BidiClass::*;
    let removed = |at: usize| matches!(bidi.original_classes[at], RLE | LRE | RLO | LRO | PDF | BN);
    if !removed(unit.source.start) {
        return Some(unit.source.start);
    }
    bidi.text[unit.source.clone()]
        .char_indices()
        .map(|(offset, _)| unit.source.start + offset)
        .find(|&at| !removed(at))
}
