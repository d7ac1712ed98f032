//! The status line: the article's title, the position, the modes that are
//! on (a selection, speech, drafting), then a message or the key hints (from the key
//! table, so they never disagree with it).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::app::keys::keys_for;
use crate::app::{App, BidiMode, Modes};
use crate::glossary::Stats;
use crate::text::Direction;

use super::strings;
use crate::app::screen::message_layout;

use super::text::{draw_first_line, draw_line, width_of};
use super::theme::Theme;

/// The status line's widget.
pub struct StatusLine<'a> {
    pub title: &'a str,
    /// Index of the current sentence, and how many there are.
    pub sentence: usize,
    pub count: usize,
    pub message: Option<String>,
    /// The article's words by what the learner knows of them.
    pub stats: Option<&'a Stats>,
    /// The modes that are on (a selection, speech, drafting).
    pub modes: Modes,
    /// The rows above the status line the screen keeps for a message too
    /// long for it.
    pub message_area: Option<Rect>,
    pub theme: &'a Theme,
    pub bidi: BidiMode,
}

impl<'a> StatusLine<'a> {
    pub fn of(app: &'a App, theme: &'a Theme) -> Self {
        StatusLine {
            title: app.article.title(),
            sentence: app.sentence,
            count: app.article.sentences.len(),
            message: app.message.as_ref().map(ToString::to_string),
            stats: app.stats.as_ref(),
            modes: app.modes(),
            message_area: app.screen.message,
            theme,
            bidi: app.options.bidi,
        }
    }
}

impl Widget for StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        draw(&self, area, buf);
    }
}

fn draw(status: &StatusLine, area: Rect, buf: &mut Buffer) {
    let theme = status.theme;
    buf.set_style(area, theme.status);
    let mode = status.bidi;
    let mut x = area.x + 1;
    let room = |x: u16| Rect::new(x, area.y, area.right().saturating_sub(x), 1);

    // The position matters most, then a message, then the title, then
    // the hints.
    let (sentence, count) = (status.sentence, status.count);
    let mut parts = strings::status_prefix(sentence, count, status.modes, area.width).into_iter();
    let position = parts.next().unwrap_or_default();
    // A mode that is on shows whatever else is said: keys act on it.
    let markers: Vec<String> = parts.collect();
    match (&status.message, status.message_area) {
        // A long message has rows of its own above the status line.
        (Some(message), Some(rows)) => draw_message(buf, rows, message, theme, mode),
        (Some(message), None) => {
            x += draw_first_line(buf, room(x), &position, Direction::Ltr, theme.status, mode) + 2;
            for marker in &markers {
                x += draw_first_line(
                    buf,
                    room(x),
                    marker,
                    Direction::Ltr,
                    theme.status_title,
                    mode,
                );
                x += 2;
            }
            let cells = room(x);
            buf.set_style(cells, theme.message);
            draw_first_line(buf, cells, message, Direction::Ltr, theme.message, mode);
            return;
        }
        (None, _) => {}
    }
    let title_width = (area.width / 3).min(area.width.saturating_sub(width_of(&position) + 4));
    if title_width >= 6 {
        let title_room = Rect {
            width: title_width,
            ..room(x)
        };
        let title = status.title;
        x += draw_first_line(
            buf,
            title_room,
            title,
            Direction::Auto,
            theme.status_title,
            mode,
        );
        x += 2;
    }
    x += draw_first_line(buf, room(x), &position, Direction::Ltr, theme.status, mode);
    x += 1;
    for marker in &markers {
        x += 1;
        x += draw_first_line(
            buf,
            room(x),
            marker,
            Direction::Ltr,
            theme.status_title,
            mode,
        );
        x += 1;
    }
    if let Some(stats) = status.stats {
        let share = strings::known_share(&stats.tokens);
        if x + width_of(&share) + 2 < area.right() {
            x += 1;
            x += draw_first_line(buf, room(x), &share, Direction::Ltr, theme.status, mode);
            x += 1;
        }
    }
    let separator_x = x;
    x += 2;
    let mut any = false;
    for (actions, name) in strings::HINTS {
        let keys: Vec<String> = actions
            .iter()
            .filter_map(|action| keys_for(*action).first().map(|k| k.label()))
            .collect();
        let keys = keys.join("/");
        let hint_width = width_of(&keys) + 1 + width_of(name);
        if x + hint_width > area.right() {
            break;
        }
        x += draw_first_line(buf, room(x), &keys, Direction::Ltr, theme.hint_key, mode) + 1;
        x += draw_first_line(buf, room(x), name, Direction::Ltr, theme.status, mode) + 2;
        any = true;
    }
    if any {
        buf.set_string(separator_x, area.y, "│", theme.status);
    }
}

/// A long message on the rows the screen keeps for it above the status
/// line, laid out as the app counted it; one cut short says that `m` shows
/// it whole.
fn draw_message(buf: &mut Buffer, rows: Rect, message: &str, theme: &Theme, mode: BidiMode) {
    if rows.is_empty() {
        return;
    }
    buf.set_style(rows, theme.message);
    let paragraph = message_layout(message, rows.width, mode == BidiMode::App);
    let width = rows.width.saturating_sub(2);
    for (line, y) in paragraph.lines.iter().zip(rows.top()..rows.bottom()) {
        draw_line(buf, rows.x + 1, y, width, line, mode, |_| theme.message);
    }
    if paragraph.lines.len() > usize::from(rows.height) {
        let cut = strings::message_cut();
        let cut_width = width_of(&cut).min(width);
        let y = rows.bottom() - 1;
        let cells = Rect::new(rows.x + 1 + width - cut_width, y, cut_width, 1);
        buf.set_style(cells, theme.message);
        for x in cells.left()..cells.right() {
            buf[(x, y)].set_symbol(" ");
        }
        draw_first_line(buf, cells, &cut, Direction::Ltr, theme.message, mode);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Palette;

    fn row(status: StatusLine, width: u16) -> String {
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        status.render(area, &mut buf);
        buf.content.iter().map(|c| c.symbol()).collect()
    }

    #[test]
    fn the_position_comes_first_then_a_message_or_the_title_and_hints() {
        let theme = Theme::new(Palette::Dark);
        let line = |message| StatusLine {
            title: "A title",
            sentence: 2,
            count: 24,
            message,
            stats: None,
            modes: Modes::default(),
            message_area: None,
            theme: &theme,
            bidi: BidiMode::App,
        };
        let plain = row(line(None), 80);
        assert!(plain.starts_with(" A title  "), "{plain:?}");
        assert!(plain.contains(&strings::position(2, 24)), "{plain:?}");
        let said = row(line(Some("Saved".to_owned())), 80);
        assert!(
            !said.contains("A title"),
            "a message takes the title's place: {said:?}"
        );
        assert!(said.contains("Saved"), "{said:?}");
    }

    #[test]
    fn a_selection_speech_and_drafting_are_marked_even_beside_a_message() {
        let theme = Theme::new(Palette::Dark);
        let line = |selecting, speaking, message: Option<&str>| StatusLine {
            title: "A title",
            sentence: 2,
            count: 24,
            message: message.map(str::to_owned),
            stats: None,
            modes: Modes {
                selecting,
                speaking,
                drafting: None,
            },
            message_area: None,
            theme: &theme,
            bidi: BidiMode::App,
        };
        let off = row(line(false, false, None), 100);
        assert!(
            !off.contains("[selecting") && !off.contains("[speaking"),
            "{off:?}"
        );
        let both = row(line(true, true, None), 100);
        assert!(both.contains("[selecting: v ends]"), "{both:?}");
        assert!(both.contains("[speaking: S stops]"), "{both:?}");
        let said = row(line(true, false, Some("Saved")), 100);
        assert!(
            said.contains("[selecting: v ends]") && said.contains("Saved"),
            "{said:?}"
        );
        let mut drafting = line(false, false, Some("Saved"));
        drafting.modes.drafting = Some((16, 29));
        let drafting = row(drafting, 100);
        assert!(
            drafting.contains("[drafting 16/29]") && drafting.contains("Saved"),
            "{drafting:?}"
        );
    }
}
