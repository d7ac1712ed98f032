//! The reader's background threads: one worker that carries out the app's
//! effects in order, and the dictionaries' loading. Each reports back by
//! sending a [`Msg`] into the channel the reader's loop waits on.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::app::{Effect, Msg};
use crate::dict::Dictionaries;

use super::Executor;

/// How often a finished espeak-ng is looked for while one is reading, so
/// none lingers as a zombie.
const REAP_EVERY: Duration = Duration::from_millis(250);

/// A thread carrying out effects in the order they were sent.
pub struct Worker {
    effects: Sender<Effect>,
    thread: JoinHandle<Executor>,
}

impl Worker {
    /// Starts `executor` on its own thread; outcomes go to `results`.
    pub fn spawn(executor: Executor, results: Sender<Msg>) -> Worker {
        let (effects, queue) = channel();
        let thread = std::thread::spawn(move || work(executor, &queue, &results));
        Worker { effects, thread }
    }

    /// Queues `effect`.
    pub fn send(&self, effect: Effect) {
        // The worker only stops when this handle is finished.
        let _ = self.effects.send(effect);
    }

    /// Waits for every queued effect to be done; returns the executor, for
    /// what must happen after the loop (the last position save).
    pub fn finish(self) -> Option<Executor> {
        drop(self.effects);
        self.thread.join().ok()
    }
}

fn work(mut executor: Executor, queue: &Receiver<Effect>, results: &Sender<Msg>) -> Executor {
    // Readings asked for whose end has been reported. Counted rather than
    // seen: a reading so short that it is over before the loop looks
    // again must still turn the marker off.
    let mut reported = 0;
    loop {
        let speaking = executor.speaking();
        let started = executor.speeches();
        if !speaking && started > reported {
            // The status line's marker goes off (the reader may be gone).
            let _ = results.send(Msg::SpeechEnded { started });
            reported = started;
        }
        let first = if speaking {
            match queue.recv_timeout(REAP_EVERY) {
                Ok(effect) => effect,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        } else {
            match queue.recv() {
                Ok(effect) => effect,
                Err(_) => break,
            }
        };
        let batch: Vec<Effect> = std::iter::once(first).chain(queue.try_iter()).collect();
        for effect in coalesce(batch) {
            if let Some(msg) = executor.execute(effect) {
                // The reader may be gone (quitting): the work is done anyway.
                let _ = results.send(msg);
            }
        }
    }
    executor
}

/// Drops every position save that a later one in `batch` for the same
/// article replaces: only where the learner stopped is worth two fsyncs.
fn coalesce(batch: Vec<Effect>) -> Vec<Effect> {
    let mut kept: Vec<Effect> = Vec::with_capacity(batch.len());
    for (i, effect) in batch.iter().enumerate() {
        if let Effect::SavePosition { article, .. } = effect {
            let replaced = batch[i + 1..].iter().any(
                |later| matches!(later, Effect::SavePosition { article: a, .. } if a == article),
            );
            if replaced {
                continue;
            }
        }
        kept.push(effect.clone());
    }
    kept
}

/// Loads the dictionaries in `dirs` on a thread of their own (it can take
/// a while, and saves must not wait behind it), through the caches in
/// `cache` when given; sends [`Msg::DictionariesLoaded`] when done.
pub fn load_dictionaries(dirs: Vec<PathBuf>, cache: Option<PathBuf>, results: Sender<Msg>) {
    std::thread::spawn(move || {
        let dictionaries = Dictionaries::load_with(&dirs, cache.as_deref());
        let _ = results.send(Msg::DictionariesLoaded(Arc::new(dictionaries)));
    });
}

/// Loads the morphological analyser's lexicon, if one is installed, on a
/// thread of its own (parsing it takes longer than the first frame should
/// wait); sends [`Msg::AnalyserLoaded`], or a notice when the lexicon is
/// there but cannot be read. Without one, words stay read by the clitic
/// stripper, silently (`qari check` says how to get it).
pub fn load_analyser(results: Sender<Msg>) {
    std::thread::spawn(move || {
        let msg = match crate::data::lexicon() {
            Ok(Some(bama)) => Msg::AnalyserLoaded(Arc::new(bama)),
            Ok(None) => return,
            Err(problem) => Msg::Notice(format!("skipped {problem}")),
        };
        let _ = results.send(msg);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn position(article: &str, sentence: usize) -> Effect {
        Effect::SavePosition {
            article: article.into(),
            sentence,
        }
    }

    #[test]
    fn only_the_last_position_of_an_article_is_saved_and_other_effects_keep_their_order() {
        let batch = vec![
            position("a", 1),
            Effect::Speak("x".into()),
            position("b", 7),
            position("a", 2),
            Effect::StopSpeaking,
            position("a", 3),
        ];
        assert_eq!(
            coalesce(batch),
            vec![
                Effect::Speak("x".into()),
                position("b", 7),
                Effect::StopSpeaking,
                position("a", 3),
            ]
        );
    }

    #[test]
    fn the_end_of_a_reading_is_reported_with_how_many_were_asked_for() {
        // `true` stands in for espeak-ng: it ends at once.
        let executor =
            Executor::new(None).with_speech(super::super::speech::Speech::new("true".into()));
        let (results, heard) = channel();
        let worker = Worker::spawn(executor, results);
        worker.send(Effect::Speak("نص".into()));
        let ended = heard.recv_timeout(Duration::from_secs(10));
        assert!(
            matches!(ended, Ok(Msg::SpeechEnded { started: 1 })),
            "{ended:?}"
        );
        worker.finish();
    }
}
