//! Saved views: queries kept under a name in `views.ron`, used as `@name` in a query and
//! by `cyberdiplo list --view NAME`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::file;

/// Name of the views file in the state folder.
pub const FILE: &str = "views.ron";
/// Longest view name.
pub const MAX_NAME: usize = 40;

/// What `views.ron` holds.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ViewsFile {
    /// Query of each view, by name.
    views: BTreeMap<String, String>,
}

/// The saved views, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Views {
    /// Query of each view, by name.
    pub by_name: BTreeMap<String, String>,
}

impl Views {
    /// The query saved under `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.by_name.get(name).map(String::as_str)
    }
}

/// The views file in `state_dir`.
pub fn path(state_dir: &Path) -> PathBuf {
    state_dir.join(FILE)
}

/// Checks a view name: 1 to 40 of `a-z`, `0-9`, `-` and `_`, so that `@name` ends at the
/// first other character and needs no quoting in a shell.
pub fn check_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= MAX_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "bad view name `{}`: use 1 to {MAX_NAME} of a-z, 0-9, - and _",
            crate::text::escape_for_message(name)
        ))
    }
}

/// Reads the views; a missing file means none. Errors say `file:line:col`.
pub fn load(path: &Path) -> Result<Views, String> {
    let Some(text) = file::read_text(path).map_err(|e| e.to_string())? else {
        return Ok(Views::default());
    };
    ron::from_str::<ViewsFile>(&text)
        .map(|f| Views { by_name: f.views })
        .map_err(|e| file::ron_error(path, &e))
}

/// Saves `query` under `name`, replacing a view of that name; returns the previous query.
///
/// The file is re-read first, so views saved meanwhile by another explorer are kept; a
/// file that does not parse is left as it is and the error returned.
pub fn save(path: &Path, name: &str, query: &str) -> Result<Option<String>, String> {
    check_name(name)?;
    let mut views = load(path)?;
    let previous = views
        .by_name
        .insert(name.to_string(), query.trim().to_string());
    write(path, views)?;
    Ok(previous)
}

/// Deletes the view `name`; returns its query, or `None` when there was no such view.
pub fn delete(path: &Path, name: &str) -> Result<Option<String>, String> {
    let mut views = load(path)?;
    let removed = views.by_name.remove(name);
    if removed.is_some() {
        write(path, views)?;
    }
    Ok(removed)
}

fn write(path: &Path, views: Views) -> Result<(), String> {
    let text = ron::ser::to_string_pretty(
        &ViewsFile {
            views: views.by_name,
        },
        ron::ser::PrettyConfig::default(),
    )
    .map_err(|e| e.to_string())?;
    file::write(path, format!("{text}\n").as_bytes()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_views_read_back_and_replace_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = path(dir.path());
        assert_eq!(save(&path, "eap", "tallinn").unwrap(), None);
        assert_eq!(save(&path, "cc", " kind:cc ").unwrap(), None);
        assert_eq!(
            save(&path, "eap", "tag:eastern").unwrap().as_deref(),
            Some("tallinn")
        );
        let views = load(&path).unwrap();
        assert_eq!(views.get("eap"), Some("tag:eastern"));
        assert_eq!(views.get("cc"), Some("kind:cc"));
        assert_eq!(delete(&path, "cc").unwrap().as_deref(), Some("kind:cc"));
        assert_eq!(delete(&path, "cc").unwrap(), None);
        assert_eq!(load(&path).unwrap().by_name.len(), 1);
    }

    #[test]
    fn a_broken_file_is_reported_with_its_position_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = path(dir.path());
        std::fs::write(&path, "(views: {\"a\": 1})").unwrap();
        let err = save(&path, "b", "x").unwrap_err();
        assert!(err.starts_with(&format!("{}:1:", path.display())), "{err}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "(views: {\"a\": 1})"
        );
    }

    #[test]
    fn names_are_short_lowercase_slugs() {
        assert!(check_name("my-view_2").is_ok());
        for bad in ["", "Tallinn", "a b", "@x", &"x".repeat(41)] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
    }
}
