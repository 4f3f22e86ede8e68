//! Reading a `contacts` block.

use crate::load::blocks::common::{rich, At, BlockType, Part};
use crate::load::keys::{Key, Value};
use crate::load::reader::{Reader, Table};
use crate::model::{BlockKind, Contact, Contacts};

/// The keys of each entry of a contacts block's `items`.
const CONTACT_KEYS: &[Key] = &[
    Key::new(
        "label",
        Value::Text,
        true,
        "who it is, such as \"SAMHSA National Helpline\"",
    ),
    Key::new(
        "value",
        Value::Text,
        true,
        "the phone number, web or email address, in quotes",
    ),
];

pub(crate) const TYPE: BlockType = BlockType {
    name: Contacts::TYPE,
    keys: &[
        Key::new(
            "title",
            Value::Text,
            false,
            "the heading of the box (default \"Phone numbers to keep\")",
        ),
        Key::new(
            "items",
            Value::TableList,
            false,
            "more contacts after the brand's phone and website: { label = \"...\", value = \"...\" }",
        ),
    ],
    parts: &[Part {
        name: "contact",
        keys: CONTACT_KEYS,
    }],
    read,
};

fn read(reader: &mut Reader, table: Table, _at: &At) -> Option<BlockKind> {
    let title = rich(reader, table, "title");
    let mut items = Vec::new();
    let names: Vec<&str> = CONTACT_KEYS.iter().map(|k| k.name).collect();
    for (index, (entries, span)) in reader
        .table_list(table, "items")
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let name = format!("contact {}", index + 1);
        let entry = Table {
            entries,
            span: (span.start, span.end),
            name: &name,
        };
        reader.check_keys(entry, &names);
        let label = reader.required_string(entry, "label", "\"SAMHSA National Helpline\"");
        let value = reader.required_string(entry, "value", "\"1-800-662-4357\"");
        if let (Some((label, ls)), Some((value, vs))) = (label, value) {
            items.push(Contact {
                label: reader.rich(&label, ls),
                value: reader.rich(&value, vs),
            });
        }
    }
    Some(Contacts { title, items }.into())
}
