//! `handout check`: everything a build would find, nothing written.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::cli::args::CommonOptions;
use crate::cli::build::{new_session, run_parallel};
use crate::cli::inputs::collect_inputs;
use crate::cli::output::print_diagnostics;
use crate::cli::pipeline::{BuildResult, Outcome};
use crate::diag::{Diagnostic, Severity};
use crate::load::Kind;
use crate::model::Date;

/// `handout check`.
pub fn run_check(paths: &[PathBuf], common: &CommonOptions) -> u8 {
    let session = match new_session(common) {
        Ok(session) => session,
        Err(diagnostic) => {
            print_diagnostics(&[diagnostic]);
            return 2;
        }
    };
    let (inputs, problems) = collect_inputs(paths);
    print_diagnostics(&problems);
    let mut results = run_parallel(&inputs, &session, false, None);
    let today = Date::from_unix(session.pdf.created);
    for result in &mut results {
        if let Some(next) = result.next_review {
            if next < today {
                result.diagnostics.push(
                    Diagnostic::warning(format!(
                        "the review date {:04}-{:02}-{:02} (`next_review`) has passed",
                        next.year, next.month, next.day
                    ))
                    .in_file(&result.input.path)
                    .with_hint("have the text reviewed, then update `reviewed` and `next_review`"),
                );
            }
        }
        print_diagnostics(&result.diagnostics);
    }
    let failures = results
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Failed))
        .count();
    let warnings: usize = results
        .iter()
        .map(|r| {
            r.diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .count()
        })
        .sum();
    if common.json {
        print_manifest(&results, None);
    }
    eprintln!(
        "checked {} file{}: {} with errors, {} warning{}",
        results.len(),
        if results.len() == 1 { "" } else { "s" },
        failures,
        warnings,
        if warnings == 1 { "" } else { "s" }
    );
    u8::from(failures > 0 || !problems.is_empty())
}

/// Prints one JSON manifest of the results on stdout.
pub fn print_manifest(results: &[BuildResult], out: Option<&Path>) {
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
                let _ = write!(
                    json,
                    ",\"pages\":{pages},\"bytes\":{size},\"sha256\":\"{sha256}\""
                );
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
    json.push_str("]}");
    println!("{json}");
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
