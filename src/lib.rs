//! qari (قارئ, "reader"): a terminal reader for studying Arabic news
//! bilingually. The library holds everything but the terminal session, so the
//! binary, the tests and the benchmarks share it.
//!
//! Layers, each depending only on those after it:
//! `ui` (draws) → `app` (state, actions, keys) → `article`, `glossary`,
//! `dict` (installed dictionaries) → `text` (engine).

pub mod app;
pub mod article;
pub mod dict;
pub mod files;
pub mod glossary;
pub mod render;
pub mod text;
pub mod ui;
