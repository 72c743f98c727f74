//! The CSV export (RFC 4180): a header row, CRLF line ends, both languages side by side.
//!
//! A cell that starts with `=` `+` `-` `@`, a tab or a CR gets a leading `'`, as OWASP
//! advises against formula injection: a spreadsheet would otherwise run it as a formula
//! (`=HYPERLINK(...)`, `@SUM(...)`); `raw` turns this off for scripts that want the bytes.
//!
//! List fields are joined with `; `. `citations_en` and `citations_fr` come last, so that
//! scripts reading columns by position keep working: one citation per source, in the order
//! of `sources` ("EEAS press release, 4 October 2017"); `date_basis` is non-empty only when
//! the dates are inferred rather than stated. No byte-order mark is written: UTF-8 without BOM is
//! what scripts expect; spreadsheets that guess the encoding may need "import as UTF-8".

use std::io::{self, Write};

use crate::model::{Event, Lang, Source};

use super::cite::cited_as;

/// The header row, in column order.
pub(super) const COLUMNS: [&str; 18] = [
    "id",
    "start",
    "end",
    "date_basis",
    "status",
    "kind",
    "title_en",
    "title_fr",
    "summary_en",
    "summary_fr",
    "places",
    "organisers",
    "participants",
    "tags",
    "sources",
    "related",
    "citations_en",
    "citations_fr",
];

/// Writes the header and one record per event; `raw` leaves formula-like cells as they are.
pub(super) fn write(events: &[&Event], raw: bool, out: &mut dyn Write) -> io::Result<()> {
    write_record(out, COLUMNS.iter().map(|c| c.to_string()))?;
    for event in events {
        if raw {
            write_record(out, row(event))?;
        } else {
            write_record(out, row(event).map(defuse))?;
        }
    }
    Ok(())
}

/// A cell a spreadsheet will not read as a formula: `'` before a leading `=` `+` `-` `@`,
/// tab or CR.
fn defuse(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// The fields of one event, in the order of [`COLUMNS`].
fn row(event: &Event) -> impl Iterator<Item = String> {
    // Every field named, none with `..`: a new field of `Event` stops the build here until
    // the CSV gives it a column (after the last one, so positions hold) or says why not.
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
        related,
        // Waivers tell `check` why a fact has no quote; they are not part of the record.
        evidence_waivers: _,
    } = event;
    let tags: Vec<&str> = tags.iter().map(|t| t.name()).collect();
    let citations = |lang| {
        let cited: Vec<String> = sources.iter().map(|s| cited_as(s, lang)).collect();
        cited.join("; ")
    };
    let source_cells: Vec<String> = sources.iter().map(source_field).collect();
    [
        id.clone(),
        start.to_string(),
        end.map(|d| d.to_string()).unwrap_or_default(),
        date_basis.clone().unwrap_or_default(),
        status.name().to_string(),
        kind.name().to_string(),
        title.en.clone(),
        title.fr.clone(),
        summary.en.clone(),
        summary.fr.clone(),
        places.join("; "),
        organisers.join("; "),
        participants.join("; "),
        tags.join("; "),
        source_cells.join("; "),
        related.join("; "),
        citations(Lang::En),
        citations(Lang::Fr),
    ]
    .into_iter()
}

/// A source as `origin: quote`, or the origin alone (seed, URL or citation).
fn source_field(source: &Source) -> String {
    // No `..`: a new field of `Source` stops the build here too.
    let Source {
        // The origin is the first of these the source has.
        seed: _,
        url: _,
        citation: _,
        quote,
        // A user source's own date has no column; JSON carries it.
        date: _,
    } = source;
    match quote.as_deref() {
        // A spreadsheet cell has no bold: the seed's `**` markers are left out.
        Some(quote) => format!(
            "{}: {}",
            source.origin(),
            crate::present::detail::rich::without_emphasis(quote)
        ),
        None => source.origin().to_string(),
    }
}

/// Writes one record, quoting the fields that need it, and a CRLF.
fn write_record(out: &mut dyn Write, fields: impl Iterator<Item = String>) -> io::Result<()> {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        write_field(out, &field)?;
    }
    out.write_all(b"\r\n")
}

/// Writes a field, in double quotes with inner quotes doubled when it holds `,` `"` CR or LF.
fn write_field(out: &mut dyn Write, field: &str) -> io::Result<()> {
    if field.contains([',', '"', '\r', '\n']) {
        write!(out, "\"{}\"", field.replace('"', "\"\""))
    } else {
        out.write_all(field.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(s: &str) -> String {
        let mut out = Vec::new();
        write_field(&mut out, s).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn formula_like_cells_get_a_leading_quote_unless_raw() {
        for cell in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(defuse(cell.to_string()), format!("'{cell}"));
        }
        for cell in ["plain", "a=b", "", "'quoted", " =x"] {
            assert_eq!(defuse(cell.to_string()), cell);
        }
    }

    #[test]
    fn quotes_only_fields_that_need_it() {
        assert_eq!(field("plain text; é"), "plain text; é");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("cr\r"), "\"cr\r\"");
        assert_eq!(field(""), "");
    }
}
