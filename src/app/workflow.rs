//! The terminal workflow: the start query and pick mode, the query history, pastes, copying,
//! Esc twice to clear the filter, and what is new since the last run.

use std::collections::{BTreeMap, BTreeSet};

use super::{App, Effect, Ending, Focus, Message, Mode};
use crate::copy;
use crate::pick::Outcome;
use crate::recall::Recall;

/// How the explorer starts, beyond [`super::Options`]: what the command line and the
/// state folder give.
#[derive(Debug, Clone, Default)]
pub struct Start {
    /// The query in the filter at start (`-q`).
    pub query: String,
    /// Pick mode: Enter chooses, Esc cancels, and the explorer ends.
    pub pick: bool,
    /// Saved queries, oldest first.
    pub history: Vec<String>,
    /// Saved views, for `@name` in the filter.
    pub views: BTreeMap<String, String>,
}

/// What `y` then a key copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyWhat {
    /// The event's id.
    Id,
    /// Its citation line: title, date, source.
    Citation,
    /// Its first quote.
    Quote,
}

/// The workflow's part of the explorer's state.
#[derive(Debug, Clone, Default)]
pub struct Workflow {
    /// The query history and where a walk through it is.
    pub recall: Recall,
    /// Saved views, by name.
    pub views: BTreeMap<String, String>,
    /// Ids of events new or changed since the last run.
    pub news: BTreeSet<String>,
    /// Whether this is a pick.
    pub pick: bool,
    /// How the pick ended, once it has.
    pub picked: Option<Outcome>,
    /// Whether Esc was pressed once in the list with a filter set: again clears it.
    pub esc_armed: bool,
    /// The name being typed after `S`.
    pub name: crate::editor::LineEditor,
}

impl App {
    /// Applies what the command line and the state folder give: history, views, the start
    /// query (the list opens filtered) and pick mode (typing at once, as in fzf).
    pub fn start(&mut self, start: Start) {
        self.workflow.recall = Recall::new(start.history);
        self.workflow.views = start.views;
        self.workflow.pick = start.pick;
        self.select_today();
        if !start.query.trim().is_empty() {
            self.set_filter_text(start.query);
        }
        if start.pick {
            self.mode = Mode::Filter;
        }
    }

    /// Selects the first event on or after today, or the last one.
    fn select_today(&mut self) {
        let today = self.today;
        let at = self
            .shown
            .iter()
            .position(|&i| self.index.last_day(i as usize).is_some_and(|d| d >= today));
        self.selected = at.unwrap_or(self.shown.len().saturating_sub(1));
        self.anchor = self.shown.get(self.selected).copied();
    }

    /// In pick mode, the keys that choose or cancel; `None` lets the message through.
    pub(super) fn pick_key(&mut self, message: &Message) -> Option<bool> {
        use Message as M;
        let choose = match message {
            M::SubmitFilter | M::Open if self.focus == Focus::List => true,
            M::EscapeFilter | M::Quit => false,
            M::Back if self.focus == Focus::List => false,
            _ => return None,
        };
        let outcome = if choose {
            let marked: Vec<String> = self.marks.added.iter().cloned().collect();
            let selected = self.current_event().and_then(|i| self.event(i));
            Outcome::chosen(&marked, selected.map(|e| e.id.as_str()))
        } else {
            Outcome::Cancelled
        };
        self.workflow.picked = Some(outcome);
        self.ending = Some(Ending::Quit);
        Some(true)
    }

    /// Applies the workflow's messages.
    pub(super) fn apply_workflow(&mut self, message: Message) -> bool {
        use Message as M;
        match message {
            M::FilterUp if self.filter.text.is_empty() || self.workflow.recall.walking() => {
                self.recall_older()
            }
            M::FilterUp => self.move_by(-1),
            M::FilterDown if self.workflow.recall.walking() => match self.workflow.recall.newer() {
                Some(query) => self.show_recalled(query),
                None => false,
            },
            M::FilterDown => self.move_by(1),
            M::RecallOlder => self.recall_older(),
            M::Paste(text) => self.paste(&text),
            M::Repaint => {
                self.effects.push(Effect::Redraw);
                true
            }
            M::StartCopy => {
                if self.current_event().is_none() {
                    return false;
                }
                self.mode = Mode::Copy;
                self.notice = Some("copy: i id · c citation · q quote · Esc nothing".into());
                true
            }
            M::Copy(what) => {
                self.mode = Mode::Normal;
                what.is_some_and(|w| self.copy(w)) || what.is_none()
            }
            M::CopyCommandLine => {
                let text = copy::command_line(&self.filter.text, self.marks.only, self.lang);
                let note = format!("copied: {text}");
                self.effects.push(Effect::Copy { text, note });
                true
            }
            M::StartSaveView => {
                if self.filter.text.trim().is_empty() {
                    self.notice = Some("nothing to save: type a query first (/)".into());
                    return true;
                }
                self.workflow.name.set("");
                self.mode = Mode::Name;
                true
            }
            M::EditName(edit) => {
                self.workflow.name.apply(edit);
                true
            }
            M::CancelSaveView => {
                self.mode = Mode::Normal;
                true
            }
            M::SaveView => self.save_view(),
            M::News(news) => {
                let uses_new = self.filter.scope.new.is_some();
                self.workflow.news = news.ids.clone();
                if self.notice.is_none() {
                    self.notice = news.sentence();
                }
                if uses_new {
                    self.restart_filter();
                }
                true
            }
            _ => false,
        }
    }

    /// Saves the query under the name typed, when it is a valid name.
    fn save_view(&mut self) -> bool {
        let name = self.workflow.name.text().trim().to_string();
        if let Err(e) = crate::saved::views::check_name(&name) {
            self.notice = Some(e);
            return true;
        }
        self.mode = Mode::Normal;
        let query = self.filter.text.trim().to_string();
        self.workflow.views.insert(name.clone(), query.clone());
        self.effects.push(Effect::SaveView { name, query });
        true
    }

    fn recall_older(&mut self) -> bool {
        let current = self.filter.text.clone();
        match self.workflow.recall.older(&current) {
            Some(query) => self.show_recalled(query),
            None => false,
        }
    }

    /// Puts a query from the history in the filter, without ending the walk.
    fn show_recalled(&mut self, query: String) -> bool {
        self.filter.editor.set(&query);
        self.filter_text_changed()
    }

    /// A paste goes into the filter as text, in one piece: one parse, one match.
    fn paste(&mut self, text: &str) -> bool {
        if self.mode == Mode::Help {
            let clean: String = text.chars().filter(|c| !c.is_control()).take(200).collect();
            self.help.query.push_str(&clean);
            self.help.scroll = 0;
            return true;
        }
        self.mode = Mode::Filter;
        self.workflow.recall.stop();
        if self.filter.editor.paste(text) {
            self.notice = Some(format!(
                "paste cut to {} characters",
                crate::editor::MAX_PASTE
            ));
        }
        self.filter_text_changed()
    }

    /// Asks for `what` of the current event to be copied.
    fn copy(&mut self, what: CopyWhat) -> bool {
        let Some(event) = self.current_event().and_then(|i| self.event(i)) else {
            return false;
        };
        let text = match what {
            CopyWhat::Id => event.id.clone(),
            CopyWhat::Citation => copy::citation(event, self.lang),
            CopyWhat::Quote => {
                let quote = event.sources.iter().find_map(|s| s.quote.clone());
                match quote {
                    Some(quote) => quote,
                    None => {
                        self.notice = Some("this event has no quote".into());
                        return true;
                    }
                }
            }
        };
        let label = match what {
            CopyWhat::Id => "id",
            CopyWhat::Citation => "citation",
            CopyWhat::Quote => "quote",
        };
        let shown: String = text.chars().take(60).collect();
        let note = format!("copied {label}: {shown}");
        self.effects.push(Effect::Copy { text, note });
        true
    }

    /// Esc, h or Left in the list with a filter set: the first press says what the second
    /// does; the second clears the filter (Up in the filter bar brings it back).
    pub(super) fn back_in_list(&mut self) -> bool {
        if !self.workflow.esc_armed {
            self.workflow.esc_armed = true;
            self.notice = Some("Esc again clears the filter".into());
            return true;
        }
        self.workflow.esc_armed = false;
        let text = self.filter.text.clone();
        self.workflow.recall.cleared(&text);
        self.set_filter_text(String::new())
    }

    /// Enter on a query: it joins the history (saved by the run loop).
    pub(super) fn remember_query(&mut self) {
        let text = self.filter.text.trim().to_string();
        if !text.is_empty() {
            self.workflow.recall.submitted(&text);
            self.effects.push(Effect::SaveQuery(text));
        }
    }
}
