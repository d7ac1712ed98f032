//! The reader follows what other programs change while it is open: a
//! translation given with `qari translation`, drafts from `qari translate`,
//! an entry added with `qari glossary add` are on screen without a key.

use super::{Session, run_qari};

#[test]
fn a_translation_and_an_entry_added_from_outside_show_without_a_key() {
    let library = tempfile::tempdir().unwrap();
    let ntrex = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ntrex");
    let imported = run_qari(
        library.path(),
        &["import", &format!("{ntrex}/ar/scotsman.133744.ar.txt")],
    );
    let id = imported.lines().last().unwrap().trim_start_matches("id: ");
    let mut session = Session::start(library.path(), 120, 40, &[id]);
    session.wait_for("sentence 1/30");
    session.keys("T"); // translations always shown
    session.wait_for("(no translation yet");

    // The English given from the command line, aligned and saved there.
    run_qari(
        library.path(),
        &[
            "translation",
            id,
            &format!("{ntrex}/en/scotsman.133744.en.txt"),
        ],
    );
    session.wait_for("John Edward: Languages skills essential for global citizens");
    assert!(!session.contents().contains("(no translation yet"));

    // An entry for a word of this sentence, added by another qari.
    let headword = "المهارات";
    assert!(
        session.contents().contains("ﺕﺍﺭﺎﻬﻤﻟﺍ"),
        "{}",
        session.contents()
    );
    run_qari(
        library.path(),
        &["glossary", "add", headword, "--gloss", "watched-gloss"],
    );
    session.wait_for("watched-gloss");

    session.keys("q");
    assert!(session.wait_for_exit());
    // Nothing the reader held was written back over them.
    let shown = run_qari(library.path(), &["show", id, "--json"]);
    assert!(shown.contains("John Edward: Languages skills"), "{shown}");
    let glossary = std::fs::read_to_string(library.path().join("glossary/user.toml")).unwrap();
    assert!(glossary.contains("watched-gloss"), "{glossary}");
}
