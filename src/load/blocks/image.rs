//! Reading an `image` block: the picture is decoded here, once.

use crate::diag::clip;
use crate::load::blocks::common::{At, BlockType};
use crate::load::image::{decode_image, BLOCK_MAX_PX};
use crate::load::keys::{Key, Value};
use crate::load::reader::{Reader, Table};
use crate::model::{BlockKind, Image};

pub(crate) const TYPE: BlockType = BlockType {
    name: Image::TYPE,
    keys: &[
        Key::new("path", Value::Path, true, "the PNG or JPEG file"),
        Key::new(
            "alt",
            Value::Text,
            true,
            "what the picture shows, for people who cannot see it",
        ),
        Key::new(
            "width",
            Value::Fraction,
            false,
            "the fraction of the text width, above 0 and at most 1 (default 1)",
        ),
    ],
    parts: &[],
    read,
};

/// The narrowest image, as a fraction of the text width: about 10 points.
const MIN_WIDTH: f64 = 0.025;

fn read(reader: &mut Reader, table: Table, at: &At) -> Option<BlockKind> {
    let path = reader.required_string(table, "path", "\"photo.jpg\"");
    let alt = reader.required_string(table, "alt", "\"A family talking at a kitchen table\"");
    let width = match reader.number(table, "width") {
        Some((w, span)) if !(w > 0.0 && w <= 1.0) => {
            reader.error_hint(
                span,
                format!("`width` must be more than 0 and at most 1, not {w}"),
                "it is a fraction of the text width: 0.5 is half, 1.0 is the full width",
            );
            1.0
        }
        Some((w, span)) if w < MIN_WIDTH => {
            reader.error_hint(
                span,
                "`width` is too small to see: the picture would be drawn less than 10 points wide",
                format!("it is a fraction of the text width: use {MIN_WIDTH} or more, for example 0.5 for half"),
            );
            1.0
        }
        Some((w, _)) => w as f32,
        None => 1.0,
    };
    let (path, span) = path?;
    let image = match decode_image(&at.folder.join(&path), BLOCK_MAX_PX) {
        Ok(image) => image,
        Err(message) => {
            reader.error_hint(
                span,
                format!("the image \"{}\" {}", clip(&path), message.0),
                message.1,
            );
            return None;
        }
    };
    // A text width is 400 points or more: a picture so flat or so narrow that
    // a side would be drawn under a point cannot be seen.
    let drawn_width = f64::from(width) * 400.0;
    let drawn_height = drawn_width * f64::from(image.height) / f64::from(image.width.max(1));
    if drawn_height < 1.0 || drawn_width * 1000.0 < drawn_height {
        reader.error_hint(
            span,
            format!(
                "the image \"{}\" is {} × {} pixels: at this width it would be drawn too thin to see",
                clip(&path),
                image.width,
                image.height
            ),
            "crop the picture to a usual shape, or make `width` larger",
        );
        return None;
    }
    let (alt, _) = alt?;
    let picture = image.picture();
    reader.keep_image(image);
    Some(
        Image {
            picture,
            alt,
            width,
        }
        .into(),
    )
}
