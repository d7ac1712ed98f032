//! `qari glossary export`: the learner's entries (or all) for Anki, as
//! qari's CSV or as LUTE's term CSV.

use std::io::Write;
use std::path::Path;

use crate::article::Library;
use crate::files::atomic_write;
use crate::glossary::{CardContext, Entry, Format, export as write_entries};

use super::Error;
use super::output::load_glossary;

/// Writes the learner's live entries (with `all`, the bundled ones too) in
/// `format` to the file `output` (atomically; its folder must exist, and
/// the count is said on `err`) or else to `out`. Returns how many.
pub fn export(
    library: &Library,
    format: Format,
    all: bool,
    output: Option<&Path>,
    mut out: impl Write,
    mut err: impl Write,
) -> Result<usize, Error> {
    let glossary = load_glossary(library, &mut err)?;
    let entries: Vec<Entry> = (0..glossary.entries.len())
        .filter(|&i| glossary.is_live(i) && (all || !glossary.source_of(i).bundled))
        .map(|i| glossary.entries[i].clone())
        .collect();
    let catalog = library.catalog();
    let text = write_entries(&entries, format, |context| {
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
                return Err(Error::NoSuchFolder(folder.to_owned()));
            }
            atomic_write(path, text.as_bytes())
                .map_err(|e| Error::while_(format!("{}: cannot write", path.display()), e))?;
            writeln!(
                err,
                "exported {} entries to {}",
                entries.len(),
                path.display()
            )?;
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(entries.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::testing::{library, text};

    #[test]
    fn exports_into_a_file_and_refuses_a_missing_folder() {
        let (dir, library) = library();
        let path = dir.path().join("all.csv");
        let mut err = Vec::new();
        let count = export(
            &library,
            Format::Csv,
            true,
            Some(&path),
            Vec::new(),
            &mut err,
        )
        .unwrap();
        assert!(count > 400, "the bundled entries: {count}");
        assert_eq!(
            text(err),
            format!("exported {count} entries to {}\n", path.display())
        );
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.starts_with("headword,"), "qari's CSV header");

        let missing = dir.path().join("nowhere/all.csv");
        let refused = export(
            &library,
            Format::Csv,
            true,
            Some(&missing),
            Vec::new(),
            Vec::new(),
        );
        assert!(matches!(refused, Err(Error::NoSuchFolder(f)) if f == dir.path().join("nowhere")));
        assert!(!dir.path().join("nowhere").exists());
    }
}
