//! Following what other programs change while the reader is open: another
//! reader's `E`, `qari translate` or `qari translation` on the article,
//! `qari glossary add`. A thread looks at the files' sizes and times every
//! [`POLL`] and, when they change, reads the article (or the glossary)
//! again and sends it to the reader, which shows it without a key.
//!
//! Polling rather than inotify: two `stat`s a second cost nothing, and
//! work the same on every filesystem (network homes included).

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::{Duration, SystemTime};

use crate::app::Msg;
use crate::article::{Library, Origin};
use crate::glossary::{Glossary, UserGlossary};

/// How often the files are looked at.
pub const POLL: Duration = Duration::from_millis(500);

/// What is known of a file: its time and size, or nothing (not there).
type Stamp = Option<(SystemTime, u64)>;

fn stamps(files: &[PathBuf]) -> Vec<Stamp> {
    files
        .iter()
        .map(|file| {
            let meta = std::fs::metadata(file).ok()?;
            Some((meta.modified().ok()?, meta.len()))
        })
        .collect()
}

/// Watches article `id` (from `origin`) and the learner's glossary in
/// `library` on a thread of its own; sends [`Msg::ArticleOnDisk`] and
/// [`Msg::GlossaryOnDisk`] when they change. It ends when the reader has
/// gone (a send fails).
pub fn watch(library: Library, id: String, origin: Origin, results: Sender<Msg>) {
    std::thread::spawn(move || {
        let article_files = library.article_files(&id, &origin);
        let glossary_dir = library.root.join("glossary");
        let glossary_files = vec![UserGlossary::new(&glossary_dir).path()];
        let (mut article_seen, mut glossary_seen) =
            (stamps(&article_files), stamps(&glossary_files));
        loop {
            std::thread::sleep(POLL);
            let now = stamps(&article_files);
            if now != article_seen {
                article_seen = now;
                // A file caught half-way through a hand edit is read again
                // at its next change; the reader keeps what it has.
                if let Ok(article) = library.reload_article(&id, &origin)
                    && results.send(Msg::ArticleOnDisk(Box::new(article))).is_err()
                {
                    return;
                }
            }
            let now = stamps(&glossary_files);
            if now != glossary_seen {
                glossary_seen = now;
                let glossary = Glossary::load(Some(&glossary_dir));
                if results.send(Msg::GlossaryOnDisk(glossary)).is_err() {
                    return;
                }
            }
        }
    });
}
