//! Fuzzing harness for `handout`: arbitrary or generated definition files,
//! through load, layout and PDF writing.
//!
//! The bytes are written to `fuzz.toml` in a scratch folder that also holds a
//! small PNG (`img.png`), a handout (`a.toml`) and a brand (`brand.toml`), so
//! image blocks, logos and packets that name them get past the file checks.
//! A handout is laid out with the bundled brand; a brand file lays out a small
//! handout with itself; a packet binds the handouts it names. Any panic, hang
//! or runaway allocation is a bug; errors are fine.

pub mod generate;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use handout::layout::{layout_document, layout_handout, layout_packet, LayoutOptions, PacketParts};
use handout::load::{default_brand, load_definition, without_panic, BrandCache, Definition};
use handout::model::{BlockKind, Brand, Handout, LoadedImage};
use handout::pdf::{render_pdf, PdfOptions};

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

fn images(brand: &Brand, handouts: &[&Handout]) -> Vec<Arc<LoadedImage>> {
    let mut out: Vec<Arc<LoadedImage>> = brand.logo.iter().cloned().collect();
    for handout in handouts {
        for block in &handout.blocks {
            if let BlockKind::Image { image, .. } = &block.kind {
                if !out.iter().any(|i| i.key == image.key) {
                    out.push(image.clone());
                }
            }
        }
    }
    out
}

fn render(doc: &handout::layout::Document, brand: &Brand, imgs: &[Arc<LoadedImage>]) {
    if let Ok(bytes) = render_pdf(doc, &brand.fonts, imgs, PdfOptions { created: 0 }) {
        assert!(
            lopdf::Document::load_mem(&bytes).is_ok(),
            "the PDF written does not parse"
        );
    }
}

fn handout_through(handout: &Handout, brand: &Brand, options: &LayoutOptions) {
    if let Ok((doc, _)) = layout_document(handout, brand, options) {
        render(&doc, brand, &images(brand, &[handout]));
    }
}

/// Writes `data` as `fuzz.toml` and runs it through everything; panics only on a bug.
pub fn run_file(data: &[u8]) {
    let dir = scratch();
    let path = dir.join("fuzz.toml");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let cache = BrandCache::default();
    let options = LayoutOptions {
        paper: None,
        large_print: data.len().is_multiple_of(3),
    };
    let loaded = load_definition(&path, &cache);
    for diagnostic in &loaded.diagnostics {
        // Formatting must not panic either, whatever the positions.
        let _ = diagnostic.to_string();
    }
    if let Some(Definition::Handout(partial)) = &loaded.partial {
        // What `check` does with a handout that has errors.
        for diagnostic in handout::layout::check_coverage(partial, &default_brand()) {
            let _ = diagnostic.to_string();
        }
    }
    match loaded.definition {
        Some(Definition::Handout(handout)) => {
            handout_through(&handout, &default_brand(), &options);
        }
        Some(Definition::Brand(brand)) => {
            if let Some(Definition::Handout(sample)) =
                load_definition(&dir.join("a.toml"), &cache).definition
            {
                handout_through(&sample, &brand, &options);
            }
        }
        Some(Definition::Packet(packet)) => {
            let brand = default_brand();
            let mut handouts = Vec::new();
            for (path, _) in packet.handouts.iter().take(8) {
                // The pipeline refuses a packet that names itself; so does this harness.
                if path.file_name().is_some_and(|n| n == "fuzz.toml") {
                    continue;
                }
                if let Some(Definition::Handout(h)) = load_definition(path, &cache).definition {
                    handouts.push(*h);
                }
            }
            let mut parts = Vec::new();
            for handout in &handouts {
                match layout_handout(handout, &brand, &options) {
                    Ok(part) => parts.push(part),
                    Err(_) => return,
                }
            }
            let Ok((doc, _)) = layout_packet(
                &packet,
                &brand,
                &options,
                PacketParts {
                    handouts: parts,
                    langs: handouts.iter().map(|h| h.lang).collect(),
                },
            ) else {
                return;
            };
            let refs: Vec<&Handout> = handouts.iter().collect();
            render(&doc, &brand, &images(&brand, &refs));
        }
        None => {}
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
    let cache = BrandCache::default();
    let Some(Definition::Brand(brand)) = load_definition(&brand_path, &cache).definition else {
        return;
    };
    let Some(Definition::Handout(handout)) = load_definition(&handout_path, &cache).definition
    else {
        return;
    };
    let options = LayoutOptions {
        paper: None,
        large_print: false,
    };
    if let Ok((doc, _)) = layout_document(&handout, &brand, &options) {
        let imgs = images(&brand, &[&handout]);
        // As in the pipeline: the subsetter is another crate's code.
        let _ = without_panic(|| render_pdf(&doc, &brand.fonts, &imgs, PdfOptions { created: 0 }));
    }
}
