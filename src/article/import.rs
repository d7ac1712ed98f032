//! Turning pasted text into an article: split into sentences, the headline
//! recognised, page furniture recorded as removed, and a parallel English
//! text aligned with it (see [`super::align`]).

use super::align::{Aligned, align_translation};
use super::split::{Split, split};
use super::{Article, Meta, Origin, Sentence};
use crate::arabic::{has_arabic_letter, transliterate};
use crate::quote::quoted;

/// An imported article, with what was dropped and how the translation
/// (if one was given) was aligned.
#[derive(Debug, Clone)]
pub struct Imported {
    pub article: Article,
    pub dropped: Vec<(usize, String)>,
    pub alignment: Option<Aligned>,
}

/// Builds an article from pasted `text`. `title` (`--title`) is the
/// article's title, kept in its metadata, never a sentence; `date` is when
/// it was published (empty: unknown). A first paragraph that reads like a
/// headline (see [`headline`]) is the heading, with or without a title.
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
    if let Some(heading) = paragraphs.first().and_then(|p| headline(p)) {
        paragraphs.remove(0);
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
    let alignment = translation.map(|english| {
        let aligned = align_translation(&sentences, english);
        for (sentence, slot) in sentences.iter_mut().zip(&aligned.slots) {
            if let Some(en) = slot {
                sentence.en.clone_from(en);
            }
        }
        aligned
    });
    let removed = dropped
        .iter()
        .map(|(line, text)| format!("line {line}: {} (page furniture)", quoted(text)))
        .collect();
    let article = Article {
        id: id.to_owned(),
        meta: Meta {
            title: title.map(str::trim).unwrap_or_default().to_owned(),
            language: "ar".to_owned(),
            date: date.to_owned(),
            source: source.unwrap_or_default().to_owned(),
            removed,
            ..Meta::default()
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

/// The first paragraph as a headline, if it reads like one: short (20
/// words at most), with no sentence's final punctuation at its end. News
/// headlines join their parts with `..` or `...` («الجيش يتقدم.. وداعش
/// يتراجع»), which the splitter takes for sentence ends: such parts are
/// joined back into one headline.
fn headline(paragraph: &[String]) -> Option<String> {
    let (last, parts) = paragraph.split_last()?;
    let joined = parts.iter().all(|part| {
        let end = part.trim_end_matches(['»', '"', '”', ')']);
        end.ends_with("..") || end.ends_with('…')
    });
    let line = paragraph.join(" ");
    (joined && looks_like_headline(last) && line.split_whitespace().count() <= 20).then_some(line)
}

/// A headline's end: no sentence's final punctuation.
fn looks_like_headline(sentence: &str) -> bool {
    let last = sentence
        .trim_end_matches(['»', '"', '”', ')'])
        .chars()
        .last();
    !last.is_some_and(|c| matches!(c, '.' | '!' | '?' | '؟' | '؛' | '…' | ':' | '،'))
}

/// An id from a title: its first eight words in lowercase ASCII, joined
/// by hyphens (a word's own pieces too: `al-jysh`), at most [`MAX_SLUG`]
/// bytes, cut between words. Arabic is transliterated ([`transliterate`],
/// then folded to ASCII: ḥ → h, ā → a, ʿ and ʾ left out), Arabic-Indic
/// digits become ASCII ones, and accented Latin letters lose their
/// accents; empty when nothing is left.
pub fn slug(title: &str) -> String {
    let words = title.split_whitespace().filter_map(|word| {
        let latin = if has_arabic_letter(word) {
            transliterate(word)
        } else {
            word.to_owned()
        };
        let ascii: String = latin.chars().filter_map(fold_to_ascii).collect();
        let pieces: Vec<String> = ascii
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|piece| !piece.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        (!pieces.is_empty()).then(|| pieces.join("-"))
    });
    let mut out = String::new();
    for word in words.take(8) {
        if out.is_empty() && word.len() > MAX_SLUG {
            out = word[..MAX_SLUG].trim_end_matches('-').to_owned();
            break;
        }
        if out.len() + 1 + word.len() > MAX_SLUG {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word);
    }
    out
}

/// The longest id [`slug`] makes, in bytes.
pub const MAX_SLUG: usize = 60;

/// `c` as ASCII, if it has an ASCII form: Latin letters with a diacritic
/// lose it, Arabic-Indic and Persian digits become ASCII digits; hamza and
/// ʿayn signs are left out (`None`), and so is what has no ASCII form.
fn fold_to_ascii(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c);
    }
    if let Some(digit) = ('\u{0660}'..='\u{0669}')
        .position(|d| d == c)
        .or_else(|| ('\u{06F0}'..='\u{06F9}').position(|d| d == c))
    {
        return char::from_digit(digit as u32, 10);
    }
    let folded = match c {
        'ā' | 'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'Ā' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'A',
        'ḍ' | 'Ḍ' => 'd',
        'é' | 'è' | 'ê' | 'ë' | 'ē' => 'e',
        'É' | 'È' | 'Ê' | 'Ë' | 'Ē' => 'E',
        'ḥ' | 'Ḥ' => 'h',
        'ī' | 'í' | 'ì' | 'î' | 'ï' => 'i',
        'Ī' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'I',
        'ñ' => 'n',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ō' => 'o',
        'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ō' => 'O',
        'ṣ' | 'Ṣ' | 'ş' | 'Ş' => 's',
        'ṭ' | 'Ṭ' => 't',
        'ū' | 'ú' | 'ù' | 'û' | 'ü' => 'u',
        'Ū' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'U',
        'ẓ' | 'Ẓ' => 'z',
        'ç' => 'c',
        'Ç' => 'C',
        _ => return None,
    };
    Some(folded)
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
    fn a_title_is_metadata_never_a_sentence_and_the_headline_is_still_found() {
        let imported = import_text("x", TEXT, Some(" My title "), None, "2017-08", None);
        let article = &imported.article;
        assert_eq!(article.meta.title, "My title");
        assert_eq!(article.title(), "My title");
        assert_eq!(article.meta.date, "2017-08");
        assert_eq!(article.sentences.len(), 4);
        assert!(article.sentences[0].heading);
        assert_eq!(article.sentences[0].ar, "الجيش يتقدم في دير الزور");
        assert!(article.sentences.iter().all(|s| s.ar != "My title"));
    }

    #[test]
    fn a_headline_split_by_two_or_three_dots_is_one_headline() {
        for (line, expected) in [
            ("الجيش يتقدم.. وداعش يتراجع", "الجيش يتقدم.. وداعش يتراجع"),
            ("سوريا... ماذا بعد دير الزور", "سوريا... ماذا بعد دير الزور"),
            ("«داعش»… والنفير العام", "«داعش»… والنفير العام"),
        ] {
            let text = format!("{line}\nقال المتحدث إن القوات تقدمت. وأضاف أن المعارك مستمرة.\n");
            let article = import_text("x", &text, None, None, "", None).article;
            assert!(article.sentences[0].heading, "{line}");
            assert_eq!(article.sentences[0].ar, expected);
            assert_eq!(article.sentences.len(), 3, "{line}");
        }
        // Two sentences of a paragraph are no headline; nor is one that
        // ends as a sentence does.
        for line in [
            "قال المتحدث إن القوات تقدمت. وأضاف",
            "الجيش يتقدم.. وداعش يتراجع.",
        ] {
            let text = format!("{line}\nجملة أخرى.\n");
            let article = import_text("x", &text, None, None, "", None).article;
            assert!(!article.sentences[0].heading, "{line}");
        }
    }

    #[test]
    fn a_translation_is_aligned_and_what_it_lacks_left_empty() {
        use crate::article::ParagraphOutcome::{Aligned, Empty};
        let english = "The army advances in Deir ez-Zor\nThe spokesman said the forces advanced. He added that the fighting goes on.\nElsewhere, the ministry announced an agreement.\n";
        let imported = import_text("x", TEXT, None, None, "", Some(english));
        let aligned = imported.alignment.unwrap();
        assert_eq!(aligned.paragraphs, [Aligned; 3]);
        assert_eq!(
            imported.article.sentences[2].en,
            "He added that the fighting goes on."
        );
        // No headline in the English: the headline alone is left empty.
        let body_only = "The spokesman said the forces advanced. He added that the fighting goes on.\nElsewhere, the ministry announced an agreement.";
        let imported = import_text("x", TEXT, None, None, "", Some(body_only));
        let aligned = imported.alignment.unwrap();
        assert_eq!(aligned.paragraphs, [Empty, Aligned, Aligned]);
        assert_eq!(imported.article.sentences[0].en, "");
        assert_eq!(
            imported.article.sentences[3].en,
            "Elsewhere, the ministry announced an agreement."
        );
        assert_eq!(aligned.filled(), 3);
    }

    #[test]
    fn slugs_in_ascii_from_latin_and_arabic_titles() {
        assert_eq!(
            slug("Syria: Deir ez-Zor battle, day 1"),
            "syria-deir-ez-zor-battle-day-1"
        );
        // Arabic is transliterated, then folded to ASCII.
        assert_eq!(slug("معركة دير الزور"), "mrka-dyr-al-zwr");
        assert_eq!(
            slug("الجيش السوري يتقدم في ٣ مدن"),
            "al-jysh-al-swry-ytqdm-fy-3-mdn"
        );
        assert_eq!(slug("Élections à Beyrouth"), "elections-a-beyrouth");
        assert_eq!(slug("«» ،"), "");
        let long = slug(&"abcdefghij ".repeat(8));
        assert_eq!(
            long,
            "abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij"
        );
        assert!(slug(&"x".repeat(100)).len() == MAX_SLUG);
    }
}
