//! Flate compression for streams, with compressors reused across documents.
//!
//! libdeflate compresses a whole buffer at once, which is what a PDF stream
//! is. Font programs take level 6: they shrink by a tenth more than at
//! level 1, and are subset and compressed on a helper while the pages are
//! written. Everything else (page content, object streams, pictures) takes
//! level 1: each call at level 2 clears 192 KB of hash tables first, which
//! for a page's few KB of content cost more than compressing it. Against
//! level 2 for everything, the peers' packet with DejaVu came out 46 bytes
//! smaller and 0.19 ms faster; the bundled packet 410 bytes larger and
//! 0.32 ms faster.

use libdeflater::{CompressionLvl, Compressor};

/// Streams shorter than this are stored as they are: compressing them saves
/// a few bytes at the cost of resetting the compressor.
pub const MIN_LENGTH: usize = 128;

/// A pair of zlib compressors, each made when first used: a fast one for
/// most streams, a thorough one for font programs.
#[derive(Default)]
pub struct Deflater {
    fast: Option<Compressor>,
    fonts: Option<Compressor>,
}

/// The zlib stream for some bytes, or `None` if compression failed.
fn zlib(compressor: &mut Compressor, bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = vec![0u8; compressor.zlib_compress_bound(bytes.len())];
    let written = compressor.zlib_compress(bytes, &mut out).ok()?;
    out.truncate(written);
    Some(out)
}

fn level(level: i32) -> Compressor {
    Compressor::new(CompressionLvl::new(level).unwrap_or_default())
}

/// Compressors finished with, kept for the next document or thread: a new
/// one sets aside a few hundred KB, dozens of page faults.
static SPARE: std::sync::Mutex<Vec<Deflater>> = std::sync::Mutex::new(Vec::new());

/// A compressor from the process's spares, given back when dropped.
pub struct Pooled(Deflater);

impl Pooled {
    /// A spare compressor, or a new one when there is none.
    pub fn take() -> Pooled {
        let spare = SPARE.lock().ok().and_then(|mut spares| spares.pop());
        Pooled(spare.unwrap_or_default())
    }
}

/// Makes `count` fast compressors ready in the pool, their tables already
/// in memory: a thread with nothing else to do meanwhile takes the page
/// faults of setting them up (dozens each), out of the way of the PDF's
/// writer. (Warming the fonts' compressor as well measured slower: it takes
/// longer than the idle time it would fill.)
pub fn warm(count: usize) {
    let mut warmed: Vec<Pooled> = (0..count).map(|_| Pooled::take()).collect();
    for pooled in &mut warmed {
        // Every call clears the whole hash table, so a few bytes touch it.
        let _ = pooled.deflate(&[0; 64]);
    }
}

impl std::ops::Deref for Pooled {
    type Target = Deflater;
    fn deref(&self) -> &Deflater {
        &self.0
    }
}

impl std::ops::DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut Deflater {
        &mut self.0
    }
}

impl Drop for Pooled {
    fn drop(&mut self) {
        // An empty Deflater holds no compressor yet: taking this one costs nothing.
        let deflater = std::mem::take(&mut self.0);
        if let Ok(mut spares) = SPARE.lock() {
            // As many as threads use at once: a document's and a helper's per core.
            if spares.len() < 8 {
                spares.push(deflater);
            }
        }
    }
}

impl Deflater {
    /// The zlib stream for some bytes, or `None` if compression failed.
    pub fn deflate(&mut self, bytes: &[u8]) -> Option<Vec<u8>> {
        zlib(self.fast.get_or_insert_with(|| level(1)), bytes)
    }

    /// The zlib stream for a font program, at the thorough level.
    pub fn deflate_font(&mut self, bytes: &[u8]) -> Option<Vec<u8>> {
        zlib(self.fonts.get_or_insert_with(|| level(6)), bytes)
    }

    /// The bytes compressed, when they are long enough for that to pay.
    pub fn deflate_worthwhile(&mut self, bytes: &[u8]) -> Option<Vec<u8>> {
        if bytes.len() < MIN_LENGTH {
            return None;
        }
        self.deflate(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn compressed_bytes_inflate_to_their_content() {
        let content: Vec<u8> = (0..5000u32).map(|i| (i % 7) as u8).collect();
        let mut deflater = Deflater::default();
        for _ in 0..2 {
            let packed = deflater.deflate_worthwhile(&content).unwrap_or_default();
            assert!(!packed.is_empty() && packed.len() < content.len() / 4);
            let mut inflated = Vec::new();
            flate2::read::ZlibDecoder::new(packed.as_slice())
                .read_to_end(&mut inflated)
                .unwrap_or_default();
            assert_eq!(inflated, content);
        }
    }

    #[test]
    fn short_bytes_are_not_worth_compressing() {
        assert!(Deflater::default().deflate_worthwhile(b"q Q").is_none());
    }
}
