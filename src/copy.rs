//! What the explorer copies: an event's id, its citation line, a quote (`y`), and the
//! command line that reopens the current view (`Y`).

use crate::model::{Event, Lang};
use crate::seed;

/// The citation line of an event: its title, its date written out, and where it is
/// attested: "Council conclusions on EU digital diplomacy (2023), 26 June 2023, Council
/// document 11088/23".
pub fn citation(event: &Event, lang: Lang) -> String {
    let date = match event.end {
        None => seed::long_date(event.start.first_day(), event.start.precision(), lang),
        Some(_) => event.date_label(),
    };
    let mut line = format!("{}, {date}", event.title(lang));
    let source = event.sources.iter().find_map(|s| match &s.seed {
        Some(file) => seed::citation(file).map(|c| match lang {
            Lang::En => c.name_en.to_string(),
            Lang::Fr => c.name_fr.to_string(),
        }),
        None => s.citation.clone().or_else(|| s.url.clone()),
    });
    if let Some(source) = source {
        line.push_str(", ");
        line.push_str(&source);
    }
    line
}

/// `text` quoted for a POSIX shell: as is when it is safe, else in single quotes.
pub fn shell_quote(text: &str) -> String {
    let safe = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c));
    if safe {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// The command line that opens the explorer on the same view: the query (with `marked`
/// when only marked events are shown) and the language when it is not English.
pub fn command_line(query: &str, marked_only: bool, lang: Lang) -> String {
    let mut query = query.trim().to_string();
    if marked_only {
        if !query.is_empty() {
            query.push(' ');
        }
        query.push_str("marked");
    }
    let mut line = String::from("cyberdiplo");
    if !query.is_empty() {
        line.push_str(" -q ");
        line.push_str(&shell_quote(&query));
    }
    if lang == Lang::Fr {
        line.push_str(" --lang fr");
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str) -> Event {
        crate::model::load::bundled()
            .events
            .into_iter()
            .find(|e| e.id == id)
            .unwrap()
    }

    #[test]
    fn citation_lines_name_title_date_and_document() {
        let e = event("2023-06-26-council-conclusions-digital-diplomacy");
        assert_eq!(
            citation(&e, Lang::En),
            "Council conclusions on EU digital diplomacy (2023), 26 June 2023, \
             Council document 11088/23"
        );
        let e = event("2017-10-04-tallinn-eap-cyber-conference");
        assert!(
            citation(&e, Lang::Fr).contains(", 4 octobre 2017, "),
            "{}",
            citation(&e, Lang::Fr)
        );
    }

    #[test]
    fn command_lines_reopen_the_view_and_survive_the_shell() {
        assert_eq!(command_line("", false, Lang::En), "cyberdiplo");
        assert_eq!(
            command_line("tallinn", false, Lang::Fr),
            "cyberdiplo -q tallinn --lang fr"
        );
        assert_eq!(
            command_line("it's kind:cc", true, Lang::En),
            r"cyberdiplo -q 'it'\''s kind:cc marked'"
        );
        assert_eq!(shell_quote("a$b"), "'a$b'");
    }
}
