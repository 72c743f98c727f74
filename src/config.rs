//! The user's configuration file: read, never written; a broken file means defaults and a
//! warning that says where.

use std::path::Path;

use serde::Deserialize;

use crate::model::load::scan::Pos;
use crate::model::{Date, Lang};

pub use crate::sort::SortOrder;

/// Colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeName {
    /// The 16-colour palette, readable on dark and light backgrounds.
    #[default]
    Default,
    /// No colours at all: bold, reverse and underline only (as with `NO_COLOR`).
    None,
}

/// Settings from `config.ron`. Every field is optional.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Language of titles and summaries at start.
    pub lang: Lang,
    /// Order of results.
    pub sort: SortOrder,
    /// Colour theme.
    pub theme: ThemeName,
    /// Whether the explorer captures the mouse.
    pub mouse: bool,
    /// The date shown as "today" (for tests and reproducible screenshots).
    pub today: Option<Date>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            lang: Lang::En,
            sort: SortOrder::Date,
            theme: ThemeName::Default,
            mouse: true,
            today: None,
        }
    }
}

/// A config and the warning, if any, met while reading it.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The settings in force.
    pub config: Config,
    /// Why the file was not used, as `file:line:col: message`.
    pub warning: Option<String>,
}

/// Parses config text; `name` is used in the warning.
pub fn parse(name: &str, text: &str) -> Settings {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('#') {
        return Settings {
            config: Config::default(),
            warning: Some(format!(
                "{name}:1:1: RON attributes are not allowed; using default settings"
            )),
        };
    }
    let options = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(8);
    match options.from_str::<Config>(text) {
        Ok(config) => Settings {
            config,
            warning: None,
        },
        Err(e) => {
            let Pos { line, col } = Pos {
                line: e.span.start.line,
                col: e.span.start.col,
            };
            Settings {
                config: Config::default(),
                warning: Some(format!(
                    "{name}:{line}:{col}: {}; using default settings",
                    crate::text::escape_for_message(&e.code.to_string())
                )),
            }
        }
    }
}

/// Reads the config file; a missing file is not an error. Anything but a regular file of at
/// most 1 MB (see [`crate::file::ENV_MAX_CONFIG_KB`]) gives defaults and a warning.
pub fn read(path: Option<&Path>) -> Settings {
    let Some(path) = path else {
        return Settings::default();
    };
    let name = path.display().to_string();
    // Only a regular file within the size limit: a FIFO or /dev/zero here must not hang or
    // exhaust memory, even for `cyberdiplo paths`.
    match crate::file::read_regular(path, crate::file::Limit::config()) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse(&name, &text),
            Err(_) => Settings {
                config: Config::default(),
                warning: Some(format!(
                    "{name}: not valid UTF-8 text; using default settings"
                )),
            },
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Settings::default(),
        Err(e) => Settings {
            config: Config::default(),
            warning: Some(format!("{name}: not read ({e}); using default settings")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_setting() {
        let loaded = parse(
            "c.ron",
            "(lang: fr, sort: relevance, theme: none, mouse: false, today: \"2024-01-02\")",
        );
        assert_eq!(loaded.warning, None);
        assert_eq!(loaded.config.lang, Lang::Fr);
        assert_eq!(loaded.config.sort, SortOrder::Relevance);
        assert_eq!(loaded.config.theme, ThemeName::None);
        assert!(!loaded.config.mouse);
        assert_eq!(
            loaded.config.today.map(|d| d.to_string()),
            Some("2024-01-02".into())
        );
    }

    #[test]
    fn empty_struct_gives_defaults() {
        assert_eq!(parse("c.ron", "()").config, Config::default());
    }

    #[test]
    fn broken_config_warns_with_position_and_uses_defaults() {
        let loaded = parse("c.ron", "(\n  lang: de,\n)");
        assert_eq!(loaded.config, Config::default());
        let warning = loaded.warning.unwrap_or_default();
        assert!(warning.starts_with("c.ron:2:9: "), "{warning}");
        assert!(warning.ends_with("using default settings"), "{warning}");
        let loaded = parse("c.ron", "(colour: red)");
        assert!(loaded.warning.is_some_and(|w| w.contains("`colour`")));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_a_device_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("config.ron");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: `c` is a valid NUL-terminated path for the whole call.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let warning = read(Some(&fifo)).warning.unwrap_or_default();
        assert!(
            warning.contains("config.ron: not read (is a FIFO (named pipe), not a regular file)"),
            "{warning}"
        );
        let warning = read(Some(Path::new("/dev/zero")))
            .warning
            .unwrap_or_default();
        assert!(warning.contains("is a character device"), "{warning}");
    }

    #[test]
    fn a_config_over_the_limit_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.ron");
        let mut text = String::from("(");
        text.push_str(&" ".repeat(crate::file::DEFAULT_MAX_CONFIG as usize));
        text.push(')');
        std::fs::write(&path, text).unwrap();
        let warning = read(Some(&path)).warning.unwrap_or_default();
        assert!(
            warning.contains(
                "over the 1 MB limit for the config file (set CYBERDIPLO_MAX_CONFIG_KB to raise it)"
            ),
            "{warning}"
        );
    }

    #[test]
    fn missing_file_is_silent() {
        let loaded = read(Some(Path::new("/nonexistent/cyberdiplo/config.ron")));
        assert_eq!(loaded.warning, None);
    }
}
