//! The reader's state and the one place it changes: [`App::update`].
//!
//! Events come in as [`Action`]s (the key table turns terminal events into
//! actions), so tests drive the app without a terminal, and the widgets in
//! `ui` draw from `&App` alone.

mod action;
pub mod form;
pub mod keys;
mod review;
pub mod screen;
pub mod speech;
mod study;
pub mod view;

use ratatui::layout::Rect;

use crate::article::{Article, Sentence};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

use crate::dict::{DictMatch, Dictionaries};
use crate::glossary::{Glossary, SentenceMatch, Stats, Status, UserGlossary, knowledge_stats};

/// The dictionaries, filled in once by a background thread: until then
/// lookups skip them and the pane says they are loading.
pub type DictionaryHandle = Arc<OnceLock<Dictionaries>>;

pub use action::Action;
pub use form::{Field, Form, FormKind};
pub use review::{ReviewItem, ReviewSession, due_entries};
pub use screen::{Screen, Side};
pub use study::strip_clitics;
pub use view::{ReaderView, Row, WordSpot};

/// What is open over the panes; keys go to it first.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help,
    Form(Box<Form>),
    Search(Field),
    /// Delete the entry with this headword?
    ConfirmDelete(String),
    Review(Box<ReviewSession>),
}

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

/// Which colours the word statuses take: text itself always uses the
/// terminal's own foreground, with bold, dim and reverse for emphasis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Palette {
    /// Status colours readable on a dark background (the default when the
    /// terminal does not say what its background is).
    #[default]
    Dark,
    /// Status colours readable on a light background.
    Light,
    /// No colours at all (`NO_COLOR`): underline and bold mark the statuses.
    Plain,
}

/// Settings fixed at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    pub bidi: BidiMode,
    pub palette: Palette,
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
    pub overlay: Option<Overlay>,
    /// Anchor word of a selection being made with `v`.
    pub selection: Option<usize>,
    /// Lines of the help scrolled away (the widget stops at its end).
    pub help_scroll: usize,
    /// Whether words are coloured by what the learner knows of them (`c`).
    pub word_colours: bool,
    pub glossary_visible: bool,
    pub glossary_side: Side,
    /// Selected line of the glossary pane while it has the focus.
    pub glossary_selected: usize,
    pub options: Options,
    /// A one-line message for the status line (warnings at start).
    pub message: Option<String>,
    pub should_quit: bool,
    /// Set by Ctrl-Z; the terminal session suspends and clears it.
    pub suspend_requested: bool,
    pub screen: Screen,
    pub view: ReaderView,
    pub glossary: Glossary,
    /// Where entries are saved; none without a library folder.
    pub user_glossary: Option<UserGlossary>,
    /// Glossary matches of the current sentence.
    pub matches: Vec<SentenceMatch>,
    matched_sentence: Option<usize>,
    /// The last search and its hits, shown in the glossary pane.
    pub search_results: Option<(String, Vec<usize>)>,
    pub dictionaries: DictionaryHandle,
    /// Where the learner's articles are saved (`E` writes there).
    pub articles_dir: Option<std::path::PathBuf>,
    /// What the learner knows of each word, per sentence laid out so far.
    knowledge: HashMap<usize, Rc<Vec<Option<Status>>>>,
    /// The article's word counts by knowledge (small articles only).
    pub stats: Option<Stats>,
    /// `s` reads the sentence aloud.
    pub speech: speech::Speech,
    /// The library's other articles, for review sentences met there.
    other_articles: Vec<Article>,
}

const PASTE_OUTSIDE_A_FIELD: &str =
    "A paste goes into a form's field (a adds an entry, E edits the translation)";
const ONE_PANE_IN_TERMINAL_BIDI: &str = "With --bidi terminal the glossary pane stays hidden: the terminal reorders whole rows, which would mix the panes";

/// Articles longer than this get no share of known words in the status
/// line (it would cost a lookup of every word at start).
const STATS_LIMIT: usize = 2_000;

impl App {
    /// The reader on `article` at `sentence` (clamped). Call
    /// `update(Action::Resize { .. })` before the first draw.
    pub fn new(article: Article, sentence: usize, options: Options) -> App {
        let view = ReaderView::new(&article, options.bidi == BidiMode::App);
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
            overlay: None,
            selection: None,
            help_scroll: 0,
            word_colours: true,
            // A terminal that reorders does so across whole rows, which
            // would mix the two panes: one pane only.
            glossary_visible: options.bidi == BidiMode::App,
            glossary_side: Side::Left,
            glossary_selected: 0,
            options,
            message: None,
            should_quit: false,
            suspend_requested: false,
            screen: Screen::default(),
            view,
            glossary: Glossary::default(),
            user_glossary: None,
            matches: Vec::new(),
            matched_sentence: None,
            search_results: None,
            dictionaries: DictionaryHandle::default(),
            articles_dir: None,
            knowledge: HashMap::new(),
            stats: None,
            speech: speech::Speech::default(),
            other_articles: Vec::new(),
        }
    }

    /// The app with the library's other articles (for review sentences).
    pub fn with_articles(mut self, articles: Vec<Article>) -> App {
        let id = self.article.id.clone();
        self.other_articles = articles.into_iter().filter(|a| a.id != id).collect();
        self
    }

    /// The app reading aloud through `speech`.
    pub fn with_speech(mut self, speech: speech::Speech) -> App {
        self.speech = speech;
        self
    }

    /// The app saving edited translations and notes to `dir`.
    pub fn with_articles_dir(mut self, dir: std::path::PathBuf) -> App {
        self.articles_dir = Some(dir);
        self
    }

    /// Computes what the learner knows of the words of each visible
    /// sentence not yet known.
    fn refresh_knowledge(&mut self) {
        if !self.word_colours {
            return;
        }
        let visible: Vec<usize> = self
            .view
            .rows
            .iter()
            .filter_map(|row| row.line().map(|(sentence, _)| sentence))
            .collect();
        for index in visible {
            if self.knowledge.contains_key(&index) {
                continue;
            }
            let sentence = &self.article.sentences[index];
            let words: Vec<&str> = sentence
                .words
                .iter()
                .map(|r| &sentence.ar[r.clone()])
                .collect();
            let known = self.glossary.knowledge(&words);
            self.knowledge.insert(index, Rc::new(known));
        }
    }

    /// What the learner knows of the words of sentence `index`, once it
    /// has been on screen.
    pub fn knowledge_of(&self, index: usize) -> Option<&[Option<Status>]> {
        if !self.word_colours {
            return None;
        }
        self.knowledge.get(&index).map(|k| k.as_slice())
    }

    /// Forgets derived knowledge after the glossary changed.
    pub(crate) fn glossary_changed(&mut self) {
        self.knowledge.clear();
        self.stats = (self.article.sentences.len() <= STATS_LIMIT).then(|| {
            knowledge_stats(
                &self.glossary,
                self.article
                    .sentences
                    .iter()
                    .map(|s| s.words.iter().map(|r| &s.ar[r.clone()]).collect()),
            )
        });
    }

    /// The app with dictionaries (loaded or loading).
    pub fn with_dictionaries(mut self, dictionaries: DictionaryHandle) -> App {
        self.dictionaries = dictionaries;
        self
    }

    /// The dictionaries, once loaded.
    pub fn dictionaries_ready(&self) -> Option<&Dictionaries> {
        self.dictionaries.get()
    }

    /// What the dictionaries say about the word under the cursor.
    pub fn dictionary_matches(&self) -> Vec<DictMatch> {
        match (self.dictionaries_ready(), self.current().word(self.word)) {
            (Some(dictionaries), Some(word)) => dictionaries.lookup(word),
            _ => Vec::new(),
        }
    }

    /// The app with a glossary, saving new entries to `user`.
    pub fn with_glossary(mut self, glossary: Glossary, user: Option<UserGlossary>) -> App {
        self.glossary = glossary;
        self.user_glossary = user;
        self.matched_sentence = None;
        self.refresh_matches();
        self.glossary_changed();
        self
    }

    pub fn help_open(&self) -> bool {
        self.overlay == Some(Overlay::Help)
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
            Action::ToggleGlossaryPane if self.options.bidi == BidiMode::Terminal => {
                self.message = Some(ONE_PANE_IN_TERMINAL_BIDI.to_owned());
            }
            Action::ToggleGlossaryPane => self.glossary_visible = !self.glossary_visible,
            Action::SwapGlossarySide => {
                self.glossary_side = match self.glossary_side {
                    Side::Left => Side::Right,
                    Side::Right => Side::Left,
                }
            }
            Action::ToggleHelp => {
                self.overlay = if self.help_open() {
                    None
                } else {
                    Some(Overlay::Help)
                };
                self.help_scroll = 0;
            }
            Action::HelpDown => self.help_scroll = self.help_scroll.saturating_add(1),
            Action::HelpUp => self.help_scroll = self.help_scroll.saturating_sub(1),
            Action::Back if self.overlay.is_some() => self.overlay = None,
            Action::Back if self.selection.is_some() => self.selection = None,
            Action::Back if self.search_results.is_some() => self.search_results = None,
            Action::Suspend => self.suspend_requested = true,
            Action::Back | Action::Quit => {
                self.speech.stop();
                self.should_quit = true;
            }
            Action::AddEntry => self.open_add_form(),
            Action::EditEntry => self.open_edit_form(),
            Action::EditSentence => self.open_sentence_form(),
            Action::SetStatus(status) => self.set_status(status),
            Action::StartReview => self.start_review(),
            Action::ToggleWordColours => self.word_colours = !self.word_colours,
            Action::Reveal => self.reveal(),
            Action::Grade(given) => self.grade_current(given),
            Action::Speak => {
                let text = self.current().ar.clone();
                match self.speech.speak(&text) {
                    speech::Spoken::Started | speech::Spoken::Quiet => {}
                    speech::Spoken::Missing => {
                        self.message = Some(
                            "espeak-ng is not installed, so s cannot read aloud (apt-get install espeak-ng)"
                                .into(),
                        );
                    }
                    speech::Spoken::Failed(error) => {
                        self.message = Some(format!("espeak-ng: {error}"));
                    }
                }
            }
            Action::StopSpeaking => self.speech.stop(),
            Action::DeleteEntry => self.ask_delete(),
            Action::Search => self.open_search(),
            Action::ToggleSelection => {
                self.selection = match self.selection {
                    Some(_) => None,
                    None => Some(self.word),
                }
            }
            Action::Submit => match &self.overlay {
                Some(Overlay::Form(_)) => self.save_form(),
                Some(Overlay::Search(_)) => self.run_search(),
                Some(Overlay::ConfirmDelete(_)) => self.confirm_delete(),
                _ => {}
            },
            Action::Cancel => self.overlay = None,
            Action::Input(_)
            | Action::NextField
            | Action::PreviousField
            | Action::CursorLeft
            | Action::CursorRight
            | Action::DeleteBack
            | Action::DeleteForward => self.edit_field(action),
            Action::Resize { columns, rows } => {
                self.screen.area = Rect::new(0, 0, columns, rows);
            }
            Action::Click { column, row } => self.click(column, row),
        }
        self.refresh();
    }

    /// Pasted text (bracketed paste): into the open form's field or the
    /// search prompt in one step, as text — a line break in it never
    /// presses Enter, nor do its letters reach the reader as keys.
    /// Elsewhere a paste does nothing. (Not an `Action`, which is `Copy`.)
    pub fn paste(&mut self, text: &str) {
        let field = match &mut self.overlay {
            Some(Overlay::Form(form)) => {
                form.error = None;
                form.field()
            }
            Some(Overlay::Search(field)) => field,
            _ => {
                self.message = Some(PASTE_OUTSIDE_A_FIELD.to_owned());
                return;
            }
        };
        if field.paste(text) {
            let cap = field.max_chars;
            self.message = Some(format!(
                "The paste was cut at {cap} characters, the most this field takes"
            ));
        }
        self.refresh();
    }

    /// Typing and moving in the open form or search prompt.
    fn edit_field(&mut self, action: Action) {
        let field = match &mut self.overlay {
            Some(Overlay::Form(form)) => {
                let count = form.fields.len();
                match action {
                    Action::NextField => form.focused = (form.focused + 1) % count,
                    Action::PreviousField => form.focused = (form.focused + count - 1) % count,
                    _ => {}
                }
                form.error = None;
                form.field()
            }
            Some(Overlay::Search(field)) => field,
            _ => return,
        };
        match action {
            Action::Input(c) if !c.is_control() => field.insert(c),
            Action::CursorLeft => field.move_on_screen(true),
            Action::CursorRight => field.move_on_screen(false),
            Action::DeleteBack => field.delete_back(),
            Action::DeleteForward => field.delete_forward(),
            _ => {}
        }
    }

    /// Recomputes everything derived from the state and the screen size.
    fn refresh(&mut self) {
        // Reap a finished reading-aloud process, so none lingers.
        self.speech.speaking();
        self.refresh_matches();
        self.screen = Screen::new(self.screen.area, self.glossary_visible, self.glossary_side);
        if self.screen.glossary.is_none() {
            self.focus = Focus::Reader;
        }
        let items = match &self.search_results {
            Some((_, hits)) => hits.len(),
            None => self.pane_entries().len(),
        };
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
        self.refresh_knowledge();
    }

    fn go_to(&mut self, index: usize) {
        let index = index.min(self.article.sentences.len() - 1);
        if index == self.sentence {
            return;
        }
        self.sentence = index;
        self.word = 0;
        self.selection = None;
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
        if self.overlay.is_some() {
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
}
