//! Fonts: parsing, advance widths and glyph coverage.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use printpdf::{ParsedFont, PdfFontParseWarning};

use super::markup::Style;

const BUNDLED: [&[u8]; 4] = [
    include_bytes!("../../fonts/atkinson-hyperlegible-next/AtkinsonHyperlegibleNext-Regular.ttf"),
    include_bytes!("../../fonts/atkinson-hyperlegible-next/AtkinsonHyperlegibleNext-Bold.ttf"),
    include_bytes!("../../fonts/atkinson-hyperlegible-next/AtkinsonHyperlegibleNext-Italic.ttf"),
    include_bytes!(
        "../../fonts/atkinson-hyperlegible-next/AtkinsonHyperlegibleNext-BoldItalic.ttf"
    ),
];

/// The PDF resource names of the four faces. Their first six letters become
/// the subset tag, so they are fixed upper-case words: that keeps output
/// reproducible and valid for PDF/A.
const FACE_IDS: [&str; 4] = ["FREGUL", "FBOLDF", "FITALC", "FBDITL"];

/// Names of the four styles, for messages.
pub const STYLE_NAMES: [&str; 4] = ["regular", "bold", "italic", "bold_italic"];

/// One font file, parsed on first use, with cached metrics.
#[derive(Debug)]
pub struct Face {
    /// The PDF resource name.
    pub id: &'static str,
    bytes: Arc<[u8]>,
    parsed: OnceLock<Parsed>,
    /// A number no other face parsed in this process has, so caches can tell faces apart.
    pub serial: u64,
}

/// What parsing a face gives.
#[derive(Debug)]
struct Parsed {
    font: ParsedFont,
    units_per_em: f32,
    ascender: f32,
    descender: f32,
    /// Glyph id and advance width of the first code points, looked up on
    /// first use: 0 not yet, [`NO_GLYPH`] none, else `1 << 32 | gid << 16 | width`.
    cache: Vec<AtomicU64>,
}

/// How many code points a face caches: Latin, with its supplements and extensions.
const CACHED: usize = 0x250;
/// A cached code point the font has no glyph for.
const NO_GLYPH: u64 = 1;

impl Parsed {
    fn new(bytes: &[u8]) -> Option<Parsed> {
        let mut warnings: Vec<PdfFontParseWarning> = Vec::new();
        let font = ParsedFont::from_bytes(bytes, 0, &mut warnings)?;
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        let metrics = &font.font_metrics;
        Some(Parsed {
            ascender: metrics.ascent / units_per_em,
            descender: metrics.descent / units_per_em,
            units_per_em,
            font,
            cache: (0..CACHED).map(|_| AtomicU64::new(0)).collect(),
        })
    }
}

impl Face {
    /// A face from font bytes, parsed now: `None` if they are not a font
    /// that can set text.
    fn parse(bytes: &Arc<[u8]>, id: &'static str) -> Option<Face> {
        let face = Face::lazy(bytes, id);
        let parsed = Parsed::new(bytes)?;
        let _ = face.parsed.set(parsed);
        // A font without a space or the letter "a" cannot set any text.
        if face.info(' ').is_none() || face.info('a').is_none() {
            return None;
        }
        Some(face)
    }

    /// A face from font bytes known to be good, parsed when first used.
    fn lazy(bytes: &Arc<[u8]>, id: &'static str) -> Face {
        static SERIAL: AtomicU64 = AtomicU64::new(0);
        Face {
            id,
            bytes: bytes.clone(),
            parsed: OnceLock::new(),
            serial: SERIAL.fetch_add(1, Ordering::Relaxed),
        }
    }

    fn state(&self) -> &Parsed {
        self.parsed.get_or_init(|| match Parsed::new(&self.bytes) {
            Some(parsed) => parsed,
            // Only the bundled fonts are parsed lazily, and they are known
            // good: a failure here is a defect of the build itself.
            None => panic!("the bundled font {} does not parse", self.id),
        })
    }

    /// Whether the face has been parsed: a face never parsed set no text.
    pub fn is_used(&self) -> bool {
        self.parsed.get().is_some()
    }

    /// The parsed font.
    pub fn parsed(&self) -> &ParsedFont {
        &self.state().font
    }

    /// The ascender in em units.
    pub fn ascender(&self) -> f32 {
        self.state().ascender
    }

    /// The descender in em units, negative below the baseline.
    pub fn descender(&self) -> f32 {
        self.state().descender
    }

    /// The glyph id and advance width that draw a character.
    fn info(&self, c: char) -> Option<(u16, u16)> {
        let state = self.state();
        let lookup = || {
            let gid = state.font.lookup_glyph_index(c as u32).unwrap_or(0);
            (gid != 0).then(|| (gid, state.font.get_horizontal_advance(gid)))
        };
        let Some(slot) = state.cache.get(c as usize) else {
            return lookup();
        };
        match slot.load(Ordering::Relaxed) {
            0 => {
                let found = lookup();
                let packed = found.map_or(NO_GLYPH, |(gid, width)| {
                    1 << 32 | u64::from(gid) << 16 | u64::from(width)
                });
                slot.store(packed, Ordering::Relaxed);
                found
            }
            NO_GLYPH => None,
            packed => Some(((packed >> 16) as u16, packed as u16)),
        }
    }

    fn advance(&self, c: char) -> Option<u16> {
        self.info(c).map(|(_, width)| width)
    }

    /// The glyph that draws a character, if the font has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.info(c).map(|(gid, _)| gid)
    }

    /// The advance width of a glyph in thousandths of an em, as PDF widths are given.
    pub fn glyph_width(&self, gid: u16) -> i64 {
        let state = self.state();
        (f32::from(state.font.get_horizontal_advance(gid)) * 1000.0 / state.units_per_em) as i64
    }

    /// Whether the font has a glyph for the character.
    pub fn has_glyph(&self, c: char) -> bool {
        c.is_control() || self.advance(c).is_some()
    }

    /// The advance width of a string at a size, in points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| u32::from(self.advance(c).unwrap_or(0)))
            .sum();
        units as f32 * size / self.state().units_per_em
    }
}

/// The font files a brand asks for.
#[derive(Debug, Clone)]
pub struct FontFiles {
    /// Bytes of regular, bold, italic and bold italic; only regular is required.
    pub styles: [Option<Arc<[u8]>>; 4],
}

/// The four faces of a family, with fallbacks resolved.
#[derive(Debug)]
pub struct FontSet {
    faces: Vec<Face>,
    /// For each style, the index in `faces` that draws it.
    slots: [usize; 4],
}

/// Why a font set could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontError {
    /// Which style failed: "regular", "bold", ...
    pub style: &'static str,
}

impl FontSet {
    /// The family bundled in the binary, parsed once per process.
    pub fn bundled() -> Arc<FontSet> {
        static BUNDLED_SET: OnceLock<Arc<FontSet>> = OnceLock::new();
        BUNDLED_SET
            .get_or_init(|| Arc::new(FontSet::from_bundled_bytes()))
            .clone()
    }

    /// The bundled family, unparsed. The fonts are known good (a test parses
    /// each): a face is parsed when first used, so a handout without
    /// italics never spends time on the italic face.
    fn from_bundled_bytes() -> FontSet {
        let faces = BUNDLED
            .iter()
            .zip(FACE_IDS)
            .map(|(bytes, id)| Face::lazy(&Arc::<[u8]>::from(*bytes), id))
            .collect();
        FontSet {
            faces,
            slots: [0, 1, 2, 3],
        }
    }

    /// Parses a family from font files, filling missing styles by fallback:
    /// bold italic to bold, then regular; bold and italic to regular.
    pub fn from_files(files: &FontFiles) -> Result<FontSet, FontError> {
        let mut faces = Vec::new();
        let mut present = [None; 4];
        for (index, bytes) in files.styles.iter().enumerate() {
            if let Some(bytes) = bytes {
                let face = Face::parse(bytes, FACE_IDS[index]).ok_or(FontError {
                    style: STYLE_NAMES[index],
                })?;
                present[index] = Some(faces.len());
                faces.push(face);
            }
        }
        let regular = present[0].ok_or(FontError { style: "regular" })?;
        let bold = present[1].unwrap_or(regular);
        let italic = present[2].unwrap_or(regular);
        let bold_italic = present[3].unwrap_or(bold);
        Ok(FontSet {
            faces,
            slots: [regular, bold, italic, bold_italic],
        })
    }

    /// The face that draws a style.
    pub fn face(&self, style: Style) -> &Face {
        &self.faces[self.slots[style.index()]]
    }

    /// The index in [`FontSet::faces`] of the face that draws a style.
    pub fn face_index(&self, style: Style) -> usize {
        self.slots[style.index()]
    }

    /// Every distinct face, for embedding.
    pub fn faces(&self) -> &[Face] {
        &self.faces
    }

    /// The advance width of a string in a style at a size, in points.
    pub fn width(&self, text: &str, style: Style, size: f32) -> f32 {
        self.face(style).width(text, size)
    }

    /// Which styles fall back to another face, as (missing, used instead).
    pub fn fallbacks(&self) -> Vec<(&'static str, &'static str)> {
        (1..4)
            .filter(|&i| self.faces[self.slots[i]].id != FACE_IDS[i])
            .map(|i| {
                let used = FACE_IDS
                    .iter()
                    .position(|id| *id == self.faces[self.slots[i]].id)
                    .unwrap_or(0);
                (STYLE_NAMES[i], STYLE_NAMES[used])
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_family_measures_text() {
        let fonts = FontSet::bundled();
        let regular = fonts.width("Kratom", Style::REGULAR, 12.0);
        let bold = fonts.width("Kratom", Style::BOLD, 12.0);
        assert!(regular > 30.0 && regular < 60.0, "{regular}");
        assert!(bold > regular);
        assert_eq!(fonts.faces().len(), 4);
        assert!(fonts.fallbacks().is_empty());
    }

    #[test]
    fn every_bundled_face_parses_and_sets_text() {
        for bytes in BUNDLED {
            let face = Face::parse(&Arc::<[u8]>::from(bytes), "FTEST1");
            let face = face.expect("a bundled font parses");
            assert!(face.width("Kratom", 12.0) > 30.0);
        }
    }

    #[test]
    fn bundled_faces_are_parsed_only_when_used() {
        let fonts = FontSet::from_bundled_bytes();
        assert!(fonts.faces().iter().all(|face| !face.is_used()));
        fonts.width("Kratom", Style::BOLD, 12.0);
        let used: Vec<bool> = fonts.faces().iter().map(Face::is_used).collect();
        assert_eq!(used, [false, true, false, false]);
    }

    #[test]
    fn coverage_includes_spanish_but_not_cjk() {
        let face = FontSet::bundled();
        let face = face.face(Style::REGULAR);
        assert!("ñáéíóú¿¡–—“”’".chars().all(|c| face.has_glyph(c)));
        assert!(!face.has_glyph('漢'));
    }

    #[test]
    fn missing_styles_fall_back() {
        let regular: Arc<[u8]> = Arc::from(BUNDLED[0]);
        let set = FontSet::from_files(&FontFiles {
            styles: [Some(regular), None, None, None],
        })
        .unwrap();
        assert_eq!(set.faces().len(), 1);
        assert_eq!(set.fallbacks().len(), 3);
    }
}
