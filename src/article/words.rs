//! Words of a sentence: what the word cursor steps over and the glossary
//! looks up. Boundaries are UAX #29 word boundaries; a word is a segment with
//! a letter or digit in it, so punctuation («» ، . ؟) and spaces never are.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Byte ranges of the words of `text`, in logical order. A percent sign
/// right after a number belongs to it (50%, ٥٠٪): UAX #29 would leave it
/// out, and the number alone would read as a plain count.
pub fn words(text: &str) -> Vec<Range<usize>> {
    let mut segments = text.split_word_bound_indices().peekable();
    let mut out = Vec::new();
    while let Some((start, segment)) = segments.next() {
        if !segment.chars().any(char::is_alphanumeric) {
            continue;
        }
        let mut end = start + segment.len();
        let ends_in_digit = segment.chars().last().is_some_and(|c| c.is_numeric());
        if ends_in_digit
            && segments
                .peek()
                .is_some_and(|(_, next)| is_percent_sign(next))
            && let Some((_, sign)) = segments.next()
        {
            end += sign.len();
        }
        out.push(start..end);
    }
    out
}

fn is_percent_sign(segment: &str) -> bool {
    matches!(segment, "%" | "٪")
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
    fn decimals_and_percentages_are_one_word() {
        assert_eq!(
            texts("نحو 0.7 و29.49 دولار، ١٫٥ مليون، 3,5 كلم"),
            ["نحو", "0.7", "و29.49", "دولار", "١٫٥", "مليون", "3,5", "كلم"]
        );
        assert_eq!(
            texts("ارتفع 50% و٥٠٪ (10%)."),
            ["ارتفع", "50%", "و٥٠٪", "10%"]
        );
        // A sentence's last full stop stays out of the number.
        assert_eq!(texts("بلغ 3.5."), ["بلغ", "3.5"]);
    }

    #[test]
    fn marks_stay_inside_the_word() {
        assert_eq!(texts("تُعتبر"), ["تُعتبر"]);
    }
}
