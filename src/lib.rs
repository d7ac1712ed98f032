//! qari (قارئ, "reader"): a terminal reader for studying Arabic news
//! bilingually. The library holds everything but the terminal session, so the
//! binary, the tests and the benchmarks share it.
//!
//! Layers, each depending only on those after it:
//! `cli` (the commands, over a library and writers; the reader's terminal
//! session) → `runtime` (carries out the app's effects) → `ui` (draws) →
//! `app` (state, messages, keys; no I/O) → `article`, `glossary`, `dict`
//! (installed dictionaries) → `arabic` (normalisation, clitics, numerals,
//! direction, the `Analyser` seam) → `text` (the engine, a crate of its
//! own). Beside them: `config` (the configuration file), `render` (the
//! streaming under `qari render`), `files` (reading and writing files),
//! `data` (files read at run time: the morphological lexicon), `quote` (user
//! text quoted in a message).

pub mod app;
pub mod arabic;
pub mod article;
pub mod cli;
pub mod config;
pub mod data;
pub mod dict;
pub mod files;
pub mod glossary;
pub mod quote;
pub mod render;
pub mod runtime;
pub mod ui;

/// The text engine, a crate of its own (`crates/text`) so that it stays pure.
pub use qari_text as text;
