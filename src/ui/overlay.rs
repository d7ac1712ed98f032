//! A centred box over the panes, with a title drawn through the engine:
//! the frame of the help, the entry form, the search prompt and the
//! delete confirmation.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use crate::app::BidiMode;
use crate::text::Direction;

use super::text::draw_first_line;
use super::theme::Theme;

/// A centred box of `width` × `height` (at most the area) with a title;
/// returns the area inside it.
pub fn boxed(
    area: Rect,
    width: u16,
    height: u16,
    title: &str,
    mode: BidiMode,
    buf: &mut Buffer,
    theme: &Theme,
) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    let outer = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    Clear.render(outer, buf);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focused);
    let inner = block.inner(outer);
    block.render(outer, buf);
    let title_area = Rect::new(
        outer.x + 2,
        outer.y,
        outer.width.saturating_sub(4),
        outer.height.min(1),
    );
    draw_first_line(
        buf,
        title_area,
        title,
        Direction::Ltr,
        theme.border_focused,
        mode,
    );
    inner
}
