//! Command-line interface: the subcommands and their options.

use std::path::PathBuf;

use std::ffi::OsString;

use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::app::BidiMode;
use crate::config::{Bidi, Config, Folder, Theme};
use crate::dict::Dictionaries;
use crate::text::Direction;

/// qari (قارئ): read Arabic news in the terminal, sentence by sentence.
// (A doc comment here would be `--help`'s text.) Every option is global, as
// in git and cargo: it goes before or after the subcommand. Parse with
// `Cli::parse_args`, which adds what clap has no setting for.
#[derive(Debug, Parser)]
#[command(
    name = "qari",
    version,
    about = "qari: read Arabic news in the terminal, sentence by sentence"
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
    /// Konsole, mlterm, macOS Terminal) [default: `bidi` in config.toml,
    /// else app]
    #[arg(long, value_enum, env = "QARI_BIDI", global = true)]
    pub bidi: Option<Bidi>,
    /// Colours of the word statuses for a dark or light background (auto:
    /// asks the terminal for its background; NO_COLOR turns colours off)
    /// [default: `theme` in config.toml, else auto]
    #[arg(long, value_enum, env = "QARI_THEME", global = true)]
    pub theme: Option<Theme>,
    /// Panic after the first frame: lets the tests check that a panic still
    /// restores the terminal.
    #[arg(long, hide = true, global = true)]
    pub test_panic: bool,
}

#[derive(Debug, clap::Args)]
pub struct LibraryArgs {
    /// Where your articles, glossary and reading positions live
    /// [default: `library` in config.toml, else $XDG_DATA_HOME/qari, else
    /// ~/.local/share/qari]
    #[arg(long, env = "QARI_LIBRARY", global = true, value_name = "DIR")]
    pub library: Option<PathBuf>,
    /// Folders with dictd or StarDict dictionaries, ':'-separated
    /// [default: `dictionaries` in config.toml, else /usr/share/dictd,
    /// /usr/share/stardict/dic, ~/.stardict/dic]
    #[arg(
        long,
        env = "QARI_DICTIONARIES",
        global = true,
        value_name = "DIRS",
        value_delimiter = ':'
    )]
    pub dictionaries: Option<Vec<PathBuf>>,
}

/// The variable that names the translator command, over `translator` in
/// config.toml.
pub const TRANSLATOR_VAR: &str = "QARI_TRANSLATOR";

/// The settings in force: each from the command line, else the
/// environment (clap reads both), else the configuration file, else its
/// default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// `None`: the default folder ([`crate::article::Library::default_root`]).
    pub library: Option<PathBuf>,
    pub dictionaries: Vec<PathBuf>,
    pub bidi: BidiMode,
    pub theme: Theme,
    /// The command that drafts translations: `QARI_TRANSLATOR`, else
    /// `translator` in config.toml; none by default.
    pub translator: Option<crate::runtime::translator::Translator>,
}

impl Cli {
    /// Parses `args` (the program's name first) as [`Parser::try_parse_from`]
    /// does, with two rules clap has no setting for:
    /// - a `QARI_*` variable set to the empty string counts as unset, as
    ///   `QARI_CONFIG` and `QARI_DATA` do (clap would refuse the empty value);
    /// - an article to read cannot come with a subcommand: without clap's
    ///   `args_conflicts_with_subcommands`, which would also stop options
    ///   from coming before the subcommand, `qari ARTICLE list` would run
    ///   `list` and drop the article.
    pub fn parse_args<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let mut command = Cli::command();
        let set_but_empty: Vec<clap::Id> = command
            .get_arguments()
            .filter(|arg| {
                arg.get_env()
                    .and_then(std::env::var_os)
                    .is_some_and(|value| value.is_empty())
            })
            .map(|arg| arg.get_id().clone())
            .collect();
        for id in set_but_empty {
            command = command.mut_arg(id, |arg| arg.env(None::<&'static str>));
        }
        let matches = command.try_get_matches_from_mut(args)?;
        let cli = Cli::from_arg_matches(&matches)?;
        if let (Some(article), Some(subcommand)) = (&cli.article, matches.subcommand_name()) {
            return Err(command.error(
                ErrorKind::ArgumentConflict,
                format!(
                    "the article '{article}' cannot go with the subcommand '{subcommand}': \
                     `qari ARTICLE` reads an article, `qari SUBCOMMAND` does something else"
                ),
            ));
        }
        Ok(cli)
    }

    /// These arguments over `config`.
    pub fn settings(&self, config: Config) -> Settings {
        let folders = |folders: Vec<Folder>| folders.into_iter().map(Folder::into_path).collect();
        let translator = config.translator(
            std::env::var(TRANSLATOR_VAR)
                .ok()
                .filter(|c| !c.trim().is_empty()),
        );
        Settings {
            library: (self.library.library.clone())
                .or_else(|| config.library.map(Folder::into_path)),
            dictionaries: (self.library.dictionaries.clone())
                .or_else(|| config.dictionaries.map(folders))
                .unwrap_or_else(Dictionaries::default_dirs),
            bidi: self.bidi.or(config.bidi).unwrap_or_default().into(),
            theme: self.theme.or(config.theme).unwrap_or_default(),
            translator,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the articles, most recently read first, then most recently
    /// imported: id, sentences, reading position, title.
    List {
        /// Titles in full, wrapped in their column (on a terminal a title
        /// is otherwise cut to fit one line; in a pipe it never is)
        #[arg(long, visible_alias = "wide")]
        full: bool,
        /// Also the bundled articles hidden by `qari rm` and the articles
        /// in the trash, marked so
        #[arg(long)]
        all: bool,
    },
    /// Turn plain UTF-8 text (an article pasted from a site) into an article
    /// in your library: split into sentences, page furniture dropped.
    Import {
        /// The text file, or - for standard input
        file: PathBuf,
        /// The article's title, in any script (the id is made from it)
        /// [default: the first line, if it reads like a headline]
        #[arg(long)]
        title: Option<String>,
        /// When it was published: YYYY, YYYY-MM or YYYY-MM-DD (the date it
        /// was imported is recorded apart)
        #[arg(long)]
        date: Option<String>,
        /// Import a text even when the library has it already (under
        /// another id)
        #[arg(long)]
        force: bool,
        /// Where the text comes from (an address)
        #[arg(long)]
        source: Option<String>,
        /// A parallel English text: aligned paragraph by paragraph, then
        /// sentence by sentence, repairing sentences split, joined or
        /// missing on one side
        #[arg(long, value_name = "FILE")]
        translation: Option<PathBuf>,
    },
    /// Move an article to the trash (`qari restore` brings it back), or
    /// hide a bundled one from `qari list`.
    ///
    /// The article's file goes to DIR/trash/articles/, your translations
    /// of it to DIR/trash/overlays/. A bundled article cannot be removed:
    /// it is hidden from `qari list` instead (it can still be read).
    Rm {
        /// The article's id
        article: String,
    },
    /// Bring an article back from the trash, or show a hidden bundled
    /// article in `qari list` again.
    Restore {
        /// The article's id
        article: String,
    },
    /// Print an article as the reader shows it, your changes applied: each
    /// sentence's Arabic, translation and notes.
    Show {
        /// The article's id
        article: String,
        /// JSON Lines, one object per sentence: index, heading, ar, en,
        /// en_source, notes
        #[arg(long)]
        json: bool,
    },
    /// Draft a translation of every sentence of an article that has none,
    /// with your translator (QARI_TRANSLATOR, or translator in
    /// config.toml), kept as machine drafts in your layer of the article.
    Translate {
        /// The article's id
        article: String,
    },
    /// Align an English translation with an article and keep it in your
    /// layer of the article (sentences that have a translation keep theirs
    /// unless --replace).
    Translation {
        /// The article's id
        article: String,
        /// The English text (each non-blank line a paragraph), or - for
        /// standard input
        file: PathBuf,
        /// Replace the translations the article's sentences have
        #[arg(long)]
        replace: bool,
    },
    /// Give an article of your library a new id; its translations, reading
    /// position and the glossary entries met in it follow.
    Rename {
        /// The article's id
        article: String,
        /// The new id: lowercase ASCII letters, digits, - and _
        new_id: String,
    },
    /// Give an article of your library a new title.
    Retitle {
        /// The article's id
        article: String,
        /// The new title, in any script
        title: String,
    },
    /// Look a word (or a multi-word term) up in the glossary and print every
    /// match and how it matched.
    Lookup {
        /// The word, as it stands in the text (clitics and all); with
        /// --json, several, or - to read one per line from standard input
        #[arg(required = true)]
        words: Vec<String>,
        /// One JSON object per word (JSON Lines): its readings, best first
        #[arg(long)]
        json: bool,
    },
    /// Every word of a text with its readings (lemma, root, pattern, part of
    /// speech, vowels, transliteration, glosses), best first, ranked in
    /// context: each non-blank line is a paragraph, as `qari import` reads it.
    Analyse {
        /// The text file, or - (the default) for standard input
        file: Option<PathBuf>,
        /// One JSON object per word token (JSON Lines), every reading
        #[arg(long)]
        json: bool,
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

impl From<ExportFormat> for crate::glossary::Format {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::Anki => crate::glossary::Format::Anki,
            ExportFormat::Csv => crate::glossary::Format::Csv,
            ExportFormat::Lute => crate::glossary::Format::Lute,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn cli() -> Cli {
        Cli {
            command: None,
            article: None,
            library: LibraryArgs {
                library: None,
                dictionaries: None,
            },
            bidi: None,
            theme: None,
            test_panic: false,
        }
    }

    fn config(text: &str) -> Config {
        let path = std::path::Path::new("/etc/qari/config.toml");
        Config::parse(text.as_bytes(), path, None).unwrap()
    }

    #[test]
    fn options_go_before_or_after_the_subcommand() {
        for args in [
            &["qari", "--library", "/l", "--theme", "dark", "list"][..],
            &["qari", "list", "--library", "/l", "--theme", "dark"],
            &["qari", "--theme", "dark", "list", "--library", "/l"],
        ] {
            let cli = Cli::parse_args(args).unwrap();
            assert!(
                matches!(cli.command, Some(Command::List { .. })),
                "{args:?}"
            );
            assert_eq!(cli.article, None, "{args:?}");
            assert_eq!(cli.library.library, Some(PathBuf::from("/l")), "{args:?}");
            assert_eq!(cli.theme, Some(Theme::Dark), "{args:?}");
        }
        let cli = Cli::parse_args(["qari", "--bidi", "terminal", "an-article"]).unwrap();
        assert_eq!(cli.article.as_deref(), Some("an-article"));
        assert_eq!(cli.bidi, Some(Bidi::Terminal));
        let cli = Cli::parse_args(["qari", "glossary", "list", "--bidi", "app"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Glossary(GlossaryCommand::List { query: None }))
        ));
    }

    #[test]
    fn an_article_and_a_subcommand_conflict() {
        let error = Cli::parse_args(["qari", "an-article", "list"]).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::ArgumentConflict);
        assert!(
            error
                .to_string()
                .contains("'an-article' cannot go with the subcommand 'list'"),
            "{error}"
        );
    }

    #[test]
    fn nothing_given_is_the_defaults() {
        let settings = cli().settings(Config::default());
        assert_eq!(settings.library, None);
        assert_eq!(settings.dictionaries, Dictionaries::default_dirs());
        assert_eq!(settings.bidi, BidiMode::App);
        assert_eq!(settings.theme, Theme::Auto);
    }

    #[test]
    fn the_file_over_the_defaults_and_the_command_line_over_the_file() {
        let file = config(
            "library = \"/lib\"\ndictionaries = [\"/d1\", \"/d2\"]\nbidi = \"terminal\"\ntheme = \"light\"\n",
        );
        let settings = cli().settings(file.clone());
        assert_eq!(settings.library, Some(PathBuf::from("/lib")));
        assert_eq!(settings.dictionaries, [PathBuf::from("/d1"), "/d2".into()]);
        assert_eq!(settings.bidi, BidiMode::Terminal);
        assert_eq!(settings.theme, Theme::Light);

        let given = Cli {
            library: LibraryArgs {
                library: Some("/mine".into()),
                dictionaries: Some(Vec::new()),
            },
            bidi: Some(Bidi::App),
            theme: Some(Theme::Dark),
            ..cli()
        };
        let settings = given.settings(file);
        assert_eq!(settings.library, Some(PathBuf::from("/mine")));
        assert!(
            settings.dictionaries.is_empty(),
            "none asked for, none read"
        );
        assert_eq!(settings.bidi, BidiMode::App);
        assert_eq!(settings.theme, Theme::Dark);
    }
}
