//! Laying out one paragraph: shape, wrap, reorder, mirror, measure, map.
//! This module holds the public types and runs the steps, which live in
//! `units` (clusters, shaping, widths), `wrap` and `reorder`.
//!
//! The order of the steps is the one UAX #9 §3.4 prescribes: levels are
//! resolved over the whole paragraph, the logical text is broken into lines
//! (at UAX #14 opportunities, measured in shaped cells), and only then is each
//! line reordered on its own. Reordering moves whole grapheme clusters, so a
//! haraka stays after its letter, where a terminal draws it on that letter.

use std::ops::Range;

use unicode_bidi::Level;
use unicode_bidi::utf16::ParagraphBidiInfo;

use super::bidi_data::FastBidiData;
use super::fast;
use super::reorder::build_line;
use super::units::{Scratch, build_units};
use super::wrap::wrap;

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
    /// The line the general path fills when only text is written.
    line: Line,
    /// Text written for [`Layouter::write_lines_aligned`].
    written: Vec<u8>,
    /// Never take the fast path (for the tests that compare the two).
    general_only: bool,
}

impl Layouter {
    /// A layouter that always takes the general path: the reference the
    /// fast path is tested against (see `fast.rs`). The output is the same;
    /// only the speed differs.
    #[doc(hidden)]
    pub fn general() -> Self {
        Layouter {
            general_only: true,
            ..Layouter::default()
        }
    }

    /// Same as [`layout`].
    pub fn layout(&mut self, text: &str, options: &LayoutOptions) -> Paragraph {
        let mut paragraph = Paragraph::default();
        self.lay_out(text, options, &mut paragraph);
        paragraph
    }

    /// Append the visual lines of `text` to `out`, each followed by a line
    /// feed: what [`layout`] draws, without building the maps.
    pub fn write_lines(&mut self, text: &str, options: &LayoutOptions, out: &mut String) {
        self.write_lines_aligned(text, options, false, out);
    }

    /// As [`Layouter::write_lines`]; with `right_align`, a right-to-left
    /// line is preceded by the spaces that bring its end to the width, as
    /// an Arabic reader expects on a terminal.
    pub fn write_lines_aligned(
        &mut self,
        text: &str,
        options: &LayoutOptions,
        right_align: bool,
        out: &mut String,
    ) {
        let mut written = std::mem::take(&mut self.written);
        written.clear();
        self.write_lines_to(text, options, right_align, &mut written);
        // (Always UTF-8: the engine writes nothing else.)
        out.push_str(&String::from_utf8_lossy(&written));
        self.written = written;
    }

    /// As [`Layouter::write_lines_aligned`], onto the end of a byte buffer:
    /// for `qari render`, which only prints, the fastest way (the fast path
    /// copies its drawn bytes straight there).
    pub fn write_lines_to(
        &mut self,
        text: &str,
        options: &LayoutOptions,
        right_align: bool,
        out: &mut Vec<u8>,
    ) {
        let mut sink = TextSink {
            out,
            line: std::mem::take(&mut self.line),
            pad_to: right_align.then_some(options.width),
        };
        self.lay_out(text, options, &mut sink);
        self.line = sink.line;
    }

    fn lay_out(&mut self, text: &str, options: &LayoutOptions, sink: &mut impl LineSink) {
        // The fast path takes no paragraph separator: when it takes the
        // whole text, that is one bidi paragraph, and there is no need to
        // look for them.
        if !self.general_only
            && fast::layout_paragraph(
                text,
                0,
                options.direction,
                options.shape,
                options.width.max(1),
                &mut self.scratch.fast,
                sink,
            )
            .is_some()
        {
            return;
        }
        let mut start = 0;
        let mut lines = 0;
        // The separators' UTF-8 begins with one of these bytes: look at the
        // bytes, and only decode there.
        let bytes = text.as_bytes();
        let maybe_separator = |b: u8| matches!(b, b'\n' | b'\r' | 0x1C..=0x1E | 0xC2 | 0xE2);
        // Most texts have none: a branch-free look over the bytes first.
        let mut from = if bytes.chunks(64).any(|chunk| {
            chunk
                .iter()
                .fold(false, |seen, &b| seen | maybe_separator(b))
        }) {
            0
        } else {
            bytes.len()
        };
        while let Some(k) = bytes[from..].iter().position(|&b| maybe_separator(b)) {
            let i = from + k;
            from = i + 1;
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            if is_paragraph_separator(c) {
                let end = i + c.len_utf8();
                lines += self.layout_bidi_paragraph(text, start..end, options, sink);
                start = end;
                from = end;
            }
        }
        if start < text.len() || lines == 0 {
            self.layout_bidi_paragraph(text, start..text.len(), options, sink);
        }
    }

    /// Lay out one bidi paragraph into `sink`, on the fast path when it
    /// takes the paragraph; returns how many lines it made.
    fn layout_bidi_paragraph<S: LineSink>(
        &mut self,
        text: &str,
        range: Range<usize>,
        options: &LayoutOptions,
        sink: &mut S,
    ) -> usize {
        if !self.general_only
            && let Some(lines) = fast::layout_paragraph(
                &text[range.clone()],
                range.start,
                options.direction,
                options.shape,
                options.width.max(1),
                &mut self.scratch.fast,
                sink,
            )
        {
            return lines;
        }
        layout_bidi_paragraph(text, range, options, &mut self.scratch, sink)
    }
}

/// Lay out `text` as [`layout`] does, always on the general path (the
/// reference the fast path is tested against).
#[doc(hidden)]
pub fn layout_general(text: &str, options: &LayoutOptions) -> Paragraph {
    Layouter::general().layout(text, options)
}

/// Whether `text` (one bidi paragraph, without a paragraph separator) takes
/// the fast path: for the tests and the figures.
#[doc(hidden)]
pub fn takes_fast_path(text: &str, direction: Direction) -> bool {
    fast::qualifies(text, direction)
}

/// Where finished lines go.
pub(super) trait LineSink {
    /// Whether the lines' clusters (the maps) are wanted.
    const MAPS: bool;
    /// An empty line to fill.
    fn next_line(&mut self) -> &mut Line;
    /// The line last handed out is complete.
    fn line_done(&mut self);
    /// For a sink that only prints: where the fast path writes each line's
    /// text itself (as [`TextSink::line_done`] would), and the width to
    /// which a right-to-left line is padded on the left, if any.
    fn text_out(&mut self) -> Option<(&mut Vec<u8>, Option<usize>)>;
}

impl LineSink for Paragraph {
    const MAPS: bool = true;

    fn next_line(&mut self) -> &mut Line {
        let index = self.lines.len();
        self.lines.push(Line::default());
        &mut self.lines[index]
    }

    fn line_done(&mut self) {}

    fn text_out(&mut self) -> Option<(&mut Vec<u8>, Option<usize>)> {
        None
    }
}

/// Lines written out as text, onto the end of `out`.
struct TextSink<'a> {
    out: &'a mut Vec<u8>,
    /// The line the general path fills.
    line: Line,
    /// Right-to-left lines are padded on the left to this width.
    pad_to: Option<usize>,
}

impl LineSink for TextSink<'_> {
    const MAPS: bool = false;

    fn next_line(&mut self) -> &mut Line {
        self.line.text.clear();
        self.line.clusters.clear();
        self.line.width = 0;
        &mut self.line
    }

    fn line_done(&mut self) {
        if let Some(width) = self.pad_to
            && self.line.rtl
        {
            let padding = width.saturating_sub(self.line.width);
            self.out.resize(self.out.len() + padding, b' ');
        }
        self.out.extend_from_slice(self.line.text.as_bytes());
        self.out.push(b'\n');
    }

    fn text_out(&mut self) -> Option<(&mut Vec<u8>, Option<usize>)> {
        Some((self.out, self.pad_to))
    }
}

/// Characters of Bidi_Class B: each ends a bidi paragraph (UAX #9 P1).
fn is_paragraph_separator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{1C}'..='\u{1E}' | '\u{85}' | '\u{2029}')
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
    // unicode-bidi resolves levels per code unit: in UTF-16 an Arabic letter
    // is one unit instead of two bytes, which makes this, the costliest step,
    // a fifth faster.
    let mut utf16 = std::mem::take(&mut scratch.utf16);
    utf16.clear();
    utf16.extend(text.encode_utf16());
    let bidi = ParagraphBidiInfo::new_with_data_source(&FastBidiData::new(), &utf16, Some(base));
    let width = options.width.max(1);
    build_units(text, &bidi, options.shape, width, scratch);
    let lines = wrap(&scratch.units, width);
    for span in &lines {
        let line = sink.next_line();
        build_line(text, &bidi, scratch, span, range.start, line, S::MAPS);
        sink.line_done();
    }
    drop(bidi);
    scratch.utf16 = utf16;
    lines.len()
}
