//! Where configuration, user events, state and cache live.
//!
//! Defaults come from `directories` (XDG on Linux, `~/Library/...` on macOS, `%APPDATA%` on
//! Windows); each can be overridden by an environment variable. A missing home folder leaves
//! a location unset: the program still runs, with that feature off and a warning.

use std::path::PathBuf;

/// Environment variable naming the config file.
pub const ENV_CONFIG: &str = "CYBERDIPLO_CONFIG";
/// Environment variable naming the folder of user event files.
pub const ENV_EVENTS: &str = "CYBERDIPLO_EVENTS_DIR";
/// Environment variable naming the state folder (marks).
pub const ENV_STATE: &str = "CYBERDIPLO_STATE_DIR";
/// Environment variable naming the cache folder.
pub const ENV_CACHE: &str = "CYBERDIPLO_CACHE_DIR";

/// Every location the program reads or writes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paths {
    /// The config file (`config.ron`); read only, never written.
    pub config_file: Option<PathBuf>,
    /// Folder whose `.ron` files load automatically next to the bundled events.
    pub events_dir: Option<PathBuf>,
    /// Folder for state the program writes: marks.
    pub state_dir: Option<PathBuf>,
    /// Folder for caches that can be deleted at any time.
    pub cache_dir: Option<PathBuf>,
}

impl Paths {
    /// Locations from the environment, falling back to the platform defaults.
    pub fn from_env() -> Paths {
        let dirs = directories::ProjectDirs::from("", "", "cyberdiplo");
        let env = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        Paths {
            config_file: env(ENV_CONFIG)
                .or_else(|| dirs.as_ref().map(|d| d.config_dir().join("config.ron"))),
            events_dir: env(ENV_EVENTS)
                .or_else(|| dirs.as_ref().map(|d| d.data_dir().join("events"))),
            state_dir: env(ENV_STATE).or_else(|| {
                dirs.as_ref()
                    .map(|d| d.state_dir().unwrap_or(d.data_local_dir()).to_path_buf())
            }),
            cache_dir: env(ENV_CACHE)
                .or_else(|| dirs.as_ref().map(|d| d.cache_dir().to_path_buf())),
        }
    }

    /// The marks file inside the state folder.
    pub fn marks_file(&self) -> Option<PathBuf> {
        self.state_dir.as_ref().map(|d| d.join("marks.ron"))
    }

    /// A human-readable table of every location, for `cyberdiplo paths`.
    pub fn describe(&self) -> String {
        let show = |p: &Option<PathBuf>| {
            p.as_ref()
                .map_or("(unavailable: no home folder)".to_string(), |p| {
                    p.display().to_string()
                })
        };
        let marks = self.marks_file();
        format!(
            "config file   {}   (env {ENV_CONFIG})\n\
             user events   {}   (env {ENV_EVENTS}; every .ron file here loads)\n\
             state         {}   (env {ENV_STATE}; marks: {})\n\
             cache         {}   (env {ENV_CACHE})\n",
            show(&self.config_file),
            show(&self.events_dir),
            show(&self.state_dir),
            show(&marks),
            show(&self.cache_dir),
        )
    }
}
