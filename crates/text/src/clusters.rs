//! Grapheme clusters (UAX #29, extended), with a shortcut for the common case.
//!
//! `unicode-segmentation` decides every boundary through its state machine,
//! which was a fifth of the engine's time on Arabic text. Between two
//! characters that are both "plain" (Grapheme_Cluster_Break = Other, not
//! emoji, no Indic conjunct rule: Latin, Arabic letters and digits, common
//! punctuation) UAX #29 always breaks (GB999), so the boundary is taken
//! without asking; any other pair goes to `unicode-segmentation`'s
//! `GraphemeCursor`. The tests check the result equals
//! `str::grapheme_indices`.

use unicode_segmentation::GraphemeCursor;

/// Characters whose Grapheme_Cluster_Break is Other and that no other rule
/// of UAX #29 mentions: any two of them are separate clusters.
const fn is_plain_slow(c: u32) -> bool {
    matches!(c,
        0x20..=0x7E
        | 0xA0..=0xAC | 0xAE..=0x02FF
        | 0x060C | 0x061B | 0x061F
        | 0x0620..=0x064A
        | 0x0660..=0x066F
        | 0x0671..=0x06D3 | 0x06D5
        | 0x06EE..=0x06FF
        | 0xFB50..=0xFDFF | 0xFE70..=0xFEFC
    )
}

/// `is_plain_slow` below U+0800 as a bit set: asked twice per character.
const PLAIN_BELOW_0800: [u64; 32] = {
    let mut bits = [0u64; 32];
    let mut c = 0;
    while c < 0x800 {
        if is_plain_slow(c) {
            bits[(c / 64) as usize] |= 1 << (c % 64);
        }
        c += 1;
    }
    bits
};

pub(crate) fn is_plain(c: char) -> bool {
    let c = c as u32;
    if c < 0x800 {
        PLAIN_BELOW_0800[(c / 64) as usize] & (1 << (c % 64)) != 0
    } else {
        is_plain_slow(c)
    }
}

/// Finds where the extended grapheme clusters of one text begin, asked
/// about every pair of neighbouring characters in order.
pub(crate) struct ClusterBoundaries {
    cursor: GraphemeCursor,
    /// Regional indicators in a row up to the character before the boundary
    /// asked about: counted here because the cursor counts them again at
    /// every boundary, which made a long run of flags quadratic.
    regional_run: usize,
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

impl ClusterBoundaries {
    pub(crate) fn new(text: &str) -> Self {
        ClusterBoundaries {
            cursor: GraphemeCursor::new(0, text.len(), true),
            regional_run: 0,
        }
    }

    /// Whether a cluster of `text` begins at byte `offset`, between
    /// `previous` and `next` (the characters on either side of it). Must be
    /// asked for each pair of neighbours, in order.
    #[inline]
    pub(crate) fn is_boundary(
        &mut self,
        text: &str,
        offset: usize,
        previous: char,
        next: char,
    ) -> bool {
        if is_regional_indicator(previous) {
            self.regional_run += 1;
            // UAX #29 GB12–GB13: flags pair up from the start of the run.
            if is_regional_indicator(next) {
                return self.regional_run.is_multiple_of(2);
            }
        } else {
            self.regional_run = 0;
        }
        if is_plain(previous) && is_plain(next) {
            return true;
        }
        self.ask_unicode_segmentation(text, offset)
    }

    #[inline(never)]
    fn ask_unicode_segmentation(&mut self, text: &str, offset: usize) -> bool {
        self.cursor.set_cursor(offset);
        // With the whole text as the chunk, no more context is ever asked
        // for; were it, a boundary is the safe answer.
        self.cursor.is_boundary(text, 0).unwrap_or(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    /// The clusters of `text`, cut where `ClusterBoundaries` says.
    fn clusters(text: &str) -> Vec<(usize, &str)> {
        let mut boundaries = ClusterBoundaries::new(text);
        let mut starts = vec![];
        let mut previous = None;
        for (offset, c) in text.char_indices() {
            if previous.is_none_or(|p| boundaries.is_boundary(text, offset, p, c)) {
                starts.push(offset);
            }
            previous = Some(c);
        }
        starts.push(text.len());
        starts
            .windows(2)
            .map(|w| (w[0], &text[w[0]..w[1]]))
            .collect()
    }

    fn same_as_unicode_segmentation(text: &str) {
        let ours = clusters(text);
        let theirs: Vec<_> = text.grapheme_indices(true).collect();
        assert_eq!(ours, theirs, "{text:?}");
    }

    #[test]
    fn plain_and_combining_text() {
        for text in [
            "",
            "abc",
            "بَيْتٌ لا",
            "\u{064E}سلام",
            "👨\u{200D}⚕\u{FE0F} 🇸🇾🇸 ok",
            "🇸🇾🇸🇾🇸\u{0651}🇸🇾\u{200D}🇸a🇸🇸🇸",
            "a\r\nb\n",
            "\u{0600}١٢٣ \u{06DD}٤",
            "ل\u{200D}ا \u{200C}",
            "각 \u{1100}\u{1161}\u{11A8}",
            "क्षि",
        ] {
            same_as_unicode_segmentation(text);
        }
    }

    #[test]
    fn a_long_run_of_flags_pairs_up() {
        // 100,000 flag letters pair up into 50,000 clusters (quadratic, this
        // took minutes).
        let flags = "🇸".repeat(100_000);
        same_as_unicode_segmentation(&flags[..4 * 1001]);
        assert_eq!(clusters(&flags).len(), 50_000);
    }

    #[test]
    fn every_pair_of_characters_around_the_plain_ones() {
        // Each plain character next to each character of the first planes:
        // the shortcut may only ever answer what UAX #29 answers.
        let plain: Vec<char> = (0..0x10000)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain(c))
            .collect();
        for c in (0..0x20000).filter_map(char::from_u32) {
            assert_eq!(is_plain(c), is_plain_slow(c as u32));
            for &p in plain.iter().step_by(97) {
                same_as_unicode_segmentation(&format!("{p}{c}{p}"));
            }
        }
    }
}
