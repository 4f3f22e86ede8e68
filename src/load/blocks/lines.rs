//! Reading a `lines` block.

use crate::load::blocks::common::{At, BlockType};
use crate::load::keys::{Key, Value};
use crate::load::reader::{Reader, Table};
use crate::model::{BlockKind, Lines};

pub(crate) const TYPE: BlockType = BlockType {
    name: Lines::TYPE,
    keys: &[
        Key::new(
            "label",
            Value::Text,
            true,
            "the words above the lines, such as \"Questions for your doctor\"",
        ),
        Key::new(
            "count",
            Value::Whole(1, Lines::MAX as i64),
            false,
            "how many lines to write on, 1 to 20 (default 3)",
        ),
    ],
    parts: &[],
    read,
};

fn read(reader: &mut Reader, table: Table, _at: &At) -> Option<BlockKind> {
    let label = reader.required_string(table, "label", "\"Questions for your doctor\"");
    let count = match reader.integer(table, "count") {
        Some((n, span)) if !(1..=Lines::MAX as i64).contains(&n) => {
            reader.error_hint(
                span,
                format!("`count` must be from 1 to {}, not {n}", Lines::MAX),
                "it is the number of lines to write on, for example count = 3",
            );
            Lines::DEFAULT
        }
        Some((n, _)) => n as usize,
        None => Lines::DEFAULT,
    };
    let (label, span) = label?;
    Some(
        Lines {
            label: reader.rich(&label, span),
            count,
        }
        .into(),
    )
}
