//! Article files: TOML, one `[article]` table of metadata, then one
//! `[[sentence]]` table per sentence in reading order (see README, "Article
//! files"). Errors name the file, the line and column, and what was expected.

use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::{Article, Meta, Origin, Sentence};
use crate::files::{FileError, SENTENCE_CHARS, read_toml, thousands};

/// Why an article could not be read.
pub type ArticleError = FileError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleFile {
    #[serde(default)]
    article: MetaFile,
    #[serde(default)]
    sentence: Vec<Spanned<SentenceFile>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MetaFile {
    #[serde(default)]
    title: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    imported: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    removed: Vec<String>,
    #[serde(default)]
    intro: Vec<String>,
    #[serde(default)]
    outro: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SentenceFile {
    ar: Spanned<String>,
    #[serde(default)]
    en: String,
    #[serde(default)]
    notes: Vec<String>,
    #[serde(default)]
    heading: bool,
    #[serde(default)]
    starts_paragraph: bool,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    article: MetaOut<'a>,
    sentence: Vec<SentenceOut<'a>>,
}

#[derive(Serialize)]
struct MetaOut<'a> {
    #[serde(skip_serializing_if = "str::is_empty")]
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    title_en: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    language: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    date: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    imported: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    source: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    removed: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    intro: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    outro: &'a [String],
}

#[derive(Serialize)]
struct SentenceOut<'a> {
    #[serde(skip_serializing_if = "is_false")]
    heading: bool,
    #[serde(skip_serializing_if = "is_false")]
    starts_paragraph: bool,
    ar: &'a str,
    en: &'a str,
    notes: &'a [String],
}

/// Why a sentence's Arabic text is refused for its length, if it is: the
/// same cap for article files and overlays.
pub(super) fn sentence_too_long(ar: &str) -> Option<String> {
    let length = ar.chars().count() as u64;
    (length > SENTENCE_CHARS.limit).then(|| {
        format!(
            "the sentence is {} characters long, over the {} cap for {}; not read",
            thousands(length),
            SENTENCE_CHARS.shown(),
            SENTENCE_CHARS.what
        )
    })
}

fn is_false(value: &bool) -> bool {
    !value
}

/// The text of an article file for `article` (what [`parse_article`]
/// reads back).
pub fn article_to_toml(article: &Article) -> String {
    let meta = &article.meta;
    let out = ArticleOut {
        article: MetaOut {
            title: &meta.title,
            title_en: &meta.title_en,
            language: &meta.language,
            date: &meta.date,
            imported: &meta.imported,
            source: &meta.source,
            removed: &meta.removed,
            intro: &meta.intro,
            outro: &meta.outro,
        },
        sentence: article
            .sentences
            .iter()
            .map(|s| SentenceOut {
                heading: s.heading,
                starts_paragraph: s.starts_paragraph,
                ar: &s.ar,
                en: &s.en,
                notes: &s.notes,
            })
            .collect(),
    };
    let body = toml::to_string(&out).unwrap_or_default();
    format!("{WRITTEN_BY_QARI}\n{body}")
}

/// The first line of every article file qari writes ([`article_to_toml`]),
/// since the first version that wrote any.
pub(super) const WRITTEN_BY_QARI: &str =
    "# A qari article (format: README.md, \"Article files\").\n";

/// Reads an article from the bytes of a file. `path` names the file in
/// errors; `id` becomes the article's id.
pub fn parse_article(
    bytes: &[u8],
    path: &Path,
    id: &str,
    origin: Origin,
) -> Result<Article, ArticleError> {
    let (file, text): (ArticleFile, &str) = read_toml(bytes, path)?;
    let syntax = |span: Option<Range<usize>>, message: &dyn fmt::Display| {
        FileError::syntax(path, text, span.map_or(0, |s| s.start), message)
    };
    if file.sentence.is_empty() {
        return Err(syntax(
            Some(text.len()..text.len()),
            &"expected at least one [[sentence]] table with an `ar` text",
        ));
    }
    let mut sentences = Vec::with_capacity(file.sentence.len());
    for entry in file.sentence {
        let entry = entry.into_inner();
        if entry.ar.get_ref().trim().is_empty() {
            return Err(syntax(
                Some(entry.ar.span()),
                &"expected the sentence's text in `ar`, found an empty string",
            ));
        }
        if let Some(message) = sentence_too_long(entry.ar.get_ref()) {
            return Err(syntax(Some(entry.ar.span()), &message));
        }
        let mut sentence = Sentence::new(entry.ar.into_inner(), entry.en, entry.notes);
        sentence.heading = entry.heading;
        sentence.starts_paragraph = entry.starts_paragraph;
        sentences.push(sentence);
    }
    let meta = file.article;
    Ok(Article {
        id: id.to_owned(),
        meta: Meta {
            title: meta.title,
            title_en: meta.title_en,
            language: meta.language,
            date: meta.date,
            imported: meta.imported,
            source: meta.source,
            removed: meta.removed,
            intro: meta.intro,
            outro: meta.outro,
        },
        sentences,
        origin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Article, ArticleError> {
        parse_article(text.as_bytes(), Path::new("a.toml"), "a", Origin::Bundled)
    }

    fn error(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn a_minimal_article_reads() {
        let article = parse("[[sentence]]\nar = \"هل بدأت؟\"\n").unwrap();
        assert_eq!(article.sentences.len(), 1);
        assert_eq!(article.sentences[0].en, "");
        assert_eq!(article.title(), "a");
    }

    #[test]
    fn errors_name_file_line_column_and_what_was_expected() {
        assert_eq!(
            error("[[sentence]]\nar = \"x\"\n\n[[sentence]]\nen = \"y\"\n"),
            "a.toml:4:1: missing field `ar`"
        );
        assert_eq!(
            error("[[sentence]]\nar = \"x\"\ntranslation = \"y\"\n"),
            "a.toml:3:1: unknown field `translation`, expected one of `ar`, `en`, `notes`, `heading`, `starts_paragraph`"
        );
        assert_eq!(
            error("[[sentence]]\nar = \"\"\n"),
            "a.toml:2:6: expected the sentence's text in `ar`, found an empty string"
        );
        assert_eq!(
            error("[article]\ntitle_en = \"x\"\n"),
            "a.toml:3:1: expected at least one [[sentence]] table with an `ar` text"
        );
        assert!(error("[[sentence]]\nar = \"x\n").starts_with("a.toml:2:"));
    }

    #[test]
    fn an_article_written_reads_back_the_same() {
        let text = "[article]\nlanguage = \"ar\"\nremoved = [\"line 3\"]\n\n[[sentence]]\nheading = true\nar = \"عنوان\"\n\n[[sentence]]\nstarts_paragraph = true\nar = \"جملة \\\"أولى\\\".\"\nen = \"A first sentence.\"\nnotes = [\"one\", \"two\"]\n";
        let article = parse(text).unwrap();
        let written = article_to_toml(&article);
        let again = parse(&written).unwrap();
        assert_eq!(again.meta.removed, article.meta.removed);
        for (a, b) in article.sentences.iter().zip(&again.sentences) {
            assert_eq!(
                (&a.ar, &a.en, &a.notes, a.heading, a.starts_paragraph),
                (&b.ar, &b.en, &b.notes, b.heading, b.starts_paragraph)
            );
        }
        assert_eq!(again.sentences.len(), 2);
    }

    #[test]
    fn an_article_is_written_with_only_the_keys_it_needs() {
        let text = "[article]\ntitle_en = \"T\"\ndate = \"2017-09-10\"\n\n[[sentence]]\nheading = true\nar = \"عنوان\"\n\n[[sentence]]\nar = \"جملة.\"\nen = \"A sentence.\"\n";
        let written = article_to_toml(&parse(text).unwrap());
        // No `heading = false`, no `starts_paragraph = false`, no empty
        // metadata.
        assert_eq!(
            written,
            "# A qari article (format: README.md, \"Article files\").\n\n\
             [article]\ntitle_en = \"T\"\ndate = \"2017-09-10\"\n\n\
             [[sentence]]\nheading = true\nar = \"عنوان\"\nen = \"\"\nnotes = []\n\n\
             [[sentence]]\nar = \"جملة.\"\nen = \"A sentence.\"\nnotes = []\n"
        );
    }

    #[test]
    fn intro_and_outro_are_optional_and_written_back() {
        let without = parse("[[sentence]]\nar = \"جملة.\"\n").unwrap();
        assert!(without.meta.intro.is_empty() && without.meta.outro.is_empty());
        assert!(!article_to_toml(&without).contains("intro"));
        let text = "[article]\nintro = [\"Who is who: الجيش السوري.\", \"The siege.\"]\noutro = [\"Duals: معبرين.\"]\n\n[[sentence]]\nar = \"جملة.\"\n";
        let article = parse(text).unwrap();
        assert_eq!(
            article.meta.intro,
            ["Who is who: الجيش السوري.", "The siege."]
        );
        assert_eq!(article.meta.outro, ["Duals: معبرين."]);
        let again = parse(&article_to_toml(&article)).unwrap();
        assert_eq!(again.meta, article.meta);
    }

    #[test]
    fn an_unknown_article_key_is_still_refused() {
        assert_eq!(
            error("[article]\noutros = [\"x\"]\n[[sentence]]\nar = \"x\"\n"),
            "a.toml:2:1: unknown field `outros`, expected one of `title`, `title_en`, `language`, `date`, `imported`, `source`, `removed`, `intro`, `outro`"
        );
        assert!(
            error("[article]\nintro = \"one string\"\n[[sentence]]\nar = \"x\"\n")
                .starts_with("a.toml:2:9: ")
        );
    }

    #[test]
    fn a_sentence_over_the_cap_is_refused_where_it_starts() {
        let long = "كلمة ".repeat(2_001);
        assert_eq!(
            error(&format!(
                "[[sentence]]\nar = \"x\"\n[[sentence]]\nar = \"{long}\"\n"
            )),
            "a.toml:4:6: the sentence is 10,005 characters long, over the 10,000-character cap for a sentence; not read"
        );
        let longest = "كلمة ".repeat(2_000);
        assert!(parse(&format!("[[sentence]]\nar = \"{longest}\"\n")).is_ok());
    }

    #[test]
    fn invalid_utf8_is_reported_with_its_offset() {
        let result = parse_article(b"ar = \"\xff\"", Path::new("b.toml"), "b", Origin::Bundled);
        assert_eq!(
            result.unwrap_err().to_string(),
            "b.toml: not UTF-8 text (invalid byte at offset 6)"
        );
    }
}
