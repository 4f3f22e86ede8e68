//! Fuzzing harness for `handout`: arbitrary or generated definition files,
//! through load, layout and PDF writing.
//!
//! The bytes are written to `fuzz.toml` in a scratch folder that also holds a
//! small PNG (`img.png`), a handout (`a.toml`) and a brand (`brand.toml`), so
//! image blocks, logos and packets that name them get past the file checks.
//! Each goes through the library's own pipeline (`handout::pipeline`), the
//! code `handout build` runs: a handout or packet is built with the folder's
//! brand, and a brand file builds a small handout with itself. Any panic, hang
//! or runaway allocation is a bug; errors are fine.

pub mod generate;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use handout::layout::LayoutOptions;
use handout::load::{BrandCache, Kind};
use handout::model::Date;
use handout::pdf::PdfOptions;
use handout::pipeline::{build_one, Input, Session};

const SAMPLE: &str = r#"[handout]
title = "Sample **bold** and *italic*"

[[block]]
type = "bullets"
items = ["One", "Two"]
"#;

// A 2×2 grey PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x00, 0x00, 0x00, 0x00, 0x57, 0xDD, 0x52,
    0xF8, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60, 0xF8, 0x0F, 0x84,
    0x00, 0x06, 0x00, 0x01, 0xFF, 0x93, 0xD1, 0xE4, 0x89, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E,
    0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// The scratch folder, made once per process with the files the inputs may name.
pub fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("handout-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder");
        std::fs::write(dir.join("img.png"), PNG).expect("png");
        std::fs::write(dir.join("a.toml"), SAMPLE).expect("handout");
        std::fs::write(
            dir.join("brand.toml"),
            "[brand]\nname = \"Fuzz Clinic\"\nlogo = \"img.png\"\n",
        )
        .expect("brand");
        dir
    })
}

fn session(brand: Option<PathBuf>, large_print: bool) -> Session {
    Session {
        cache: BrandCache::default(),
        brand_override: brand,
        layout: LayoutOptions {
            paper: None,
            large_print,
        },
        pdf: PdfOptions { created: 0, helpers: 0 },
        manifest: false,
        today: Date {
            year: 2026,
            month: 1,
            day: 1,
        },
        strict: false,
    }
}

/// Builds one file through the library's pipeline, as `handout build` does,
/// and checks that a PDF it writes parses.
fn build(path: &Path, session: &Session) -> Option<Kind> {
    let input = Input {
        path: path.to_path_buf(),
        output: PathBuf::from("out.pdf"),
        named: true,
    };
    let result = build_one(&input, session, true);
    for diagnostic in &result.diagnostics {
        // Formatting must not panic either, whatever the positions.
        let _ = diagnostic.to_string();
    }
    if let Some(bytes) = &result.pdf {
        assert!(
            lopdf::Document::load_mem(bytes).is_ok(),
            "the PDF written does not parse"
        );
    }
    result.kind
}

/// Writes `data` as `fuzz.toml` and runs it through everything; panics only on a bug.
///
/// A handout or packet is built with the scratch folder's brand; a brand file
/// is used to build the scratch folder's handout.
pub fn run_file(data: &[u8]) {
    let dir = scratch();
    let path = dir.join("fuzz.toml");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let large_print = data.len().is_multiple_of(3);
    if build(&path, &session(None, large_print)) == Some(Kind::Brand) {
        build(&dir.join("a.toml"), &session(Some(path), large_print));
    }
}

/// Text with letters from outside the first 0x250 code points, so layout asks
/// the font's character map for glyphs the loading check did not look up.
const FONT_SAMPLE: &str = r#"[handout]
title = "Font “check” — it’s **bold** and *italic*"

[[block]]
type = "text"
text = "Día, niño, café… 1–2 “quotes” ‘single’ • € ½ ﬁ Ω → ✓"

[[block]]
type = "checklist"
items = ["One", "***Two***"]
"#;

/// Writes `data` as a brand's regular font and builds a handout with it.
pub fn run_font(data: &[u8]) {
    let dir = scratch();
    let font = dir.join("font.ttf");
    let brand_path = dir.join("font-brand.toml");
    let handout_path = dir.join("font-handout.toml");
    if std::fs::write(&font, data).is_err()
        || std::fs::write(
            &brand_path,
            "[brand]\nname = \"Clinic\"\n\n[brand.fonts]\nregular = \"font.ttf\"\n",
        )
        .is_err()
        || std::fs::write(&handout_path, FONT_SAMPLE).is_err()
    {
        return;
    }
    build(&handout_path, &session(Some(brand_path), false));
}
