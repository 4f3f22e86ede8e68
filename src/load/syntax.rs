//! TOML syntax errors in words a clinic's staff can act on.

use std::ops::Range;

use crate::diag::{Diagnostic, Source};

/// Turns the TOML parser's error into a diagnostic that says what to change.
pub fn syntax_error(source: &Source, span: Option<Range<usize>>, message: &str) -> Diagnostic {
    let span = span.unwrap_or(0..0);
    let first = message
        .trim()
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches('.')
        .to_lowercase();
    let (message, hint, span) = explain(source, span, &first);
    Diagnostic::error(message).at(source, span).with_hint(hint)
}

fn explain(source: &Source, span: Range<usize>, first: &str) -> (String, String, Range<usize>) {
    let text = source.text.get(span.clone()).unwrap_or("");
    let has = |needle: &str| first.contains(needle);
    if has("duplicate key") {
        return duplicate(source, span, text);
    }
    let at = source
        .text
        .get(span.start..)
        .and_then(|rest| rest.chars().next());
    if let Some(c) = at.filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return (
            format!(
                "this line has an invisible control character (U+{:04X}), which TOML does not allow",
                c as u32
            ),
            "delete it; such characters often come along when text is copied from another program"
                .into(),
            span,
        );
    }
    if let Some(found) = invisible_on_line(source, span.start) {
        return found;
    }
    if let Some(found) = unquoted_phone(source, span.start) {
        return found;
    }
    if text.starts_with(['“', '”', '„', '‘', '’']) || at.is_some_and(|c| "“”„‘’".contains(c))
    {
        return (
            "this text is in curly quotes, which TOML does not take as quotes".into(),
            "type straight double quotes \" around the text; word processors make them curly, so edit the file in a plain text editor"
                .into(),
            span,
        );
    }
    if has("recursion") || has("recurse") {
        return (
            "lists, tables or dotted keys are nested too deeply here".into(),
            "a definition needs only a few levels, such as items = [\"...\"] or [[block.phase]]"
                .into(),
            span,
        );
    }
    if has("multi-line basic string") || has("multi-line literal string") {
        let quote = if has("literal") { "'''" } else { "\"\"\"" };
        // The parser stops at the end of the file; the mistake is where the text opened.
        let opened = source
            .text
            .get(..span.start)
            .and_then(|before| before.rfind(quote))
            .map_or(span.clone(), |at| at..at + quote.len());
        return (
            format!("this text opens with {quote} but never closes"),
            format!("end the text with {quote} on a line of its own"),
            opened,
        );
    }
    if has("invalid basic string") || has("invalid literal string") {
        let quote = if has("literal") { '\'' } else { '"' };
        if let Some(found) = curly_closing_quote(source, span.start) {
            return found;
        }
        return (
            format!("this text has no closing `{quote}` on its line"),
            format!(
                "add {quote} at the end of the text; text over several lines goes between triple quotes \"\"\" ... \"\"\""
            ),
            span,
        );
    }
    if has("missing escaped value") || has("invalid escape") || has("escape") {
        let escape = source
            .text
            .get(span.start.saturating_sub(1)..)
            .map(|rest| rest.chars().take(2).collect::<String>())
            .unwrap_or_default();
        return (
            format!("`{escape}` is not allowed inside double quotes"),
            "write a backslash as \\\\, or put the text in single quotes '...' where \\ is an ordinary character".into(),
            span,
        );
    }
    if has("string values must be quoted") || has("expected value") || has("missing value") {
        return (
            "this key has no value, or its text is not in quotes".into(),
            "write text in double quotes, for example title = \"What to expect\"".into(),
            span,
        );
    }
    if has("unclosed array table") || has("unclosed table") {
        return (
            "this table header is missing its closing bracket".into(),
            "write headers whole: [handout], [[block]], [[block.phase]]".into(),
            span,
        );
    }
    if has("unclosed array") {
        return (
            "this list has no closing `]`".into(),
            "end the list with ]; for example items = [\"First\", \"Second\"]".into(),
            span,
        );
    }
    if has("missing comma") {
        return (
            "a comma is missing between two entries of this list".into(),
            "separate entries with commas: items = [\"First\", \"Second\"]".into(),
            span,
        );
    }
    if has("expected newline") || has("unexpected key or value") {
        return (
            "there is more on this line after the value".into(),
            "put each `key = value` on a line of its own; a quote inside text is written \\\""
                .into(),
            span,
        );
    }
    if has("unquoted keys cannot be empty") || has("expected key") {
        return (
            "this line has no key before the `=`".into(),
            "each line is `key = value`, for example title = \"What to expect\"".into(),
            span,
        );
    }
    if has("key with no value") || has("expected `=`") {
        return (
            "this line has no `=` between the key and its value".into(),
            "each line is `key = value`, with text in double quotes".into(),
            span,
        );
    }
    if has("invalid date") || has("invalid time") || has("invalid offset") {
        return (
            format!("this is not a real date: {}", after_comma(first)),
            "write dates as \"YYYY-MM-DD\", for example \"2026-11-01\"".into(),
            span,
        );
    }
    (
        format!("this is not valid TOML: {first}"),
        "check the line for a missing quote, bracket, comma or `=`".into(),
        span,
    )
}

/// The line holding byte `at`, and where it starts.
fn line_at(source: &Source, at: usize) -> (usize, &str) {
    let text = source.text.as_str();
    let at = at.min(text.len());
    let start = text
        .get(..at)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(at..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |i| at + i);
    (start, text.get(start..end).unwrap_or(""))
}

/// The name of a character that looks like a space, or like nothing, but is
/// not an ordinary space to TOML.
pub fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00A0}' => "a no-break space",
        '\u{202F}' => "a narrow no-break space",
        '\u{2007}' => "a figure space",
        '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}' => "a typographic space",
        '\u{3000}' => "an ideographic space",
        '\u{200B}' => "a zero-width space",
        '\u{200C}' => "a zero-width non-joiner",
        '\u{200D}' => "a zero-width joiner",
        '\u{2060}' => "a word joiner",
        '\u{FEFF}' => "a zero-width no-break space (byte order mark)",
        '\u{00AD}' => "a soft hyphen",
        '\u{200E}' | '\u{200F}' => "a text direction mark",
        _ => return None,
    })
}

/// A syntax error on a line that holds an invisible character: name it.
fn invisible_on_line(source: &Source, at: usize) -> Option<(String, String, Range<usize>)> {
    let (start, line) = line_at(source, at);
    let (offset, c) = line
        .char_indices()
        .find(|(_, c)| invisible_name(*c).is_some())?;
    let name = invisible_name(c)?;
    let at = start + offset;
    Some((
        format!(
            "this line has {name} (U+{:04X}), which looks like a space or nothing at all but is not allowed here",
            c as u32
        ),
        "delete it and type an ordinary space if one is needed; it often comes along when text is pasted from a word processor or a web page"
            .into(),
        at..at + c.len_utf8(),
    ))
}

/// A phone number written without quotes (`phone = 804-555-0100`), which TOML
/// takes for a broken date or number.
fn unquoted_phone(source: &Source, at: usize) -> Option<(String, String, Range<usize>)> {
    let (start, line) = line_at(source, at);
    let column = at.checked_sub(start)?;
    let before = line.get(..column.min(line.len()))?;
    let equals = before.rfind('=')?;
    let key = line
        .get(..equals)?
        .trim_end()
        .rsplit(|c: char| c.is_whitespace() || c == '{' || c == ',')
        .next()
        .unwrap_or("")
        .trim();
    let rest = line.get(equals + 1..)?;
    let value = rest.split([',', '}', ']', '#']).next().unwrap_or("").trim();
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let phone_like = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || "-+(). ".contains(c))
        && digits >= 7
        && value.chars().any(|c| !c.is_ascii_digit());
    // A real date (2026-11-01) is not a phone number.
    let date_like = value.len() == 10
        && value.chars().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !phone_like || date_like || key.is_empty() {
        return None;
    }
    let value_at = start + equals + 1 + (rest.len() - rest.trim_start().len());
    Some((
        format!("the phone number {value} is not in quotes, so it cannot be read"),
        format!("put it in double quotes: {key} = \"{value}\""),
        value_at..value_at + value.len(),
    ))
}

/// An opening straight quote closed by a curly one: name the curly quote.
fn curly_closing_quote(source: &Source, at: usize) -> Option<(String, String, Range<usize>)> {
    let (start, line) = line_at(source, at);
    let opening = line.find('"')?;
    let (offset, c) = line
        .get(opening + 1..)?
        .char_indices()
        .find(|(_, c)| matches!(c, '”' | '“' | '„' | '″'))?;
    let at = start + opening + 1 + offset;
    Some((
        format!(
            "this text ends with a curly quote {c} (U+{:04X}), which TOML does not take as a closing quote",
            c as u32
        ),
        "type a straight double quote \" in its place; word processors make quotes curly, so edit the file in a plain text editor"
            .into(),
        at..at + c.len_utf8(),
    ))
}

fn after_comma(message: &str) -> String {
    message
        .split_once(", expected ")
        .map_or(message.to_string(), |(_, expected)| {
            format!("expected {expected}")
        })
}

fn duplicate(source: &Source, span: Range<usize>, text: &str) -> (String, String, Range<usize>) {
    let line_start = source
        .text
        .get(..span.start)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |i| i + 1);
    let header = source
        .text
        .get(line_start..span.start)
        .is_some_and(|before| before.trim_start().starts_with('['));
    let name = text.trim().trim_matches('"').trim_matches('\'');
    let (_, line) = line_at(source, span.start);
    let written = line.split('#').next().unwrap_or("").trim();
    let single = written.starts_with('[') && !written.starts_with("[[");
    if header && single && matches!(name, "block" | "phase") {
        let inner = written.trim_start_matches('[').trim_end_matches(']').trim();
        let what = if name == "block" { "block" } else { "phase" };
        return (
            format!("[{inner}] is written with single brackets, so it can appear only once"),
            format!("start each {what} with [[{inner}]], with double brackets, here and above"),
            span,
        );
    }
    if header {
        (
            format!("[{name}] appears twice in the file"),
            "a file has one [handout], [brand] or [packet] table; merge the two into one".into(),
            span,
        )
    } else {
        (
            format!("`{name}` is given twice in the same table"),
            "keep one of the two lines; a new block needs its own [[block]] line first".into(),
            span,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use toml::de::DeTable;

    fn message(text: &str) -> String {
        let source = Source::new("x.toml", text);
        match DeTable::parse(text) {
            Ok(_) => String::from("no error"),
            Err(e) => syntax_error(&source, e.span(), e.message()).to_string(),
        }
    }

    #[test]
    fn a_duplicate_key_is_named() {
        let text = message("[handout]\ntitle = \"A\"\ntitle = \"B\"\n");
        assert!(text.contains("`title` is given twice"), "{text}");
    }

    #[test]
    fn curly_quotes_and_control_characters_are_named() {
        let text = message("[handout]\ntitle = “Hello”\n");
        assert!(text.contains("curly quotes"), "{text}");
        let text = message("[handout]\ntitle = \"A\u{0}B\"\n");
        assert!(text.contains("(U+0000)"), "{text}");
        let text = message(&format!(
            "[handout]\nx = {}{}\n",
            "[".repeat(5000),
            "]".repeat(5000)
        ));
        assert!(text.contains("nested too deeply"), "{text}");
    }

    #[test]
    fn only_what_looks_like_a_phone_number_is_called_one() {
        let text = message("[handout]\nmax_pages = 1 2\n");
        assert!(!text.contains("phone number"), "{text}");
        let text = message("[handout]\nreviewed = 2026-13-01\n");
        assert!(text.contains("not a real date"), "{text}");
        let text = message("[brand]\nphone = 1 800 662 4357\n");
        assert!(
            text.contains("put it in double quotes: phone = \"1 800 662 4357\""),
            "{text}"
        );
    }

    #[test]
    fn an_unclosed_triple_quote_points_where_it_opens() {
        let text = message("[handout]\ntitle = \"A\"\ntext = \"\"\"\nwords\n");
        assert!(text.starts_with("x.toml:3:8:"), "{text}");
    }
}
