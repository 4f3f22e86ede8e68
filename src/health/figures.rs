//! Figures in text: phone numbers, web and email addresses, and other numbers.
//!
//! A translation must copy these from its original, so they are what the parity
//! check compares. Phone numbers compare by their digits, addresses in lower
//! case without a scheme or "www.", and numbers by their digits, so "2.5" and
//! "2,5" or "1,000" and "1.000" are the same number in English and Spanish.

use std::ops::Range;

/// What a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    /// Seven or more digits with separators.
    Phone,
    /// A web or email address.
    Address,
    /// Any other number.
    Number,
}

impl FigureKind {
    /// What people call it.
    pub fn name(self) -> &'static str {
        match self {
            FigureKind::Phone => "phone number",
            FigureKind::Address => "address",
            FigureKind::Number => "number",
        }
    }
}

/// A phone number, address or number in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// What it is.
    pub kind: FigureKind,
    /// As written.
    pub text: String,
    /// What is compared: digits only, or the address in lower case without a scheme.
    pub key: String,
    /// Where it is in its file.
    pub at: Range<usize>,
}

/// Finds phone numbers, addresses and numbers in a text: kind, byte range, key.
pub fn find_figures(text: &str) -> Vec<(FigureKind, Range<usize>, String)> {
    let mut found: Vec<(FigureKind, Range<usize>, String)> = Vec::new();
    // Addresses first: their dots and digits are not numbers.
    let mut offset = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let lead = word.len() - word.trim_start_matches(is_wrapping).len();
        let core = word.trim().trim_start_matches(is_wrapping);
        let core = core.trim_end_matches(|c: char| is_wrapping(c) || ".,;:!?".contains(c));
        if let Some(key) = address_key(core) {
            let start = offset + lead;
            found.push((FigureKind::Address, start..start + core.len(), key));
        }
        offset += word.len();
    }
    let taken = |at: usize, found: &[(FigureKind, Range<usize>, String)]| {
        found.iter().any(|(_, r, _)| r.contains(&at))
    };
    // Phone numbers: digits joined by - . ( ) or single spaces, seven digits or more.
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit()
            || (bytes[i] == b'(' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
        if !starts || taken(i, &found) || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let mut end = i;
        let mut j = i;
        while j < bytes.len() {
            if bytes[j].is_ascii_digit() {
                j += 1;
                end = j;
            } else if b"-.() ".contains(&bytes[j]) {
                let run = bytes[j..]
                    .iter()
                    .take_while(|b| b"-.() ".contains(b))
                    .count();
                let spaces = bytes[j..j + run].iter().filter(|b| **b == b' ').count();
                if spaces > 1 || !bytes.get(j + run).is_some_and(u8::is_ascii_digit) {
                    break;
                }
                j += run;
            } else {
                break;
            }
        }
        let digits: String = text[i..end].chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 7 {
            found.push((FigureKind::Phone, i..end, digits));
            i = end;
        } else {
            i += 1;
        }
    }
    // Other numbers: digits with . or , between them ("2.5", "1,000"), compared without them.
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || taken(i, &found) {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < bytes.len()
            && (bytes[end].is_ascii_digit()
                || (b".,".contains(&bytes[end])
                    && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)))
        {
            end += 1;
        }
        let digits: String = text[i..end].chars().filter(char::is_ascii_digit).collect();
        found.push((FigureKind::Number, i..end, digits));
        i = end;
    }
    found.sort_by_key(|(_, r, _)| r.start);
    found
}

fn is_wrapping(c: char) -> bool {
    matches!(
        c,
        '(' | ')'
            | '['
            | ']'
            | '<'
            | '>'
            | '"'
            | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '«'
            | '»'
            | '¿'
            | '¡'
    )
}

/// The comparable form of a web or email address, if the word is one.
fn address_key(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    let bare = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let bare = bare
        .strip_prefix("www.")
        .unwrap_or(bare)
        .trim_end_matches('/');
    let host = bare.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let labels: Vec<&str> = host.split('.').collect();
    let top = labels.last()?;
    let is_address = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && top.len() >= 2
        && top.chars().all(|c| c.is_ascii_alphabetic());
    is_address.then(|| bare.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(text: &str) -> Vec<(FigureKind, String)> {
        find_figures(text)
            .into_iter()
            .map(|(kind, range, _)| (kind, text[range].to_string()))
            .collect()
    }

    #[test]
    fn figures_are_found_by_kind() {
        use FigureKind::*;
        assert_eq!(
            figures("Call 1-800-662-4357 or (804) 555-0100, 24/7, or visit www.Example.org."),
            [
                (Phone, "1-800-662-4357".to_string()),
                (Phone, "(804) 555-0100".to_string()),
                (Number, "24".to_string()),
                (Number, "7".to_string()),
                (Address, "www.Example.org".to_string()),
            ]
        );
        assert_eq!(
            figures("Days 2 to 4, then 2.5 mg; call 988 or 911, e.g. now."),
            [
                (Number, "2".to_string()),
                (Number, "4".to_string()),
                (Number, "2.5".to_string()),
                (Number, "988".to_string()),
                (Number, "911".to_string()),
            ]
        );
    }

    #[test]
    fn addresses_compare_without_scheme_or_case() {
        assert_eq!(
            address_key("https://www.Riverbend.example.org/"),
            Some("riverbend.example.org".to_string())
        );
        assert_eq!(
            address_key("help@clinic.org").as_deref(),
            Some("help@clinic.org")
        );
        assert_eq!(address_key("e.g"), None);
        assert_eq!(address_key("2.5"), None);
    }
}
