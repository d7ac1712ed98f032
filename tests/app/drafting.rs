//! Drafting translations in the reader (`D`, issue 16): the first `D`
//! drafts the current sentence, the next the rest of the article, one batch
//! at a time in the background, with the status line's progress; a failing
//! translator stops it in one line and writes nothing; with no translator
//! set the empty slot says how to get English (and points to `i`).
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use qari::app::{Action, App, DRAFT_BATCH, DraftBatch, Drafted, DraftsSaved, Effect, Msg, Options};
use qari::article::{Library, article_to_toml};
use qari::runtime::translator::{Mode, Translator};
use qari::runtime::{Executor, Inline};

use crate::reading_choice::screen_text;

/// An NTREX article (30 sentences) long enough for two batches, with no
/// translation.
fn ntrex_article() -> qari::article::Article {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/ntrex/ar/scotsman.133744.ar.txt"
    ))
    .unwrap();
    let article = qari::article::import_text("ntrex", &text, None, None, "", None).article;
    assert!(article.sentences.len() > DRAFT_BATCH + 3);
    article
}

/// A stand-in translator: "EN: " and the Arabic, line by line.
const GOOD: &str = "while IFS= read -r line; do printf 'EN: %s\\n' \"$line\"; done";

fn translator(command: &str) -> Translator {
    Translator {
        command: command.to_owned(),
        mode: Mode::Lines,
        timeout: Duration::from_secs(20),
    }
}

/// A library holding the NTREX article (no translation) as `ntrex`.
fn library() -> tempfile::TempDir {
    let library = tempfile::tempdir().unwrap();
    let articles = library.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(
        articles.join("ntrex.toml"),
        article_to_toml(&ntrex_article()),
    )
    .unwrap();
    library
}

/// The reader on the library's `ntrex` at sentence `at`, at 120×40, its
/// effects carried out at once with `command` as the translator.
fn open(library: &Path, at: usize, command: &str) -> Inline {
    let catalog = Library::new(library).catalog();
    let article = catalog.get("ntrex").unwrap().clone();
    let translator = translator(command);
    let app = App::new(article, at, Options::default())
        .with_saving()
        .with_translator(translator.name());
    let executor = Executor::new(Some(Library::new(library)))
        .with_translator(translator, Arc::new(AtomicBool::new(false)));
    let mut app = Inline::new(app, executor);
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    app
}

#[test]
fn d_drafts_this_sentence_then_the_rest_saved_as_machine_drafts_around_the_learners_own() {
    let library = library();
    let article_file = library.path().join("articles/ntrex.toml");
    let article_before = std::fs::read(&article_file).unwrap();
    let mut app = open(library.path(), 0, GOOD);
    let count = app.article.sentences.len();
    assert!(count > DRAFT_BATCH, "{count} sentences: one batch would do");

    // The learner's own translation of sentence 3 comes first.
    app.update(Action::NextSentence);
    app.update(Action::NextSentence);
    assert_eq!(app.sentence, 2);
    app.update(Action::EditSentence);
    app.update(Msg::Paste("My own English.".into()));
    app.update(Action::Submit);
    app.update(Action::FirstSentence);

    // The empty slot says how to get one.
    app.update(Action::ToggleTranslation);
    let screen = screen_text(&app);
    assert!(
        screen.contains("(no translation yet: D drafts one with while, E writes your own)"),
        "{screen}"
    );

    // D: this sentence, shown at once (Inline carries out the draft).
    let effects = app.update(Action::Draft);
    let batches: Vec<&DraftBatch> = (effects.iter())
        .filter_map(|e| match e {
            Effect::Draft(batch) => Some(batch),
            _ => None,
        })
        .collect();
    assert_eq!(batches.len(), 1);
    assert_eq!(batches[0].sentences.len(), 1);
    let first_ar = app.article.sentences[0].ar.clone();
    let sentence = &app.article.sentences[0];
    assert_eq!(sentence.en, format!("EN: {first_ar}"));
    assert_eq!(sentence.en_source.as_deref(), Some("machine"));
    assert_eq!(sentence.en_translator.as_deref(), Some("while"));
    assert_eq!(app.sentence, 0);
    assert!(app.study.translation_shown());
    let screen = screen_text(&app);
    assert!(
        screen.contains("(a machine draft by while; E makes it yours)"),
        "{screen}"
    );
    assert_eq!(
        app.message.as_ref().unwrap().to_string(),
        "Drafted 1 sentence with while: machine drafts, E makes one yours"
    );
    assert!(app.drafting.is_none());

    // D again: the rest, in batches of DRAFT_BATCH, the learner's left.
    let effects = app.update(Action::Draft);
    let batches = effects
        .iter()
        .filter(|e| matches!(e, Effect::Draft(_)))
        .count();
    assert_eq!(batches, (count - 2).div_ceil(DRAFT_BATCH));
    assert_eq!(
        app.message.as_ref().unwrap().to_string(),
        format!(
            "Drafted {} sentences with while: machine drafts, E makes one yours",
            count - 2
        )
    );
    for (i, sentence) in app.article.sentences.iter().enumerate() {
        if i == 2 {
            assert_eq!(sentence.en, "My own English.");
            assert_eq!(sentence.en_source, None);
        } else {
            assert_eq!(sentence.en, format!("EN: {}", sentence.ar), "sentence {i}");
            assert_eq!(sentence.en_source.as_deref(), Some("machine"));
        }
    }
    // On disk as the reader shows it, and the article file untouched.
    let on_disk = Library::new(library.path()).catalog();
    assert_eq!(
        on_disk.get("ntrex").unwrap().sentences,
        app.article.sentences
    );
    assert_eq!(std::fs::read(&article_file).unwrap(), article_before);

    // Nothing left to draft.
    app.update(Action::Draft);
    assert_eq!(
        app.message.as_ref().unwrap().to_string(),
        "Every sentence has a translation: nothing to draft"
    );
}

#[test]
fn a_failing_translator_is_said_in_one_line_and_nothing_is_written() {
    let library = library();
    let mut app = open(
        library.path(),
        0,
        "echo 'no ar-en model installed' >&2; exit 3",
    );
    app.update(Action::Draft);
    let said = app.message.as_ref().unwrap().to_string();
    assert_eq!(
        said,
        "No draft: the translator \"echo 'no ar-en model installed' >&2; exit 3\" exited with status 3: no ar-en model installed"
    );
    assert!(app.drafting.is_none());
    assert!(app.article.sentences.iter().all(|s| s.en.is_empty()));
    let catalog = Library::new(library.path()).catalog();
    let on_disk = catalog.get("ntrex").unwrap();
    assert!(on_disk.sentences.iter().all(|s| s.en.is_empty()));
}

#[test]
fn with_no_translator_d_and_the_empty_slot_say_how_to_get_english() {
    let app = App::new(ntrex_article(), 0, Options::default()).with_saving();
    let mut app = Inline::new(app, Executor::new(None));
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    let effects = app.update(Action::Draft);
    assert!(effects.is_empty(), "{effects:?}");
    let said = app.message.as_ref().unwrap().to_string();
    assert!(
        said.starts_with(
            "No translator set: put translator = \"COMMAND\" in config.toml or QARI_TRANSLATOR"
        ) && said.ends_with("meanwhile i glosses each word"),
        "{said}"
    );
    app.update(Action::ToggleTranslation);
    let screen = screen_text(&app);
    assert!(
        screen.contains("(no translation yet: E writes your own, i glosses each word;"),
        "{screen}"
    );
}

/// The app alone, its effects left undone: what it asks for, and what it
/// does with the answers, in the order a slow translator gives them.
#[test]
fn one_batch_at_a_time_keys_live_meanwhile_and_a_failure_stops_the_rest() {
    let article = ntrex_article();
    let count = article.sentences.len();
    let mut app = App::new(article, 2, Options::default())
        .with_saving()
        .with_translator("mt");
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    let drafts = |effects: Vec<Effect>| -> Vec<DraftBatch> {
        (effects.into_iter())
            .filter_map(|e| match e {
                Effect::Draft(batch) => Some(batch),
                _ => None,
            })
            .collect()
    };
    let sent = drafts(app.update(Action::Draft));
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].sentences,
        [(2, app.article.sentences[2].ar.clone())]
    );
    assert_eq!(app.modes().drafting, Some((0, 1)));
    let screen = screen_text(&app);
    assert!(screen.contains("[drafting 0/1]"), "{screen}");

    // D again while it is out: the rest is queued, nothing more sent.
    assert!(drafts(app.update(Action::Draft)).is_empty());
    assert_eq!(app.modes().drafting, Some((0, count)));
    // Keys move on meanwhile.
    app.update(Action::NextSentence);
    assert_eq!(app.sentence, 3);
    app.update(Action::ToggleTranslation);
    let screen = screen_text(&app);
    assert!(
        screen.contains("(no translation yet: mt is drafting one)"),
        "{screen}"
    );
    assert_eq!(
        app.update(Action::Draft).len(),
        0,
        "D while drafting the article asks for nothing"
    );
    assert_eq!(
        app.message.as_ref().unwrap().to_string(),
        format!("Drafting already: 0 of {count} sentences done")
    );

    // The first comes back: the next batch starts from the sentence after.
    let mut saved = app.article.clone();
    saved.sentences[2].en = "Drafted.".into();
    saved.sentences[2].en_source = Some("machine".into());
    let answer = |sentences: Vec<usize>, result| {
        Msg::Drafted(Box::new(Drafted {
            article_id: "ntrex".into(),
            sentences,
            result,
        }))
    };
    let ok = |article: &qari::article::Article, saved| {
        Ok(DraftsSaved {
            article: Box::new(article.clone()),
            saved,
        })
    };
    let sent = drafts(app.update(answer(vec![2], ok(&saved, 1))));
    assert_eq!(sent.len(), 1);
    let indices: Vec<usize> = sent[0].sentences.iter().map(|(i, _)| *i).collect();
    assert_eq!(indices, (3..3 + DRAFT_BATCH).collect::<Vec<_>>());
    assert_eq!(app.article.sentences[2].en, "Drafted.");
    // The study panel follows the sentence the learner is on, not the draft.
    assert_eq!(app.sentence, 3);
    assert_eq!(app.modes().drafting, Some((1, count)));

    // An answer for another batch (a stale one) changes nothing.
    assert!(drafts(app.update(answer(vec![0], ok(&saved, 1)))).is_empty());
    assert_eq!(app.modes().drafting, Some((1, count)));

    // The translator fails: the draft stops, saying what it did.
    let failed = Err("the translator \"mt\" took over 60 s and was stopped".to_owned());
    assert!(drafts(app.update(answer(indices, failed))).is_empty());
    assert_eq!(app.drafting, None);
    assert_eq!(
        app.message.as_ref().unwrap().to_string(),
        "Drafting stopped after 1 sentence: the translator \"mt\" took over 60 s and was stopped"
    );
    let screen = screen_text(&app);
    assert!(!screen.contains("[drafting"), "{screen}");
}

/// `E` then `Enter` on a draft makes it the learner's, but a form left
/// open on a draft while another reader saved their own translation of the
/// sentence does not put the draft back over it.
#[test]
fn an_untouched_draft_is_made_yours_only_while_it_is_still_the_translation() {
    let library = library();
    let lib = Library::new(library.path());
    let article = lib.catalog().get("ntrex").unwrap().clone();
    let drafts: Vec<(usize, String, String)> = (0..2)
        .map(|i| (i, article.sentences[i].ar.clone(), format!("Draft {i}.")))
        .collect();
    lib.save_drafts("ntrex", &article.origin, &drafts, "mt")
        .unwrap();
    let on_disk = |i: usize| lib.catalog().get("ntrex").unwrap().sentences[i].clone();

    let mut a = open(library.path(), 0, GOOD);
    let mut b = open(library.path(), 0, GOOD);
    b.update(Action::EditSentence);
    a.update(Action::EditSentence);
    a.update(Action::ClearField);
    a.update(Msg::Paste("Mine, from reader A.".into()));
    a.update(Action::Submit);
    b.update(Action::Submit);
    assert_eq!(on_disk(0).en, "Mine, from reader A.");
    assert_eq!(on_disk(0).en_source, None);

    // Sentence 2's draft, untouched and still there: made B's own.
    b.update(Action::NextSentence);
    assert_eq!(b.current().en_source.as_deref(), Some("machine"));
    b.update(Action::EditSentence);
    b.update(Action::Submit);
    assert_eq!(on_disk(1).en, "Draft 1.");
    assert_eq!(on_disk(1).en_source, None, "the draft is the learner's now");
}

/// What the end of a draft says counts the sentences another reader (or
/// the learner) translated meanwhile, which were not drafted over.
#[test]
fn the_end_of_a_draft_says_how_many_had_a_translation_by_then() {
    let mut app = App::new(ntrex_article(), 0, Options::default())
        .with_saving()
        .with_translator("mt");
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    app.update(Action::Draft);
    let answer = |saved| {
        Msg::Drafted(Box::new(Drafted {
            article_id: "ntrex".into(),
            sentences: vec![0],
            result: Ok(DraftsSaved {
                article: Box::new(ntrex_article()),
                saved,
            }),
        }))
    };
    app.update(answer(0));
    assert_eq!(
        app.message.as_ref().unwrap().to_string(),
        "Nothing drafted: 1 sentence had a translation by then"
    );
    // The whole article (D, D): the first batch had been drafted by
    // another reader (the library saves none of it), the rest is saved.
    app.update(Action::NextSentence);
    let mut effects = app.update(Action::Draft);
    effects.extend(app.update(Action::Draft));
    let batch_of = |effects: Vec<Effect>| {
        effects.into_iter().find_map(|e| match e {
            Effect::Draft(batch) => Some(batch.sentences.iter().map(|(i, _)| *i).collect()),
            _ => None,
        })
    };
    let mut batch: Option<Vec<usize>> = batch_of(effects);
    let (mut first, mut saved_in_all) = (true, 0);
    while let Some(sentences) = batch.take() {
        let saved = if first { 0 } else { sentences.len() };
        first = false;
        saved_in_all += saved;
        batch = batch_of(app.update(Msg::Drafted(Box::new(Drafted {
            article_id: "ntrex".into(),
            sentences,
            result: Ok(DraftsSaved {
                article: Box::new(ntrex_article()),
                saved,
            }),
        }))));
    }
    assert_eq!(saved_in_all, app.article.sentences.len() - 1);
    assert_eq!(
        app.message.as_ref().unwrap().to_string(),
        format!(
            "Drafted {saved_in_all} sentences with mt: machine drafts, E makes one yours; 1 other had a translation by then"
        )
    );
}
