//! The glossary pane. Until the glossary proper exists it lists the current
//! sentence's distinct words, the one under the cursor first, with how often
//! each occurs in the article.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, Focus};
use crate::text::Direction;

use super::strings;
use super::text::{draw_first_line, draw_text, width_of};
use super::theme::Theme;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    let mode = app.options.bidi;
    let header = Rect::new(
        area.x + 1,
        area.y,
        area.width.saturating_sub(2),
        area.height.min(2),
    );
    let used = draw_text(
        buf,
        header,
        strings::GLOSSARY_HEADER,
        Direction::Ltr,
        theme.dim,
        mode,
    );
    let list = Rect::new(
        area.x,
        area.y + used + 1,
        area.width,
        area.height.saturating_sub(used + 1),
    );
    let items = app.glossary_items();
    let height = usize::from(list.height);
    let focused = app.focus == Focus::Glossary;
    let first = if focused && app.glossary_selected >= height {
        app.glossary_selected + 1 - height
    } else {
        0
    };
    for (index, y) in (first..items.len()).zip(list.top()..list.bottom()) {
        let item = &items[index];
        let selected = focused && index == app.glossary_selected;
        let style = match (selected, item.current) {
            (true, _) => theme.selected,
            (false, true) => theme.current,
            (false, false) => theme.other.patch(theme.translation),
        };
        if selected {
            buf.set_style(Rect::new(list.x, y, list.width, 1), style);
        }
        // Mark, word, and its count flush right: three pieces, so that the
        // count's digits never join the Arabic word's run.
        let row = Rect::new(list.x + 1, y, list.width.saturating_sub(2), 1);
        if item.current {
            draw_first_line(
                buf,
                row,
                strings::SELECTED_MARK,
                Direction::Ltr,
                style,
                mode,
            );
        }
        let count = strings::word_count(item.count);
        let count_width = width_of(&count).min(row.width);
        let count_cells = Rect::new(row.right() - count_width, y, count_width, 1);
        draw_first_line(
            buf,
            count_cells,
            &count,
            Direction::Ltr,
            theme.dim.patch(style),
            mode,
        );
        let word_cells = Rect::new(row.x + 2, y, row.width.saturating_sub(3 + count_width), 1);
        draw_first_line(buf, word_cells, &item.word, Direction::Auto, style, mode);
    }
}
