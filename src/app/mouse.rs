//! Mouse input: the wheel scrolls the pane under it, a click selects or jumps.

use super::{App, Focus, Mode, Row};
use crate::present::detail::Role;

/// Rows moved per wheel notch.
const WHEEL_STEP: isize = 3;

impl App {
    pub(super) fn on_wheel(&mut self, column: u16, row: u16, down: bool) -> bool {
        let step = if down { WHEEL_STEP } else { -WHEEL_STEP };
        let areas = self.areas;
        if self.mode == Mode::Help {
            self.help.scroll = self.help.scroll.saturating_add_signed(step);
            true
        } else if areas.detail.contains(column, row) {
            self.scroll_detail(step)
        } else if areas.timeline.contains(column, row) {
            self.select(self.selected.saturating_add_signed(step))
        } else {
            false
        }
    }

    pub(super) fn on_click(&mut self, column: u16, row: u16) -> bool {
        if self.mode == Mode::Help {
            return false;
        }
        let areas = self.areas;
        if areas.filter.contains(column, row) {
            self.mode = Mode::Filter;
            true
        } else if areas.timeline_inner.contains(column, row) {
            self.mode = Mode::Normal;
            self.click_row(usize::from(row - areas.timeline_inner.y))
        } else if areas.detail_inner.contains(column, row) {
            self.mode = Mode::Normal;
            self.click_detail(usize::from(row - areas.detail_inner.y))
        } else {
            false
        }
    }

    fn click_row(&mut self, line: usize) -> bool {
        self.focus = Focus::List;
        match self.timeline.rows.get(self.offset + line) {
            // A click on the selected row opens it, as Enter does.
            Some(&Row::Event { position, .. }) if position == self.selected => {
                self.open();
                true
            }
            Some(&Row::Event { position, .. }) => {
                self.select(position);
                true
            }
            _ => true,
        }
    }

    fn click_detail(&mut self, line: usize) -> bool {
        let line = self.detail.scroll + line;
        let lines = self.detail_lines(self.areas.detail_inner.width);
        // Any line of a related entry (a long title wraps) jumps to it.
        let related = lines.lines.get(line).and_then(|l| match l.role {
            Role::Related { k, .. } => Some(k),
            _ => None,
        });
        match related {
            Some(k) => {
                self.focus = Focus::Related;
                self.detail.related = k;
                self.open()
            }
            None => {
                self.focus = Focus::Detail;
                true
            }
        }
    }
}
