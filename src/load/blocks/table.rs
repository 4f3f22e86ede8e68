//! Reading a `table` block: its header, rows of cells and column widths.

use std::ops::Range;

use toml::de::DeValue;

use crate::load::blocks::common::{rich, At, BlockType};
use crate::load::keys::{Key, Value};
use crate::load::reader::{type_name, Reader, Table};
use crate::model::{BlockKind, RichText, TableBlock, MAX_COLUMNS};

pub(crate) const TYPE: BlockType = BlockType {
    name: TableBlock::TYPE,
    keys: &[
        Key::new("title", Value::Text, false, "a title above the table"),
        Key::new(
            "header",
            Value::TextList,
            true,
            "the header row, one text a column; at most 6 columns",
        ),
        Key::new(
            "rows",
            Value::TextRows,
            true,
            "the rows, each a list of as many cells as the header; \"\" leaves a cell empty to write in",
        ),
        Key::new(
            "widths",
            Value::NumberList,
            false,
            "relative column widths, one number above 0 a column, such as [1, 1, 3]; default from the content",
        ),
    ],
    parts: &[],
    read,
};

/// `header = [...]` with `n` columns, for hints.
fn example_row(n: usize) -> String {
    let cells = vec!["\"\""; n.max(1)].join(", ");
    format!("[{cells}]")
}

fn read(reader: &mut Reader, table: Table, _at: &At) -> Option<BlockKind> {
    let title = rich(reader, table, "title");
    let header = read_header(reader, table);
    let columns = header.as_ref().map(Vec::len);
    let rows = read_rows(reader, table, columns);
    let widths = read_widths(reader, table, columns);
    Some(
        TableBlock {
            title,
            header: header?,
            rows: rows?,
            widths,
        }
        .into(),
    )
}

/// A cell's text, trimmed, as marked-up text: empty for `""`.
fn cell(reader: &mut Reader, text: &str, span: Range<usize>) -> RichText {
    let trimmed = text.trim();
    let lead = text.len() - text.trim_start().len();
    if trimmed.is_empty() {
        return RichText {
            runs: Vec::new(),
            span,
        };
    }
    reader.rich_piece(trimmed, span, text, &[(0, lead)])
}

fn read_header(reader: &mut Reader, table: Table) -> Option<Vec<RichText>> {
    let Some(value) = table.get("header") else {
        reader.missing(
            table,
            "header",
            "add the header row, one text a column: header = [\"Week\", \"Plan for each day\", \"Notes\"]",
        );
        return None;
    };
    let span = value.span();
    let cells = reader.string_list(table, "header")?;
    let count = match value.get_ref() {
        DeValue::Array(array) => array.len(),
        _ => cells.len(),
    };
    if count == 0 {
        reader.error_hint(
            span,
            "`header` in a `table` block is empty",
            "name each column in quotes: header = [\"Week\", \"Plan for each day\", \"Notes\"]",
        );
        return None;
    }
    if count > MAX_COLUMNS {
        let at = match value.get_ref() {
            DeValue::Array(array) => array.get(MAX_COLUMNS).map(|v| v.span()),
            _ => None,
        };
        reader.error_hint(
            at.unwrap_or(span),
            format!("this table has {count} columns; at most {MAX_COLUMNS} fit across a page"),
            "merge columns, or split the table into two tables",
        );
        return None;
    }
    let mut header = Vec::new();
    let mut ok = cells.len() == count;
    for (text, span) in cells {
        if text.trim().is_empty() {
            reader.error_hint(
                span,
                "this header cell is empty",
                "name the column between the quotes: a reader needs to know what goes in it",
            );
            ok = false;
            continue;
        }
        header.push(cell(reader, &text, span));
    }
    ok.then_some(header)
}

fn read_rows(
    reader: &mut Reader,
    table: Table,
    columns: Option<usize>,
) -> Option<Vec<Vec<RichText>>> {
    let example = example_row(columns.unwrap_or(3));
    let Some(value) = table.get("rows") else {
        reader.missing(
            table,
            "rows",
            format!("add the rows, each a list of cells: rows = [{example}]"),
        );
        return None;
    };
    let DeValue::Array(array) = value.get_ref() else {
        reader.error_hint(
            value.span(),
            format!(
                "`rows` in a `table` block must be a list of rows, not {}",
                type_name(value.get_ref())
            ),
            format!(
                "write each row in square brackets, inside a list: rows = [{example}, {example}]"
            ),
        );
        return None;
    };
    if array.is_empty() {
        reader.error_hint(
            value.span(),
            "`rows` in a `table` block is empty",
            format!("add at least one row, such as rows = [{example}], or remove the block"),
        );
        return None;
    }
    if array
        .iter()
        .all(|row| !matches!(row.get_ref(), DeValue::Array(_)))
    {
        // One row written without its own brackets: `rows = ["1", "", ""]`.
        let raw = reader.source.text.get(value.span()).unwrap_or("").trim();
        let hint = if raw.len() <= 60 && !raw.contains('\n') {
            format!("put each row in square brackets of its own, inside the list: rows = [{raw}]")
        } else {
            format!("put each row in square brackets of its own, inside the list: rows = [{example}, {example}]")
        };
        reader.error_hint(
            value.span(),
            "each row of `rows` must be a list of cells in square brackets of its own",
            hint,
        );
        return None;
    }
    let mut rows = Vec::new();
    let mut ok = true;
    for (index, row) in array.iter().enumerate() {
        let DeValue::Array(cells) = row.get_ref() else {
            reader.error_hint(
                row.span(),
                format!(
                    "row {} of the table must be a list of cells, not {}",
                    index + 1,
                    type_name(row.get_ref())
                ),
                format!("put the row's cells in square brackets: {example}"),
            );
            ok = false;
            continue;
        };
        if let Some(columns) = columns {
            if cells.len() != columns {
                let (n, s) = (cells.len(), if cells.len() == 1 { "" } else { "s" });
                reader.error_hint(
                    row.span(),
                    format!(
                        "row {} of the table has {n} cell{s}, but the header has {columns}",
                        index + 1
                    ),
                    format!(
                        "give every row {columns} cells, in the header's order; write \"\" for a cell left empty"
                    ),
                );
                ok = false;
                continue;
            }
        }
        let mut out = Vec::new();
        for item in cells.iter() {
            match item.get_ref() {
                DeValue::String(text) => out.push(cell(reader, text, item.span())),
                other => {
                    let raw = reader.source.text.get(item.span()).unwrap_or("").trim();
                    let hint = match other {
                        DeValue::Integer(_) | DeValue::Float(_) | DeValue::Boolean(_) => {
                            format!("put it in double quotes: \"{raw}\"")
                        }
                        _ => "write each cell as text in double quotes; \"\" leaves it empty"
                            .to_string(),
                    };
                    reader.error_hint(
                        item.span(),
                        format!(
                            "each cell of a table must be text in quotes, not {}",
                            type_name(other)
                        ),
                        hint,
                    );
                    ok = false;
                }
            }
        }
        rows.push(out);
    }
    ok.then_some(rows)
}

fn read_widths(reader: &mut Reader, table: Table, columns: Option<usize>) -> Option<Vec<f32>> {
    let value = table.get("widths")?;
    let DeValue::Array(array) = value.get_ref() else {
        reader.error_hint(
            value.span(),
            format!(
                "`widths` in a `table` block must be a list of numbers, not {}",
                type_name(value.get_ref())
            ),
            "write one number a column in square brackets, for example widths = [1, 1, 3]",
        );
        return None;
    };
    let mut widths = Vec::new();
    let mut ok = true;
    for item in array.iter() {
        let number = match item.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            other => {
                let raw = reader.source.text.get(item.span()).unwrap_or("").trim();
                let hint = match other {
                    DeValue::String(s) if s.trim().parse::<f64>().is_ok() => {
                        format!("write the number without quotes: {}", s.trim())
                    }
                    _ => format!("a width is a number without quotes, such as 1 or 2.5, not {raw}"),
                };
                reader.error_hint(
                    item.span(),
                    format!(
                        "each entry of `widths` must be a number, not {}",
                        type_name(other)
                    ),
                    hint,
                );
                ok = false;
                continue;
            }
        };
        match number {
            Some(n) if n.is_finite() && n > 0.0 && n <= 1e6 => widths.push(n as f32),
            _ => {
                let raw = reader.source.text.get(item.span()).unwrap_or("").trim();
                reader.error_hint(
                    item.span(),
                    format!("a column width must be a number above 0, not {raw}"),
                    "widths are relative: widths = [1, 1, 3] makes the last column three times as wide as each of the others",
                );
                ok = false;
            }
        }
    }
    if let Some(columns) = columns {
        if array.len() != columns {
            let (n, s) = (array.len(), if array.len() == 1 { "" } else { "s" });
            reader.error_hint(
                value.span(),
                format!("`widths` has {n} number{s}, but the table has {columns} columns"),
                format!(
                    "give one width a column, in the header's order, such as widths = [{}]",
                    vec!["1"; columns].join(", ")
                ),
            );
            return None;
        }
    }
    ok.then_some(widths)
}
