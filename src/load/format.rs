//! The definition format as data, read off the loader's own key tables: the
//! source of the JSON Schema editors use, and of the check that
//! `docs/format.md` names every key and block type the loader knows.

use crate::load::blocks::BLOCK_TYPES;
use crate::load::brand::{BRAND_KEYS, BRAND_TEXT_KEYS};
use crate::load::handout::HANDOUT_KEYS;
pub use crate::load::keys::{Key, Value};
use crate::load::packet::PACKET_KEYS;
use crate::model::{Lang, Paper};
use crate::text::STYLE_NAMES;

/// A table of the format and its keys, in the loader's order.
#[derive(Debug, Clone)]
pub struct TableDoc {
    /// How it is written: `brand`, `brand.fonts`, `block:timeline`, `block.phase`, `contact`.
    pub name: String,
    /// Its keys.
    pub keys: Vec<Key>,
}

/// What a key of a table is; `None` for a key the loader has and this page does not.
fn describe(table: &str, key: &str) -> Option<(Value, bool, &'static str)> {
    use Value::*;
    Some(match (table, key) {
        ("brand", "name") => (Text, true, "the clinic's name, in the header of every page"),
        ("brand", "tagline") => (Text, false, "a line under the name"),
        ("brand", "logo") => (Path, false, "a PNG or JPEG logo for the header"),
        ("brand", "accent") => (Text, false, "the accent colour as hex, such as \"#1F6F78\"; it must reach 4.5:1 contrast with white"),
        ("brand", "phone") => (Text, false, "the clinic's phone number, first in every contacts block"),
        ("brand", "website") => (Text, false, "the clinic's web address"),
        ("brand", "address") => (Text, false, "the clinic's street address"),
        ("brand", "disclaimer") => (Text, false, "a line in the footer of every page"),
        ("brand", "fonts") => (Table, false, "[brand.fonts]: your own font files instead of the bundled family"),
        ("brand", "en" | "es") => (Table, false, "[brand.en] or [brand.es]: the brand's words on handouts in that language"),
        ("brand.lang", "name") => (Text, false, "the clinic's name in this language"),
        ("brand.lang", "tagline") => (Text, false, "the tagline in this language"),
        ("brand.lang", "phone") => (Text, false, "the phone number for handouts in this language"),
        ("brand.lang", "website") => (Text, false, "the web address for handouts in this language"),
        ("brand.lang", "address") => (Text, false, "the address in this language"),
        ("brand.lang", "disclaimer") => (Text, false, "the footer line in this language"),
        ("brand.fonts", "regular") => (Path, true, "the regular font file (TrueType or OpenType)"),
        ("brand.fonts", "bold") => (Path, false, "the bold font file; without it, bold falls back to regular"),
        ("brand.fonts", "italic") => (Path, false, "the italic font file; without it, italic falls back to regular"),
        ("brand.fonts", "bold_italic") => (Path, false, "the bold italic font file; without it, bold italic falls back to bold"),
        ("handout" | "packet", "title") => (Text, true, "the title, printed large at the top"),
        ("handout" | "packet", "subtitle") => (Text, false, "a line under the title"),
        ("handout" | "packet", "brand") => (Path, false, "the brand file; without it, the nearest brand.toml in this folder or a parent"),
        ("handout", "paper") => (Choice(&Paper::NAMES), false, "letter (default), a4 or legal"),
        ("handout", "lang") => (Choice(&Lang::NAMES), false, "en (default) or es: hyphenation and the fixed labels"),
        ("handout", "reviewed") => (Date, false, "when the text was last reviewed, \"YYYY-MM-DD\"; printed in the footer"),
        ("handout", "next_review") => (Date, false, "when it is due for review, \"YYYY-MM-DD\"; `check` warns once it has passed"),
        ("handout", "max_pages") => (Whole(1, 1000), false, "the most pages the handout may take; more is an error naming what overflowed"),
        ("handout", "reading_grade") => (Whole(1, 18), false, "the highest school grade the text may read at; above it is an error"),
        ("handout", "translation_of") => (Path, false, "the handout this one translates; `check` compares the two"),
        ("packet", "cover") => (Bool, false, "a cover page with the brand and the title (default true)"),
        ("packet", "contents") => (Bool, false, "a contents page (default true)"),
        ("packet", "duplex") => (Bool, false, "blank pages where needed so every handout starts on the front of a sheet (default false)"),
        ("packet", "handouts") => (PathList, true, "the handout files, in order"),
        _ => return None,
    })
}

/// Every table of the format with its keys, from the loader's tables; an
/// error names a key the loader has and this page cannot describe.
pub fn tables() -> Result<Vec<TableDoc>, String> {
    let mut names: Vec<(String, String, Vec<&'static str>)> = vec![
        ("brand".into(), "brand".into(), BRAND_KEYS.to_vec()),
        (
            "brand.fonts".into(),
            "brand.fonts".into(),
            STYLE_NAMES.to_vec(),
        ),
    ];
    for code in Lang::NAMES {
        names.push((
            format!("brand.{code}"),
            "brand.lang".into(),
            BRAND_TEXT_KEYS.to_vec(),
        ));
    }
    names.push(("handout".into(), "handout".into(), HANDOUT_KEYS.to_vec()));
    names.push(("packet".into(), "packet".into(), PACKET_KEYS.to_vec()));
    let mut docs_before = Vec::new();
    let mut out = Vec::new();
    let mut parts: Vec<&str> = Vec::new();
    for row in BLOCK_TYPES {
        let mut keys = vec![Key::new(
            "type",
            Value::Text,
            true,
            "what kind of block this is",
        )];
        keys.extend_from_slice(row.keys);
        out.push(TableDoc {
            name: format!("block:{}", row.name),
            keys,
        });
        for part in row.parts {
            if !parts.contains(&part.name) {
                parts.push(part.name);
                out.push(TableDoc {
                    name: part.name.to_string(),
                    keys: part.keys.to_vec(),
                });
            }
        }
    }
    for (name, described_as, keys) in names {
        let mut docs = Vec::new();
        for key in keys {
            let (value, required, about) = describe(&described_as, key).ok_or_else(|| {
                format!("the key `{key}` of {name} has no description in src/load/format.rs")
            })?;
            docs.push(Key {
                name: key,
                value,
                required,
                about,
            });
        }
        docs_before.push(TableDoc { name, keys: docs });
    }
    docs_before.append(&mut out);
    Ok(docs_before)
}

/// The block types the loader knows, in its order.
pub fn block_types() -> Vec<&'static str> {
    crate::load::blocks::type_names()
}

/// The tables a file may have at its top.
pub fn top_level() -> Vec<&'static str> {
    crate::load::definition::TOP_LEVEL.to_vec()
}

// ---------------------------------------------------------------------------
// JSON Schema

/// A JSON value, written in a stable order.
enum Json {
    Str(String),
    Num(f64),
    Bool(bool),
    Arr(Vec<Json>),
    Obj(Vec<(&'static str, Json)>),
}

fn s(text: &str) -> Json {
    Json::Str(text.to_string())
}

impl Json {
    fn write(&self, out: &mut String, indent: usize) {
        let pad = "  ".repeat(indent + 1);
        match self {
            Json::Str(text) => out.push_str(&crate::diag::json_quote(text)),
            Json::Num(n) => out.push_str(&n.to_string()),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Arr(items)
                if items
                    .iter()
                    .all(|i| matches!(i, Json::Str(_) | Json::Num(_))) =>
            {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write(out, indent);
                }
                out.push(']');
            }
            Json::Arr(items) => {
                out.push_str("[\n");
                for (i, item) in items.iter().enumerate() {
                    out.push_str(&pad);
                    item.write(out, indent + 1);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&"  ".repeat(indent));
                out.push(']');
            }
            Json::Obj(entries) => {
                out.push_str("{\n");
                for (i, (key, value)) in entries.iter().enumerate() {
                    out.push_str(&pad);
                    Json::Str((*key).to_string()).write(out, indent);
                    out.push_str(": ");
                    value.write(out, indent + 1);
                    out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
                }
                out.push_str(&"  ".repeat(indent));
                out.push('}');
            }
        }
    }
}

fn value_schema(value: Value, about: &str, tables: &[TableDoc], table: &str, key: &str) -> Json {
    let description = ("description", s(about));
    let strings = |names: &[&str]| Json::Arr(names.iter().map(|n| s(n)).collect());
    match value {
        Value::Text | Value::Path | Value::Date => {
            Json::Obj(vec![("type", s("string")), description])
        }
        Value::Choice(names) => Json::Obj(vec![("enum", strings(names)), description]),
        Value::Whole(from, to) => Json::Obj(vec![
            ("type", s("integer")),
            ("minimum", Json::Num(from as f64)),
            ("maximum", Json::Num(to as f64)),
            description,
        ]),
        Value::Fraction => Json::Obj(vec![
            ("type", s("number")),
            ("exclusiveMinimum", Json::Num(0.0)),
            ("maximum", Json::Num(1.0)),
            description,
        ]),
        Value::Number(from, to) => Json::Obj(vec![
            ("type", s("number")),
            ("minimum", Json::Num(from)),
            ("maximum", Json::Num(to)),
            description,
        ]),
        Value::Bool => Json::Obj(vec![("type", s("boolean")), description]),
        Value::TextList | Value::PathList => Json::Obj(vec![
            ("type", s("array")),
            ("items", Json::Obj(vec![("type", s("string"))])),
            description,
        ]),
        Value::TextRows => Json::Obj(vec![
            ("type", s("array")),
            (
                "items",
                Json::Obj(vec![
                    ("type", s("array")),
                    ("items", Json::Obj(vec![("type", s("string"))])),
                ]),
            ),
            description,
        ]),
        Value::NumberList => Json::Obj(vec![
            ("type", s("array")),
            (
                "items",
                Json::Obj(vec![
                    ("type", s("number")),
                    ("exclusiveMinimum", Json::Num(0.0)),
                ]),
            ),
            description,
        ]),
        Value::Table => {
            let inner = match (table, key) {
                ("brand", "fonts") => "brand.fonts".to_string(),
                (_, code) => format!("brand.{code}"),
            };
            let mut object = object_schema(tables, &inner);
            if let Json::Obj(entries) = &mut object {
                entries.push(description);
            }
            object
        }
        Value::TableList => {
            let inner = if key == "phase" {
                "block.phase"
            } else {
                "contact"
            };
            Json::Obj(vec![
                ("type", s("array")),
                ("items", object_schema(tables, inner)),
                description,
            ])
        }
    }
}

fn object_schema(tables: &[TableDoc], name: &str) -> Json {
    let Some(table) = tables.iter().find(|t| t.name == name) else {
        return Json::Obj(vec![("type", s("object"))]);
    };
    let properties = table
        .keys
        .iter()
        .map(|k| (k.name, value_schema(k.value, k.about, tables, name, k.name)))
        .collect();
    let required: Vec<Json> = table
        .keys
        .iter()
        .filter(|k| k.required)
        .map(|k| s(k.name))
        .collect();
    let mut entries = vec![("type", s("object")), ("properties", Json::Obj(properties))];
    if !required.is_empty() {
        entries.push(("required", Json::Arr(required)));
    }
    entries.push(("additionalProperties", Json::Bool(false)));
    Json::Obj(entries)
}

fn block_schema(tables: &[TableDoc]) -> Json {
    let types = block_types();
    // Every key any block has, for completion; each type then allows only its own.
    let mut all: Vec<(&'static str, Json)> = Vec::new();
    for table in tables.iter().filter(|t| t.name.starts_with("block:")) {
        for key in &table.keys {
            if all.iter().any(|(name, _)| *name == key.name) {
                continue;
            }
            let schema = if key.name == "type" {
                Json::Obj(vec![
                    ("enum", Json::Arr(types.iter().map(|t| s(t)).collect())),
                    ("description", s("what kind of block this is")),
                ])
            } else if key.name == "items" {
                Json::Obj(vec![
                    ("type", s("array")),
                    (
                        "description",
                        s("the block's entries: strings, or { label, value } in a contacts block"),
                    ),
                ])
            } else {
                value_schema(key.value, key.about, tables, &table.name, key.name)
            };
            all.push((key.name, schema));
        }
    }
    let cases = types
        .iter()
        .map(|kind| {
            let name = format!("block:{kind}");
            let table = tables.iter().find(|t| t.name == name);
            let keys = table.map(|t| t.keys.as_slice()).unwrap_or(&[]);
            let properties = keys
                .iter()
                .map(|k| {
                    let schema = if k.name == "type" {
                        Json::Obj(vec![("const", s(kind))])
                    } else {
                        value_schema(k.value, k.about, tables, &name, k.name)
                    };
                    (k.name, schema)
                })
                .collect();
            let required = keys
                .iter()
                .filter(|k| k.required)
                .map(|k| s(k.name))
                .collect();
            Json::Obj(vec![
                (
                    "if",
                    Json::Obj(vec![
                        (
                            "properties",
                            Json::Obj(vec![("type", Json::Obj(vec![("const", s(kind))]))]),
                        ),
                        ("required", Json::Arr(vec![s("type")])),
                    ]),
                ),
                (
                    "then",
                    Json::Obj(vec![
                        ("properties", Json::Obj(properties)),
                        ("required", Json::Arr(required)),
                        ("additionalProperties", Json::Bool(false)),
                    ]),
                ),
            ])
        })
        .collect();
    Json::Obj(vec![
        ("type", s("array")),
        (
            "description",
            s("[[block]]: one block of the handout, from top to bottom"),
        ),
        (
            "items",
            Json::Obj(vec![
                ("type", s("object")),
                ("properties", Json::Obj(all)),
                ("required", Json::Arr(vec![s("type")])),
                ("allOf", Json::Arr(cases)),
            ]),
        ),
    ])
}

/// The JSON Schema of the format, as committed in `docs/handout.schema.json`.
pub fn json_schema() -> Result<String, String> {
    let tables = tables()?;
    let describe_top = |name: &str, about: &str| {
        let mut object = object_schema(&tables, name);
        if let Json::Obj(entries) = &mut object {
            entries.push(("description", s(about)));
        }
        object
    };
    let mut properties = Vec::new();
    for top in top_level() {
        let schema = match top {
            "brand" => describe_top("brand", "[brand]: who the clinic is"),
            "handout" => describe_top("handout", "[handout]: one printable document"),
            "packet" => describe_top("packet", "[packet]: several handouts in one PDF"),
            _ => block_schema(&tables),
        };
        properties.push((top, schema));
    }
    let schema = Json::Obj(vec![
        ("$schema", s("http://json-schema.org/draft-07/schema#")),
        ("title", s("handout definition")),
        (
            "description",
            s("A brand, handout or packet file for `handout`; generated by `handout schema` from the loader's tables"),
        ),
        ("type", s("object")),
        ("properties", Json::Obj(properties)),
        ("additionalProperties", Json::Bool(false)),
    ]);
    let mut out = String::new();
    schema.write(&mut out, 0);
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn repo(path: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Block types the format defines (FORMAT.md 1.1) that this version does
    /// not build yet; docs/format.md lists them in a section of their own.
    const NOT_YET_BUILT: [&str; 0] = [];

    #[test]
    fn the_committed_schema_is_the_generated_one() {
        let generated = json_schema().unwrap_or_else(|e| panic!("{e}"));
        let committed = repo("docs/handout.schema.json");
        assert!(
            committed == generated,
            "docs/handout.schema.json is out of date: run `cargo run -- schema > docs/handout.schema.json`"
        );
    }

    /// docs/format.md: each table is a `### \`[name]\`` heading followed by
    /// rows `| \`key\` | ...`; each block type a `### \`type = "name"\`` heading.
    fn documented() -> (
        BTreeSet<(String, String)>,
        BTreeSet<String>,
        BTreeSet<String>,
    ) {
        let text = repo("docs/format.md");
        let mut keys = BTreeSet::new();
        let mut built = BTreeSet::new();
        let mut planned = BTreeSet::new();
        let mut table: Vec<String> = Vec::new();
        let mut in_planned = false;
        for line in text.lines() {
            if let Some(title) = line.strip_prefix("## ") {
                in_planned = title.starts_with("Defined by the format, not yet built");
                table.clear();
            } else if let Some(heading) = line.strip_prefix("### ") {
                let codes: Vec<&str> = heading.split('`').skip(1).step_by(2).collect();
                let first = codes.first().copied().unwrap_or("");
                table.clear();
                if let Some(kind) = first
                    .strip_prefix("type = \"")
                    .and_then(|k| k.strip_suffix('"'))
                {
                    table.push(format!("block:{kind}"));
                    if in_planned {
                        planned.insert(kind.to_string());
                    } else {
                        built.insert(kind.to_string());
                    }
                } else {
                    table.extend(codes.iter().map(|c| c.trim_matches(['[', ']']).to_string()));
                }
            } else if let Some(row) = line.strip_prefix("| `") {
                let key = row.split('`').next().unwrap_or("");
                if !in_planned {
                    for name in &table {
                        keys.insert((name.clone(), key.to_string()));
                    }
                }
            }
        }
        (keys, built, planned)
    }

    #[test]
    fn docs_format_names_every_key_and_block_type_of_the_loader_and_no_other() {
        let (documented_keys, built, planned) = documented();
        let tables = tables().unwrap_or_else(|e| panic!("{e}"));
        let loader: BTreeSet<(String, String)> = tables
            .iter()
            .flat_map(|t| t.keys.iter().map(|k| (t.name.clone(), k.name.to_string())))
            .collect();
        let missing: Vec<_> = loader.difference(&documented_keys).collect();
        let extra: Vec<_> = documented_keys.difference(&loader).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "docs/format.md and the loader disagree.\nin the loader, not in the doc: {missing:?}\nin the doc, not in the loader: {extra:?}"
        );
        let types: BTreeSet<String> = block_types().iter().map(|t| t.to_string()).collect();
        assert_eq!(
            built, types,
            "block types in docs/format.md and in the loader"
        );
        let expected: BTreeSet<String> = NOT_YET_BUILT.iter().map(|t| t.to_string()).collect();
        assert_eq!(
            planned, expected,
            "the section \"Defined by the format, not yet built\" lists exactly these"
        );
        for kind in NOT_YET_BUILT {
            assert!(
                !types.contains(kind),
                "the loader builds `{kind}` now: document it with the others and take it out of NOT_YET_BUILT"
            );
        }
    }
}
