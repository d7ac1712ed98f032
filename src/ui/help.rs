//! The `?` overlay: every binding of the key table, by scope. Each
//! description is wrapped at the room its column leaves, the key column is
//! as wide as takes the fewest rows (keys wider than it go on several
//! rows), and on a narrow screen the description goes under its keys.
//! Nothing is cut.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::keys;
use crate::app::{App, BidiMode};
use crate::text::Direction;

use super::overlay::boxed;
use super::strings;
use super::text::{draw_first_line, layout_at, width_of};
use super::theme::Theme;

/// The help box's width per column of bindings.
const BOX_WIDTH: u16 = 72;
/// Cells between the keys and their description.
const GAP: u16 = 2;
/// Below this many cells beside the keys, descriptions go under them.
const MIN_TEXT_WIDTH: u16 = 16;
/// How far a description under its keys is indented.
const INDENT: u16 = 2;

/// What one binding or heading of the help says, before wrapping.
enum Item {
    Heading(&'static str),
    Binding {
        keys: Vec<String>,
        text: &'static str,
    },
}

/// The help's rows, from the installed key table: the keys the learner's
/// `keys.toml` gives, not only the defaults.
fn items() -> Vec<Item> {
    let keymap = keys::active();
    let mut items = Vec::new();
    for (heading, scope) in strings::HELP_SECTIONS {
        items.push(Item::Heading(heading));
        for binding in keymap.bindings().iter().filter(|b| b.scope == *scope) {
            items.push(Item::Binding {
                keys: binding.keys.iter().map(|k| k.label()).collect(),
                text: strings::describe_in(binding.scope, binding.action),
            });
        }
    }
    items
}

/// One row of the help as drawn: a heading, or keys and a description (one
/// of them possibly empty), at an offset in the column.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    heading: bool,
    keys: String,
    /// Where the description starts, from the column's left edge.
    text_x: u16,
    text: String,
}

/// The rows of one item, and whether the item is a heading.
type Block = (bool, Vec<Row>);

/// `text` wrapped at `width` cells: the logical text of each line.
fn wrap(text: &str, width: u16) -> Vec<String> {
    if width == 0 {
        return Vec::new();
    }
    let paragraph = layout_at(text, width, Direction::Ltr, BidiMode::App);
    paragraph
        .lines
        .iter()
        .map(|line| text[line.source.clone()].trim_end().to_owned())
        .filter(|line| !line.is_empty())
        .collect()
}

/// Key labels put on rows of at most `width` cells, a label wider than
/// that on a row of its own.
fn pack_keys(keys: &[String], width: u16) -> Vec<String> {
    let mut rows: Vec<String> = Vec::new();
    for key in keys {
        match rows.last_mut() {
            Some(row) if width_of(row) + 1 + width_of(key) <= width => {
                row.push(' ');
                row.push_str(key);
            }
            _ => rows.push(key.clone()),
        }
    }
    rows
}

/// The items laid out in a column `width` cells wide: each item's rows.
/// The key column is as wide as some binding's keys, at least the widest
/// single key and at most half the column: the width that takes the
/// fewest rows, the widest of those.
fn blocks(items: &[Item], width: u16) -> Vec<Block> {
    let key_widths = || {
        items.iter().filter_map(|item| match item {
            Item::Binding { keys, .. } => Some(keys),
            Item::Heading(_) => None,
        })
    };
    let widest_label = key_widths()
        .flat_map(|keys| keys.iter().map(|k| width_of(k)))
        .max()
        .unwrap_or(0);
    let mut candidates: Vec<u16> = key_widths()
        .map(|keys| width_of(&keys.join(" ")))
        .filter(|&w| w >= widest_label && w <= width / 2)
        .collect();
    candidates.push(widest_label.min(width));
    candidates.sort_unstable();
    candidates.dedup();
    let mut best: Option<(usize, Vec<Block>)> = None;
    for keys_width in candidates {
        let laid_out = blocks_with(items, width, keys_width);
        let rows = laid_out.iter().map(|(_, rows)| rows.len()).sum();
        if best.as_ref().is_none_or(|(fewest, _)| rows <= *fewest) {
            best = Some((rows, laid_out));
        }
    }
    best.map(|(_, laid_out)| laid_out).unwrap_or_default()
}

/// The items laid out with a key column `keys_width` cells wide.
fn blocks_with(items: &[Item], width: u16, keys_width: u16) -> Vec<Block> {
    let text_x = keys_width + GAP;
    let beside = width.saturating_sub(text_x) >= MIN_TEXT_WIDTH;
    items
        .iter()
        .map(|item| match item {
            Item::Heading(heading) => {
                let rows = wrap(heading, width)
                    .into_iter()
                    .map(|line| Row {
                        heading: true,
                        keys: String::new(),
                        text_x: 0,
                        text: line,
                    })
                    .collect();
                (true, rows)
            }
            Item::Binding { keys, text } => {
                let rows = if beside {
                    let keys = pack_keys(keys, keys_width);
                    let text = wrap(text, width - text_x);
                    (0..keys.len().max(text.len()))
                        .map(|i| Row {
                            heading: false,
                            keys: keys.get(i).cloned().unwrap_or_default(),
                            text_x,
                            text: text.get(i).cloned().unwrap_or_default(),
                        })
                        .collect()
                } else {
                    let keys = pack_keys(keys, width);
                    let text = wrap(text, width.saturating_sub(INDENT));
                    let keys = keys.into_iter().map(|keys| Row {
                        heading: false,
                        keys,
                        text_x: 0,
                        text: String::new(),
                    });
                    let text = text.into_iter().map(|text| Row {
                        heading: false,
                        keys: String::new(),
                        text_x: INDENT,
                        text,
                    });
                    keys.chain(text).collect()
                };
                (false, rows)
            }
        })
        .collect()
}

/// The blocks split into `columns` columns of rows, at item boundaries,
/// a heading never last in a column.
fn split(blocks: Vec<Block>, columns: usize) -> Vec<Vec<Row>> {
    if columns < 2 {
        return vec![blocks.into_iter().flat_map(|(_, rows)| rows).collect()];
    }
    let total: usize = blocks.iter().map(|(_, rows)| rows.len()).sum();
    let half = total.div_ceil(2);
    let mut at = 0;
    let mut rows = 0;
    while at < blocks.len() && rows + blocks[at].1.len() <= half {
        rows += blocks[at].1.len();
        at += 1;
    }
    while at > 0 && blocks[at - 1].0 {
        at -= 1;
    }
    let mut left = blocks;
    let right = left.split_off(at);
    [left, right]
        .into_iter()
        .map(|half| half.into_iter().flat_map(|(_, rows)| rows).collect())
        .collect()
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let mode = app.options.bidi;
    let items = items();
    // Two columns when one would not fit and the terminal is wide enough.
    // Inside the box, each column keeps a cell free on either side.
    let column_room = |columns: u16| {
        let inner = (BOX_WIDTH * columns).min(area.width).saturating_sub(2);
        (inner / columns).saturating_sub(2)
    };
    let one: usize = blocks(&items, column_room(1))
        .iter()
        .map(|(_, rows)| rows.len())
        .sum();
    let columns: u16 = if one + 5 > usize::from(area.height) && area.width >= 120 {
        2
    } else {
        1
    };
    let room = column_room(columns);
    let laid_out = split(blocks(&items, room), usize::from(columns));
    let per_column = laid_out.iter().map(Vec::len).max().unwrap_or(0);
    let footer_width = (BOX_WIDTH * columns).min(area.width).saturating_sub(4);
    let mut footer = wrap(strings::HELP_FOOTER, footer_width);
    // Borders and the rows: when they do not fit, say how to scroll.
    if per_column + footer.len() + 2 > usize::from(area.height) {
        let text = format!("{} {}", strings::HELP_FOOTER, strings::HELP_FOOTER_SCROLL);
        footer = wrap(&text, footer_width);
    }
    // Borders, the rows, a blank row when there is room, the footer.
    let height = u16::try_from(per_column + footer.len() + 3).unwrap_or(u16::MAX);
    let inner = boxed(
        area,
        BOX_WIDTH * columns,
        height,
        strings::HELP_TITLE,
        app.options.bidi,
        buf,
        theme,
    );
    let footer_rows = u16::try_from(footer.len())
        .unwrap_or(u16::MAX)
        .min(inner.height / 2);
    let blank = u16::from(usize::from(inner.height) > per_column + footer.len());
    let list_bottom = inner.bottom() - footer_rows - blank.min(inner.height - footer_rows);
    let column_width = inner.width / columns;
    // Scrolled by j/k when the rows do not fit, never past the last one.
    let visible = usize::from(list_bottom.saturating_sub(inner.top()));
    let scroll = app.help_scroll.min(per_column.saturating_sub(visible));
    for (column, rows) in laid_out.iter().enumerate() {
        let x = inner.x + 1 + column as u16 * column_width;
        let width = column_width.saturating_sub(2);
        for (row, y) in rows.iter().skip(scroll).zip(inner.top()..list_bottom) {
            if row.heading {
                let area = Rect::new(x, y, width, 1);
                draw_first_line(
                    buf,
                    area,
                    &row.text,
                    Direction::Ltr,
                    theme.study_heading,
                    mode,
                );
                continue;
            }
            if !row.keys.is_empty() {
                let area = Rect::new(x, y, width, 1);
                draw_first_line(buf, area, &row.keys, Direction::Ltr, theme.current, mode);
            }
            if !row.text.is_empty() && row.text_x < width {
                let area = Rect::new(x + row.text_x, y, width - row.text_x, 1);
                draw_first_line(
                    buf,
                    area,
                    &row.text,
                    Direction::Ltr,
                    theme.translation,
                    mode,
                );
            }
        }
    }
    for (line, y) in footer.iter().zip(list_bottom..inner.bottom()) {
        let area = Rect::new(inner.x + 1, y, inner.width.saturating_sub(2), 1);
        draw_first_line(buf, area, line, Direction::Ltr, theme.dim, mode);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row fits `width`, and each binding's keys and description are
    /// all there, in order.
    fn check(width: u16) {
        let items = items();
        let laid_out = blocks(&items, width);
        for ((_, rows), item) in laid_out.iter().zip(&items) {
            for row in rows {
                if !row.keys.is_empty() {
                    assert!(width_of(&row.keys) <= width, "{:?} at {width}", row.keys);
                    assert!(
                        row.text.is_empty() || width_of(&row.keys) + GAP <= row.text_x,
                        "{row:?} at {width}"
                    );
                }
                assert!(
                    row.text_x + width_of(&row.text) <= width,
                    "{row:?} at {width}"
                );
            }
            let words = |rows: &mut dyn Iterator<Item = &String>| -> Vec<String> {
                rows.flat_map(|r| r.split_whitespace().map(str::to_owned))
                    .collect()
            };
            let (keys, text) = match item {
                Item::Heading(heading) => (String::new(), (*heading).to_owned()),
                Item::Binding { keys, text } => (keys.join(" "), (*text).to_owned()),
            };
            let shown_keys = words(&mut rows.iter().map(|r| &r.keys));
            let shown_text = words(&mut rows.iter().map(|r| &r.text));
            if width >= 20 {
                // Whole words on each row.
                assert_eq!(shown_keys, keys.split_whitespace().collect::<Vec<_>>());
                assert_eq!(shown_text, text.split_whitespace().collect::<Vec<_>>());
            } else {
                // A word wider than the room is split, never cut.
                let letters = |s: &str| s.split_whitespace().collect::<String>();
                assert_eq!(shown_keys.concat(), letters(&keys), "at {width}");
                assert_eq!(shown_text.concat(), letters(&text), "at {width}");
            }
        }
    }

    #[test]
    fn every_description_and_key_fits_its_column_whole() {
        for width in [68, 57, 40, 30, 20, 12] {
            check(width);
        }
    }

    #[test]
    fn the_key_column_takes_the_fewest_rows() {
        let rows = |laid_out: &[Block]| -> usize { laid_out.iter().map(|(_, r)| r.len()).sum() };
        // A key column narrower than the widest key would put that key
        // over the gap before its description: not a layout to choose.
        let widest_label = keys::BINDINGS
            .iter()
            .flat_map(|b| b.keys.iter().map(|k| width_of(&k.label())))
            .max()
            .unwrap();
        for width in [100, 68, 57, 40] {
            let chosen = blocks(&items(), width);
            for keys_width in widest_label..=width / 2 {
                assert!(
                    rows(&chosen) <= rows(&blocks_with(&items(), width, keys_width)),
                    "at {width}, a key column of {keys_width} takes fewer rows"
                );
            }
        }
        // With room for every key and every description, nothing wraps.
        let wide = blocks(&items(), 100);
        assert!(wide.iter().all(|(_, rows)| rows.len() == 1));
    }

    #[test]
    fn two_columns_split_between_items_and_not_after_a_heading() {
        let columns = split(blocks(&items(), 55), 2);
        assert_eq!(columns.len(), 2);
        assert!(!columns[0].last().unwrap().heading);
        // The right column starts with a heading or the first row of a
        // binding (its keys), never the middle of a description.
        let first = &columns[1][0];
        assert!(first.heading || !first.keys.is_empty(), "{first:?}");
        let sizes = (columns[0].len(), columns[1].len());
        assert!(sizes.0.abs_diff(sizes.1) < 8, "{sizes:?}");
    }
}
