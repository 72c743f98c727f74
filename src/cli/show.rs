//! `show`: events named by id or by a unique start of an id, in full or as JSON.
//!
//! Several ids print several records (text separated by a rule, JSON as a stream of
//! objects, which `jq` reads); `-` reads ids from standard input, the first word of each
//! line, so `cyberdiplo list tallinn | cyberdiplo show -` works. An id that names no
//! event, or the start of several, is an error on stderr; the others still print, and the
//! exit code is 1.

use std::io::{BufRead, Read, Write};

use super::{Failure, output};
use crate::model::Lang;
use crate::model::load::Catalog;

/// How many candidates an ambiguous prefix lists.
const MAX_CANDIDATES: usize = 10;
/// Most standard input read for ids.
const MAX_STDIN: u64 = 16 << 20;

/// The index of the event `wanted` names: its id, or the only id that starts with it.
pub(super) fn find(catalog: &Catalog, wanted: &str) -> Result<usize, String> {
    if let Some(i) = catalog.events.iter().position(|e| e.id == wanted) {
        return Ok(i);
    }
    let shown = crate::text::escape_for_message(wanted);
    let starting: Vec<usize> = if wanted.is_empty() {
        Vec::new()
    } else {
        (0..catalog.events.len())
            .filter(|&i| catalog.events[i].id.starts_with(wanted))
            .collect()
    };
    match starting.as_slice() {
        [one] => Ok(*one),
        [] => {
            let mut message = format!("no event has the id `{shown}`");
            let suggestions = output::closest_ids(catalog, wanted, 3);
            if !suggestions.is_empty() {
                message.push_str("; did you mean:");
                for s in suggestions {
                    message.push_str("\n  ");
                    message.push_str(s);
                }
            }
            Err(message)
        }
        many => {
            let mut message = format!(
                "`{shown}` is the start of {} ids; give more of one:",
                many.len()
            );
            for &i in many.iter().take(MAX_CANDIDATES) {
                let event = &catalog.events[i];
                message.push_str(&format!("\n  {}  {}", event.id, event.title(Lang::En)));
            }
            if many.len() > MAX_CANDIDATES {
                message.push_str(&format!("\n  … and {} more", many.len() - MAX_CANDIDATES));
            }
            Err(message)
        }
    }
}

/// The ids asked for: the arguments, with `-` replaced by the first word of each line of
/// standard input.
fn wanted(ids: &[String]) -> Result<Vec<String>, Failure> {
    let mut out = Vec::new();
    for id in ids {
        if id != "-" {
            out.push(id.clone());
            continue;
        }
        let stdin = std::io::stdin().lock().take(MAX_STDIN);
        for line in stdin.lines() {
            let line = line?;
            out.extend(line.split_whitespace().next().map(str::to_string));
        }
    }
    if out.is_empty() {
        return Err(Failure::Usage(
            "no id given (standard input was empty)".into(),
        ));
    }
    Ok(out)
}

/// Prints the events `ids` name.
pub(super) fn show(
    catalog: &Catalog,
    ids: &[String],
    lang: Lang,
    today: chrono::NaiveDate,
    json: bool,
) -> Result<(), Failure> {
    let mut problems = Vec::new();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut printed = 0;
    for wanted in wanted(ids)? {
        let index = match find(catalog, &wanted) {
            Ok(index) => index,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        if json {
            crate::export::write_json_object(&catalog.events[index], &mut out)?;
        } else {
            if printed > 0 {
                writeln!(out, "\n{}\n", "─".repeat(78))?;
            }
            output::write_detail(catalog, index, lang, today, &mut out)?;
        }
        printed += 1;
    }
    out.flush()?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::Message(problems.join("\nerror: ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unique_start_of_an_id_names_its_event() {
        let catalog = crate::model::load::bundled();
        let i = find(&catalog, "2017-10-04-tal").unwrap();
        assert_eq!(
            catalog.events[i].id,
            "2017-10-04-tallinn-eap-cyber-conference"
        );
        let starting = catalog
            .events
            .iter()
            .filter(|e| e.id.starts_with("2017-10"))
            .count();
        let err = find(&catalog, "2017-10").unwrap_err();
        assert!(
            err.starts_with(&format!(
                "`2017-10` is the start of {starting} ids; give more of one:\n  2017-10-04-"
            )),
            "{err}"
        );
        assert!(find(&catalog, "").is_err());
        assert!(
            find(&catalog, "zzz")
                .unwrap_err()
                .starts_with("no event has the id `zzz`")
        );
    }
}
