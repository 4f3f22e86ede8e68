//! Turns handout definitions written in TOML into branded, print-ready PDF handouts.

pub mod assets;
pub mod cli;
pub mod diag;
pub mod health;
pub mod layout;
pub mod load;
pub mod model;
pub mod pdf;
pub mod pipeline;
pub mod text;
