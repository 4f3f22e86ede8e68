//! The shape of the code: the model is plain data, and block types have one home each.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn source(dir: &str) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
    assert!(!files.is_empty(), "no Rust files under {dir}");
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read");
            (p, text)
        })
        .collect()
}

#[test]
fn the_model_imports_no_fonts_layout_pdf_or_pixels() {
    let forbidden = [
        "crate::text",
        "crate::layout",
        "crate::pdf",
        "crate::load",
        "crate::assets",
        "crate::pipeline",
        "crate::cli",
        "DynamicImage",
        "LoadedImage",
        "FontSet",
        "skrifa",
    ];
    for (path, text) in source("src/model") {
        for word in forbidden {
            assert!(
                !text.contains(word),
                "{} uses {word}: the model is plain data",
                path.display()
            );
        }
    }
}

#[test]
fn only_the_layout_dispatch_and_the_model_match_on_block_kinds() {
    // The kinds are matched in one place a layer: the model's own dispatch and
    // the layout's. Everything else reads a block through its texts, tallies
    // and settings.
    let allowed = [
        "src/model/blocks/mod.rs",
        "src/layout/blocks/mod.rs",
        // Its table test: every kind of the model has a reader.
        "src/load/blocks/mod.rs",
    ];
    for dir in ["src", "tests"] {
        for (path, text) in source(dir) {
            let shown = path.display().to_string();
            if allowed.iter().any(|a| shown.ends_with(a)) || shown.ends_with("tests/structure.rs") {
                continue;
            }
            assert!(
                !text.contains("BlockKind::"),
                "{shown} matches on block kinds; use Block::texts, tallies or settings"
            );
        }
    }
}
