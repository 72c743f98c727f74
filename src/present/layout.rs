//! Screen layout: where each part goes for a terminal size, mode and focus; no drawing.
//!
//! The model stores the result on every change (`App::areas`) for scrolling and mouse hits,
//! and the view draws into the same areas, so the two never disagree.

/// From this many columns, the timeline and the detail sit side by side.
pub const WIDE_COLUMNS: u16 = 100;
/// Below this size only a "terminal too small" note is drawn.
pub const MIN_WIDTH: u16 = 12;
/// Below this size only a "terminal too small" note is drawn.
pub const MIN_HEIGHT: u16 = 3;

/// What typed keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Keys are commands.
    #[default]
    Normal,
    /// Keys edit the filter query.
    Filter,
    /// The help overlay is open; keys filter its rows.
    Help,
    /// After `y`: the next key says what to copy (laid out as the list).
    Copy,
    /// After `S`: typing the name to save the query under, in the filter bar's row.
    Name,
}

/// Which pane the navigation keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// The timeline list.
    #[default]
    List,
    /// The detail pane, which j/k scroll.
    Detail,
    /// The related events listed in the detail pane.
    Related,
}

/// A rectangle of terminal cells.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Area {
    /// Left column.
    pub x: u16,
    /// Top row.
    pub y: u16,
    /// Columns.
    pub width: u16,
    /// Rows.
    pub height: u16,
}

impl Area {
    /// A rectangle.
    pub const fn new(x: u16, y: u16, width: u16, height: u16) -> Area {
        Area {
            x,
            y,
            width,
            height,
        }
    }

    /// Whether it has no cells.
    pub fn is_empty(self) -> bool {
        self.width == 0 || self.height == 0
    }

    /// The row below the last one.
    pub fn bottom(self) -> u16 {
        self.y.saturating_add(self.height)
    }

    /// The column after the last one.
    pub fn right(self) -> u16 {
        self.x.saturating_add(self.width)
    }

    /// Whether the cell at (`column`, `row`) is inside.
    pub fn contains(self, column: u16, row: u16) -> bool {
        (self.x..self.right()).contains(&column) && (self.y..self.bottom()).contains(&row)
    }

    /// The area inside a one-cell border.
    pub fn inner(self) -> Area {
        Area::new(
            self.x + 1,
            self.y + 1,
            self.width.saturating_sub(2),
            self.height.saturating_sub(2),
        )
    }
}

/// The rectangles of one frame. Parts not drawn have a zero-sized rectangle.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    /// The whole screen.
    pub screen: Area,
    /// The filter bar line.
    pub filter: Area,
    /// The timeline, border included.
    pub timeline: Area,
    /// The timeline rows.
    pub timeline_inner: Area,
    /// The detail pane, border included.
    pub detail: Area,
    /// The detail text.
    pub detail_inner: Area,
    /// The density sparkline line.
    pub sparkline: Area,
    /// The status line.
    pub status: Area,
    /// Whether panes have borders.
    pub bordered: bool,
    /// Whether the screen is too small for anything but a note.
    pub too_small: bool,
}

/// What the layout depends on besides the size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Screen {
    /// Columns.
    pub width: u16,
    /// Rows.
    pub height: u16,
    /// What keys go to (short screens show the filter bar only while typing in it).
    pub mode: Mode,
    /// Which pane has focus (narrow screens show the detail only when it has).
    pub focus: Focus,
    /// Whether there is an event to show in the detail pane.
    pub has_event: bool,
}

/// Whether panes sit side by side at `width` columns.
pub fn is_wide(width: u16) -> bool {
    width >= WIDE_COLUMNS
}

/// The layout of one screen.
pub fn areas(screen: Screen) -> Areas {
    let Screen { width, height, .. } = screen;
    let whole = Area::new(0, 0, width, height);
    let mut areas = Areas {
        screen: whole,
        ..Areas::default()
    };
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        areas.too_small = true;
        return areas;
    }
    let mut body = whole;
    // The status line is the last row.
    areas.status = Area::new(0, height - 1, width, 1);
    body.height -= 1;
    // Very short screens keep the filter bar only while typing in it.
    if height >= 6 || matches!(screen.mode, Mode::Filter | Mode::Name) {
        areas.filter = Area::new(0, 0, width, 1);
        body.y += 1;
        body.height -= 1;
    }
    if height >= 14 && width >= 24 {
        areas.sparkline = Area::new(0, body.bottom() - 1, width, 1);
        body.height -= 1;
    }
    areas.bordered = body.height >= 6 && width >= 30;
    let detail_shown = screen.focus != Focus::List && screen.has_event;
    if is_wide(width) {
        let left = width * 11 / 20;
        areas.timeline = Area::new(body.x, body.y, left, body.height);
        areas.detail = Area::new(body.x + left, body.y, width - left, body.height);
    } else if detail_shown {
        areas.detail = body;
    } else {
        areas.timeline = body;
    }
    let inner = |area: Area| {
        if areas.bordered && !area.is_empty() {
            area.inner()
        } else {
            area
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(width: u16, height: u16, focus: Focus) -> Areas {
        areas(Screen {
            width,
            height,
            mode: Mode::Normal,
            focus,
            has_event: true,
        })
    }

    #[test]
    fn wide_screens_show_both_panes_and_narrow_ones_the_focused_one() {
        let wide = at(120, 40, Focus::List);
        assert!(!wide.timeline.is_empty() && !wide.detail.is_empty());
        let narrow = at(80, 24, Focus::List);
        assert!(narrow.detail.is_empty() && !narrow.timeline.is_empty());
        let narrow = at(80, 24, Focus::Detail);
        assert!(narrow.timeline.is_empty() && !narrow.detail.is_empty());
    }

    #[test]
    fn parts_never_overlap_the_status_line_and_tiny_screens_are_flagged() {
        for (w, h) in [(12, 3), (20, 6), (40, 12), (80, 24), (200, 50)] {
            let a = at(w, h, Focus::List);
            assert!(!a.too_small);
            assert_eq!(a.status, Area::new(0, h - 1, w, 1));
            assert!(a.timeline.bottom() <= a.status.y, "{w}x{h}");
        }
        assert!(at(11, 24, Focus::List).too_small);
        assert!(at(80, 2, Focus::List).too_small);
    }
}
