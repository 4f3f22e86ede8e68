//! A bounded property test: random but plausible handouts through the library
//! pipeline (load, layout, render) never panic, every diagnostic says where it
//! is, and every PDF that comes out parses with lopdf.
//!
//! The generator is a small seeded PRNG, so a failure names its seed and can be
//! replayed with `HANDOUT_PROPERTY_SEED=<seed> cargo test --test property`;
//! `HANDOUT_PROPERTY_CASES=<n>` runs more cases than the default.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use handout::diag::Source;
use handout::layout::{layout_document, LayoutOptions};
use handout::load::{parse_definition, BrandCache, Definition, LoadedBrand};
use handout::model::Paper;
use handout::pdf::{render_pdf, PdfOptions};

/// Cases per run: enough to reach every block type many times, and quick in debug builds.
const CASES: u64 = 300;

/// SplitMix64: tiny, seedable and good enough to pick from lists. `mischief`
/// cases (one in five) also get values that must be errors.
struct Rng(u64, bool);

impl Rng {
    /// True with probability `percent` in 100, in a case that makes mistakes.
    fn mistake(&mut self, percent: usize) -> bool {
        self.1 && self.chance(percent)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `percent` in 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "kratom",
    "withdrawal",
    "family",
    "sleep",
    "water",
    "doctor",
    "call",
    "help",
    "the",
    "a",
    "and",
    "of",
    "to",
    "is",
    "día",
    "niño",
    "über",
    "café",
    "988",
    "1-800-662-4357",
    "riverbend.example.org",
    "https://findtreatment.gov/locator",
    "5",
    "*",
    "3",
    "e.g.",
    "buprenorphine",
    "counterproductive",
    "responsibilities",
    "—",
    "“quoted”",
    "it’s",
    "don't",
    "100%",
    "$20",
    "(see",
    "below)",
    "A/B",
    "x²",
    "½",
];

/// Words no bundled font can draw: they must give errors, never boxes or panics.
const UNDRAWABLE: &[&str] = &["✓", "😀", "中文", "→", "♥"];

/// Random text with inline markup, some of it unbalanced.
fn text(rng: &mut Rng, max_words: usize) -> String {
    let count = 1 + rng.below(max_words);
    let mut out = String::new();
    for i in 0..count {
        if i > 0 {
            out.push(if rng.chance(3) { '\n' } else { ' ' });
        }
        let word = if rng.mistake(2) {
            rng.pick(UNDRAWABLE).to_string()
        } else if rng.chance(2) {
            "w".repeat(20 + rng.below(200))
        } else {
            rng.pick(WORDS).to_string()
        };
        match rng.below(12) {
            0 => write!(out, "**{word}**"),
            1 => write!(out, "*{word}*"),
            2 => write!(out, "**{word}"),
            3 => write!(out, "*{word}"),
            _ => write!(out, "{word}"),
        }
        .expect("write to a string");
    }
    out
}

/// A TOML string literal on one line: basic (escaped) or literal.
fn inline(rng: &mut Rng, text: &str) -> String {
    let text = text.replace('\n', " ");
    if rng.chance(25) && !text.contains('\'') {
        format!("'{text}'")
    } else {
        literal(rng, &text)
    }
}

/// A TOML string literal: basic (escaped), literal, or multi-line.
fn literal(rng: &mut Rng, text: &str) -> String {
    match rng.below(4) {
        0 if !text.contains('\'') && !text.contains('\n') => format!("'{text}'"),
        1 if !text.contains("\"\"\"") && !text.ends_with('"') && !text.contains('\\') => {
            format!("\"\"\"\n{text}\n\"\"\"")
        }
        _ => {
            let mut out = String::from("\"");
            for c in text.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }
    }
}

fn items(rng: &mut Rng, max: usize, words: usize) -> String {
    let count = 1 + rng.below(max);
    let list: Vec<String> = (0..count)
        .map(|_| {
            let t = text(rng, words);
            inline(rng, &t)
        })
        .collect();
    format!("[{}]", list.join(", "))
}

fn block(rng: &mut Rng, out: &mut String) {
    let kinds = [
        "heading",
        "text",
        "bullets",
        "steps",
        "checklist",
        "callout",
        "timeline",
        "contacts",
        "image",
        "page-break",
        "table",
    ];
    let kind = rng.pick(&kinds);
    writeln!(out, "\n[[block]]\ntype = \"{kind}\"").expect("write");
    let line = |out: &mut String, key: &str, value: String| {
        writeln!(out, "{key} = {value}").expect("write");
    };
    match kind {
        "heading" => {
            let t = text(rng, 8);
            let t = literal(rng, &t.replace('\n', " "));
            line(out, "text", t);
            if rng.chance(50) {
                line(out, "level", (1 + rng.below(2)).to_string());
            }
        }
        "text" => {
            let mut paragraphs = Vec::new();
            for _ in 0..1 + rng.below(4) {
                paragraphs.push(text(rng, 120));
            }
            let t = paragraphs.join("\n\n");
            line(out, "text", literal(rng, &t));
        }
        "bullets" | "steps" | "checklist" => {
            if rng.chance(40) {
                let t = text(rng, 5).replace('\n', " ");
                line(out, "title", literal(rng, &t));
            }
            line(out, "items", items(rng, 12, 25));
        }
        "callout" => {
            line(
                out,
                "tone",
                format!("\"{}\"", rng.pick(&["info", "warning", "emergency"])),
            );
            if rng.chance(60) {
                let t = text(rng, 5).replace('\n', " ");
                line(out, "title", literal(rng, &t));
            }
            let with_text = rng.chance(60);
            if with_text {
                let t = text(rng, 40);
                line(out, "text", literal(rng, &t));
            }
            if !with_text || rng.chance(50) {
                line(out, "items", items(rng, 6, 12));
            }
        }
        "timeline" => {
            if rng.chance(50) {
                let t = text(rng, 5).replace('\n', " ");
                line(out, "title", literal(rng, &t));
            }
            for _ in 0..1 + rng.below(6) {
                out.push_str("[[block.phase]]\n");
                let label = text(rng, 3).replace('\n', " ");
                line(out, "label", literal(rng, &label));
                if rng.chance(70) {
                    let when = text(rng, 4).replace('\n', " ");
                    line(out, "when", literal(rng, &when));
                }
                if rng.chance(80) {
                    line(out, "items", items(rng, 5, 6));
                }
            }
        }
        "contacts" => {
            let count = rng.below(4);
            let entries: Vec<String> = (0..count)
                .map(|_| {
                    let label = text(rng, 4).replace('\n', " ");
                    let value =
                        rng.pick(&["988", "1-800-662-4357", "help@example.org", "example.org/a"]);
                    format!("{{ label = {}, value = \"{value}\" }}", inline(rng, &label))
                })
                .collect();
            if count > 0 || rng.chance(50) {
                line(out, "items", format!("[{}]", entries.join(", ")));
            }
        }
        "image" => {
            let path = if rng.mistake(30) {
                "missing.png"
            } else {
                rng.pick(&["wide.png", "tall.png"])
            };
            line(out, "path", format!("\"{path}\""));
            line(out, "alt", "\"A picture\"".into());
            if rng.chance(50) {
                let width = if rng.mistake(30) {
                    [0.0, 1.5][rng.below(2)]
                } else {
                    [0.25, 0.5, 1.0][rng.below(3)]
                };
                line(out, "width", format!("{width:?}"));
            }
        }
        "table" => {
            if rng.chance(50) {
                let t = text(rng, 5).replace('\n', " ");
                line(out, "title", literal(rng, &t));
            }
            let columns = if rng.mistake(20) { 7 } else { 1 + rng.below(6) };
            let cell = |rng: &mut Rng, words: usize| {
                let t = text(rng, words).replace('\n', " ");
                inline(rng, &t)
            };
            let header: Vec<String> = (0..columns).map(|_| cell(rng, 3)).collect();
            line(out, "header", format!("[{}]", header.join(", ")));
            let rows: Vec<String> = (0..1 + rng.below(12))
                .map(|_| {
                    let count = if rng.mistake(10) {
                        columns + 1
                    } else {
                        columns
                    };
                    let cells: Vec<String> = (0..count)
                        .map(|_| {
                            if rng.chance(40) {
                                "\"\"".to_string()
                            } else {
                                cell(rng, 12)
                            }
                        })
                        .collect();
                    format!("[{}]", cells.join(", "))
                })
                .collect();
            line(out, "rows", format!("[{}]", rows.join(", ")));
            if rng.chance(30) {
                let widths: Vec<String> = (0..columns)
                    .map(|_| {
                        if rng.mistake(20) {
                            "0".to_string()
                        } else {
                            (1 + rng.below(4)).to_string()
                        }
                    })
                    .collect();
                line(out, "widths", format!("[{}]", widths.join(", ")));
            }
        }
        _ => {}
    }
}

fn handout(rng: &mut Rng) -> String {
    let mut out = String::from("[handout]\n");
    let title = text(rng, 10).replace('\n', " ");
    writeln!(out, "title = {}", literal(rng, &title)).expect("write");
    if rng.chance(50) {
        let subtitle = text(rng, 10).replace('\n', " ");
        writeln!(out, "subtitle = {}", literal(rng, &subtitle)).expect("write");
    }
    if rng.chance(40) {
        writeln!(
            out,
            "paper = \"{}\"",
            if rng.mistake(30) {
                "leter"
            } else {
                rng.pick(&["letter", "a4", "legal"])
            }
        )
        .expect("write");
    }
    if rng.chance(30) {
        writeln!(out, "lang = \"{}\"", rng.pick(&["en", "es"])).expect("write");
    }
    if rng.chance(30) {
        writeln!(
            out,
            "reviewed = {}",
            if rng.mistake(30) {
                "\"2026-02-30\""
            } else {
                rng.pick(&["\"2026-11-01\"", "2026-02-28"])
            }
        )
        .expect("write");
    }
    if rng.chance(20) {
        let pages = if rng.mistake(30) { 0 } else { 1 + rng.below(8) };
        writeln!(out, "max_pages = {pages}").expect("write");
    }
    for _ in 0..rng.below(14) {
        block(rng, &mut out);
    }
    out
}

/// A small PNG made with the image crate (a dependency of the library).
fn write_png(path: &Path, width: u32, height: u32) {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 9) as u8, (y * 5) as u8, 120])
    });
    image.save(path).expect("write png");
}

/// How far a case got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reached {
    LoadError,
    LayoutError,
    Rendered,
}

/// Runs one generated handout through the pipeline; panics on a broken property.
fn check_case(seed: u64, dir: &Path) -> Reached {
    let mut rng = Rng(seed, seed.is_multiple_of(5));
    let text = handout(&mut rng);
    let source = Arc::new(Source::new(
        dir.join(format!("case-{seed}.toml")),
        text.clone(),
    ));
    let loaded = parse_definition(source, &BrandCache::default());
    let context = || format!("seed {seed}:\n{text}");
    for diagnostic in &loaded.diagnostics {
        assert!(diagnostic.file.is_some(), "{}\n{diagnostic:?}", context());
        let shown = diagnostic.to_string();
        assert!(!diagnostic.message.ends_with('.'), "{}\n{shown}", context());
    }
    if std::env::var_os("HANDOUT_PROPERTY_VERBOSE").is_some() {
        if let Some(first) = loaded.diagnostics.iter().find(|d| d.is_error()) {
            eprintln!("seed {seed}: {first}");
        }
    }
    let Some(Definition::Handout(handout)) = loaded.definition else {
        assert!(
            loaded.diagnostics.iter().any(|d| d.is_error()),
            "no handout and no error: {}",
            context()
        );
        return Reached::LoadError;
    };
    let mut brand = LoadedBrand::bundled();
    if rng.chance(30) {
        brand.brand.phone = None;
        brand.brand.website = None;
        brand.brand.tagline = None;
    }
    let options = LayoutOptions {
        paper: if rng.chance(20) {
            Some(Paper::A4)
        } else {
            None
        },
        large_print: rng.chance(25),
    };
    let (mut document, warnings) = match layout_document(&handout, &brand, &brand.fonts, &options) {
        Ok(laid_out) => laid_out,
        Err(errors) => {
            if std::env::var_os("HANDOUT_PROPERTY_VERBOSE").is_some() {
                eprintln!("seed {seed}: {}", errors[0]);
            }
            assert!(!errors.is_empty(), "{}", context());
            for error in &errors {
                assert!(error.file.is_some(), "{}\n{error}", context());
            }
            return Reached::LayoutError;
        }
    };
    for warning in &warnings {
        let _ = warning.to_string();
    }
    document.keep_images(&loaded.images);
    let render = |helpers| {
        render_pdf(
            &document,
            PdfOptions {
                created: 0,
                helpers,
            },
        )
        .unwrap_or_else(|e| panic!("render with {helpers} helpers failed: {e}\n{}", context()))
    };
    let bytes = render(0);
    // A helper thread (images and streams compressed beside the pages) changes no byte.
    if seed.is_multiple_of(4) {
        assert!(
            render(1) == bytes,
            "a helper changed the PDF\n{}",
            context()
        );
    }
    let pdf = lopdf::Document::load_mem(&bytes)
        .unwrap_or_else(|e| panic!("lopdf cannot read the PDF: {e}\n{}", context()));
    assert_eq!(pdf.get_pages().len(), document.pages.len(), "{}", context());
    Reached::Rendered
}

#[test]
fn random_handouts_load_lay_out_and_render_without_panicking() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_png(&dir.path().join("wide.png"), 60, 20);
    write_png(&dir.path().join("tall.png"), 10, 80);
    let seeds: Vec<u64> = match std::env::var("HANDOUT_PROPERTY_SEED") {
        Ok(seed) => vec![seed.parse().expect("HANDOUT_PROPERTY_SEED is a number")],
        // `HANDOUT_PROPERTY_CASES` runs more cases locally than CI does.
        Err(_) => {
            let cases = std::env::var("HANDOUT_PROPERTY_CASES")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(CASES);
            (0..cases).map(|i| 0x5EED_0000 + i).collect()
        }
    };
    let all = seeds.len() > 1;
    let reached: Vec<Reached> = seeds
        .into_iter()
        .map(|s| check_case(s, dir.path()))
        .collect();
    let count = |r: Reached| reached.iter().filter(|x| **x == r).count();
    eprintln!(
        "{} cases: {} load errors, {} layout errors, {} rendered",
        reached.len(),
        count(Reached::LoadError),
        count(Reached::LayoutError),
        count(Reached::Rendered)
    );
    // The generator must mostly make handouts that build, or the test proves little.
    if all {
        assert!(count(Reached::Rendered) * 3 >= reached.len(), "{reached:?}");
    }
}
