//! The committed screenshots match what the explorer renders today.
//!
//! When the UI changes, regenerate them with `cargo run --example screenshots` (or run this
//! test with `CYBERDIPLO_UPDATE_SCREENSHOTS=1`) and commit the new images.

use std::path::{Path, PathBuf};

use cyberdiplo_devtools::screenshot::{scene, to_png, to_svg};

const REGENERATE: &str = "the UI changed: regenerate with `cargo run --example screenshots` \
     (or CYBERDIPLO_UPDATE_SCREENSHOTS=1 cargo test --test screenshots) and commit screenshots/";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots")
}

#[test]
fn committed_screenshots_match_the_app() {
    let update = std::env::var_os("CYBERDIPLO_UPDATE_SCREENSHOTS").is_some_and(|v| !v.is_empty());
    let mut stale = Vec::new();
    for scene in scene::scenes() {
        let files = [
            (
                format!("{}.svg", scene.name),
                to_svg(&scene.buffer, scene.title).into_bytes(),
            ),
            (format!("{}.png", scene.name), to_png(&scene.buffer)),
        ];
        for (name, fresh) in files {
            let path = dir().join(&name);
            if update {
                std::fs::write(&path, &fresh).unwrap();
            } else if std::fs::read(&path).ok().as_deref() != Some(&fresh[..]) {
                stale.push(name);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale screenshots {stale:?}: {REGENERATE}"
    );
}

#[test]
fn readme_shows_every_screenshot() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for scene in scene::scenes() {
        let link = format!("screenshots/{}.", scene.name);
        assert!(
            readme.contains(&link),
            "README.md does not show {link}svg or .png"
        );
    }
}
