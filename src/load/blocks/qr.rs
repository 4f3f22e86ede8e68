//! Reading a `qr` block: the address is checked here, and encoded once to
//! know that it can be scanned at the size asked for.

use std::ops::Range;

use crate::diag::clip;
use crate::load::blocks::common::{rich, At, BlockType};
use crate::load::keys::{Key, Value};
use crate::load::reader::{Reader, Table};
use crate::model::{BlockKind, Qr, RichText, Symbol};

pub(crate) const TYPE: BlockType = BlockType {
    name: Qr::TYPE,
    keys: &[
        Key::new(
            "url",
            Value::Text,
            true,
            "the web page the code opens, starting with https:// or http://; it is printed beside the code",
        ),
        Key::new(
            "caption",
            Value::Text,
            false,
            "a line printed in bold with the address, such as \"Find treatment near you\"",
        ),
        Key::new(
            "size",
            Value::Number(Qr::SIZES.0 as f64, Qr::SIZES.1 as f64),
            false,
            "the side of the code in inches, 1.0 (default) to 2.0; large print never goes below 1.5",
        ),
    ],
    parts: &[],
    read,
};

/// The smallest module a phone reads reliably from a printed or photocopied
/// sheet at arm's length, in millimetres. An address that needs smaller
/// modules at its size is an error.
pub(crate) const MIN_MODULE_MM: f32 = 0.6;

fn read(reader: &mut Reader, table: Table, _at: &At) -> Option<BlockKind> {
    let url = reader.required_string(table, "url", "\"https://findtreatment.gov\"");
    let caption = rich(reader, table, "caption");
    let (lo, hi) = Qr::SIZES;
    let size = match reader.number(table, "size") {
        Some((n, span)) if !(f64::from(lo)..=f64::from(hi)).contains(&n) => {
            reader.error_hint(
                span,
                format!("`size` must be from {lo:.1} to {hi:.1}, not {n}"),
                "1.0 draws the code about 1 inch (2.5 cm) across, 2.0 about 2 inches",
            );
            lo
        }
        Some((n, _)) => n as f32,
        None => lo,
    };
    let (url, span) = url?;
    check_url(reader, &url, span.clone())?;
    let side_mm = size * 25.4;
    let fits = Symbol::encode(&url).filter(|s| side_mm / s.width as f32 >= MIN_MODULE_MM);
    if fits.is_none() {
        let most = longest_at(size);
        reader.error_hint(
            span,
            format!(
                "this address is too long to scan at size {}: it has {} characters, and at this size a code holds {most} at most",
                show(size),
                url.len()
            ),
            if size < hi {
                "use a shorter address (a short link to the page), or a larger `size`, up to 2.0"
            } else {
                "use a shorter address, such as a short link to the page"
            },
        );
        return None;
    }
    Some(
        Qr {
            url: RichText::literal(&url, span),
            caption,
            size,
        }
        .into(),
    )
}

/// A size as it is written: "1.0", "1.25".
fn show(size: f32) -> String {
    if size.fract() == 0.0 {
        format!("{size:.1}")
    } else {
        format!("{size}")
    }
}

/// The longest address, in bytes, whose code keeps its modules scannable at a size.
pub(crate) fn longest_at(size: f32) -> usize {
    let side_mm = size * 25.4;
    let fits = |n: usize| {
        Symbol::encode(&"a".repeat(n)).is_some_and(|s| side_mm / s.width as f32 >= MIN_MODULE_MM)
    };
    let (mut lo, mut hi) = (0usize, 3000usize);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo
}

/// An address a phone opens: http or https, a host name, no spaces.
fn check_url(reader: &mut Reader, url: &str, span: Range<usize>) -> Option<()> {
    let at = |reader: &Reader, offset: usize, len: usize| {
        reader
            .position_in_file(span.clone(), url, offset)
            .map_or(span.clone(), |start| start..start + len)
    };
    if let Some((offset, c)) = url
        .char_indices()
        .find(|(_, c)| c.is_whitespace() || c.is_control())
    {
        let place = at(reader, offset, c.len_utf8());
        reader.error_hint(
            place,
            "a web address cannot have a space or a line break in it",
            "copy the address from the browser's address bar, as one piece",
        );
        return None;
    }
    let lower = url.to_ascii_lowercase();
    let rest = match ["https://", "http://"]
        .into_iter()
        .find(|scheme| lower.starts_with(scheme))
    {
        Some(scheme) => &url[scheme.len()..],
        None => {
            let scheme = lower.split_once(':').map(|(s, _)| s);
            let hint = match scheme {
                Some("tel") => {
                    "a QR block opens a web page; put a phone number in a `contacts` block"
                        .to_string()
                }
                Some("mailto") => {
                    "a QR block opens a web page; put an email address in a `contacts` block"
                        .to_string()
                }
                _ if !url.contains("://") => {
                    format!("write the whole address: url = \"https://{}\"", clip(url))
                }
                _ => "write an address that starts with https:// (or http://)".to_string(),
            };
            let len = url.find(':').map_or(url.len(), |i| i + 1).max(1);
            let place = at(reader, 0, len.min(url.len()));
            reader.error_hint(
                place,
                format!(
                    "`url` must start with https:// or http://, not \"{}\"",
                    clip(url)
                ),
                hint,
            );
            return None;
        }
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
        _ => host,
    };
    let named = host.starts_with('[')
        || (host.contains('.')
            && host
                .split('.')
                .all(|label| !label.is_empty() && !label.starts_with('-')));
    if !named {
        reader.error_hint(
            span,
            if host.is_empty() {
                format!("the address \"{}\" has no host name", clip(url))
            } else {
                format!(
                    "the address \"{}\" has no full host name: \"{}\" is not one",
                    clip(url),
                    clip(host)
                )
            },
            "write the whole address, such as url = \"https://findtreatment.gov\"",
        );
        return None;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::longest_at;

    #[test]
    fn a_larger_code_holds_a_longer_address() {
        let (small, large) = (longest_at(1.0), longest_at(2.0));
        // docs/format.md says: about 100 characters at 1.0, about 450 at 2.0.
        assert!((100..120).contains(&small), "{small}");
        assert!((430..470).contains(&large), "{large}");
    }
}
