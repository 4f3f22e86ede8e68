//! Reading `bullets`, `steps` and `checklist` blocks, and lists of items.

use crate::load::blocks::{rich, At, BlockType};
use crate::load::format::{Key, Value};
use crate::load::reader::{Reader, Table};
use crate::model::{BlockKind, List, ListKind, RichText};

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

/// The `items` of a table: each a non-empty marked-up string.
pub(crate) fn read_items(
    reader: &mut Reader,
    table: Table,
    required: bool,
) -> Option<Vec<RichText>> {
    if table.get("items").is_none() {
        if required {
            reader.missing(
                table,
                "items",
                "add a line such as: items = [\"First item\", \"Second item\"]",
            );
        }
        return None;
    }
    let items = reader.string_list(table, "items")?;
    if items.is_empty() {
        let span = table.get("items").map_or(0..0, |v| v.span());
        reader.error_hint(
            span,
            format!("`items` in {} is empty", table.name),
            "add at least one item in quotes, or remove the block",
        );
        return None;
    }
    let mut out = Vec::new();
    for (text, span) in items {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            reader.error_hint(
                span,
                "this item is empty",
                "write the item between the quotes, or remove the empty \"\"",
            );
            continue;
        }
        let lead = text.len() - text.trim_start().len();
        out.push(reader.rich_piece(trimmed, span, &text, &[(0, lead)]));
    }
    Some(out)
}
