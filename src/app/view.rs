//! The reader pane's view: which lines of which sentences are on screen,
//! and the study panel (translation and notes) under them.
//!
//! Sentences are laid out by the text engine lazily, one at a time, and
//! cached per (sentence, width): a key press lays out only what becomes
//! visible, so its cost does not grow with the article's length. The scroll
//! position is an anchor (sentence, line), never an absolute row, for the
//! same reason.

use std::collections::HashMap;
use std::rc::Rc;

use ratatui::layout::Rect;

use crate::arabic::{Written, direction};
use crate::article::{Article, Sentence};
use crate::text::{Direction, LayoutOptions, Line, Paragraph, layout};

use super::screen::MAX_TEXT_WIDTH;

/// The narrowest text column that gets interlinear gloss rows: narrower,
/// a line holds two or three words and their glosses would be cut to a
/// letter and `…`.
pub const MIN_GLOSS_WIDTH: u16 = 24;

/// Cached layouts beyond this many are dropped (a screen shows far fewer).
const CACHE_LIMIT: usize = 2048;

/// The first visible row: a line of a sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Anchor {
    pub sentence: usize,
    pub line: usize,
}

/// One row of the reader's text area.
#[derive(Debug, Clone)]
pub enum Row {
    /// Between paragraphs.
    Blank,
    Text {
        sentence: usize,
        line: usize,
        paragraph: Rc<Paragraph>,
    },
    /// The interlinear glosses of the line above ([`Interlinear`]).
    Gloss {
        sentence: usize,
        line: usize,
        paragraph: Rc<Paragraph>,
    },
    /// The transliteration of the words of the line above (`x`), under
    /// its gloss row when there is one.
    Translit {
        sentence: usize,
        line: usize,
        paragraph: Rc<Paragraph>,
    },
}

/// What a row under a line of text holds.
enum RowKind {
    Text,
    Gloss,
    Translit,
}

/// What the reader adds to the words, as the learner left it: kept in
/// `state.toml` for the next start.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordAids {
    /// Word glosses under the lines (`i`).
    pub interlinear: Interlinear,
    /// A transliteration row (`x`).
    pub translit: bool,
    /// The text with its vowels (`V`).
    pub vowelled: bool,
}

/// Which sentences show a row of word glosses under each of their lines
/// (`i` cycles through them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Interlinear {
    #[default]
    Off,
    /// Every sentence on screen.
    All,
    /// The current sentence only.
    Current,
}

impl Interlinear {
    /// The mode as `state.toml` keeps it: `all`, `current`, none when off.
    pub fn name(self) -> Option<&'static str> {
        match self {
            Interlinear::Off => None,
            Interlinear::All => Some("all"),
            Interlinear::Current => Some("current"),
        }
    }

    /// The mode `state.toml` names (anything else is off).
    pub fn from_name(name: Option<&str>) -> Interlinear {
        match name {
            Some("all") => Interlinear::All,
            Some("current") => Interlinear::Current,
            _ => Interlinear::Off,
        }
    }

    /// The next mode of the cycle: every sentence, the current one, off.
    pub fn next(self) -> Interlinear {
        match self {
            Interlinear::Off => Interlinear::All,
            Interlinear::All => Interlinear::Current,
            Interlinear::Current => Interlinear::Off,
        }
    }
}

impl Row {
    /// The sentence whose text this row shows, if it is a line of text.
    pub fn line_of_text(&self) -> Option<usize> {
        match self {
            Row::Text { sentence, .. } => Some(*sentence),
            _ => None,
        }
    }

    /// The sentence whose words this row glosses or transliterates.
    pub fn annotated_sentence(&self) -> Option<usize> {
        match self {
            Row::Gloss { sentence, .. } | Row::Translit { sentence, .. } => Some(*sentence),
            _ => None,
        }
    }

    /// The sentence, line index and line of text this row glosses or
    /// transliterates.
    pub fn annotated_line(&self) -> Option<(usize, usize, &Line)> {
        match self {
            Row::Gloss {
                sentence,
                line,
                paragraph,
            }
            | Row::Translit {
                sentence,
                line,
                paragraph,
            } => paragraph.lines.get(*line).map(|l| (*sentence, *line, l)),
            Row::Blank | Row::Text { .. } => None,
        }
    }

    /// The sentence and line of text this row shows (not a gloss row's).
    pub fn line(&self) -> Option<(usize, &Line)> {
        match self {
            Row::Blank | Row::Gloss { .. } | Row::Translit { .. } => None,
            Row::Text {
                sentence,
                line,
                paragraph,
            } => paragraph.lines.get(*line).map(|l| (*sentence, l)),
        }
    }
}

/// What a row of the study panel holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StudyKind {
    /// A rule with a label: translation or notes.
    Heading,
    Translation,
    /// A translation or notes slot that is still empty.
    Missing,
    Note,
    /// A line of the article's intro or outro.
    Context,
}

#[derive(Debug, Clone)]
pub struct StudyRow {
    pub kind: StudyKind,
    /// Set for headings: which one.
    pub heading: Option<StudyHeading>,
    pub line: Option<Line>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StudyHeading {
    Translation,
    Notes,
    /// The article's intro, with its first sentence.
    Intro,
    /// The article's outro, with its last sentence.
    Outro,
}

pub const NO_NOTES: &str = "(no notes for this sentence)";
/// Marks each note in the study panel.
pub const NOTE_BULLET: &str = "• ";

/// A word's place on screen, in the text area's coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordSpot {
    pub word: usize,
    /// Line of the sentence's layout.
    pub line: usize,
    /// First and one-past-last column within the line.
    pub left: usize,
    pub right: usize,
}

/// The reader pane's geometry and visible content.
#[derive(Debug, Default)]
pub struct ReaderView {
    /// Where sentence lines are drawn (a column inside the reader pane).
    pub text: Rect,
    /// Where the current-sentence marker goes.
    pub gutter_x: Option<u16>,
    /// Where the study panel goes (empty when nothing is revealed).
    pub study: Rect,
    pub study_rows: Vec<StudyRow>,
    /// Study rows that did not fit below the panel.
    pub study_hidden: usize,
    /// Study rows scrolled off above the panel.
    pub study_scroll: usize,
    pub top: Anchor,
    pub rows: Vec<Row>,
    /// Lines of the current sentence are out of view above the area (it is
    /// taller than the area, or scrolled).
    pub more_above: bool,
    /// Lines of the current sentence are out of view below the area.
    pub more_below: bool,
    /// Which sentences have gloss rows.
    pub interlinear: Interlinear,
    /// Whether lines have a transliteration row (`x`): under the gloss row
    /// of the sentences that have one, else under every line.
    pub translit: bool,
    /// The current sentence, as the last [`ReaderView::arrange`] was told.
    current: usize,
    cache: HashMap<(usize, usize), Rc<Paragraph>>,
    direction: Direction,
    shape: bool,
}

impl ReaderView {
    pub fn new(article: &Article, shape: bool) -> Self {
        ReaderView {
            direction: direction(Written::InLanguage(&article.meta.language)),
            shape,
            ..ReaderView::default()
        }
    }

    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// The layout of `sentence` at the text width, from the cache.
    pub fn sentence_layout(&mut self, article: &Article, index: usize) -> Rc<Paragraph> {
        let width = usize::from(self.text.width.max(1));
        if let Some(paragraph) = self.cache.get(&(index, width)) {
            return Rc::clone(paragraph);
        }
        if self.cache.len() >= CACHE_LIMIT {
            self.cache.clear();
        }
        let text = article.sentences.get(index).map_or("", |s| s.ar.as_str());
        let options = LayoutOptions {
            width,
            direction: self.direction,
            shape: self.shape,
        };
        let paragraph = Rc::new(layout(text, &options));
        self.cache.insert((index, width), Rc::clone(&paragraph));
        paragraph
    }

    /// Rows each line of sentence `index` takes: one, and one more for its
    /// glosses when [`ReaderView::interlinear`] shows them.
    pub fn rows_per_line(&self, index: usize) -> usize {
        1 + usize::from(self.has_glosses(index)) + usize::from(self.has_translit(index))
    }

    /// Whether sentence `index`'s lines have a gloss row.
    pub fn has_glosses(&self, index: usize) -> bool {
        self.glosses_fit()
            && match self.interlinear {
                Interlinear::All => true,
                Interlinear::Current => index == self.current,
                Interlinear::Off => false,
            }
    }

    /// Whether sentence `index`'s lines have a transliteration row: with
    /// glosses on the current sentence only, that one; else every one.
    pub fn has_translit(&self, index: usize) -> bool {
        self.translit
            && self.glosses_fit()
            && (self.interlinear != Interlinear::Current || index == self.current)
    }

    /// What row `k` (from 0) under a line of sentence `index` holds.
    fn row_under_line(&self, index: usize, k: usize) -> RowKind {
        match (k, self.has_glosses(index)) {
            (0, _) => RowKind::Text,
            (1, true) => RowKind::Gloss,
            _ => RowKind::Translit,
        }
    }

    /// Whether the text column is wide enough for glosses to say anything
    /// ([`MIN_GLOSS_WIDTH`]); narrower, the lines go without them.
    pub fn glosses_fit(&self) -> bool {
        self.text.width >= MIN_GLOSS_WIDTH
    }

    /// Rows sentence `index` takes (its lines and their gloss rows).
    fn height_of(&mut self, article: &Article, index: usize) -> usize {
        self.sentence_layout(article, index).lines.len().max(1) * self.rows_per_line(index)
    }

    /// Places the text column and the study panel inside `inner` (the reader
    /// pane inside its border). The study panel gets what the current
    /// sentence leaves, but at least half the pane; `scroll` skips its first
    /// rows.
    pub fn arrange(
        &mut self,
        article: &Article,
        current: usize,
        inner: Rect,
        study: Vec<StudyRow>,
        scroll: usize,
    ) {
        self.current = current;
        let (gutter, _) = gutter_and_margin(inner.width);
        let width = column_width(inner.width);
        let spare = inner.width - gutter - width;
        let left_margin = spare / 2;
        let rtl = self.direction != Direction::Ltr;
        let text_x = if rtl {
            inner.x + spare - left_margin
        } else {
            inner.x + left_margin + gutter
        };
        self.gutter_x = (gutter > 0).then(|| if rtl { text_x + width + 1 } else { text_x - 2 });
        self.text = Rect::new(text_x, inner.y, width, inner.height);

        let pane = usize::from(inner.height);
        let study_height = if study.is_empty() || pane < 2 {
            0
        } else {
            let sentence = self.height_of(article, current);
            let text_rows = (sentence + 1).min(pane / 2).max(pane / 3).max(1);
            study.len().min(pane - text_rows)
        };
        self.study_scroll = scroll.min(study.len() - study_height);
        let mut rows = study;
        rows.drain(..self.study_scroll);
        self.study_hidden = rows.len() - study_height;
        if study_height == 0 {
            self.study_hidden = 0;
        } else if self.study_hidden > 0 {
            // The last row says how much more there is.
            self.study_hidden += 1;
        }
        rows.truncate(study_height - usize::from(self.study_hidden > 0));
        self.study_rows = rows;
        let study_height = study_height as u16;
        self.text.height = inner.height - study_height;
        let study_x = if rtl {
            text_x
        } else {
            inner.x + left_margin + gutter
        };
        self.study = Rect::new(study_x, self.text.bottom(), width, study_height);
    }

    /// Moves the anchor the least that shows all of sentence `current`
    /// plus one row of what follows, then fills the rows. A sentence taller
    /// than the area is followed inside: the anchor moves the least that
    /// shows `cursor_line` (the line of the word under the cursor, and its
    /// gloss row), and [`ReaderView::more_above`] /
    /// [`ReaderView::more_below`] say what of it is out of view. The
    /// anchor's `line` counts rows of its sentence, gloss rows included.
    pub fn scroll_to(&mut self, article: &Article, current: usize, cursor_line: usize) {
        let height = usize::from(self.text.height);
        let last = article.sentences.len().saturating_sub(1);
        let current = current.min(last);
        self.current = current;
        // The anchor may be stale after a resize or a jump.
        self.top.sentence = self.top.sentence.min(last);
        let top_height = self.height_of(article, self.top.sentence);
        self.top.line = self.top.line.min(top_height - 1);
        let own = self.height_of(article, current);
        let per_line = self.rows_per_line(current);
        let cursor_line = cursor_line.min(own / per_line - 1);
        let (cursor_first, cursor_last) = (
            cursor_line * per_line,
            cursor_line * per_line + per_line - 1,
        );

        if height > 0 && own > height {
            // Taller than the area: the view stays inside the sentence and
            // follows the cursor's line.
            let mut line = if self.top.sentence == current {
                self.top.line
            } else {
                0
            };
            if cursor_first < line {
                line = cursor_first;
            } else if cursor_last >= line + height {
                line = (cursor_last + 1).saturating_sub(height);
            }
            self.top = Anchor {
                sentence: current,
                line: line.min(own - height),
            };
        } else if current < self.top.sentence || (current == self.top.sentence && self.top.line > 0)
        {
            self.top = Anchor {
                sentence: current,
                line: 0,
            };
        } else if height > 0 {
            // Rows from the anchor down to the end of `current`, plus one row
            // of context after it, stopping as soon as they overflow.
            let wanted = height.min(own + usize::from(current < last));
            let mut rows = self.height_of(article, self.top.sentence) - self.top.line;
            let mut index = self.top.sentence;
            while index < current && rows <= height {
                index += 1;
                rows += usize::from(article.paragraph_break_before(index))
                    + self.height_of(article, index);
            }
            let context = usize::from(current < last);
            if rows + context > height || index < current {
                self.top = self.anchor_ending_with(article, current, wanted, height);
            }
        }
        self.fill_rows(article, height);
        let shown = self
            .rows
            .iter()
            .filter_map(|row| match row {
                Row::Text { sentence, line, .. } if *sentence == current => Some(line * per_line),
                Row::Gloss { sentence, line, .. } if *sentence == current => {
                    Some(line * per_line + 1)
                }
                Row::Translit { sentence, line, .. } if *sentence == current => {
                    Some(line * per_line + per_line - 1)
                }
                _ => None,
            })
            .fold(None, |range: Option<(usize, usize)>, line| match range {
                Some((first, _)) => Some((first, line)),
                None => Some((line, line)),
            });
        (self.more_above, self.more_below) = match shown {
            Some((first, end)) => (first > 0, end + 1 < own),
            None => (false, false),
        };
    }

    /// The anchor that puts the last line of `current` (plus one row of
    /// context) at the bottom of `height` rows; at most `current`'s first line.
    fn anchor_ending_with(
        &mut self,
        article: &Article,
        current: usize,
        wanted: usize,
        height: usize,
    ) -> Anchor {
        let own = self.height_of(article, current);
        if own + usize::from(wanted > own) > height {
            return Anchor {
                sentence: current,
                line: 0,
            };
        }
        let mut room = height - wanted;
        let mut anchor = Anchor {
            sentence: current,
            line: 0,
        };
        while room > 0 && anchor.sentence > 0 {
            let gap = usize::from(article.paragraph_break_before(anchor.sentence));
            if room <= gap {
                break;
            }
            room -= gap;
            let previous = anchor.sentence - 1;
            let lines = self.height_of(article, previous);
            if lines <= room {
                room -= lines;
                anchor = Anchor {
                    sentence: previous,
                    line: 0,
                };
            } else {
                anchor = Anchor {
                    sentence: previous,
                    line: lines - room,
                };
                room = 0;
            }
        }
        anchor
    }

    fn fill_rows(&mut self, article: &Article, height: usize) {
        self.rows.clear();
        let mut index = self.top.sentence;
        let mut line = self.top.line;
        while self.rows.len() < height && index < article.sentences.len() {
            let paragraph = self.sentence_layout(article, index);
            let per_line = self.rows_per_line(index);
            for number in line..paragraph.lines.len() * per_line {
                if self.rows.len() == height {
                    break;
                }
                let (sentence, line, paragraph) = (index, number / per_line, Rc::clone(&paragraph));
                self.rows
                    .push(match self.row_under_line(index, number % per_line) {
                        RowKind::Text => Row::Text {
                            sentence,
                            line,
                            paragraph,
                        },
                        RowKind::Gloss => Row::Gloss {
                            sentence,
                            line,
                            paragraph,
                        },
                        RowKind::Translit => Row::Translit {
                            sentence,
                            line,
                            paragraph,
                        },
                    });
            }
            index += 1;
            line = 0;
            if article.paragraph_break_before(index) && self.rows.len() < height {
                self.rows.push(Row::Blank);
            }
        }
    }

    /// Where each word of sentence `index` is, in visual order per line.
    pub fn word_spots(&mut self, article: &Article, index: usize) -> Vec<WordSpot> {
        let Some(sentence) = article.sentences.get(index) else {
            return Vec::new();
        };
        let paragraph = self.sentence_layout(article, index);
        spots(sentence, &paragraph)
    }

    /// The line of sentence `index`'s layout that word `word` is on.
    pub fn line_of_word(&mut self, article: &Article, index: usize, word: usize) -> usize {
        self.word_spots(article, index)
            .iter()
            .find(|spot| spot.word == word)
            .map_or(0, |spot| spot.line)
    }

    /// The sentence line at a text-area row, if the row shows one.
    pub fn row_at(&self, y: u16) -> Option<&Row> {
        let offset = y.checked_sub(self.text.y)?;
        self.rows.get(usize::from(offset))
    }

    /// The column where a line starts, so that RTL lines end flush right.
    pub fn line_x(&self, line: &Line) -> u16 {
        let width = u16::try_from(line.width)
            .unwrap_or(u16::MAX)
            .min(self.text.width);
        if line.rtl {
            self.text.right() - width
        } else {
            self.text.x
        }
    }
}

/// The words of a sentence as they sit on its lines.
fn spots(sentence: &Sentence, paragraph: &Paragraph) -> Vec<WordSpot> {
    let mut spots: Vec<WordSpot> = Vec::new();
    for (line_index, line) in paragraph.lines.iter().enumerate() {
        line_spots(sentence, line, line_index, &mut spots);
    }
    spots
}

/// Adds to `spots` the words of `sentence` on `line` (line `line_index` of
/// its layout), in visual order: what a line's gloss row is placed by.
pub fn line_spots(sentence: &Sentence, line: &Line, line_index: usize, spots: &mut Vec<WordSpot>) {
    let first_on_line = spots.len();
    for cluster in &line.clusters {
        let Some(word) = sentence.word_at(cluster.source.start) else {
            continue;
        };
        if !sentence.words[word].contains(&cluster.source.start) {
            continue; // a space or punctuation
        }
        let (left, right) = (cluster.column, cluster.column + cluster.width);
        match spots[first_on_line..].iter_mut().find(|s| s.word == word) {
            Some(spot) => {
                spot.left = spot.left.min(left);
                spot.right = spot.right.max(right);
            }
            None => spots.push(WordSpot {
                word,
                line: line_index,
                left,
                right,
            }),
        }
    }
}

/// Two cells for the current-sentence marker and a space on the side lines
/// start, and one cell of margin on the other side, when there is room.
fn gutter_and_margin(pane_width: u16) -> (u16, u16) {
    if pane_width > 8 { (2, 1) } else { (0, 0) }
}

/// The width of the text column (and of the study panel) in a reader pane
/// `pane_width` cells wide.
pub fn column_width(pane_width: u16) -> u16 {
    let (gutter, margin) = gutter_and_margin(pane_width);
    (pane_width - gutter - margin).min(MAX_TEXT_WIDTH)
}

/// What the study panel shows beside the sentence's own translation and
/// notes: the article's intro (before them) and outro (after them), empty
/// for the sentences between the first and the last.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    pub intro: &'a [String],
    pub outro: &'a [String],
}

/// Lays out the study panel: the intro, the translation (or, when there is
/// none, `no_translation`), the notes, then the outro, at `width`.
pub fn study_rows(
    sentence: &Sentence,
    context: Context<'_>,
    translation: bool,
    notes: bool,
    no_translation: &str,
    width: usize,
    shape: bool,
) -> Vec<StudyRow> {
    let options = LayoutOptions {
        width: width.max(1),
        direction: Direction::Ltr,
        shape,
    };
    let mut rows = Vec::new();
    let push_text = |rows: &mut Vec<StudyRow>, kind, text: &str| {
        for line in layout(text, &options).lines {
            rows.push(StudyRow {
                kind,
                heading: None,
                line: Some(line),
            });
        }
    };
    let heading = |which| StudyRow {
        kind: StudyKind::Heading,
        heading: Some(which),
        line: None,
    };
    let push_context = |rows: &mut Vec<StudyRow>, which, paragraphs: &[String]| {
        if paragraphs.is_empty() {
            return;
        }
        rows.push(heading(which));
        for paragraph in paragraphs {
            push_text(
                rows,
                StudyKind::Context,
                &format!("{NOTE_BULLET}{paragraph}"),
            );
        }
    };
    push_context(&mut rows, StudyHeading::Intro, context.intro);
    if translation {
        rows.push(heading(StudyHeading::Translation));
        if sentence.en.trim().is_empty() {
            push_text(&mut rows, StudyKind::Missing, no_translation);
        } else {
            push_text(&mut rows, StudyKind::Translation, &sentence.en);
            if sentence.en_source.is_some() {
                let label = crate::ui::strings::draft_label(sentence.en_translator.as_deref());
                push_text(&mut rows, StudyKind::Missing, &label);
            }
        }
    }
    if notes {
        rows.push(heading(StudyHeading::Notes));
        if sentence.notes.is_empty() {
            push_text(&mut rows, StudyKind::Missing, NO_NOTES);
        }
        for note in &sentence.notes {
            push_text(&mut rows, StudyKind::Note, &format!("{NOTE_BULLET}{note}"));
        }
    }
    push_context(&mut rows, StudyHeading::Outro, context.outro);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[StudyRow]) -> Vec<String> {
        rows.iter()
            .filter_map(|r| r.line.as_ref())
            .map(|line| line.text.clone())
            .collect()
    }

    #[test]
    fn a_draft_is_labelled_as_one_under_its_text() {
        let mut sentence = Sentence::new("أ.".into(), "A draft.".into(), vec![]);
        let context = Context {
            intro: &[],
            outro: &[],
        };
        let plain = study_rows(&sentence, context, true, false, "", 80, true);
        assert_eq!(texts(&plain), ["A draft."]);
        sentence.en_source = Some("machine".into());
        sentence.en_translator = Some("trans".into());
        let drafted = study_rows(&sentence, context, true, false, "", 80, true);
        assert_eq!(
            texts(&drafted),
            ["A draft.", "(a machine draft by trans; E makes it yours)"]
        );
    }
}
