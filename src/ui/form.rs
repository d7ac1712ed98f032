//! The overlays that take typing: the entry form, the search prompt, and
//! the delete confirmation. Fields are drawn through the engine, Arabic
//! right-aligned, with a block cursor where the next letter goes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{BidiMode, Field, Form, FormKind};
use crate::text::Direction;

use super::overlay::boxed;
use super::strings;
use super::text::{draw_first_line, draw_line, draw_text, layout_at};
use super::theme::Theme;

pub fn draw_form(mode: BidiMode, form: &Form, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let title = match form.kind {
        FormKind::Add => strings::FORM_ADD_TITLE,
        FormKind::Edit { .. } => strings::FORM_EDIT_TITLE,
        FormKind::Sentence { .. } => strings::FORM_SENTENCE_TITLE,
    };
    let height = form.fields.len() as u16 * 2 + 4;
    let inner = boxed(area, 72, height, title, mode, buf, theme);
    let mut y = inner.y;
    for (index, field) in form.fields.iter().enumerate() {
        if y + 1 >= inner.bottom() {
            break;
        }
        let focused = index == form.focused;
        let label_style = if focused {
            theme.study_heading
        } else {
            theme.dim
        };
        draw_first_line(
            buf,
            Rect::new(inner.x + 1, y, inner.width.saturating_sub(2), 1),
            field.label,
            Direction::Ltr,
            label_style,
            mode,
        );
        draw_field(
            mode,
            field,
            focused,
            Rect::new(inner.x + 1, y + 1, inner.width.saturating_sub(2), 1),
            buf,
            theme,
        );
        y += 2;
    }
    let footer = Rect::new(
        inner.x + 1,
        inner.bottom().saturating_sub(1),
        inner.width.saturating_sub(2),
        1,
    );
    match &form.error {
        Some(error) => draw_first_line(
            buf,
            footer,
            &error.to_string(),
            Direction::Ltr,
            theme.message,
            mode,
        ),
        None => draw_first_line(
            buf,
            footer,
            &strings::form_footer(),
            Direction::Ltr,
            theme.dim,
            mode,
        ),
    };
}

pub fn draw_search(mode: BidiMode, field: &Field, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let inner = boxed(area, 60, 5, strings::SEARCH_TITLE, mode, buf, theme);
    draw_field(
        mode,
        field,
        true,
        Rect::new(inner.x + 1, inner.y, inner.width.saturating_sub(2), 1),
        buf,
        theme,
    );
    let footer = Rect::new(inner.x + 1, inner.y + 2, inner.width.saturating_sub(2), 1);
    draw_first_line(
        buf,
        footer,
        &strings::search_footer(),
        Direction::Ltr,
        theme.dim,
        mode,
    );
}

pub fn draw_confirm(mode: BidiMode, headword: &str, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let inner = boxed(area, 60, 5, " Delete ", mode, buf, theme);
    let question = Rect::new(inner.x + 1, inner.y, inner.width.saturating_sub(2), 1);
    draw_text(
        buf,
        question,
        &strings::confirm_delete(headword),
        Direction::Ltr,
        theme.current,
        mode,
    );
    let footer = Rect::new(inner.x + 1, inner.y + 2, inner.width.saturating_sub(2), 1);
    draw_first_line(
        buf,
        footer,
        &strings::confirm_footer(),
        Direction::Ltr,
        theme.dim,
        mode,
    );
}

/// One field on one row: the line holding the cursor, right-aligned when the
/// text is Arabic, the cursor a reversed cell on the letter after it (or
/// past the end of the text, on the side where the text goes on).
fn draw_field(
    mode: BidiMode,
    field: &Field,
    focused: bool,
    row: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    if row.width < 2 || row.height == 0 {
        return;
    }
    let rtl = field.rtl();
    let direction = if rtl { Direction::Rtl } else { Direction::Ltr };
    let width = row.width - 1; // room for the cursor past the end
    let paragraph = layout_at(&field.text, width, direction, mode);
    let at_end = field.cursor >= field.text.len();
    let (line_index, column) = if at_end {
        (paragraph.lines.len().saturating_sub(1), None)
    } else {
        paragraph
            .locate(field.cursor)
            .map_or((0, None), |(line, column)| (line, Some(column)))
    };
    let line = paragraph.lines.get(line_index);
    let line_width = line.map_or(0, |l| u16::try_from(l.width).unwrap_or(u16::MAX).min(width));
    let x = if rtl { row.right() - line_width } else { row.x };
    if let Some(line) = line {
        draw_line(buf, x, row.y, width, line, mode, |_| theme.translation);
    }
    if focused {
        let caret = match column {
            Some(column) => x + u16::try_from(column).unwrap_or(0),
            None if rtl => x.saturating_sub(1).max(row.x),
            None => (x + line_width).min(row.right() - 1),
        };
        buf.set_style(Rect::new(caret, row.y, 1, 1), theme.cursor_word);
    }
}
