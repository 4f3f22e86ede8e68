//! What the keys of a definition hold: the vocabulary of the format's tables.

/// What a key's value is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// Text in quotes.
    Text,
    /// A path to a file, relative to the file that names it.
    Path,
    /// One of a few words.
    Choice(&'static [&'static str]),
    /// A whole number from..=to.
    Whole(i64, i64),
    /// A fraction above 0, at most 1.
    Fraction,
    /// A number, whole or decimal, from..=to.
    Number(f64, f64),
    /// true or false.
    Bool,
    /// A date, quoted or bare.
    Date,
    /// A list of texts.
    TextList,
    /// A list of paths.
    PathList,
    /// A list of lists of texts: a table's rows.
    TextRows,
    /// A list of numbers above 0: a table's column widths.
    NumberList,
    /// A table of its own (`[brand.fonts]`, `[brand.es]`).
    Table,
    /// A list of tables (`[[block.phase]]`, contacts' `items`).
    TableList,
}

/// One key of a table: its name, its value, whether it must be there, and what it does.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    /// The key as it is written.
    pub name: &'static str,
    /// What its value is.
    pub value: Value,
    /// Whether the table must have it.
    pub required: bool,
    /// One line on what it does, for hover help.
    pub about: &'static str,
}

impl Key {
    /// A key, as the block tables write it.
    pub const fn new(name: &'static str, value: Value, required: bool, about: &'static str) -> Key {
        Key {
            name,
            value,
            required,
            about,
        }
    }
}
