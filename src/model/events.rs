//! The events an explorer holds: in memory, or read on demand from a parsed cache, so that
//! a million events open without decoding a million records.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use super::Event;

/// Where events held on demand come from: a parsed cache that decodes one record at a time.
pub trait Decode: Send + Sync + fmt::Debug {
    /// Number of events.
    fn count(&self) -> usize;
    /// Decodes event `i`; `None` when its record is damaged.
    fn decode(&self, i: usize) -> Option<Event>;
}

/// Every event of an archive, in date order; indices into it are `u32` everywhere.
#[derive(Debug, Clone, Default)]
pub struct Events {
    store: Store,
}

#[derive(Debug, Clone)]
enum Store {
    Owned(Arc<Vec<Event>>),
    /// Each slot is decoded on its first read and kept (an event that fails to decode reads
    /// as missing, like an index out of range).
    OnDemand {
        source: Arc<dyn Decode>,
        slots: Arc<[OnceLock<Option<Box<Event>>>]>,
        /// How many events failed to decode.
        unreadable: Arc<AtomicUsize>,
    },
}

impl Default for Store {
    fn default() -> Store {
        Store::Owned(Arc::default())
    }
}

impl From<Vec<Event>> for Events {
    fn from(events: Vec<Event>) -> Events {
        Events {
            store: Store::Owned(Arc::new(events)),
        }
    }
}

impl Events {
    /// Events read from `source` as they are first needed.
    pub fn on_demand(source: Arc<dyn Decode>) -> Events {
        let slots = (0..source.count()).map(|_| OnceLock::new()).collect();
        Events {
            store: Store::OnDemand {
                source,
                slots,
                unreadable: Arc::default(),
            },
        }
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        match &self.store {
            Store::Owned(events) => events.len(),
            Store::OnDemand { slots, .. } => slots.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Event `i`, decoded now if it was not yet.
    pub fn get(&self, i: usize) -> Option<&Event> {
        match &self.store {
            Store::Owned(events) => events.get(i),
            Store::OnDemand {
                source,
                slots,
                unreadable,
            } => slots
                .get(i)?
                .get_or_init(|| {
                    let event = source.decode(i).map(Box::new);
                    if event.is_none() {
                        unreadable.fetch_add(1, Ordering::Relaxed);
                    }
                    event
                })
                .as_deref(),
        }
    }

    /// Calls `each` with every event in order. Events held on demand are decoded one at a
    /// time and not kept, so that a pass over a million of them (say, to see what changed
    /// since the last run) does not hold them all.
    pub fn for_each(&self, mut each: impl FnMut(&Event)) {
        match &self.store {
            Store::Owned(events) => events.iter().for_each(each),
            Store::OnDemand { source, slots, .. } => {
                for (i, slot) in slots.iter().enumerate() {
                    match slot.get() {
                        Some(kept) => kept.as_deref().into_iter().for_each(&mut each),
                        None => source.decode(i).iter().for_each(&mut each),
                    }
                }
            }
        }
    }

    /// Every event, copied (for tests and small archives).
    pub fn to_vec(&self) -> Vec<Event> {
        let mut all = Vec::with_capacity(self.len());
        self.for_each(|e| all.push(e.clone()));
        all
    }

    /// How many events are decoded and kept in memory (all of them unless on demand).
    pub fn decoded(&self) -> usize {
        match &self.store {
            Store::Owned(events) => events.len(),
            Store::OnDemand { slots, .. } => slots.iter().filter(|s| s.get().is_some()).count(),
        }
    }

    /// How many events were asked for and could not be decoded (a damaged cache).
    pub fn unreadable(&self) -> usize {
        match &self.store {
            Store::Owned(_) => 0,
            Store::OnDemand { unreadable, .. } => unreadable.load(Ordering::Relaxed),
        }
    }
}

/// A pass over events held either way: a slice, or [`Events`] (decoding one at a time).
pub trait EachEvent {
    /// Number of events.
    fn count(&self) -> usize;
    /// Calls `each` with every event in order.
    fn each(&self, each: &mut dyn FnMut(&Event));
}

impl EachEvent for [Event] {
    fn count(&self) -> usize {
        self.len()
    }
    fn each(&self, each: &mut dyn FnMut(&Event)) {
        self.iter().for_each(each);
    }
}

impl EachEvent for Vec<Event> {
    fn count(&self) -> usize {
        self.len()
    }
    fn each(&self, each: &mut dyn FnMut(&Event)) {
        self.iter().for_each(each);
    }
}

impl EachEvent for Events {
    fn count(&self) -> usize {
        self.len()
    }
    fn each(&self, each: &mut dyn FnMut(&Event)) {
        self.for_each(each);
    }
}

impl std::ops::Index<usize> for Events {
    type Output = Event;

    /// Event `i`; panics when there is none, as a slice does (tests use it).
    fn index(&self, i: usize) -> &Event {
        match self.get(i) {
            Some(event) => event,
            None => panic!("no event {i} of {}", self.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[derive(Debug)]
    struct Counting {
        events: Vec<Event>,
        decoded: AtomicUsize,
    }

    impl Decode for Counting {
        fn count(&self) -> usize {
            self.events.len()
        }
        fn decode(&self, i: usize) -> Option<Event> {
            self.decoded.fetch_add(1, Ordering::Relaxed);
            // The second event stands for a damaged record.
            (i != 1).then(|| self.events.get(i).cloned()).flatten()
        }
    }

    #[test]
    fn events_on_demand_decode_once_and_only_when_read() {
        let bundled = crate::model::load::bundled().events;
        let source = Arc::new(Counting {
            events: bundled.clone(),
            decoded: AtomicUsize::new(0),
        });
        let events = Events::on_demand(source.clone());
        assert_eq!(events.len(), bundled.len());
        assert_eq!(source.decoded.load(Ordering::Relaxed), 0);
        assert_eq!(events.get(3), bundled.get(3));
        assert_eq!(events.get(3), bundled.get(3));
        assert_eq!(source.decoded.load(Ordering::Relaxed), 1);
        assert_eq!(events.unreadable(), 0);
        assert_eq!(events.get(1), None, "a damaged record reads as missing");
        assert_eq!(events.get(1), None);
        assert_eq!(events.unreadable(), 1, "counted once");
        assert_eq!(events.get(bundled.len()), None);
        assert_eq!(events.decoded(), 2);
        // A pass over all of them keeps none of them.
        let mut seen = 0;
        events.for_each(|_| seen += 1);
        assert_eq!(seen, bundled.len() - 1);
        assert_eq!(events.decoded(), 2);
    }
}
