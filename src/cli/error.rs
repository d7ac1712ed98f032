//! Why a command failed. Each message is one line for `qari: …`; a variant
//! with a `#[source]` is printed as its text, ": ", then the source's (as
//! the binary prints the whole chain), so the wording is the same as when
//! these were `anyhow` contexts.

use std::io;
use std::path::PathBuf;

use crate::article::{ManageError, StateError};
use crate::files::{ARTICLE_FILE, FileError, SENTENCE_CHARS, thousands};
use crate::glossary::GlossaryError;
use crate::quote::quoted;
use crate::render::RenderError;

use super::output::counted;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Writing the output or reading standard input failed.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// What failed, said first: "PATH: cannot write", "reading standard
    /// input", "cannot set up the terminal".
    #[error("{doing}")]
    While {
        doing: String,
        #[source]
        source: io::Error,
    },
    /// A file that could not be read (an article file is one too).
    #[error(transparent)]
    File(#[from] FileError),
    #[error(transparent)]
    State(#[from] StateError),
    #[error(transparent)]
    Glossary(#[from] GlossaryError),
    #[error(transparent)]
    Export(#[from] csv::Error),

    #[error("cannot tell where to keep your library: set HOME, XDG_DATA_HOME or --library DIR")]
    NoLibraryFolder,
    /// `qari lookup ""`.
    #[error("nothing to look up: give a word")]
    EmptyWord,
    /// `qari lookup A B` without `--json`.
    #[error("one word at a time (or --json for several)")]
    OneWordAtATime,
    /// An id given to `stats` that no article has.
    #[error("no article {}: `qari list` shows the ids", quoted(.0))]
    NoSuchArticle(String),
    /// What the reader was asked to open is neither an id nor a file.
    #[error(
        "no article {}: `qari list` shows the ids, or give the path of an article file",
        quoted(.0)
    )]
    NoArticleToOpen(String),
    /// Every article failed to load: the first problem.
    #[error("no article could be read: {0}")]
    NoReadableArticle(String),
    #[error("no articles found")]
    NoArticles,
    #[error("the reader needs a terminal; `qari list` and `qari render FILE` work without one")]
    NoTerminal,
    #[error("reading the terminal: {0}")]
    TerminalLost(String),

    #[error("no glossary entry or dictionary result for {}", quoted(.0))]
    NotFound(String),
    /// `glossary import` of a file that is not one of the CSV formats.
    #[error("{path}:{message}")]
    NotCsv { path: String, message: String },
    /// `glossary export -o` into a folder that does not exist.
    #[error("{}: no such folder (make it first, or give another path)", .0.display())]
    NoSuchFolder(PathBuf),
    /// `check` found files it could not read (it listed them).
    #[error("{} could not be read", counted(*.0, "file", "files"))]
    Unreadable(usize),

    #[error(
        "{}: the library has this text already, as {id}{}; nothing imported (--force imports it again)",
        .path.display(),
        if *.in_trash { " (in the trash: `qari restore` brings it back)" } else { "" }
    )]
    SameText {
        path: PathBuf,
        id: String,
        in_trash: bool,
    },
    #[error("--title: not a valid title: {0}")]
    BadTitle(String),
    #[error("--date {}: expected YYYY, YYYY-MM or YYYY-MM-DD", quoted(.0))]
    BadDate(String),
    #[error(transparent)]
    Manage(#[from] ManageError),
    #[error(transparent)]
    Overlay(#[from] crate::article::OverlayError),
    #[error(
        "no translator: set QARI_TRANSLATOR, or translator in config.toml, to a command that reads Arabic sentences a line each and writes their English (README, \"Drafted translations\")"
    )]
    NoTranslator,
    #[error("{error}; nothing was saved for that batch ({} of {id} saved before it)", counted_sentences(*.saved))]
    Translator {
        error: crate::runtime::translator::TranslatorError,
        saved: usize,
        id: String,
    },

    #[error("{}: no sentences found (every line was empty or page furniture)", .0.display())]
    NoSentences(PathBuf),
    #[error(
        "{}: sentence {number} is longer than the {} cap for {} (a line with no full stop?); nothing imported",
        .path.display(),
        SENTENCE_CHARS.shown(),
        SENTENCE_CHARS.what
    )]
    SentenceTooLong { path: PathBuf, number: usize },
    #[error(
        "{}: the article would be {} bytes, over the {} cap for {}; nothing imported",
        .path.display(),
        thousands(*.bytes as u64),
        ARTICLE_FILE.shown(),
        ARTICLE_FILE.what
    )]
    ArticleTooLarge { path: PathBuf, bytes: usize },

    #[error("{0}: is a directory, expected a text file")]
    IsADirectory(String),
    /// The text given to `render` is not UTF-8 (its reading and writing
    /// errors are [`Error::While`]).
    #[error("{name}: {error}")]
    Render { name: String, error: RenderError },
}

impl Error {
    /// `doing` failed with `source`.
    pub fn while_(doing: impl Into<String>, source: io::Error) -> Error {
        Error::While {
            doing: doing.into(),
            source,
        }
    }

    /// Standard output was closed under the command (`qari render x |
    /// head`): the reader's choice, not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        let io = match self {
            Error::Io(io) | Error::While { source: io, .. } => io,
            _ => return false,
        };
        io.kind() == io::ErrorKind::BrokenPipe
    }
}

/// "1 sentence", "3 sentences".
fn counted_sentences(count: usize) -> String {
    super::output::counted(count, "sentence", "sentences")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_closed_standard_output_is_a_broken_pipe() {
        let pipe = || io::Error::from(io::ErrorKind::BrokenPipe);
        assert!(Error::Io(pipe()).is_broken_pipe());
        assert!(Error::while_("x.txt", pipe()).is_broken_pipe());
        assert!(!Error::Io(io::Error::from(io::ErrorKind::StorageFull)).is_broken_pipe());
        assert!(!Error::NoArticles.is_broken_pipe());
    }

    #[test]
    fn a_context_is_said_before_its_source() {
        let error = Error::while_("x.toml: cannot write", io::Error::other("disk full"));
        assert_eq!(error.to_string(), "x.toml: cannot write");
        let source = std::error::Error::source(&error).map(ToString::to_string);
        assert_eq!(source.as_deref(), Some("disk full"));
    }
}
