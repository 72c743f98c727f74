//! Ranking of filter results, best match first, with fuzzy-matcher's scores.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::fuzzy::{SEP, is_subsequence};
use super::index::Index;
use super::query::{Matcher, Query};
/// From this many hits, scores are computed on two threads: a score costs microseconds
/// (fuzzy-matcher allocates), so the best of 20,000 results takes tens of milliseconds on
/// one, and typing waits for it.
const RANK_PARALLEL_FROM: usize = 2_048;

impl Index {
    /// Reorders `hits` best match first (stable: ties keep date order).
    ///
    /// The score sums, over positive text terms, fuzzy-matcher's score against the titles
    /// (doubled) or the id, whichever is best; a term found only elsewhere adds 1.
    pub fn rank(&self, query: &Query, hits: &mut [u32]) {
        let terms: Vec<&str> = query
            .groups
            .iter()
            .flatten()
            .filter(|t| !t.negated)
            .filter_map(|t| match &t.matcher {
                Matcher::Fuzzy(s)
                | Matcher::Exact(s)
                | Matcher::Prefix(s)
                | Matcher::Suffix(s)
                | Matcher::Whole(s) => Some(s.as_str()),
                _ => None,
            })
            .collect();
        if terms.is_empty() {
            return;
        }
        let score_all = |ids: &[u32]| -> Vec<i64> {
            let matcher = SkimMatcherV2::default().respect_case();
            ids.iter()
                .map(|&i| self.score(&matcher, &terms, i))
                .collect()
        };
        let scores = if hits.len() > RANK_PARALLEL_FROM {
            let half = hits.len() / 2;
            let (a, b) = hits.split_at(half);
            std::thread::scope(|scope| {
                let first = scope.spawn(|| score_all(a));
                let mut second = score_all(b);
                let mut all = first.join().unwrap_or_else(|_| vec![0; a.len()]);
                all.append(&mut second);
                all
            })
        } else {
            score_all(hits)
        };
        let mut scored: Vec<(i64, u32)> = scores.into_iter().zip(hits.iter().copied()).collect();
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        for (slot, (_, i)) in hits.iter_mut().zip(scored) {
            *slot = i;
        }
    }

    fn score(&self, matcher: &SkimMatcherV2, terms: &[&str], i: u32) -> i64 {
        if i as usize >= self.len() {
            return 0;
        }
        let mut fields = self.short_of(i as usize).split(SEP).skip(1);
        let id = fields.next().unwrap_or("");
        let titles = [fields.next().unwrap_or(""), fields.next().unwrap_or("")];
        // fuzzy-matcher allocates on every call: skip fields that cannot match at all.
        let fuzzy = |field: &str, term: &str| {
            is_subsequence(term.as_bytes(), field.as_bytes())
                .then(|| matcher.fuzzy_match(field, term))
                .flatten()
        };
        terms
            .iter()
            .map(|t| {
                let title = titles.iter().filter_map(|f| fuzzy(f, t)).max();
                title.map(|s| 2 * s).max(fuzzy(id, t)).unwrap_or(1)
            })
            .sum()
    }
}
