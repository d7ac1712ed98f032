//! The text engine's tests, one binary: Unicode's conformance file, GNU
//! FriBidi's output, properties over arbitrary text, and columns as a ratatui
//! `Buffer` counts them.

#[path = "../common/mod.rs"]
mod common;
#[path = "../invariants/layout.rs"]
mod invariants;

mod bidi_conformance;
mod fast_path;
mod fribidi_fixtures;
mod properties;
mod ratatui_widths;
