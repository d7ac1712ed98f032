//! The study panel's state: whether the current sentence's translation and
//! notes are shown (for this sentence, or always), and how far they are
//! scrolled.

/// What the panel under the text shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StudyPanel {
    translation_shown: bool,
    always_translation: bool,
    notes_shown: bool,
    always_notes: bool,
    /// Rows of the translation and notes scrolled away.
    scroll: usize,
}

impl StudyPanel {
    pub fn translation_shown(&self) -> bool {
        self.translation_shown
    }

    pub fn always_translation(&self) -> bool {
        self.always_translation
    }

    pub fn notes_shown(&self) -> bool {
        self.notes_shown
    }

    pub fn always_notes(&self) -> bool {
        self.always_notes
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// `t`: this sentence's translation.
    pub(super) fn toggle_translation(&mut self) {
        self.translation_shown = !self.translation_shown;
    }

    /// This sentence's translation shown (a draft asked for came).
    pub(super) fn show_translation(&mut self) {
        self.translation_shown = true;
    }

    /// `T`: every sentence's translation, from now on.
    pub(super) fn toggle_always_translation(&mut self) {
        self.always_translation = !self.always_translation;
        self.translation_shown = self.always_translation;
    }

    /// `n`: this sentence's notes.
    pub(super) fn toggle_notes(&mut self) {
        self.notes_shown = !self.notes_shown;
    }

    /// `N`: every sentence's notes, from now on.
    pub(super) fn toggle_always_notes(&mut self) {
        self.always_notes = !self.always_notes;
        self.notes_shown = self.always_notes;
    }

    pub(super) fn scroll_down(&mut self) {
        self.scroll = self.scroll.saturating_add(1);
    }

    pub(super) fn scroll_up(&mut self) {
        self.scroll = self.scroll.saturating_sub(1);
    }

    /// The scroll as the view could place it (never past the end).
    pub(super) fn set_scroll(&mut self, scroll: usize) {
        self.scroll = scroll;
    }

    /// On to another sentence: shown only if always shown, at the top.
    pub(super) fn new_sentence(&mut self) {
        self.scroll = 0;
        self.translation_shown = self.always_translation;
        self.notes_shown = self.always_notes;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn always_shown_survives_a_new_sentence_and_once_shown_does_not() {
        let mut panel = StudyPanel::default();
        panel.toggle_translation();
        panel.toggle_always_notes();
        panel.scroll_down();
        panel.new_sentence();
        assert!(!panel.translation_shown());
        assert!(panel.notes_shown() && panel.always_notes());
        assert_eq!(panel.scroll(), 0);
        panel.toggle_always_translation();
        assert!(panel.translation_shown() && panel.always_translation());
        panel.toggle_always_translation();
        assert!(!panel.translation_shown());
        panel.scroll_up();
        assert_eq!(panel.scroll(), 0, "never below the top");
    }
}
