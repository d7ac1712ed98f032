//! Normalisation for matching: both a word of the text and a headword are
//! reduced to one spelling before they are compared.
//!
//! - tashkeel (harakat, shadda, sukun, dagger alif) and tatweel go;
//! - أ إ آ ٱ become ا;
//! - a final ى becomes ي, a final ة becomes ه (news text mixes them);
//! - the old spellings ىء and يء of hamza on a tooth become ئ;
//! - Arabic-Indic and Persian digits become ASCII digits.
//!
//! Normalising twice gives the same result as once (a property test checks).
//!
//! [`fold_marks`] is the lighter step the text itself gets (a word as the
//! learner sees it, to count and to prefill forms): only marks and tatweel
//! go.

use super::numerals::western_digit;

/// Whether `c` is a vowel mark (tashkeel: harakat, tanwin, shadda, sukun,
/// the dagger alif) or tatweel: what says nothing about which word it is.
pub fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// A letter of a word and the vowel marks written on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedLetter {
    pub letter: char,
    pub marks: Vec<char>,
}

/// The letters of `word`, each with its marks (tatweel dropped; marks
/// before the first letter too): what transliteration, patterns and the
/// check of a text's vowels against a reading walk over.
pub fn marked_letters(word: &str) -> Vec<MarkedLetter> {
    let mut out: Vec<MarkedLetter> = Vec::new();
    for c in word.chars() {
        if c == '\u{0640}' {
            continue;
        }
        if is_mark(c) {
            if let Some(last) = out.last_mut() {
                last.marks.push(c);
            }
        } else {
            out.push(MarkedLetter {
                letter: c,
                marks: Vec::new(),
            });
        }
    }
    out
}

/// The marks `vocalised` (a reading of `written`, with its vowels) puts on
/// each letter of `written`, in order: what vowelling the word as the text
/// spells it adds. `None` when the text already has marks of its own or the
/// letters do not line up (a reading spelled with another hamza seat, ى for
/// ي or ة for ه still lines up: the text's letters stay).
pub fn marks_for(written: &str, vocalised: &str) -> Option<Vec<Vec<char>>> {
    let text = marked_letters(written);
    let reading = marked_letters(vocalised);
    if text.len() != reading.len() || text.iter().any(|l| !l.marks.is_empty()) {
        return None;
    }
    let fold = crate::arabic::bama::key;
    let same = text.iter().zip(&reading).all(|(a, b)| {
        a.letter == b.letter || fold(&a.letter.to_string()) == fold(&b.letter.to_string())
    });
    same.then(|| reading.into_iter().map(|l| l.marks).collect())
}

/// `word` without Arabic vowel marks (tashkeel) and tatweel, so that وَقَّعَ
/// and وقع count as one word.
pub fn fold_marks(word: &str) -> String {
    word.chars().filter(|&c| !is_mark(c)).collect()
}

/// The matching form of `word`. Each space-separated token is normalised
/// on its own, so multi-word headwords keep their word ends.
pub fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for token in word.split_whitespace() {
        let before = out.len();
        if before > 0 {
            out.push(' ');
        }
        normalize_token(token, &mut out);
        // A token of marks or tatweel alone vanishes, with its space.
        if out.len() == before + usize::from(before > 0) {
            out.truncate(before);
        }
    }
    out
}

fn normalize_token(token: &str, out: &mut String) {
    let start = out.len();
    for c in token.chars() {
        match c {
            c if is_mark(c) => {}
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            _ => out.push(western_digit(c).unwrap_or(c)),
        }
    }
    // The old spelling of hamza on a tooth, ىء / يء (اللاجىء), is ئ.
    if out[start..].contains("ىء") || out[start..].contains("يء") {
        let fixed = out[start..].replace("ىء", "ئ").replace("يء", "ئ");
        out.truncate(start);
        out.push_str(&fixed);
    }
    // Final ى / ة, after the marks are gone (ىً, ةٌ).
    let token_text = &out[start..];
    if let Some(last) = token_text.chars().last() {
        let replacement = match last {
            'ى' => Some('ي'),
            'ة' => Some('ه'),
            _ => None,
        };
        if let Some(replacement) = replacement {
            out.truncate(out.len() - last.len_utf8());
            out.push(replacement);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_readings_marks_go_on_the_letters_as_the_text_spells_them() {
        let marks = marks_for("اعلنت", "أَعْلَنَت").unwrap();
        assert_eq!(marks.len(), 5);
        assert_eq!(marks[0], ['\u{064E}']);
        assert_eq!(marks[1], ['\u{0652}']);
        assert!(marks[4].is_empty());
        assert_eq!(marks_for("كَتب", "كَتَبَ"), None, "the text's own marks stay");
        assert_eq!(
            marks_for("كتاب", "كَتَبَ"),
            None,
            "letters that do not line up"
        );
    }

    #[test]
    fn marks_alefs_final_letters_and_digits() {
        assert_eq!(normalize("تُعْتَبَرُ"), "تعتبر");
        assert_eq!(normalize("إدلب"), "ادلب");
        assert_eq!(normalize("آخر أو ٱلقاهرة"), "اخر او القاهره");
        assert_eq!(normalize("إلى"), "الي");
        assert_eq!(normalize("مدينةٌ"), "مدينه");
        assert_eq!(normalize("لـ«داعش»"), "ل«داعش»");
        assert_eq!(normalize("٣١ تموز ۱۴۷"), "31 تموز 147");
        // ة and ى only at the end of a word.
        assert_eq!(normalize("حياتى"), "حياتي");
        assert_eq!(normalize("ةبة"), "ةبه");
        assert_eq!(normalize("اللاجىء"), normalize("اللاجئ"));
        assert_eq!(normalize("شيء"), "شئ");
    }

    #[test]
    fn marks_and_tatweel_fold_away_and_nothing_else() {
        assert_eq!(fold_marks("تُعْتَبَرُ"), "تعتبر");
        assert_eq!(fold_marks("لـ"), "ل");
        // Unlike normalize: hamza seats, ة and digits stay as written.
        assert_eq!(fold_marks("أَدائِها ٣"), "أدائها ٣");
    }
}
