//! The glossary pane, drawn from its view model
//! ([`GlossaryPane`](crate::app::GlossaryPane)): the entries for the word
//! under the cursor, expanded (how the word matched, headword,
//! transliteration, part of speech, root, senses, notes, where the entry
//! lives), the dictionaries' senses, then the other entries of the sentence
//! one line each; or the hits of a search.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use crate::app::{BidiMode, GlossaryPane, ListedEntry, ShownEntry};
use crate::glossary::Entry;
use crate::text::Direction;

use super::strings;
use super::text::{draw_line, layout_at};
use super::theme::Theme;

/// The pane's widget: the view model, drawn in `theme` for `bidi`.
pub struct GlossaryPaneWidget<'a> {
    pub pane: &'a GlossaryPane,
    pub theme: &'a Theme,
    pub bidi: BidiMode,
}

/// Writes wrapped lines down the pane until it is full.
struct Writer<'a> {
    buf: &'a mut Buffer,
    area: Rect,
    y: u16,
    bidi: BidiMode,
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
        let paragraph = layout_at(text, width, Direction::Ltr, self.bidi);
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
        draw_line(self.buf, x, self.y, width, line, self.bidi, |_| style);
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
        let paragraph = layout_at(text, width.max(1), Direction::Ltr, self.bidi);
        match paragraph.lines.first() {
            Some(line) => self.put(line, 0, width, style),
            None => self.y += 1,
        }
    }

    fn gap(&mut self) {
        self.y += 1;
    }
}

impl Widget for GlossaryPaneWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let (pane, theme) = (self.pane, self.theme);
        let mut out = Writer {
            buf,
            area,
            y: area.y,
            bidi: self.bidi,
        };
        if let Some((query, hits)) = &pane.search {
            out.text(&strings::search_results(query, *hits), 0, theme.dim);
            out.gap();
            list(&mut out, pane, theme);
            if pane.dictionaries.as_ref().is_some_and(|d| !d.is_empty()) {
                out.gap();
                dictionary_results(&mut out, pane, theme);
            }
            return;
        }
        if let Some((word, value)) = &pane.unmatched {
            let mark = strings::SELECTED_MARK.trim_end();
            out.row(&format!("{mark} {word}"), theme.current, false);
            match value {
                Some(number) => out.text(&strings::numeral(number), 2, theme.translation),
                None => out.text(&strings::no_entry(), 2, theme.missing),
            }
            out.gap();
        }
        for shown in &pane.cursor {
            shown_entry(&mut out, shown, theme);
        }
        readings(&mut out, pane, theme);
        dictionary_results(&mut out, pane, theme);
        if !pane.list.is_empty() && !out.full() {
            out.row(strings::IN_SENTENCE, theme.study_heading, false);
            list(&mut out, pane, theme);
        }
    }
}

/// An entry for the cursor's word: how it matched, wrapped ("و + حلفاؤه, a
/// form of حليف" may be long), then every field.
fn shown_entry(out: &mut Writer, shown: &ShownEntry, theme: &Theme) {
    let source = if shown.bundled {
        strings::BUNDLED
    } else {
        strings::YOURS
    };
    let how = format!("{} {}", strings::SELECTED_MARK.trim_end(), shown.how);
    out.text(&how, 0, theme.current);
    expanded(out, &shown.entry, source, theme);
    out.gap();
}

/// The analyser's readings of the cursor word: the first in full (marked
/// when the learner chose it here), the others one line each; the one
/// selected, while the pane has the focus, highlighted.
fn readings(out: &mut Writer, pane: &GlossaryPane, theme: &Theme) {
    let Some((first, others)) = pane.readings.split_first() else {
        return;
    };
    let selected = |at: usize| pane.selected == Some(pane.readings_offset + at);
    out.row(
        &strings::readings_heading(pane.selected.is_some()),
        theme.study_heading,
        false,
    );
    let [head, grammar, segments, gloss] = strings::reading_lines(first);
    if selected(0) {
        out.row(&format!("  {head}"), theme.selected, true);
    } else {
        out.text(&head, 2, theme.heading);
    }
    if pane.reading_chosen {
        out.text(strings::READING_CHOSEN, 2, theme.note);
    }
    out.text(&grammar, 2, theme.note);
    out.text(&segments, 2, theme.translation);
    out.text(&gloss, 2, theme.translation);
    for (at, other) in others.iter().enumerate() {
        let line = strings::reading_line(other);
        if selected(at + 1) {
            out.row(&format!("  {line}"), theme.selected, true);
        } else {
            out.text(&line, 2, theme.dim);
        }
    }
    out.gap();
}

/// The dictionaries' results for the cursor word, one per Arabic headword:
/// "الهدنة — Armistice; Truce", then which dictionaries said it and how the
/// word matched.
fn dictionary_results(out: &mut Writer, pane: &GlossaryPane, theme: &Theme) {
    let Some(results) = &pane.dictionaries else {
        out.row(strings::DICTIONARIES_LOADING, theme.dim, false);
        out.gap();
        return;
    };
    if results.is_empty() {
        return;
    }
    out.row(strings::DICTIONARIES, theme.study_heading, false);
    for result in results {
        if out.full() {
            return;
        }
        let line = format!("{} — {}", result.arabic, result.english.join("; "));
        out.text(&line, 2, theme.translation);
        out.text(&strings::dictionary_source(result), 4, theme.dim);
    }
    out.gap();
}

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

/// The list's entries one line each; the selected one marked while the
/// pane has the focus.
fn list(out: &mut Writer, pane: &GlossaryPane, theme: &Theme) {
    for (position, ListedEntry { headword, gloss }) in pane.list.iter().enumerate() {
        let selected = pane.selected == Some(position + pane.list_offset);
        let style = if selected {
            theme.selected
        } else {
            theme.translation
        };
        out.row(&format!("{headword} — {gloss}"), style, selected);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Palette;

    fn lines(pane: &GlossaryPane, width: u16, height: u16) -> Vec<String> {
        let theme = Theme::new(Palette::Dark);
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        GlossaryPaneWidget {
            pane,
            theme: &theme,
            bidi: BidiMode::App,
        }
        .render(area, &mut buf);
        (0..height)
            .map(|y| {
                (0..width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
                    .trim_end()
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn draws_the_cursor_entry_in_full_then_the_others_one_line_each() {
        let mut entry = Entry::new("army", "the army");
        entry.pos = "noun".into();
        let pane = GlossaryPane {
            cursor: vec![ShownEntry {
                how: "army".into(),
                entry,
                bundled: true,
            }],
            dictionaries: Some(Vec::new()),
            list: vec![ListedEntry {
                headword: "city".into(),
                gloss: "a town".into(),
            }],
            list_offset: 1,
            selected: Some(1),
            ..GlossaryPane::default()
        };
        let shown = lines(&pane, 30, 10);
        assert_eq!(
            shown[0].trim(),
            format!("{} army", strings::SELECTED_MARK.trim_end())
        );
        assert_eq!(shown[1].trim(), "army  noun");
        assert_eq!(shown[2].trim(), "the army");
        assert_eq!(shown[3].trim(), strings::BUNDLED);
        assert_eq!(shown[5].trim(), strings::IN_SENTENCE);
        assert_eq!(shown[6].trim(), "city — a town");
    }

    #[test]
    fn says_the_dictionaries_are_loading_until_they_are() {
        let shown = lines(&GlossaryPane::default(), 40, 4);
        assert!(
            shown
                .iter()
                .any(|l| l.trim() == strings::DICTIONARIES_LOADING),
            "{shown:?}"
        );
    }
}
