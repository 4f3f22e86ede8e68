//! One printable handout.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diag::Source;
use crate::model::blocks::Block;
use crate::model::rich::RichText;

/// A paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// US Letter, 8.5 × 11 in.
    Letter,
    /// ISO A4, 210 × 297 mm.
    A4,
    /// US Legal, 8.5 × 14 in.
    Legal,
}

impl Paper {
    /// The names a user may write.
    pub const NAMES: [&'static str; 3] = ["letter", "a4", "legal"];

    /// Parses a paper name.
    pub fn parse(name: &str) -> Option<Paper> {
        match name {
            "letter" => Some(Paper::Letter),
            "a4" => Some(Paper::A4),
            "legal" => Some(Paper::Legal),
            _ => None,
        }
    }

    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::Letter => (612.0, 792.0),
            Paper::A4 => (595.276, 841.89),
            Paper::Legal => (612.0, 1008.0),
        }
    }
}

/// The language of a handout: hyphenation and fixed labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Spanish.
    Es,
}

impl Lang {
    /// The codes a user may write.
    pub const NAMES: [&'static str; 2] = ["en", "es"];

    /// Parses a language code.
    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en-US",
            Lang::Es => "es",
        }
    }
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year, e.g. 2026.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day, 1 to 31.
    pub day: u8,
}

/// The last second of the year 9999, the last a PDF date can hold.
pub const LAST_SECOND: i64 = 253_402_300_799;

impl Date {
    /// Parses `YYYY-MM-DD`, checking the day exists.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        let leap = date.year.is_multiple_of(4)
            && (!date.year.is_multiple_of(100) || date.year.is_multiple_of(400));
        let days = match date.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (date.day >= 1 && date.day <= days).then_some(date)
    }

    /// The date and the hour, minute and second of a Unix timestamp (UTC).
    pub fn from_unix_time(seconds: i64) -> (Date, i64, i64, i64) {
        let day = seconds.rem_euclid(86_400);
        (
            Date::from_unix(seconds),
            day / 3600,
            (day / 60) % 60,
            day % 60,
        )
    }

    /// The date of a Unix timestamp (UTC).
    pub fn from_unix(seconds: i64) -> Date {
        // Howard Hinnant's days-to-civil algorithm.
        let z = seconds.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }
}

/// A validated handout definition.
#[derive(Debug, Clone)]
pub struct Handout {
    /// The file it was read from.
    pub source: Arc<Source>,
    /// The title on the first page and in the running header.
    pub title: RichText,
    /// A line under the title.
    pub subtitle: Option<RichText>,
    /// The brand file it names, resolved against its folder, with the span of the value.
    pub brand: Option<(PathBuf, Range<usize>)>,
    /// The paper size.
    pub paper: Paper,
    /// The language.
    pub lang: Lang,
    /// When the text was last reviewed.
    pub reviewed: Option<Date>,
    /// When the text is due for review.
    pub next_review: Option<(Date, Range<usize>)>,
    /// The most pages the handout may take, with the span of the value.
    pub max_pages: Option<(usize, Range<usize>)>,
    /// The highest reading grade allowed.
    pub reading_grade: Option<u32>,
    /// The handout this one translates, resolved against its folder, with the span of the value.
    pub translation_of: Option<(PathBuf, Range<usize>)>,
    /// The content, in order.
    pub blocks: Vec<Block>,
}
