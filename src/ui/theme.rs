//! Styles. Text is drawn in the terminal's own foreground, made prominent
//! with bold, quieter with dim (SGR 2) and highlighted with reverse video,
//! so it reads on a light background as well as on a dark one. Colours are
//! kept for the word statuses, from the 16 named ANSI colours, in a palette
//! for dark backgrounds and one for light ones (each checked for contrast
//! against xterm's, GNOME's and Solarized's colours by
//! `tests/app/theme_contrast.rs`); none under `NO_COLOR`
//! (<https://no-color.org>).
//!
//! Bright white, black and bright black (colour 8) are never used: the
//! first two vanish on one background or the other, and colour 8 is
//! Solarized Dark's background. Arabic words are underlined only under
//! `NO_COLOR`, where nothing else marks them: in kitty, urxvt and others
//! the underline covers the dots below the line (ي reads as ى).

use ratatui::style::{Color, Modifier, Style};

use crate::app::Palette;
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
    /// A word's gloss in the interlinear row (patched with the word's
    /// colour for what the learner knows of it).
    pub gloss: Style,
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

    pub fn new(palette: Palette) -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let dim = plain.add_modifier(Modifier::DIM);
        let reversed = plain.add_modifier(Modifier::REVERSED);
        let underlined = plain.add_modifier(Modifier::UNDERLINED);
        let (unknown, levels) = match palette {
            Palette::Plain => (
                underlined.add_modifier(Modifier::BOLD),
                [underlined, underlined, underlined, underlined, plain],
            ),
            // Red to green through yellow, as in LWT and LUTE; the dark red
            // of GNOME's palette falls under 3:1 on its dark background,
            // so the scale starts at light red.
            Palette::Dark => (
                plain.fg(Color::LightBlue),
                [
                    plain.fg(Color::LightRed),
                    plain.fg(Color::LightMagenta),
                    plain.fg(Color::Yellow),
                    plain.fg(Color::LightYellow),
                    plain.fg(Color::Green),
                ],
            ),
            // On white, the greens, yellows and cyans of xterm's palette
            // fall under 3:1; reds, magentas and blue stay readable
            // everywhere. Learned words (5) stay plain, like well known ones.
            Palette::Light => (
                plain.fg(Color::Blue),
                [
                    plain.fg(Color::Red),
                    plain.fg(Color::LightRed),
                    plain.fg(Color::Magenta),
                    plain.fg(Color::LightMagenta),
                    plain,
                ],
            ),
        };
        Theme {
            unknown,
            levels,
            dim_words: dim,
            current: bold,
            other: dim,
            heading: bold,
            cursor_word: bold.add_modifier(Modifier::REVERSED),
            current_mark: bold,
            border: dim,
            border_focused: bold,
            status: reversed,
            status_title: bold.add_modifier(Modifier::REVERSED),
            hint_key: bold.add_modifier(Modifier::REVERSED),
            message: bold.add_modifier(Modifier::REVERSED),
            study_heading: bold,
            translation: plain,
            gloss: plain,
            note: plain,
            missing: dim.add_modifier(Modifier::ITALIC),
            selected: reversed,
            dim,
        }
    }
}
