//! Whole screens drawn on ratatui's `TestBackend`: snapshots at 120×40,
//! 80×24 and 20×5, the Arabic checked cell by cell against GNU FriBidi's
//! output, styles, `NO_COLOR`, `--bidi terminal`, and every size down to 1×1.
#![allow(clippy::unwrap_used)]

use crate::common;

use qari::app::{Action, App, BidiMode, Options, Palette};
use qari::article::Library;
use qari::dict::Dictionaries;
use qari::glossary::{Glossary, Status};
use qari::runtime::{Executor, Inline};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use std::sync::Arc;
use unicode_width::UnicodeWidthStr;

use common::{bundled_article, normalise};

fn app(columns: u16, rows: u16, options: Options) -> App {
    // No dictionaries (loaded, none found): screens do not depend on what
    // the machine has installed.
    let none = Arc::new(Dictionaries::default());
    let mut app = App::new(bundled_article(), 0, options)
        .with_glossary(Glossary::load(None))
        .with_dictionaries(none);
    app.update(Action::Resize { columns, rows });
    app
}

/// The whole screen as drawn on a `TestBackend` (the other test modules
/// draw through it too).
pub(crate) fn draw(app: &App) -> Buffer {
    let area = app.screen.area;
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The cells of row `y` from `x0` to `x1` as text, wide characters once.
fn cells(buffer: &Buffer, y: u16, x0: u16, x1: u16) -> String {
    let mut text = String::new();
    let mut x = x0;
    while x < x1 {
        let symbol = buffer[(x, y)].symbol();
        text.push_str(symbol);
        x += symbol.width().max(1) as u16;
    }
    text
}

fn screen_text(buffer: &Buffer) -> String {
    (0..buffer.area.height)
        .map(|y| cells(buffer, y, 0, buffer.area.width).trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text of row `y` within the reader's text column, and where it starts.
fn text_row(app: &App, buffer: &Buffer, y: u16) -> (u16, String) {
    let area = app.view.text;
    let row = cells(buffer, y, area.x, area.right());
    let start = area.x + (row.width() - row.trim_start().width()) as u16;
    (start, row.trim().to_owned())
}

// GNU FriBidi 1.0.8, `fribidi --rtl --nopad --nobreak --clean`, of the
// title, its first three words, and the second sentence.
const TITLE: &str = "«ﺮﻴﻔﻨﻠﻟ» ﻮﻋﺪﻳ «ﺶﻋﺍﺩ»ﻭ ﺭﻭﺰﻟﺍ ﺮﻳﺩ ﺔﻛﺮﻌﻣ ﺃﺪﺑ ﻱﺭﻮﺴﻟﺍ ﺶﻴﺠﻟﺍ";
const TITLE_START: &str = "ﺃﺪﺑ ﻱﺭﻮﺴﻟﺍ ﺶﻴﺠﻟﺍ";
const SECOND: &str = "؟ﺭﻭﺰﻟﺍ ﺮﻳﺩ ﺔﻛﺮﻌﻣ ﺕﺃﺪﺑ ﻞﻫ";

#[test]
fn at_120x40_the_arabic_is_in_visual_order_shaped_and_flush_right() {
    let app = app(120, 40, Options::default());
    let buffer = draw(&app);
    let right = app.view.text.right();
    let (start, title) = text_row(&app, &buffer, 1);
    assert_eq!(normalise(&title), normalise(TITLE));
    assert_eq!(start + title.width() as u16, right, "flush right");
    let (start, second) = text_row(&app, &buffer, 3);
    assert_eq!(normalise(&second), normalise(SECOND));
    assert_eq!(start + second.width() as u16, right);
    // The current-sentence mark sits beside the title, on the right.
    assert_eq!(buffer[(app.view.gutter_x.unwrap(), 1)].symbol(), "▌");
    insta::assert_snapshot!("start_120x40", screen_text(&buffer));
}

#[test]
fn at_80x24_translation_and_notes_show_under_the_text() {
    let mut app = app(80, 24, Options::default());
    for action in [
        Action::NextSentence,
        Action::ToggleTranslation,
        Action::ToggleNotes,
    ] {
        app.update(action);
    }
    let buffer = draw(&app);
    let text = screen_text(&buffer);
    assert!(text.contains("── Translation"));
    assert!(text.contains("── Notes"));
    assert!(
        text.contains("Has the battle for Deir ez-Zor begun?"),
        "{text}"
    );
    let rows = app.view.text.y..app.view.text.bottom();
    let second = rows
        .map(|y| text_row(&app, &buffer, y))
        .find(|(_, t)| normalise(t) == normalise(SECOND));
    let (start, second) = second.expect("the second sentence is on screen");
    assert_eq!(start + second.width() as u16, app.view.text.right());
    insta::assert_snapshot!("sentence2_revealed_80x24", text);
}

#[test]
fn at_20x5_the_title_wraps_and_its_first_line_is_its_first_words() {
    let app = app(20, 5, Options::default());
    let buffer = draw(&app);
    assert!(app.screen.glossary.is_none() && !app.screen.borders);
    let (start, first) = text_row(&app, &buffer, 0);
    assert_eq!(normalise(&first), normalise(TITLE_START));
    assert_eq!(start + first.width() as u16, app.view.text.right());
    insta::assert_snapshot!("start_20x5", screen_text(&buffer));
}

#[test]
fn help_lists_every_key_of_the_key_table() {
    let mut app = app(120, 40, Options::default());
    app.update(Action::ToggleHelp);
    let buffer = draw(&app);
    let text = screen_text(&buffer);
    // Every row the help shows, scrolled to its end (j) when it does not fit.
    let mut all = text.clone();
    for _ in 0..40 {
        app.update(Action::HelpDown);
        all.push('\n');
        all.push_str(&screen_text(&draw(&app)));
    }
    for binding in qari::app::keys::BINDINGS {
        let keys: Vec<String> = binding.keys.iter().map(|k| k.label()).collect();
        let described = qari::ui::strings::describe_in(binding.scope, binding.action);
        let first_word = described.split(' ').next().unwrap();
        // The keys (all, or the first of them when they wrap) then, after
        // two spaces or more, the start of the description.
        let shown = all.lines().any(|row| {
            (1..=keys.len()).any(|n| {
                let keys = keys[..n].join(" ");
                row.match_indices(&keys).any(|(at, _)| {
                    let before = row[..at].chars().next_back();
                    let after = &row[at + keys.len()..];
                    before.is_none_or(|c| c == ' ')
                        && after.starts_with("  ")
                        && after.trim_start().starts_with(first_word)
                })
            })
        });
        assert!(shown, "{keys:?} ({described}) missing from the help");
    }
    insta::assert_snapshot!("help_120x40", text);
}

/// The help at 80×24 (one column, scrolled by j/k) and on a narrow screen
/// (descriptions under their keys): every row inside the box, no
/// description cut (the unit tests in src/ui/help.rs check every row).
#[test]
fn help_fits_at_80x24_and_on_a_narrow_screen() {
    for (columns, rows, name) in [(80, 24, "help_80x24"), (36, 20, "help_36x20")] {
        let mut app = app(columns, rows, Options::default());
        app.update(Action::ToggleHelp);
        let first = screen_text(&draw(&app));
        for _ in 0..200 {
            app.update(Action::HelpDown);
        }
        let last = screen_text(&draw(&app));
        assert!(last.contains("this help"), "scrolled to the end:\n{last}");
        insta::assert_snapshot!(name, format!("{first}\n\n(scrolled to the end)\n\n{last}"));
    }
}

#[test]
fn the_current_sentence_stands_out_and_the_cursor_word_is_marked() {
    let mut app = app(120, 40, Options::default());
    app.update(Action::NextSentence);
    app.update(Action::NextSentence);
    let buffer = draw(&app);
    // The title, a blank row, the question, then the current sentence.
    let y_current = app.view.text.y + 3;
    let y_other = app.view.text.y + 2;
    let right = app.view.text.right();
    // The cursor word (the first, بعد) is the rightmost on its line.
    let first_word_cell = &buffer[(right - 1, y_current)];
    assert!(first_word_cell.modifier.contains(Modifier::REVERSED));
    // The next word: bold as the current sentence, and coloured as a word
    // the learner has no entry for (every word, with no glossary of theirs).
    let inside = &buffer[(right - 8, y_current)];
    assert!(inside.modifier.contains(Modifier::BOLD));
    assert_eq!(inside.fg, Color::LightBlue);
    // Not underlined: that would hide the dots below the letters.
    assert!(!inside.modifier.contains(Modifier::UNDERLINED));
    assert!(
        buffer[(right - 2, y_other)]
            .modifier
            .contains(Modifier::DIM),
        "other sentences are dimmed"
    );
}

#[test]
fn words_take_the_colour_of_their_status_and_known_words_are_plain() {
    let library = tempfile::tempdir().unwrap();
    let dir = library.path().join("glossary");
    let none = Arc::new(Dictionaries::default());
    let app = App::new(bundled_article(), 2, Options::default())
        .with_glossary(Glossary::load(Some(&dir)))
        .with_saving()
        .with_dictionaries(none);
    let mut app = Inline::new(app, Executor::new(Some(Library::new(library.path()))));
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    let y = app.view.text.y + 3;
    let right = app.view.text.right();
    // The first word بعد (at the right end) gets status 3, then is well known.
    app.update(Action::SetStatus(Status::Level(3)));
    assert!(
        app.message
            .as_ref()
            .map(ToString::to_string)
            .as_deref()
            .unwrap_or("")
            .contains("status"),
        "{:?}",
        app.message
    );
    app.update(Action::NextWord);
    let buffer = draw(&app);
    assert_eq!(buffer[(right - 1, y)].fg, Color::Yellow, "status 3");
    app.update(Action::PreviousWord);
    app.update(Action::SetStatus(Status::WellKnown));
    app.update(Action::NextWord);
    let buffer = draw(&app);
    assert_eq!(buffer[(right - 1, y)].fg, Color::Reset, "well known: plain");
    assert!(
        !buffer[(right - 1, y)]
            .modifier
            .contains(Modifier::UNDERLINED)
    );
    // The status line shows the share of known words (once the message
    // is gone, as it is at the next key).
    app.message = None;
    let buffer = draw(&app);
    let status_row = cells(&buffer, 39, 0, 120);
    assert!(
        status_row.contains("known 0%") || status_row.contains("known 1%"),
        "{status_row}"
    );
}

#[test]
fn no_color_uses_attributes_only_and_colours_are_the_16_named_ones() {
    let plain = Options {
        palette: Palette::Plain,
        ..Options::default()
    };
    for (options, coloured) in [(plain, false), (Options::default(), true)] {
        let mut app = app(120, 40, options);
        app.update(Action::NextSentence);
        app.update(Action::ToggleTranslation);
        let buffer = draw(&app);
        for cell in buffer.content() {
            for colour in [cell.fg, cell.bg] {
                if coloured {
                    assert!(
                        !matches!(colour, Color::Rgb(..) | Color::Indexed(_)),
                        "{colour:?} is not one of the 16 colours"
                    );
                } else {
                    assert_eq!(colour, Color::Reset);
                }
            }
        }
        if !coloured {
            let y = app.view.text.y + 2;
            let x = app.view.text.right() - 1;
            assert!(
                buffer[(x, y)].modifier.contains(Modifier::REVERSED),
                "cursor word"
            );
        }
    }
}

/// Every kind of screen, for the colour checks: the reader with the
/// translation and notes, the glossary pane focused, the help, the entry
/// form, the search, a review and a message.
fn every_kind_of_screen(options: Options) -> Vec<Buffer> {
    let library = tempfile::tempdir().unwrap();
    let dir = library.path().join("glossary");
    let none = Arc::new(Dictionaries::default());
    let app = App::new(bundled_article(), 2, options)
        .with_glossary(Glossary::load(Some(&dir)))
        .with_saving()
        .with_dictionaries(none);
    let mut app = Inline::new(app, Executor::new(Some(Library::new(library.path()))));
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    let mut screens = Vec::new();
    // Words of every status, so each status colour is drawn.
    for status in [1, 2, 3, 4, 5]
        .map(Status::Level)
        .into_iter()
        .chain([Status::WellKnown, Status::Ignored])
    {
        app.update(Action::SetStatus(status));
        // Two words on: the next is sometimes the same lemma.
        app.update(Action::NextWord);
        app.update(Action::NextWord);
    }
    screens.push(draw(&app)); // with the message of the last status change
    app.message = None;
    for action in [
        Action::ToggleTranslation,
        Action::ToggleNotes,
        Action::SwitchFocus,
        Action::GlossaryDown,
    ] {
        app.update(action);
        screens.push(draw(&app));
    }
    app.update(Action::SwitchFocus);
    for (open, close) in [
        (Action::ToggleHelp, Action::Cancel),
        (Action::AddEntry, Action::Cancel),
        (Action::Search, Action::Cancel),
        (Action::StartReview, Action::Quit),
    ] {
        app.update(open);
        screens.push(draw(&app));
        if matches!(open, Action::StartReview) {
            app.update(Action::Reveal);
            screens.push(draw(&app));
        }
        app.update(close);
    }
    screens
}

#[test]
fn no_text_is_drawn_in_bright_white_black_grey_or_on_a_set_background() {
    // Bright white and grey vanish on a light background, black on a dark
    // one, and colour 8 is Solarized Dark's background: text uses the
    // terminal's own foreground, highlights reverse video.
    for palette in [Palette::Dark, Palette::Light, Palette::Plain] {
        let options = Options {
            palette,
            ..Options::default()
        };
        let allowed = match palette {
            Palette::Dark => &[
                Color::LightBlue,
                Color::LightRed,
                Color::LightMagenta,
                Color::Yellow,
                Color::LightYellow,
                Color::Green,
            ][..],
            Palette::Light => &[
                Color::Blue,
                Color::Red,
                Color::LightRed,
                Color::Magenta,
                Color::LightMagenta,
            ][..],
            Palette::Plain => &[][..],
        };
        let screens = every_kind_of_screen(options);
        assert_eq!(screens.len(), 10);
        let mut seen = std::collections::HashSet::new();
        for buffer in &screens {
            for cell in buffer.content() {
                assert_eq!(cell.bg, Color::Reset, "{palette:?}: a background colour");
                assert!(
                    cell.fg == Color::Reset || allowed.contains(&cell.fg),
                    "{palette:?}: {:?} on {:?}",
                    cell.fg,
                    cell.symbol()
                );
                seen.insert(format!("{:?}", cell.fg));
            }
        }
        // Every status colour of the palette was drawn somewhere.
        for colour in allowed {
            assert!(
                seen.contains(&format!("{colour:?}")),
                "{palette:?}: {colour:?} never drawn in {seen:?}"
            );
        }
    }
}

#[test]
fn bidi_terminal_mode_writes_logical_order_unshaped() {
    let options = Options {
        bidi: BidiMode::Terminal,
        ..Options::default()
    };
    let mut app = app(120, 40, options);
    let buffer = draw(&app);
    let (_, title) = text_row(&app, &buffer, 1);
    // An LRM keeps the row left to right in a terminal that reorders, an
    // RLE … PDF embedding makes the line right to left inside it.
    assert_eq!(
        title,
        "\u{200E}\u{202B}الجيش السوري بدأ معركة دير الزور و«داعش» يدعو «للنفير»\u{202C}"
    );
    // One pane: the terminal reorders whole rows.
    assert_eq!(app.screen.glossary, None);
    app.update(Action::ToggleGlossaryPane);
    assert_eq!(app.screen.glossary, None);
    assert!(
        app.message
            .as_ref()
            .map(ToString::to_string)
            .as_deref()
            .unwrap_or("")
            .contains("--bidi terminal")
    );
    // English lines get no marks.
    app.update(Action::ToggleTranslation);
    let buffer = draw(&app);
    assert!(screen_text(&buffer).contains("The Syrian army"));
    // (The study panel's English lines with Arabic words, the intro's,
    // are laid out left to right like notes: not checked here.)
    let text_rows = usize::from(app.view.text.y)..usize::from(app.view.text.bottom());
    for (y, row) in screen_text(&buffer).lines().enumerate() {
        let arabic = row.chars().any(|c| ('\u{600}'..='\u{6FF}').contains(&c));
        let marks = row.matches(['\u{200E}', '\u{202B}', '\u{202C}']).count();
        if row.contains("The Syrian army") {
            assert_eq!(marks, 0, "{row}");
        } else if arabic && text_rows.contains(&y) && !row.contains("sentence 1/") {
            assert_eq!(marks, 3, "{row}");
            let text = row.trim_matches(|c: char| c.is_whitespace() || c == '│' || c == '▌');
            assert!(
                text.starts_with("\u{200E}\u{202B}") && text.ends_with('\u{202C}'),
                "{row:?}"
            );
        }
    }
}

#[test]
fn every_small_size_draws_without_panicking() {
    for columns in 0..=40 {
        for rows in 0..=14 {
            let mut app = app(columns, rows, Options::default());
            for action in [
                Action::ToggleTranslation,
                Action::ToggleNotes,
                Action::ToggleHelp,
            ] {
                app.update(action);
                draw(&app);
            }
            if columns >= 1 && rows >= 1 && app.screen.too_small {
                let text = screen_text(&draw(&app));
                assert!(text.starts_with('E'), "{columns}x{rows}: {text:?}");
            }
        }
    }
}

#[test]
fn the_status_line_marks_a_selection_and_speech_while_they_are_on() {
    let mut app = app(120, 40, Options::default());
    let status_row = |app: &App| {
        let buffer = draw(app);
        cells(&buffer, buffer.area.height - 1, 0, buffer.area.width)
    };
    let plain = status_row(&app);
    assert!(
        !plain.contains("[selecting") && !plain.contains("[speaking"),
        "{plain}"
    );
    app.update(Action::ToggleSelection);
    app.update(Action::NextWord);
    assert!(status_row(&app).contains("[selecting: v ends]"));
    app.update(Action::Speak);
    let both = status_row(&app);
    assert!(
        both.contains("[selecting: v ends]") && both.contains("[speaking: S stops]"),
        "{both}"
    );
    app.update(Action::ToggleSelection);
    app.update(Action::StopSpeaking);
    let off = status_row(&app);
    assert!(
        !off.contains("[selecting") && !off.contains("[speaking"),
        "{off}"
    );
}

/// A 900-word sentence at 80×24: ▼ in the current sentence's mark on the
/// text's last row while more of it is below, ▲ on its first row once the
/// cursor has walked on, and the cursor word always drawn.
#[test]
fn a_tall_sentence_is_marked_where_it_goes_on_and_its_last_word_is_drawn() {
    let mut article = bundled_article();
    let words: Vec<String> = article
        .sentences
        .iter()
        .flat_map(|s| (0..s.words.len()).map(move |w| s.word(w).unwrap().to_owned()))
        .filter(|w| w.chars().all(|c| !c.is_ascii_digit()))
        .collect();
    let text: Vec<&str> = words.iter().cycle().take(900).map(String::as_str).collect();
    article.sentences[0] =
        qari::article::Sentence::new(format!("{}.", text.join(" ")), String::new(), Vec::new());
    let none = Arc::new(Dictionaries::default());
    let mut app = App::new(article, 0, Options::default())
        .with_glossary(Glossary::load(None))
        .with_dictionaries(none);
    app.update(Action::Resize {
        columns: 80,
        rows: 24,
    });
    let gutter = app.view.gutter_x.unwrap();
    let (top, bottom) = (app.view.text.top(), app.view.text.bottom() - 1);
    let buffer = draw(&app);
    assert_eq!(buffer[(gutter, top)].symbol(), "▌");
    assert_eq!(buffer[(gutter, bottom)].symbol(), "▼");
    for _ in 1..900 {
        app.update(Action::NextWord);
    }
    let buffer = draw(&app);
    assert_eq!(buffer[(gutter, top)].symbol(), "▲");
    assert_eq!(buffer[(gutter, bottom)].symbol(), "▌");
    let text = app.view.text;
    let cursor_drawn = (text.top()..text.bottom()).any(|y| {
        (text.left()..text.right()).any(|x| buffer[(x, y)].modifier.contains(Modifier::REVERSED))
    });
    assert!(cursor_drawn, "the last word is on screen, marked");
}

const LONG_MESSAGE: &str = "skipped /home/learner/.local/share/qari/glossary/user.toml: line 12, column 7: expected `=` after the key, found a newline; the file was left as it was and none of its entries were read";

/// The words of rows `ys` of the screen between columns `xs`, in order.
fn words_of(buffer: &Buffer, ys: std::ops::Range<u16>, xs: std::ops::Range<u16>) -> String {
    ys.flat_map(|y| {
        cells(buffer, y, xs.start, xs.end)
            .split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    })
    .collect::<Vec<_>>()
    .join(" ")
}

#[test]
fn a_long_message_wraps_on_rows_of_its_own_above_the_status_line_not_over_the_borders() {
    use qari::app::Msg;
    let mut app = app(80, 24, Options::default());
    app.update(Msg::Notice(LONG_MESSAGE.into()));
    let buffer = draw(&app);
    let rows = app.screen.message.expect("the message has rows of its own");
    assert!(rows.height >= 2, "{rows:?}");
    assert_eq!(rows.bottom(), 23, "just above the status line");
    // The panes end above it, their bottom borders whole.
    for pane in [app.screen.reader, app.screen.glossary.unwrap()] {
        assert_eq!(pane.bottom(), rows.y);
        let border = cells(&buffer, pane.bottom() - 1, pane.x, pane.right());
        assert!(
            border.starts_with('╰') && border.ends_with('╯'),
            "{border:?}"
        );
    }
    assert_eq!(
        words_of(&buffer, rows.top()..rows.bottom(), 0..80),
        LONG_MESSAGE
    );
    let status = cells(&buffer, 23, 0, 80);
    assert!(status.contains("sentence 1/24"), "{status}");
    // A short message stays on the status line; the panes take the rows back.
    app.update(Msg::Notice("Saved".into()));
    assert_eq!(app.screen.message, None);
    assert_eq!(app.screen.reader.bottom(), 23);
    let status = cells(&draw(&app), 23, 0, 80);
    assert!(
        status.contains("sentence 1/24") && status.contains("Saved"),
        "{status}"
    );
}

#[test]
fn m_shows_the_last_20_messages_in_full_and_esc_or_m_closes_them() {
    use qari::app::keys::{action_for_key, scope_for};
    use qari::app::{Msg, Overlay};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = app(120, 40, Options::default());
    let key = |app: &mut App, code| {
        let scope = scope_for(app.focus, app.overlay.as_ref());
        let action = action_for_key(KeyEvent::new(code, KeyModifiers::NONE), scope).unwrap();
        app.update(action);
    };
    key(&mut app, KeyCode::Char('m'));
    assert_eq!(app.overlay, Some(Overlay::Messages));
    assert!(screen_text(&draw(&app)).contains("No messages yet."));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    app.update(Msg::Notice(LONG_MESSAGE.into()));
    for i in 1..=24 {
        app.update(Msg::Notice(format!("message #{i}.")));
    }
    assert_eq!(app.messages.len(), 20);
    key(&mut app, KeyCode::Char('m'));
    let buffer = draw(&app);
    let text = screen_text(&buffer);
    assert!(text.contains(" Messages "), "{text}");
    assert!(
        text.contains("message #5.") && text.contains("message #24."),
        "{text}"
    );
    assert!(
        !text.contains("message #4.") && !text.contains("user.toml"),
        "{text}"
    );
    key(&mut app, KeyCode::Char('m'));
    assert_eq!(app.overlay, None);
    // An error in full, file, line and column.
    app.update(Msg::Notice(LONG_MESSAGE.into()));
    key(&mut app, KeyCode::Char('m'));
    // Inside the box (100 cells wide, centred), past its border and margin.
    let words = words_of(&draw(&app), 0..40, 12..108);
    assert!(
        words.contains(
            &LONG_MESSAGE
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        ),
        "{words}"
    );
}

/// The cells between `xs` of the screen's row holding `needle`.
fn row_with(buffer: &Buffer, needle: &str, xs: std::ops::Range<u16>) -> Option<String> {
    (0..buffer.area.height)
        .map(|y| cells(buffer, y, xs.start, xs.end))
        .find(|row| row.contains(needle))
}

#[test]
fn a_long_field_scrolls_to_keep_the_cursor_in_view_and_the_hints_are_never_cut() {
    let mut reader = app(80, 24, Options::default());
    reader.update(Action::NextSentence);
    reader.update(Action::NextSentence);
    let translation = reader.current().en.clone();
    assert!(translation.len() > 300);
    reader.update(Action::EditSentence);
    // The cursor at the end: the row shows the translation's last words
    // up to the cursor, a full row of them (not the last wrapped fragment),
    // and … where the rest is hidden.
    let buffer = draw(&reader);
    let tail: String = translation
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    // Inside the form's box (72 cells, centred): its field rows.
    let field = 6..74;
    let row = row_with(&buffer, &tail, field.clone()).expect("the end of the translation is shown");
    let inside = row.trim();
    assert!(inside.starts_with(strings_more()), "{row:?}");
    assert!(inside.chars().count() > 60, "a full row: {row:?}");
    // Home: the start, and … at the other end.
    reader.update(Action::FieldStart);
    let buffer = draw(&reader);
    let head: String = translation.chars().take(40).collect();
    let row = row_with(&buffer, &head, field).expect("the start of the translation is shown");
    let inside = row.trim();
    assert!(inside.ends_with(strings_more()), "{row:?}");
    // The hint line whole, in the form and in the search prompt, even on a
    // narrow screen: its words in order inside the box.
    let joined = |text: String| text.split_whitespace().collect::<Vec<_>>().join(" ");
    for columns in [80, 44] {
        let inside = |width: u16| {
            let x = (columns - width.min(columns)) / 2;
            x + 2..x + width.min(columns) - 2
        };
        let mut other = app(columns, 24, Options::default());
        other.update(Action::AddEntry);
        let words = words_of(&draw(&other), 0..24, inside(72));
        let hint = joined(qari::ui::strings::form_footer());
        assert!(words.contains(&hint), "{hint:?} cut at {columns}:\n{words}");
        other.update(Action::Cancel);
        other.update(Action::Search);
        let words = words_of(&draw(&other), 0..24, inside(60));
        let hint = joined(qari::ui::strings::search_footer());
        assert!(words.contains(&hint), "{hint:?} cut at {columns}:\n{words}");
    }
}

fn strings_more() -> &'static str {
    qari::ui::strings::MORE
}

#[test]
fn the_review_hides_the_panes_behind_it() {
    let library = tempfile::tempdir().unwrap();
    let dir = library.path().join("glossary");
    let none = Arc::new(Dictionaries::default());
    let app = App::new(bundled_article(), 2, Options::default())
        .with_glossary(Glossary::load(Some(&dir)))
        .with_saving()
        .with_dictionaries(none);
    let mut app = Inline::new(app, Executor::new(Some(Library::new(library.path()))));
    app.update(Action::Resize {
        columns: 120,
        rows: 40,
    });
    app.update(Action::SetStatus(Status::Level(2)));
    let before = screen_text(&draw(&app));
    assert!(before.contains(" Glossary "));
    app.update(Action::StartReview);
    app.update(Action::Reveal);
    let text = screen_text(&draw(&app));
    assert!(text.contains(" Review "), "{text}");
    assert!(
        !text.contains(" Glossary ") && !text.contains(" Reader "),
        "{text}"
    );
    // Left of the box, nothing but blanks (the glossary pane was there).
    for y in 0..39 {
        assert_eq!(cells(&draw(&app), y, 0, 10).trim(), "", "row {y}");
    }
}

#[test]
fn the_intro_shows_with_the_first_sentence_and_the_outro_with_the_last() {
    let mut reader = app(80, 24, Options::default());
    let text = screen_text(&draw(&reader));
    assert!(text.contains("── Before you read"), "{text}");
    assert!(text.contains("Who is who."), "{text}");
    assert!(!text.contains("After reading"), "{text}");
    insta::assert_snapshot!("intro_80x24", text);
    // Gone from the second sentence on; the outro only with the last.
    reader.update(Action::NextSentence);
    let text = screen_text(&draw(&reader));
    assert!(!text.contains("Before you read") && !text.contains("After reading"));
    reader.update(Action::LastSentence);
    reader.update(Action::ToggleTranslation);
    let text = screen_text(&draw(&reader));
    assert!(text.contains("── Translation"), "{text}");
    assert!(text.contains("── After reading"), "{text}");
    insta::assert_snapshot!("outro_80x24", text);
    // Small screens and the terminal's own bidi: drawn, scrollable to the
    // end of the panel.
    let options = Options {
        bidi: BidiMode::Terminal,
        ..Options::default()
    };
    for mut small in [app(40, 15, Options::default()), app(40, 15, options)] {
        let text = screen_text(&draw(&small));
        assert!(text.contains("Before you read"), "{text}");
        for _ in 0..200 {
            small.update(Action::StudyDown);
        }
        let text = screen_text(&draw(&small));
        assert!(text.contains("Homs."), "{text}");
        small.update(Action::LastSentence);
        for _ in 0..200 {
            small.update(Action::StudyDown);
        }
        let text = screen_text(&draw(&small));
        assert!(text.contains("kilometre’."), "{text}");
    }
}

/// The learner's `keys.toml` reaches every place that names or obeys a
/// key: the dispatcher, the help, the hints under the reader and the
/// messages (the table is installed on this test's thread only).
#[test]
fn a_keys_file_changes_what_the_keys_do_and_everything_that_names_them() {
    use qari::app::Msg;
    use qari::app::Notice;
    use qari::app::keys::{Keymap, install};
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

    let path = std::path::Path::new("/home/u/.config/qari/keys.toml");
    let keymap = qari::config::keys::parse(
        b"[global]\nquit = \"z\"\nspeak = \"F5\"\ntoggle_translation = \"y\"\n",
        path,
    )
    .unwrap();
    install(keymap);
    let press = |c| {
        Msg::Terminal(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )))
    };

    let mut app = app(120, 40, Options::default());
    // The hints under the reader name the new key for the translation.
    let reader = screen_text(&draw(&app));
    assert!(reader.contains("y translation"), "{reader}");
    assert!(!reader.contains("t translation"), "{reader}");
    // A message naming a key names the new one.
    assert!(Notice::SpeechMissing.to_string().contains("so F5 cannot"));
    // The help lists the new keys, not the defaults.
    app.update(Action::ToggleHelp);
    let help = screen_text(&draw(&app));
    let quit_row = help
        .lines()
        .find(|row| row.contains(qari::ui::strings::describe(Action::Quit)))
        .unwrap();
    assert!(quit_row.contains("z "), "{quit_row}");
    assert!(!quit_row.contains("q "), "{quit_row}");
    app.update(Action::ToggleHelp);
    // t no longer shows the translation, q no longer quits; z does.
    app.update(press('q'));
    assert!(!app.should_quit);
    app.update(press('z'));
    assert!(app.should_quit);

    install(Keymap::default());
    assert!(Notice::SpeechMissing.to_string().contains("so s cannot"));
}
