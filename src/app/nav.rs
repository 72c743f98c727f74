//! Moving through the list: rows, pages, ends, years, and keeping the selection on screen.

use super::{App, Focus, Mode, Row};

impl App {
    pub(super) fn select(&mut self, position: usize) -> bool {
        let position = position.min(self.shown.len().saturating_sub(1));
        let changed = position != self.selected || self.detail.pinned.is_some();
        self.selected = position;
        if changed {
            self.detail.pinned = None;
            self.detail.scroll = 0;
            self.detail.related = 0;
        }
        changed
    }

    pub(super) fn move_by(&mut self, delta: isize) -> bool {
        match (self.mode, self.focus) {
            (Mode::Help, _) => {
                self.help.scroll = self.help.scroll.saturating_add_signed(delta);
                true
            }
            (Mode::Normal, Focus::Detail) => self.scroll_detail(delta),
            (Mode::Normal, Focus::Related) => self.move_related(delta),
            _ => self.select(self.selected.saturating_add_signed(delta)),
        }
    }

    pub(super) fn page(&mut self, direction: isize) -> bool {
        let step = (self.pane_height().max(2) as isize - 1) * direction;
        self.move_page(step, direction)
    }

    /// Half a screenful, rounded up so that even a two-row pane moves.
    pub(super) fn half_page(&mut self, direction: isize) -> bool {
        let step = (self.pane_height().max(2) as isize + 1) / 2 * direction;
        self.move_page(step, direction)
    }

    /// Rows of the pane the page keys act on.
    fn pane_height(&self) -> u16 {
        match self.focus {
            Focus::List => self.areas.timeline_inner.height,
            _ => self.areas.detail_inner.height,
        }
    }

    fn move_page(&mut self, step: isize, direction: isize) -> bool {
        if self.mode == Mode::Help {
            return self.move_by(step);
        }
        if self.mode == Mode::Normal && self.focus != Focus::List {
            return self.scroll_detail(step);
        }
        // A page of rows holds fewer events when headers are among them.
        let target_row = self
            .timeline
            .event_rows
            .get(self.selected)
            .map_or(0, |&r| r.saturating_add_signed(step));
        let position = self.timeline.position_near(target_row, direction > 0);
        self.move_by(position as isize - self.selected as isize)
    }

    pub(super) fn go_end(&mut self, bottom: bool) -> bool {
        if self.mode == Mode::Help {
            // The run loop's scroll limit brings the bottom back to the last row.
            self.help.scroll = if bottom { usize::MAX } else { 0 };
            return true;
        }
        if self.mode == Mode::Normal && self.focus != Focus::List {
            return self.scroll_detail(if bottom { isize::MAX } else { isize::MIN });
        }
        self.select(if bottom { usize::MAX } else { 0 })
    }

    pub(super) fn jump_year(&mut self, forward: bool) -> bool {
        let year_of = |pos: usize| {
            self.shown
                .get(pos)
                .and_then(|&i| self.event(i))
                .map(|e| e.start.year())
        };
        let Some(current) = year_of(self.selected) else {
            return false;
        };
        let target = if forward {
            (self.selected..self.shown.len()).find(|&p| year_of(p) != Some(current))
        } else {
            // Back to the start of the current year's run, then to the start of the run before.
            let run_start = |end: usize| {
                let year = year_of(end);
                let mut p = end;
                while p > 0 && year_of(p - 1) == year {
                    p -= 1;
                }
                p
            };
            let start = run_start(self.selected);
            (start > 0).then(|| run_start(start - 1))
        };
        match target {
            Some(position) => self.select(position),
            None => false,
        }
    }

    /// Scrolls the timeline so the selected row, and the headers right above it, are visible.
    pub(super) fn keep_selection_visible(&mut self) {
        let height = usize::from(self.areas.timeline_inner.height).max(1);
        let rows = self.timeline.rows.len();
        let Some(&row) = self.timeline.event_rows.get(self.selected) else {
            self.offset = 0;
            return;
        };
        let headers_above = self.timeline.rows[..row]
            .iter()
            .rev()
            .take_while(|r| !matches!(r, Row::Event { .. }))
            .count();
        let top = row - headers_above.min(height - 1);
        if top < self.offset {
            self.offset = top;
        } else if row >= self.offset + height {
            self.offset = row + 1 - height;
        }
        self.offset = self.offset.min(rows.saturating_sub(height));
    }
}
