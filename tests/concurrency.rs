//! Writers at once never lose each other's work: two readers saving
//! translations into one article, imports run together. (The glossary's
//! own concurrency tests are in `glossary_persistence.rs`, the readers'
//! positions in `pty.rs`.)
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::{Arc, Barrier};

use qari::app::{Action, App, Options};
use qari::article::load_article;

use common::bundled_article;

/// A reader on the bundled article at `sentence`, saving into `articles`.
fn reader(articles: &std::path::Path, sentence: usize) -> App {
    let mut app = App::new(bundled_article(), sentence, Options::default())
        .with_articles_dir(articles.to_path_buf());
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    app
}

#[test]
fn two_translation_saves_at_once_keep_both() {
    for round in 0..20 {
        let library = tempfile::tempdir().unwrap();
        let articles = library.path().join("articles");
        let barrier = Arc::new(Barrier::new(2));
        let threads: Vec<_> = [(2, "ALPHA"), (5, "BRAVO")]
            .into_iter()
            .map(|(sentence, mark)| {
                let (articles, barrier) = (articles.clone(), Arc::clone(&barrier));
                std::thread::spawn(move || {
                    let mut app = reader(&articles, sentence);
                    app.update(Action::EditSentence);
                    for c in format!(" {mark}").chars() {
                        app.update(Action::Input(c));
                    }
                    barrier.wait();
                    app.update(Action::Submit);
                    let message = app.message.clone().unwrap_or_default();
                    assert!(message.starts_with("Saved"), "{message}");
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        let saved = load_article(&articles.join("deir-ez-zor-2017.toml")).unwrap();
        assert!(
            saved.sentences[2].en.ends_with(" ALPHA") && saved.sentences[5].en.ends_with(" BRAVO"),
            "round {round}: {:?} / {:?}",
            saved.sentences[2].en,
            saved.sentences[5].en
        );
    }
}

#[test]
fn imports_run_at_once_each_get_their_own_article() {
    let library = tempfile::tempdir().unwrap();
    let text = "الجيش يتقدم في دير الزور\nقال المتحدث إن القوات تقدمت.\n";
    let children: Vec<_> = (0..8)
        .map(|i| {
            let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_qari"));
            command.env("QARI_LIBRARY", library.path());
            command.stdin(std::process::Stdio::piped());
            command.stdout(std::process::Stdio::piped());
            // Half with one title, half without (a date id): both kinds clash.
            if i % 2 == 0 {
                command.args(["import", "-", "--title", "Army advances"]);
            } else {
                command.args(["import", "-"]);
            }
            let mut child = command.spawn().unwrap();
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
            child
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{output:?}");
    }
    let files = std::fs::read_dir(library.path().join("articles"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "toml")
        })
        .count();
    assert_eq!(files, 8);
}

#[test]
fn a_translation_saved_keeps_the_comments_of_a_hand_written_file() {
    let library = tempfile::tempdir().unwrap();
    let articles = library.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    let path = articles.join("mine.toml");
    std::fs::write(
        &path,
        "# typed by hand: keep this\n[[sentence]]\nar = \"خبر أول.\"\n\n[[sentence]]\nar = \"خبر ثان.\"  # check this word\n",
    )
    .unwrap();
    let article = load_article(&path).unwrap();
    let mut app = App::new(article, 1, Options::default()).with_articles_dir(articles.clone());
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    app.update(Action::EditSentence);
    for c in "Second news.".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Submit);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# typed by hand: keep this\n"), "{text}");
    assert!(
        text.contains("ar = \"خبر ثان.\"  # check this word"),
        "{text}"
    );
    assert_eq!(load_article(&path).unwrap().sentences[1].en, "Second news.");
}
