//! Carrying out what [`App::update`](crate::app::App::update) asks for.
//!
//! The app returns [`Effect`]s; an [`Executor`] does them (saving under
//! locks, reading aloud) and turns each outcome into a [`Msg`] for the app.
//! The reader runs the executor on a [`Worker`] thread, so a key never
//! waits for a disk; tests and benchmarks use [`Inline`], which does the
//! same work at once, in order.

mod executor;
pub mod speech;
pub mod translator;
mod watch;
mod worker;

pub use executor::Executor;
pub use watch::{POLL, watch};
pub use worker::{Worker, load_analyser, load_dictionaries};

use std::ops::{Deref, DerefMut};

use crate::app::{App, Effect, Msg};

/// The app with its effects carried out at once, before `update` returns:
/// for tests and benchmarks, which then see the files as the reader would
/// leave them. Like the reader, it tells the app the time before each key.
pub struct Inline {
    pub app: App,
    pub executor: Executor,
}

impl Inline {
    pub fn new(app: App, executor: Executor) -> Inline {
        Inline { app, executor }
    }

    /// Updates the app with `msg`, then carries out the effects it asks
    /// for, feeding each outcome back, until none is left. Returns every
    /// effect asked for, in order.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Vec<Effect> {
        let msg = msg.into();
        // As the reader does before each key.
        if matches!(msg, Msg::Action(_) | Msg::Terminal(_)) {
            self.app.update(Msg::Clock(chrono::Utc::now()));
        }
        let mut done = Vec::new();
        let mut queue: std::collections::VecDeque<Effect> = self.app.update(msg).into();
        while let Some(effect) = queue.pop_front() {
            if let Some(outcome) = self.executor.execute(effect.clone()) {
                queue.extend(self.app.update(outcome));
            }
            done.push(effect);
        }
        done
    }
}

impl Deref for Inline {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl DerefMut for Inline {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}
