//! Decoding PNG and JPEG files safely, scaled to print resolution.

use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

use crate::assets::{jpeg_frame, LoadedImage};
use crate::load::file::{read_limited, ReadError};

/// The box a logo is scaled into, in pixels. It is drawn at most 96 pt tall
/// (a packet's cover), so 400 pixels is 300 dpi there; the width leaves room
/// for a wide word mark. A camera photo used as a logo stays small in the PDF.
pub const LOGO_MAX_PX: (u32, u32) = (2000, 400);
/// The box a content image is scaled into: a full text width at 300 dpi.
pub const BLOCK_MAX_PX: (u32, u32) = (2000, 2000);

/// Largest image file read at all.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Longest side decoded, in pixels.
const MAX_DIMENSION: u32 = 20_000;
const MAX_ALLOC: u64 = 512 * 1024 * 1024;
/// Most pixels decoded: 100 megapixels, past any camera a clinic owns; at 4
/// bytes a pixel that fits `MAX_ALLOC`, and deeper images meet the decoder's limit.
const MAX_PIXELS: u64 = 100_000_000;

/// Why an image could not be used: a message and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageError(pub String, pub String);

/// Reads and decodes an image with limits, scaling it down to fit `max_px` (width, height).
pub fn decode_image(path: &Path, max_px: (u32, u32)) -> Result<Arc<LoadedImage>, ImageError> {
    let bytes = read_limited(path, MAX_FILE_BYTES).map_err(|e| {
        let hint = match e {
            ReadError::NotFound => {
                return ImageError(
                    e.describe(),
                    format!(
                        "looked for {}; check the spelling (paths are relative to the file that names them)",
                        crate::diag::clip(&path.display().to_string())
                    ),
                )
            }
            ReadError::Folder | ReadError::NotAFile => "name a .png or .jpg file",
            ReadError::TooLarge(_) => {
                "save a smaller copy of the picture (2000 pixels wide is plenty for print)"
            }
            ReadError::Io(_) => "check that the file is a plain file you can open",
        };
        ImageError(e.describe(), hint.into())
    })?;
    decoded(bytes, max_px)
}

/// The largest image file kept decoded between inputs.
const MAX_CACHED_BYTES: usize = 2 * 1024 * 1024;

/// The image decoded from these bytes, once per process: a batch of packets
/// for many clinics names the same logo file from each clinic's brand.
fn decoded(bytes: Vec<u8>, max_px: (u32, u32)) -> Result<Arc<LoadedImage>, ImageError> {
    type Decoded = Vec<(Vec<u8>, (u32, u32), Arc<LoadedImage>)>;
    static DECODED: std::sync::Mutex<Decoded> = std::sync::Mutex::new(Vec::new());
    let found = DECODED.lock().ok().and_then(|list| {
        list.iter()
            .find(|(b, px, _)| *px == max_px && *b == bytes)
            .map(|(_, _, image)| image.clone())
    });
    if let Some(image) = found {
        return Ok(image);
    }
    let image = Arc::new(decode_bytes(&bytes, max_px)?);
    // Logos and small figures only: a batch never holds camera photos.
    if bytes.len() > MAX_CACHED_BYTES {
        return Ok(image);
    }
    if let Ok(mut list) = DECODED.lock() {
        // A few images at a time: a logo or two and a figure.
        if list.len() >= 8 {
            list.clear();
        }
        list.push((bytes, max_px, image.clone()));
    }
    Ok(image)
}

fn decode_bytes(bytes: &[u8], max_px: (u32, u32)) -> Result<LoadedImage, ImageError> {
    let not_image = || {
        ImageError(
            "is not a PNG or JPEG image".into(),
            "save the picture as PNG or JPEG and check the file name".into(),
        )
    };
    let format = image::guess_format(bytes).map_err(|_| not_image())?;
    if !matches!(format, image::ImageFormat::Png | image::ImageFormat::Jpeg) {
        let name = format
            .extensions_str()
            .first()
            .map_or_else(|| format!("{format:?}"), |ext| ext.to_uppercase());
        return Err(ImageError(
            format!("is a {name} image, but only PNG and JPEG can be used"),
            "open it in an image editor and save it as PNG or JPEG".into(),
        ));
    }
    let kind = if format == image::ImageFormat::Png {
        "PNG"
    } else {
        "JPEG"
    };
    let damaged = |e: &dyn std::fmt::Display| {
        let detail = e.to_string().to_lowercase();
        let cut_short = [
            "end of file",
            "eof",
            "not enough bytes",
            "unexpected end",
            "truncated",
        ]
        .iter()
        .any(|needle| detail.contains(needle));
        ImageError(
            if cut_short {
                "is cut short: the file ends before the picture does".to_string()
            } else {
                format!("is damaged and cannot be read as a {kind} image")
            },
            "open the picture in an image editor and save it again as PNG or JPEG".into(),
        )
    };
    // The JPEG decoder fills a picture that stops early with grey; a file
    // cut short must be an error, not half a photo in print.
    if format == image::ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(ImageError(
            "is cut short: the file ends before the picture does".into(),
            "open the picture in an image editor and save it again as PNG or JPEG".into(),
        ));
    }
    // The header gives the size without decoding: a file that claims to be
    // enormous is refused before any memory is set aside for it.
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|e| damaged(&e))?;
    if width == 0 || height == 0 {
        return Err(ImageError(
            format!("is {width} × {height} pixels: it has no picture to draw"),
            "open the picture in an image editor and save it again as PNG or JPEG".into(),
        ));
    }
    if width > MAX_DIMENSION
        || height > MAX_DIMENSION
        || u64::from(width) * u64::from(height) > MAX_PIXELS
    {
        return Err(ImageError(
            format!(
                "is {width} × {height} pixels, too large to use (at most {} million pixels, {MAX_DIMENSION} on a side)",
                MAX_PIXELS / 1_000_000
            ),
            "save a smaller copy of the picture (2000 pixels wide is plenty for print)".into(),
        ));
    }
    let (max_w, max_h) = max_px;
    let key = format!(
        "IMG{:016X}",
        fnv1a(bytes) ^ (u64::from(max_w) << 32 | u64::from(max_h))
    );
    if format == image::ImageFormat::Png && width <= max_w && height <= max_h {
        if let Some(checked) = check_plain_png(bytes) {
            checked.map_err(|e| damaged(&e))?;
            return Ok(LoadedImage {
                key,
                width,
                height,
                pixels: None,
                original: Some(Arc::from(bytes)),
            });
        }
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let too_large = |e: image::ImageError| match e {
        image::ImageError::Limits(_) => ImageError(
            format!("is {width} × {height} pixels, too large to decode"),
            "save a smaller copy of the picture (2000 pixels wide is plenty for print)".into(),
        ),
        other => damaged(&other),
    };
    let mut decoder = reader.into_decoder().map_err(too_large)?;
    // A phone stores a photo as the sensor saw it and says in its EXIF data
    // how to turn it: turned here, it prints the right way up.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut decoded = DynamicImage::from_decoder(decoder).map_err(too_large)?;
    decoded.apply_orientation(orientation);
    let turned = orientation != Orientation::NoTransforms;
    let scaled = decoded.width() > max_w || decoded.height() > max_h;
    let pixels = if scaled {
        decoded.resize(max_w, max_h, image::imageops::FilterType::Triangle)
    } else {
        decoded
    };
    let pixels = normalize(pixels);
    // Pixels that are the file's own can be embedded without decoding and encoding again.
    let passthrough = !scaled
        && !turned
        && match format {
            image::ImageFormat::Jpeg => !pixels.color().has_alpha(),
            _ => matches!(
                pixels,
                DynamicImage::ImageLuma8(_) | DynamicImage::ImageRgb8(_)
            ),
        };
    let original = if passthrough {
        Some(std::sync::Arc::from(bytes))
    } else if (scaled || turned) && format == image::ImageFormat::Jpeg {
        // A photo scaled down stays a photo: JPEG keeps it a fraction of the
        // size Flate can, which matters for a camera picture used as a logo.
        reencode_jpeg(&pixels).map(std::sync::Arc::from)
    } else {
        None
    };
    Ok(LoadedImage {
        key,
        width: pixels.width(),
        height: pixels.height(),
        // A JPEG that PDF reads as it is needs no pixels kept: a brand cache
        // of many clinics' photos stays small.
        pixels: (!original
            .as_deref()
            .and_then(jpeg_frame)
            .is_some_and(|(_, _, components)| matches!(components, 1 | 3)))
        .then_some(pixels),
        original,
    })
}

/// For an 8-bit grey or RGB PNG without transparency or interlacing, which
/// goes into the PDF as it is: checks every chunk and inflates the picture
/// data to count it, row by row, without keeping it. `None` for any other PNG.
fn check_plain_png(bytes: &[u8]) -> Option<Result<(), String>> {
    let cut_short = || Some(Err("unexpected end of file".to_string()));
    let mut rest = bytes.strip_prefix(b"\x89PNG\r\n\x1a\n")?;
    let mut header: Option<&[u8]> = None;
    let mut data: Vec<&[u8]> = Vec::new();
    loop {
        let Some((length, tail)) = rest.split_first_chunk::<4>() else {
            return cut_short();
        };
        let length = u32::from_be_bytes(*length) as usize;
        let Some((kind_and_body, tail)) = tail.split_at_checked(4 + length) else {
            return cut_short();
        };
        let Some((crc, tail)) = tail.split_first_chunk::<4>() else {
            return cut_short();
        };
        let mut check = flate2::Crc::new();
        check.update(kind_and_body);
        if check.sum() != u32::from_be_bytes(*crc) {
            return Some(Err("a chunk fails its CRC check".into()));
        }
        let (kind, body) = kind_and_body.split_at(4);
        match kind {
            b"IHDR" => header = Some(body),
            b"IDAT" => data.push(body),
            // Transparency needs a soft mask, and EXIF data may turn the
            // picture: the full decoder handles both.
            b"tRNS" | b"eXIf" => return None,
            b"IEND" => break,
            _ => {}
        }
        rest = tail;
    }
    let header = header?;
    let width = u32::from_be_bytes(header.get(0..4)?.try_into().ok()?);
    let height = u32::from_be_bytes(header.get(4..8)?.try_into().ok()?);
    // Bit depth, colour type, compression, filter and interlace methods:
    // anything but plain 8-bit grey or RGB goes to the full decoder.
    let channels = match header.get(8..13)? {
        [8, 0, 0, 0, 0] => 1,
        [8, 2, 0, 0, 0] => 3,
        _ => return None,
    };
    // Each row is a filter byte (0 to 4) and the row's samples.
    let row = 1 + u64::from(width) * channels;
    let expected = row * u64::from(height);
    let mut inflater = flate2::Decompress::new(true);
    let mut buffer = vec![0u8; 32 * 1024];
    let mut position = 0u64;
    let mut next_filter = 0u64;
    let mut input = data.into_iter();
    let mut chunk: &[u8] = input.next().unwrap_or_default();
    loop {
        let before = (inflater.total_in(), inflater.total_out());
        // No `Finish`: it asks for room for all that is left at once. The
        // end of the data shows as the end of the stream, or as no progress.
        let status = inflater.decompress(chunk, &mut buffer, flate2::FlushDecompress::None);
        let consumed = (inflater.total_in() - before.0) as usize;
        let produced = (inflater.total_out() - before.1) as usize;
        chunk = &chunk[consumed..];
        // Only each row's first byte, the filter, is looked at.
        let end = position + produced as u64;
        while next_filter < end {
            if buffer[(next_filter - position) as usize] > 4 {
                return Some(Err("a row has an unknown filter".into()));
            }
            next_filter += row;
        }
        position = end;
        if position > expected {
            return Some(Err("there is more picture data than the size says".into()));
        }
        match status {
            Ok(flate2::Status::StreamEnd) => break,
            Ok(_) if consumed == 0 && produced == 0 => {
                if chunk.is_empty() {
                    match input.next() {
                        Some(next) => chunk = next,
                        None => return cut_short(),
                    }
                } else {
                    return Some(Err("the picture data is damaged".into()));
                }
            }
            Ok(_) => {}
            Err(_) => return Some(Err("the picture data is damaged".into())),
        }
    }
    if position < expected {
        return cut_short();
    }
    Some(Ok(()))
}

/// The pixels as a JPEG at print quality, when they are 8-bit grey or RGB.
fn reencode_jpeg(pixels: &DynamicImage) -> Option<Vec<u8>> {
    if !matches!(
        pixels,
        DynamicImage::ImageLuma8(_) | DynamicImage::ImageRgb8(_)
    ) {
        return None;
    }
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 88);
    pixels.write_with_encoder(encoder).ok()?;
    Some(out)
}

/// Whether a JPEG has its end marker after the image data. Segments before
/// the first scan are skipped by their lengths (an EXIF thumbnail has its own
/// end marker); inside scan data a 0xFF byte is always followed by 0x00 or a
/// restart marker, so an 0xFF 0xD9 there is the real end.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let mut at = 2;
    while let (Some(&0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) {
        if marker == 0xFF {
            // Fill bytes before a marker.
            at += 1;
            continue;
        }
        if marker == 0xDA {
            return bytes
                .get(at..)
                .is_some_and(|scan| scan.windows(2).any(|w| w == [0xFF, 0xD9]));
        }
        let Some(len) = bytes.get(at + 2..at + 4) else {
            return false;
        };
        at += 2 + usize::from(u16::from_be_bytes([len[0], len[1]]));
    }
    false
}

/// Converts to 8-bit grey or RGB, dropping an alpha channel that is fully opaque.
fn normalize(image: DynamicImage) -> DynamicImage {
    let opaque = match &image {
        DynamicImage::ImageLumaA8(buf) => buf.pixels().all(|p| p.0[1] == 255),
        DynamicImage::ImageRgba8(buf) => buf.pixels().all(|p| p.0[3] == 255),
        DynamicImage::ImageLuma8(_) | DynamicImage::ImageRgb8(_) => return image,
        other => !other.color().has_alpha(),
    };
    match (image.color().has_alpha(), opaque) {
        // `into_` keeps the pixels where they are when the format is right already.
        (true, false) => DynamicImage::ImageRgba8(image.into_rgba8()),
        _ if image.color().has_color() => DynamicImage::ImageRgb8(image.into_rgb8()),
        _ => DynamicImage::ImageLuma8(image.into_luma8()),
    }
}

/// A stable 64-bit hash (FNV-1a), so image names do not change between runs.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_not_an_image() {
        let err = decode_bytes(b"hello, this is text", (100, 100)).unwrap_err();
        assert_eq!(err.0, "is not a PNG or JPEG image");
    }

    #[test]
    fn another_image_format_is_named() {
        let err = decode_bytes(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", (100, 100)).unwrap_err();
        assert_eq!(err.0, "is a GIF image, but only PNG and JPEG can be used");
    }

    #[test]
    fn a_truncated_png_is_reported_as_damaged() {
        let mut png = Vec::new();
        DynamicImage::new_rgb8(40, 40)
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        png.truncate(png.len() / 2);
        let err = decode_bytes(&png, (100, 100)).unwrap_err();
        assert!(err.0.starts_with("is cut short"), "{}", err.0);
    }

    #[test]
    fn a_huge_image_is_scaled_down() {
        let mut png = Vec::new();
        DynamicImage::new_rgb8(3000, 1000)
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let image = decode_bytes(&png, (600, 600)).unwrap();
        assert_eq!((image.width, image.height), (600, 200));
        assert!(image.pixels.is_some() && image.original.is_none());
    }

    #[test]
    fn a_jpeg_cut_short_is_refused_and_a_whole_one_is_not() {
        let mut jpeg = Vec::new();
        DynamicImage::new_rgb8(64, 48)
            .write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
            .unwrap();
        assert!(jpeg_is_complete(&jpeg));
        assert!(decode_bytes(&jpeg, (100, 100)).is_ok());
        let half = &jpeg[..jpeg.len() / 2];
        assert!(!jpeg_is_complete(half));
        let err = decode_bytes(half, (100, 100)).unwrap_err();
        assert!(err.0.starts_with("is cut short"), "{}", err.0);
    }

    #[test]
    fn a_logo_fits_its_box_in_height() {
        let mut png = Vec::new();
        DynamicImage::new_rgb8(1000, 800)
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let image = decode_bytes(&png, LOGO_MAX_PX).unwrap();
        assert_eq!((image.width, image.height), (500, 400));
    }

    #[test]
    fn a_plain_png_passes_through_without_its_pixels() {
        let mut png = Vec::new();
        DynamicImage::new_rgb8(64, 32)
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let image = decode_bytes(&png, LOGO_MAX_PX).unwrap();
        assert_eq!((image.width, image.height), (64, 32));
        assert!(image.pixels.is_none());
        assert_eq!(image.original.as_deref(), Some(&png[..]));
    }

    #[test]
    fn a_jpeg_passes_through_without_its_pixels_scaled_or_not() {
        let mut jpeg = Vec::new();
        DynamicImage::new_rgb8(64, 48)
            .write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
            .unwrap();
        let image = decode_bytes(&jpeg, (100, 100)).unwrap();
        assert!(image.pixels.is_none());
        assert_eq!(image.original.as_deref(), Some(&jpeg[..]));
        // Scaled down, it is a new JPEG of the smaller size.
        let image = decode_bytes(&jpeg, (32, 32)).unwrap();
        assert!(image.pixels.is_none());
        let frame = image.original.as_deref().and_then(jpeg_frame);
        assert_eq!(frame, Some((32, 24, 3)));
    }

    /// A JPEG of `width` × `height` with an EXIF orientation tag (1 to 8) after its start marker.
    pub(crate) fn jpeg_with_orientation(width: u32, height: u32, orientation: u16) -> Vec<u8> {
        let mut plain = Vec::new();
        let mut pixels = image::RgbImage::new(width, height);
        // The left half red, the right half blue: a turn shows where they went.
        for (x, _, p) in pixels.enumerate_pixels_mut() {
            *p = if x < width / 2 {
                image::Rgb([255, 0, 0])
            } else {
                image::Rgb([0, 0, 255])
            };
        }
        DynamicImage::ImageRgb8(pixels)
            .write_to(&mut Cursor::new(&mut plain), image::ImageFormat::Jpeg)
            .unwrap();
        let mut tiff = b"II*\0\x08\0\0\0\x01\0".to_vec();
        tiff.extend_from_slice(&0x0112u16.to_le_bytes());
        tiff.extend_from_slice(&3u16.to_le_bytes());
        tiff.extend_from_slice(&1u32.to_le_bytes());
        tiff.extend_from_slice(&u32::from(orientation).to_le_bytes());
        tiff.extend_from_slice(&0u32.to_le_bytes());
        let mut body = b"Exif\0\0".to_vec();
        body.extend_from_slice(&tiff);
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&u16::try_from(body.len() + 2).unwrap().to_be_bytes());
        out.extend_from_slice(&body);
        out.extend_from_slice(&plain[2..]);
        out
    }

    #[test]
    fn a_phone_photo_is_turned_the_way_its_exif_data_says() {
        // Stored 64 wide and 32 tall, to be turned a quarter clockwise (6).
        let jpeg = jpeg_with_orientation(64, 32, 6);
        let image = decode_bytes(&jpeg, BLOCK_MAX_PX).unwrap();
        assert_eq!((image.width, image.height), (32, 64));
        let frame = image.original.as_deref().and_then(jpeg_frame);
        assert_eq!(frame, Some((32, 64, 3)));
        // The left half (red) is now at the top.
        let turned = image::load_from_memory(image.original.as_deref().unwrap())
            .unwrap()
            .to_rgb8();
        let top = turned.get_pixel(16, 4).0;
        let bottom = turned.get_pixel(16, 60).0;
        assert!(top[0] > 200 && top[2] < 60, "{top:?}");
        assert!(bottom[2] > 200 && bottom[0] < 60, "{bottom:?}");
        // Upright already (1): the file goes in as it is.
        let upright = jpeg_with_orientation(64, 32, 1);
        let image = decode_bytes(&upright, BLOCK_MAX_PX).unwrap();
        assert_eq!(image.original.as_deref(), Some(&upright[..]));
    }

    #[test]
    fn a_png_with_transparency_keeps_its_pixels() {
        let mut png = Vec::new();
        DynamicImage::new_rgba8(8, 8)
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let image = decode_bytes(&png, LOGO_MAX_PX).unwrap();
        assert!(image.pixels.is_some() && image.original.is_none());
    }

    /// A PNG made by hand: grey, 8 bits, the given rows zlib-compressed.
    fn handmade_png(width: u32, height: u32, rows: &[u8]) -> Vec<u8> {
        handmade_png_with(width, height, rows, [8, 0, 0, 0, 0])
    }

    /// The same, with the header's depth, colour type and methods given.
    fn handmade_png_with(width: u32, height: u32, rows: &[u8], kind: [u8; 5]) -> Vec<u8> {
        fn chunk(out: &mut Vec<u8>, kind: &[u8], body: &[u8]) {
            out.extend_from_slice(&(body.len() as u32).to_be_bytes());
            let mut crc = flate2::Crc::new();
            crc.update(kind);
            crc.update(body);
            out.extend_from_slice(kind);
            out.extend_from_slice(body);
            out.extend_from_slice(&crc.sum().to_be_bytes());
        }
        let mut header = Vec::new();
        header.extend_from_slice(&width.to_be_bytes());
        header.extend_from_slice(&height.to_be_bytes());
        header.extend_from_slice(&kind);
        let mut data = Vec::new();
        let mut encoder =
            flate2::write::ZlibEncoder::new(&mut data, flate2::Compression::default());
        std::io::Write::write_all(&mut encoder, rows).unwrap();
        encoder.finish().unwrap();
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        chunk(&mut out, b"IHDR", &header);
        chunk(&mut out, b"IDAT", &data);
        chunk(&mut out, b"IEND", &[]);
        out
    }

    #[test]
    fn a_handmade_png_with_every_row_is_accepted() {
        let png = handmade_png(3, 2, &[0, 1, 2, 3, 1, 4, 5, 6]);
        let image = decode_bytes(&png, LOGO_MAX_PX).unwrap();
        assert_eq!((image.width, image.height), (3, 2));
        assert!(image.pixels.is_none());
    }

    #[test]
    fn a_png_with_an_unknown_filter_method_is_left_to_the_decoder_and_refused() {
        let png = handmade_png_with(3, 2, &[0, 1, 2, 3, 0, 4, 5, 6], [8, 0, 0, 1, 0]);
        assert!(check_plain_png(&png).is_none());
        let err = decode_bytes(&png, LOGO_MAX_PX).unwrap_err();
        assert!(err.0.contains("damaged"), "{}", err.0);
    }

    #[test]
    fn a_png_missing_rows_is_cut_short() {
        let png = handmade_png(3, 4, &[0, 1, 2, 3, 0, 4, 5, 6]);
        let err = decode_bytes(&png, LOGO_MAX_PX).unwrap_err();
        assert!(err.0.starts_with("is cut short"), "{}", err.0);
    }

    #[test]
    fn a_png_larger_than_the_check_buffer_passes_and_its_stream_cut_short_does_not() {
        // 300 rows of 301 bytes: the check inflates it in several turns of its 32 KB buffer.
        let (width, height) = (300u32, 300u32);
        let rows: Vec<u8> = (0..height)
            .flat_map(|y| {
                std::iter::once(0).chain((0..width).map(move |x| ((x * 7 + y * 13) % 251) as u8))
            })
            .collect();
        let png = handmade_png(width, height, &rows);
        assert_eq!(check_plain_png(&png), Some(Ok(())));
        // The same picture with its compressed data cut in half, every CRC
        // right: the stream ends before its end marker.
        let (idat, len) = {
            let at = png.windows(4).position(|w| w == b"IDAT").unwrap_or(0);
            let len = u32::from_be_bytes(png[at - 4..at].try_into().unwrap());
            (at, len as usize)
        };
        let half = &png[idat + 4..idat + 4 + len / 2];
        let mut cut = png[..idat - 4].to_vec();
        cut.extend_from_slice(&(half.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(b"IDAT");
        crc.update(half);
        cut.extend_from_slice(b"IDAT");
        cut.extend_from_slice(half);
        cut.extend_from_slice(&crc.sum().to_be_bytes());
        cut.extend_from_slice(&png[idat + 8 + len..]);
        assert_eq!(
            check_plain_png(&cut),
            Some(Err("unexpected end of file".to_string()))
        );
        let err = decode_bytes(&cut, LOGO_MAX_PX).unwrap_err();
        assert!(err.0.starts_with("is cut short"), "{}", err.0);
    }

    #[test]
    fn a_png_row_with_an_unknown_filter_is_damaged() {
        let png = handmade_png(3, 2, &[0, 1, 2, 3, 9, 4, 5, 6]);
        let err = decode_bytes(&png, LOGO_MAX_PX).unwrap_err();
        assert!(err.0.contains("damaged"), "{}", err.0);
    }

    #[test]
    fn a_png_with_a_flipped_byte_fails_its_crc() {
        let mut png = handmade_png(3, 2, &[0, 1, 2, 3, 0, 4, 5, 6]);
        let at = png.len() - 20;
        png[at] ^= 0x40;
        let err = decode_bytes(&png, LOGO_MAX_PX).unwrap_err();
        assert!(err.0.contains("damaged"), "{}", err.0);
    }
}
