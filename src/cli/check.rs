//! `handout check`: everything a build would find, nothing written.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::cli::args::CommonOptions;
use crate::cli::build::{run_parallel, settle, start, ManifestExtra, Started};
use crate::cli::output::{emit, print_diagnostics, print_summary, printed_counts, say};
use crate::diag::{Diagnostic, Severity};
use crate::health::{date_text, ratio_text, HealthReport, ReadingLevel, ReviewStatus, Scores};
use crate::load::Kind;
use crate::pipeline::{BuildResult, Outcome};

/// The manifest's `version`: raised when a field changes meaning or goes away.
pub const MANIFEST_VERSION: u32 = 1;

/// `handout check`.
pub fn run_check(paths: &[PathBuf], common: &CommonOptions) -> u8 {
    let Started {
        session,
        inputs,
        missing,
        problems,
        ..
    } = match start(paths, common) {
        Ok(started) => started,
        Err(code) => return code,
    };
    let mut results = run_parallel(&inputs, &session, false, None);
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

/// Prints the JSON manifest (`docs/manifest.md`) of a run on stdout.
pub fn print_manifest(
    results: &[BuildResult],
    out: Option<&Path>,
    extra: &ManifestExtra,
) -> Result<(), String> {
    let mut json = format!(
        "{{\"version\":{MANIFEST_VERSION},\"command\":\"{}\"",
        extra.command
    );
    if let Some(shard) = extra.shard {
        let _ = write!(
            json,
            ",\"shard\":{{\"index\":{},\"count\":{}}}",
            shard.index, shard.count
        );
    }
    json.push_str(",\"inputs\":[");
    for (i, result) in results.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        let kind = match result.kind {
            Some(Kind::Brand) => "brand",
            Some(Kind::Handout) => "handout",
            Some(Kind::Packet) => "packet",
            None => "unknown",
        };
        let status = match result.outcome {
            Outcome::Built { .. } | Outcome::Checked { .. } => "ok",
            Outcome::Skipped => "skipped",
            Outcome::Failed => "failed",
        };
        let _ = write!(
            json,
            "{{\"input\":{},\"kind\":\"{kind}\",\"status\":\"{status}\"",
            quote(&result.input.path.display().to_string())
        );
        match &result.outcome {
            Outcome::Built {
                pages,
                size,
                sha256,
            } => {
                if let Some(out) = out {
                    let _ = write!(
                        json,
                        ",\"output\":{}",
                        quote(&out.join(&result.input.output).display().to_string())
                    );
                }
                let _ = write!(json, ",\"pages\":{pages},\"bytes\":{size}");
                if let Some(sha256) = sha256 {
                    let _ = write!(json, ",\"sha256\":\"{sha256}\"");
                }
            }
            Outcome::Checked { pages } => {
                let _ = write!(json, ",\"pages\":{pages}");
            }
            _ => {}
        }
        for (key, date) in [
            ("reviewed", result.reviewed),
            ("next_review", result.next_review),
        ] {
            if let Some(d) = date {
                let _ = write!(
                    json,
                    ",\"{key}\":\"{:04}-{:02}-{:02}\"",
                    d.year, d.month, d.day
                );
            }
        }
        if let Some(written) = result.written {
            let _ = write!(json, ",\"written\":{written}");
        }
        if let Some(note) = &result.note {
            let _ = write!(json, ",\"note\":{}", quote(note));
        }
        if let Some(report) = &result.health {
            let _ = write!(json, ",\"health\":{}", health_json(report));
        }
        for (key, severity) in [("errors", Severity::Error), ("warnings", Severity::Warning)] {
            let _ = write!(json, ",\"{key}\":[");
            let list: Vec<String> = result
                .diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .map(diagnostic_json)
                .collect();
            json.push_str(&list.join(","));
            json.push(']');
        }
        json.push('}');
    }
    for (i, path) in extra.missing.iter().enumerate() {
        if i > 0 || !results.is_empty() {
            json.push(',');
        }
        let error = Diagnostic::error("no such file or folder").in_file(path);
        let _ = write!(
            json,
            "{{\"input\":{},\"kind\":\"unknown\",\"status\":\"missing\",\"errors\":[{}],\"warnings\":[]}}",
            quote(&path.display().to_string()),
            diagnostic_json(&error)
        );
    }
    json.push(']');
    if let Some(stray) = extra.stray_pdfs {
        let list: Vec<String> = stray
            .iter()
            .map(|p| quote(&p.display().to_string()))
            .collect();
        let _ = write!(json, ",\"stray_pdfs\":[{}]", list.join(","));
        let stale: Vec<String> = extra
            .stale
            .iter()
            .map(|p| quote(&p.display().to_string()))
            .collect();
        let _ = write!(json, ",\"stale\":[{}]", stale.join(","));
    }
    json.push_str("}\n");
    emit(&json)
}

fn health_json(report: &HealthReport) -> String {
    let mut s = String::from("{");
    if let Some(reading) = &report.reading {
        s.push_str("\"reading\":{");
        match &reading.whole {
            Some(level) => s.push_str(&level_json(level)),
            None => s.push_str("\"grade\":null"),
        }
        let _ = write!(
            s,
            ",\"limit\":{},\"limit_set\":{}",
            report.grade_limit, report.limit_set
        );
        match reading.longest() {
            Some(sentence) => {
                let _ = write!(
                    s,
                    ",\"longest_sentence\":{{\"words\":{},\"line\":{},\"column\":{}}}",
                    sentence.words, sentence.line, sentence.column
                );
            }
            None => s.push_str(",\"longest_sentence\":null"),
        }
        s.push_str(",\"sections\":[");
        let sections: Vec<String> = reading
            .sections
            .iter()
            .map(|section| {
                let heading = section.heading.as_deref().map_or("null".to_string(), quote);
                let level = section
                    .level
                    .as_ref()
                    .map_or("\"grade\":null".to_string(), level_json);
                format!("{{\"heading\":{heading},{level}}}")
            })
            .collect();
        s.push_str(&sections.join(","));
        s.push_str("]},");
    }
    match &report.lowest_contrast {
        Some(pair) => {
            let _ = write!(
                s,
                "\"lowest_contrast\":{{\"ratio\":{:.2},\"where\":{}}}",
                (pair.ratio() * 100.0).floor() / 100.0,
                quote(pair.what)
            );
        }
        None => s.push_str("\"lowest_contrast\":null"),
    }
    if report.reading.is_some() {
        let review = match report.review {
            ReviewStatus::Unset => "\"none\"".to_string(),
            ReviewStatus::Due(_) => "\"ok\"".to_string(),
            ReviewStatus::Overdue(_) => "\"overdue\"".to_string(),
        };
        let _ = write!(s, ",\"review\":{review}");
    }
    s.push('}');
    s
}

fn level_json(level: &ReadingLevel) -> String {
    let counts = level.counts;
    let mut s = format!("\"grade\":{:.2}", level.grade);
    match level.scores {
        Scores::English {
            flesch_kincaid,
            smog,
        } => {
            let _ = write!(s, ",\"flesch_kincaid\":{flesch_kincaid:.2}");
            match smog {
                Some(smog) => {
                    let _ = write!(s, ",\"smog\":{smog:.2}");
                }
                None => s.push_str(",\"smog\":null"),
            }
        }
        Scores::Spanish { fernandez_huerta } => {
            let _ = write!(s, ",\"fernandez_huerta\":{fernandez_huerta:.2}");
        }
    }
    let _ = write!(
        s,
        ",\"words\":{},\"sentences\":{},\"syllables\":{},\"polysyllables\":{}",
        counts.words,
        counts.sentences(),
        counts.syllables,
        counts.polysyllables
    );
    s
}

fn diagnostic_json(d: &Diagnostic) -> String {
    let mut s = String::from("{");
    if let Some(file) = &d.file {
        let _ = write!(s, "\"file\":{},", quote(&file.display().to_string()));
    }
    if let Some(loc) = &d.location {
        let _ = write!(s, "\"line\":{},\"column\":{},", loc.line, loc.col);
    }
    let _ = write!(s, "\"message\":{}", quote(&d.message));
    if let Some(hint) = &d.hint {
        let _ = write!(s, ",\"hint\":{}", quote(hint));
    }
    s.push('}');
    s
}

/// A JSON string literal.
pub fn quote(text: &str) -> String {
    crate::diag::json_quote(text)
}
