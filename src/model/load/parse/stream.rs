//! Parsing a large file while it is scanned: the scanner hands chunks of records to a
//! queue as it finds them; a second thread parses them at once, and the scanning thread
//! joins in when the scan is done. Results are put back in file order, so the outcome
//! is the same as scanning first and parsing after.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, PoisonError};

use super::super::LoadError;
use super::super::scan::{self, RecordSpan};
use super::Parsed;

/// Records handed over at a time.
const CHUNK: usize = 512;

/// What a chunk gives: the records that parsed and the problems of the others.
type Outcome = (Vec<Parsed>, Vec<LoadError>);

/// Chunks waiting to be parsed, numbered in file order.
#[derive(Default)]
struct Queue {
    chunks: VecDeque<(usize, Vec<RecordSpan>)>,
    /// The scan is over: no chunk will be added.
    done: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    ready: Condvar,
}

impl Shared {
    fn push(&self, number: usize, chunk: Vec<RecordSpan>) {
        let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        queue.chunks.push_back((number, chunk));
        self.ready.notify_one();
    }

    /// Ends the scan; `failed` drops the chunks not yet parsed, as the file is refused.
    fn finish(&self, failed: bool) {
        let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        queue.done = true;
        if failed {
            queue.chunks.clear();
        }
        self.ready.notify_all();
    }

    /// Parses chunks until the scan is over and the queue empty.
    fn work(&self, parse: &(dyn Fn(&[RecordSpan]) -> Outcome + Sync)) -> Vec<(usize, Outcome)> {
        let mut out = Vec::new();
        loop {
            let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
            while queue.chunks.is_empty() && !queue.done {
                queue = self
                    .ready
                    .wait(queue)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            let Some((number, chunk)) = queue.chunks.pop_front() else {
                return out;
            };
            drop(queue);
            out.push((number, parse(&chunk)));
        }
    }
}

/// Scans `text` on this thread while another parses the records found so far with
/// `parse`; then both parse what is left. A scan error refuses the whole file, as when
/// scanning comes first.
pub(super) fn parse_while_scanning(
    name: &str,
    text: &str,
    parse: &(dyn Fn(&[RecordSpan]) -> Outcome + Sync),
) -> (Vec<Vec<Parsed>>, Vec<LoadError>) {
    let shared = Shared {
        queue: Mutex::new(Queue::default()),
        ready: Condvar::new(),
    };
    std::thread::scope(|scope| {
        let worker = scope.spawn(|| shared.work(parse));
        let mut chunk = Vec::with_capacity(CHUNK);
        let mut number = 0;
        let scanned = scan::split_records_with(text, |record| {
            chunk.push(record);
            if chunk.len() == CHUNK {
                shared.push(
                    number,
                    std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)),
                );
                number += 1;
            }
        });
        if !chunk.is_empty() {
            shared.push(number, chunk);
        }
        shared.finish(scanned.is_err());
        let mut parts = shared.work(parse);
        let other = worker.join();
        if let Err(e) = scanned {
            return (Vec::new(), vec![LoadError::at(name, e.pos, e.message)]);
        }
        let mut errors = Vec::new();
        match other {
            Ok(more) => parts.extend(more),
            Err(_) => errors.push(LoadError::whole_file(name, "internal error while parsing")),
        }
        parts.sort_unstable_by_key(|(number, _)| *number);
        let mut events = Vec::with_capacity(parts.len());
        for (_, (parsed, found)) in parts {
            events.push(parsed);
            errors.extend(found);
        }
        (events, errors)
    })
}

#[cfg(test)]
mod tests {
    use super::super::{PARALLEL_BYTES, parse_records, parse_text};
    use crate::model::load::scan;

    /// A large file with good records and bad ones of every kind spread through it.
    fn archive() -> String {
        let mut text = String::from("[\n");
        let mut n = 0;
        while text.len() < PARALLEL_BYTES + (1 << 20) {
            let id = format!("2020-01-{:02}-event-{n}", n % 28 + 1);
            let extra = match n % 97 {
                3 => "colour: \"red\",",
                10 => "status: maybe,",
                20 => "// a comment\n",
                _ => "",
            };
            let summary =
                "Talks on cyber security and the rule of law in Luleå. ".repeat(n % 7 + 1);
            text.push_str(&format!(
                "  (id: \"{id}\", start: \"2020-01-{:02}\", status: held, kind: conference, {extra}\n\
                 title: (en: \"Talks {n}\", fr: \"Pourparlers {n}\"), summary: (en: \"{summary}\", \
                 fr: \"R\\\"s\"), places: [\"Luleå\"], sources: [(url: \"https://e.eu/{n}\")]),\n",
                n % 28 + 1
            ));
            n += 1;
        }
        text.push_str("  (id: \"broken\", start: \"2020\",, ),\n]\n");
        text
    }

    #[test]
    fn parsing_while_scanning_gives_what_scanning_first_gives() {
        let text = archive();
        let (events, errors) = parse_text("big.ron", &text);
        let records = scan::split_records(&text).unwrap();
        let (one_by_one, their_errors) = parse_records("big.ron", &text, &records);
        assert!(events.len() > 2 * super::CHUNK && !errors.is_empty());
        assert_eq!(errors, their_errors);
        assert_eq!(events.len(), one_by_one.len());
        for (a, b) in events.iter().zip(&one_by_one) {
            assert_eq!(
                (&a.event, a.pos, &a.range, &a.invalid),
                (&b.event, b.pos, &b.range, &b.invalid)
            );
        }
    }

    #[test]
    fn a_scan_error_refuses_the_whole_large_file() {
        let mut text = archive();
        text.push_str("junk");
        let (events, errors) = parse_text("big.ron", &text);
        assert!(events.is_empty());
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.contains("after the closing"),
            "{:?}",
            errors[0]
        );
    }
}
