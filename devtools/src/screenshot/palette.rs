//! The fixed colours of screenshots: a dark terminal with the 16 named colours.

use ratatui::style::Color;

/// An RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// The colour as `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// The colour `amount`/15 of the way from `self` to `to`.
    pub fn mix(self, to: Rgb, amount: u8) -> Rgb {
        let a = u32::from(amount.min(15));
        let step =
            |from: u8, to: u8| ((u32::from(from) * (15 - a) + u32::from(to) * a + 7) / 15) as u8;
        Rgb(step(self.0, to.0), step(self.1, to.1), step(self.2, to.2))
    }
}

/// The terminal's default background.
pub const BACKGROUND: Rgb = Rgb(0x1d, 0x1f, 0x21);
/// The terminal's default foreground.
pub const FOREGROUND: Rgb = Rgb(0xc5, 0xc8, 0xc6);

/// The 16 named colours, in ANSI order (black, red, green, yellow, blue, magenta, cyan,
/// gray, then their bright forms). Chosen to read on the dark background.
pub const NAMED: [Rgb; 16] = [
    Rgb(0x28, 0x2a, 0x2e),
    Rgb(0xe0, 0x6c, 0x75),
    Rgb(0x98, 0xc3, 0x79),
    Rgb(0xe5, 0xc0, 0x7b),
    Rgb(0x61, 0xaf, 0xef),
    Rgb(0xc6, 0x78, 0xdd),
    Rgb(0x56, 0xb6, 0xc2),
    Rgb(0xc5, 0xc8, 0xc6),
    Rgb(0x7f, 0x84, 0x8e),
    Rgb(0xff, 0x7b, 0x86),
    Rgb(0xb5, 0xe8, 0x90),
    Rgb(0xff, 0xd6, 0x8a),
    Rgb(0x8c, 0xc8, 0xff),
    Rgb(0xde, 0x9a, 0xf2),
    Rgb(0x7f, 0xd8, 0xe4),
    Rgb(0xff, 0xff, 0xff),
];

/// The RGB value of a ratatui colour; `Reset` gives `default`.
pub fn rgb(color: Color, default: Rgb) -> Rgb {
    let named = |i: usize| NAMED[i];
    match color {
        Color::Reset => default,
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Rgb(r, g, b) => Rgb(r, g, b),
        Color::Indexed(i) => indexed(i),
    }
}

/// The xterm 256-colour palette: the named 16, a 6x6x6 cube, then 24 greys.
fn indexed(i: u8) -> Rgb {
    match i {
        0..=15 => NAMED[usize::from(i)],
        16..=231 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            let n = i - 16;
            Rgb(level(n / 36), level(n / 6 % 6), level(n % 6))
        }
        _ => {
            let v = 8 + (i - 232) * 10;
            Rgb(v, v, v)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_map_to_the_palette() {
        assert_eq!(rgb(Color::Reset, FOREGROUND), FOREGROUND);
        assert_eq!(rgb(Color::Blue, FOREGROUND).hex(), "#61afef");
        assert_eq!(rgb(Color::Indexed(196), FOREGROUND), Rgb(255, 0, 0));
        assert_eq!(rgb(Color::Indexed(232), FOREGROUND), Rgb(8, 8, 8));
        assert_eq!(Rgb(0, 0, 0).mix(Rgb(150, 15, 255), 15), Rgb(150, 15, 255));
        assert_eq!(Rgb(0, 0, 0).mix(Rgb(150, 30, 255), 0), Rgb(0, 0, 0));
    }
}
