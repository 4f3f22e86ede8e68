//! Embedded fonts: each face subset to the glyphs a document uses, as a
//! Type 0 font with Identity-H codes, widths and a ToUnicode map.
//!
//! A subset depends only on the face and the glyphs, so it is made and
//! compressed once per process: a batch of packets for many clinics shares it.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use subsetter::GlyphRemapper;

use crate::pdf::compress::Deflater;
use crate::pdf::file::{Dict, PdfFile, Ref};
use crate::pdf::truetype::strip_hinting;
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
    /// `compress` is [`Deflater::deflate`] or, for a font program, [`Deflater::deflate_font`].
    fn new(
        bytes: Vec<u8>,
        deflater: &mut Deflater,
        compress: fn(&mut Deflater, &[u8]) -> Option<Vec<u8>>,
    ) -> Packed {
        match compress(deflater, &bytes) {
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

/// The content-stream code of each original glyph id a document uses.
///
/// Subsetting renumbers glyphs from 1 (0 stays .notdef), in the order of
/// their original ids. The new number is the code in the content stream: the
/// glyph id of a TrueType subset (CIDToGIDMap Identity) and the CID of a CFF
/// subset, which the subsetter makes CID-keyed with CID = glyph id. The codes
/// depend on the glyphs alone, so pages can be written while the face is
/// still being subset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Codes(Vec<u16>);

/// Each used glyph's new number, original id and character, and the
/// remapper that subsets the face to match.
fn renumber(used: &GlyphUse) -> (GlyphRemapper, Vec<(u16, u16, char)>) {
    let mut remapper = GlyphRemapper::new();
    let coded = used
        .iter()
        .map(|(&old, &c)| (remapper.remap(old), old, c))
        .collect();
    (remapper, coded)
}

impl Codes {
    /// The codes for the glyphs a document uses from a face.
    pub fn new(used: &GlyphUse) -> Codes {
        let mut codes = vec![0u16; used.keys().last().map_or(0, |&g| usize::from(g) + 1)];
        for (code, old, _) in renumber(used).1 {
            codes[usize::from(old)] = code;
        }
        Codes(codes)
    }

    /// The code that draws an original glyph id; 0 for glyphs not in the subset.
    pub fn code(&self, gid: u16) -> u16 {
        self.0.get(usize::from(gid)).copied().unwrap_or(0)
    }
}

/// A face ready to embed.
#[derive(Debug)]
pub struct EmbeddedFace {
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
    /// Writes the font's objects, with the Type 0 font dictionary as object `id`.
    pub fn write_at(&self, file: &mut PdfFile, id: Ref) {
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
        file.dict_at(id, |d| {
            d.name("Type", "Font")
                .name("Subtype", "Type0")
                .name("BaseFont", &self.base_font)
                .name("Encoding", "Identity-H")
                .array("DescendantFonts", |a| {
                    a.dict(|d| self.descendant(d, descriptor));
                })
                .reference("ToUnicode", to_unicode);
        });
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

/// Why a face could not be embedded: the font file is damaged where the text needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedError {
    /// The face's PDF resource name.
    pub face: &'static str,
    /// The character whose glyph could not be embedded, when one is to blame.
    pub character: Option<char>,
}

/// The face prepared for a set of glyphs, from the process-wide cache when it was made before.
pub fn embed(
    face: &Face,
    used: &GlyphUse,
    deflater: &mut Deflater,
) -> Result<Arc<EmbeddedFace>, EmbedError> {
    type Key = (u64, Vec<(u16, char)>);
    static CACHE: OnceLock<Mutex<HashMap<Key, Arc<EmbeddedFace>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key: Key = (face.serial, used.iter().map(|(&g, &c)| (g, c)).collect());
    if let Some(found) = cache.lock().ok().and_then(|map| map.get(&key).cloned()) {
        return Ok(found);
    }
    let embedded = Arc::new(prepare(face, used, deflater)?);
    if let Ok(mut map) = cache.lock() {
        if map.len() >= CACHE_LIMIT {
            map.clear();
        }
        map.insert(key, embedded.clone());
    }
    Ok(embedded)
}

fn prepare(
    face: &Face,
    used: &GlyphUse,
    deflater: &mut Deflater,
) -> Result<EmbeddedFace, EmbedError> {
    let damaged = |character| EmbedError {
        face: face.id,
        character,
    };
    // A brand's font is checked glyph by glyph before it is embedded: an
    // outline that cannot be read would print as nothing.
    if !face.bundled {
        if let Some((_, &c)) = used.iter().find(|(&gid, &c)| !face.outline_ok(gid, c)) {
            return Err(damaged(Some(c)));
        }
    }
    let (remapper, coded) = renumber(used);
    let program =
        subsetter::subset(face.bytes(), face.index(), &remapper).map_err(|_| damaged(None))?;
    let (descendant, file_key, file_subtype, program, length1) = match cff_table(&program) {
        Some(cff) => (
            "CIDFontType0",
            "FontFile3",
            Some("CIDFontType0C"),
            cff,
            None,
        ),
        None => {
            let program = strip_hinting(&program).unwrap_or(program);
            let length = program.len() as i64;
            ("CIDFontType2", "FontFile2", None, program, Some(length))
        }
    };
    Ok(EmbeddedFace {
        metrics: metrics(face),
        base_font: format!("{}+{}", face.id, face.metrics().name),
        descendant,
        file_key,
        file_subtype,
        length1,
        program: Packed::new(program, deflater, Deflater::deflate_font),
        to_unicode: Packed::new(to_unicode(&coded), deflater, Deflater::deflate),
        widths: widths(face, &coded),
    })
}

/// The bare CFF program of a CFF-flavoured subset, which PDF embeds as `CIDFontType0C`.
fn cff_table(subset: &[u8]) -> Option<Vec<u8>> {
    let font = skrifa::FontRef::new(subset).ok()?;
    let data = font.table_data(skrifa::Tag::new(b"CFF "))?;
    Some(data.as_bytes().to_vec())
}

/// The ToUnicode CMap: each code to the character its glyph draws.
fn to_unicode(coded: &[(u16, u16, char)]) -> Vec<u8> {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in coded.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for &(code, _, c) in chunk {
            out.push_str(&format!("<{code:04X}> <"));
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("{unit:04X}"));
            }
            out.push_str(">\n");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out.into_bytes()
}

/// The /W array: runs of consecutive codes with their widths.
fn widths(face: &Face, coded: &[(u16, u16, char)]) -> Vec<(u16, Vec<i64>)> {
    let mut out: Vec<(u16, Vec<i64>)> = Vec::new();
    let mut last = None;
    for &(code, _, c) in coded {
        let width = face.char_width(c);
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
    let m = face.metrics();
    const NONSYMBOLIC: i64 = 1 << 5;
    const ITALIC: i64 = 1 << 6;
    // No table gives the stem width; estimate it from the weight class as is usual.
    let stem_v = if m.weight == 0 {
        80
    } else {
        50 + (f32::from(m.weight) / 65.0).powi(2).round() as i64
    };
    Metrics {
        ascent: m.ascent,
        descent: m.descent,
        cap_height: m.cap_height,
        italic_angle: m.italic_angle,
        flags: NONSYMBOLIC | if m.italic_angle != 0 { ITALIC } else { 0 },
        stem_v,
        bbox: m.bbox,
    }
}
