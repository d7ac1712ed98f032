//! The interlinear gloss row: under a line of Arabic, each word's short
//! English gloss, starting at the word's leftmost cell and running to the
//! right, cut with `…` before the next gloss begins (in Arabic, the gloss of
//! the word before). Pure: from the line's word spots
//! ([`super::view::WordSpot`]) and the glosses, the pieces of text and
//! where they go; the reader widget draws them.

use unicode_segmentation::UnicodeSegmentation;

use crate::text::{cluster_width, text_width};

/// Where a gloss is drawn on its row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedGloss {
    /// The word of the sentence the gloss is for.
    pub word: usize,
    /// Its first column, within the line (the word's leftmost cell).
    pub column: usize,
    /// The gloss as it fits, cut with `…` when it does not.
    pub text: String,
}

/// The glosses of one visual line: `words` are the line's words as
/// `(word, left, right)` (the word's index in its sentence, its first
/// column and one past its last, in any order), `gloss` gives a word's
/// gloss (`None`: the word gets none) and `width` is the row's width. Each
/// gloss starts at its word's left column and stops one column before the
/// next gloss to its right (or the row's end); one that does not fit ends
/// in `…`. Glosses never overlap and always start inside their word.
pub fn place<'g>(
    words: &[(usize, usize, usize)],
    gloss: impl Fn(usize) -> Option<&'g str>,
    width: usize,
) -> Vec<PlacedGloss> {
    let mut starts: Vec<(usize, usize, &str)> = words
        .iter()
        .filter(|&&(_, left, right)| left < right && left < width)
        .filter_map(|&(word, left, _)| {
            let text = gloss(word)?.trim();
            (!text.is_empty()).then_some((left, word, text))
        })
        .collect();
    starts.sort_unstable();
    let mut placed = Vec::with_capacity(starts.len());
    for (i, &(left, word, text)) in starts.iter().enumerate() {
        // Up to one blank column before the next gloss, or the row's end.
        let end = starts
            .get(i + 1)
            .map_or(width, |&(next, _, _)| next.saturating_sub(1));
        let room = end.saturating_sub(left).max(1);
        placed.push(PlacedGloss {
            word,
            column: left,
            text: fit(text, room),
        });
    }
    placed
}

/// `text` in at most `room` columns (the engine's widths): whole when it
/// fits, else cut between grapheme clusters and ended with `…`.
pub fn fit(text: &str, room: usize) -> String {
    if text_width(text) <= room {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for cluster in text.graphemes(true) {
        let w = cluster_width(cluster);
        if used + w + 1 > room {
            break;
        }
        out.push_str(cluster);
        used += w;
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn glosses(words: &[(usize, usize, usize)], texts: &[&str], width: usize) -> Vec<PlacedGloss> {
        place(words, |w| texts.get(w).copied(), width)
    }

    #[test]
    fn glosses_run_right_from_their_word_and_are_cut_before_the_next() {
        // Three words of an RTL line, drawn right to left: word 0 rightmost.
        let words = [(0, 14, 20), (1, 8, 13), (2, 0, 7)];
        let placed = glosses(&words, &["and its allies", "said", "the minister"], 20);
        let at = |w: usize| placed.iter().find(|p| p.word == w).unwrap();
        assert_eq!(at(2).column, 0);
        assert_eq!(at(2).text, "the mi…");
        assert_eq!(at(1).column, 8);
        assert_eq!(at(1).text, "said");
        assert_eq!(at(0).column, 14);
        assert_eq!(at(0).text, "and i…");
    }

    #[test]
    fn a_word_without_a_gloss_leaves_its_room_to_the_one_before() {
        let words = [(0, 10, 14), (1, 5, 9), (2, 0, 4)];
        let placed = glosses(&words, &["x", "", "a long gloss here"], 30);
        assert_eq!(placed.len(), 2);
        assert_eq!(placed[0].text, "a long g…");
        assert_eq!(fit("abc", 1), "…");
        assert_eq!(fit("abc", 3), "abc");
    }

    proptest! {
        /// Every gloss starts inside its word's columns, fits the row, and
        /// ends before the next one starts.
        #[test]
        fn glosses_start_in_their_word_and_never_overlap(
            lengths in prop::collection::vec((1usize..12, 1usize..3), 1..30),
            texts in prop::collection::vec("[a-z ]{0,20}", 30),
            width in 30usize..200,
        ) {
            // Words of random widths with gaps, laid from the right.
            let mut words = Vec::new();
            let mut right = width;
            for (i, (len, gap)) in lengths.iter().enumerate() {
                if right < *len { break; }
                let left = right - len;
                words.push((i, left, right));
                right = left.saturating_sub(*gap);
                if right == 0 { break; }
            }
            let text: Vec<&str> = texts.iter().map(String::as_str).collect();
            let placed = glosses(&words, &text, width);
            let mut last_end = 0;
            for (n, p) in placed.iter().enumerate() {
                let &(_, left, right) = words.iter().find(|w| w.0 == p.word).unwrap();
                prop_assert!(left <= p.column && p.column < right);
                let end = p.column + text_width(&p.text);
                prop_assert!(end <= width, "{p:?} past {width}");
                if n > 0 {
                    prop_assert!(p.column > last_end, "{p:?} overlaps the gloss before");
                }
                last_end = end;
            }
        }
    }
}
