//! One line per event for `list`: the default aligned columns (id, date, status, kind,
//! title) and `--format` templates with `{id} {date} {status} {kind} {title}`.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::model::{Event, Lang};

/// A field a template can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `{id}`.
    Id,
    /// `{date}`, as the list shows it.
    Date,
    /// `{status}`: held or planned.
    Status,
    /// `{kind}`, its query name.
    Kind,
    /// `{title}`, in the chosen language.
    Title,
}

impl Field {
    const ALL: [(&'static str, Field); 5] = [
        ("id", Field::Id),
        ("date", Field::Date),
        ("status", Field::Status),
        ("kind", Field::Kind),
        ("title", Field::Title),
    ];

    fn value(self, event: &Event, lang: Lang) -> String {
        match self {
            Field::Id => event.id.clone(),
            Field::Date => event.date_label(),
            Field::Status => event.status.name().to_string(),
            Field::Kind => event.kind.name().to_string(),
            Field::Title => event.title(lang).to_string(),
        }
    }
}

/// A piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text copied as it is.
    Text(String),
    /// A field of the event.
    Field(Field),
}

/// How `list` prints each event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// Id, date, status, kind and title in aligned columns.
    Columns,
    /// A `--format` template.
    Template(Vec<Piece>),
}

/// Parses a `--format` template: `{id}`, `{date}`, `{status}`, `{kind}`, `{title}`; `{{`
/// and `}}` for braces; `\t` for a tab and `\\` for a backslash. Errors give the column.
pub fn parse(template: &str) -> Result<Layout, String> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = template.char_indices().peekable();
    let column = |byte: usize| template[..byte].chars().count() + 1;
    while let Some((at, c)) = chars.next() {
        match (c, chars.peek().map(|&(_, n)| n)) {
            ('{', Some('{')) | ('}', Some('}')) | ('\\', Some('\\')) => {
                chars.next();
                text.push(c);
            }
            ('\\', Some('t')) => {
                chars.next();
                text.push('\t');
            }
            ('{', _) => {
                let rest = &template[at + 1..];
                let Some(close) = rest.find('}') else {
                    return Err(format!("unclosed `{{` at column {}", column(at)));
                };
                let name = &rest[..close];
                let Some(&(_, field)) = Field::ALL.iter().find(|(n, _)| *n == name) else {
                    return Err(format!(
                        "unknown field `{{{}}}` at column {}; use {{id}} {{date}} {{status}} \
                         {{kind}} {{title}}",
                        crate::text::escape_for_message(name),
                        column(at)
                    ));
                };
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(Piece::Field(field));
                while chars.next_if(|&(i, _)| i <= at + 1 + close).is_some() {}
            }
            ('}', _) => return Err(format!("lone `}}` at column {}; write `}}}}`", column(at))),
            _ => text.push(c),
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(Layout::Template(pieces))
}

/// The least widths of the default columns after the id (the date column grows to its
/// longest span, such as `2023-06-26..2025-06`, so later columns stay aligned).
const DATE_WIDTH: usize = 14;
const STATUS_WIDTH: usize = 7;
const KIND_WIDTH: usize = 19;

/// The default columns of one event.
struct Row {
    id: String,
    date: String,
    status: &'static str,
    kind: &'static str,
    title: String,
}

/// Lines of `list` built event by event (events may come from a reused buffer), written
/// at the end: the id column's width is known only once every event is in.
pub struct Printer<'a> {
    layout: &'a Layout,
    lang: Lang,
    rows: Vec<Row>,
    text: String,
    count: usize,
}

impl<'a> Printer<'a> {
    /// An empty printer.
    pub fn new(layout: &'a Layout, lang: Lang) -> Printer<'a> {
        Printer {
            layout,
            lang,
            rows: Vec::new(),
            text: String::new(),
            count: 0,
        }
    }

    /// Adds an event's line.
    pub fn push(&mut self, event: &Event) {
        self.count += 1;
        match self.layout {
            Layout::Columns => self.rows.push(Row {
                id: event.id.clone(),
                date: event.date_label(),
                status: event.status.name(),
                kind: event.kind.name(),
                title: event.title(self.lang).to_string(),
            }),
            Layout::Template(pieces) => {
                for piece in pieces {
                    match piece {
                        Piece::Text(t) => self.text.push_str(t),
                        Piece::Field(f) => self.text.push_str(&f.value(event, self.lang)),
                    }
                }
                self.text.push('\n');
            }
        }
    }

    /// How many events were added.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Writes every line.
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(self.text.as_bytes())?;
        let id_width = self.rows.iter().map(|r| r.id.width()).max().unwrap_or(0);
        let date_width = self
            .rows
            .iter()
            .map(|r| r.date.width())
            .fold(DATE_WIDTH, usize::max);
        let pad = |text: &str, width: usize| {
            format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
        };
        for row in &self.rows {
            writeln!(
                out,
                "{}  {}  {}  {}  {}",
                pad(&row.id, id_width),
                pad(&row.date, date_width),
                pad(row.status, STATUS_WIDTH),
                pad(row.kind, KIND_WIDTH),
                row.title
            )?;
        }
        Ok(())
    }
}

/// Writes `events` in `layout`, one line each.
pub fn write(
    events: &[&Event],
    layout: &Layout,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut printer = Printer::new(layout, lang);
    for event in events {
        printer.push(event);
    }
    printer.finish(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(layout: &Layout) -> String {
        let catalog = crate::model::load::bundled();
        let events: Vec<&Event> = catalog
            .events
            .iter()
            .filter(|e| {
                e.id.starts_with("2017-10-0")
                    && (e.id.contains("tallinn") || e.id.contains("ministerial"))
            })
            .collect();
        let mut out = Vec::new();
        write(&events, layout, Lang::En, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn columns_start_with_the_id_and_show_the_status() {
        let text = render(&Layout::Columns);
        let first = text.lines().next().unwrap();
        assert!(
            first.starts_with(
                "2017-10-04-tallinn-eap-cyber-conference                2017-10-04      \
                 held     conference           EU conference"
            ),
            "{text}"
        );
        assert!(text.contains("  planned  "), "{text}");
    }

    #[test]
    fn templates_fill_placeholders_and_escapes() {
        let layout = parse("{id}\\t{status} {{{kind}}}").unwrap();
        let text = render(&layout);
        assert_eq!(
            text.lines().next(),
            Some("2017-10-04-tallinn-eap-cyber-conference\theld {conference}")
        );
        assert_eq!(render(&parse("{date}|{title}").unwrap()).lines().count(), 3);
    }

    #[test]
    fn bad_templates_say_where() {
        assert_eq!(
            parse("{id} {nope}").unwrap_err(),
            "unknown field `{nope}` at column 6; use {id} {date} {status} {kind} {title}"
        );
        assert_eq!(parse("x {id").unwrap_err(), "unclosed `{` at column 3");
        assert_eq!(parse("a}").unwrap_err(), "lone `}` at column 2; write `}}`");
    }
}
