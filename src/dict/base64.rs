//! dictd's "base 64" numbers: an index gives each definition's offset and
//! length as a number written in the base-64 alphabet (`A`–`Z` `a`–`z`
//! `0`–`9` `+` `/` for 0–63), most significant digit first, without
//! padding. This is positional notation, not base-64-encoded bytes, so the
//! `base64` crate does not read it.

/// The value of `digits`, or `None` for a character outside the alphabet
/// or a value past `u32` (an offset into at most 256 MiB of data).
pub(super) fn number(digits: &str) -> Option<u32> {
    let mut value: u64 = 0;
    for c in digits.bytes() {
        let digit = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        value = value * 64 + u64::from(digit);
        if value > u64::from(u32::MAX) {
            return None;
        }
    }
    u32::try_from(value).ok()
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn digits_alphabet_and_range() {
        assert_eq!(number("B"), Some(1));
        assert_eq!(number("Fb7d"), Some(((5 * 64 + 27) * 64 + 59) * 64 + 29));
        assert_eq!(number("+/"), Some(62 * 64 + 63));
        assert_eq!(number(""), Some(0));
        assert_eq!(number("é"), None);
        assert_eq!(number("A="), None);
        // u32::MAX is "D/////"; one more does not fit.
        assert_eq!(number("D/////"), Some(u32::MAX));
        assert_eq!(number("E"), Some(4));
        assert_eq!(number("EAAAAA"), None);
    }
}
