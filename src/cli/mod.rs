//! The `qari` binary's commands, as library code.

pub mod args;
pub mod glossary;
pub mod import;
pub mod read;
pub mod terminal;
