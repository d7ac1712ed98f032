//! The `qari` binary's commands, as library code. Each subcommand is a
//! function over a [`Library`] (and the dictionaries where it needs them)
//! that writes to the `impl Write` it is given for standard output (and
//! one for standard error where it has something to say there), and
//! returns what it did or a typed [`Error`]; so each can be tested without
//! spawning the binary. `main.rs` only parses the command line, reads the
//! configuration, dispatches and turns the result into an exit code.
//!
//! One file per command: [`read`] (the reader, and `qari review`),
//! [`list`], [`review`] (`--count`), [`lookup`], [`analyse`] (and
//! `lookup --json`), [`glossary`] (`add`,
//! `list`, `rm`, `import`), [`export`], [`import`], [`manage`] (`rm`,
//! `restore`, `rename`, `retitle`), [`stats`], [`check`],
//! [`render`]; [`args`] is the command line, [`terminal`] the terminal
//! around the reader.

pub mod analyse;
pub mod args;
pub mod check;
mod error;
pub mod export;
pub mod glossary;
pub mod import;
pub mod list;
pub mod lookup;
pub mod manage;
mod output;
pub mod read;
pub mod render;
pub mod review;
pub mod show;
pub mod stats;
pub mod terminal;
pub mod translate;

use std::path::PathBuf;

pub use error::Error;
pub use output::Order;

use crate::article::Library;

/// Where qari keeps its caches (the analyser, the dictionaries' indexes),
/// from the environment: `$XDG_CACHE_HOME/qari`, else `~/.cache/qari`
/// ([`crate::data::cache_dir`]); `None` without either variable.
pub fn cache_dir() -> Option<PathBuf> {
    crate::data::cache_dir(|name| std::env::var(name).ok())
}

/// The library in `folder`, else in the default folder
/// ([`Library::default_root`]).
pub fn library(folder: Option<PathBuf>) -> Result<Library, Error> {
    folder
        .or_else(Library::default_root)
        .map(Library::new)
        .ok_or(Error::NoLibraryFolder)
}

#[cfg(test)]
pub(crate) mod testing {
    //! What the commands' unit tests share: a library in a fresh folder,
    //! and the text a command wrote.

    use super::*;

    /// An empty library (the bundled articles and glossary only) in a
    /// temporary folder, removed when the `TempDir` is dropped.
    pub fn library() -> (tempfile::TempDir, Library) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let library = Library::new(dir.path());
        (dir, library)
    }

    pub fn text(bytes: Vec<u8>) -> String {
        String::from_utf8(bytes).expect("UTF-8 output")
    }

    /// The bundled article's id.
    pub const BUNDLED_ID: &str = "deir-ez-zor-2017";
}
