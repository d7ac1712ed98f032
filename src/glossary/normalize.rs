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

/// A numeral of the text: digits, perhaps behind a conjunction or
/// preposition (و3 "and 3"). Numerals have no glossary entry; the pane
/// explains them instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numeral {
    /// The clitic in front (و، ف، ب، ل، ك), if any.
    pub prefix: Option<char>,
    /// The value in Western digits.
    pub western: String,
    /// The same in Arabic-Indic digits.
    pub eastern: String,
}

/// `word` as a numeral, if it is one.
pub fn numeral(word: &str) -> Option<Numeral> {
    let normal = normalize(word);
    let mut chars = normal.chars();
    let first = chars.clone().next()?;
    let prefix = matches!(first, 'و' | 'ف' | 'ب' | 'ل' | 'ك').then_some(first);
    if prefix.is_some() {
        chars.next();
    }
    let western: String = chars.collect();
    if western.is_empty() || !western.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let eastern = western
        .chars()
        .filter_map(|c| c.to_digit(10).and_then(|d| char::from_u32(0x0660 + d)))
        .collect();
    Some(Numeral {
        prefix,
        western,
        eastern,
    })
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
        assert_eq!(normalize("اللاجىء"), normalize("اللاجئ"));
        assert_eq!(normalize("شيء"), "شئ");
    }

    #[test]
    fn numerals_with_and_without_a_clitic() {
        let three = numeral("و3").unwrap();
        assert_eq!(
            (three.prefix, three.western.as_str(), three.eastern.as_str()),
            (Some('و'), "3", "٣")
        );
        assert_eq!(numeral("١٤٧").unwrap().western, "147");
        assert_eq!(numeral("كلم2"), None);
        assert_eq!(numeral("و"), None);
    }

    #[test]
    fn arabic_letters_are_told_apart_from_the_rest() {
        assert!(has_arabic_letter("دير الزور"));
        assert!(has_arabic_letter("x ب"));
        assert!(!has_arabic_letter("ـــ ١٢٣ «»"));
        assert!(!has_arabic_letter("Deir ez-Zor"));
    }
}
