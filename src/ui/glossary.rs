//! The glossary pane: the entries for the word under the cursor, expanded
//! (how the word matched, headword, transliteration, part of speech, root,
//! senses, notes, where the entry lives), then the other entries of the
//! sentence one line each; or the hits of a search.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::{App, Focus};
use crate::arabic::numeral;
use crate::glossary::Entry;
use crate::text::Direction;

use super::strings;
use super::text::{draw_line, layout_at};
use super::theme::Theme;

/// Writes wrapped lines down the pane until it is full.
struct Writer<'a> {
    buf: &'a mut Buffer,
    area: Rect,
    y: u16,
    app: &'a App,
}

impl Writer<'_> {
    fn full(&self) -> bool {
        self.y >= self.area.bottom()
    }

    /// `text` wrapped at the pane's width less `indent`.
    fn text(&mut self, text: &str, indent: u16, style: Style) {
        let width = self.area.width.saturating_sub(indent + 1);
        if width == 0 || text.is_empty() {
            return;
        }
        let paragraph = layout_at(text, width, Direction::Ltr, self.app.options.bidi);
        for line in &paragraph.lines {
            if self.full() {
                return;
            }
            self.put(line, indent, width, style);
        }
    }

    /// Draws one laid-out line at the current row and moves down.
    fn put(&mut self, line: &crate::text::Line, indent: u16, width: u16, style: Style) {
        let x = self.area.x + 1 + indent;
        draw_line(
            self.buf,
            x,
            self.y,
            width,
            line,
            self.app.options.bidi,
            |_| style,
        );
        self.y += 1;
    }

    /// One row: `text` cut to the width, the row filled with `style`.
    fn row(&mut self, text: &str, style: Style, fill: bool) {
        if self.full() {
            return;
        }
        if fill {
            self.buf
                .set_style(Rect::new(self.area.x, self.y, self.area.width, 1), style);
        }
        let width = self.area.width.saturating_sub(2);
        let paragraph = layout_at(text, width.max(1), Direction::Ltr, self.app.options.bidi);
        match paragraph.lines.first() {
            Some(line) => self.put(line, 0, width, style),
            None => self.y += 1,
        }
    }

    fn gap(&mut self) {
        self.y += 1;
    }
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    let mut out = Writer {
        buf,
        area,
        y: area.y,
        app,
    };
    if let Some((query, hits)) = &app.search_results {
        out.text(&strings::search_results(query, hits.len()), 0, theme.dim);
        out.gap();
        list(&mut out, app, hits, 0, theme);
        return;
    }
    let cursor = app.cursor_matches();
    let entries = app.pane_entries_after(&cursor);
    if cursor.is_empty() {
        let word = app.current().word(app.word).unwrap_or("");
        let mark = strings::SELECTED_MARK.trim_end();
        out.row(&format!("{mark} {word}"), theme.current, false);
        match numeral(word) {
            Some(number) => out.text(&strings::numeral(&number), 2, theme.translation),
            None => out.text(strings::NO_ENTRY, 2, theme.missing),
        }
        out.gap();
    }
    for found in &cursor {
        let entry = &app.glossary.entries[found.entry];
        let source = if app.glossary.source_of(found.entry).bundled {
            strings::BUNDLED
        } else {
            strings::YOURS
        };
        // How it matched, wrapped: "و + حلفاؤه, a form of حليف" may be long.
        let how = format!(
            "{} {}",
            strings::SELECTED_MARK.trim_end(),
            found.how(&app.glossary)
        );
        out.text(&how, 0, theme.current);
        expanded(&mut out, entry, source, theme);
        out.gap();
    }
    dictionary_results(&mut out, app, theme);
    let others: Vec<usize> = entries.iter().skip(cursor.len()).copied().collect();
    if !others.is_empty() && !out.full() {
        out.row(strings::IN_SENTENCE, theme.study_heading, false);
        list(&mut out, app, &others, cursor.len(), theme);
    }
}

/// The dictionaries' entries for the cursor word, each marked with the
/// dictionary's name.
fn dictionary_results(out: &mut Writer, app: &App, theme: &Theme) {
    if app.dictionaries_ready().is_none() {
        out.row(strings::DICTIONARIES_LOADING, theme.dim, false);
        out.gap();
        return;
    }
    let matches = app.dictionary_matches();
    let mut shown_name = None;
    for found in matches.iter().take(MAX_DICTIONARY_RESULTS) {
        if out.full() {
            return;
        }
        if shown_name != Some(&found.dictionary) {
            out.row(
                &strings::dictionary_heading(&found.dictionary, found.reverse),
                theme.study_heading,
                false,
            );
            shown_name = Some(&found.dictionary);
        }
        let line = format!("{} — {}", found.headword, found.senses.join("; "));
        out.text(&line, 2, theme.translation);
        out.text(&found.how(), 4, theme.dim);
    }
    if shown_name.is_some() {
        out.gap();
    }
}

/// Dictionary entries shown for one word, at most.
const MAX_DICTIONARY_RESULTS: usize = 6;

/// Every field of an entry.
fn expanded(out: &mut Writer, entry: &Entry, source: &str, theme: &Theme) {
    let mut head = entry.headword.clone();
    for part in [&entry.translit, &entry.pos] {
        if !part.is_empty() {
            head.push_str("  ");
            head.push_str(part);
        }
    }
    out.text(&head, 2, theme.heading);
    let mut grammar = Vec::new();
    if !entry.root.is_empty() {
        grammar.push(format!("root {}", entry.root));
    }
    if !entry.pattern.is_empty() {
        grammar.push(entry.pattern.clone());
    }
    if !entry.parent.is_empty() {
        grammar.push(format!("form of {}", entry.parent));
    }
    if !grammar.is_empty() {
        out.text(&grammar.join(" · "), 2, theme.note);
    }
    for (number, sense) in entry.senses.iter().enumerate() {
        let text = if entry.senses.len() > 1 {
            format!("{}. {sense}", number + 1)
        } else {
            sense.clone()
        };
        out.text(&text, 2, theme.translation);
    }
    if !entry.notes.is_empty() {
        out.text(&entry.notes, 2, theme.note);
    }
    out.text(source, 2, theme.dim);
}

/// Entries one line each; the selected one marked while the pane has the
/// focus. The pane's selection counts from its first entry: `offset` is
/// the position of `entries[0]` in it.
fn list(out: &mut Writer, app: &App, entries: &[usize], offset: usize, theme: &Theme) {
    let focused = app.focus == Focus::Glossary;
    for (position, &index) in entries.iter().enumerate() {
        let entry = &app.glossary.entries[index];
        let selected = focused && position + offset == app.glossary_selected;
        let style = if selected {
            theme.selected
        } else {
            theme.translation
        };
        out.row(
            &format!("{} — {}", entry.headword, entry.gloss()),
            style,
            selected,
        );
    }
}
