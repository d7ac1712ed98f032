//! Styles, in the 16 named colours every colour terminal has, or with
//! attributes only under `NO_COLOR` (<https://no-color.org>).

use ratatui::style::{Color, Modifier, Style};

use crate::glossary::Status;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// Patched onto a word the learner has no entry for: it stands out most.
    pub unknown: Style,
    /// Patched onto words of status 1 to 5, a graded scale.
    pub levels: [Style; 5],
    /// Keeps the coloured words of other sentences dimmed.
    pub dim_words: Style,
    pub current: Style,
    pub other: Style,
    pub heading: Style,
    pub cursor_word: Style,
    pub current_mark: Style,
    pub border: Style,
    pub border_focused: Style,
    pub status: Style,
    pub status_title: Style,
    pub hint_key: Style,
    pub message: Style,
    pub study_heading: Style,
    pub translation: Style,
    pub note: Style,
    pub missing: Style,
    pub selected: Style,
    pub dim: Style,
}

impl Theme {
    /// The style patched onto a word for what the learner knows of it;
    /// well known and ignored words stay plain.
    pub fn knowledge(&self, status: Option<Status>) -> Style {
        match status {
            None => self.unknown,
            Some(Status::Level(level)) => self.levels[usize::from(level.clamp(1, 5)) - 1],
            Some(Status::WellKnown | Status::Ignored) => Style::new(),
        }
    }

    pub fn new(color: bool) -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let dim = plain.add_modifier(Modifier::DIM);
        if !color {
            let underlined = plain.add_modifier(Modifier::UNDERLINED);
            return Theme {
                unknown: underlined.add_modifier(Modifier::BOLD),
                levels: [underlined, underlined, underlined, underlined, plain],
                dim_words: dim,
                current: bold,
                other: dim,
                heading: bold,
                cursor_word: bold.add_modifier(Modifier::REVERSED),
                current_mark: bold,
                border: dim,
                border_focused: bold,
                status: plain.add_modifier(Modifier::REVERSED),
                status_title: bold.add_modifier(Modifier::REVERSED),
                hint_key: bold.add_modifier(Modifier::REVERSED),
                message: bold.add_modifier(Modifier::REVERSED),
                study_heading: bold,
                translation: plain,
                note: plain,
                missing: dim.add_modifier(Modifier::ITALIC),
                selected: plain.add_modifier(Modifier::REVERSED),
                dim,
            };
        }
        Theme {
            unknown: plain
                .fg(Color::LightBlue)
                .add_modifier(Modifier::UNDERLINED),
            levels: [
                plain.fg(Color::Red),
                plain.fg(Color::LightRed),
                plain.fg(Color::Yellow),
                plain.fg(Color::LightYellow),
                plain.fg(Color::Green),
            ],
            dim_words: plain.add_modifier(Modifier::DIM),
            current: plain.fg(Color::White).add_modifier(Modifier::BOLD),
            other: plain.fg(Color::DarkGray),
            heading: plain.fg(Color::LightYellow).add_modifier(Modifier::BOLD),
            cursor_word: plain.fg(Color::Black).bg(Color::Yellow),
            current_mark: plain.fg(Color::Yellow),
            border: plain.fg(Color::DarkGray),
            border_focused: plain.fg(Color::Cyan),
            status: plain.fg(Color::White).bg(Color::Blue),
            status_title: plain
                .fg(Color::LightYellow)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            hint_key: plain
                .fg(Color::LightCyan)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            message: plain.fg(Color::Black).bg(Color::Yellow),
            study_heading: plain.fg(Color::Cyan),
            translation: plain.fg(Color::White),
            note: plain.fg(Color::Gray),
            missing: plain.fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            selected: plain.fg(Color::Black).bg(Color::Cyan),
            dim: plain.fg(Color::DarkGray),
        }
    }
}
