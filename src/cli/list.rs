//! `qari list`: one article per line (id, sentences, reading position,
//! title), then the files that could not be read, on standard error.

use std::io::Write;

use crate::article::Library;
use crate::files::Printable;
use crate::text::Direction;

use super::{Error, Order};

/// What `list` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// The ids listed, in order.
    pub ids: Vec<String>,
    /// Files that could not be read (articles, the reading state).
    pub problems: usize,
}

/// Lists the library's articles on `out` (titles in `order`), and what
/// could not be read on `err`.
pub fn list(
    library: &Library,
    order: Order,
    out: impl Write,
    mut err: impl Write,
) -> Result<Listing, Error> {
    let catalog = library.catalog();
    let (state, state_problem) = library.load_state();
    let mut out = Printable::new(out);
    let width = catalog
        .articles
        .iter()
        .map(|a| a.id.chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    writeln!(
        out,
        "{:<width$}  {:>9}  {:>8}  TITLE",
        "ID", "SENTENCES", "POSITION"
    )?;
    for article in &catalog.articles {
        let count = article.sentences.len();
        let position = state
            .position
            .get(&article.id)
            .map_or_else(|| "-".to_owned(), |p| format!("{}/{count}", p.min(&count)));
        let title = order.line(article.title(), Direction::Auto);
        writeln!(
            out,
            "{:<width$}  {count:>9}  {position:>8}  {title}",
            article.id
        )?;
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
        ids: catalog.articles.iter().map(|a| a.id.clone()).collect(),
        problems: catalog.problems.len() + usize::from(state_problem.is_some()),
    })
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
        let listing = list(&library, Order::Logical, &mut out, &mut err).unwrap();
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
        list(&library, Order::Visual, &mut out, Vec::new()).unwrap();
        let out = text(out);
        let row = out.lines().nth(1).unwrap();
        let shaped = |c: char| ('\u{FE70}'..='\u{FEFF}').contains(&c);
        assert!(row.chars().any(shaped), "{row}");
        assert!(!row.contains("الجيش"), "{row}");
    }
}
