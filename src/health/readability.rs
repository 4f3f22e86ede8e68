//! Reading level: Flesch-Kincaid and SMOG for English, Fernández-Huerta for Spanish.
//!
//! Words, sentences and syllables are counted the way textstat 0.7.4 counts them,
//! so the grades can be checked against it:
//!
//! - a word is a run of non-space characters with at least one letter or digit;
//!   punctuation inside it is ignored ("24/7", "12-step" and "1-800-662-4357"
//!   are one word each);
//! - a sentence runs from a word to the next `.`, `!` or `?`; a "sentence" of
//!   one or two words (a bold lead-in such as "Listen.") is not counted as a
//!   sentence, but its words are;
//! - syllables come from [`count_syllables`].
//!
//! The grade a handout is held to is Flesch-Kincaid, or SMOG where that is
//! higher and the text has the 30 sentences SMOG was calibrated on (below that
//! textstat's SMOG extrapolates, and one long word moves a short section by a
//! grade). SMOG is still reported from three sentences on. For Spanish it is
//! Fernández-Huerta's reading ease, converted to a school grade with his table.

use std::ops::Range;

use crate::diag::Diagnostic;
use crate::health::syllables::{count_syllables, is_word_char};
use crate::health::text::{locate_plain, prose_sections};
use crate::model::{Handout, Lang};

/// A sentence longer than this many words is reported.
pub const LONG_SENTENCE: usize = 25;
/// The grade a handout should not read above unless it sets `reading_grade`.
pub const DEFAULT_GRADE: u32 = 8;
/// Sentences with no more words than this are not counted as sentences (textstat).
const FRAGMENT_WORDS: usize = 2;
/// SMOG was calibrated on samples of 30 sentences; below that it only extrapolates.
const SMOG_SAMPLE: usize = 30;

/// Counts over a stretch of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextCounts {
    /// Words.
    pub words: usize,
    /// Sentence candidates, fragments included.
    pub pieces: usize,
    /// Sentence candidates of one or two words.
    pub fragments: usize,
    /// Syllables of all words.
    pub syllables: usize,
    /// Words of three or more syllables.
    pub polysyllables: usize,
}

impl TextCounts {
    /// Sentences as the formulas count them: fragments left out, at least one.
    pub fn sentences(&self) -> usize {
        (self.pieces - self.fragments).max(1)
    }

    fn add(&mut self, other: TextCounts) {
        self.words += other.words;
        self.pieces += other.pieces;
        self.fragments += other.fragments;
        self.syllables += other.syllables;
        self.polysyllables += other.polysyllables;
    }
}

/// The scores of one formula family.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scores {
    /// English.
    English {
        /// Flesch-Kincaid grade.
        flesch_kincaid: f64,
        /// SMOG grade, when there are at least three sentences.
        smog: Option<f64>,
    },
    /// Spanish.
    Spanish {
        /// Fernández-Huerta reading ease, 0 (hard) to 100 (easy).
        fernandez_huerta: f64,
    },
}

/// How hard a stretch of text is to read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReadingLevel {
    /// What was counted.
    pub counts: TextCounts,
    /// The formulas' results.
    pub scores: Scores,
    /// The school grade the text is held to.
    pub grade: f64,
}

impl ReadingLevel {
    /// The reading level of counted text; `None` when it has no words.
    pub fn of(counts: TextCounts, lang: Lang) -> Option<ReadingLevel> {
        if counts.words == 0 {
            return None;
        }
        let words = counts.words as f64;
        let sentences = counts.sentences() as f64;
        let words_per_sentence = words / sentences;
        let syllables_per_word = counts.syllables as f64 / words;
        Some(match lang {
            Lang::En => {
                let flesch_kincaid = 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59;
                let smog = (counts.sentences() >= 3).then(|| {
                    1.043 * (30.0 * counts.polysyllables as f64 / sentences).sqrt() + 3.1291
                });
                ReadingLevel {
                    counts,
                    scores: Scores::English {
                        flesch_kincaid,
                        smog,
                    },
                    grade: match smog {
                        Some(smog) if counts.sentences() >= SMOG_SAMPLE => smog.max(flesch_kincaid),
                        _ => flesch_kincaid,
                    },
                }
            }
            Lang::Es => {
                // Fernández-Huerta with words per sentence, as Law corrected it and
                // textstat computes it.
                let ease = 206.84 - 60.0 * syllables_per_word - 1.02 * words_per_sentence;
                ReadingLevel {
                    counts,
                    scores: Scores::Spanish {
                        fernandez_huerta: ease,
                    },
                    grade: huerta_grade(ease),
                }
            }
        })
    }

    /// The scores in words: "Flesch-Kincaid 7.9, SMOG 9.3".
    pub fn describe(&self) -> String {
        match self.scores {
            Scores::English {
                flesch_kincaid,
                smog: Some(smog),
            } if self.counts.sentences() >= SMOG_SAMPLE => {
                format!("Flesch-Kincaid {flesch_kincaid:.1}, SMOG {smog:.1}")
            }
            Scores::English {
                flesch_kincaid,
                smog: Some(smog),
            } => format!(
                "Flesch-Kincaid {flesch_kincaid:.1}; SMOG {smog:.1} on fewer than {SMOG_SAMPLE} sentences"
            ),
            Scores::English {
                flesch_kincaid,
                smog: None,
            } => format!("Flesch-Kincaid {flesch_kincaid:.1}"),
            Scores::Spanish { fernandez_huerta } => {
                format!("Fernández-Huerta {fernandez_huerta:.1}")
            }
        }
    }
}

/// Converts Fernández-Huerta reading ease to a school grade.
///
/// His table: 90–100 grade 4, 80–90 grade 5, 70–80 grade 6, 60–70 grades 7–8,
/// 50–60 pre-university (taken as grades 9–12), 30–50 selective courses
/// (12–16), below 30 university (16 and up). Between the points the grade is
/// interpolated, so 65 is grade 8.
pub fn huerta_grade(ease: f64) -> f64 {
    const POINTS: [(f64, f64); 8] = [
        (100.0, 4.0),
        (90.0, 5.0),
        (80.0, 6.0),
        (70.0, 7.0),
        (60.0, 9.0),
        (50.0, 12.0),
        (30.0, 16.0),
        (0.0, 18.0),
    ];
    if ease >= POINTS[0].0 {
        return (POINTS[0].1 - (ease - POINTS[0].0) / 10.0).max(1.0);
    }
    for pair in POINTS.windows(2) {
        let ((hi, g_hi), (lo, g_lo)) = (pair[0], pair[1]);
        if ease >= lo {
            return g_hi + (hi - ease) / (hi - lo) * (g_lo - g_hi);
        }
    }
    18.0 + (-ease) / 30.0 * 2.0
}

/// One sentence candidate of a text: its byte range and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Words in it.
    pub words: usize,
}

/// Splits text into sentence candidates as textstat's `\b[^.!?]+[.!?]*` does.
pub fn sentence_pieces(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut at = 0;
    while let Some(start) = text[at..]
        .char_indices()
        .find(|(_, c)| is_word_char(*c))
        .map(|(i, _)| at + i)
    {
        let body_end = text[start..]
            .find(['.', '!', '?'])
            .map_or(text.len(), |i| start + i);
        let end = body_end
            + text[body_end..]
                .chars()
                .take_while(|c| matches!(c, '.' | '!' | '?'))
                .count();
        pieces.push(Piece {
            range: start..end,
            words: count_words(&text[start..end]),
        });
        at = end;
    }
    pieces
}

/// Words: runs of non-space characters with at least one letter or digit.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .filter(|w| w.chars().any(is_word_char))
}

fn count_words(text: &str) -> usize {
    words(text).count()
}

/// Counts words, sentences and syllables of one text.
pub fn count_text(text: &str, lang: Lang) -> (TextCounts, Vec<Piece>) {
    let pieces = sentence_pieces(text);
    let mut counts = TextCounts {
        pieces: pieces.len(),
        fragments: pieces.iter().filter(|p| p.words <= FRAGMENT_WORDS).count(),
        ..TextCounts::default()
    };
    for word in words(text) {
        let syllables = count_syllables(word, lang);
        counts.words += 1;
        counts.syllables += syllables;
        counts.polysyllables += usize::from(syllables >= 3);
    }
    (counts, pieces)
}

/// One sentence of a handout, with where it starts in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Words in it.
    pub words: usize,
    /// The span of its first character in the handout's file.
    pub at: Range<usize>,
    /// The line of that character, from 1.
    pub line: usize,
    /// Its column, in characters from 1.
    pub column: usize,
}

/// The reading level of one heading section.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionReading {
    /// The heading's text, or `None` for the text before the first heading.
    pub heading: Option<String>,
    /// Where the section starts: its heading, or its first passage.
    pub at: Range<usize>,
    /// Its reading level, when it has prose.
    pub level: Option<ReadingLevel>,
}

/// The reading level of a whole handout and of each of its sections.
#[derive(Debug, Clone, PartialEq)]
pub struct HandoutReading {
    /// The whole handout, when it has prose.
    pub whole: Option<ReadingLevel>,
    /// Each heading section in order.
    pub sections: Vec<SectionReading>,
    /// Every counted sentence, in order.
    pub sentences: Vec<Sentence>,
}

impl HandoutReading {
    /// The sentence with the most words (the first of equals).
    pub fn longest(&self) -> Option<&Sentence> {
        self.sentences.iter().rev().max_by_key(|s| s.words)
    }
}

/// Measures a handout's prose (see [`crate::health::text`] for what counts).
pub fn read_handout(handout: &Handout) -> HandoutReading {
    let mut total = TextCounts::default();
    let mut sections = Vec::new();
    let mut sentences = Vec::new();
    for section in prose_sections(handout) {
        let mut counts = TextCounts::default();
        for passage in &section.passages {
            let (passage_counts, pieces) = count_text(&passage.text, handout.lang);
            counts.add(passage_counts);
            for piece in pieces {
                let at = locate_plain(
                    &handout.source,
                    passage.rich,
                    &passage.text,
                    piece.range.start,
                );
                let location = handout.source.locate(at.clone());
                sentences.push(Sentence {
                    words: piece.words,
                    at,
                    line: location.line,
                    column: location.col,
                });
            }
        }
        total.add(counts);
        let at = match (section.heading, section.passages.first()) {
            (Some(heading), _) => heading.span.clone(),
            (None, Some(first)) => locate_plain(&handout.source, first.rich, &first.text, 0),
            (None, None) => 0..0,
        };
        sections.push(SectionReading {
            heading: section.heading.map(|h| h.plain()),
            at,
            level: ReadingLevel::of(counts, handout.lang),
        });
    }
    HandoutReading {
        whole: ReadingLevel::of(total, handout.lang),
        sections,
        sentences,
    }
}

/// Warnings about long sentences, and the grade limit: a warning above grade 8, an
/// error above `reading_grade` when the handout sets it.
///
/// Sections are held to the limit when they have at least three sentences; in
/// less than that a single long word moves the grade too far to mean anything.
pub fn reading_diagnostics(handout: &Handout, reading: &HandoutReading) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let limit = handout.reading_grade.unwrap_or(DEFAULT_GRADE);
    let over = |level: &ReadingLevel| (level.grade * 10.0).round() / 10.0 > f64::from(limit);
    let judge = |message: String| {
        let hint = match handout.reading_grade {
            Some(n) => format!(
                "the handout sets `reading_grade = {n}`; use shorter sentences and everyday words (`handout check --report` shows each section's grade)"
            ),
            None => format!(
                "handouts should read at grade {DEFAULT_GRADE} or below; use shorter sentences and everyday words, or set `reading_grade` in [handout]"
            ),
        };
        let diagnostic = if handout.reading_grade.is_some() {
            Diagnostic::error(message)
        } else {
            Diagnostic::warning(message)
        };
        diagnostic.with_hint(hint)
    };
    if let Some(whole) = reading.whole.as_ref().filter(|l| over(l)) {
        diagnostics.push(
            judge(format!(
                "this handout reads at grade {:.1} ({}), above grade {limit}",
                whole.grade,
                whole.describe()
            ))
            .at(&handout.source, handout.title.span.clone()),
        );
    }
    if reading.sections.len() > 1 {
        for section in &reading.sections {
            let Some(level) = section.level.as_ref() else {
                continue;
            };
            if level.counts.sentences() < 3 || !over(level) {
                continue;
            }
            let name = match &section.heading {
                Some(heading) => format!("the section \"{heading}\""),
                None => "the text before the first heading".to_string(),
            };
            diagnostics.push(
                judge(format!(
                    "{name} reads at grade {:.1} ({}), above grade {limit}",
                    level.grade,
                    level.describe()
                ))
                .at(&handout.source, section.at.clone()),
            );
        }
    }
    for sentence in &reading.sentences {
        if sentence.words > LONG_SENTENCE {
            diagnostics.push(
                Diagnostic::warning(format!(
                    "this sentence has {} words; sentences over {LONG_SENTENCE} words are hard to follow",
                    sentence.words
                ))
                .at(&handout.source, sentence.at.clone())
                .with_hint("split it into two or more sentences"),
            );
        }
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_like_textstat() {
        let text = "It is “natural.” But is it? Yes... 2.5 mg.";
        let pieces: Vec<&str> = sentence_pieces(text)
            .iter()
            .map(|p| &text[p.range.clone()])
            .collect();
        assert_eq!(
            pieces,
            ["It is “natural.", "But is it?", "Yes...", "2.", "5 mg."]
        );
    }

    #[test]
    fn fragments_count_words_but_not_sentences() {
        let (counts, _) = count_text("Listen. Ask what kratom does for them.", Lang::En);
        assert_eq!(counts.words, 7);
        assert_eq!(counts.sentences(), 1);
    }

    #[test]
    fn punctuation_inside_a_word_keeps_it_one_word() {
        let (counts, _) = count_text("Call 1-800-662-4357, 24/7, for 12-step groups.", Lang::En);
        assert_eq!(counts.words, 6);
    }

    #[test]
    fn huerta_grades_follow_his_table() {
        assert!((huerta_grade(95.0) - 4.5).abs() < 1e-9);
        assert!((huerta_grade(65.0) - 8.0).abs() < 1e-9);
        assert!((huerta_grade(50.0) - 12.0).abs() < 1e-9);
        assert!(huerta_grade(10.0) > 16.0);
        assert!(huerta_grade(-20.0) > 18.0);
    }
}
