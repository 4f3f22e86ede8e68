//! Reading a `callout` block.

use crate::diag::clip;
use crate::load::blocks::common::{
    choices_hint, read_items, rich, split_paragraphs, At, BlockType,
};
use crate::load::keys::{Key, Value};
use crate::load::reader::{Reader, Table};
use crate::model::{BlockKind, Callout, Tone};

pub(crate) const TYPE: BlockType = BlockType {
    name: Callout::TYPE,
    keys: &[
        Key::new(
            "tone",
            Value::Choice(&Tone::NAMES),
            false,
            "info (default), warning or emergency",
        ),
        Key::new("title", Value::Text, false, "a title above the block"),
        Key::new(
            "text",
            Value::Text,
            false,
            "the callout's text; give `text`, `items` or both",
        ),
        Key::new(
            "items",
            Value::TextList,
            false,
            "the callout's points; give `text`, `items` or both",
        ),
    ],
    parts: &[],
    read,
};

fn read(reader: &mut Reader, table: Table, at: &At) -> Option<BlockKind> {
    let tone = match reader.string(table, "tone") {
        None => Tone::Info,
        Some((tone, span)) => Tone::parse(&tone).unwrap_or_else(|| {
            reader.error_hint(
                span,
                format!("unknown tone \"{}\"", clip(&tone)),
                choices_hint(&tone, &Tone::NAMES),
            );
            Tone::Info
        }),
    };
    let title = rich(reader, table, "title");
    let paragraphs = match reader.string(table, "text") {
        Some((text, span)) => split_paragraphs(reader, &text, span),
        None => Vec::new(),
    };
    let items = read_items(reader, table, false).unwrap_or_default();
    if paragraphs.is_empty()
        && items.is_empty()
        && table.get("items").is_none()
        && table.get("text").is_none()
    {
        reader.error_hint(
            at.span.clone(),
            "this callout has neither `text` nor `items`",
            "add text = \"...\" or items = [\"...\"]",
        );
    }
    let position = |key: &str| {
        table
            .entries
            .keys()
            .position(|k| k.get_ref().as_ref() == key)
    };
    let items_first = matches!((position("items"), position("text")), (Some(i), Some(t)) if i < t);
    Some(
        Callout {
            tone,
            title,
            paragraphs,
            items,
            items_first,
        }
        .into(),
    )
}
