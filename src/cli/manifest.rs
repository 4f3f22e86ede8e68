//! The JSON manifest of a `build` or `check` run (`docs/manifest.md`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::cli::args::Shard;
use crate::cli::output::emit;
use crate::diag::{Diagnostic, Severity};
use crate::health::{HealthReport, ReadingLevel, ReviewStatus, Scores};
use crate::load::Kind;
use crate::pipeline::{BuildResult, Outcome};

/// The manifest's `version`: raised when a field changes meaning or goes away.
pub const MANIFEST_VERSION: u32 = 1;

/// What the manifest says besides each input's result.
pub struct ManifestExtra<'a> {
    /// `build` or `check`.
    pub command: &'static str,
    /// Paths named on the command line that are not there.
    pub missing: &'a [PathBuf],
    /// PDFs in the output folder that no input writes, for `build` into a folder.
    pub stray_pdfs: Option<&'a [PathBuf]>,
    /// Of those, the ones a named folder once made from a file that is now gone.
    pub stale: &'a [PathBuf],
    /// `--shard`, when given.
    pub shard: Option<Shard>,
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
