//! Events loaded in the background take the place of the first ones shown.

use super::{App, DetailState, EventSet};

impl App {
    /// Puts events loaded in the background in place of the ones shown, keeping the
    /// selected event (by id), the query and the marks.
    pub(super) fn replace_events(&mut self, loaded: EventSet) -> bool {
        let selected_id = self
            .current_event()
            .and_then(|i| self.events.get(i as usize))
            .map(|e| e.id.clone());
        self.events = loaded.events;
        self.index = loaded.index;
        self.full_timeline = loaded.timeline;
        self.loading = None;
        self.detail = DetailState::default();
        self.notice = match loaded.warnings.len() {
            0 => self.notice.take(),
            1 => loaded.warnings.first().cloned(),
            n => Some(format!("{n} load warnings (? shows them)")),
        };
        self.warnings.extend(loaded.warnings);
        self.anchor = selected_id.and_then(|id| self.index.find_id(&id));
        // Old positions mean nothing now: show every event until the query is matched
        // again, so nothing on screen ever points at the wrong event.
        self.hits = (0..self.events.len() as u32).collect();
        self.shown.clear();
        self.rebuild(None);
        self.restart_filter();
        true
    }
}
