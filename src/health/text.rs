//! The prose of a handout that reading level counts, and where each character stands in the file.
//!
//! Counted: every text a block walks as prose ([`Role::Prose`]): paragraphs and
//! the items of lists, callouts and timeline phases, each item read as one
//! sentence (a full stop is added where it has none, as a reader pauses there).
//! Not counted: the title, subtitle, headings, block titles, labels and values
//! (phase names and times, contacts, table cells, captions) and alt text. Those
//! are labels, not sentences; reading formulas are defined on running text, and
//! a one-word label would count as a whole sentence.

use std::ops::Range;

use crate::diag::Source;
use crate::model::{Handout, RichText, Role};

/// One paragraph or item of prose.
#[derive(Debug, Clone)]
pub struct Passage<'h> {
    /// The plain text, ending in a full stop, question or exclamation mark.
    pub text: String,
    /// Where it came from.
    pub rich: &'h RichText,
}

/// The prose under one heading (or before the first one).
#[derive(Debug, Clone)]
pub struct Section<'h> {
    /// The heading, or `None` for the text before the first heading.
    pub heading: Option<&'h RichText>,
    /// The paragraphs and items, in order.
    pub passages: Vec<Passage<'h>>,
}

/// Splits a handout's counted prose into heading sections.
pub fn prose_sections(handout: &Handout) -> Vec<Section<'_>> {
    let mut sections = vec![Section {
        heading: None,
        passages: Vec::new(),
    }];
    for block in &handout.blocks {
        for piece in block.texts() {
            match piece.role {
                Role::Heading => sections.push(Section {
                    heading: Some(piece.rich),
                    passages: Vec::new(),
                }),
                Role::Prose => {
                    let text = as_sentence(&piece.rich.plain());
                    if !text.is_empty() {
                        let section = sections.last_mut().expect("there is always a section");
                        section.passages.push(Passage {
                            text,
                            rich: piece.rich,
                        });
                    }
                }
                Role::Title | Role::Label | Role::Value => {}
            }
        }
    }
    if sections[0].passages.is_empty() && sections.len() > 1 {
        sections.remove(0);
    }
    sections
}

/// Normalizes white space and ends the text with a full stop when it has no end mark.
pub fn as_sentence(text: &str) -> String {
    let mut out = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if out.is_empty() {
        return out;
    }
    let closing = |c: char| matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']');
    let ends = out.trim_end_matches(closing).ends_with(['.', '!', '?']);
    if !ends {
        out.push('.');
    }
    out
}

/// The place in the file of the character at `offset` of a text's plain form.
///
/// The plain text is matched against the file character by character, skipping
/// what the file has and the plain text does not: quotes, markup, escapes and
/// line breaks. Where that fails the whole string is returned.
///
/// `text` is the plain text or any form of it with other white space (such as
/// [`Passage::text`]), and `offset` a byte offset into it.
pub fn locate_plain(source: &Source, rich: &RichText, text: &str, offset: usize) -> Range<usize> {
    let start = rich.span.start.min(source.text.len());
    let end = rich.span.end.clamp(start, source.text.len());
    let Some(raw) = source.text.get(start..end) else {
        return rich.span.clone();
    };
    let plain = rich.plain();
    let wanted = nth_non_space(text, offset);
    let mut cursor = 0;
    for (seen, c) in plain.chars().filter(|c| !c.is_whitespace()).enumerate() {
        let window = raw[cursor..].char_indices().take(12);
        let found = window
            .filter(|(_, s)| *s == c)
            .map(|(i, _)| cursor + i)
            .next();
        if seen == wanted {
            return match found {
                Some(at) => start + at..start + at + c.len_utf8(),
                None => start + cursor..start + cursor + 1,
            };
        }
        if let Some(at) = found {
            cursor = at + c.len_utf8();
        }
    }
    rich.span.clone()
}

/// The place in the file of a byte range of a text's plain form, when it is on one line;
/// otherwise the place of its first character.
pub fn locate_plain_range(
    source: &Source,
    rich: &RichText,
    text: &str,
    range: Range<usize>,
) -> Range<usize> {
    let first = locate_plain(source, rich, text, range.start);
    let Some(last_char) = text[range.clone()].char_indices().last() else {
        return first;
    };
    let last = locate_plain(source, rich, text, range.start + last_char.0);
    let between = source.text.get(first.start..last.end).unwrap_or("\n");
    if last.end > first.start && !between.contains('\n') {
        first.start..last.end
    } else {
        first
    }
}

/// How many non-space characters come before byte `offset`.
fn nth_non_space(text: &str, offset: usize) -> usize {
    text.char_indices()
        .take_while(|(i, _)| *i < offset)
        .filter(|(_, c)| !c.is_whitespace())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_become_sentences() {
        assert_eq!(as_sentence("Runny nose"), "Runny nose.");
        assert_eq!(as_sentence("Call 911!"), "Call 911!");
        assert_eq!(as_sentence("It is “natural.”"), "It is “natural.”");
        assert_eq!(as_sentence("  two\n lines "), "two lines.");
        assert_eq!(as_sentence(""), "");
    }

    #[test]
    fn plain_offsets_find_their_place_in_the_file() {
        let text = "items = [\"**Liver damage.** This can \\\"happen\\\".\"]\n";
        let source = Source::new("x.toml", text);
        let rich = RichText {
            runs: crate::text::parse_markup("**Liver damage.** This can \"happen\".").runs,
            span: 9..text.len() - 2,
        };
        let plain = as_sentence(&rich.plain());
        let this = plain.find("This").unwrap();
        let at = locate_plain(&source, &rich, &plain, this);
        assert_eq!(&text[at.start..at.start + 4], "This");
        let happen = plain.find("happen").unwrap();
        let at = locate_plain(&source, &rich, &plain, happen);
        assert_eq!(&text[at.start..at.start + 6], "happen");
    }
}
