//! `qari translate ARTICLE`: every sentence of an article that has no
//! translation drafted by the learner's translator (`QARI_TRANSLATOR`, or
//! `translator` in config.toml), batch by batch, each batch saved into the
//! article's overlay as it comes (so an interrupted run keeps what it
//! finished), marked as machine drafts. A translation already there is
//! never replaced. A batch the translator fails on is said in one line,
//! nothing is written for it, and the command stops and fails.

use std::io::Write;

use std::sync::atomic::AtomicBool;

use crate::article::Library;
use crate::runtime::translator::{Progress, Translator};

use super::Error;
use super::output::counted;

/// Sentences handed to the translator at once (as the reader's `D`).
pub use crate::app::DRAFT_BATCH as BATCH;

/// Cells of the progress bar.
const BAR: usize = 24;

/// "drafting [██████░░░░…] 16 of 29 sentences": a line that `\r` redraws.
fn progress_bar(done: usize, total: usize) -> String {
    let filled = (done * BAR).checked_div(total).unwrap_or(BAR).min(BAR);
    format!(
        "drafting [{}{}] {done} of {total} sentences",
        "█".repeat(filled),
        "░".repeat(BAR - filled)
    )
}

/// Drafts the untranslated sentences of article `id`; progress on
/// `progress` (a terminal's standard error) when given.
pub fn translate(
    library: &Library,
    translator: Option<&Translator>,
    id: &str,
    mut out: impl Write,
    mut progress: Option<&mut dyn Write>,
) -> Result<(), Error> {
    let catalog = library.catalog();
    let article = catalog
        .get(id)
        .ok_or_else(|| Error::NoSuchArticle(id.to_owned()))?;
    let translator = translator.ok_or(Error::NoTranslator)?;
    let wanted: Vec<(usize, String)> = (article.sentences.iter().enumerate())
        .filter(|(_, s)| s.en.is_empty())
        .map(|(index, s)| (index, s.ar.clone()))
        .collect();
    if wanted.is_empty() {
        writeln!(
            out,
            "every sentence of {id} has a translation already; nothing to draft"
        )?;
        return Ok(());
    }
    let (mut saved, mut skipped, mut path) = (0, 0, None);
    for (done, batch) in wanted.chunks(BATCH).enumerate() {
        if let Some(progress) = progress.as_mut() {
            write!(progress, "\r{}", progress_bar(done * BATCH, wanted.len()))?;
            progress.flush()?;
        }
        let texts: Vec<String> = batch.iter().map(|(_, ar)| ar.clone()).collect();
        let before = done * BATCH;
        // The bar moves sentence by sentence when the translator is run
        // once per sentence, and the learner is told why it is slower.
        let mut written = Ok(());
        let mut watch = |step: Progress| {
            let Some(progress) = progress.as_mut() else {
                return;
            };
            let line = match step {
                Progress::OneByOne { lines, sentences } => format!(
                    "\r\x1b[Kthe translator gave {} for {}: running it once per sentence\n{}",
                    counted(lines, "line", "lines"),
                    counted(sentences, "sentence", "sentences"),
                    progress_bar(before, wanted.len())
                ),
                Progress::Sentence { done } => {
                    format!("\r{}", progress_bar(before + done, wanted.len()))
                }
            };
            if written.is_ok() {
                written = write!(progress, "{line}").and_then(|()| progress.flush());
            }
        };
        let translated = translator.translate_watched(&texts, &AtomicBool::new(false), &mut watch);
        written?;
        let english = match translated {
            Ok(english) => english,
            Err(error) => {
                if let Some(progress) = progress.as_mut() {
                    writeln!(progress)?;
                }
                return Err(Error::Translator {
                    error,
                    saved,
                    id: id.to_owned(),
                });
            }
        };
        let drafts: Vec<(usize, String, String)> = batch
            .iter()
            .zip(english)
            .map(|((index, ar), en)| (*index, ar.clone(), en))
            .collect();
        let done = library.save_drafts(id, &article.origin, &drafts, translator.name())?;
        saved += done.saved;
        skipped += done.skipped;
        path = Some(done.path);
    }
    if let Some(progress) = progress.as_mut() {
        writeln!(progress, "\r{}", progress_bar(wanted.len(), wanted.len()))?;
    }
    let place = path
        .map(|p| format!(" in {}", p.display()))
        .unwrap_or_default();
    writeln!(
        out,
        "drafted {} of {id} with {}, saved as machine drafts{place}",
        counted(saved, "sentence", "sentences"),
        translator.name()
    )?;
    if skipped > 0 {
        writeln!(
            out,
            "{} got a translation or changed meanwhile, or the draft was empty: left as they were",
            counted(skipped, "sentence", "sentences")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_bar_fills_with_the_sentences_done() {
        assert_eq!(
            progress_bar(0, 29),
            "drafting [░░░░░░░░░░░░░░░░░░░░░░░░] 0 of 29 sentences"
        );
        assert_eq!(
            progress_bar(16, 29),
            "drafting [█████████████░░░░░░░░░░░] 16 of 29 sentences"
        );
        assert_eq!(
            progress_bar(29, 29),
            "drafting [████████████████████████] 29 of 29 sentences"
        );
    }

    #[test]
    fn running_once_per_sentence_is_said_and_the_bar_moves_with_each_sentence() {
        let (_dir, library) = crate::cli::testing::library();
        let text = "الخبر الأول هنا.\nوالخبر الثاني هناك.\nوالثالث أيضا.\n";
        let imported = crate::article::import_text("three", text, None, None, "", None);
        let file = library.article_path("three");
        std::fs::create_dir_all(library.articles_dir()).unwrap();
        std::fs::write(&file, crate::article::article_to_toml(&imported.article)).unwrap();
        // One line for the whole batch: qari falls back to one run each.
        let joiner = Translator {
            command: "tr '\\n' ' '; echo".into(),
            mode: crate::runtime::translator::Mode::Lines,
            timeout: std::time::Duration::from_secs(10),
        };
        let (mut out, mut progress) = (Vec::new(), Vec::new());
        let writer: &mut dyn Write = &mut progress;
        translate(&library, Some(&joiner), "three", &mut out, Some(writer)).unwrap();
        let said = crate::cli::testing::text(progress);
        assert!(
            said.contains(
                "the translator gave 1 line for 3 sentences: running it once per sentence\n"
            ),
            "{said:?}"
        );
        for done in 1..=3 {
            assert!(
                said.contains(&format!("] {done} of 3 sentences")),
                "{said:?}"
            );
        }
    }
}
