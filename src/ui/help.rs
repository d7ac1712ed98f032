//! The `?` overlay: every binding of the key table, by scope.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::app::keys::BINDINGS;
use crate::text::Direction;

use super::overlay::boxed;
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
    // Two columns when one would not fit and the terminal is wide enough.
    let columns: u16 = if lines.len() as u16 + 5 > area.height && area.width >= 120 {
        2
    } else {
        1
    };
    let per_column = lines.len().div_ceil(usize::from(columns));
    let height = per_column as u16 + 5;
    let inner = boxed(
        area,
        72 * columns,
        height,
        strings::HELP_TITLE,
        app.options.bidi,
        buf,
        theme,
    );
    let footer_rows = 2.min(inner.height);
    let list_bottom = inner.bottom() - footer_rows;
    let column_width = inner.width / columns;
    // Scrolled by j/k when the lines do not fit, never past the last one.
    let visible = usize::from(list_bottom.saturating_sub(inner.top()));
    let scroll = app.help_scroll.min(per_column.saturating_sub(visible));
    for (index, (keys, text)) in lines.iter().enumerate() {
        let column = (index / per_column) as u16;
        let Some(line) = (index % per_column).checked_sub(scroll) else {
            continue;
        };
        let y = inner.top() + line as u16;
        if y >= list_bottom {
            continue;
        }
        let x = inner.x + 1 + column * column_width;
        let row = Rect::new(x, y, column_width.saturating_sub(1), 1);
        if keys.is_empty() {
            draw_first_line(buf, row, text, Direction::Ltr, theme.study_heading, mode);
            continue;
        }
        draw_first_line(buf, row, keys, Direction::Ltr, theme.current, mode);
        let indent = KEYS_COLUMN.max(width_of(keys) + 2);
        if indent < row.width {
            let rest = Rect::new(row.x + indent, y, row.width - indent, 1);
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
