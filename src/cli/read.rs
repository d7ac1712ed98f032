//! The reader session (`qari [ARTICLE]`, `qari review`): pick the
//! article, run the terminal loop, save the reading position.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event;

use crate::app::keys::{Keymap, install};
use crate::app::{Action, App, BidiMode, Effect, Interlinear, Msg, Options, WordAids};
use crate::article::{Article, Catalog, Library, OverlayNotice, ReadingState};
use crate::glossary::Glossary;
use crate::runtime::translator::Translator;
use crate::runtime::{Executor, Worker, load_analyser, load_dictionaries, watch};

use super::Error;
use super::terminal::{self, Emulator, Modes, with_terminal};
use crate::config::Theme;
use crate::config::keys::KeysError;
use crate::ui::strings;

/// How the reader runs.
#[derive(Debug, Clone, Default)]
pub struct ReaderOptions {
    pub bidi: BidiMode,
    pub theme: Theme,
    /// Start with a review of the entries due (`qari review`).
    pub review: bool,
    /// Panic after the first frame (`--test-panic`, for the tests).
    pub test_panic: bool,
    /// The learner's translator, for drafts (`D`).
    pub translator: Option<Translator>,
}

/// Opens the reader on `wanted` (an id or a path), else on the last article
/// read, else on the first bundled one, in the terminal on standard input
/// and output; the dictionaries in `dictionary_dirs` load meanwhile
/// (through the caches in `cache`, when given). The
/// keys are `keys` (the learner's `keys.toml`); when that file could not be
/// used, the reader says why and uses the default keys.
pub fn run(
    library: &Library,
    dictionary_dirs: &[PathBuf],
    cache: Option<&Path>,
    wanted: Option<&str>,
    options: ReaderOptions,
    keys: Result<Keymap, KeysError>,
) -> Result<(), Error> {
    let ReaderOptions {
        bidi,
        theme,
        review,
        test_panic,
        translator,
    } = options;
    let catalog = library.catalog();
    let (state, state_problem) = library.load_state();
    let (article, opened_notices) = choose(library, &catalog, &state, wanted)?;
    let position = state.position.get(&article.id).copied().unwrap_or(1);
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(Error::NoTerminal);
    }
    let var = |name: &str| std::env::var(name).ok();
    let emulator = Emulator::detect(var);
    // Asked before the alternate screen, while the terminal's answer can
    // still be read without the event loop.
    let options = Options {
        bidi,
        palette: terminal::palette(theme, var),
    };
    let keys_problem = match keys {
        Ok(keymap) => {
            install(keymap);
            None
        }
        Err(error) => {
            install(Keymap::default());
            Some(strings::keys_file_refused(&error))
        }
    };
    let glossary = Glossary::load(Some(&library.root.join("glossary")));
    let glossary_problem = glossary.problems.first().map(|p| format!("skipped {p}"));
    let mut app = App::new(article, position.saturating_sub(1), options)
        .with_glossary(glossary)
        .with_saving()
        .with_word_aids(WordAids {
            interlinear: Interlinear::from_name(state.interlinear.as_deref()),
            translit: state.translit,
            vowelled: state.vowelled,
        })
        .with_articles(catalog.articles.clone());
    if review {
        app = app.for_review();
    }
    if let Some(translator) = &translator {
        app = app.with_translator(translator.name());
    }
    let problems = state_problem
        .map(|e| e.to_string())
        .into_iter()
        .chain(catalog.notices.iter().map(ToString::to_string))
        .chain(opened_notices.iter().map(ToString::to_string))
        .chain(glossary_problem)
        .chain(keys_problem)
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
    load_dictionaries(
        dictionary_dirs.to_vec(),
        cache.map(Path::to_path_buf),
        sender.clone(),
    );
    load_analyser(sender.clone());
    // What other programs change meanwhile is shown without a key.
    watch(
        library.clone(),
        app.article.id.clone(),
        app.article.origin.clone(),
        sender.clone(),
    );
    let worker = Worker::spawn(Executor::new(Some(library.clone())), sender.clone());
    // Drafts on a worker of their own: a translator may take a minute, and
    // no save should wait behind it.
    let stop_drafting = Arc::new(AtomicBool::new(false));
    let drafter = translator.map(|translator| {
        let executor = Executor::new(Some(library.clone()))
            .with_translator(translator, Arc::clone(&stop_drafting));
        Worker::spawn(executor, sender.clone())
    });
    let workers = Workers {
        effects: &worker,
        drafts: drafter.as_ref(),
    };
    let modes = Modes { bidi, emulator };
    let result = with_terminal(modes, |terminal| {
        terminal::forward_signals(sender.clone())?;
        forward_terminal_events(sender);
        event_loop(terminal, &mut app, workers, &inbox, modes, test_panic)
    });
    // A draft under way is given up (its translator killed): the drafts
    // saved so far are kept.
    stop_drafting.store(true, Ordering::Relaxed);
    if let Some(drafter) = drafter {
        drafter.finish();
    }
    // Every save asked for is done before the last position is written.
    let executor = worker.finish();
    // Only this reader's article changes in the file: another reader's
    // positions, saved meanwhile, are kept.
    library.save_position(&app.article.id, app.sentence + 1)?;
    drop(executor);
    result
}

/// The article to open: `wanted` (an id, else the path of an article
/// file), else the last one read (`state`), else the first not hidden
/// (`qari rm` of a bundled article), else the first; with what there
/// is to say about its overlay when it was read from a path (the catalog's
/// notices cover the others).
pub fn choose(
    library: &Library,
    catalog: &Catalog,
    state: &ReadingState,
    wanted: Option<&str>,
) -> Result<(Article, Vec<OverlayNotice>), Error> {
    if let Some(wanted) = wanted {
        if let Some(article) = catalog.get(wanted) {
            return Ok((article.clone(), Vec::new()));
        }
        let path = Path::new(wanted);
        if path.exists() || wanted.ends_with(".toml") {
            return Ok(library.load_article_file(path)?);
        }
        return Err(Error::NoArticleToOpen(wanted.to_owned()));
    }
    state
        .last_article
        .as_deref()
        .and_then(|id| catalog.get(id))
        .or_else(|| {
            let mut listed = catalog.articles.iter();
            listed.find(|a| !state.hidden.contains(&a.id))
        })
        .or_else(|| catalog.articles.first())
        .map(|article| (article.clone(), Vec::new()))
        .ok_or_else(|| match catalog.problems.first() {
            Some(problem) => Error::NoReadableArticle(problem.to_string()),
            None => Error::NoArticles,
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

/// Where the loop sends the app's effects.
#[derive(Clone, Copy)]
struct Workers<'a> {
    /// Saves, speech: in order, each quick.
    effects: &'a Worker,
    /// Drafts, when there is a translator.
    drafts: Option<&'a Worker>,
}

/// Draws, waits for the next message, applies it, hands its effects to the
/// worker (the reading position is saved there after every change of
/// sentence, so even a killed reader loses nothing, and no key waits for
/// it).
fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    workers: Workers<'_>,
    inbox: &Receiver<Msg>,
    modes: Modes,
    test_panic: bool,
) -> Result<(), Error> {
    let size = terminal.size()?;
    let mut effects = app.update(Action::Resize {
        columns: size.width,
        rows: size.height,
    });
    loop {
        for effect in effects.drain(..) {
            match effect {
                Effect::Suspend => terminal::suspend(modes, terminal)?,
                effect @ Effect::Draft(_) => match workers.drafts {
                    Some(drafter) => drafter.send(effect),
                    // The app asks only when it was given a translator.
                    None => workers.effects.send(effect),
                },
                effect => workers.effects.send(effect),
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
            Ok(Msg::TerminalLost(error)) => return Err(Error::TerminalLost(error)),
            Ok(msg) => msg,
            Err(_) => return Err(Error::TerminalLost("its events stopped".to_owned())),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::testing::{BUNDLED_ID, library};

    #[test]
    fn opens_the_article_asked_for_else_the_last_read_else_the_first() {
        let (_dir, library) = library();
        let catalog = library.catalog();
        let mut state = ReadingState::default();
        assert_eq!(
            choose(&library, &catalog, &state, None).unwrap().0.id,
            BUNDLED_ID
        );
        state.last_article = Some("gone".to_owned());
        assert_eq!(
            choose(&library, &catalog, &state, None).unwrap().0.id,
            BUNDLED_ID
        );
        assert_eq!(
            choose(&library, &catalog, &state, Some(BUNDLED_ID))
                .unwrap()
                .0
                .id,
            BUNDLED_ID
        );
        let unknown = choose(&library, &catalog, &state, Some("nope")).unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "no article \"nope\": `qari list` shows the ids, or give the path of an article file"
        );
        // A path that looks like an article file is read, and its error said.
        let missing = choose(&library, &catalog, &state, Some("missing.toml")).unwrap_err();
        assert!(matches!(missing, Error::File(_)), "{missing:?}");
        let empty = Catalog::default();
        assert!(matches!(
            choose(&library, &empty, &state, None),
            Err(Error::NoArticles)
        ));
    }

    #[test]
    fn a_hidden_bundled_article_is_not_the_default_when_another_is_there() {
        let (_dir, library) = library();
        let mut state = ReadingState::default();
        state.hidden.insert(BUNDLED_ID.to_owned());
        let catalog = library.catalog();
        // Alone, it still opens.
        assert_eq!(
            choose(&library, &catalog, &state, None).unwrap().0.id,
            BUNDLED_ID
        );
        std::fs::create_dir_all(library.articles_dir()).unwrap();
        std::fs::write(
            library.article_path("mine"),
            "[[sentence]]\nar = \"خبر.\"\n",
        )
        .unwrap();
        let catalog = library.catalog();
        assert_eq!(
            choose(&library, &catalog, &state, None).unwrap().0.id,
            "mine"
        );
    }
}
