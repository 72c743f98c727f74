//! The detail's blocks laid out as lines at a width: labels in a column, wrapped text.

use super::rich::{self, Cell};
use super::{Block, Document};
use crate::model::Kind;
use crate::present::words::{kind_code, labels, pick};

/// Width of the label column before places, organisers and so on.
const LABEL: usize = 14;

/// What a part of a line is, for the pane to style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Ordinary text.
    Plain,
    /// Secondary text: meta line, quotes, hints, small print.
    Dim,
    /// A field label or heading.
    Label,
    /// The title.
    Title,
    /// The title of a planned event.
    PlannedTitle,
    /// A kind code.
    Kind(Kind),
}

/// A run of text in one tone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The text.
    pub text: String,
    /// What it is.
    pub tone: Tone,
    /// Whether the query matched it.
    pub matched: bool,
    /// Whether the source emphasised it (`**` in the seed).
    pub strong: bool,
}

impl Part {
    fn new(text: impl Into<String>, tone: Tone) -> Part {
        Part {
            text: text.into(),
            tone,
            matched: false,
            strong: false,
        }
    }
}

/// What a line is part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A note above the title.
    Note,
    /// The title.
    Title,
    /// The meta line.
    Meta,
    /// A labelled field.
    Field,
    /// The summary.
    Paragraph,
    /// A list heading.
    Heading,
    /// A source's citation.
    Source,
    /// A source's quote.
    Quote,
    /// Related entry `k`; `selected` when the explorer selected it.
    Related {
        /// Position among the related links.
        k: usize,
        /// Whether it is selected.
        selected: bool,
    },
    /// Small print: id, record.
    Small,
    /// An empty line.
    Blank,
}

/// One line of the laid-out detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLine {
    /// What it is part of.
    pub role: Role,
    /// Its text, in parts.
    pub parts: Vec<Part>,
}

impl DocLine {
    /// The line's text.
    pub fn text(&self) -> String {
        self.parts.iter().map(|p| p.text.as_str()).collect()
    }
}

/// The detail's lines, and which line shows each related entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lines {
    /// Every line, wrapped.
    pub lines: Vec<DocLine>,
    /// Line index of each related entry.
    pub related_at: Vec<usize>,
}

impl Lines {
    fn push(&mut self, role: Role, parts: Vec<Part>) {
        self.lines.push(DocLine { role, parts });
    }

    /// `cells` wrapped to `width` after `indent`, each line in `role`.
    fn wrapped(&mut self, role: Role, cells: &[Cell], width: usize, indent: &str, tone: Tone) {
        let room = width.saturating_sub(indent.chars().count()).max(1);
        for mut parts in rich::wrapped(cells, room, tone) {
            if !indent.is_empty() {
                parts.insert(0, Part::new(indent, tone));
            }
            self.push(role, parts);
        }
    }
}

/// Lays out `doc` at `width` columns.
pub(super) fn lines(doc: &Document, width: usize) -> Lines {
    let mut out = Lines::default();
    if width == 0 {
        return out;
    }
    for block in &doc.blocks {
        let text = |text: &str, marks: &[usize]| rich::cells(text, marks);
        match block {
            Block::Note(note) => out.wrapped(Role::Note, &text(note, &[]), width, "", Tone::Dim),
            Block::Title {
                text: title,
                planned,
                marks,
            } => {
                let tone = if *planned {
                    Tone::PlannedTitle
                } else {
                    Tone::Title
                };
                out.wrapped(Role::Title, &text(title, marks), width, "", tone);
            }
            Block::Meta(meta) => out.wrapped(Role::Meta, &text(meta, &[]), width, "", Tone::Dim),
            Block::Field {
                label,
                values,
                marks,
            } => field(&mut out, label, values, marks, width),
            Block::Summary {
                text: summary,
                marks,
            } => {
                let cells = text(summary, marks);
                out.wrapped(Role::Paragraph, &cells, width, "", Tone::Plain);
            }
            Block::Heading { text, hint } => heading(&mut out, text, *hint, width),
            Block::Source {
                n,
                label,
                quote,
                marks,
            } => source(&mut out, *n, label, quote.as_deref(), marks, width),
            Block::Related {
                k,
                id,
                event,
                selected,
            } => related(&mut out, doc, (*k, *selected), id, event.as_ref(), width),
            Block::Small { label, value } => {
                // French puts a space before the colon.
                let colon = pick(doc.lang, ":", " :");
                let cells = text(&format!("{label}{colon} {value}"), &[]);
                out.wrapped(Role::Small, &cells, width, "", Tone::Dim);
            }
            Block::Blank => out.push(Role::Blank, Vec::new()),
        }
    }
    out
}

/// A list heading, with its key hint when it fits.
fn heading(out: &mut Lines, text: &str, hint: Option<&str>, width: usize) {
    let mut parts = vec![Part::new(text, Tone::Label)];
    if let Some(hint) = hint.filter(|h| text.chars().count() + 2 + h.chars().count() <= width) {
        parts.push(Part::new(format!("  {hint}"), Tone::Dim));
    }
    out.push(Role::Heading, parts);
}

/// A source: `n. citation`, then its quote in curly quotes, indented, emphasis kept.
fn source(
    out: &mut Lines,
    n: usize,
    label: &str,
    quote: Option<&str>,
    marks: &[usize],
    width: usize,
) {
    let head = format!("{n}. {label}");
    out.wrapped(
        Role::Source,
        &rich::cells(&head, &[]),
        width,
        "",
        Tone::Plain,
    );
    if let Some(quote) = quote {
        let mut cells = rich::emphasised(quote, marks);
        let plain = |c| Cell {
            c,
            matched: false,
            strong: false,
        };
        cells.insert(0, plain('\u{201c}'));
        cells.push(plain('\u{201d}'));
        out.wrapped(Role::Quote, &cells, width, "   ", Tone::Dim);
    }
}

/// A related entry: pointer, date, kind code and title, or the id when not loaded.
fn related(
    out: &mut Lines,
    doc: &Document,
    (k, selected): (usize, bool),
    id: &str,
    event: Option<&(String, Kind, String)>,
    width: usize,
) {
    out.related_at.push(out.lines.len());
    let role = Role::Related { k, selected };
    let pointer = if selected { "> " } else { "  " };
    let mut head = vec![Part::new(pointer, Tone::Plain)];
    let Some((date, kind, title)) = event else {
        head.push(Part::new(
            format!("{id} ({})", labels(doc.lang).not_loaded),
            Tone::Dim,
        ));
        out.push(role, head);
        return;
    };
    head.push(Part::new(format!("{date} "), Tone::Dim));
    head.push(Part::new(
        format!("{} ", kind_code(*kind)),
        Tone::Kind(*kind),
    ));
    // The title wraps under itself, so a long one stays readable in `show` and the pane.
    let indent: usize = head.iter().map(|p| p.text.chars().count()).sum();
    let room = width.saturating_sub(indent);
    let mut lines = if room >= 12 {
        rich::wrapped(&rich::cells(title, &[]), room, Tone::Plain).into_iter()
    } else {
        vec![vec![Part::new(title.clone(), Tone::Plain)]].into_iter()
    };
    head.extend(lines.next().unwrap_or_default());
    out.push(role, head);
    for mut rest in lines {
        rest.insert(0, Part::new(" ".repeat(indent), Tone::Plain));
        out.push(role, rest);
    }
}

/// A labelled field; values wrap under the value column, or under the label when narrow.
fn field(out: &mut Lines, label: &str, values: &[String], marks: &[Vec<usize>], width: usize) {
    let mut cells = Vec::new();
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            cells.extend(rich::cells(", ", &[]));
        }
        cells.extend(rich::cells(
            value,
            marks.get(i).map_or(&[][..], Vec::as_slice),
        ));
    }
    if width < LABEL + 16 {
        out.push(Role::Field, vec![Part::new(label, Tone::Label)]);
        out.wrapped(Role::Field, &cells, width, "  ", Tone::Plain);
        return;
    }
    for (i, mut parts) in rich::wrapped(&cells, width - LABEL, Tone::Plain)
        .into_iter()
        .enumerate()
    {
        let head = if i == 0 { label } else { "" };
        parts.insert(0, Part::new(format!("{head:<LABEL$}"), Tone::Label));
        out.push(Role::Field, parts);
    }
}
