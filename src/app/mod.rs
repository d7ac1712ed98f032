//! The reader's state and the one place it changes: [`App::update`].
//!
//! Everything that happens comes in as a [`Msg`] (the key table turns
//! terminal events into [`Action`]s; background work reports back with its
//! result), and `update` returns the [`Effect`]s it asks for (saving,
//! reading aloud) instead of doing them: nothing here touches a file, a
//! process or the clock, so tests drive the app without a terminal or a
//! library, and the widgets in `ui` draw from `&App` alone.

mod action;
mod drafting;
pub mod form;
mod glossary_pane;
pub mod interlinear;
pub mod keys;
mod msg;
mod notice;
mod review;
pub mod screen;
mod study;
mod study_panel;
pub mod view;

use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;

use crate::arabic::Analyser;
use crate::article::{Article, Sentence};
use chrono::{DateTime, Utc};
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;
use std::sync::Arc;

use crate::dict::{DictMatch, Dictionaries};
use crate::glossary::{Glossary, SentenceMatch, Stats, Status, WordGloss, knowledge_stats};

pub use action::Action;
pub use drafting::{DRAFT_BATCH, DraftBatch, Drafted, Drafting, DraftsSaved};
pub use form::{Field, Form, FormKind};
pub use glossary_pane::{
    GlossaryPane, ListedEntry, MAX_DICTIONARY_RESULTS, MAX_READINGS, PaneItem, PaneState,
    ShownEntry,
};
pub use msg::{
    Effect, EntryChange, EntrySaved, Msg, SentenceChange, SentenceEdit, SpeechProblem, StatusBefore,
};
pub use notice::{Notice, Unsaved};
pub use review::{ReviewItem, ReviewSession, due_entries};
pub use screen::{Screen, Side};
pub use study_panel::StudyPanel;
pub use view::{Interlinear, ReaderView, Row, WordAids, WordSpot};

/// What the learner knows of the words of each sentence laid out so far,
/// for colouring them.
#[derive(Debug, Default)]
pub struct Knowledge {
    by_sentence: HashMap<usize, Rc<Vec<Option<Status>>>>,
    /// Whether words are coloured (`c`): otherwise nothing is known here.
    shown: bool,
}

impl Knowledge {
    /// The status of each word of sentence `index`, once it has been on
    /// screen, while words are coloured.
    pub fn of(&self, index: usize) -> Option<&[Option<Status>]> {
        if !self.shown {
            return None;
        }
        self.by_sentence.get(&index).map(|k| k.as_slice())
    }
}

/// What is open over the panes; keys go to it first.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help,
    Form(Box<Form>),
    Search(Field),
    /// Delete the entry with this headword?
    ConfirmDelete(String),
    Review(Box<ReviewSession>),
    /// The last messages, in full (`m`).
    Messages,
}

/// How many messages `m` keeps.
pub const MAX_MESSAGES: usize = 20;

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

/// The modes the status line marks while they are on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Modes {
    /// A selection is being made with `v`.
    pub selecting: bool,
    /// A sentence is being read aloud.
    pub speaking: bool,
    /// Drafts are being made: sentences done, of how many.
    pub drafting: Option<(usize, usize)>,
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
    /// The translation and notes under the text.
    pub study: StudyPanel,
    pub focus: Focus,
    pub overlay: Option<Overlay>,
    /// Anchor word of a selection being made with `v`.
    pub selection: Option<usize>,
    /// Lines of the help scrolled away (the widget stops at its end).
    pub help_scroll: usize,
    /// Whether words are coloured by what the learner knows of them (`c`).
    pub word_colours: bool,
    /// Where the glossary pane is, and its selection.
    pub pane: PaneState,
    pub options: Options,
    /// A message for the status line, until the next key (a long one
    /// takes rows above it).
    pub message: Option<Notice>,
    /// The last [`MAX_MESSAGES`] messages, oldest first, for `m`.
    pub messages: VecDeque<Notice>,
    pub should_quit: bool,
    pub screen: Screen,
    pub view: ReaderView,
    pub glossary: Glossary,
    /// Whether there is a library folder to save entries, statuses,
    /// grades and sentences in.
    pub saves: bool,
    /// Glossary matches of the current sentence.
    pub matches: Vec<SentenceMatch>,
    matched_sentence: Option<usize>,
    /// The last search and its hits, shown in the glossary pane.
    pub search_results: Option<(String, Vec<usize>)>,
    /// What the dictionaries have for the last search (empty until they
    /// have loaded).
    pub search_dictionary: Vec<DictMatch>,
    /// What the glossary pane shows, computed after each change.
    pub glossary_pane: GlossaryPane,
    /// The dictionaries, once loaded in the background: until then lookups
    /// skip them and the pane says they are loading.
    pub dictionaries: Option<Arc<Dictionaries>>,
    /// The morphological analyser, once loaded: every glossary the app
    /// holds (a new one comes back with each save) reads words with it.
    analyser: Option<Arc<dyn Analyser>>,
    /// What the learner knows of each word, per sentence laid out so far.
    knowledge: Knowledge,
    /// The interlinear glosses of the sentences shown with gloss rows,
    /// worked out as they come on screen; forgotten when the glossary or
    /// the analyser changes.
    glosses: HashMap<usize, Rc<[WordGloss]>>,
    /// Whether the text is drawn with its vowels (`V`).
    pub vowelled: bool,
    /// The vowel marks of the sentences on screen, when `vowelled`, worked
    /// out as they come on screen.
    vowels: HashMap<usize, Rc<SentenceVowels>>,
    /// The article's word counts by knowledge (small articles only).
    pub stats: Option<Stats>,
    /// Whether the learner was told that espeak-ng is missing.
    told_speech_missing: bool,
    /// How many readings aloud (`s`) were asked for, and whether the last
    /// is still going as far as the app has heard: the status line's
    /// marker.
    speeches_asked: u64,
    pub speaking: bool,
    /// The library's other articles, for review sentences met there.
    other_articles: Vec<Article>,
    /// The time, as last told by the runner (reviews pick the entries due).
    clock: DateTime<Utc>,
    /// The reading position last asked to be saved (sentence index).
    position_saved: usize,
    /// Effects asked for during the current `update`.
    effects: Vec<Effect>,
    /// What `u` does: the last status change undone.
    undo: Option<EntryChange>,
    /// Started as `qari review`: leaving the review leaves qari.
    review_only: bool,
    /// The name of the learner's translator, when one is set (`D`).
    translator: Option<String>,
    /// The draft under way (`D`), if any.
    pub drafting: Option<Drafting>,
}

/// Adds to `cache` what `make` works out for each sentence that `wanted`
/// picks from the rows on screen and the cache lacks; past
/// [`GLOSSED_SENTENCES_KEPT`] sentences it starts afresh.
fn fill_for_rows<V>(
    cache: &mut HashMap<usize, V>,
    rows: &[Row],
    wanted: impl Fn(&Row) -> Option<usize>,
    make: impl Fn(usize) -> V,
) {
    if cache.len() > GLOSSED_SENTENCES_KEPT {
        cache.clear();
    }
    for index in rows.iter().filter_map(wanted) {
        cache.entry(index).or_insert_with(|| make(index));
    }
}

/// The word whose gloss (or transliteration) is drawn at `offset` cells
/// into a line's row, `spots` being the line's words: each runs right from
/// its word's leftmost cell up to the next one's, so it is the word that
/// starts last at or before `offset` (left of every word: the leftmost).
fn glossed_word_at(spots: &[view::WordSpot], offset: Option<usize>) -> Option<usize> {
    let offset = offset.unwrap_or(0);
    let before = spots
        .iter()
        .filter(|s| s.left <= offset)
        .max_by_key(|s| s.left);
    before
        .or_else(|| spots.iter().min_by_key(|s| s.left))
        .map(|s| s.word)
}

/// A sentence's vowel marks: (byte offset of a letter, the marks drawn on
/// it), in order.
pub type SentenceVowels = [(usize, String)];

/// Sentences whose interlinear glosses are kept (a screen shows far
/// fewer); beyond it they are worked out again.
const GLOSSED_SENTENCES_KEPT: usize = 512;

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
            study: StudyPanel::default(),
            focus: Focus::Reader,
            overlay: None,
            selection: None,
            help_scroll: 0,
            word_colours: true,
            // A terminal that reorders does so across whole rows, which
            // would mix the two panes: one pane only.
            pane: PaneState::new(options.bidi == BidiMode::App),
            options,
            message: None,
            messages: VecDeque::new(),
            should_quit: false,
            screen: Screen::default(),
            view,
            glossary: Glossary::default(),
            saves: false,
            matches: Vec::new(),
            matched_sentence: None,
            search_results: None,
            search_dictionary: Vec::new(),
            glossary_pane: GlossaryPane::default(),
            dictionaries: None,
            analyser: None,
            knowledge: Knowledge::default(),
            glosses: HashMap::new(),
            vowelled: false,
            vowels: HashMap::new(),
            stats: None,
            told_speech_missing: false,
            speeches_asked: 0,
            speaking: false,
            other_articles: Vec::new(),
            clock: DateTime::UNIX_EPOCH,
            position_saved: sentence,
            effects: Vec::new(),
            undo: None,
            review_only: false,
            translator: None,
            drafting: None,
        }
    }

    /// The app with the library's other articles (for review sentences).
    pub fn with_articles(mut self, articles: Vec<Article>) -> App {
        let id = self.article.id.clone();
        self.other_articles = articles.into_iter().filter(|a| a.id != id).collect();
        self
    }

    /// The app for `qari review`: leaving the review (`q`, or once it is
    /// done) leaves qari instead of going back to the reader.
    pub fn for_review(mut self) -> App {
        self.review_only = true;
        self
    }

    /// The app with glosses, transliteration and vowels as the learner
    /// left them (`i`, `x`, `V`, kept in `state.toml`).
    pub fn with_word_aids(mut self, aids: view::WordAids) -> App {
        self.view.interlinear = aids.interlinear;
        self.view.translit = aids.translit;
        self.vowelled = aids.vowelled;
        self
    }

    /// What the reader adds to the words now.
    pub fn word_aids(&self) -> view::WordAids {
        view::WordAids {
            interlinear: self.view.interlinear,
            translit: self.view.translit,
            vowelled: self.vowelled,
        }
    }

    /// Asks for [`App::word_aids`] to be kept for the next start.
    fn save_word_aids(&mut self) {
        if self.saves {
            self.effects.push(Effect::SaveWordAids(self.word_aids()));
        }
    }

    /// The modes that are on, for the status line.
    pub fn modes(&self) -> Modes {
        Modes {
            selecting: self.selection.is_some(),
            speaking: self.speaking,
            drafting: self.drafting.as_ref().map(|d| (d.done, d.total)),
        }
    }

    /// The app with a translator, named `name`, to draft translations
    /// with (`D`; the runner knows the command).
    pub fn with_translator(mut self, name: impl Into<String>) -> App {
        self.translator = Some(name.into());
        self
    }

    /// The app with a library folder: it asks for entries, statuses,
    /// grades and sentences to be saved (the runner knows where).
    pub fn with_saving(mut self) -> App {
        self.saves = true;
        self
    }

    /// Computes what the learner knows of the words of each visible
    /// sentence not yet known.
    fn refresh_knowledge(&mut self) {
        self.knowledge.shown = self.word_colours;
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
            if self.knowledge.by_sentence.contains_key(&index) {
                continue;
            }
            let sentence = &self.article.sentences[index];
            let words: Vec<&str> = sentence
                .words
                .iter()
                .map(|r| &sentence.ar[r.clone()])
                .collect();
            let known = self.glossary.knowledge(&words);
            self.knowledge.by_sentence.insert(index, Rc::new(known));
        }
    }

    /// What the learner knows of the words of sentence `index`, once it
    /// has been on screen.
    pub fn knowledge_of(&self, index: usize) -> Option<&[Option<Status>]> {
        self.knowledge.of(index)
    }

    /// What the learner knows of the words of the sentences on screen.
    pub fn knowledge(&self) -> &Knowledge {
        &self.knowledge
    }

    /// The interlinear glosses of the sentences on screen with gloss rows.
    pub fn glosses(&self) -> &HashMap<usize, Rc<[WordGloss]>> {
        &self.glosses
    }

    /// The vowel marks of the sentences on screen, when the text is drawn
    /// with its vowels.
    pub fn vowels(&self) -> Option<&HashMap<usize, Rc<SentenceVowels>>> {
        self.vowelled.then_some(&self.vowels)
    }

    /// Works out the vowels of the sentences on screen not yet vowelled.
    fn refresh_vowels(&mut self) {
        if !self.vowelled {
            return;
        }
        let (article, glossary) = (&self.article, &self.glossary);
        fill_for_rows(
            &mut self.vowels,
            &self.view.rows,
            Row::line_of_text,
            |index| {
                let text = &article.sentences[index];
                glossary
                    .vowels(&text.ar, &text.words, &text.readings)
                    .into()
            },
        );
    }

    /// Works out the glosses of the sentences that gained gloss or
    /// transliteration rows.
    fn refresh_glosses(&mut self) {
        let (article, glossary) = (&self.article, &self.glossary);
        fill_for_rows(
            &mut self.glosses,
            &self.view.rows,
            Row::annotated_sentence,
            |index| {
                let text = &article.sentences[index];
                let words: Vec<&str> = text.words.iter().map(|r| &text.ar[r.clone()]).collect();
                glossary.word_glosses(&words, &text.readings).into()
            },
        );
    }

    /// Forgets the glosses and vowels of sentence `index` (a reading was
    /// chosen in it).
    pub(crate) fn sentence_readings_changed(&mut self, index: usize) {
        self.glosses.remove(&index);
        self.vowels.remove(&index);
    }

    /// Forgets derived knowledge after the glossary changed.
    pub(crate) fn glossary_changed(&mut self) {
        self.knowledge.by_sentence.clear();
        self.glosses.clear();
        self.vowels.clear();
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

    /// The app with dictionaries already loaded.
    pub fn with_dictionaries(mut self, dictionaries: Arc<Dictionaries>) -> App {
        self.dictionaries = Some(dictionaries);
        self
    }

    /// The app reading words with `analyser` (as when its lexicon has
    /// loaded).
    pub fn with_analyser(mut self, analyser: Arc<dyn Analyser>) -> App {
        let _ = self.update(Msg::AnalyserLoaded(analyser));
        self
    }

    /// The dictionaries, once loaded.
    pub fn dictionaries_ready(&self) -> Option<&Dictionaries> {
        self.dictionaries.as_deref()
    }

    /// What the dictionaries say about the word under the cursor.
    pub fn dictionary_matches(&self) -> Vec<DictMatch> {
        match (self.dictionaries_ready(), self.current().word(self.word)) {
            (Some(dictionaries), Some(word)) => dictionaries.lookup(word),
            _ => Vec::new(),
        }
    }

    /// The app with a glossary.
    pub fn with_glossary(mut self, glossary: Glossary) -> App {
        self.glossary = glossary;
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

    /// Applies one message; the only way the state changes. Returns the
    /// work it asks the runner to do.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Vec<Effect> {
        let said = self.message.clone();
        match msg.into() {
            Msg::Terminal(Event::Paste(text)) => return self.update(Msg::Paste(text)),
            Msg::Terminal(event) => {
                let scope = keys::scope_for(self.focus, self.overlay.as_ref());
                match keys::action_for_event(&event, scope) {
                    Some(action) => return self.update(action),
                    None => return Vec::new(),
                }
            }
            Msg::TerminalLost(_) => return Vec::new(),
            Msg::Action(action) => {
                // A message stays until the next key.
                if !matches!(action, Action::Resize { .. }) {
                    self.message = None;
                }
                self.act(action);
            }
            Msg::Paste(text) => {
                self.message = None;
                self.paste(&text);
            }
            // The time alone changes nothing on screen.
            Msg::Clock(now) => {
                self.clock = now;
                return Vec::new();
            }
            Msg::Notice(text) => self.message = Some(Notice::Said(text)),
            Msg::DictionariesLoaded(dictionaries) => self.dictionaries = Some(dictionaries),
            Msg::AnalyserLoaded(analyser) => {
                self.analyser = Some(analyser);
                let glossary = std::mem::take(&mut self.glossary);
                self.replace_glossary(glossary);
            }
            Msg::EntrySaved(saved) => self.entry_saved(*saved),
            Msg::SentenceSaved {
                index,
                change,
                result,
            } => self.sentence_saved(index, change, result),
            Msg::Drafted(drafted) => self.drafted(*drafted),
            Msg::ArticleOnDisk(article) => self.article_on_disk(*article),
            Msg::GlossaryOnDisk(glossary) => self.replace_glossary(glossary),
            // Tried again at the next move (not at once: a full disk would
            // be asked again and again), and at exit.
            Msg::PositionNotSaved(error) => self.message = Some(Notice::Said(error)),
            Msg::SpeechFailed(problem) => self.speech_failed(problem),
            Msg::SpeechEnded { started } => {
                if started >= self.speeches_asked {
                    self.speaking = false;
                }
            }
        }
        if let Some(message) = &self.message
            && self.message != said
        {
            if self.messages.len() == MAX_MESSAGES {
                self.messages.pop_front();
            }
            self.messages.push_back(message.clone());
        }
        self.refresh();
        if self.position_saved != self.sentence {
            self.position_saved = self.sentence;
            self.effects.push(Effect::SavePosition {
                article: self.article.id.clone(),
                sentence: self.sentence + 1,
            });
        }
        std::mem::take(&mut self.effects)
    }

    /// A key action.
    fn act(&mut self, action: Action) {
        match action {
            Action::NextSentence => self.go_to(self.sentence.saturating_add(1)),
            Action::PreviousSentence => self.go_to(self.sentence.saturating_sub(1)),
            Action::FirstSentence => self.go_to(0),
            Action::LastSentence => self.go_to(usize::MAX),
            Action::NextWord => self.step_word(true),
            Action::PreviousWord => self.step_word(false),
            Action::WordLeft => self.word_on_screen(true),
            Action::WordRight => self.word_on_screen(false),
            Action::ToggleTranslation => self.study.toggle_translation(),
            Action::ToggleAlwaysTranslation => self.study.toggle_always_translation(),
            Action::ToggleNotes => self.study.toggle_notes(),
            Action::ToggleAlwaysNotes => self.study.toggle_always_notes(),
            Action::StudyDown => self.study.scroll_down(),
            Action::StudyUp => self.study.scroll_up(),
            Action::SwitchFocus => {
                self.focus = match self.focus {
                    Focus::Reader if self.screen.glossary.is_some() => Focus::Glossary,
                    _ => Focus::Reader,
                }
            }
            Action::GlossaryDown => self.pane.down(),
            Action::GlossaryUp => self.pane.up(),
            Action::ChooseReading => self.choose_reading(),
            Action::ToggleGlossaryPane if self.options.bidi == BidiMode::Terminal => {
                self.message = Some(Notice::OnePaneInTerminalBidi);
            }
            Action::ToggleGlossaryPane => self.pane.toggle(),
            Action::SwapGlossarySide => self.pane.swap_side(),
            Action::ToggleHelp => {
                self.overlay = if self.help_open() {
                    None
                } else {
                    Some(Overlay::Help)
                };
                self.help_scroll = 0;
            }
            Action::ToggleMessages => {
                self.overlay = match self.overlay {
                    Some(Overlay::Messages) => None,
                    _ => Some(Overlay::Messages),
                }
            }
            Action::HelpDown => self.help_scroll = self.help_scroll.saturating_add(1),
            Action::HelpUp => self.help_scroll = self.help_scroll.saturating_sub(1),
            Action::Back if self.overlay.is_some() => self.overlay = None,
            Action::Back if self.selection.is_some() => self.selection = None,
            Action::Back if self.search_results.is_some() => {
                self.search_results = None;
                self.search_dictionary.clear();
            }
            // Nothing open: Esc does nothing, so one Esc too many never quits.
            Action::Back => {}
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::Quit => {
                self.stop_speaking();
                self.should_quit = true;
            }
            Action::AddEntry => self.open_add_form(),
            Action::EditEntry => self.open_edit_form(),
            Action::EditSentence => self.open_sentence_form(),
            Action::Draft => self.draft(),
            Action::SetStatus(status) => self.set_status(status),
            Action::UndoStatus => self.undo_status(),
            Action::StartReview => self.start_review(),
            Action::ToggleWordColours => self.word_colours = !self.word_colours,
            Action::CycleInterlinear | Action::ToggleTranslit | Action::ToggleVowels
                if self.options.bidi == BidiMode::Terminal =>
            {
                self.message = Some(Notice::NoInterlinearInTerminalBidi);
            }
            Action::ToggleVowels => {
                self.vowelled = !self.vowelled;
                self.save_word_aids();
            }
            Action::ToggleTranslit => {
                self.view.translit = !self.view.translit;
                if self.view.translit && !self.view.glosses_fit() {
                    self.message = Some(Notice::TooNarrowForGlosses);
                }
                self.save_word_aids();
            }
            Action::CycleInterlinear => {
                self.view.interlinear = self.view.interlinear.next();
                if self.view.interlinear != Interlinear::Off && !self.view.glosses_fit() {
                    self.message = Some(Notice::TooNarrowForGlosses);
                }
                self.save_word_aids();
            }
            Action::Reveal => self.reveal(),
            Action::Grade(given) => self.grade_current(given),
            Action::Speak => self.speak(),
            Action::StopSpeaking => self.stop_speaking(),
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
            Action::Cancel if matches!(self.overlay, Some(Overlay::Review(_))) => {
                self.leave_review();
            }
            Action::Cancel => self.overlay = None,
            Action::Input(_)
            | Action::NextField
            | Action::PreviousField
            | Action::CursorLeft
            | Action::CursorRight
            | Action::DeleteBack
            | Action::DeleteForward
            | Action::FieldStart
            | Action::FieldEnd
            | Action::ClearField
            | Action::DeleteWordBack => self.edit_field(action),
            Action::Resize { columns, rows } => {
                self.screen.area = Rect::new(0, 0, columns, rows);
            }
            Action::Click { column, row } => self.click(column, row),
        }
    }

    /// `s`: the current sentence read aloud, the status line marked until
    /// it ends.
    fn speak(&mut self) {
        self.speeches_asked += 1;
        self.speaking = true;
        self.effects.push(Effect::Speak(self.current().ar.clone()));
    }

    fn stop_speaking(&mut self) {
        self.speaking = false;
        self.effects.push(Effect::StopSpeaking);
    }

    /// Says once that espeak-ng is missing; says every other failure.
    fn speech_failed(&mut self, problem: SpeechProblem) {
        self.speaking = false;
        match problem {
            SpeechProblem::Missing if std::mem::replace(&mut self.told_speech_missing, true) => {}
            SpeechProblem::Missing => self.message = Some(Notice::SpeechMissing),
            SpeechProblem::Failed(error) => self.message = Some(Notice::SpeechFailed(error)),
        }
    }

    /// Pasted text (bracketed paste): into the open form's field or the
    /// search prompt in one step, as text — a line break in it never
    /// presses Enter, nor do its letters reach the reader as keys.
    /// Elsewhere a paste does nothing.
    fn paste(&mut self, text: &str) {
        let field = match &mut self.overlay {
            Some(Overlay::Form(form)) => {
                form.error = None;
                form.field()
            }
            Some(Overlay::Search(field)) => field,
            _ => {
                self.message = Some(Notice::PasteOutsideAField);
                return;
            }
        };
        if field.paste(text) {
            let limit = field.max_chars;
            self.message = Some(Notice::PasteCut { limit });
        }
    }

    /// Typing and moving in the open form or search prompt.
    fn edit_field(&mut self, action: Action) {
        let field = match &mut self.overlay {
            Some(Overlay::Form(form)) => {
                let count = form.fields.len();
                if matches!(action, Action::NextField | Action::PreviousField) {
                    // A selection does not wait in a field left behind.
                    form.field().selected = false;
                }
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
            Action::FieldStart => field.home(),
            Action::FieldEnd => field.end(),
            Action::ClearField => field.clear(),
            Action::DeleteWordBack => field.delete_word_back(),
            _ => {}
        }
    }

    /// Recomputes everything derived from the state and the screen size.
    fn refresh(&mut self) {
        self.refresh_matches();
        let message_rows = self.message_rows();
        self.screen = Screen::new(
            self.screen.area,
            self.pane.visible(),
            self.pane.side(),
            message_rows,
        );
        if self.screen.glossary.is_none() {
            self.focus = Focus::Reader;
        }
        let width = view::column_width(self.screen.reader_inner.width);
        let no_translation = if self.study.translation_shown()
            && self.current().en.trim().is_empty()
        {
            let drafting = (self.drafting.as_ref()).is_some_and(|d| d.will_draft(self.sentence));
            crate::ui::strings::no_translation(self.translator.as_deref(), drafting)
        } else {
            String::new()
        };
        let study = view::study_rows(
            self.current(),
            self.context(),
            self.study.translation_shown(),
            self.study.notes_shown(),
            &no_translation,
            usize::from(width),
            self.options.bidi == BidiMode::App,
        );
        let (inner, scroll) = (self.screen.reader_inner, self.study.scroll());
        self.view
            .arrange(&self.article, self.sentence, inner, study, scroll);
        self.study.set_scroll(self.view.study_scroll);
        let cursor_line = self
            .view
            .line_of_word(&self.article, self.sentence, self.word);
        self.view
            .scroll_to(&self.article, self.sentence, cursor_line);
        self.refresh_knowledge();
        self.refresh_glosses();
        self.refresh_vowels();
        self.glossary_pane = if self.screen.glossary.is_some() {
            let mut pane = GlossaryPane::of(self);
            // The selection kept on one of what the pane shows.
            self.pane.clamp(pane.selectable());
            if pane.selected.is_some() {
                pane.selected = Some(self.pane.selected());
            }
            pane
        } else {
            GlossaryPane::default()
        };
    }

    /// The article's intro when at its first sentence, its outro when at
    /// its last (both, for an article of one sentence).
    fn context(&self) -> view::Context<'_> {
        let meta = &self.article.meta;
        let last = self.article.sentences.len().saturating_sub(1);
        view::Context {
            intro: if self.sentence == 0 { &meta.intro } else { &[] },
            outro: if self.sentence == last {
                &meta.outro
            } else {
                &[]
            },
        }
    }

    /// The rows above the status line the message needs: none when it fits
    /// on the status line beside the position and the mode markers.
    fn message_rows(&self) -> u16 {
        let Some(message) = &self.message else {
            return 0;
        };
        let text = message.to_string();
        let width = self.screen.area.width;
        let before: usize = crate::ui::strings::status_prefix(
            self.sentence,
            self.article.sentences.len(),
            self.modes(),
            width,
        )
        .iter()
        .map(|part| crate::text::text_width(part) + 2)
        .sum();
        if !text.contains('\n') && 1 + before + crate::text::text_width(&text) <= usize::from(width)
        {
            return 0;
        }
        let shape = self.options.bidi == BidiMode::App;
        let lines = screen::message_layout(&text, width, shape).lines.len();
        u16::try_from(lines).unwrap_or(u16::MAX)
    }

    fn go_to(&mut self, index: usize) {
        let index = index.min(self.article.sentences.len() - 1);
        if index == self.sentence {
            return;
        }
        self.sentence = index;
        self.word = 0;
        self.selection = None;
        self.pane.select_first();
        self.study.new_sentence();
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
        if let Some((sentence, index, line)) = self.view.row_at(row).and_then(Row::annotated_line) {
            let x = self.view.line_x(line);
            let word = {
                let mut spots = Vec::new();
                view::line_spots(&self.article.sentences[sentence], line, index, &mut spots);
                glossed_word_at(&spots, column.checked_sub(x).map(usize::from))
            };
            if let Some(word) = word {
                self.focus = Focus::Reader;
                self.go_to(sentence);
                self.word = word;
            }
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
