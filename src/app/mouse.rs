//! Mouse input: the wheel scrolls the pane under it, a click selects or jumps.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::{App, Focus, Mode, Row};
use crate::ui;

/// Rows moved per wheel notch.
const WHEEL_STEP: isize = 3;

impl App {
    pub(super) fn on_mouse(&mut self, event: MouseEvent) -> bool {
        let at = Position::new(event.column, event.row);
        let areas = ui::layout::areas(self.size.0, self.size.1, self);
        let over = |rect: Rect| rect.contains(at);
        match event.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let step = if event.kind == MouseEventKind::ScrollDown {
                    WHEEL_STEP
                } else {
                    -WHEEL_STEP
                };
                if self.mode == Mode::Help {
                    self.help.scroll = self.help.scroll.saturating_add_signed(step);
                    true
                } else if over(areas.detail) {
                    self.scroll_detail(step)
                } else if over(areas.timeline) {
                    self.select(self.selected.saturating_add_signed(step))
                } else {
                    false
                }
            }
            MouseEventKind::Down(MouseButton::Left) if self.mode != Mode::Help => {
                self.notice = None;
                if over(areas.filter) {
                    self.mode = super::Mode::Filter;
                    true
                } else if over(areas.timeline_inner) {
                    self.mode = Mode::Normal;
                    self.click_row(usize::from(at.y - areas.timeline_inner.y))
                } else if over(areas.detail_inner) {
                    self.mode = Mode::Normal;
                    self.click_detail(usize::from(at.y - areas.detail_inner.y))
                } else {
                    false
                }
            }
            _ => false,
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
        let areas = ui::layout::areas(self.size.0, self.size.1, self);
        let lines = ui::detail::lines(self, areas.detail_inner.width);
        match lines.related_at.iter().position(|&l| l == line) {
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
