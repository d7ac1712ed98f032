//! Listening: espeak-ng reads Arabic (it makes a WAV of the first
//! sentence), and `s` starts it without waiting, `S` stops it, and a
//! missing espeak-ng is said once. `tools/test.sh` installs espeak-ng.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::bundled_article;
use qari::app::{Action, App, Options};
use qari::runtime::speech::Speech;
use qari::runtime::{Executor, Inline};

#[test]
#[cfg_attr(
    not(feature = "system-tests"),
    ignore = "needs espeak-ng (--features system-tests)"
)]
fn espeak_ng_makes_a_wav_of_an_arabic_sentence() {
    let sentence = &bundled_article().sentences[1].ar;
    let output = Command::new("espeak-ng")
        .args(["-v", "ar", "--stdout", sentence])
        .output()
        .expect("espeak-ng is missing: apt-get install espeak-ng (tools/test.sh does)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let wav = output.stdout;
    assert_eq!(&wav[..4], b"RIFF");
    assert_eq!(&wav[8..12], b"WAVE");
    assert!(wav.len() > 20_000, "{} bytes of speech", wav.len());
}

/// A stand-in for espeak-ng that writes its arguments to a file, then
/// keeps "speaking" for a while.
fn fake_espeak(dir: &Path) -> std::path::PathBuf {
    let script = dir.join("espeak");
    let log = dir.join("said.txt");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\nsleep 10\n",
            log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

#[test]
fn s_reads_the_sentence_without_waiting_and_capital_s_stops() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::new(bundled_article(), 1, Options::default());
    let executor = Executor::new(None).with_speech(Speech::new(fake_espeak(dir.path())));
    let mut app = Inline::new(app, executor);
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    let start = Instant::now();
    app.update(Action::Speak);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "the interface does not wait"
    );
    assert!(app.executor.speaking());
    let log = dir.path().join("said.txt");
    while !log.exists() && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let said = std::fs::read_to_string(&log).unwrap();
    assert_eq!(said, format!("-v\nar\n--\n{}\n", app.current().ar));
    app.update(Action::StopSpeaking);
    assert!(!app.executor.speaking());
    assert!(app.message.is_none());
}

#[test]
fn without_espeak_ng_the_status_line_says_so_once() {
    let app = App::new(bundled_article(), 0, Options::default());
    let executor = Executor::new(None).with_speech(Speech::new("/nonexistent/espeak-ng".into()));
    let mut app = Inline::new(app, executor);
    app.update(Action::Speak);
    assert!(
        app.message
            .as_ref()
            .map(ToString::to_string)
            .as_deref()
            .unwrap()
            .contains("espeak-ng is not installed")
    );
    app.update(Action::Speak);
    assert_eq!(app.message, None, "said once");
}
