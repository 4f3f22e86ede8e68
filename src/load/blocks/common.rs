//! What every block reader shares: the row type, what a reader is given, and
//! readers of the values several block types have (items, paragraphs, choices).

use std::ops::Range;
use std::path::Path;

use crate::diag::did_you_mean;
use crate::load::keys::Key;
use crate::load::reader::{Reader, Table};
use crate::model::{BlockKind, RichText};

/// What a reader is given besides the block's table.
pub(crate) struct At<'a> {
    /// The span of the block's `type` value, where messages about the block point.
    pub span: Range<usize>,
    /// The folder of the file, which paths are relative to.
    pub folder: &'a Path,
}

/// A table inside a block: `[[block.phase]]`, a contact.
pub(crate) struct Part {
    /// How the format names it: `block.phase`, `contact`.
    pub name: &'static str,
    /// Its keys.
    pub keys: &'static [Key],
}

/// One block type: its name, its keys besides `type`, the tables inside it, and its reader.
pub(crate) struct BlockType {
    /// The `type` it is written with.
    pub name: &'static str,
    /// The keys it allows besides `type`.
    pub keys: &'static [Key],
    /// The tables it holds.
    pub parts: &'static [Part],
    /// Reads a block of the type; `None` after reporting why it cannot be built.
    pub read: fn(&mut Reader, Table, &At) -> Option<BlockKind>,
}

impl BlockType {
    /// The names of its keys besides `type`.
    pub fn key_names(&self) -> impl Iterator<Item = &'static str> {
        self.keys.iter().map(|k| k.name)
    }
}

/// "did you mean ...? the choices are ..." for a word that is not one of `names`.
pub(crate) fn choices_hint(word: &str, names: &[&str]) -> String {
    let list = names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ");
    match did_you_mean(&word.to_lowercase(), names) {
        Some(near) => format!("did you mean \"{near}\"? the choices are {list}"),
        None => format!("the choices are {list}"),
    }
}

/// An optional marked-up string.
pub(crate) fn rich(reader: &mut Reader, table: Table, key: &str) -> Option<crate::model::RichText> {
    reader.string(table, key).map(|(t, s)| reader.rich(&t, s))
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

/// Paragraphs separated by a blank line; the lines of a paragraph joined with a space.
pub(crate) fn split_paragraphs(
    reader: &mut Reader,
    text: &str,
    span: Range<usize>,
) -> Vec<RichText> {
    // `segments` remembers where each line came from, so warnings point at
    // the right place in the file.
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut segments: Vec<(usize, usize)> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim();
        if content.is_empty() {
            if !current.is_empty() {
                paragraphs.push(paragraph(reader, &current, &span, text, &segments));
            }
            current.clear();
            segments.clear();
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            let lead = line.len() - line.trim_start().len();
            segments.push((current.len(), offset + lead));
            current.push_str(content);
        }
        offset += line.len();
    }
    if !current.is_empty() {
        paragraphs.push(paragraph(reader, &current, &span, text, &segments));
    }
    paragraphs
}

/// One paragraph, its span running from where it starts to the end of the literal.
fn paragraph(
    reader: &mut Reader,
    piece: &str,
    span: &Range<usize>,
    value: &str,
    segments: &[(usize, usize)],
) -> RichText {
    let mut rich = reader.rich_piece(piece, span.clone(), value, segments);
    let first = segments.first().map_or(0, |(_, at)| *at);
    if let Some(start) = reader.position_in_file(span.clone(), value, first) {
        rich.span = start..span.end;
    }
    rich
}
