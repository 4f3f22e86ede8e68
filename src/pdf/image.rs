//! Images as PDF XObjects: PNG and JPEG data passed through where possible,
//! otherwise encoded once per process and reused by every document.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use image::DynamicImage;

use crate::assets::{jpeg_frame, LoadedImage};
use crate::pdf::compress::Deflater;
use crate::pdf::file::{PdfFile, Ref};

/// An image ready to become a PDF image XObject.
#[derive(Debug)]
pub struct EncodedImage {
    width: u32,
    height: u32,
    gray: bool,
    filter: &'static str,
    /// PNG predictor rows: the number of colour components, when the data is PNG-filtered.
    predictor_colors: Option<u8>,
    data: Vec<u8>,
    smask: Option<Box<EncodedImage>>,
}

impl EncodedImage {
    /// Writes the image XObject as object `id`, and its soft mask before it.
    pub fn write_at(&self, file: &mut PdfFile, id: Ref) {
        let mask = self.smask.as_ref().map(|mask| {
            let id = file.reserve();
            mask.write_at(file, id);
            id
        });
        file.raw_stream_at(
            id,
            |d| {
                d.name("Type", "XObject")
                    .name("Subtype", "Image")
                    .int("Width", i64::from(self.width))
                    .int("Height", i64::from(self.height))
                    .name(
                        "ColorSpace",
                        if self.gray { "DeviceGray" } else { "DeviceRGB" },
                    )
                    .int("BitsPerComponent", 8);
                if let Some(colors) = self.predictor_colors {
                    d.dict("DecodeParms", |p| {
                        p.int("Predictor", 15)
                            .int("Colors", i64::from(colors))
                            .int("BitsPerComponent", 8)
                            .int("Columns", i64::from(self.width));
                    });
                }
                if let Some(mask) = mask {
                    d.reference("SMask", mask);
                }
                // The filter is the data's own: Flate or DCT, named with Length below.
                d.name("Filter", self.filter);
            },
            &self.data,
            false,
        )
    }
}

/// An image's key and the pixel size it is encoded at (0 × 0: as loaded).
type Key = (String, u32, u32);

/// An image encoded at one size, or being encoded: a thread that asks for
/// it meanwhile waits for that encoding instead of doing it again.
type Slot = Arc<OnceLock<Option<Arc<EncodedImage>>>>;

/// The images encoded in this process.
static IMAGES: OnceLock<Mutex<HashMap<Key, Slot>>> = OnceLock::new();

/// Where an image drawn at `drawn` is in the cache, and the pixel size it
/// is scaled to, if it is.
fn cache_key(image: &LoadedImage, drawn: Option<(f32, f32)>) -> (Key, Option<(u32, u32)>) {
    let target = image
        .pixels
        .as_ref()
        .and_then(|pixels| print_size(pixels.width(), pixels.height(), drawn?));
    let key = (
        image.key.clone(),
        target.map_or(0, |t| t.0),
        target.map_or(0, |t| t.1),
    );
    (key, target)
}

/// Whether the image was encoded in this process for this size, or is being
/// encoded on another thread: then [`encode_image`] finds it, or waits for it.
pub fn started_already(image: &LoadedImage, drawn: Option<(f32, f32)>) -> bool {
    let (key, _) = cache_key(image, drawn);
    IMAGES
        .get()
        .and_then(|cache| cache.lock().ok())
        .is_some_and(|map| map.contains_key(&key))
}

/// How many encoded images the process keeps before it starts afresh.
const CACHE_LIMIT: usize = 64;

/// The encoded form of an image, computed once per process; `None` when the
/// image has neither bytes PDF can read nor decoded pixels.
/// `drawn` is the largest size, in points, the document draws the image at:
/// decoded pixels beyond 300 dpi at that size (a logo drawn small in a
/// header) are scaled down to it first. Pass-through data is never touched.
pub fn encode_image(
    image: &LoadedImage,
    drawn: Option<(f32, f32)>,
    deflater: &mut Deflater,
) -> Option<Arc<EncodedImage>> {
    let (key, target) = cache_key(image, drawn);
    let mut encode = || {
        let encoded = image
            .original
            .as_deref()
            .and_then(|bytes| png_passthrough(bytes).or_else(|| jpeg_passthrough(bytes)))
            .or_else(|| {
                let pixels = image.pixels.as_ref()?;
                Some(match target {
                    Some((w, h)) => encode_pixels(&scale_down(pixels, w, h), deflater),
                    None => encode_pixels(pixels, deflater),
                })
            })?;
        Some(Arc::new(encoded))
    };
    let slot: Option<Slot> = IMAGES
        .get_or_init(Default::default)
        .lock()
        .ok()
        .map(|mut map| {
            if map.len() >= CACHE_LIMIT && !map.contains_key(&key) {
                map.clear();
            }
            map.entry(key).or_default().clone()
        });
    match slot {
        Some(slot) => slot.get_or_init(encode).clone(),
        None => encode(),
    }
}

/// Encodes an image for the size it will be drawn at, ahead of the PDF that
/// draws it: the result waits in the process's cache. A helper thread does
/// this for a brand's logo while the handouts are laid out.
pub fn prepare_image(image: &LoadedImage, drawn: (f32, f32)) {
    let _ = encode_image(
        image,
        Some(drawn),
        &mut crate::pdf::compress::Pooled::take(),
    );
}

/// The pixel size for 300 dpi at the drawn size, when the pixels are more
/// than a quarter beyond it; `None` to keep them as they are.
fn print_size(width: u32, height: u32, drawn: (f32, f32)) -> Option<(u32, u32)> {
    const DPI: f32 = 300.0;
    let (w, h) = (drawn.0 / 72.0 * DPI, drawn.1 / 72.0 * DPI);
    if !(w.is_finite() && h.is_finite() && w >= 1.0 && h >= 1.0) {
        return None;
    }
    if (width as f32) <= w * 1.25 && (height as f32) <= h * 1.25 {
        return None;
    }
    let scale = (w / width as f32).max(h / height as f32);
    let (tw, th) = (
        (width as f32 * scale).ceil() as u32,
        (height as f32 * scale).ceil() as u32,
    );
    (tw >= 1 && th >= 1 && tw < width && th < height).then_some((tw, th))
}

/// One in fixed point for the weights of columns: 14 bits.
const ONE: i32 = 1 << 14;
/// One in fixed point for the weights of rows: 8 bits, so that a sum of
/// 8-bit samples times weights stays within 16 bits.
const ROW_ONE: i32 = 1 << 8;

/// For each output sample of a triangle (linear) filter from `from` samples
/// to `to`, the first input sample and the weights of it and the ones after,
/// in fixed point where `one` is one. The filter widens with the scale, so
/// every input sample counts when the image is made smaller.
fn triangle_taps(from: usize, to: usize, one: i32) -> Vec<(usize, Vec<i32>)> {
    let ratio = from as f32 / to as f32;
    let spread = ratio.max(1.0);
    (0..to)
        .map(|out| {
            let centre = (out as f32 + 0.5) * ratio;
            let last = from.saturating_sub(1) as i64;
            let left = ((centre - spread).floor() as i64).clamp(0, last);
            let right = ((centre + spread).ceil() as i64).clamp(left + 1, from as i64);
            let centre = centre - 0.5;
            let raw: Vec<f32> = (left..right)
                .map(|i| (1.0 - ((i as f32 - centre) / spread).abs()).max(0.0))
                .collect();
            let sum: f32 = raw.iter().sum();
            let mut weights: Vec<i32> = if sum > 0.0 {
                raw.iter()
                    .map(|w| (w / sum * one as f32).round() as i32)
                    .collect()
            } else {
                vec![0; raw.len()]
            };
            // Rounding may leave the sum a little off one: the largest weight takes the rest.
            let rest = one - weights.iter().sum::<i32>();
            if let Some(largest) = weights.iter_mut().max_by_key(|w| **w) {
                *largest += rest;
            }
            (left as usize, weights)
        })
        .collect()
}

/// How many samples the column pass works on at once: a pixel's channels
/// from as many rows as fit, which the compiler turns into vector
/// instructions (eight of four lanes each).
const LANES: usize = 32;

/// 8-bit samples of `CHANNELS` channels, `width` × `height`, resampled to
/// `to_width` × `to_height` with a triangle filter: rows first, one at a
/// time, in fixed point; then columns, in `f32`, for a block of rows at once
/// (8 rows of RGBA), each input pixel's samples of those rows side by side.
fn resample<const CHANNELS: usize>(
    samples: &[u8],
    (width, height): (usize, usize),
    (to_width, to_height): (usize, usize),
) -> Vec<u8> {
    let stride = width * CHANNELS;
    let per_block = (LANES / CHANNELS).max(1);
    // The rows' sums are 256 times a sample, and the columns' weights 2^14
    // times their share: each weight here takes both out.
    let columns: Vec<(usize, Vec<f32>)> = triangle_taps(width, to_width, ONE)
        .into_iter()
        .map(|(first, weights)| {
            let scale = 1.0 / (ONE as f32 * 256.0);
            (first, weights.iter().map(|&w| w as f32 * scale).collect())
        })
        .collect();
    // A few rows to each output row (a logo made a little smaller) take 8-bit
    // weights, whose sums fit 16 bits and are added several at a time; many
    // rows to each take 14-bit weights, since 8 bits would lose too much.
    let narrow = to_height * 6 >= height * 2;
    let rows = triangle_taps(height, to_height, if narrow { ROW_ONE } else { ONE });
    let mut out = vec![0u8; to_width * to_height * CHANNELS];
    // One row of the image scaled down in height, 256 times its value.
    let mut between = vec![0u16; stride];
    let mut sums = vec![0i32; if narrow { 0 } else { stride }];
    // For each input pixel, its samples in the block's rows, row after row.
    let mut block = vec![[0.0f32; LANES]; width];
    let mut converted = vec![[0.0f32; CHANNELS]; width];
    for (block_index, block_rows) in rows.chunks(per_block).enumerate() {
        for (row, (first, weights)) in block_rows.iter().enumerate() {
            let sources = weights.iter().enumerate().filter_map(|(k, &weight)| {
                let start = (first + k) * stride;
                samples.get(start..start + stride).map(|row| (weight, row))
            });
            if narrow {
                between.fill(0);
                for (weight, source) in sources {
                    // Weights add up to 256: a sum is at most 255 × 256.
                    let weight = weight.clamp(0, ROW_ONE) as u16;
                    for (sum, &sample) in between.iter_mut().zip(source) {
                        *sum = sum.wrapping_add(weight * u16::from(sample));
                    }
                }
            } else {
                sums.fill(0);
                for (weight, source) in sources {
                    for (sum, &sample) in sums.iter_mut().zip(source) {
                        *sum += weight * i32::from(sample);
                    }
                }
                for (out, &sum) in between.iter_mut().zip(&sums) {
                    *out = ((sum + (1 << 5)) >> 6).clamp(0, i32::from(u16::MAX)) as u16;
                }
            }
            for (value, &sample) in converted.as_flattened_mut().iter_mut().zip(&between) {
                *value = f32::from(sample);
            }
            let at = row * CHANNELS;
            for (lanes, pixel) in block.iter_mut().zip(&converted) {
                if let Some(lanes) = lanes.get_mut(at..at + CHANNELS) {
                    lanes.copy_from_slice(pixel);
                }
            }
        }
        let first_row = block_index * per_block;
        for (x, (first, weights)) in columns.iter().enumerate() {
            let Some(source) = block.get(*first..first + weights.len()) else {
                continue;
            };
            let mut sum = [0.0f32; LANES];
            for (&weight, lanes) in weights.iter().zip(source) {
                for (total, &lane) in sum.iter_mut().zip(lanes) {
                    *total += weight * lane;
                }
            }
            for (row, values) in sum
                .chunks_exact(CHANNELS)
                .take(block_rows.len())
                .enumerate()
            {
                let at = ((first_row + row) * to_width + x) * CHANNELS;
                if let Some(pixel) = out.get_mut(at..at + CHANNELS) {
                    for (out, &value) in pixel.iter_mut().zip(values) {
                        *out = round_to_u8(value);
                    }
                }
            }
        }
    }
    out
}

/// A value rounded to the nearest of 0 to 255. Adding 1.5 × 2²³ leaves the
/// rounded integer in the low bits of the `f32`: unlike `as`, which checks
/// each value on its own, this is a few vector instructions.
#[inline]
fn round_to_u8(value: f32) -> u8 {
    const SHIFT: f32 = 12_582_912.0;
    ((value.clamp(0.0, 255.0) + SHIFT).to_bits() & 0xFF) as u8
}

/// The pixels at a smaller size, filtered as a triangle (linear) filter does.
fn scale_down(pixels: &DynamicImage, width: u32, height: u32) -> DynamicImage {
    let from = (pixels.width() as usize, pixels.height() as usize);
    let to = (width as usize, height as usize);
    let scaled = match pixels {
        DynamicImage::ImageLuma8(buf) => {
            image::GrayImage::from_raw(width, height, resample::<1>(buf.as_raw(), from, to))
                .map(DynamicImage::ImageLuma8)
        }
        DynamicImage::ImageLumaA8(buf) => {
            image::GrayAlphaImage::from_raw(width, height, resample::<2>(buf.as_raw(), from, to))
                .map(DynamicImage::ImageLumaA8)
        }
        DynamicImage::ImageRgb8(buf) => {
            image::RgbImage::from_raw(width, height, resample::<3>(buf.as_raw(), from, to))
                .map(DynamicImage::ImageRgb8)
        }
        DynamicImage::ImageRgba8(buf) => {
            image::RgbaImage::from_raw(width, height, resample::<4>(buf.as_raw(), from, to))
                .map(DynamicImage::ImageRgba8)
        }
        _ => None,
    };
    scaled.unwrap_or_else(|| {
        pixels.resize_exact(width, height, image::imageops::FilterType::Triangle)
    })
}

fn encode_pixels(pixels: &DynamicImage, deflater: &mut Deflater) -> EncodedImage {
    let (width, height) = (pixels.width(), pixels.height());
    // PNG predictors make a logo's flat colours and anti-aliased edges larger
    // (by 15 % on the peers' logo), so the samples are compressed as they are.
    let mut plain = |gray: bool, data: &[u8]| EncodedImage {
        width,
        height,
        gray,
        filter: "FlateDecode",
        predictor_colors: None,
        data: deflater.deflate(data).unwrap_or_default(),
        smask: None,
    };
    match pixels {
        DynamicImage::ImageLuma8(buf) => plain(true, buf.as_raw()),
        DynamicImage::ImageRgb8(buf) => plain(false, buf.as_raw()),
        DynamicImage::ImageLumaA8(buf) => {
            let (gray, alpha): (Vec<u8>, Vec<u8>) =
                buf.as_raw().chunks_exact(2).map(|p| (p[0], p[1])).unzip();
            let mask = plain(true, &alpha);
            EncodedImage {
                smask: Some(Box::new(mask)),
                ..plain(true, &gray)
            }
        }
        other => {
            let converted;
            let rgba = match other {
                DynamicImage::ImageRgba8(buf) => buf.as_raw(),
                _ => {
                    converted = other.to_rgba8();
                    converted.as_raw()
                }
            };
            let (pixels, _) = rgba.as_chunks::<4>();
            let mut rgb = vec![[0u8; 3]; pixels.len()];
            let mut alpha = vec![0u8; pixels.len()];
            for ((p, colour), a) in pixels.iter().zip(&mut rgb).zip(&mut alpha) {
                *colour = [p[0], p[1], p[2]];
                *a = p[3];
            }
            let rgb = rgb.into_flattened();
            let opaque = alpha.iter().all(|&a| a == 255);
            let mask = (!opaque).then(|| Box::new(plain(true, &alpha)));
            EncodedImage {
                smask: mask,
                ..plain(false, &rgb)
            }
        }
    }
}

/// The IDAT data of an 8-bit, non-interlaced grey or RGB PNG, which PDF reads as it is.
fn png_passthrough(bytes: &[u8]) -> Option<EncodedImage> {
    let rest = bytes.strip_prefix(b"\x89PNG\r\n\x1a\n")?;
    let mut at = 0;
    let mut header = None;
    let mut data = Vec::new();
    while at + 8 <= rest.len() {
        let len = u32::from_be_bytes(rest.get(at..at + 4)?.try_into().ok()?) as usize;
        let kind = rest.get(at + 4..at + 8)?;
        let body = rest.get(at + 8..at + 8 + len)?;
        match kind {
            b"IHDR" => header = Some(body.to_vec()),
            b"IDAT" => data.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
        at += 12 + len;
    }
    let header = header?;
    let width = u32::from_be_bytes(header.get(0..4)?.try_into().ok()?);
    let height = u32::from_be_bytes(header.get(4..8)?.try_into().ok()?);
    let (depth, color, interlace) = (*header.get(8)?, *header.get(9)?, *header.get(12)?);
    let colors = match color {
        0 => 1,
        2 => 3,
        _ => return None,
    };
    (depth == 8 && interlace == 0 && !data.is_empty()).then_some(EncodedImage {
        width,
        height,
        gray: colors == 1,
        filter: "FlateDecode",
        predictor_colors: Some(colors),
        data,
        smask: None,
    })
}

/// A baseline or progressive JPEG with one or three components, which PDF reads as it is.
fn jpeg_passthrough(bytes: &[u8]) -> Option<EncodedImage> {
    let (width, height, components) = jpeg_frame(bytes)?;
    matches!(components, 1 | 3).then(|| EncodedImage {
        width,
        height,
        gray: components == 1,
        filter: "DCTDecode",
        predictor_colors: None,
        data: bytes.to_vec(),
        smask: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn png(image: DynamicImage) -> Vec<u8> {
        let mut out = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn rgb_png_data_passes_through() {
        let bytes = png(DynamicImage::new_rgb8(7, 5));
        let encoded = png_passthrough(&bytes).unwrap();
        assert_eq!(
            (encoded.width, encoded.height, encoded.predictor_colors),
            (7, 5, Some(3))
        );
    }

    #[test]
    fn pixels_drawn_small_are_scaled_to_300_dpi_and_no_further() {
        // 300 px drawn at 46 pt is 470 dpi: scaled to 192 px.
        assert_eq!(print_size(300, 300, (46.0, 46.0)), Some((192, 192)));
        // 384 px at 96 pt is 300 dpi, and 350 px there is within a quarter: kept.
        assert_eq!(print_size(400, 400, (96.0, 96.0)), None);
        assert_eq!(print_size(450, 450, (96.0, 96.0)), None);
        assert_eq!(print_size(600, 300, (48.0, 24.0)), Some((200, 100)));
        assert_eq!(print_size(300, 300, (0.0, 46.0)), None);
        assert_eq!(print_size(300, 300, (f32::NAN, 46.0)), None);
    }

    #[test]
    fn scaling_down_matches_a_triangle_filter() {
        let (w, h) = (300u32, 200u32);
        let pixels = DynamicImage::ImageRgba8(image::RgbaImage::from_fn(w, h, |x, y| {
            image::Rgba([
                (x * 255 / w) as u8,
                (y * 255 / h) as u8,
                ((x * y) % 251) as u8,
                if (x / 20 + y / 20) % 2 == 0 { 255 } else { 0 },
            ])
        }));
        // Every channel count: the column pass takes as many rows at once as
        // fit its lanes (32 of grey, 10 of RGB, 8 of RGBA).
        let kinds = [
            DynamicImage::ImageRgba8(pixels.to_rgba8()),
            DynamicImage::ImageRgb8(pixels.to_rgb8()),
            DynamicImage::ImageLumaA8(pixels.to_luma_alpha8()),
            DynamicImage::ImageLuma8(pixels.to_luma8()),
        ];
        for pixels in &kinds {
            for (tw, th) in [
                (192, 128),
                (77, 150),
                (299, 1),
                (120, 70),
                (250, 190),
                (3, 33),
            ] {
                let ours = scale_down(pixels, tw, th);
                assert_eq!(ours.color(), pixels.color());
                let theirs = pixels.resize_exact(tw, th, image::imageops::FilterType::Triangle);
                assert_eq!((ours.width(), ours.height()), (tw, th));
                let worst = ours
                    .as_bytes()
                    .iter()
                    .zip(theirs.as_bytes())
                    .map(|(a, b)| a.abs_diff(*b))
                    .max();
                assert!(
                    worst <= Some(1),
                    "{:?} {tw}x{th}: off by {worst:?}",
                    pixels.color()
                );
            }
        }
    }

    #[test]
    fn rgba_png_is_encoded_with_a_soft_mask() {
        let bytes = png(DynamicImage::new_rgba8(4, 4));
        assert!(png_passthrough(&bytes).is_none());
        let encoded = encode_pixels(&DynamicImage::new_rgba8(4, 4), &mut Deflater::default());
        assert!(encoded.smask.is_some());
    }

    #[test]
    fn jpeg_headers_are_read() {
        let mut out = Vec::new();
        DynamicImage::new_rgb8(9, 3)
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg)
            .unwrap();
        let encoded = jpeg_passthrough(&out).unwrap();
        assert_eq!((encoded.width, encoded.height, encoded.gray), (9, 3, false));
    }
}
