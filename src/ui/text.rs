//! Drawing the engine's lines into a ratatui `Buffer`. Every string on
//! screen passes through here: laid out by `crate::text`, then put down
//! cluster by cluster at the engine's columns (never handed to ratatui's own
//! wrapping, which would break already reordered lines).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::BidiMode;
use crate::text::{Cluster, Direction, LayoutOptions, Line, Paragraph, layout, mirror};

/// Puts `line` at (`x`, `y`), at most `max_width` cells, styling each
/// cluster with `style_of`.
///
/// In `BidiMode::Terminal` the clusters go down in logical order and
/// unmirrored, for a terminal that reorders by itself.
pub fn draw_line(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max_width: u16,
    line: &Line,
    mode: BidiMode,
    style_of: impl Fn(&Cluster) -> Style,
) {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() {
        return;
    }
    let limit = usize::from(max_width.min(area.right().saturating_sub(x)));
    // Cells are written directly: the engine's clusters are the graphemes
    // ratatui would find and its widths are ratatui's (tests/engine/ratatui_widths.rs),
    // so segmenting each cluster again, as `set_stringn` would, is not needed.
    let mut put = |column: usize, text: &str, cluster: &Cluster| {
        if column + cluster.width > limit || cluster.width == 0 {
            return;
        }
        let Ok(column) = u16::try_from(column) else {
            return;
        };
        let x = x + column;
        buf[(x, y)].set_symbol(text).set_style(style_of(cluster));
        // A wide cluster hides the cells after it.
        for hidden in 1..cluster.width as u16 {
            buf[(x + hidden, y)].reset();
        }
    };
    match mode {
        BidiMode::App => {
            for cluster in &line.clusters {
                put(cluster.column, &line.text[cluster.text.clone()], cluster);
            }
        }
        BidiMode::Terminal => {
            let mut logical: Vec<&Cluster> = line.clusters.iter().filter(|c| c.width > 0).collect();
            logical.sort_by_key(|c| c.source.start);
            let last = logical.len().saturating_sub(1);
            let mut column = 0;
            for (i, cluster) in logical.into_iter().enumerate() {
                let text = &line.text[cluster.text.clone()];
                let mut sent = String::with_capacity(text.len() + 6);
                // A reordering terminal takes each row as a paragraph whose
                // direction is its first strong character's. An LRM first
                // keeps the row left to right (the borders and padding where
                // qari put them); an RLE … PDF embedding around the line makes
                // it right to left inside, so leading and final punctuation
                // (« . ») and Latin words inside the Arabic land where they
                // should (tried in mlterm and Konsole; RLMs alone misplace
                // the Latin words).
                if line.rtl && i == 0 {
                    sent.push_str(OPEN_RTL_LINE);
                }
                if cluster.rtl {
                    sent.extend(text.chars().map(|c| mirror(c).unwrap_or(c)));
                } else {
                    sent.push_str(text);
                }
                if line.rtl && i == last {
                    sent.push(CLOSE_RTL_LINE);
                }
                put(column, &sent, cluster);
                column += cluster.width;
            }
        }
    }
}

/// LEFT-TO-RIGHT MARK, then RIGHT-TO-LEFT EMBEDDING (all zero width).
const OPEN_RTL_LINE: &str = "\u{200E}\u{202B}";
/// POP DIRECTIONAL FORMATTING, closing the embedding.
const CLOSE_RTL_LINE: char = '\u{202C}';

/// Lays `text` out at `area`'s width and draws as many of its lines as fit,
/// right-aligned when a line is right to left. Returns the rows used.
pub fn draw_text(
    buf: &mut Buffer,
    area: Rect,
    text: &str,
    direction: Direction,
    style: Style,
    mode: BidiMode,
) -> u16 {
    let Some(paragraph) = layout_in(area, text, direction, mode) else {
        return 0;
    };
    let mut rows = 0;
    for (line, y) in paragraph.lines.iter().zip(area.top()..area.bottom()) {
        let x = aligned_x(area, line);
        draw_line(buf, x, y, area.width, line, mode, |_| style);
        rows += 1;
    }
    rows
}

/// Draws only the first line of `text` laid out at `area`'s width (for
/// one-row places: titles, the status line). Returns the cells used.
pub fn draw_first_line(
    buf: &mut Buffer,
    area: Rect,
    text: &str,
    direction: Direction,
    style: Style,
    mode: BidiMode,
) -> u16 {
    let Some(line) =
        layout_in(area, text, direction, mode).and_then(|p| p.lines.into_iter().next())
    else {
        return 0;
    };
    draw_line(buf, area.x, area.y, area.width, &line, mode, |_| style);
    u16::try_from(line.width)
        .unwrap_or(u16::MAX)
        .min(area.width)
}

/// `text` laid out at `area`'s width; none for an empty area.
fn layout_in(area: Rect, text: &str, direction: Direction, mode: BidiMode) -> Option<Paragraph> {
    (!area.is_empty()).then(|| layout_at(text, area.width, direction, mode))
}

/// `text` laid out at `width` cells, shaped unless the terminal does bidi.
pub fn layout_at(text: &str, width: u16, direction: Direction, mode: BidiMode) -> Paragraph {
    let options = LayoutOptions {
        width: usize::from(width.max(1)),
        direction,
        shape: mode == BidiMode::App,
    };
    layout(text, &options)
}

/// The cells `text` takes on one line (its layout, unwrapped).
pub fn width_of(text: &str) -> u16 {
    u16::try_from(crate::text::text_width(text)).unwrap_or(u16::MAX)
}

fn aligned_x(area: Rect, line: &Line) -> u16 {
    let width = u16::try_from(line.width)
        .unwrap_or(u16::MAX)
        .min(area.width);
    if line.rtl {
        area.right() - width
    } else {
        area.x
    }
}
