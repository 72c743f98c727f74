//! The threads beside the run loop: terminal input, the matcher and the background loader.
//!
//! They all send [`Input`] on the loop's one channel; the model never starts a thread or
//! reads a file itself.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use crossterm::event::{self, Event as TermEvent, KeyEvent, MouseEvent};

use chrono::NaiveDate;

use crate::app::{EventSet, MatchRequest, Message, Timeline, matcher};
use crate::model::load::LoadOptions;

/// What arrives on the run loop's channel: terminal input, which the keymap turns into
/// messages in the mode of the moment, or a message ready for the model.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// A key press.
    Key(KeyEvent),
    /// A mouse event.
    Mouse(MouseEvent),
    /// A message for the model.
    App(Message),
}

impl From<Message> for Input {
    fn from(message: Message) -> Input {
        Input::App(message)
    }
}

/// Loads `options` (through the parsed cache in `cache_dir`) and builds, off the input
/// path, the index, its id lookup and the rows of the whole list (with its divider at
/// `today`).
pub fn load_events(options: &LoadOptions, cache_dir: Option<&Path>, today: NaiveDate) -> EventSet {
    let (events, index, errors) = crate::cache::load_for_explorer(options, cache_dir);
    index.prepare();
    index.prepare_ids();
    let every: Vec<u32> = (0..index.len() as u32).collect();
    let rows = Timeline::build(&index, &every, today, true);
    let warnings = errors.iter().map(ToString::to_string).collect();
    let mut set = EventSet::new(events, index, warnings);
    set.timeline = Some(Arc::new(rows));
    set
}

/// Loads event files on a thread and hands them to the loop; then, with `seen`, says
/// which of them are new since the last run.
pub fn spawn_loader(
    options: LoadOptions,
    cache_dir: Option<PathBuf>,
    today: NaiveDate,
    seen: Option<PathBuf>,
    tx: Sender<Input>,
) -> io::Result<()> {
    thread::Builder::new()
        .name("loader".into())
        .spawn(move || {
            let set = load_events(&options, cache_dir.as_deref(), today);
            let index = std::sync::Arc::clone(&set.index);
            let events = set.events.clone();
            // The events are searchable at once; what changed since the last run (a pass
            // over every event) follows.
            let _ = tx.send(Message::ReplaceEvents(Box::new(set)).into());
            for message in seen.map(|path| news(&path, &events)).into_iter().flatten() {
                let _ = tx.send(message.into());
            }
            // Once built, plain terms answer from word indexes of the short fields (ms at
            // 1M events); until then they scan, so nothing waits for this.
            index.prepare_short_fields();
        })?;
    Ok(())
}

/// Compares `events` with the last run's snapshot at `seen` (and saves theirs): the news,
/// then any problem as a warning (which never hides an earlier one).
fn news(seen: &Path, events: &crate::model::Events) -> Vec<Message> {
    let (news, warnings) = crate::saved::seen::refresh(seen, events);
    std::iter::once(Message::News(news))
        .chain(warnings.into_iter().map(Message::Warn))
        .collect()
}

/// Counts what is new among `events` since the last run, on a thread.
pub fn spawn_news(
    seen: PathBuf,
    events: crate::model::Events,
    tx: Sender<Input>,
) -> io::Result<()> {
    thread::Builder::new().name("news".into()).spawn(move || {
        for message in news(&seen, &events) {
            let _ = tx.send(message.into());
        }
    })?;
    Ok(())
}

/// Adds a submitted query to the history file, on a thread (the write is fsynced); the
/// run loop joins it before the process ends.
pub fn spawn_history_save(path: PathBuf, query: String) -> io::Result<thread::JoinHandle<()>> {
    thread::Builder::new()
        .name("history".into())
        .spawn(move || {
            let _ = crate::saved::history::push(&path, &query);
        })
}

/// Starts the matcher thread; it answers on `results` and stops when the returned sender
/// is dropped or `results` is closed.
pub fn spawn_matcher<T: From<Message> + Send + 'static>(
    results: Sender<T>,
) -> io::Result<Sender<MatchRequest>> {
    let (requests, inbox) = mpsc::channel();
    thread::Builder::new()
        .name("matcher".into())
        .spawn(move || serve(&inbox, &results))?;
    Ok(requests)
}

fn serve<T: From<Message>>(inbox: &Receiver<MatchRequest>, results: &Sender<T>) {
    while let Ok(mut request) = inbox.recv() {
        // Requests queued while the last one ran are stale except the newest.
        while let Ok(newer) = inbox.try_recv() {
            request = newer;
        }
        if request.cancel.load(Ordering::Relaxed) {
            continue;
        }
        let message = match matcher::run(&request) {
            Some(matches) => matches.into_message(request.generation),
            // Not cancelled, yet no answer: the parsed cache's text failed its check (and
            // the cache was deleted). Nothing computed from it is shown.
            None if !request.cancel.load(Ordering::Relaxed) => Message::Warn(
                "the parsed cache is damaged and was deleted: restart to rebuild it".into(),
            ),
            None => continue,
        };
        if results.send(message.into()).is_err() {
            return;
        }
    }
}

/// Forwards terminal input to the loop; a read error ends the explorer.
///
/// A hung-up terminal does not always give an error here (crossterm retries the read), so
/// `signal::watch_hangup` watches for that case.
pub fn spawn_reader(tx: Sender<Input>) -> io::Result<()> {
    thread::Builder::new().name("input".into()).spawn(move || {
        loop {
            let input = match event::read() {
                Ok(TermEvent::Key(key)) => Input::Key(key),
                Ok(TermEvent::Mouse(mouse)) => Input::Mouse(mouse),
                Ok(TermEvent::Resize(width, height)) => Message::Resize(width, height).into(),
                Ok(TermEvent::Paste(text)) => Message::Paste(text).into(),
                Ok(_) => continue,
                Err(e) => {
                    let _ = tx.send(Message::Fail(format!("terminal input failed: {e}")).into());
                    return;
                }
            };
            if tx.send(input).is_err() {
                return;
            }
        }
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Index, Query};
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;
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
            today: chrono::NaiveDate::default(),
            grouped: true,
        }
    }

    #[test]
    fn worker_answers_requests_and_skips_cancelled_ones() {
        let events = vec![event("a", "cyber talks"), event("b", "trade fair")];
        let (tx, rx) = mpsc::channel::<Message>();
        let index = Arc::new(Index::new(&events));
        let requests = spawn_matcher(tx).unwrap();
        let cancelled = request(&index, 1, "trade");
        cancelled.cancel.store(true, Ordering::Relaxed);
        requests.send(cancelled).unwrap();
        requests.send(request(&index, 2, "cyber")).unwrap();
        let answer = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        let Message::ShowMatches {
            generation,
            hits,
            best,
            timeline,
        } = answer
        else {
            panic!("not matches: {answer:?}");
        };
        assert_eq!((generation, hits, best), (2, vec![0], Some(0)));
        let rows = timeline.map(|t| t.event_rows.len());
        assert_eq!(rows, Some(1), "the rows come built with the results");
        drop(requests);
        // The worker exits once its inbox closes, dropping its results sender.
        assert!(rx.recv_timeout(Duration::from_secs(10)).is_err());
    }
}
