//! Copying to the clipboard through the terminal: an OSC 52 sequence, wrapped for tmux
//! or GNU screen when the explorer runs inside one, so copying works over SSH too.

use base64::Engine;

/// Longest text sent: many terminals ignore larger OSC 52 payloads (xterm's default limit
/// is about 100 000 bytes of base64).
pub const MAX_BYTES: usize = 74_000;

/// What the explorer runs inside, which decides how the sequence is wrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    /// The terminal itself.
    Terminal,
    /// tmux (`$TMUX` set): a DCS passthrough, inner escapes doubled.
    Tmux,
    /// GNU screen (`$STY` set): DCS passthrough in chunks screen accepts.
    Screen,
}

impl Host {
    /// The host named by the environment: `$TMUX`, then `$STY`.
    pub fn from_env() -> Host {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        if set("TMUX") {
            Host::Tmux
        } else if set("STY") {
            Host::Screen
        } else {
            Host::Terminal
        }
    }
}

/// Why a text could not be copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyError {
    /// Nothing to copy.
    Empty,
    /// Larger than [`MAX_BYTES`].
    TooLarge(usize),
}

impl std::fmt::Display for CopyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CopyError::Empty => f.write_str("nothing to copy"),
            CopyError::TooLarge(n) => {
                write!(f, "too long to copy ({n} bytes; {MAX_BYTES} at most)")
            }
        }
    }
}

/// The bytes that put `text` on the system clipboard, for `host`.
pub fn osc52(text: &str, host: Host) -> Result<String, CopyError> {
    if text.is_empty() {
        return Err(CopyError::Empty);
    }
    if text.len() > MAX_BYTES {
        return Err(CopyError::TooLarge(text.len()));
    }
    let payload = base64::engine::general_purpose::STANDARD.encode(text);
    let sequence = format!("\x1b]52;c;{payload}\x07");
    Ok(match host {
        Host::Terminal => sequence,
        // Plain, for tmux's own `set-clipboard on` (a tmux buffer, and the outer terminal's
        // clipboard); then wrapped in a DCS passthrough with its ESCs doubled, which tmux
        // 3.3+ forwards to the outer terminal with `allow-passthrough on`.
        Host::Tmux => format!(
            "{sequence}\x1bPtmux;{}\x1b\\",
            sequence.replace('\x1b', "\x1b\x1b")
        ),
        // screen limits one DCS string to 768 bytes: send the sequence in pieces.
        Host::Screen => {
            let mut out = String::new();
            let bytes = sequence.as_bytes();
            for chunk in bytes.chunks(76) {
                out.push_str("\x1bP");
                // The sequence is ASCII (base64), so any split is on a char boundary.
                out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
                out.push_str("\x1b\\");
            }
            out
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_tmux_and_screen_sequences() {
        assert_eq!(osc52("hi", Host::Terminal).unwrap(), "\x1b]52;c;aGk=\x07");
        assert_eq!(
            osc52("hi", Host::Tmux).unwrap(),
            "\x1b]52;c;aGk=\x07\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"
        );
        let text = "Luleå ".repeat(30);
        let screen = osc52(&text, Host::Screen).unwrap();
        let pieces: Vec<&str> = screen.split("\x1b\\").filter(|p| !p.is_empty()).collect();
        assert!(pieces.len() > 2);
        assert!(
            pieces
                .iter()
                .all(|p| p.starts_with("\x1bP") && p.len() <= 78)
        );
        let joined: String = pieces.iter().map(|p| &p[2..]).collect();
        assert_eq!(joined, osc52(&text, Host::Terminal).unwrap());
    }

    #[test]
    fn empty_and_oversized_texts_are_refused() {
        assert_eq!(osc52("", Host::Terminal), Err(CopyError::Empty));
        let big = "x".repeat(MAX_BYTES + 1);
        assert_eq!(
            osc52(&big, Host::Tmux),
            Err(CopyError::TooLarge(MAX_BYTES + 1))
        );
    }
}
