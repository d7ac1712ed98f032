//! Normalisation for matching: both a word of the text and a headword are
//! reduced to one spelling before they are compared.
//!
//! - tashkeel (harakat, shadda, sukun, dagger alif) and tatweel go;
//! - أ إ آ ٱ become ا;
//! - a final ى becomes ي, a final ة becomes ه (news text mixes them);
//! - Arabic-Indic and Persian digits become ASCII digits.
//!
//! Normalising twice gives the same result as once (a property test checks).

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
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => {}
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            '٠'..='٩' => out.push(char::from(b'0' + (c as u32 - 0x0660) as u8)),
            '۰'..='۹' => out.push(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
            _ => out.push(c),
        }
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

/// Whether `text` holds at least one Arabic letter.
pub fn has_arabic_letter(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
            && c != '\u{0640}'
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn arabic_letters_are_told_apart_from_the_rest() {
        assert!(has_arabic_letter("دير الزور"));
        assert!(has_arabic_letter("x ب"));
        assert!(!has_arabic_letter("ـــ ١٢٣ «»"));
        assert!(!has_arabic_letter("Deir ez-Zor"));
    }
}
