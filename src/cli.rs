//! Command-line interface: the subcommands and their options.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use qari::text::Direction;

/// qari (قارئ): read Arabic news in the terminal, sentence by sentence.
#[derive(Debug, Parser)]
#[command(
    name = "qari",
    version,
    about = "qari: read Arabic news in the terminal, sentence by sentence"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lay out a text file for a terminal that neither reorders nor shapes
    /// Arabic: each non-blank line is a paragraph, printed as visual lines.
    Render(RenderArgs),
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
    /// The text file, or - for standard input
    pub file: PathBuf,
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
