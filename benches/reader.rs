//! The reader's speed: start to first frame (article and glossary read,
//! first draw), and key press to redrawn frame with the glossary pane and
//! FreeDict results, on the bundled article and on generated ones of up to
//! 100,000 sentences (the cost must follow what is visible, not the
//! article's length). A key's effects go to the worker as in the reader:
//! the reading position is saved there, in a temporary library, off the
//! key's path.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::channel;

use qari::app::{Action, App, Options};
use qari::article::{Article, Library};
use qari::dict::Dictionaries;
use qari::glossary::Glossary;
use qari::runtime::{Executor, Worker};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const NO_LIBRARY: &str = "/nonexistent/qari-bench-library";

fn bundled() -> Article {
    Library::new(NO_LIBRARY)
        .catalog()
        .get("deir-ez-zor-2017")
        .expect("the bundled article")
        .clone()
}

/// The bundled sentences repeated to `count`, three to a paragraph (notes
/// left out to keep 100,000 sentences small; they are not drawn here).
fn long_article(count: usize) -> Article {
    let mut article = bundled();
    let source = article.sentences.clone();
    article.sentences = (0..count)
        .map(|i| {
            let mut sentence = source[i % source.len()].clone();
            sentence.heading = i == 0;
            sentence.starts_paragraph = i % 3 == 1;
            sentence.notes.clear();
            sentence
        })
        .collect();
    article
}

fn start_to_first_frame(c: &mut Criterion) {
    c.bench_function("start_to_first_frame_120x40", |b| {
        b.iter(|| {
            let catalog = Library::new(NO_LIBRARY).catalog();
            let article = catalog.articles.into_iter().next().unwrap();
            let glossary = Glossary::load(None);
            let mut app = App::new(article, 0, Options::default()).with_glossary(glossary);
            app.update(Action::Resize {
                columns: 120,
                rows: 40,
            });
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
            terminal
                .draw(|frame| frame.render_widget(&app, frame.area()))
                .unwrap();
            black_box(terminal.backend().buffer().content().len())
        })
    });
}

/// The reader on `article` at its middle sentence, as in use: the bundled
/// glossary and FreeDict (when installed), 120×40.
fn reader(article: Article, dictionaries: &Arc<Dictionaries>, word_colours: bool) -> App {
    let middle = (article.sentences.len() - 1) / 2;
    let mut app = App::new(article, middle, Options::default())
        .with_glossary(Glossary::load(None))
        .with_saving()
        .with_dictionaries(Arc::clone(dictionaries));
    if !word_colours {
        app.update(Action::ToggleWordColours);
    }
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    app
}

/// Times one key (next sentence, back to the first at the end), handing
/// its effects to the worker, and the redrawn frame.
fn bench_keys(group: &mut BenchmarkGroup<'_, WallTime>, name: &str, mut app: App) {
    let last = app.article.sentences.len() - 1;
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let library = tempfile::tempdir().unwrap();
    let (results, _inbox) = channel();
    let worker = Worker::spawn(Executor::new(Some(Library::new(library.path()))), results);
    group.bench_function(name, |b| {
        b.iter(|| {
            let action = if app.sentence == last {
                Action::FirstSentence
            } else {
                Action::NextSentence
            };
            for effect in app.update(action) {
                worker.send(effect);
            }
            terminal
                .draw(|frame| frame.render_widget(&app, frame.area()))
                .unwrap();
        })
    });
    worker.finish();
}

fn key_to_frame(c: &mut Criterion) {
    let dictionaries = Arc::new(Dictionaries::load(&[PathBuf::from("/usr/share/dictd")]));
    let mut group = c.benchmark_group("key_to_frame_120x40");
    for (name, article) in [
        ("bundled_24_sentences", bundled()),
        ("generated_1000_sentences", long_article(1_000)),
        ("generated_10000_sentences", long_article(10_000)),
        ("generated_100000_sentences", long_article(100_000)),
    ] {
        bench_keys(&mut group, name, reader(article, &dictionaries, true));
    }
    // The same key on the bundled article with words coloured by status
    // and without, side by side.
    bench_keys(
        &mut group,
        "bundled_word_colours_on",
        reader(bundled(), &dictionaries, true),
    );
    bench_keys(
        &mut group,
        "bundled_word_colours_off",
        reader(bundled(), &dictionaries, false),
    );
    // With word glosses under every line of every sentence on screen (`i`).
    for (name, article) in [
        ("interlinear_bundled_24_sentences", bundled()),
        (
            "interlinear_generated_100000_sentences",
            long_article(100_000),
        ),
    ] {
        let mut app = reader(article, &dictionaries, true);
        app.update(Action::CycleInterlinear);
        bench_keys(&mut group, name, app);
    }
    group.finish();
}

criterion_group!(benches, start_to_first_frame, key_to_frame);
criterion_main!(benches);
