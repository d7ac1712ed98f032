//! `qari glossary add | list | rm | import` (`export` is
//! [`super::export`]): the learner's glossary from the command line.

use std::io::Write;
use std::path::Path;

use crate::article::Library;
use crate::files::{GLOSSARY_IMPORT, Printable, read_text_capped};
use crate::glossary::{Entry, Merged, Saved, UserGlossary, import as parse_csv};
use crate::quote::quoted;
use crate::text::Direction;

use super::args::GlossaryCommand;
use super::output::{counted, glossary_dir, load_glossary};
use super::{Error, Order};

/// Runs one `glossary` subcommand.
pub fn run(
    library: &Library,
    command: GlossaryCommand,
    order: Order,
    out: impl Write,
    err: impl Write,
) -> Result<(), Error> {
    match command {
        GlossaryCommand::Add {
            headword,
            gloss,
            root,
            pos,
            note,
        } => {
            let entry = Entry {
                headword,
                senses: gloss,
                root: root.unwrap_or_default(),
                pos: pos.unwrap_or_default(),
                notes: note.unwrap_or_default(),
                ..Entry::default()
            };
            add(library, entry, out)?;
        }
        GlossaryCommand::List { query } => {
            list(library, query.as_deref(), order, out, err)?;
        }
        GlossaryCommand::Export {
            format,
            output,
            all,
        } => {
            super::export::export(library, format.into(), all, output.as_deref(), out, err)?;
        }
        GlossaryCommand::Import { file } => {
            import(library, &file, out, err)?;
        }
        GlossaryCommand::Rm { headword } => {
            remove(library, &headword, out)?;
        }
    }
    Ok(())
}

/// Adds `entry` to the learner's glossary (merged into the entry with its
/// headword, if there is one), and says which on `out`.
pub fn add(library: &Library, entry: Entry, mut out: impl Write) -> Result<Saved, Error> {
    let user = UserGlossary::new(glossary_dir(library));
    let shown = entry.headword.trim().to_owned();
    let saved = user.add(entry)?;
    let verb = match saved {
        Saved::Added => "added",
        Saved::Updated => "updated",
    };
    writeln!(
        out,
        "{verb} {} in {}",
        quoted(&shown),
        user.path().display()
    )?;
    Ok(saved)
}

/// Lists the live entries (all, or those `query` finds: Arabic in the
/// headwords and forms, other text in the glosses), one per line:
/// headword, tab, glosses. Returns how many.
pub fn list(
    library: &Library,
    query: Option<&str>,
    order: Order,
    out: impl Write,
    err: impl Write,
) -> Result<usize, Error> {
    let glossary = load_glossary(library, err)?;
    let mut out = Printable::new(out);
    let hits: Vec<usize> = match query {
        Some(query) => glossary.search(query),
        None => (0..glossary.entries.len())
            .filter(|&i| glossary.is_live(i))
            .collect(),
    };
    for &index in &hits {
        let entry = &glossary.entries[index];
        let line = format!("{}\t{}", entry.headword, entry.senses.join("; "));
        writeln!(out, "{}", order.line(&line, Direction::Ltr))?;
    }
    Ok(hits.len())
}

/// Removes the learner's entries with `headword`; returns how many.
pub fn remove(library: &Library, headword: &str, mut out: impl Write) -> Result<usize, Error> {
    let user = UserGlossary::new(glossary_dir(library));
    let removed = user.remove(headword)?;
    writeln!(
        out,
        "removed {} {}",
        counted(removed, "entry", "entries"),
        quoted(headword)
    )?;
    Ok(removed)
}

/// Imports qari's CSV or LUTE's term CSV from `file` into the learner's
/// glossary: rows that are not entries are said on `err` and skipped, the
/// rest merged; a summary on `out`.
pub fn import(
    library: &Library,
    file: &Path,
    mut out: impl Write,
    mut err: impl Write,
) -> Result<Merged, Error> {
    let user = UserGlossary::new(glossary_dir(library));
    let shown = file.display().to_string();
    let text = read_text_capped(file, GLOSSARY_IMPORT)?;
    let rows = parse_csv(&text).map_err(|message| Error::NotCsv {
        path: shown.clone(),
        message,
    })?;
    let mut good = Vec::new();
    for (line, row) in rows {
        match row {
            Ok(entry) => good.push(entry),
            Err(reason) => writeln!(err, "qari: {shown}:{line}: {reason}; skipped")?,
        }
    }
    let rows = good.len();
    let merged = user.add_all(good)?;
    write!(out, "{}", import_summary(&merged, rows, &user.path()))?;
    Ok(merged)
}

/// What `glossary import` did, e.g. "imported 5 rows into …: 1 added, 2
/// updated, 2 unchanged" then "updated: glosses of X, Y; status of Z".
fn import_summary(merged: &Merged, rows: usize, path: &Path) -> String {
    let (added, updated) = (merged.added.len(), merged.updated.len());
    let unchanged = rows.saturating_sub(added + updated);
    let mut text = format!(
        "imported {} into {}: {added} added, {updated} updated, {unchanged} unchanged\n",
        counted(rows, "row", "rows"),
        path.display()
    );
    if !merged.updated.is_empty() {
        // Field by field, in the order fields first changed.
        let mut by_field: Vec<(&str, Vec<&str>)> = Vec::new();
        for (headword, fields) in &merged.updated {
            for field in fields {
                match by_field.iter_mut().find(|(f, _)| f == field) {
                    Some((_, words)) => words.push(headword),
                    None => by_field.push((field, vec![headword])),
                }
            }
        }
        let parts: Vec<String> = by_field
            .iter()
            .map(|(field, words)| format!("{field} of {}", words.join(", ")))
            .collect();
        text.push_str(&format!("updated: {}\n", parts.join("; ")));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::ExportFormat;
    use crate::cli::testing::{library, text};

    fn entry(headword: &str, gloss: &str) -> Entry {
        Entry {
            headword: headword.to_owned(),
            senses: vec![gloss.to_owned()],
            ..Entry::default()
        }
    }

    #[test]
    fn add_list_and_remove_an_entry() {
        let (dir, library) = library();
        let user = dir.path().join("glossary/user.toml");
        let mut out = Vec::new();
        assert_eq!(
            add(&library, entry(" نفير ", "mobilisation"), &mut out).unwrap(),
            Saved::Added
        );
        assert_eq!(
            add(&library, entry("نفير", "a call to arms (qari)"), &mut out).unwrap(),
            Saved::Updated
        );
        assert_eq!(
            text(std::mem::take(&mut out)),
            format!(
                "added \"نفير\" in {0}\nupdated \"نفير\" in {0}\n",
                user.display()
            )
        );
        // Found by its gloss, in logical order with a tab in a pipe.
        let listed = list(
            &library,
            Some("(qari)"),
            Order::Logical,
            &mut out,
            Vec::new(),
        )
        .unwrap();
        assert_eq!(listed, 1);
        assert_eq!(
            text(std::mem::take(&mut out)),
            "نفير\ta call to arms (qari)\n"
        );
        assert_eq!(remove(&library, "نفير", &mut out).unwrap(), 1);
        assert_eq!(text(std::mem::take(&mut out)), "removed 1 entry \"نفير\"\n");
        let again = remove(&library, "نفير", &mut out);
        assert!(matches!(again, Err(Error::Glossary(_))), "{again:?}");
    }

    #[test]
    fn an_entry_without_arabic_is_refused_and_nothing_is_written() {
        let (dir, library) = library();
        let refused = add(&library, entry("abc", "x"), Vec::new()).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "the headword \"abc\" has no Arabic letter"
        );
        assert!(!dir.path().join("glossary/user.toml").exists());
    }

    #[test]
    fn export_then_import_into_another_library_round_trips() {
        let (_dir, library) = library();
        add(&library, entry("نفير", "mobilisation"), Vec::new()).unwrap();
        add(&library, entry("سيطر", "to control"), Vec::new()).unwrap();
        let (mut csv, mut err) = (Vec::new(), Vec::new());
        let command = GlossaryCommand::Export {
            format: ExportFormat::Lute,
            output: None,
            all: false,
        };
        run(&library, command, Order::Logical, &mut csv, &mut err).unwrap();
        assert!(err.is_empty());
        let csv = text(csv);
        assert!(csv.starts_with("language,term,translation,"), "{csv}");

        let (other_dir, other) = library_with_file("terms.csv", &csv);
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let merged = import(
            &other,
            &other_dir.path().join("terms.csv"),
            &mut out,
            &mut err,
        )
        .unwrap();
        assert_eq!(merged.added.len(), 2);
        assert!(merged.updated.is_empty());
        assert!(err.is_empty());
        assert!(
            text(out).starts_with("imported 2 rows into "),
            "a summary of what was merged"
        );
        let mut listed = Vec::new();
        list(&other, None, Order::Logical, &mut listed, Vec::new()).unwrap();
        let listed = text(listed);
        assert!(listed.contains("نفير\tmobilisation\n"), "{listed}");
        assert!(listed.contains("سيطر\tto control\n"), "{listed}");
    }

    #[test]
    fn import_skips_bad_rows_on_err_and_refuses_an_unknown_header() {
        let (dir, library) = library_with_file("rows.csv", "headword,senses\nكتاب,book\nabc,x\n");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let merged = import(&library, &dir.path().join("rows.csv"), &mut out, &mut err).unwrap();
        assert_eq!(merged.added, ["كتاب"]);
        let err = text(err);
        assert!(
            err.ends_with("rows.csv:3: the headword \"abc\" has no Arabic letter; skipped\n"),
            "{err}"
        );
        std::fs::write(dir.path().join("bad.csv"), "term,translation\n").unwrap();
        let refused = import(
            &library,
            &dir.path().join("bad.csv"),
            Vec::new(),
            Vec::new(),
        );
        assert!(matches!(refused, Err(Error::NotCsv { .. })), "{refused:?}");
    }

    fn library_with_file(name: &str, contents: &str) -> (tempfile::TempDir, Library) {
        let (dir, library) = library();
        std::fs::write(dir.path().join(name), contents).unwrap();
        (dir, library)
    }
}
