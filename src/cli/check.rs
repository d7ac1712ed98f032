//! `qari check`: every article, glossary and dictionary file read, what
//! could not be said, and each article's glossary coverage.

use std::io::Write;

use crate::article::Library;
use crate::dict::Dictionaries;
use crate::files::Printable;
use crate::glossary::{Coverage, Glossary, coverage};

use super::Error;
use super::output::{counted, glossary_dir};
use super::stats::sentence_words;

/// Said when no lexicon is installed.
const NO_LEXICON: &str = "note: no morphological lexicon (bama/lexicon.tsv) in $QARI_DATA, $XDG_DATA_HOME/qari, $XDG_DATA_DIRS/qari or the source tree: words are read by stripping clitics only. `python3 tools/gen_bama.py` in qari's source tree makes it (data/bama/README.md)";

/// Prints, on `out`, the files that could not be read, the dictionaries,
/// the glossary's size and each article's coverage. Returns each article's
/// id and coverage, or [`Error::Unreadable`] when a file could not be
/// read.
pub fn check(
    library: &Library,
    dictionaries: &Dictionaries,
    out: impl Write,
) -> Result<Vec<(String, Coverage)>, Error> {
    let catalog = library.catalog();
    let mut glossary = Glossary::load(Some(&glossary_dir(library)));
    let mut out = Printable::new(out);
    let mut failures = 0;
    match crate::data::find(crate::data::LEXICON) {
        Some(path) => match crate::data::load_lexicon(&path) {
            Ok(bama) => {
                writeln!(
                    out,
                    "analyser: {}, {} from {}",
                    counted(bama.lemma_count(), "lemma", "lemmas"),
                    counted(bama.stem_count(), "stem", "stems"),
                    path.display()
                )?;
                let beside = crate::data::found_beside(&path);
                if !beside.is_empty() {
                    writeln!(out, "analyser data beside it: {}", beside.join(", "))?;
                }
                glossary.set_analyser(std::sync::Arc::new(bama));
            }
            Err(problem) => {
                writeln!(out, "error: {problem}")?;
                failures += 1;
            }
        },
        None => writeln!(out, "{}", NO_LEXICON)?,
    }
    for problem in &catalog.problems {
        writeln!(out, "error: {problem}")?;
        failures += 1;
    }
    for notice in &catalog.notices {
        if notice.is_problem() {
            writeln!(out, "error: {notice}")?;
            failures += 1;
        } else {
            writeln!(out, "note: {notice}")?;
        }
    }
    for problem in &glossary.problems {
        writeln!(out, "error: {problem}")?;
        failures += 1;
    }
    for problem in &dictionaries.problems {
        writeln!(out, "error: dictionary {problem}")?;
        failures += 1;
    }
    for dictionary in &dictionaries.list {
        let kind = if dictionary.reverse {
            "English → Arabic, indexed in reverse"
        } else {
            "Arabic → English"
        };
        writeln!(
            out,
            "dictionary {}: {} ({kind})",
            dictionary.name,
            counted(dictionary.len(), "headword", "headwords")
        )?;
    }
    let ready = dictionaries.load_time.as_millis();
    writeln!(out, "dictionaries ready for lookups in {ready} ms")?;
    let live = (0..glossary.entries.len())
        .filter(|&i| glossary.is_live(i))
        .count();
    writeln!(
        out,
        "glossary: {} from {}",
        counted(live, "entry", "entries"),
        counted(glossary.files.len(), "file", "files")
    )?;
    let mut all = Vec::with_capacity(catalog.articles.len());
    for article in &catalog.articles {
        let found = coverage(&glossary, sentence_words(article));
        writeln!(
            out,
            "{}: {}/{} word tokens resolve to a glossary entry ({:.1} %); {} not counted",
            article.id,
            found.covered,
            found.tokens,
            found.percent(),
            counted(found.numbers, "number", "numbers")
        )?;
        writeln!(
            out,
            "{}: {}/{} word tokens have a glossed reading, from the glossary or the analyser ({:.1} %)",
            article.id,
            found.analysed,
            found.tokens,
            found.analysed_percent()
        )?;
        if !found.missing.is_empty() {
            writeln!(out, "  not found: {}", found.missing.join(" "))?;
        }
        all.push((article.id.clone(), found));
    }
    if failures > 0 {
        return Err(Error::Unreadable(failures));
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::testing::{BUNDLED_ID, library, text};

    #[test]
    fn the_bundled_article_is_covered_and_a_broken_file_fails_the_check() {
        let (dir, library) = library();
        let mut out = Vec::new();
        let found = check(&library, &Dictionaries::default(), &mut out).unwrap();
        assert_eq!(found.len(), 1);
        let (id, coverage) = &found[0];
        assert_eq!(id, BUNDLED_ID);
        assert_eq!((coverage.covered, coverage.tokens), (606, 606));
        assert!(coverage.missing.is_empty());
        let out = text(out);
        assert!(
            out.contains(
                "deir-ez-zor-2017: 606/606 word tokens resolve to a glossary entry (100.0 %); 4 numbers not counted\n"
            ),
            "{out}"
        );
        // The lexicon's 38,618 lemmas and qari's names (data/senses/names.tsv).
        assert!(out.starts_with("analyser: "), "{out}");
        let lemmas: usize = out["analyser: ".len()..]
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert!(lemmas > 38_618, "{out}");
        assert!(
            out.contains(
                "analyser data beside it: senses/news.tsv, senses/names.tsv, senses/usual.tsv, freq/lemmas.tsv\n"
            ),
            "{out}"
        );
        assert!(
            out.ends_with(
                "deir-ez-zor-2017: 606/606 word tokens have a glossed reading, from the glossary or the analyser (100.0 %)\n"
            ),
            "{out}"
        );

        std::fs::create_dir(dir.path().join("glossary")).unwrap();
        std::fs::write(dir.path().join("glossary/mine.toml"), "[[entry]]\n").unwrap();
        let mut out = Vec::new();
        let failed = check(&library, &Dictionaries::default(), &mut out);
        assert!(matches!(failed, Err(Error::Unreadable(1))), "{failed:?}");
        let out = text(out);
        // After the analyser's two lines.
        let third = out.lines().nth(2).unwrap_or("");
        assert!(third.starts_with("error: "), "{out}");
        assert!(third.contains("mine.toml:1:1: missing field"), "{out}");
    }
}
