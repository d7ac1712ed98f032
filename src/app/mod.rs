//! The reader's state and the one place it changes: [`App::update`].
//!
//! Events come in as [`Action`]s (the key table turns terminal events into
//! actions), so tests drive the app without a terminal, and the widgets in
//! `ui` draw from `&App` alone.

mod action;
pub mod keys;
pub mod screen;
pub mod view;

use std::collections::HashMap;

use ratatui::layout::Rect;

use crate::article::{Article, Sentence, fold_marks};

pub use action::Action;
pub use screen::{Screen, Side};
pub use view::{ReaderView, Row, WordSpot};

/// Which pane the keyboard drives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Reader,
    Glossary,
}

/// How right-to-left text reaches the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BidiMode {
    /// qari reorders and shapes; the terminal must not (the default).
    #[default]
    App,
    /// Logical order, unshaped: for terminals that always do bidi themselves.
    Terminal,
}

/// Settings fixed at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub bidi: BidiMode,
    /// False under `NO_COLOR`: styles then use only bold, dim, reverse and
    /// underline.
    pub color: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            bidi: BidiMode::App,
            color: true,
        }
    }
}

/// One line of the glossary pane before the glossary proper exists: a
/// distinct word of the sentence and how often it occurs in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordCount {
    pub word: String,
    pub count: usize,
    /// Whether this is the word under the cursor.
    pub current: bool,
}

/// The whole state of the reader.
#[derive(Debug)]
pub struct App {
    pub article: Article,
    /// Index of the current sentence.
    pub sentence: usize,
    /// Index of the word under the cursor in the current sentence's words.
    pub word: usize,
    pub translation_shown: bool,
    pub always_translation: bool,
    pub notes_shown: bool,
    pub always_notes: bool,
    /// Rows of the translation and notes scrolled away.
    pub study_scroll: usize,
    pub focus: Focus,
    pub help_open: bool,
    pub glossary_visible: bool,
    pub glossary_side: Side,
    /// Selected line of the glossary pane while it has the focus.
    pub glossary_selected: usize,
    pub options: Options,
    /// A one-line message for the status line (warnings at start).
    pub message: Option<String>,
    pub should_quit: bool,
    pub screen: Screen,
    pub view: ReaderView,
    word_counts: HashMap<String, usize>,
}

impl App {
    /// The reader on `article` at `sentence` (clamped). Call
    /// `update(Action::Resize { .. })` before the first draw.
    pub fn new(article: Article, sentence: usize, options: Options) -> App {
        let view = ReaderView::new(&article, options.bidi == BidiMode::App);
        let word_counts = article.word_counts();
        let sentence = sentence.min(article.sentences.len().saturating_sub(1));
        App {
            article,
            sentence,
            word: 0,
            translation_shown: false,
            always_translation: false,
            notes_shown: false,
            always_notes: false,
            study_scroll: 0,
            focus: Focus::Reader,
            help_open: false,
            glossary_visible: true,
            glossary_side: Side::Left,
            glossary_selected: 0,
            options,
            message: None,
            should_quit: false,
            screen: Screen::default(),
            view,
            word_counts,
        }
    }

    pub fn current(&self) -> &Sentence {
        &self.article.sentences[self.sentence]
    }

    /// Applies one action; the only way the state changes.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::NextSentence => self.go_to(self.sentence.saturating_add(1)),
            Action::PreviousSentence => self.go_to(self.sentence.saturating_sub(1)),
            Action::FirstSentence => self.go_to(0),
            Action::LastSentence => self.go_to(usize::MAX),
            Action::NextWord => self.step_word(true),
            Action::PreviousWord => self.step_word(false),
            Action::WordLeft => self.word_on_screen(true),
            Action::WordRight => self.word_on_screen(false),
            Action::ToggleTranslation => self.translation_shown = !self.translation_shown,
            Action::ToggleAlwaysTranslation => {
                self.always_translation = !self.always_translation;
                self.translation_shown = self.always_translation;
            }
            Action::ToggleNotes => self.notes_shown = !self.notes_shown,
            Action::ToggleAlwaysNotes => {
                self.always_notes = !self.always_notes;
                self.notes_shown = self.always_notes;
            }
            Action::StudyDown => self.study_scroll = self.study_scroll.saturating_add(1),
            Action::StudyUp => self.study_scroll = self.study_scroll.saturating_sub(1),
            Action::SwitchFocus => {
                self.focus = match self.focus {
                    Focus::Reader if self.screen.glossary.is_some() => Focus::Glossary,
                    _ => Focus::Reader,
                }
            }
            Action::GlossaryDown => {
                self.glossary_selected = self.glossary_selected.saturating_add(1)
            }
            Action::GlossaryUp => self.glossary_selected = self.glossary_selected.saturating_sub(1),
            Action::ToggleGlossaryPane => self.glossary_visible = !self.glossary_visible,
            Action::SwapGlossarySide => {
                self.glossary_side = match self.glossary_side {
                    Side::Left => Side::Right,
                    Side::Right => Side::Left,
                }
            }
            Action::ToggleHelp => self.help_open = !self.help_open,
            Action::Back if self.help_open => self.help_open = false,
            Action::Back | Action::Quit => self.should_quit = true,
            Action::Resize { columns, rows } => {
                self.screen.area = Rect::new(0, 0, columns, rows);
            }
            Action::Click { column, row } => self.click(column, row),
        }
        self.refresh();
    }

    /// Recomputes everything derived from the state and the screen size.
    fn refresh(&mut self) {
        self.screen = Screen::new(self.screen.area, self.glossary_visible, self.glossary_side);
        if self.screen.glossary.is_none() {
            self.focus = Focus::Reader;
        }
        let items = self.glossary_items().len();
        self.glossary_selected = self.glossary_selected.min(items.saturating_sub(1));
        let width = view::column_width(self.screen.reader_inner.width);
        let study = view::study_rows(
            self.current(),
            self.translation_shown,
            self.notes_shown,
            usize::from(width),
            self.options.bidi == BidiMode::App,
        );
        let (inner, scroll) = (self.screen.reader_inner, self.study_scroll);
        self.view
            .arrange(&self.article, self.sentence, inner, study, scroll);
        self.study_scroll = self.view.study_scroll;
        self.view.scroll_to(&self.article, self.sentence);
    }

    fn go_to(&mut self, index: usize) {
        let index = index.min(self.article.sentences.len() - 1);
        if index == self.sentence {
            return;
        }
        self.sentence = index;
        self.word = 0;
        self.glossary_selected = 0;
        self.study_scroll = 0;
        self.translation_shown = self.always_translation;
        self.notes_shown = self.always_notes;
    }

    /// Next or previous word in reading order, into the neighbouring
    /// sentence at either end.
    fn step_word(&mut self, forward: bool) {
        let count = self.current().words.len();
        if forward {
            if self.word + 1 < count {
                self.word += 1;
            } else if self.sentence + 1 < self.article.sentences.len() {
                self.go_to(self.sentence + 1);
            }
        } else if self.word > 0 {
            self.word -= 1;
        } else if self.sentence > 0 {
            self.go_to(self.sentence - 1);
            self.word = self.current().words.len().saturating_sub(1);
        }
    }

    /// The word to the left or right of the cursor as drawn: along its line,
    /// then on to the line where reading continues in that direction.
    fn word_on_screen(&mut self, leftwards: bool) {
        let spots = self.view.word_spots(&self.article, self.sentence);
        let Some(here) = spots.iter().find(|s| s.word == self.word).copied() else {
            return;
        };
        let same_line = spots.iter().filter(|s| s.line == here.line);
        let beside = if leftwards {
            same_line
                .filter(|s| s.right <= here.left)
                .max_by_key(|s| s.left)
        } else {
            same_line
                .filter(|s| s.left >= here.right)
                .min_by_key(|s| s.left)
        };
        if let Some(spot) = beside {
            self.word = spot.word;
            return;
        }
        // Off the end of the line: in right-to-left text, leftwards is
        // onwards, to the start (right end) of the next line.
        let rtl = self.view.direction() != crate::text::Direction::Ltr;
        let onwards = leftwards == rtl;
        let next_line = if onwards {
            here.line.checked_add(1)
        } else {
            here.line.checked_sub(1)
        };
        let on_next = next_line
            .map(|line| spots.iter().filter(move |s| s.line == line))
            .into_iter()
            .flatten();
        let target = if leftwards {
            on_next.max_by_key(|s| s.left)
        } else {
            on_next.min_by_key(|s| s.left)
        };
        match target {
            Some(spot) => self.word = spot.word,
            None => self.step_word(onwards),
        }
    }

    fn click(&mut self, column: u16, row: u16) {
        if self.help_open {
            self.help_open = false;
            return;
        }
        if let Some(glossary) = self.screen.glossary
            && glossary.contains((column, row).into())
        {
            self.focus = Focus::Glossary;
            return;
        }
        let Some((sentence, line)) = self.view.row_at(row).and_then(Row::line) else {
            return;
        };
        let x = self.view.line_x(line);
        let Some(cluster) = column
            .checked_sub(x)
            .and_then(|offset| line.cluster_at_column(usize::from(offset)))
        else {
            return;
        };
        let offset = cluster.source.start;
        self.focus = Focus::Reader;
        self.go_to(sentence);
        if let Some(word) = self.current().word_at(offset) {
            self.word = word;
        }
    }

    /// The glossary pane's lines for the current sentence: its distinct
    /// words, the one under the cursor first, each with its count in the
    /// article. (The glossary issue replaces these with entries.)
    pub fn glossary_items(&self) -> Vec<WordCount> {
        let sentence = self.current();
        let cursor = sentence.word(self.word).map(fold_marks);
        let mut items: Vec<WordCount> = Vec::new();
        for range in &sentence.words {
            let word = fold_marks(&sentence.ar[range.clone()]);
            if items.iter().any(|item| item.word == word) {
                continue;
            }
            let current = cursor.as_deref() == Some(word.as_str());
            let count = self.word_counts.get(&word).copied().unwrap_or(0);
            items.push(WordCount {
                word,
                count,
                current,
            });
        }
        if let Some(position) = items.iter().position(|item| item.current) {
            let item = items.remove(position);
            items.insert(0, item);
        }
        items
    }
}
