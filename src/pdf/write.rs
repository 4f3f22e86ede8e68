//! Positioned items to content streams and link annotations: one match over
//! the frame's items.

use crate::layout::{Document, Item, LinkTarget, Page, Pt, Role, StructKind, StructNode};
use crate::model::Rgb;
use crate::pdf::content::Content;
use crate::pdf::file::{PdfFile, Ref};
use crate::pdf::fonts::{Codes, GlyphUse};
use crate::text::{Face, FontSet};

/// What a page's content belongs to in the structure tree.
#[derive(Debug, Default, Clone)]
pub struct PageTags {
    /// For each marked-content id on the page, in order, its structure node.
    pub mcids: Vec<usize>,
    /// For each link annotation on the page, in order, its Link node, its
    /// object and its key in the parent tree.
    pub links: Vec<(usize, Ref, i64)>,
}

/// A page written out: its content stream, and what the structure tree needs.
#[derive(Debug)]
pub struct PageOutput {
    /// The uncompressed content stream.
    pub content: Vec<u8>,
    /// Marked content and links, for the structure tree.
    pub tags: PageTags,
    /// Every link annotation of the page, in order.
    pub annotations: Vec<Ref>,
}

/// What a page's links need to know about the document.
pub struct LinkContext<'a> {
    /// The page objects, for links within the document.
    pub pages: &'a [Ref],
    /// The next free key of the parent tree.
    pub next_key: i64,
}

/// A run of text: a plain `Tj`, or a `TJ` with the font's kerning between
/// the glyphs it moves, in thousandths of an em as the layout measured them.
fn write_kerned(out: &mut Content, text: &str, face: &Face, codes: &Codes) {
    let scale = 1000.0 / face.units_per_em();
    let glyphs = || {
        let mut previous: Option<char> = None;
        text.chars().filter_map(move |c| {
            let gid = face.glyph(c)?;
            let kern = previous.map_or(0, |p| face.kern(p, c));
            previous = Some(c);
            Some((codes.code(gid), -f32::from(kern) * scale))
        })
    };
    if glyphs().all(|(_, adjust)| adjust == 0.0) {
        out.glyphs(glyphs().map(|(code, _)| code)).op("Tj");
    } else {
        out.kerned_glyphs(glyphs()).op("TJ");
    }
}

/// The glyphs each face draws in a document, by index in [`FontSet::faces`].
pub fn glyph_use(doc: &Document, fonts: &FontSet) -> Vec<GlyphUse> {
    // A character per glyph id while scanning, '\0' for unused: no map
    // lookups per glyph. A face's table is made when a run first uses it.
    let mut seen: Vec<Vec<char>> = vec![Vec::new(); fonts.faces().len()];
    for page in &doc.pages {
        for item in &page.items {
            let Item::Text { runs, .. } = item else {
                continue;
            };
            for run in runs {
                let index = fonts.face_index(run.style);
                let face = &fonts.faces()[index];
                let table = &mut seen[index];
                if table.is_empty() {
                    *table = vec!['\0'; usize::from(face.num_glyphs()).max(1)];
                }
                for c in run.text.chars() {
                    let Some(gid) = face.glyph(c) else { continue };
                    if let Some(slot) = table.get_mut(usize::from(gid)) {
                        if *slot == '\0' {
                            *slot = c;
                        }
                    }
                }
            }
        }
    }
    seen.into_iter()
        .map(|table| {
            table
                .into_iter()
                .enumerate()
                .filter(|&(_, c)| c != '\0')
                .map(|(gid, c)| (gid as u16, c))
                .collect()
        })
        .collect()
}

/// The marked-content sequence the content stream is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    None,
    Artifact,
    Tag(usize),
}

/// The bezier constant for a quarter circle.
const KAPPA: f32 = 0.552_284_8;

/// A rectangle with rounded corners as a closed path; `y` is the top edge in
/// layout coordinates, `height` the page height.
fn rounded_rect(out: &mut Content, x: Pt, y: Pt, w: Pt, h: Pt, r: Pt, height: Pt) {
    let r = r.min(w * 0.5).min(h * 0.5).0;
    let k = r * (1.0 - KAPPA);
    let (x0, x1) = (x.0, x.0 + w.0);
    // PDF coordinates: y upwards, top edge first.
    let (top, bottom) = (height.0 - y.0, height.0 - y.0 - h.0);
    // A side the corners use up entirely (a circle, a pill) draws no line.
    let wide = w.0 - 2.0 * r > 0.005;
    let tall = h.0 - 2.0 * r > 0.005;
    out.nums(&[x0 + r, top]).op("m");
    if wide {
        out.nums(&[x1 - r, top]).op("l");
    }
    out.nums(&[x1 - k, top, x1, top - k, x1, top - r]).op("c");
    if tall {
        out.nums(&[x1, bottom + r]).op("l");
    }
    out.nums(&[x1, bottom + k, x1 - k, bottom, x1 - r, bottom])
        .op("c");
    if wide {
        out.nums(&[x0 + r, bottom]).op("l");
    }
    out.nums(&[x0 + k, bottom, x0, bottom + k, x0, bottom + r])
        .op("c");
    if tall {
        out.nums(&[x0, top - r]).op("l");
    }
    out.nums(&[x0, top - k, x0 + k, top, x0 + r, top]).op("c");
    out.op("h");
}

/// Sets the paint colours; returns the painting operator, if anything is painted.
fn paint(out: &mut Content, fill: Option<Rgb>, stroke: Option<(Rgb, Pt)>) -> Option<&'static str> {
    if let Some(fill) = fill {
        out.rgb(fill).op("rg");
    }
    if let Some((stroke, width)) = stroke {
        out.rgb(stroke).op("RG");
        out.num(width.0).op("w");
    }
    match (fill.is_some(), stroke.is_some()) {
        (true, true) => Some("B"),
        (true, false) => Some("f"),
        (false, true) => Some("S"),
        (false, false) => None,
    }
}

/// What the content stream has set, so repeated state is not written again.
#[derive(Default)]
struct TextState {
    open: bool,
    fill: Option<Rgb>,
    font: Option<(usize, u32)>,
}

/// Writes one page's content stream and returns it; its links are written
/// to the file as annotations, bound to their Link elements by parent-tree keys.
pub fn write_page(
    file: &mut PdfFile,
    page: &Page,
    fonts: &FontSet,
    codes: &[Option<Codes>],
    structure: &[StructNode],
    links: &mut LinkContext,
) -> PageOutput {
    let h = page.height;
    let mut out = Content::new();
    let mut state = TextState::default();
    let mut tags = PageTags::default();
    let mut annotations = Vec::new();
    let mut mark = Mark::None;
    let split = split_words(page);
    for (item_index, item) in page.items.iter().enumerate() {
        // One text object per line, so every extractor sees line ends; the fill
        // colour carries over from line to line until a shape changes it.
        if state.open {
            out.op("ET");
            state.open = false;
        }
        // Everything is either content of a structure element or an artifact;
        // consecutive items of one element share a marked-content sequence.
        let wanted = match item {
            Item::Text { role, .. } | Item::Image { role, .. } | Item::Squares { role, .. } => {
                match role {
                    Role::Tag(node) => Mark::Tag(*node),
                    Role::Artifact => Mark::Artifact,
                }
            }
            Item::Link { .. } => mark,
            _ => Mark::Artifact,
        };
        if wanted != mark {
            if mark != Mark::None {
                out.op("EMC");
            }
            match wanted {
                Mark::Tag(node) => {
                    let kind = structure.get(node).map_or("Span", |n| n.kind.name());
                    out.name(kind)
                        .raw("<</MCID")
                        .int(tags.mcids.len())
                        .raw(">>");
                    out.op("BDC");
                    tags.mcids.push(node);
                }
                Mark::Artifact => out.name("Artifact").op("BMC"),
                Mark::None => {}
            }
            mark = wanted;
        }
        if !matches!(item, Item::Text { .. }) {
            state.fill = None;
        }
        match item {
            Item::Text {
                x,
                y,
                size,
                runs,
                color,
                ..
            } => {
                if !state.open {
                    out.op("BT");
                    state.open = true;
                }
                if state.fill != Some(*color) {
                    out.rgb(*color).op("rg");
                    state.fill = Some(*color);
                }
                // A new text object starts at the origin, so Td places the line.
                out.nums(&[x.0, h.0 - y.0]).op("Td");
                for run in runs {
                    let index = fonts.face_index(run.style);
                    let face = &fonts.faces()[index];
                    let font = (index, size.0.to_bits());
                    if state.font != Some(font) {
                        out.name(face.id).num(size.0).op("Tf");
                        state.font = Some(font);
                    }
                    let Some(Some(codes)) = codes.get(index) else {
                        continue;
                    };
                    let (word, skip) = &split[item_index];
                    let last = std::ptr::eq(run, runs.last().unwrap_or(run));
                    let first = std::ptr::eq(run, runs.first().unwrap_or(run));
                    for (text, actual) in split_run(
                        &run.text,
                        first.then_some(*skip),
                        last.then_some(word.as_deref()).flatten(),
                    ) {
                        if let Some(actual) = actual {
                            out.name("Span")
                                .raw("<</ActualText")
                                .raw(&text_string(actual))
                                .raw(">>");
                            out.op("BDC");
                        }
                        write_kerned(&mut out, text, face, codes);
                        if actual.is_some() {
                            out.op("EMC");
                        }
                    }
                }
            }
            Item::Rect {
                x,
                y,
                w,
                h: rh,
                radius,
                fill,
                stroke,
            } => {
                let Some(operator) = paint(&mut out, *fill, *stroke) else {
                    continue;
                };
                if radius.0 > 0.0 {
                    rounded_rect(&mut out, *x, *y, *w, *rh, *radius, h);
                } else {
                    out.nums(&[x.0, h.0 - y.0 - rh.0, w.0, rh.0]).op("re");
                }
                out.op(operator);
            }
            Item::Line {
                from,
                to,
                color,
                width,
            } => {
                out.rgb(*color).op("RG");
                out.num(width.0).op("w");
                out.num(0.0).op("J");
                out.nums(&[from.0 .0, h.0 - from.1 .0]).op("m");
                out.nums(&[to.0 .0, h.0 - to.1 .0]).op("l");
                out.op("S");
            }
            Item::Circle {
                cx,
                cy,
                r,
                fill,
                stroke,
            } => {
                let Some(operator) = paint(&mut out, *fill, *stroke) else {
                    continue;
                };
                let d = *r * 2.0;
                rounded_rect(&mut out, *cx - *r, *cy - *r, d, d, *r, h);
                out.op(operator);
            }
            Item::Triangle { points, fill } => {
                out.rgb(*fill).op("rg");
                for (i, (x, y)) in points.iter().enumerate() {
                    out.nums(&[x.0, h.0 - y.0])
                        .op(if i == 0 { "m" } else { "l" });
                }
                out.op("h");
                out.op("f");
            }
            Item::Squares {
                x, y, rects, fill, ..
            } => {
                // One path of many rectangles, filled once.
                out.rgb(*fill).op("rg");
                for [dx, dy, w, rh] in rects {
                    out.nums(&[x.0 + dx.0, h.0 - y.0 - dy.0 - rh.0, w.0, rh.0])
                        .op("re");
                }
                out.op("f");
            }
            Item::Image {
                key,
                x,
                y,
                w,
                h: ih,
                ..
            } => {
                // An image XObject is a unit square: the matrix scales it to the box.
                out.op("q");
                out.nums(&[w.0, 0.0, 0.0, ih.0, x.0, h.0 - y.0 - ih.0])
                    .op("cm");
                out.name(key).op("Do");
                out.op("Q");
            }
            Item::Link {
                x,
                y,
                w,
                h: lh,
                target,
                node,
            } => {
                let bottom = h.0 - y.0 - lh.0;
                let rect = [x.0, bottom, x.0 + w.0, bottom + lh.0];
                // Bound to its Link element through the parent tree, and
                // described with the element's words for assistive technology.
                let element = node.and_then(|n| structure.get(n).map(|s| (n, s)));
                let key = element.map(|_| {
                    links.next_key += 1;
                    links.next_key - 1
                });
                let alt = element
                    .filter(|(_, s)| s.kind == StructKind::Link)
                    .and_then(|(_, s)| s.alt.as_deref());
                let id = write_link(file, rect, target, h, links.pages, key, alt);
                if let (Some((n, _)), Some(key)) = (element, key) {
                    tags.links.push((n, id, key));
                }
                annotations.push(id);
            }
        }
    }
    if state.open {
        out.op("ET");
    }
    if mark != Mark::None {
        out.op("EMC");
    }
    PageOutput {
        content: out.finish(),
        tags,
        annotations,
    }
}

/// Words that hyphenation split across two lines of a page: the line ending
/// in an added hyphen (U+2010) extracts as the whole word, and the next line
/// of the same element starts with nothing for the rest of it. For each item:
/// the whole word its last fragment stands for, and how many bytes of its
/// first run continue a word from the line before.
fn split_words(page: &Page) -> Vec<(Option<String>, usize)> {
    let mut split = vec![(None, 0); page.items.len()];
    for (i, item) in page.items.iter().enumerate() {
        let Item::Text { runs, role, .. } = item else {
            continue;
        };
        let Some(head) = runs
            .last()
            .and_then(|r| r.text.strip_suffix(crate::text::ADDED_HYPHEN))
        else {
            continue;
        };
        let fragment = &head[word_start(head)..];
        let next = page.items[i + 1..]
            .iter()
            .position(|other| matches!(other, Item::Text { role: r, .. } if r == role));
        let Some(j) = next.map(|n| n + i + 1) else {
            continue;
        };
        let Item::Text { runs: next, .. } = &page.items[j] else {
            continue;
        };
        let Some(start) = next.first() else {
            continue;
        };
        let len = start
            .text
            .find(char::is_whitespace)
            .unwrap_or(start.text.len());
        split[i].0 = Some(format!("{fragment}{}", &start.text[..len]));
        split[j].1 = len;
    }
    split
}

/// Cuts a run into the pieces written with their own /ActualText: a leading
/// continuation of a split word (extracts as nothing) and a trailing fragment
/// with its added hyphen (extracts as the whole word).
fn split_run<'a>(
    text: &'a str,
    skip: Option<usize>,
    word: Option<&'a str>,
) -> Vec<(&'a str, Option<&'a str>)> {
    let mut pieces = Vec::with_capacity(3);
    let skip = skip.unwrap_or(0).min(text.len());
    let (lead, rest) = text.split_at(if text.is_char_boundary(skip) { skip } else { 0 });
    if !lead.is_empty() {
        pieces.push((lead, Some("")));
    }
    match (word, rest.strip_suffix(crate::text::ADDED_HYPHEN)) {
        (Some(word), Some(head)) => {
            let start = word_start(head);
            let (body, tail) = rest.split_at(start);
            if !body.is_empty() {
                pieces.push((body, None));
            }
            pieces.push((tail, Some(word)));
        }
        _ if !rest.is_empty() => pieces.push((rest, None)),
        _ => {}
    }
    pieces
}

/// Where the last word of a text starts, in bytes.
fn word_start(text: &str) -> usize {
    text.char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(at, c)| at + c.len_utf8())
}

/// A PDF text string in UTF-16BE with its byte-order mark, as hex.
fn text_string(text: &str) -> String {
    let mut hex = String::from("<FEFF");
    for unit in text.encode_utf16() {
        hex.push_str(&format!("{unit:04X}"));
    }
    hex.push('>');
    hex
}

/// A link annotation without a visible border, printable as PDF/A asks.
fn write_link(
    file: &mut PdfFile,
    rect: [f32; 4],
    target: &LinkTarget,
    height: Pt,
    pages: &[Ref],
    key: Option<i64>,
    alt: Option<&str>,
) -> Ref {
    file.dict(|d| {
        d.name("Type", "Annot")
            .name("Subtype", "Link")
            .array("Rect", |a| {
                for v in rect {
                    a.real(v);
                }
            })
            .array("Border", |a| {
                a.int(0).int(0).int(0);
            })
            .int("F", 4)
            .dict("A", |a| match target {
                LinkTarget::Uri(uri) => {
                    a.name("S", "URI").string("URI", uri.as_bytes());
                }
                LinkTarget::Page(page, top) => {
                    a.name("S", "GoTo").array("D", |d| {
                        match pages.get(*page) {
                            Some(&id) => d.reference(id),
                            None => d.null(),
                        };
                        d.name("XYZ").int(0).real(height.0 - top.0).null();
                    });
                }
            });
        if let Some(key) = key {
            d.int("StructParent", key);
        }
        if let Some(alt) = alt {
            d.text("Contents", alt);
        }
    })
}
