//! Running a query over the index: tests compiled once per run, then applied per event.

use super::{Index, ShortWords};
use crate::model::{Kind, Tag};
use crate::search::fuzzy::{ACRONYMS, Needle, SEP, TOKEN_TERM};
use crate::search::query::{Matcher, Query, Term};
use crate::search::words::is_word_char;

/// Whether bit `i` is set in a bitset over events.
fn bit(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|b| b & (1 << (i % 64)) != 0)
}

/// Bits of the vocabulary names that start with `s`.
fn names_starting<T: Copy>(all: &[T], name: fn(T) -> &'static str, s: &str) -> u64 {
    all.iter()
        .enumerate()
        .filter(|(_, v)| name(**v).starts_with(s))
        .fold(0, |mask, (i, _)| mask | (1 << i))
}

/// A plain term, compiled: what can be answered from numbers and word indexes is.
pub(super) struct Plain {
    needle: Needle,
    /// Kinds and tags whose names start with the term.
    kinds: u64,
    tags: u64,
    /// When worth computing, the events whose long text has the word (a term of up to
    /// [`TOKEN_TERM`] chars) or a word starting with it.
    long: Option<Vec<u64>>,
    /// When worth computing, the events whose short fields match (a word, or an acronym).
    short: Option<Vec<u64>>,
}

impl Plain {
    fn new(s: &str, index: &Index, candidates: usize) -> Plain {
        let needle = Needle::new(s);
        let words_only = s.chars().all(is_word_char);
        // Setting a bit per posting is far cheaper than scanning an event's text.
        let budget = candidates.saturating_mul(64);
        let whole = needle.len() <= TOKEN_TERM;
        // Long text read through a window costs a pass over all of it: the word index is
        // then always the cheaper answer.
        let cheap = |postings: usize| postings <= budget || index.long_streams();
        let long = (words_only && cheap(index.words().postings_with(s, whole)))
            .then(|| index.words().events(s, whole, index.len()));
        let short = index
            .built_short_words()
            .filter(|w| words_only && w.cost(&needle, s) <= budget)
            .map(|w| w.events(&needle, s, index.len()));
        Plain {
            kinds: names_starting(Kind::ALL, Kind::name, s),
            tags: names_starting(Tag::ALL, Tag::name, s),
            needle,
            long,
            short,
        }
    }
}

impl ShortWords {
    /// The words where an alignment of `n` could start: those starting with its first char
    /// (fuzzy) or with the whole term.
    fn key<'s>(n: &Needle, s: &'s str) -> &'s str {
        match n.is_fuzzy() {
            true => s.char_indices().nth(1).map_or(s, |(at, _)| &s[..at]),
            false => s,
        }
    }

    /// How many postings [`ShortWords::events`] reads.
    fn cost(&self, n: &Needle, s: &str) -> usize {
        self.words.postings_with(Self::key(n, s), false) + self.acronyms.postings_with("", false)
    }

    /// Events with a short-field word that the term matches by [`Needle::in_short`] (for a
    /// term of letters and digits, an alignment never leaves its word), or an acronym that
    /// contains it.
    fn events(&self, n: &Needle, s: &str, count: usize) -> Vec<u64> {
        let mut bits = self
            .words
            .events_where(Self::key(n, s), |w| n.in_short(w), count);
        if n.len() >= 2 {
            let acronyms = self.acronyms.events_where("", |w| n.is_in(w), count);
            bits.iter_mut().zip(acronyms).for_each(|(b, a)| *b |= a);
        }
        bits
    }
}

/// A term with its needles built once per filter run.
pub(super) enum Test {
    /// A plain term.
    Fuzzy(Box<Plain>),
    /// Substring of the short or long haystack.
    Exact(Needle),
    /// Substring of the short haystack (field-value prefix, suffix, whole value).
    Short(Needle),
    Kind(u64),
    Tag(u64),
    Status(u8),
    Place(Needle),
    Actor(Needle),
    Id(Needle),
    Span(i32, i32),
}

impl Test {
    /// Prepares a test; `candidates` is how many events the filter will look at.
    fn new(matcher: &Matcher, index: &Index, candidates: usize) -> Test {
        let sep = |s: &str, before: bool, after: bool| {
            let mut t = String::new();
            if before {
                t.push(SEP);
            }
            t.push_str(s);
            if after {
                t.push(SEP);
            }
            Needle::new(&t)
        };
        match matcher {
            Matcher::Fuzzy(s) => Test::Fuzzy(Box::new(Plain::new(s, index, candidates))),
            Matcher::Exact(s) => Test::Exact(Needle::new(s)),
            Matcher::Prefix(s) => Test::Short(sep(s, true, false)),
            Matcher::Suffix(s) => Test::Short(sep(s, false, true)),
            Matcher::Whole(s) => Test::Short(sep(s, true, true)),
            Matcher::Kind(m) => Test::Kind(*m),
            Matcher::Tag(m) => Test::Tag(*m),
            Matcher::Status(m) => Test::Status(*m),
            Matcher::Place(s) => Test::Place(Needle::new(s)),
            Matcher::Actor(s) => Test::Actor(Needle::new(s)),
            Matcher::Id(s) => Test::Id(Needle::new(s)),
            Matcher::Span(a, b) => Test::Span(*a, *b),
        }
    }

    /// Rough cost, so that cheap groups are tried first and rule records out early.
    fn cost(&self) -> u32 {
        match self {
            Test::Kind(_) | Test::Tag(_) | Test::Status(_) | Test::Span(..) => 0,
            Test::Id(_) | Test::Place(_) | Test::Actor(_) | Test::Short(_) => 1,
            Test::Exact(_) => 2,
            Test::Fuzzy(..) => 3,
        }
    }
}

/// A query ready to run: groups of `(negated, test)`, cheapest group first.
pub(super) struct Compiled {
    pub groups: Vec<Vec<(bool, Test)>>,
}

impl Compiled {
    pub fn new(query: &Query, index: &Index, candidates: usize) -> Compiled {
        let test = |t: &Term| (t.negated, Test::new(&t.matcher, index, candidates));
        let mut groups: Vec<Vec<(bool, Test)>> = query
            .groups
            .iter()
            .map(|g| g.iter().map(test).collect())
            .collect();
        groups.sort_by_key(|g| g.iter().map(|(_, t)| t.cost()).sum::<u32>());
        Compiled { groups }
    }

    /// Whether a test may read the long text (one the word indexes do not answer).
    pub fn reads_long(&self) -> bool {
        self.groups.iter().flatten().any(|(_, test)| match test {
            Test::Exact(_) => true,
            Test::Fuzzy(p) => p.long.is_none(),
            _ => false,
        })
    }
}

/// One event during a filter run. Haystacks are sliced only when a test reads them, so that
/// queries on numbers alone never touch (and never wait for) the text buffers.
pub(super) struct Ctx<'a> {
    pub index: &'a Index,
    pub i: usize,
    /// The event's long text when the filter reads it through a window.
    pub long: Option<&'a str>,
}

impl<'a> Ctx<'a> {
    fn short(&self) -> &'a str {
        self.index.short_of(self.i)
    }

    /// The short haystack without the acronyms: the field values as the record has them.
    fn fields(&self) -> &'a str {
        fields_of(self.short())
    }

    /// Whether a plain term matches: a kind or tag name that starts with it, the long text,
    /// a short field by [`Needle::in_short`], or an acronym that contains it.
    fn plain(&self, p: &Plain) -> bool {
        let e = &self.index.entries[self.i];
        if p.kinds & (1 << e.kind) != 0 || p.tags & e.tags != 0 {
            return true;
        }
        let long = match &p.long {
            Some(bits) => bit(bits, self.i),
            None => p.needle.in_long(self.long()),
        };
        long || match &p.short {
            Some(bits) => bit(bits, self.i),
            None => self.short_scan(&p.needle),
        }
    }

    /// [`Ctx::plain`] on the short haystack, by scanning it.
    fn short_scan(&self, n: &Needle) -> bool {
        let (titles, people, acronyms) = self.index.word_fields(self.i);
        n.in_short(titles) || n.in_short(people) || (n.len() >= 2 && n.is_in(acronyms))
    }

    fn long(&self) -> &'a str {
        match self.long {
            Some(text) => text,
            None => self.index.long_of(self.i),
        }
    }

    /// Whether the test holds (a negated term is its exact complement, applied by the caller).
    pub fn matches(&self, test: &Test) -> bool {
        let e = &self.index.entries[self.i];
        let part = |from: usize, to: usize| {
            let (from, to) = (from.checked_sub(e.short)?, to.checked_sub(e.short)?);
            self.short().get(from..=to)
        };
        match test {
            Test::Fuzzy(p) => self.plain(p),
            Test::Exact(n) => n.is_in(self.fields()) || n.is_in(self.long()),
            Test::Short(n) => n.is_in(self.fields()),
            Test::Kind(m) => m & (1 << e.kind) != 0,
            Test::Tag(m) => m & e.tags != 0,
            Test::Status(m) => m & (1 << e.status) != 0,
            Test::Span(a, b) => e.first <= *b && e.last >= *a,
            Test::Id(n) => {
                let after_sep = self.short().get(1..).unwrap_or("");
                let id_end = after_sep.find(SEP).map_or(0, |p| p + 1 + e.short);
                part(e.short, id_end).is_some_and(|h| n.is_in(h))
            }
            Test::Place(n) => part(e.places, e.actors).is_some_and(|h| n.is_in(h)),
            Test::Actor(n) => n.is_in(self.fields().get(e.actors - e.short..).unwrap_or("")),
        }
    }
}

/// A short haystack without its acronyms.
pub(super) fn fields_of(short: &str) -> &str {
    match memchr::memrchr(ACRONYMS as u8, short.as_bytes()) {
        Some(at) => &short[..at],
        None => short,
    }
}
