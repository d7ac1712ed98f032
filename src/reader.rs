//! The reader session: pick the article, run the terminal loop, save the
//! reading position; and `qari list`.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};

use anyhow::{Result, anyhow, bail};
use qari::files::Printable;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event;

use qari::app::{Action, App, BidiMode, Effect, Msg, Options};
use qari::article::{Article, Catalog, Library, ReadingState, load_article};
use qari::glossary::Glossary;
use qari::runtime::{Executor, Worker, load_dictionaries};
use qari::text::{Direction, LayoutOptions, layout};

use crate::cli::LibraryArgs;
use crate::terminal::{self, Emulator, Modes, with_terminal};

pub fn library(args: &LibraryArgs) -> Result<Library> {
    match &args.library {
        Some(dir) => Ok(Library::new(dir)),
        None => Library::default_root().map(Library::new).ok_or_else(|| {
            anyhow!(
                "cannot tell where to keep your library: set HOME, XDG_DATA_HOME or --library DIR"
            )
        }),
    }
}

/// Opens the reader on `wanted` (an id or a path), else on the last article
/// read, else on the first bundled one.
pub fn run(
    library: &Library,
    dictionary_dirs: &[PathBuf],
    wanted: Option<&str>,
    bidi: BidiMode,
    theme: terminal::Theme,
    test_panic: bool,
    review: bool,
) -> Result<()> {
    let catalog = library.catalog();
    let (state, state_problem) = library.load_state();
    let article = choose(&catalog, &state, wanted)?;
    let position = state.position.get(&article.id).copied().unwrap_or(1);
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        bail!("the reader needs a terminal; `qari list` and `qari render FILE` work without one");
    }
    let var = |name: &str| std::env::var(name).ok();
    let emulator = Emulator::detect(var);
    // Asked before the alternate screen, while the terminal's answer can
    // still be read without the event loop.
    let options = Options {
        bidi,
        palette: terminal::palette(theme, var),
    };
    let glossary = Glossary::load(Some(&library.root.join("glossary")));
    let glossary_problem = glossary.problems.first().map(|p| format!("skipped {p}"));
    let mut app = App::new(article, position.saturating_sub(1), options)
        .with_glossary(glossary)
        .with_saving()
        .with_articles(catalog.articles.clone());
    let problems = state_problem
        .map(|e| e.to_string())
        .into_iter()
        .chain(glossary_problem)
        .chain(emulator.hint(bidi).map(str::to_owned));
    if let Some(message) = startup_message(&catalog, problems.collect()) {
        app.update(Msg::Notice(message));
    }

    if review {
        app.update(Msg::Clock(chrono::Utc::now()));
        app.update(Action::StartReview);
    }

    // Everything the loop hears of comes through one channel: the
    // terminal's events, signals, the worker's results and the
    // dictionaries, which load in the background (the first frame does
    // not wait for them).
    let (sender, inbox) = mpsc::channel();
    load_dictionaries(dictionary_dirs.to_vec(), sender.clone());
    let worker = Worker::spawn(Executor::new(Some(library.clone())), sender.clone());
    let modes = Modes { bidi, emulator };
    let result = with_terminal(modes, |terminal| {
        terminal::forward_signals(sender.clone())?;
        forward_terminal_events(sender);
        event_loop(terminal, &mut app, &worker, &inbox, modes, test_panic)
    });
    // Every save asked for is done before the last position is written.
    let executor = worker.finish();
    // Only this reader's article changes in the file: another reader's
    // positions, saved meanwhile, are kept.
    library.save_position(&app.article.id, app.sentence + 1)?;
    drop(executor);
    result
}

fn choose(catalog: &Catalog, state: &ReadingState, wanted: Option<&str>) -> Result<Article> {
    if let Some(wanted) = wanted {
        if let Some(article) = catalog.get(wanted) {
            return Ok(article.clone());
        }
        let path = Path::new(wanted);
        if path.exists() || wanted.ends_with(".toml") {
            return Ok(load_article(path)?);
        }
        bail!(
            "no article {wanted:?}: `qari list` shows the ids, or give the path of an article file"
        );
    }
    state
        .last_article
        .as_deref()
        .and_then(|id| catalog.get(id))
        .or_else(|| catalog.articles.first())
        .cloned()
        .ok_or_else(|| match catalog.problems.first() {
            Some(problem) => anyhow!("no article could be read: {problem}"),
            None => anyhow!("no articles found"),
        })
}

/// One line for the status bar about files that could not be read.
fn startup_message(catalog: &Catalog, others: Vec<String>) -> Option<String> {
    let articles = catalog
        .problems
        .first()
        .map(|first| match catalog.problems.len() - 1 {
            0 => format!("skipped {first}"),
            more => format!("skipped {first} (and {more} more: see `qari list`)"),
        });
    let parts: Vec<String> = articles.into_iter().chain(others).collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// Draws, waits for the next message, applies it, hands its effects to the
/// worker (the reading position is saved there after every change of
/// sentence, so even a killed reader loses nothing, and no key waits for
/// it).
fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    worker: &Worker,
    inbox: &Receiver<Msg>,
    modes: Modes,
    test_panic: bool,
) -> Result<()> {
    let size = terminal.size()?;
    let mut effects = app.update(Action::Resize {
        columns: size.width,
        rows: size.height,
    });
    loop {
        for effect in effects.drain(..) {
            match effect {
                Effect::Suspend => terminal::suspend(modes, terminal)?,
                effect => worker.send(effect),
            }
        }
        if app.should_quit {
            return Ok(());
        }
        // A resize may land between events; catch it before drawing.
        let size = terminal.size()?;
        if (size.width, size.height) != (app.screen.area.width, app.screen.area.height) {
            effects = app.update(Action::Resize {
                columns: size.width,
                rows: size.height,
            });
            continue;
        }
        if app.options.bidi == BidiMode::Terminal {
            terminal::repaint_everything(terminal);
        }
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        assert!(!test_panic, "deliberate panic (--test-panic)");
        let msg = match inbox.recv() {
            Ok(Msg::TerminalLost(error)) => bail!("reading the terminal: {error}"),
            Ok(msg) => msg,
            Err(_) => bail!("reading the terminal: its events stopped"),
        };
        if matches!(msg, Msg::Terminal(_)) {
            app.update(Msg::Clock(chrono::Utc::now()));
        }
        effects = app.update(msg);
    }
}

/// Reads the terminal's events on a thread of their own, into the loop's
/// channel; a read error ends the loop with its message.
fn forward_terminal_events(to: Sender<Msg>) {
    std::thread::spawn(move || {
        loop {
            let msg = match event::read() {
                Ok(event) => Msg::Terminal(event),
                Err(error) => Msg::TerminalLost(error.to_string()),
            };
            let lost = matches!(msg, Msg::TerminalLost(_));
            if to.send(msg).is_err() || lost {
                return;
            }
        }
    });
}

/// `qari list`: one article per line. Titles are shaped and in visual order
/// on a terminal, in logical order when piped (for scripts).
pub fn list(library: &Library) -> Result<()> {
    let catalog = library.catalog();
    let (state, state_problem) = library.load_state();
    let visual = io::stdout().is_terminal();
    let mut out = Printable::new(io::stdout().lock());
    let width = catalog
        .articles
        .iter()
        .map(|a| a.id.chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    writeln!(
        out,
        "{:<width$}  {:>9}  {:>8}  TITLE",
        "ID", "SENTENCES", "POSITION"
    )?;
    for article in &catalog.articles {
        let count = article.sentences.len();
        let position = state
            .position
            .get(&article.id)
            .map_or_else(|| "-".to_owned(), |p| format!("{}/{count}", p.min(&count)));
        let title = if visual {
            visual_line(article.title())
        } else {
            article.title().to_owned()
        };
        writeln!(
            out,
            "{:<width$}  {count:>9}  {position:>8}  {title}",
            article.id
        )?;
    }
    for problem in &catalog.problems {
        eprintln!("qari: skipped {problem}");
    }
    if let Some(problem) = state_problem {
        eprintln!("qari: {problem}");
    }
    Ok(())
}

/// `qari review --count`: how many of the learner's entries are due.
pub fn due_count(library: &Library) -> Result<()> {
    let glossary = Glossary::load(Some(&library.root.join("glossary")));
    println!(
        "{}",
        qari::app::due_entries(&glossary, chrono::Utc::now()).len()
    );
    Ok(())
}

/// `text` for standard output: through the engine as one visual line on a
/// terminal (`visual`), unchanged (logical order) for a pipe.
pub fn for_output(text: &str, visual: bool, direction: Direction) -> String {
    if !visual {
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

/// `text` as one visual line through the engine.
fn visual_line(text: &str) -> String {
    for_output(text, true, Direction::Auto)
}
