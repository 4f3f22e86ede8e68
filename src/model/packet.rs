//! Several handouts bound into one PDF.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diag::Source;
use crate::model::rich::RichText;

/// A validated packet definition.
#[derive(Debug, Clone)]
pub struct Packet {
    /// The file it was read from.
    pub source: Arc<Source>,
    /// The title on the cover.
    pub title: RichText,
    /// A line under the title.
    pub subtitle: Option<RichText>,
    /// The brand file it names, resolved against its folder.
    pub brand: Option<(PathBuf, Range<usize>)>,
    /// Whether to print a cover page.
    pub cover: bool,
    /// Whether to print a contents page.
    pub contents: bool,
    /// Whether each handout starts on the front of a sheet.
    pub duplex: bool,
    /// The handout files, resolved against the packet's folder, with their spans.
    pub handouts: Vec<(PathBuf, Range<usize>)>,
}
