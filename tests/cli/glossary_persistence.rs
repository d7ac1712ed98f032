//! The learner's glossary is never lost: concurrent writers both keep their
//! entries, a writer killed with SIGKILL at any moment leaves a whole file,
//! and a file that cannot be parsed is left exactly as it was.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;
use qari::glossary::{UserGlossary, parse_glossary};

fn add(library: &Path, headword: &str, gloss: &str) -> Command {
    let mut command = Command::new(cargo_bin("qari"));
    command
        .args(["glossary", "add", headword, "--gloss", gloss])
        .env("QARI_LIBRARY", library)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// Arabic headwords that differ: كلمة followed by letters spelling `n`.
fn headword(n: usize) -> String {
    let letters = ['ا', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر'];
    let digits: String = n
        .to_string()
        .chars()
        .map(|d| letters[d as usize - '0' as usize])
        .collect();
    format!("كلمة{digits}")
}

#[test]
fn concurrent_writers_keep_every_entry() {
    let library = tempfile::tempdir().unwrap();
    let children: Vec<_> = (0..24)
        .map(|n| {
            add(library.path(), &headword(n), &format!("word {n}"))
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let entries = UserGlossary::new(library.path().join("glossary"))
        .read()
        .unwrap();
    assert_eq!(entries.len(), 24, "every concurrent add is kept");
    for n in 0..24 {
        assert!(
            entries
                .iter()
                .any(|e| e.headword == headword(n) && e.gloss() == format!("word {n}"))
        );
    }
}

#[test]
fn a_writer_killed_at_any_moment_leaves_a_whole_file() {
    let library = tempfile::tempdir().unwrap();
    let path = library.path().join("glossary/user.toml");
    let mut completed = Vec::new();
    for n in 0..40 {
        let mut child = add(library.path(), &headword(n), &"gloss ".repeat(150))
            .spawn()
            .unwrap();
        // Kill it somewhere between start and well after it is done.
        std::thread::sleep(Duration::from_micros((n as u64 * 7919) % 40_000));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        if status.success() {
            completed.push(headword(n));
        }
        if path.exists() {
            let bytes = std::fs::read(&path).unwrap();
            let file = parse_glossary(&bytes, &path, false)
                .unwrap_or_else(|e| panic!("after kill {n}: the file is torn: {e}"));
            for done in &completed {
                assert!(
                    file.entries.iter().any(|e| &e.headword == done),
                    "{done} lost after kill {n}"
                );
            }
        }
    }
    assert!(
        !completed.is_empty(),
        "some adds finished before their kill"
    );
    assert!(completed.len() < 40, "some adds were killed midway");
}

#[test]
fn a_malformed_user_glossary_is_reported_and_left_untouched() {
    let library = tempfile::tempdir().unwrap();
    let dir = library.path().join("glossary");
    std::fs::create_dir(&dir).unwrap();
    let broken = "[[entry]]\nheadword = \"نفير\"\nsenses = [\"mobilisation\"\n";
    std::fs::write(dir.join("user.toml"), broken).unwrap();
    let output = add(library.path(), "سيطر", "to control").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("user.toml") && stderr.contains("qari leaves it as it is"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.join("user.toml")).unwrap(),
        broken
    );
}

#[test]
fn bad_input_gets_one_line_and_nothing_is_written() {
    let library = tempfile::tempdir().unwrap();
    for (headword, gloss, expected) in [
        ("", "x", "qari: the headword is empty"),
        (
            "abc",
            "x",
            "qari: the headword \"abc\" has no Arabic letter",
        ),
        ("نفير", " ", "qari: an entry needs at least one gloss"),
        (
            "نفير",
            "a\u{1b}[2J",
            "qari: the gloss holds a control character (U+001B)",
        ),
    ] {
        let output = add(library.path(), headword, gloss).output().unwrap();
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(String::from_utf8_lossy(&output.stderr).trim_end(), expected);
    }
    let long = "x".repeat(10_000);
    let output = add(library.path(), "نفير", &long).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim_end(),
        "qari: the gloss is 10000 characters long; the limit is 1000"
    );
    assert!(!library.path().join("glossary/user.toml").exists());
}
