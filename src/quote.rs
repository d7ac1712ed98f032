//! User text quoted in a message: `"تَضَخُّم"`, as written. `{:?}` would
//! quote it too, but escapes every combining mark, so a vowelled word came
//! out as `"ت\u{64e}ض\u{64e}خ…"`. Only what could act on the terminal or hide
//! text is escaped here: control characters (C0, DEL, C1, each shown as
//! Rust writes it, `\n`, `\u{1b}`) and the bidi controls, which would
//! reorder the rest of the line.

use std::fmt;

/// `text` between straight double quotes, for a `Display` message.
pub fn quoted(text: &str) -> Quoted<'_> {
    Quoted(text)
}

/// See [`quoted`].
#[derive(Debug, Clone, Copy)]
pub struct Quoted<'a>(&'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        for c in self.0.chars() {
            if c.is_control() || is_bidi_control(c) {
                write!(f, "{}", c.escape_default())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        f.write_str("\"")
    }
}

/// The marks and embeddings, overrides and isolates of the bidi algorithm.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_with_its_vowels_is_shown_as_written() {
        assert_eq!(quoted("تَضَخُّم").to_string(), "\"تَضَخُّم\"");
        assert_eq!(quoted("«داعش»").to_string(), "\"«داعش»\"");
    }

    #[test]
    fn controls_are_made_visible() {
        assert_eq!(
            quoted("a\tb\nc\u{1b}]0;x\u{7}\u{9b}").to_string(),
            "\"a\\tb\\nc\\u{1b}]0;x\\u{7}\\u{9b}\""
        );
        assert_eq!(quoted("\u{202E}ylla").to_string(), "\"\\u{202e}ylla\"");
        assert_eq!(
            quoted("\u{2067}x\u{200F}").to_string(),
            "\"\\u{2067}x\\u{200f}\""
        );
    }
}
