//! Document-level finishing on the lopdf document: outline, metadata, catalog, /ID.

use std::sync::Arc;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use crate::layout::{Anchor, Document};
use crate::model::{Date, LoadedImage};
use crate::pdf::archive::{metadata_stream, output_intent, profile_stream, xmp_metadata};
use crate::pdf::compress::Deflater;
use crate::pdf::fonts::{embed, EmbeddedFace};
use crate::pdf::image::encode_image;
use crate::pdf::serialize::serialize;
use crate::pdf::tagging::write_structure;
use crate::pdf::write::{glyph_use, write_page, PageTags};
use crate::text::FontSet;

/// What the PDF says about itself beyond the layout.
#[derive(Debug, Clone, Copy)]
pub struct PdfOptions {
    /// Creation time as Unix seconds: `SOURCE_DATE_EPOCH` when set, else now.
    pub created: i64,
}

/// Renders a laid-out document to PDF bytes.
pub fn render_pdf(
    doc: &Document,
    fonts: &FontSet,
    images: &[Arc<LoadedImage>],
    options: PdfOptions,
) -> Result<Vec<u8>, String> {
    let mut lo = lopdf::Document::with_version("1.7");
    let mut deflater = Deflater::default();
    let tags = write_pages(&mut lo, doc, fonts, images, &mut deflater)?;
    finish(&mut lo, doc, options)?;
    make_accessible(&mut lo, doc, &tags, options)?;
    compress_streams(&mut lo, &mut deflater);
    // The /ID is a hash of the content, so identical input gives identical bytes.
    let id = Object::String(content_id(&lo).into_bytes(), StringFormat::Literal);
    lo.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    // Object streams pack the many small objects of the structure tree.
    let bytes = serialize(&lo, &mut deflater);
    Ok(bytes)
}

/// The fonts, images, pages and catalog; returns what each page's content is tagged as.
fn write_pages(
    lo: &mut lopdf::Document,
    doc: &Document,
    fonts: &FontSet,
    images: &[Arc<LoadedImage>],
    deflater: &mut Deflater,
) -> Result<Vec<PageTags>, String> {
    // Fonts, subset to the glyphs the pages use.
    let used = glyph_use(doc, fonts);
    let mut font_dict = Dictionary::new();
    let mut embedded: Vec<Option<Arc<EmbeddedFace>>> = Vec::with_capacity(used.len());
    for (face, used) in fonts.faces().iter().zip(&used) {
        if used.is_empty() {
            embedded.push(None);
            continue;
        }
        let face_embedded = embed(face, used, deflater);
        font_dict.set(face.id, face_embedded.add_to(lo));
        embedded.push(Some(face_embedded));
    }
    // One resource dictionary serves every page.
    let mut resources = Dictionary::new();
    resources.set("Font", font_dict);
    if !images.is_empty() {
        let mut xobjects = Dictionary::new();
        for image in images {
            let stream = encode_image(image)
                .ok_or("an image could not be embedded")?
                .to_stream(lo);
            xobjects.set(image.key.clone(), lo.add_object(stream));
        }
        resources.set("XObject", xobjects);
    }
    let resources = lo.add_object(resources);

    let pages_id = lo.new_object_id();
    let page_ids: Vec<ObjectId> = doc.pages.iter().map(|_| lo.new_object_id()).collect();
    let mut tags = Vec::with_capacity(doc.pages.len());
    for (page, &page_id) in doc.pages.iter().zip(&page_ids) {
        let output = write_page(page, fonts, &embedded, &doc.structure, &page_ids);
        let contents = lo.add_object(deflater.stream(Dictionary::new(), output.content));
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"Page".to_vec()));
        dict.set("Parent", pages_id);
        dict.set(
            "MediaBox",
            vec![
                0.into(),
                0.into(),
                Object::Real(page.width.0),
                Object::Real(page.height.0),
            ],
        );
        dict.set("Resources", resources);
        dict.set("Contents", contents);
        if !output.links.is_empty() {
            let annots: Vec<Object> = output
                .links
                .into_iter()
                .map(|link| lo.add_object(link).into())
                .collect();
            dict.set("Annots", annots);
        }
        lo.objects.insert(page_id, Object::Dictionary(dict));
        tags.push(output.tags);
    }
    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set(
        "Kids",
        page_ids
            .iter()
            .map(|&id| id.into())
            .collect::<Vec<Object>>(),
    );
    pages.set("Count", page_ids.len() as i64);
    lo.objects.insert(pages_id, Object::Dictionary(pages));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", pages_id);
    let catalog = lo.add_object(catalog);
    lo.trailer.set("Root", catalog);
    Ok(tags)
}

/// Tagging and archival parts: structure tree, MarkInfo, XMP metadata, output intent.
fn make_accessible(
    lo: &mut lopdf::Document,
    doc: &Document,
    tags: &[PageTags],
    options: PdfOptions,
) -> Result<(), String> {
    let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let tree = write_structure(lo, &doc.structure, &pages, tags)?;
    let metadata = lo.add_object(metadata_stream(xmp_metadata(doc, options.created)));
    let profile = lo.add_object(profile_stream());
    let intent = output_intent(profile);
    let catalog_id = lo
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| "the PDF has no catalog".to_string())?;
    let catalog = lo
        .get_object_mut(catalog_id)
        .and_then(Object::as_dict_mut)
        .map_err(|_| "the PDF catalog is not a dictionary".to_string())?;
    catalog.set("StructTreeRoot", tree);
    let mut mark_info = Dictionary::new();
    mark_info.set("Marked", true);
    catalog.set("MarkInfo", mark_info);
    catalog.set("Metadata", metadata);
    catalog.set(
        "OutputIntents",
        Object::Array(vec![Object::Dictionary(intent)]),
    );
    Ok(())
}

/// Compresses the streams that are not compressed yet and may be.
fn compress_streams(lo: &mut lopdf::Document, deflater: &mut Deflater) {
    for object in lo.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let content = std::mem::take(&mut stream.content);
        *stream = deflater.stream(std::mem::take(&mut stream.dict), content);
    }
}

/// FNV-1a: a fast, stable hash; two seeds make a 128-bit document id.
fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    bytes.iter().fold(seed, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A 128-bit id from every stream and the document information, in object order.
fn content_id(lo: &lopdf::Document) -> String {
    let mut a = 0xcbf2_9ce4_8422_2325;
    let mut b = 0x6c62_272e_07bb_0142;
    for object in lo.objects.values() {
        let bytes: &[u8] = match object {
            Object::Stream(stream) => &stream.content,
            Object::String(bytes, _) => bytes,
            _ => continue,
        };
        a = fnv1a_from(a, bytes);
        b = fnv1a_from(b, bytes);
    }
    if let Ok(Object::Reference(info)) = lo.trailer.get(b"Info") {
        let text = format!("{:?}", lo.get_object(*info).ok());
        a = fnv1a_from(a, text.as_bytes());
        b = fnv1a_from(b, text.as_bytes());
    }
    format!("{a:016x}{b:016x}")
}

fn fnv1a_from(seed: u64, bytes: &[u8]) -> u64 {
    fnv1a(bytes, seed)
}

/// A PDF text string: plain ASCII as it is, anything else UTF-16BE with a
/// byte-order mark. Both are literal strings, the shortest form in the file.
pub fn text_string(text: &str) -> Object {
    if text.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return Object::String(text.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Literal)
}

/// `D:YYYYMMDDHHmmSSZ` for a Unix time.
pub fn pdf_date(seconds: i64) -> String {
    let (date, h, m, s) = Date::from_unix_time(seconds);
    format!(
        "D:{:04}{:02}{:02}{h:02}{m:02}{s:02}Z",
        date.year, date.month, date.day
    )
}

fn finish(lo: &mut lopdf::Document, doc: &Document, options: PdfOptions) -> Result<(), String> {
    let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let catalog_id = lo
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| "the PDF has no catalog".to_string())?;

    // Info: our own, without printpdf's empty PDF/X entries.
    let date = Object::string_literal(pdf_date(options.created));
    let mut info = Dictionary::new();
    info.set("Title", text_string(&doc.title));
    info.set("Author", text_string(&doc.author));
    if !doc.subject.is_empty() {
        info.set("Subject", text_string(&doc.subject));
    }
    info.set("Creator", text_string("handout"));
    info.set(
        "Producer",
        text_string(concat!("handout ", env!("CARGO_PKG_VERSION"))),
    );
    info.set("CreationDate", date.clone());
    info.set("ModDate", date);
    let info_id = lo.add_object(info);
    lo.trailer.set("Info", info_id);

    let outline = write_outline(lo, &doc.outline, &pages);
    let catalog = lo
        .get_object_mut(catalog_id)
        .and_then(Object::as_dict_mut)
        .map_err(|_| "the PDF catalog is not a dictionary".to_string())?;
    catalog.remove(b"Outlines");
    catalog.set("Lang", Object::string_literal(doc.lang.clone()));
    let mut viewer = Dictionary::new();
    viewer.set("DisplayDocTitle", true);
    catalog.set("ViewerPreferences", viewer);
    match outline {
        Some(root) => {
            catalog.set("Outlines", root);
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        None => catalog.set("PageMode", Object::Name(b"UseNone".to_vec())),
    }
    Ok(())
}

/// Writes the outline as a tree: each anchor is a child of the last anchor with a lower level.
fn write_outline(
    lo: &mut lopdf::Document,
    anchors: &[Anchor],
    pages: &[ObjectId],
) -> Option<ObjectId> {
    if anchors.is_empty() {
        return None;
    }
    let root = lo.new_object_id();
    let ids: Vec<ObjectId> = anchors.iter().map(|_| lo.new_object_id()).collect();
    // Parent of each node: index into anchors, or None for the root.
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(anchors.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, anchor) in anchors.iter().enumerate() {
        while stack
            .last()
            .is_some_and(|&top| anchors[top].level >= anchor.level)
        {
            stack.pop();
        }
        parents.push(stack.last().copied());
        stack.push(i);
    }
    let children = |parent: Option<usize>| -> Vec<usize> {
        (0..anchors.len())
            .filter(|&i| parents[i] == parent)
            .collect()
    };
    let descendants = |node: usize| -> i64 {
        let mut count = 0;
        let mut frontier = vec![node];
        while let Some(n) = frontier.pop() {
            for c in (0..anchors.len()).filter(|&i| parents[i] == Some(n)) {
                count += 1;
                frontier.push(c);
            }
        }
        count
    };
    for (i, anchor) in anchors.iter().enumerate() {
        let siblings = children(parents[i]);
        let position = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let mut dict = Dictionary::new();
        dict.set("Title", text_string(&anchor.title));
        dict.set("Parent", parents[i].map_or(root, |p| ids[p]));
        if position > 0 {
            dict.set("Prev", ids[siblings[position - 1]]);
        }
        if let Some(&next) = siblings.get(position + 1) {
            dict.set("Next", ids[next]);
        }
        let kids = children(Some(i));
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            dict.set("First", ids[first]);
            dict.set("Last", ids[last]);
            // Top-level entries open, so a reader sees each handout's headings.
            let count = descendants(i);
            dict.set("Count", if anchor.level == 0 { count } else { -count });
        }
        if let Some(&page) = pages.get(anchor.page) {
            let top = page_height(lo, page) - anchor.y.0;
            dict.set(
                "Dest",
                Object::Array(vec![
                    page.into(),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Real(top),
                    Object::Null,
                ]),
            );
        }
        lo.objects.insert(ids[i], Object::Dictionary(dict));
    }
    let top = children(None);
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
        dict.set("First", ids[first]);
        dict.set("Last", ids[last]);
    }
    dict.set("Count", anchors.len() as i64);
    lo.objects.insert(root, Object::Dictionary(dict));
    Some(root)
}

fn page_height(lo: &lopdf::Document, page: ObjectId) -> f32 {
    lo.get_dictionary(page)
        .ok()
        .and_then(|d| d.get(b"MediaBox").ok())
        .and_then(|b| b.as_array().ok())
        .and_then(|a| a.get(3))
        .and_then(|h| h.as_float().ok())
        .unwrap_or(792.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_are_ascii_or_utf16() {
        let plain = text_string("Call 988");
        assert_eq!(plain.as_str().ok(), Some(&b"Call 988"[..]));
        let accented = text_string("Línea");
        assert_eq!(
            accented.as_str().ok(),
            Some(&b"\xFE\xFF\0L\0\xED\0n\0e\0a"[..])
        );
    }

    #[test]
    fn dates_are_formatted_for_pdf() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(1_793_000_000), "D:20261026073320Z");
    }
}
