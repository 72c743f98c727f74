//! `cyberdiplo view save|list|delete`: named queries kept in the state folder.

use std::path::PathBuf;

use super::{Failure, ViewAction, commands::write_stdout, scope};
use crate::paths::Paths;
use crate::saved::views;

/// The views file, or why there is none.
fn file(paths: &Paths) -> Result<PathBuf, Failure> {
    paths.state_dir.as_deref().map(views::path).ok_or_else(|| {
        Failure::Message(format!(
            "no state folder for views: no home folder (set {})",
            crate::paths::ENV_STATE
        ))
    })
}

/// Runs one `view` action.
pub(super) fn run(action: &ViewAction, paths: &Paths) -> Result<(), Failure> {
    let path = file(paths)?;
    match action {
        ViewAction::Save { name, query } => {
            views::check_name(name).map_err(Failure::Usage)?;
            let query = query.join(" ");
            // A view that could never run is refused now rather than at every use.
            let scoped = scope::prepare(std::slice::from_ref(&query), None, false, paths)?;
            crate::search::Query::parse(&scoped.query)
                .map_err(|e| scope::bad_query(&scoped.query, &e))?;
            let previous = views::save(&path, name, &query).map_err(Failure::Message)?;
            let verb = if previous.is_some() {
                "replaced"
            } else {
                "saved"
            };
            write_stdout(format!("{verb} @{name}: {}\n", query.trim()).as_bytes())
        }
        ViewAction::List => {
            let saved = views::load(&path).map_err(Failure::Message)?;
            let width = saved.by_name.keys().map(|n| n.len() + 1).max().unwrap_or(0);
            let mut text = String::new();
            for (name, query) in &saved.by_name {
                text.push_str(&format!("{:<width$}  {query}\n", format!("@{name}")));
            }
            write_stdout(text.as_bytes())
        }
        ViewAction::Delete { name } => {
            match views::delete(&path, name).map_err(Failure::Message)? {
                Some(_) => write_stdout(format!("deleted @{name}\n").as_bytes()),
                None => Err(Failure::Message(format!(
                    "no saved view `@{}`",
                    crate::text::escape_for_message(name)
                ))),
            }
        }
    }
}
