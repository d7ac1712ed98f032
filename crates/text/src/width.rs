//! Cell widths, measured the way a terminal grid (and a ratatui `Buffer`)
//! places text: one grapheme cluster at a time.
//!
//! `unicode-width` over a whole string is not that: it has contextual rules
//! (it counts a logical lam + alef as one cell, since a shaping terminal would
//! draw a ligature), while qari hands the terminal already-shaped clusters.
//! Measuring each cluster on its own is what keeps every column in step.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Cells taken by one grapheme cluster, as `ratatui::buffer::Buffer::set_stringn`
/// counts them: clusters with a control character take none (ratatui drops
/// them), a single ASCII byte takes one, anything else what `unicode-width`
/// says, plus one per halfwidth katakana (semi-)voiced mark, which terminals
/// draw in a cell of its own.
pub fn cluster_width(cluster: &str) -> usize {
    let bytes = cluster.as_bytes();
    if bytes.len() == 1 {
        return usize::from(!bytes[0].is_ascii_control());
    }
    // Arabic letters, in their base or presentation forms, are the common
    // case: one cell each (checked against the general path in the tests).
    if let Some(c) = single_char(cluster)
        && is_one_cell_arabic(c)
    {
        return 1;
    }
    if cluster.contains(char::is_control) {
        return 0;
    }
    cluster.width()
        + cluster
            .chars()
            .filter(|&c| c == '\u{FF9E}' || c == '\u{FF9F}')
            .count()
}

fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// Printable ASCII, Arabic letters and presentation forms: one cell each,
/// alone in a cluster (checked against the general path in the tests).
pub(crate) fn is_plain_one_cell(c: char) -> bool {
    (' '..='~').contains(&c) || is_one_cell_arabic(c)
}

/// Arabic letters and presentation forms that take one cell.
fn is_one_cell_arabic(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{FB50}'..='\u{FBB1}' | '\u{FE80}'..='\u{FEFC}')
}

/// Cells taken by `text` (already in visual order and shaped), summed cluster
/// by cluster.
pub fn text_width(text: &str) -> usize {
    text.graphemes(true).map(cluster_width).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_of_common_clusters() {
        assert_eq!(cluster_width("a"), 1);
        assert_eq!(cluster_width("ب"), 1);
        assert_eq!(cluster_width("بَّ"), 1, "marks add nothing");
        assert_eq!(cluster_width("\u{FEFB}"), 1, "lam-alef ligature");
        assert_eq!(cluster_width("中"), 2);
        assert_eq!(cluster_width("\u{200D}"), 0);
        assert_eq!(cluster_width("\u{FEFF}"), 0);
        assert_eq!(cluster_width("\u{200F}"), 0);
        assert_eq!(cluster_width("\t"), 0);
    }

    #[test]
    fn the_fast_paths_agree_with_unicode_width() {
        for c in (0..=0xFFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain_one_cell(c))
        {
            assert_eq!(c.to_string().width(), 1, "{c:?}");
            assert_eq!(cluster_width(&c.to_string()), 1, "{c:?}");
        }
    }

    #[test]
    fn logical_lam_alef_is_two_cells_cluster_by_cluster() {
        // unicode-width counts the pair as one cell; a terminal that does not
        // shape draws two.
        assert_eq!("لا".width(), 1);
        assert_eq!(text_width("لا"), 2);
    }
}
