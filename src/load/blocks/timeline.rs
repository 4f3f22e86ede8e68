//! Reading a `timeline` block and its `[[block.phase]]`s.

use crate::load::blocks::common::{read_items, rich, At, BlockType, Part};
use crate::load::keys::{Key, Value};
use crate::load::reader::{Reader, Table};
use crate::model::{BlockKind, Phase, Timeline, MAX_PHASES};

/// The keys of a timeline's `[[block.phase]]`.
const PHASE_KEYS: &[Key] = &[
    Key::new("label", Value::Text, true, "the phase's name"),
    Key::new(
        "when",
        Value::Text,
        false,
        "when it happens, such as \"Days 2 to 4\"",
    ),
    Key::new(
        "items",
        Value::TextList,
        false,
        "what happens in this phase",
    ),
];

pub(crate) const TYPE: BlockType = BlockType {
    name: Timeline::TYPE,
    keys: &[
        Key::new("title", Value::Text, false, "a title above the block"),
        Key::new(
            "phase",
            Value::TableList,
            true,
            "the phases, each starting with [[block.phase]]; at most 6",
        ),
    ],
    parts: &[Part {
        name: "block.phase",
        keys: PHASE_KEYS,
    }],
    read,
};

fn read(reader: &mut Reader, table: Table, at: &At) -> Option<BlockKind> {
    let title = rich(reader, table, "title");
    let phases = read_phases(reader, table, at)?;
    Some(Timeline { title, phases }.into())
}

fn read_phases(reader: &mut Reader, table: Table, at: &At) -> Option<Vec<Phase>> {
    let none = "this timeline has no phases";
    let how = "add phases, each starting with [[block.phase]] and a `label`";
    let Some(list) = reader.table_list(table, "phase") else {
        if table.get("phase").is_none() {
            reader.error_hint(at.span.clone(), none, how);
        }
        return None;
    };
    if list.is_empty() {
        reader.error_hint(at.span.clone(), none, how);
        return None;
    }
    if list.len() > MAX_PHASES {
        let span = list
            .get(MAX_PHASES)
            .map_or(at.span.clone(), |(_, s)| s.clone());
        reader.error_hint(
            span,
            format!(
                "this timeline has {} phases; at most {MAX_PHASES} fit side by side",
                list.len()
            ),
            "merge phases, or split the timeline into two",
        );
        return None;
    }
    let names: Vec<&str> = PHASE_KEYS.iter().map(|k| k.name).collect();
    let mut phases = Vec::new();
    for (index, (entries, span)) in list.into_iter().enumerate() {
        let name = format!("phase {} of the timeline", index + 1);
        let phase_table = Table {
            entries,
            span: (span.start, span.end),
            name: &name,
        };
        reader.check_keys(phase_table, &names);
        let label = reader.required_string(phase_table, "label", "\"Worst days\"");
        let when = rich(reader, phase_table, "when");
        let items = read_items(reader, phase_table, false).unwrap_or_default();
        if let Some((label, span)) = label {
            let label = reader.rich(&label, span);
            phases.push(Phase { label, when, items });
        }
    }
    Some(phases)
}
