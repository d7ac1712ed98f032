//! `qari list`: one article per line (id, sentences, reading position,
//! title), most recently read first, then most recently imported; then
//! the files that could not be read, on standard error.

use std::cmp::Reverse;
use std::io::Write;

use crate::article::{Article, Library};
use crate::files::Printable;
use crate::text::{Direction, LayoutOptions, layout};

use super::{Error, Order};

/// How `list` lists.
#[derive(Debug, Clone, Copy, Default)]
pub struct ListOptions {
    /// Titles in full (`--full`): on a terminal, wrapped in their column;
    /// otherwise a title is cut to fit the rest of its line, with "…".
    pub full: bool,
    /// Also hidden bundled articles and those in the trash (`--all`),
    /// marked so.
    pub all: bool,
    /// The terminal's width, when standard output is one.
    pub width: Option<usize>,
}

/// What `list` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// The ids listed, in order.
    pub ids: Vec<String>,
    /// Files that could not be read (articles, the reading state).
    pub problems: usize,
}

/// The narrowest title column worth cutting a title to.
const MIN_TITLE_COLUMN: usize = 12;

/// Lists the library's articles on `out` (titles in `order`), and what
/// could not be read on `err`.
pub fn list(
    library: &Library,
    order: Order,
    options: ListOptions,
    out: impl Write,
    mut err: impl Write,
) -> Result<Listing, Error> {
    let catalog = library.catalog();
    let (state, state_problem) = library.load_state();
    let mut rows: Vec<(&Article, &str)> = catalog
        .articles
        .iter()
        .filter_map(|a| match state.hidden.contains(&a.id) {
            false => Some((a, "")),
            true if options.all => Some((a, "(hidden) ")),
            true => None,
        })
        .collect();
    // Most recently read first, then most recently imported (RFC 3339 in
    // UTC sorts as text); the rest in the catalog's order.
    rows.sort_by_key(|(a, _)| {
        let read = state.read.get(&a.id).map_or("", String::as_str);
        (Reverse(read), Reverse(a.meta.imported.as_str()))
    });
    let trashed = if options.all {
        library.trashed()
    } else {
        Vec::new()
    };
    rows.extend(trashed.iter().map(|a| (a, "(in the trash) ")));
    let mut out = Printable::new(out);
    let id_width = rows
        .iter()
        .map(|(a, _)| a.id.chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    writeln!(
        out,
        "{:<id_width$}  {:>9}  {:>8}  TITLE",
        "ID", "SENTENCES", "POSITION"
    )?;
    let indent = id_width + 2 + 9 + 2 + 8 + 2;
    for (article, mark) in &rows {
        let count = article.sentences.len();
        let position = state
            .position
            .get(&article.id)
            .map_or_else(|| "-".to_owned(), |p| format!("{}/{count}", p.min(&count)));
        let column = options
            .width
            .map(|width| width.saturating_sub(indent + mark.chars().count()))
            .filter(|&column| order == Order::Visual && column >= MIN_TITLE_COLUMN);
        let title = title_lines(article.title(), order, column, options.full);
        let mut lines = title.iter();
        writeln!(
            out,
            "{:<id_width$}  {count:>9}  {position:>8}  {mark}{}",
            article.id,
            lines.next().map_or("", String::as_str)
        )?;
        for line in lines {
            writeln!(
                out,
                "{:indent$}{:mark$}{line}",
                "",
                "",
                mark = mark.chars().count()
            )?;
        }
    }
    out.flush()?;
    for problem in &catalog.problems {
        writeln!(err, "qari: skipped {problem}")?;
    }
    for notice in &catalog.notices {
        writeln!(err, "qari: {notice}")?;
    }
    if let Some(problem) = &state_problem {
        writeln!(err, "qari: {problem}")?;
    }
    Ok(Listing {
        ids: rows.iter().map(|(a, _)| a.id.clone()).collect(),
        problems: catalog.problems.len() + usize::from(state_problem.is_some()),
    })
}

/// `title` as printed: in a pipe or without a `column` width, one line in
/// `order`; on a terminal, laid out by the engine in lines of `column`
/// cells, all of them when `full`, else the first, with "…" when there is
/// more.
fn title_lines(title: &str, order: Order, column: Option<usize>, full: bool) -> Vec<String> {
    let Some(column) = column else {
        return vec![order.line(title, Direction::Auto)];
    };
    let lines = |width: usize| {
        let options = LayoutOptions {
            width,
            direction: Direction::Auto,
            shape: true,
        };
        layout(title, &options).lines
    };
    let all = lines(column);
    if full || all.len() <= 1 {
        return all.into_iter().map(|l| l.text).collect();
    }
    // The first line, and "…" where the title goes on: at its left end
    // when it runs right to left.
    let Some(first) = lines(column - 2).into_iter().next() else {
        return Vec::new();
    };
    vec![if first.rtl {
        format!("… {}", first.text)
    } else {
        format!("{} …", first.text)
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::testing::{BUNDLED_ID, library, text};

    #[test]
    fn lists_the_bundled_article_with_its_position_and_says_what_was_skipped() {
        let (dir, library) = library();
        library.save_position(BUNDLED_ID, 3).unwrap();
        std::fs::create_dir(dir.path().join("articles")).unwrap();
        std::fs::write(dir.path().join("articles/broken.toml"), "x = ").unwrap();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let listing = list(
            &library,
            Order::Logical,
            ListOptions::default(),
            &mut out,
            &mut err,
        )
        .unwrap();
        assert_eq!(listing.ids, [BUNDLED_ID]);
        assert_eq!(listing.problems, 1);
        let out = text(out);
        let mut lines = out.lines();
        assert_eq!(
            lines.next(),
            Some("ID                SENTENCES  POSITION  TITLE")
        );
        let row = lines.next().unwrap();
        assert!(
            row.starts_with(&format!("{BUNDLED_ID}         24      3/24  ")),
            "{row}"
        );
        // In a pipe the title stays in logical order, unshaped.
        assert!(
            row.ends_with("  الجيش السوري بدأ معركة دير الزور و«داعش» يدعو «للنفير»"),
            "{row}"
        );
        let err = text(err);
        assert!(err.starts_with("qari: skipped "), "{err}");
        assert!(err.contains("broken.toml:1:"), "{err}");
    }

    #[test]
    fn on_a_terminal_titles_are_shaped_in_visual_order() {
        let (_dir, library) = library();
        let mut out = Vec::new();
        list(
            &library,
            Order::Visual,
            ListOptions::default(),
            &mut out,
            Vec::new(),
        )
        .unwrap();
        let out = text(out);
        let row = out.lines().nth(1).unwrap();
        let shaped = |c: char| ('\u{FE70}'..='\u{FEFF}').contains(&c);
        assert!(row.chars().any(shaped), "{row}");
        assert!(!row.contains("الجيش"), "{row}");
    }

    #[test]
    fn on_a_terminal_a_long_title_is_cut_unless_full_and_hidden_ones_only_with_all() {
        let (_dir, library) = library();
        let width = Some(60);
        let run = |options: ListOptions| {
            let mut out = Vec::new();
            list(&library, Order::Visual, options, &mut out, Vec::new()).unwrap();
            text(out)
        };
        let cut = run(ListOptions {
            width,
            ..ListOptions::default()
        });
        let rows: Vec<&str> = cut.lines().collect();
        assert_eq!(rows.len(), 2, "{cut}");
        // The right-to-left title's first line, "…" at its left end.
        assert!(rows[1].contains("  … "), "{cut}");
        let full = run(ListOptions {
            width,
            full: true,
            ..ListOptions::default()
        });
        let rows: Vec<&str> = full.lines().collect();
        assert!(rows.len() > 2, "{full}");
        assert!(!full.contains('…'), "{full}");
        // Continuation lines start under the title column.
        assert!(
            rows[2].starts_with(&" ".repeat(BUNDLED_ID.len() + 23)),
            "{full}"
        );

        library.remove(BUNDLED_ID).unwrap();
        let mut out = Vec::new();
        let listing = list(
            &library,
            Order::Logical,
            ListOptions::default(),
            &mut out,
            Vec::new(),
        );
        assert!(listing.unwrap().ids.is_empty());
        let all = ListOptions {
            all: true,
            ..ListOptions::default()
        };
        let mut out = Vec::new();
        let listing = list(&library, Order::Logical, all, &mut out, Vec::new()).unwrap();
        assert_eq!(listing.ids, [BUNDLED_ID]);
        assert!(text(out).contains("  (hidden) الجيش السوري"));
    }
}
