//! Saving a sentence's translation and notes (`E`) into the article file:
//! the library's copy of the article (made from the bundled one the first
//! time), which from then on is the one read.

use std::path::{Path, PathBuf};

use crate::app::SentenceEdit;
use crate::article::{
    ARTICLES_LOCK, Article, Origin, article_to_toml, load_article, parse_article,
    with_sentence_text,
};
use crate::files::{atomic_write, with_lock};

/// Saves `edit` atomically under the articles' lock; returns the article
/// as written and where. `articles_dir` is where a bundled article's copy
/// goes (none: it cannot be saved).
pub(super) fn save_sentence(
    articles_dir: Option<&Path>,
    edit: SentenceEdit,
) -> Result<(Article, PathBuf), String> {
    let path = match (&edit.article.origin, articles_dir) {
        (Origin::File(path), _) => path.clone(),
        (Origin::Bundled, Some(dir)) => dir.join(format!("{}.toml", edit.article.id)),
        (Origin::Bundled, None) => {
            return Err("No library folder: the article cannot be saved".into());
        }
    };
    // Under the articles' lock, the file as it is on disk now (another
    // reader may have saved into it, or it was edited by hand), so that
    // only this sentence changes; one that no longer reads is left as it
    // is.
    let lock = path.with_file_name(ARTICLES_LOCK);
    let mut article = with_lock(&lock, || write_sentence(&path, &edit))
        .map_err(|e| format!("{}: cannot lock: {e}", lock.display()))??;
    article.origin = Origin::File(path.clone());
    Ok((article, path))
}

/// Re-reads the article file, sets the sentence, writes it back
/// atomically; returns the article as written. Run under the lock.
fn write_sentence(path: &Path, edit: &SentenceEdit) -> Result<Article, String> {
    let unreadable =
        |e: &dyn std::fmt::Display| format!("{e}; qari leaves it as it is: fix it, then try again");
    let text = if path.exists() {
        let fresh = load_article(path).map_err(|e| unreadable(&e))?;
        if fresh.sentences.len() != edit.article.sentences.len() {
            return Err(format!(
                "{} has changed on disk (its sentences differ); open it again before editing",
                path.display()
            ));
        }
        // The file's own text, edited in place: its comments stay.
        let text = std::fs::read_to_string(path).map_err(|e| unreadable(&e))?;
        with_sentence_text(&text, edit.index, &edit.translation, &edit.notes)
            .map_err(|e| format!("{}: {}", path.display(), unreadable(&e)))?
    } else {
        let mut article = (*edit.article).clone();
        if let Some(sentence) = article.sentences.get_mut(edit.index) {
            sentence.en.clone_from(&edit.translation);
            sentence.notes.clone_from(&edit.notes);
        }
        article_to_toml(&article)
    };
    let article = parse_article(
        text.as_bytes(),
        path,
        &edit.article.id,
        Origin::File(path.to_path_buf()),
    )
    .map_err(|e| e.to_string())?;
    atomic_write(path, text.as_bytes())
        .map_err(|e| format!("{}: cannot save: {e}", path.display()))?;
    Ok(article)
}
