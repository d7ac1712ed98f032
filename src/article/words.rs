//! Words of a sentence: what the word cursor steps over and the glossary
//! looks up. Boundaries are UAX #29 word boundaries; a word is a segment with
//! a letter or digit in it, so punctuation («» ، . ؟) and spaces never are.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Byte ranges of the words of `text`, in logical order.
pub fn words(text: &str) -> Vec<Range<usize>> {
    text.split_word_bound_indices()
        .filter(|(_, segment)| segment.chars().any(char::is_alphanumeric))
        .map(|(start, segment)| start..start + segment.len())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn punctuation_and_quotes_are_not_words() {
        assert_eq!(
            texts("و«داعش» يدعو «للنفير»، هل بدأت؟"),
            ["و", "داعش", "يدعو", "للنفير", "هل", "بدأت"]
        );
    }

    #[test]
    fn digits_stay_with_their_letters_and_hyphens_split() {
        assert_eq!(
            texts("نحو كلم2 طريق حمص-حماة"),
            ["نحو", "كلم2", "طريق", "حمص", "حماة"]
        );
        assert_eq!(texts("لـ«داعش» 147 ألف"), ["لـ", "داعش", "147", "ألف"]);
    }

    #[test]
    fn marks_stay_inside_the_word() {
        assert_eq!(texts("تُعتبر"), ["تُعتبر"]);
    }
}
