//! How many paragraphs of a file take the engine's fast path, counted as
//! `qari render` sees them (each non-blank line, trimmed, right to left):
//! `cargo run --release -p qari-text --example fast_path_share -- FILE`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a tool: a missing file should stop it

use qari_text::{Direction, takes_fast_path};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: fast_path_share FILE");
    let text = std::fs::read_to_string(&path).unwrap();
    let (mut fast, mut total, mut fast_chars, mut chars) = (0usize, 0usize, 0usize, 0usize);
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let n = line.chars().count();
        total += 1;
        chars += n;
        if takes_fast_path(line, Direction::Rtl) {
            fast += 1;
            fast_chars += n;
        }
    }
    println!(
        "fast path: {fast} of {total} paragraphs ({:.1} %), {:.1} % of characters",
        100.0 * fast as f64 / total.max(1) as f64,
        100.0 * fast_chars as f64 / chars.max(1) as f64
    );
}
