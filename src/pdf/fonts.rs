//! Embedded fonts: each face subset to the glyphs a document uses, as a
//! Type 0 font with Identity-H codes, widths and a ToUnicode map.
//!
//! A subset depends only on the face and the glyphs, so it is made and
//! compressed once per process: a batch of packets for many clinics shares it.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use lopdf::{Dictionary, Object, ObjectId, Stream};
use printpdf::FontId;

use crate::pdf::compress::Deflater;
use crate::text::Face;

/// The glyphs a document uses from one face: original glyph id to the character it draws.
pub type GlyphUse = BTreeMap<u16, char>;

/// How many subsets the process keeps before it starts afresh.
const CACHE_LIMIT: usize = 64;

/// Bytes for a stream, compressed or stored.
#[derive(Debug)]
struct Packed {
    bytes: Vec<u8>,
    flate: bool,
}

impl Packed {
    fn new(bytes: Vec<u8>, deflater: &mut Deflater) -> Packed {
        match deflater.deflate(&bytes) {
            Some(packed) => Packed {
                bytes: packed,
                flate: true,
            },
            None => Packed {
                bytes,
                flate: false,
            },
        }
    }

    fn stream(&self, mut dict: Dictionary) -> Stream {
        if self.flate {
            dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        }
        Stream::new(dict, self.bytes.clone()).with_compression(false)
    }
}

/// A face ready to embed.
#[derive(Debug)]
pub struct EmbeddedFace {
    /// The content-stream code of each original glyph id; 0 for glyphs not in the subset.
    codes: Vec<u16>,
    base_font: String,
    /// `CIDFontType2` for TrueType outlines, `CIDFontType0` for CFF.
    descendant: &'static str,
    /// `FontFile2` or `FontFile3`, and the latter's subtype.
    file_key: &'static str,
    file_subtype: Option<&'static str>,
    /// The decoded size of a TrueType program, which PDF asks for.
    length1: Option<i64>,
    program: Packed,
    to_unicode: Packed,
    widths: Vec<Object>,
    descriptor: Dictionary,
}

impl EmbeddedFace {
    /// The code that draws an original glyph id.
    pub fn code(&self, gid: u16) -> u16 {
        self.codes.get(usize::from(gid)).copied().unwrap_or(0)
    }

    /// Adds the font's objects to a document; returns the Type 0 font dictionary.
    pub fn add_to(&self, lo: &mut lopdf::Document) -> ObjectId {
        let mut file = Dictionary::new();
        if let Some(subtype) = self.file_subtype {
            file.set("Subtype", Object::Name(subtype.as_bytes().to_vec()));
        }
        if let Some(length) = self.length1 {
            file.set("Length1", length);
        }
        let file = lo.add_object(self.program.stream(file));
        let mut descriptor = self.descriptor.clone();
        descriptor.set(self.file_key, file);
        let descriptor = lo.add_object(descriptor);
        let to_unicode = lo.add_object(self.to_unicode.stream(Dictionary::new()));

        let name = Object::Name(self.base_font.as_bytes().to_vec());
        let mut system = Dictionary::new();
        system.set("Registry", Object::string_literal("Adobe"));
        system.set("Ordering", Object::string_literal("Identity"));
        system.set("Supplement", 0);
        let mut descendant = Dictionary::new();
        descendant.set("Type", Object::Name(b"Font".to_vec()));
        descendant.set("Subtype", Object::Name(self.descendant.as_bytes().to_vec()));
        descendant.set("BaseFont", name.clone());
        descendant.set("CIDSystemInfo", system);
        descendant.set("FontDescriptor", descriptor);
        descendant.set("W", Object::Array(self.widths.clone()));
        descendant.set("DW", 1000);
        if self.descendant == "CIDFontType2" {
            descendant.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));
        }
        let mut font = Dictionary::new();
        font.set("Type", Object::Name(b"Font".to_vec()));
        font.set("Subtype", Object::Name(b"Type0".to_vec()));
        font.set("BaseFont", name);
        font.set("Encoding", Object::Name(b"Identity-H".to_vec()));
        font.set("DescendantFonts", vec![Object::Dictionary(descendant)]);
        font.set("ToUnicode", to_unicode);
        lo.add_object(font)
    }
}

/// The face prepared for a set of glyphs, from the process-wide cache when it was made before.
pub fn embed(face: &Face, used: &GlyphUse, deflater: &mut Deflater) -> Arc<EmbeddedFace> {
    type Key = (u64, Vec<(u16, char)>);
    static CACHE: OnceLock<Mutex<HashMap<Key, Arc<EmbeddedFace>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key: Key = (face.serial, used.iter().map(|(&g, &c)| (g, c)).collect());
    if let Some(found) = cache.lock().ok().and_then(|map| map.get(&key).cloned()) {
        return found;
    }
    let embedded = Arc::new(prepare(face, used, deflater));
    if let Ok(mut map) = cache.lock() {
        if map.len() >= CACHE_LIMIT {
            map.clear();
        }
        map.insert(key, embedded.clone());
    }
    embedded
}

fn prepare(face: &Face, used: &GlyphUse, deflater: &mut Deflater) -> EmbeddedFace {
    let wanted: BTreeMap<u16, String> = used.iter().map(|(&g, &c)| (g, c.to_string())).collect();
    // Subsetting renumbers glyphs; should it fail, the whole font keeps its numbers.
    let (program, renumbered, subset) = match printpdf::subset_font(&face.parsed, &wanted) {
        Ok(subset) => {
            let pairs: Vec<(u16, u16)> = subset
                .glyph_mapping
                .iter()
                .map(|(&old, (new, _))| (old, *new))
                .collect();
            (subset.bytes, pairs, true)
        }
        Err(_) => {
            let bytes = face
                .parsed
                .source_bytes()
                .map(|b| b.as_slice().to_vec())
                .unwrap_or_default();
            (bytes, used.keys().map(|&g| (g, g)).collect(), false)
        }
    };
    // CID-keyed CFF fonts are addressed by their charset's CIDs, the rest by glyph id.
    let charset = printpdf::cff_charset_gid_to_cid_map(&program, 0);
    let mut coded: Vec<(u16, u16, char)> = renumbered
        .iter()
        .filter_map(|&(old, new)| {
            let code = charset
                .as_ref()
                .and_then(|m| m.get(&new).copied())
                .unwrap_or(new);
            used.get(&old).map(|&c| (code, old, c))
        })
        .collect();
    coded.sort_unstable();

    let mut codes = vec![0u16; used.keys().last().map_or(0, |&g| usize::from(g) + 1)];
    for &(code, old, _) in &coded {
        codes[usize::from(old)] = code;
    }
    let font_id = FontId(face.id.to_string());
    let unicode: Vec<(u16, String)> = coded
        .iter()
        .map(|&(code, _, c)| (code, c.to_string()))
        .collect();
    let to_unicode = printpdf::generate_cmap_string(&face.parsed, &font_id, &unicode);

    let font_name = face
        .parsed
        .font_name
        .clone()
        .unwrap_or_else(|| face.id.to_string());
    let base_font = if subset {
        format!("{}+{font_name}", face.id)
    } else {
        font_name
    };
    let (descendant, file_key, file_subtype, program, length1) =
        match printpdf::extract_cid_keyed_cff(&program, 0) {
            Some(cff) => (
                "CIDFontType0",
                "FontFile3",
                Some("CIDFontType0C"),
                cff,
                None,
            ),
            None if program.starts_with(b"OTTO") => {
                ("CIDFontType0", "FontFile3", Some("OpenType"), program, None)
            }
            None => {
                let length = program.len() as i64;
                ("CIDFontType2", "FontFile2", None, program, Some(length))
            }
        };
    EmbeddedFace {
        codes,
        descriptor: descriptor(face, &base_font),
        base_font,
        descendant,
        file_key,
        file_subtype,
        length1,
        program: Packed::new(program, deflater),
        to_unicode: Packed::new(to_unicode.into_bytes(), deflater),
        widths: widths(face, &coded),
    }
}

/// The /W array: runs of consecutive codes with their widths.
fn widths(face: &Face, coded: &[(u16, u16, char)]) -> Vec<Object> {
    let mut out = Vec::new();
    let mut run: Vec<Object> = Vec::new();
    let mut first = 0u16;
    let mut last = 0u16;
    for &(code, old, _) in coded {
        if !run.is_empty() && code != last.wrapping_add(1) {
            out.push(Object::Integer(i64::from(first)));
            out.push(Object::Array(std::mem::take(&mut run)));
        }
        if run.is_empty() {
            first = code;
        }
        last = code;
        run.push(Object::Integer(face.glyph_width(old)));
    }
    if !run.is_empty() {
        out.push(Object::Integer(i64::from(first)));
        out.push(Object::Array(run));
    }
    out
}

/// The font descriptor's metrics, in thousandths of an em.
fn descriptor(face: &Face, base_font: &str) -> Dictionary {
    let m = &face.parsed.pdf_font_metrics;
    let scale = 1000.0 / f32::from(m.units_per_em.max(1));
    let scaled = |v: f32| (v * scale).round() as i64;
    let ascent = scaled(face.parsed.font_metrics.ascent);
    let descent = scaled(face.parsed.font_metrics.descent);
    let cap_height = face.parsed.font_metrics.cap_height.map_or(ascent, scaled);
    // The slant in degrees, counter-clockwise from upright, from the caret slope.
    let italic_angle = if m.caret_slope_rise == 0 {
        0
    } else {
        (-f32::from(m.caret_slope_run).atan2(f32::from(m.caret_slope_rise)))
            .to_degrees()
            .round() as i64
    };
    const NONSYMBOLIC: i64 = 1 << 5;
    const ITALIC: i64 = 1 << 6;
    let flags = NONSYMBOLIC | if italic_angle != 0 { ITALIC } else { 0 };
    // No table gives the stem width; estimate it from the weight class as is usual.
    let stem_v = if m.us_weight_class == 0 {
        80
    } else {
        50 + (f32::from(m.us_weight_class) / 65.0).powi(2).round() as i64
    };
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"FontDescriptor".to_vec()));
    dict.set("FontName", Object::Name(base_font.as_bytes().to_vec()));
    dict.set("Ascent", ascent);
    dict.set("Descent", descent);
    dict.set("CapHeight", cap_height);
    dict.set("ItalicAngle", italic_angle);
    dict.set("Flags", flags);
    dict.set("StemV", stem_v);
    dict.set(
        "FontBBox",
        vec![
            scaled(f32::from(m.x_min)).into(),
            scaled(f32::from(m.y_min)).into(),
            scaled(f32::from(m.x_max)).into(),
            scaled(f32::from(m.y_max)).into(),
        ],
    );
    dict
}
