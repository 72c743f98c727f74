//! The layers hold: the model and the presentation layer import no view, no keymap, no
//! terminal library and nothing that reads files or starts threads (see ARCHITECTURE.md).

use std::path::Path;

/// Every `.rs` file under `dir` and the file `dir.rs` next to it.
fn sources(dir: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut pending = vec![root.join(dir)];
    while let Some(path) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&path) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((
                    path.display().to_string(),
                    std::fs::read_to_string(&path).unwrap(),
                ));
            }
        }
    }
    let file = root.join(format!("{dir}.rs"));
    out.push((
        file.display().to_string(),
        std::fs::read_to_string(&file).unwrap(),
    ));
    out
}

fn assert_no_imports(dir: &str, forbidden: &[&str]) {
    for (path, text) in sources(dir) {
        for needle in forbidden {
            assert!(
                !text.contains(needle),
                "{path} uses `{needle}`, which the {dir} layer must not (see ARCHITECTURE.md)"
            );
        }
    }
}

#[test]
fn the_model_knows_no_view_keymap_terminal_files_or_threads() {
    assert_no_imports(
        "app",
        &[
            "crate::ui",
            "crate::keys",
            "crate::tui",
            "crate::cache",
            "crate::state",
            "crate::config",
            "crate::cli",
            "model::load::",
            "ratatui",
            "crossterm",
            "std::fs",
            "std::thread",
        ],
    );
}

#[test]
fn the_presentation_layer_is_pure() {
    assert_no_imports(
        "present",
        &[
            "crate::app",
            "crate::ui",
            "crate::keys",
            "crate::tui",
            "ratatui",
            "crossterm",
            "std::fs",
            "std::thread",
        ],
    );
}
