//! Pick mode's two ends: the terminal it draws on (`/dev/tty`, so that standard output
//! stays free for the answer even when it is a pipe), and what it prints on leaving.

use std::io::{self, Write};

/// Exit code when pick mode is left without choosing, as fzf and shells report Ctrl-C.
pub const EXIT_CANCELLED: u8 = 130;

/// How a pick ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Enter: the selected event's id, or the ids marked during the pick.
    Chosen(Vec<String>),
    /// Esc (or q): nothing chosen.
    Cancelled,
}

impl Outcome {
    /// The ids chosen with Enter: those marked during this pick, in the order given, else
    /// the selected one (none when the list is empty).
    pub fn chosen(marked_now: &[String], selected: Option<&str>) -> Outcome {
        if marked_now.is_empty() {
            Outcome::Chosen(selected.map(str::to_string).into_iter().collect())
        } else {
            Outcome::Chosen(marked_now.to_vec())
        }
    }

    /// Prints the chosen ids one per line to `out`; returns the exit code: 0 with ids, 1
    /// when Enter chose nothing (an empty list), 130 when cancelled.
    pub fn finish(&self, out: &mut dyn Write) -> io::Result<u8> {
        match self {
            Outcome::Cancelled => Ok(EXIT_CANCELLED),
            Outcome::Chosen(ids) if ids.is_empty() => Ok(1),
            Outcome::Chosen(ids) => {
                for id in ids {
                    writeln!(out, "{id}")?;
                }
                out.flush()?;
                Ok(0)
            }
        }
    }
}

/// The controlling terminal, opened for reading and writing.
#[cfg(unix)]
pub fn terminal() -> io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
}

/// Whether there is a terminal to draw a pick on.
pub fn has_terminal() -> bool {
    #[cfg(unix)]
    {
        terminal().is_ok()
    }
    #[cfg(not(unix))]
    {
        use std::io::IsTerminal;
        io::stderr().is_terminal()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enter_prints_the_marked_ids_or_the_selected_one() {
        let mut out = Vec::new();
        let marked = ["b".to_string(), "a".to_string()];
        assert_eq!(
            Outcome::chosen(&marked, Some("c"))
                .finish(&mut out)
                .unwrap(),
            0
        );
        assert_eq!(out, b"b\na\n");
        let mut out = Vec::new();
        assert_eq!(Outcome::chosen(&[], Some("c")).finish(&mut out).unwrap(), 0);
        assert_eq!(out, b"c\n");
        let mut out = Vec::new();
        assert_eq!(Outcome::chosen(&[], None).finish(&mut out).unwrap(), 1);
        assert_eq!(Outcome::Cancelled.finish(&mut out).unwrap(), 130);
        assert!(out.is_empty());
    }
}
