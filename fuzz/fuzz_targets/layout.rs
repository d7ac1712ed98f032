//! Fuzz `qari::text::layout` and check what the property tests check
//! (`tests/engine/properties.rs`): the same invariants, from the same file
//! (`tests/invariants/layout.rs`, listed there and in `fuzz/README.md`),
//! on the layout at the width asked for and on the unwrapped one.
//!
//! Input: byte 0 -> width (1..=200), byte 1 -> direction (`% 3`) and shaping
//! (`/ 3 % 2`), the rest -> the text (UTF-8; invalid input is run through
//! `String::from_utf8_lossy` so U+FFFD is exercised too).

#![no_main]

use libfuzzer_sys::fuzz_target;
use qari::text::{Direction, LayoutOptions, layout};

#[path = "../../tests/invariants/layout.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let [w, o, rest @ ..] = data else {
        return;
    };
    let options = LayoutOptions {
        width: 1 + usize::from(*w) % 200,
        direction: match o % 3 {
            0 => Direction::Ltr,
            1 => Direction::Rtl,
            _ => Direction::Auto,
        },
        shape: (o / 3) % 2 == 0,
    };
    let text = String::from_utf8_lossy(rest);
    check(&text, &options);
    // Unwrapped and unshaped, as the second property test lays it out:
    // reordering alone keeps every character.
    check(
        &text,
        &LayoutOptions {
            width: usize::MAX,
            shape: false,
            ..options
        },
    );
});

fn check(text: &str, options: &LayoutOptions) {
    let paragraph = layout(text, options);
    if let Err(message) = invariants::check(text, options, &paragraph) {
        panic!("{message}\ntext {text:?}\n{options:?}");
    }
}
