//! `qari import`: pasted text in, an article file in the library out.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};

use crate::files::{
    ARTICLE_FILE, FileError, SENTENCE_CHARS, TEXT_IMPORT, read_text_capped, thousands,
};

use crate::article::{ARTICLES_LOCK, Alignment, Library, article_to_toml, import_text, slug};
use crate::files::{atomic_write, with_lock};

/// Reads `path` (or standard input for `-`) as UTF-8 text, within
/// [`TEXT_IMPORT`]; a file must be a regular file (or a link to one).
fn read_text(path: &Path) -> Result<String> {
    let shown = path.display().to_string();
    if shown != "-" {
        return Ok(read_text_capped(path, TEXT_IMPORT)?);
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(TEXT_IMPORT.limit + 1)
        .read_to_end(&mut bytes)
        .context("reading standard input")?;
    if bytes.len() as u64 > TEXT_IMPORT.limit {
        let found = "more than that on standard input".to_owned();
        return Err(FileError::too_large(Path::new("standard input"), TEXT_IMPORT, found).into());
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow!(
            "{shown}: not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

pub fn import(
    library: &Library,
    file: &Path,
    title: Option<&str>,
    source: Option<&str>,
    translation: Option<&Path>,
) -> Result<()> {
    let text = read_text(file)?;
    let english = translation.map(read_text).transpose()?;
    let today: String = crate::glossary::now().chars().take(10).collect();
    let wanted = title.map(slug).filter(|s| s.len() >= 3);
    let dir = library.articles_dir();
    let lock = dir.join(ARTICLES_LOCK);
    // The id is chosen and the file written under the articles' lock, so
    // imports run at once never pick the same id.
    let (id, imported, path) = with_lock(&lock, || -> Result<_> {
        let id = free_id(library, wanted, &today);
        let imported = import_text(&id, &text, title, source, &today, english.as_deref());
        if imported.article.sentences.is_empty() {
            bail!(
                "{}: no sentences found (every line was empty or page furniture)",
                file.display()
            );
        }
        // What is written must read back: within the caps of an article.
        let too_long = imported.article.sentences.iter().position(|s| {
            s.ar.chars().count() as u64 > SENTENCE_CHARS.limit
        });
        if let Some(number) = too_long {
            bail!(
                "{}: sentence {} is longer than the {} cap for {} (a line with no full stop?); nothing imported",
                file.display(),
                number + 1,
                SENTENCE_CHARS.shown(),
                SENTENCE_CHARS.what
            );
        }
        let text = article_to_toml(&imported.article);
        if text.len() as u64 > ARTICLE_FILE.limit {
            bail!(
                "{}: the article would be {} bytes, over the {} cap for {}; nothing imported",
                file.display(),
                thousands(text.len() as u64),
                ARTICLE_FILE.shown(),
                ARTICLE_FILE.what
            );
        }
        let path = dir.join(format!("{id}.toml"));
        atomic_write(&path, text.as_bytes())
            .with_context(|| format!("{}: cannot write", path.display()))?;
        Ok((id, imported, path))
    })
    .with_context(|| format!("{}: cannot lock", lock.display()))??;
    let article = &imported.article;
    let paragraphs = article
        .sentences
        .iter()
        .filter(|s| s.starts_paragraph)
        .count();
    println!(
        "imported {id}: {} sentences in {paragraphs} paragraphs, into {}",
        article.sentences.len(),
        path.display()
    );
    for (line, text) in &imported.dropped {
        println!("dropped line {line}: {text:?} (page furniture)");
    }
    match imported.alignment {
        Alignment::None => {}
        Alignment::Aligned => println!("translation aligned: every sentence has its English"),
        Alignment::Mismatch { arabic, english } => println!(
            "translation not aligned: {english} English sentences for {arabic} Arabic ones; the slots are left empty (E in the reader fills them)"
        ),
    }
    println!("read it with: qari {id}");
    Ok(())
}

/// An id not yet used by an article: the title's slug, else one from the
/// date, with -2, -3… when taken.
fn free_id(library: &Library, wanted: Option<String>, today: &str) -> String {
    let base = wanted.unwrap_or_else(|| format!("article-{today}"));
    let catalog = library.catalog();
    let taken = |id: &str| {
        catalog.get(id).is_some() || library.articles_dir().join(format!("{id}.toml")).exists()
    };
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}
