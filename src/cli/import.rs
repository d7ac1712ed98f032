//! `qari import`: pasted text in, an article file in the library out.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::article::{ARTICLES_LOCK, Alignment, Library, article_to_toml, import_text, slug};
use crate::files::{
    ARTICLE_FILE, FileError, SENTENCE_CHARS, TEXT_IMPORT, atomic_write, read_text_capped, with_lock,
};
use crate::quote::quoted;

use super::Error;
use super::output::counted;

/// What `import` is given besides the text.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions<'a> {
    /// The headline [default: the first line, if it reads like one].
    pub title: Option<&'a str>,
    /// Where the text comes from (an address).
    pub source: Option<&'a str>,
    /// A parallel English text, aligned sentence by sentence when the
    /// counts match (`-` for `stdin`).
    pub translation: Option<&'a Path>,
}

/// The article `import` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedArticle {
    pub id: String,
    pub path: PathBuf,
    pub sentences: usize,
}

/// Turns the text in `file` (`-`: `stdin`) into an article in the library,
/// under a free id (the title's slug, else one from the date), and says on
/// `out` what came of it: sentences and paragraphs, lines dropped as page
/// furniture, whether the translation aligned, and last `id: ID`.
pub fn import(
    library: &Library,
    file: &Path,
    options: ImportOptions,
    mut stdin: impl Read,
    mut out: impl Write,
) -> Result<ImportedArticle, Error> {
    let text = read_text(file, &mut stdin)?;
    let english = options
        .translation
        .map(|path| read_text(path, &mut stdin))
        .transpose()?;
    let today: String = crate::glossary::now().chars().take(10).collect();
    let wanted = options.title.map(slug).filter(|s| s.len() >= 3);
    let dir = library.articles_dir();
    let lock = dir.join(ARTICLES_LOCK);
    // The id is chosen and the file written under the articles' lock, so
    // imports run at once never pick the same id.
    let (id, imported, path) = with_lock(&lock, || -> Result<_, Error> {
        let id = free_id(library, wanted, &today);
        let imported = import_text(
            &id,
            &text,
            options.title,
            options.source,
            &today,
            english.as_deref(),
        );
        if imported.article.sentences.is_empty() {
            return Err(Error::NoSentences(file.to_owned()));
        }
        // What is written must read back: within the caps of an article.
        let too_long = imported
            .article
            .sentences
            .iter()
            .position(|s| s.ar.chars().count() as u64 > SENTENCE_CHARS.limit);
        if let Some(number) = too_long {
            return Err(Error::SentenceTooLong {
                path: file.to_owned(),
                number: number + 1,
            });
        }
        let text = article_to_toml(&imported.article);
        if text.len() as u64 > ARTICLE_FILE.limit {
            return Err(Error::ArticleTooLarge {
                path: file.to_owned(),
                bytes: text.len(),
            });
        }
        let path = dir.join(format!("{id}.toml"));
        atomic_write(&path, text.as_bytes())
            .map_err(|e| Error::while_(format!("{}: cannot write", path.display()), e))?;
        Ok((id, imported, path))
    })
    .map_err(|e| Error::while_(format!("{}: cannot lock", lock.display()), e))??;
    let article = &imported.article;
    let paragraphs = article
        .sentences
        .iter()
        .filter(|s| s.starts_paragraph)
        .count();
    writeln!(
        out,
        "imported {id}: {} in {}, into {}",
        counted(article.sentences.len(), "sentence", "sentences"),
        counted(paragraphs, "paragraph", "paragraphs"),
        path.display()
    )?;
    for (line, text) in &imported.dropped {
        writeln!(
            out,
            "dropped line {line}: {} (page furniture)",
            quoted(text)
        )?;
    }
    match imported.alignment {
        Alignment::None => {}
        Alignment::Aligned => writeln!(out, "translation aligned: every sentence has its English")?,
        Alignment::Mismatch { arabic, english } => writeln!(
            out,
            "translation not aligned: {} for {}; the slots are left empty (E in the reader fills them)",
            counted(english, "English sentence", "English sentences"),
            counted(arabic, "Arabic one", "Arabic ones")
        )?,
    }
    writeln!(out, "read it with: qari {id}")?;
    // For scripts: always the last line, always this shape (README, "Import").
    writeln!(out, "id: {id}")?;
    Ok(ImportedArticle {
        id,
        path,
        sentences: article.sentences.len(),
    })
}

/// Reads `path` (or `stdin` for `-`) as UTF-8 text, within
/// [`TEXT_IMPORT`]; a file must be a regular file (or a link to one). A
/// byte order mark at the start is dropped: Windows editors write one, and
/// it would stick to the first word.
pub(super) fn read_text(path: &Path, stdin: impl Read) -> Result<String, Error> {
    let mut text = read_text_as_is(path, stdin)?;
    if text.starts_with(BYTE_ORDER_MARK) {
        text.drain(..BYTE_ORDER_MARK.len_utf8());
    }
    Ok(text)
}

const BYTE_ORDER_MARK: char = '\u{FEFF}';

fn read_text_as_is(path: &Path, stdin: impl Read) -> Result<String, Error> {
    let shown = path.display().to_string();
    if shown != "-" {
        return Ok(read_text_capped(path, TEXT_IMPORT)?);
    }
    let mut bytes = Vec::new();
    stdin
        .take(TEXT_IMPORT.limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::while_("reading standard input", e))?;
    if bytes.len() as u64 > TEXT_IMPORT.limit {
        let found = "more than that on standard input".to_owned();
        return Err(FileError::too_large(Path::new("standard input"), TEXT_IMPORT, found).into());
    }
    String::from_utf8(bytes).map_err(|e| {
        FileError::InvalidUtf8 {
            path: shown,
            offset: e.utf8_error().valid_up_to(),
        }
        .into()
    })
}

/// An id not yet used by an article: the title's slug, else one from the
/// date, with -2, -3… when taken. (Run under the articles' lock, so it
/// never reads the catalog, which may take that lock to migrate a copy.)
fn free_id(library: &Library, wanted: Option<String>, today: &str) -> String {
    let base = wanted.unwrap_or_else(|| format!("article-{today}"));
    let taken = |id: &str| library.id_taken(id);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::testing::{library, text};

    const TEXT: &str =
        "عنوان المقال هنا\n\nالجيش السوري بدأ معركة دير الزور. وهذا ما دفع التنظيم.\n12\n";

    #[test]
    fn imports_from_stdin_under_the_titles_slug_and_then_a_free_id() {
        let (_dir, library) = library();
        let options = ImportOptions {
            title: Some("My Title"),
            source: Some("https://example.com/a"),
            translation: None,
        };
        let mut out = Vec::new();
        let first = import(&library, Path::new("-"), options, TEXT.as_bytes(), &mut out).unwrap();
        assert_eq!(first.id, "my-title");
        assert_eq!(first.path, library.articles_dir().join("my-title.toml"));
        let out = text(out);
        assert!(
            out.starts_with(&format!(
                "imported my-title: {} sentences in ",
                first.sentences
            )),
            "{out}"
        );
        assert!(
            out.contains("dropped line 4: \"12\" (page furniture)\n"),
            "{out}"
        );
        assert!(
            out.ends_with("read it with: qari my-title\nid: my-title\n"),
            "{out}"
        );
        // It reads back as an article of the library.
        let catalog = library.catalog();
        let article = catalog.get("my-title").unwrap();
        assert_eq!(article.sentences.len(), first.sentences);
        assert_eq!(article.meta.source, "https://example.com/a");

        let second = import(
            &library,
            Path::new("-"),
            options,
            TEXT.as_bytes(),
            Vec::new(),
        )
        .unwrap();
        assert_eq!(second.id, "my-title-2");
    }

    #[test]
    fn text_without_sentences_or_not_utf8_is_refused_and_nothing_written() {
        let (_dir, library) = library();
        let options = ImportOptions::default();
        let empty = import(&library, Path::new("-"), options, &b"\n\n"[..], Vec::new());
        assert!(matches!(empty, Err(Error::NoSentences(_))), "{empty:?}");
        let binary = import(
            &library,
            Path::new("-"),
            options,
            &b"\xff\xfe"[..],
            Vec::new(),
        );
        assert_eq!(
            binary.unwrap_err().to_string(),
            "-: not UTF-8 text (invalid byte at offset 0)"
        );
        assert!(
            library.catalog().articles.len() == 1,
            "the bundled one only"
        );
    }
}
