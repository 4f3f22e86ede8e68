//! Reading `bullets`, `steps` and `checklist` blocks.

use crate::load::blocks::common::{read_items, rich, At, BlockType};
use crate::load::keys::{Key, Value};
use crate::load::reader::{Reader, Table};
use crate::model::{BlockKind, List, ListKind};

const KEYS: &[Key] = &[
    Key::new("title", Value::Text, false, "a title above the block"),
    Key::new(
        "items",
        Value::TextList,
        true,
        "the list's entries, one string each",
    ),
];

pub(crate) const BULLETS: BlockType = row(ListKind::Bullets, |r, t, a| {
    read(r, t, a, ListKind::Bullets)
});
pub(crate) const STEPS: BlockType = row(ListKind::Steps, |r, t, a| read(r, t, a, ListKind::Steps));
pub(crate) const CHECKLIST: BlockType = row(ListKind::Checklist, |r, t, a| {
    read(r, t, a, ListKind::Checklist)
});

const fn row(kind: ListKind, read: fn(&mut Reader, Table, &At) -> Option<BlockKind>) -> BlockType {
    BlockType {
        name: kind.name(),
        keys: KEYS,
        parts: &[],
        read,
    }
}

fn read(reader: &mut Reader, table: Table, _at: &At, kind: ListKind) -> Option<BlockKind> {
    let title = rich(reader, table, "title");
    let items = read_items(reader, table, true)?;
    Some(List { kind, title, items }.into())
}
