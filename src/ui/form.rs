//! The overlays that take typing: the entry form, the search prompt, and
//! the delete confirmation. Fields are drawn through the engine, Arabic
//! right-aligned, with a block cursor where the next letter goes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{BidiMode, Field, Form, FormKind};
use crate::text::Direction;

use super::overlay::boxed;
use super::strings;
use crate::text::{LayoutOptions, layout};

use super::text::{draw_first_line, draw_line, draw_text, layout_at};
use super::theme::Theme;

/// The form's widest.
const FORM_WIDTH: u16 = 72;
/// The search prompt's and the confirmation's widest.
const PROMPT_WIDTH: u16 = 60;

/// The width of the text inside a box `width` cells wide on `area` (its
/// border and a cell of margin on either side).
fn text_width_in(area: Rect, width: u16) -> u16 {
    width.min(area.width).saturating_sub(4).max(1)
}

/// Rows `text` takes wrapped at `width`.
fn rows_of(text: &str, width: u16, mode: BidiMode) -> u16 {
    let lines = layout_at(text, width, Direction::Ltr, mode).lines.len();
    u16::try_from(lines.max(1)).unwrap_or(u16::MAX)
}

pub fn draw_form(mode: BidiMode, form: &Form, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let title = match form.kind {
        FormKind::Add => strings::FORM_ADD_TITLE,
        FormKind::Edit { .. } => strings::FORM_EDIT_TITLE,
        FormKind::Sentence { .. } => strings::FORM_SENTENCE_TITLE,
    };
    // The hint, or why the last Enter was refused, wrapped: never cut.
    let (footer, footer_style) = match &form.error {
        Some(error) => (error.to_string(), theme.message),
        None if matches!(form.kind, FormKind::Sentence { .. }) => {
            (strings::sentence_form_footer(), theme.dim)
        }
        None => (strings::form_footer(), theme.dim),
    };
    let text_width = text_width_in(area, FORM_WIDTH);
    let footer_rows = rows_of(&footer, text_width, mode);
    // Borders, two rows a field, a blank row, the footer.
    let height = form.fields.len() as u16 * 2 + 3 + footer_rows;
    let inner = boxed(area, FORM_WIDTH, height, title, mode, buf, theme);
    let footer_rows = footer_rows.min(inner.height);
    let fields_bottom = inner.bottom() - footer_rows;
    let mut y = inner.y;
    for (index, field) in form.fields.iter().enumerate() {
        if y + 1 >= fields_bottom {
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
    let footer_area = Rect::new(
        inner.x + 1,
        fields_bottom,
        inner.width.saturating_sub(2),
        footer_rows,
    );
    draw_text(
        buf,
        footer_area,
        &footer,
        Direction::Ltr,
        footer_style,
        mode,
    );
}

pub fn draw_search(mode: BidiMode, field: &Field, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let footer = strings::search_footer();
    let footer_rows = rows_of(&footer, text_width_in(area, PROMPT_WIDTH), mode);
    // Borders, the field, a blank row, the footer.
    let height = 4 + footer_rows;
    let inner = boxed(
        area,
        PROMPT_WIDTH,
        height,
        strings::SEARCH_TITLE,
        mode,
        buf,
        theme,
    );
    draw_field(
        mode,
        field,
        true,
        Rect::new(inner.x + 1, inner.y, inner.width.saturating_sub(2), 1),
        buf,
        theme,
    );
    let footer_area = Rect::new(
        inner.x + 1,
        inner.y + 2,
        inner.width.saturating_sub(2),
        inner.height.saturating_sub(2),
    );
    draw_text(buf, footer_area, &footer, Direction::Ltr, theme.dim, mode);
}

pub fn draw_confirm(mode: BidiMode, headword: &str, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let inner = boxed(area, PROMPT_WIDTH, 5, " Delete ", mode, buf, theme);
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

/// One field on one row, scrolled sideways to keep the cursor in view: the
/// text laid out on one line, right-aligned when it is Arabic, the cursor a
/// reversed cell on the letter after it (or past the end of the text, on
/// the side where the text goes on), `…` at an edge where more is hidden.
/// A selected text is drawn reversed.
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
    let options = LayoutOptions {
        width: usize::MAX,
        direction,
        shape: mode == BidiMode::App,
    };
    let paragraph = layout(&field.text, &options);
    let line = paragraph.lines.first();
    let total = line.map_or(0, |l| l.width);
    // Visual columns with one more cell for the cursor past the end: left
    // of Arabic, right of Latin.
    let pad = usize::from(rtl);
    let past_end = if rtl { 0 } else { total };
    let caret = match paragraph.locate(field.cursor) {
        Some((_, column)) if field.cursor < field.text.len() => column + pad,
        _ => past_end,
    };
    let room = usize::from(row.width);
    let cells = total + 1;
    let offset = if cells <= room {
        0
    } else if rtl {
        caret.min(cells - room)
    } else {
        caret.saturating_sub(room - 1)
    };
    let left = if cells <= room && rtl {
        row.x + u16::try_from(room - cells).unwrap_or(0)
    } else {
        row.x
    };
    let style = if field.selected && focused {
        theme.cursor_word
    } else {
        theme.translation
    };
    if let Some(line) = line {
        let mut shown = line.clone();
        shown
            .clusters
            .retain(|c| c.column + pad >= offset && c.column + pad + c.width <= offset + room);
        for cluster in &mut shown.clusters {
            cluster.column = cluster.column + pad - offset;
        }
        draw_line(buf, left, row.y, row.width, &shown, mode, |_| style);
    }
    let caret_x = left + u16::try_from(caret - offset).unwrap_or(0);
    if offset > 0 && caret_x != row.x {
        buf.set_string(row.x, row.y, strings::MORE, theme.dim);
    }
    if offset + room < cells && caret_x + 1 != row.right() {
        buf.set_string(row.right() - 1, row.y, strings::MORE, theme.dim);
    }
    if focused {
        buf.set_style(Rect::new(caret_x, row.y, 1, 1), theme.cursor_word);
    }
}
