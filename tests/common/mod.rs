//! Helpers shared by the integration tests.
#![allow(clippy::unwrap_used)] // a test that cannot read its fixture should panic
#![allow(dead_code)] // each test binary uses a different subset

use qari::article::{Article, Library};
use qari::text::{Direction, Form, LayoutOptions, layout, unshape_char};

/// The bundled article, read as the binary reads it (with a library folder
/// that does not exist, so nothing of the user's is added).
pub fn bundled_article() -> Article {
    let catalog = Library::new("/nonexistent/qari-test-library").catalog();
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    catalog.get("deir-ez-zor-2017").unwrap().clone()
}

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

/// A visual line as FriBidi would write it, modulo representation (see
/// tests/engine/fribidi_fixtures.rs for each point).
pub fn normalise(visual: &str) -> String {
    // Pass 1: drop what FriBidi does not draw (or qari does not), expand
    // ligatures to the final alef and the lam it joins, isolated forms to
    // their base letter.
    let mut chars = Vec::with_capacity(visual.len());
    for c in visual.chars() {
        if matches!(c, '\u{FEFF}' | '\u{200C}' | '\u{200D}') || is_bidi_control(c) {
            continue;
        }
        match unshape_char(c) {
            Some((form, lam, Some(alef))) => {
                let lam_form = if form == Form::Isolated {
                    Form::Initial
                } else {
                    Form::Medial
                };
                chars.push(shaped_form(alef, Form::Final));
                chars.push(shaped_form(lam, lam_form));
            }
            Some((Form::Isolated, base, None)) => chars.push(base),
            _ => chars.push(c),
        }
    }
    // Pass 2: a joined lam + alef pair is one cell; which of the two its
    // harakat sit on is not told apart: they go after the pair, sorted.
    let mut out = String::with_capacity(visual.len());
    let mut i = 0;
    while i < chars.len() {
        if is_form(chars[i], '\u{0627}', Form::Final) || is_alef_final(chars[i]) {
            let mut j = i + 1;
            let mut marks = Vec::new();
            while j < chars.len() && is_mark(chars[j]) {
                marks.push(chars[j]);
                j += 1;
            }
            if j < chars.len()
                && (is_form(chars[j], '\u{0644}', Form::Initial)
                    || is_form(chars[j], '\u{0644}', Form::Medial))
            {
                let lam = chars[j];
                j += 1;
                while j < chars.len() && is_mark(chars[j]) {
                    marks.push(chars[j]);
                    j += 1;
                }
                marks.sort_unstable();
                out.push(chars[i]);
                out.push(lam);
                out.extend(marks);
                i = j;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn is_form(c: char, letter: char, form: Form) -> bool {
    unshape_char(c) == Some((form, letter, None))
}

fn is_alef_final(c: char) -> bool {
    ['\u{0622}', '\u{0623}', '\u{0625}']
        .iter()
        .any(|&alef| is_form(c, alef, Form::Final))
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// The presentation form of `letter` in `form` (found by unshaping the
/// Arabic Presentation Forms-B block, where all lam and alef forms live).
fn shaped_form(letter: char, form: Form) -> char {
    ('\u{FE70}'..='\u{FEFC}')
        .find(|&c| unshape_char(c) == Some((form, letter, None)))
        .unwrap_or(letter)
}
