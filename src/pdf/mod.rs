//! PDF: positioned items to content streams, fonts subset and embedded, then
//! the document-level structures, all on a lopdf document.

mod archive;
mod compress;
mod content;
mod finish;
mod fonts;
mod image;
mod serialize;
mod tagging;
mod write;

pub use finish::{render_pdf, PdfOptions};
