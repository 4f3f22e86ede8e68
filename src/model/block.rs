//! The blocks a handout is made of.

use std::ops::Range;

use image::DynamicImage;

use crate::model::handout::RichText;

/// How a list marks its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// A round bullet.
    Bullets,
    /// A number.
    Steps,
    /// An empty box to tick by hand.
    Checklist,
}

/// How loud a callout is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Good to know.
    Info,
    /// Take care.
    Warning,
    /// Act now.
    Emergency,
}

/// One phase of a timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    /// The name of the phase.
    pub label: RichText,
    /// When it happens.
    pub when: Option<RichText>,
    /// What happens.
    pub items: Vec<RichText>,
}

/// One line of a contacts block.
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    /// Who to call.
    pub label: RichText,
    /// The number or address.
    pub value: RichText,
}

/// A decoded image, ready to place.
#[derive(Debug, Clone)]
pub struct LoadedImage {
    /// A stable name derived from the content, for reproducible output.
    pub key: String,
    /// Width in pixels, after scaling.
    pub width: u32,
    /// Height in pixels, after scaling.
    pub height: u32,
    /// The pixels, scaled down to print resolution; `None` when `original`
    /// carries the picture, so a cache of brands does not hold decoded logos.
    pub pixels: Option<DynamicImage>,
    /// The file's bytes, when they can go into the PDF as they are: a JPEG or
    /// an 8-bit grey or RGB PNG that was not scaled. Saves re-encoding.
    pub original: Option<std::sync::Arc<[u8]>>,
}

/// The width, height and number of colour components of a baseline or
/// progressive JPEG, read from its frame header.
pub fn jpeg_frame(bytes: &[u8]) -> Option<(u32, u32, u8)> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        let len = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        if matches!(marker, 0xC0..=0xC2) {
            let segment = bytes.get(at + 4..at + 2 + len)?;
            let height = u32::from(u16::from_be_bytes([*segment.get(1)?, *segment.get(2)?]));
            let width = u32::from(u16::from_be_bytes([*segment.get(3)?, *segment.get(4)?]));
            return Some((width, height, *segment.get(5)?));
        }
        at += 2 + len;
    }
    None
}

impl LoadedImage {
    /// Width over height.
    pub fn aspect(&self) -> f32 {
        self.width as f32 / self.height.max(1) as f32
    }
}

/// What a block is.
#[derive(Debug, Clone)]
pub enum BlockKind {
    /// A section heading.
    Heading {
        /// The words.
        text: RichText,
        /// 1 or 2.
        level: u8,
    },
    /// One or more paragraphs.
    Text {
        /// The paragraphs.
        paragraphs: Vec<RichText>,
    },
    /// Bullets, steps or a checklist.
    List {
        /// How items are marked.
        kind: ListKind,
        /// A title above the list.
        title: Option<RichText>,
        /// The items.
        items: Vec<RichText>,
    },
    /// A boxed block, never split.
    Callout {
        /// How loud it is.
        tone: Tone,
        /// The title inside the box.
        title: Option<RichText>,
        /// Paragraphs inside the box.
        paragraphs: Vec<RichText>,
        /// Bullets inside the box.
        items: Vec<RichText>,
        /// Whether `items` came before `text` in the file, and so is drawn first.
        items_first: bool,
    },
    /// Phases along a line.
    Timeline {
        /// A title above the timeline.
        title: Option<RichText>,
        /// The phases in order.
        phases: Vec<Phase>,
    },
    /// Phone numbers and addresses.
    Contacts {
        /// A title for the box.
        title: Option<RichText>,
        /// The lines after the brand's own.
        items: Vec<Contact>,
    },
    /// A picture.
    Image {
        /// The decoded image.
        image: std::sync::Arc<LoadedImage>,
        /// What the picture shows, for people who cannot see it.
        alt: String,
        /// Fraction of the text width.
        width: f32,
    },
    /// Start a new page.
    PageBreak,
}

/// A block with the place it was defined.
#[derive(Debug, Clone)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// The span of its `type` value, where messages about it point.
    pub span: Range<usize>,
}
