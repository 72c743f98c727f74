//! What the last explorer run saw, to tell which events are new or changed since then: a
//! hash of each event's id and of its content, in `seen.bin`.
//!
//! The file is `CDSEEN1\n`, a little-endian u64 count, the sorted (id hash, content hash)
//! pairs, then the xxh3 hash of everything before it; anything else is refused whole.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_64;

use super::file;
use crate::model::Event;
use crate::model::events::EachEvent;

/// Name of the snapshot file in the state folder.
pub const FILE: &str = "seen.bin";
const MAGIC: &[u8; 8] = b"CDSEEN1\n";
/// Largest snapshot read: four million events.
const MAX_BYTES: u64 = 64 << 20;

/// The (id hash, content hash) of every event seen, sorted by id hash.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    pairs: Vec<(u64, u64)>,
}

/// Events new or changed since a snapshot.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct News {
    /// Ids of the events new or changed.
    pub ids: BTreeSet<String>,
    /// How many are new (their id was not seen).
    pub added: usize,
    /// How many changed (same id, other content).
    pub changed: usize,
}

impl News {
    /// The status-line sentence, e.g. `2 new and 1 changed events since the last run`.
    pub fn sentence(&self) -> Option<String> {
        let plural = |n: usize| if n == 1 { "event" } else { "events" };
        match (self.added, self.changed) {
            (0, 0) => None,
            (a, 0) => Some(format!("{a} new {} since the last run (new:)", plural(a))),
            (0, c) => Some(format!(
                "{c} changed {} since the last run (new:)",
                plural(c)
            )),
            (a, c) => Some(format!(
                "{a} new and {c} changed {} since the last run (new:)",
                plural(a + c)
            )),
        }
    }
}

/// The hash of an event's id.
fn id_hash(event: &Event) -> u64 {
    xxh3_64(event.id.as_bytes())
}

/// The hash of everything an event says: its JSON form, which has every field.
fn content_hash(event: &Event) -> u64 {
    xxh3_64(&serde_json::to_vec(event).unwrap_or_default())
}

impl Snapshot {
    /// The snapshot of `events`.
    pub fn of(events: &(impl EachEvent + ?Sized)) -> Snapshot {
        compare(None, events).0
    }

    /// Which of `events` are new or changed since this snapshot.
    pub fn news(&self, events: &(impl EachEvent + ?Sized)) -> News {
        compare(Some(self), events).1
    }

    /// Whether the event with these hashes is new (`Some(true)`), changed (`Some(false)`)
    /// or the same as in this snapshot (`None`).
    fn differs(&self, id: u64, content: u64) -> Option<bool> {
        let at = self.pairs.partition_point(|&(i, _)| i < id);
        match self.pairs.get(at) {
            Some(&(i, was)) if i == id => (was != content).then_some(false),
            _ => Some(true),
        }
    }
}

/// The snapshot of `events` and what is new in them since `previous`, in one pass (events
/// held on demand are decoded once, and not kept).
fn compare(previous: Option<&Snapshot>, events: &(impl EachEvent + ?Sized)) -> (Snapshot, News) {
    let mut pairs = Vec::with_capacity(events.count());
    let mut news = News::default();
    events.each(&mut |event| {
        let (id, content) = (id_hash(event), content_hash(event));
        pairs.push((id, content));
        match previous.and_then(|p| p.differs(id, content)) {
            Some(true) => news.added += 1,
            Some(false) => news.changed += 1,
            None => return,
        }
        news.ids.insert(event.id.clone());
    });
    pairs.sort_unstable();
    (Snapshot { pairs }, news)
}

impl Snapshot {
    /// The file's bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(24 + self.pairs.len() * 16);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.pairs.len() as u64).to_le_bytes());
        for (id, content) in &self.pairs {
            out.extend_from_slice(&id.to_le_bytes());
            out.extend_from_slice(&content.to_le_bytes());
        }
        let check = xxh3_64(&out);
        out.extend_from_slice(&check.to_le_bytes());
        out
    }

    /// Reads the file's bytes; `None` unless they are exactly what [`encode`] writes.
    ///
    /// [`encode`]: Snapshot::encode
    pub fn decode(bytes: &[u8]) -> Option<Snapshot> {
        let word = |at: usize| -> Option<u64> {
            let b: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
            Some(u64::from_le_bytes(b))
        };
        if bytes.get(..8)? != MAGIC {
            return None;
        }
        let count = usize::try_from(word(8)?).ok()?;
        // The count is checked against the length before anything is sized from it.
        let body = count.checked_mul(16)?.checked_add(16)?;
        if bytes.len() != body.checked_add(8)? || word(body)? != xxh3_64(&bytes[..body]) {
            return None;
        }
        let pairs: Vec<(u64, u64)> = (0..count)
            .map(|i| Some((word(16 + i * 16)?, word(24 + i * 16)?)))
            .collect::<Option<_>>()?;
        pairs.is_sorted().then_some(Snapshot { pairs })
    }
}

/// The snapshot file in `state_dir`.
pub fn path(state_dir: &Path) -> PathBuf {
    state_dir.join(FILE)
}

/// The last run's snapshot: `None` on the first run, an error naming the file when it is
/// unreadable or damaged (the caller then treats the run as a first one).
pub fn load(path: &Path) -> Result<Option<Snapshot>, String> {
    match file::read(path, MAX_BYTES).map_err(|e| e.to_string())? {
        None => Ok(None),
        Some(bytes) => Snapshot::decode(&bytes)
            .map(Some)
            .ok_or_else(|| format!("{}: damaged; what's new starts afresh", path.display())),
    }
}

/// Saves `snapshot` atomically.
pub fn save(path: &Path, snapshot: &Snapshot) -> Result<(), String> {
    file::write(path, &snapshot.encode()).map_err(|e| e.to_string())
}

/// What the explorer does at start: compares `events` with the last run's snapshot and
/// saves theirs for next time. The first run finds nothing new. Problems come back as
/// warnings; the news are still right for this run.
pub fn refresh(path: &Path, events: &(impl EachEvent + ?Sized)) -> (News, Vec<String>) {
    let mut warnings = Vec::new();
    let previous = match load(path) {
        Ok(previous) => previous,
        Err(warning) => {
            warnings.push(warning);
            None
        }
    };
    let (current, news) = compare(previous.as_ref(), events);
    if previous_differs(path, &current)
        && let Err(e) = save(path, &current)
    {
        warnings.push(format!("what's new not saved: {e}"));
    }
    (news, warnings)
}

/// Whether the file at `path` does not already hold `snapshot` (so an unchanged catalogue
/// costs no write).
fn previous_differs(path: &Path, snapshot: &Snapshot) -> bool {
    load(path).ok().flatten().as_ref() != Some(snapshot)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events() -> Vec<Event> {
        crate::model::load::bundled().events
    }

    #[test]
    fn new_and_changed_events_are_told_apart() {
        let before = events();
        let snapshot = Snapshot::of(&before[1..]);
        let mut now = before.clone();
        now[2].title.en.push_str(" (updated)");
        let news = snapshot.news(&now[..]);
        assert_eq!((news.added, news.changed), (1, 1));
        assert_eq!(
            news.ids,
            BTreeSet::from([before[0].id.clone(), before[2].id.clone()])
        );
        assert_eq!(
            news.sentence().as_deref(),
            Some("1 new and 1 changed events since the last run (new:)")
        );
        assert_eq!(Snapshot::of(&now[..]).news(&now[..]), News::default());
    }

    #[test]
    fn the_file_round_trips_and_any_damage_is_refused() {
        let snapshot = Snapshot::of(&events()[..]);
        let bytes = snapshot.encode();
        assert_eq!(Snapshot::decode(&bytes), Some(snapshot));
        for cut in [0, 7, 8, 16, bytes.len() - 1] {
            assert_eq!(Snapshot::decode(&bytes[..cut]), None, "cut at {cut}");
        }
        for at in (0..bytes.len()).step_by(7) {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x10;
            assert_eq!(Snapshot::decode(&flipped), None, "flip at {at}");
        }
        let mut huge = bytes.clone();
        huge[8..16].copy_from_slice(&u64::MAX.to_le_bytes());
        assert_eq!(Snapshot::decode(&huge), None);
    }

    #[test]
    fn refresh_reports_once_then_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = path(dir.path());
        let all = events();
        let (news, warnings) = refresh(&path, &all[1..]);
        assert_eq!((news, warnings.len()), (News::default(), 0), "first run");
        let (news, _) = refresh(&path, &all[..]);
        assert_eq!(news.ids, BTreeSet::from([all[0].id.clone()]));
        let (news, _) = refresh(&path, &all[..]);
        assert_eq!(news, News::default());
    }

    #[test]
    fn saved_and_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let path = path(dir.path());
        assert_eq!(load(&path), Ok(None));
        let snapshot = Snapshot::of(&events()[..]);
        save(&path, &snapshot).unwrap();
        assert_eq!(load(&path), Ok(Some(snapshot)));
        std::fs::write(&path, b"junk").unwrap();
        assert!(
            load(&path)
                .unwrap_err()
                .ends_with("damaged; what's new starts afresh")
        );
    }
}
