//! Screen layout: where each part goes at a given size; shared by drawing and mouse hits.

use ratatui::layout::Rect;

use crate::app::{App, Focus, Mode};

/// From this many columns, the timeline and the detail sit side by side.
pub const WIDE_COLUMNS: u16 = 100;
/// Below this size only a "terminal too small" note is drawn.
pub const MIN_WIDTH: u16 = 12;
/// Below this size only a "terminal too small" note is drawn.
pub const MIN_HEIGHT: u16 = 3;

/// The rectangles of one frame. Parts not drawn have a zero-sized rectangle.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    /// The whole screen.
    pub screen: Rect,
    /// The filter bar line.
    pub filter: Rect,
    /// The timeline, border included.
    pub timeline: Rect,
    /// The timeline rows.
    pub timeline_inner: Rect,
    /// The detail pane, border included.
    pub detail: Rect,
    /// The detail text.
    pub detail_inner: Rect,
    /// The density sparkline line.
    pub sparkline: Rect,
    /// The status line.
    pub status: Rect,
    /// Whether panes have borders.
    pub bordered: bool,
    /// Whether the screen is too small for anything but a note.
    pub too_small: bool,
}

/// The layout for a `width` x `height` screen in the app's current state.
pub fn areas(width: u16, height: u16, app: &App) -> Areas {
    areas_for_focus(width, height, app, app.focus)
}

/// The layout as it would be with `focus` (narrow screens show the detail only when focused).
pub fn areas_for_focus(width: u16, height: u16, app: &App, focus: Focus) -> Areas {
    let screen = Rect::new(0, 0, width, height);
    let mut areas = Areas {
        screen,
        ..Areas::default()
    };
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        areas.too_small = true;
        return areas;
    }
    let mut body = screen;
    // The status line is the last row.
    areas.status = Rect::new(0, height - 1, width, 1);
    body.height -= 1;
    // Very short screens keep the filter bar only while typing in it.
    if height >= 6 || app.mode == Mode::Filter {
        areas.filter = Rect::new(0, 0, width, 1);
        body.y += 1;
        body.height -= 1;
    }
    if height >= 14 && width >= 24 {
        areas.sparkline = Rect::new(0, body.bottom() - 1, width, 1);
        body.height -= 1;
    }
    areas.bordered = body.height >= 6 && width >= 30;
    let detail_shown = focus != Focus::List && app.current_event().is_some();
    if width >= WIDE_COLUMNS {
        let left = width * 11 / 20;
        areas.timeline = Rect::new(body.x, body.y, left, body.height);
        areas.detail = Rect::new(body.x + left, body.y, width - left, body.height);
    } else if detail_shown {
        areas.detail = body;
    } else {
        areas.timeline = body;
    }
    let inner = |rect: Rect| {
        if areas.bordered && !rect.is_empty() {
            Rect::new(
                rect.x + 1,
                rect.y + 1,
                rect.width.saturating_sub(2),
                rect.height.saturating_sub(2),
            )
        } else {
            rect
        }
    };
    areas.timeline_inner = inner(areas.timeline);
    if !areas.bordered && areas.timeline_inner.width >= 20 {
        // Without a border the scrollbar takes the last column.
        areas.timeline_inner.width -= 1;
    }
    areas.detail_inner = inner(areas.detail);
    areas
}
