//! Moving entries in and out: an Anki text file (imports as is: tab
//! separated, with the context sentence and its translation on the card), a
//! plain CSV of every field, and LUTE's term CSV (language, term,
//! translation, parent, status, tags, pronunciation), which qari also reads
//! back.

use std::fmt::Write as _;

use super::Status;
use super::entry::{Context, Entry};
use crate::arabic::{analyses, normalize};
use crate::quote::quoted;

/// The formats `qari glossary export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Anki,
    Csv,
    Lute,
}

/// A sentence to show on a card: the Arabic and its translation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardContext {
    pub arabic: String,
    pub english: String,
}

/// Columns of qari's own CSV.
const CSV_COLUMNS: [&str; 15] = [
    "headword", "senses", "root", "pos", "pattern", "translit", "parent", "forms", "notes", "tags",
    "article", "sentence", "status", "created", "updated",
];
/// Columns of LUTE's term CSV.
const LUTE_COLUMNS: [&str; 7] = [
    "language",
    "term",
    "translation",
    "parent",
    "status",
    "tags",
    "pronunciation",
];
/// LUTE's name for the language.
const LUTE_LANGUAGE: &str = "Arabic";
/// Lists inside one CSV field.
const LIST_SEPARATOR: &str = "; ";

/// Writes `entries` in `format`; `context` gives the sentence an entry was
/// met in, for the Anki cards.
pub fn export(
    entries: &[Entry],
    format: Format,
    context: impl Fn(&Context) -> Option<CardContext>,
) -> Result<String, csv::Error> {
    match format {
        Format::Anki => Ok(anki(entries, context)),
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            writer.write_record(CSV_COLUMNS)?;
            for e in entries {
                let (article, sentence) = e
                    .context
                    .as_ref()
                    .map_or((String::new(), String::new()), |c| {
                        (c.article.clone(), c.sentence.to_string())
                    });
                writer.write_record(defused([
                    &e.headword,
                    &e.senses.join(LIST_SEPARATOR),
                    &e.root,
                    &e.pos,
                    &e.pattern,
                    &e.translit,
                    &e.parent,
                    &e.forms.join(LIST_SEPARATOR),
                    &e.notes,
                    &e.tags.join(LIST_SEPARATOR),
                    &article,
                    &sentence,
                    &e.status.map(super::Status::code).unwrap_or_default(),
                    &e.created,
                    &e.updated,
                ]))?;
            }
            finish(writer)
        }
        Format::Lute => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            writer.write_record(LUTE_COLUMNS)?;
            for e in entries {
                writer.write_record(defused([
                    LUTE_LANGUAGE,
                    &e.headword,
                    &e.senses.join(LIST_SEPARATOR),
                    &e.parent,
                    &e.status.unwrap_or(super::Status::NEW).code(),
                    &e.tags.join(","),
                    &e.translit,
                ]))?;
            }
            finish(writer)
        }
    }
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP's
/// CSV-injection list): a cell starting with one is written with a `'`
/// before it, which spreadsheets show as text, and `import` takes off.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cells of a record, each defused (see [`FORMULA_STARTS`]).
fn defused<const N: usize>(cells: [&str; N]) -> [String; N] {
    cells.map(|cell| {
        if cell.starts_with(FORMULA_STARTS) {
            format!("'{cell}")
        } else {
            cell.to_owned()
        }
    })
}

/// Undoes [`defused`] on a cell read back.
fn restored(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Result<String, csv::Error> {
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Anki's text import with file headers: tab separated, HTML fields, note
/// type Basic (Front: the headword; Back: glosses, grammar, and the
/// sentence with its translation), tags in the third column.
fn anki(entries: &[Entry], context: impl Fn(&Context) -> Option<CardContext>) -> String {
    let mut out =
        String::from("#separator:tab\n#html:true\n#notetype:Basic\n#deck:qari\n#tags column:3\n");
    // An ignored word is not one to learn.
    for e in entries.iter().filter(|e| e.status != Some(Status::Ignored)) {
        let mut front = html(&e.headword);
        if !e.translit.is_empty() {
            let _ = write!(front, "<br><i>{}</i>", html(&e.translit));
        }
        let mut back = e
            .senses
            .iter()
            .map(|s| html(s))
            .collect::<Vec<_>>()
            .join("; ");
        let grammar: Vec<String> = [&e.pos, &e.root, &e.pattern]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(|s| html(s))
            .collect();
        if !grammar.is_empty() {
            let _ = write!(back, "<br><small>{}</small>", grammar.join(" · "));
        }
        if !e.notes.trim().is_empty() {
            let _ = write!(
                back,
                "<br><div class=\"notes\">{}</div>",
                html(e.notes.trim())
            );
        }
        if let Some(card) = e.context.as_ref().and_then(&context) {
            let _ = write!(
                back,
                "<hr><div dir=\"rtl\">{}</div><div>{}</div>",
                highlighted(&card.arabic, e),
                html(&card.english)
            );
        }
        let tags: Vec<String> = std::iter::once("qari".to_owned())
            .chain(e.tags.iter().map(|t| t.replace(char::is_whitespace, "_")))
            .collect();
        let _ = writeln!(out, "{front}\t{back}\t{}", tags.join(" "));
    }
    out
}

/// The sentence for an HTML field with each word that is `entry` (its
/// headword or one of its forms, with or without clitics: وحلفاؤه for
/// حليف) in bold. A multi-word headword is not marked.
fn highlighted(sentence: &str, entry: &Entry) -> String {
    let keys: Vec<String> = std::iter::once(&entry.headword)
        .chain(&entry.forms)
        .filter(|k| !k.trim().contains(char::is_whitespace))
        .map(|k| normalize(k.trim()))
        .filter(|k| !k.is_empty())
        .collect();
    let is_entry = |word: &str| {
        let word = normalize(word.trim_matches(|c: char| !c.is_alphanumeric()));
        !word.is_empty()
            && (keys.contains(&word) || analyses(&word).iter().any(|a| keys.contains(&a.stem)))
    };
    let mut out = String::with_capacity(sentence.len() + 16);
    let mut rest = sentence;
    while !rest.is_empty() {
        let space = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (word, after) = rest.split_at(space);
        if is_entry(word) {
            let _ = write!(out, "<b>{}</b>", html(word));
        } else {
            out.push_str(&html(word));
        }
        let next = after
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(after.len());
        out.push_str(&html(&after[..next]));
        rest = &after[next..];
    }
    out
}

/// Text for an HTML field: markup characters escaped, and no tab or line
/// break (they would end the field or the note).
fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// One entry read back from a CSV or LUTE file, or why a row was refused.
pub type ImportedRow = Result<Entry, String>;

/// Reads qari's CSV or LUTE's term CSV (told apart by the header).
pub fn import(text: &str) -> Result<Vec<(usize, ImportedRow)>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("line 1: {e}"))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let lute = column("term").is_some() && column("language").is_some();
    if !lute && column("headword").is_none() {
        // The header as read, control characters escaped: a quoted field
        // may hold a line break or an escape sequence.
        let found: String = header
            .join(",")
            .chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect();
        return Err(format!(
            "line 1: expected a header with `headword` (qari's CSV) or `language,term,translation` (LUTE), found `{found}`"
        ));
    }
    let mut rows = Vec::new();
    for (number, record) in reader.records().enumerate() {
        // The line the row starts on in the file (a quoted field may span
        // several lines), else its place counting one line a row.
        let line_of = |position: Option<&csv::Position>| {
            position.map_or(number + 2, |p| {
                usize::try_from(p.line()).unwrap_or(usize::MAX)
            })
        };
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                rows.push((line_of(error.position()), Err(error.to_string())));
                continue;
            }
        };
        let line = line_of(record.position());
        let get = |name: &str| {
            restored(column(name).and_then(|i| record.get(i)).unwrap_or(""))
                .trim()
                .to_owned()
        };
        let list = |name: &str, separator: &str| -> Vec<String> {
            get(name)
                .split(separator)
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect()
        };
        let entry = if lute {
            if !get("language").eq_ignore_ascii_case(LUTE_LANGUAGE) {
                rows.push((
                    line,
                    Err(format!(
                        "language {} is not Arabic",
                        quoted(&get("language"))
                    )),
                ));
                continue;
            }
            Entry {
                headword: get("term"),
                senses: list("translation", ";"),
                parent: get("parent"),
                tags: list("tags", ","),
                translit: get("pronunciation"),
                status: super::Status::parse(&get("status")),
                ..Entry::default()
            }
        } else {
            let context = get("sentence").parse().ok().map(|sentence| Context {
                article: get("article"),
                sentence,
            });
            Entry {
                headword: get("headword"),
                senses: list("senses", ";"),
                root: get("root"),
                pos: get("pos"),
                pattern: get("pattern"),
                translit: get("translit"),
                parent: get("parent"),
                forms: list("forms", ";"),
                notes: get("notes"),
                tags: list("tags", ";"),
                context: context.filter(|c| !c.article.is_empty()),
                status: super::Status::parse(&get("status")),
                review: None,
                created: get("created"),
                updated: get("updated"),
            }
        };
        let mut entry = entry;
        rows.push((
            line,
            entry
                .validate()
                .map(|()| entry.clone())
                .map_err(|e| e.to_string()),
        ));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Entry> {
        let mut entry = Entry::new("حليف", "ally");
        entry.senses.push("confederate, \"partner\"".into());
        entry.root = "ح ل ف".into();
        entry.pos = "noun".into();
        entry.translit = "ḥalīf".into();
        entry.forms = vec!["حلفاء".into()];
        entry.tags = vec!["military".into()];
        entry.context = Some(Context {
            article: "deir-ez-zor-2017".into(),
            sentence: 3,
        });
        vec![entry, Entry::new("نفير", "mobilisation")]
    }

    #[test]
    fn csv_and_lute_round_trip() {
        for format in [Format::Csv, Format::Lute] {
            let text = export(&sample(), format, |_| None).unwrap();
            let rows = import(&text).unwrap();
            let back: Vec<Entry> = rows.into_iter().map(|(_, r)| r.unwrap()).collect();
            assert_eq!(back.len(), 2);
            assert_eq!(back[0].headword, "حليف");
            assert_eq!(back[0].senses, ["ally", "confederate, \"partner\""]);
            assert_eq!(back[0].translit, "ḥalīf");
            assert_eq!(back[0].tags, ["military"]);
            if format == Format::Csv {
                assert_eq!(back[0], sample()[0]);
            }
        }
        let lute = export(&sample(), Format::Lute, |_| None).unwrap();
        assert!(lute.starts_with("language,term,translation,parent,status,tags,pronunciation\n"));
        assert!(
            lute.contains("Arabic,حليف,\"ally; confederate, \"\"partner\"\"\",,1,military,ḥalīf\n"),
            "{lute}"
        );
    }

    #[test]
    fn anki_cards_carry_the_sentence_and_its_translation() {
        let text = export(&sample(), Format::Anki, |c| {
            (c.sentence == 3).then(|| CardContext {
                arabic: "بعد ان سيطر الجيش السوري وحلفاؤه".into(),
                english: "After the Syrian army and its allies took control".into(),
            })
        })
        .unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "#separator:tab");
        assert_eq!(lines.len(), 5 + 2);
        let fields: Vec<&str> = lines[5].split('\t').collect();
        assert_eq!(fields.len(), 3);
        assert_eq!(fields[0], "حليف<br><i>ḥalīf</i>");
        assert!(fields[1].starts_with(
            "ally; confederate, &quot;partner&quot;<br><small>noun · ح ل ف</small><hr>"
        ));
        assert!(
            fields[1].contains("<div dir=\"rtl\">بعد ان سيطر الجيش السوري <b>وحلفاؤه</b></div>")
        );
        assert_eq!(fields[2], "qari military");
    }

    /// The word in bold in its sentence (as it stands there, clitics and
    /// all), the entry's notes kept, ignored entries left out.
    #[test]
    fn anki_cards_mark_the_word_keep_the_notes_and_leave_out_ignored_entries() {
        let mut entries = sample();
        entries[0].notes = "plural حلفاء <broken>".into();
        let mut ignored = Entry::new("زيد", "Zayd");
        ignored.status = Some(Status::Ignored);
        entries.push(ignored);
        let mut known = Entry::new("بعد", "after");
        known.status = Some(Status::WellKnown);
        known.context = entries[0].context.clone();
        entries.push(known);
        let text = export(&entries, Format::Anki, |_| {
            Some(CardContext {
                arabic: "بعد ان سيطر الجيش السوري وحلفاؤه، على".into(),
                english: "After the Syrian army and its allies took control".into(),
            })
        })
        .unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 5 + 3, "{text}");
        assert!(!text.contains("زيد"), "{text}");
        let ally: Vec<&str> = lines[5].split('\t').collect();
        assert!(
            ally[1].contains("<div dir=\"rtl\">بعد ان سيطر الجيش السوري <b>وحلفاؤه،</b> على</div>"),
            "{}",
            ally[1]
        );
        assert!(
            ally[1].contains("<div class=\"notes\">plural حلفاء &lt;broken&gt;</div>"),
            "{}",
            ally[1]
        );
        let after: Vec<&str> = lines[7].split('\t').collect();
        assert!(
            after[1].contains("<div dir=\"rtl\"><b>بعد</b> ان سيطر"),
            "{}",
            after[1]
        );
    }

    #[test]
    fn rows_after_a_field_of_several_lines_are_reported_by_their_file_line() {
        let text = "headword,senses\nنفير,\"mobilisation\nover two lines\"\nabc,x\n";
        let rows = import(text).unwrap();
        assert_eq!(rows[0].0, 2);
        assert_eq!(rows[1].0, 4, "{rows:?}");
        assert!(rows[1].1.is_err());
    }

    #[test]
    fn bad_rows_are_reported_by_line() {
        let rows = import(
            "language,term,translation\nArabic,نفير,mobilisation\nArabic,abc,x\nFrench,mot,word\n",
        )
        .unwrap();
        assert!(rows[0].1.is_ok());
        assert_eq!(
            rows[1],
            (3, Err("the headword \"abc\" has no Arabic letter".into()))
        );
        assert_eq!(rows[2].0, 4);
        assert!(
            import("a,b\n1,2\n")
                .unwrap_err()
                .starts_with("line 1: expected a header")
        );
    }

    /// Found by `fuzz/fuzz_targets/import.rs`: a quoted header field
    /// carried its line break (or an escape sequence) into the message.
    #[test]
    fn a_bad_header_is_shown_on_one_line() {
        let error = import("\"a\nb\",\"\u{1b}[31m\"\n1,2\n").unwrap_err();
        assert!(error.ends_with("found `a\\nb,\\u{1b}[31m`"), "{error}");
    }
}
