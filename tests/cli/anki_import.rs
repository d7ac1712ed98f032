//! The Anki export imports as is: `qari glossary export --format anki`
//! read by Anki's own importer (the `anki` package from PyPI, the desktop
//! app's backend) into an empty collection. `tools/test.sh` puts that
//! package in `target/anki-venv`; `QARI_ANKI_PYTHON` may name another
//! Python that has it.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Command;

use assert_cmd::cargo::cargo_bin;

fn anki_python() -> PathBuf {
    let python = std::env::var_os("QARI_ANKI_PYTHON").map_or_else(
        || {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/target/anki-venv/bin/python"
            ))
        },
        PathBuf::from,
    );
    assert!(
        python.exists(),
        "{} is missing: run tools/test.sh, which installs Anki's importer there",
        python.display()
    );
    python
}

/// Runs `command`, which must succeed; its standard output.
fn succeeds(command: &mut Command) -> String {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
#[cfg_attr(
    not(feature = "system-tests"),
    ignore = "needs Anki's importer in target/anki-venv (--features system-tests)"
)]
fn anki_imports_the_export_with_sentence_and_translation() {
    let library = tempfile::tempdir().unwrap();
    let qari = |args: &[&str]| {
        let mut command = Command::new(cargo_bin("qari"));
        succeeds(command.args(args).env("QARI_LIBRARY", library.path()));
    };
    qari(&[
        "glossary", "add", "حليف", "--gloss", "ally", "--root", "ح ل ف", "--pos", "noun",
    ]);
    qari(&[
        "glossary",
        "add",
        "نفير",
        "--gloss",
        "call to arms",
        "--gloss",
        "mobilisation",
    ]);
    // An entry added in the reader carries its sentence: write one so.
    let user = library.path().join("glossary/user.toml");
    let text = std::fs::read_to_string(&user).unwrap().replace(
        "headword = \"حليف\"",
        "headword = \"حليف\"\ncontext = { article = \"deir-ez-zor-2017\", sentence = 3 }",
    );
    std::fs::write(&user, text).unwrap();
    let export = library.path().join("cards.txt");
    qari(&[
        "glossary",
        "export",
        "--format",
        "anki",
        "-o",
        export.to_str().unwrap(),
    ]);

    let mut import = Command::new(anki_python());
    import
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/anki/import.py"
        ))
        .arg(&export);
    let stdout = succeeds(&mut import);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "new 2 updated 0 skipped 0");
    let ally: Vec<&str> = lines
        .iter()
        .find(|l| l.contains("حليف"))
        .unwrap()
        .split('\t')
        .collect();
    assert_eq!(&ally[..4], ["Basic", "qari", "qari", "حليف"]);
    // The word may be in bold in its sentence (<b>وحلفاؤه</b>).
    assert!(ally[4].starts_with(
        "ally<br><small>noun · ح ل ف</small><hr><div dir=\"rtl\">بعد ان سيطر الجيش السوري "
    ));
    assert!(ally[4].contains("وحلفاؤه"), "{}", ally[4]);
    assert!(
        ally[4].contains("<div>After the Syrian army and its allies"),
        "{}",
        ally[4]
    );
}
