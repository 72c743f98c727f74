//! `update`'s dispatch: each message goes to the part of the model it concerns.

use super::{App, Effect, Ending, Focus, HelpState, Message, Mode};

impl App {
    pub(super) fn apply(&mut self, message: Message) -> bool {
        self.follow_or_freeze_detail(&message);
        use Message as M;
        if message.is_command() && !matches!(message, M::Back) {
            self.workflow.esc_armed = false;
        }
        if self.workflow.pick
            && let Some(changed) = self.pick_key(&message)
        {
            return changed;
        }
        match message {
            M::SettleDetail => self.detail_frozen.take().is_some(),
            M::Resize(width, height) => {
                self.size = (width, height);
                true
            }
            M::Click { .. }
            | M::Wheel { .. }
            | M::MoveUp
            | M::MoveDown
            | M::PageUp
            | M::PageDown
            | M::HalfPageUp
            | M::HalfPageDown
            | M::GoTop
            | M::GoBottom
            | M::PrevYear
            | M::NextYear
            | M::Open
            | M::Back
            | M::GoBack
            | M::FocusNext
            | M::FocusPrev
            | M::ToggleOrder
            | M::ToggleMark
            | M::ToggleMarkedOnly
            | M::ToggleLang
            | M::ToggleFiles => self.apply_browse(message),
            M::FilterUp
            | M::FilterDown
            | M::RecallOlder
            | M::Paste(_)
            | M::Repaint
            | M::StartCopy
            | M::Copy(_)
            | M::CopyCommandLine
            | M::StartSaveView
            | M::EditName(_)
            | M::SaveView
            | M::CancelSaveView
            | M::News(_) => self.apply_workflow(message),
            M::StartFilter
            | M::TypeFilter(_)
            | M::EditFilter(_)
            | M::DeleteFilterChar
            | M::ClearFilterText
            | M::EscapeFilter
            | M::SubmitFilter
            | M::ShowMatches { .. } => self.apply_filter(message),
            M::ToggleHelp
            | M::TypeHelp(_)
            | M::DeleteHelpChar
            | M::EscapeHelp
            | M::HelpScrollLimit(_) => self.apply_help(message),
            M::Loading(_) | M::ReplaceEvents(_) | M::SyncMarks(_) | M::Notify(_) | M::Warn(_) => {
                self.apply_report(message)
            }
            M::Fail(_) | M::Quit | M::Terminate(_) | M::Suspend | M::Resume => {
                self.apply_lifecycle(message)
            }
        }
    }

    /// Moving, opening, focusing, marking and toggling in the list and the detail.
    fn apply_browse(&mut self, message: Message) -> bool {
        use Message as M;
        match message {
            M::Click { column, row } => self.on_click(column, row),
            M::Wheel { column, row, down } => self.on_wheel(column, row, down),
            M::MoveUp => self.move_by(-1),
            M::MoveDown => self.move_by(1),
            M::PageUp => self.page(-1),
            M::PageDown => self.page(1),
            M::HalfPageUp => self.half_page(-1),
            M::HalfPageDown => self.half_page(1),
            M::GoTop => self.go_end(false),
            M::GoBottom => self.go_end(true),
            M::PrevYear => self.jump_year(false),
            M::NextYear => self.jump_year(true),
            M::Open => self.open(),
            M::Back => self.back(),
            M::GoBack => self.go_back(),
            M::FocusNext => self.cycle_focus(true),
            M::FocusPrev => self.cycle_focus(false),
            M::ToggleOrder => self.toggle_order(),
            M::ToggleMark => self.toggle_mark(),
            M::ToggleMarkedOnly => self.toggle_marked_only(),
            M::ToggleLang => {
                self.lang = self.lang.toggled();
                true
            }
            M::ToggleFiles => {
                self.detail.files = !self.detail.files;
                true
            }
            _ => false,
        }
    }

    /// What the loader, the marks watcher and the loop report: progress, a new event set,
    /// marks changed elsewhere, notices and warnings.
    fn apply_report(&mut self, message: Message) -> bool {
        use Message as M;
        match message {
            M::Loading(label) => {
                self.loading = Some(label);
                true
            }
            M::ReplaceEvents(set) => self.replace_events(*set),
            M::SyncMarks(ids) => self.sync_marks(ids),
            M::Notify(text) => {
                self.notice = Some(text);
                true
            }
            M::Warn(text) => {
                if self.notice.is_none() {
                    self.notice = Some(text.clone());
                }
                self.warnings.push(text);
                true
            }
            _ => false,
        }
    }

    /// While the selection moves over a slow link, the detail keeps showing the event it
    /// showed (see `detail_delay`); anything else makes it follow the selection at once.
    fn follow_or_freeze_detail(&mut self, message: &Message) {
        use Message as M;
        let moves_selection = matches!(
            message,
            M::MoveUp
                | M::MoveDown
                | M::PageUp
                | M::PageDown
                | M::HalfPageUp
                | M::HalfPageDown
                | M::GoTop
                | M::GoBottom
                | M::PrevYear
                | M::NextYear
                | M::TypeFilter(_)
                | M::EditFilter(_)
                | M::Paste(_)
                | M::DeleteFilterChar
                | M::ClearFilterText
                | M::ShowMatches { .. }
        );
        if matches!(message, M::Resize(..)) {
            // A resize changes no selection.
        } else if moves_selection && self.detail_delay && self.focus == Focus::List {
            if self.detail_frozen.is_none() {
                self.detail_frozen = self.current_event();
            }
        } else if !matches!(message, M::SettleDetail) {
            self.detail_frozen = None;
        }
    }

    fn apply_filter(&mut self, message: Message) -> bool {
        use Message as M;
        match message {
            M::StartFilter => {
                self.mode = Mode::Filter;
                true
            }
            M::TypeFilter(c) => self.type_filter(c),
            M::EditFilter(edit) => self.edit_filter(edit),
            M::DeleteFilterChar => self.delete_filter_char(),
            M::ClearFilterText => self.clear_filter_text(),
            M::EscapeFilter => self.escape_filter(),
            M::SubmitFilter => {
                self.remember_query();
                self.mode = Mode::Normal;
                self.focus = Focus::List;
                true
            }
            M::ShowMatches {
                generation,
                hits,
                best,
                timeline,
            } => self.show_matches(generation, hits, best, timeline),
            _ => false,
        }
    }

    fn apply_help(&mut self, message: Message) -> bool {
        use Message as M;
        match message {
            M::ToggleHelp => {
                self.mode = if self.mode == Mode::Help {
                    Mode::Normal
                } else {
                    self.help = HelpState::default();
                    Mode::Help
                };
                true
            }
            // q closes the help as Esc does, unless it is being typed into the filter.
            M::TypeHelp('q') if self.help.query.is_empty() => {
                self.mode = Mode::Normal;
                true
            }
            M::TypeHelp(c) => {
                self.help.query.push(c);
                self.help.scroll = 0;
                true
            }
            M::DeleteHelpChar => {
                self.help.scroll = 0;
                self.help.query.pop().is_some()
            }
            M::HelpScrollLimit(limit) => {
                let clamped = self.help.scroll.min(limit);
                let changed = clamped != self.help.scroll;
                self.help.scroll = clamped;
                changed
            }
            M::EscapeHelp => {
                if self.help.query.is_empty() {
                    self.mode = Mode::Normal;
                } else {
                    self.help = HelpState::default();
                }
                true
            }
            _ => false,
        }
    }

    fn apply_lifecycle(&mut self, message: Message) -> bool {
        use Message as M;
        match message {
            M::Fail(reason) => self.ending = Some(Ending::Failure(reason)),
            M::Quit => self.ending = Some(Ending::Quit),
            M::Terminate(signal) => {
                self.ending = Some(Ending::Signal(signal));
                // Marks are saved as they change; saving again retries a save that failed.
                if !self.marks.added.is_empty() || !self.marks.removed.is_empty() {
                    self.effects.push(Effect::SaveMarks);
                }
            }
            M::Suspend => self.effects.push(Effect::Suspend),
            M::Resume => self.effects.push(Effect::Redraw),
            _ => return false,
        }
        true
    }

    fn toggle_marked_only(&mut self) -> bool {
        self.marks.only = !self.marks.only;
        let keep = self.current_event();
        self.rebuild(keep);
        true
    }

    fn sync_marks(&mut self, ids: std::collections::BTreeSet<String>) -> bool {
        let changed = ids != self.marks.ids;
        self.marks.ids = ids;
        if changed && self.marks.only {
            let keep = self.current_event();
            self.rebuild(keep);
        }
        changed
    }
}
