//! Drafting translations from the reader (`D`, issue 16): the first `D`
//! drafts the current sentence, the next the rest of the article. The
//! learner's translator runs in the background, one batch at a time: each
//! batch is an [`Effect::Draft`], and the next goes out only when the last
//! has come back as [`Msg::Drafted`](super::Msg::Drafted), so the status
//! line's progress is what is on disk and a failure stops the rest.

use std::collections::VecDeque;

use super::{App, Effect, Notice};
use crate::article::Article;

/// Sentences handed to the translator at once, here and by
/// `qari translate`: few enough that a slow translator shows progress and
/// an interrupted run loses little.
pub const DRAFT_BATCH: usize = 16;

/// Sentences to draft for the reader, as the translator is fed them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftBatch {
    pub article: String,
    pub origin: crate::article::Origin,
    /// Each sentence's index and its Arabic: a sentence whose text changed
    /// on disk meanwhile is not drafted.
    pub sentences: Vec<(usize, String)>,
}

/// A draft under way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drafting {
    /// Sentences still to send, in the order they go.
    queue: VecDeque<usize>,
    /// The batch at the translator now.
    in_flight: Vec<usize>,
    /// The whole article was asked for (else the one sentence).
    whole: bool,
    /// Sentences sent back so far, and how many in all.
    pub done: usize,
    pub total: usize,
    /// Drafts saved so far.
    saved: usize,
    /// The sentence of the first `D`, whose English is shown when it comes.
    reveal: Option<usize>,
}

impl Drafting {
    /// Whether sentence `index` is at the translator now or waits for it.
    pub fn will_draft(&self, index: usize) -> bool {
        self.in_flight.contains(&index) || self.queue.contains(&index)
    }
}

/// What came back of a batch.
#[derive(Debug)]
pub struct Drafted {
    pub article_id: String,
    /// The batch's sentences.
    pub sentences: Vec<usize>,
    /// The article as it is on disk now and how many drafts were saved, or
    /// the translator's (or the save's) one-line error.
    pub result: Result<DraftsSaved, String>,
}

/// A batch saved.
#[derive(Debug)]
pub struct DraftsSaved {
    pub article: Box<Article>,
    pub saved: usize,
}

impl App {
    /// `D`: drafts the current sentence when it has no translation; else
    /// (or pressed again while it is drafted) the rest of the article.
    pub(super) fn draft(&mut self) {
        let Some(translator) = self.translator.clone() else {
            self.message = Some(Notice::NoTranslator);
            return;
        };
        if let Some(notice) = self.sentence_unsaved() {
            self.message = Some(notice);
            return;
        }
        let current = self.sentence;
        match &mut self.drafting {
            Some(drafting) if drafting.whole => {
                self.message = Some(Notice::DraftingAlready {
                    done: drafting.done,
                    total: drafting.total,
                });
            }
            Some(drafting) => {
                // The one sentence is at the translator: the rest follows.
                let rest = untranslated_from(&self.article, current, &drafting.in_flight);
                drafting.whole = true;
                drafting.total += rest.len();
                drafting.queue.extend(rest);
                self.message = Some(Notice::DraftingArticle {
                    translator,
                    count: drafting.total - drafting.done,
                });
            }
            None => {
                let untranslated = |i: usize| {
                    (self.article.sentences.get(i)).is_some_and(|s| s.en.trim().is_empty())
                };
                let (queue, whole): (VecDeque<usize>, bool) = if untranslated(current) {
                    ([current].into(), false)
                } else {
                    (untranslated_from(&self.article, current, &[]).into(), true)
                };
                if queue.is_empty() {
                    self.message = Some(Notice::NothingToDraft);
                    return;
                }
                self.message = Some(if whole {
                    Notice::DraftingArticle {
                        translator,
                        count: queue.len(),
                    }
                } else {
                    Notice::DraftingSentence { translator }
                });
                self.drafting = Some(Drafting {
                    total: queue.len(),
                    queue,
                    whole,
                    reveal: (!whole).then_some(current),
                    ..Drafting::default()
                });
                self.send_next_batch();
            }
        }
    }

    /// Sends the next batch of sentences still without a translation, or
    /// ends the draft with what it did.
    fn send_next_batch(&mut self) {
        let Some(drafting) = &mut self.drafting else {
            return;
        };
        let mut batch = Vec::new();
        while batch.len() < DRAFT_BATCH
            && let Some(index) = drafting.queue.pop_front()
        {
            match self.article.sentences.get(index) {
                // Translated meanwhile (`E`, another reader): passed over.
                Some(s) if s.en.trim().is_empty() => batch.push((index, s.ar.clone())),
                _ => drafting.done += 1,
            }
        }
        if batch.is_empty() {
            let (saved, passed) = (drafting.saved, drafting.done.saturating_sub(drafting.saved));
            let translator = self.translator.clone().unwrap_or_default();
            self.drafting = None;
            self.message = Some(Notice::Drafted {
                translator,
                saved,
                passed,
            });
            return;
        }
        drafting.in_flight = batch.iter().map(|(index, _)| *index).collect();
        self.effects.push(Effect::Draft(DraftBatch {
            article: self.article.id.clone(),
            origin: self.article.origin.clone(),
            sentences: batch,
        }));
    }

    /// A batch came back from the translator (saved, or not).
    pub(super) fn drafted(&mut self, drafted: Drafted) {
        let Some(drafting) = &mut self.drafting else {
            return;
        };
        if drafted.article_id != self.article.id || drafting.in_flight != drafted.sentences {
            return;
        }
        drafting.in_flight.clear();
        match drafted.result {
            Ok(saved) => {
                drafting.done += drafted.sentences.len();
                drafting.saved += saved.saved;
                let reveal = drafting.reveal.take();
                self.take_saved_article(*saved.article, &drafted.sentences);
                if reveal.is_some_and(|asked| asked == self.sentence) {
                    // The learner asked for this English: it is shown.
                    self.study.show_translation();
                }
                self.send_next_batch();
            }
            Err(error) => {
                let saved = drafting.saved;
                self.drafting = None;
                self.message = Some(Notice::DraftFailed { error, saved });
            }
        }
    }
}

/// The sentences of `article` with no translation, from `from` to the end
/// and then from the start (the learner reads on from where they are),
/// leaving out `skip`.
fn untranslated_from(article: &Article, from: usize, skip: &[usize]) -> Vec<usize> {
    let count = article.sentences.len();
    (from..count)
        .chain(0..from.min(count))
        .filter(|i| !skip.contains(i))
        .filter(|i| (article.sentences.get(*i)).is_some_and(|s| s.en.trim().is_empty()))
        .collect()
}
