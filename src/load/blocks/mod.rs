//! The block types the loader knows: one row each, with its name, its keys
//! (described for the schema and `docs/format.md`) and its reader, in a file
//! of its own. A type in the model without a row here fails the table test
//! below; an unknown `type` in a file is an error, never a silent default.

mod callout;
mod contacts;
mod heading;
mod image;
mod lines;
mod list;
mod page_break;
mod qr;
mod text;
mod timeline;

use std::ops::Range;
use std::path::Path;

use crate::diag::did_you_mean;
use crate::load::format::Key;
use crate::load::reader::{Reader, Table};
use crate::model::BlockKind;

pub(crate) use list::read_items;
pub(crate) use text::split_paragraphs;

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

/// Every block type, in the order the format lists them.
pub(crate) const BLOCK_TYPES: &[BlockType] = &[
    heading::TYPE,
    text::TYPE,
    list::BULLETS,
    list::STEPS,
    list::CHECKLIST,
    callout::TYPE,
    timeline::TYPE,
    contacts::TYPE,
    image::TYPE,
    page_break::TYPE,
    qr::TYPE,
    lines::TYPE,
];

/// The row of a `type`.
pub(crate) fn block_type(name: &str) -> Option<&'static BlockType> {
    BLOCK_TYPES.iter().find(|t| t.name == name)
}

/// The names of every block type.
pub(crate) fn type_names() -> Vec<&'static str> {
    BLOCK_TYPES.iter().map(|t| t.name).collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// One block of every type the loader knows, read from a file.
    fn every_block() -> Vec<crate::model::Block> {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/every-block.toml"
        ))
        .expect("tests/data/every-block.toml");
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data"));
        let source =
            std::sync::Arc::new(crate::diag::Source::new(dir.join("every-block.toml"), text));
        let loaded = crate::load::parse_definition(source, &crate::load::BrandCache::default());
        assert!(
            !loaded.diagnostics.iter().any(|d| d.is_error()),
            "{:?}",
            loaded.diagnostics
        );
        match loaded.definition {
            Some(crate::load::Definition::Handout(h)) => h.blocks,
            _ => panic!("not a handout"),
        }
    }

    #[test]
    fn every_row_reads_a_block_that_names_itself_after_the_row() {
        let blocks = every_block();
        let names: Vec<&str> = blocks.iter().map(|b| b.kind.content().name()).collect();
        assert_eq!(
            names,
            type_names(),
            "tests/data/every-block.toml has one block of each type, in order"
        );
    }

    #[test]
    fn every_kind_of_the_model_has_a_reader() {
        let blocks = every_block();
        for variant in crate::model::BlockKind::VARIANTS {
            assert!(
                blocks.iter().any(|b| b.kind.variant() == *variant),
                "BlockKind::{variant} has no block in tests/data/every-block.toml: give it a row in BLOCK_TYPES and a block there"
            );
        }
    }

    #[test]
    fn names_are_unique_and_keys_are_described() {
        let mut names = type_names();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), BLOCK_TYPES.len());
        for row in BLOCK_TYPES {
            assert!(row
                .keys
                .iter()
                .all(|k| !k.about.is_empty() && k.name != "type"));
        }
    }
}
