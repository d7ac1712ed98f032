//! Choosing a word's reading for one place (`Enter` on a reading in the
//! glossary pane): the interlinear gloss, the vowels and the entry prefill
//! follow it, it is kept in the article's learner overlay (never a copy of
//! the article), and it is still chosen after a restart.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::sync::Arc;

use qari::app::{Action, App, Msg, Options, PaneItem};
use qari::arabic::{Analysis, marks_for};
use qari::article::{Library, article_to_toml};
use qari::dict::Dictionaries;
use qari::glossary::Glossary;
use qari::runtime::{Executor, Inline};

use crate::interlinear::{lexicon, ntrex_article};
use crate::screens::draw;

/// The reader on the library's article `ntrex` as a restart opens it (its
/// overlay applied), glosses and vowels on, at 120×40.
fn open(library: &Path) -> Inline {
    let catalog = Library::new(library).catalog();
    assert!(catalog.notices.is_empty(), "{:?}", catalog.notices);
    let article = catalog.get("ntrex").unwrap().clone();
    let app = App::new(article, 0, Options::default())
        .with_glossary(Glossary::load(Some(&library.join("glossary"))))
        .with_dictionaries(Arc::new(Dictionaries::default()))
        .with_saving();
    let mut app = Inline::new(app, Executor::new(Some(Library::new(library))));
    app.update(Msg::AnalyserLoaded(lexicon()));
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    app.update(Action::CycleInterlinear);
    app.update(Action::ToggleVowels);
    app
}

fn go_to_word(app: &mut Inline, word: usize) {
    while app.word != word {
        app.update(Action::NextWord);
    }
}

/// The first word of the first sentence with no entry and two readings
/// that differ in gloss and vowels; the word and the second reading.
fn word_with_another_reading(app: &mut Inline) -> (usize, Analysis) {
    for word in 0..app.current().words.len() {
        go_to_word(app, word);
        let pane = &app.glossary_pane;
        if let [first, second, ..] = pane.readings.as_slice()
            && pane.cursor.is_empty()
            && first.gloss != second.gloss
            && first.vocalised != second.vocalised
        {
            return (word, second.clone());
        }
    }
    panic!("no word of the first sentence has a second reading");
}

/// The gloss row's text for word `word` of the current sentence.
fn gloss_of(app: &App, word: usize) -> String {
    let glosses = app.glosses().get(&app.sentence).unwrap();
    let found = glosses.iter().find(|g| g.first == word).unwrap();
    found.text.clone()
}

/// The vowel marks drawn on word `word` of the current sentence, in order.
fn marks_on(app: &App, word: usize) -> String {
    let range = app.current().words[word].clone();
    let vowels = app.vowels().unwrap().get(&app.sentence).unwrap();
    (vowels.iter())
        .filter(|(at, _)| range.contains(at))
        .map(|(_, marks)| marks.as_str())
        .collect()
}

/// What `marks_for` makes of `reading` on `word`: the marks a vowelled
/// word shows.
fn marks_of(word: &str, reading: &Analysis) -> String {
    let marks = marks_for(word, reading.vocalised.as_deref().unwrap()).unwrap();
    marks.into_iter().flatten().collect()
}

/// Every cell of the app's screen, row by row.
pub(crate) fn screen_text(app: &App) -> String {
    let buffer = draw(app);
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Selects the cursor word's `n`th reading in the pane (the focus there).
fn select_reading(app: &mut Inline, n: usize) {
    if app.focus != qari::app::Focus::Glossary {
        app.update(Action::SwitchFocus);
    }
    for _ in 0..20 {
        if app.pane_items().get(app.pane.selected()) == Some(&PaneItem::Reading(n)) {
            return;
        }
        app.update(Action::GlossaryDown);
    }
    panic!("reading {n} not reached: {:?}", app.pane_items());
}

#[test]
fn a_reading_chosen_in_the_pane_is_this_words_gloss_and_vowels_and_survives_a_restart() {
    let library = tempfile::tempdir().unwrap();
    let articles = library.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    let article_file = articles.join("ntrex.toml");
    std::fs::write(&article_file, article_to_toml(&ntrex_article())).unwrap();
    let article_before = std::fs::read(&article_file).unwrap();

    let mut app = open(library.path());
    let (word, second) = word_with_another_reading(&mut app);
    let text = app.current().word(word).unwrap().to_owned();
    let first = app.glossary_pane.readings[0].clone();
    assert_eq!(gloss_of(&app, word), first.gloss.clone().unwrap());
    assert_ne!(marks_of(&text, &first), marks_of(&text, &second));

    select_reading(&mut app, 1);
    app.update(Action::ChooseReading);
    let said = app.message.as_ref().unwrap().to_string();
    assert!(said.contains(&text) && said.contains("overlays"), "{said}");
    // The selection stays on the reading chosen, now first.
    let selected = app.pane_items().get(app.pane.selected()).copied();
    assert_eq!(selected, Some(PaneItem::Reading(0)));

    // The pane, the gloss row, the vowels and the prefill follow it.
    let check = |app: &mut Inline| {
        go_to_word(app, word);
        assert_eq!(app.glossary_pane.readings[0], second);
        assert!(app.glossary_pane.reading_chosen);
        let gloss = second.gloss.clone().unwrap();
        assert_eq!(gloss_of(app, word), gloss);
        assert_eq!(marks_on(app, word), marks_of(&text, &second));
        let shown = screen_text(app);
        let start: String = gloss.chars().take(4).collect();
        assert!(shown.contains(&start), "{start} not on screen:\n{shown}");
        assert!(shown.contains("your reading here"), "{shown}");
        // The add form starts from the chosen reading.
        app.update(Action::AddEntry);
        let Some(qari::app::Overlay::Form(form)) = &app.overlay else {
            panic!("no form");
        };
        assert_eq!(form.fields[0].text, second.lemma.clone().unwrap());
        app.update(Action::Cancel);
    };
    check(&mut app);

    // Kept in the overlay, the article's file untouched.
    let overlay = std::fs::read_to_string(library.path().join("overlays/ntrex.toml")).unwrap();
    let has_reading = |file: &str| file.lines().any(|l| l == "[[sentence.reading]]");
    assert!(has_reading(&overlay), "{overlay}");
    assert!(
        overlay.contains(&format!("word = {}", word + 1)),
        "{overlay}"
    );
    assert_eq!(std::fs::read(&article_file).unwrap(), article_before);

    // A restart reads it back.
    drop(app);
    let mut again = open(library.path());
    check(&mut again);

    // Enter on the chosen reading gives the word back to the analyser.
    select_reading(&mut again, 0);
    again.update(Action::ChooseReading);
    go_to_word(&mut again, word);
    assert_eq!(again.glossary_pane.readings[0], first);
    assert!(!again.glossary_pane.reading_chosen);
    assert_eq!(gloss_of(&again, word), first.gloss.clone().unwrap());
    let overlay = std::fs::read_to_string(library.path().join("overlays/ntrex.toml")).unwrap();
    assert!(!has_reading(&overlay), "{overlay}");
}

/// `Enter` on an entry (not a reading) says what it is for; on a bundled
/// article with no library it says the choice cannot be kept.
#[test]
fn enter_elsewhere_or_with_nowhere_to_save_says_so_in_one_line() {
    let app = App::new(crate::common::bundled_article(), 0, Options::default())
        .with_glossary(Glossary::load(None))
        .with_dictionaries(Arc::new(Dictionaries::default()));
    let mut app = Inline::new(app, Executor::new(None));
    app.update(Msg::AnalyserLoaded(lexicon()));
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    // The first words are a term of the bundled glossary: an entry.
    app.update(Action::SwitchFocus);
    assert!(matches!(app.pane_items().first(), Some(PaneItem::Entry(_))));
    app.update(Action::ChooseReading);
    let said = app.message.as_ref().unwrap().to_string();
    assert!(said.contains("readings"), "{said}");
    assert!(!said.contains('\n'));

    app.update(Action::SwitchFocus);
    app.update(Action::NextWord);
    app.update(Action::NextWord);
    select_reading(&mut app, 0);
    app.update(Action::ChooseReading);
    let said = app.message.as_ref().unwrap().to_string();
    assert!(said.contains("library"), "{said}");
    assert!(app.current().readings.is_empty());
}
