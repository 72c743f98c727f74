//! Detail pane behaviour: focus, scrolling, related events, jumps and the history stack.

use super::{App, Focus, Mode};
use crate::present::detail::{Document, Input, Lines, RelatedEntry};
use crate::present::matched;

/// A related link of the event shown: its id and, when it is in the catalogue, its index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related<'a> {
    /// The id as written in the record.
    pub id: &'a str,
    /// The event it names, if loaded.
    pub event: Option<u32>,
}

impl App {
    /// The detail document of the event the pane shows, in the current language, with the
    /// query's matches.
    pub fn detail_document(&self) -> Option<Document> {
        let index = self.detail_event()?;
        let event = self.event(index)?;
        let matches = matched::explain(&self.filter.query, event);
        let highlight =
            |field: &str, item: usize, _text: &str| matched::chars_of(&matches, field, item);
        let related = event
            .related
            .iter()
            .map(|id| RelatedEntry {
                id,
                event: self.index.find_id(id).and_then(|i| self.event(i)),
            })
            .collect();
        let input = Input {
            event,
            lang: self.lang,
            today: self.today,
            marked: self.is_marked(index),
            related,
            selected_related: (self.focus == Focus::Related).then_some(self.detail.related),
            hidden: self.detail.pinned.is_some(),
            interactive: true,
            show_files: self.detail.files,
            record: None,
            highlight: &highlight,
        };
        Some(Document::new(&input))
    }

    /// The detail pane's lines at `width` columns (none when no event is shown).
    pub fn detail_lines(&self, width: u16) -> Lines {
        self.detail_document()
            .map(|doc| doc.lines(width))
            .unwrap_or_default()
    }

    /// Related links of the event shown in the detail pane.
    pub fn related(&self) -> Vec<Related<'_>> {
        let Some(event) = self.current_event().and_then(|i| self.event(i)) else {
            return Vec::new();
        };
        event
            .related
            .iter()
            .map(|id| Related {
                id,
                event: self.index.find_id(id),
            })
            .collect()
    }

    pub(super) fn open(&mut self) -> bool {
        match self.focus {
            Focus::List if self.current_event().is_some() => {
                self.focus = Focus::Detail;
                true
            }
            Focus::List | Focus::Detail => false,
            Focus::Related => {
                let target = self
                    .related()
                    .get(self.detail.related)
                    .map(|r| (r.event, r.id.to_string()));
                match target {
                    Some((Some(event), _)) => self.jump_to(event),
                    Some((None, id)) => {
                        self.notice = Some(format!("{id} is not in the catalogue"));
                        true
                    }
                    None => false,
                }
            }
        }
    }

    pub(super) fn back(&mut self) -> bool {
        match self.focus {
            Focus::Detail | Focus::Related => {
                self.focus = Focus::List;
                true
            }
            Focus::List if !self.filter.text.is_empty() => self.back_in_list(),
            Focus::List => false,
        }
    }

    pub(super) fn cycle_focus(&mut self, forward: bool) -> bool {
        if self.current_event().is_none() {
            return false;
        }
        let has_related = !self.related().is_empty();
        self.focus = match (self.focus, forward, has_related) {
            (Focus::List, true, _) => Focus::Detail,
            (Focus::Detail, true, true) => Focus::Related,
            (Focus::Detail, true, false) | (Focus::Related, true, _) => Focus::List,
            (Focus::List, false, true) => Focus::Related,
            (Focus::List, false, false) | (Focus::Related, false, _) => Focus::Detail,
            (Focus::Detail, false, _) => Focus::List,
        };
        if self.focus == Focus::Related {
            self.reveal_related();
        }
        true
    }

    /// Shows `event` in the detail pane, remembering the current one for going back.
    pub(super) fn jump_to(&mut self, event: u32) -> bool {
        if let Some(current) = self.current_event() {
            self.detail.history.push(current);
        }
        self.show_event(event);
        true
    }

    pub(super) fn go_back(&mut self) -> bool {
        match self.detail.history.pop() {
            Some(event) => {
                self.show_event(event);
                true
            }
            None => {
                self.notice = Some("no earlier event to go back to".into());
                true
            }
        }
    }

    /// Selects `event` in the list, or pins it in the detail pane when the list hides it.
    fn show_event(&mut self, event: u32) {
        match self.shown.iter().position(|&i| i == event) {
            Some(position) => {
                self.selected = position;
                self.detail.pinned = None;
            }
            None => {
                self.detail.pinned = Some(event);
                self.notice = Some("this event is hidden by the filter".into());
            }
        }
        self.detail.scroll = 0;
        self.detail.related = 0;
        if self.focus == Focus::Related && self.related().is_empty() {
            self.focus = Focus::Detail;
        }
    }

    pub(super) fn move_related(&mut self, delta: isize) -> bool {
        let count = self.related().len();
        if count == 0 {
            return false;
        }
        self.detail.related = self
            .detail
            .related
            .saturating_add_signed(delta)
            .min(count - 1);
        self.reveal_related();
        true
    }

    /// Scrolls the detail pane so the selected related event is on screen.
    fn reveal_related(&mut self) {
        let (height, lines) = self.detail_geometry();
        let Some(&line) = lines.related_at.get(self.detail.related) else {
            return;
        };
        if line < self.detail.scroll {
            self.detail.scroll = line;
        } else if line >= self.detail.scroll + height {
            self.detail.scroll = line + 1 - height;
        }
    }

    pub(super) fn scroll_detail(&mut self, delta: isize) -> bool {
        let (height, lines) = self.detail_geometry();
        let max = lines.lines.len().saturating_sub(height);
        let scroll = self.detail.scroll.saturating_add_signed(delta).min(max);
        let changed = scroll != self.detail.scroll;
        self.detail.scroll = scroll;
        changed
    }

    /// Height of the detail text area and the detail's lines at its width.
    fn detail_geometry(&self) -> (usize, Lines) {
        let mut probe = self.focus;
        if self.mode != Mode::Normal || probe == Focus::List {
            probe = Focus::Detail;
        }
        let inner = self.layout(probe).detail_inner;
        let lines = self.detail_lines(inner.width);
        (usize::from(inner.height).max(1), lines)
    }
}
