//! Positioned items to printpdf operations: one match over the frame's items.

use printpdf::{
    Actions, BorderArray, Color, Destination, DictItem, FontId, LineCapStyle, LinePoint,
    LinkAnnotation, Mm, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfPage, Point,
    Polygon, PolygonRing, Pt as PdfPt, Rect, TextItem, TextMatrix, WindingOrder, XObjectId,
    XObjectTransform,
};

use std::collections::BTreeMap;

use crate::layout::{Document, Item, LinkTarget, Page, Pt, Role, StructNode};
use crate::model::Rgb;
use crate::text::{FontSet, Style};

/// Builds the printpdf document for laid-out pages.
pub fn build_pdf_document(doc: &Document, fonts: &FontSet) -> (PdfDocument, Vec<PageTags>) {
    let mut pdf = PdfDocument::new(&doc.title);
    for face in fonts.faces() {
        pdf.resources.fonts.map.insert(
            FontId(face.id.to_string()),
            PdfFont::new(face.parsed.clone()),
        );
    }
    let mut tags = Vec::with_capacity(doc.pages.len());
    let pages = doc
        .pages
        .iter()
        .map(|page| {
            let (ops, page_tags) = page_ops(page, fonts, &doc.structure);
            tags.push(page_tags);
            let mut pdf_page = PdfPage::new(
                Mm::from(PdfPt(page.width.0)),
                Mm::from(PdfPt(page.height.0)),
                ops,
            );
            // Exact point sizes: the millimetre round trip adds rounding noise.
            let media = Rect::from_wh(PdfPt(page.width.0), PdfPt(page.height.0));
            pdf_page.media_box = media.clone();
            pdf_page.trim_box = media.clone();
            pdf_page.crop_box = media;
            pdf_page
        })
        .collect();
    pdf.with_pages(pages);
    (pdf, tags)
}

/// What a page's content belongs to in the structure tree.
#[derive(Debug, Default, Clone)]
pub struct PageTags {
    /// For each marked-content id on the page, in order, its structure node.
    pub mcids: Vec<usize>,
    /// For each link annotation on the page, in order, its Link node.
    pub links: Vec<Option<usize>>,
}

/// The marked-content sequence the content stream is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    None,
    Artifact,
    Tag(usize),
}

fn color(rgb: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: f32::from(rgb.0) / 255.0,
        g: f32::from(rgb.1) / 255.0,
        b: f32::from(rgb.2) / 255.0,
        icc_profile: None,
    })
}

fn point(x: Pt, y: Pt, height: Pt) -> LinePoint {
    LinePoint {
        p: Point {
            x: PdfPt(x.0),
            y: PdfPt(height.0 - y.0),
        },
        bezier: false,
    }
}

fn control(x: Pt, y: Pt, height: Pt) -> LinePoint {
    LinePoint {
        bezier: true,
        ..point(x, y, height)
    }
}

/// The bezier constant for a quarter circle.
const KAPPA: f32 = 0.552_284_8;

fn rounded_rect(x: Pt, y: Pt, w: Pt, h: Pt, r: Pt, height: Pt) -> Vec<LinePoint> {
    let r = r.min(w * 0.5).min(h * 0.5);
    let k = r * (1.0 - KAPPA);
    let (x1, y1) = (x + w, y + h);
    vec![
        point(x + r, y, height),
        point(x1 - r, y, height),
        control(x1 - k, y, height),
        control(x1, y + k, height),
        point(x1, y + r, height),
        point(x1, y1 - r, height),
        control(x1, y1 - k, height),
        control(x1 - k, y1, height),
        point(x1 - r, y1, height),
        point(x + r, y1, height),
        control(x + k, y1, height),
        control(x, y1 - k, height),
        point(x, y1 - r, height),
        point(x, y + r, height),
        control(x, y + k, height),
        control(x + k, y, height),
        point(x + r, y, height),
    ]
}

fn paint(fill: Option<Rgb>, stroke: Option<(Rgb, Pt)>, ops: &mut Vec<Op>) -> Option<PaintMode> {
    if let Some(fill) = fill {
        ops.push(Op::SetFillColor { col: color(fill) });
    }
    if let Some((stroke, width)) = stroke {
        ops.push(Op::SetOutlineColor { col: color(stroke) });
        ops.push(Op::SetOutlineThickness { pt: PdfPt(width.0) });
    }
    match (fill.is_some(), stroke.is_some()) {
        (true, true) => Some(PaintMode::FillStroke),
        (true, false) => Some(PaintMode::Fill),
        (false, true) => Some(PaintMode::Stroke),
        (false, false) => None,
    }
}

fn polygon(points: Vec<LinePoint>, mode: PaintMode) -> Op {
    Op::DrawPolygon {
        polygon: Polygon {
            rings: vec![PolygonRing { points }],
            mode,
            winding_order: WindingOrder::NonZero,
        },
    }
}

/// What the content stream has set, so repeated state is not written again.
#[derive(Default)]
struct TextState {
    open: bool,
    fill: Option<Rgb>,
    font: Option<(Style, u32)>,
}

fn page_ops(page: &Page, fonts: &FontSet, structure: &[StructNode]) -> (Vec<Op>, PageTags) {
    let h = page.height;
    let mut ops = Vec::new();
    let mut state = TextState::default();
    let mut tags = PageTags::default();
    let mut mark = Mark::None;
    for item in &page.items {
        // One text object per line, so every extractor sees line ends; the fill
        // colour carries over from line to line until a shape changes it.
        if state.open {
            ops.push(Op::EndTextSection);
            state.open = false;
        }
        // Everything is either content of a structure element or an artifact;
        // consecutive items of one element share a marked-content sequence.
        let wanted = match item {
            Item::Text { role, .. } | Item::Image { role, .. } => match role {
                Role::Tag(node) => Mark::Tag(*node),
                Role::Artifact => Mark::Artifact,
            },
            Item::Link { node, .. } => {
                tags.links.push(*node);
                mark
            }
            _ => Mark::Artifact,
        };
        if wanted != mark {
            if mark != Mark::None {
                ops.push(Op::EndMarkedContent);
            }
            match wanted {
                Mark::Tag(node) => {
                    let kind = structure.get(node).map_or("Span", |n| n.kind.name());
                    let mut properties = BTreeMap::new();
                    properties.insert("MCID".to_string(), DictItem::Int(tags.mcids.len() as i64));
                    ops.push(Op::BeginMarkedContentWithProperties {
                        tag: kind.to_string(),
                        properties: DictItem::Dict { map: properties },
                    });
                    tags.mcids.push(node);
                }
                Mark::Artifact => ops.push(Op::BeginMarkedContent {
                    tag: "Artifact".to_string(),
                }),
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
                color: rgb,
                ..
            } => {
                if !state.open {
                    ops.push(Op::StartTextSection);
                    state.open = true;
                }
                if state.fill != Some(*rgb) {
                    ops.push(Op::SetFillColor { col: color(*rgb) });
                    state.fill = Some(*rgb);
                }
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(PdfPt(x.0), PdfPt(h.0 - y.0)),
                });
                for run in runs {
                    let font = (run.style, size.0.to_bits());
                    if state.font != Some(font) {
                        let face = fonts.face(run.style);
                        ops.push(Op::SetFont {
                            font: PdfFontHandle::External(FontId(face.id.to_string())),
                            size: PdfPt(size.0),
                        });
                        state.font = Some(font);
                    }
                    ops.push(Op::ShowText {
                        items: vec![TextItem::Text(run.text.clone())],
                    });
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
                let Some(mode) = paint(*fill, *stroke, &mut ops) else {
                    continue;
                };
                if radius.0 > 0.0 {
                    ops.push(polygon(rounded_rect(*x, *y, *w, *rh, *radius, h), mode));
                } else {
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: PdfPt(x.0),
                            y: PdfPt(h.0 - y.0 - rh.0),
                            width: PdfPt(w.0),
                            height: PdfPt(rh.0),
                            mode: Some(mode),
                            winding_order: Some(WindingOrder::NonZero),
                        },
                    });
                }
            }
            Item::Line {
                from,
                to,
                color: rgb,
                width,
            } => {
                ops.push(Op::SetOutlineColor { col: color(*rgb) });
                ops.push(Op::SetOutlineThickness { pt: PdfPt(width.0) });
                ops.push(Op::SetLineCapStyle {
                    cap: LineCapStyle::Butt,
                });
                ops.push(Op::DrawLine {
                    line: printpdf::Line {
                        points: vec![point(from.0, from.1, h), point(to.0, to.1, h)],
                        is_closed: false,
                    },
                });
            }
            Item::Circle {
                cx,
                cy,
                r,
                fill,
                stroke,
            } => {
                let Some(mode) = paint(*fill, *stroke, &mut ops) else {
                    continue;
                };
                let d = *r * 2.0;
                ops.push(polygon(rounded_rect(*cx - *r, *cy - *r, d, d, *r, h), mode));
            }
            Item::Triangle { points, fill } => {
                ops.push(Op::SetFillColor { col: color(*fill) });
                let pts = points.iter().map(|(x, y)| point(*x, *y, h)).collect();
                ops.push(polygon(pts, PaintMode::Fill));
            }
            Item::Image {
                key,
                x,
                y,
                w,
                h: ih,
                ..
            } => {
                // Images are added to the document in the finishing step; the
                // XObject is a unit square, so the scale is the size in points.
                ops.push(Op::UseXobject {
                    id: XObjectId(key.clone()),
                    transform: XObjectTransform {
                        translate_x: Some(PdfPt(x.0)),
                        translate_y: Some(PdfPt(h.0 - y.0 - ih.0)),
                        rotate: None,
                        scale_x: Some(w.0),
                        scale_y: Some(ih.0),
                        dpi: None,
                        no_auto_scale: true,
                    },
                });
            }
            Item::Link {
                x,
                y,
                w,
                h: lh,
                target,
                ..
            } => {
                let rect = Rect {
                    x: PdfPt(x.0),
                    y: PdfPt(h.0 - y.0 - lh.0),
                    width: PdfPt(w.0),
                    height: PdfPt(lh.0),
                    mode: None,
                    winding_order: None,
                };
                let actions = match target {
                    LinkTarget::Uri(uri) => Actions::Uri(uri.clone()),
                    LinkTarget::Page(page, top) => Actions::Goto(Destination::Xyz {
                        page: page + 1,
                        left: Some(0.0),
                        top: Some(h.0 - top.0),
                        zoom: None,
                    }),
                };
                ops.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        rect,
                        actions,
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        None,
                        None,
                    ),
                });
            }
        }
    }
    if state.open {
        ops.push(Op::EndTextSection);
    }
    if mark != Mark::None {
        ops.push(Op::EndMarkedContent);
    }
    (ops, tags)
}
