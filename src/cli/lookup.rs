//! `qari lookup WORD`: every glossary entry, the analyser's readings and
//! every dictionary result for a word (or a multi-word term) as it stands in
//! the text, and how each matched.

use std::io::Write;

use crate::app::MAX_READINGS;
use crate::arabic::{Analysis, has_arabic_letter};
use crate::article::Library;
use crate::dict::{Dictionaries, merge};
use crate::files::Printable;
use crate::glossary::Entry;
use crate::text::Direction;
use crate::ui::strings;

use super::output::load_glossary_and_dictionaries;
use super::{Error, Order};

/// How many results `lookup` printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub glossary: usize,
    /// The analyser's readings (not counting a guess).
    pub readings: usize,
    pub dictionaries: usize,
}

/// Prints the glossary's entries for `word`, then the analyser's readings
/// (the first in full and at most [`MAX_READINGS`], as the glossary pane
/// shows them), then the dictionaries' results, on `out`; glossary and
/// dictionary files that could not be read go to `err`. Nothing found is
/// [`Error::NotFound`].
///
/// `dictionaries` loads the dictionaries; it runs beside the glossary's
/// loading.
pub fn lookup(
    library: &Library,
    dictionaries: impl FnOnce() -> Dictionaries + Send,
    word: &str,
    order: Order,
    out: impl Write,
    mut err: impl Write,
) -> Result<Found, Error> {
    if word.trim().is_empty() {
        return Err(Error::EmptyWord);
    }
    let (glossary, dictionaries) = load_glossary_and_dictionaries(library, dictionaries, &mut err)?;
    for problem in &dictionaries.problems {
        writeln!(err, "qari: skipped dictionary {problem}")?;
    }
    let mut out = Printable::new(out);
    let mut line = |text: &str| writeln!(out, "{}", order.line(text, Direction::Ltr));
    let found = glossary.lookup(word);
    let (ranked, _) = glossary.readings_in_context(word, None, None);
    let readings: Vec<&Analysis> = ranked.iter().filter(|r| !r.guess).collect();
    let from_dictionaries = dictionaries.lookup(word);
    if found.is_empty() && readings.is_empty() && from_dictionaries.is_empty() {
        return Err(Error::NotFound(word.to_owned()));
    }
    for found in &found {
        let entry = &glossary.entries[found.entry];
        for text in describe(entry) {
            line(&text)?;
        }
        let source = glossary.source_of(found.entry).path.display();
        line(&format!(
            "    matched: {}  ({source})",
            found.how(&glossary)
        ))?;
    }
    if let Some((first, others)) = readings.split_first() {
        line(&format!("{}  [analyser]", strings::READINGS))?;
        for text in strings::reading_lines(first) {
            if !text.is_empty() {
                line(&format!("    {text}"))?;
            }
        }
        for other in others.iter().take(MAX_READINGS - 1) {
            line(&format!("    {}", strings::reading_line(other)))?;
        }
    }
    if has_arabic_letter(word) {
        // One result per Arabic headword, forward and reverse together,
        // the first reading's lemma first.
        let lemma = readings.first().and_then(|r| r.lemma.as_deref());
        for merged in merge(&from_dictionaries, lemma) {
            line(&format!(
                "{}  [{}]",
                merged.arabic,
                merged.dictionaries.join(", ")
            ))?;
            for sense in &merged.english {
                line(&format!("    {sense}"))?;
            }
            line(&format!("    matched: {}", merged.how))?;
        }
    } else {
        for found in &from_dictionaries {
            let kind = if found.reverse { ", reverse match" } else { "" };
            line(&format!("{}  [{}{kind}]", found.headword, found.dictionary))?;
            for sense in &found.senses {
                line(&format!("    {sense}"))?;
            }
            line("    matched: the English headword")?;
        }
    }
    Ok(Found {
        glossary: found.len(),
        readings: readings.len(),
        dictionaries: from_dictionaries.len(),
    })
}

/// One entry in a few lines: headword, transliteration, part of speech,
/// root; then the senses; then notes.
fn describe(entry: &Entry) -> Vec<String> {
    let mut head = entry.headword.clone();
    for (label, value) in [
        ("", &entry.translit),
        ("", &entry.pos),
        ("root ", &entry.root),
    ] {
        if !value.is_empty() {
            head.push_str(&format!("  {label}{value}"));
        }
    }
    let mut lines = vec![head];
    lines.extend(entry.senses.iter().map(|s| format!("    {s}")));
    if !entry.parent.is_empty() {
        lines.push(format!("    form of {}", entry.parent));
    }
    if !entry.notes.is_empty() {
        lines.push(format!("    note: {}", entry.notes));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::testing::{library, text};

    fn test_dictionaries() -> Dictionaries {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stardict");
        Dictionaries::load(&[dir.into()])
    }

    #[test]
    fn an_empty_word_is_refused() {
        let (_dir, library) = library();
        for word in ["", "  "] {
            let found = lookup(
                &library,
                test_dictionaries,
                word,
                Order::Logical,
                Vec::new(),
                Vec::new(),
            );
            assert!(matches!(found, Err(Error::EmptyWord)), "{found:?}");
        }
    }

    #[test]
    fn prints_the_glossary_entry_then_the_dictionary_results_and_how_they_matched() {
        let (_dir, library) = library();
        let mut out = Vec::new();
        let found = lookup(
            &library,
            test_dictionaries,
            "والهدنة",
            Order::Logical,
            &mut out,
            Vec::new(),
        )
        .unwrap();
        assert_eq!((found.glossary, found.dictionaries), (1, 1));
        assert!(found.readings >= 1, "{found:?}");
        let out = text(out);
        assert!(
            out.starts_with(
                "هدنة  hudna  noun  root ه د ن\n    truce, ceasefire\n    \
                 matched: و + ال + هدنة  (glossary/deir-ez-zor-2017.toml)\n\
                 Readings  [analyser]\n    وَالهُدْنَة  wa-al-hudna  noun\n"
            ),
            "{out}"
        );
        assert!(
            out.ends_with(
                "الهدنة  [qari-test]\n    the truce, armistice\n    matched: و + الهدنة\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn a_word_only_the_analyser_knows_gets_its_readings() {
        let (_dir, library) = library();
        let mut out = Vec::new();
        let found = lookup(
            &library,
            Dictionaries::default,
            "سيصدرون",
            Order::Logical,
            &mut out,
            Vec::new(),
        )
        .expect("the analyser reads it");
        assert_eq!((found.glossary, found.dictionaries), (0, 0));
        assert!(found.readings >= 1, "{found:?}");
        let out = text(out);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "Readings  [analyser]");
        assert!(lines[1].starts_with("    سَيَصْدُرُونَ  sa-yaṣdurūna"), "{out}");
        assert!(lines[1].ends_with("  verb"), "{out}");
        assert!(lines[2].contains("root ص د ر"), "{out}");
        assert!(out.contains("will issue"), "{out}");
    }

    #[test]
    fn nothing_found_is_an_error_naming_the_word_and_unreadable_files_are_said() {
        let (dir, library) = library();
        std::fs::create_dir(dir.path().join("glossary")).unwrap();
        std::fs::write(dir.path().join("glossary/bad.toml"), "[[entry]]\n").unwrap();
        let mut err = Vec::new();
        let result = lookup(
            &library,
            Dictionaries::default,
            "zzz",
            Order::Logical,
            Vec::new(),
            &mut err,
        );
        assert!(matches!(&result, Err(Error::NotFound(word)) if word == "zzz"));
        assert_eq!(
            result.unwrap_err().to_string(),
            "no glossary entry or dictionary result for \"zzz\""
        );
        let err = text(err);
        assert!(err.starts_with("qari: skipped "), "{err}");
        assert!(err.contains("bad.toml:1:1: missing field"), "{err}");
    }
}
