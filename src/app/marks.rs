//! Marking events: toggling a mark and recording the change for a merging save.

use super::{App, Effect};

impl App {
    pub(super) fn toggle_mark(&mut self) -> bool {
        let Some(id) = self
            .current_event()
            .and_then(|i| self.event(i))
            .map(|e| e.id.clone())
        else {
            return false;
        };
        if self.marks.ids.remove(&id) {
            self.marks.added.remove(&id);
            self.marks.removed.insert(id);
        } else {
            self.marks.removed.remove(&id);
            self.marks.ids.insert(id.clone());
            self.marks.added.insert(id);
        }
        if self.marks.only {
            let keep = self.current_event();
            self.rebuild(keep);
        }
        self.effects.push(Effect::SaveMarks);
        true
    }
}
