//! Command-line entry point.

use std::io::IsTerminal;

fn main() -> std::io::Result<()> {
    let catalog = cyberdiplo::model::load::bundled();
    if std::env::args().len() == 1 && std::io::stdout().is_terminal() {
        return cyberdiplo::tui::run(cyberdiplo::tui::Options {
            events: catalog.events,
            no_mouse: false,
            lang: cyberdiplo::model::Lang::En,
            today: chrono::Local::now().date_naive(),
            state_dir: None,
            warnings: catalog.errors.iter().map(|e| e.to_string()).collect(),
        });
    }
    for e in &catalog.events {
        println!("{}  {}  {}", e.date_label(), e.kind, e.title.en);
    }
    Ok(())
}
