//! The reader session: pick the article, run the terminal loop, save the
//! reading position; and `qari list`.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use qari::files::Printable;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event;

use qari::app::DictionaryHandle;
use qari::app::keys::{action_for_event, scope_for};
use qari::app::{Action, App, BidiMode, Options};
use qari::article::{Article, Catalog, Library, ReadingState, StateError, load_article};
use qari::dict::Dictionaries;
use qari::glossary::{Glossary, UserGlossary};
use qari::text::{Direction, LayoutOptions, layout};

use crate::cli::LibraryArgs;
use crate::terminal::{self, Emulator, Modes, Signals, with_terminal};

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
    let glossary_dir = library.root.join("glossary");
    let glossary = Glossary::load(Some(&glossary_dir));
    let glossary_problem = glossary.problems.first().map(|p| format!("skipped {p}"));
    // Dictionaries load in the background: the first frame does not wait.
    let dictionaries = DictionaryHandle::default();
    let loading = Arc::clone(&dictionaries);
    let dirs = dictionary_dirs.to_vec();
    std::thread::spawn(move || loading.set(Dictionaries::load(&dirs)));
    let mut app = App::new(article, position.saturating_sub(1), options)
        .with_glossary(glossary, Some(UserGlossary::new(glossary_dir)))
        .with_dictionaries(dictionaries)
        .with_articles_dir(library.articles_dir())
        .with_articles(catalog.articles.clone());
    let problems = state_problem
        .map(|e| e.to_string())
        .into_iter()
        .chain(glossary_problem)
        .chain(emulator.hint(bidi).map(str::to_owned));
    app.message = startup_message(&catalog, problems.collect());

    // Only this reader's article changes in the file: another reader's
    // positions, saved meanwhile, are kept.
    let save = |app: &App| library.save_position(&app.article.id, app.sentence + 1);
    let modes = Modes { bidi, emulator };
    let result = with_terminal(modes, |terminal| {
        if review {
            app.update(Action::StartReview);
        }
        event_loop(terminal, &mut app, modes, test_panic, &save)
    });
    save(&app)?;
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

/// Draws, waits for an event, applies it; `save` keeps the reading
/// position on disk whenever the sentence changes (after the frame is
/// drawn, so the key is not slowed), so even a killed reader loses nothing.
fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    modes: Modes,
    test_panic: bool,
    save: &impl Fn(&App) -> Result<(), StateError>,
) -> Result<()> {
    let signals = Signals::register()?;
    let mut saved = (app.article.id.clone(), app.sentence);
    // The position whose save failed: said at once, tried again at the
    // next move and at exit.
    let mut failed: Option<(String, usize)> = None;
    let size = terminal.size()?;
    app.update(Action::Resize {
        columns: size.width,
        rows: size.height,
    });
    while !app.should_quit {
        // A resize may land between events; catch it before drawing.
        let size = terminal.size()?;
        if (size.width, size.height) != (app.screen.area.width, app.screen.area.height) {
            app.update(Action::Resize {
                columns: size.width,
                rows: size.height,
            });
        }
        if app.options.bidi == BidiMode::Terminal {
            terminal::repaint_everything(terminal);
        }
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        assert!(!test_panic, "deliberate panic (--test-panic)");
        let position = (app.article.id.clone(), app.sentence);
        if position != saved && failed.as_ref() != Some(&position) {
            match save(app) {
                Ok(()) => (saved, failed) = (position, None),
                Err(error) => {
                    // Shown now, not at the next key.
                    app.message = Some(error.to_string());
                    failed = Some(position);
                    continue;
                }
            }
        }
        if let Some(event) = next_event(app, &signals)? {
            if let event::Event::Paste(text) = &event {
                app.message = None;
                app.paste(text);
            } else {
                let scope = scope_for(app.focus, app.overlay.as_ref());
                if let Some(action) = action_for_event(&event, scope) {
                    // A message stays until the next key.
                    if !matches!(action, Action::Resize { .. }) {
                        app.message = None;
                    }
                    app.update(action);
                }
            }
        }
        if std::mem::take(&mut app.suspend_requested) {
            terminal::suspend(modes, terminal)?;
        }
    }
    Ok(())
}

/// Waits for the next terminal event. Returns none when the frame should be
/// drawn again without one (the dictionaries arrived) or a signal asked to
/// quit or suspend (then the app is told).
fn next_event(app: &mut App, signals: &Signals) -> Result<Option<event::Event>> {
    let waiting = app.dictionaries_ready().is_none();
    loop {
        if signals.quit.swap(false, Ordering::SeqCst) {
            app.update(Action::Quit);
            return Ok(None);
        }
        if signals.suspend.swap(false, Ordering::SeqCst) {
            app.update(Action::Suspend);
            return Ok(None);
        }
        // Signals are looked at every quarter second at most.
        if event::poll(Duration::from_millis(250)).context("reading the terminal")? {
            return Ok(Some(event::read().context("reading the terminal")?));
        }
        if waiting && app.dictionaries_ready().is_some() {
            return Ok(None);
        }
    }
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
    println!("{}", qari::app::due_entries(&glossary).len());
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
