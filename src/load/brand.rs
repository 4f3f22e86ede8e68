//! Reading a `[brand]` table, finding the brand of a handout, and caching brands.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use toml::de::DeValue;

use crate::assets::LoadedImage;
use crate::diag::{clip, Diagnostic, Source};
use crate::load::file::{map_limited, ReadError};
use crate::load::guard::without_panic;
use crate::load::image::LOGO_MAX_PX;
use crate::load::reader::{Reader, Table};
use crate::model::{Brand, BrandText, Lang, Rgb};
use crate::text::{open_face, Face, FontBytes, FontProblem, FontSet, STYLE_NAMES};

pub(crate) const BRAND_KEYS: [&str; 11] = [
    "en",
    "es",
    "name",
    "tagline",
    "logo",
    "accent",
    "phone",
    "website",
    "address",
    "disclaimer",
    "fonts",
];

/// The keys of `[brand.es]` and `[brand.en]`: the brand's words in that language.
pub(crate) const BRAND_TEXT_KEYS: [&str; 6] = [
    "name",
    "tagline",
    "phone",
    "website",
    "address",
    "disclaimer",
];

/// Largest font file read: far above any font a handout needs.
const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

pub(crate) type BrandResult = Result<Arc<LoadedBrand>, Vec<Diagnostic>>;

/// A brand with what it draws with: its fonts, parsed, and its logo, decoded.
#[derive(Debug, Clone)]
pub struct LoadedBrand {
    /// The brand, as plain data.
    pub brand: Brand,
    /// The font family, parsed.
    pub fonts: Arc<FontSet>,
    /// The logo's pixels, when it has one.
    pub logo: Option<Arc<LoadedImage>>,
}

impl std::ops::Deref for LoadedBrand {
    type Target = Brand;
    fn deref(&self) -> &Brand {
        &self.brand
    }
}

impl LoadedBrand {
    /// The bundled brand: a made-up clinic with the bundled fonts and no logo, for tests and fuzzing.
    pub fn bundled() -> LoadedBrand {
        LoadedBrand {
            brand: default_brand(),
            fonts: FontSet::bundled(),
            logo: None,
        }
    }
}

/// Brands already loaded, by path, so a batch reads each brand once.
#[derive(Default)]
pub struct BrandCache {
    pub(crate) brands: Mutex<HashMap<PathBuf, BrandResult>>,
    fonts: Mutex<HashMap<Vec<PathBuf>, Arc<FontSet>>>,
}

/// A brand made in code, with no logo: the bundled clinic.
pub fn default_brand() -> Brand {
    Brand {
        source: None,
        name: "Riverbend Recovery Center".to_string(),
        tagline: Some("Outpatient addiction treatment".to_string()),
        logo: None,
        accent: Rgb::DEFAULT_ACCENT,
        phone: Some("804-555-0100".to_string()),
        website: Some("riverbend.example.org".to_string()),
        address: Some("100 River Road, Richmond, VA 23220".to_string()),
        disclaimer: Some("For education only. This is not medical advice.".to_string()),
        warnings: Vec::new(),
        translations: Vec::new(),
    }
}

/// Reads and validates a `[brand]` table, its logo and its fonts.
pub fn read_brand(
    reader: &mut Reader,
    table: Table,
    source: &Arc<Source>,
    cache: &BrandCache,
) -> Option<LoadedBrand> {
    reader.check_keys(table, &BRAND_KEYS);
    let name = reader.required_string(table, "name", "\"Riverbend Recovery Center\"");
    let folder = source.path.parent().unwrap_or(Path::new("."));
    let accent = match reader.string(table, "accent") {
        Some((text, span)) => match Rgb::parse_hex(text.trim()) {
            Some(rgb) => rgb,
            None => {
                reader.error_hint(
                    span,
                    format!("`accent` is not a colour: \"{}\"", clip(&text)),
                    "write a colour as # and six hex digits, for example \"#1F6F78\"",
                );
                Rgb::DEFAULT_ACCENT
            }
        },
        None => Rgb::DEFAULT_ACCENT,
    };
    let logo = match reader.string(table, "logo") {
        Some((path, span)) => match crate::load::decode_image(&folder.join(&path), LOGO_MAX_PX) {
            Ok(image) => Some(image),
            Err(e) => {
                reader.error_hint(span, format!("the logo \"{}\" {}", clip(&path), e.0), e.1);
                None
            }
        },
        None => None,
    };
    let mut text = |key: &str| {
        reader
            .string(table, key)
            .map(|(t, _)| t.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    let tagline = text("tagline");
    let phone = text("phone");
    let website = text("website");
    let address = text("address");
    let disclaimer = text("disclaimer");
    let fonts = read_fonts(reader, table, folder, cache);
    let translations = read_translations(reader, table);
    let brand = Brand {
        source: Some(source.clone()),
        name: name?.0.trim().to_string(),
        tagline,
        logo: logo.as_ref().map(|l: &Arc<LoadedImage>| l.picture()),
        accent,
        phone,
        website,
        address,
        disclaimer,
        warnings: Vec::new(),
        translations,
    };
    Some(LoadedBrand {
        brand,
        fonts: fonts?,
        logo,
    })
}

/// `[brand.es]` and `[brand.en]`: the brand's words for handouts in that language.
fn read_translations(reader: &mut Reader, table: Table) -> Vec<(Lang, BrandText)> {
    let mut out = Vec::new();
    for code in Lang::NAMES {
        let Some(value) = table.get(code) else {
            continue;
        };
        let DeValue::Table(entries) = value.get_ref() else {
            reader.error_hint(
                value.span(),
                format!("`{code}` in [brand] must be a table"),
                format!(
                    "write it as [brand.{code}] with tagline = \"...\" and disclaimer = \"...\""
                ),
            );
            continue;
        };
        let name = format!("[brand.{code}]");
        let sub = Table {
            entries,
            span: (value.span().start, value.span().end),
            name: &name,
        };
        reader.check_keys(sub, &BRAND_TEXT_KEYS);
        let mut text = |key: &str| {
            reader
                .string(sub, key)
                .map(|(t, _)| t.trim().to_string())
                .filter(|t| !t.is_empty())
        };
        let words = BrandText {
            name: text("name"),
            tagline: text("tagline"),
            phone: text("phone"),
            website: text("website"),
            address: text("address"),
            disclaimer: text("disclaimer"),
        };
        if let Some(lang) = Lang::parse(code) {
            out.push((lang, words));
        }
    }
    out
}

/// A font path and the face of a collection it names: "Family.ttc#2" is
/// the third face of Family.ttc; a path without a number is the first face.
fn collection_index(path: &Path) -> (PathBuf, u32) {
    let text = path.to_string_lossy();
    if let Some((file, number)) = text.rsplit_once('#') {
        if !number.is_empty() && number.len() <= 4 && number.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(index) = number.parse() {
                return (PathBuf::from(file), index);
            }
        }
    }
    (path.to_path_buf(), 0)
}

/// Characters handout itself prints besides the user's words: the footer's
/// separator, the ellipsis of a shortened header and the accents of the
/// Spanish labels ("Página", "Teléfonos", "propósito"). A font without them
/// would print empty boxes, which the format never allows.
const LABEL_CHARACTERS: [char; 5] = ['·', '…', 'á', 'é', 'ó'];

/// The label characters a face cannot draw, named for a message.
fn lacking_label_characters(face: &Face) -> Vec<String> {
    LABEL_CHARACTERS
        .iter()
        .filter(|c| !face.has_glyph(**c))
        .map(|c| format!("‘{c}’ (U+{:04X})", u32::from(*c)))
        .collect()
}

fn read_fonts(
    reader: &mut Reader,
    table: Table,
    folder: &Path,
    cache: &BrandCache,
) -> Option<Arc<FontSet>> {
    let Some(value) = table.get("fonts") else {
        return Some(FontSet::bundled());
    };
    let DeValue::Table(entries) = value.get_ref() else {
        reader.error_hint(
            value.span(),
            "`fonts` must be a table",
            "write it as [brand.fonts] with regular = \"fonts/MyFont-Regular.ttf\"",
        );
        return None;
    };
    let fonts_table = Table {
        entries,
        span: (value.span().start, value.span().end),
        name: "[brand.fonts]",
    };
    reader.check_keys(fonts_table, &STYLE_NAMES);
    // Each style: the path as written, the path resolved, and the span of the value.
    let mut paths: [Option<(String, PathBuf, Range<usize>)>; 4] = Default::default();
    for (slot, style) in paths.iter_mut().zip(STYLE_NAMES) {
        *slot = reader
            .string(fonts_table, style)
            .map(|(p, span)| (p.clone(), folder.join(p), span));
    }
    if paths[0].is_none() {
        if !reader.was_misspelt(fonts_table, "regular") {
            let span = fonts_table.key_span("bold").unwrap_or(value.span());
            reader.error_hint(
                span,
                "[brand.fonts] has no `regular` font",
                "add regular = \"fonts/MyFont-Regular.ttf\"; the other styles are optional",
            );
        }
        return None;
    }
    // The same files reached by different paths ("../fonts/R.ttf" from two
    // clinics' folders) are parsed once.
    let key: Vec<PathBuf> = paths
        .iter()
        .map(|p| {
            p.as_ref()
                .map(|(_, p, _)| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
                .unwrap_or_default()
        })
        .collect();
    if let Some(found) = cache
        .fonts
        .lock()
        .ok()
        .and_then(|map| map.get(&key).cloned())
    {
        return Some(found);
    }
    // Every file is read and parsed on its own, so each bad one is reported.
    let mut faces: [Option<Face>; 4] = Default::default();
    let mut ok = true;
    for (index, entry) in paths.iter().enumerate() {
        let Some((written, path, span)) = entry else {
            continue;
        };
        let style = STYLE_NAMES.get(index).copied().unwrap_or("regular");
        let (path, face_number) = collection_index(path);
        match map_limited(&path, MAX_FONT_BYTES) {
            Ok(bytes) if bytes.as_ref().is_empty() => {
                ok = false;
                reader.error_hint(
                    span.clone(),
                    format!("the {style} font \"{}\" is empty (0 bytes)", clip(written)),
                    "copy the font file again; a copy that was cut off or never finished has no bytes",
                );
            }
            Ok(bytes) => {
                let bytes = FontBytes::Read(Arc::new(bytes));
                match without_panic(|| open_face(&bytes, face_number, index, written)) {
                    Some(Ok(face)) => {
                        let lacking = lacking_label_characters(&face);
                        if !lacking.is_empty() {
                            ok = false;
                            reader.error_hint(
                                span.clone(),
                                format!(
                                    "the {style} font \"{}\" has no {}, which handout prints in headers, footers and Spanish labels",
                                    clip(written),
                                    lacking.join(" or ")
                                ),
                                "use a font that has the Latin-1 letters and common punctuation; most fonts do",
                            );
                        }
                        if let Some(slot) = faces.get_mut(index) {
                            *slot = Some(face);
                        }
                    }
                    Some(Err(problem)) => {
                        ok = false;
                        reader.error_hint(
                            span.clone(),
                            format!(
                                "the {style} font \"{}\" {}",
                                clip(written),
                                problem.describe()
                            ),
                            problem.hint(),
                        );
                    }
                    None => {
                        ok = false;
                        reader.error_hint(
                            span.clone(),
                            format!("the {style} font \"{}\" is damaged", clip(written)),
                            FontProblem::CutShort.hint(),
                        );
                    }
                }
            }
            Err(e) => {
                ok = false;
                let hint = match e {
                    ReadError::NotFound => format!(
                        "looked for {}; paths are relative to the brand file",
                        clip(&path.display().to_string())
                    ),
                    ReadError::Folder | ReadError::NotAFile => {
                        "name a .ttf or .otf file; paths are relative to the brand file".to_string()
                    }
                    ReadError::TooLarge(_) => {
                        "a font file is a few MB at most: name the .ttf or .otf file itself, not an archive or a collection of many fonts".to_string()
                    }
                    ReadError::Io(_) => "check that the font file is one you can open".to_string(),
                };
                reader.error_hint(
                    span.clone(),
                    format!("the {style} font \"{}\" {}", clip(written), e.describe()),
                    hint,
                );
            }
        }
    }
    if !ok {
        return None;
    }
    match FontSet::from_faces(faces) {
        Ok(set) => {
            let set = Arc::new(set);
            for (missing, used) in set.fallbacks() {
                reader.warning(
                    value.span(),
                    format!(
                        "[brand.fonts] has no {missing} font; {used} is used for {missing} text"
                    ),
                );
            }
            if let Ok(mut map) = cache.fonts.lock() {
                map.insert(key, set.clone());
            }
            Some(set)
        }
        Err(e) => {
            // Each file parsed alone above, so this is not expected; say which style anyway.
            reader.error_hint(
                value.span(),
                format!("the {} font {}", e.style, e.problem.describe()),
                e.problem.hint(),
            );
            None
        }
    }
}
