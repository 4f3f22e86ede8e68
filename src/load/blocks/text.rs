//! Reading a `text` block.

use crate::load::blocks::common::{split_paragraphs, At, BlockType};
use crate::load::keys::{Key, Value};
use crate::load::reader::{Reader, Table};
use crate::model::{BlockKind, TextBlock};

pub(crate) const TYPE: BlockType = BlockType {
    name: TextBlock::TYPE,
    keys: &[Key::new(
        "text",
        Value::Text,
        true,
        "one or more paragraphs, separated by a blank line; **bold** and *italic* work",
    )],
    parts: &[],
    read,
};

fn read(reader: &mut Reader, table: Table, _at: &At) -> Option<BlockKind> {
    let (text, span) = reader.required_string(table, "text", "\"\"\"Your words here.\"\"\"")?;
    Some(
        TextBlock {
            paragraphs: split_paragraphs(reader, &text, span),
        }
        .into(),
    )
}
