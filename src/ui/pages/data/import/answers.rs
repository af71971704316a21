//! Waiting for the import worker's next answer without polling: a task that needs a fit or a
//! stage that has not arrived yet waits here, and every answer the page receives wakes it to
//! look again.

use futures::channel::oneshot;
use futures::future::select;
use gloo::timers::future::TimeoutFuture;
use leptos::prelude::*;

/// The tasks waiting for the worker's next answer.
#[derive(Clone, Copy)]
pub(super) struct Answers(StoredValue<Vec<oneshot::Sender<()>>, LocalStorage>);

impl Answers {
    pub fn new() -> Self {
        Answers(StoredValue::new_local(Vec::new()))
    }

    /// Waits for the worker's next answer, or `ms` milliseconds at most (so that a waiting task
    /// also sees what changed on the page meanwhile, e.g. a discarded report).
    pub async fn next(&self, ms: u32) {
        let (sender, receiver) = oneshot::channel();
        self.0.update_value(|waiting| waiting.push(sender));
        select(receiver, TimeoutFuture::new(ms)).await;
    }

    /// An answer was received: every waiting task looks again.
    pub fn arrived(&self) {
        let waiting = self.0.try_update_value(std::mem::take).unwrap_or_default();
        for sender in waiting {
            let _ = sender.send(());
        }
    }
}
