//! Command-line entry point.

fn main() {
    let catalog = cyberdiplo::model::load::bundled();
    for e in &catalog.events {
        println!("{}  {}  {}", e.date_label(), e.kind, e.title.en);
    }
}
