//! Drawing: `view` lays out the screen from `&App` and delegates to one module per part.

pub mod detail;
pub mod filter_bar;
pub mod help;
pub mod span;
pub mod sparkline;
pub mod status;
pub mod theme;
pub mod timeline;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Mode};
use crate::present::layout::{self, Area, Screen};

/// The ratatui rectangle of a layout area.
pub fn rect(area: Area) -> Rect {
    Rect::new(area.x, area.y, area.width, area.height)
}

/// Draws the whole screen for the app's state; never changes it.
///
/// The layout is the model's pure layout function at the frame's size, so drawing and
/// mouse hits agree.
pub fn view(frame: &mut Frame, app: &App) {
    let screen = frame.area();
    let areas = layout::areas(Screen {
        width: screen.width,
        height: screen.height,
        mode: app.mode,
        focus: app.focus,
        has_event: app.current_event().is_some(),
    });
    if areas.too_small {
        frame.render_widget(
            Paragraph::new("terminal too small").wrap(Wrap { trim: true }),
            screen,
        );
        return;
    }
    filter_bar::render_filter_bar(frame, app, rect(areas.filter));
    timeline::render_timeline(
        frame,
        app,
        rect(areas.timeline),
        rect(areas.timeline_inner),
        areas.bordered,
    );
    detail::render_detail(
        frame,
        app,
        rect(areas.detail),
        rect(areas.detail_inner),
        areas.bordered,
    );
    if !areas.sparkline.is_empty() {
        sparkline::render_sparkline(frame, app, rect(areas.sparkline));
    }
    status::render_status(frame, app, rect(areas.status));
    if app.mode == Mode::Help {
        help::render_help(frame, app, screen);
    }
}
