//! The matcher worker: runs match requests off the input path and sends results back.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use super::Message;
use crate::search::{Index, Query};

/// One request for matches.
#[derive(Debug, Clone)]
pub struct MatchRequest {
    /// Number of the request; the model drops results of older ones.
    pub generation: u64,
    /// What to match.
    pub query: Query,
    /// Search only these events (results of a query this one extends), in index order.
    pub within: Option<Vec<u32>>,
    /// Put the best matches first instead of date order.
    pub rank: bool,
    /// Set by the model when a newer request makes this one useless.
    pub cancel: Arc<AtomicBool>,
    /// The index to search: the events shown when the request was made (events loaded in
    /// the background replace it).
    pub index: Arc<Index>,
}

/// Runs a request; `None` when it was cancelled.
pub fn run(request: &MatchRequest) -> Option<Vec<u32>> {
    let index = &request.index;
    let mut hits = index.filter(&request.query, request.within.as_deref(), &request.cancel)?;
    if request.rank {
        index.rank(&request.query, &mut hits);
    }
    Some(hits)
}

/// Starts the worker thread; it answers on `results` and stops when the returned sender
/// is dropped or `results` is closed.
pub fn spawn(results: Sender<Message>) -> std::io::Result<Sender<MatchRequest>> {
    let (requests, inbox) = mpsc::channel();
    thread::Builder::new()
        .name("matcher".into())
        .spawn(move || serve(&inbox, &results))?;
    Ok(requests)
}

fn serve(inbox: &Receiver<MatchRequest>, results: &Sender<Message>) {
    while let Ok(mut request) = inbox.recv() {
        // Requests queued while the last one ran are stale except the newest.
        while let Ok(newer) = inbox.try_recv() {
            request = newer;
        }
        if request.cancel.load(Ordering::Relaxed) {
            continue;
        }
        if let Some(hits) = run(&request) {
            let message = Message::ShowMatches {
                generation: request.generation,
                hits,
            };
            if results.send(message).is_err() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn event(id: &str, title: &str) -> crate::model::Event {
        let text = format!(
            r#"(id: "{id}", start: "2020", status: held, kind: meeting,
                title: (en: "{title}", fr: "{title}"), summary: (en: "", fr: ""), sources: [])"#
        );
        ron::from_str(&text).unwrap()
    }

    fn request(index: &Arc<Index>, generation: u64, text: &str) -> MatchRequest {
        MatchRequest {
            generation,
            query: Query::parse(text).unwrap(),
            within: None,
            rank: false,
            cancel: Arc::new(AtomicBool::new(false)),
            index: Arc::clone(index),
        }
    }

    #[test]
    fn worker_answers_requests_and_skips_cancelled_ones() {
        let events = vec![event("a", "cyber talks"), event("b", "trade fair")];
        let (tx, rx) = mpsc::channel();
        let index = Arc::new(Index::new(&events));
        let requests = spawn(tx).unwrap();
        let cancelled = request(&index, 1, "trade");
        cancelled.cancel.store(true, Ordering::Relaxed);
        requests.send(cancelled).unwrap();
        requests.send(request(&index, 2, "cyber")).unwrap();
        let answer = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert_eq!(
            answer,
            Message::ShowMatches {
                generation: 2,
                hits: vec![0]
            }
        );
        drop(requests);
        // The worker exits once its inbox closes, dropping its results sender.
        assert!(rx.recv_timeout(Duration::from_secs(10)).is_err());
    }

    #[test]
    fn within_limits_the_search() {
        let events = vec![event("a", "cyber talks"), event("b", "cyber fair")];
        let index = Arc::new(Index::new(&events));
        let mut req = request(&index, 1, "cyber");
        req.within = Some(vec![1]);
        assert_eq!(run(&req), Some(vec![1]));
    }
}
