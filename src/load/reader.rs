//! Typed access to a spanned TOML table, reporting every problem it meets.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diag::{clip, did_you_mean, Diagnostic, Source};
use crate::model::RichText;
use crate::text::parse_markup;

/// Reads values out of one file's tables and collects diagnostics.
pub struct Reader<'s> {
    /// The file being read.
    pub source: &'s Source,
    /// Everything found wrong so far.
    pub diagnostics: Vec<Diagnostic>,
    /// Keys reported as misspellings, by the start of their table: a missing
    /// `title` next to a `titel` is the same mistake, reported once.
    misspelt: Vec<(usize, String)>,
    /// The pictures decoded while reading, each once.
    pub images: Vec<std::sync::Arc<crate::assets::LoadedImage>>,
}

/// A table with the name users know it by, for messages.
#[derive(Clone, Copy)]
pub struct Table<'t, 'i> {
    /// The entries.
    pub entries: &'t DeTable<'i>,
    /// The span of the whole table.
    pub span: (usize, usize),
    /// How messages name it: "[handout]", "a `bullets` block".
    pub name: &'t str,
}

impl<'t, 'i> Table<'t, 'i> {
    /// The value of a key, with its span.
    pub fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.entries.get(key)
    }

    /// The byte range of the table.
    pub fn range(&self) -> Range<usize> {
        self.span.0..self.span.1
    }

    /// The span of a key's name, for "missing" and "not allowed" messages.
    pub fn key_span(&self, key: &str) -> Option<Range<usize>> {
        self.entries
            .keys()
            .find(|k| k.get_ref().as_ref() == key)
            .map(|k| k.span())
    }
}

/// A string as a TOML basic string, for hints that show a corrected line;
/// long text is shown as `"..."`.
fn quote(text: &str) -> String {
    if text.chars().count() > 40 || text.contains('\n') {
        return "\"...\"".to_string();
    }
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Describes a TOML value's type the way a user would say it.
pub fn type_name(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

impl<'s> Reader<'s> {
    /// Starts reading a file.
    pub fn new(source: &'s Source) -> Self {
        Self {
            source,
            diagnostics: Vec::new(),
            misspelt: Vec::new(),
            images: Vec::new(),
        }
    }

    /// Keeps a decoded picture for the PDF, once however often it is drawn.
    pub fn keep_image(&mut self, image: std::sync::Arc<crate::assets::LoadedImage>) {
        if !self.images.iter().any(|i| i.key == image.key) {
            self.images.push(image);
        }
    }

    /// Records an error with a hint.
    pub fn error_hint(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let diagnostic = Diagnostic::error(message)
            .at(self.source, span)
            .with_hint(hint);
        self.diagnostics.push(diagnostic);
    }

    /// Records a warning at a span.
    pub fn warning(&mut self, span: Range<usize>, message: impl Into<String>) {
        let diagnostic = Diagnostic::warning(message).at(self.source, span);
        self.diagnostics.push(diagnostic);
    }

    /// Reports every key of the table that is not in `allowed`.
    pub fn check_keys(&mut self, table: Table, allowed: &[&str]) {
        // Past this many in one table the rest are only counted: a file of
        // 50,000 unknown keys costs no more than one of a few hundred.
        const MOST: usize = crate::diag::MOST_SHOWN;
        let mut unknown = 0;
        for key in table.entries.keys() {
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            unknown += 1;
            if unknown > MOST {
                continue;
            }
            let list = allowed
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let capitals = allowed
                .iter()
                .copied()
                .find(|k| k.eq_ignore_ascii_case(name));
            let near = capitals
                .or_else(|| did_you_mean(name, allowed))
                .filter(|near| table.get(near).is_none());
            let hint = match near {
                Some(near) if capitals.is_some() => {
                    self.misspelt.push((table.span.0, near.to_string()));
                    format!(
                        "did you mean `{near}`? keys are written in small letters; {} allows {list}",
                        table.name
                    )
                }
                Some(near) => {
                    self.misspelt.push((table.span.0, near.to_string()));
                    format!("did you mean `{near}`? {} allows {list}", table.name)
                }
                None => format!("{} allows {list}", table.name),
            };
            self.error_hint(
                key.span(),
                format!("unknown key `{}` in {}", clip(name), table.name),
                hint,
            );
        }
        if unknown > MOST {
            self.diagnostics.push(
                Diagnostic::error(format!(
                    "… and {} more unknown keys in {}, not shown",
                    crate::diag::thousands(unknown - MOST),
                    table.name
                ))
                .in_file(&self.source.path)
                .with_hint("remove the keys the format does not have"),
            );
        }
    }

    /// Marks a key of the table starting at `table_start` as already reported,
    /// so a "has no" error does not repeat the mistake.
    pub fn excuse(&mut self, table_start: usize, key: &str) {
        self.misspelt.push((table_start, key.to_string()));
    }

    /// Whether a misspelling of `key` in this table was reported already.
    pub fn was_misspelt(&self, table: Table, key: &str) -> bool {
        self.misspelt
            .iter()
            .any(|(start, near)| *start == table.span.0 && near == key)
    }

    /// Reports a required key that is not there, unless a misspelling of it was reported.
    pub fn missing(&mut self, table: Table, key: &str, hint: impl Into<String>) {
        if self.was_misspelt(table, key) {
            return;
        }
        let start = table.range().start;
        self.error_hint(
            start..start + 1,
            format!("{} has no `{key}`", table.name),
            hint,
        );
    }

    fn wrong_type(&mut self, table: Table, key: &str, value: &Spanned<DeValue>, expected: &str) {
        let raw = self.source.text.get(value.span()).unwrap_or("").trim();
        let hint = match (expected, value.get_ref()) {
            ("a string in quotes", DeValue::Integer(_) | DeValue::Float(_) | DeValue::Boolean(_)) => {
                format!("put the text in double quotes: {key} = \"{raw}\"")
            }
            ("a string in quotes", DeValue::Array(_)) => {
                format!("`{key}` is one piece of text, not a list: {key} = \"...\"")
            }
            ("a string in quotes", _) => format!("write it in double quotes: {key} = \"...\""),
            ("a whole number", DeValue::String(s)) if s.trim().parse::<i64>().is_ok() => {
                format!("write the number without quotes: {key} = {}", s.trim())
            }
            ("a number", DeValue::String(s))
                if s.trim().parse::<f64>().is_ok_and(f64::is_finite) =>
            {
                format!("write the number without quotes: {key} = {}", s.trim())
            }
            ("a whole number", _) => {
                format!("write a whole number without quotes, for example {key} = 1")
            }
            ("a number", _) => format!("write a number without quotes, for example {key} = 0.5"),
            ("true or false", DeValue::String(s)) if matches!(s.trim(), "true" | "false") => {
                format!("write it without quotes: {key} = {}", s.trim())
            }
            ("true or false", _) => format!("write {key} = true or {key} = false, without quotes"),
            ("a list of tables", _) if key == "phase" => {
                "start each phase with [[block.phase]] on a line of its own, then label = \"...\""
                    .to_string()
            }
            ("a list of tables", _) => format!(
                "write it as {key} = [{{ label = \"...\", value = \"...\" }}], one {{ ... }} for each entry"
            ),
            _ => "write the date as \"YYYY-MM-DD\", for example \"2026-11-01\"".to_string(),
        };
        self.error_hint(
            value.span(),
            format!(
                "`{key}` in {} must be {expected}, not {}",
                table.name,
                type_name(value.get_ref())
            ),
            hint,
        );
    }

    /// A string value, or an error if it has another type.
    pub fn string(&mut self, table: Table, key: &str) -> Option<(String, Range<usize>)> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some((s.to_string(), value.span())),
            _ => {
                self.wrong_type(table, key, value, "a string in quotes");
                None
            }
        }
    }

    /// A string that must be there and not be blank.
    pub fn required_string(
        &mut self,
        table: Table,
        key: &str,
        example: &str,
    ) -> Option<(String, Range<usize>)> {
        match table.get(key) {
            None => {
                self.missing(table, key, format!("add a line such as: {key} = {example}"));
                None
            }
            Some(_) => {
                let (text, span) = self.string(table, key)?;
                if text.trim().is_empty() {
                    self.error_hint(
                        span,
                        format!("`{key}` in {} is empty", table.name),
                        format!(
                            "write something between the quotes, for example {key} = {example}"
                        ),
                    );
                    return None;
                }
                Some((text, span))
            }
        }
    }

    /// A boolean value.
    pub fn boolean(&mut self, table: Table, key: &str) -> Option<bool> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(table, key, value, "true or false");
                None
            }
        }
    }

    /// A whole number.
    pub fn integer(&mut self, table: Table, key: &str) -> Option<(i64, Range<usize>)> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some((n, value.span())),
                Err(_) => {
                    self.error_hint(
                        value.span(),
                        format!("`{key}` is too large"),
                        format!("write a small whole number, for example {key} = 1"),
                    );
                    None
                }
            },
            _ => {
                self.wrong_type(table, key, value, "a whole number");
                None
            }
        }
    }

    /// A number, whole or decimal.
    pub fn number(&mut self, table: Table, key: &str) -> Option<(f64, Range<usize>)> {
        let value = table.get(key)?;
        let parsed = match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            _ => {
                self.wrong_type(table, key, value, "a number");
                return None;
            }
        };
        match parsed {
            Some(n) if n.is_finite() => Some((n, value.span())),
            _ => {
                self.error_hint(
                    value.span(),
                    format!("`{key}` must be an ordinary number"),
                    format!("write a number such as {key} = 0.5"),
                );
                None
            }
        }
    }

    /// A date, written as a string `"YYYY-MM-DD"` or a bare TOML date.
    pub fn date_text(&mut self, table: Table, key: &str) -> Option<(String, Range<usize>)> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some((s.to_string(), value.span())),
            DeValue::Datetime(d) => Some((d.to_string(), value.span())),
            _ => {
                self.wrong_type(table, key, value, "a date such as \"2026-11-01\"");
                None
            }
        }
    }

    /// A list of strings with their spans.
    pub fn string_list(&mut self, table: Table, key: &str) -> Option<Vec<(String, Range<usize>)>> {
        let value = table.get(key)?;
        let DeValue::Array(array) = value.get_ref() else {
            self.error_hint(
                value.span(),
                format!(
                    "`{key}` in {} must be a list of strings, not {}",
                    table.name,
                    type_name(value.get_ref())
                ),
                match value.get_ref() {
                    DeValue::String(text) => {
                        format!(
                            "put it in square brackets to make a list: {key} = [{}]",
                            quote(text)
                        )
                    }
                    _ => format!("write it as {key} = [\"First\", \"Second\"]"),
                },
            );
            return None;
        };
        let mut out = Vec::new();
        for item in array.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push((s.to_string(), item.span())),
                other => self.error_hint(
                    item.span(),
                    format!(
                        "each entry of `{key}` must be a string in quotes, not {}",
                        type_name(other)
                    ),
                    "put every entry in double quotes: [\"First\", \"Second\"]",
                ),
            }
        }
        Some(out)
    }

    /// An array of tables (`[[block.phase]]` or inline `{ ... }` entries).
    pub fn table_list<'t, 'i>(
        &mut self,
        table: Table<'t, 'i>,
        key: &str,
    ) -> Option<Vec<(&'t DeTable<'i>, Range<usize>)>> {
        let value = table.get(key)?;
        let DeValue::Array(array) = value.get_ref() else {
            self.wrong_type(table, key, value, "a list of tables");
            return None;
        };
        let mut out = Vec::new();
        for item in array.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push((t, item.span())),
                other => self.error_hint(
                    item.span(),
                    format!(
                        "each entry of `{key}` must be a table, not {}",
                        type_name(other)
                    ),
                    "write each entry in braces: { label = \"...\", value = \"...\" }",
                ),
            }
        }
        Some(out)
    }

    /// Reads inline markup, warning about markers that never close.
    ///
    /// `text` is the whole value of the string literal at `span`.
    pub fn rich(&mut self, text: &str, span: Range<usize>) -> RichText {
        self.rich_piece(text, span, text, &[(0, 0)])
    }

    /// Reads inline markup in a piece of a string value: a trimmed item or one
    /// paragraph. `segments` maps offsets in `piece` to offsets in `value`: each
    /// `(piece_offset, value_offset)` starts a stretch copied verbatim. The
    /// text's span is the whole literal's, as for [`Reader::rich`].
    pub fn rich_piece(
        &mut self,
        piece: &str,
        span: Range<usize>,
        value: &str,
        segments: &[(usize, usize)],
    ) -> RichText {
        let base = self.literal_start(span.clone(), value);
        let locate = |offset: usize| -> Option<Range<usize>> {
            let (from, to) = segments.iter().rev().find(|(from, _)| *from <= offset)?;
            let at = base? + to + (offset - from);
            let len = piece
                .get(offset..)?
                .chars()
                .next()
                .map_or(1, char::len_utf8);
            Some(at..at + len)
        };
        let markup = parse_markup(piece);
        for offset in markup.unclosed {
            let marker = if piece
                .get(offset..)
                .is_some_and(|rest| rest.starts_with("**"))
            {
                "**"
            } else {
                "*"
            };
            let at = locate(offset).map_or(span.clone(), |r| r.start..r.start + marker.len());
            let diagnostic = Diagnostic::warning(format!(
                "this `{marker}` never closes, so it is printed as it is"
            ))
            .at(self.source, at)
            .with_hint(if marker == "**" {
                "end the bold words with `**`, or remove the marker"
            } else {
                "end the italic words with `*`, or remove the marker"
            });
            self.diagnostics.push(diagnostic);
        }
        RichText {
            runs: markup.runs,
            span,
        }
    }

    /// Where byte `offset` of a string's value stands in the file, when the
    /// literal at `span` holds the value verbatim.
    pub fn position_in_file(
        &self,
        span: Range<usize>,
        value: &str,
        offset: usize,
    ) -> Option<usize> {
        let start = self.literal_start(span, value)?;
        value.is_char_boundary(offset).then_some(start + offset)
    }

    /// Where the first byte of a string's value stands in the file, when the
    /// literal holds the value verbatim (no escapes).
    fn literal_start(&self, span: Range<usize>, value: &str) -> Option<usize> {
        let raw = self.source.text.get(span.clone())?;
        let delimiter = ["\"\"\"", "'''", "\"", "'"]
            .into_iter()
            .find(|d| raw.starts_with(d) && raw.ends_with(d) && raw.len() >= 2 * d.len())?;
        let mut start = delimiter.len();
        let mut inner = raw.get(start..raw.len() - delimiter.len())?;
        if delimiter.len() == 3 {
            for newline in ["\r\n", "\n"] {
                if let Some(rest) = inner.strip_prefix(newline) {
                    inner = rest;
                    start += newline.len();
                    break;
                }
            }
        }
        (inner == value).then_some(span.start + start)
    }
}
