//! Reading a `heading` block.

use crate::load::blocks::common::{At, BlockType};
use crate::load::keys::{Key, Value};
use crate::load::reader::{Reader, Table};
use crate::model::{BlockKind, Heading};

pub(crate) const TYPE: BlockType = BlockType {
    name: Heading::TYPE,
    keys: &[
        Key::new("text", Value::Text, true, "the heading's words"),
        Key::new(
            "level",
            Value::Whole(1, 2),
            false,
            "1 (default) for a section, 2 for a part of a section",
        ),
    ],
    parts: &[],
    read,
};

fn read(reader: &mut Reader, table: Table, _at: &At) -> Option<BlockKind> {
    let text = reader.required_string(table, "text", "\"What is kratom?\"");
    let level = match reader.integer(table, "level") {
        Some((1, _)) | None => 1,
        Some((2, _)) => 2,
        Some((n, span)) => {
            reader.error_hint(
                span,
                format!("`level` must be 1 or 2, not {n}"),
                "use 1 for a section and 2 for a part of a section",
            );
            1
        }
    };
    let (text, span) = text?;
    Some(
        Heading {
            text: reader.rich(&text, span),
            level,
        }
        .into(),
    )
}
