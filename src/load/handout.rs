//! Reading a `[handout]` table and its blocks.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use toml::de::{DeTable, DeValue};

use crate::diag::{clip, did_you_mean, Source};
use crate::load::reader::{type_name, Reader, Table};
use crate::model::{
    Block, BlockKind, Contact, Date, Handout, Lang, ListKind, Paper, Phase, RichText, Tone,
};

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

/// The block types and the keys each allows besides `type`.
pub(crate) const BLOCK_TYPES: [(&str, &[&str]); 10] = [
    ("heading", &["text", "level"]),
    ("text", &["text"]),
    ("bullets", &["title", "items"]),
    ("steps", &["title", "items"]),
    ("checklist", &["title", "items"]),
    ("callout", &["tone", "title", "text", "items"]),
    ("timeline", &["title", "phase"]),
    ("contacts", &["title", "items"]),
    ("image", &["path", "alt", "width"]),
    ("page-break", &[]),
];

/// The keys of a timeline's `[[block.phase]]`.
pub(crate) const PHASE_KEYS: [&str; 3] = ["label", "when", "items"];

/// The keys of each entry of a contacts block's `items`.
pub(crate) const CONTACT_KEYS: [&str; 2] = ["label", "value"];

/// The most phases a timeline may have: more stop being readable side by side.
pub const MAX_PHASES: usize = 6;

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

fn choices_hint(word: &str, names: &[&str]) -> String {
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
    let type_names: Vec<&str> = BLOCK_TYPES.iter().map(|(name, _)| *name).collect();
    let Some((_, allowed)) = BLOCK_TYPES.iter().find(|(name, _)| *name == kind) else {
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
    keys.extend_from_slice(allowed);
    reader.check_keys(table, &keys);

    let rich =
        |reader: &mut Reader, key: &str| reader.string(table, key).map(|(t, s)| reader.rich(&t, s));
    let block_kind = match kind.as_str() {
        "heading" => {
            let text = reader.required_string(table, "text", "\"What is kratom?\"");
            let level = match reader.integer(table, "level") {
                Some((1, _)) | None => 1,
                Some((2, _)) => 2,
                Some((n, span)) => {
                    reader.error_hint(
                        span,
                        format!("`level` must be 1 or 2, not {n}"),
                        "use 1 for a section and 2 for a part of a section",
                    );
                    1
                }
            };
            let (text, span) = text?;
            BlockKind::Heading {
                text: reader.rich(&text, span),
                level,
            }
        }
        "text" => {
            let (text, span) =
                reader.required_string(table, "text", "\"\"\"Your words here.\"\"\"")?;
            BlockKind::Text {
                paragraphs: split_paragraphs(reader, &text, span),
            }
        }
        "bullets" | "steps" | "checklist" => {
            let title = rich(reader, "title");
            let items = read_items(reader, table, true)?;
            let kind = match kind.as_str() {
                "bullets" => ListKind::Bullets,
                "steps" => ListKind::Steps,
                _ => ListKind::Checklist,
            };
            BlockKind::List { kind, title, items }
        }
        "callout" => {
            let tone = match reader.string(table, "tone") {
                None => Tone::Info,
                Some((tone, span)) => match tone.as_str() {
                    "info" => Tone::Info,
                    "warning" => Tone::Warning,
                    "emergency" => Tone::Emergency,
                    _ => {
                        reader.error_hint(
                            span,
                            format!("unknown tone \"{}\"", clip(&tone)),
                            choices_hint(&tone, &["info", "warning", "emergency"]),
                        );
                        Tone::Info
                    }
                },
            };
            let title = rich(reader, "title");
            let paragraphs = match reader.string(table, "text") {
                Some((text, span)) => split_paragraphs(reader, &text, span),
                None => Vec::new(),
            };
            let items = read_items(reader, table, false).unwrap_or_default();
            if paragraphs.is_empty()
                && items.is_empty()
                && table.get("items").is_none()
                && table.get("text").is_none()
            {
                reader.error_hint(
                    kind_span.clone(),
                    "this callout has neither `text` nor `items`",
                    "add text = \"...\" or items = [\"...\"]",
                );
            }
            let position = |key: &str| {
                table
                    .entries
                    .keys()
                    .position(|k| k.get_ref().as_ref() == key)
            };
            let items_first =
                matches!((position("items"), position("text")), (Some(i), Some(t)) if i < t);
            BlockKind::Callout {
                tone,
                title,
                paragraphs,
                items,
                items_first,
            }
        }
        "timeline" => {
            let title = rich(reader, "title");
            let phases = read_phases(reader, table, kind_span.clone())?;
            BlockKind::Timeline { title, phases }
        }
        "contacts" => {
            let title = rich(reader, "title");
            let items = read_contacts(reader, table);
            BlockKind::Contacts { title, items }
        }
        "image" => read_image_block(reader, table, folder)?,
        _ => BlockKind::PageBreak,
    };
    Some(Block {
        kind: block_kind,
        span: kind_span,
    })
}

fn split_paragraphs(reader: &mut Reader, text: &str, span: Range<usize>) -> Vec<RichText> {
    // Paragraphs are separated by a blank line; the lines of a paragraph are
    // joined with a space. `segments` remembers where each line came from, so
    // warnings point at the right place in the file.
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

fn read_items(reader: &mut Reader, table: Table, required: bool) -> Option<Vec<RichText>> {
    if table.get("items").is_none() {
        if required {
            reader.missing(
                table,
                "items",
                "add a line such as: items = [\"First item\", \"Second item\"]",
            );
        }
        return None;
    }
    let items = reader.string_list(table, "items")?;
    if items.is_empty() {
        let span = table.get("items").map_or(0..0, |v| v.span());
        reader.error_hint(
            span,
            format!("`items` in {} is empty", table.name),
            "add at least one item in quotes, or remove the block",
        );
        return None;
    }
    let mut out = Vec::new();
    for (text, span) in items {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            reader.error_hint(
                span,
                "this item is empty",
                "write the item between the quotes, or remove the empty \"\"",
            );
            continue;
        }
        let lead = text.len() - text.trim_start().len();
        out.push(reader.rich_piece(trimmed, span, &text, &[(0, lead)]));
    }
    Some(out)
}

/// A block without `type` whose type line is there but misspelt (`Type`) or
/// has slipped below a `[[block.phase]]`: reports it and says so.
fn misplaced_type(reader: &mut Reader, table: Table) -> bool {
    if let Some(key) = table.entries.keys().find(|k| {
        let name = k.get_ref().as_ref();
        let known = BLOCK_TYPES.iter().any(|(_, keys)| keys.contains(&name));
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

fn read_phases(reader: &mut Reader, table: Table, kind_span: Range<usize>) -> Option<Vec<Phase>> {
    let Some(list) = reader.table_list(table, "phase") else {
        if table.get("phase").is_none() {
            reader.error_hint(
                kind_span,
                "this timeline has no phases",
                "add phases, each starting with [[block.phase]] and a `label`",
            );
        }
        return None;
    };
    if list.is_empty() {
        reader.error_hint(
            kind_span,
            "this timeline has no phases",
            "add phases, each starting with [[block.phase]] and a `label`",
        );
        return None;
    }
    if list.len() > MAX_PHASES {
        let span = list.get(MAX_PHASES).map_or(kind_span, |(_, s)| s.clone());
        reader.error_hint(
            span,
            format!(
                "this timeline has {} phases; at most {MAX_PHASES} fit side by side",
                list.len()
            ),
            "merge phases, or split the timeline into two",
        );
        return None;
    }
    let mut phases = Vec::new();
    for (index, (entries, span)) in list.into_iter().enumerate() {
        let name = format!("phase {} of the timeline", index + 1);
        let phase_table = Table {
            entries,
            span: (span.start, span.end),
            name: &name,
        };
        reader.check_keys(phase_table, &PHASE_KEYS);
        let label = reader.required_string(phase_table, "label", "\"Worst days\"");
        let when = reader
            .string(phase_table, "when")
            .map(|(t, s)| reader.rich(&t, s));
        let items = read_items(reader, phase_table, false).unwrap_or_default();
        if let Some((label, span)) = label {
            let label = reader.rich(&label, span);
            phases.push(Phase { label, when, items });
        }
    }
    Some(phases)
}

fn read_contacts(reader: &mut Reader, table: Table) -> Vec<Contact> {
    let Some(list) = reader.table_list(table, "items") else {
        return Vec::new();
    };
    let mut contacts = Vec::new();
    for (index, (entries, span)) in list.into_iter().enumerate() {
        let name = format!("contact {}", index + 1);
        let entry = Table {
            entries,
            span: (span.start, span.end),
            name: &name,
        };
        reader.check_keys(entry, &CONTACT_KEYS);
        let label = reader.required_string(entry, "label", "\"SAMHSA National Helpline\"");
        let value = reader.required_string(entry, "value", "\"1-800-662-4357\"");
        if let (Some((label, ls)), Some((value, vs))) = (label, value) {
            contacts.push(Contact {
                label: reader.rich(&label, ls),
                value: reader.rich(&value, vs),
            });
        }
    }
    contacts
}

/// The narrowest image, as a fraction of the text width: about 10 points.
const MIN_WIDTH: f64 = 0.025;

fn read_image_block(reader: &mut Reader, table: Table, folder: &Path) -> Option<BlockKind> {
    let path = reader.required_string(table, "path", "\"photo.jpg\"");
    let alt = reader.required_string(table, "alt", "\"A family talking at a kitchen table\"");
    let width = match reader.number(table, "width") {
        Some((w, span)) if !(w > 0.0 && w <= 1.0) => {
            reader.error_hint(
                span,
                format!("`width` must be more than 0 and at most 1, not {w}"),
                "it is a fraction of the text width: 0.5 is half, 1.0 is the full width",
            );
            1.0
        }
        Some((w, span)) if w < MIN_WIDTH => {
            reader.error_hint(
                span,
                "`width` is too small to see: the picture would be drawn less than 10 points wide",
                format!("it is a fraction of the text width: use {MIN_WIDTH} or more, for example 0.5 for half"),
            );
            1.0
        }
        Some((w, _)) => w as f32,
        None => 1.0,
    };
    let (path, span) = path?;
    let image =
        match crate::load::decode_image(&folder.join(&path), crate::load::image::BLOCK_MAX_PX) {
            Ok(image) => image,
            Err(message) => {
                reader.error_hint(
                    span,
                    format!("the image \"{}\" {}", clip(&path), message.0),
                    message.1,
                );
                return None;
            }
        };
    // A text width is 400 points or more: a picture so flat or so narrow that
    // a side would be drawn under a point cannot be seen.
    let drawn_width = f64::from(width) * 400.0;
    let drawn_height = drawn_width * f64::from(image.height) / f64::from(image.width.max(1));
    if drawn_height < 1.0 || drawn_width * 1000.0 < drawn_height {
        reader.error_hint(
            span,
            format!(
                "the image \"{}\" is {} × {} pixels: at this width it would be drawn too thin to see",
                clip(&path),
                image.width,
                image.height
            ),
            "crop the picture to a usual shape, or make `width` larger",
        );
        return None;
    }
    let (alt, _) = alt?;
    Some(BlockKind::Image { image, alt, width })
}
