//! Drawing: `view` lays out the screen from `&App` and delegates to one module per part.

pub mod detail;
pub mod filter_bar;
pub mod help;
pub mod layout;
pub mod span;
pub mod sparkline;
pub mod status;
pub mod theme;
pub mod timeline;

use ratatui::Frame;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Mode};

/// Draws the whole screen for the app's state; never changes it.
pub fn view(frame: &mut Frame, app: &App) {
    let screen = frame.area();
    let areas = layout::areas(screen.width, screen.height, app);
    if areas.too_small {
        frame.render_widget(
            Paragraph::new("terminal too small").wrap(Wrap { trim: true }),
            screen,
        );
        return;
    }
    filter_bar::render_filter_bar(frame, app, areas.filter);
    timeline::render_timeline(
        frame,
        app,
        areas.timeline,
        areas.timeline_inner,
        areas.bordered,
    );
    detail::render_detail(frame, app, areas.detail, areas.detail_inner, areas.bordered);
    if !areas.sparkline.is_empty() {
        sparkline::render_sparkline(frame, app, areas.sparkline);
    }
    status::render_status(frame, app, areas.status);
    if app.mode == Mode::Help {
        help::render_help(frame, app, screen);
    }
}
