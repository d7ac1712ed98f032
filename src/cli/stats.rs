//! `qari stats [ARTICLE]`: per article, word tokens and distinct words by
//! what the learner knows of them.

use std::io::Write;

use crate::article::{Article, Library};
use crate::files::Printable;
use crate::glossary::{Stats, knowledge_stats};

use super::Error;
use super::output::load_glossary;

/// Prints the stats of the article `wanted` (else of every article) as a
/// table on `out`; glossary files that could not be read go to `err`.
/// Returns each article's id and stats.
pub fn stats(
    library: &Library,
    wanted: Option<&str>,
    out: impl Write,
    err: impl Write,
) -> Result<Vec<(String, Stats)>, Error> {
    let catalog = library.catalog();
    let glossary = load_glossary(library, err)?;
    let articles: Vec<&Article> = match wanted {
        Some(id) => vec![
            catalog
                .get(id)
                .ok_or_else(|| Error::NoSuchArticle(id.to_owned()))?,
        ],
        None => catalog.articles.iter().collect(),
    };
    let mut out = Printable::new(out);
    let mut all = Vec::with_capacity(articles.len());
    let mut rows = Vec::with_capacity(2 * articles.len());
    for article in articles {
        let stats = knowledge_stats(&glossary, sentence_words(article));
        for (label, counts) in [("tokens", stats.tokens), ("distinct", stats.distinct)] {
            let cell = |n: usize| format!("{n} ({}%)", counts.percent(n));
            rows.push([
                format!("{} {label}", article.id),
                cell(counts.unknown),
                cell(counts.learning),
                cell(counts.known),
            ]);
        }
        all.push((article.id.clone(), stats));
    }
    // The first column as wide as its longest id, so the others line up.
    let header = ["ARTICLE", "UNKNOWN", "LEARNING", "KNOWN"].map(str::to_owned);
    let first = (rows.iter().chain([&header]))
        .map(|row| row[0].chars().count())
        .max()
        .unwrap_or(0);
    for [article, unknown, learning, known] in [header].iter().chain(&rows) {
        writeln!(
            out,
            "{article:<first$} {unknown:>22} {learning:>22} {known:>22}"
        )?;
    }
    Ok(all)
}

/// The words of each sentence of `article`, as the glossary takes them.
pub(super) fn sentence_words(article: &Article) -> impl Iterator<Item = Vec<&str>> {
    article
        .sentences
        .iter()
        .map(|s| s.words.iter().map(|r| &s.ar[r.clone()]).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::glossary::add;
    use crate::cli::testing::{BUNDLED_ID, library, text};
    use crate::glossary::{Counts, Entry, Status};

    #[test]
    fn a_word_the_learner_knows_moves_from_unknown_to_known() {
        let (_dir, library) = library();
        let before = stats(&library, Some(BUNDLED_ID), Vec::new(), Vec::new()).unwrap();
        assert_eq!(before.len(), 1);
        let tokens = before[0].1.tokens;
        assert_eq!((tokens.learning, tokens.known), (0, 0));
        let known = Entry {
            headword: "الجيش".to_owned(),
            senses: vec!["the army".to_owned()],
            status: Some(Status::WellKnown),
            ..Entry::default()
        };
        add(&library, known, Vec::new()).unwrap();
        let mut out = Vec::new();
        let after = stats(&library, None, &mut out, Vec::new()).unwrap();
        let Counts { unknown, known, .. } = after[0].1.tokens;
        assert!(known > 0, "الجيش occurs in the article");
        assert_eq!(unknown + known, tokens.unknown);
        assert!(after[0].1.distinct.known >= 1, "and its forms");
        let out = text(out);
        assert!(out.starts_with("ARTICLE "), "{out}");
        assert!(out.contains(&format!("{BUNDLED_ID} distinct ")), "{out}");
    }

    #[test]
    fn an_unknown_article_is_an_error() {
        let (_dir, library) = library();
        let refused = stats(&library, Some("nope"), Vec::new(), Vec::new()).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "no article \"nope\": `qari list` shows the ids"
        );
    }
}
