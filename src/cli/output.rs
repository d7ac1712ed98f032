//! What the commands share about their output: the order Arabic is printed
//! in, and the glossary (and the dictionaries beside it) loaded with its
//! problems said.

use std::io::{self, IsTerminal, Write};

use crate::article::Library;
use crate::dict::Dictionaries;
use crate::glossary::Glossary;
use crate::text::{Direction, LayoutOptions, layout};

pub use crate::ui::strings::counted;

/// The order text goes to standard output in: on a terminal, through the
/// engine as one visual line (shaped, reordered); in a pipe, logical order,
/// unchanged, for scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Visual,
    Logical,
}

impl Order {
    /// Visual when standard output is a terminal.
    pub fn of_stdout() -> Order {
        if io::stdout().is_terminal() {
            Order::Visual
        } else {
            Order::Logical
        }
    }

    /// `text` in this order, in lines of at most `width` cells (a
    /// terminal would otherwise wrap one long visual line from its wrong
    /// end), right-to-left ones flush right; in logical order, one line.
    pub fn lines(self, text: &str, direction: Direction, width: usize) -> Vec<String> {
        if self == Order::Logical {
            return vec![text.to_owned()];
        }
        let options = LayoutOptions {
            width: width.max(1),
            direction,
            shape: true,
        };
        let laid_out = layout(text, &options).lines.into_iter().map(|l| l.text);
        match direction {
            Direction::Rtl => laid_out
                .map(|line| {
                    let pad = width.saturating_sub(crate::text::text_width(&line));
                    format!("{}{line}", " ".repeat(pad))
                })
                .collect(),
            _ => laid_out.collect(),
        }
    }

    /// `text` in this order, as one line.
    pub fn line(self, text: &str, direction: Direction) -> String {
        if self == Order::Logical {
            return text.to_owned();
        }
        let options = LayoutOptions {
            width: usize::MAX,
            direction,
            shape: true,
        };
        layout(text, &options)
            .lines
            .into_iter()
            .map(|l| l.text)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The library's glossary folder.
pub(super) fn glossary_dir(library: &Library) -> std::path::PathBuf {
    library.root.join("glossary")
}

/// The glossary (bundled and the library's), each file that could not be
/// read said on `err` and skipped.
pub(super) fn load_glossary(library: &Library, mut err: impl Write) -> io::Result<Glossary> {
    let glossary = Glossary::load(Some(&glossary_dir(library)));
    for problem in &glossary.problems {
        writeln!(err, "qari: skipped {problem}")?;
    }
    Ok(glossary)
}

/// [`load_glossary`], reading words with the morphological analyser when its
/// lexicon is installed ([`crate::data`]); a lexicon that cannot be read is
/// said on `err`, and words are then read by stripping clitics.
pub(super) fn load_glossary_analysed(
    library: &Library,
    mut err: impl Write,
) -> io::Result<Glossary> {
    let mut glossary = load_glossary(library, &mut err)?;
    match crate::data::lexicon() {
        Ok(Some(bama)) => glossary.set_analyser(std::sync::Arc::new(bama)),
        Ok(None) => {}
        Err(problem) => writeln!(err, "qari: skipped {problem}")?,
    }
    Ok(glossary)
}

/// [`load_glossary_analysed`] and `dictionaries()` side by side, on two
/// threads: a one-word lookup then waits for the slower of the two, not for
/// both (each reads its caches in a few milliseconds). A dictionary loader
/// that panicked counts as no dictionaries.
pub(super) fn load_glossary_and_dictionaries(
    library: &Library,
    dictionaries: impl FnOnce() -> Dictionaries + Send,
    err: impl Write,
) -> io::Result<(Glossary, Dictionaries)> {
    std::thread::scope(|scope| {
        let loading = scope.spawn(dictionaries);
        let glossary = load_glossary_analysed(library, err);
        let dictionaries = loading.join().unwrap_or_default();
        Ok((glossary?, dictionaries))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "entry", "entries"), "1 entry");
        assert_eq!(counted(0, "entry", "entries"), "0 entries");
        assert_eq!(counted(2, "paragraph", "paragraphs"), "2 paragraphs");
    }
}
