//! Loading: TOML files to validated models, with spans kept for messages.

mod blocks;
mod brand;
mod brands;
mod definition;
mod file;
pub mod format;
mod guard;
mod handout;
mod image;
mod keys;
mod packet;
mod reader;
mod syntax;

pub use brand::{default_brand, BrandCache, LoadedBrand};
pub use brands::{find_brand, load_brand};
pub use definition::{
    is_foreign_toml, load_definition, load_input, parse_definition, read_source, Definition, Kind,
    Loaded,
};
pub(crate) use file::read_limited;
pub use guard::without_panic;
pub use image::decode_image;
