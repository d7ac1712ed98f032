//! Every string the interface shows, in one place.

use crate::app::Action;

pub const READER_TITLE: &str = " Reader ";
pub const GLOSSARY_TITLE: &str = " Glossary ";
pub const GLOSSARY_HEADER: &str = "Words of this sentence, × times in the article";
pub const HELP_TITLE: &str = " Keys ";
pub const HELP_FOOTER: &str = "Mouse: click a word to put the cursor on it; the wheel moves between sentences. Esc or ? closes this help.";
pub const TRANSLATION_HEADING: &str = "Translation";
pub const NOTES_HEADING: &str = "Notes";
pub const ENLARGE: &str = "Enlarge the terminal";
pub const CURRENT_MARK: &str = "▌";
pub const SELECTED_MARK: &str = "▸ ";
pub const MORE: &str = "…";

/// The help's sections: heading, and whether it lists the bindings of
/// that scope.
pub const HELP_SECTIONS: &[(&str, crate::app::keys::Scope)] = &[
    ("In the reader", crate::app::keys::Scope::Reader),
    ("In the glossary pane", crate::app::keys::Scope::Glossary),
    ("Anywhere", crate::app::keys::Scope::Global),
];

/// The status line's key hints: the actions, joined keys, and a short name.
pub const HINTS: &[(&[Action], &str)] = &[
    (
        &[Action::NextSentence, Action::PreviousSentence],
        "sentence",
    ),
    (&[Action::WordLeft, Action::WordRight], "word"),
    (&[Action::ToggleTranslation], "translation"),
    (&[Action::ToggleNotes], "notes"),
    (&[Action::ToggleHelp], "help"),
    (&[Action::Quit], "quit"),
    (&[Action::SwitchFocus], "pane"),
    (&[Action::StudyDown, Action::StudyUp], "scroll notes"),
];

pub fn position(sentence: usize, count: usize) -> String {
    format!("sentence {}/{}", sentence + 1, count)
}

/// The position where `position` does not fit.
pub fn short_position(sentence: usize, count: usize) -> String {
    format!("{}/{}", sentence + 1, count)
}

pub fn more_lines(count: usize) -> String {
    let s = if count == 1 { "" } else { "s" };
    format!("{MORE} {count} more line{s} (J/PageDown)")
}

pub fn word_count(count: usize) -> String {
    format!("×{count}")
}

/// What an action does, as the help overlay says it.
pub fn describe(action: Action) -> &'static str {
    match action {
        Action::NextSentence => "next sentence",
        Action::PreviousSentence => "previous sentence",
        Action::FirstSentence => "first sentence",
        Action::LastSentence => "last sentence",
        Action::WordLeft => "word cursor one word left on screen",
        Action::WordRight => "word cursor one word right on screen",
        Action::NextWord => "next word in reading order",
        Action::PreviousWord => "previous word in reading order",
        Action::ToggleTranslation => "show / hide this sentence's translation",
        Action::ToggleAlwaysTranslation => "translations always shown / hidden",
        Action::ToggleNotes => "show / hide this sentence's notes",
        Action::ToggleAlwaysNotes => "notes always shown / hidden",
        Action::StudyDown => "scroll the translation and notes down",
        Action::StudyUp => "scroll the translation and notes up",
        Action::SwitchFocus => "move focus between reader and glossary",
        Action::GlossaryDown => "next glossary line",
        Action::GlossaryUp => "previous glossary line",
        Action::ToggleGlossaryPane => "show / hide the glossary pane",
        Action::SwapGlossarySide => "glossary pane to the other side",
        Action::ToggleHelp => "this help",
        Action::Back => "close the help, else quit",
        Action::Quit => "quit (the position is saved)",
        Action::Resize { .. } => "resize",
        Action::Click { .. } => "click",
    }
}
