//! The page's book of the checks it asks the worker for ([`Request::Parse`](super::Request::Parse)),
//! one of them run **ahead**: as soon as every dropped file is read and its columns mapped, the
//! page has the worker check the rows while the user looks at the mapping, so that "Revisar"
//! finds the report ready instead of waiting for a million rows to be checked.
//!
//! A check is identified by a [`CheckId`] that travels with the request and its answer, and
//! described by a key `K` (the files with their mappings, the import mode, the stored data it
//! merges into, the analysis parameters). A result is shown only for the key the user asked
//! for: a check ahead whose key has changed since (a column remapped, another mode) is never
//! shown, and the worker answers checks in the order they were sent, so a stale one only delays
//! the next. Pure: no worker and no browser, the page tells it what it sends and what arrives.

/// The page's number for one check, echoed by the worker's answer.
pub type CheckId = u32;

/// Where the latest check is.
#[derive(Debug)]
enum Slot<R> {
    /// Sent; no answer yet.
    Running,
    /// Answered ahead; kept until the user asks for it.
    Done(R),
    /// Answered and shown (or dropped): asking again sends a new check, and the same key is
    /// not checked ahead again.
    Taken,
}

/// What to do when the user asks for the report of a key ([`Checks::request`]).
#[derive(Debug, PartialEq)]
pub enum Asked<R> {
    /// The check ahead of this key has answered: show it now.
    Show(R),
    /// The check ahead of this key is running: its answer will be shown when it arrives.
    Wait,
    /// No check of this key: send this one; its answer will be shown when it arrives.
    Send(CheckId),
}

/// The checks sent and their answers; see the module docs.
#[derive(Debug)]
pub struct Checks<K, R> {
    next: CheckId,
    /// The latest check sent (ahead or asked for): its id, its key and its answer.
    latest: Option<(CheckId, K, Slot<R>)>,
    /// The check whose answer the user waits for.
    awaited: Option<CheckId>,
}

impl<K, R> Default for Checks<K, R> {
    fn default() -> Self {
        Checks {
            next: 1,
            latest: None,
            awaited: None,
        }
    }
}

impl<K: PartialEq, R> Checks<K, R> {
    fn fresh(&mut self) -> CheckId {
        let id = self.next;
        self.next += 1;
        id
    }

    /// A check ahead of `key` to send now, if one is worth it: none while the user waits for
    /// a check or while another check ahead runs (the worker does one thing at a time; the page
    /// asks again when it answers), and none for the key checked last.
    pub fn ahead(&mut self, key: K) -> Option<CheckId> {
        let busy = matches!(self.latest, Some((_, _, Slot::Running)));
        let same = matches!(&self.latest, Some((_, k, _)) if *k == key);
        if self.awaited.is_some() || busy || same {
            return None;
        }
        let id = self.fresh();
        self.latest = Some((id, key, Slot::Running));
        Some(id)
    }

    /// The user asks for the report of `key` ("Revisar").
    pub fn request(&mut self, key: K) -> Asked<R> {
        if let Some((id, k, slot)) = &mut self.latest
            && *k == key
        {
            match std::mem::replace(slot, Slot::Taken) {
                Slot::Done(result) => return Asked::Show(result),
                Slot::Running => {
                    *slot = Slot::Running;
                    self.awaited = Some(*id);
                    return Asked::Wait;
                }
                Slot::Taken => {}
            }
        }
        let id = self.fresh();
        self.latest = Some((id, key, Slot::Running));
        self.awaited = Some(id);
        Asked::Send(id)
    }

    /// The answer of check `id` has arrived; `answer` makes the page's value of it (decoding
    /// it) and is called only if the answer is still wanted, `current` being the key the page
    /// would check now (`None` when its files are not ready to check). Returns `Some` when the
    /// user waits for this check: show it now. Otherwise the latest check, run ahead, keeps its
    /// answer for [`Checks::request`] if its key is still current, and any other answer is
    /// dropped.
    pub fn arrived(
        &mut self,
        id: CheckId,
        current: Option<&K>,
        answer: impl FnOnce() -> R,
    ) -> Option<R> {
        let latest = match &mut self.latest {
            Some((a, key, slot)) if *a == id && matches!(slot, Slot::Running) => Some((key, slot)),
            _ => None,
        };
        if self.awaited == Some(id) {
            self.awaited = None;
            if let Some((_, slot)) = latest {
                *slot = Slot::Taken;
            }
            return Some(answer());
        }
        if let Some((key, slot)) = latest {
            *slot = if Some(&*key) == current {
                Slot::Done(answer())
            } else {
                Slot::Taken
            };
        }
        None
    }

    /// Whether the user waits for a check.
    pub fn awaiting(&self) -> bool {
        self.awaited.is_some()
    }

    /// Forgets every check (the worker was stopped: no answer will come). Ids are not reused,
    /// so an answer of a forgotten check that still arrives is dropped.
    pub fn reset(&mut self) {
        self.latest = None;
        self.awaited = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Book = Checks<&'static str, String>;

    /// An answer that must not be decoded.
    fn unwanted() -> String {
        panic!("a stale answer was decoded")
    }

    #[test]
    fn a_check_ahead_that_has_answered_is_shown_at_once() {
        let mut book = Book::default();
        let id = book.ahead("A").unwrap();
        assert_eq!(
            book.arrived(id, Some(&"A"), || "report A".into()),
            None,
            "kept, not shown"
        );
        assert_eq!(book.request("A"), Asked::Show("report A".into()));
        assert!(!book.awaiting());
        // Shown once: asking again checks again.
        assert!(matches!(book.request("A"), Asked::Send(_)));
    }

    #[test]
    fn asking_while_the_check_ahead_runs_waits_for_its_answer() {
        let mut book = Book::default();
        let id = book.ahead("A").unwrap();
        assert_eq!(book.request("A"), Asked::Wait);
        assert!(book.awaiting());
        // The page's key may have changed meanwhile: the awaited answer is still shown.
        assert_eq!(
            book.arrived(id, None, || "report A".into()),
            Some("report A".into())
        );
        assert!(!book.awaiting());
        // Shown once: asking again checks again.
        assert!(matches!(book.request("A"), Asked::Send(_)));
    }

    #[test]
    fn a_changed_key_sends_a_new_check_and_the_stale_answer_is_never_decoded() {
        let mut book = Book::default();
        let stale = book.ahead("A").unwrap();
        // While A runs, no second check ahead is queued behind it.
        assert_eq!(book.ahead("B"), None);
        let Asked::Send(fresh) = book.request("B") else {
            panic!("a new check for B");
        };
        assert_ne!(fresh, stale);
        assert_eq!(book.arrived(stale, Some(&"B"), unwanted), None);
        assert_eq!(
            book.arrived(fresh, Some(&"B"), || "report B".into()),
            Some("report B".into())
        );
        assert!(matches!(book.request("B"), Asked::Send(_)));
    }

    #[test]
    fn the_next_check_ahead_starts_when_the_running_one_answers() {
        let mut book = Book::default();
        let a = book.ahead("A").unwrap();
        assert_eq!(book.ahead("B"), None, "A runs");
        assert_eq!(book.arrived(a, Some(&"B"), unwanted), None, "A is stale");
        let b = book.ahead("B").unwrap();
        assert_eq!(book.ahead("B"), None, "B runs");
        assert_eq!(book.arrived(b, Some(&"B"), || "report B".into()), None);
        assert_eq!(book.ahead("B"), None, "B is checked already");
        assert_eq!(book.request("B"), Asked::Show("report B".into()));
        // Shown and discarded: the same key is not checked ahead again by itself.
        assert_eq!(book.ahead("B"), None);
        assert!(book.ahead("C").is_some());
    }

    #[test]
    fn an_answer_for_files_no_longer_ready_is_dropped() {
        let mut book = Book::default();
        let a = book.ahead("A").unwrap();
        // The user removed a file: nothing is ready to check.
        assert_eq!(book.arrived(a, None, unwanted), None);
        assert!(matches!(book.request("A"), Asked::Send(_)));
    }

    #[test]
    fn nothing_runs_ahead_while_the_user_waits() {
        let mut book = Book::default();
        let Asked::Send(id) = book.request("A") else {
            panic!("nothing ahead: send");
        };
        assert_eq!(book.ahead("A"), None);
        assert_eq!(book.ahead("B"), None);
        assert_eq!(
            book.arrived(id, Some(&"A"), || "report A".into()),
            Some("report A".into())
        );
        // Shown, then discarded: the same files are not checked ahead again by themselves.
        assert_eq!(book.ahead("A"), None);
        assert!(book.ahead("B").is_some());
    }

    #[test]
    fn after_a_reset_no_answer_is_shown_and_ids_are_not_reused() {
        let mut book = Book::default();
        let a = book.ahead("A").unwrap();
        assert_eq!(book.request("A"), Asked::Wait);
        book.reset();
        assert!(!book.awaiting());
        assert_eq!(book.arrived(a, Some(&"A"), unwanted), None);
        let Asked::Send(b) = book.request("A") else {
            panic!("a new check after the reset");
        };
        assert!(b > a);
    }
}
