//! A clinic's own fonts: common fonts (TrueType and CFF) build, embed as
//! subsets and extract; damaged, truncated, zero-width and web fonts are
//! errors naming the file, never a blank or piled-up PDF; kerning reaches
//! the glyph positions.

mod util;

use std::path::Path;

use lopdf::content::Content;
use lopdf::Object;
use skrifa::raw::TableProvider;
use skrifa::MetadataProvider;
use util::{Pdf, Project};

const BUNDLED_REGULAR: &str =
    "fonts/atkinson-hyperlegible-next/AtkinsonHyperlegibleNext-Regular.ttf";

const HANDOUT: &str = r#"[handout]
title = "Your Guide To Kratom"
subtitle = "What families can do today"
lang = "en"

[[block]]
type = "heading"
text = "Talk With Your Doctor"

[[block]]
type = "text"
text = "Write down *when* symptoms started and **what** helped. Bring the list to your next visit."
"#;

/// The clinic fonts of the matrix, from Debian's font packages (installed by `.ci/run`).
const CLINIC_FONTS: [(&str, [&str; 4]); 4] = [
    (
        "fonts-liberation2",
        [
            "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
            "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
            "/usr/share/fonts/truetype/liberation2/LiberationSans-Italic.ttf",
            "/usr/share/fonts/truetype/liberation2/LiberationSans-BoldItalic.ttf",
        ],
    ),
    (
        "fonts-dejavu-core",
        [
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        ],
    ),
    (
        "fonts-open-sans",
        [
            "/usr/share/fonts/truetype/open-sans/OpenSans-Regular.ttf",
            "/usr/share/fonts/truetype/open-sans/OpenSans-Bold.ttf",
            "/usr/share/fonts/truetype/open-sans/OpenSans-Italic.ttf",
            "/usr/share/fonts/truetype/open-sans/OpenSans-BoldItalic.ttf",
        ],
    ),
    (
        "fonts-inter",
        [
            "/usr/share/fonts/opentype/inter/Inter-Regular.otf",
            "/usr/share/fonts/opentype/inter/Inter-Bold.otf",
            "/usr/share/fonts/opentype/inter/Inter-Italic.otf",
            "/usr/share/fonts/opentype/inter/Inter-BoldItalic.otf",
        ],
    ),
];

fn read_font(path: &str, package: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| {
        panic!("{path}: {e}; install the Debian package {package} (.ci/run does)")
    })
}

/// A project whose brand names one font file as its regular face.
fn project_with_font(bytes: &[u8]) -> Project {
    let project = Project::bare();
    project.bytes("fonts/Brand.ttf", bytes);
    project.file(
        "brand.toml",
        "[brand]\nname = \"Clinic\"\nphone = \"555-0100\"\n\n[brand.fonts]\nregular = \"fonts/Brand.ttf\"\n",
    );
    project.file("a.toml", HANDOUT);
    project
}

fn assert_refused(project: &Project, expected: &str) {
    let _ = std::fs::remove_dir_all(project.path("out"));
    let run = project.run(&["build", "a.toml", "-o", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        !project.path("out/a.pdf").exists(),
        "a PDF was written for a bad font"
    );
}

/// The `TJ` adjustments of a page's content stream, in order.
fn kerning_adjustments(pdf: &Pdf, page: u32) -> Vec<f32> {
    let id = pdf.doc.get_pages()[&page];
    let bytes = pdf.doc.get_page_content(id);
    let content = Content::decode(&bytes).expect("content decodes");
    content
        .operations
        .iter()
        .filter(|op| op.operator == "TJ")
        .flat_map(|op| op.operands.iter())
        .filter_map(|o| o.as_array().ok())
        .flatten()
        .filter_map(|o| match o {
            Object::Integer(i) => Some(*i as f32),
            Object::Real(r) => Some(*r),
            _ => None,
        })
        .collect()
}

#[test]
fn common_clinic_fonts_build_embedded_subset_and_extractable() {
    for (package, files) in CLINIC_FONTS {
        let project = Project::bare();
        for (style, path) in ["Regular", "Bold", "Italic", "BoldItalic"]
            .iter()
            .zip(files)
        {
            let ext = Path::new(path).extension().and_then(|e| e.to_str());
            project.bytes(
                &format!("fonts/{style}.{}", ext.unwrap_or("ttf")),
                &read_font(path, package),
            );
        }
        let ext = if package == "fonts-inter" {
            "otf"
        } else {
            "ttf"
        };
        project.file(
            "brand.toml",
            &format!(
                "[brand]\nname = \"Clinic\"\nphone = \"555-0100\"\n\n[brand.fonts]\n\
                 regular = \"fonts/Regular.{ext}\"\nbold = \"fonts/Bold.{ext}\"\n\
                 italic = \"fonts/Italic.{ext}\"\nbold_italic = \"fonts/BoldItalic.{ext}\"\n"
            ),
        );
        project.file("a.toml", HANDOUT);
        let pdf = project.build("a.toml");
        let fonts = pdf.fonts();
        assert!(fonts.len() >= 3, "{package}: {fonts:?}");
        for font in &fonts {
            assert!(
                font.embedded && font.subset && font.to_unicode,
                "{package}: {font:?}"
            );
        }
        let text = util::words(&pdf.all_text());
        for words in [
            "Your Guide To Kratom",
            "Talk With Your Doctor",
            "Bring the list",
        ] {
            assert!(text.contains(words), "{package}: {words:?} not in {text}");
        }
        // A CFF font goes in as a bare CFF program, a TrueType font as itself.
        let programs: Vec<String> = pdf
            .doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor"))
            .map(|d| {
                if d.has(b"FontFile3") {
                    let stream = pdf.resolve(d.get(b"FontFile3").expect("FontFile3"));
                    let subtype = stream
                        .as_stream()
                        .ok()
                        .and_then(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok());
                    String::from_utf8_lossy(subtype.unwrap_or(b"?")).into_owned()
                } else {
                    "TrueType".to_string()
                }
            })
            .collect();
        let expected = if ext == "otf" {
            "CIDFontType0C"
        } else {
            "TrueType"
        };
        assert!(
            !programs.is_empty() && programs.iter().all(|p| p == expected),
            "{package}: {programs:?}"
        );
        // Subsets, not whole fonts: each program is far smaller than its file.
        assert!(
            pdf.bytes.len() < 60_000,
            "{package}: {} bytes",
            pdf.bytes.len()
        );
    }
}

#[test]
fn title_pairs_are_kerned_in_the_glyph_positions_and_extract_unchanged() {
    let project = Project::new();
    project.file(
        "a.toml",
        "[handout]\ntitle = \"To You, Tomorrow\"\nlang = \"en\"\n\n[[block]]\ntype = \"text\"\ntext = \"Yo.\"\n",
    );
    let pdf = project.build("a.toml");
    let adjustments = kerning_adjustments(&pdf, 1);
    // "To", "Yo" and "To" tighten: positive TJ numbers move the next glyph left.
    let tightened = adjustments.iter().filter(|&&a| a > 10.0).count();
    assert!(tightened >= 3, "{adjustments:?}");
    let text = util::words(&pdf.all_text());
    assert!(text.contains("To You, Tomorrow"), "{text}");
    assert!(text.contains("Yo."), "{text}");
}

#[test]
fn a_font_cut_short_anywhere_is_an_error_and_no_pdf() {
    let font = std::fs::read(util::repo(BUNDLED_REGULAR)).expect("bundled font");
    for cut in [
        100,
        1_000,
        10_000,
        30_000,
        font.len() / 2,
        font.len() - 64,
        font.len() - 1,
    ] {
        let project = project_with_font(&font[..cut]);
        let run = project.run(&["build", "a.toml", "-o", "out"]);
        assert_eq!(run.code, 1, "cut at {cut}: {}", run.stderr);
        assert!(
            run.stderr.contains(
                "brand.toml:6:11: error: the regular font \"fonts/Brand.ttf\" is damaged: the file is cut short"
            ),
            "cut at {cut}: {}",
            run.stderr
        );
        assert!(
            !project.path("out/a.pdf").exists(),
            "cut at {cut}: a PDF was written"
        );
    }
}

#[test]
fn web_fonts_are_refused_with_a_hint_to_use_the_ttf() {
    let font = std::fs::read(util::repo(BUNDLED_REGULAR)).expect("bundled font");
    for (magic, kind) in [(b"wOFF", "WOFF"), (b"wOF2", "WOFF2")] {
        let mut web = font.clone();
        web[..4].copy_from_slice(magic);
        let project = project_with_font(&web);
        assert_refused(
            &project,
            &format!("the regular font \"fonts/Brand.ttf\" is a {kind} web font, which a PDF cannot embed"),
        );
        let run = project.run(&["check", "a.toml"]);
        assert!(
            run.stderr
                .contains("hint: use the TrueType (.ttf) or OpenType (.otf) file of the same font"),
            "{}",
            run.stderr
        );
    }
}

/// Where a table starts and how long it is, from the table directory.
fn table(font: &[u8], tag: &[u8; 4]) -> (usize, usize) {
    let count = usize::from(u16::from_be_bytes([font[4], font[5]]));
    let at = (0..count)
        .map(|i| 12 + 16 * i)
        .find(|&at| &font[at..at + 4] == tag)
        .expect("table present");
    let read = |at: usize| {
        u32::from_be_bytes([font[at], font[at + 1], font[at + 2], font[at + 3]]) as usize
    };
    (read(at + 8), read(at + 12))
}

#[test]
fn a_font_whose_letters_have_no_width_is_an_error() {
    let mut font = std::fs::read(util::repo(BUNDLED_REGULAR)).expect("bundled font");
    let (hhea, _) = table(&font, b"hhea");
    let (hmtx, _) = table(&font, b"hmtx");
    let metrics = usize::from(u16::from_be_bytes([font[hhea + 34], font[hhea + 35]]));
    for i in 0..metrics {
        font[hmtx + 4 * i] = 0;
        font[hmtx + 4 * i + 1] = 0;
    }
    let project = project_with_font(&font);
    assert_refused(
        &project,
        "the regular font \"fonts/Brand.ttf\" is damaged: its letter ‘a’ has no width, so letters would pile up",
    );
}

#[test]
fn a_damaged_glyph_the_text_uses_is_an_error_naming_the_letter() {
    let mut font = std::fs::read(util::repo(BUNDLED_REGULAR)).expect("bundled font");
    let (start, end) = {
        let face = skrifa::FontRef::new(&font).expect("font");
        let gid = face.charmap().map('K').expect("K");
        let loca = face.loca(None).expect("loca");
        let (glyf, _) = table(&font, b"glyf");
        let from = loca.get_raw(gid.to_u32() as usize).expect("loca entry") as usize;
        let to = loca.get_raw(gid.to_u32() as usize + 1).expect("loca entry") as usize;
        (glyf + from, glyf + to)
    };
    assert!(end > start + 10);
    // A contour count far beyond the glyph's bytes.
    font[start] = 0x7f;
    font[start + 1] = 0xff;
    let project = project_with_font(&font);
    assert_refused(
        &project,
        "a.toml: error: the regular font \"fonts/Brand.ttf\" is damaged: the shape of its letter ‘K’ cannot be read",
    );
    let run = project.run(&["check", "a.toml"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the shape of its letter ‘K’ cannot be read"),
        "{}",
        run.stderr
    );
    // A handout that never prints a K builds with the same font.
    project.file(
        "b.toml",
        "[handout]\ntitle = \"Your guide\"\nlang = \"en\"\n",
    );
    let pdf = project.build("b.toml");
    assert!(util::words(&pdf.all_text()).contains("Your guide"));
}

#[test]
fn a_letter_wider_than_the_font_allows_is_an_error_in_build_and_in_check() {
    let mut font = std::fs::read(util::repo(BUNDLED_REGULAR)).expect("bundled font");
    let gid = {
        let face = skrifa::FontRef::new(&font).expect("font");
        face.charmap().map('K').expect("K").to_u32() as usize
    };
    let (hhea, _) = table(&font, b"hhea");
    let metrics = usize::from(u16::from_be_bytes([font[hhea + 34], font[hhea + 35]]));
    assert!(gid < metrics, "K has its own advance");
    // K's advance a little beyond the widest the font says any glyph is.
    let widest = u16::from_be_bytes([font[hhea + 10], font[hhea + 11]]);
    let (hmtx, _) = table(&font, b"hmtx");
    font[hmtx + 4 * gid..hmtx + 4 * gid + 2].copy_from_slice(&(widest + 200).to_be_bytes());
    let project = project_with_font(&font);
    let expected = "a.toml: error: the regular font \"fonts/Brand.ttf\" is damaged: its letter ‘K’ is wider than the font allows any letter to be";
    assert_refused(&project, expected);
    let run = project.run(&["check", "a.toml"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    assert!(
        !run.stderr.contains("cannot produce the PDF"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_face_of_a_collection_is_named_by_number() {
    let regular = std::fs::read(util::repo(BUNDLED_REGULAR)).expect("bundled font");
    let bold = std::fs::read(util::repo(
        "fonts/atkinson-hyperlegible-next/AtkinsonHyperlegibleNext-Bold.ttf",
    ))
    .expect("bundled font");
    let collection = make_collection(&[&regular, &bold]);
    let project = Project::bare();
    project.bytes("fonts/Family.ttc", &collection);
    project.file(
        "brand.toml",
        "[brand]\nname = \"Clinic\"\nphone = \"555-0100\"\n\n[brand.fonts]\nregular = \"fonts/Family.ttc\"\nbold = \"fonts/Family.ttc#1\"\n",
    );
    project.file("a.toml", HANDOUT);
    let pdf = project.build("a.toml");
    let names: Vec<String> = pdf.fonts().into_iter().map(|f| f.name).collect();
    assert!(
        names
            .iter()
            .any(|n| n.ends_with("+AtkinsonHyperlegibleNext-Regular")),
        "{names:?}"
    );
    assert!(
        names
            .iter()
            .any(|n| n.ends_with("+AtkinsonHyperlegibleNext-Bold")),
        "{names:?}"
    );
    project.file(
        "brand.toml",
        "[brand]\nname = \"Clinic\"\n\n[brand.fonts]\nregular = \"fonts/Family.ttc#5\"\n",
    );
    assert_refused(
        &project,
        "the regular font \"fonts/Family.ttc#5\" is a font collection with 2 faces and has no face of that number",
    );
}

/// A TrueType collection of whole fonts: each font's table offsets moved to
/// where its tables now lie in the one file.
fn make_collection(fonts: &[&[u8]]) -> Vec<u8> {
    let header = 12 + 4 * fonts.len();
    let mut out = Vec::new();
    out.extend_from_slice(b"ttcf");
    out.extend_from_slice(&[0, 1, 0, 0]);
    out.extend_from_slice(&(fonts.len() as u32).to_be_bytes());
    let mut at = header;
    let mut starts = Vec::new();
    for font in fonts {
        starts.push(at);
        at += font.len().next_multiple_of(4);
    }
    for start in &starts {
        out.extend_from_slice(&(*start as u32).to_be_bytes());
    }
    for (font, start) in fonts.iter().zip(&starts) {
        let mut font = font.to_vec();
        let count = usize::from(u16::from_be_bytes([font[4], font[5]]));
        for i in 0..count {
            let at = 12 + 16 * i + 8;
            let offset = u32::from_be_bytes([font[at], font[at + 1], font[at + 2], font[at + 3]]);
            font[at..at + 4].copy_from_slice(&(offset + *start as u32).to_be_bytes());
        }
        font.resize(font.len().next_multiple_of(4), 0);
        out.extend_from_slice(&font);
    }
    out
}

#[test]
fn a_variable_truetype_font_sets_its_default_instance() {
    let path = "/usr/share/fonts/truetype/inter-vf/Inter-roman.var.ttf";
    let project = project_with_font(&read_font(path, "fonts-inter-variable"));
    let pdf = project.build("a.toml");
    let fonts = pdf.fonts();
    assert!(!fonts.is_empty());
    for font in &fonts {
        assert!(font.embedded && font.subset && font.to_unicode, "{font:?}");
    }
    assert!(util::words(&pdf.all_text()).contains("Your Guide To Kratom"));
    // The subset keeps only the glyphs used: far below the 800 KB file.
    assert!(pdf.bytes.len() < 40_000, "{} bytes", pdf.bytes.len());
}

/// A small deterministic generator, so the mutations are the same every run.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// 150 damaged copies of a font (bytes changed, runs overwritten, cut short),
/// each the brand font of its own clinic, built in one batch: no panic, every
/// bad copy an error and every PDF written a sound file with the text in it.
#[test]
fn mutated_brand_fonts_never_panic_or_print_a_blank_pdf() {
    let font = std::fs::read(util::repo(BUNDLED_REGULAR)).expect("bundled font");
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let project = Project::bare();
    // More for a longer local run: HANDOUT_FONT_MUTATIONS=3000 cargo test --test fonts.
    let clinics: usize = std::env::var("HANDOUT_FONT_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(150);
    for clinic in 0..clinics {
        let mut bytes = font.clone();
        match clinic % 3 {
            0 => {
                for _ in 0..1 + rng.below(8) {
                    let at = rng.below(bytes.len());
                    bytes[at] = rng.next() as u8;
                }
            }
            1 => {
                let at = rng.below(bytes.len());
                let len = 1 + rng.below(64);
                for b in bytes.iter_mut().skip(at).take(len) {
                    *b = rng.next() as u8;
                }
            }
            _ => bytes.truncate(rng.below(bytes.len())),
        }
        let dir = format!("c{clinic:03}");
        project.bytes(&format!("{dir}/Brand.ttf"), &bytes);
        project.file(
            &format!("{dir}/brand.toml"),
            "[brand]\nname = \"Clinic\"\nphone = \"555-0100\"\n\n[brand.fonts]\nregular = \"Brand.ttf\"\n",
        );
        project.file(&format!("{dir}/a.toml"), HANDOUT);
    }
    let run = project.run(&["build", ".", "-o", "out"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let mut built = 0;
    for clinic in 0..clinics {
        let pdf_path = project.path(&format!("out/c{clinic:03}/a.pdf"));
        if !pdf_path.exists() {
            continue;
        }
        built += 1;
        let pdf = Pdf::load(&pdf_path);
        let text = util::words(&pdf.all_text());
        assert!(
            text.contains("Talk With Your Doctor"),
            "c{clinic:03}: {text}"
        );
    }
    // Every clinic was either built or reported.
    let failed = clinics - built;
    for clinic in 0..clinics {
        let dir = format!("c{clinic:03}");
        if !project.path(&format!("out/{dir}/a.pdf")).exists() {
            assert!(
                run.stderr.contains(&format!("{dir}/a.toml: error"))
                    || run.stderr.contains(&format!("{dir}/brand.toml:")),
                "{dir} neither built nor reported"
            );
        }
    }
    assert!(
        failed > clinics / 3,
        "only {failed} of {clinics} damaged fonts were refused"
    );
}
