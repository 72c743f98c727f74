//! Every colour and text style of the explorer, in one place.
//!
//! Colours come from the 16 named terminal colours, avoiding white, black and yellow so
//! that they read on dark and light backgrounds. Without colour (NO_COLOR), meaning is
//! carried by bold, underline, reverse and the letters and symbols of each row.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Kind;

/// Styles of the explorer's parts.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// Whether colours are used.
    pub color: bool,
    /// Year headers.
    pub year: Style,
    /// Month headers.
    pub month: Style,
    /// The today divider.
    pub today: Style,
    /// Planned events.
    pub planned: Style,
    /// The selected row when the list has focus.
    pub selected: Style,
    /// The selected row when another pane has focus.
    pub selected_unfocused: Style,
    /// Characters matched by the query.
    pub matched: Style,
    /// The mark of a marked event.
    pub mark: Style,
    /// Secondary text: dates, hints, labels.
    pub dim: Style,
    /// Field labels in the detail pane.
    pub label: Style,
    /// Titles in the detail pane.
    pub title: Style,
    /// Error messages.
    pub error: Style,
    /// Borders of panes without focus.
    pub border: Style,
    /// The border of the focused pane.
    pub border_focused: Style,
    /// Key names in the help and status line.
    pub key: Style,
    /// The density sparkline.
    pub spark: Style,
    /// Notes in the status line.
    pub notice: Style,
}

impl Theme {
    /// A pane's border, titled, highlighted when the pane has focus.
    pub fn pane(&self, title: &'static str, focused: bool) -> ratatui::widgets::Block<'static> {
        let style = if focused {
            self.border_focused
        } else {
            self.border
        };
        ratatui::widgets::Block::bordered()
            .border_style(style)
            .title(title)
    }

    /// The theme, with or without colours.
    pub fn new(color: bool) -> Theme {
        let fg = |c: Color| {
            if color {
                Style::new().fg(c)
            } else {
                Style::new()
            }
        };
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            color,
            year: fg(Color::Blue).add_modifier(Modifier::BOLD),
            month: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            today: fg(Color::Red).add_modifier(Modifier::BOLD),
            planned: fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            matched: fg(Color::Red).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            mark: fg(Color::Magenta).add_modifier(Modifier::BOLD),
            dim: if color {
                Style::new().fg(Color::DarkGray)
            } else {
                Style::new().add_modifier(Modifier::DIM)
            },
            label: fg(Color::Blue).add_modifier(Modifier::BOLD),
            title: bold,
            error: fg(Color::Red).add_modifier(Modifier::BOLD),
            border: fg(Color::DarkGray),
            border_focused: fg(Color::Blue).add_modifier(Modifier::BOLD),
            key: fg(Color::Blue).add_modifier(Modifier::BOLD),
            spark: fg(Color::Cyan),
            notice: fg(Color::Magenta).add_modifier(Modifier::BOLD),
        }
    }

    /// The style of an event kind's code; kinds are grouped into a few colours.
    pub fn kind(&self, kind: Kind) -> Style {
        if !self.color {
            return Style::new().add_modifier(Modifier::BOLD);
        }
        let color = match kind {
            Kind::Conference | Kind::Meeting | Kind::Ministerial | Kind::Summit => Color::Cyan,
            Kind::CouncilConclusions
            | Kind::Strategy
            | Kind::Legislation
            | Kind::Declaration
            | Kind::Negotiation => Color::Magenta,
            Kind::Programme | Kind::OfficeOpening => Color::Green,
            Kind::Exercise => Color::Red,
            Kind::Review | Kind::Publication | Kind::Target => Color::Blue,
        };
        Style::new().fg(color).add_modifier(Modifier::BOLD)
    }
}

pub use crate::present::words::kind_code;
