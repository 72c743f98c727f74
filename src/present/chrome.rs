//! The words of the explorer's frame, in English and French: status line, filter bar,
//! timeline headers and notes.

use crate::model::Lang;

/// The frame's words in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chrome {
    /// `12/31 events`.
    pub events: &'static str,
    /// Before the query in the status line.
    pub filter: &'static str,
    /// Before the last valid query when the text does not parse.
    pub results_of: &'static str,
    /// After it.
    pub fix_query: &'static str,
    /// When no query ever parsed.
    pub all_events: &'static str,
    /// Best-match order is on.
    pub best_match: &'static str,
    /// Only marked events are shown.
    pub marked_only: &'static str,
    /// After a count of events the damaged cache could not give: what to do.
    pub unreadable: &'static str,
    /// The today divider.
    pub today: &'static str,
    /// Nothing loaded.
    pub no_events: &'static str,
    /// No marked event among the results.
    pub no_marked: &'static str,
    /// Nothing matches.
    pub no_match: &'static str,
    /// The empty filter bar.
    pub filter_hint: &'static str,
    /// The filter bar while typing.
    pub typing_hint: &'static str,
    /// The filter bar while typing in pick mode, where Enter ends the pick.
    pub pick_hint: &'static str,
    /// After `?` in the status line.
    pub help: &'static str,
    /// Column of a query error.
    pub column: &'static str,
    /// Title of the timeline pane.
    pub timeline_pane: &'static str,
    /// Title of the detail pane.
    pub detail_pane: &'static str,
}

const EN: Chrome = Chrome {
    events: "events",
    filter: "filter:",
    results_of: "results of:",
    fix_query: "(fix the query)",
    all_events: "all events",
    best_match: "sort: best match",
    marked_only: "marked only",
    unreadable: "unreadable: the cache is damaged, restart to rebuild it",
    today: "today",
    no_events: "no events loaded",
    no_marked: "no marked events (m marks one, M shows all)",
    no_match: "no events match",
    filter_hint: "filter   ? help",
    typing_hint: "  Enter: list  Esc: clear",
    pick_hint: "  Enter: pick  Esc: cancel",
    help: " help",
    column: "col",
    timeline_pane: " timeline ",
    detail_pane: " detail ",
};

const FR: Chrome = Chrome {
    events: "événements",
    filter: "filtre :",
    results_of: "résultats de :",
    fix_query: "(requête à corriger)",
    all_events: "tous les événements",
    best_match: "tri : pertinence",
    marked_only: "marqués seulement",
    unreadable: "illisibles : le cache est abîmé, relancez pour le refaire",
    today: "aujourd'hui",
    no_events: "aucun événement chargé",
    no_marked: "aucun événement marqué (m marque, M montre tout)",
    no_match: "aucun événement ne correspond",
    filter_hint: "filtre   ? aide",
    typing_hint: "  Entrée : liste  Échap : effacer",
    pick_hint: "  Entrée : choisir  Échap : annuler",
    help: " aide",
    column: "col.",
    timeline_pane: " chronologie ",
    detail_pane: " détail ",
};

/// The frame's words in `lang`.
pub fn chrome(lang: Lang) -> &'static Chrome {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}
