//! The interlinear gloss row (`i`): under each line of Arabic, each word's
//! short gloss starting under the word, on every sentence on screen, the
//! current one, or none; the current sentence stays in view with the extra
//! rows at every size. The transliteration row (`x`) and the vowelled text
//! (`V`) too.
#![allow(clippy::unwrap_used)]

use crate::common;

use crate::screens::draw;
use qari::app::{Action, App, BidiMode, Options, Row};
use qari::dict::Dictionaries;
use qari::glossary::Glossary;
use qari::runtime::{Executor, Inline};
use std::sync::Arc;

use common::bundled_article;

fn app_at(columns: u16, rows: u16, options: Options) -> Inline {
    let app = App::new(bundled_article(), 0, options)
        .with_glossary(Glossary::load(None))
        .with_dictionaries(Arc::new(Dictionaries::default()));
    let mut app = Inline::new(app, Executor::new(None));
    app.update(Action::Resize { columns, rows });
    app
}

/// An NTREX article (real news nobody here wrote) imported as a learner
/// would import it.
pub(crate) fn ntrex_article() -> qari::article::Article {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/ntrex/ar/bbc.381669.ar.txt"
    ))
    .unwrap();
    qari::article::import_text("ntrex", &text, None, None, "", None).article
}

/// The analyser over the repository's lexicon and data.
pub(crate) fn lexicon() -> Arc<dyn qari::arabic::Analyser> {
    let lexicon = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/bama/lexicon.tsv");
    Arc::new(qari::data::load_lexicon(&lexicon).unwrap())
}

/// The reader at sentence `at` of the NTREX article, with the analyser
/// loaded.
fn ntrex_app(at: usize, columns: u16, rows: u16) -> Inline {
    let app = App::new(ntrex_article(), at, Options::default())
        .with_glossary(Glossary::load(None))
        .with_dictionaries(Arc::new(Dictionaries::default()));
    let mut app = Inline::new(app, Executor::new(None));
    app.update(qari::app::Msg::AnalyserLoaded(lexicon()));
    app.update(Action::Resize { columns, rows });
    app
}

/// (sentence, line) of rows, in order.
type Lines = Vec<(usize, usize)>;

/// (sentence, line) of each text row and of each gloss row, in order.
fn rows(app: &App) -> (Lines, Lines) {
    let mut text = Vec::new();
    let mut glosses = Vec::new();
    for row in &app.view.rows {
        match row {
            Row::Text { sentence, line, .. } => text.push((*sentence, *line)),
            Row::Gloss { sentence, line, .. } => glosses.push((*sentence, *line)),
            Row::Translit { .. } | Row::Blank => {}
        }
    }
    (text, glosses)
}

#[test]
fn i_cycles_every_sentence_then_the_current_one_then_off() {
    let mut app = app_at(120, 40, Options::default());
    app.update(Action::NextSentence);
    assert!(rows(&app).1.is_empty());

    app.update(Action::CycleInterlinear);
    let (text, glosses) = rows(&app);
    // Every line on screen but perhaps the last row's has its gloss row
    // right under it.
    let mut expected = text.clone();
    if app
        .view
        .rows
        .last()
        .is_some_and(|r| matches!(r, Row::Text { .. }))
    {
        expected.pop();
    }
    assert_eq!(glosses, expected);
    for (at, row) in app.view.rows.iter().enumerate().skip(1) {
        if let Row::Gloss { sentence, line, .. } = row {
            assert!(
                matches!(&app.view.rows[at - 1], Row::Text { sentence: s, line: l, .. } if s == sentence && l == line),
                "gloss row {at} is not under its line"
            );
        }
    }

    app.update(Action::CycleInterlinear);
    let (_, glosses) = rows(&app);
    assert!(!glosses.is_empty());
    assert!(
        glosses.iter().all(|&(sentence, _)| sentence == 1),
        "{glosses:?}"
    );

    app.update(Action::CycleInterlinear);
    assert!(rows(&app).1.is_empty());
}

#[test]
fn the_current_sentence_stays_in_view_with_gloss_rows_at_every_size() {
    for (columns, rows_) in [(120, 40), (80, 24), (40, 12), (20, 5), (1, 1)] {
        let mut app = app_at(columns, rows_, Options::default());
        app.update(Action::CycleInterlinear);
        for index in 0..app.article.sentences.len() {
            app.update(Action::FirstSentence);
            for _ in 0..index {
                app.update(Action::NextSentence);
            }
            let (text, _) = rows(&app);
            if app.view.text.height == 0 {
                continue;
            }
            let shown: Vec<usize> = text
                .iter()
                .filter(|(sentence, _)| *sentence == index)
                .map(|(_, line)| *line)
                .collect();
            assert!(
                !shown.is_empty(),
                "{columns}x{rows_}: sentence {index} not shown"
            );
            assert_eq!(
                shown[0], 0,
                "{columns}x{rows_}: sentence {index} starts off screen"
            );
            // All of it, with its gloss rows, when that fits.
            let lines = app
                .view
                .rows
                .iter()
                .find_map(|row| match row {
                    Row::Text {
                        sentence,
                        paragraph,
                        ..
                    } if *sentence == index => Some(paragraph.lines.len()),
                    _ => None,
                })
                .unwrap();
            let needed = lines * app.view.rows_per_line(index);
            if needed < usize::from(app.view.text.height) {
                assert_eq!(
                    shown.len(),
                    lines,
                    "{columns}x{rows_}: sentence {index} cut"
                );
                let (_, glosses) = rows(&app);
                let glossed = glosses.iter().filter(|(s, _)| *s == index).count();
                assert_eq!(
                    glossed,
                    if app.view.glosses_fit() { lines } else { 0 },
                    "{columns}x{rows_}: sentence {index}'s gloss rows"
                );
            }
        }
    }
}

/// Drawn: the glosses sit on the row under the Arabic, each starting in its
/// word's columns; the bundled glossary's entries give them.
#[test]
fn glosses_are_drawn_under_their_words() {
    let mut app = app_at(120, 40, Options::default());
    app.update(Action::CycleInterlinear);
    let buffer = draw(&app);
    let at = app
        .view
        .rows
        .iter()
        .position(|r| {
            matches!(
                r,
                Row::Gloss {
                    sentence: 0,
                    line: 0,
                    ..
                }
            )
        })
        .unwrap();
    let y = app.view.text.y + at as u16;
    let Row::Text { paragraph, .. } = &app.view.rows[at - 1] else {
        panic!("no line above the gloss row");
    };
    let line = &paragraph.lines[0];
    let mut spots = Vec::new();
    qari::app::view::line_spots(&app.article.sentences[0], line, 0, &mut spots);
    let glosses = app.glosses().get(&0).unwrap();
    assert!(glosses.len() >= 5, "{glosses:?}");
    // Each single word's gloss begins in the cell under its word's leftmost
    // cell (whole, or cut with …).
    let x0 = app.view.line_x(line);
    let mut checked = 0;
    for gloss in glosses.iter().filter(|g| g.len == 1) {
        let Some(spot) = spots.iter().find(|s| s.word == gloss.first) else {
            continue;
        };
        let x = x0 + spot.left as u16;
        let first = gloss.text.chars().next().unwrap().to_string();
        // A gloss with one cell of room is cut to "…" alone.
        let drawn = buffer[(x, y)].symbol();
        assert!(
            drawn == first || drawn == "…",
            "the gloss {:?} does not start under its word: {drawn:?}",
            gloss.text
        );
        checked += 1;
    }
    assert!(checked >= 5, "{checked} glosses checked");
}

/// A reader too narrow for glosses to say anything gets none, and one line
/// saying so; widened, the glosses come back.
#[test]
fn a_narrow_reader_says_it_has_no_room_for_glosses() {
    let mut app = app_at(20, 12, Options::default());
    app.update(Action::CycleInterlinear);
    assert!(rows(&app).1.is_empty());
    let said = app.message.as_ref().unwrap().to_string();
    assert!(said.contains("columns wide"), "{said}");
    assert!(!said.contains('\n'));
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    assert!(!rows(&app).1.is_empty());
}

#[test]
fn under_terminal_bidi_interlinear_is_refused_in_one_line() {
    let options = Options {
        bidi: BidiMode::Terminal,
        ..Options::default()
    };
    let mut app = app_at(120, 40, options);
    app.update(Action::CycleInterlinear);
    assert!(rows(&app).1.is_empty());
    let said = app.message.as_ref().unwrap().to_string();
    assert!(said.contains("--bidi terminal"), "{said}");
    assert!(!said.contains('\n'));
}

/// The mode, the transliteration and the vowels are kept in `state.toml`
/// (under its lock, beside the reading positions) and read back at the next
/// start.
#[test]
fn the_mode_transliteration_and_vowels_are_remembered_in_the_reading_state() {
    use qari::app::Interlinear;
    use qari::article::Library;
    let dir = tempfile::tempdir().unwrap();
    let library = Library::new(dir.path());
    library.save_position("elsewhere", 7).unwrap();
    let app = App::new(bundled_article(), 0, Options::default())
        .with_glossary(Glossary::load(None))
        .with_saving();
    let mut app = Inline::new(app, Executor::new(Some(Library::new(dir.path()))));
    app.update(Action::Resize {
        columns: 80,
        rows: 24,
    });
    app.update(Action::CycleInterlinear);
    let (state, problem) = library.load_state();
    assert!(problem.is_none(), "{problem:?}");
    assert_eq!(state.interlinear.as_deref(), Some("all"));
    assert_eq!(state.position.get("elsewhere"), Some(&7));
    assert_eq!(
        Interlinear::from_name(state.interlinear.as_deref()),
        Interlinear::All
    );

    // `x` and `V` too, and a new reader starts with all three.
    app.update(Action::ToggleTranslit);
    app.update(Action::ToggleVowels);
    let (state, _) = library.load_state();
    assert!(state.translit && state.vowelled, "{state:?}");
    let aids = qari::app::WordAids {
        interlinear: Interlinear::from_name(state.interlinear.as_deref()),
        translit: state.translit,
        vowelled: state.vowelled,
    };
    let restarted = App::new(bundled_article(), 0, Options::default()).with_word_aids(aids);
    assert_eq!(restarted.word_aids(), app.word_aids());
    assert!(restarted.vowelled && restarted.view.translit);

    app.update(Action::CycleInterlinear);
    app.update(Action::CycleInterlinear);
    app.update(Action::ToggleTranslit);
    app.update(Action::ToggleVowels);
    let (state, _) = library.load_state();
    assert_eq!(state.interlinear, None, "off is not written");
    let written = std::fs::read_to_string(dir.path().join("state.toml")).unwrap();
    assert!(
        !written.contains("translit") && !written.contains("vowelled"),
        "{written}"
    );
}

/// `x` adds a transliteration row under each line (under its gloss row when
/// there is one), and works alone.
#[test]
fn x_adds_a_transliteration_row_alone_or_under_the_glosses() {
    let kinds = |app: &App| -> Vec<char> {
        app.view
            .rows
            .iter()
            .map(|row| match row {
                Row::Text { .. } => 't',
                Row::Gloss { .. } => 'g',
                Row::Translit { .. } => 'x',
                Row::Blank => ' ',
            })
            .collect()
    };
    let mut app = app_at(120, 40, Options::default());
    app.update(Action::ToggleTranslit);
    let alone: String = kinds(&app).into_iter().collect();
    let under_every_line = |rows: &str, after: &str| {
        rows.split('t')
            .skip(1)
            .all(|under| under.trim_end() == after)
    };
    assert!(under_every_line(&alone, "x"), "{alone:?}");
    let translit = app.glosses().get(&0).unwrap();
    let first = translit.iter().find(|g| g.first == 0).unwrap();
    let latin = first.translit.as_deref().unwrap();
    assert!(latin.chars().any(|c| c.is_ascii_alphabetic()), "{latin}");

    app.update(Action::CycleInterlinear);
    let both: String = kinds(&app).into_iter().collect();
    assert!(under_every_line(&both, "gx"), "{both:?}");

    app.update(Action::ToggleTranslit);
    let glosses_only: String = kinds(&app).into_iter().collect();
    assert!(under_every_line(&glosses_only, "g"), "{glosses_only:?}");
}

/// The screen with glosses on every sentence, as a snapshot: the bundled
/// article at 120×40, 80×24 and 40×15 (glosses; then transliterated and
/// vowelled), and an imported NTREX article (real news nobody here wrote,
/// read with the analyser) at the same sizes, with transliterations too,
/// and vowelled.
#[test]
fn snapshots_of_the_interlinear_view() {
    fn screen(app: &App) -> String {
        let area = app.screen.area;
        let buffer = draw(app);
        (0..area.height)
            .map(|y| {
                let mut row = String::new();
                let mut x = 0;
                while x < area.width {
                    let symbol = buffer[(x, y)].symbol();
                    row.push_str(symbol);
                    x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
                }
                row.trim_end().to_owned()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
    for (columns, rows_) in [(120, 40), (80, 24), (40, 15)] {
        let mut app = app_at(columns, rows_, Options::default());
        app.update(Action::CycleInterlinear);
        insta::assert_snapshot!(
            format!("interlinear_bundled_{columns}x{rows_}"),
            screen(&app)
        );
    }

    // The bundled article read with the analyser, transliterated and
    // vowelled (no gloss rows).
    for (columns, rows_) in [(120, 40), (80, 24), (40, 15)] {
        let mut app = app_at(columns, rows_, Options::default());
        app.update(qari::app::Msg::AnalyserLoaded(lexicon()));
        app.update(Action::ToggleTranslit);
        app.update(Action::ToggleVowels);
        insta::assert_snapshot!(
            format!("translit_vowelled_bundled_{columns}x{rows_}"),
            screen(&app)
        );
    }

    for (columns, rows_) in [(120, 40), (80, 24), (40, 15)] {
        let mut app = ntrex_app(1, columns, rows_);
        app.update(Action::CycleInterlinear);
        app.update(Action::ToggleTranslit);
        insta::assert_snapshot!(format!("interlinear_ntrex_{columns}x{rows_}"), screen(&app));
    }
    // And vowelled (`V`), with the glosses: the marks sit on the letters
    // of the same cells.
    for (columns, rows_) in [(120, 40), (80, 24), (40, 15)] {
        let mut app = ntrex_app(1, columns, rows_);
        app.update(Action::CycleInterlinear);
        app.update(Action::ToggleVowels);
        insta::assert_snapshot!(format!("vowelled_ntrex_{columns}x{rows_}"), screen(&app));
    }
}

/// `V` draws each word with the vowels of its first reading, on the cells
/// the engine put its letters in: on an imported NTREX article (unvowelled
/// news) read with the analyser, at least a quarter of the letters on screen
/// gain a haraka; the layout (which cells hold text) does not change, and
/// `V` again draws the text as printed.
#[test]
fn v_draws_the_text_vowelled_on_the_same_cells() {
    fn cells(app: &App) -> Vec<Vec<String>> {
        let buffer = draw(app);
        let text = app.view.text;
        (text.top()..text.bottom())
            .map(|y| {
                (text.left()..text.right())
                    .map(|x| buffer[(x, y)].symbol().to_owned())
                    .collect()
            })
            .collect()
    }
    let is_letter = |s: &str| {
        s.chars().any(|c| {
            ('\u{0621}'..='\u{064A}').contains(&c)
                || ('\u{FB50}'..='\u{FDFF}').contains(&c)
                || ('\u{FE70}'..='\u{FEFF}').contains(&c)
        })
    };
    let has_haraka = |s: &str| s.chars().any(|c| ('\u{064B}'..='\u{0652}').contains(&c));

    let mut app = ntrex_app(0, 120, 40);
    let printed = cells(&app);
    app.update(Action::ToggleVowels);
    let vowelled = cells(&app);
    let letters = vowelled.iter().flatten().filter(|c| is_letter(c)).count();
    let marked = vowelled
        .iter()
        .flatten()
        .filter(|c| is_letter(c) && has_haraka(c))
        .count();
    assert!(letters > 500, "{letters} letters on screen");
    println!("{marked} of {letters} letters on screen gained a haraka");
    assert!(
        marked * 4 >= letters,
        "{marked} of {letters} letters gained a haraka"
    );
    // The same cells hold text, and without the marks the same text.
    // The marks: harakat, and the dagger alef of هٰذا.
    let strip = |c: &String| -> String {
        c.chars()
            .filter(|&c| !('\u{064B}'..='\u{0652}').contains(&c) && c != '\u{0670}')
            .collect()
    };
    for (y, (a, b)) in printed.iter().zip(&vowelled).enumerate() {
        let a: Vec<String> = a.iter().map(strip).collect();
        let b: Vec<String> = b.iter().map(strip).collect();
        assert_eq!(a, b, "row {y}");
    }
    // The few marks the text prints itself (تقليديًا) are all there were.
    let printed_marked = printed.iter().flatten().filter(|c| has_haraka(c)).count();
    assert!(printed_marked * 20 < letters, "{printed_marked}");
    app.update(Action::ToggleVowels);
    assert_eq!(cells(&app), printed);
}

/// A click on a gloss (or transliteration) row puts the cursor on the word
/// whose gloss is drawn there, in that sentence.
#[test]
fn a_click_on_a_gloss_puts_the_cursor_on_its_word() {
    let mut app = app_at(120, 40, Options::default());
    app.update(Action::CycleInterlinear);
    app.update(Action::ToggleTranslit);
    let article = app.article.clone();
    let spots = app.view.word_spots(&article, 1);
    let text_top = app.view.text.y;
    let mut clicked = 0;
    for (y, row) in app.view.rows.clone().iter().enumerate() {
        let Some((sentence, line_index, line)) = row.annotated_line() else {
            continue;
        };
        if sentence != 1 {
            continue;
        }
        let x = app.view.line_x(line);
        for spot in spots.iter().filter(|s| s.line == line_index) {
            app.update(Action::FirstSentence);
            let column = x + u16::try_from(spot.left).unwrap();
            let row = text_top + u16::try_from(y).unwrap();
            app.update(Action::Click { column, row });
            assert_eq!((app.sentence, app.word), (1, spot.word), "{row:?}");
            clicked += 1;
        }
    }
    // Every word, on its gloss row and its transliteration row.
    assert_eq!(clicked, 2 * spots.len());
}

/// A word that matched an entry through another form, or with clitics, is
/// transliterated as it is written (its reading's), not as the entry's
/// headword: والمصابين is not "muṣāb".
#[test]
fn a_word_matched_through_another_form_is_transliterated_as_written() {
    let mut glossary = Glossary::load(None);
    glossary.set_analyser(lexicon());
    let words = ["إجلاء", "المرضى", "والمصابين"];
    let glosses = glossary.word_glosses(&words, &qari::arabic::ChosenReadings::default());
    let wounded = glosses.iter().find(|g| g.first == 2).unwrap();
    assert_eq!(wounded.text, "wounded", "the entry's gloss stays");
    let translit = wounded.translit.as_deref().unwrap();
    assert!(
        translit != "muṣāb" && translit.starts_with("wa") && translit.contains("muṣāb"),
        "{translit}"
    );
}
