//! qari (قارئ, "reader"): a terminal reader for studying Arabic news
//! bilingually. The library holds everything but the terminal session, so the
//! binary, the tests and the benchmarks share it.
//!
//! Layers, each depending only on those after it:
//! `ui` (draws) → `app` (state, actions, keys) → `glossary`, `article` →
//! `arabic` (normalisation, clitics, numerals, direction, the `Analyser`
//! seam) → `text` (engine).

pub mod app;
pub mod arabic;
pub mod article;
pub mod files;
pub mod glossary;
pub mod render;
pub mod text;
pub mod ui;
