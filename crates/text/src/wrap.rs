//! Breaking a paragraph's units into lines: greedy filling at UAX #14
//! opportunities, in the cells the units take, with whitespace hung at a
//! break.

use std::ops::Range;

use unicode_linebreak::BreakOpportunity;

use super::units::Unit;

/// One line's units.
pub(super) struct LineSpan {
    /// The units on the line, in logical order.
    pub(super) units: Range<usize>,
    /// The first of them that hangs past the line's end (whitespace at a
    /// break): `units.end` when none does.
    pub(super) hung: usize,
}

/// Greedy line filling: the units of each line, top to bottom.
pub(super) fn wrap(units: &[Unit], width: usize) -> Vec<LineSpan> {
    let mut spans = Vec::new();
    for (line, last) in fill(units, width) {
        let hung = hung_from(units, line.clone(), width, last);
        spans.push(LineSpan { units: line, hung });
    }
    spans
}

/// The unit range of each line and whether it is the paragraph's last.
fn fill(units: &[Unit], width: usize) -> Vec<(Range<usize>, bool)> {
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
