//! Reading a `text` block, and splitting a string into paragraphs.

use std::ops::Range;

use crate::load::blocks::{At, BlockType};
use crate::load::format::{Key, Value};
use crate::load::reader::{Reader, Table};
use crate::model::{BlockKind, RichText, TextBlock};

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
