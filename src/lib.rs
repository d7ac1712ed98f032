//! qari (قارئ, "reader"): a terminal reader for studying Arabic news
//! bilingually. The library holds everything but the terminal session, so the
//! binary, the tests and the benchmarks share it.

pub mod render;
pub mod text;
