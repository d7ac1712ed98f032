//! The `qari` binary: parse the command line, read the configuration file,
//! dispatch to the commands in `qari::cli`, and turn what they return into
//! a message and an exit code (0, or 1 with one line on standard error;
//! clap's own errors exit 2).

use std::io::{self, BufReader, BufWriter, IsTerminal};
use std::process::ExitCode;

use anyhow::Result;

use qari::cli::args::{Cli, Command};
use qari::cli::import::ImportOptions;
use qari::cli::list::ListOptions;
use qari::cli::read::ReaderOptions;
use qari::cli::{self, Order};
use qari::config::{Config, keys};
use qari::dict::Dictionaries;

fn main() -> ExitCode {
    let cli = Cli::parse_args(std::env::args_os()).unwrap_or_else(|error| error.exit());
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`qari render x | head`) is the reader's choice, not an error.
        Err(error) if broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("qari: {}", one_line(&error));
            ExitCode::FAILURE
        }
    }
}

/// The error and the causes its message does not already give ("PATH:
/// (os error 2)" once, where thiserror's `{source}` and anyhow's chain
/// would both say it).
fn one_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let said = cause.to_string();
        if line.contains(&said) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&said);
    }
    line
}

fn run(cli: Cli) -> Result<()> {
    let settings = cli.settings(Config::from_env()?);
    let library = || cli::library(settings.library.clone());
    let cache = cli::cache_dir();
    let dictionaries = || Dictionaries::load_with(&settings.dictionaries, cache.as_deref());
    let (out, err) = (io::stdout().lock(), io::stderr());
    match cli.command {
        Some(Command::Render(args)) => {
            let options = cli::render::options(&args, io::stdout().is_terminal().then(width));
            let input = BufReader::with_capacity(1 << 16, io::stdin());
            let output = BufWriter::with_capacity(1 << 16, out);
            cli::render::render(&args, &options, input, output)?;
        }
        Some(Command::List { full, all }) => {
            let options = ListOptions {
                full,
                all,
                width: io::stdout().is_terminal().then(width),
            };
            cli::list::list(&library()?, Order::of_stdout(), options, out, err)?;
        }
        Some(Command::Import {
            file,
            title,
            date,
            force,
            source,
            translation,
        }) => {
            let options = ImportOptions {
                title: title.as_deref(),
                date: date.as_deref(),
                force,
                source: source.as_deref(),
                translation: translation.as_deref(),
            };
            cli::import::import(&library()?, &file, options, io::stdin(), out, err)?;
        }
        Some(Command::Show { article, json }) => {
            let output = BufWriter::new(out);
            let width = io::stdout().is_terminal().then(width);
            cli::show::show(
                &library()?,
                &article,
                json,
                Order::of_stdout(),
                width,
                output,
            )?;
        }
        Some(Command::Translate { article }) => {
            let mut progress = io::stderr();
            let progress: Option<&mut dyn io::Write> =
                io::stderr().is_terminal().then_some(&mut progress);
            let translator = settings.translator.as_ref();
            cli::translate::translate(&library()?, translator, &article, out, progress)?;
        }
        Some(Command::Translation {
            article,
            file,
            replace,
        }) => {
            cli::import::translation(&library()?, &article, &file, replace, io::stdin(), out)?;
        }
        Some(Command::Rm { article }) => {
            cli::manage::rm(&library()?, &article, out)?;
        }
        Some(Command::Restore { article }) => {
            cli::manage::restore(&library()?, &article, out)?;
        }
        Some(Command::Rename { article, new_id }) => {
            cli::manage::rename(&library()?, &article, &new_id, out, err)?;
        }
        Some(Command::Retitle { article, title }) => {
            cli::manage::retitle(&library()?, &article, &title, out)?;
        }
        Some(Command::Review { count: true }) => {
            cli::review::count(&library()?, chrono::Utc::now(), out)?;
        }
        Some(Command::Stats { article }) => {
            cli::stats::stats(&library()?, article.as_deref(), out, err)?;
        }
        Some(Command::Lookup { words, json: true }) => {
            let library = library()?;
            cli::analyse::run_lookup_json(&library, dictionaries, &words, io::stdin(), out, err)?;
        }
        Some(Command::Lookup { words, json: false }) => {
            let [word] = &words[..] else {
                return Err(cli::Error::OneWordAtATime.into());
            };
            let library = library()?;
            cli::lookup::lookup(&library, dictionaries, word, Order::of_stdout(), out, err)?;
        }
        Some(Command::Analyse { file, json }) => {
            let output = BufWriter::with_capacity(1 << 16, out);
            cli::analyse::run_analyse(
                &library()?,
                file.as_deref(),
                json,
                io::stdin(),
                output,
                err,
            )?;
        }
        Some(Command::Glossary(command)) => {
            cli::glossary::run(&library()?, command, Order::of_stdout(), out, err)?;
        }
        Some(Command::Check) => {
            let library = library()?;
            cli::check::check(&library, &dictionaries(), out)?;
        }
        Some(Command::Review { count: false }) | None => {
            let library = library()?;
            drop(out); // the reader draws on standard output itself
            let options = ReaderOptions {
                bidi: settings.bidi,
                theme: settings.theme,
                review: cli.command.is_some(),
                test_panic: cli.test_panic,
                translator: settings.translator.clone(),
            };
            let dictionaries = &settings.dictionaries;
            // A keys file that cannot be used is said in the reader, which
            // then uses the default keys.
            let keys = keys::from_env();
            cli::read::run(
                &library,
                dictionaries,
                cache.as_deref(),
                cli.article.as_deref(),
                options,
                keys,
            )?;
        }
    }
    Ok(())
}

/// Whether `error` is standard output closed under the command.
fn broken_pipe(error: &anyhow::Error) -> bool {
    error
        .downcast_ref::<cli::Error>()
        .is_some_and(cli::Error::is_broken_pipe)
        || error
            .root_cause()
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// Width of the terminal on standard output, else 80.
fn width() -> usize {
    match crossterm::terminal::size() {
        Ok((columns, _)) if columns > 0 => columns.into(),
        _ => 80,
    }
}
