//! The `?` overlay: every binding of the key table, by scope.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use crate::app::App;
use crate::app::keys::BINDINGS;
use crate::text::Direction;

use super::strings;
use super::text::{draw_first_line, draw_text, width_of};
use super::theme::Theme;

const KEYS_COLUMN: u16 = 20;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let mode = app.options.bidi;
    let mut lines: Vec<(String, String)> = Vec::new();
    for (heading, scope) in strings::HELP_SECTIONS {
        lines.push((String::new(), (*heading).to_owned()));
        for binding in BINDINGS.iter().filter(|b| b.scope == *scope) {
            let keys: Vec<String> = binding.keys.iter().map(|k| k.label()).collect();
            lines.push((keys.join(" "), strings::describe(binding.action).to_owned()));
        }
    }
    let width = area.width.min(72);
    let height = area.height.min(lines.len() as u16 + 5);
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
    let title = Rect::new(
        outer.x + 2,
        outer.y,
        outer.width.saturating_sub(4),
        outer.height.min(1),
    );
    draw_first_line(
        buf,
        title,
        strings::HELP_TITLE,
        Direction::Ltr,
        theme.border_focused,
        mode,
    );
    let footer_rows = 2.min(inner.height);
    let list_bottom = inner.bottom() - footer_rows;
    for ((keys, text), y) in lines.iter().zip(inner.top()..list_bottom) {
        let row = Rect::new(inner.x + 1, y, inner.width.saturating_sub(1), 1);
        if keys.is_empty() {
            draw_first_line(buf, row, text, Direction::Ltr, theme.study_heading, mode);
            continue;
        }
        draw_first_line(buf, row, keys, Direction::Ltr, theme.current, mode);
        let column = KEYS_COLUMN.max(width_of(keys) + 2);
        if column < row.width {
            let rest = Rect::new(row.x + column, y, row.width - column, 1);
            draw_first_line(buf, rest, text, Direction::Ltr, theme.translation, mode);
        }
    }
    let footer = Rect::new(
        inner.x + 1,
        list_bottom,
        inner.width.saturating_sub(2),
        footer_rows,
    );
    draw_text(
        buf,
        footer,
        strings::HELP_FOOTER,
        Direction::Ltr,
        theme.dim,
        mode,
    );
}
