//! The reader pane: the article's sentences as the app's view placed them,
//! the current one highlighted with the word under the cursor marked, and
//! the study panel (translation, notes) under them.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use std::collections::HashMap;
use std::rc::Rc;

use crate::app::interlinear;
use crate::app::view::{self, StudyHeading, StudyKind};
use crate::app::{App, BidiMode, Knowledge, ReaderView, Row, SentenceVowels};
use crate::article::Article;
use crate::glossary::WordGloss;
use crate::text::{Cluster, Direction, Line, Paragraph};

use super::strings;
use super::text::{draw_first_line, draw_line};
use super::theme::Theme;

/// The reader pane's widget: the view (rows placed for this screen), the
/// article, and what to mark on it.
pub struct ReaderPane<'a> {
    pub view: &'a ReaderView,
    pub article: &'a Article,
    /// Index of the current sentence.
    pub current: usize,
    /// The bytes of the current sentence under the cursor (a word, a term
    /// or a selection).
    pub cursor: Option<Range<usize>>,
    /// What the learner knows of each word of the sentences on screen.
    pub knowledge: &'a Knowledge,
    pub theme: &'a Theme,
    pub bidi: BidiMode,
    /// The word glosses of the sentences shown with gloss rows.
    pub glosses: &'a HashMap<usize, Rc<[WordGloss]>>,
    /// With the text drawn vowelled (`V`): each sentence's marks, by the
    /// byte offset of the letter they go on.
    pub vowels: Option<&'a HashMap<usize, Rc<SentenceVowels>>>,
}

impl<'a> ReaderPane<'a> {
    /// The pane as `app` has it now.
    pub fn of(app: &'a App, theme: &'a Theme) -> Self {
        let span = app.cursor_span();
        let words = &app.current().words;
        let cursor = match (words.get(span.start), words.get(span.end.saturating_sub(1))) {
            (Some(first), Some(last)) => Some(first.start..last.end),
            _ => None,
        };
        ReaderPane {
            view: &app.view,
            article: &app.article,
            current: app.sentence,
            cursor,
            knowledge: app.knowledge(),
            theme,
            bidi: app.options.bidi,
            glosses: app.glosses(),
            vowels: app.vowels(),
        }
    }
}

impl Widget for ReaderPane<'_> {
    /// Draws where the view placed the text; `area` is the screen's.
    fn render(self, _area: Rect, buf: &mut Buffer) {
        let (view, theme) = (self.view, self.theme);
        for (row, y) in view.rows.iter().zip(view.text.top()..view.text.bottom()) {
            match row {
                Row::Gloss {
                    sentence,
                    line,
                    paragraph,
                } => {
                    self.draw_glosses(buf, y, *sentence, paragraph, *line, false);
                    continue;
                }
                Row::Translit {
                    sentence,
                    line,
                    paragraph,
                } => {
                    self.draw_glosses(buf, y, *sentence, paragraph, *line, true);
                    continue;
                }
                _ => {}
            }
            let Row::Text { sentence, .. } = row else {
                continue;
            };
            let sentence_index = *sentence;
            let Some((_, line)) = row.line() else {
                continue;
            };
            let is_current = *sentence == self.current;
            let text = &self.article.sentences[sentence_index];
            let base = match (is_current, text.heading) {
                (true, true) => theme.heading,
                (true, false) => theme.current,
                (false, _) => theme.other,
            };
            let x = view.line_x(line);
            let known = self.knowledge.of(sentence_index);
            let cursor = self.cursor.as_ref();
            let style_of = |cluster: &Cluster| {
                let offset = cluster.source.start;
                if is_current && cursor.is_some_and(|span| span.contains(&offset)) {
                    return theme.cursor_word;
                }
                // The word's colour for what the learner knows of it.
                let word = text
                    .word_at(offset)
                    .filter(|&w| text.words[w].contains(&offset));
                match (word, known) {
                    (Some(word), Some(known)) => {
                        let style = base.patch(theme.knowledge(known[word]));
                        if is_current {
                            style
                        } else {
                            style.patch(theme.dim_words)
                        }
                    }
                    _ => base,
                }
            };
            draw_line(buf, x, y, view.text.width, line, self.bidi, style_of);
            if let Some(marks) = self.vowels.and_then(|v| v.get(&sentence_index)) {
                draw_vowels(buf, x, y, view.text.width, line, marks);
            }
            if is_current && let Some(gutter) = view.gutter_x {
                // A sentence taller than the area says on its first and last
                // rows shown that more of it is above or below.
                let mark = if view.more_above && y == view.text.top() {
                    strings::MORE_ABOVE_MARK
                } else if view.more_below && y + 1 == view.text.bottom() {
                    strings::MORE_BELOW_MARK
                } else {
                    strings::CURRENT_MARK
                };
                buf.set_string(gutter, y, mark, theme.current_mark);
            }
        }
        draw_study(view, buf, theme, self.bidi);
    }
}

impl ReaderPane<'_> {
    /// The gloss row under line `line` of sentence `index` (or, with
    /// `translit`, its transliteration row): each word's gloss from its
    /// leftmost cell ([`interlinear::place`]), in the colour of what the
    /// learner knows of the word; the cursor word's marked.
    fn draw_glosses(
        &self,
        buf: &mut Buffer,
        y: u16,
        index: usize,
        paragraph: &Paragraph,
        line: usize,
        translit: bool,
    ) {
        let (view, theme) = (self.view, self.theme);
        let (Some(glosses), Some(text), Some(laid)) = (
            self.glosses.get(&index),
            self.article.sentences.get(index),
            paragraph.lines.get(line),
        ) else {
            return;
        };
        let mut spots = Vec::new();
        view::line_spots(text, laid, line, &mut spots);
        // A term's gloss goes under all its words on this line, as one.
        let runs: Vec<(usize, usize, usize)> = glosses
            .iter()
            .filter_map(|gloss| {
                let words = gloss.first..gloss.first + gloss.len;
                let on_line = spots.iter().filter(|spot| words.contains(&spot.word));
                let left = on_line.clone().map(|spot| spot.left).min()?;
                let right = on_line.map(|spot| spot.right).max()?;
                Some((gloss.first, left, right))
            })
            .collect();
        let x = view.line_x(laid);
        let width = usize::from(view.text.right().saturating_sub(x));
        let text_of = |first: usize| {
            let gloss = glosses.iter().find(|gloss| gloss.first == first)?;
            if translit {
                gloss.translit.as_deref()
            } else {
                Some(gloss.text.as_str())
            }
        };
        let known = self.knowledge.of(index);
        let is_current = index == self.current;
        for placed in interlinear::place(&runs, text_of, width) {
            let span = text.words.get(placed.word).map(|w| w.start);
            let under_cursor = is_current
                && span
                    .is_some_and(|start| self.cursor.as_ref().is_some_and(|c| c.contains(&start)));
            let style = if under_cursor {
                theme.cursor_word
            } else {
                match known {
                    Some(known) => theme.gloss.patch(theme.knowledge(known[placed.word])),
                    None => theme.gloss,
                }
            };
            let column = x + u16::try_from(placed.column).unwrap_or(u16::MAX);
            buf.set_stringn(column, y, &placed.text, width - placed.column, style);
        }
    }
}

/// The vowels of a line drawn (`marks`: the byte offset in the sentence of
/// a letter, and its marks): each letter's marks are added to the cell of
/// the cluster the engine drew it in. Marks take no cell and do not change
/// how letters join, so the line's layout and shaping stay the engine's.
fn draw_vowels(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max_width: u16,
    line: &Line,
    marks: &[(usize, String)],
) {
    let limit = usize::from(max_width.min(buf.area.right().saturating_sub(x)));
    for cluster in &line.clusters {
        if cluster.width == 0 || cluster.column + cluster.width > limit {
            continue;
        }
        let first = marks.partition_point(|(at, _)| *at < cluster.source.start);
        let on: String = marks[first..]
            .iter()
            .take_while(|(at, _)| *at < cluster.source.end)
            .map(|(_, m)| m.as_str())
            .collect();
        if on.is_empty() {
            continue;
        }
        let Ok(column) = u16::try_from(cluster.column) else {
            continue;
        };
        let cell = &mut buf[(x + column, y)];
        let symbol = format!("{}{on}", cell.symbol());
        cell.set_symbol(&symbol);
    }
}

/// The study panel (translation, notes) the view placed under the text.
fn draw_study(view: &ReaderView, buf: &mut Buffer, theme: &Theme, mode: BidiMode) {
    let area = view.study;
    for (row, y) in view.study_rows.iter().zip(area.top()..area.bottom()) {
        match (row.kind, &row.line) {
            (StudyKind::Heading, _) => {
                let label = match row.heading {
                    Some(StudyHeading::Notes) => strings::NOTES_HEADING,
                    Some(StudyHeading::Intro) => strings::INTRO_HEADING,
                    Some(StudyHeading::Outro) => strings::OUTRO_HEADING,
                    _ => strings::TRANSLATION_HEADING,
                };
                let rule = format!("── {label} {}", "─".repeat(usize::from(area.width)));
                let cells = Rect::new(area.x, y, area.width, 1);
                draw_first_line(buf, cells, &rule, Direction::Ltr, theme.study_heading, mode);
            }
            (kind, Some(line)) => {
                let style = match kind {
                    StudyKind::Translation => theme.translation,
                    StudyKind::Note | StudyKind::Context => theme.note,
                    _ => theme.missing,
                };
                draw_line(buf, area.x, y, area.width, line, mode, |_| style);
            }
            (_, None) => {}
        }
    }
    if view.study_hidden > 0 && area.height > 0 {
        let more = strings::more_lines(view.study_hidden);
        let width = super::text::width_of(&more).min(area.width);
        let cells = Rect::new(area.right() - width, area.bottom() - 1, width, 1);
        draw_first_line(buf, cells, &more, Direction::Ltr, theme.missing, mode);
    }
}
