//! `handout check`: everything a build would find, nothing written.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::cli::args::CommonOptions;
use crate::cli::build::{run_parallel, settle, start, Started};
use crate::cli::manifest::{print_manifest, ManifestExtra};
use crate::cli::output::{emit, print_diagnostics, print_summary, printed_counts, say};
use crate::diag::Diagnostic;
use crate::health::{date_text, ratio_text, ReviewStatus};
use crate::pipeline::{BuildResult, Outcome};

/// `handout check`.
pub fn run_check(paths: &[PathBuf], common: &CommonOptions) -> u8 {
    let Started {
        mut session,
        inputs,
        missing,
        problems,
        ..
    } = match start(paths, common) {
        Ok(started) => started,
        Err(code) => return code,
    };
    let mut results = run_parallel(&inputs, &mut session, false, None);
    settle(&mut results, session.strict);
    let failures = results
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Failed))
        .count();
    let mut unwritten = None;
    if common.report {
        let table = report_tables(&results);
        if common.json {
            say(&table);
        } else {
            unwritten = emit(&table).err();
        }
    }
    if common.json {
        let manifest = print_manifest(
            &results,
            None,
            &ManifestExtra {
                command: "check",
                missing: &missing,
                stray_pdfs: None,
                stale: &[],
                shard: common.shard,
            },
        );
        unwritten = unwritten.or(manifest.err());
    }
    if let Some(message) = &unwritten {
        print_diagnostics(&[Diagnostic::error(message.clone())
            .with_hint("send the output to a file with space on its disk")]);
    }
    print_summary(&format!(
        "checked {} file{}: {} with errors; {}",
        results.len(),
        if results.len() == 1 { "" } else { "s" },
        failures,
        printed_counts()
    ));
    u8::from(failures > 0 || problems || !missing.is_empty() || unwritten.is_some())
}

/// `check --report`: a short table for each handout and packet.
fn report_tables(results: &[BuildResult]) -> String {
    let mut out = String::new();
    for result in results {
        let Some(report) = &result.health else {
            continue;
        };
        let _ = writeln!(out, "{}", result.input.path.display());
        let mut row = |label: &str, value: String| {
            let _ = writeln!(out, "  {label:<18}{value}");
        };
        if let Some(reading) = &report.reading {
            let limit = format!(
                "limit {}{}",
                report.grade_limit,
                if report.limit_set { "" } else { " (default)" }
            );
            match &reading.whole {
                Some(level) => row(
                    "reading grade",
                    format!("{:.1} ({}), {limit}", level.grade, level.describe()),
                ),
                None => row("reading grade", format!("no text to measure, {limit}")),
            }
            match reading.longest() {
                Some(sentence) => row(
                    "longest sentence",
                    format!("{} words, line {}", sentence.words, sentence.line),
                ),
                None => row("longest sentence", "none".to_string()),
            }
        }
        if let Some(pair) = &report.lowest_contrast {
            row(
                "lowest contrast",
                format!("{} ({})", ratio_text(pair.ratio()), pair.what),
            );
        }
        if report.reading.is_some() {
            row("review", review_text(report.review));
        }
        if let Some(reading) = report.reading.as_ref().filter(|r| r.sections.len() > 1) {
            row("sections", String::new());
            for section in &reading.sections {
                let name = section
                    .heading
                    .clone()
                    .unwrap_or_else(|| "(before the first heading)".to_string());
                let grade = section
                    .level
                    .as_ref()
                    .map_or_else(|| "-".to_string(), |l| format!("{:.1}", l.grade));
                let words = section.level.as_ref().map_or(0, |l| l.counts.words);
                let _ = writeln!(
                    out,
                    "    {:<36} grade {grade:>5}  {words:>4} words",
                    shorten(&name, 36)
                );
            }
        }
    }
    out
}

fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(width - 1).collect();
        cut.push('…');
        cut
    }
}

fn review_text(review: ReviewStatus) -> String {
    match review {
        ReviewStatus::Unset => "no review date".to_string(),
        ReviewStatus::Due(date) => format!("next review {}", date_text(date)),
        ReviewStatus::Overdue(date) => format!("overdue since {}", date_text(date)),
    }
}
