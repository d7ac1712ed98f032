//! Mirroring (UAX #9 rule L4): at a right-to-left level a Bidi_Mirrored
//! character is drawn as its mirror image, `(` as `)`, `«` as `»`.
//!
//! The table is generated from BidiMirroring.txt with the others (see
//! `tools/gen_unicode_tables.py`) rather than taken from the
//! `unicode-bidi-mirroring` crate, whose 0.4.0 lookup of the second member of
//! a pair binary-searches a list not sorted that way and misses some
//! (U+2AE4 ⫤ is not mirrored back to U+22A8 ⊨).

use super::unicode_tables::MIRRORS;

/// The mirror image of `c`, if it has one.
pub fn mirror(c: char) -> Option<char> {
    // Below U+0F3A only ASCII and Latin-1 brackets are mirrored: keep
    // letters (Arabic ones above all) off the table search.
    if c < '\u{0F3A}' {
        return match c {
            '(' => Some(')'),
            ')' => Some('('),
            '<' => Some('>'),
            '>' => Some('<'),
            '[' => Some(']'),
            ']' => Some('['),
            '{' => Some('}'),
            '}' => Some('{'),
            '«' => Some('»'),
            '»' => Some('«'),
            _ => None,
        };
    }
    // Nor are Indic scripts, general punctuation before ‹, or the Arabic
    // presentation forms that shaping produces.
    if matches!(c, '\u{0F3E}'..='\u{169A}' | '\u{169D}'..='\u{2038}' | '\u{FB50}'..='\u{FE58}' | '\u{FE70}'..='\u{FF07}')
    {
        return None;
    }
    MIRRORS
        .binary_search_by_key(&c, |&(from, _)| from)
        .ok()
        .map(|i| MIRRORS[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_mirror_both_ways() {
        for (a, b) in [('(', ')'), ('«', '»'), ('[', ']'), ('<', '>'), ('⊨', '⫤')] {
            assert_eq!(mirror(a), Some(b));
            assert_eq!(mirror(b), Some(a));
        }
        assert_eq!(mirror('a'), None);
        assert_eq!(mirror('"'), None);
    }

    #[test]
    fn the_fast_paths_agree_with_the_table() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let table = MIRRORS
                .binary_search_by_key(&c, |&(from, _)| from)
                .ok()
                .map(|i| MIRRORS[i].1);
            assert_eq!(mirror(c), table, "{c:?}");
        }
    }

    #[test]
    fn every_pair_is_an_involution() {
        for &(from, to) in MIRRORS {
            assert_eq!(mirror(to), Some(from), "{from:?} -> {to:?}");
        }
    }
}
