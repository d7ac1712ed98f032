//! Bidi classes for `unicode-bidi`, with the first 2,048 code points (Latin,
//! Arabic, Hebrew, Syriac...) looked up in a table instead of a binary search
//! per character, which was a tenth of the engine's time on Arabic text. The
//! table is filled from `unicode-bidi`'s own data, so the classes are the same.

use std::sync::LazyLock;

use unicode_bidi::{BidiClass, BidiDataSource, HardcodedBidiData, bidi_class};

const TABLE_SIZE: usize = 0x800;

static TABLE: LazyLock<[BidiClass; TABLE_SIZE]> = LazyLock::new(|| {
    let mut table = [BidiClass::L; TABLE_SIZE];
    for (cp, class) in table.iter_mut().enumerate() {
        if let Some(c) = char::from_u32(cp as u32) {
            *class = bidi_class(c);
        }
    }
    table
});

/// A `BidiDataSource` with a table for the common scripts.
pub(crate) struct FastBidiData(&'static [BidiClass; TABLE_SIZE]);

impl FastBidiData {
    pub(crate) fn new() -> Self {
        FastBidiData(&TABLE)
    }
}

impl BidiDataSource for FastBidiData {
    fn bidi_class(&self, c: char) -> BidiClass {
        match self.0.get(c as usize) {
            Some(&class) => class,
            None => HardcodedBidiData.bidi_class(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_classes_as_unicode_bidi() {
        let data = FastBidiData::new();
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(data.bidi_class(c), bidi_class(c), "{c:?}");
        }
    }
}
