//! TEMP stub
use crate::model::{Event, Lang};
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Json,
    Csv,
    Ics,
    Markdown,
    Timelinejs,
}
pub fn write(
    _f: Format,
    events: &[&Event],
    _l: Lang,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let v: Vec<serde_json::Value> = events.iter().map(|e| json_value(e)).collect();
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)
}
pub fn json_value(e: &Event) -> serde_json::Value {
    serde_json::to_value(e).unwrap_or_default()
}
