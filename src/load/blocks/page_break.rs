//! Reading a `page-break` block.

use crate::load::blocks::common::{At, BlockType};
use crate::load::reader::{Reader, Table};
use crate::model::{BlockKind, PageBreak};

pub(crate) const TYPE: BlockType = BlockType {
    name: PageBreak::TYPE,
    keys: &[],
    parts: &[],
    read,
};

fn read(_reader: &mut Reader, _table: Table, _at: &At) -> Option<BlockKind> {
    Some(PageBreak.into())
}
