//! Sentence splitting for Arabic news (and its English translation).
//!
//! A sentence ends at . ! ? ؟ ؛ … (runs of them count once) and at a line
//! break, and takes the closing quotes and brackets after it. A full stop is
//! not an end when the next character is not a space (3.5, URLs, e-mail,
//! 2017.08.03, أ.د), after a one-letter word (initials and abbreviations:
//! د. م. J. R.) or a known abbreviation, or inside a «…» quotation. ٫ ٬ :
//! and / never end a sentence, so decimals, thousands, times and dates stay
//! whole. Each non-blank line is a paragraph; a line that is page furniture
//! (no letter at all, or a share or comment count) is dropped and listed.

/// The text split into paragraphs of sentences, and what was dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Split {
    pub paragraphs: Vec<Vec<String>>,
    /// Dropped lines: (1-based line number, the line).
    pub dropped: Vec<(usize, String)>,
}

impl Split {
    pub fn sentence_count(&self) -> usize {
        self.paragraphs.iter().map(Vec::len).sum()
    }
}

/// Ends a sentence.
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '؛' | '…')
}

/// Closes a quotation or bracket, and stays with the sentence before it.
fn is_closer(c: char) -> bool {
    matches!(c, '»' | '”' | '’' | '"' | '\'' | ')' | ']' | '›')
}

/// Words written with a full stop that does not end the sentence.
const ABBREVIATIONS: &[&str] = &[
    "أ.د", "د", "م", "ص", "ق.م", "ه", "ج", "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "No", "vs",
    "etc", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Gen", "Col", "Lt", "Maj", "Sgt", "Gov", "Sen", "Rep", "Inc", "Ltd", "Co", "e.g", "i.e",
];

/// Words that say a short line is a share, comment or view count.
const FURNITURE_WORDS: &[&str] = &[
    "مشاركة",
    "مشاركات",
    "تعليق",
    "تعليقات",
    "مشاهدة",
    "مشاهدات",
    "إعجاب",
    "share",
    "shares",
    "comment",
    "comments",
    "view",
    "views",
    "like",
    "likes",
];

/// Splits `text` into paragraphs (non-blank lines) of sentences.
pub fn split(text: &str) -> Split {
    let mut out = Split::default();
    for (number, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if is_furniture(trimmed) {
            out.dropped.push((number + 1, trimmed.to_owned()));
            continue;
        }
        out.paragraphs.push(sentences(trimmed));
    }
    out
}

/// A line that is not article text: no letter at all (a lone number, a
/// row of dashes), or a short share or comment count.
fn is_furniture(line: &str) -> bool {
    if !line.chars().any(char::is_alphabetic) {
        return true;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() <= 4
        && line.chars().any(|c| c.is_numeric())
        && words.iter().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
            FURNITURE_WORDS.contains(&w.as_str())
        })
}

/// The sentences of one line.
fn sentences(line: &str) -> Vec<String> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut quotes = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        match c {
            '«' => quotes += 1,
            '»' => quotes = quotes.saturating_sub(1),
            _ => {}
        }
        // Inside «…» a terminator ends the sentence only when the quotation
        // closes right after it («انتهى الأمر.» ثم …).
        let closes_quote = || {
            chars[i + 1..]
                .iter()
                .take_while(|&&(_, n)| is_terminator(n) || is_closer(n))
                .any(|&(_, n)| n == '»')
        };
        if !is_terminator(c) || (quotes > 0 && !closes_quote()) || !ends_here(line, &chars, i) {
            i += 1;
            continue;
        }
        // The whole run of terminators, then closing quotes and brackets.
        let mut end = i + 1;
        while end < chars.len() && is_terminator(chars[end].1) {
            end += 1;
        }
        while end < chars.len() && is_closer(chars[end].1) {
            if chars[end].1 == '»' {
                quotes = quotes.saturating_sub(1);
            }
            end += 1;
        }
        let byte_end = chars.get(end).map_or(line.len(), |&(b, _)| b);
        let sentence = line[start..byte_end].trim();
        if !sentence.is_empty() {
            out.push(sentence.to_owned());
        }
        start = byte_end;
        i = end;
    }
    let rest = line[start..].trim();
    if !rest.is_empty() {
        out.push(rest.to_owned());
    }
    out
}

/// Whether the terminator at `i` ends the sentence.
fn ends_here(line: &str, chars: &[(usize, char)], i: usize) -> bool {
    let c = chars[i].1;
    let next = chars.get(i + 1).map(|&(_, n)| n);
    // Followed by text with no space: 3.5, example.com, a@b.org, أ.د.
    if let Some(next) = next
        && !next.is_whitespace()
        && !is_terminator(next)
        && !is_closer(next)
    {
        return false;
    }
    if c != '.' {
        return true;
    }
    // The word before the full stop.
    let byte = chars[i].0;
    let word = line[..byte]
        .rsplit(|ch: char| ch.is_whitespace() || matches!(ch, '(' | '«' | '"' | '“'))
        .next()
        .unwrap_or("");
    // A conjunction may be written on it: وأ.د.
    let bare = word
        .strip_prefix(['و', 'ف'])
        .filter(|rest| !rest.is_empty());
    for word in std::iter::once(word).chain(bare) {
        if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
            return false; // an initial or a one-letter abbreviation: د. J.
        }
        // Dotted short pieces: أ.د. U.S. ق.م.
        let dotted = word.contains('.') && word.split('.').all(|piece| piece.chars().count() <= 2);
        if dotted || ABBREVIATIONS.contains(&word) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences_of(text: &str) -> Vec<String> {
        split(text).paragraphs.into_iter().flatten().collect()
    }

    #[test]
    fn real_world_cases() {
        let cases: &[(&str, &[&str])] = &[
            // Terminators, and the closing quote stays with its sentence.
            (
                "هل بدأت المعركة؟ نعم. قال «انتهى الأمر.» ثم غادر!",
                &["هل بدأت المعركة؟", "نعم.", "قال «انتهى الأمر.»", "ثم غادر!"],
            ),
            ("أولا؛ ثانيا… ثالثا", &["أولا؛", "ثانيا…", "ثالثا"]),
            ("ماذا؟! لا أعرف...", &["ماذا؟!", "لا أعرف..."]),
            // Decimals, thousands, times, dates.
            (
                "ارتفع بنسبة 3.5 في المئة. ثم هبط",
                &["ارتفع بنسبة 3.5 في المئة.", "ثم هبط"],
            ),
            (
                "بلغ ٣٫٥ مليار و١٬٠٠٠ و1,200,000 شخص. انتهى",
                &["بلغ ٣٫٥ مليار و١٬٠٠٠ و1,200,000 شخص.", "انتهى"],
            ),
            (
                "في الساعة 10:30 يوم 2017/08/03. وبعد ذلك",
                &["في الساعة 10:30 يوم 2017/08/03.", "وبعد ذلك"],
            ),
            // URLs and e-mail.
            (
                "راجع www.example.com/news.html أو info@agency.org. شكرا",
                &["راجع www.example.com/news.html أو info@agency.org.", "شكرا"],
            ),
            // Initials and abbreviations.
            (
                "قال د. محمد وأ.د. سمير إن م. علي حضر. انتهى",
                &["قال د. محمد وأ.د. سمير إن م. علي حضر.", "انتهى"],
            ),
            (
                "said Dr. Smith and J. R. Jones. Then",
                &["said Dr. Smith and J. R. Jones.", "Then"],
            ),
            // A quotation with its own full stops stays whole.
            (
                "وقال «لن نتراجع. سنقاتل حتى النهاية» في بيان. وأضاف",
                &["وقال «لن نتراجع. سنقاتل حتى النهاية» في بيان.", "وأضاف"],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(sentences_of(text), *expected, "{text}");
        }
    }

    #[test]
    fn lines_are_paragraphs_and_furniture_is_dropped_and_listed() {
        let text = "العنوان\n\n0\n84\n\u{a0}\nالفقرة الأولى. جملة ثانية\n125 مشاركة\nShare 12\nالفقرة الثانية\n— — —\n";
        let split = split(text);
        assert_eq!(
            split.paragraphs,
            vec![
                vec!["العنوان".to_owned()],
                vec!["الفقرة الأولى.".to_owned(), "جملة ثانية".to_owned()],
                vec!["الفقرة الثانية".to_owned()],
            ]
        );
        let dropped: Vec<usize> = split.dropped.iter().map(|(n, _)| *n).collect();
        assert_eq!(dropped, [3, 4, 7, 8, 10]);
    }
}
