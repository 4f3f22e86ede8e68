//! The positioned result of layout: pages of text runs, shapes, images and links.
//!
//! Coordinates are in points from the top-left corner of the page, y downwards.
//! Nothing here knows about PDF.

use std::ops::{Add, AddAssign, Mul, Sub, SubAssign};

use crate::model::Rgb;
use crate::text::Run;

/// A length in PostScript points (1/72 inch).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Pt(pub f32);

impl Add for Pt {
    type Output = Pt;
    fn add(self, rhs: Pt) -> Pt {
        Pt(self.0 + rhs.0)
    }
}

impl Sub for Pt {
    type Output = Pt;
    fn sub(self, rhs: Pt) -> Pt {
        Pt(self.0 - rhs.0)
    }
}

impl Mul<f32> for Pt {
    type Output = Pt;
    fn mul(self, rhs: f32) -> Pt {
        Pt(self.0 * rhs)
    }
}

impl AddAssign for Pt {
    fn add_assign(&mut self, rhs: Pt) {
        self.0 += rhs.0;
    }
}

impl SubAssign for Pt {
    fn sub_assign(&mut self, rhs: Pt) {
        self.0 -= rhs.0;
    }
}

impl Pt {
    /// The larger of two lengths.
    pub fn max(self, other: Pt) -> Pt {
        Pt(self.0.max(other.0))
    }

    /// The smaller of two lengths.
    pub fn min(self, other: Pt) -> Pt {
        Pt(self.0.min(other.0))
    }
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    /// A web address or a `tel:` URI.
    Uri(String),
    /// A page of the same document, 0-based, and the y of the spot on it.
    Page(usize, Pt),
}

/// The role a piece of content plays, for tagged PDF and for reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Running header, footer, rules and decoration: not part of the text.
    Artifact,
    /// Content of a structure element, by its number in [`Document::structure`].
    Tag(usize),
}

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A line of text starting at `x` with its baseline at `y`.
    Text {
        /// Left edge.
        x: Pt,
        /// Baseline.
        y: Pt,
        /// Font size.
        size: Pt,
        /// The styled runs, drawn one after another.
        runs: Vec<Run>,
        /// Fill colour of the glyphs.
        color: Rgb,
        /// Content or decoration.
        role: Role,
    },
    /// A rectangle, filled, stroked or both, with optional rounded corners.
    Rect {
        /// Left edge.
        x: Pt,
        /// Top edge.
        y: Pt,
        /// Width.
        w: Pt,
        /// Height.
        h: Pt,
        /// Corner radius.
        radius: Pt,
        /// Fill colour.
        fill: Option<Rgb>,
        /// Stroke colour and width.
        stroke: Option<(Rgb, Pt)>,
    },
    /// A straight line.
    Line {
        /// Start.
        from: (Pt, Pt),
        /// End.
        to: (Pt, Pt),
        /// Colour.
        color: Rgb,
        /// Stroke width.
        width: Pt,
    },
    /// A circle.
    Circle {
        /// Centre x.
        cx: Pt,
        /// Centre y.
        cy: Pt,
        /// Radius.
        r: Pt,
        /// Fill colour.
        fill: Option<Rgb>,
        /// Stroke colour and width.
        stroke: Option<(Rgb, Pt)>,
    },
    /// A filled triangle (arrow heads).
    Triangle {
        /// The three corners.
        points: [(Pt, Pt); 3],
        /// Fill colour.
        fill: Rgb,
    },
    /// An image, stretched to the box.
    Image {
        /// The image's resource key.
        key: String,
        /// Left edge.
        x: Pt,
        /// Top edge.
        y: Pt,
        /// Width.
        w: Pt,
        /// Height.
        h: Pt,
        /// A figure of the structure tree, or decoration.
        role: Role,
    },
    /// Filled rectangles of one colour drawn as one shape, content of a
    /// structure element or decoration: a QR code's dark modules.
    Squares {
        /// Left edge of the whole.
        x: Pt,
        /// Top edge of the whole.
        y: Pt,
        /// Each rectangle as (left, top, width, height) from `x`, `y`.
        rects: Vec<[Pt; 4]>,
        /// Fill colour.
        fill: Rgb,
        /// A figure of the structure tree, or decoration.
        role: Role,
    },
    /// A clickable area.
    Link {
        /// Left edge.
        x: Pt,
        /// Top edge.
        y: Pt,
        /// Width.
        w: Pt,
        /// Height.
        h: Pt,
        /// Where it goes.
        target: LinkTarget,
        /// The Link element of the structure tree that holds it.
        node: Option<usize>,
    },
}

impl Item {
    /// Renumbers the structure node the item belongs to, for merging trees.
    pub fn renumber(&mut self, map: impl Fn(usize) -> usize) {
        match self {
            Item::Text {
                role: Role::Tag(node),
                ..
            }
            | Item::Image {
                role: Role::Tag(node),
                ..
            }
            | Item::Squares {
                role: Role::Tag(node),
                ..
            } => *node = map(*node),
            Item::Link {
                node: Some(node), ..
            } => *node = map(*node),
            _ => {}
        }
    }

    /// Moves the item down by `dy`.
    pub fn shift(&mut self, dy: Pt) {
        match self {
            Item::Text { y, .. }
            | Item::Rect { y, .. }
            | Item::Image { y, .. }
            | Item::Squares { y, .. }
            | Item::Link { y, .. } => *y += dy,
            Item::Circle { cy, .. } => *cy += dy,
            Item::Line { from, to, .. } => {
                from.1 += dy;
                to.1 += dy;
            }
            Item::Triangle { points, .. } => {
                for p in points {
                    p.1 += dy;
                }
            }
        }
    }
}

/// An entry of the document outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    /// 0 for a handout, 1 and 2 for its headings.
    pub level: u8,
    /// The words shown in the bookmark.
    pub title: String,
    /// 0-based page index.
    pub page: usize,
    /// The y of the spot on the page.
    pub y: Pt,
}

/// One laid-out page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Page width.
    pub width: Pt,
    /// Page height.
    pub height: Pt,
    /// Everything drawn, in reading order.
    pub items: Vec<Item>,
}

/// A laid-out document: pages, outline and what the PDF's metadata says.
#[derive(Debug, Clone)]
pub struct Document {
    /// The pages in order.
    pub pages: Vec<Page>,
    /// Bookmarks, in reading order.
    pub outline: Vec<Anchor>,
    /// The document title.
    pub title: String,
    /// The author (the clinic).
    pub author: String,
    /// A description.
    pub subject: String,
    /// The BCP 47 language tag.
    pub lang: String,
    /// The structure tree, node 0 the root, in reading order.
    pub structure: Vec<crate::layout::tags::StructNode>,
    /// The font family the text is set in.
    pub fonts: std::sync::Arc<crate::text::FontSet>,
    /// The pictures the pages draw, each once (see [`Document::keep_images`]).
    pub images: Vec<std::sync::Arc<crate::assets::LoadedImage>>,
}

impl Document {
    /// Takes from `pool` (a brand's logo, the pictures of image blocks) the
    /// pictures the pages draw, each once, in the order first drawn.
    pub fn keep_images<'a>(
        &mut self,
        pool: impl IntoIterator<Item = &'a std::sync::Arc<crate::assets::LoadedImage>>,
    ) {
        let pool: Vec<_> = pool.into_iter().collect();
        for page in &self.pages {
            for item in &page.items {
                let Item::Image { key, .. } = item else {
                    continue;
                };
                if self.images.iter().any(|i| &i.key == key) {
                    continue;
                }
                if let Some(image) = pool.iter().find(|i| &i.key == key) {
                    self.images.push(std::sync::Arc::clone(image));
                }
            }
        }
    }
}
