//! Widgets that only draw: `&App` in, cells of a `Buffer` out. Nothing here
//! changes state; every string goes through the text engine (`text.rs`).

mod form;
mod glossary;
mod help;
mod messages;
mod overlay;
mod reader;
mod review;
mod status;
pub mod strings;
mod text;
mod theme;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Widget};

use crate::app::{App, Focus, Overlay};
use crate::text::Direction;

pub use theme::Theme;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = Theme::new(self.options.palette);
        let screen = &self.screen;
        if screen.too_small || area != screen.area {
            // Also covers a draw before the first resize: say so rather
            // than draw a layout made for another size.
            text::draw_text(
                buf,
                area,
                strings::ENLARGE,
                Direction::Ltr,
                theme.message,
                self.options.bidi,
            );
            return;
        }
        if let Some(glossary) = screen.glossary {
            let inner = pane(
                buf,
                glossary,
                strings::GLOSSARY_TITLE,
                self,
                Focus::Glossary,
                &theme,
            );
            glossary::GlossaryPaneWidget {
                pane: &self.glossary_pane,
                theme: &theme,
                bidi: self.options.bidi,
            }
            .render(inner, buf);
        }
        pane(
            buf,
            screen.reader,
            strings::READER_TITLE,
            self,
            Focus::Reader,
            &theme,
        );
        reader::ReaderPane::of(self, &theme).render(area, buf);
        if let Some(status) = screen.status {
            status::StatusLine::of(self, &theme).render(status, buf);
        }
        let mode = self.options.bidi;
        match &self.overlay {
            Some(Overlay::Help) => help::draw(self, area, buf, &theme),
            Some(Overlay::Messages) => messages::draw(self, area, buf, &theme),
            Some(Overlay::Form(form)) => form::draw_form(mode, form, area, buf, &theme),
            Some(Overlay::Search(field)) => form::draw_search(mode, field, area, buf, &theme),
            Some(Overlay::Review(session)) => review::draw(mode, session, area, buf, &theme),
            Some(Overlay::ConfirmDelete(headword)) => {
                form::draw_confirm(mode, headword, area, buf, &theme);
            }
            None => {}
        }
    }
}

/// Draws a pane's border (when the screen has room for borders) and returns
/// the area inside it.
fn pane(buf: &mut Buffer, area: Rect, title: &str, app: &App, focus: Focus, theme: &Theme) -> Rect {
    if !app.screen.borders {
        return area;
    }
    let focused = app.focus == focus && app.screen.glossary.is_some();
    let style = if focused {
        theme.border_focused
    } else {
        theme.border
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(style);
    let inner = block.inner(area);
    block.render(area, buf);
    let title_area = Rect::new(area.x + 2, area.y, area.width.saturating_sub(4), 1);
    text::draw_first_line(
        buf,
        title_area,
        title,
        Direction::Ltr,
        style,
        app.options.bidi,
    );
    inner
}
