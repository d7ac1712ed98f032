//! `qari render` from the outside: output, errors, streaming.
#![allow(clippy::unwrap_used)] // a test that cannot read its fixture should panic

use crate::common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;
use predicates::prelude::*;
use qari::text::{mirror, text_width, unshape};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fribidi/");

/// `qari`, its dictionary caches in the target folder, never in the
/// home of whoever runs the tests.
fn qari() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::new(cargo_bin("qari"));
    command.env(
        "XDG_CACHE_HOME",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
    );
    command
}

fn render(args: &[&str], input: &str) -> String {
    let output = qari()
        .arg("render")
        .args(args)
        .arg("-")
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(output).unwrap()
}

#[test]
fn unwrapped_render_equals_fribidi_for_every_fixture_paragraph() {
    for name in ["seed", "news"] {
        let input = std::fs::read_to_string(format!("{FIXTURES}{name}.txt")).unwrap();
        let fribidi = std::fs::read_to_string(format!("{FIXTURES}{name}.fribidi")).unwrap();
        let output = render(&["--dir", "rtl", "--width", "100000"], &input);
        // One paragraph per line, separated by one empty line.
        let ours: Vec<&str> = output.split("\n\n").map(str::trim_end).collect();
        let theirs: Vec<&str> = fribidi.lines().collect();
        assert_eq!(ours.len(), theirs.len(), "{name}: paragraph count");
        let mut differing = 0;
        for (a, b) in ours.iter().zip(&theirs) {
            if common::normalise(a) != common::normalise(b) {
                differing += 1;
            }
        }
        // The two emoji ZWJ sequences FriBidi breaks (see fribidi_fixtures.rs).
        let expected = if name == "news" { 2 } else { 0 };
        assert_eq!(
            differing, expected,
            "{name}: paragraphs differing from FriBidi"
        );
    }
}

/// Characters of a text, counted: whitespace and bidi controls aside,
/// unshaped, and with mirrored pairs counted as one (wrapping moves brackets
/// between levels).
fn inventory(text: &str) -> BTreeMap<char, usize> {
    let mut counts = BTreeMap::new();
    for c in unshape(text).chars() {
        if c.is_whitespace() || common::is_bidi_control(c) || c == '\u{200D}' {
            continue;
        }
        let c = mirror(c).map_or(c, |m| m.min(c));
        *counts.entry(c).or_insert(0) += 1;
    }
    counts
}

#[test]
fn wrapped_render_fits_the_width_and_loses_nothing() {
    for name in ["seed", "news"] {
        let input = std::fs::read_to_string(format!("{FIXTURES}{name}.txt")).unwrap();
        for width in [40, 17] {
            let output = render(&["--width", &width.to_string()], &input);
            for line in output.lines() {
                assert!(
                    text_width(line) <= width,
                    "{name} at {width}: {line:?} is {} cells",
                    text_width(line)
                );
            }
            assert_eq!(inventory(&output), inventory(&input), "{name} at {width}");
        }
    }
}

#[test]
fn paragraphs_are_separated_by_exactly_one_empty_line() {
    let output = render(&["--width", "80"], "ab\n\n\n   \ncd\nef\n");
    assert_eq!(output, "ab\n\ncd\n\nef\n");
}

#[test]
fn width_defaults_to_80_off_a_terminal() {
    let word = "كلمة ";
    let output = render(&[], &word.repeat(40));
    assert!(output.lines().count() > 1);
    assert!(output.lines().all(|line| text_width(line) <= 80));
    assert!(output.lines().any(|line| text_width(line) > 70));
}

#[test]
fn align_right_pads_right_to_left_lines_to_the_width_and_piped_output_is_unpadded() {
    let text = "الجيش السوري\nEnglish\n";
    assert_eq!(
        render(
            &["--width", "20", "--dir", "auto", "--align", "right"],
            text
        ),
        "        ﻱﺭﻮﺴﻟﺍ ﺶﻴﺠﻟﺍ\n\nEnglish\n"
    );
    // The default, auto, leaves a pipe (as here) unpadded.
    assert_eq!(
        render(&["--width", "20", "--dir", "auto"], text),
        "ﻱﺭﻮﺴﻟﺍ ﺶﻴﺠﻟﺍ\n\nEnglish\n"
    );
    assert_eq!(
        render(&["--width", "20", "--align", "left"], text),
        "ﻱﺭﻮﺴﻟﺍ ﺶﻴﺠﻟﺍ\n\nEnglish\n"
    );
}

#[test]
fn directions_and_shaping_options() {
    assert_eq!(
        render(&["--dir", "ltr", "--no-shape"], "abc لا\n"),
        "abc ال\n"
    );
    assert_eq!(
        render(&["--dir", "rtl", "--no-shape"], "abc لا\n"),
        "ال abc\n"
    );
    assert_eq!(render(&["--dir", "auto"], "abc لا\n"), "abc \u{FEFB}\n");
    assert_eq!(render(&["--dir", "auto"], "لا abc\n"), "abc \u{FEFB}\n");
}

#[test]
fn a_missing_file_is_one_line_naming_it() {
    qari()
        .args(["render", "no/such/file.txt"])
        .assert()
        .failure()
        .stdout("")
        .stderr(
            predicate::str::contains("no/such/file.txt")
                .and(predicate::str::contains("No such file"))
                .and(predicate::function(|s: &str| s.lines().count() == 1)),
        );
}

#[test]
fn a_directory_is_one_line_naming_it() {
    qari().args(["render", "tests"]).assert().failure().stderr(
        predicate::str::contains("tests: is a directory")
            .and(predicate::function(|s: &str| s.lines().count() == 1)),
    );
}

#[test]
fn invalid_utf8_names_the_file_and_the_byte() {
    let dir = std::env::temp_dir().join(format!("qari-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.txt");
    std::fs::write(&file, b"\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85\nok \xff\xfe\n").unwrap();
    qari().arg("render").arg(&file).assert().failure().stderr(
        predicate::str::contains("bad.txt: invalid UTF-8 at byte 12")
            .and(predicate::function(|s: &str| s.lines().count() == 1)),
    );
    qari()
        .args(["render", "-"])
        .write_stdin(&b"abc\xc3"[..])
        .assert()
        .failure()
        .stderr(predicate::str::contains("-: invalid UTF-8 at byte 3"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_zero_width_is_refused() {
    qari()
        .args(["render", "--width", "0", "-"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--width"));
}

#[test]
fn the_reader_without_a_terminal_says_so_in_one_line() {
    let library = tempfile::tempdir().unwrap();
    qari()
        .env("QARI_LIBRARY", library.path())
        .assert()
        .failure()
        .stderr("qari: the reader needs a terminal; `qari list` and `qari render FILE` work without one\n");
}

/// `qari ARGS` on the library at `path`, succeeding.
fn succeeds_in(path: &std::path::Path, args: &[&str]) -> assert_cmd::assert::Assert {
    qari()
        .args(args)
        .env("QARI_LIBRARY", path)
        .assert()
        .success()
}

/// `qari list` on the library at `path`, succeeding.
fn list(path: &std::path::Path) -> assert_cmd::assert::Assert {
    succeeds_in(path, &["list"])
}

#[test]
fn list_shows_the_bundled_article_and_the_reading_position() {
    let library = tempfile::tempdir().unwrap();
    qari()
        .args(["list", "--library"])
        .arg(library.path())
        .assert()
        .success()
        .stdout(
            "ID                SENTENCES  POSITION  TITLE\n\
             deir-ez-zor-2017         24         -  الجيش السوري بدأ معركة دير الزور و«داعش» يدعو «للنفير»\n",
        );
    std::fs::write(
        library.path().join("state.toml"),
        "[position]\ndeir-ez-zor-2017 = 7\n",
    )
    .unwrap();
    list(library.path()).stdout(predicate::str::contains(
        "deir-ez-zor-2017         24      7/24",
    ));
}

#[test]
fn list_reports_unreadable_articles_and_state_and_lists_the_rest() {
    let library = tempfile::tempdir().unwrap();
    let articles = library.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(
        articles.join("mine.toml"),
        "[[sentence]]\nar = \"مرحبا\"\nen = \"Hello\"\n",
    )
    .unwrap();
    std::fs::write(articles.join("bad.toml"), b"[[sentence]]\nar = \"\xff\"\n").unwrap();
    std::fs::write(library.path().join("state.toml"), "position = [").unwrap();
    let bad = articles.join("bad.toml");
    let state = library.path().join("state.toml");
    list(library.path())
        .stdout(predicate::str::contains(
            "mine                      1         -  mine",
        ))
        .stderr(format!(
            "qari: skipped {}: not UTF-8 text (invalid byte at offset 19)\n\
             qari: {}:1:13: unclosed array, expected `]`; kept as {}.broken and started afresh\n",
            bad.display(),
            state.display(),
            state.display()
        ));
    assert!(library.path().join("state.toml.broken").exists());
}

#[test]
fn list_migrates_a_copy_of_the_bundled_article_and_check_fails_on_a_broken_overlay() {
    let library = tempfile::tempdir().unwrap();
    let articles = library.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    // A copy as `E` saved it before overlays, sentence 3 translated anew.
    let mut copy = common::bundled_article();
    copy.sentences[2].en = "MINE".into();
    let path = articles.join("deir-ez-zor-2017.toml");
    std::fs::write(&path, qari::article::article_to_toml(&copy)).unwrap();
    let overlay = library.path().join("overlays/deir-ez-zor-2017.toml");
    list(library.path())
        .stdout(predicate::str::contains("deir-ez-zor-2017         24"))
        .stderr(format!(
            "qari: {}: your copy of the bundled article deir-ez-zor-2017 was moved to {}; the bundled article shows through, with the 1 sentence you changed kept in {}\n",
            path.display(),
            articles.join("migrated/deir-ez-zor-2017.toml").display(),
            overlay.display()
        ));
    list(library.path()).stderr("");
    // The export's card context comes with the learner's translation.
    let catalog = qari::article::Library::new(library.path()).catalog();
    assert_eq!(
        catalog.get("deir-ez-zor-2017").unwrap().sentences[2].en,
        "MINE"
    );
    succeeds_in(library.path(), &["check"]).stdout(predicate::str::contains("error").not());
    // An overlay that no longer reads fails the check; the list still lists.
    let text = std::fs::read_to_string(&overlay).unwrap();
    std::fs::write(&overlay, text.replace("en = \"MINE\"", "en = 3")).unwrap();
    qari()
        .arg("check")
        .env("QARI_LIBRARY", library.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "error: {}:8:6: invalid type: integer `3`, expected a string; the article is shown without your changes, and qari leaves the file as it is",
            overlay.display()
        )));
    list(library.path())
        .stdout(predicate::str::contains("deir-ez-zor-2017         24"))
        .stderr(predicate::str::contains(
            "the article is shown without your changes",
        ));
}

#[test]
fn an_import_never_takes_the_id_of_an_overlay_left_behind() {
    let library = tempfile::tempdir().unwrap();
    let overlays = library.path().join("overlays");
    std::fs::create_dir(&overlays).unwrap();
    std::fs::write(overlays.join("army-advances.toml"), "").unwrap();
    qari()
        .args(["import", "-", "--title", "Army advances"])
        .env("QARI_LIBRARY", library.path())
        .write_stdin("قال المتحدث إن القوات تقدمت.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("imported army-advances-2:"));
}

#[test]
fn an_unknown_article_or_a_malformed_file_is_one_line_and_exit_1() {
    let library = tempfile::tempdir().unwrap();
    qari()
        .args(["no-such-article", "--library"])
        .arg(library.path())
        .assert()
        .code(1)
        .stderr("qari: no article \"no-such-article\": `qari list` shows the ids, or give the path of an article file\n");
    let file = library.path().join("x.toml");
    std::fs::write(&file, "[[sentence]]\nar = \"نص\"\nnote = \"typo\"\n").unwrap();
    qari()
        .arg(&file)
        .env("QARI_LIBRARY", library.path())
        .assert()
        .code(1)
        .stderr(format!(
            "qari: {}:3:1: unknown field `note`, expected one of `ar`, `en`, `notes`, `heading`, `starts_paragraph`\n",
            file.display()
        ));
}

/// Peak resident memory of a running child, sampled from /proc every 20 ms.
fn render_streaming(input_bytes: usize, paragraph: &[u8], newline_every: bool) -> (usize, u64) {
    let mut child = Command::new(cargo_bin("qari"))
        .args(["render", "--width", "80", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let paragraph = paragraph.to_vec();
    let writer = std::thread::spawn(move || {
        let mut written = 0;
        while written < input_bytes {
            stdin.write_all(&paragraph).unwrap();
            if newline_every {
                stdin.write_all(b"\n").unwrap();
            }
            written += paragraph.len() + 1;
        }
    });
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut buffer = vec![0; 1 << 16];
        let mut total = 0u64;
        loop {
            match stdout.read(&mut buffer).unwrap() {
                0 => return total,
                n => total += n as u64,
            }
        }
    });
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0;
    while !reader.is_finished() {
        if let Ok(status) = std::fs::read_to_string(&status_path)
            && let Some(rss) = status.lines().find(|l| l.starts_with("VmRSS:"))
        {
            let kib: usize = rss.split_whitespace().nth(1).unwrap().parse().unwrap();
            peak_kib = peak_kib.max(kib);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    writer.join().unwrap();
    let output = reader.join().unwrap();
    assert!(child.wait().unwrap().success());
    (peak_kib, output)
}

/// 100 MB through a release build (the CI run), 10 MB through a debug one.
const STREAM_BYTES: usize = if cfg!(debug_assertions) {
    10 << 20
} else {
    100 << 20
};

#[test]
fn render_streams_in_bounded_memory() {
    let seed = std::fs::read_to_string(format!("{FIXTURES}seed.txt")).unwrap();
    let paragraph = seed.lines().nth(3).unwrap().as_bytes();
    // Many paragraphs, then one with no line break at all (laid out in
    // 256 KiB pieces).
    for (shape, newline_every, limit_kib) in [
        ("in paragraphs", true, 32 * 1024),
        ("on one line", false, 64 * 1024),
    ] {
        let (peak_kib, output) = render_streaming(STREAM_BYTES, paragraph, newline_every);
        assert!(
            output > (STREAM_BYTES as u64) * 9 / 10,
            "{output} bytes out"
        );
        assert!(peak_kib < limit_kib, "peak RSS {peak_kib} KiB {shape}");
        println!("{STREAM_BYTES} bytes {shape}: peak RSS {peak_kib} KiB");
    }
}

#[test]
fn lookup_prints_glossary_and_dictionary_matches_and_how() {
    let library = tempfile::tempdir().unwrap();
    let stardict = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stardict");
    qari()
        .args(["lookup", "وحلفاؤه"])
        .env("QARI_LIBRARY", library.path())
        .env("QARI_DICTIONARIES", stardict)
        .assert()
        .success()
        .stdout(predicate::str::contains("حليف  ḥalīf  noun  root ح ل ف"))
        .stdout(predicate::str::contains(
            "matched: و + حليف + ه  (glossary/deir-ez-zor-2017.toml)",
        ));
    qari()
        .args(["lookup", "والهدنة"])
        .env("QARI_LIBRARY", library.path())
        .env("QARI_DICTIONARIES", stardict)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "الهدنة  [qari-test]\n    the truce, armistice\n    matched: و + الهدنة\n",
        ));
    qari()
        .args(["lookup", "zzz"])
        .env("QARI_LIBRARY", library.path())
        .env("QARI_DICTIONARIES", stardict)
        .assert()
        .code(1)
        .stderr("qari: no glossary entry or dictionary result for \"zzz\"\n");
}

/// dictd dictionaries are read through caches of their indexes in
/// `$XDG_CACHE_HOME/qari`: made by the first lookup, read by the next, with
/// the same output.
#[test]
fn lookup_caches_dictd_indexes_under_the_cache_home() {
    let (library, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let dictd = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/dictd");
    let lookup = |cache_home: Option<&std::path::Path>| {
        let mut command = qari();
        command
            .args(["lookup", "وحكومته"])
            .env("QARI_LIBRARY", library.path())
            .env("QARI_DICTIONARIES", dictd);
        match cache_home {
            Some(home) => command.env("XDG_CACHE_HOME", home),
            None => command
                .env_remove("XDG_CACHE_HOME")
                .env("HOME", library.path().join("home")),
        };
        let output = command.assert().success().get_output().clone();
        String::from_utf8(output.stdout).unwrap()
    };
    let first = lookup(Some(cache.path()));
    assert!(
        first.contains("حكومة  [qari-test-ara-eng]\n    Government\n    matched: و + حكومة + ه\n"),
        "{first}"
    );
    // The dictionaries' caches (the analyser's, lexicon-HASH.bin, is there
    // too).
    let mut files: Vec<String> = std::fs::read_dir(cache.path().join("qari"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".cache"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files[0].starts_with("qari-test-ara-eng-") && files[0].ends_with(".cache"));
    assert_eq!(lookup(Some(cache.path())), first);
    // Without XDG_CACHE_HOME: ~/.cache/qari.
    assert_eq!(lookup(None), first);
    assert!(
        library
            .path()
            .join("home/.cache/qari")
            .join(&files[0])
            .exists()
    );
}

/// An English word is looked up in the English → Arabic dictionaries by
/// their headwords: `qari lookup inflation` finds تضخم through eng-ara.
#[test]
fn lookup_of_an_english_word_finds_arabic_through_an_english_arabic_dictionary() {
    let library = tempfile::tempdir().unwrap();
    let stardict = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stardict");
    qari()
        .args(["lookup", "Ceasefire"])
        .env("QARI_LIBRARY", library.path())
        .env("QARI_DICTIONARIES", stardict)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "ceasefire  [qari-test-en, reverse match]\n    وقف إطلاق النار\n    matched: the English headword\n",
        ));
    // Whole headwords only: "cease" is not "ceasefire".
    qari()
        .args(["lookup", "cease"])
        .env("QARI_LIBRARY", library.path())
        .env("QARI_DICTIONARIES", stardict)
        .assert()
        .code(1);
}

#[test]
fn check_reports_full_coverage_of_the_bundled_article() {
    let library = tempfile::tempdir().unwrap();
    qari()
        .arg("check")
        .env("QARI_LIBRARY", library.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "deir-ez-zor-2017: 606/606 word tokens resolve to a glossary entry (100.0 %); 4 numbers not counted",
        ));
    // A broken glossary file in the library fails the check, with its place.
    let dir = library.path().join("glossary");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("mine.toml"), "[[entry]]\nheadword = \"نفير\"\n").unwrap();
    qari()
        .arg("check")
        .env("QARI_LIBRARY", library.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "mine.toml:1:1: entry \"نفير\": an entry needs at least one gloss",
        ));
}

#[test]
fn export_and_import_round_trip_through_lute() {
    let library = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| succeeds_in(library.path(), args);
    run(&[
        "glossary",
        "add",
        "نفير",
        "--gloss",
        "mobilisation",
        "--root",
        "ن ف ر",
    ]);
    let file = library.path().join("terms.csv");
    run(&[
        "glossary",
        "export",
        "--format",
        "lute",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "language,term,translation,parent,status,tags,pronunciation\nArabic,نفير,mobilisation,,1,,\n"
    );
    run(&["glossary", "rm", "نفير"]);
    run(&["glossary", "import", file.to_str().unwrap()])
        .stdout(predicate::str::contains("1 added, 0 updated, 0 unchanged"));
    run(&["glossary", "list", "mobilisation"])
        .stdout(predicate::str::contains("نفير\tmobilisation"));
    run(&["glossary", "export", "--format", "anki"]).stdout(predicate::str::starts_with(
        "#separator:tab\n#html:true\n#notetype:Basic\n",
    ));
}

#[test]
fn import_splits_drops_furniture_aligns_and_the_article_opens() {
    let library = tempfile::tempdir().unwrap();
    let text = "الجيش يتقدم في دير الزور\n\n12\n125 مشاركة\nقال المتحدث إن القوات تقدمت 3.5 كلم. وأضاف أن المعارك مستمرة.\n";
    let english = library.path().join("en.txt");
    std::fs::write(&english, "The army advances in Deir ez-Zor\nThe spokesman said the forces advanced 3.5 km. He added that the fighting goes on.\n").unwrap();
    qari()
        .args(["import", "-", "--title", "Army advances", "--source", "https://example.com/a", "--translation"])
        .arg(&english)
        .env("QARI_LIBRARY", library.path())
        .write_stdin(text)
        .assert()
        .success()
        // The title is the article's, not a sentence: the headline, the two
        // sentences of the paragraph.
        .stdout(predicate::str::contains("imported army-advances: 3 sentences in 1 paragraph"))
        .stdout(predicate::str::contains("dropped line 3: \"12\" (page furniture)\ndropped line 4: \"125 مشاركة\" (page furniture)\n"))
        .stdout(predicate::str::contains("translation aligned"));
    let short = library.path().join("short.txt");
    std::fs::write(&short, "Just one sentence.").unwrap();
    qari()
        .args([
            "import",
            "-",
            "--force",
            "--title",
            "Army advances",
            "--translation",
        ])
        .arg(&short)
        .env("QARI_LIBRARY", library.path())
        .write_stdin(text)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "imported army-advances-2: 3 sentences",
        ))
        // One English sentence for three Arabic ones in two paragraphs:
        // what cannot be aligned is left empty and said.
        .stdout(predicate::str::contains(
            "translation: 1 of 3 sentences have their English; paragraphs: 1 aligned, 1 left empty (sentences 2–3)\nthe empty slots can be filled with E in the reader\n",
        ));
    // A byline the Arabic lacks: dropped, said, every sentence filled.
    let byline = library.path().join("byline.txt");
    std::fs::write(&byline, "The army advances in Deir ez-Zor\nThe spokesman said the forces advanced 3.5 km. He added that the fighting goes on. (Reuters)\n").unwrap();
    qari()
        .args(["import", "-", "--force", "--translation"])
        .arg(&byline)
        .env("QARI_LIBRARY", library.path())
        .write_stdin(text)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "translation: 3 of 3 sentences have their English; paragraphs: 1 aligned, 1 repaired (sentences 2–3)\ntranslation: 1 English sentence matched no Arabic sentence: \"(Reuters)\"\n",
        ));
    // Without --title the first line is the headline, and the counts match.
    qari()
        .args(["import", "-", "--force", "--translation"])
        .arg(&english)
        .env("QARI_LIBRARY", library.path())
        .write_stdin(text)
        .assert()
        .success()
        .stdout(predicate::str::contains(": 3 sentences in 1 paragraph,"))
        .stdout(predicate::str::contains("translation aligned"));
    qari()
        .arg("list")
        .env("QARI_LIBRARY", library.path())
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"\narmy-advances +3 +- +Army advances\n").unwrap());
    let saved =
        std::fs::read_to_string(library.path().join("articles/army-advances.toml")).unwrap();
    assert!(
        saved.contains("source = \"https://example.com/a\""),
        "{saved}"
    );
    assert!(
        saved.contains("ar = \"قال المتحدث إن القوات تقدمت 3.5 كلم.\""),
        "{saved}"
    );
}

#[test]
fn stats_count_unknown_learning_and_known_words() {
    let library = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| succeeds_in(library.path(), args);
    run(&["stats"]).stdout(
        predicate::str::is_match(r"deir-ez-zor-2017 tokens +606 \(100%\) +0 \(0%\) +0 \(0%\)\n")
            .unwrap(),
    );
    // في occurs 30 times, and once as وفي: knowing it well is 5 % of the text.
    let csv = library.path().join("known.csv");
    std::fs::write(
        &csv,
        "language,term,translation,parent,status,tags,pronunciation\nArabic,في,in,,W,,\n",
    )
    .unwrap();
    run(&["glossary", "import", csv.to_str().unwrap()]);
    run(&["stats", "deir-ez-zor-2017"]).stdout(
        predicate::str::is_match(r"deir-ez-zor-2017 tokens +575 \(95%\) +0 \(0%\) +31 \(5%\)\n")
            .unwrap(),
    );
}

#[test]
fn review_count_prints_the_number_due() {
    let library = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| succeeds_in(library.path(), args);
    run(&["review", "--count"]).stdout("0\n");
    run(&["glossary", "add", "نفير", "--gloss", "mobilisation"]);
    run(&["glossary", "add", "سيطر", "--gloss", "to control"]);
    run(&["review", "--count"]).stdout("2\n");
    // A well-known word is not reviewed.
    let csv = library.path().join("w.csv");
    std::fs::write(
        &csv,
        "language,term,translation,parent,status,tags,pronunciation\nArabic,في,in,,W,,\n",
    )
    .unwrap();
    run(&["glossary", "import", csv.to_str().unwrap()]);
    run(&["review", "--count"]).stdout("2\n");
}

/// The learner's glossary file of `library`.
fn user_toml(library: &std::path::Path) -> String {
    std::fs::read_to_string(library.join("glossary/user.toml")).unwrap()
}

#[test]
fn glossary_add_on_an_existing_headword_keeps_what_it_does_not_carry() {
    let library = tempfile::tempdir().unwrap();
    let dir = library.path();
    let user = dir.join("glossary/user.toml");
    std::fs::create_dir_all(user.parent().unwrap()).unwrap();
    std::fs::write(
        &user,
        r#"[[entry]]
headword = "جيش"
senses = ["army"]
root = "ج ي ش"
pos = "noun"
forms = ["الجيش"]
notes = "my note"
context = { article = "deir-ez-zor-2017", sentence = 3 }
status = "4"
created = "2026-01-01T00:00:00Z"

[entry.review]
due = "2026-12-24T10:00:00Z"
stability = 3.1
difficulty = 5.3
elapsed_days = 0
scheduled_days = 3
reps = 2
lapses = 0
state = "review"
last_review = "2026-11-24T10:00:00Z"
"#,
    )
    .unwrap();
    succeeds_in(dir, &["glossary", "add", "جيش", "--gloss", "troops"])
        .stdout(predicate::str::contains("updated"));
    let saved = user_toml(dir);
    for kept in [
        "senses = [\"troops\"]",
        "root = \"ج ي ش\"",
        "pos = \"noun\"",
        "forms = [\"الجيش\"]",
        "notes = \"my note\"",
        "sentence = 3",
        "status = \"4\"",
        "created = \"2026-01-01T00:00:00Z\"",
        "reps = 2",
    ] {
        assert!(saved.contains(kept), "{kept} lost:\n{saved}");
    }
}

#[test]
fn importing_an_export_back_changes_nothing_and_restores_an_empty_library() {
    let library = tempfile::tempdir().unwrap();
    let dir = library.path();
    let run = |args: &[&str]| succeeds_in(dir, args);
    run(&[
        "glossary",
        "add",
        "نفير",
        "--gloss",
        "mobilisation",
        "--root",
        "ن ف ر",
        "--note",
        "n",
    ]);
    run(&[
        "glossary",
        "add",
        "سيطر",
        "--gloss",
        "to control",
        "--pos",
        "verb",
    ]);
    // A status and a review card, as the reader would set them.
    let mut text = user_toml(dir);
    text = text.replacen(
        "[[entry]]\nheadword = \"نفير\"",
        "[[entry]]\nheadword = \"نفير\"\nstatus = \"3\"",
        1,
    );
    text.push_str("\n[entry.review]\ndue = \"2026-12-24T10:00:00Z\"\nstability = 3.1\ndifficulty = 5.3\nelapsed_days = 0\nscheduled_days = 3\nreps = 2\nlapses = 0\nstate = \"review\"\nlast_review = \"2026-11-24T10:00:00Z\"\n");
    std::fs::write(dir.join("glossary/user.toml"), &text).unwrap();
    let before = user_toml(dir);
    for format in ["csv", "lute"] {
        let file = dir.join(format!("export.{format}"));
        run(&[
            "glossary",
            "export",
            "--format",
            format,
            "-o",
            file.to_str().unwrap(),
        ]);
        run(&["glossary", "import", file.to_str().unwrap()])
            .stdout(predicate::str::contains("0 added, 0 updated, 2 unchanged"));
        assert_eq!(user_toml(dir), before, "{format} import changed the file");
    }
    // Into an empty library, qari's CSV restores every field it carries.
    let empty = tempfile::tempdir().unwrap();
    let file = dir.join("export.csv");
    succeeds_in(
        empty.path(),
        &["glossary", "import", file.to_str().unwrap()],
    )
    .stdout(predicate::str::contains("2 added"));
    let restored = user_toml(empty.path());
    for field in [
        "root = \"ن ف ر\"",
        "notes = \"n\"",
        "status = \"3\"",
        "pos = \"verb\"",
    ] {
        assert!(restored.contains(field), "{field}:\n{restored}");
    }
    // A changed row says what it changed.
    std::fs::write(&file, "headword,senses,status\nنفير,call to arms,5\n").unwrap();
    run(&["glossary", "import", file.to_str().unwrap()]).stdout(predicate::str::contains(
        "updated: glosses of نفير; status of نفير",
    ));
    let after = user_toml(dir);
    assert!(
        after.contains("reps = 2") && after.contains("notes = \"n\""),
        "{after}"
    );
}

#[test]
fn bidi_controls_are_refused_and_escapes_never_printed_and_csv_formulas_defused() {
    let library = tempfile::tempdir().unwrap();
    let dir = library.path();
    // "\u{202E}ylla" would show as "ally".
    qari()
        .args(["glossary", "add", "نفير", "--gloss", "\u{202E}ylla"])
        .env("QARI_LIBRARY", dir)
        .assert()
        .code(1)
        .stderr("qari: the gloss holds a control character (U+202E)\n");
    // A title with an escape sequence (it would retitle the window).
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::write(
        dir.join("articles/evil.toml"),
        "[article]\ntitle_en = \"News \\u001b]0;pwned\\u0007 \\u009b31m red\"\n\n[[sentence]]\nar = \"خبر.\"\n",
    )
    .unwrap();
    let listed = succeeds_in(dir, &["list"]).get_output().stdout.clone();
    let listed = String::from_utf8(listed).unwrap();
    assert!(
        listed.contains("News \u{FFFD}]0;pwned\u{FFFD} \u{FFFD}31m red"),
        "{listed}"
    );
    assert!(
        !listed.contains('\x1b') && !listed.contains('\u{9b}'),
        "{listed:?}"
    );
    // A gloss that a spreadsheet would run as a formula.
    succeeds_in(
        dir,
        &["glossary", "add", "نفير", "--gloss", "=HYPERLINK(\"x\")"],
    );
    let file = dir.join("export.csv");
    for format in ["csv", "lute"] {
        succeeds_in(
            dir,
            &[
                "glossary",
                "export",
                "--format",
                format,
                "-o",
                file.to_str().unwrap(),
            ],
        );
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.contains("\"'=HYPERLINK(\"\"x\"\")\""),
            "{format}: {text}"
        );
        // Imported back, the quote comes off: nothing changes.
        succeeds_in(dir, &["glossary", "import", file.to_str().unwrap()])
            .stdout(predicate::str::contains("0 added, 0 updated, 1 unchanged"));
    }
    assert!(
        user_toml(dir).contains("senses = ['=HYPERLINK(\"x\")']"),
        "{}",
        user_toml(dir)
    );
}

#[test]
fn export_into_a_missing_folder_says_so_and_makes_nothing() {
    let library = tempfile::tempdir().unwrap();
    let dir = library.path();
    succeeds_in(dir, &["glossary", "add", "نفير", "--gloss", "mobilisation"]);
    let target = dir.join("no-such-folder/terms.csv");
    qari()
        .args(["glossary", "export", "--format", "csv", "-o"])
        .arg(&target)
        .env("QARI_LIBRARY", dir)
        .assert()
        .code(1)
        .stderr(format!(
            "qari: {}: no such folder (make it first, or give another path)\n",
            dir.join("no-such-folder").display()
        ));
    assert!(!dir.join("no-such-folder").exists());
}

/// `qari ARGS` with the configuration in `config_home`
/// (`XDG_CONFIG_HOME`), no library or dictionaries in the environment, and
/// a home of its own.
fn configured(config_home: &std::path::Path, args: &[&str]) -> assert_cmd::Command {
    let mut command = qari();
    command
        .args(args)
        .env("XDG_CONFIG_HOME", config_home)
        .env("HOME", config_home.join("home"))
        .env_remove("XDG_DATA_HOME")
        .env_remove("QARI_CONFIG")
        .env_remove("QARI_LIBRARY")
        .env_remove("QARI_DICTIONARIES");
    command
}

#[test]
fn the_configuration_file_is_read_and_the_environment_and_command_line_win() {
    let root = tempfile::tempdir().unwrap();
    let config_home = root.path();
    let (from_config, from_env, from_flag) = (
        config_home.join("lib-config"),
        config_home.join("lib-env"),
        config_home.join("lib-flag"),
    );
    // Each library tells itself apart by the reading position it holds.
    for (library, position) in [(&from_config, 2), (&from_env, 3), (&from_flag, 4)] {
        std::fs::create_dir(library).unwrap();
        std::fs::write(
            library.join("state.toml"),
            format!("[position]\ndeir-ez-zor-2017 = {position}\n"),
        )
        .unwrap();
    }
    let position = |n: usize| predicate::str::contains(format!("  {n}/24  "));
    // No file: the default library, under HOME.
    configured(config_home, &["list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("         -  "));
    std::fs::create_dir(config_home.join("qari")).unwrap();
    let stardict = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stardict");
    // A relative folder is taken from the file's folder.
    std::fs::write(
        config_home.join("qari/config.toml"),
        format!(
            "# qari's settings\nlibrary = \"../lib-config\"\ndictionaries = [{stardict:?}]\n\
             bidi = \"app\"\ntheme = \"dark\"\n"
        ),
    )
    .unwrap();
    configured(config_home, &["list"])
        .assert()
        .success()
        .stdout(position(2));
    configured(config_home, &["list"])
        .env("QARI_LIBRARY", &from_env)
        .assert()
        .success()
        .stdout(position(3));
    configured(config_home, &["list", "--library"])
        .arg(&from_flag)
        .env("QARI_LIBRARY", &from_env)
        .assert()
        .success()
        .stdout(position(4));
    // The dictionaries too: found through the file, and none when the
    // command line names an empty folder.
    configured(config_home, &["lookup", "الهدنة"])
        .assert()
        .success()
        .stdout(predicate::str::contains("[qari-test]"));
    configured(config_home, &["lookup", "الهدنة", "--dictionaries"])
        .arg(root.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("[qari-test]").not());
    // QARI_CONFIG points elsewhere; a file it names must exist.
    let elsewhere = root.path().join("elsewhere.toml");
    std::fs::write(&elsewhere, "library = \"lib-env\"\n").unwrap();
    configured(config_home, &["list"])
        .env("QARI_CONFIG", &elsewhere)
        .assert()
        .success()
        .stdout(position(3));
    let missing = root.path().join("missing.toml");
    configured(config_home, &["list"])
        .env("QARI_CONFIG", &missing)
        .assert()
        .code(1)
        .stderr(format!(
            "qari: {}: No such file or directory (os error 2)\n",
            missing.display()
        ));
}

#[test]
fn a_bad_configuration_file_is_one_line_naming_the_file_and_the_place() {
    let config_home = tempfile::tempdir().unwrap();
    let file = config_home.path().join("qari/config.toml");
    std::fs::create_dir(config_home.path().join("qari")).unwrap();
    for (text, expected) in [
        (
            "theme = \"dark\"\ncolour = \"blue\"\n",
            "2:1: unknown field `colour`, expected one of `library`, `dictionaries`, `bidi`, `theme`, `translator`, `translator_mode`, `translator_timeout`",
        ),
        (
            "bidi = \"rtl\"\n",
            "1:8: unknown variant `rtl`, expected `app` or `terminal`",
        ),
        (
            "library = \"\"\n",
            "1:11: expected a folder, found an empty string",
        ),
    ] {
        std::fs::write(&file, text).unwrap();
        // Every command reads it, `render` too.
        for args in [&["list"][..], &["render", "-"]] {
            configured(config_home.path(), args)
                .write_stdin("x\n")
                .assert()
                .code(1)
                .stdout("")
                .stderr(format!("qari: {}:{expected}\n", file.display()));
        }
    }
}

#[test]
fn global_options_work_before_or_after_the_subcommand() {
    let library = tempfile::tempdir().unwrap();
    let dir = library.path().to_str().unwrap();
    std::fs::write(
        library.path().join("state.toml"),
        "[position]\ndeir-ez-zor-2017 = 7\n",
    )
    .unwrap();
    let at_seven = predicate::str::contains("deir-ez-zor-2017         24      7/24");
    for args in [
        &["--library", dir, "list"][..],
        &["list", "--library", dir],
        &[
            "--library",
            dir,
            "--theme",
            "dark",
            "--bidi",
            "terminal",
            "list",
        ],
        &[
            "list",
            "--theme",
            "dark",
            "--bidi",
            "terminal",
            "--library",
            dir,
        ],
        &["--dictionaries", dir, "--library", dir, "list"],
    ] {
        qari()
            .args(args)
            .env_remove("QARI_LIBRARY")
            .assert()
            .success()
            .stdout(at_seven.clone());
    }
    // Down to a subcommand's subcommand.
    qari()
        .args(["--library", dir, "glossary", "list", "--dictionaries", dir])
        .env_remove("QARI_LIBRARY")
        .assert()
        .success();
    // An article and a subcommand together is a mistake, said as one.
    qari()
        .args(["deir-ez-zor-2017", "list"])
        .env("QARI_LIBRARY", library.path())
        .assert()
        .code(2);
}

#[test]
fn an_empty_qari_variable_counts_as_unset() {
    let library = tempfile::tempdir().unwrap();
    std::fs::write(
        library.path().join("state.toml"),
        "[position]\ndeir-ez-zor-2017 = 7\n",
    )
    .unwrap();
    qari()
        .args(["list", "--library"])
        .arg(library.path())
        .env("QARI_DICTIONARIES", "")
        .env("QARI_BIDI", "")
        .env("QARI_THEME", "")
        .assert()
        .success()
        .stdout(predicate::str::contains("7/24"));
    // An empty QARI_LIBRARY falls back to the configured library.
    let config_home = tempfile::tempdir().unwrap();
    std::fs::create_dir(config_home.path().join("qari")).unwrap();
    std::fs::write(
        config_home.path().join("qari/config.toml"),
        format!("library = {:?}\n", library.path().to_str().unwrap()),
    )
    .unwrap();
    configured(config_home.path(), &["list"])
        .env("QARI_LIBRARY", "")
        .assert()
        .success()
        .stdout(predicate::str::contains("7/24"));
}

#[test]
fn messages_print_arabic_as_arabic() {
    let library = tempfile::tempdir().unwrap();
    let dir = library.path();
    let word = "زَقْزُقْزِق";
    let fails = |args: &[&str], stderr: String| {
        qari()
            .args(args)
            .env("QARI_LIBRARY", dir)
            .env("QARI_DICTIONARIES", dir)
            .assert()
            .code(1)
            .stderr(stderr);
    };
    // A command's own error, the reader's, the glossary's.
    fails(
        &["lookup", word],
        format!("qari: no glossary entry or dictionary result for \"{word}\"\n"),
    );
    fails(
        &["stats", word],
        format!("qari: no article \"{word}\": `qari list` shows the ids\n"),
    );
    fails(
        &[word],
        format!(
            "qari: no article \"{word}\": `qari list` shows the ids, or give the path of an article file\n"
        ),
    );
    fails(
        &["glossary", "rm", word],
        format!(
            "qari: no entry \"{word}\" in your glossary ({})\n",
            dir.join("glossary/user.toml").display()
        ),
    );
    // What a command says it did.
    succeeds_in(dir, &["glossary", "add", word, "--gloss", "chirp"])
        .stdout(predicate::str::starts_with(format!("added \"{word}\" in ")));
    succeeds_in(dir, &["glossary", "rm", word]).stdout(format!("removed 1 entry \"{word}\"\n"));
    // Page furniture dropped by an import, its right-to-left mark (pasted
    // from a site) shown rather than let loose on the line.
    qari()
        .args(["import", "-", "--title", "Chirps"])
        .env("QARI_LIBRARY", dir)
        .write_stdin("قال المتحدث إن القوات تقدمت.\n\u{200F}١٢٥ مشاركة\n")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "dropped line 2: \"\\u{200f}١٢٥ مشاركة\" (page furniture)",
        ));
    // A language name with a tab in it: the tab is shown, not printed.
    let csv = dir.join("lute.csv");
    std::fs::write(
        &csv,
        "language,term,translation,parent,status,tags,pronunciation\n\"Fr\tench\",mot,word,,1,,\n",
    )
    .unwrap();
    succeeds_in(dir, &["glossary", "import", csv.to_str().unwrap()]).stderr(
        predicate::str::contains("language \"Fr\\tench\" is not Arabic; skipped"),
    );
}

#[test]
fn counts_of_one_are_singular() {
    let library = tempfile::tempdir().unwrap();
    let dir = library.path();
    qari()
        .args(["import", "-", "--title", "One"])
        .env("QARI_LIBRARY", dir)
        .write_stdin("تقدمت القوات 3 كلم.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "imported one: 1 sentence in 1 paragraph, into",
        ));
    qari()
        .arg("check")
        .env("QARI_LIBRARY", dir)
        .assert()
        .success()
        .stdout(predicate::str::contains("; 1 number not counted\n"));
    // A row that is skipped says so once.
    let csv = dir.join("lute.csv");
    std::fs::write(
        &csv,
        "language,term,translation,parent,status,tags,pronunciation\nFrench,mot,word,,1,,\n",
    )
    .unwrap();
    succeeds_in(dir, &["glossary", "import", csv.to_str().unwrap()]).stderr(format!(
        "qari: {}:2: language \"French\" is not Arabic; skipped\n",
        csv.display()
    ));
}

#[test]
fn stats_columns_line_up_whatever_the_id_length() {
    let library = tempfile::tempdir().unwrap();
    let articles = library.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(
        articles.join("an-article-with-a-very-long-id-indeed.toml"),
        "[[sentence]]\nar = \"قال المتحدث إن القوات تقدمت.\"\n",
    )
    .unwrap();
    let output = succeeds_in(library.path(), &["stats"])
        .get_output()
        .stdout
        .clone();
    let output = String::from_utf8(output).unwrap();
    let widths: Vec<usize> = output.lines().map(|line| line.chars().count()).collect();
    assert_eq!(widths.len(), 5, "{output}");
    assert!(widths.iter().all(|&w| w == widths[0]), "{output}");
    // The id is never cut.
    assert!(
        output.contains("an-article-with-a-very-long-id-indeed distinct "),
        "{output}"
    );
}

#[test]
fn a_byte_order_mark_at_the_start_of_an_imported_text_is_dropped() {
    let library = tempfile::tempdir().unwrap();
    let english = library.path().join("en.txt");
    std::fs::write(
        &english,
        "\u{FEFF}The army advances\nThe forces advanced. The fighting goes on.\n",
    )
    .unwrap();
    qari()
        .args(["import", "-", "--translation"])
        .arg(&english)
        .env("QARI_LIBRARY", library.path())
        .write_stdin("\u{FEFF}الجيش يتقدم\nتقدمت القوات. المعارك مستمرة.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("translation aligned"));
    // The id is the headline's, transliterated.
    let file = library.path().join("articles/al-jysh-ytqdm.toml");
    let saved = std::fs::read_to_string(file).unwrap();
    assert!(!saved.contains('\u{FEFF}'), "{saved}");
    assert!(saved.contains("ar = \"الجيش يتقدم\""), "{saved}");
    assert!(saved.contains("en = \"The army advances\""), "{saved}");
}

#[test]
fn import_ends_with_the_new_id_on_a_line_of_its_own() {
    let library = tempfile::tempdir().unwrap();
    for expected in ["army-advances", "army-advances-2"] {
        let output = qari()
            .args(["import", "-", "--force", "--title", "Army advances"])
            .env("QARI_LIBRARY", library.path())
            .write_stdin("الجيش يتقدم\n12\nتقدمت القوات.\n")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let output = String::from_utf8(output).unwrap();
        assert_eq!(
            output.lines().last(),
            Some(format!("id: {expected}").as_str()),
            "{output}"
        );
    }
}

/// A file that is not there is said once, not once per link of the error's
/// chain ("…(os error 2): …(os error 2)" before).
#[test]
fn a_missing_file_is_said_once() {
    let library = tempfile::tempdir().unwrap();
    let missing = library.path().join("missing.txt");
    for args in [
        vec!["import", missing.to_str().unwrap()],
        vec!["translation", "deir-ez-zor-2017", missing.to_str().unwrap()],
    ] {
        qari()
            .env("QARI_LIBRARY", library.path())
            .args(&args)
            .assert()
            .code(1)
            .stderr(format!(
                "qari: {}: No such file or directory (os error 2)\n",
                missing.display()
            ));
    }
}
