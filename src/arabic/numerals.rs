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
    let (western, eastern) = number(chars.as_str())?;
    Some(Numeral {
        prefix,
        western,
        eastern,
    })
}

/// `text` (digits already Western) as a number in Western and in
/// Arabic-Indic writing: digits, with separators between digits (29.49,
/// ٢٩٫٤٩, 3,5, 1,000, ١٬٠٠٠) and perhaps a percent sign at the end (50%,
/// ٥٠٪). A comma followed by three digits groups thousands; any other comma
/// is a decimal comma, written as a point in the value.
fn number(text: &str) -> Option<(String, String)> {
    let (digits, percent) = match text.strip_suffix(['%', '٪']) {
        Some(digits) => (digits, true),
        None => (text, false),
    };
    let chars: Vec<char> = digits.chars().collect();
    let (mut western, mut eastern) = (String::new(), String::new());
    for (index, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            western.push(c);
            eastern.push_str(&arabic_indic(c.encode_utf8(&mut [0; 4])));
            continue;
        }
        let between_digits = index > 0
            && chars[index - 1].is_ascii_digit()
            && chars.get(index + 1).is_some_and(char::is_ascii_digit);
        if !between_digits {
            return None;
        }
        let group = chars[index + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let thousands = match c {
            '٬' => true,
            ',' => group == 3,
            '.' | '٫' => false,
            _ => return None,
        };
        western.push(if thousands { ',' } else { '.' });
        eastern.push(if thousands { '٬' } else { '٫' });
    }
    if western.is_empty() {
        return None;
    }
    if percent {
        western.push('%');
        eastern.push('٪');
    }
    Some((western, eastern))
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
    fn decimals_and_percentages_are_numerals() {
        let value = |word: &str| numeral(word).map(|n| (n.western, n.eastern));
        let both = |western: &str, eastern: &str| Some((western.into(), eastern.into()));
        assert_eq!(value("0.7"), both("0.7", "٠٫٧"));
        assert_eq!(value("29.49"), both("29.49", "٢٩٫٤٩"));
        assert_eq!(value("١٫٥"), both("1.5", "١٫٥"));
        assert_eq!(value("3,5"), both("3.5", "٣٫٥"));
        assert_eq!(value("1,000"), both("1,000", "١٬٠٠٠"));
        assert_eq!(value("١٬٠٠٠"), both("1,000", "١٬٠٠٠"));
        assert_eq!(value("50%"), both("50%", "٥٠٪"));
        assert_eq!(value("٥٠٪"), both("50%", "٥٠٪"));
        assert_eq!(value("12.5%"), both("12.5%", "١٢٫٥٪"));
        assert_eq!(numeral("و29.49").unwrap().prefix.map(|c| c.form), Some("و"));
        // Separators only between digits; a sign alone is no number.
        for word in ["3.", ".5", "3..5", "%", "٪", "50%%", "3-5", "5٪3"] {
            assert_eq!(numeral(word), None, "{word}");
        }
    }

    #[test]
    fn every_kind_of_digit_is_read() {
        assert_eq!(western_digit('٧'), Some('7'));
        assert_eq!(western_digit('۴'), Some('4'));
        assert_eq!(western_digit('7'), None);
        assert_eq!(arabic_indic("2017"), "٢٠١٧");
    }
}
