//! `qari translate ARTICLE`: every sentence of an article that has no
//! translation drafted by the learner's translator (`QARI_TRANSLATOR`, or
//! `translator` in config.toml), batch by batch, each batch saved into the
//! article's overlay as it comes (so an interrupted run keeps what it
//! finished), marked as machine drafts. A translation already there is
//! never replaced. A batch the translator fails on is said in one line,
//! nothing is written for it, and the command stops and fails.

use std::io::Write;

use crate::article::Library;
use crate::runtime::translator::Translator;

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
        let english = match translator.translate(&texts) {
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
}
