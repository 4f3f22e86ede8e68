//! One handout's health: every check run together, with the numbers `check --report` shows.

use crate::diag::Diagnostic;
use crate::health::contrast::{check_brand_contrast, lowest, Pairing};
use crate::health::parity::check_translation;
use crate::health::readability::{
    read_handout, reading_diagnostics, HandoutReading, DEFAULT_GRADE,
};
use crate::load::BrandCache;
use crate::model::{Brand, Date, Handout};

/// Where a handout stands with its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewStatus {
    /// No `next_review` date.
    Unset,
    /// The next review is today or later.
    Due(Date),
    /// The next review date has passed.
    Overdue(Date),
}

/// The numbers of one input's health checks.
#[derive(Debug, Clone, PartialEq)]
pub struct HealthReport {
    /// Reading level, for a handout.
    pub reading: Option<HandoutReading>,
    /// The grade the handout is held to.
    pub grade_limit: u32,
    /// Whether the handout set that limit itself (`reading_grade`).
    pub limit_set: bool,
    /// The text and background pair with the least contrast, when the brand is known.
    pub lowest_contrast: Option<Pairing>,
    /// The review date, for a handout.
    pub review: ReviewStatus,
}

/// Runs every check on a handout: reading level, contrast of its brand, review date, parity.
pub fn check_health(
    handout: &Handout,
    brand: Option<&Brand>,
    today: Date,
    cache: &BrandCache,
) -> (HealthReport, Vec<Diagnostic>) {
    let reading = read_handout(handout);
    let mut diagnostics = reading_diagnostics(handout, &reading);
    if let Some(brand) = brand {
        diagnostics.extend(check_brand_contrast(brand));
    }
    let review = match &handout.next_review {
        None => ReviewStatus::Unset,
        Some((date, span)) if *date < today => {
            diagnostics.push(
                Diagnostic::warning(format!(
                    "the review date {} (`next_review`) has passed",
                    date_text(*date)
                ))
                .at(&handout.source, span.clone())
                .with_hint("have the text reviewed, then update `reviewed` and `next_review`"),
            );
            ReviewStatus::Overdue(*date)
        }
        Some((date, _)) => ReviewStatus::Due(*date),
    };
    diagnostics.extend(check_translation(handout, cache));
    let report = HealthReport {
        reading: Some(reading),
        grade_limit: handout.reading_grade.unwrap_or(DEFAULT_GRADE),
        limit_set: handout.reading_grade.is_some(),
        lowest_contrast: brand.map(|b| lowest(b.accent)),
        review,
    };
    (report, diagnostics)
}

/// `YYYY-MM-DD`.
pub fn date_text(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)
}
