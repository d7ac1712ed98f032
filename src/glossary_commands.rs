//! `qari lookup`, `qari glossary …` and `qari check`.

use std::io::{self, IsTerminal, Write};

use anyhow::{Context as _, Result, bail};
use qari::files::Printable;

use qari::article::{Library, words};
use std::path::PathBuf;

use qari::arabic::{normalize, numeral};
use qari::files::{GLOSSARY_IMPORT, atomic_write, read_text_capped};
use qari::glossary::{
    CardContext, Dictionaries, Entry, Glossary, Saved, UserGlossary, export, import,
    knowledge_stats,
};
use qari::text::Direction;

use crate::cli::GlossaryCommand;
use crate::reader::for_output;

fn glossary_dir(library: &Library) -> std::path::PathBuf {
    library.root.join("glossary")
}

fn load(library: &Library) -> Glossary {
    let glossary = Glossary::load(Some(&glossary_dir(library)));
    for problem in &glossary.problems {
        eprintln!("qari: skipped {problem}");
    }
    glossary
}

/// One entry in a few lines: headword, transliteration, part of speech,
/// root; then the senses; then notes.
fn describe(entry: &Entry) -> Vec<String> {
    let mut head = entry.headword.clone();
    for (label, value) in [
        ("", &entry.translit),
        ("", &entry.pos),
        ("root ", &entry.root),
    ] {
        if !value.is_empty() {
            head.push_str(&format!("  {label}{value}"));
        }
    }
    let mut lines = vec![head];
    lines.extend(entry.senses.iter().map(|s| format!("    {s}")));
    if !entry.parent.is_empty() {
        lines.push(format!("    form of {}", entry.parent));
    }
    if !entry.notes.is_empty() {
        lines.push(format!("    note: {}", entry.notes));
    }
    lines
}

pub fn lookup(library: &Library, dictionary_dirs: &[PathBuf], word: &str) -> Result<()> {
    let glossary = load(library);
    let dictionaries = Dictionaries::load(dictionary_dirs);
    for problem in &dictionaries.problems {
        eprintln!("qari: skipped dictionary {problem}");
    }
    let visual = io::stdout().is_terminal();
    let mut out = Printable::new(io::stdout().lock());
    let found = glossary.lookup(word);
    let from_dictionaries = dictionaries.lookup(word);
    if found.is_empty() && from_dictionaries.is_empty() {
        bail!("no glossary entry or dictionary result for {word:?}");
    }
    for found in found {
        let entry = &glossary.entries[found.entry];
        for line in describe(entry) {
            writeln!(out, "{}", for_output(&line, visual, Direction::Ltr))?;
        }
        let source = glossary.source_of(found.entry).path.display();
        let how = format!("    matched: {}  ({source})", found.how(&glossary));
        writeln!(out, "{}", for_output(&how, visual, Direction::Ltr))?;
    }
    for found in from_dictionaries {
        let kind = if found.reverse { ", reverse match" } else { "" };
        let head = format!("{}  [{}{kind}]", found.headword, found.dictionary);
        writeln!(out, "{}", for_output(&head, visual, Direction::Ltr))?;
        for sense in &found.senses {
            writeln!(
                out,
                "{}",
                for_output(&format!("    {sense}"), visual, Direction::Ltr)
            )?;
        }
        let how = format!("    matched: {}", found.how());
        writeln!(out, "{}", for_output(&how, visual, Direction::Ltr))?;
    }
    Ok(())
}

pub fn glossary(library: &Library, command: GlossaryCommand) -> Result<()> {
    let user = UserGlossary::new(glossary_dir(library));
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
            let shown = entry.headword.trim().to_owned();
            let saved = user.add(entry)?;
            let verb = match saved {
                Saved::Added => "added",
                Saved::Updated => "updated",
            };
            println!("{verb} {shown:?} in {}", user.path().display());
        }
        GlossaryCommand::List { query } => {
            let glossary = load(library);
            let visual = io::stdout().is_terminal();
            let mut out = Printable::new(io::stdout().lock());
            let hits: Vec<usize> = match &query {
                Some(query) => glossary.search(query),
                None => (0..glossary.entries.len())
                    .filter(|&i| glossary.is_live(i))
                    .collect(),
            };
            for index in hits {
                let entry = &glossary.entries[index];
                let line = format!("{}\t{}", entry.headword, entry.senses.join("; "));
                writeln!(out, "{}", for_output(&line, visual, Direction::Ltr))?;
            }
        }
        GlossaryCommand::Export {
            format,
            output,
            all,
        } => {
            let glossary = load(library);
            let entries: Vec<Entry> = (0..glossary.entries.len())
                .filter(|&i| glossary.is_live(i) && (all || !glossary.source_of(i).bundled))
                .map(|i| glossary.entries[i].clone())
                .collect();
            let catalog = library.catalog();
            let text = export(&entries, format.into(), |context| {
                let article = catalog.get(&context.article)?;
                let sentence = article.sentences.get(context.sentence.checked_sub(1)?)?;
                Some(CardContext {
                    arabic: sentence.ar.clone(),
                    english: sentence.en.clone(),
                })
            })?;
            match output {
                Some(path) => {
                    // A mistyped folder is said, not made.
                    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty())
                        && !folder.is_dir()
                    {
                        anyhow::bail!(
                            "{}: no such folder (make it first, or give another path)",
                            folder.display()
                        );
                    }
                    atomic_write(&path, text.as_bytes())
                        .with_context(|| format!("{}: cannot write", path.display()))?;
                    eprintln!("exported {} entries to {}", entries.len(), path.display());
                }
                None => io::stdout().lock().write_all(text.as_bytes())?,
            }
        }
        GlossaryCommand::Import { file } => {
            let shown = file.display().to_string();
            let text = read_text_capped(&file, GLOSSARY_IMPORT)?;
            let rows = import(&text).map_err(|e| anyhow::anyhow!("{shown}:{e}"))?;
            let mut good = Vec::new();
            for (line, row) in rows {
                match row {
                    Ok(entry) => good.push(entry),
                    Err(reason) => eprintln!("qari: {shown}:{line}: {reason}; skipped"),
                }
            }
            let rows = good.len();
            let merged = user.add_all(good)?;
            print!("{}", import_summary(&merged, rows, &user.path()));
        }
        GlossaryCommand::Rm { headword } => {
            let removed = user.remove(&headword)?;
            println!(
                "removed {removed} entr{} {headword:?}",
                if removed == 1 { "y" } else { "ies" }
            );
        }
    }
    Ok(())
}

/// What `glossary import` did, e.g. "imported 5 rows into …: 1 added, 2
/// updated, 2 unchanged" then "updated: glosses of X, Y; status of Z".
fn import_summary(merged: &qari::glossary::Merged, rows: usize, path: &std::path::Path) -> String {
    let (added, updated) = (merged.added.len(), merged.updated.len());
    let unchanged = rows.saturating_sub(added + updated);
    let mut text = format!(
        "imported {rows} row{} into {}: {added} added, {updated} updated, {unchanged} unchanged\n",
        if rows == 1 { "" } else { "s" },
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

pub fn check(library: &Library, dictionary_dirs: &[PathBuf]) -> Result<()> {
    let catalog = library.catalog();
    let glossary = Glossary::load(Some(&glossary_dir(library)));
    let mut out = Printable::new(io::stdout().lock());
    let mut failures = 0;
    for problem in &catalog.problems {
        writeln!(out, "error: {problem}")?;
        failures += 1;
    }
    for problem in &glossary.problems {
        writeln!(out, "error: {problem}")?;
        failures += 1;
    }
    let dictionaries = Dictionaries::load(dictionary_dirs);
    for problem in &dictionaries.problems {
        writeln!(out, "error: dictionary {problem}")?;
        failures += 1;
    }
    for dictionary in &dictionaries.list {
        let kind = if dictionary.reverse {
            "English → Arabic, indexed in reverse"
        } else {
            "Arabic → English"
        };
        writeln!(
            out,
            "dictionary {}: {} headwords ({kind})",
            dictionary.name,
            dictionary.len()
        )?;
    }
    let ready = dictionaries.load_time.as_millis();
    writeln!(out, "dictionaries ready for lookups in {ready} ms")?;
    let live = (0..glossary.entries.len())
        .filter(|&i| glossary.is_live(i))
        .count();
    writeln!(
        out,
        "glossary: {live} entries from {} files",
        glossary.files.len()
    )?;
    for article in &catalog.articles {
        let mut tokens = 0;
        let mut covered = 0;
        let mut numbers = 0;
        let mut missing: Vec<String> = Vec::new();
        for sentence in &article.sentences {
            let ranges = words(&sentence.ar);
            let texts: Vec<&str> = ranges.iter().map(|r| &sentence.ar[r.clone()]).collect();
            let mut resolved = vec![false; texts.len()];
            for found in glossary.match_sentence(&texts) {
                for flag in &mut resolved[found.first..found.first + found.len] {
                    *flag = true;
                }
            }
            for (text, resolved) in texts.iter().zip(resolved) {
                let key = normalize(text);
                if numeral(text).is_some() {
                    numbers += 1; // numerals are not vocabulary
                    continue;
                }
                tokens += 1;
                covered += usize::from(resolved);
                if !resolved && !missing.contains(&key) {
                    missing.push(key);
                }
            }
        }
        let share = if tokens == 0 {
            100.0
        } else {
            covered as f64 * 100.0 / tokens as f64
        };
        writeln!(
            out,
            "{}: {covered}/{tokens} word tokens resolve to a glossary entry ({share:.1} %); {numbers} numbers not counted",
            article.id
        )?;
        if !missing.is_empty() {
            writeln!(out, "  not found: {}", missing.join(" "))?;
        }
    }
    if failures > 0 {
        bail!("{failures} file(s) could not be read");
    }
    Ok(())
}

/// `qari stats`: per article, tokens and distinct words by knowledge.
pub fn stats(library: &Library, wanted: Option<&str>) -> Result<()> {
    let catalog = library.catalog();
    let glossary = load(library);
    let articles: Vec<_> = match wanted {
        Some(id) => vec![
            catalog
                .get(id)
                .ok_or_else(|| anyhow::anyhow!("no article {id:?}: `qari list` shows the ids"))?,
        ],
        None => catalog.articles.iter().collect(),
    };
    let mut out = Printable::new(io::stdout().lock());
    writeln!(
        out,
        "{:<24} {:>22} {:>22} {:>22}",
        "ARTICLE", "UNKNOWN", "LEARNING", "KNOWN"
    )?;
    for article in articles {
        let stats = knowledge_stats(
            &glossary,
            article
                .sentences
                .iter()
                .map(|s| s.words.iter().map(|r| &s.ar[r.clone()]).collect()),
        );
        for (label, counts) in [("tokens", stats.tokens), ("distinct", stats.distinct)] {
            let cell = |n: usize| format!("{n} ({}%)", counts.percent(n));
            writeln!(
                out,
                "{:<24} {:>22} {:>22} {:>22}",
                format!("{} {label}", article.id),
                cell(counts.unknown),
                cell(counts.learning),
                cell(counts.known)
            )?;
        }
    }
    Ok(())
}
