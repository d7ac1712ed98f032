//! Numerals: Arabic text writes numbers in Arabic-Indic digits (٣١), in
//! Persian ones (۳۱) or in Western ones (31), and may attach a conjunction
//! or preposition to them (و3 "and 3"). Matching reads all three as Western
//! digits; the glossary pane explains a numeral instead of looking it up.

use super::clitics::{Clitic, CliticKind, proclitic};
use super::normalize::normalize;

/// A numeral of the text: digits, perhaps behind a conjunction or
/// preposition (و3 "and 3"). Numerals have no glossary entry; the pane
/// explains them instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numeral {
    /// The clitic in front (و، ف، ب، ل، ك), with its meaning, if any.
    pub prefix: Option<&'static Clitic>,
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
    let prefix = proclitic(first.encode_utf8(&mut [0; 4]))
        .filter(|c| matches!(c.kind, CliticKind::Conjunction | CliticKind::Preposition));
    if prefix.is_some() {
        chars.next();
    }
    let western: String = chars.collect();
    if western.is_empty() || !western.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(Numeral {
        prefix,
        eastern: arabic_indic(&western),
        western,
    })
}

/// The Western digit an Arabic-Indic (٠–٩) or Persian (۰–۹) digit stands
/// for; `None` for any other character.
pub(super) fn western_digit(c: char) -> Option<char> {
    let zero = match c {
        '٠'..='٩' => 0x0660,
        '۰'..='۹' => 0x06F0,
        _ => return None,
    };
    char::from_digit(c as u32 - zero, 10)
}

/// `digits` (Western) in Arabic-Indic digits; anything else is dropped.
pub fn arabic_indic(digits: &str) -> String {
    digits
        .chars()
        .filter_map(|c| c.to_digit(10).and_then(|d| char::from_u32(0x0660 + d)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_with_and_without_a_clitic() {
        let three = numeral("و3").unwrap();
        assert_eq!(
            (
                three.prefix.map(|c| (c.form, c.gloss)),
                three.western.as_str(),
                three.eastern.as_str()
            ),
            (Some(("و", "and")), "3", "٣")
        );
        assert_eq!(numeral("١٤٧").unwrap().western, "147");
        assert_eq!(numeral("كلم2"), None);
        assert_eq!(numeral("و"), None);
        // س and the article are clitics too, but not of numbers.
        assert_eq!(numeral("س3"), None);
        assert_eq!(numeral("ال3"), None);
    }

    #[test]
    fn every_kind_of_digit_is_read() {
        assert_eq!(western_digit('٧'), Some('7'));
        assert_eq!(western_digit('۴'), Some('4'));
        assert_eq!(western_digit('7'), None);
        assert_eq!(arabic_indic("2017"), "٢٠١٧");
    }
}
