//! `qari show ARTICLE [--json]`: the article as the reader shows it, the
//! learner's layer applied: each sentence's Arabic, translation (and where
//! it came from) and notes. Scripts, and the acceptance checks, read
//! articles through it.

use std::io::Write;

use serde::Serialize;

use crate::article::{Article, Library};
use crate::files::Printable;
use crate::text::Direction;

use super::Error;
use super::output::Order;

/// One sentence, as `--json` writes it (one object per line).
#[derive(Debug, Serialize)]
struct ShownSentence<'a> {
    /// 1-based, as on screen.
    index: usize,
    heading: bool,
    ar: &'a str,
    /// Empty when the sentence has no translation.
    en: &'a str,
    /// Where the translation came from when it is not the learner's or the
    /// article's own (`"machine"` for a draft); `null` otherwise.
    en_source: Option<&'a str>,
    notes: &'a [String],
}

/// Writes article `id` of `library` to `out`: JSON Lines with `json`, else
/// for reading (the Arabic in `order`, wrapped at `width` cells on a
/// terminal, the translation under it, then the notes).
pub fn show(
    library: &Library,
    id: &str,
    json: bool,
    order: Order,
    width: Option<usize>,
    out: impl Write,
) -> Result<(), Error> {
    let catalog = library.catalog();
    let article = catalog
        .get(id)
        .ok_or_else(|| Error::NoSuchArticle(id.to_owned()))?;
    if json {
        write_json(article, out)
    } else {
        write_text(article, order, width, Printable::new(out))
    }
}

fn write_json(article: &Article, mut out: impl Write) -> Result<(), Error> {
    for (index, sentence) in article.sentences.iter().enumerate() {
        let shown = ShownSentence {
            index: index + 1,
            heading: sentence.heading,
            ar: &sentence.ar,
            en: &sentence.en,
            en_source: sentence.en_source.as_deref(),
            notes: &sentence.notes,
        };
        serde_json::to_writer(&mut out, &shown).map_err(std::io::Error::from)?;
        writeln!(out)?;
    }
    Ok(())
}

fn write_text(
    article: &Article,
    order: Order,
    width: Option<usize>,
    mut out: impl Write,
) -> Result<(), Error> {
    // Two cells of indent, and one spare: a full last cell makes some
    // terminals wrap.
    let width = width.map(|w| w.saturating_sub(3).max(10));
    for (index, sentence) in article.sentences.iter().enumerate() {
        if index > 0 && article.paragraph_break_before(index) {
            writeln!(out)?;
        }
        let heading = if sentence.heading { " (headline)" } else { "" };
        writeln!(out, "{}{heading}", index + 1)?;
        // Each text indented, in lines the terminal will not wrap again.
        let mut put = |text: &str, direction: Direction| -> Result<(), Error> {
            let lines = match width {
                Some(width) => order.lines(text, direction, width),
                None => vec![order.line(text, direction)],
            };
            for line in lines {
                writeln!(out, "  {line}")?;
            }
            Ok(())
        };
        put(&sentence.ar, Direction::Rtl)?;
        match (&sentence.en_source, &sentence.en_translator) {
            _ if sentence.en.is_empty() => put("(no translation)", Direction::Ltr)?,
            (Some(_), translator) => {
                put(&sentence.en, Direction::Ltr)?;
                let by = translator.as_deref().unwrap_or("a translator");
                put(&format!("(a draft by {by})"), Direction::Ltr)?;
            }
            (None, _) => put(&sentence.en, Direction::Ltr)?,
        }
        for note in &sentence.notes {
            put(&format!("• {note}"), Direction::Ltr)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::testing::{BUNDLED_ID as BUNDLED, library, text};

    #[test]
    fn json_lines_one_object_per_sentence_with_the_overlay_applied() {
        let (_dir, library) = library();
        let article = library.catalog().get(BUNDLED).cloned().unwrap();
        let second = &article.sentences[1];
        library
            .save_sentence_edit(
                BUNDLED,
                &article.origin,
                1,
                &second.ar,
                crate::article::SentenceEdit::new("Mine.", second.notes.clone()),
            )
            .unwrap();
        let mut out = Vec::new();
        show(&library, BUNDLED, true, Order::Logical, None, &mut out).unwrap();
        let raw = text(out);
        // The keys in the order.
        assert!(
            raw.starts_with("{\"index\":1,\"heading\":true,\"ar\":\""),
            "{raw}"
        );
        assert!(
            raw.lines()
                .nth(1)
                .unwrap()
                .contains("\"en\":\"Mine.\",\"en_source\":null,\"notes\":["),
            "{raw}"
        );
        let lines: Vec<serde_json::Value> = raw
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), article.sentences.len());
        assert_eq!(lines[0]["index"], 1);
        assert_eq!(lines[0]["heading"], true);
        assert_eq!(lines[0]["ar"], article.sentences[0].ar.as_str());
        assert_eq!(lines[1]["en"], "Mine.");
        assert_eq!(lines[1]["en_source"], serde_json::Value::Null);
        assert!(lines[1]["notes"].is_array());

        let mut out = Vec::new();
        show(&library, BUNDLED, false, Order::Logical, None, &mut out).unwrap();
        let shown = text(out);
        assert!(shown.starts_with("1 (headline)\n  "), "{shown}");
        assert!(shown.contains("\n2\n  "), "{shown}");
        assert!(shown.contains("\n  Mine.\n"), "{shown}");

        let error = show(&library, "none", true, Order::Logical, None, Vec::new()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "no article \"none\": `qari list` shows the ids"
        );
    }

    #[test]
    fn on_a_terminal_the_text_is_wrapped_to_its_width_and_the_arabic_flush_right() {
        let (_dir, library) = library();
        let mut out = Vec::new();
        show(&library, BUNDLED, false, Order::Visual, Some(40), &mut out).unwrap();
        let shown = text(out);
        let lines: Vec<&str> = shown.lines().collect();
        for line in &lines {
            // Two cells of indent and 37 of text at most.
            assert!(crate::text::text_width(line) <= 39, "{line:?}");
        }
        // Under each sentence's number, its Arabic, flush right.
        let mut sentences = 0;
        for pair in lines.windows(2) {
            if pair[0]
                .split(' ')
                .next()
                .is_some_and(|n| n.parse::<usize>().is_ok())
            {
                assert_eq!(crate::text::text_width(pair[1]), 39, "{:?}", pair[1]);
                sentences += 1;
            }
        }
        assert_eq!(sentences, 24);
    }
}
