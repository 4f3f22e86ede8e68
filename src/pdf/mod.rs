//! PDF: positioned items to printpdf operations, then document-level finishing in lopdf.

mod archive;
mod finish;
mod image;
mod tagging;
mod write;

pub use finish::{render_pdf, PdfOptions};
pub use write::build_pdf_document;
