//! Everything that can happen to the app. Keys and mouse events are turned
//! into actions by the key table; `App::update` is the only place state
//! changes.

/// One change to the app's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    NextSentence,
    PreviousSentence,
    FirstSentence,
    LastSentence,
    /// Word cursor one word left on screen.
    WordLeft,
    /// Word cursor one word right on screen.
    WordRight,
    /// Next word in reading order.
    NextWord,
    /// Previous word in reading order.
    PreviousWord,
    ToggleTranslation,
    ToggleAlwaysTranslation,
    /// Draft the sentence's translation with the learner's translator;
    /// again: the rest of the article (`D`).
    Draft,
    ToggleNotes,
    ToggleAlwaysNotes,
    /// Scroll the translation and notes down one row.
    StudyDown,
    /// Scroll the translation and notes up one row.
    StudyUp,
    /// Move the keyboard focus between the reader and the glossary pane.
    SwitchFocus,
    GlossaryDown,
    GlossaryUp,
    /// Make the reading selected in the glossary pane this word's reading
    /// in this sentence (again: give it back to the analyser).
    ChooseReading,
    ToggleGlossaryPane,
    SwapGlossarySide,
    ToggleHelp,
    /// Open or close the last messages, in full.
    ToggleMessages,
    /// Scroll the help down / up one line.
    HelpDown,
    HelpUp,
    /// Add a glossary entry for the word (or selection) under the cursor.
    AddEntry,
    /// Edit the entry under the cursor (or selected in the pane).
    EditEntry,
    /// Delete it, after a confirmation.
    DeleteEntry,
    /// Set what the learner knows of the word (or term) under the cursor.
    SetStatus(crate::glossary::Status),
    /// Undo the last status change (`u`).
    UndoStatus,
    /// Colour words by what the learner knows of them, or not.
    ToggleWordColours,
    /// Word glosses under the lines: every sentence on screen, the current
    /// one only, off (`i`).
    CycleInterlinear,
    /// A transliteration row under the lines, or none (`x`).
    ToggleTranslit,
    /// The text with the vowels of each word's first reading, or as
    /// printed (`V`).
    ToggleVowels,
    /// Review the entries due now.
    StartReview,
    /// In a review: show the gloss and the translation.
    Reveal,
    /// In a review: how well the entry was remembered.
    Grade(crate::glossary::Grade),
    /// Read the current sentence aloud (espeak-ng), without waiting.
    Speak,
    StopSpeaking,
    /// Edit the current sentence's translation and notes.
    EditSentence,
    /// Start or end a selection of several words.
    ToggleSelection,
    /// Search the glossary.
    Search,
    /// In a form or prompt: type a character.
    Input(char),
    /// In a form or prompt: save or run it; in a confirmation: yes.
    Submit,
    /// Close the form, prompt or confirmation without doing anything.
    Cancel,
    NextField,
    PreviousField,
    CursorLeft,
    CursorRight,
    DeleteBack,
    DeleteForward,
    /// In a field: the cursor to the start / end of the text.
    FieldStart,
    FieldEnd,
    /// In a field: empty it (`Ctrl-U`).
    ClearField,
    /// In a field: delete the word before the cursor (`Ctrl-W`).
    DeleteWordBack,
    /// Esc: close what is open (overlay, selection, search hits); never quits.
    Back,
    Quit,
    /// Ctrl-Z: back to the shell until `fg` (the terminal session does it).
    Suspend,
    /// The terminal now has this many columns and rows.
    Resize {
        columns: u16,
        rows: u16,
    },
    /// A mouse click at this cell.
    Click {
        column: u16,
        row: u16,
    },
}
