//! The word-status colours against the real colours terminals give the 16
//! named ANSI colours: each must keep a contrast of at least 3:1 (WCAG's
//! minimum for large text and interface parts) against the background of
//! every palette of its kind, light or dark. Palettes: xterm's defaults
//! (black on white, and reversed), GNOME Terminal's "GNOME" and "Tango"
//! schemes, and Solarized, each with its light and its dark background.
#![allow(clippy::unwrap_used)]

use qari::app::Palette;
use qari::glossary::Status;
use qari::ui::Theme;
use ratatui::style::Color;

/// The 16 colours, 0 to 15, as `RRGGBB`.
struct Scheme {
    name: &'static str,
    colours: [&'static str; 16],
    light_background: &'static str,
    dark_background: &'static str,
}

const SCHEMES: &[Scheme] = &[
    Scheme {
        name: "xterm",
        colours: [
            "000000", "cd0000", "00cd00", "cdcd00", "0000ee", "cd00cd", "00cdcd", "e5e5e5",
            "7f7f7f", "ff0000", "00ff00", "ffff00", "5c5cff", "ff00ff", "00ffff", "ffffff",
        ],
        light_background: "ffffff",
        dark_background: "000000",
    },
    Scheme {
        name: "GNOME",
        colours: [
            "171421", "c01c28", "26a269", "a2734c", "12488b", "a347ba", "2aa1b3", "d0cfcc",
            "5e5c64", "f66151", "33d17a", "e9ad0c", "2a7bde", "c061cb", "33c7de", "ffffff",
        ],
        light_background: "ffffff",
        dark_background: "171421",
    },
    Scheme {
        name: "Tango",
        colours: [
            "2e3436", "cc0000", "4e9a06", "c4a000", "3465a4", "75507b", "06989a", "d3d7cf",
            "555753", "ef2929", "8ae234", "fce94f", "729fcf", "ad7fa8", "34e2e2", "eeeeec",
        ],
        light_background: "ffffff",
        dark_background: "000000",
    },
    Scheme {
        name: "Solarized",
        colours: [
            "073642", "dc322f", "859900", "b58900", "268bd2", "d33682", "2aa198", "eee8d5",
            "002b36", "cb4b16", "586e75", "657b83", "839496", "6c71c4", "93a1a1", "fdf6e3",
        ],
        light_background: "fdf6e3",
        dark_background: "002b36",
    },
];

fn index(colour: Color) -> usize {
    match colour {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        other => panic!("{other:?} is not one of the 16 named colours"),
    }
}

/// WCAG 2 relative luminance of `RRGGBB`.
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Every colour the theme gives a word status (unknown, 1 to 5, well
/// known, ignored).
fn status_colours(palette: Palette) -> Vec<(String, Color)> {
    let theme = Theme::new(palette);
    let statuses = [None]
        .into_iter()
        .chain((1..=5).map(|l| Some(Status::Level(l))))
        .chain([Some(Status::WellKnown), Some(Status::Ignored)]);
    statuses
        .filter_map(|status| {
            let fg = theme.knowledge(status).fg?;
            Some((format!("{status:?}"), fg))
        })
        .collect()
}

fn lowest_contrast(palette: Palette, light: bool) -> (f64, String) {
    let mut lowest = (f64::MAX, String::new());
    for scheme in SCHEMES {
        let background = if light {
            scheme.light_background
        } else {
            scheme.dark_background
        };
        for (status, colour) in status_colours(palette) {
            let ratio = contrast(scheme.colours[index(colour)], background);
            if ratio < lowest.0 {
                lowest = (ratio, format!("{status} {colour:?} in {}", scheme.name));
            }
        }
    }
    lowest
}

#[test]
fn the_contrast_formula_gives_the_known_extremes() {
    assert!((contrast("000000", "ffffff") - 21.0).abs() < 1e-9);
    assert!((contrast("777777", "777777") - 1.0).abs() < 1e-9);
}

#[test]
fn each_palette_keeps_3_to_1_on_the_backgrounds_it_is_for() {
    assert!(status_colours(Palette::Dark).len() >= 6);
    assert!(status_colours(Palette::Light).len() >= 5);
    let (ratio, worst) = lowest_contrast(Palette::Dark, false);
    assert!(ratio >= 3.0, "dark palette: {ratio:.2} for {worst}");
    let (ratio, worst) = lowest_contrast(Palette::Light, true);
    assert!(ratio >= 3.0, "light palette: {ratio:.2} for {worst}");
}

#[test]
fn neither_palette_would_serve_the_other_background() {
    // Why there are two: the dark palette's yellows vanish on white, the
    // light palette's blue on black.
    assert!(lowest_contrast(Palette::Dark, true).0 < 1.5);
    assert!(lowest_contrast(Palette::Light, false).0 < 2.5);
}

#[test]
fn no_colours_at_all_without_colour() {
    assert!(status_colours(Palette::Plain).is_empty());
}
