//! Render benches: time to draw a frame at 200x50, and bytes written to the terminal per
//! frame when the list changes, when only the selection moves, and when nothing changed.

mod common;

use std::cell::Cell;
use std::io::{self, Write};
use std::rc::Rc;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent};
use cyberdiplo::app::{self, App, Message, SortOrder};
use cyberdiplo::model::Lang;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// A terminal that counts the bytes it is sent (and keeps them when
/// `CYBERDIPLO_RENDER_DUMP` names a folder, to see what a frame is made of).
#[derive(Clone, Default)]
struct Counter(Rc<Cell<usize>>, Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        if DUMP.with(|d| d.is_some()) {
            self.1.borrow_mut().extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

thread_local! {
    static DUMP: Option<std::path::PathBuf> =
        std::env::var_os("CYBERDIPLO_RENDER_DUMP").map(Into::into);
}

/// Writes the bytes of the frame just drawn to `DUMP/name` when dumping.
fn dump(counter: &Counter, name: &str) {
    DUMP.with(|d| {
        if let Some(dir) = d {
            let _ = std::fs::write(dir.join(name), &*counter.1.borrow());
        }
    });
}

fn press(app: &mut App, c: KeyCode) -> bool {
    cyberdiplo::keys::press(app, KeyEvent::from(c))
}

fn explorer(dir: &std::path::Path, n: usize) -> App {
    let catalog = common::catalog(dir, n);
    let mut app = App::new(
        catalog.events,
        app::Options {
            lang: Lang::En,
            today: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default(),
            color: true,
            order: SortOrder::Date,
            detail_delay: false,
            marks: Default::default(),
            warnings: Vec::new(),
        },
    );
    app.update(Message::Resize(200, 50));
    // As in a real terminal: the detail pane follows the selection once it rests.
    app.detail_delay = true;
    app
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("render");
    group.sample_size(20);
    for n in common::sizes() {
        let mut app = explorer(dir.path(), n);
        let counter = Counter::default();
        let backend = CrosstermBackend::new(counter.clone());
        let viewport = Viewport::Fixed(Rect::new(0, 0, 200, 50));
        let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
        let mut frame_bytes = |app: &App| {
            counter.0.set(0);
            counter.1.borrow_mut().clear();
            terminal.draw(|f| cyberdiplo::ui::view(f, app)).unwrap();
            counter.0.get()
        };
        let first = frame_bytes(&app);
        press(&mut app, KeyCode::Char('/'));
        for ch in "tallinn".chars() {
            press(&mut app, KeyCode::Char(ch));
            app.settle();
        }
        let list_changed = frame_bytes(&app);
        dump(&counter, &format!("list-changed-{n}.bin"));
        app.update(Message::SettleDetail);
        let list_detail = frame_bytes(&app);
        press(&mut app, KeyCode::Enter);
        frame_bytes(&app);
        press(&mut app, KeyCode::Down);
        let selection_moved = frame_bytes(&app);
        dump(&counter, &format!("selection-moved-{n}.bin"));
        app.update(Message::SettleDetail);
        let detail_caught_up = frame_bytes(&app);
        let unchanged = frame_bytes(&app);
        eprintln!(
            "render bytes at 200x50, {n} events: first frame {first}, list changed \
             {list_changed} (then detail {list_detail}), selection moved {selection_moved} \
             (then detail {detail_caught_up}), nothing changed {unchanged}"
        );
        // A frame after a selection move (alternating down and up).
        let mut down = true;
        group.bench_function(BenchmarkId::new("view_200x50", n), |b| {
            b.iter(|| {
                press(&mut app, if down { KeyCode::Down } else { KeyCode::Up });
                down = !down;
                frame_bytes(&app)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
