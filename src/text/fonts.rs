//! Fonts: parsing and checking, advance widths, kerning and glyph coverage.
//!
//! A face is read with `skrifa` straight from its bytes: nothing is decoded
//! up front. Glyph ids, advances and kerning pairs are looked up when text
//! first needs them and cached, so a face costs what the text uses.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use skrifa::charmap::MappingIndex;
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::raw::{FileRef, TableProvider};
use skrifa::string::StringId;
use skrifa::{FontRef, GlyphId, MetadataProvider};

use super::kerning::KernSource;
use super::markup::Style;

/// The bundled family's files: regular, bold, italic, bold italic.
pub(crate) const BUNDLED: [&[u8]; 4] = [
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

/// Letters every face must draw with a real width and outline: a font that
/// cannot set these cannot set a handout.
const PROBE: &str = "aenorst";

/// What is wrong with a font file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontProblem {
    /// A WOFF or WOFF2 web font, named.
    WebFont(&'static str),
    /// Not an OpenType, TrueType or collection file at all.
    NotAFont,
    /// A collection without the face asked for; how many faces it has.
    NoSuchFace(u32),
    /// The file ends before a table it lists: it was cut short.
    CutShort,
    /// A table the build needs is missing or unreadable, named.
    Damaged(&'static str),
    /// Outlines of a kind this tool cannot embed, described.
    Unsupported(&'static str),
    /// No space or no letters a to z.
    NoLatin,
    /// The letters have no width, so they would pile up on one spot.
    ZeroAdvance(char),
    /// A letter wider than the font says any of its glyphs is.
    WideAdvance(char),
    /// A letter's outline cannot be read, or is empty.
    BadOutline(char),
}

impl FontProblem {
    /// What is wrong, to follow "the regular font \"X\" ...".
    pub fn describe(&self) -> String {
        match self {
            FontProblem::WebFont(kind) => format!("is a {kind} web font, which a PDF cannot embed"),
            FontProblem::NotAFont => "is not a font file this tool can read".to_string(),
            FontProblem::NoSuchFace(count) => {
                format!("is a font collection with {count} faces and has no face of that number")
            }
            FontProblem::CutShort => "is damaged: the file is cut short".to_string(),
            FontProblem::Damaged(table) => {
                format!("is damaged: its `{table}` table cannot be read")
            }
            FontProblem::Unsupported(what) => format!("has {what}, which this tool cannot embed"),
            FontProblem::NoLatin => {
                "has no space or no letters a to z, so it cannot set the text".to_string()
            }
            FontProblem::ZeroAdvance(c) => {
                format!("is damaged: its letter ‘{c}’ has no width, so letters would pile up")
            }
            FontProblem::WideAdvance(c) => {
                format!(
                    "is damaged: its letter ‘{c}’ is wider than the font allows any letter to be"
                )
            }
            FontProblem::BadOutline(c) => {
                format!("is damaged: the shape of its letter ‘{c}’ cannot be read")
            }
        }
    }

    /// How to fix it.
    pub fn hint(&self) -> &'static str {
        match self {
            FontProblem::WebFont(_) => {
                "use the TrueType (.ttf) or OpenType (.otf) file of the same font; web fonts are for websites"
            }
            FontProblem::NoSuchFace(_) => {
                "write the face number after a #, counting from 0: \"fonts/Family.ttc#1\""
            }
            FontProblem::NoLatin => {
                "use a font made for Latin text; a symbol or Chinese font alone cannot set a handout"
            }
            FontProblem::Unsupported(_) => {
                "use a static TrueType (.ttf) or OpenType (.otf) file of the font"
            }
            FontProblem::NotAFont => "use a TrueType (.ttf) or OpenType (.otf) font file",
            _ => "get a fresh copy of the font file, or use another TrueType (.ttf) or OpenType (.otf) font",
        }
    }
}

/// The font descriptor's numbers, in thousandths of an em, and the font's name.
#[derive(Debug, Clone)]
pub struct FaceMetrics {
    /// Height above the baseline.
    pub ascent: i64,
    /// Depth below the baseline, negative.
    pub descent: i64,
    /// Height of capitals.
    pub cap_height: i64,
    /// Slant in degrees, counter-clockwise from upright.
    pub italic_angle: i64,
    /// The OS/2 weight class, 0 when unknown.
    pub weight: u16,
    /// The bounding box of all glyphs.
    pub bbox: [i64; 4],
    /// The PostScript name, reduced to characters a PDF name may hold.
    pub name: String,
}

/// A font file's bytes, shared without copying them: compiled into the
/// program, or read from a file. A brand's four DejaVu faces are 2.7 MB,
/// which a copy would spend a millisecond of page faults on.
#[derive(Clone)]
pub enum FontBytes {
    /// A bundled font.
    Bundled(&'static [u8]),
    /// A font file as read, or mapped into memory.
    Read(Arc<dyn AsRef<[u8]> + Send + Sync>),
}

impl std::fmt::Debug for FontBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FontBytes({} bytes)", self.len())
    }
}

impl std::ops::Deref for FontBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            FontBytes::Bundled(bytes) => bytes,
            FontBytes::Read(bytes) => (**bytes).as_ref(),
        }
    }
}

impl From<Vec<u8>> for FontBytes {
    fn from(bytes: Vec<u8>) -> FontBytes {
        FontBytes::Read(Arc::new(bytes))
    }
}

/// One font file, parsed on first use, with cached metrics.
#[derive(Debug)]
pub struct Face {
    /// The PDF resource name.
    pub id: &'static str,
    bytes: FontBytes,
    index: u32,
    parsed: OnceLock<Parsed>,
    /// A number no other face parsed in this process has, so caches can tell faces apart.
    pub serial: u64,
    /// Whether this is a bundled face, known good; a brand's faces have
    /// every glyph they draw checked before it is embedded.
    pub bundled: bool,
    /// The font file as the brand names it, for messages; empty for a bundled face.
    pub origin: String,
}

/// What parsing a face gives.
#[derive(Debug)]
struct Parsed {
    units_per_em: f32,
    ascender: f32,
    descender: f32,
    num_glyphs: u16,
    /// The widest advance a glyph may have: the font's own maximum, at most 3 em.
    max_advance: u16,
    mapping: MappingIndex,
    metrics: FaceMetrics,
    kern: KernSource,
    /// Glyph id and advance width of the first code points, looked up on
    /// first use: 0 not yet, [`NO_GLYPH`] none, else `1 << 32 | gid << 16 | width`.
    cache: Vec<AtomicU64>,
    /// Kerning between printable ASCII characters, looked up on first use:
    /// 0 not yet, else `1 << 16 | value as u16`.
    ascii_kerns: Vec<AtomicU32>,
    /// Kerning of every other pair of characters.
    other_kerns: Mutex<HashMap<(char, char), i16>>,
    /// Per glyph of a brand's face, whether its outline was read: 0 not yet, 1 good, 2 damaged.
    outlines_read: Vec<AtomicU8>,
}

/// How many code points a face caches: Latin, with its supplements and
/// extensions, then General Punctuation (quotes, dashes, the ellipsis).
const CACHED: usize = 0x250 + 0x70;

/// Where a character's glyph and advance are cached, if they are.
fn cache_slot(c: char) -> Option<usize> {
    match u32::from(c) {
        code @ 0..0x250 => Some(code as usize),
        code @ 0x2000..0x2070 => Some(0x250 + (code - 0x2000) as usize),
        _ => None,
    }
}
/// A cached code point the font has no glyph for.
const NO_GLYPH: u64 = 1;
/// Printable ASCII, whose pairs have a table of their own.
const ASCII: std::ops::Range<u32> = 0x20..0x7f;

fn ascii_slot(left: char, right: char) -> Option<usize> {
    let (l, r) = (u32::from(left), u32::from(right));
    (ASCII.contains(&l) && ASCII.contains(&r)).then(|| {
        let width = (ASCII.end - ASCII.start) as usize;
        (l - ASCII.start) as usize * width + (r - ASCII.start) as usize
    })
}

impl Parsed {
    /// Parses the face and checks what the build needs of it: a readable
    /// table directory inside the file, a character map, advances, outlines
    /// that can be embedded, and the basic letters drawn with width and shape.
    fn new(bytes: &[u8], index: u32) -> Result<Parsed, FontProblem> {
        match bytes.get(..4) {
            Some(b"wOFF") => return Err(FontProblem::WebFont("WOFF")),
            Some(b"wOF2") => return Err(FontProblem::WebFont("WOFF2")),
            _ => {}
        }
        let sfnt = matches!(
            bytes.get(..4),
            Some([0, 1, 0, 0] | b"OTTO" | b"true" | b"ttcf")
        );
        let unreadable = || {
            if sfnt {
                FontProblem::CutShort
            } else {
                FontProblem::NotAFont
            }
        };
        let font = match FileRef::new(bytes).map_err(|_| unreadable())? {
            FileRef::Font(font) if index == 0 => font,
            FileRef::Font(_) => return Err(FontProblem::NoSuchFace(1)),
            FileRef::Collection(collection) => collection.get(index).map_err(|_| {
                if index >= collection.len() {
                    FontProblem::NoSuchFace(collection.len())
                } else {
                    unreadable()
                }
            })?,
        };
        // Where this face's table directory starts: 0, or in a collection
        // where the collection's header says.
        let directory = match bytes.get(..4) {
            Some(b"ttcf") => {
                let at = 12 + 4 * index as usize;
                bytes
                    .get(at..at + 4)
                    .map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
            }
            _ => 0,
        };
        let records = usize::from(font.table_directory().num_tables());
        if directory + 12 + 16 * records > bytes.len() {
            return Err(FontProblem::CutShort);
        }
        for record in font.table_directory().table_records() {
            let end = u64::from(record.offset()) + u64::from(record.length());
            if end > bytes.len() as u64 {
                return Err(FontProblem::CutShort);
            }
        }
        let head = font.head().map_err(|_| FontProblem::Damaged("head"))?;
        let maxp = font.maxp().map_err(|_| FontProblem::Damaged("maxp"))?;
        font.hhea().map_err(|_| FontProblem::Damaged("hhea"))?;
        font.hmtx().map_err(|_| FontProblem::Damaged("hmtx"))?;
        font.cmap().map_err(|_| FontProblem::Damaged("cmap"))?;
        let has = |tag: &[u8; 4]| font.table_data(skrifa::Tag::new(tag)).is_some();
        if !has(b"glyf") && !has(b"CFF ") {
            return Err(if has(b"CFF2") {
                FontProblem::Unsupported("CFF2 outlines (a variable OpenType font)")
            } else {
                FontProblem::Unsupported("no outlines (a bitmap or colour-only font)")
            });
        }
        if has(b"glyf") {
            font.loca(None).map_err(|_| FontProblem::Damaged("loca"))?;
            font.glyf().map_err(|_| FontProblem::Damaged("glyf"))?;
        }
        let units_per_em = head.units_per_em();
        if !(16..=16384).contains(&units_per_em) {
            return Err(FontProblem::Damaged("head"));
        }
        let upem = f32::from(units_per_em);
        let vertical = font.metrics(Size::unscaled(), LocationRef::default());
        let parsed = Parsed {
            units_per_em: upem,
            ascender: vertical.ascent / upem,
            descender: vertical.descent / upem,
            num_glyphs: maxp.num_glyphs(),
            max_advance: {
                let declared = font.hhea().map_or(0, |h| h.advance_width_max().to_u16());
                let cap = units_per_em.saturating_mul(3);
                if declared == 0 {
                    cap
                } else {
                    declared.min(cap)
                }
            },
            mapping: MappingIndex::new(&font),
            metrics: face_metrics(&font, &vertical),
            kern: KernSource::find(&font, bytes),
            cache: (0..CACHED).map(|_| AtomicU64::new(0)).collect(),
            ascii_kerns: Vec::new(),
            other_kerns: Mutex::new(HashMap::new()),
            outlines_read: Vec::new(),
        };
        let parsed = Parsed {
            ascii_kerns: if parsed.kern == KernSource::None {
                Vec::new()
            } else {
                let width = (ASCII.end - ASCII.start) as usize;
                (0..width * width).map(|_| AtomicU32::new(0)).collect()
            },
            ..parsed
        };
        // No font draws two letters, digits or these marks with one glyph; a character
        // map that does is damaged, and its text would copy out wrong.
        let mut seen: HashMap<u16, char> = HashMap::new();
        for c in ('A'..='Z')
            .chain('a'..='z')
            .chain('0'..='9')
            .chain(" .,-".chars())
        {
            if let Some((gid, _)) = parsed.lookup(&font, c) {
                if gid >= parsed.num_glyphs || seen.insert(gid, c).is_some() {
                    return Err(FontProblem::Damaged("cmap"));
                }
            }
        }
        let outlines = font.outline_glyphs();
        for c in PROBE.chars().chain([' ']) {
            let Some((gid, advance)) = parsed.lookup(&font, c) else {
                return Err(FontProblem::NoLatin);
            };
            if c == ' ' {
                continue;
            }
            if advance == 0 {
                return Err(FontProblem::ZeroAdvance(c));
            }
            if advance > parsed.max_advance {
                return Err(FontProblem::WideAdvance(c));
            }
            if !outline_is_drawn(&outlines, gid) {
                return Err(FontProblem::BadOutline(c));
            }
        }
        Ok(parsed)
    }

    /// The glyph and advance of a character, read from the font.
    fn lookup(&self, font: &FontRef, c: char) -> Option<(u16, u16)> {
        let gid = self.mapping.charmap(font).map(c)?;
        let gid = u16::try_from(gid.to_u32()).ok().filter(|&g| g != 0)?;
        let advance = font
            .hmtx()
            .ok()
            .and_then(|hmtx| hmtx.advance(GlyphId::from(gid)))
            .unwrap_or(0);
        Some((gid, advance))
    }
}

/// Whether a glyph's outline reads without error and has at least one point.
fn outline_is_drawn(outlines: &skrifa::outline::OutlineGlyphCollection, gid: u16) -> bool {
    let Some(glyph) = outlines.get(GlyphId::from(gid)) else {
        return false;
    };
    let mut pen = CountingPen(0);
    let settings = DrawSettings::unhinted(Size::unscaled(), LocationRef::default());
    glyph.draw(settings, &mut pen).is_ok() && pen.0 > 0
}

/// A pen that only counts the points it is given.
struct CountingPen(usize);

impl OutlinePen for CountingPen {
    fn move_to(&mut self, _: f32, _: f32) {
        self.0 += 1;
    }
    fn line_to(&mut self, _: f32, _: f32) {
        self.0 += 1;
    }
    fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {
        self.0 += 1;
    }
    fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {
        self.0 += 1;
    }
    fn close(&mut self) {}
}

/// The descriptor's metrics, scaled to thousandths of an em.
fn face_metrics(font: &FontRef, vertical: &skrifa::metrics::Metrics) -> FaceMetrics {
    let scale = 1000.0 / f32::from(vertical.units_per_em.max(1));
    let scaled = |v: f32| (v * scale).round() as i64;
    let ascent = scaled(vertical.ascent);
    let bbox = vertical
        .bounds
        .map_or([0, scaled(vertical.descent), 1000, ascent], |b| {
            [
                scaled(b.x_min),
                scaled(b.y_min),
                scaled(b.x_max),
                scaled(b.y_max),
            ]
        });
    let name: String = font
        .localized_strings(StringId::POSTSCRIPT_NAME)
        .english_or_first()
        .map(|s| {
            s.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect()
        })
        .unwrap_or_default();
    FaceMetrics {
        ascent,
        descent: scaled(vertical.descent),
        cap_height: vertical.cap_height.map_or(ascent, scaled),
        italic_angle: vertical.italic_angle.round() as i64,
        weight: font.os2().map(|t| t.us_weight_class()).unwrap_or(0),
        bbox,
        name: if name.is_empty() {
            "Font".to_string()
        } else {
            name
        },
    }
}

impl Face {
    /// A face from font bytes, parsed and checked now.
    fn open(bytes: &FontBytes, index: u32, id: &'static str) -> Result<Face, FontProblem> {
        let face = Face::lazy(bytes, id, false);
        let mut parsed = Parsed::new(bytes, index)?;
        parsed.outlines_read = (0..parsed.num_glyphs).map(|_| AtomicU8::new(0)).collect();
        let _ = face.parsed.set(parsed);
        Ok(Face { index, ..face })
    }

    /// A face from font bytes known to be good, parsed when first used.
    fn lazy(bytes: &FontBytes, id: &'static str, bundled: bool) -> Face {
        static SERIAL: AtomicU64 = AtomicU64::new(0);
        Face {
            id,
            bytes: bytes.clone(),
            index: 0,
            parsed: OnceLock::new(),
            serial: SERIAL.fetch_add(1, Ordering::Relaxed),
            bundled,
            origin: String::new(),
        }
    }

    fn state(&self) -> &Parsed {
        self.parsed
            .get_or_init(|| match Parsed::new(&self.bytes, self.index) {
                Ok(parsed) => parsed,
                // Only the bundled fonts are parsed lazily, and they are known
                // good: a failure here is a defect of the build itself.
                Err(problem) => panic!("the bundled font {} {}", self.id, problem.describe()),
            })
    }

    /// The font, to read tables from.
    pub fn font(&self) -> Option<FontRef<'_>> {
        match FileRef::new(&self.bytes).ok()? {
            FileRef::Font(font) => Some(font),
            FileRef::Collection(collection) => collection.get(self.index).ok(),
        }
    }

    /// The font file's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Which face of a collection file this is; 0 for a single font.
    pub fn index(&self) -> u32 {
        self.index
    }

    /// Whether the face has been parsed: a face never parsed set no text.
    pub fn is_used(&self) -> bool {
        self.parsed.get().is_some()
    }

    /// How many glyphs the face has.
    pub fn num_glyphs(&self) -> u16 {
        self.state().num_glyphs
    }

    /// The descriptor's metrics and the font's name.
    pub fn metrics(&self) -> &FaceMetrics {
        &self.state().metrics
    }

    /// The ascender in em units.
    pub fn ascender(&self) -> f32 {
        self.state().ascender
    }

    /// The descender in em units, negative below the baseline.
    pub fn descender(&self) -> f32 {
        self.state().descender
    }

    /// The units of an em in this face.
    pub fn units_per_em(&self) -> f32 {
        self.state().units_per_em
    }

    /// The glyph id and advance width that draw a character.
    #[inline]
    fn info(&self, c: char) -> Option<(u16, u16)> {
        self.info_in(self.state(), c)
    }

    /// [`Face::info`] with the parsed state at hand: a load from the cache
    /// for the characters text is made of, the font read on first use.
    #[inline]
    fn info_in(&self, state: &Parsed, c: char) -> Option<(u16, u16)> {
        if let Some(slot) = cache_slot(c).and_then(|i| state.cache.get(i)) {
            match slot.load(Ordering::Relaxed) {
                0 => {}
                NO_GLYPH => return None,
                packed => return Some(((packed >> 16) as u16, packed as u16)),
            }
        }
        self.look_up(state, c)
    }

    /// A character's glyph and advance read from the font, and cached if the
    /// character has a place in the cache.
    #[cold]
    #[inline(never)]
    fn look_up(&self, state: &Parsed, c: char) -> Option<(u16, u16)> {
        let found = self.font().and_then(|font| state.lookup(&font, c));
        if let Some(slot) = cache_slot(c).and_then(|i| state.cache.get(i)) {
            let packed = found.map_or(NO_GLYPH, |(gid, width)| {
                1 << 32 | u64::from(gid) << 16 | u64::from(width)
            });
            slot.store(packed, Ordering::Relaxed);
        }
        found
    }

    fn advance(&self, c: char) -> Option<u16> {
        self.info(c).map(|(_, width)| width)
    }

    /// The glyph that draws a character, if the font has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.info(c).map(|(gid, _)| gid)
    }

    /// The advance width of a character's glyph in thousandths of an em, from the cache.
    pub fn char_width(&self, c: char) -> i64 {
        let advance = self.advance(c).unwrap_or(0);
        (f32::from(advance) * 1000.0 / self.state().units_per_em).round() as i64
    }

    /// Whether a character's advance is within the font's own largest: a
    /// damaged width table would spread the letters of every word.
    pub fn advance_ok(&self, c: char) -> bool {
        self.advance(c)
            .is_none_or(|advance| advance <= self.state().max_advance)
    }

    /// Whether a glyph's outline can be read and, for a visible character, is
    /// not empty. Each glyph is read once per process.
    pub fn outline_ok(&self, gid: u16, c: char) -> bool {
        let slot = self.state().outlines_read.get(usize::from(gid));
        match slot.map(|s| s.load(Ordering::Relaxed)) {
            Some(1) => return true,
            Some(2) => return false,
            _ => {}
        }
        let invisible = c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}'
            );
        let good = self.font().is_some_and(|font| {
            let outlines = font.outline_glyphs();
            if invisible {
                outlines.get(GlyphId::from(gid)).is_some()
            } else {
                outline_is_drawn(&outlines, gid)
            }
        });
        if let Some(slot) = slot {
            slot.store(if good { 1 } else { 2 }, Ordering::Relaxed);
        }
        good
    }

    /// The kerning between two characters in font units: negative draws them closer.
    #[inline]
    pub fn kern(&self, left: char, right: char) -> i16 {
        self.kern_in(self.state(), left, right)
    }

    /// [`Face::kern`] with the parsed state at hand: a load from the table of
    /// ASCII pairs once a pair has been looked up.
    #[inline]
    fn kern_in(&self, state: &Parsed, left: char, right: char) -> i16 {
        if state.kern == KernSource::None {
            return 0;
        }
        if let Some(slot) = ascii_slot(left, right).and_then(|i| state.ascii_kerns.get(i)) {
            let packed = slot.load(Ordering::Relaxed);
            if packed != 0 {
                return packed as u16 as i16;
            }
        }
        self.kern_slow(state, left, right)
    }

    /// The kerning of a pair not looked up before, or not of ASCII characters.
    #[cold]
    #[inline(never)]
    fn kern_slow(&self, state: &Parsed, left: char, right: char) -> i16 {
        let compute = || -> i16 {
            let (Some(l), Some(r)) = (self.glyph(left), self.glyph(right)) else {
                return 0;
            };
            let value = state.kern.pair(self.bytes(), || self.font(), l, r);
            // Text fonts tighten a pair by well under a quarter of an em and
            // loosen one by a few hundredths; a value beyond is a damaged table.
            let em = state.units_per_em as i32;
            if value < -(em / 4) || value > em / 20 {
                0
            } else {
                value as i16
            }
        };
        if let Some(slot) = ascii_slot(left, right).and_then(|i| state.ascii_kerns.get(i)) {
            let value = compute();
            slot.store(1 << 16 | u32::from(value as u16), Ordering::Relaxed);
            return value;
        }
        if let Some(&value) = state
            .other_kerns
            .lock()
            .ok()
            .and_then(|map| map.get(&(left, right)).copied())
            .as_ref()
        {
            return value;
        }
        let value = compute();
        if let Ok(mut map) = state.other_kerns.lock() {
            map.insert((left, right), value);
        }
        value
    }

    /// Whether the font has a glyph for the character.
    pub fn has_glyph(&self, c: char) -> bool {
        c.is_control() || self.advance(c).is_some()
    }

    /// The advance width of a string at a size, in points, kerning included.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let state = self.state();
        let mut units: i64 = 0;
        let mut previous: Option<char> = None;
        for c in text.chars() {
            units += i64::from(self.info_in(state, c).map_or(0, |(_, width)| width));
            if let Some(p) = previous {
                units += i64::from(self.kern_in(state, p, c));
            }
            previous = Some(c);
        }
        units as f32 * size / state.units_per_em
    }
}

/// The font files a brand asks for.
#[derive(Debug, Clone)]
pub struct FontFiles {
    /// Bytes of regular, bold, italic and bold italic; only regular is required.
    pub styles: [Option<FontBytes>; 4],
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
    /// What is wrong with it.
    pub problem: FontProblem,
}

/// Opens one face of a font file, checked, as the face of a style; `origin`
/// names the file in messages.
pub fn open_face(
    bytes: &FontBytes,
    index: u32,
    style: usize,
    origin: &str,
) -> Result<Face, FontProblem> {
    let id = FACE_IDS.get(style).copied().unwrap_or(FACE_IDS[0]);
    let face = Face::open(bytes, index, id)?;
    Ok(Face {
        origin: origin.to_string(),
        ..face
    })
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
            .map(|(bytes, id)| Face::lazy(&FontBytes::Bundled(bytes), id, true))
            .collect();
        FontSet {
            faces,
            slots: [0, 1, 2, 3],
        }
    }

    /// A family from faces opened with [`open_face`], filling missing styles
    /// by fallback: bold italic to bold, then regular; bold and italic to regular.
    pub fn from_faces(styles: [Option<Face>; 4]) -> Result<FontSet, FontError> {
        let mut faces = Vec::new();
        let mut present = [None; 4];
        for (index, face) in styles.into_iter().enumerate() {
            if let Some(face) = face {
                present[index] = Some(faces.len());
                faces.push(face);
            }
        }
        let regular = present[0].ok_or(FontError {
            style: "regular",
            problem: FontProblem::NotAFont,
        })?;
        let bold = present[1].unwrap_or(regular);
        let italic = present[2].unwrap_or(regular);
        let bold_italic = present[3].unwrap_or(bold);
        Ok(FontSet {
            faces,
            slots: [regular, bold, italic, bold_italic],
        })
    }

    /// Parses a family from font files (the first face of each), checked.
    pub fn from_files(files: &FontFiles) -> Result<FontSet, FontError> {
        let mut faces: [Option<Face>; 4] = Default::default();
        for (index, bytes) in files.styles.iter().enumerate() {
            if let Some(bytes) = bytes {
                faces[index] =
                    Some(open_face(bytes, 0, index, "").map_err(|problem| FontError {
                        style: STYLE_NAMES[index],
                        problem,
                    })?);
            }
        }
        FontSet::from_faces(faces)
    }

    /// The face that draws a style.
    pub fn face(&self, style: Style) -> &Face {
        &self.faces[self.slots[style.index()]]
    }

    /// The faces that draw the four styles, told apart by their serial numbers.
    pub fn serials(&self) -> [u64; 4] {
        self.slots
            .map(|slot| self.faces.get(slot).map_or(u64::MAX, |f| f.serial))
    }

    /// The index in [`FontSet::faces`] of the face that draws a style.
    pub fn face_index(&self, style: Style) -> usize {
        self.slots[style.index()]
    }

    /// The style a face was given for, and its file, by the face's resource name.
    pub fn describe_face(&self, id: &str) -> (&'static str, &str) {
        let style = FACE_IDS
            .iter()
            .position(|f| *f == id)
            .map_or("regular", |i| STYLE_NAMES[i]);
        let origin = self
            .faces
            .iter()
            .find(|f| f.id == id)
            .map_or("", |f| f.origin.as_str());
        (style, origin)
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

    fn bundled(index: usize) -> FontBytes {
        FontBytes::Bundled(BUNDLED[index])
    }

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
        for index in 0..4 {
            let face = open_face(&bundled(index), 0, index, "").expect("a bundled font parses");
            assert!(face.width("Kratom", 12.0) > 30.0);
            assert!(face.metrics().name.starts_with("AtkinsonHyperlegibleNext"));
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
        let set = FontSet::from_files(&FontFiles {
            styles: [Some(bundled(0)), None, None, None],
        })
        .unwrap();
        assert_eq!(set.faces().len(), 1);
        assert_eq!(set.fallbacks().len(), 3);
    }

    #[test]
    fn bundled_face_kerns_capital_pairs_and_width_includes_it() {
        let fonts = FontSet::bundled();
        let face = fonts.face(Style::BOLD);
        // "To" and "Yo" are kerned tighter in any well-made Latin font.
        assert!(face.kern('T', 'o') < 0, "{}", face.kern('T', 'o'));
        assert!(face.kern('Y', 'o') < 0);
        let apart = face.width("T", 40.0) + face.width("o", 40.0);
        assert!(face.width("To", 40.0) < apart - 1.0);
        // Cached: the same answer the second time.
        assert_eq!(face.kern('T', 'o'), face.kern('T', 'o'));
        assert_eq!(face.kern('T', 'ó'), face.kern('T', 'ó'));
    }

    #[test]
    fn damaged_and_web_fonts_are_refused_with_what_is_wrong() {
        let regular = bundled(0);
        let problem = |bytes: &[u8]| open_face(&FontBytes::from(bytes.to_vec()), 0, 0, "").err();
        assert_eq!(problem(b"wOFF\0\0\0\0"), Some(FontProblem::WebFont("WOFF")));
        assert_eq!(
            problem(b"wOF2\0\0\0\0"),
            Some(FontProblem::WebFont("WOFF2"))
        );
        assert_eq!(problem(b"hello, world"), Some(FontProblem::NotAFont));
        for cut in [12, 300, 10_000, regular.len() / 2, regular.len() - 3] {
            assert!(problem(&regular[..cut]).is_some(), "cut at {cut} accepted");
        }
        assert_eq!(
            open_face(&regular, 2, 0, "").err(),
            Some(FontProblem::NoSuchFace(1))
        );
    }
}
