//! The app's state machine, driven key by key through the key table on the
//! bundled article, without a terminal.
#![allow(clippy::unwrap_used)]

use crate::common;

use common::bundled_article;

use qari::app::keys::{action_for_event, action_for_key, scope_for};
use qari::app::{Action, App, Focus, Options, Row, Side};
use qari::article::Library;
use qari::glossary::Glossary;
use qari::runtime::{Executor, Inline};
use qari::text::{Direction, LayoutOptions, layout};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// The reader on the bundled article with the bundled glossary; entries
/// are saved nowhere.
fn app_at(columns: u16, rows: u16) -> Inline {
    let app =
        App::new(bundled_article(), 0, Options::default()).with_glossary(Glossary::load(None));
    let mut app = Inline::new(app, Executor::new(None));
    app.update(Action::Resize { columns, rows });
    app
}

fn press(app: &mut Inline, code: KeyCode) {
    press_with(app, code, KeyModifiers::NONE);
}

fn press_with(app: &mut Inline, code: KeyCode, modifiers: KeyModifiers) {
    let scope = scope_for(app.focus, app.overlay.as_ref());
    let action = action_for_key(KeyEvent::new(code, modifiers), scope)
        .unwrap_or_else(|| panic!("{code:?} is not bound"));
    app.update(action);
}

fn chars(app: &mut Inline, keys: &str) {
    for c in keys.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn next_and_previous_sentence_keys_step_and_stop_at_the_ends() {
    let mut app = app_at(120, 40);
    let last = app.article.sentences.len() - 1;
    assert_eq!(last, 23);
    chars(&mut app, "j");
    press(&mut app, KeyCode::Down);
    chars(&mut app, " ");
    assert_eq!(app.sentence, 3);
    chars(&mut app, "k");
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.sentence, 0);
    chars(&mut app, "k");
    assert_eq!(app.sentence, 0);
    for _ in 0..40 {
        chars(&mut app, "j");
    }
    assert_eq!(app.sentence, last);
}

#[test]
fn first_and_last_sentence_keys_jump() {
    let mut app = app_at(120, 40);
    chars(&mut app, "G");
    assert_eq!(app.sentence, 23);
    chars(&mut app, "g");
    assert_eq!(app.sentence, 0);
    press(&mut app, KeyCode::End);
    assert_eq!(app.sentence, 23);
    press(&mut app, KeyCode::Home);
    assert_eq!(app.sentence, 0);
}

#[test]
fn every_sentence_is_kept_in_view_at_every_size() {
    for (columns, rows) in [(120, 40), (80, 24), (20, 5), (40, 12)] {
        let mut app = app_at(columns, rows);
        for index in 0..app.article.sentences.len() {
            app.update(Action::FirstSentence);
            for _ in 0..index {
                app.update(Action::NextSentence);
            }
            let mut jumped = app_at(columns, rows);
            jumped.update(Action::LastSentence);
            for _ in index..23 {
                jumped.update(Action::PreviousSentence);
            }
            for app in [&app, &jumped] {
                assert_eq!(app.sentence, index);
                let shown: Vec<usize> = app
                    .view
                    .rows
                    .iter()
                    .filter_map(|row| match row {
                        Row::Text { sentence, line, .. } if *sentence == index => Some(*line),
                        _ => None,
                    })
                    .collect();
                let options = LayoutOptions {
                    width: usize::from(app.view.text.width),
                    direction: Direction::Rtl,
                    shape: true,
                };
                let total = layout(&app.article.sentences[index].ar, &options)
                    .lines
                    .len();
                let fits = total < usize::from(app.view.text.height);
                assert!(
                    !shown.is_empty(),
                    "{columns}x{rows}: sentence {index} not shown"
                );
                assert_eq!(
                    shown[0], 0,
                    "{columns}x{rows}: sentence {index} starts off screen"
                );
                if fits {
                    assert_eq!(shown.len(), total, "{columns}x{rows}: sentence {index} cut");
                }
            }
        }
    }
}

#[test]
fn words_step_in_reading_order_and_cross_into_the_neighbouring_sentences() {
    let mut app = app_at(120, 40);
    chars(&mut app, "jj");
    let count = app.current().words.len();
    assert_eq!(app.current().word(0), Some("بعد"));
    chars(&mut app, "w");
    assert_eq!((app.word, app.current().word(1)), (1, Some("ان")));
    chars(&mut app, "bb");
    assert_eq!(
        (app.sentence, app.word),
        (1, 4),
        "b from the first word goes back a sentence"
    );
    assert_eq!(app.current().word(4), Some("الزور"));
    chars(&mut app, "w");
    assert_eq!((app.sentence, app.word), (2, 0));
    for _ in 0..count - 1 {
        chars(&mut app, "w");
    }
    assert_eq!(app.word, count - 1);
    chars(&mut app, "w");
    assert_eq!((app.sentence, app.word), (3, 0));
}

#[test]
fn left_arrow_reads_on_in_arabic_and_right_arrow_reads_back() {
    // In right-to-left text every word's left neighbour on screen is the
    // next word in reading order, across line ends: on every sentence, at
    // two widths, ← visits the words in order and → retraces them.
    for (columns, rows) in [(120, 40), (60, 30)] {
        let mut app = app_at(columns, rows);
        for index in 0..app.article.sentences.len() {
            while app.sentence < index {
                app.update(Action::NextSentence);
            }
            let count = app.current().words.len();
            for expected in 1..count {
                press(&mut app, KeyCode::Left);
                assert_eq!(
                    (app.sentence, app.word),
                    (index, expected),
                    "{columns}: ← in {index}"
                );
            }
            for expected in (0..count - 1).rev() {
                press(&mut app, KeyCode::Right);
                assert_eq!(
                    (app.sentence, app.word),
                    (index, expected),
                    "{columns}: → in {index}"
                );
            }
        }
        // Past the last word, ← goes on to the next sentence.
        app.update(Action::FirstSentence);
        let count = app.current().words.len();
        for _ in 0..count {
            press(&mut app, KeyCode::Left);
        }
        assert_eq!((app.sentence, app.word), (1, 0));
        press(&mut app, KeyCode::Right);
        assert_eq!((app.sentence, app.word), (0, count - 1));
    }
}

#[test]
fn translation_and_notes_reveal_per_sentence_or_always() {
    let mut app = app_at(120, 40);
    // From the second sentence: the first shows the article's intro.
    chars(&mut app, "j");
    assert!(!app.study.translation_shown() && !app.study.notes_shown());
    assert!(app.view.study_rows.is_empty());
    chars(&mut app, "t");
    assert!(app.study.translation_shown());
    assert!(!app.view.study_rows.is_empty());
    chars(&mut app, "n");
    assert!(app.study.notes_shown());
    chars(&mut app, "j");
    assert!(
        !app.study.translation_shown() && !app.study.notes_shown(),
        "revealing is per sentence"
    );
    chars(&mut app, "T");
    assert!(app.study.always_translation() && app.study.translation_shown());
    chars(&mut app, "jj");
    assert!(app.study.translation_shown());
    chars(&mut app, "t");
    assert!(
        !app.study.translation_shown(),
        "t still hides this sentence's"
    );
    chars(&mut app, "T");
    assert!(!app.study.always_translation() && !app.study.translation_shown());
    chars(&mut app, "N");
    chars(&mut app, "j");
    assert!(app.study.notes_shown());
}

#[test]
fn long_notes_scroll_and_the_text_keeps_the_current_sentence() {
    let mut app = app_at(80, 24);
    chars(&mut app, "jjtn");
    assert!(
        app.view.study_hidden > 0,
        "at 80x24 sentence 3's notes overflow"
    );
    let first = app.view.study_rows[0].line.clone();
    chars(&mut app, "J");
    assert_eq!(app.study.scroll(), 1);
    for _ in 0..200 {
        press(&mut app, KeyCode::PageDown);
    }
    assert_eq!(app.view.study_hidden, 0, "scrolled to the end");
    chars(&mut app, "K");
    press(&mut app, KeyCode::PageUp);
    assert!(app.study.scroll() > 0);
    for _ in 0..200 {
        chars(&mut app, "K");
    }
    assert_eq!(app.study.scroll(), 0);
    assert_eq!(app.view.study_rows[0].line.is_none(), first.is_none());
    let current_rows = app
        .view
        .rows
        .iter()
        .filter(|r| matches!(r, Row::Text { sentence: 2, .. }))
        .count();
    assert!(
        current_rows >= 5,
        "the sentence stays readable above its notes"
    );
}

#[test]
fn tab_moves_the_focus_and_the_glossary_keys_follow_it() {
    let mut app = app_at(120, 40);
    chars(&mut app, "jj");
    assert!(app.pane_entries().len() > 3);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Glossary);
    chars(&mut app, "jj");
    assert_eq!((app.sentence, app.pane.selected()), (2, 2));
    chars(&mut app, "k");
    assert_eq!(app.pane.selected(), 1);
    chars(&mut app, " ");
    assert_eq!(
        (app.sentence, app.pane.selected()),
        (3, 0),
        "Space still reads on"
    );
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus, Focus::Reader);
    // Without a glossary pane there is nothing to focus.
    let mut narrow = app_at(50, 20);
    press(&mut narrow, KeyCode::Tab);
    assert_eq!(narrow.focus, Focus::Reader);
}

#[test]
fn glossary_pane_hides_and_changes_side() {
    let mut app = app_at(120, 40);
    assert_eq!(app.pane.side(), Side::Left);
    let left = app.screen.glossary.unwrap();
    chars(&mut app, "P");
    let right = app.screen.glossary.unwrap();
    assert!(right.x > left.x && right.right() == 120);
    chars(&mut app, "p");
    assert_eq!(app.screen.glossary, None);
    assert_eq!(app.screen.reader.width, 120);
}

#[test]
fn help_opens_esc_closes_it_and_only_q_or_ctrl_c_quit() {
    let mut app = app_at(120, 40);
    chars(&mut app, "?");
    assert!(app.help_open());
    chars(&mut app, "?");
    assert!(!app.help_open());
    chars(&mut app, "?");
    press(&mut app, KeyCode::Esc);
    assert!(!app.help_open() && !app.should_quit);
    press(&mut app, KeyCode::Esc);
    assert!(!app.should_quit, "Esc with nothing open does nothing");

    let mut app = app_at(120, 40);
    chars(&mut app, "q");
    assert!(app.should_quit);
    let mut app = app_at(120, 40);
    press_with(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.should_quit);
}

#[test]
fn clicking_a_word_moves_the_cursor_there_and_the_wheel_moves_sentences() {
    let mut app = app_at(120, 40);
    // Find where sentence 5's fourth word is drawn.
    let spots = {
        let article = app.article.clone();
        app.view.word_spots(&article, 4)
    };
    let spot = spots.iter().find(|s| s.word == 3).copied().unwrap();
    let (row_index, line) = app
        .view
        .rows
        .iter()
        .enumerate()
        .find_map(|(i, row)| match row {
            Row::Text {
                sentence: 4, line, ..
            } if *line == spot.line => Some((i, row)),
            _ => None,
        })
        .map(|(i, row)| (i, row.line().unwrap().1.clone()))
        .unwrap();
    let column = app.view.line_x(&line) + spot.left as u16;
    let row = app.view.text.y + row_index as u16;
    let click = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
    app.update(action_for_event(&click, scope_for(app.focus, None)).unwrap());
    assert_eq!((app.sentence, app.word), (4, 3));
    assert_eq!(app.current().word(3), Some("السوري"));

    let wheel = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 0,
            row: 0,
            modifiers: KeyModifiers::NONE,
        })
    };
    app.update(
        action_for_event(
            &wheel(MouseEventKind::ScrollDown),
            scope_for(app.focus, None),
        )
        .unwrap(),
    );
    assert_eq!(app.sentence, 5);
    app.update(
        action_for_event(&wheel(MouseEventKind::ScrollUp), scope_for(app.focus, None)).unwrap(),
    );
    assert_eq!(app.sentence, 4);
}

#[test]
fn any_size_down_to_one_cell_and_back_keeps_the_state() {
    let mut app = app_at(120, 40);
    chars(&mut app, "jjjwwtn");
    let sentence = app.sentence;
    for (columns, rows) in [
        (1, 1),
        (0, 0),
        (2, 1),
        (11, 3),
        (20, 5),
        (500, 200),
        (120, 40),
    ] {
        app.update(Action::Resize { columns, rows });
        chars(&mut app, "jk");
        assert_eq!(app.sentence, sentence);
        assert_eq!(app.screen.too_small, columns < 12 || rows < 2);
    }
    assert!(!app.view.rows.is_empty());
}

#[test]
fn translation_and_notes_lines_fit_the_study_panel_at_every_size() {
    for (columns, rows) in [(120, 40), (80, 24), (200, 60), (40, 12), (20, 5)] {
        let mut app = app_at(columns, rows);
        chars(&mut app, "TN");
        for _ in 0..app.article.sentences.len() {
            for row in &app.view.study_rows {
                if let Some(line) = &row.line {
                    assert!(
                        line.width <= usize::from(app.view.study.width),
                        "{columns}x{rows}, sentence {}: {} > {}",
                        app.sentence,
                        line.width,
                        app.view.study.width
                    );
                }
            }
            chars(&mut app, "j");
        }
    }
}

/// The reader with the bundled glossary, saving to a temporary library.
fn app_with_library(library: &std::path::Path) -> Inline {
    let glossary = Glossary::load(Some(&library.join("glossary")));
    let app = App::new(bundled_article(), 0, Options::default())
        .with_glossary(glossary)
        .with_saving();
    let mut app = Inline::new(app, Executor::new(Some(Library::new(library))));
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    app
}

fn type_text(app: &mut Inline, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn form(app: &App) -> &qari::app::Form {
    match &app.overlay {
        Some(qari::app::Overlay::Form(form)) => form,
        other => panic!("no form open: {other:?}"),
    }
}

#[test]
fn a_adds_an_entry_through_the_form_and_the_pane_shows_it_at_once() {
    let library = tempfile::tempdir().unwrap();
    let mut app = app_with_library(library.path());
    chars(&mut app, "jj");
    // The cursor on وحلفاؤه (the sixth word of sentence 3).
    chars(&mut app, "wwwww");
    assert_eq!(app.current().word(app.word), Some("وحلفاؤه"));
    chars(&mut app, "a");
    assert_eq!(
        form(&app).fields[0].text,
        "حلفاء",
        "clitics off, hamza on its line"
    );
    // Typing goes to the form: q and j are letters here.
    assert_eq!(form(&app).focused, 1, "the form starts on the gloss");
    assert_eq!(
        form(&app).fields[1].text,
        "ally",
        "prefilled from the bundled حليف"
    );
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "allies; qj");
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace);
    }
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "ح ل ف");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "saved and closed");
    assert!(!app.should_quit);
    let found = app.cursor_matches();
    // The learner's entry comes first, before the bundled حليف.
    let entry = &app.glossary.entries[found[0].entry];
    assert_eq!(
        (entry.headword.as_str(), entry.senses.as_slice()),
        ("حلفاء", &["allies".to_owned()][..])
    );
    assert_eq!(entry.root, "ح ل ف");
    assert_eq!(found[0].how(&app.glossary), "و + حلفاء + ه");
    assert!(!app.glossary.source_of(found[0].entry).bundled);
    let saved = std::fs::read_to_string(library.path().join("glossary/user.toml")).unwrap();
    assert!(
        saved.contains("headword = \"حلفاء\"") && saved.contains("sentence = 3"),
        "{saved}"
    );
}

#[test]
fn the_form_refuses_bad_input_with_a_reason_and_esc_cancels() {
    let library = tempfile::tempdir().unwrap();
    let mut app = app_with_library(library.path());
    chars(&mut app, "a");
    // The form starts on the gloss, prefilled from the glossary.
    assert_eq!(form(&app).focused, 1);
    assert!(!form(&app).fields[1].text.is_empty());
    for _ in 0..80 {
        press(&mut app, KeyCode::Backspace);
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        form(&app)
            .error
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("an entry needs at least one gloss")
    );
    type_text(&mut app, &"x".repeat(10_000));
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        form(&app)
            .error
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("the gloss is 10000 characters long; the limit is 1000")
    );
    press(&mut app, KeyCode::BackTab);
    for _ in 0..80 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "abc");
    press(&mut app, KeyCode::Enter);
    assert!(
        form(&app)
            .error
            .as_ref()
            .map(ToString::to_string)
            .as_deref()
            .unwrap()
            .contains("has no Arabic letter")
    );
    assert!(
        !library.path().join("glossary/user.toml").exists(),
        "nothing saved"
    );
    press(&mut app, KeyCode::Esc);
    assert!(
        app.overlay.is_none() && !app.should_quit,
        "Esc closes the form only"
    );
}

#[test]
fn e_edits_d_deletes_after_a_yes_and_bundled_entries_are_kept() {
    let library = tempfile::tempdir().unwrap();
    let mut app = app_with_library(library.path());
    chars(&mut app, "jj");
    // The first word of sentence 3 with a bundled one-word entry.
    while app.match_at(app.word).is_none_or(|m| m.len > 1) {
        chars(&mut app, "w");
    }
    let headword = app.glossary.entries[app.cursor_matches()[0].entry]
        .headword
        .clone();
    chars(&mut app, "d");
    assert!(app.overlay.is_none());
    assert!(
        app.message
            .as_ref()
            .map(ToString::to_string)
            .as_deref()
            .unwrap()
            .contains("bundled entry")
    );
    chars(&mut app, "e");
    assert_eq!(form(&app).fields[0].text, headword);
    type_text(&mut app, "; among");
    press(&mut app, KeyCode::Enter);
    let first = app.cursor_matches()[0].clone();
    assert!(
        !app.glossary.source_of(first.entry).bundled,
        "edited into the user's glossary"
    );
    assert!(
        app.glossary.entries[first.entry]
            .senses
            .contains(&"among".to_owned())
    );
    chars(&mut app, "d");
    chars(&mut app, "n");
    assert!(app.overlay.is_none());
    assert!(
        !app.glossary
            .source_of(app.cursor_matches()[0].entry)
            .bundled,
        "n keeps it"
    );
    chars(&mut app, "dy");
    let back = app.cursor_matches()[0].clone();
    assert!(
        app.glossary.source_of(back.entry).bundled,
        "the bundled entry shows again"
    );
}

#[test]
fn v_selects_several_words_and_a_adds_them_as_one_term() {
    let library = tempfile::tempdir().unwrap();
    let mut app = app_with_library(library.path());
    chars(&mut app, "jj");
    // "منطقة المقابر": words 12 and 13 of sentence 3.
    while app.current().word(app.word) != Some("منطقة") {
        chars(&mut app, "w");
    }
    chars(&mut app, "vw");
    assert_eq!(app.cursor_span().len(), 2);
    chars(&mut app, "a");
    assert_eq!(form(&app).fields[0].text, "منطقة المقابر");
    type_text(&mut app, "the Cemeteries district");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    let span = app.cursor_span();
    assert_eq!(span.len(), 2, "the term is highlighted as one unit");
    let term = app.match_at(app.word).unwrap();
    assert_eq!(
        app.glossary.entries[term.matches[0].entry].headword,
        "منطقة المقابر"
    );
}

#[test]
fn slash_searches_in_arabic_and_english() {
    let mut app = app_at(120, 40);
    chars(&mut app, "/");
    type_text(&mut app, "towards");
    press(&mut app, KeyCode::Enter);
    let (query, hits) = app.search_results.clone().unwrap();
    assert_eq!(query, "towards");
    assert!(
        hits.iter()
            .any(|&i| app.glossary.entries[i].headword == "إلى")
    );
    assert_eq!(app.focus, Focus::Glossary);
    press(&mut app, KeyCode::Esc);
    assert!(app.search_results.is_none() && !app.should_quit);
    chars(&mut app, "/");
    type_text(&mut app, "الى");
    press(&mut app, KeyCode::Enter);
    let (_, hits) = app.search_results.clone().unwrap();
    assert_eq!(app.glossary.entries[hits[0]].headword, "إلى");
}

/// "war" is a word of "war, warfare", not of "towards" or "software".
/// `/` searches the dictionaries too, once they have loaded: an English
/// word through an English → Arabic dictionary, an Arabic word through an
/// Arabic → English one; their results are drawn under the glossary's.
#[test]
fn a_search_also_finds_what_the_dictionaries_have() {
    let mut app = app_at(120, 40);
    let fixtures = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/stardict"
    ));
    let dictionaries = qari::dict::Dictionaries::load(&[fixtures]);
    app.update(qari::app::Msg::DictionariesLoaded(std::sync::Arc::new(
        dictionaries,
    )));
    chars(&mut app, "/");
    type_text(&mut app, "ceasefire");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.search_dictionary
            .iter()
            .any(|m| m.dictionary == "qari-test-en"
                && m.senses.iter().any(|s| s.contains("وقف إطلاق النار"))),
        "{:?}",
        app.search_dictionary
    );
    // The pane's view model carries them, for the widget to draw.
    assert!(app.glossary_pane.dictionaries.as_ref().is_some_and(|d| {
        d.iter()
            .any(|m| m.dictionaries.iter().any(|d| d == "qari-test-en"))
    }));
    press(&mut app, KeyCode::Esc);
    assert!(app.search_dictionary.is_empty());
    chars(&mut app, "/");
    type_text(&mut app, "معركة");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.search_dictionary
            .iter()
            .any(|m| m.dictionary == "qari-test" && m.senses.iter().any(|s| s == "battle")),
        "{:?}",
        app.search_dictionary
    );
}

#[test]
fn an_english_search_matches_whole_words_only() {
    let mut app = app_at(120, 40);
    chars(&mut app, "/");
    type_text(&mut app, "war");
    press(&mut app, KeyCode::Enter);
    let (_, hits) = app.search_results.clone().unwrap();
    assert!(!hits.is_empty());
    for &i in &hits {
        let senses = app.glossary.entries[i].senses.join("; ");
        let whole_word = senses
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word == "war");
        assert!(
            whole_word,
            "{} ({senses}) found for war",
            app.glossary.entries[i].headword
        );
    }
    // A phrase is matched as whole words too.
    press(&mut app, KeyCode::Esc);
    chars(&mut app, "/");
    type_text(&mut app, "up to");
    press(&mut app, KeyCode::Enter);
    let (_, hits) = app.search_results.clone().unwrap();
    assert!(
        hits.iter()
            .any(|&i| app.glossary.entries[i].headword == "إلى")
    );
}

#[test]
fn every_word_of_the_bundled_article_gets_an_entry_or_a_note_in_the_pane() {
    // Without dictionaries: the bundled glossary alone answers every word;
    // numerals are explained by the pane.
    let mut app = app_at(120, 40);
    let mut words = 0;
    for index in 0..app.article.sentences.len() {
        app.update(Action::FirstSentence);
        for _ in 0..index {
            app.update(Action::NextSentence);
        }
        for word in 0..app.current().words.len() {
            while app.word < word {
                app.update(Action::NextWord);
            }
            let text = app.current().word(word).unwrap().to_owned();
            let answered =
                !app.cursor_matches().is_empty() || qari::arabic::numeral(&text).is_some();
            assert!(
                answered,
                "sentence {}: {text} has nothing in the pane",
                index + 1
            );
            words += 1;
        }
    }
    assert_eq!(words, 610);
}

#[test]
fn capital_e_edits_the_sentence_translation_and_notes_saved_in_the_learners_overlay() {
    let library = tempfile::tempdir().unwrap();
    let mut app = app_with_library(library.path());
    chars(&mut app, "j");
    chars(&mut app, "E");
    assert_eq!(
        form(&app).fields[0].text,
        "Has the battle for Deir ez-Zor begun?"
    );
    for _ in 0..60 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "Has the Deir ez-Zor battle started?");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, " | my own note");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    assert_eq!(app.current().en, "Has the Deir ez-Zor battle started?");
    assert_eq!(app.current().notes.last().unwrap(), "my own note");
    let overlay = library.path().join("overlays/deir-ez-zor-2017.toml");
    assert_eq!(
        app.message.as_ref().map(ToString::to_string).as_deref(),
        Some(
            format!(
                "Saved this sentence's translation and notes in {}",
                overlay.display()
            )
            .as_str()
        )
    );
    // No copy of the article: the bundled one, with the overlay over it.
    assert!(
        !library
            .path()
            .join("articles/deir-ez-zor-2017.toml")
            .exists()
    );
    let catalog = Library::new(library.path()).catalog();
    assert!(catalog.notices.is_empty(), "{:?}", catalog.notices);
    let saved = catalog.get("deir-ez-zor-2017").unwrap();
    assert_eq!(saved.origin, qari::article::Origin::Bundled);
    assert_eq!(saved.sentences[1].en, "Has the Deir ez-Zor battle started?");
    assert_eq!(
        saved.sentences[1].notes.len(),
        bundled_article().sentences[1].notes.len() + 1
    );
    assert_eq!(saved.sentences[5].en, bundled_article().sentences[5].en);
    assert_eq!(saved.sentences.len(), 24);
    // The overlay holds that one sentence, anchored by number and text.
    let text = std::fs::read_to_string(&overlay).unwrap();
    let entries = qari::article::parse_overlay(text.as_bytes(), &overlay).unwrap();
    assert_eq!(entries.entries.len(), 1, "{text}");
    assert_eq!(entries.entries[0].index, 1);
    assert_eq!(entries.entries[0].ar, bundled_article().sentences[1].ar);
    assert!(text.contains("number = 2\n"), "{text}");
}

#[test]
fn status_keys_set_the_learners_status_creating_an_entry_when_needed() {
    use qari::glossary::Status;
    let library = tempfile::tempdir().unwrap();
    let mut app = app_with_library(library.path());
    chars(&mut app, "jj"); // بعد ان سيطر …
    assert_eq!(
        app.knowledge_of(2).unwrap()[0],
        None,
        "no entry of the learner's yet"
    );
    let bundled = app.glossary.entries[app.cursor_matches()[0].entry].clone();
    chars(&mut app, "3");
    // The message names what was saved, gloss and all: a wrong reading
    // turned into the learner's entry shows.
    assert_eq!(
        message(&app),
        format!(
            "Added {} ({}), status 3: the gloss is from the bundled glossary",
            bundled.headword,
            bundled.gloss()
        )
    );
    assert_eq!(app.knowledge_of(2).unwrap()[0], Some(Status::Level(3)));
    chars(&mut app, "4");
    assert_eq!(
        message(&app),
        format!("{} ({}): status 4", bundled.headword, bundled.gloss())
    );
    // Every status key, each to its own status.
    for (key, status) in [
        ('1', Status::Level(1)),
        ('2', Status::Level(2)),
        ('3', Status::Level(3)),
        ('4', Status::Level(4)),
        ('5', Status::Level(5)),
        ('W', Status::WellKnown),
        ('I', Status::Ignored),
    ] {
        chars(&mut app, &key.to_string());
        assert_eq!(app.knowledge_of(2).unwrap()[0], Some(status), "{key}");
    }
    let saved = qari::glossary::UserGlossary::new(library.path().join("glossary"))
        .read()
        .unwrap();
    assert_eq!(saved.len(), 1, "one entry, its status changed in place");
    assert_eq!(saved[0].status, Some(Status::Ignored));
    // A multi-word term (the first in this sentence) takes its status as
    // one unit.
    while app.match_at(app.word).is_none_or(|m| m.len < 2) {
        chars(&mut app, "w");
    }
    let span = app.cursor_span();
    chars(&mut app, "2");
    let known = app.knowledge_of(2).unwrap();
    assert!(
        span.clone().all(|w| known[w] == Some(Status::Level(2))),
        "{span:?} {known:?}"
    );
    // The stats follow: every occurrence of the term is learning, the one
    // ignored word and the numerals are left out.
    let stats = app.stats.unwrap();
    assert!(
        stats.tokens.learning >= span.len() && stats.tokens.learning.is_multiple_of(span.len())
    );
    assert_eq!(stats.tokens.counted() + stats.tokens.ignored, 610);
    assert!(stats.tokens.unknown > 500);
}

#[test]
fn e_on_the_learners_entry_keeps_its_status_and_review() {
    use qari::glossary::{Status, UserGlossary};
    let library = tempfile::tempdir().unwrap();
    let mut app = app_with_library(library.path());
    chars(&mut app, "jj"); // بعد ان سيطر …
    chars(&mut app, "4"); // the learner's own entry for بعد, status 4
    let user = UserGlossary::new(library.path().join("glossary"));
    let before = user.read().unwrap();
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].status, Some(Status::Level(4)));
    chars(&mut app, "e");
    assert_eq!(form(&app).fields[0].text, before[0].headword);
    assert_eq!(form(&app).base.status, Some(Status::Level(4)));
    type_text(&mut app, "; later");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "saved: {:?}", app.overlay);
    let after = user.read().unwrap();
    assert_eq!(after.len(), 1, "edited in place");
    assert!(after[0].senses.contains(&"later".to_owned()));
    assert_eq!(after[0].status, Some(Status::Level(4)), "status kept");
    assert_eq!(
        (&after[0].context, &after[0].created, &after[0].review),
        (&before[0].context, &before[0].created, &before[0].review)
    );
    assert_eq!(app.knowledge_of(2).unwrap()[0], Some(Status::Level(4)));
}

#[test]
fn r_reviews_due_entries_in_their_sentence_and_saves_each_grade() {
    use qari::app::{Overlay, due_entries};
    let library = tempfile::tempdir().unwrap();
    let mut app = app_with_library(library.path());
    chars(&mut app, "jj"); // sentence 3
    chars(&mut app, "2"); // بعد: an entry of the learner's, status 2, met here
    chars(&mut app, "w");
    chars(&mut app, "1");
    assert_eq!(due_entries(&app.glossary, chrono::Utc::now()).len(), 2);
    chars(&mut app, "r");
    let session = match &app.overlay {
        Some(Overlay::Review(session)) => session.clone(),
        other => panic!("no review: {other:?}"),
    };
    assert_eq!(session.items.len(), 2);
    let (sentence, word, english) = session.items[0].sentence.clone().unwrap();
    assert_eq!(sentence, app.article.sentences[2].ar);
    assert!(!word.is_empty(), "the word is highlighted");
    assert!(english.starts_with("After the Syrian army"));
    // 3 before the answer is shown only shows it; then it grades.
    chars(&mut app, "3");
    chars(&mut app, "3");
    press(&mut app, KeyCode::Char(' '));
    chars(&mut app, "1");
    let Some(Overlay::Review(session)) = &app.overlay else {
        panic!()
    };
    assert_eq!((session.graded, session.current), (2, 2));
    // Good pushed one out of today's reviews; Again keeps the other due soon.
    let entries = qari::glossary::UserGlossary::new(library.path().join("glossary"))
        .read()
        .unwrap();
    assert!(
        entries.iter().all(|e| e.review.is_some()),
        "every grade saved"
    );
    assert!(due_entries(&app.glossary, chrono::Utc::now()).len() < 2);
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none() && !app.should_quit);
}

#[test]
fn the_help_scrolls_when_it_does_not_fit_and_its_keys_do_not_reach_the_reader() {
    let mut app = app_at(80, 24);
    chars(&mut app, "?");
    chars(&mut app, "jjj");
    assert_eq!(
        (app.help_scroll, app.sentence),
        (3, 0),
        "j scrolls the help, not the text"
    );
    chars(&mut app, "k");
    assert_eq!(app.help_scroll, 2);
    chars(&mut app, "?");
    assert!(!app.help_open());
    chars(&mut app, "?");
    assert_eq!(app.help_scroll, 0);
    press(&mut app, KeyCode::Esc);
    assert!(!app.help_open() && !app.should_quit);
}

#[test]
fn c_turns_word_colours_off_and_on() {
    let mut app = app_at(120, 40);
    assert!(app.knowledge_of(0).is_some());
    chars(&mut app, "c");
    assert!(!app.word_colours && app.knowledge_of(0).is_none());
    chars(&mut app, "c");
    assert!(app.knowledge_of(0).is_some());
}

#[test]
fn capital_e_keeps_edits_made_to_the_overlay_meanwhile_and_leaves_a_broken_one_alone() {
    use qari::article::{Origin, SentenceEdit};
    let library = tempfile::tempdir().unwrap();
    let mut app = app_with_library(library.path());
    chars(&mut app, "E");
    type_text(&mut app, " (first edit)");
    press(&mut app, KeyCode::Enter);
    // Another reader saves sentence 5 meanwhile…
    let bundled = bundled_article();
    Library::new(library.path())
        .save_sentence_edit(
            "deir-ez-zor-2017",
            &Origin::Bundled,
            4,
            &bundled.sentences[4].ar,
            SentenceEdit::new("THEIRS", vec![]),
        )
        .unwrap();
    // …and an edit in this reader keeps it (and takes it in).
    chars(&mut app, "j");
    chars(&mut app, "E");
    type_text(&mut app, " (second edit)");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    assert_eq!(app.article.sentences[4].en, "THEIRS");
    let saved = Library::new(library.path()).catalog();
    let article = saved.get("deir-ez-zor-2017").unwrap();
    assert_eq!(article.sentences[4].en, "THEIRS");
    assert!(article.sentences[0].en.ends_with("(first edit)"));
    assert!(article.sentences[1].en.ends_with("(second edit)"));
    // An overlay that no longer reads is never overwritten.
    let path = library.path().join("overlays/deir-ez-zor-2017.toml");
    std::fs::write(&path, "[[sentence]]\nar = \n").unwrap();
    chars(&mut app, "E");
    type_text(&mut app, "x");
    press(&mut app, KeyCode::Enter);
    let error = form(&app).error.as_ref().unwrap().to_string();
    assert!(error.contains("qari leaves it as it is"), "{error}");
    assert!(
        error.contains("overlays/deir-ez-zor-2017.toml:2:"),
        "{error}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "[[sentence]]\nar = \n"
    );
    // The reader still opens the article, without the overlay, and says so.
    let catalog = Library::new(library.path()).catalog();
    assert_eq!(
        catalog.get("deir-ez-zor-2017").unwrap().sentences[4].en,
        bundled.sentences[4].en
    );
    assert_eq!(catalog.notices.len(), 1);
    assert!(catalog.notices[0].is_problem());
    // Once it is fixed (here: removed), the same form saves.
    std::fs::remove_file(&path).unwrap();
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    assert!(path.exists());
}

/// The bare app, no runner: `update` returns what it asks for.
fn pure_app() -> App {
    let mut app = App::new(bundled_article(), 0, Options::default())
        .with_glossary(Glossary::load(None))
        .with_saving();
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    app
}

#[test]
fn update_asks_for_saves_and_speech_and_does_none_itself() {
    use qari::app::Effect;
    let mut app = pure_app();
    // A move to another sentence asks for the position to be saved, once;
    // a move inside the sentence asks for nothing.
    assert_eq!(
        app.update(Action::NextSentence),
        vec![Effect::SavePosition {
            article: "deir-ez-zor-2017".into(),
            sentence: 2
        }]
    );
    assert_eq!(app.update(Action::NextWord), vec![]);
    assert_eq!(
        app.update(Action::Speak),
        vec![Effect::Speak(app.current().ar.clone())]
    );
    assert_eq!(app.update(Action::Suspend), vec![Effect::Suspend]);
    assert_eq!(app.update(Action::Quit), vec![Effect::StopSpeaking]);
    assert!(app.should_quit);
}

#[test]
fn a_form_stays_open_until_its_save_comes_back_and_shows_a_failure() {
    use qari::app::{Effect, EntryChange, EntrySaved, Msg, Overlay};
    use qari::glossary::{GlossaryError, Saved};
    let mut app = pure_app();
    app.update(Action::NextSentence);
    app.update(Action::AddEntry);
    for c in "to take".chars() {
        app.update(Action::Input(c));
    }
    let effects = app.update(Action::Submit);
    let [Effect::SaveEntry(change)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let EntryChange::Add(entry) = change.as_ref() else {
        panic!("{change:?}")
    };
    assert!(entry.senses.join(";").contains("to take"), "{entry:?}");
    let Some(Overlay::Form(form)) = &app.overlay else {
        panic!("the form closed before the save came back")
    };
    assert!(form.saving);
    // Enter again while it saves asks for nothing more.
    assert_eq!(app.update(Action::Submit), vec![]);
    // The save failed: the form stays, with the reason.
    let failed = EntrySaved {
        change: (**change).clone(),
        result: Err(GlossaryError::Exists(entry.headword.clone())),
        file: "/library/glossary/user.toml".into(),
        glossary: Glossary::load(None),
        before: None,
    };
    app.update(Msg::EntrySaved(Box::new(failed)));
    let Some(Overlay::Form(form)) = &app.overlay else {
        panic!("the form closed on a failed save")
    };
    assert!(!form.saving);
    assert!(
        form.error
            .as_ref()
            .map(ToString::to_string)
            .as_deref()
            .unwrap()
            .contains("already has an entry")
    );
    // Saved: the form closes and the status line says where.
    app.update(Action::Submit);
    let saved = EntrySaved {
        change: (**change).clone(),
        result: Ok(Saved::Added),
        file: "/library/glossary/user.toml".into(),
        glossary: Glossary::load(None),
        before: None,
    };
    app.update(Msg::EntrySaved(Box::new(saved)));
    assert!(app.overlay.is_none());
    let message = app.message.as_ref().unwrap().to_string();
    assert!(
        message.starts_with("Added ") && message.ends_with(" in /library/glossary/user.toml"),
        "{message}"
    );
}

#[test]
fn a_position_that_could_not_be_saved_is_said_and_asked_for_again_at_the_next_move() {
    use qari::app::{Effect, Msg};
    let mut app = pure_app();
    app.update(Action::NextSentence);
    let effects = app.update(Msg::PositionNotSaved("state.toml: disk full".into()));
    assert_eq!(
        app.message.as_ref().map(ToString::to_string).as_deref(),
        Some("state.toml: disk full")
    );
    assert_eq!(effects, vec![], "not at once, again and again");
    assert_eq!(
        app.update(Action::PreviousSentence),
        vec![Effect::SavePosition {
            article: "deir-ez-zor-2017".into(),
            sentence: 1
        }]
    );
}

#[test]
fn the_form_gives_a_word_with_a_pronoun_its_ta_marbuta_back() {
    let library = tempfile::tempdir().unwrap();
    let mut app = app_with_library(library.path());
    // سيطرتها ("its control") in the bundled article: its headword is
    // سيطرة, not سيطرت (what the add form used to suggest).
    let (sentence, word) = app
        .article
        .sentences
        .iter()
        .enumerate()
        .find_map(|(s, sentence)| {
            (0..sentence.words.len())
                .find(|&w| sentence.word(w) == Some("سيطرتها"))
                .map(|w| (s, w))
        })
        .expect("سيطرتها in the bundled article");
    for _ in 0..sentence {
        chars(&mut app, "j");
    }
    for _ in 0..word {
        chars(&mut app, "w");
    }
    assert_eq!(app.current().word(app.word), Some("سيطرتها"));
    chars(&mut app, "a");
    assert_eq!(form(&app).fields[0].text, "سيطرة");
}

#[test]
fn a_message_stays_until_the_next_key_and_a_resize_keeps_it() {
    use qari::app::{Msg, Notice};
    let mut app = pure_app();
    app.update(Msg::Notice("skipped a file".into()));
    app.update(Action::Resize {
        columns: 100,
        rows: 30,
    });
    assert_eq!(
        app.message,
        Some(Notice::Said("skipped a file".into())),
        "a resize is not a key"
    );
    app.update(Action::NextWord);
    assert_eq!(app.message, None, "the next key clears it");
    app.update(Msg::Notice("again".into()));
    app.update(Msg::Paste("text".into()));
    assert_eq!(
        app.message,
        Some(Notice::PasteOutsideAField),
        "a paste replaces it with its own"
    );
}

#[test]
fn under_terminal_bidi_p_keeps_the_one_pane_and_says_why() {
    use qari::app::{BidiMode, Notice};
    let options = Options {
        bidi: BidiMode::Terminal,
        ..Options::default()
    };
    let mut app = App::new(bundled_article(), 0, options).with_glossary(Glossary::load(None));
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    assert!(app.screen.glossary.is_none());
    app.update(Action::ToggleGlossaryPane);
    assert!(app.screen.glossary.is_none(), "still one pane");
    assert_eq!(app.message, Some(Notice::OnePaneInTerminalBidi));
}

#[test]
fn esc_closes_what_is_open_and_never_quits() {
    let mut app = pure_app();
    // Esc reaching the app as Back (not through an overlay's own keys)
    // still closes the overlay first.
    app.update(Action::ToggleHelp);
    app.update(Action::Back);
    assert!(app.overlay.is_none() && !app.should_quit);
    // Then a selection being made.
    app.update(Action::ToggleSelection);
    app.update(Action::NextWord);
    assert!(app.selection.is_some());
    app.update(Action::Back);
    assert!(app.selection.is_none() && !app.should_quit);
    app.update(Action::Back);
    assert!(!app.should_quit, "nothing open: Esc does nothing");
    assert_eq!(app.update(Action::Back), vec![], "not even stopping speech");
}

#[test]
fn esc_pressed_once_too_often_after_a_form_or_search_keeps_the_reader_open() {
    let mut app = app_at(120, 40);
    chars(&mut app, "a");
    assert!(app.overlay.is_some());
    for _ in 0..3 {
        press(&mut app, KeyCode::Esc);
    }
    assert!(app.overlay.is_none() && !app.should_quit);
    chars(&mut app, "/");
    chars(&mut app, "army");
    press(&mut app, KeyCode::Enter);
    assert!(app.search_results.is_some());
    for _ in 0..3 {
        press(&mut app, KeyCode::Esc);
    }
    assert!(app.search_results.is_none() && !app.should_quit);
    chars(&mut app, "q");
    assert!(app.should_quit);
}

/// The reader on the bundled article with its first sentence replaced by
/// `text`.
fn app_with_first_sentence(text: &str) -> Inline {
    let mut article = bundled_article();
    article.sentences[0] = qari::article::Sentence::new(text.into(), String::new(), Vec::new());
    let app = App::new(article, 0, Options::default()).with_glossary(Glossary::load(None));
    let mut app = Inline::new(app, Executor::new(None));
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    app
}

#[test]
fn decimals_and_percentages_are_numerals_with_their_value_and_never_counted_as_words() {
    use qari::glossary::{Status, coverage};
    let numbers = "ارتفع 0.7 و29.49 و١٫٥ و3,5 و50% و٥٠٪.";
    let mut app = app_with_first_sentence(numbers);
    let sentence = app.current().clone();
    let words: Vec<&str> = (0..sentence.words.len())
        .map(|w| sentence.word(w).unwrap())
        .collect();
    assert_eq!(
        words,
        ["ارتفع", "0.7", "و29.49", "و١٫٥", "و3,5", "و50%", "و٥٠٪"],
        "each number is one word"
    );
    let mut values = Vec::new();
    for _ in 1..words.len() {
        chars(&mut app, "w");
        let (_, numeral) = app.glossary_pane.unmatched.clone().unwrap();
        values.push(numeral.unwrap().western);
    }
    assert_eq!(values, ["0.7", "29.49", "1.5", "3.5", "50%", "50%"]);
    let known = app.knowledge_of(0).unwrap();
    assert!(
        known[1..].iter().all(|k| *k == Some(Status::Ignored)),
        "{known:?}"
    );
    // The known share and the coverage count them as they count no word.
    let plain = app_with_first_sentence("ارتفع.");
    let (with, without) = (app.stats.unwrap(), plain.stats.unwrap());
    assert_eq!(with.tokens.counted(), without.tokens.counted());
    assert_eq!(with.distinct.counted(), without.distinct.counted());
    let covered = coverage(&app.glossary, std::iter::once(words.clone()));
    assert_eq!((covered.tokens, covered.numbers), (1, 6));
    assert!(
        covered.missing.iter().all(|w| w == "ارتفع"),
        "{:?}",
        covered.missing
    );
}

fn message(app: &Inline) -> String {
    app.message
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default()
}

/// `app_with_library` on the bundled article with its first sentence
/// replaced by `text`.
fn app_with_library_and_first_sentence(library: &std::path::Path, text: &str) -> Inline {
    let mut article = bundled_article();
    article.sentences[0] = qari::article::Sentence::new(text.into(), String::new(), Vec::new());
    let glossary = Glossary::load(Some(&library.join("glossary")));
    let app = App::new(article, 0, Options::default())
        .with_glossary(glossary)
        .with_saving();
    let mut app = Inline::new(app, Executor::new(Some(Library::new(library))));
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    app
}

#[test]
fn i_and_w_mark_a_word_nothing_glosses_without_inventing_a_gloss() {
    use qari::glossary::{Status, UserGlossary};
    let library = tempfile::tempdir().unwrap();
    // A typo of a name: no bundled entry, no dictionary.
    let mut app = app_with_library_and_first_sentence(library.path(), "قال زخرفوش.");
    chars(&mut app, "w");
    assert_eq!(app.current().word(app.word), Some("زخرفوش"));
    assert!(app.cursor_matches().is_empty());
    chars(&mut app, "I");
    assert_eq!(message(&app), "Added زخرفوش (no gloss), status I");
    assert_eq!(app.knowledge_of(0).unwrap()[1], Some(Status::Ignored));
    let user = UserGlossary::new(library.path().join("glossary"));
    let saved = user.read().unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(
        (
            saved[0].headword.as_str(),
            saved[0].senses.len(),
            saved[0].status
        ),
        ("زخرفوش", 0, Some(Status::Ignored))
    );
    chars(&mut app, "W");
    assert_eq!(message(&app), "زخرفوش (no gloss): status W");
    assert_eq!(app.knowledge_of(0).unwrap()[1], Some(Status::WellKnown));
    // A learning status needs a gloss to learn: it is refused, nothing changes.
    chars(&mut app, "3");
    assert!(
        message(&app).starts_with("No gloss known for this word"),
        "{}",
        message(&app)
    );
    assert_eq!(app.knowledge_of(0).unwrap()[1], Some(Status::WellKnown));
    assert_eq!(user.read().unwrap()[0].status, Some(Status::WellKnown));
    // The file reads back as it was written, by the reader as by the CLI.
    let again = Glossary::load(Some(&library.path().join("glossary")));
    assert!(again.problems.is_empty(), "{:?}", again.problems);
}

#[test]
fn speaking_is_on_from_s_until_it_ends_is_stopped_or_fails() {
    use qari::app::{Msg, SpeechProblem};
    let mut app = pure_app();
    assert!(!app.speaking);
    app.update(Action::Speak);
    assert!(app.speaking);
    app.update(Msg::SpeechEnded { started: 1 });
    assert!(!app.speaking, "the reading ended");
    // A second `s` still on its way when the first ends keeps it on.
    app.update(Action::Speak);
    app.update(Action::Speak);
    app.update(Msg::SpeechEnded { started: 2 });
    assert!(app.speaking, "the third reading is still to come");
    app.update(Msg::SpeechEnded { started: 3 });
    assert!(!app.speaking);
    app.update(Action::Speak);
    app.update(Action::StopSpeaking);
    assert!(!app.speaking, "S stops it");
    app.update(Action::Speak);
    app.update(Msg::SpeechFailed(SpeechProblem::Missing));
    assert!(!app.speaking, "no espeak-ng: nothing is read");
}

/// A sentence of `count` words, taken in turn from the bundled article's
/// that have at least `letters` characters.
fn long_sentence(count: usize, letters: usize) -> String {
    let article = bundled_article();
    let words: Vec<String> = article
        .sentences
        .iter()
        .flat_map(|s| (0..s.words.len()).map(move |w| s.word(w).unwrap().to_owned()))
        .filter(|w| w.chars().all(|c| !c.is_ascii_digit()) && w.chars().count() >= letters)
        .collect();
    let text: Vec<&str> = words
        .iter()
        .cycle()
        .take(count)
        .map(String::as_str)
        .collect();
    format!("{}.", text.join(" "))
}

/// The lines of sentence 0 on screen, and the line of the cursor's word.
fn shown_lines_and_cursor_line(app: &mut Inline) -> (Vec<usize>, usize) {
    let shown = app
        .view
        .rows
        .iter()
        .filter_map(|row| match row {
            Row::Text {
                sentence: 0, line, ..
            } => Some(*line),
            _ => None,
        })
        .collect();
    let (word, app) = (app.word, &mut app.app);
    (shown, app.view.line_of_word(&app.article, 0, word))
}

#[test]
fn a_sentence_taller_than_the_pane_can_be_read_word_by_word_to_its_end() {
    let mut app = app_with_first_sentence(&long_sentence(900, 1));
    app.update(Action::Resize {
        columns: 80,
        rows: 24,
    });
    let count = app.current().words.len();
    assert_eq!(count, 900);
    let (shown, _) = shown_lines_and_cursor_line(&mut app);
    assert_eq!(shown.first(), Some(&0), "it starts at its first line");
    assert!(app.view.more_below && !app.view.more_above);
    // w walks to the last word; the cursor's line is always on screen.
    for step in 1..count {
        chars(&mut app, "w");
        assert_eq!(app.word, step);
        let (shown, line) = shown_lines_and_cursor_line(&mut app);
        assert!(
            shown.contains(&line),
            "word {step} on line {line}, shown {shown:?}"
        );
    }
    let (shown, line) = shown_lines_and_cursor_line(&mut app);
    let total = app
        .app
        .view
        .sentence_layout(&app.app.article, 0)
        .lines
        .len();
    assert_eq!(line, total - 1, "the last word is on the last line");
    assert_eq!(shown.last(), Some(&(total - 1)));
    assert!(app.view.more_above && !app.view.more_below);
    // Back by lines with the arrow that reads back (→ in Arabic) to the
    // first word: the view follows upwards.
    let mut steps = 0;
    while app.word > 0 {
        press(&mut app, KeyCode::Right);
        let (shown, line) = shown_lines_and_cursor_line(&mut app);
        assert!(shown.contains(&line), "word {} off screen", app.word);
        steps += 1;
        assert!(steps < 2 * count, "→ never reached the first word");
    }
    assert!(!app.view.more_above && app.view.more_below);
    // The next sentence starts at the top as usual, and from there k
    // comes back to the long one's start.
    chars(&mut app, "j");
    assert_eq!(app.sentence, 1);
    assert!(!app.view.more_above && !app.view.more_below);
    chars(&mut app, "k");
    let (shown, _) = shown_lines_and_cursor_line(&mut app);
    assert_eq!(shown.first(), Some(&0));
}

#[test]
fn at_71x15_with_the_translation_open_the_last_line_of_a_70_word_sentence_is_reachable() {
    // Long words, a translation and notes: the study panel takes half of
    // the pane, the sentence needs more than the other half.
    let mut app = app_with_first_sentence(&long_sentence(70, 6));
    app.article.sentences[0].en = "A translation long enough to take several lines. ".repeat(6);
    app.article.sentences[0].notes = vec!["A note.".into(), "Another note.".into()];
    app.update(Action::Resize {
        columns: 71,
        rows: 15,
    });
    chars(&mut app, "T");
    let total = app
        .app
        .view
        .sentence_layout(&app.app.article, 0)
        .lines
        .len();
    assert!(
        total > usize::from(app.view.text.height),
        "{total} lines in {} rows: the sentence must not fit for this test",
        app.view.text.height
    );
    assert!(app.view.more_below, "what is cut is marked");
    let words = app.current().words.len();
    for _ in 1..words {
        chars(&mut app, "w");
    }
    let (shown, line) = shown_lines_and_cursor_line(&mut app);
    assert_eq!(line, total - 1);
    assert_eq!(shown.last(), Some(&(total - 1)), "the last line is shown");
    assert!(app.view.more_above && !app.view.more_below);
}

#[test]
fn u_undoes_the_last_status_change_on_the_file_as_it_is_then() {
    use qari::glossary::{Status, UserGlossary};
    let library = tempfile::tempdir().unwrap();
    let user = UserGlossary::new(library.path().join("glossary"));
    let mut app = app_with_library(library.path());
    chars(&mut app, "jj"); // بعد ان سيطر …
    chars(&mut app, "u");
    assert!(
        message(&app).starts_with("No status change to undo: u undoes"),
        "{}",
        message(&app)
    );
    // A status key that created the entry: u removes it.
    chars(&mut app, "3");
    let headword = user.read().unwrap()[0].headword.clone();
    chars(&mut app, "u");
    assert_eq!(
        message(&app),
        format!("Undone: {headword} removed from your glossary (the status key had added it)")
    );
    assert!(user.read().unwrap().is_empty());
    assert_eq!(app.knowledge_of(2).unwrap()[0], None);
    // Only the last change, once: 3 then 4, u puts 3 back, u again says
    // there is nothing more.
    chars(&mut app, "34");
    chars(&mut app, "u");
    assert_eq!(
        message(&app),
        format!("Undone: {headword} is back to status 3")
    );
    assert_eq!(user.read().unwrap()[0].status, Some(Status::Level(3)));
    assert_eq!(app.knowledge_of(2).unwrap()[0], Some(Status::Level(3)));
    chars(&mut app, "u");
    assert!(message(&app).starts_with("No status change to undo"));
    assert_eq!(user.read().unwrap()[0].status, Some(Status::Level(3)));
    // Another qari changes the gloss after W: u puts the status back and
    // keeps that gloss (a change, not the old entry written back).
    chars(&mut app, "W");
    user.update(&headword, |e| e.senses = vec!["after (theirs)".into()])
        .unwrap();
    chars(&mut app, "u");
    let entry = &user.read().unwrap()[0];
    assert_eq!(entry.status, Some(Status::Level(3)));
    assert_eq!(entry.senses, ["after (theirs)"]);
    // A change to an entry deleted meanwhile changes nothing and says so.
    chars(&mut app, "5");
    user.remove(&headword).unwrap();
    chars(&mut app, "u");
    assert!(
        message(&app).contains("was deleted from your glossary meanwhile"),
        "{}",
        message(&app)
    );
    assert!(user.read().unwrap().is_empty());
}

#[test]
fn the_prefilled_gloss_is_selected_typing_replaces_it_arrows_keep_it_and_ctrl_keys_edit() {
    let library = tempfile::tempdir().unwrap();
    let mut app = app_with_library(library.path());
    chars(&mut app, "jj");
    chars(&mut app, "a");
    let prefill = form(&app).fields[1].text.clone();
    assert!(!prefill.is_empty() && form(&app).fields[1].selected);
    type_text(&mut app, "after");
    assert_eq!(form(&app).fields[1].text, "after", "typing replaced it");
    press(&mut app, KeyCode::Esc);
    // An arrow keeps it; typing then adds to it.
    chars(&mut app, "a");
    press(&mut app, KeyCode::Right);
    assert!(!form(&app).fields[1].selected);
    type_text(&mut app, " x");
    assert_eq!(form(&app).fields[1].text, format!("{prefill} x"));
    // Ctrl-W deletes a word, Home and End move, Ctrl-U empties the field.
    press_with(&mut app, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(form(&app).fields[1].text, format!("{prefill} "));
    press(&mut app, KeyCode::Home);
    type_text(&mut app, "(");
    press(&mut app, KeyCode::End);
    type_text(&mut app, ")");
    assert_eq!(form(&app).fields[1].text, format!("({prefill} )"));
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(form(&app).fields[1].text, "");
    // Leaving the field leaves no selection behind.
    press(&mut app, KeyCode::Esc);
    chars(&mut app, "a");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::BackTab);
    type_text(&mut app, "!");
    assert_eq!(form(&app).fields[1].text, format!("{prefill}!"));
}

#[test]
fn cards_graded_again_come_back_and_the_review_ends_with_a_summary() {
    use qari::app::Overlay;
    let library = tempfile::tempdir().unwrap();
    let mut app = app_with_library(library.path());
    chars(&mut app, "jj");
    chars(&mut app, "2w1"); // two entries of the learner's, due now
    chars(&mut app, "r");
    let session = |app: &Inline| match &app.overlay {
        Some(Overlay::Review(session)) => session.as_ref().clone(),
        other => panic!("no review: {other:?}"),
    };
    let first = session(&app).items[0].entry.headword.clone();
    let second = session(&app).items[1].entry.headword.clone();
    chars(&mut app, " 1"); // the first forgotten
    chars(&mut app, " 3");
    // The forgotten one comes back.
    let now = session(&app);
    assert_eq!(now.item().unwrap().entry.headword, first);
    assert_ne!(first, second);
    chars(&mut app, " 3");
    let done = session(&app);
    assert!(done.item().is_none());
    assert_eq!((done.reviewed(), done.again, done.graded), (3, 1, 3));
    assert!(done.next_due_in.is_some());
    let summary = qari::ui::strings::review_summary(&done);
    assert!(
        summary.starts_with("Review done: 3 cards reviewed, 1 again. Next due in ")
            && summary.ends_with("q returns to the reader."),
        "{summary}"
    );
    // Enter on the summary goes back to the reader.
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none() && !app.should_quit);
}

#[test]
fn qari_review_leaves_on_q_or_at_its_end_never_to_the_reader() {
    use qari::app::Overlay;
    let library = tempfile::tempdir().unwrap();
    {
        let mut app = app_with_library(library.path());
        chars(&mut app, "jj2w2");
    }
    let review = || {
        let glossary = Glossary::load(Some(&library.path().join("glossary")));
        let app = App::new(bundled_article(), 0, Options::default())
            .with_glossary(glossary)
            .with_saving()
            .for_review();
        let mut app = Inline::new(app, Executor::new(Some(Library::new(library.path()))));
        app.update(Action::Resize {
            columns: 100,
            rows: 30,
        });
        app.update(Action::StartReview);
        app
    };
    // q in the middle.
    let mut app = review();
    assert!(matches!(app.overlay, Some(Overlay::Review(_))));
    chars(&mut app, "q");
    assert!(app.should_quit);
    // To the end, then any way out of the summary.
    let mut app = review();
    chars(&mut app, " 3 3");
    let Some(Overlay::Review(session)) = &app.overlay else {
        panic!("the summary is shown")
    };
    assert!(session.item().is_none() && session.to_shell);
    assert!(qari::ui::strings::review_summary(session).ends_with("q returns to the shell."));
    assert!(!app.should_quit);
    press(&mut app, KeyCode::Char(' '));
    assert!(app.should_quit);
}

#[test]
fn a_learners_entry_hides_only_the_bundled_entries_of_its_own_word() {
    // As after `qari glossary add أن --gloss that`: أن, إن, إنّ and الآن
    // fold to the same key, but only أن (and أنّ, spelt the same) is the
    // learner's word.
    use qari::glossary::{Entry, UserGlossary};
    let library = tempfile::tempdir().unwrap();
    let dir = library.path().join("glossary");
    UserGlossary::new(dir.clone())
        .add(Entry::new("أن", "that"))
        .unwrap();
    let glossary = Glossary::load(Some(&dir));
    let glosses = |word: &str| -> Vec<String> {
        glossary
            .lookup(word)
            .iter()
            .map(|m| glossary.entries[m.entry].gloss().to_owned())
            .collect()
    };
    let anna = glosses("أن");
    assert_eq!(anna.first().map(String::as_str), Some("that"), "{anna:?}");
    assert!(anna.iter().all(|g| g != "now"), "{anna:?}");
    let inna = glosses("إن");
    // Its bundled readings are back (the learner's entry, found through the
    // folded key like any of the learner's entries, may come first).
    assert!(inna.iter().all(|g| g != "now"), "{inna:?}");
    assert!(inna.iter().any(|g| g == "if (formal)"), "{inna:?}");
    assert!(
        inna.iter().any(|g| g.starts_with("that (after")),
        "{inna:?}"
    );
    assert!(glosses("الآن").iter().any(|g| g == "now"));
}
