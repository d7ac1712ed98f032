//! `qari translate ARTICLE` with stand-in translators (shell one-liners:
//! no real translator can be installed here): a good one fills every empty
//! slot with machine drafts and leaves existing translations alone; one
//! that fails, hangs or floods leaves the article untouched and fails; an
//! interrupted run (kill -9) keeps the batches it finished in a valid file.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;
use predicates::prelude::*;

/// Prefixes each line with "EN:".
const GOOD: &str = "while IFS= read -r line; do echo \"EN: $line\"; done";

fn qari(library: &Path) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::new(cargo_bin("qari"));
    command
        .env("QARI_LIBRARY", library)
        .env("QARI_CONFIG", library.join("config.toml"))
        .env_remove("QARI_TRANSLATOR");
    command
}

/// A library with an NTREX article (30 lines) imported, and a
/// configuration file with `config`; the article's id.
fn library_with_article(library: &Path, config: &str) -> String {
    std::fs::write(library.join("config.toml"), config).unwrap();
    let text = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/ntrex/ar/scotsman.133744.ar.txt"
    );
    let output = qari(library).args(["import", text]).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    stdout
        .lines()
        .last()
        .unwrap()
        .strip_prefix("id: ")
        .unwrap()
        .to_owned()
}

/// `qari translate ID` with `translator`, started in the background.
fn spawn_translate(library: &Path, id: &str, translator: &str) -> std::process::Child {
    std::process::Command::new(cargo_bin("qari"))
        .args(["translate", id])
        .env("QARI_LIBRARY", library)
        .env("QARI_CONFIG", library.join("config.toml"))
        .env("QARI_TRANSLATOR", translator)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Waits (20 s at most) until `file` is there.
fn wait_for(file: &Path) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !file.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `qari show --json`: (en, en_source) of every sentence.
fn shown(library: &Path, id: &str) -> Vec<(String, Option<String>)> {
    let output = qari(library).args(["show", "--json", id]).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            (
                value["en"].as_str().unwrap().to_owned(),
                value["en_source"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

#[test]
fn a_good_translator_drafts_every_empty_slot_and_leaves_translations_alone() {
    let library = tempfile::tempdir().unwrap();
    let id = library_with_article(library.path(), "");
    // One translation there already (the learner's, through `translation`).
    qari(library.path())
        .args(["translation", &id, "-"])
        .write_stdin("Mine.\n")
        .assert()
        .success();
    let before = shown(library.path(), &id);
    let mine = before.iter().position(|(en, _)| en == "Mine.").unwrap();
    // No translator: one line, pointing to the setting.
    qari(library.path())
        .args(["translate", &id])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no translator: set QARI_TRANSLATOR",
        ));
    // An id that is not there is said first, translator or not.
    qari(library.path())
        .args(["translate", "no-such-article"])
        .assert()
        .failure()
        .stderr("qari: no article \"no-such-article\": `qari list` shows the ids\n");
    qari(library.path())
        .args(["translate", &id])
        .env("QARI_TRANSLATOR", GOOD)
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "drafted {} sentences of {id} with while, saved as machine drafts",
            before.len() - 1
        )));
    let after = shown(library.path(), &id);
    for (index, ((en, source), (was, _))) in after.iter().zip(&before).enumerate() {
        if index == mine {
            assert_eq!((en.as_str(), source.as_deref()), ("Mine.", None));
        } else {
            assert!(was.is_empty());
            assert!(en.starts_with("EN: "), "{en}");
            assert_eq!(source.as_deref(), Some("machine"));
        }
    }
    // The article's file is not touched: drafts go in the overlay.
    let overlay =
        std::fs::read_to_string(library.path().join(format!("overlays/{id}.toml"))).unwrap();
    assert!(
        overlay.contains("en_source = \"machine\"\nen_translator = \"while\""),
        "{overlay}"
    );
}

#[test]
fn a_failing_hanging_or_flooding_translator_leaves_the_article_untouched() {
    let library = tempfile::tempdir().unwrap();
    let id = library_with_article(library.path(), "translator_timeout = 1\n");
    let overlay = library.path().join(format!("overlays/{id}.toml"));
    for (command, said) in [
        (
            "echo 'model missing' >&2; exit 2",
            "exited with status 2: model missing",
        ),
        ("sleep 20", "took over 1 s and was stopped"),
        ("yes flood", "printed over 1048576 bytes"),
        // Control characters only: nothing left of the output.
        ("printf '\\033\\007\\n'", "printed nothing"),
    ] {
        let started = Instant::now();
        qari(library.path())
            .args(["translate", &id])
            .env("QARI_TRANSLATOR", command)
            .assert()
            .failure()
            .stderr(predicate::str::contains(said))
            .stderr(predicate::str::contains("nothing was saved for that batch"));
        assert!(started.elapsed() < Duration::from_secs(10), "{command}");
        assert!(!overlay.exists(), "{command}");
    }
    // The wrong number of lines: each sentence is then run on its own.
    qari(library.path())
        .args(["translate", &id])
        .env("QARI_TRANSLATOR", "tr '\\n' ' '; echo")
        .assert()
        .success();
    assert!(
        shown(library.path(), &id)
            .iter()
            .all(|(en, _)| !en.is_empty())
    );
}

/// Killed with SIGKILL after its first batch was saved: the drafts of that
/// batch are in a file that reads, and a second run drafts the rest.
#[test]
fn an_interrupted_run_keeps_the_batches_it_finished() {
    let library = tempfile::tempdir().unwrap();
    let id = library_with_article(library.path(), "");
    let overlay = library.path().join(format!("overlays/{id}.toml"));
    let marker = library.path().join("second-batch");
    // The second batch waits long enough to be killed in the middle.
    let slow = format!(
        "if [ -e {0} ]; then sleep 5; fi; touch {0}; {GOOD}",
        marker.display()
    );
    let mut child = spawn_translate(library.path(), &id, &slow);
    wait_for(&overlay);
    std::thread::sleep(Duration::from_millis(200));
    child.kill().unwrap();
    child.wait().unwrap();
    let drafted = shown(library.path(), &id)
        .iter()
        .filter(|(_, source)| source.is_some())
        .count();
    assert_eq!(drafted, qari::cli::translate::BATCH);
    qari(library.path())
        .args(["translate", &id])
        .env("QARI_TRANSLATOR", GOOD)
        .assert()
        .success();
    assert!(
        shown(library.path(), &id)
            .iter()
            .all(|(en, _)| !en.is_empty())
    );
}

/// The reader saving a translation into the same article while a run
/// drafts it: both kept, the learner's never drafted over.
#[test]
fn drafting_while_the_learner_edits_the_same_article_loses_nothing() {
    use qari::article::{Library, Origin, SentenceEdit};
    let library = tempfile::tempdir().unwrap();
    let id = library_with_article(library.path(), "");
    let overlay = library.path().join(format!("overlays/{id}.toml"));
    // Each batch takes a while.
    let slow = format!("sleep 1; {GOOD}");
    let mut child = spawn_translate(library.path(), &id, &slow);
    // While the first batch is being translated: the learner's own
    // translation of a sentence of the second batch.
    let books = Library::new(library.path());
    let article = books.catalog().get(&id).cloned().unwrap();
    let late = qari::cli::translate::BATCH + 2;
    let sentence = &article.sentences[late];
    books
        .save_sentence_edit(
            &id,
            &Origin::File(library.path().join(format!("articles/{id}.toml"))),
            late,
            &sentence.ar,
            SentenceEdit::new("Mine, typed while drafting.", vec![]),
        )
        .unwrap();
    // Once the first batch is in, the learner takes a draft as theirs.
    wait_for(&overlay);
    let first = &article.sentences[1];
    books
        .save_sentence_edit(
            &id,
            &Origin::File(library.path().join(format!("articles/{id}.toml"))),
            1,
            &first.ar,
            SentenceEdit::new("My own, after the draft.", vec![]),
        )
        .unwrap();
    assert!(child.wait().unwrap().success());
    let after = shown(library.path(), &id);
    assert_eq!(
        after[late],
        ("Mine, typed while drafting.".to_owned(), None)
    );
    assert_eq!(after[1], ("My own, after the draft.".to_owned(), None));
    let drafts = after.iter().filter(|(_, source)| source.is_some()).count();
    assert_eq!(drafts, after.len() - 2, "{after:?}");
}
