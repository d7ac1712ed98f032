//! What the runner's watcher sends when another program changed the
//! article or the glossary on disk (`Msg::ArticleOnDisk`,
//! `Msg::GlossaryOnDisk`): shown at once, and never at the cost of the
//! layout the reader has (a sentence whose text changed keeps the
//! reader's copy).
#![allow(clippy::unwrap_used)]

use qari::app::{Action, App, Msg, Options};
use qari::glossary::{Entry, Glossary, UserGlossary};

use crate::interlinear::ntrex_article;

fn reader() -> App {
    let mut app = App::new(ntrex_article(), 0, Options::default());
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    app.update(Action::ToggleAlwaysTranslation);
    app
}

#[test]
fn a_translation_saved_elsewhere_is_shown_and_a_changed_text_is_not_taken() {
    let mut app = reader();
    let mut on_disk = app.article.clone();
    on_disk.sentences[0].en = "Translated in another terminal.".into();
    on_disk.sentences[0].en_source = Some("machine".into());
    app.update(Msg::ArticleOnDisk(Box::new(on_disk.clone())));
    assert_eq!(
        app.article.sentences[0].en,
        "Translated in another terminal."
    );
    let study: Vec<String> = (app.view.study_rows.iter())
        .filter_map(|row| row.line.as_ref().map(|l| l.text.clone()))
        .collect();
    assert_eq!(study[0], "Translated in another terminal.", "{study:?}");

    // Another article's files: nothing changes.
    let mut other = on_disk.clone();
    other.id = "another".into();
    other.sentences[0].en = "Not this one.".into();
    app.update(Msg::ArticleOnDisk(Box::new(other)));
    assert_eq!(
        app.article.sentences[0].en,
        "Translated in another terminal."
    );

    // The article file edited by hand: sentence 2's text changed. Sentence
    // 1's new translation is taken; sentence 2 stays as the reader has it.
    let before = app.article.sentences[1].clone();
    let mut edited = on_disk;
    edited.sentences[0].en = "Again.".into();
    edited.sentences[1].ar.push_str(" زيادة");
    edited.sentences[1].en = "An edited sentence.".into();
    app.update(Msg::ArticleOnDisk(Box::new(edited)));
    assert_eq!(app.article.sentences[0].en, "Again.");
    assert_eq!(app.article.sentences[1], before);
}

#[test]
fn an_entry_added_elsewhere_is_in_the_pane() {
    let mut app = reader();
    let word = app.current().word(0).unwrap().to_owned();
    let dir = tempfile::tempdir().unwrap();
    let user = UserGlossary::new(dir.path());
    user.add(Entry::new(&word, "added-elsewhere")).unwrap();
    app.update(Msg::GlossaryOnDisk(Glossary::load(Some(dir.path()))));
    let pane = format!("{:?}", app.glossary_pane);
    assert!(pane.contains("added-elsewhere"), "{pane}");
}
