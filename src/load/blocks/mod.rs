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
mod table;
mod text;
mod timeline;

pub(crate) mod common;

use common::BlockType;

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
    table::TYPE,
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
