//! The detail document: one event as semantic blocks (title, meta, labelled fields,
//! paragraphs, sources, related entries), and those blocks laid out as lines at a width.
//!
//! The explorer's pane styles the lines, `show` prints them as text, and the Markdown export
//! writes the blocks in the same order, so every surface says the same thing.

mod layout;
pub mod rich;

use chrono::NaiveDate;

use super::words::{self, Labels, kind_code, kind_word, labels};
use crate::model::{Event, Kind, Lang, Source, Status};

pub use layout::{DocLine, Lines, Part, Role, Tone};

/// Character indices of a field's text that the query matched: given the field's name
/// (`title`, `summary`, `place`, `actor`, `tag`, `quote`, `id`), the item's position in its
/// list and the text as written.
pub type Highlighter<'a> = &'a dyn Fn(&str, usize, &str) -> Vec<usize>;

/// A related link of the event: its id and the event when loaded.
#[derive(Debug, Clone, Copy)]
pub struct RelatedEntry<'a> {
    /// The id as written in the record.
    pub id: &'a str,
    /// The event it names, if loaded.
    pub event: Option<&'a Event>,
}

/// What the detail of an event is built from.
pub struct Input<'a> {
    /// The event.
    pub event: &'a Event,
    /// Language of its text and of every label.
    pub lang: Lang,
    /// The day that separates past from future (a planned date may have passed).
    pub today: NaiveDate,
    /// Whether the user marked it.
    pub marked: bool,
    /// Its related links.
    pub related: Vec<RelatedEntry<'a>>,
    /// The related entry selected in the explorer, if any.
    pub selected_related: Option<usize>,
    /// Whether the filter hides it (the explorer says so above the title).
    pub hidden: bool,
    /// Whether key hints are shown (in the explorer, not in `show`).
    pub interactive: bool,
    /// Whether sources also show their file name.
    pub show_files: bool,
    /// Where the record was read, `file:line`, for `show`.
    pub record: Option<String>,
    /// What the query matched.
    pub highlight: Highlighter<'a>,
}

/// No highlights.
pub fn no_highlight(_field: &str, _item: usize, _text: &str) -> Vec<usize> {
    Vec::new()
}

/// One semantic part of the detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A note above the title, e.g. that the filter hides the event.
    Note(String),
    /// The title; `marks` are matched char indices.
    Title {
        /// The title in the language shown.
        text: String,
        /// Whether the event is planned (drawn in the planned style).
        planned: bool,
        /// Matched char indices.
        marks: Vec<usize>,
    },
    /// Date, status and kind: `4 October 2017 · held · CF conference`.
    Meta(String),
    /// A labelled list of values: places, organisers, participants, tags.
    Field {
        /// The label, in the language shown.
        label: &'static str,
        /// The values, in record order.
        values: Vec<String>,
        /// Matched char indices of each value.
        marks: Vec<Vec<usize>>,
    },
    /// The summary.
    Summary {
        /// Its text; newlines separate paragraphs.
        text: String,
        /// Matched char indices.
        marks: Vec<usize>,
    },
    /// The heading of a list: `Sources`, `Related`.
    Heading {
        /// The heading.
        text: &'static str,
        /// A key hint after it, in the explorer.
        hint: Option<&'static str>,
    },
    /// Source `n` (from 1): its citation and its quote as written (`**` emphasis kept).
    Source {
        /// Position, from 1.
        n: usize,
        /// "EEAS press release, 4 October 2017", a citation or a URL.
        label: String,
        /// The quote, as written.
        quote: Option<String>,
        /// Matched char indices of the quote as written.
        marks: Vec<usize>,
    },
    /// Related entry `k`.
    Related {
        /// Position among the related links.
        k: usize,
        /// The id.
        id: String,
        /// The event, when loaded: its date label, kind and title.
        event: Option<(String, Kind, String)>,
        /// Whether it is selected in the explorer.
        selected: bool,
    },
    /// A labelled line of small print: `id: …`, `Record: file:line`.
    Small {
        /// The label.
        label: &'static str,
        /// The value.
        value: String,
    },
    /// An empty line.
    Blank,
}

/// The detail of one event, as blocks in display order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The blocks, top to bottom.
    pub blocks: Vec<Block>,
    /// The language of its labels.
    pub lang: Lang,
}

impl Document {
    /// Builds the detail of `input.event`.
    pub fn new(input: &Input) -> Document {
        let Event {
            id,
            start,
            end,
            date_basis,
            status,
            kind,
            title,
            summary,
            places,
            organisers,
            participants,
            tags,
            sources,
            related: _,
            // Waivers concern `check`, not readers.
            evidence_waivers: _,
        } = input.event;
        let (lang, mark) = (input.lang, input.highlight);
        let l = labels(lang);
        let mut blocks = Vec::new();
        if input.hidden {
            blocks.push(Block::Note(l.hidden.to_string()));
        }
        let title = title.get(lang);
        blocks.push(Block::Title {
            text: title.to_string(),
            planned: *status == Status::Planned,
            marks: mark(title_field(lang), 0, title),
        });
        let mut meta = vec![
            words::when_with_basis(*start, *end, date_basis.as_deref(), lang),
            words::status_text(input.event, input.event.as_of(), input.today, lang),
            format!("{} {}", kind_code(*kind), kind_word(*kind, lang)),
        ];
        if input.marked {
            meta.push(l.marked.to_string());
        }
        blocks.push(Block::Meta(meta.join(" · ")));
        blocks.push(Block::Blank);
        let tag_words: Vec<String> = tags.iter().map(|t| words::tag_word(*t)).collect();
        push_fields(
            &mut blocks,
            l,
            [
                (l.places, "place", places),
                (l.organisers, "actor", organisers),
                (l.participants, "actor", participants),
                (l.tags, "tag", &tag_words),
            ],
            mark,
        );
        blocks.push(Block::Blank);
        let summary = summary.get(lang);
        blocks.push(Block::Summary {
            text: summary.to_string(),
            marks: mark(summary_field(lang), 0, summary),
        });
        push_sources(&mut blocks, sources, input, l);
        push_related(&mut blocks, input, l);
        blocks.push(Block::Blank);
        blocks.push(Block::Small {
            label: l.id,
            value: id.clone(),
        });
        if let Some(record) = &input.record {
            blocks.push(Block::Small {
                label: l.record,
                value: record.clone(),
            });
        }
        Document { blocks, lang }
    }

    /// The meta line (date, status, kind), as every surface prints it.
    pub fn meta(&self) -> &str {
        self.blocks
            .iter()
            .find_map(|b| match b {
                Block::Meta(text) => Some(text.as_str()),
                _ => None,
            })
            .unwrap_or("")
    }

    /// The blocks laid out as lines of at most `width` columns.
    pub fn lines(&self, width: u16) -> Lines {
        layout::lines(self, usize::from(width))
    }

    /// The document as plain text at `width` columns, as `show` prints it.
    pub fn text(&self, width: u16) -> String {
        let mut out = String::new();
        for line in self.lines(width).lines {
            let text: String = line.parts.iter().map(|p| p.text.as_str()).collect();
            out.push_str(text.trim_end());
            out.push('\n');
        }
        out
    }
}

fn title_field(lang: Lang) -> &'static str {
    words::pick(lang, "title", "title fr")
}

fn summary_field(lang: Lang) -> &'static str {
    words::pick(lang, "summary", "summary fr")
}

/// How a source is named: a seed by its citation ("EEAS press release, 4 October 2017"),
/// with its file name when asked for; another source by its citation and URL.
pub fn source_label(source: &Source, lang: Lang, show_files: bool) -> String {
    let Source {
        seed,
        url,
        citation,
        quote: _,
        // A user source's date dates the record's status (`Event::as_of`); its citation
        // already says when it was published.
        date: _,
    } = source;
    let mut parts: Vec<String> = Vec::new();
    if let Some(seed) = seed {
        match crate::seed::citation(seed) {
            Some(cited) if !show_files => parts.push(cited.label(lang)),
            Some(cited) => parts.push(format!("{} · {seed}", cited.label(lang))),
            None => parts.push(seed.clone()),
        }
    }
    parts.extend(citation.iter().cloned());
    parts.extend(url.iter().cloned());
    parts.join(" · ")
}

/// The labelled lists: places, organisers, participants, tags, with their matches.
fn push_fields(
    blocks: &mut Vec<Block>,
    l: &Labels,
    fields: [(&'static str, &'static str, &Vec<String>); 4],
    mark: Highlighter,
) {
    let organisers = fields[1].2.len();
    for (label, field, values) in fields {
        if values.is_empty() {
            continue;
        }
        // Organisers and participants are both actors, numbered as one list.
        let first = if label == l.participants {
            organisers
        } else {
            0
        };
        let marks = values
            .iter()
            .enumerate()
            .map(|(i, v)| mark(field, first + i, v))
            .collect();
        blocks.push(Block::Field {
            label,
            values: values.clone(),
            marks,
        });
    }
}

fn push_sources(blocks: &mut Vec<Block>, sources: &[Source], input: &Input, l: &Labels) {
    if sources.is_empty() {
        return;
    }
    blocks.push(Block::Blank);
    blocks.push(Block::Heading {
        text: l.sources,
        hint: None,
    });
    for (n, source) in sources.iter().enumerate() {
        let quote = source.quote.clone();
        let marks = quote
            .as_deref()
            .map(|q| (input.highlight)("quote", n, q))
            .unwrap_or_default();
        blocks.push(Block::Source {
            n: n + 1,
            label: source_label(source, input.lang, input.show_files),
            quote,
            marks,
        });
    }
}

fn push_related(blocks: &mut Vec<Block>, input: &Input, l: &Labels) {
    if input.related.is_empty() {
        return;
    }
    blocks.push(Block::Blank);
    blocks.push(Block::Heading {
        text: l.related,
        hint: input.interactive.then_some(l.related_hint),
    });
    for (k, entry) in input.related.iter().enumerate() {
        blocks.push(Block::Related {
            k,
            id: entry.id.to_string(),
            event: entry
                .event
                .map(|e| (e.date_label(), e.kind, e.title(input.lang).to_string())),
            selected: input.selected_related == Some(k),
        });
    }
}
