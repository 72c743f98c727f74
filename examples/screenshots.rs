//! Writes the README's screenshots: `cargo run --example screenshots`.
//!
//! Each scene of `cyberdiplo_devtools::screenshot::scene` is rendered like the explorer draws it and
//! saved as `screenshots/<name>.svg` and `screenshots/<name>.png`; `tests/screenshots.rs`
//! fails when these files no longer match what the app renders.

use std::path::Path;

use cyberdiplo_devtools::screenshot::{scene, to_png, to_svg};

fn main() -> std::io::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&dir)?;
    for scene in scene::scenes() {
        let svg = dir.join(format!("{}.svg", scene.name));
        let png = dir.join(format!("{}.png", scene.name));
        std::fs::write(&svg, to_svg(&scene.buffer, scene.title))?;
        std::fs::write(&png, to_png(&scene.buffer))?;
        println!("wrote {} and {}", svg.display(), png.display());
    }
    Ok(())
}
