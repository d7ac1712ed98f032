//! `qari import`: pasted text in, an article file in the library out.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::article::{
    ARTICLES_LOCK, Aligned, Library, ParagraphOutcome, article_to_toml, import_text, slug,
    timestamp, title_problem,
};
use crate::files::{
    ARTICLE_FILE, FileError, SENTENCE_CHARS, TEXT_IMPORT, atomic_write, read_text_capped, with_lock,
};
use crate::quote::quoted;

use super::Error;
use super::output::counted;

/// What `import` is given besides the text.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions<'a> {
    /// The article's title, in any script [default: the headline found
    /// in the text, if any].
    pub title: Option<&'a str>,
    /// When it was published: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<&'a str>,
    /// Import the text even when the library has it already.
    pub force: bool,
    /// Where the text comes from (an address).
    pub source: Option<&'a str>,
    /// A parallel English text, aligned with the article (`-` for
    /// `stdin`).
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
/// under a free id made from its title (`--title`, else the headline found
/// in the text, else its first sentence; Arabic transliterated, see
/// [`slug`]), else `article-DATE`, with -2, -3… when taken. It records
/// when it was imported, apart from `date`, when it was published. A text
/// the library has already (see [`Library::same_text`]) is refused unless
/// `force`, which imports it again and says so on `err`. Says on `out`
/// what came of it: sentences and paragraphs, lines dropped as page
/// furniture, whether the translation aligned, and last `id: ID`.
pub fn import(
    library: &Library,
    file: &Path,
    options: ImportOptions,
    mut stdin: impl Read,
    mut out: impl Write,
    mut err: impl Write,
) -> Result<ImportedArticle, Error> {
    if let Some(problem) = options.title.and_then(title_problem) {
        return Err(Error::BadTitle(problem));
    }
    if let Some(date) = options.date.filter(|d| !is_date(d)) {
        return Err(Error::BadDate(date.to_owned()));
    }
    let text = read_text(file, &mut stdin)?;
    let english = options
        .translation
        .map(|path| read_text(path, &mut stdin))
        .transpose()?;
    let stamp = timestamp();
    let today: String = stamp.chars().take(10).collect();
    let mut imported = import_text(
        "",
        &text,
        options.title,
        options.source,
        options.date.unwrap_or_default(),
        english.as_deref(),
    );
    imported.article.meta.imported = stamp;
    let article = &imported.article;
    if article.sentences.is_empty() {
        return Err(Error::NoSentences(file.to_owned()));
    }
    // What is written must read back: within the caps of an article.
    let too_long = article
        .sentences
        .iter()
        .position(|s| s.ar.chars().count() as u64 > SENTENCE_CHARS.limit);
    if let Some(number) = too_long {
        return Err(Error::SentenceTooLong {
            path: file.to_owned(),
            number: number + 1,
        });
    }
    let wanted = [
        Some(article.title()).filter(|t| !t.is_empty()),
        article.sentences.first().map(|s| s.ar.as_str()),
    ]
    .into_iter()
    .flatten()
    .map(slug)
    .find(|s| s.len() >= 3);
    let dir = library.articles_dir();
    let lock = dir.join(ARTICLES_LOCK);
    // The id is chosen and the file written under the articles' lock, so
    // imports run at once never pick the same id.
    let (id, same, path) = with_lock(&lock, || -> Result<_, Error> {
        let same = library.same_text(&imported.article.sentences);
        if let Some(same) = &same
            && !options.force
        {
            return Err(Error::SameText {
                path: file.to_owned(),
                id: same.id.clone(),
                in_trash: same.in_trash,
            });
        }
        let id = free_id(library, wanted, &today);
        imported.article.id.clone_from(&id);
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
        Ok((id, same, path))
    })
    .map_err(|e| Error::while_(format!("{}: cannot lock", lock.display()), e))??;
    if let Some(same) = same {
        let trash = if same.in_trash { " (in the trash)" } else { "" };
        writeln!(
            err,
            "qari: {}: the library has this text already, as {}{trash}; imported again as {id} (--force)",
            file.display(),
            same.id
        )?;
    }
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
    if let Some(aligned) = &imported.alignment {
        alignment_report(aligned, &mut out)?;
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

/// `qari translation ARTICLE FILE`: the English in `file` (`-`: `stdin`)
/// aligned with the article and saved in its overlay (see
/// [`Library::save_translation`]); says how it aligned, what was saved and
/// what was kept.
pub fn translation(
    library: &Library,
    id: &str,
    file: &Path,
    replace: bool,
    stdin: impl Read,
    mut out: impl Write,
) -> Result<(), Error> {
    let english = read_text(file, stdin)?;
    let saved = library.save_translation(id, &english, replace)?;
    alignment_report(&saved.aligned, &mut out)?;
    if saved.filled > 0 {
        writeln!(
            out,
            "saved {} in {}",
            counted(saved.filled, "translation", "translations"),
            saved.path.display()
        )?;
    } else {
        writeln!(out, "nothing to save: no sentence took a translation")?;
    }
    if saved.kept > 0 {
        writeln!(
            out,
            "{} kept the translation they had (--replace replaces it)",
            counted(saved.kept, "sentence", "sentences")
        )?;
    }
    Ok(())
}

/// Says how a translation was aligned: every paragraph aligned as split;
/// else which were repaired (split or grouped differently on the two
/// sides), which partly or not at all filled, what of the English matched
/// nothing, and how many sentences have their English.
pub(super) fn alignment_report(aligned: &Aligned, mut out: impl Write) -> Result<(), Error> {
    let total = aligned.slots.len();
    let filled = aligned.filled();
    let numbers = |outcome| aligned.paragraphs_with(outcome);
    let (repaired, partly, empty) = (
        numbers(ParagraphOutcome::Repaired),
        numbers(ParagraphOutcome::Partly),
        numbers(ParagraphOutcome::Empty),
    );
    if filled == total && repaired.is_empty() && aligned.unmatched.is_empty() {
        writeln!(
            out,
            "translation aligned: every sentence has its English ({})",
            counted(aligned.paragraphs.len(), "paragraph", "paragraphs")
        )?;
        return Ok(());
    }
    // Paragraphs are named by their sentences, numbered as the reader
    // numbers them.
    let list = |paragraphs: &[std::ops::Range<usize>]| {
        let shown: Vec<String> = (paragraphs.iter().take(10))
            .map(|p| match p.len() {
                1 => format!("{}", p.start + 1),
                _ => format!("{}–{}", p.start + 1, p.end),
            })
            .collect();
        let more = if paragraphs.len() > 10 { ", …" } else { "" };
        format!("sentences {}{more}", shown.join(", "))
    };
    let mut parts = vec![format!(
        "{} aligned",
        numbers(ParagraphOutcome::Aligned).len()
    )];
    for (which, what) in [
        (&repaired, "repaired"),
        (&partly, "partly filled"),
        (&empty, "left empty"),
    ] {
        if !which.is_empty() {
            parts.push(format!("{} {what} ({})", which.len(), list(which)));
        }
    }
    writeln!(
        out,
        "translation: {filled} of {} have their English; paragraphs: {}",
        counted(total, "sentence", "sentences"),
        parts.join(", ")
    )?;
    if let Some(first) = aligned.unmatched.first() {
        let excerpt: String = first.chars().take(60).collect();
        let more = match aligned.unmatched.len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        writeln!(
            out,
            "translation: {} matched no Arabic sentence: {}{more}",
            counted(
                aligned.unmatched.len(),
                "English sentence",
                "English sentences"
            ),
            quoted(&excerpt)
        )?;
    }
    let shared = shared_runs(&aligned.slots);
    if !shared.is_empty() {
        let shown: Vec<String> = (shared.iter().take(10))
            .map(|run| format!("{}–{}", run.start + 1, run.end))
            .collect();
        let more = if shared.len() > 10 { ", …" } else { "" };
        writeln!(
            out,
            "translation: sentences {}{more} share one English sentence each; \
             right when the English joined them, wrong when a paragraph is missing: check them with t in the reader",
            shown.join(", ")
        )?;
    }
    if filled < total {
        writeln!(out, "the empty slots can be filled with E in the reader")?;
    }
    Ok(())
}

/// The runs of consecutive slots that hold one same English sentence (a
/// 2:1 match), as sentence index ranges.
fn shared_runs(slots: &[Option<String>]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    for end in 1..=slots.len() {
        let same = end < slots.len() && slots[end].is_some() && slots[end] == slots[start];
        if !same {
            if end - start > 1 {
                runs.push(start..end);
            }
            start = end;
        }
    }
    runs
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

/// Whether `date` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real date.
fn is_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let number = |part: &str, digits: usize| {
        (part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    match parts[..] {
        [year] => number(year, 4).is_some(),
        [year, month] => {
            number(year, 4).is_some() && number(month, 2).is_some_and(|m| (1..=12).contains(&m))
        }
        [year, month, day] => {
            let (Some(year), Some(month), Some(day)) =
                (number(year, 4), number(month, 2), number(day, 2))
            else {
                return false;
            };
            i32::try_from(year)
                .ok()
                .and_then(|year| chrono::NaiveDate::from_ymd_opt(year, month, day))
                .is_some()
        }
        _ => false,
    }
}

/// An id not yet used by an article: `wanted` (a slug), else one from
/// the date, with -2, -3… when taken. (Run under the articles' lock, so it
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

    #[test]
    fn sentences_sharing_one_english_sentence_are_named() {
        let slot = |s: &str| Some(s.to_owned());
        let slots = vec![slot("A."), slot("B."), slot("B."), None, None, slot("C.")];
        let runs = shared_runs(&slots);
        assert_eq!((runs.len(), runs.first()), (1, Some(&(1..3))));
        let aligned = Aligned {
            slots,
            paragraphs: vec![ParagraphOutcome::Repaired],
            paragraph_sentences: std::iter::once(0..6).collect(),
            unmatched: Vec::new(),
        };
        let mut out = Vec::new();
        alignment_report(&aligned, &mut out).unwrap();
        let said = text(out);
        assert!(
            said.contains("translation: sentences 2–3 share one English sentence each;"),
            "{said}"
        );
    }

    const TEXT: &str =
        "عنوان المقال هنا\n\nالجيش السوري بدأ معركة دير الزور. وهذا ما دفع التنظيم.\n12\n";

    #[test]
    fn imports_from_stdin_under_the_titles_slug_and_then_a_free_id() {
        let (_dir, library) = library();
        let options = ImportOptions {
            title: Some("My Title"),
            source: Some("https://example.com/a"),
            ..ImportOptions::default()
        };
        let mut out = Vec::new();
        let first = import(
            &library,
            Path::new("-"),
            options,
            TEXT.as_bytes(),
            &mut out,
            Vec::new(),
        )
        .unwrap();
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

        assert_eq!(article.title(), "My Title");
        assert!(
            article.meta.imported.starts_with("20"),
            "{:?}",
            article.meta
        );
        assert_eq!(article.meta.date, "");

        // The same text again: refused, naming the article that has it;
        // with --force, imported under a free id, and said.
        let again = import(
            &library,
            Path::new("-"),
            options,
            TEXT.as_bytes(),
            Vec::new(),
            Vec::new(),
        );
        let Err(error) = again else {
            panic!("imported twice: {again:?}")
        };
        assert_eq!(
            error.to_string(),
            "-: the library has this text already, as my-title; nothing imported (--force imports it again)"
        );
        let mut err = Vec::new();
        let force = ImportOptions {
            force: true,
            ..options
        };
        let second = import(
            &library,
            Path::new("-"),
            force,
            TEXT.as_bytes(),
            Vec::new(),
            &mut err,
        )
        .unwrap();
        assert_eq!(second.id, "my-title-2");
        assert_eq!(
            text(err),
            "qari: -: the library has this text already, as my-title; imported again as my-title-2 (--force)\n"
        );
    }

    #[test]
    fn ids_come_from_the_title_else_the_headline_else_the_first_sentence() {
        let (_dir, library) = library();
        let run = |title: Option<&str>, text: &str| {
            let options = ImportOptions {
                title,
                date: Some("2017-08-03"),
                ..ImportOptions::default()
            };
            import(
                &library,
                Path::new("-"),
                options,
                text.as_bytes(),
                Vec::new(),
                Vec::new(),
            )
        };
        let imported = run(Some("معركة دير الزور"), "جملة أولى.\n").unwrap();
        assert_eq!(imported.id, "mrka-dyr-al-zwr");
        let article = library.catalog().get(&imported.id).unwrap().clone();
        assert_eq!(article.title(), "معركة دير الزور");
        assert_eq!(article.sentences.len(), 1, "the title is no sentence");
        assert_eq!(article.meta.date, "2017-08-03");
        assert_ne!(article.meta.imported, article.meta.date);
        assert_eq!(
            run(None, "الجيش يتقدم.. وداعش يتراجع\nجملة ثانية.\n")
                .unwrap()
                .id,
            "al-jysh-ytqdm-wdash-ytraj"
        );
        assert_eq!(
            run(None, "قال المتحدث إن القوات تقدمت.\n").unwrap().id,
            "qal-al-mthdth-n-al-qwat-tqdmt"
        );
        // Bad titles and dates are refused before anything is read.
        assert!(matches!(
            run(Some("a\nb"), "نص.\n"),
            Err(Error::BadTitle(_))
        ));
        let options = ImportOptions {
            date: Some("2017-13"),
            ..ImportOptions::default()
        };
        let error = import(
            &library,
            Path::new("-"),
            options,
            &b"x."[..],
            Vec::new(),
            Vec::new(),
        );
        assert_eq!(
            error.unwrap_err().to_string(),
            "--date \"2017-13\": expected YYYY, YYYY-MM or YYYY-MM-DD"
        );
    }

    #[test]
    fn dates_are_a_year_a_month_or_a_day_that_exists() {
        for good in ["2017", "2017-08", "2017-08-03", "2024-02-29"] {
            assert!(is_date(good), "{good}");
        }
        for bad in [
            "17",
            "2017-8",
            "2017-08-32",
            "2023-02-29",
            "2017/08/03",
            "",
            "August 2017",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn text_without_sentences_or_not_utf8_is_refused_and_nothing_written() {
        let (_dir, library) = library();
        let options = ImportOptions::default();
        let empty = import(
            &library,
            Path::new("-"),
            options,
            &b"\n\n"[..],
            Vec::new(),
            Vec::new(),
        );
        assert!(matches!(empty, Err(Error::NoSentences(_))), "{empty:?}");
        let binary = import(
            &library,
            Path::new("-"),
            options,
            &b"\xff\xfe"[..],
            Vec::new(),
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
