//! Typed access to a spanned TOML table, reporting every problem it meets.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diag::{did_you_mean, Diagnostic, Source};
use crate::model::RichText;
use crate::text::parse_markup;

/// Reads values out of one file's tables and collects diagnostics.
pub struct Reader<'s> {
    /// The file being read.
    pub source: &'s Source,
    /// Everything found wrong so far.
    pub diagnostics: Vec<Diagnostic>,
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
        }
    }

    /// Records an error at a span.
    pub fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        let diagnostic = Diagnostic::error(message).at(self.source, span);
        self.diagnostics.push(diagnostic);
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
        for key in table.entries.keys() {
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            let list = allowed
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let hint = match did_you_mean(name, allowed) {
                Some(near) => format!("did you mean `{near}`? {} allows {list}", table.name),
                None => format!("{} allows {list}", table.name),
            };
            self.error_hint(
                key.span(),
                format!("unknown key `{name}` in {}", table.name),
                hint,
            );
        }
    }

    fn wrong_type(&mut self, table: Table, key: &str, value: &Spanned<DeValue>, expected: &str) {
        self.error(
            value.span(),
            format!(
                "`{key}` in {} must be {expected}, not {}",
                table.name,
                type_name(value.get_ref())
            ),
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
                self.error_hint(
                    table.range().start..table.range().start + 1,
                    format!("{} has no `{key}`", table.name),
                    format!("add a line such as: {key} = {example}"),
                );
                None
            }
            Some(_) => {
                let (text, span) = self.string(table, key)?;
                if text.trim().is_empty() {
                    self.error(span, format!("`{key}` in {} is empty", table.name));
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
                    self.error(value.span(), format!("`{key}` is too large"));
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
                self.error(value.span(), format!("`{key}` must be an ordinary number"));
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
                format!("write it as {key} = [\"first\", \"second\"]"),
            );
            return None;
        };
        let mut out = Vec::new();
        for item in array.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push((s.to_string(), item.span())),
                other => self.error(
                    item.span(),
                    format!(
                        "each entry of `{key}` must be a string in quotes, not {}",
                        type_name(other)
                    ),
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
                other => self.error(
                    item.span(),
                    format!(
                        "each entry of `{key}` must be a table, not {}",
                        type_name(other)
                    ),
                ),
            }
        }
        Some(out)
    }

    /// Reads inline markup, warning about markers that never close.
    pub fn rich(&mut self, text: &str, span: Range<usize>) -> RichText {
        let markup = parse_markup(text);
        for offset in markup.unclosed {
            let at = self.locate_in_string(span.clone(), text, offset);
            let diagnostic =
                Diagnostic::warning("this `*` never closes, so it is printed as it is")
                    .at(self.source, at)
                    .with_hint("close bold with `**` and italic with `*`, or remove the marker");
            self.diagnostics.push(diagnostic);
        }
        RichText {
            runs: markup.runs,
            span,
        }
    }

    /// Maps a byte offset in a string's value to its place in the file.
    ///
    /// Exact when the literal has no escapes; otherwise the whole literal.
    pub fn locate_in_string(&self, span: Range<usize>, value: &str, offset: usize) -> Range<usize> {
        let raw = self.source.text.get(span.clone()).unwrap_or("");
        let delimiter = ["\"\"\"", "'''", "\"", "'"]
            .into_iter()
            .find(|d| raw.starts_with(d) && raw.len() >= 2 * d.len())
            .unwrap_or("");
        let mut start = delimiter.len();
        let mut inner = &raw[start..raw.len() - delimiter.len()];
        if delimiter.len() == 3 {
            for newline in ["\r\n", "\n"] {
                if let Some(rest) = inner.strip_prefix(newline) {
                    inner = rest;
                    start += newline.len();
                    break;
                }
            }
        }
        if inner == value && value.is_char_boundary(offset) {
            let len = value[offset..].chars().next().map_or(1, char::len_utf8);
            let at = span.start + start + offset;
            at..at + len
        } else {
            span
        }
    }
}
