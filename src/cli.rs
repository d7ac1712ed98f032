//! Command-line interface: the subcommands and their options.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use qari::app::BidiMode;
use qari::text::Direction;

/// qari (قارئ): read Arabic news in the terminal, sentence by sentence.
#[derive(Debug, Parser)]
#[command(
    name = "qari",
    version,
    about = "qari: read Arabic news in the terminal, sentence by sentence",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The article to read: an id from `qari list` or the path of an
    /// article file [default: the last one read, else the bundled one]
    pub article: Option<String>,
    #[command(flatten)]
    pub library: LibraryArgs,
    /// Who does bidi: `app` (qari reorders and shapes; any terminal) or
    /// `terminal` (logical order, for terminals that always reorder:
    /// Konsole, mlterm, macOS Terminal)
    #[arg(long, value_enum, default_value_t = BidiArg::App)]
    pub bidi: BidiArg,
    /// Colours of the word statuses for a dark or light background (auto:
    /// asks the terminal for its background; NO_COLOR turns colours off)
    #[arg(long, value_enum, env = "QARI_THEME", default_value_t = crate::terminal::Theme::Auto)]
    pub theme: crate::terminal::Theme,
    /// Panic after the first frame: lets the tests check that a panic still
    /// restores the terminal.
    #[arg(long, hide = true)]
    pub test_panic: bool,
}

#[derive(Debug, clap::Args)]
pub struct LibraryArgs {
    /// Where your articles, glossary and reading positions live
    /// [default: $XDG_DATA_HOME/qari, else ~/.local/share/qari]
    #[arg(long, env = "QARI_LIBRARY", global = true, value_name = "DIR")]
    pub library: Option<PathBuf>,
    /// Folders with dictd or StarDict dictionaries, ':'-separated
    /// [default: /usr/share/dictd, /usr/share/stardict/dic, ~/.stardict/dic]
    #[arg(
        long,
        env = "QARI_DICTIONARIES",
        global = true,
        value_name = "DIRS",
        value_delimiter = ':'
    )]
    pub dictionaries: Option<Vec<PathBuf>>,
}

impl LibraryArgs {
    /// The dictionary folders to read.
    pub fn dictionary_dirs(&self) -> Vec<PathBuf> {
        self.dictionaries
            .clone()
            .unwrap_or_else(qari::dict::Dictionaries::default_dirs)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the articles: id, sentences, reading position, title.
    List,
    /// Turn plain UTF-8 text (an article pasted from a site) into an article
    /// in your library: split into sentences, page furniture dropped.
    Import {
        /// The text file, or - for standard input
        file: PathBuf,
        /// The headline [default: the first line, if it reads like one]
        #[arg(long)]
        title: Option<String>,
        /// Where the text comes from (an address)
        #[arg(long)]
        source: Option<String>,
        /// A parallel English text, aligned sentence by sentence when the
        /// counts match
        #[arg(long, value_name = "FILE")]
        translation: Option<PathBuf>,
    },
    /// Look a word (or a multi-word term) up in the glossary and print every
    /// match and how it matched.
    Lookup {
        /// The word, as it stands in the text (clitics and all)
        word: String,
    },
    /// Add, list, remove, export or import your glossary entries.
    #[command(subcommand)]
    Glossary(GlossaryCommand),
    /// Per article, the share of words you know: unknown (no entry of
    /// yours), learning (status 1–4), known (5 or well known).
    Stats {
        /// An article id [default: every article]
        article: Option<String>,
    },
    /// Review your entries that are due (FSRS), each in a sentence where you
    /// met it.
    Review {
        /// Only print how many are due
        #[arg(long)]
        count: bool,
    },
    /// Check every article and glossary file, and print each article's
    /// glossary coverage.
    Check,
    /// Lay out a text file for a terminal that neither reorders nor shapes
    /// Arabic: each non-blank line is a paragraph, printed as visual lines.
    Render(RenderArgs),
}

#[derive(Debug, Subcommand)]
pub enum GlossaryCommand {
    /// Add an entry to your glossary (replacing one with the same headword).
    Add {
        /// The headword in Arabic (the lemma; a multi-word term in quotes)
        headword: String,
        /// An English gloss (repeat for several senses)
        #[arg(long, required = true)]
        gloss: Vec<String>,
        /// The root, e.g. "س ي ط ر"
        #[arg(long)]
        root: Option<String>,
        /// Part of speech: noun, verb, adjective, proper noun…
        #[arg(long)]
        pos: Option<String>,
        /// A note
        #[arg(long)]
        note: Option<String>,
    },
    /// List glossary entries, all or those matching QUERY (Arabic: in the
    /// headword; English: in the glosses).
    List { query: Option<String> },
    /// Remove an entry from your glossary.
    Rm { headword: String },
    /// Export your entries: for Anki (imports as is), as CSV, or as LUTE's
    /// term CSV.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to FILE (atomically) instead of standard output
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Include the bundled entries too
        #[arg(long)]
        all: bool,
    },
    /// Import entries from qari's CSV or LUTE's term CSV into your glossary.
    Import { file: PathBuf },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Anki,
    Csv,
    Lute,
}

impl From<ExportFormat> for qari::glossary::Format {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::Anki => qari::glossary::Format::Anki,
            ExportFormat::Csv => qari::glossary::Format::Csv,
            ExportFormat::Lute => qari::glossary::Format::Lute,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Line width in cells [default: the terminal's, else 80]
    #[arg(long, short, value_parser = clap::value_parser!(u32).range(1..))]
    pub width: Option<u32>,
    /// Base direction of each paragraph (auto: from its first strong
    /// character, right to left if it has none)
    #[arg(long, value_enum, default_value_t = DirArg::Rtl)]
    pub dir: DirArg,
    /// Leave Arabic letters unshaped, for terminals that shape by themselves
    #[arg(long)]
    pub no_shape: bool,
    /// Where right-to-left lines go: right (padded to the width, as on an
    /// Arabic page), left (unpadded), or auto: right on a terminal, left
    /// when piped
    #[arg(long, value_enum, default_value_t = AlignArg::Auto)]
    pub align: AlignArg,
    /// The text file, or - for standard input
    pub file: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignArg {
    Auto,
    Left,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DirArg {
    Rtl,
    Ltr,
    Auto,
}

impl From<DirArg> for Direction {
    fn from(dir: DirArg) -> Self {
        match dir {
            DirArg::Rtl => Direction::Rtl,
            DirArg::Ltr => Direction::Ltr,
            DirArg::Auto => Direction::Auto,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BidiArg {
    App,
    Terminal,
}

impl From<BidiArg> for BidiMode {
    fn from(bidi: BidiArg) -> Self {
        match bidi {
            BidiArg::App => BidiMode::App,
            BidiArg::Terminal => BidiMode::Terminal,
        }
    }
}
