//! Health-literacy checks: reading level, colour contrast, review dates and translation parity.

mod contrast;
mod figures;
mod parity;
mod readability;
mod report;
mod syllables;
mod text;

pub use contrast::{
    accent_passes, check_brand_contrast, contrast_ratio, hex, lowest, pairings, ratio_text,
    relative_luminance, suggest_accent, Pairing, MIN_RATIO,
};
pub use figures::{find_figures, Figure, FigureKind};
pub use parity::{check_translation, compare_handouts};
pub use readability::{
    count_text, huerta_grade, read_handout, reading_diagnostics, sentence_pieces, HandoutReading,
    ReadingLevel, Scores, SectionReading, Sentence, TextCounts, DEFAULT_GRADE, LONG_SENTENCE,
};
pub use report::{check_health, date_text, HealthReport, ReviewStatus};
pub use syllables::count_syllables;
pub use text::{as_sentence, prose_sections, Passage, Section};
