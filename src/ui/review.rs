//! The review screen: the sentence where the entry was met, the word
//! highlighted; then its gloss and the sentence's translation.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use crate::app::{BidiMode, ReviewSession};
use crate::arabic::{LANGUAGE, Written, direction};
use crate::text::Direction;

/// Review sentences come from articles, which are in Arabic.
const ARABIC: Written<'static> = Written::InLanguage(LANGUAGE);

use super::overlay::boxed;
use super::strings;
use super::text::{draw_line, draw_text, layout_at};
use super::theme::Theme;

pub fn draw(mode: BidiMode, session: &ReviewSession, area: Rect, buf: &mut Buffer, theme: &Theme) {
    // The panes are hidden behind the review: the glossary pane would show
    // the answer beside the question. The status line stays.
    Clear.render(
        Rect::new(area.x, area.y, area.width, area.height.saturating_sub(1)),
        buf,
    );
    let width = area.width.saturating_sub(4).min(90);
    let inner = boxed(
        area,
        width,
        area.height.saturating_sub(2),
        strings::REVIEW_TITLE,
        mode,
        buf,
        theme,
    );
    if inner.is_empty() {
        return;
    }
    let body = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    let mut y = body.y;
    let row = |y: u16, height: u16| {
        Rect::new(
            body.x,
            y,
            body.width,
            height.min(body.bottom().saturating_sub(y)),
        )
    };
    let progress = strings::review_progress(session.current, session.items.len(), session.graded);
    y += draw_text(buf, row(y, 1), &progress, Direction::Ltr, theme.dim, mode) + 1;
    let Some(item) = session.item() else {
        draw_text(
            buf,
            row(y, 4),
            &strings::review_summary(session),
            Direction::Ltr,
            theme.current,
            mode,
        );
        return;
    };
    // The sentence (Arabic: right to left), the word in the cursor's style.
    match &item.sentence {
        Some((arabic, word, _)) => {
            let paragraph = layout_at(arabic, body.width, direction(ARABIC), mode);
            for line in &paragraph.lines {
                if y >= body.bottom() {
                    break;
                }
                let line_width = u16::try_from(line.width)
                    .unwrap_or(u16::MAX)
                    .min(body.width);
                let x = body.right() - line_width;
                draw_line(buf, x, y, body.width, line, mode, |cluster| {
                    if word.contains(&cluster.source.start) {
                        theme.cursor_word
                    } else {
                        theme.current
                    }
                });
                y += 1;
            }
        }
        None => {
            y += draw_text(
                buf,
                row(y, 1),
                &item.entry.headword,
                Direction::Auto,
                theme.heading,
                mode,
            );
            y += draw_text(
                buf,
                row(y, 1),
                strings::REVIEW_NO_SENTENCE,
                Direction::Ltr,
                theme.missing,
                mode,
            );
        }
    }
    y += 1;
    if session.revealed {
        let entry = &item.entry;
        let mut head = entry.headword.clone();
        for part in [&entry.translit, &entry.pos] {
            if !part.is_empty() {
                head.push_str("  ");
                head.push_str(part);
            }
        }
        y += draw_text(buf, row(y, 2), &head, Direction::Ltr, theme.heading, mode);
        y += draw_text(
            buf,
            row(y, 4),
            &entry.senses.join("; "),
            Direction::Ltr,
            theme.translation,
            mode,
        ) + 1;
        if let Some((_, _, english)) = &item.sentence
            && !english.is_empty()
        {
            draw_text(buf, row(y, 6), english, Direction::Ltr, theme.note, mode);
        }
    }
    let footer = Rect::new(body.x, body.bottom().saturating_sub(1), body.width, 1);
    draw_text(
        buf,
        footer,
        &strings::review_keys_hidden(),
        Direction::Ltr,
        theme.dim,
        mode,
    );
}
