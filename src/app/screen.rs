//! Where each part of the screen goes for a given terminal size. Both the
//! app (to scroll and to map clicks) and the widgets (to draw) use this one
//! computation.

use ratatui::layout::Rect;

use crate::text::{Direction, LayoutOptions, Paragraph, layout};

/// The widest text column, in cells: wide terminals keep a readable line.
pub const MAX_TEXT_WIDTH: u16 = 84;
/// Below this many columns the glossary pane is left out.
const MIN_WIDTH_FOR_GLOSSARY: u16 = 72;
/// Panes get borders from this size up.
const MIN_WIDTH_FOR_BORDERS: u16 = 30;
const MIN_HEIGHT_FOR_BORDERS: u16 = 10;
/// Smallest reader that is still worth drawing.
pub const MIN_COLUMNS: u16 = 12;
pub const MIN_ROWS: u16 = 2;
/// The most rows a message takes above the status line (`m` shows the
/// rest).
pub const MAX_MESSAGE_ROWS: u16 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// The computed regions. All are inside the terminal's area.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Screen {
    pub area: Rect,
    /// True when the terminal is too small for the reader.
    pub too_small: bool,
    pub borders: bool,
    /// The glossary pane (outer, with its border), when shown.
    pub glossary: Option<Rect>,
    /// The reader pane (outer, with its border).
    pub reader: Rect,
    /// Inside the reader's border.
    pub reader_inner: Rect,
    /// The last row: title, position and key hints.
    pub status: Option<Rect>,
    /// Rows just above the status line for a message too long for it.
    pub message: Option<Rect>,
}

impl Screen {
    /// The regions for `area`; `message_rows` rows above the status line
    /// for a long message (fewer when the panes would lose their borders or
    /// most of their height).
    pub fn new(area: Rect, glossary_wanted: bool, side: Side, message_rows: u16) -> Screen {
        let mut screen = Screen {
            area,
            ..Screen::default()
        };
        if area.width < MIN_COLUMNS || area.height < MIN_ROWS {
            screen.too_small = true;
            return screen;
        }
        let status = Rect::new(area.x, area.bottom() - 1, area.width, 1);
        let above = area.height - 1;
        let spare = if above >= MIN_HEIGHT_FOR_BORDERS {
            above - MIN_HEIGHT_FOR_BORDERS
        } else {
            above / 3
        };
        let message_rows = message_rows.min(MAX_MESSAGE_ROWS).min(spare);
        let main = Rect::new(area.x, area.y, area.width, above - message_rows);
        screen.status = Some(status);
        screen.message =
            (message_rows > 0).then(|| Rect::new(area.x, main.bottom(), area.width, message_rows));
        screen.borders =
            main.width >= MIN_WIDTH_FOR_BORDERS && main.height >= MIN_HEIGHT_FOR_BORDERS;
        screen.reader = main;
        if glossary_wanted && main.width >= MIN_WIDTH_FOR_GLOSSARY {
            let width = (main.width * 3 / 10).clamp(28, 48);
            let (glossary, reader) = match side {
                Side::Left => (
                    Rect::new(main.x, main.y, width, main.height),
                    Rect::new(main.x + width, main.y, main.width - width, main.height),
                ),
                Side::Right => (
                    Rect::new(main.right() - width, main.y, width, main.height),
                    Rect::new(main.x, main.y, main.width - width, main.height),
                ),
            };
            screen.glossary = Some(glossary);
            screen.reader = reader;
        }
        screen.reader_inner = if screen.borders {
            inner(screen.reader)
        } else {
            screen.reader
        };
        screen
    }
}

/// A message laid out for the rows above the status line of a terminal
/// `width` cells wide (a cell of margin on either side): the app counts its
/// lines, the status line draws them.
pub fn message_layout(text: &str, width: u16, shape: bool) -> Paragraph {
    let options = LayoutOptions {
        width: usize::from(width.saturating_sub(2).max(1)),
        direction: Direction::Ltr,
        shape,
    };
    layout(text, &options)
}

/// The area inside a one-cell border.
pub fn inner(rect: Rect) -> Rect {
    Rect::new(
        rect.x.saturating_add(1),
        rect.y.saturating_add(1),
        rect.width.saturating_sub(2),
        rect.height.saturating_sub(2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_share_the_width_and_leave_the_status_row() {
        let screen = Screen::new(Rect::new(0, 0, 120, 40), true, Side::Left, 0);
        assert_eq!(screen.glossary, Some(Rect::new(0, 0, 36, 39)));
        assert_eq!(screen.reader, Rect::new(36, 0, 84, 39));
        assert_eq!(screen.reader_inner, Rect::new(37, 1, 82, 37));
        assert_eq!(screen.status, Some(Rect::new(0, 39, 120, 1)));
    }

    #[test]
    fn small_terminals_drop_the_glossary_then_the_borders_then_give_up() {
        let screen = Screen::new(Rect::new(0, 0, 60, 20), true, Side::Left, 0);
        assert_eq!((screen.glossary, screen.borders), (None, true));
        let screen = Screen::new(Rect::new(0, 0, 20, 5), true, Side::Left, 0);
        assert_eq!(
            (screen.borders, screen.reader_inner),
            (false, Rect::new(0, 0, 20, 4))
        );
        assert!(Screen::new(Rect::new(0, 0, 1, 1), true, Side::Left, 0).too_small);
    }

    #[test]
    fn a_long_message_takes_rows_above_the_status_line_from_the_panes() {
        let screen = Screen::new(Rect::new(0, 0, 80, 24), true, Side::Left, 2);
        assert_eq!(screen.message, Some(Rect::new(0, 21, 80, 2)));
        assert_eq!(screen.reader.bottom(), 21);
        assert_eq!(screen.status, Some(Rect::new(0, 23, 80, 1)));
        // At most three rows, and never the panes' borders.
        let screen = Screen::new(Rect::new(0, 0, 80, 24), true, Side::Left, 9);
        assert_eq!(screen.message.map(|m| m.height), Some(MAX_MESSAGE_ROWS));
        let screen = Screen::new(Rect::new(0, 0, 80, 12), true, Side::Left, 3);
        assert_eq!(screen.message.map(|m| m.height), Some(1));
        assert!(screen.borders);
    }
}
