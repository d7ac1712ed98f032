//! The `qari` binary: parse the command line and dispatch.

use std::fs::File;
use std::io::{self, BufReader, IsTerminal};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Parser;

use qari::cli::args::{AlignArg, Cli, Command, RenderArgs};
use qari::cli::{glossary as glossary_commands, import as import_command, read as reader};
use qari::render::{Align, RenderError, RenderOptions, render};
use qari::text::LayoutOptions;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Render(args)) => run_render(&args),
        Some(Command::List) => reader::library(&cli.library).and_then(|l| reader::list(&l)),
        Some(Command::Import {
            file,
            title,
            source,
            translation,
        }) => reader::library(&cli.library).and_then(|l| {
            import_command::import(
                &l,
                &file,
                title.as_deref(),
                source.as_deref(),
                translation.as_deref(),
            )
        }),
        Some(Command::Review { count: true }) => {
            reader::library(&cli.library).and_then(|l| reader::due_count(&l))
        }
        Some(Command::Review { count: false }) => reader::library(&cli.library).and_then(|l| {
            let dictionaries = cli.library.dictionary_dirs();
            reader::run(
                &l,
                &dictionaries,
                None,
                cli.bidi.into(),
                cli.theme,
                cli.test_panic,
                true,
            )
        }),
        Some(Command::Stats { article }) => reader::library(&cli.library)
            .and_then(|l| glossary_commands::stats(&l, article.as_deref())),
        Some(Command::Lookup { word }) => reader::library(&cli.library)
            .and_then(|l| glossary_commands::lookup(&l, &cli.library.dictionary_dirs(), &word)),
        Some(Command::Glossary(command)) => {
            reader::library(&cli.library).and_then(|l| glossary_commands::glossary(&l, command))
        }
        Some(Command::Check) => reader::library(&cli.library)
            .and_then(|l| glossary_commands::check(&l, &cli.library.dictionary_dirs())),
        None => reader::library(&cli.library).and_then(|l| {
            let dictionaries = cli.library.dictionary_dirs();
            reader::run(
                &l,
                &dictionaries,
                cli.article.as_deref(),
                cli.bidi.into(),
                cli.theme,
                cli.test_panic,
                false,
            )
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // A closed pipe (`qari render x | head`) is the reader's choice, not an error.
            if error
                .root_cause()
                .downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("qari: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run_render(args: &RenderArgs) -> Result<()> {
    let layout = LayoutOptions {
        width: args.width.map_or_else(terminal_width, |w| w as usize),
        direction: args.dir.into(),
        shape: !args.no_shape,
    };
    // On a terminal an Arabic paragraph starts at the right edge; piped
    // output stays unpadded for scripts.
    let align = match args.align {
        AlignArg::Left => Align::Left,
        AlignArg::Right => Align::Right,
        AlignArg::Auto if io::stdout().is_terminal() => Align::Right,
        AlignArg::Auto => Align::Left,
    };
    let options = RenderOptions { layout, align };
    let stdout = io::stdout().lock();
    let output = io::BufWriter::with_capacity(1 << 16, stdout);
    let name = args.file.display().to_string();
    let result = if name == "-" {
        render(
            BufReader::with_capacity(1 << 16, io::stdin()),
            output,
            &options,
        )
    } else {
        if args.file.is_dir() {
            bail!("{name}: is a directory, expected a text file");
        }
        let file = File::open(&args.file).with_context(|| format!("{name}: cannot open"))?;
        render(BufReader::with_capacity(1 << 16, file), output, &options)
    };
    result.map_err(|error| match error {
        RenderError::Io(io) => anyhow::Error::new(io).context(name),
        other => anyhow::anyhow!("{name}: {other}"),
    })
}

/// Width of the terminal on standard output, else 80.
fn terminal_width() -> usize {
    if io::stdout().is_terminal()
        && let Ok((columns, _)) = crossterm::terminal::size()
        && columns > 0
    {
        return columns.into();
    }
    80
}
