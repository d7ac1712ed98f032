//! The library's articles from the command line: import's title, ids and
//! dates, `list`'s order and `--full`/`--all`, `rm` and `restore` (the
//! trash, a bundled article hidden), `rename`, `retitle`, and a text
//! imported twice.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use assert_cmd::cargo::cargo_bin;
use predicates::prelude::*;

const BUNDLED: &str = "deir-ez-zor-2017";
const TEXT: &str = "قال المتحدث إن القوات تقدمت. وأضاف أن المعارك مستمرة.\n";

fn qari(library: &Path) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::new(cargo_bin("qari"));
    command.env("QARI_LIBRARY", library);
    command
}

/// `qari import - ARGS` of `text`, succeeding; the new id.
fn import(library: &Path, text: &str, args: &[&str]) -> String {
    let output = qari(library)
        .args(["import", "-"])
        .args(args)
        .write_stdin(text)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let output = String::from_utf8(output).unwrap();
    let last = output.lines().last().unwrap();
    last.strip_prefix("id: ").unwrap().to_owned()
}

fn stdout(assert: assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

/// The ids `qari list ARGS` lists, in order.
fn listed(library: &Path, args: &[&str]) -> Vec<String> {
    let out = stdout(qari(library).arg("list").args(args).assert().success());
    out.lines()
        .skip(1)
        .filter_map(|line| line.split_whitespace().next().map(str::to_owned))
        .collect()
}

fn article_file(library: &Path, id: &str) -> String {
    std::fs::read_to_string(library.join(format!("articles/{id}.toml"))).unwrap()
}

#[test]
fn a_title_is_the_articles_title_never_a_sentence_and_its_id_is_ascii() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path();
    // An Arabic title: transliterated into an ASCII id.
    let id = import(library, TEXT, &["--title", "تقدم القوات في دير الزور"]);
    assert_eq!(id, "tqdm-al-qwat-fy-dyr-al-zwr");
    assert!(id.is_ascii());
    let file = article_file(library, &id);
    assert!(
        file.contains("title = \"تقدم القوات في دير الزور\""),
        "{file}"
    );
    assert!(!file.contains("heading = true"), "{file}");
    assert_eq!(file.matches("[[sentence]]").count(), 2, "{file}");
    let out = stdout(qari(library).arg("list").assert().success());
    assert!(
        out.contains(&format!(
            "{id}          2         -  تقدم القوات في دير الزور\n"
        )),
        "{out}"
    );
    // A Latin title: its words; taken, then -2 (the text differs).
    let id = import(library, "نص أول.\n", &["--title", "Army advances!"]);
    assert_eq!(id, "army-advances");
    let id = import(library, "نص ثان.\n", &["--title", "Army advances"]);
    assert_eq!(id, "army-advances-2");
    // No title: the headline, even split by "..", is the heading and
    // gives the id; never `article-DATE`.
    let text = format!("الجيش يتقدم.. وداعش يتراجع\n{TEXT}").replace("تقدمت", "تتقدم");
    let id = import(library, &text, &[]);
    assert_eq!(id, "al-jysh-ytqdm-wdash-ytraj");
    let file = article_file(library, &id);
    assert!(
        file.contains("heading = true\nar = \"الجيش يتقدم.. وداعش يتراجع\""),
        "{file}"
    );
    // A title that is no title is refused.
    qari(library)
        .args(["import", "-", "--title", " "])
        .write_stdin("نص ثالث.\n")
        .assert()
        .failure()
        .stderr("qari: --title: not a valid title: it is empty\n");
}

#[test]
fn the_import_date_is_kept_apart_from_the_publication_date() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path();
    let id = import(library, TEXT, &["--title", "Dated", "--date", "2017-08-03"]);
    let file = article_file(library, &id);
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert!(file.contains("date = \"2017-08-03\"\n"), "{file}");
    assert!(file.contains(&format!("imported = \"{today}T")), "{file}");
    let id = import(library, "نص آخر.\n", &["--title", "Undated"]);
    let file = article_file(library, &id);
    assert!(!file.contains("\ndate = "), "{file}");
    assert!(file.contains("imported = "), "{file}");
    qari(library)
        .args(["import", "-", "--date", "3 August 2017"])
        .write_stdin("نص ثالث.\n")
        .assert()
        .failure()
        .stderr("qari: --date \"3 August 2017\": expected YYYY, YYYY-MM or YYYY-MM-DD\n");
}

#[test]
fn list_puts_the_last_read_first_then_the_last_imported_and_shows_titles_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path();
    let long = "A very long title indeed, longer than any terminal's line would hold \
                without wrapping it at least once or twice, and then some more words";
    let first = import(library, "نص أول.\n", &["--title", long]);
    // Stamped to the millisecond: the next import is later.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = import(library, "نص ثان.\n", &["--title", "Second"]);
    assert_eq!(listed(library, &[]), [second.as_str(), &first, BUNDLED]);
    // Reading one puts it first.
    std::fs::write(
        library.join("state.toml"),
        format!("[position]\n{first} = 1\n\n[read]\n{first} = \"2030-01-01T00:00:00Z\"\n"),
    )
    .unwrap();
    assert_eq!(listed(library, &[]), [first.as_str(), &second, BUNDLED]);
    // In a pipe no title is cut; --full (or --wide) is accepted there too.
    for args in [&[][..], &["--full"], &["--wide"]] {
        let out = stdout(qari(library).arg("list").args(args).assert().success());
        assert!(out.contains(long), "{out}");
    }
}

#[test]
fn rm_moves_an_article_to_the_trash_and_restore_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path();
    let id = import(library, TEXT, &["--title", "Army advances"]);
    let overlays = library.join("overlays");
    std::fs::create_dir_all(&overlays).unwrap();
    std::fs::write(overlays.join(format!("{id}.toml")), "").unwrap();
    qari(library)
        .args(["rm", &id])
        .assert()
        .success()
        .stdout(format!(
            "moved {id} with your translations of it to the trash ({}); `qari restore {id}` brings it back\n",
            library.join("trash/articles/army-advances.toml").display()
        ));
    assert!(library.join("trash/overlays/army-advances.toml").exists());
    assert_eq!(listed(library, &[]), [BUNDLED]);
    let all = stdout(qari(library).args(["list", "--all"]).assert().success());
    assert!(all.contains("(in the trash) Army advances"), "{all}");
    // The text is known in the trash; its id is not reused.
    qari(library)
        .args(["import", "-"])
        .write_stdin(TEXT)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "the library has this text already, as army-advances (in the trash: `qari restore` brings it back); nothing imported (--force imports it again)",
        ));
    qari(library)
        .args(["restore", &id])
        .assert()
        .success()
        .stdout(format!(
            "restored {id} with your translations of it ({})\n",
            library.join("articles/army-advances.toml").display()
        ));
    assert!(overlays.join("army-advances.toml").exists());
    assert_eq!(listed(library, &[]), [id.as_str(), BUNDLED]);
    qari(library)
        .args(["restore", &id])
        .assert()
        .failure()
        .stderr(predicate::str::starts_with(
            "qari: nothing to restore for \"army-advances\": it is neither in the trash (",
        ));
    qari(library)
        .args(["rm", "no-such"])
        .assert()
        .failure()
        .stderr("qari: no article \"no-such\" in the library: `qari list` shows the ids\n");
}

#[test]
fn a_bundled_article_is_hidden_from_list_and_shown_again() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path();
    qari(library)
        .args(["rm", BUNDLED])
        .assert()
        .success()
        .stdout(format!(
            "{BUNDLED} is bundled with qari and cannot be removed: hidden from `qari list`; `qari restore {BUNDLED}` shows it again\n"
        ));
    assert!(listed(library, &[]).is_empty());
    let all = stdout(qari(library).args(["list", "--all"]).assert().success());
    assert!(all.contains("  (hidden) الجيش السوري"), "{all}");
    qari(library)
        .args(["restore", BUNDLED])
        .assert()
        .success()
        .stdout(format!("{BUNDLED} is listed again\n"));
    assert_eq!(listed(library, &[]), [BUNDLED]);
}

#[test]
fn rename_moves_the_overlay_the_state_and_the_glossary_and_refuses_clashes() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path();
    let id = import(library, TEXT, &["--title", "Army advances"]);
    let other = import(library, "نص آخر.\n", &["--title", "Other"]);
    std::fs::create_dir_all(library.join("overlays")).unwrap();
    std::fs::write(library.join(format!("overlays/{id}.toml")), "").unwrap();
    std::fs::write(
        library.join("state.toml"),
        format!("last_article = \"{id}\"\n\n[position]\n{id} = 2\n"),
    )
    .unwrap();
    std::fs::create_dir_all(library.join("glossary")).unwrap();
    std::fs::write(
        library.join("glossary/user.toml"),
        format!(
            "[[entry]]\nheadword = \"تقدم\"\nsenses = [\"to advance\"]\n\n[entry.context]\narticle = \"{id}\"\nsentence = 1\n"
        ),
    )
    .unwrap();
    for (new, error) in [
        (
            other.as_str(),
            "qari: the id \"other\" is taken (an article of the library); nothing was changed\n",
        ),
        (
            BUNDLED,
            "qari: the id \"deir-ez-zor-2017\" is taken (a bundled article); nothing was changed\n",
        ),
        (
            "Army",
            "qari: \"Army\" is not a valid id: \"A\" is not a lowercase ASCII letter, a digit, - or _\n",
        ),
        (
            "../x",
            "qari: \"../x\" is not a valid id: \".\" is not a lowercase ASCII letter, a digit, - or _\n",
        ),
    ] {
        qari(library)
            .args(["rename", &id, new])
            .assert()
            .failure()
            .stderr(error);
    }
    qari(library)
        .args(["rename", &id, "advance"])
        .assert()
        .success()
        .stdout(format!(
            "renamed {id} to advance with your translations of it ({})\n1 glossary entry met in it now names advance\nid: advance\n",
            library.join("articles/advance.toml").display()
        ));
    assert!(!library.join(format!("articles/{id}.toml")).exists());
    assert!(library.join("overlays/advance.toml").exists());
    let state = std::fs::read_to_string(library.join("state.toml")).unwrap();
    assert!(state.contains("last_article = \"advance\""), "{state}");
    assert!(state.contains("advance = 2"), "{state}");
    assert!(!state.contains(&id), "{state}");
    let glossary = std::fs::read_to_string(library.join("glossary/user.toml")).unwrap();
    assert!(glossary.contains("article = \"advance\""), "{glossary}");
    qari(library)
        .args(["rename", BUNDLED, "syria"])
        .assert()
        .failure()
        .stderr("qari: \"deir-ez-zor-2017\" is bundled with qari: it cannot be renamed\n");
}

#[test]
fn retitle_sets_the_title_that_list_shows() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path();
    let id = import(library, TEXT, &["--title", "Army advances"]);
    qari(library)
        .args(["retitle", &id, "القوات تتقدم"])
        .assert()
        .success()
        .stdout(format!("retitled {id}: \"القوات تتقدم\"\n"));
    let out = stdout(qari(library).arg("list").assert().success());
    assert!(out.contains("  القوات تتقدم\n"), "{out}");
    assert!(article_file(library, &id).contains("title = \"القوات تتقدم\""));
    qari(library)
        .args(["retitle", BUNDLED, "x"])
        .assert()
        .failure()
        .stderr("qari: \"deir-ez-zor-2017\" is bundled with qari: it cannot be retitled\n");
}

#[test]
fn the_same_text_twice_is_refused_naming_the_article_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path();
    let id = import(library, TEXT, &["--title", "Army advances"]);
    qari(library)
        .args(["import", "-", "--title", "Another title"])
        .write_stdin(format!("عنوان آخر\n\n{TEXT}"))
        .assert()
        .failure()
        .stdout("")
        .stderr(format!(
            "qari: -: the library has this text already, as {id}; nothing imported (--force imports it again)\n"
        ));
    assert_eq!(listed(library, &[]), [id.as_str(), BUNDLED]);
    qari(library)
        .args(["import", "-", "--force"])
        .write_stdin(TEXT)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "the library has this text already, as {id}; imported again as "
        )));
    assert_eq!(listed(library, &[]).len(), 3);
}

/// `qari translation ID FILE`: aligned, saved in the article's overlay,
/// what the sentences had kept unless `--replace`; a byline said and left
/// out; an article that is not there refused in one line.
#[test]
fn a_translation_is_aligned_into_the_overlay_and_kept_translations_stay() {
    let library = tempfile::tempdir().unwrap();
    let text = "الجيش يتقدم في دير الزور\n\nقال المتحدث إن القوات تقدمت 3.5 كلم. وأضاف أن المعارك مستمرة.\nوفي سياق آخر، أعلنت الوزارة عن اتفاق.\n";
    let id = import(library.path(), text, &[]);
    // No headline in this one: its slot stays empty.
    let first = "The spokesman said the forces advanced 3.5 km. He added that the fighting goes on.\nElsewhere, the ministry announced an agreement.\n";
    let said = stdout(
        qari(library.path())
            .args(["translation", &id, "-"])
            .write_stdin(first)
            .assert()
            .success(),
    );
    assert!(
        said.starts_with("translation: 3 of 4 sentences have their English; paragraphs: 2 aligned, 1 left empty (sentences 1)\n"),
        "{said}"
    );
    let overlay = library.path().join(format!("overlays/{id}.toml"));
    assert!(
        said.contains(&format!("saved 3 translations in {}", overlay.display())),
        "{said}"
    );
    let written = std::fs::read_to_string(&overlay).unwrap();
    assert!(
        written.contains("en = \"He added that the fighting goes on.\""),
        "{written}"
    );

    // A second, whole translation with a byline: only the empty slot is
    // filled; the others keep theirs.
    let second = "The army is advancing in Deir ez-Zor\nThe spokesman said the forces moved 3.5 km. He added that fighting continues.\nElsewhere, the ministry announced a deal. (Reuters)\n";
    let said = stdout(
        qari(library.path())
            .args(["translation", &id, "-"])
            .write_stdin(second)
            .assert()
            .success(),
    );
    assert!(
        said.contains("matched no Arabic sentence: \"(Reuters)\""),
        "{said}"
    );
    assert!(said.contains("saved 1 translation in"), "{said}");
    assert!(
        said.contains("3 sentences kept the translation they had (--replace replaces it)"),
        "{said}"
    );
    let written = std::fs::read_to_string(&overlay).unwrap();
    assert!(
        written.contains("He added that the fighting goes on."),
        "{written}"
    );
    assert!(
        written.contains("en = \"The army is advancing in Deir ez-Zor\""),
        "{written}"
    );
    assert!(
        written.contains("Elsewhere, the ministry announced an agreement."),
        "{written}"
    );
    assert!(!written.contains("Reuters"), "{written}");

    qari(library.path())
        .args(["translation", &id, "-", "--replace"])
        .write_stdin(second)
        .assert()
        .success()
        .stdout(predicate::str::contains("saved 4 translations in"));
    let written = std::fs::read_to_string(&overlay).unwrap();
    assert!(
        written.contains("He added that fighting continues."),
        "{written}"
    );

    qari(library.path())
        .args(["translation", "no-such-article", "-"])
        .write_stdin(first)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "there is no article \"no-such-article\"",
        ));
}
