//! Reading a `[packet]` table.

use std::path::Path;
use std::sync::Arc;

use crate::diag::Source;
use crate::load::reader::{Reader, Table};
use crate::model::Packet;

pub(crate) const PACKET_KEYS: [&str; 7] = [
    "title", "subtitle", "brand", "cover", "contents", "duplex", "handouts",
];

/// The most handouts one packet may bind: each is laid out in memory at once.
const MAX_HANDOUTS: usize = 100;

/// Reads and validates a `[packet]` table; the handouts themselves are loaded when it is built.
pub fn read_packet(reader: &mut Reader, table: Table, source: &Arc<Source>) -> Option<Packet> {
    reader.check_keys(table, &PACKET_KEYS);
    let title = reader.required_string(table, "title", "\"Family Information Packet\"");
    let subtitle = reader
        .string(table, "subtitle")
        .map(|(t, s)| reader.rich(&t, s));
    let folder = source.path.parent().unwrap_or(Path::new("."));
    let brand = reader
        .string(table, "brand")
        .map(|(p, s)| (folder.join(p), s));
    let cover = reader.boolean(table, "cover").unwrap_or(true);
    let contents = reader.boolean(table, "contents").unwrap_or(true);
    let duplex = reader.boolean(table, "duplex").unwrap_or(false);
    let handouts = match table.get("handouts") {
        None => {
            reader.missing(
                table,
                "handouts",
                "add a line such as: handouts = [\"family-guide.toml\", \"today-checklist.toml\"]",
            );
            None
        }
        Some(value) => {
            let list = reader.string_list(table, "handouts");
            match list.as_ref().map(Vec::len) {
                Some(0) => reader.error_hint(
                    value.span(),
                    "`handouts` is empty: a packet needs at least one handout",
                    "name the handout files, for example handouts = [\"family-guide.toml\"]",
                ),
                Some(n) if n > MAX_HANDOUTS => reader.error_hint(
                    value.span(),
                    format!(
                        "this packet has {n} handouts; at most {MAX_HANDOUTS} fit in one packet"
                    ),
                    "split it into several packets",
                ),
                _ => {}
            }
            list
        }
    };
    let handouts = handouts?
        .into_iter()
        .map(|(path, span)| (folder.join(path), span))
        .collect();
    let (title, span) = title?;
    Some(Packet {
        source: source.clone(),
        title: reader.rich(&title, span),
        subtitle,
        brand,
        cover,
        contents,
        duplex,
        handouts,
    })
}
