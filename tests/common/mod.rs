//! Helpers shared by the integration tests.
#![allow(clippy::unwrap_used)] // a test that cannot read its fixture should panic
#![allow(dead_code)] // each test binary uses a different subset

use qari::text::{Direction, LayoutOptions, layout};

/// The paragraph laid out on one line (width beyond any paragraph here),
/// joined if mandatory breaks made several.
pub fn visual_line(text: &str, direction: Direction, shape: bool) -> String {
    let options = LayoutOptions {
        width: usize::MAX,
        direction,
        shape,
    };
    layout(text, &options)
        .lines
        .iter()
        .map(|line| line.text.as_str())
        .collect()
}

/// Characters with the Bidi_Control property.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}
