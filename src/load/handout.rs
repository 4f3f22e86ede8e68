//! Reading a `[handout]` table and its blocks.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use toml::de::{DeTable, DeValue};

use crate::diag::{clip, did_you_mean, Source};
use crate::load::blocks::common::{choices_hint, At};
use crate::load::blocks::{block_type, type_names, BLOCK_TYPES};
use crate::load::reader::{type_name, Reader, Table};
use crate::model::{Block, Date, Handout, Lang, Paper};

pub(crate) const HANDOUT_KEYS: [&str; 10] = [
    "title",
    "subtitle",
    "brand",
    "paper",
    "lang",
    "reviewed",
    "next_review",
    "max_pages",
    "reading_grade",
    "translation_of",
];

/// Reads and validates a `[handout]` table and its `[[block]]`s.
pub fn read_handout(
    reader: &mut Reader,
    table: Table,
    root: &DeTable,
    source: &Arc<Source>,
) -> Option<Handout> {
    reader.check_keys(table, &HANDOUT_KEYS);
    let title = reader.required_string(table, "title", "\"Kratom: What Families Should Know\"");
    let subtitle = reader.string(table, "subtitle");
    let folder = source.path.parent().unwrap_or(Path::new("."));
    let brand = reader
        .string(table, "brand")
        .map(|(path, span)| (folder.join(path), span));
    let paper = match reader.string(table, "paper") {
        Some((name, span)) => match Paper::parse(&name) {
            Some(paper) => paper,
            None => {
                reader.error_hint(
                    span,
                    format!("unknown paper size \"{}\"", clip(&name)),
                    choices_hint(&name, &Paper::NAMES),
                );
                Paper::Letter
            }
        },
        None => Paper::Letter,
    };
    let lang = match reader.string(table, "lang") {
        Some((code, span)) => match Lang::parse(&code) {
            Some(lang) => lang,
            None => {
                reader.error_hint(
                    span,
                    format!("unknown language \"{}\"", clip(&code)),
                    lang_hint(&code),
                );
                Lang::En
            }
        },
        None => Lang::En,
    };
    let reviewed = read_date(reader, table, "reviewed").map(|(d, _)| d);
    let next_review = read_date(reader, table, "next_review");
    let max_pages = match reader.integer(table, "max_pages") {
        Some((n, span)) if n < 1 => {
            reader.error_hint(
                span,
                format!("`max_pages` must be 1 or more, not {n}"),
                "remove `max_pages` to allow any number of pages",
            );
            None
        }
        Some((n, span)) => Some((usize::try_from(n).unwrap_or(usize::MAX), span)),
        None => None,
    };
    let reading_grade = match reader.integer(table, "reading_grade") {
        Some((n, span)) if !(1..=18).contains(&n) => {
            reader.error_hint(
                span,
                format!("`reading_grade` must be a school grade from 1 to 18, not {n}"),
                "most handouts aim for grade 6 to 8, for example reading_grade = 8",
            );
            None
        }
        Some((n, _)) => u32::try_from(n).ok(),
        None => None,
    };
    let translation_of = reader
        .string(table, "translation_of")
        .map(|(path, span)| (folder.join(path), span));

    let blocks = read_blocks(reader, root, folder);
    let title = title.map(|(text, span)| reader.rich(&text, span));
    let subtitle = subtitle.map(|(text, span)| reader.rich(&text, span));
    Some(Handout {
        source: source.clone(),
        title: title?,
        subtitle,
        brand,
        paper,
        lang,
        reviewed,
        next_review,
        max_pages,
        reading_grade,
        translation_of,
        blocks,
    })
}

fn lang_hint(code: &str) -> String {
    let lower = code.trim().to_lowercase();
    let named = [
        ("english", "en"),
        ("en-us", "en"),
        ("spanish", "es"),
        ("español", "es"),
        ("espanol", "es"),
        ("es-us", "es"),
        ("es-mx", "es"),
    ];
    match named.iter().find(|(name, _)| *name == lower) {
        Some((_, tag)) => {
            format!("did you mean \"{tag}\"? the choices are \"en\" (English) and \"es\" (Spanish)")
        }
        None => choices_hint(code, &Lang::NAMES),
    }
}

/// Review dates before this year are taken for typing mistakes.
const FIRST_YEAR: u16 = 1900;
/// Review dates more than this many years ahead are taken for typing mistakes.
const YEARS_AHEAD: i64 = 10;

/// The current year: of `SOURCE_DATE_EPOCH` when it is set, as the build's dates are.
fn this_year() -> i64 {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|s| (0..=crate::model::LAST_SECOND).contains(s))
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        });
    i64::from(Date::from_unix(seconds).year)
}

fn read_date(reader: &mut Reader, table: Table, key: &str) -> Option<(Date, Range<usize>)> {
    let (text, span) = reader.date_text(table, key)?;
    match Date::parse(text.trim()) {
        Some(date) => {
            let now = this_year();
            if date.year < FIRST_YEAR {
                reader.warning(
                    span.clone(),
                    format!(
                        "`{key}` is in the year {}, before {FIRST_YEAR}: is the year mistyped?",
                        date.year
                    ),
                );
            } else if i64::from(date.year) > now + YEARS_AHEAD {
                reader.warning(
                    span.clone(),
                    format!(
                        "`{key}` is in the year {}, more than {YEARS_AHEAD} years from now: is the year mistyped?",
                        date.year
                    ),
                );
            }
            Some((date, span))
        }
        None => {
            reader.error_hint(
                span,
                format!("`{key}` is not a date: {}", date_problem(text.trim())),
                "write the date as \"YYYY-MM-DD\", for example \"2026-11-01\"",
            );
            None
        }
    }
}

/// Says what is wrong with a date that does not parse.
fn date_problem(text: &str) -> String {
    let shown = clip(text);
    let parts: Vec<&str> = text.split('-').collect();
    let numbers: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    let shaped =
        parts.len() == 3 && numbers.len() == 3 && parts.iter().map(|p| p.len()).eq([4, 2, 2]);
    match numbers.as_slice() {
        [_, month, _] if shaped && !(1..=12).contains(month) => {
            format!("\"{shown}\" has month {month}, but months go from 01 to 12")
        }
        [_, _, day] if shaped => {
            format!("\"{shown}\" has day {day}, which that month does not have")
        }
        _ => format!("\"{shown}\" is not written as year-month-day"),
    }
}

fn read_blocks(reader: &mut Reader, root: &DeTable, folder: &Path) -> Vec<Block> {
    let Some(value) = root.get("block") else {
        return Vec::new();
    };
    let DeValue::Array(array) = value.get_ref() else {
        reader.error_hint(
            value.span(),
            format!(
                "`block` must be a list of [[block]] tables, not {}",
                type_name(value.get_ref())
            ),
            "start each block with [[block]] on a line of its own",
        );
        return Vec::new();
    };
    let mut blocks = Vec::new();
    for (index, item) in array.iter().enumerate() {
        let DeValue::Table(entries) = item.get_ref() else {
            reader.error_hint(
                item.span(),
                "each block must be a [[block]] table",
                "start each block with [[block]] on a line of its own, then type = \"...\"",
            );
            continue;
        };
        if let Some(block) = read_block(reader, entries, item.span(), index + 1, folder) {
            blocks.push(block);
        }
    }
    blocks
}

fn read_block(
    reader: &mut Reader,
    entries: &DeTable,
    span: Range<usize>,
    number: usize,
    folder: &Path,
) -> Option<Block> {
    let generic = format!("block {number}");
    let table = Table {
        entries,
        span: (span.start, span.end),
        name: &generic,
    };
    if table.get("type").is_none() && misplaced_type(reader, table) {
        return None;
    }
    let (kind, kind_span) = reader.required_string(table, "type", "\"text\"")?;
    let Some(row) = block_type(&kind) else {
        let type_names = type_names();
        let list = type_names.join(", ");
        let hint = match did_you_mean(&kind, &type_names) {
            Some(near) => format!("did you mean \"{near}\"? the block types are {list}"),
            None => format!("the block types are {list}"),
        };
        reader.error_hint(
            kind_span,
            format!("unknown block type \"{}\"", clip(&kind)),
            hint,
        );
        return None;
    };
    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    let name = format!("{article} `{kind}` block");
    let table = Table {
        name: &name,
        ..table
    };
    let mut keys = vec!["type"];
    keys.extend(row.key_names());
    reader.check_keys(table, &keys);
    let at = At {
        span: kind_span.clone(),
        folder,
    };
    let kind = (row.read)(reader, table, &at)?;
    Some(Block {
        kind,
        span: kind_span,
    })
}

/// A block without `type` whose type line is there but misspelt (`Type`) or
/// has slipped below a `[[block.phase]]`: reports it and says so.
fn misplaced_type(reader: &mut Reader, table: Table) -> bool {
    if let Some(key) = table.entries.keys().find(|k| {
        let name = k.get_ref().as_ref();
        let known = BLOCK_TYPES
            .iter()
            .any(|row| row.key_names().any(|k| k == name));
        name.eq_ignore_ascii_case("type")
            || (!known && did_you_mean(&name.to_lowercase(), &["type"]).is_some())
    }) {
        let name = key.get_ref().as_ref();
        let hint = if name.to_lowercase() == "type" {
            "did you mean `type`? keys are written in small letters"
        } else {
            "did you mean `type`?"
        };
        reader.error_hint(
            key.span(),
            format!("unknown key `{}` in {}", clip(name), table.name),
            hint,
        );
        return true;
    }
    let Some(DeValue::Array(phases)) = table.get("phase").map(|v| v.get_ref()) else {
        return false;
    };
    for phase in phases.iter() {
        let DeValue::Table(entries) = phase.get_ref() else {
            continue;
        };
        if let Some((key, value)) = entries.iter().find(|(k, _)| k.get_ref().as_ref() == "type") {
            let shown = reader
                .source
                .text
                .get(value.span())
                .map_or_else(|| "\"timeline\"".to_string(), clip);
            reader.error_hint(
                key.span(),
                format!("the `type` line of {} is below its [[block.phase]]", table.name),
                format!(
                    "move type = {shown} up, under [[block]] and above the first [[block.phase]]: lines below a [[block.phase]] belong to that phase"
                ),
            );
            return true;
        }
    }
    false
}
