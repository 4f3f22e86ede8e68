//! `image`: a picture at a fraction of the text width.

use crate::model::blocks::content::{Content, Piece};

/// A picture the loader has read: what layout needs of it. The pixels stay
/// with the loader, under `key`, until the PDF is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// A stable name derived from the content, for reproducible output.
    pub key: String,
    /// Width in pixels, after scaling.
    pub width: u32,
    /// Height in pixels, after scaling.
    pub height: u32,
}

impl Picture {
    /// Width over height.
    pub fn aspect(&self) -> f32 {
        self.width as f32 / self.height.max(1) as f32
    }
}

/// A picture.
#[derive(Debug, Clone)]
pub struct Image {
    /// The picture.
    pub picture: Picture,
    /// What the picture shows, for people who cannot see it.
    pub alt: String,
    /// Fraction of the text width.
    pub width: f32,
}

impl Image {
    /// The `type` of the block.
    pub const TYPE: &'static str = "image";
}

impl Content for Image {
    fn name(&self) -> &'static str {
        Self::TYPE
    }

    /// None: the alt text is not printed, and is checked where it is read.
    fn texts<'a>(&'a self, _out: &mut Vec<Piece<'a>>) {}
}
