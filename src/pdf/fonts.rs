//! Embedded fonts: each face subset to the glyphs a document uses, as a
//! Type 0 font with Identity-H codes, widths and a ToUnicode map.
//!
//! A subset depends only on the face and the glyphs, so it is made and
//! compressed once per process: a batch of packets for many clinics shares it.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use printpdf::FontId;

use crate::pdf::compress::Deflater;
use crate::pdf::file::{Dict, PdfFile, Ref};
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
    /// Runs of consecutive codes: the first code and the widths.
    widths: Vec<(u16, Vec<i64>)>,
    metrics: Metrics,
}

/// The font descriptor's numbers, in thousandths of an em.
#[derive(Debug)]
struct Metrics {
    ascent: i64,
    descent: i64,
    cap_height: i64,
    italic_angle: i64,
    flags: i64,
    stem_v: i64,
    bbox: [i64; 4],
}

impl EmbeddedFace {
    /// The code that draws an original glyph id.
    pub fn code(&self, gid: u16) -> u16 {
        self.codes.get(usize::from(gid)).copied().unwrap_or(0)
    }

    /// Writes the font's objects; returns the Type 0 font dictionary.
    pub fn write(&self, file: &mut PdfFile) -> Ref {
        let program = file.raw_stream(
            |d| {
                if let Some(subtype) = self.file_subtype {
                    d.name("Subtype", subtype);
                }
                if let Some(length) = self.length1 {
                    d.int("Length1", length);
                }
            },
            &self.program.bytes,
            self.program.flate,
        );
        let m = &self.metrics;
        let descriptor = file.dict(|d| {
            d.name("Type", "FontDescriptor")
                .name("FontName", &self.base_font)
                .int("Ascent", m.ascent)
                .int("Descent", m.descent)
                .int("CapHeight", m.cap_height)
                .int("ItalicAngle", m.italic_angle)
                .int("Flags", m.flags)
                .int("StemV", m.stem_v)
                .array("FontBBox", |a| {
                    for v in m.bbox {
                        a.int(v);
                    }
                })
                .reference(self.file_key, program);
        });
        let to_unicode = file.raw_stream(|_| {}, &self.to_unicode.bytes, self.to_unicode.flate);
        file.dict(|d| {
            d.name("Type", "Font")
                .name("Subtype", "Type0")
                .name("BaseFont", &self.base_font)
                .name("Encoding", "Identity-H")
                .array("DescendantFonts", |a| {
                    a.dict(|d| self.descendant(d, descriptor));
                })
                .reference("ToUnicode", to_unicode);
        })
    }

    fn descendant(&self, d: &mut Dict, descriptor: Ref) {
        d.name("Type", "Font")
            .name("Subtype", self.descendant)
            .name("BaseFont", &self.base_font)
            .dict("CIDSystemInfo", |d| {
                d.string("Registry", b"Adobe")
                    .string("Ordering", b"Identity")
                    .int("Supplement", 0);
            })
            .reference("FontDescriptor", descriptor)
            .array("W", |a| {
                for (first, widths) in &self.widths {
                    a.int(i64::from(*first)).array(|a| {
                        for &w in widths {
                            a.int(w);
                        }
                    });
                }
            })
            .int("DW", 1000);
        if self.descendant == "CIDFontType2" {
            d.name("CIDToGIDMap", "Identity");
        }
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
    let (program, renumbered, subset) = match printpdf::subset_font(face.parsed(), &wanted) {
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
                .parsed()
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
    let to_unicode = printpdf::generate_cmap_string(face.parsed(), &font_id, &unicode);

    let font_name = face
        .parsed()
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
        metrics: metrics(face),
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
fn widths(face: &Face, coded: &[(u16, u16, char)]) -> Vec<(u16, Vec<i64>)> {
    let mut out: Vec<(u16, Vec<i64>)> = Vec::new();
    let mut last = None;
    for &(code, old, _) in coded {
        let width = face.glyph_width(old);
        match out.last_mut() {
            Some((_, run)) if last.is_some_and(|l: u16| code == l.wrapping_add(1)) => {
                run.push(width)
            }
            _ => out.push((code, vec![width])),
        }
        last = Some(code);
    }
    out
}

/// The font descriptor's metrics, in thousandths of an em.
fn metrics(face: &Face) -> Metrics {
    let m = &face.parsed().pdf_font_metrics;
    let scale = 1000.0 / f32::from(m.units_per_em.max(1));
    let scaled = |v: f32| (v * scale).round() as i64;
    let ascent = scaled(face.parsed().font_metrics.ascent);
    let descent = scaled(face.parsed().font_metrics.descent);
    let cap_height = face.parsed().font_metrics.cap_height.map_or(ascent, scaled);
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
    // No table gives the stem width; estimate it from the weight class as is usual.
    let stem_v = if m.us_weight_class == 0 {
        80
    } else {
        50 + (f32::from(m.us_weight_class) / 65.0).powi(2).round() as i64
    };
    Metrics {
        ascent,
        descent,
        cap_height,
        italic_angle,
        flags: NONSYMBOLIC | if italic_angle != 0 { ITALIC } else { 0 },
        stem_v,
        bbox: [
            scaled(f32::from(m.x_min)),
            scaled(f32::from(m.y_min)),
            scaled(f32::from(m.x_max)),
            scaled(f32::from(m.y_max)),
        ],
    }
}
