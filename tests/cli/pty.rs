//! The real `qari` binary in a pseudo-terminal: open the bundled article,
//! move, reveal a translation, quit, and find the terminal restored and the
//! position saved; start again and resume there. The screen is read with
//! the vt100 crate, as a terminal would show it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
}

impl Session {
    fn start(library: &Path, columns: u16, rows: u16, args: &[&str]) -> Session {
        Session::start_with_env(library, columns, rows, args, &[])
    }

    fn start_with_env(
        library: &Path,
        columns: u16,
        rows: u16,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols: columns,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_qari"));
        command.args(args);
        command.env("TERM", "xterm-256color");
        command.env("QARI_LIBRARY", library);
        // Dictionary caches in the target folder, not the tester's home.
        command.env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        );
        command.env_remove("NO_COLOR");
        // Nothing here answers a colour query: skip its timeout.
        command.env("QARI_THEME", "dark");
        // A backtrace would scroll a panic's message off the screen.
        command.env("RUST_BACKTRACE", "0");
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pty.slave.spawn_command(command).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().unwrap(),
            columns.try_into().unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (screen_in, raw_in) = (Arc::clone(&screen), Arc::clone(&raw));
        std::thread::spawn(move || {
            let _master = pty.master; // keep the pty open while reading
            let mut buffer = [0; 4096];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                screen_in.lock().unwrap().process(&buffer[..n]);
                raw_in.lock().unwrap().extend_from_slice(&buffer[..n]);
            }
        });
        Session {
            child,
            writer,
            screen,
            raw,
        }
    }

    fn raw(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text` (10 s at most).
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while !self.contents().contains(text) {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "never saw {text:?}; the screen:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until nothing more has come from qari for `quiet` (10 s at
    /// most): every frame asked for so far is drawn.
    fn wait_until_quiet(&self, quiet: Duration) {
        let start = Instant::now();
        let mut seen = self.raw.lock().unwrap().len();
        let mut since = Instant::now();
        while since.elapsed() < quiet {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "qari never stopped drawing"
            );
            std::thread::sleep(Duration::from_millis(20));
            let now = self.raw.lock().unwrap().len();
            if now != seen {
                seen = now;
                since = Instant::now();
            }
        }
    }

    fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_for_exit(&mut self) -> bool {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status.success();
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "qari did not quit"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn open_move_reveal_quit_and_resume_in_a_real_terminal() {
    let library = tempfile::tempdir().unwrap();
    let mut session = Session::start(library.path(), 120, 40, &[]);
    session.wait_for("sentence 1/24");
    {
        let parser = session.screen.lock().unwrap();
        let screen = parser.screen();
        assert!(
            screen.alternate_screen(),
            "the reader uses the alternate screen"
        );
        // The title, shaped and in visual order, flush against the gutter.
        assert!(
            screen
                .contents()
                .contains("ﺶﻋﺍﺩ»ﻭ ﺭﻭﺰﻟﺍ ﺮﻳﺩ ﺔﻛﺮﻌﻣ ﺃﺪﺑ ﻱﺭﻮﺴﻟﺍ ﺶﻴﺠﻟﺍ")
        );
        assert_ne!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    }
    session.keys("jj");
    session.wait_for("sentence 3/24");
    session.keys("t");
    session.wait_for("Translation");
    session.wait_for("After the Syrian army");
    session.keys("?");
    session.wait_for("next word in reading order");
    session.keys("\x1b"); // Esc closes the help first
    std::thread::sleep(Duration::from_millis(300));
    assert!(!session.contents().contains("next word in reading order"));
    session.keys("q");
    assert!(session.wait_for_exit(), "qari exits with success");
    {
        let parser = session.screen.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "back on the main screen");
        assert!(!screen.hide_cursor(), "cursor shown again");
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    }
    assert_bidi_mode_wraps_the_alternate_screen(&session.raw());
    let state = std::fs::read_to_string(library.path().join("state.toml")).unwrap();
    assert!(state.contains("deir-ez-zor-2017 = 3"), "{state}");

    let mut again = Session::start(library.path(), 80, 24, &[]);
    again.wait_for("sentence 3/24");
    again.keys("\x1b"); // Esc with nothing open never quits…
    std::thread::sleep(Duration::from_millis(300)); // (or Esc q reads as Alt-q)
    assert!(again.child.try_wait().unwrap().is_none(), "Esc quit qari");
    again.keys("q"); // …q does
    assert!(again.wait_for_exit());
}

/// VTE applies BDSM to the rows made after it: explicit mode must come
/// before the alternate screen is entered (and the screen cleared), and
/// implicit mode come back only after it is left.
fn assert_bidi_mode_wraps_the_alternate_screen(raw: &str) {
    let explicit = raw.find("\x1b[8l").expect("BDSM explicit mode sent");
    let enter = raw.find("\x1b[?1049h").expect("alternate screen entered");
    let clear = raw[enter..].find("\x1b[2J").expect("screen cleared") + enter;
    let first_text = raw.find("sentence 1/").expect("a frame drawn");
    let leave = raw.rfind("\x1b[?1049l").expect("alternate screen left");
    let implicit = raw.rfind("\x1b[8h").expect("BDSM implicit mode restored");
    assert!(
        explicit < enter && enter < clear && clear < first_text,
        "{explicit} {enter} {clear} {first_text}"
    );
    assert!(leave < implicit, "{leave} {implicit}");
    assert_eq!(raw.matches("\x1b[8l").count(), 1);
    assert_eq!(raw.matches("\x1b[8h").count(), 1);
}

#[test]
fn mlterm_has_its_own_bidi_switched_off_and_back_on() {
    let library = tempfile::tempdir().unwrap();
    let env = [("MLTERM", "3.9.0"), ("TERM", "mlterm")];
    let mut session = Session::start_with_env(library.path(), 100, 30, &[], &env);
    session.wait_for("sentence 1/24");
    session.keys("q");
    assert!(session.wait_for_exit());
    let raw = session.raw();
    let off = raw.find("\x1b]5379;use_ctl=false\x1b\\").unwrap();
    let on = raw.find("\x1b]5379;use_ctl=true\x1b\\").unwrap();
    assert!(off < raw.find("\x1b[?1049h").unwrap());
    assert!(raw.rfind("\x1b[?1049l").unwrap() < on);
    assert_bidi_mode_wraps_the_alternate_screen(&raw);

    // With --bidi terminal mlterm's bidi is what shows the text: left on,
    // and BDSM is not sent either. (No dictionaries: loading the system's
    // would draw a frame at a moment of its own.)
    let no_dictionaries = library.path().join("no-dictionaries");
    let no_dictionaries = no_dictionaries.to_str().unwrap();
    let env = [
        ("MLTERM", "3.9.0"),
        ("TERM", "mlterm"),
        ("QARI_DICTIONARIES", no_dictionaries),
    ];
    let mut session =
        Session::start_with_env(library.path(), 100, 30, &["--bidi", "terminal"], &env);
    session.wait_for("sentence 1/24");
    session.wait_for("mlterm needs no --bidi terminal");
    session.wait_until_quiet(Duration::from_millis(300));
    // Each frame sends every cell, rows that did not change included (the
    // fourth sentence, فالجيش …): reordering terminals get whole rows.
    let before = session.raw().matches("فالجيش").count();
    assert!(before >= 1, "{before}");
    session.keys("j");
    session.wait_for("sentence 2/24");
    session.wait_until_quiet(Duration::from_millis(300));
    let after = session.raw().matches("فالجيش").count();
    assert!(
        after > before,
        "{before} then {after}: the unchanged row was not sent again"
    );
    session.keys("q");
    assert!(session.wait_for_exit());
    let raw = session.raw();
    assert!(!raw.contains("5379"), "{raw:?}");
    assert!(!raw.contains("\x1b[8l"));
}

#[test]
fn kitty_gets_a_hint_but_not_inside_tmux() {
    let library = tempfile::tempdir().unwrap();
    let kitty = [("KITTY_WINDOW_ID", "1"), ("TERM", "xterm-kitty")];
    let mut session = Session::start_with_env(library.path(), 160, 30, &[], &kitty);
    session.wait_for("sentence 1/24");
    session.wait_for("force_ltr yes");
    session.keys("q");
    assert!(session.wait_for_exit());
    let tmux = [
        ("KITTY_WINDOW_ID", "1"),
        ("TERM", "tmux-256color"),
        ("TMUX", "/tmp/tmux-0/default,1,0"),
    ];
    let mut session = Session::start_with_env(library.path(), 160, 30, &[], &tmux);
    session.wait_for("sentence 1/24");
    std::thread::sleep(Duration::from_millis(300));
    assert!(!session.contents().contains("force_ltr"));
    session.keys("q");
    assert!(session.wait_for_exit());
}

#[test]
fn a_light_background_reported_by_the_terminal_gets_the_light_palette() {
    for (background, unknown_colour) in [
        ("ffff/ffff/ffff", vt100::Color::Idx(4)),  // blue
        ("0000/0000/0000", vt100::Color::Idx(12)), // light blue
    ] {
        let library = tempfile::tempdir().unwrap();
        let mut session = Session::start(library.path(), 120, 40, &["--theme", "auto"]);
        // Answer the colour queries as a terminal would: foreground,
        // background, then the device attributes.
        let start = Instant::now();
        while !session.raw().contains("\x1b]11;?") {
            assert!(start.elapsed() < Duration::from_secs(5), "no colour query");
            std::thread::sleep(Duration::from_millis(5));
        }
        let foreground = if background.starts_with('f') {
            "0000/0000/0000"
        } else {
            "ffff/ffff/ffff"
        };
        session.keys(&format!(
            "\x1b]10;rgb:{foreground}\x1b\\\x1b]11;rgb:{background}\x1b\\\x1b[?62;22c"
        ));
        session.wait_for("sentence 1/24");
        session.keys("jj");
        session.wait_for("sentence 3/24");
        {
            let parser = session.screen.lock().unwrap();
            let screen = parser.screen();
            // The second word of the current sentence (no entry: "unknown").
            let (rows, columns) = screen.size();
            let mut coloured: Vec<vt100::Color> = (0..rows.get())
                .flat_map(|y| (0..columns.get()).map(move |x| (y, x)))
                .filter_map(|(y, x)| screen.cell(y, x))
                .filter(|cell| cell.fgcolor() != vt100::Color::Default)
                .map(|cell| cell.fgcolor())
                .collect();
            coloured.dedup();
            assert_eq!(coloured, [unknown_colour], "background {background}");
        }
        session.keys("q");
        assert!(session.wait_for_exit());
    }
}

#[test]
fn qari_render_on_a_terminal_right_aligns_arabic() {
    let library = tempfile::tempdir().unwrap();
    let file = library.path().join("text.txt");
    std::fs::write(&file, "الجيش السوري\nEnglish\n").unwrap();
    let path = file.to_str().unwrap();
    let mut session = Session::start(library.path(), 30, 10, &["render", "--dir", "auto", path]);
    assert!(session.wait_for_exit());
    let parser = session.screen.lock().unwrap();
    let rows: Vec<String> = parser.screen().rows(0, 30).take(3).collect();
    // The terminal's width, 30: the Arabic ends at the right edge.
    assert_eq!(rows, ["                  ﻱﺭﻮﺴﻟﺍ ﺶﻴﺠﻟﺍ", "", "English"]);
}

#[test]
fn a_malformed_article_in_the_library_is_reported_and_the_reader_still_starts() {
    let library = tempfile::tempdir().unwrap();
    std::fs::create_dir(library.path().join("articles")).unwrap();
    std::fs::write(
        library.path().join("articles/broken.toml"),
        "[[sentence]]\nar = \"x\"\nen = 3\n",
    )
    .unwrap();
    let mut session = Session::start(library.path(), 120, 40, &[]);
    session.wait_for("sentence 1/24");
    session.wait_for("broken.toml:3:6: invalid type: integer `3`, expected a string");
    session.keys("q");
    assert!(session.wait_for_exit());
}

#[test]
fn a_panic_restores_the_terminal_then_prints_its_message() {
    let library = tempfile::tempdir().unwrap();
    let mut session = Session::start(library.path(), 100, 30, &["--test-panic"]);
    assert!(!session.wait_for_exit(), "a panic is a failure");
    let parser = session.screen.lock().unwrap();
    let screen = parser.screen();
    assert!(!screen.alternate_screen());
    assert!(!screen.hide_cursor());
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    assert!(
        screen
            .contents()
            .contains("deliberate panic (--test-panic)"),
        "{}",
        screen.contents()
    );
    let raw = session.raw();
    assert_bidi_mode_wraps_the_alternate_screen(&raw);
    // The message comes after leaving the alternate screen, so it stays.
    assert!(raw.rfind("\x1b[?1049l").unwrap() < raw.find("deliberate panic").unwrap());
}

#[test]
fn an_entry_typed_in_arabic_survives_a_concurrent_add_a_kill_and_a_restart() {
    let library = tempfile::tempdir().unwrap();
    let mut session = Session::start(library.path(), 120, 40, &[]);
    session.wait_for("sentence 1/24");
    session.keys("jj"); // sentence 3: بعد ان سيطر …
    session.wait_for("sentence 3/24");
    session.keys("a");
    session.wait_for("New glossary entry");
    // Headword: clear what was prefilled, type Arabic.
    session.keys("\x1b[Z"); // Shift-Tab, from the gloss to the headword
    session.keys(&"\x7f".repeat(30));
    session.keys("نفيرعام");
    session.keys("\x7f\x7f\x7f"); // Backspace: نفير
    session.keys("\t");
    session.keys(&"\x7f".repeat(80));
    session.keys("qari-test-gloss");
    session.keys("\r");
    session.wait_for("Added");
    // Another qari adds an entry while the reader runs…
    let other = std::process::Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(["glossary", "add", "سيطر", "--gloss", "concurrent-gloss"])
        .env("QARI_LIBRARY", library.path())
        .output()
        .unwrap();
    assert!(other.status.success());
    // …then the reader is killed outright.
    session.child.kill().unwrap();
    let _ = session.child.wait();
    let saved = std::fs::read_to_string(library.path().join("glossary/user.toml")).unwrap();
    assert!(
        saved.contains("headword = \"نفير\"") && saved.contains("qari-test-gloss"),
        "{saved}"
    );
    assert!(saved.contains("concurrent-gloss"), "{saved}");

    // Restart: even killed, the reader had saved its position at each move.
    // The entry is in the pane for للنفير, the title's last word.
    let mut again = Session::start(library.path(), 120, 40, &[]);
    again.wait_for("sentence 3/24");
    again.keys("gjb"); // to the title, sentence 2, then back to the title's last word
    again.wait_for("qari-test-gloss");
    again.wait_for("your glossary");
    again.keys("q");
    assert!(again.wait_for_exit());
}

#[test]
fn qari_review_grades_in_a_real_terminal_and_the_schedule_survives() {
    let library = tempfile::tempdir().unwrap();
    let qari = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_qari"))
            .args(args)
            .env("QARI_LIBRARY", library.path())
            .output()
            .unwrap()
    };
    assert!(
        qari(&["glossary", "add", "نفير", "--gloss", "mobilisation-gloss"])
            .status
            .success()
    );
    assert_eq!(
        String::from_utf8_lossy(&qari(&["review", "--count"]).stdout),
        "1\n"
    );
    let mut session = Session::start(library.path(), 100, 30, &["review"]);
    session.wait_for("1 of 1 due");
    session.keys(" ");
    session.wait_for("mobilisation-gloss");
    session.keys("3");
    // The summary, then q leaves qari: `qari review` never ends in the reader.
    session.wait_for("Review done: 1 card reviewed, 0 again.");
    session.wait_for("q returns to the shell");
    session.keys("q");
    assert!(session.wait_for_exit());
    assert_eq!(
        String::from_utf8_lossy(&qari(&["review", "--count"]).stdout),
        "0\n"
    );
    let saved = std::fs::read_to_string(library.path().join("glossary/user.toml")).unwrap();
    assert!(
        saved.contains("[entry.review]") && saved.contains("reps = 1"),
        "{saved}"
    );
}

/// `qari` with `args` in `library`, outside the pseudo-terminal; must succeed.
fn run_qari(library: &Path, args: &[&str]) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(args)
        .env("QARI_LIBRARY", library)
        .output()
        .unwrap();
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn user_file(library: &Path) -> String {
    std::fs::read_to_string(library.join("glossary/user.toml")).unwrap_or_default()
}

/// The user's glossary file once it holds every one of `texts` (10 s at
/// most): saves run on a worker, so the screen may show the next card
/// before the grade is on disk.
fn user_file_with(library: &Path, texts: &[&str]) -> String {
    let start = Instant::now();
    loop {
        let saved = user_file(library);
        if texts.iter().all(|text| saved.contains(text)) {
            return saved;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "never saw {texts:?} in:\n{saved}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_status_key_changes_the_entry_on_disk_and_never_restores_a_stale_copy() {
    let library = tempfile::tempdir().unwrap();
    let dir = library.path();
    run_qari(dir, &["glossary", "add", "جيش", "--gloss", "army (mine)"]);
    let mut session = Session::start(dir, 120, 40, &[]);
    session.wait_for("sentence 1/24"); // the cursor is on الجيش, the first word
    session.wait_for("army (mine)");
    // Another qari edits the entry while the reader shows the old one…
    run_qari(
        dir,
        &[
            "glossary",
            "add",
            "جيش",
            "--gloss",
            "army EDITED",
            "--note",
            "n",
        ],
    );
    // …and a status key sets the status on the entry as it is on disk.
    session.keys("3");
    session.wait_for("status 3");
    let saved = user_file(dir);
    assert!(saved.contains("army EDITED"), "{saved}");
    assert!(saved.contains("notes = \"n\""), "{saved}");
    assert!(saved.contains("status = \"3\""), "{saved}");
    assert!(!saved.contains("army (mine)"), "{saved}");
    // Deleted meanwhile: it stays deleted, and the reader says so.
    run_qari(dir, &["glossary", "rm", "جيش"]);
    session.keys("4");
    session.wait_for("deleted from your glossary meanwhile");
    assert!(!user_file(dir).contains("جيش"), "{}", user_file(dir));
    session.keys("q");
    assert!(session.wait_for_exit());
}

#[test]
fn a_review_grade_builds_on_the_card_on_disk_and_keeps_edits_made_meanwhile() {
    let library = tempfile::tempdir().unwrap();
    let dir = library.path();
    run_qari(dir, &["glossary", "add", "نفير", "--gloss", "mobilisation"]);
    run_qari(dir, &["glossary", "add", "سيطر", "--gloss", "to control"]);
    let mut session = Session::start(dir, 100, 30, &["review"]);
    session.wait_for("1 of 2 due");
    // Meanwhile another qari adds a note to the first entry.
    run_qari(
        dir,
        &[
            "glossary",
            "add",
            "نفير",
            "--gloss",
            "mobilisation",
            "--note",
            "kept",
        ],
    );
    session.keys(" ");
    session.keys("3");
    session.wait_for("2 of 2 due");
    let saved = user_file_with(dir, &["reps = 1"]);
    assert!(saved.contains("notes = \"kept\""), "{saved}");
    // The second entry is deleted before it is graded: it stays deleted.
    run_qari(dir, &["glossary", "rm", "سيطر"]);
    session.keys(" ");
    session.keys("3");
    session.wait_for("deleted from your glossary meanwhile");
    assert!(!user_file(dir).contains("سيطر"));
    session.keys("q");
    assert!(session.wait_for_exit());
}

#[test]
fn two_readers_open_at_once_keep_each_others_positions() {
    let library = tempfile::tempdir().unwrap();
    let dir = library.path();
    let text = dir.join("other.txt");
    std::fs::write(&text, "خبر أول.\nخبر ثان.\nخبر ثالث.\n").unwrap();
    run_qari(
        dir,
        &["import", text.to_str().unwrap(), "--title", "Other news"],
    );
    let mut first = Session::start(dir, 100, 30, &["deir-ez-zor-2017"]);
    first.wait_for("sentence 1/24");
    let mut second = Session::start(dir, 100, 30, &["other-news"]);
    second.wait_for("sentence 1/");
    first.keys("jj");
    first.wait_for("sentence 3/24");
    second.keys("j");
    second.wait_for("sentence 2/");
    // The second quits first; the first, quitting last, must not write back
    // the positions it read at start.
    second.keys("q");
    assert!(second.wait_for_exit());
    first.keys("q");
    assert!(first.wait_for_exit());
    let state = std::fs::read_to_string(dir.join("state.toml")).unwrap();
    assert!(state.contains("deir-ez-zor-2017 = 3"), "{state}");
    assert!(state.contains("other-news = 2"), "{state}");
    assert!(
        state.contains("last_article = \"deir-ez-zor-2017\""),
        "{state}"
    );
}

#[test]
fn a_paste_is_text_in_the_field_never_enter_and_keys() {
    let library = tempfile::tempdir().unwrap();
    let dir = library.path();
    let mut session = Session::start(dir, 120, 40, &[]);
    session.wait_for("sentence 1/24");
    assert!(session.raw().contains("\x1b[?2004h"), "bracketed paste on");
    session.keys("a");
    session.wait_for("New glossary entry");
    // The gloss field is focused; clear it, then paste text with a line
    // break followed by `d` and `y`, the keys that would delete an entry.
    session.keys(&"\x7f".repeat(80));
    session.keys("\x1b[200~ally\ndy\x1b[201~");
    session.wait_for("ally dy");
    assert!(
        session.contents().contains("New glossary entry"),
        "form still open"
    );
    assert!(!dir.join("glossary/user.toml").exists(), "nothing saved");
    // A 59 KB paste is cut at the field's cap in one step.
    let big = "كلمة ".repeat(12_000);
    session.keys(&format!("\x1b[200~{big}\x1b[201~"));
    session.wait_for("The paste was cut at 1000 characters");
    session.keys("\x1b"); // Esc closes the form
    std::thread::sleep(Duration::from_millis(300)); // or Esc q reads as Alt-q
    session.keys("q");
    assert!(session.wait_for_exit());
    assert!(session.raw().contains("\x1b[?2004l"), "bracketed paste off");
}

fn signal(session: &Session, name: &str) {
    let pid = session.child.process_id().unwrap().to_string();
    let status = std::process::Command::new("kill")
        .args([&format!("-{name}"), &pid])
        .status()
        .unwrap();
    assert!(status.success());
}

/// The process state letter from /proc (T: stopped).
fn process_state(session: &Session) -> char {
    state_of(session.child.process_id().unwrap())
}

/// The state letter of process `pid` from /proc (T: stopped, Z: a zombie),
/// `?` when there is no such process.
fn state_of(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // "pid (comm) S …": the state follows the closing parenthesis.
    stat.rsplit_once(") ")
        .and_then(|(_, rest)| rest.chars().next())
        .unwrap_or('?')
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_keep_the_position() {
    for name in ["TERM", "HUP"] {
        let library = tempfile::tempdir().unwrap();
        let mut session = Session::start(library.path(), 100, 30, &[]);
        session.wait_for("sentence 1/24");
        session.keys("jj");
        session.wait_for("sentence 3/24");
        signal(&session, name);
        assert!(session.wait_for_exit(), "SIG{name}: a clean exit");
        {
            let parser = session.screen.lock().unwrap();
            let screen = parser.screen();
            assert!(!screen.alternate_screen(), "SIG{name}");
            assert!(!screen.hide_cursor(), "SIG{name}");
            assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
        }
        assert_bidi_mode_wraps_the_alternate_screen(&session.raw());
        let state = std::fs::read_to_string(library.path().join("state.toml")).unwrap();
        assert!(state.contains("deir-ez-zor-2017 = 3"), "SIG{name}: {state}");
    }
}

#[test]
fn ctrl_z_suspends_with_the_terminal_restored_and_fg_brings_the_reader_back() {
    let library = tempfile::tempdir().unwrap();
    let mut session = Session::start(library.path(), 100, 30, &[]);
    session.wait_for("sentence 1/24");
    session.keys("\x1a"); // Ctrl-Z
    let start = Instant::now();
    while process_state(&session) != 'T' {
        assert!(start.elapsed() < Duration::from_secs(5), "never stopped");
        std::thread::sleep(Duration::from_millis(20));
    }
    // What the reader wrote before it stopped reaches this test's pty
    // reader thread a moment later (later still on a loaded machine).
    let start = Instant::now();
    while session.screen.lock().unwrap().screen().alternate_screen() {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "restored while stopped"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    while !session.raw().ends_with("\x1b[8h") {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "BDSM back while stopped"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    signal(&session, "CONT");
    let start = Instant::now();
    while session.raw().matches("\x1b[?1049h").count() < 2 {
        assert!(start.elapsed() < Duration::from_secs(5), "never came back");
        std::thread::sleep(Duration::from_millis(20));
    }
    session.keys("j");
    session.wait_for("sentence 2/24");
    session.keys("q");
    assert!(session.wait_for_exit());
}

#[test]
fn bidi_from_the_configuration_file_and_the_command_line_over_it() {
    let library = tempfile::tempdir().unwrap();
    let config_home = tempfile::tempdir().unwrap();
    std::fs::create_dir(config_home.path().join("qari")).unwrap();
    std::fs::write(
        config_home.path().join("qari/config.toml"),
        "bidi = \"terminal\"\n",
    )
    .unwrap();
    let home = config_home.path().to_str().unwrap();
    let env = [("XDG_CONFIG_HOME", home)];
    for (args, bdsm_sent) in [(&[][..], false), (&["--bidi", "app"][..], true)] {
        let mut session = Session::start_with_env(library.path(), 100, 30, args, &env);
        session.wait_for("sentence 1/24");
        session.keys("q");
        assert!(session.wait_for_exit());
        assert_eq!(session.raw().contains("\x1b[8l"), bdsm_sent, "{args:?}");
    }
}

mod drafting;
mod following;
