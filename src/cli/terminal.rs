//! The terminal around the reader: which emulator it is (from the
//! environment), how to switch its own bidi off, which palette suits its
//! background, and the set-up and restore of the screen, in an order that
//! bidi-aware terminals honour, on every way out (a panic included).
//!
//! SIGTERM, SIGHUP and SIGINT end the reader as `q` does, Ctrl-Z and
//! SIGTSTP suspend it with the terminal restored ([`Signals`], [`suspend`]).
//! Bracketed paste is on, so that a paste reaches the reader as text, not
//! as keys.
//!
//! Order matters for VTE (GNOME Terminal, Tilix, xfce4-terminal…): it
//! applies BDSM to the rows made after the change, so `CSI 8 l` must come
//! before `CSI ?1049h` creates the alternate screen's rows. Restoring runs
//! the set-up backwards.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};

use ratatui::DefaultTerminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, MoveTo, Show};
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    self, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::crossterm::{execute, style::Print};

use crate::app::{Action, BidiMode, Msg, Palette};
use crate::config::Theme;
use crate::ui::strings;

use super::Error;

/// ECMA-48 BDSM, "explicit" mode: a bidi-aware terminal must not reorder
/// what qari already reordered.
const BIDI_EXPLICIT: &str = "\x1b[8l";
/// BDSM "implicit" mode, the terminal's default, restored at exit.
const BIDI_IMPLICIT: &str = "\x1b[8h";
/// mlterm ignores BDSM but takes its own setting for complex text layout
/// (its bidi and shaping).
const MLTERM_CTL_OFF: &str = "\x1b]5379;use_ctl=false\x1b\\";
const MLTERM_CTL_ON: &str = "\x1b]5379;use_ctl=true\x1b\\";

/// The emulators qari knows something about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emulator {
    /// GNOME Terminal, Tilix, Terminator, xfce4-terminal…: honour BDSM.
    Vte,
    /// Reverses right-to-left runs unless `force_ltr yes`; ignores BDSM.
    Kitty,
    /// Reorders rows unless its profile's bidi rendering is off.
    Konsole,
    /// Reorders and shapes; switched off by its own OSC 5379.
    Mlterm,
    /// Shows cells as sent: right for `--bidi app`, wrong for `terminal`.
    Plain,
    /// Inside tmux or screen: the variables may describe the terminal the
    /// multiplexer was started from, not the one showing it now.
    Multiplexed,
    Unknown,
}

impl Emulator {
    /// Tells the emulator from the environment (`var` looks a variable up).
    pub fn detect(var: impl Fn(&str) -> Option<String>) -> Emulator {
        let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
        let term = var("TERM").unwrap_or_default();
        if set("TMUX") || set("STY") || term.starts_with("screen") || term.starts_with("tmux") {
            return Emulator::Multiplexed;
        }
        if set("KITTY_WINDOW_ID") || term == "xterm-kitty" {
            Emulator::Kitty
        } else if set("KONSOLE_VERSION") {
            Emulator::Konsole
        } else if set("MLTERM") || term.starts_with("mlterm") {
            Emulator::Mlterm
        } else if set("VTE_VERSION") {
            Emulator::Vte
        } else if set("XTERM_VERSION")
            || set("ALACRITTY_WINDOW_ID")
            || term == "alacritty"
            || term.starts_with("st-")
            || term.starts_with("rxvt")
            || term == "foot"
            || term == "linux"
        {
            Emulator::Plain
        } else {
            Emulator::Unknown
        }
    }

    /// What to tell the learner once at start, when the terminal will
    /// undo qari's work and qari cannot switch that off itself. Never said
    /// inside a multiplexer, where the guess could be wrong.
    pub fn hint(self, bidi: BidiMode) -> Option<&'static str> {
        match (self, bidi) {
            (Emulator::Kitty, BidiMode::App) => Some(strings::HINT_KITTY),
            (Emulator::Konsole, BidiMode::App) => Some(strings::HINT_KONSOLE),
            (Emulator::Kitty | Emulator::Plain, BidiMode::Terminal) => {
                Some(strings::HINT_NO_TERMINAL_BIDI)
            }
            (Emulator::Mlterm, BidiMode::Terminal) => Some(strings::HINT_MLTERM_TERMINAL_BIDI),
            _ => None,
        }
    }
}

/// The palette: none under `NO_COLOR`, else the theme asked for, else the
/// one for the background the terminal reports (OSC 11), else
/// `COLORFGBG`'s, else dark.
pub fn palette(theme: Theme, var: impl Fn(&str) -> Option<String>) -> Palette {
    if var("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return Palette::Plain;
    }
    match theme {
        Theme::Dark => Palette::Dark,
        Theme::Light => Palette::Light,
        Theme::Auto => queried_background()
            .or_else(|| var("COLORFGBG").and_then(|v| palette_from_colorfgbg(&v)))
            .unwrap_or(Palette::Dark),
    }
}

/// Asks the terminal for its colours. A terminal that does not answer
/// OSC 11 is found out at once by its answer to the device attributes
/// query sent after it; the timeout (1 s) is only for slow links, long
/// enough that a late answer does not reach the event loop as keys.
fn queried_background() -> Option<Palette> {
    let options = terminal_colorsaurus::QueryOptions::default();
    match terminal_colorsaurus::theme_mode(options).ok()? {
        terminal_colorsaurus::ThemeMode::Dark => Some(Palette::Dark),
        terminal_colorsaurus::ThemeMode::Light => Some(Palette::Light),
    }
}

/// rxvt's and Konsole's `COLORFGBG="fg;bg"` (or `"fg;default;bg"`): the
/// last field is the background's colour number; 7 and 9–15 are light.
fn palette_from_colorfgbg(value: &str) -> Option<Palette> {
    let background: u8 = value.rsplit(';').next()?.trim().parse().ok()?;
    Some(match background {
        7 | 9..=15 => Palette::Light,
        _ => Palette::Dark,
    })
}

/// Whether the terminal's modes are qari's now, so restoring happens once
/// whichever way out comes first.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// What was changed at set-up, to undo at restore.
#[derive(Debug, Clone, Copy)]
pub struct Modes {
    pub bidi: BidiMode,
    pub emulator: Emulator,
}

impl Modes {
    fn mlterm_ctl_off(self) -> bool {
        self.bidi == BidiMode::App && self.emulator == Emulator::Mlterm
    }
}

/// Runs `body` in the alternate screen with raw mode and mouse capture,
/// restoring the terminal afterwards, on errors and on panics too (before
/// the panic message is printed, so that it stays on the main screen).
pub fn with_terminal<T>(
    modes: Modes,
    body: impl FnOnce(&mut DefaultTerminal) -> Result<T, Error>,
) -> Result<T, Error> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = restore(modes);
        previous(info);
    }));
    let result = set_up(modes).and_then(|mut terminal| body(&mut terminal));
    let restored = restore(modes);
    let value = result?;
    restored.map_err(|e| Error::while_("cannot restore the terminal", e))?;
    Ok(value)
}

fn set_up(modes: Modes) -> Result<DefaultTerminal, Error> {
    enter(modes)?;
    Ok(ratatui::Terminal::new(CrosstermBackend::new(io::stdout()))?)
}

/// Puts the terminal in qari's modes (see the module's header for the order).
fn enter(modes: Modes) -> Result<(), Error> {
    ACTIVE.store(true, Ordering::SeqCst);
    terminal::enable_raw_mode().map_err(|e| Error::while_("cannot set up the terminal", e))?;
    let mut out = io::stdout();
    if modes.bidi == BidiMode::App {
        execute!(out, Print(BIDI_EXPLICIT))?;
    }
    if modes.mlterm_ctl_off() {
        execute!(out, Print(MLTERM_CTL_OFF))?;
    }
    execute!(
        out,
        EnterAlternateScreen,
        Clear(ClearType::All),
        MoveTo(0, 0),
        Hide,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    Ok(())
}

/// Ctrl-Z, or a SIGTSTP from outside: the terminal restored, the process
/// stopped as the shell expects; on `fg` (SIGCONT) qari's modes come back
/// and the whole screen is drawn again.
pub fn suspend(modes: Modes, terminal: &mut DefaultTerminal) -> Result<(), Error> {
    restore(modes).map_err(|e| Error::while_("cannot restore the terminal", e))?;
    // SIGTSTP's own action, stopping the process, whatever handler is set.
    signal_hook::low_level::emulate_default_handler(SIGTSTP)
        .map_err(|e| Error::while_("cannot suspend", e))?;
    enter(modes)?;
    repaint_everything(terminal);
    Ok(())
}

/// Makes the next draw send every cell, not only the changed ones: after
/// a suspend, and in `--bidi terminal` at every frame (a terminal that
/// reorders lays out each row as a whole; Konsole laid out a row rewritten
/// in part differently from one written whole, and kept stale letters in
/// cells ratatui skipped as unchanged blanks). The previous frame's buffer,
/// which the next draw is compared with, is filled with a symbol no frame
/// holds; there is no clear, so no flicker.
pub fn repaint_everything(terminal: &mut DefaultTerminal) {
    for cell in &mut terminal.current_buffer_mut().content {
        cell.set_symbol(NEVER_DRAWN);
    }
    // The buffer just filled becomes the one compared against.
    terminal.swap_buffers();
}

/// A noncharacter: never part of a frame.
const NEVER_DRAWN: &str = "\u{FFFF}";

/// Turns the signals that end or pause the reader from outside into the
/// actions that do it from inside, sent to the event loop from a thread of
/// their own: SIGTERM, SIGHUP and SIGINT quit as `q` does (terminal
/// restored, position saved); SIGTSTP (`kill -TSTP`) suspends as Ctrl-Z
/// does.
pub fn forward_signals(to: Sender<Msg>) -> Result<(), Error> {
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP])
        .map_err(|e| Error::while_("cannot handle signals", e))?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            let action = if signal == SIGTSTP {
                Action::Suspend
            } else {
                Action::Quit
            };
            if to.send(Msg::Action(action)).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// Undoes `set_up` in reverse order; does nothing the second time.
fn restore(modes: Modes) -> io::Result<()> {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    let mut out = io::stdout();
    let written = (|| {
        execute!(
            out,
            DisableBracketedPaste,
            DisableMouseCapture,
            Show,
            LeaveAlternateScreen
        )?;
        if modes.mlterm_ctl_off() {
            execute!(out, Print(MLTERM_CTL_ON))?;
        }
        if modes.bidi == BidiMode::App {
            execute!(out, Print(BIDI_IMPLICIT))?;
        }
        out.flush()
    })();
    let raw = terminal::disable_raw_mode();
    written.and(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn emulators_are_told_apart_by_their_variables() {
        let cases: &[(&[(&str, &str)], Emulator)] = &[
            (&[("TERM", "xterm-kitty")], Emulator::Kitty),
            (
                &[("TERM", "xterm-256color"), ("KITTY_WINDOW_ID", "1")],
                Emulator::Kitty,
            ),
            (
                &[("TERM", "xterm-256color"), ("KONSOLE_VERSION", "221203")],
                Emulator::Konsole,
            ),
            (&[("TERM", "mlterm"), ("MLTERM", "3.9.0")], Emulator::Mlterm),
            (
                &[("TERM", "xterm-256color"), ("VTE_VERSION", "7006")],
                Emulator::Vte,
            ),
            (
                &[("TERM", "xterm"), ("XTERM_VERSION", "XTerm(379)")],
                Emulator::Plain,
            ),
            (&[("TERM", "xterm-256color")], Emulator::Unknown),
            // A kitty variable inherited by tmux says nothing of the
            // terminal showing tmux now.
            (
                &[
                    ("TERM", "tmux-256color"),
                    ("TMUX", "/tmp/tmux-0/default,1,0"),
                    ("KITTY_WINDOW_ID", "1"),
                ],
                Emulator::Multiplexed,
            ),
            (
                &[
                    ("TERM", "screen"),
                    ("STY", "1.pts-0"),
                    ("KONSOLE_VERSION", "1"),
                ],
                Emulator::Multiplexed,
            ),
            // An empty variable is no variable.
            (
                &[("TERM", "xterm"), ("KITTY_WINDOW_ID", "")],
                Emulator::Unknown,
            ),
        ];
        for (vars, expected) in cases {
            assert_eq!(Emulator::detect(env(vars)), *expected, "{vars:?}");
        }
    }

    #[test]
    fn hints_only_where_the_terminal_undoes_qaris_work() {
        assert_eq!(
            Emulator::Kitty.hint(BidiMode::App),
            Some(strings::HINT_KITTY)
        );
        assert_eq!(
            Emulator::Konsole.hint(BidiMode::App),
            Some(strings::HINT_KONSOLE)
        );
        // qari switches these off itself, or they show cells as sent.
        for quiet in [
            Emulator::Vte,
            Emulator::Mlterm,
            Emulator::Plain,
            Emulator::Multiplexed,
            Emulator::Unknown,
        ] {
            assert_eq!(quiet.hint(BidiMode::App), None, "{quiet:?}");
        }
        assert_eq!(Emulator::Multiplexed.hint(BidiMode::Terminal), None);
        assert_eq!(
            Emulator::Mlterm.hint(BidiMode::Terminal),
            Some(strings::HINT_MLTERM_TERMINAL_BIDI)
        );
        assert_eq!(
            Emulator::Plain.hint(BidiMode::Terminal),
            Some(strings::HINT_NO_TERMINAL_BIDI)
        );
    }

    #[test]
    fn no_color_wins_then_the_theme_asked_for() {
        assert_eq!(
            palette(Theme::Light, env(&[("NO_COLOR", "1")])),
            Palette::Plain
        );
        assert_eq!(
            palette(Theme::Light, env(&[("NO_COLOR", "")])),
            Palette::Light
        );
        assert_eq!(palette(Theme::Dark, env(&[])), Palette::Dark);
    }

    #[test]
    fn colorfgbg_gives_the_background() {
        assert_eq!(palette_from_colorfgbg("0;15"), Some(Palette::Light));
        assert_eq!(palette_from_colorfgbg("15;0"), Some(Palette::Dark));
        assert_eq!(palette_from_colorfgbg("0;default;7"), Some(Palette::Light));
        assert_eq!(palette_from_colorfgbg("12;8"), Some(Palette::Dark));
        assert_eq!(palette_from_colorfgbg("default"), None);
        assert_eq!(palette_from_colorfgbg(""), None);
    }
}
