//! The reader pane: the article's sentences as the app's view placed them,
//! the current one highlighted with the word under the cursor marked, and
//! the study panel (translation, notes) under them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::view::{StudyHeading, StudyKind};
use crate::app::{App, Row};
use crate::text::{Cluster, Direction};

use super::strings;
use super::text::{draw_first_line, draw_line};
use super::theme::Theme;

pub fn draw(app: &App, buf: &mut Buffer, theme: &Theme) {
    let view = &app.view;
    // The cursor covers a word, a multi-word term or a selection.
    let span = app.cursor_span();
    let words = &app.current().words;
    let cursor = match (words.get(span.start), words.get(span.end.saturating_sub(1))) {
        (Some(first), Some(last)) => Some(first.start..last.end),
        _ => None,
    };
    for (row, y) in view.rows.iter().zip(view.text.top()..view.text.bottom()) {
        let Row::Text { sentence, .. } = row else {
            continue;
        };
        let sentence_index = *sentence;
        let Some((_, line)) = row.line() else {
            continue;
        };
        let is_current = *sentence == app.sentence;
        let heading = app.article.sentences[*sentence].heading;
        let base = match (is_current, heading) {
            (true, true) => theme.heading,
            (true, false) => theme.current,
            (false, _) => theme.other,
        };
        let x = view.line_x(line);
        let text = &app.article.sentences[sentence_index];
        let known = app.knowledge_of(sentence_index);
        let style_of = |cluster: &Cluster| {
            let offset = cluster.source.start;
            if is_current && cursor.as_ref().is_some_and(|span| span.contains(&offset)) {
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
        draw_line(buf, x, y, view.text.width, line, app.options.bidi, style_of);
        if is_current && let Some(gutter) = view.gutter_x {
            buf.set_string(gutter, y, strings::CURRENT_MARK, theme.current_mark);
        }
    }
    draw_study(app, buf, theme);
}

fn draw_study(app: &App, buf: &mut Buffer, theme: &Theme) {
    let area = app.view.study;
    let mode = app.options.bidi;
    for (row, y) in app.view.study_rows.iter().zip(area.top()..area.bottom()) {
        match (row.kind, &row.line) {
            (StudyKind::Heading, _) => {
                let label = match row.heading {
                    Some(StudyHeading::Notes) => strings::NOTES_HEADING,
                    _ => strings::TRANSLATION_HEADING,
                };
                let rule = format!("── {label} {}", "─".repeat(usize::from(area.width)));
                let cells = Rect::new(area.x, y, area.width, 1);
                draw_first_line(buf, cells, &rule, Direction::Ltr, theme.study_heading, mode);
            }
            (kind, Some(line)) => {
                let style = match kind {
                    StudyKind::Translation => theme.translation,
                    StudyKind::Note => theme.note,
                    _ => theme.missing,
                };
                draw_line(buf, area.x, y, area.width, line, mode, |_| style);
            }
            (_, None) => {}
        }
    }
    if app.view.study_hidden > 0 && area.height > 0 {
        let more = strings::more_lines(app.view.study_hidden);
        let width = super::text::width_of(&more).min(area.width);
        let cells = Rect::new(area.right() - width, area.bottom() - 1, width, 1);
        draw_first_line(buf, cells, &more, Direction::Ltr, theme.missing, mode);
    }
}
