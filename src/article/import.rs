//! Turning pasted text into an article: split into sentences, the headline
//! recognised, page furniture recorded as removed, and a parallel English
//! text aligned sentence by sentence when the counts match.

use super::split::{Split, split};
use super::{Article, Meta, Origin, Sentence};
use crate::quote::quoted;

/// What happened to the translation given with `--translation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alignment {
    /// No translation was given.
    None,
    /// Every sentence got its translation.
    Aligned,
    /// The counts differ: the translation slots were left empty.
    Mismatch { arabic: usize, english: usize },
}

/// An imported article, with what was dropped and how the translation went.
#[derive(Debug, Clone)]
pub struct Imported {
    pub article: Article,
    pub dropped: Vec<(usize, String)>,
    pub alignment: Alignment,
}

/// Builds an article from pasted `text`. Without `title`, a first paragraph
/// that is one short sentence with no final punctuation is taken as the
/// headline.
pub fn import_text(
    id: &str,
    text: &str,
    title: Option<&str>,
    source: Option<&str>,
    date: &str,
    translation: Option<&str>,
) -> Imported {
    let Split {
        mut paragraphs,
        dropped,
    } = split(text);
    let mut sentences = Vec::new();
    let heading = match title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(title) => Some(title.to_owned()),
        None if paragraphs
            .first()
            .is_some_and(|p| p.len() == 1 && looks_like_headline(&p[0])) =>
        {
            paragraphs.remove(0).pop()
        }
        None => None,
    };
    if let Some(heading) = heading {
        let mut sentence = Sentence::new(heading, String::new(), Vec::new());
        sentence.heading = true;
        sentences.push(sentence);
    }
    for paragraph in paragraphs {
        for (index, text) in paragraph.into_iter().enumerate() {
            let mut sentence = Sentence::new(text, String::new(), Vec::new());
            sentence.starts_paragraph = index == 0;
            sentences.push(sentence);
        }
    }
    let alignment = match translation {
        None => Alignment::None,
        Some(english) => align(&mut sentences, english),
    };
    let removed = dropped
        .iter()
        .map(|(line, text)| format!("line {line}: {} (page furniture)", quoted(text)))
        .collect();
    let article = Article {
        id: id.to_owned(),
        meta: Meta {
            title_en: String::new(),
            language: "ar".to_owned(),
            date: date.to_owned(),
            source: source.unwrap_or_default().to_owned(),
            removed,
        },
        sentences,
        origin: Origin::Bundled,
    };
    Imported {
        article,
        dropped,
        alignment,
    }
}

/// A headline: a short line without a sentence's final punctuation.
fn looks_like_headline(sentence: &str) -> bool {
    let last = sentence
        .trim_end_matches(['»', '"', '”', ')'])
        .chars()
        .last();
    sentence.split_whitespace().count() <= 20
        && !last.is_some_and(|c| matches!(c, '.' | '!' | '?' | '؟' | '؛' | '…' | ':' | '،'))
}

/// Puts the English sentences in the translation slots when the counts
/// match, all sentences or all but the headline.
fn align(sentences: &mut [Sentence], english: &str) -> Alignment {
    let english: Vec<String> = split(english).paragraphs.into_iter().flatten().collect();
    let body = sentences.iter().filter(|s| !s.heading).count();
    let targets: Vec<&mut Sentence> = if english.len() == sentences.len() {
        sentences.iter_mut().collect()
    } else if english.len() == body {
        sentences.iter_mut().filter(|s| !s.heading).collect()
    } else {
        return Alignment::Mismatch {
            arabic: sentences.len(),
            english: english.len(),
        };
    };
    for (sentence, translation) in targets.into_iter().zip(english) {
        sentence.en = translation;
    }
    Alignment::Aligned
}

/// An id from a title: its ASCII letters and digits in lowercase, joined by
/// hyphens; empty when it has none (an Arabic title).
pub fn slug(title: &str) -> String {
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "الجيش يتقدم في دير الزور\n\n12\nقال المتحدث إن القوات تقدمت. وأضاف أن المعارك مستمرة.\nوفي سياق آخر، أعلنت الوزارة عن اتفاق.\n";

    #[test]
    fn headline_paragraphs_and_dropped_lines() {
        let imported = import_text(
            "x",
            TEXT,
            None,
            Some("https://example.com"),
            "2026-11-24",
            None,
        );
        let article = &imported.article;
        let heads: Vec<(bool, bool, &str)> = article
            .sentences
            .iter()
            .map(|s| (s.heading, s.starts_paragraph, s.ar.as_str()))
            .collect();
        assert_eq!(
            heads,
            [
                (true, false, "الجيش يتقدم في دير الزور"),
                (false, true, "قال المتحدث إن القوات تقدمت."),
                (false, false, "وأضاف أن المعارك مستمرة."),
                (false, true, "وفي سياق آخر، أعلنت الوزارة عن اتفاق."),
            ]
        );
        assert_eq!(imported.dropped, [(3, "12".to_owned())]);
        assert_eq!(article.meta.removed, ["line 3: \"12\" (page furniture)"]);
        assert_eq!(article.meta.source, "https://example.com");
    }

    #[test]
    fn a_translation_aligns_when_the_counts_match_and_only_then() {
        let english = "The army advances in Deir ez-Zor\nThe spokesman said the forces advanced. He added that the fighting goes on.\nElsewhere, the ministry announced an agreement.\n";
        let imported = import_text("x", TEXT, None, None, "", Some(english));
        assert_eq!(imported.alignment, Alignment::Aligned);
        assert_eq!(
            imported.article.sentences[2].en,
            "He added that the fighting goes on."
        );
        let body_only = "The spokesman said the forces advanced. He added that the fighting goes on. Elsewhere, the ministry announced an agreement.";
        let imported = import_text("x", TEXT, None, None, "", Some(body_only));
        assert_eq!(imported.alignment, Alignment::Aligned);
        assert_eq!(imported.article.sentences[0].en, "");
        let short = "Just one sentence.";
        let imported = import_text("x", TEXT, None, None, "", Some(short));
        assert_eq!(
            imported.alignment,
            Alignment::Mismatch {
                arabic: 4,
                english: 1
            }
        );
        assert!(imported.article.sentences.iter().all(|s| s.en.is_empty()));
    }

    #[test]
    fn slugs_from_latin_titles_only() {
        assert_eq!(
            slug("Syria: Deir ez-Zor battle, day 1"),
            "syria-deir-ez-zor-battle-day-1"
        );
        assert_eq!(slug("معركة دير الزور"), "");
    }
}
