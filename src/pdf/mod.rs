//! PDF: positioned items to content streams, fonts subset and embedded, and
//! the document-level structures, written straight into the file.

mod archive;
mod compress;
mod content;
mod file;
mod finish;
mod fonts;
mod image;
mod tagging;
mod truetype;
mod write;

pub use compress::warm as warm_compressors;
pub use finish::{check_glyphs, render_pdf, PdfOptions, RenderError};
pub use image::prepare_image;
