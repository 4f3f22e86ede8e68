//! Reading one definition file and telling what it is.

use std::path::Path;
use std::sync::Arc;

use toml::de::{DeTable, DeValue};

use crate::assets::LoadedImage;
use crate::diag::{clip, did_you_mean, Diagnostic, Source};
use crate::load::brand::LoadedBrand;
use crate::load::file::{read_limited, ReadError};
use crate::load::reader::{type_name, Reader, Table};
use crate::load::syntax::syntax_error;
use crate::model::{Handout, Packet};

/// The three kinds of definition file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `[brand]`
    Brand,
    /// `[handout]`
    Handout,
    /// `[packet]`
    Packet,
}

/// A validated definition of any kind.
#[derive(Debug, Clone)]
pub enum Definition {
    /// A clinic's brand, with its fonts and logo.
    Brand(Box<LoadedBrand>),
    /// A single handout.
    Handout(Box<Handout>),
    /// A packet of handouts.
    Packet(Box<Packet>),
}

/// What loading a file gave: maybe a definition, and everything worth saying about it.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The definition, when the file had no errors.
    pub definition: Option<Definition>,
    /// The kind the file declared, even when it had errors.
    pub kind: Option<Kind>,
    /// Errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// What could be read of a file that has errors (the blocks that were
    /// valid), so `check` can report problems found later too, such as
    /// characters no font has. Never built.
    pub partial: Option<Definition>,
    /// The pictures of a handout's image blocks, decoded, each once.
    pub images: Vec<Arc<LoadedImage>>,
}

/// Most bytes a definition file may have; far above any real handout.
const MAX_SOURCE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a file as UTF-8 text, with a clear error when it cannot.
pub fn read_source(path: &Path) -> Result<Arc<Source>, Diagnostic> {
    let bytes = read_limited(path, MAX_SOURCE_BYTES).map_err(|e| read_error(path, &e))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Arc::new(Source::new(path, text))),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bad_len = e.utf8_error().error_len().unwrap_or(1);
            let bytes = e.as_bytes();
            let shown: Vec<String> = bytes
                .iter()
                .skip(valid)
                .take(bad_len)
                .map(|b| format!("0x{b:02X}"))
                .collect();
            // The valid part is unchanged by the lossy conversion, so `valid` is
            // where the replacement character stands in the text.
            let source = Source::new(path, String::from_utf8_lossy(bytes).into_owned());
            Err(Diagnostic::error(format!(
                "the file is not valid UTF-8 text: the {} {} cannot be read as a character",
                if shown.len() == 1 { "byte" } else { "bytes" },
                shown.join(" ")
            ))
            .at(&source, valid..valid + 1)
            .with_hint(
                "save the file as UTF-8 in your editor (often \"Save as\" and then \"Encoding: UTF-8\")",
            ))
        }
    }
}

/// Describes why a definition file could not be read, in plain words.
fn read_error(path: &Path, error: &ReadError) -> Diagnostic {
    let (message, hint) = match error {
        ReadError::NotFound => (
            "the file does not exist".to_string(),
            "check the spelling of the path; paths are relative to the file that names them",
        ),
        ReadError::Folder => (
            "this is a folder, but a file was expected".to_string(),
            "name a .toml file, or pass the folder to `handout build` to build everything in it",
        ),
        ReadError::NotAFile => (
            "this is not an ordinary file (a device or a pipe), so it cannot be read".to_string(),
            "name a .toml file",
        ),
        ReadError::TooLarge(_) => (
            format!(
                "the file is more than the {} MB a definition may have",
                MAX_SOURCE_BYTES / (1024 * 1024)
            ),
            "split the text into several handouts",
        ),
        ReadError::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => (
            "the file cannot be read: permission denied".to_string(),
            "ask whoever manages this computer to let you read the file",
        ),
        ReadError::Io(_) => (
            format!("the file {}", error.describe()),
            "check that the file is a plain file you can open",
        ),
    };
    Diagnostic::error(message).in_file(path).with_hint(hint)
}

pub(crate) const TOP_LEVEL: [&str; 4] = ["brand", "handout", "packet", "block"];

/// Loads a brand, handout or packet file that another file or `--brand` names.
///
/// Such a path can point anywhere (`brand = "/etc/shadow"`): messages quote
/// the file's lines only when it shows itself to be a definition, with a
/// `[handout]`, `[brand]`, `[packet]` or `[[block]]` line. Anything else gets
/// one error that names the path and quotes nothing of it.
pub fn load_definition(path: &Path, cache: &crate::load::BrandCache) -> Loaded {
    load_trusting(path, cache, false)
}

/// Loads a file the user named on the command line or that a folder walk
/// found: its lines are quoted when its name ends in `.toml` (in any case),
/// as every found file's does, or when it shows itself to be a definition.
pub fn load_input(path: &Path, cache: &crate::load::BrandCache) -> Loaded {
    let toml = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    load_trusting(path, cache, toml)
}

fn load_trusting(path: &Path, cache: &crate::load::BrandCache, trusted: bool) -> Loaded {
    let source = match read_source(path) {
        Ok(source) => source,
        Err(diagnostic) => {
            // Only the UTF-8 error is located, and it quotes the file.
            let diagnostic = if diagnostic.location.is_some() && !trusted {
                not_a_definition(path)
            } else {
                diagnostic
            };
            return Loaded {
                diagnostics: vec![diagnostic],
                ..Loaded::default()
            };
        }
    };
    let quotable = trusted || looks_like_definition(&source.text);
    let mut loaded = parse_definition(source, cache);
    if !quotable && loaded.kind.is_none() {
        loaded.diagnostics = vec![not_a_definition(path)];
    }
    loaded
}

/// Where a file nests deepest: the first line with more than 64 dots and
/// opening brackets, at the character past that many; else the line with the most.
fn deepest_place(text: &str) -> Option<std::ops::Range<usize>> {
    const DEEP: usize = 64;
    let mut deepest: Option<(usize, usize)> = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut depth = 0;
        for (at, c) in line.char_indices() {
            if matches!(c, '.' | '[' | '{') {
                depth += 1;
                if depth > DEEP {
                    let start = line_start + at;
                    return Some(start..start + 1);
                }
            }
        }
        if depth > 0 && deepest.is_none_or(|(_, most)| depth > most) {
            deepest = Some((line_start, depth));
        }
        line_start += line.len();
    }
    deepest.map(|(start, _)| start..start + 1)
}

/// Whether a text shows itself to be a definition file by a table header.
pub(crate) fn looks_like_definition(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start();
        ["[handout", "[brand", "[packet", "[[block"]
            .iter()
            .any(|header| line.starts_with(header))
    })
}

/// The one error about a file that is no definition: its path, nothing of its text.
fn not_a_definition(path: &Path) -> Diagnostic {
    Diagnostic::error(
        "this file is not a handout, brand or packet definition (it has no [handout], [brand] or [packet] line), so nothing of it is shown",
    )
    .in_file(path)
    .with_hint("check the path: a definition is a .toml file that starts with [handout], [brand] or [packet]")
}

/// Validates a definition from text already read.
pub fn parse_definition(source: Arc<Source>, cache: &crate::load::BrandCache) -> Loaded {
    let mut reader = Reader::new(&source);
    let mut loaded = Loaded::default();
    let root = match DeTable::parse(&source.text) {
        Ok(root) => root,
        Err(error) => {
            // The parser gives no place for nesting past its limit: find the line.
            let span = error.span().or_else(|| deepest_place(&source.text));
            reader
                .diagnostics
                .push(syntax_error(&source, span, error.message()));
            loaded.diagnostics = reader.diagnostics;
            return loaded;
        }
    };
    let root_table = root.get_ref();
    let present: Vec<&str> = ["brand", "handout", "packet"]
        .into_iter()
        .filter(|k| root_table.contains_key(*k))
        .collect();
    let mut typos = 0;
    let mut strays = Vec::new();
    for key in root_table.keys() {
        let name = key.get_ref().as_ref();
        if TOP_LEVEL.contains(&name) {
            continue;
        }
        let shown = clip(name);
        // How the header was written: `[[blocks]]` is named with its double brackets.
        let double = source
            .text
            .get(..key.span().start)
            .is_some_and(|before| before.trim_end_matches([' ', '\t']).ends_with("[["));
        let (open, close) = if double { ("[[", "]]") } else { ("[", "]") };
        let lower = name.to_lowercase();
        let near = TOP_LEVEL
            .into_iter()
            .find(|k| *k == lower)
            .or_else(|| did_you_mean(&lower, &TOP_LEVEL));
        if name == "phase" && present.first() == Some(&"handout") {
            reader.error_hint(
                key.span(),
                format!("`{open}phase{close}` is outside a block"),
                "a phase belongs to a timeline: write [[block.phase]], below a [[block]] with type = \"timeline\"",
            );
        } else if let Some(near) = near {
            typos += 1;
            // Blocks are always [[block]]; the other tables have single brackets.
            let suggested = if near == "block" {
                "[[block]]".to_string()
            } else {
                format!("[{near}]")
            };
            reader.error_hint(
                key.span(),
                format!("unknown table `{open}{shown}{close}`"),
                format!("did you mean `{suggested}`?"),
            );
        } else if let Some(&kind) = present.first() {
            // A key above the table's header line belongs to no table.
            let belongs = match kind {
                "brand" => crate::load::brand::BRAND_KEYS.contains(&name),
                "handout" => crate::load::handout::HANDOUT_KEYS.contains(&name),
                _ => crate::load::packet::PACKET_KEYS.contains(&name),
            };
            let hint = if belongs {
                if let Some(table) = root_table.get(kind) {
                    reader.excuse(table.span().start, name);
                }
                format!("move `{shown}` below the [{kind}] line: keys above it belong to no table")
            } else {
                format!("a {kind} file has [{kind}] and its keys; remove `{shown}`")
            };
            reader.error_hint(
                key.span(),
                format!("`{shown}` is outside the [{kind}] table"),
                hint,
            );
        } else {
            strays.push(name);
        }
    }
    if present.len() > 1 {
        let second = root_table
            .keys()
            .filter(|k| present.contains(&k.get_ref().as_ref()))
            .nth(1)
            .map_or(0..0, |k| k.span());
        reader.error_hint(
            second,
            format!("this file has both [{}] and [{}]", present[0], present[1]),
            "put each brand, handout and packet in a file of its own",
        );
    }
    let Some(&kind_name) = present.first() else {
        if source.text.trim().is_empty() {
            reader.error_hint(
                0..0,
                "the file is empty",
                "start the file with [handout] (or run `handout new guide FILE` for a starter)",
            );
        } else if typos == 0 {
            // Guess the kind from the keys, to name the header that is missing.
            let kind = if strays.contains(&"handouts") {
                "packet"
            } else if strays.contains(&"name") && !strays.contains(&"title") {
                "brand"
            } else {
                "handout"
            };
            let span = root_table.keys().next().map_or(0..0, |k| k.span());
            let hint = match strays.first() {
                Some(first) => format!(
                    "add a line [{kind}] above `{}` (a brand file starts with [brand], a packet with [packet])",
                    clip(first)
                ),
                None if root_table.contains_key("block") => {
                    "add [handout] and a line title = \"...\" at the top, above the first [[block]]"
                        .to_string()
                }
                None => "start the file with [handout] (or run `handout new guide FILE` for a starter)"
                    .to_string(),
            };
            reader.error_hint(
                span,
                "the file has no [handout], [brand] or [packet] table",
                hint,
            );
        }
        loaded.diagnostics = reader.diagnostics;
        return loaded;
    };
    loaded.kind = Some(match kind_name {
        "brand" => Kind::Brand,
        "handout" => Kind::Handout,
        _ => Kind::Packet,
    });
    let Some(value) = root_table.get(kind_name) else {
        loaded.diagnostics = reader.diagnostics;
        return loaded;
    };
    let DeValue::Table(entries) = value.get_ref() else {
        reader.error_hint(
            value.span(),
            format!(
                "`{kind_name}` must be a table, not {}",
                type_name(value.get_ref())
            ),
            format!("write [{kind_name}] on a line of its own, with its keys on the lines below"),
        );
        loaded.diagnostics = reader.diagnostics;
        return loaded;
    };
    let table_name = format!("[{kind_name}]");
    let table = Table {
        entries,
        span: (value.span().start, value.span().end),
        name: &table_name,
    };
    if kind_name != "handout" {
        if let Some(key) = root_table.keys().find(|k| k.get_ref().as_ref() == "block") {
            reader.error_hint(
                key.span(),
                format!("[[block]] belongs in a handout, not in a {kind_name} file"),
                "move the blocks into a handout file, and list that file in a packet's `handouts`",
            );
        }
    }
    let definition = match loaded.kind {
        Some(Kind::Brand) => crate::load::brand::read_brand(&mut reader, table, &source, cache)
            .map(|b| Definition::Brand(Box::new(b))),
        Some(Kind::Handout) => {
            crate::load::handout::read_handout(&mut reader, table, root_table, &source)
                .map(|h| Definition::Handout(Box::new(h)))
        }
        _ => crate::load::packet::read_packet(&mut reader, table, &source)
            .map(|p| Definition::Packet(Box::new(p))),
    };
    let has_errors = reader.diagnostics.iter().any(Diagnostic::is_error);
    if has_errors {
        loaded.partial = definition;
    } else {
        loaded.definition = definition;
    }
    loaded.diagnostics = reader.diagnostics;
    loaded.images = reader.images;
    loaded
        .diagnostics
        .sort_by_key(|d| (d.is_summary(), d.location.as_ref().map(|l| (l.line, l.col))));
    loaded
}

/// Whether a file is some other program's TOML (a `netlify.toml`, a
/// `Cargo.toml`): valid TOML with none of the tables or keys of a definition,
/// and none of their names misspelt. A file that cannot be read, is empty or
/// looks like a definition missing its header is not.
pub fn is_foreign_toml(path: &Path) -> bool {
    let Ok(source) = read_source(path) else {
        return false;
    };
    let Ok(root) = DeTable::parse(&source.text) else {
        return false;
    };
    let root = root.get_ref();
    let ours = |name: &str| {
        TOP_LEVEL.contains(&name)
            || did_you_mean(name, &TOP_LEVEL).is_some()
            || crate::load::brand::BRAND_KEYS.contains(&name)
            || crate::load::handout::HANDOUT_KEYS.contains(&name)
            || crate::load::packet::PACKET_KEYS.contains(&name)
    };
    !root.is_empty() && !root.keys().any(|k| ours(k.get_ref().as_ref()))
}
