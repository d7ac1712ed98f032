//! Script and direction: whether text holds Arabic letters, and which way a
//! text runs. This is the one place qari decides a base direction; the
//! engine's `Direction::Auto` (the bidi algorithm's own rule, paragraph by
//! paragraph) is what it hands over to when it cannot tell.

use crate::text::Direction;

/// The language tag of Arabic text (an article's `language`).
pub const LANGUAGE: &str = "ar";

/// Languages written right to left, by BCP 47 tag: Arabic, Persian, Urdu,
/// Pashto, Sorani Kurdish (Arabic script); Hebrew, Yiddish.
const RIGHT_TO_LEFT: &[&str] = &["ar", "fa", "ur", "ps", "ckb", "he", "yi"];

/// What a direction is decided from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written<'a> {
    /// Text in the language with this tag (an article's `language`). An
    /// empty tag is unknown: each paragraph then runs the way its first
    /// strong letter does (the engine's `Direction::Auto`).
    InLanguage(&'a str),
    /// Text being typed (a form field): it turns right to left with its
    /// first letter, when that is Arabic, and stays so as Latin is added.
    AsTyped(&'a str),
}

/// The base direction to lay `text` out in.
pub fn direction(text: Written<'_>) -> Direction {
    match text {
        Written::InLanguage("") => Direction::Auto,
        Written::InLanguage(tag) if RIGHT_TO_LEFT.contains(&tag) => Direction::Rtl,
        Written::InLanguage(_) => Direction::Ltr,
        Written::AsTyped(text) => {
            let first = text.chars().find(|c| c.is_alphabetic());
            if first.is_some_and(is_arabic_letter) {
                Direction::Rtl
            } else {
                Direction::Ltr
            }
        }
    }
}

/// Whether `c` is a letter of the Arabic script (tatweel is not; marks and
/// digits are not letters).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
        && c != '\u{0640}'
}

/// Whether `text` holds at least one Arabic letter.
pub fn has_arabic_letter(text: &str) -> bool {
    text.chars().any(is_arabic_letter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_letters_are_told_apart_from_the_rest() {
        assert!(has_arabic_letter("دير الزور"));
        assert!(has_arabic_letter("x ب"));
        assert!(!has_arabic_letter("ـــ ١٢٣ «»"));
        assert!(!has_arabic_letter("Deir ez-Zor"));
    }

    #[test]
    fn articles_run_the_way_their_language_is_written() {
        assert_eq!(direction(Written::InLanguage(LANGUAGE)), Direction::Rtl);
        assert_eq!(direction(Written::InLanguage("fa")), Direction::Rtl);
        assert_eq!(direction(Written::InLanguage("he")), Direction::Rtl);
        assert_eq!(direction(Written::InLanguage("en")), Direction::Ltr);
        assert_eq!(direction(Written::InLanguage("")), Direction::Auto);
    }

    #[test]
    fn typed_text_turns_with_its_first_letter() {
        assert_eq!(direction(Written::AsTyped("حلفاء")), Direction::Rtl);
        assert_eq!(direction(Written::AsTyped("12 «حلف")), Direction::Rtl);
        assert_eq!(direction(Written::AsTyped("ISIS داعش")), Direction::Ltr);
        assert_eq!(direction(Written::AsTyped("حلف ally")), Direction::Rtl);
        assert_eq!(direction(Written::AsTyped("")), Direction::Ltr);
        assert_eq!(direction(Written::AsTyped("١٢")), Direction::Ltr);
    }
}
