//! Writers at once never lose each other's work: two readers saving
//! translations into one article's overlay, two readers migrating the same
//! copy of a bundled article, imports run together. (The glossary's
//! own concurrency tests are in `glossary_persistence.rs`, the readers'
//! positions in `pty.rs`.)
#![allow(clippy::unwrap_used)]

use crate::common;

use std::sync::{Arc, Barrier};

use qari::app::{Action, App, Options};
use qari::article::{Library, OverlayNotice, load_article};
use qari::runtime::{Executor, Inline};

use common::bundled_article;

/// A reader on the bundled article at `sentence`, saving into `library`.
fn reader(library: &std::path::Path, sentence: usize) -> Inline {
    let app = App::new(bundled_article(), sentence, Options::default()).with_saving();
    let mut app = Inline::new(app, Executor::new(Some(Library::new(library))));
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
                let (root, barrier) = (library.path().to_owned(), Arc::clone(&barrier));
                std::thread::spawn(move || {
                    let mut app = reader(&root, sentence);
                    app.update(Action::EditSentence);
                    for c in format!(" {mark}").chars() {
                        app.update(Action::Input(c));
                    }
                    barrier.wait();
                    app.update(Action::Submit);
                    let message = app
                        .message
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    assert!(message.starts_with("Saved"), "{message}");
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        assert!(!articles.join("deir-ez-zor-2017.toml").exists());
        let catalog = Library::new(library.path()).catalog();
        assert!(catalog.notices.is_empty(), "{:?}", catalog.notices);
        let saved = catalog.get("deir-ez-zor-2017").unwrap();
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
            // Half with one title, half without (an id from the headline):
            // both kinds clash. The same text each time: --force.
            if i % 2 == 0 {
                command.args(["import", "-", "--force", "--title", "Army advances"]);
            } else {
                command.args(["import", "-", "--force"]);
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
fn a_translation_saved_leaves_a_hand_written_file_byte_for_byte() {
    let library = tempfile::tempdir().unwrap();
    let articles = library.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    let path = articles.join("mine.toml");
    let hand = "# typed by hand: keep this\n[[sentence]]\nar = \"خبر أول.\"\n\n[[sentence]]\nar = \"خبر ثان.\"  # check this word\n";
    std::fs::write(&path, hand).unwrap();
    let article = load_article(&path).unwrap();
    let app = App::new(article, 1, Options::default()).with_saving();
    let mut app = Inline::new(app, Executor::new(Some(Library::new(library.path()))));
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    app.update(Action::EditSentence);
    for c in "Second news.".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Submit);
    assert_eq!(app.article.sentences[1].en, "Second news.");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), hand);
    assert!(library.path().join("overlays/mine.toml").exists());
    let catalog = Library::new(library.path()).catalog();
    assert_eq!(catalog.get("mine").unwrap().sentences[1].en, "Second news.");
}

/// A library holding a whole copy of the bundled article, as `E` wrote it
/// before overlays: sentence 3's translation changed.
fn library_with_a_copy() -> tempfile::TempDir {
    let library = tempfile::tempdir().unwrap();
    let mut copy = common::bundled_article();
    copy.sentences[2].en = "MY OWN".into();
    let articles = library.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(
        articles.join("deir-ez-zor-2017.toml"),
        qari::article::article_to_toml(&copy),
    )
    .unwrap();
    library
}

#[test]
fn two_readers_migrating_one_copy_at_once_migrate_it_once() {
    for round in 0..10 {
        let library = library_with_a_copy();
        let barrier = Arc::new(Barrier::new(2));
        let threads: Vec<_> = (0..2)
            .map(|_| {
                let (root, barrier) = (library.path().to_path_buf(), Arc::clone(&barrier));
                std::thread::spawn(move || {
                    barrier.wait();
                    let catalog = Library::new(root).catalog();
                    let article = catalog.get("deir-ez-zor-2017").unwrap().clone();
                    let migrated = catalog
                        .notices
                        .iter()
                        .filter(|n| matches!(n, OverlayNotice::Migrated { .. }))
                        .count();
                    (article, migrated, catalog.notices.len())
                })
            })
            .collect();
        let mut migrations = 0;
        for thread in threads {
            let (article, migrated, notices) = thread.join().unwrap();
            assert_eq!(
                article.origin,
                qari::article::Origin::Bundled,
                "round {round}"
            );
            assert_eq!(article.sentences[2].en, "MY OWN", "round {round}");
            assert_eq!(notices, migrated, "round {round}");
            migrations += migrated;
        }
        assert_eq!(migrations, 1, "round {round}");
        let moved: Vec<_> = std::fs::read_dir(library.path().join("articles/migrated"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(moved, ["deir-ez-zor-2017.toml"], "round {round}");
    }
}

/// One command of the randomised test, and whether it exited 0.
#[derive(Debug, Clone)]
enum Op {
    Add {
        word: usize,
        gloss: String,
    },
    AddWithNote {
        word: usize,
        gloss: String,
        note: String,
    },
    Remove {
        word: usize,
    },
    Import {
        rows: Vec<(usize, String)>,
    },
}

const WORDS: [&str; 4] = ["نفير", "سيطر", "حليف", "معركة"];

/// A small deterministic generator (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn run_op(library: &std::path::Path, op: &Op, scratch: &std::path::Path) -> bool {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_qari"));
    command.env("QARI_LIBRARY", library);
    match op {
        Op::Add { word, gloss } => {
            command.args(["glossary", "add", WORDS[*word], "--gloss", gloss])
        }
        Op::AddWithNote { word, gloss, note } => command.args([
            "glossary",
            "add",
            WORDS[*word],
            "--gloss",
            gloss,
            "--note",
            note,
        ]),
        Op::Remove { word } => command.args(["glossary", "rm", WORDS[*word]]),
        Op::Import { rows } => {
            let mut csv = String::from("headword,senses\n");
            for (word, gloss) in rows {
                csv.push_str(&format!("{},{gloss}\n", WORDS[*word]));
            }
            std::fs::write(scratch, csv).unwrap();
            command.args(["glossary", "import"]).arg(scratch)
        }
    };
    command.output().unwrap().status.success()
}

/// The effect of one acknowledged command on one word's entry (gloss,
/// note), or none when the command is impossible from that state.
fn apply(state: Word, op: &Op, word: usize) -> Option<Word> {
    let note = |s: &Word| s.as_ref().map_or(String::new(), |(_, n)| n.clone());
    match op {
        Op::Add { gloss, .. } => Some(Some((gloss.clone(), note(&state)))),
        Op::AddWithNote { gloss, note, .. } => Some(Some((gloss.clone(), note.clone()))),
        // An acknowledged removal found the entry.
        Op::Remove { .. } => state.is_some().then_some(None),
        Op::Import { rows } => {
            let gloss = rows
                .iter()
                .rev()
                .find(|(w, _)| *w == word)
                .map(|(_, g)| g.clone());
            gloss.map(|gloss| Some((gloss, note(&state))))
        }
    }
}

/// A word's entry: its gloss and note, or none.
type Word = Option<(String, String)>;

/// Whether some interleaving of `a` and `b` (each in its own order) takes
/// the word from no entry to `last`. Positions found to lead nowhere are
/// remembered, so a state no order reaches is told in polynomial time.
fn reachable(a: &[Op], b: &[Op], word: usize, last: &Word) -> bool {
    fn search(
        (a, b): (&[Op], &[Op]),
        (i, j): (usize, usize),
        state: Word,
        word: usize,
        last: &Word,
        dead: &mut std::collections::HashSet<(usize, usize, Word)>,
    ) -> bool {
        if i == a.len() && j == b.len() {
            return &state == last;
        }
        if dead.contains(&(i, j, state.clone())) {
            return false;
        }
        let found = a
            .get(i)
            .and_then(|op| apply(state.clone(), op, word))
            .is_some_and(|next| search((a, b), (i + 1, j), next, word, last, dead))
            || b.get(j)
                .and_then(|op| apply(state.clone(), op, word))
                .is_some_and(|next| search((a, b), (i, j + 1), next, word, last, dead));
        if !found {
            dead.insert((i, j, state));
        }
        found
    }
    search(
        (a, b),
        (0, 0),
        None,
        word,
        last,
        &mut std::collections::HashSet::new(),
    )
}

fn touches(op: &Op, word: usize) -> bool {
    match op {
        Op::Add { word: w, .. } | Op::AddWithNote { word: w, .. } | Op::Remove { word: w } => {
            *w == word
        }
        Op::Import { rows } => rows.iter().any(|(w, _)| *w == word),
    }
}

#[test]
fn two_processes_of_200_random_commands_end_in_a_serial_state() {
    let library = tempfile::tempdir().unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let actors: Vec<_> = ["A", "B"]
        .into_iter()
        .enumerate()
        .map(|(seed, name)| {
            let library = library.path().to_path_buf();
            let csv = scratch.path().join(format!("{name}.csv"));
            std::thread::spawn(move || {
                let mut random = Lcg(seed as u64 + 7);
                let mut acknowledged = Vec::new();
                for i in 0..200 {
                    let word = random.below(4) as usize;
                    let gloss = format!("{name}{i}");
                    let op = match random.below(10) {
                        0..=3 => Op::Add { word, gloss },
                        4..=5 => Op::AddWithNote {
                            word,
                            gloss,
                            note: format!("note {name}{i}"),
                        },
                        6..=7 => Op::Remove { word },
                        _ => Op::Import {
                            rows: vec![
                                (word, gloss.clone()),
                                (random.below(4) as usize, format!("{gloss}b")),
                            ],
                        },
                    };
                    if run_op(&library, &op, &csv) {
                        acknowledged.push(op);
                    }
                }
                acknowledged
            })
        })
        .collect();
    let mut logs: Vec<Vec<Op>> = actors.into_iter().map(|a| a.join().unwrap()).collect();
    let (b, a) = (logs.pop().unwrap(), logs.pop().unwrap());
    assert!(a.len() > 100 && b.len() > 100, "{} {}", a.len(), b.len());
    let entries = qari::glossary::UserGlossary::new(library.path().join("glossary"))
        .read()
        .expect("the file parses");
    for (word, headword) in WORDS.iter().enumerate() {
        let last = entries
            .iter()
            .find(|e| e.headword == *headword)
            .map(|e| (e.gloss().to_owned(), e.notes.clone()));
        let mine: Vec<Op> = a.iter().filter(|op| touches(op, word)).cloned().collect();
        let theirs: Vec<Op> = b.iter().filter(|op| touches(op, word)).cloned().collect();
        assert!(
            reachable(&mine, &theirs, word, &last),
            "{headword}: {last:?} is reached by no serial order of the {} and {} acknowledged commands",
            mine.len(),
            theirs.len()
        );
    }
}

/// A sentence form left open in one reader while another saves the same
/// sentence: what the first did not change is not written back over the
/// second's (a lost update). A field the learner did change is theirs.
#[test]
fn a_form_left_open_never_writes_back_what_another_reader_saved_meanwhile() {
    let library = tempfile::tempdir().unwrap();
    let mut a = reader(library.path(), 4);
    let mut b = reader(library.path(), 4);
    let bundled = a.current().clone();
    // B opens the form (the bundled translation and notes in it)…
    b.update(Action::EditSentence);
    // …A saves its own translation of the same sentence meanwhile…
    a.update(Action::EditSentence);
    a.update(Action::ClearField);
    a.update(qari::app::Msg::Paste("Written in reader A.".into()));
    a.update(Action::Submit);
    assert_eq!(a.current().en, "Written in reader A.");
    // …and B saves its form untouched: A's translation stays.
    b.update(Action::Submit);
    assert!(b.overlay.is_none(), "the form closed");
    let on_disk = || {
        Library::new(library.path())
            .catalog()
            .get("deir-ez-zor-2017")
            .unwrap()
            .sentences[4]
            .clone()
    };
    assert_eq!(on_disk().en, "Written in reader A.");
    assert_eq!(on_disk().notes, bundled.notes);
    assert_eq!(b.current().en, "Written in reader A.", "B shows it now");

    // B changes only the notes: A's translation still stays.
    b.update(Action::EditSentence);
    b.update(Action::NextField);
    b.update(Action::ClearField);
    b.update(qari::app::Msg::Paste("B's note".into()));
    b.update(Action::Submit);
    assert_eq!(on_disk().en, "Written in reader A.");
    assert_eq!(on_disk().notes, ["B's note"]);

    // A field B did change is B's, whatever was saved meanwhile.
    b.update(Action::EditSentence);
    a.update(Action::EditSentence);
    a.update(Action::ClearField);
    a.update(qari::app::Msg::Paste("A again.".into()));
    a.update(Action::Submit);
    b.update(Action::ClearField);
    b.update(qari::app::Msg::Paste("B's own.".into()));
    b.update(Action::Submit);
    assert_eq!(on_disk().en, "B's own.");
}
