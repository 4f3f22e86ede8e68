//! What the loader reads besides definitions and the PDF writer embeds: decoded pictures.

use crate::model::Picture;

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
    pub pixels: Option<image::DynamicImage>,
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
    /// What layout needs of the picture.
    pub fn picture(&self) -> Picture {
        Picture {
            key: self.key.clone(),
            width: self.width,
            height: self.height,
        }
    }
}
