//! `handout check`: everything a build would find, nothing written.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::cli::args::CommonOptions;
use crate::cli::build::{run_parallel, start};
use crate::cli::output::{emit, print_diagnostics, print_summary, printed_counts, say};
use crate::cli::pipeline::{resolve_brand, BuildResult, Outcome, Session};
use crate::diag::{Diagnostic, Severity};
use crate::health::{
    check_brand_contrast, check_health, date_text, lowest, ratio_text, HealthReport, ReadingLevel,
    ReviewStatus, Scores, DEFAULT_GRADE,
};
use crate::load::{load_input, Definition, Kind};
use crate::model::Date;

/// `handout check`.
pub fn run_check(paths: &[PathBuf], common: &CommonOptions) -> u8 {
    let (session, inputs, problems) = match start(paths, common) {
        Ok(started) => started,
        Err(code) => return code,
    };
    let mut results = run_parallel(&inputs, &session, false, None);
    let today = Date::from_unix(session.pdf.created);
    // A brand's contrast error is the same for every input that uses the brand:
    // it is listed with each of them, but printed once.
    let mut printed: HashSet<String> = HashSet::new();
    let mut reports = Vec::with_capacity(results.len());
    for result in &mut results {
        let (report, health) = check_input_health(result, &session, today);
        let health = crate::diag::cap_repeats(health);
        print_diagnostics(&result.diagnostics);
        let fresh: Vec<Diagnostic> = health
            .iter()
            .filter(|d| printed.insert(d.to_string()))
            .cloned()
            .collect();
        print_diagnostics(&fresh);
        if health.iter().any(Diagnostic::is_error) {
            result.outcome = Outcome::Failed;
        }
        result.diagnostics.extend(health);
        reports.push(report);
    }
    let failures = results
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Failed))
        .count();
    let mut unwritten = None;
    if common.report {
        let table = report_tables(&results, &reports);
        if common.json {
            say(&table);
        } else {
            unwritten = emit(&table).err();
        }
    }
    if common.json {
        unwritten = unwritten.or(print_manifest_with(&results, None, &reports, &[]).err());
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
    u8::from(failures > 0 || problems.iter().any(Diagnostic::is_error) || unwritten.is_some())
}

/// Reading level, contrast, review date and translation parity of one input.
///
/// The definition is read again (brands come from the session's cache): the
/// build pipeline keeps only what it renders.
fn check_input_health(
    result: &BuildResult,
    session: &Session,
    today: Date,
) -> (Option<HealthReport>, Vec<Diagnostic>) {
    if !matches!(result.kind, Some(Kind::Handout | Kind::Packet)) {
        return (None, Vec::new());
    }
    let Some(definition) = load_input(&result.input.path, &session.cache).definition else {
        return (None, Vec::new());
    };
    match definition {
        Definition::Handout(handout) => {
            let brand = resolve_brand(session, None, handout.brand.as_ref(), &handout.source).ok();
            let (report, diagnostics) =
                check_health(&handout, brand.as_deref(), today, &session.cache);
            (Some(report), diagnostics)
        }
        Definition::Packet(packet) => {
            let Ok(brand) = resolve_brand(session, None, packet.brand.as_ref(), &packet.source)
            else {
                return (None, Vec::new());
            };
            let report = HealthReport {
                reading: None,
                grade_limit: DEFAULT_GRADE,
                limit_set: false,
                lowest_contrast: Some(lowest(brand.accent)),
                review: ReviewStatus::Unset,
            };
            (Some(report), check_brand_contrast(&brand))
        }
        Definition::Brand(_) => (None, Vec::new()),
    }
}

/// `check --report`: a short table for each handout and packet.
fn report_tables(results: &[BuildResult], reports: &[Option<HealthReport>]) -> String {
    let mut out = String::new();
    for (result, report) in results.iter().zip(reports) {
        let Some(report) = report else { continue };
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

/// Prints one JSON manifest of the results on stdout.
///
/// `stale` lists the PDFs in the output folder whose source is gone.
pub fn print_manifest(
    results: &[BuildResult],
    out: Option<&Path>,
    stale: &[PathBuf],
) -> Result<(), String> {
    print_manifest_with(results, out, &[], stale)
}

/// Prints the JSON manifest with the health numbers of `check` for each input that has them.
pub fn print_manifest_with(
    results: &[BuildResult],
    out: Option<&Path>,
    reports: &[Option<HealthReport>],
    stale: &[PathBuf],
) -> Result<(), String> {
    let mut json = String::from("{\"inputs\":[");
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
        if let Some(Some(report)) = reports.get(i) {
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
    json.push(']');
    if out.is_some() {
        let listed: Vec<String> = stale
            .iter()
            .map(|p| quote(&p.display().to_string()))
            .collect();
        let _ = write!(json, ",\"stale\":[{}]", listed.join(","));
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
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
