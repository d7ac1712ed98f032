//! The `m` overlay: the last messages in full, newest last, each wrapped
//! (an error's file, line and column are never cut off as on the status
//! line). When they do not all fit, the newest are shown.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::text::Direction;

use super::overlay::boxed;
use super::strings;
use super::text::{draw_line, layout_at};
use super::theme::Theme;

/// The box's widest.
const BOX_WIDTH: u16 = 100;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let mode = app.options.bidi;
    let width = BOX_WIDTH.min(area.width);
    // Inside the border, a cell of margin on either side.
    let text_width = width.saturating_sub(4).max(1);
    let footer = layout_at(
        &strings::messages_footer(),
        text_width,
        Direction::Ltr,
        mode,
    );
    let mut lines = Vec::new();
    if app.messages.is_empty() {
        lines.extend(layout_at(strings::NO_MESSAGES, text_width, Direction::Ltr, mode).lines);
    }
    for message in &app.messages {
        let text = format!("{}{message}", strings::MESSAGE_BULLET);
        lines.extend(layout_at(&text, text_width, Direction::Ltr, mode).lines);
    }
    // Borders, the messages, a blank row, the footer.
    let wanted = lines.len() + footer.lines.len() + 3;
    let height = u16::try_from(wanted).unwrap_or(u16::MAX);
    let inner = boxed(
        area,
        width,
        height,
        strings::MESSAGES_TITLE,
        mode,
        buf,
        theme,
    );
    if inner.is_empty() {
        return;
    }
    let footer_rows = u16::try_from(footer.lines.len())
        .unwrap_or(u16::MAX)
        .min(inner.height / 2);
    let list_bottom = inner.bottom() - footer_rows;
    let room = usize::from(list_bottom - inner.top());
    // The newest messages when they do not all fit.
    let skip = lines.len().saturating_sub(room);
    for (line, y) in lines.iter().skip(skip).zip(inner.top()..list_bottom) {
        draw_line(buf, inner.x + 1, y, text_width, line, mode, |_| {
            theme.translation
        });
    }
    for (line, y) in footer.lines.iter().zip(list_bottom..inner.bottom()) {
        draw_line(buf, inner.x + 1, y, text_width, line, mode, |_| theme.dim);
    }
}
