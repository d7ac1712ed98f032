//! Every string the interface shows, in one place.

use std::fmt;

use crate::app::keys::Scope::{Confirm, Editing, Global, Reviewing};
use crate::app::keys::{Scope, keys_in};
use crate::app::{Action, Action as A, Modes, Notice, StatusBefore, Unsaved};
use crate::glossary::{Counts, Grade, Status};
use crate::quote::quoted;

/// The first key bound to `action` in `scope`, as the help names it.
fn key(scope: Scope, action: Action) -> String {
    keys_in(scope, action)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// Every key bound to `action` in `scope`: "n or Esc".
fn keys(scope: Scope, action: Action) -> String {
    keys_in(scope, action).join(" or ")
}

/// `count` and its noun, singular for one: "1 entry", "2 entries".
pub fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// What the reader says at start when the keys file cannot be used: the
/// file's error (file, line, column) on one line, then what it does.
pub fn keys_file_refused(error: &dyn fmt::Display) -> String {
    format!("{error}; using the default keys")
}

/// The app's messages, worded.
impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::Said(text) => f.write_str(text),
            Notice::OnePaneInTerminalBidi => f.write_str(
                "With --bidi terminal the glossary pane stays hidden: the terminal reorders whole rows, which would mix the panes",
            ),
            Notice::TooNarrowForGlosses => write!(
                f,
                "Word glosses need a reader at least {} columns wide: they come back when it is",
                crate::app::view::MIN_GLOSS_WIDTH
            ),
            Notice::NoInterlinearInTerminalBidi => f.write_str(
                "With --bidi terminal there are no glosses, transliterations or vowels on the words: the terminal places the words, so qari cannot",
            ),
            Notice::SpeechMissing => write!(
                f,
                "espeak-ng is not installed, so {} cannot read aloud (apt-get install espeak-ng)",
                key(Global, A::Speak)
            ),
            Notice::SpeechFailed(error) => write!(f, "espeak-ng: {error}"),
            Notice::PasteOutsideAField => write!(
                f,
                "A paste goes into a form's field ({} adds an entry, {} edits the translation)",
                key(Global, A::AddEntry),
                key(Global, A::EditSentence)
            ),
            Notice::PasteCut { limit } => write!(
                f,
                "The paste was cut at {limit} characters, the most this field takes"
            ),
            Notice::NoLibrary(what) => {
                let what = match what {
                    Unsaved::Statuses => "statuses cannot be saved",
                    Unsaved::Entries => "entries cannot be saved",
                    Unsaved::Article => "the article cannot be saved",
                };
                write!(f, "No library folder: {what}")
            }
            Notice::NoGlossForStatus => write!(
                f,
                "No gloss known for this word: {} adds it with your own ({} and {} need none)",
                key(Global, A::AddEntry),
                key(Global, A::SetStatus(Status::Ignored)),
                key(Global, A::SetStatus(Status::WellKnown))
            ),
            Notice::NoEntryToEdit => write!(
                f,
                "No entry to edit here; {} adds one",
                key(Global, A::AddEntry)
            ),
            Notice::NoEntryToDelete => f.write_str("No entry to delete here"),
            Notice::BundledEntry { headword } => write!(
                f,
                "{headword} is a bundled entry: {} edits it into your own glossary instead",
                key(Global, A::EditEntry)
            ),
            Notice::EntrySaved {
                headword,
                added,
                file,
            } => {
                let verb = if *added { "Added" } else { "Saved" };
                write!(f, "{verb} {headword} in {}", file.display())
            }
            Notice::StatusSet {
                headword,
                gloss,
                status,
                source,
            } => {
                let status = status.code();
                let shown = if gloss.is_empty() { NO_GLOSS } else { gloss };
                match source {
                    Some(source) if !gloss.is_empty() => write!(
                        f,
                        "Added {headword} ({shown}), status {status}: the gloss is from {source}"
                    ),
                    Some(_) => write!(f, "Added {headword} ({shown}), status {status}"),
                    None => write!(f, "{headword} ({shown}): status {status}"),
                }
            }
            Notice::Deleted { headword } => write!(f, "Deleted {headword}"),
            Notice::StatusUndone { headword, before } => match before {
                StatusBefore::Created => write!(
                    f,
                    "Undone: {headword} removed from your glossary (the status key had added it)"
                ),
                StatusBefore::Was(Some(status)) => {
                    write!(f, "Undone: {headword} is back to status {}", status.code())
                }
                StatusBefore::Was(None) => write!(f, "Undone: {headword} has no status again"),
            },
            Notice::NothingToUndo => write!(
                f,
                "No status change to undo: {} undoes the last one made with 1–5, W or I",
                key(Global, A::UndoStatus)
            ),
            Notice::DeletedMeanwhile { headword } => write!(
                f,
                "{headword} was deleted from your glossary meanwhile (by another qari); nothing changed"
            ),
            Notice::SentenceSaved { file } => write!(
                f,
                "Saved this sentence's translation and notes in {}",
                file.display()
            ),
            Notice::ReadingChosen {
                word,
                chosen: Some(reading),
                file,
            } => write!(
                f,
                "{word} reads as {} \u{201c}{}\u{201d} in this sentence (saved in {}); {} on it again gives it back to the analyser",
                reading.vocalised,
                reading.gloss,
                file.display(),
                key(Scope::Glossary, A::ChooseReading)
            ),
            Notice::ReadingChosen {
                word,
                chosen: None,
                file,
            } => write!(
                f,
                "{word} reads as the analyser ranks it again in this sentence (saved in {})",
                file.display()
            ),
            Notice::EnterChoosesAReading => write!(
                f,
                "{} chooses one of the analyser's readings for this word here: select one with {}",
                key(Scope::Glossary, A::ChooseReading),
                keys(Scope::Glossary, A::GlossaryDown)
            ),
            Notice::SearchHits { query, hits } => write!(
                f,
                "{hits} entries match {}; {} returns to the sentence",
                quoted(query),
                key(Global, A::Back)
            ),
            Notice::TranslationTooLong { limit } => {
                write!(f, "the translation is longer than {limit} characters")
            }
            Notice::NoTranslator => write!(
                f,
                "No translator set: put translator = \"COMMAND\" in config.toml or QARI_TRANSLATOR (README, Drafted translations); meanwhile {} glosses each word",
                key(Global, A::CycleInterlinear)
            ),
            Notice::NothingToDraft => f.write_str("Every sentence has a translation: nothing to draft"),
            Notice::DraftingSentence { translator } => write!(
                f,
                "Drafting this sentence with {translator}; {} again drafts the rest of the article",
                key(Global, A::Draft)
            ),
            Notice::DraftingArticle { translator, count } => write!(
                f,
                "Drafting {} with {translator}, from here on; keep reading meanwhile",
                counted(*count, "sentence", "sentences")
            ),
            Notice::DraftingAlready { done, total } => {
                write!(f, "Drafting already: {done} of {total} sentences done")
            }
            Notice::Drafted {
                saved: 0,
                passed: passed @ 1..,
                ..
            } => write!(
                f,
                "Nothing drafted: {} had a translation by then",
                counted(*passed, "sentence", "sentences")
            ),
            Notice::Drafted {
                translator,
                saved,
                passed,
            } => {
                write!(
                    f,
                    "Drafted {} with {translator}: machine drafts, {} makes one yours",
                    counted(*saved, "sentence", "sentences"),
                    key(Global, A::EditSentence)
                )?;
                match passed {
                    0 => Ok(()),
                    1 => f.write_str("; 1 other had a translation by then"),
                    n => write!(f, "; {n} others had a translation by then"),
                }
            }
            Notice::DraftFailed { error, saved: 0 } => write!(f, "No draft: {error}"),
            Notice::DraftFailed { error, saved } => write!(
                f,
                "Drafting stopped after {}: {error}",
                counted(*saved, "sentence", "sentences")
            ),
            Notice::ControlCharacter(c) => write!(
                f,
                "the text holds a control character (U+{:04X})",
                u32::from(*c)
            ),
        }
    }
}

/// The study panel's translation slot with no translation: how to get one
/// (`drafting`: the translator is at it now).
pub fn no_translation(translator: Option<&str>, drafting: bool) -> String {
    match translator {
        Some(name) if drafting => format!("(no translation yet: {name} is drafting one)"),
        Some(name) => format!(
            "(no translation yet: {} drafts one with {name}, {} writes your own)",
            key(Global, A::Draft),
            key(Global, A::EditSentence)
        ),
        None => format!(
            "(no translation yet: {} writes your own, {} glosses each word; to draft one, set a translator: README, Drafted translations)",
            key(Global, A::EditSentence),
            key(Global, A::CycleInterlinear)
        ),
    }
}

/// Under a translator's draft: what it is.
pub fn draft_label(translator: Option<&str>) -> String {
    format!(
        "(a machine draft by {}; {} makes it yours)",
        translator.unwrap_or("a translator"),
        key(Global, A::EditSentence)
    )
}

pub const READER_TITLE: &str = " Reader ";
pub const GLOSSARY_TITLE: &str = " Glossary ";

pub const HELP_TITLE: &str = " Keys ";
pub const HELP_FOOTER: &str =
    "Mouse: click a word to put the cursor on it; the wheel moves between sentences.";
/// Added to the help's footer when the help does not fit on the screen.
pub const HELP_FOOTER_SCROLL: &str = "j/k scroll this help; Esc or ? closes it.";
pub const TRANSLATION_HEADING: &str = "Translation";
pub const NOTES_HEADING: &str = "Notes";
/// Over the article's intro, shown with its first sentence.
pub const INTRO_HEADING: &str = "Before you read";
/// Over the article's outro, shown with its last sentence.
pub const OUTRO_HEADING: &str = "After reading";
pub const ENLARGE: &str = "Enlarge the terminal";
pub const CURRENT_MARK: &str = "▌";
/// In the current sentence's mark, on the top or bottom row of the text,
/// when that sentence goes on above or below what is shown.
pub const MORE_ABOVE_MARK: &str = "▲";
pub const MORE_BELOW_MARK: &str = "▼";
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
    ("In the messages", crate::app::keys::Scope::Messages),
];

pub const FORM_ADD_TITLE: &str = " New glossary entry ";
pub const FORM_EDIT_TITLE: &str = " Edit glossary entry ";
pub const FORM_SENTENCE_TITLE: &str = " Translation and notes of this sentence ";
/// The entry form's hint: its keys, and how glosses are separated.
pub fn form_footer() -> String {
    format!(
        "{} saves · {} cancels · {} next field · glosses: separate with ;",
        key(Editing, A::Submit),
        key(Editing, A::Cancel),
        key(Editing, A::NextField)
    )
}
/// The sentence form's hint: its keys, and that only what is changed is
/// saved.
pub fn sentence_form_footer() -> String {
    format!(
        "{} saves what you changed · {} cancels · {} next field",
        key(Editing, A::Submit),
        key(Editing, A::Cancel),
        key(Editing, A::NextField)
    )
}
pub const SEARCH_TITLE: &str = " Search the glossary ";
pub fn search_footer() -> String {
    format!(
        "{} searches (Arabic: headwords; English: glosses) · {} cancels",
        key(Editing, A::Submit),
        key(Editing, A::Cancel)
    )
}
pub fn confirm_footer() -> String {
    format!(
        "{} deletes · {} keeps it",
        key(Confirm, A::Submit),
        keys(Confirm, A::Cancel)
    )
}
pub fn no_entry() -> String {
    format!(
        "No glossary entry yet. {} adds one.",
        key(Global, A::AddEntry)
    )
}
pub const MATCHED: &str = "matched";
pub const IN_SENTENCE: &str = "Also in this sentence";
/// Heading of the analyser's readings of the cursor's word.
pub const READINGS: &str = "Readings";
/// Under the first reading when the learner chose it for this place.
pub const READING_CHOSEN: &str = "✓ your reading here";

/// After [`READINGS`] while the pane has the focus: the key that chooses.
pub fn readings_heading(focused: bool) -> String {
    if focused {
        format!(
            "{READINGS} ({}: pick)",
            key(Scope::Glossary, A::ChooseReading)
        )
    } else {
        READINGS.to_owned()
    }
}
pub const YOURS: &str = "your glossary";
/// In place of the gloss of an entry that has none (an ignored name).
pub const NO_GLOSS: &str = "no gloss";
pub const BUNDLED: &str = "bundled";

/// What the pane says about a numeral of the text (the clitic's meaning
/// is the Arabic layer's).
pub fn numeral(number: &crate::arabic::Numeral) -> String {
    let value = &number.western;
    let prefix = number
        .prefix
        .map(|clitic| format!("{} ‘{}’ + ", clitic.form, clitic.gloss))
        .unwrap_or_default();
    format!(
        "{prefix}the number {value} (in Arabic-Indic digits {}); digits read left to right inside Arabic text",
        number.eastern
    )
}

pub const REVIEW_TITLE: &str = " Review ";
pub fn review_keys_hidden() -> String {
    let grade = |g| key(Reviewing, A::Grade(g));
    format!(
        "{} shows the answer · {} again · {} hard · {} good · {} easy · {} listen · {} leaves",
        key(Reviewing, A::Reveal),
        grade(Grade::Again),
        grade(Grade::Hard),
        grade(Grade::Good),
        grade(Grade::Easy),
        key(Reviewing, A::Speak),
        key(Reviewing, A::Cancel)
    )
}
/// The end of a review: what was done, when the next card is due, and the
/// way out.
pub fn review_summary(session: &crate::app::ReviewSession) -> String {
    let reviewed = session.reviewed();
    let done = if reviewed == 0 {
        "Nothing is due now.".to_owned()
    } else {
        let cards = if reviewed == 1 { "card" } else { "cards" };
        format!(
            "Review done: {reviewed} {cards} reviewed, {} again.",
            session.again
        )
    };
    let next = match session.next_due_in {
        Some(wait) => format!("Next due {}.", wait_for(wait)),
        None => "Nothing else is scheduled.".to_owned(),
    };
    let back = if session.to_shell {
        "the shell"
    } else {
        "the reader"
    };
    format!(
        "{done} {next} {} returns to {back}.",
        key(Reviewing, A::Cancel)
    )
}

/// "now", "in 10 minutes", "in 3 hours", "in 2 days".
fn wait_for(wait: chrono::TimeDelta) -> String {
    let plural = |n: i64, unit: &str| {
        let s = if n == 1 { "" } else { "s" };
        format!("in {n} {unit}{s}")
    };
    match wait.num_minutes() {
        minutes if minutes < 1 => "now".to_owned(),
        minutes if minutes < 60 => plural(minutes, "minute"),
        minutes if minutes < 48 * 60 => plural(wait.num_hours(), "hour"),
        _ => plural(wait.num_days(), "day"),
    }
}
pub const REVIEW_NO_SENTENCE: &str = "(no sentence recorded for this entry)";

pub fn review_progress(current: usize, total: usize, graded: usize) -> String {
    format!(
        "{} of {total} due · {graded} graded, saved",
        (current + 1).min(total)
    )
}

pub const DICTIONARIES_LOADING: &str = "Dictionaries loading…";

pub const DICTIONARIES: &str = "Dictionaries";

/// Under a dictionary result: "freedict-ara-eng + freedict-eng-ara · و +
/// الهدنة" (which dictionaries said it, and how the word matched).
pub fn dictionary_source(result: &crate::dict::Merged) -> String {
    let names = result.dictionaries.join(" + ");
    if result.how.is_empty() {
        names
    } else {
        format!("{names} · {}", result.how)
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

/// The status line's markers of the modes that are on: a selection being
/// made with `v`, a sentence being read aloud, drafts being made.
pub fn mode_markers(modes: Modes) -> Vec<String> {
    let Modes {
        selecting,
        speaking,
        drafting,
    } = modes;
    let mut markers = Vec::new();
    if selecting {
        markers.push(format!(
            "[selecting: {} ends]",
            key(Global, A::ToggleSelection)
        ));
    }
    if speaking {
        markers.push(format!(
            "[speaking: {} stops]",
            key(Global, A::StopSpeaking)
        ));
    }
    if let Some((done, total)) = drafting {
        markers.push(format!("[drafting {done}/{total}]"));
    }
    markers
}

/// What the status line puts before a message: the position (short when
/// the full one leaves no room) and the markers of the modes that are on.
pub fn status_prefix(sentence: usize, count: usize, modes: Modes, width: u16) -> Vec<String> {
    let mut position = position(sentence, count);
    if crate::text::text_width(&position) + 2 > usize::from(width) {
        position = short_position(sentence, count);
    }
    let mut parts = vec![position];
    parts.extend(mode_markers(modes));
    parts
}

pub const MESSAGES_TITLE: &str = " Messages ";
/// Marks each message in the `m` overlay.
pub const MESSAGE_BULLET: &str = "• ";
pub const NO_MESSAGES: &str = "No messages yet.";
pub fn messages_footer() -> String {
    format!(
        "The last {} messages, newest last · {} closes",
        crate::app::MAX_MESSAGES,
        keys(Scope::Messages, A::ToggleMessages)
    )
}
/// Ends a message cut above the status line.
pub fn message_cut() -> String {
    format!(" {MORE} {} shows it whole", key(Global, A::ToggleMessages))
}

pub fn short_position(sentence: usize, count: usize) -> String {
    format!("{}/{}", sentence + 1, count)
}

pub fn more_lines(count: usize) -> String {
    let s = if count == 1 { "" } else { "s" };
    format!("{MORE} {count} more line{s} (J/PageDown)")
}

/// What an action does where it is bound, as the help overlay lists it:
/// an action that means something else in one place says so there (`Esc`
/// in the help closes it, `Enter` on a question says yes).
pub fn describe_in(scope: Scope, action: Action) -> &'static str {
    match (scope, action) {
        (Confirm, Action::Submit) => "yes",
        (Confirm, Action::Cancel) => "no, leave it as it is",
        (Scope::Help, Action::ToggleHelp) => "close this help",
        (Scope::Messages, Action::ToggleMessages) => "close the messages",
        (Reviewing, Action::Cancel) => "leave the review",
        _ => describe(action),
    }
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
        Action::CycleInterlinear => "word glosses: every sentence, this one, off",
        Action::ToggleTranslit => "transliteration under the lines, or not",
        Action::ToggleVowels => "the text with its vowels, or as printed",
        Action::StudyDown => "scroll translation and notes down",
        Action::StudyUp => "scroll translation and notes up",
        Action::SwitchFocus => "focus the reader or the glossary",
        Action::GlossaryDown => "next glossary line",
        Action::ChooseReading => "use this reading here (again: undo)",
        Action::GlossaryUp => "previous glossary line",
        Action::ToggleGlossaryPane => "show / hide the glossary pane",
        Action::SwapGlossarySide => "glossary pane to the other side",
        Action::ToggleHelp => "this help",
        Action::ToggleMessages => "the last messages, in full",
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
        Action::UndoStatus => "undo the last status change",
        Action::ToggleWordColours => "colour words by what you know of them, or not",
        Action::StartReview => "review the entries due now",
        Action::Reveal => "show the gloss and the translation; on the summary, leave",
        Action::Grade(Grade::Again) => "again: forgotten",
        Action::Grade(Grade::Hard) => "hard",
        Action::Grade(Grade::Good) => "good",
        Action::Grade(Grade::Easy) => "easy",
        Action::Speak => "read the sentence aloud (espeak-ng)",
        Action::StopSpeaking => "stop reading aloud",
        Action::EditSentence => "edit this sentence's translation and notes",
        Action::Draft => "draft the translation with your translator (again: all)",
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
        Action::FieldStart => "cursor to the start of the field",
        Action::FieldEnd => "cursor to the end of the field",
        Action::ClearField => "empty the field",
        Action::DeleteWordBack => "delete the word before the cursor",
        Action::Back => "close help, form, search or selection",
        Action::Quit => "quit (the position is saved)",
        Action::Suspend => "suspend to the shell (fg comes back)",
        Action::Resize { .. } => "resize",
        Action::Click { .. } => "click",
    }
}

/// The analyser's reading of a word, in full: "وَحُلَفائِهِ  wa-ḥulafāʾihi
/// noun", then "lemma حَلِيف · root ح ل ف · فُعَلاء", then its morphemes
/// ("وَ and + حُلَفاء allies + هِ his"), then the word's gloss.
pub fn reading_lines(reading: &crate::arabic::Analysis) -> [String; 4] {
    let mut head = reading
        .vocalised
        .clone()
        .unwrap_or_else(|| reading.stem.clone());
    for part in [&reading.translit, &reading.pos].into_iter().flatten() {
        head.push_str("  ");
        head.push_str(part);
    }
    // Each Arabic field is closed by a left-to-right mark, so that two of
    // them with only " · " between do not run together right to left.
    let mut grammar = Vec::new();
    if let Some(lemma) = &reading.lemma {
        grammar.push(format!("lemma {lemma}\u{200E}"));
    }
    if let Some(root) = &reading.root {
        grammar.push(format!("root {root}\u{200E}"));
    }
    if let Some(pattern) = &reading.pattern {
        grammar.push(format!("{pattern}\u{200E}"));
    }
    let segments = reading
        .segments
        .iter()
        .map(|s| {
            let gloss = s.gloss.split(';').next().unwrap_or("");
            format!("{} {gloss}", s.form).trim().to_owned()
        })
        .collect::<Vec<_>>()
        .join(" + ");
    [
        head,
        grammar.join(" · "),
        segments,
        reading.gloss.clone().unwrap_or_default(),
    ]
}

/// Another reading, on one line: "شَهَرَ — make known (verb)".
pub fn reading_line(reading: &crate::arabic::Analysis) -> String {
    let word = reading.vocalised.as_deref().unwrap_or(&reading.stem);
    let gloss = reading.gloss.as_deref().unwrap_or("");
    match &reading.pos {
        Some(pos) => format!("{word} — {gloss} ({pos})"),
        None => format!("{word} — {gloss}"),
    }
}

#[cfg(test)]
mod notice_tests {
    use super::*;

    #[test]
    fn messages_name_the_keys_of_the_key_table() {
        assert_eq!(
            Notice::NoEntryToEdit.to_string(),
            "No entry to edit here; a adds one"
        );
        assert_eq!(confirm_footer(), "y deletes · n or Esc keeps it");
        assert_eq!(
            form_footer(),
            "Enter saves · Esc cancels · Tab next field · glosses: separate with ;"
        );
        assert_eq!(
            sentence_form_footer(),
            "Enter saves what you changed · Esc cancels · Tab next field"
        );
        assert_eq!(
            review_keys_hidden(),
            "Space shows the answer · 1 again · 2 hard · 3 good · 4 easy · s listen · q leaves"
        );
        let search = Notice::SearchHits {
            query: "جيش".into(),
            hits: 2,
        };
        assert_eq!(
            search.to_string(),
            "2 entries match \"جيش\"; Esc returns to the sentence"
        );
    }
}
