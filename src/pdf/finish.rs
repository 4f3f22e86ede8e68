//! The whole document: fonts, images and pages, then the structure tree,
//! outline, metadata and catalog, written straight into the PDF file.

use std::sync::Arc;

use crate::layout::{Anchor, Document, Item};
use crate::model::Date;
use crate::pdf::archive::{output_intent, write_metadata, write_profile, xmp_metadata};
use crate::pdf::compress::{Deflater, Pooled};
use crate::pdf::file::{PdfFile, Ref};
use crate::pdf::fonts::{embed, Codes, EmbeddedFace, GlyphUse};
use crate::pdf::image::{encode_image, started_already, EncodedImage};
use crate::pdf::tagging::write_structure;
use crate::pdf::write::{glyph_use, write_page, LinkContext, PageTags};
use crate::pipeline::parallel::{both, map_ordered};
use crate::text::{Face, FontSet};

/// What the PDF says about itself beyond the layout.
#[derive(Debug, Clone, Copy)]
pub struct PdfOptions {
    /// Creation time as Unix seconds: `SOURCE_DATE_EPOCH` when set, else now.
    pub created: i64,
    /// Threads the document may start besides its own to encode images and
    /// compress streams: a core that no other document of the run is using.
    /// The bytes are the same with or without them.
    pub helpers: usize,
}

/// Why a document could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    /// What went wrong.
    pub message: String,
    /// How to fix it.
    pub hint: &'static str,
    /// Whether the message names a fault of the input, a damaged font, in a
    /// sentence of its own, as [`check_glyphs`] does; otherwise it says what
    /// kept the PDF from being written.
    pub about_input: bool,
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<String> for RenderError {
    fn from(message: String) -> RenderError {
        RenderError {
            message,
            hint: "this is a defect in handout; please report it with the file",
            about_input: false,
        }
    }
}

impl From<&str> for RenderError {
    fn from(message: &str) -> RenderError {
        RenderError::from(message.to_string())
    }
}

const DAMAGED_FONT_HINT: &str =
    "get a fresh copy of the font file, or use another TrueType (.ttf) or OpenType (.otf) font";

/// Checks that every glyph a brand's font draws in the document has an
/// outline that can be read: a damaged glyph would print as nothing.
/// [`render_pdf`] makes the same checks, each face's before it is subset.
pub fn check_glyphs(doc: &Document) -> Result<(), RenderError> {
    let fonts: &FontSet = &doc.fonts;
    for (face, used) in fonts.faces().iter().zip(glyph_use(doc, fonts)) {
        check_face(fonts, face, &used)?;
    }
    Ok(())
}

/// [`check_glyphs`] for one face and the glyphs drawn with it.
fn check_face(fonts: &FontSet, face: &Face, used: &GlyphUse) -> Result<(), RenderError> {
    if face.bundled {
        return Ok(());
    }
    if let Some((_, &c)) = used.iter().find(|(_, &c)| !face.advance_ok(c)) {
        let (style, origin) = fonts.describe_face(face.id);
        return Err(RenderError {
            message: format!(
                "the {style} font \"{origin}\" is damaged: its letter ‘{c}’ is wider than the font allows any letter to be"
            ),
            hint: DAMAGED_FONT_HINT,
            about_input: true,
        });
    }
    if let Some((_, &c)) = used.iter().find(|(&gid, &c)| !face.outline_ok(gid, c)) {
        return Err(RenderError {
            about_input: true,
            ..damaged_font(fonts, face.id, Some(c))
        });
    }
    Ok(())
}

fn damaged_font(fonts: &FontSet, id: &str, character: Option<char>) -> RenderError {
    let (style, origin) = fonts.describe_face(id);
    let what = match character {
        Some(c) => format!("the shape of its letter ‘{c}’ cannot be read"),
        None => "it cannot be embedded".to_string(),
    };
    RenderError {
        message: format!("the {style} font \"{origin}\" is damaged: {what}"),
        hint: DAMAGED_FONT_HINT,
        about_input: false,
    }
}

/// The largest size in points at which the document draws an image.
fn largest_drawn(doc: &Document, key: &str) -> Option<(f32, f32)> {
    doc.pages
        .iter()
        .flat_map(|page| &page.items)
        .filter_map(|item| match item {
            Item::Image { key: k, w, h, .. } if k == key => Some((w.0, h.0)),
            _ => None,
        })
        .reduce(|a, b| (a.0.max(b.0), a.1.max(b.1)))
}

/// Renders a laid-out document to PDF bytes, after the checks of
/// [`check_glyphs`], made as each face is subset.
pub fn render_pdf(doc: &Document, options: PdfOptions) -> Result<Vec<u8>, RenderError> {
    let mut file = PdfFile::new(options.helpers > 0);
    let pages_root = file.reserve();
    // Images encoded already, or being encoded (a logo, while the handouts
    // were laid out), need no helper: they are waited for after the pages.
    let started = doc
        .images
        .iter()
        .all(|image| started_already(image, largest_drawn(doc, &image.key)));
    let (written, images) = if options.helpers > 0 && !started {
        // Images are scaled and compressed on a helper while the fonts are
        // subset and the pages written.
        let (written, images) = both(
            options.helpers,
            || write_pages(&mut file, doc, pages_root, options.created),
            || encode_images(doc, &mut Pooled::take()),
        );
        (written, Some(images))
    } else {
        (
            write_pages(&mut file, doc, pages_root, options.created),
            None,
        )
    };
    let (written, image_refs) = written?;
    let Written {
        pages,
        tree,
        outline,
        metadata,
        profile,
    } = written;
    let images = match images {
        Some(images) => images?,
        None => encode_images(doc, file.deflater())?,
    };
    for (encoded, &(_, id)) in images.iter().zip(&image_refs) {
        encoded.write_at(&mut file, id);
    }
    let date = pdf_date(options.created);
    let info = file.dict(|d| {
        d.text("Title", &doc.title).text("Author", &doc.author);
        if !doc.subject.is_empty() {
            d.text("Subject", &doc.subject);
        }
        d.text("Creator", "handout")
            .text("Producer", concat!("handout ", env!("CARGO_PKG_VERSION")))
            .string("CreationDate", date.as_bytes())
            .string("ModDate", date.as_bytes());
    });
    file.dict_at(pages_root, |d| {
        d.name("Type", "Pages")
            .array("Kids", |a| {
                for &page in &pages {
                    a.reference(page);
                }
            })
            .int("Count", pages.len() as i64);
    });
    let catalog = file.dict(|d| {
        d.name("Type", "Catalog")
            .reference("Pages", pages_root)
            .string("Lang", doc.lang.as_bytes())
            .dict("ViewerPreferences", |v| {
                v.bool("DisplayDocTitle", true);
            })
            .reference("StructTreeRoot", tree)
            .dict("MarkInfo", |m| {
                m.bool("Marked", true);
            })
            .reference("Metadata", metadata)
            .array("OutputIntents", |a| {
                a.dict(|i| output_intent(i, profile));
            });
        match outline {
            Some(root) => {
                d.reference("Outlines", root)
                    .name("PageMode", "UseOutlines");
            }
            None => {
                d.name("PageMode", "UseNone");
            }
        }
    });
    Ok(file.finish(catalog, info))
}

/// Every image of the document, encoded for the PDF, in order.
fn encode_images(
    doc: &Document,
    deflater: &mut Deflater,
) -> Result<Vec<Arc<EncodedImage>>, RenderError> {
    doc.images
        .iter()
        .map(|image| {
            encode_image(image, largest_drawn(doc, &image.key), deflater)
                .ok_or_else(|| "an image could not be embedded".into())
        })
        .collect()
}

/// The objects of the pages and of what describes the whole document.
struct Written {
    pages: Vec<Ref>,
    /// The structure tree's root.
    tree: Ref,
    /// The outline's root, when there are bookmarks.
    outline: Option<Ref>,
    metadata: Ref,
    /// The output intent's ICC profile.
    profile: Ref,
}

/// What [`write_pages`] wrote, and the numbers reserved for the images.
type WrittenPages<'d> = (Written, Vec<Named<'d>>);

/// Fonts and pages, and after the pages the structure tree, the outline and
/// the metadata; the images' objects come next, as the numbers reserved.
fn write_pages<'d>(
    file: &mut PdfFile,
    doc: &'d Document,
    parent: Ref,
    created: i64,
) -> Result<WrittenPages<'d>, RenderError> {
    let fonts: &FontSet = &doc.fonts;
    // Fonts, subset to the glyphs the pages use. The pages need only the
    // glyphs' new codes, so the faces are subset and compressed (on a helper
    // when there is one) while the pages are written, and their objects
    // come after the pages.
    let used = glyph_use(doc, fonts);
    let faces: Vec<(&Face, &GlyphUse)> = fonts
        .faces()
        .iter()
        .zip(&used)
        .filter(|(_, used)| !used.is_empty())
        .collect();
    let font_refs: Vec<(&str, Ref)> = faces
        .iter()
        .map(|(face, _)| (face.id, file.reserve()))
        .collect();
    let codes: Vec<Option<Codes>> = used
        .iter()
        .map(|used| (!used.is_empty()).then(|| Codes::new(used)))
        .collect();
    // Numbers for the images now; their objects are written after the
    // pages, when a helper may have encoded them meanwhile.
    let image_refs: Vec<(&str, Ref)> = doc
        .images
        .iter()
        .map(|image| (image.key.as_str(), file.reserve()))
        .collect();
    // The pages and each face are jobs of their own, shared with a helper
    // when there is one: whichever thread is free takes the next.
    enum Work<'a> {
        Pages,
        Face(&'a Face, &'a GlyphUse),
    }
    enum Done {
        Pages(Result<Written, RenderError>),
        Face(Result<Arc<EmbeddedFace>, RenderError>),
    }
    let work: Vec<Work> = std::iter::once(Work::Pages)
        .chain(faces.iter().map(|&(face, used)| Work::Face(face, used)))
        .collect();
    let helpers = usize::from(file.has_helper());
    let shared = std::sync::Mutex::new(&mut *file);
    let done = map_ordered(&work, helpers, |job| match *job {
        Work::Pages => {
            let mut file = shared
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let (pages, tags) =
                write_page_objects(&mut file, doc, parent, (&font_refs, &image_refs), &codes);
            // What describes the whole document needs only the pages: it is
            // written here, while the faces may still be being subset.
            let tree = write_structure(&mut file, &doc.structure, &pages, &tags)
                .map_err(RenderError::from);
            Done::Pages(tree.map(|tree| Written {
                tree,
                outline: write_outline(&mut file, doc, &pages),
                metadata: write_metadata(&mut file, &xmp_metadata(doc, created)),
                profile: write_profile(&mut file),
                pages,
            }))
        }
        // Each face is checked before the subsetter reads it.
        Work::Face(face, used) => Done::Face(check_face(fonts, face, used).and_then(|()| {
            embed(face, used, &mut Pooled::take())
                .map_err(|e| damaged_font(fonts, e.face, e.character))
        })),
    });
    let (mut written, mut embedded) = (None, Vec::new());
    for result in done {
        match result {
            Done::Pages(pages) => written = Some(pages?),
            Done::Face(face) => embedded.push(face?),
        }
    }
    let written = written.ok_or("the pages were not written")?;
    for (face, &(_, id)) in embedded.iter().zip(&font_refs) {
        face.write_at(file, id);
    }
    Ok((written, image_refs))
}

/// A resource's name and its object.
type Named<'a> = (&'a str, Ref);

/// The resource dictionary and the pages, with the fonts and images as the
/// numbers reserved for them.
fn write_page_objects(
    file: &mut PdfFile,
    doc: &Document,
    parent: Ref,
    (font_refs, image_refs): (&[Named], &[Named]),
    codes: &[Option<Codes>],
) -> (Vec<Ref>, Vec<PageTags>) {
    let fonts: &FontSet = &doc.fonts;
    // One resource dictionary serves every page.
    let resources = file.dict(|d| {
        d.dict("Font", |f| {
            for &(name, id) in font_refs {
                f.reference(name, id);
            }
        });
        if !image_refs.is_empty() {
            d.dict("XObject", |x| {
                for &(name, id) in image_refs {
                    x.reference(name, id);
                }
            });
        }
    });

    let page_ids: Vec<Ref> = doc.pages.iter().map(|_| file.reserve()).collect();
    let mut links = LinkContext {
        pages: &page_ids,
        next_key: page_ids.len() as i64,
    };
    let mut tags = Vec::with_capacity(doc.pages.len());
    for (index, (page, &page_id)) in doc.pages.iter().zip(&page_ids).enumerate() {
        let output = write_page(file, page, fonts, codes, &doc.structure, &mut links);
        // Compressed here, while a helper subsets the fonts.
        let contents = file.stream_now(|_| {}, &output.content);
        file.dict_at(page_id, |d| {
            d.name("Type", "Page")
                .reference("Parent", parent)
                .array("MediaBox", |a| {
                    a.int(0).int(0).real(page.width.0).real(page.height.0);
                })
                .reference("Resources", resources)
                .reference("Contents", contents)
                .int("StructParents", index as i64);
            if !output.annotations.is_empty() {
                d.array("Annots", |a| {
                    for &id in &output.annotations {
                        a.reference(id);
                    }
                })
                // Tab through links in the order of the structure tree.
                .name("Tabs", "S");
            }
        });
        tags.push(output.tags);
    }
    (page_ids, tags)
}

/// `D:YYYYMMDDHHmmSSZ` for a Unix time.
pub fn pdf_date(seconds: i64) -> String {
    let (date, h, m, s) = Date::from_unix_time(seconds);
    format!(
        "D:{:04}{:02}{:02}{h:02}{m:02}{s:02}Z",
        date.year, date.month, date.day
    )
}

/// Writes the outline as a tree: each anchor is a child of the last anchor with a lower level.
fn write_outline(file: &mut PdfFile, doc: &Document, pages: &[Ref]) -> Option<Ref> {
    let anchors: &[Anchor] = &doc.outline;
    if anchors.is_empty() {
        return None;
    }
    let root = file.reserve();
    let ids: Vec<Ref> = anchors.iter().map(|_| file.reserve()).collect();
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
        let kids = children(Some(i));
        file.dict_at(ids[i], |d| {
            d.text("Title", &anchor.title)
                .reference("Parent", parents[i].map_or(root, |p| ids[p]));
            if position > 0 {
                d.reference("Prev", ids[siblings[position - 1]]);
            }
            if let Some(&next) = siblings.get(position + 1) {
                d.reference("Next", ids[next]);
            }
            if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
                // Top-level entries open, so a reader sees each handout's headings.
                let count = descendants(i);
                d.reference("First", ids[first])
                    .reference("Last", ids[last])
                    .int("Count", if anchor.level == 0 { count } else { -count });
            }
            if let (Some(&page), Some(laid_out)) =
                (pages.get(anchor.page), doc.pages.get(anchor.page))
            {
                let top = laid_out.height.0 - anchor.y.0;
                d.array("Dest", |a| {
                    a.reference(page).name("XYZ").null().real(top).null();
                });
            }
        });
    }
    let top = children(None);
    file.dict_at(root, |d| {
        d.name("Type", "Outlines");
        if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
            d.reference("First", ids[first])
                .reference("Last", ids[last]);
        }
        d.int("Count", anchors.len() as i64);
    });
    Some(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_formatted_for_pdf() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(1_793_000_000), "D:20261026073320Z");
    }
}
