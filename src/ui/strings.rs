//! Every string the interface shows, in one place.

use crate::app::Action;
use crate::glossary::{Counts, Grade, Status};

pub const READER_TITLE: &str = " Reader ";
pub const GLOSSARY_TITLE: &str = " Glossary ";

pub const HELP_TITLE: &str = " Keys ";
pub const HELP_FOOTER: &str =
    "Mouse: click a word to put the cursor on it; the wheel moves between sentences.";
/// Added to the help's footer when the help does not fit on the screen.
pub const HELP_FOOTER_SCROLL: &str = "j/k scroll this help; Esc or ? closes it.";
pub const TRANSLATION_HEADING: &str = "Translation";
pub const NOTES_HEADING: &str = "Notes";
pub const ENLARGE: &str = "Enlarge the terminal";
pub const CURRENT_MARK: &str = "▌";
pub const SELECTED_MARK: &str = "▸ ";
pub const MORE: &str = "…";

/// Said once at start where the terminal undoes qari's bidi and qari
/// cannot switch that off itself (README: "Terminals").
pub const HINT_KITTY: &str =
    "kitty: if Arabic words look mirrored, put `force_ltr yes` in kitty.conf and restart kitty";
pub const HINT_KONSOLE: &str = "Konsole: if Arabic looks reversed, untick Bi-Directional text rendering (Edit Current Profile → Advanced)";
pub const HINT_MLTERM_TERMINAL_BIDI: &str = "mlterm needs no --bidi terminal: without it qari switches mlterm's own bidi off, and lines line up (mlterm gives bidi controls a cell each)";
pub const HINT_NO_TERMINAL_BIDI: &str =
    "this terminal does not reorder Arabic itself: run qari without --bidi terminal";

/// The help's sections: heading, and whether it lists the bindings of
/// that scope.
pub const HELP_SECTIONS: &[(&str, crate::app::keys::Scope)] = &[
    ("In the reader", crate::app::keys::Scope::Reader),
    ("In the glossary pane", crate::app::keys::Scope::Glossary),
    ("Anywhere", crate::app::keys::Scope::Global),
    (
        "In the entry form and the search prompt",
        crate::app::keys::Scope::Editing,
    ),
    ("When asked to confirm", crate::app::keys::Scope::Confirm),
    ("In a review", crate::app::keys::Scope::Reviewing),
    ("In this help", crate::app::keys::Scope::Help),
];

pub const FORM_ADD_TITLE: &str = " New glossary entry ";
pub const FORM_EDIT_TITLE: &str = " Edit glossary entry ";
pub const FORM_SENTENCE_TITLE: &str = " Translation and notes of this sentence ";
pub const FORM_FOOTER: &str =
    "Enter saves · Esc cancels · Tab next field · glosses: separate with ;";
pub const SEARCH_TITLE: &str = " Search the glossary ";
pub const SEARCH_FOOTER: &str =
    "Enter searches (Arabic: headwords; English: glosses) · Esc cancels";
pub const CONFIRM_FOOTER: &str = "y deletes · n or Esc keeps it";
pub const NO_ENTRY: &str = "No glossary entry yet. a adds one.";
pub const MATCHED: &str = "matched";
pub const IN_SENTENCE: &str = "Also in this sentence";
pub const YOURS: &str = "your glossary";
pub const BUNDLED: &str = "bundled";

/// What the pane says about a numeral of the text.
pub fn numeral(number: &crate::glossary::Numeral) -> String {
    let value = &number.western;
    let prefix = match number.prefix {
        Some('و') => "و ‘and’ + ",
        Some('ف') => "ف ‘so’ + ",
        Some('ب') => "ب ‘with, in’ + ",
        Some('ل') => "ل ‘for, to’ + ",
        Some('ك') => "ك ‘like, as’ + ",
        _ => "",
    };
    format!(
        "{prefix}the number {value} (in Arabic-Indic digits {}); digits read left to right inside Arabic text",
        number.eastern
    )
}

pub const REVIEW_TITLE: &str = " Review ";
pub const REVIEW_KEYS_HIDDEN: &str =
    "Space shows the answer · 1 again · 2 hard · 3 good · 4 easy · s listen · q leaves";
pub const REVIEW_DONE: &str = "Nothing more is due. q returns to the reader.";
pub const REVIEW_NO_SENTENCE: &str = "(no sentence recorded for this entry)";

pub fn review_progress(current: usize, total: usize, graded: usize) -> String {
    format!(
        "{} of {total} due · {graded} graded, saved",
        (current + 1).min(total)
    )
}

pub const DICTIONARIES_LOADING: &str = "Dictionaries loading…";

pub fn dictionary_heading(name: &str, reverse: bool) -> String {
    if reverse {
        format!("{name} (reverse match):")
    } else {
        format!("{name}:")
    }
}

pub fn confirm_delete(headword: &str) -> String {
    format!("Delete {headword} from your glossary?")
}

pub fn search_results(query: &str, count: usize) -> String {
    format!("{count} entries for “{query}” (Esc: back to the sentence)")
}

/// The status line's key hints: the actions, joined keys, and a short name.
pub const HINTS: &[(&[Action], &str)] = &[
    (
        &[Action::NextSentence, Action::PreviousSentence],
        "sentence",
    ),
    (&[Action::WordLeft, Action::WordRight], "word"),
    (&[Action::ToggleTranslation], "translation"),
    (&[Action::ToggleNotes], "notes"),
    (&[Action::AddEntry], "add"),
    (
        &[
            Action::SetStatus(Status::Level(1)),
            Action::SetStatus(Status::Level(5)),
        ],
        "status",
    ),
    (&[Action::ToggleHelp], "help"),
    (&[Action::Quit], "quit"),
    (&[Action::SwitchFocus], "pane"),
    (&[Action::StudyDown, Action::StudyUp], "scroll notes"),
];

pub fn position(sentence: usize, count: usize) -> String {
    format!("sentence {}/{}", sentence + 1, count)
}

/// The position where `position` does not fit.
/// The status line's share of the article's words the learner knows.
pub fn known_share(tokens: &Counts) -> String {
    format!("known {}%", tokens.percent(tokens.known))
}

pub fn short_position(sentence: usize, count: usize) -> String {
    format!("{}/{}", sentence + 1, count)
}

pub fn more_lines(count: usize) -> String {
    let s = if count == 1 { "" } else { "s" };
    format!("{MORE} {count} more line{s} (J/PageDown)")
}

/// What an action does, as the help overlay says it.
pub fn describe(action: Action) -> &'static str {
    match action {
        Action::NextSentence => "next sentence",
        Action::PreviousSentence => "previous sentence",
        Action::FirstSentence => "first sentence",
        Action::LastSentence => "last sentence",
        Action::WordLeft => "word cursor left on screen",
        Action::WordRight => "word cursor right on screen",
        Action::NextWord => "next word in reading order",
        Action::PreviousWord => "previous word in reading order",
        Action::ToggleTranslation => "show / hide the translation",
        Action::ToggleAlwaysTranslation => "translations always shown / hidden",
        Action::ToggleNotes => "show / hide the notes",
        Action::ToggleAlwaysNotes => "notes always shown / hidden",
        Action::StudyDown => "scroll translation and notes down",
        Action::StudyUp => "scroll translation and notes up",
        Action::SwitchFocus => "focus the reader or the glossary",
        Action::GlossaryDown => "next glossary line",
        Action::GlossaryUp => "previous glossary line",
        Action::ToggleGlossaryPane => "show / hide the glossary pane",
        Action::SwapGlossarySide => "glossary pane to the other side",
        Action::ToggleHelp => "this help",
        Action::HelpDown => "scroll the help down",
        Action::HelpUp => "scroll the help up",
        Action::AddEntry => "add an entry for the word or selection",
        Action::EditEntry => "edit the entry (a bundled one: as yours)",
        Action::DeleteEntry => "delete your entry, after a yes",
        Action::SetStatus(Status::Level(1)) => "status 1: new",
        Action::SetStatus(Status::Level(5)) => "status 5: learned",
        Action::SetStatus(Status::Level(_)) => "status 2–4: learning",
        Action::SetStatus(Status::WellKnown) => "well known",
        Action::SetStatus(Status::Ignored) => "ignore this word",
        Action::ToggleWordColours => "colour words by what you know of them, or not",
        Action::StartReview => "review the entries due now",
        Action::Reveal => "show the gloss and the translation",
        Action::Grade(Grade::Again) => "again: forgotten",
        Action::Grade(Grade::Hard) => "hard",
        Action::Grade(Grade::Good) => "good",
        Action::Grade(Grade::Easy) => "easy",
        Action::Speak => "read the sentence aloud (espeak-ng)",
        Action::StopSpeaking => "stop reading aloud",
        Action::EditSentence => "edit this sentence's translation and notes",
        Action::ToggleSelection => "select words (a adds them as one term)",
        Action::Search => "search the glossary (Arabic, English)",
        Action::Input(_) => "type",
        Action::Submit => "save / search / yes",
        Action::Cancel => "cancel",
        Action::NextField => "next field",
        Action::PreviousField => "previous field",
        Action::CursorLeft => "cursor left (in Arabic: onwards)",
        Action::CursorRight => "cursor right",
        Action::DeleteBack => "delete before the cursor",
        Action::DeleteForward => "delete after the cursor",
        Action::Back => "close the help, else quit",
        Action::Quit => "quit (the position is saved)",
        Action::Suspend => "suspend to the shell (fg comes back)",
        Action::Resize { .. } => "resize",
        Action::Click { .. } => "click",
    }
}
