//! `handout build`: every input through the pipeline, in parallel, each PDF written whole.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::cli::args::CommonOptions;
use crate::cli::inputs::{collect_inputs, Input};
use crate::cli::output::{
    print_diagnostics, print_summary, printed_any, printed_counts, remove_dead_temporaries,
    remove_temporaries_on_signal, say, write_atomically,
};
use crate::cli::pipeline::{build_one, BuildResult, Outcome, Session};
use crate::diag::Diagnostic;
use crate::layout::LayoutOptions;
use crate::load::BrandCache;
use crate::pdf::PdfOptions;

pub use crate::cli::packet::lay_out_packet;

/// Makes the session shared by every input of a run.
pub fn new_session(common: &CommonOptions) -> Result<Session, Diagnostic> {
    Ok(Session {
        cache: BrandCache::default(),
        brand_override: common.brand.clone(),
        layout: LayoutOptions {
            paper: common.paper.map(Into::into),
            large_print: common.large_print,
        },
        pdf: PdfOptions {
            created: creation_time()?,
        },
        manifest: common.json,
    })
}

/// `SOURCE_DATE_EPOCH` when set (reproducible builds), else the current time.
fn creation_time() -> Result<i64, Diagnostic> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|s| *s >= 0)
            .ok_or_else(|| {
                Diagnostic::error(format!(
                    "SOURCE_DATE_EPOCH is not a number of seconds: \"{}\"",
                    crate::diag::clip(&value)
                ))
                .with_hint("set it to a Unix time such as 1767225600, or unset it")
            })
            .and_then(|seconds| {
                if seconds > crate::model::LAST_SECOND {
                    Err(Diagnostic::error(format!(
                        "SOURCE_DATE_EPOCH {seconds} is after the year 9999, which a PDF date cannot hold"
                    ))
                    .with_hint("set it to a Unix time such as 1767225600, or unset it"))
                } else {
                    Ok(seconds)
                }
            }),
        Err(_) => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)),
    }
}

/// Runs every input through `work` on all cores, keeping the input order.
///
/// With an output folder, each PDF is written as soon as it is ready, so a
/// batch never holds more than a PDF per core in memory.
pub fn run_parallel(
    inputs: &[Input],
    session: &Session,
    render: bool,
    out: Option<&Path>,
) -> Vec<BuildResult> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(inputs.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<BuildResult>>> =
        Mutex::new((0..inputs.len()).map(|_| None).collect());
    let progress = inputs.len() > 4 && std::io::stderr().is_terminal();
    let work = || loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        let Some(input) = inputs.get(index) else {
            break;
        };
        let mut result = build_one(input, session, render);
        if let (Some(out), Some(pdf)) = (out, result.pdf.take()) {
            if let Err(diagnostic) = write_atomically(&out.join(&input.output), &pdf) {
                result.diagnostics.push(diagnostic);
                result.outcome = Outcome::Failed;
            }
        }
        if let Ok(mut slots) = results.lock() {
            slots[index] = Some(result);
        }
        let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
        if progress {
            draw_progress(finished, inputs.len());
        }
    };
    // The calling thread works too: a single input never starts a thread.
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(work);
        }
        work();
    });
    if progress {
        say("\r\x1b[2K");
    }
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

fn draw_progress(done: usize, total: usize) {
    let width = 30;
    let filled = done * width / total.max(1);
    say(&format!(
        "\r[{}{}] {done}/{total}",
        "#".repeat(filled),
        " ".repeat(width - filled)
    ));
}

/// Two inputs that would write the same file: an error before anything is written.
fn duplicate_outputs(inputs: &[Input], out: &Path) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<PathBuf, &Input> = BTreeMap::new();
    let mut errors = Vec::new();
    for input in inputs {
        // Brand files are never outputs: two folders' brand.toml clash with nothing.
        if declares_brand(&input.path) {
            continue;
        }
        let target = out.join(&input.output);
        if let Some(first) = seen.get(&target) {
            errors.push(
                Diagnostic::error(format!(
                    "this file and {} would both be written to {}",
                    first.path.display(),
                    target.display()
                ))
                .in_file(&input.path)
                .with_hint("rename one of them, or build them into different folders with -o"),
            );
        } else {
            seen.insert(target, input);
        }
    }
    errors
}

/// The PDFs in the output folder that a folder named in this build once made
/// and now would not: their source is gone or was renamed. Only a build of
/// folders can tell; a build of single files reports nothing. They are never
/// removed: the folder may hold PDFs someone put there on purpose.
fn stale_pdfs(paths: &[PathBuf], inputs: &[Input], out: &Path) -> Vec<PathBuf> {
    let folders: Vec<&PathBuf> = paths.iter().filter(|p| p.is_dir()).collect();
    if folders.is_empty() {
        return Vec::new();
    }
    let made: std::collections::BTreeSet<&Path> =
        inputs.iter().map(|i| i.output.as_path()).collect();
    let mut stale = Vec::new();
    let mut pending = vec![(PathBuf::new(), 0)];
    while let Some((relative, depth)) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(out.join(&relative)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = relative.join(entry.file_name());
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() && depth < crate::cli::inputs::MAX_DEPTH {
                pending.push((name, depth + 1));
                continue;
            }
            let pdf = name
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if !kind.is_file() || !pdf || hidden || made.contains(name.as_path()) {
                continue;
            }
            // Its source would be NAME.toml (in any case) in one of the folders.
            let has_source = folders.iter().any(|folder| {
                let base = folder.join(&name);
                ["toml", "TOML", "Toml"]
                    .iter()
                    .any(|ext| base.with_extension(ext).exists())
            });
            if !has_source {
                stale.push(out.join(name));
            }
        }
    }
    stale.sort();
    stale
}

/// Whether a file has a `[brand]` line: a brand file, which builds no PDF.
fn declares_brand(path: &Path) -> bool {
    crate::load::read_limited(path, 8 * 1024 * 1024).is_ok_and(|bytes| {
        String::from_utf8_lossy(&bytes)
            .lines()
            .any(|line| line.trim() == "[brand]")
    })
}

/// What `build` and `check` start from: the session, the inputs, and the paths that were not there.
pub fn start(
    paths: &[PathBuf],
    common: &CommonOptions,
) -> Result<(Session, Vec<Input>, Vec<Diagnostic>), u8> {
    let session = new_session(common).map_err(|diagnostic| {
        print_diagnostics(&[diagnostic]);
        2
    })?;
    let (inputs, problems) = collect_inputs(paths);
    print_diagnostics(&problems);
    Ok((session, inputs, problems))
}

/// `handout build`.
pub fn run_build(paths: &[PathBuf], out: &Path, common: &CommonOptions) -> u8 {
    let (session, inputs, problems) = match start(paths, common) {
        Ok(started) => started,
        Err(code) => return code,
    };
    let duplicates = duplicate_outputs(&inputs, out);
    if !duplicates.is_empty() {
        print_diagnostics(&duplicates);
        return 1;
    }
    remove_temporaries_on_signal();
    remove_dead_temporaries(out);
    let mut results = run_parallel(&inputs, &session, true, Some(out));
    let stale = stale_pdfs(paths, &inputs, out);
    let (built, failures) = print_results(&mut results);
    let mut failed = problems.iter().any(Diagnostic::is_error) || failures > 0;
    if common.json {
        if let Err(message) = crate::cli::check::print_manifest(&results, Some(out), &stale) {
            print_diagnostics(&[Diagnostic::error(message).with_hint(
                "the PDFs were written; send the manifest to a file with space on its disk",
            )]);
            failed = true;
        }
    }
    for pdf in &stale {
        say(&format!(
            "note: {} was built from a file that is gone or renamed; it is left as it is (delete it if it is no longer needed)\n\n",
            pdf.display()
        ));
    }
    print_summary(&summary_line(built, failures, out));
    u8::from(failed)
}

/// Prints each result's diagnostics; returns how many PDFs were built and how many inputs failed.
pub fn print_results(results: &mut [BuildResult]) -> (usize, usize) {
    let mut built = 0;
    let mut failures = 0;
    for result in results.iter_mut() {
        if let Outcome::Built { .. } = &result.outcome {
            built += 1;
        }
        if matches!(result.outcome, Outcome::Skipped) && result.input.named {
            result.diagnostics.push(
                Diagnostic::warning("this is a brand file, so there is nothing to build from it")
                    .in_file(&result.input.path),
            );
        }
        print_diagnostics(&result.diagnostics);
        if matches!(result.outcome, Outcome::Failed) {
            failures += 1;
        }
    }
    (built, failures)
}

/// The closing line: what was built, what failed, and the errors and warnings printed.
pub fn summary_line(built: usize, failures: usize, out: &Path) -> String {
    let mut line = format!("built {built} PDF{} into {}", plural(built), out.display());
    if failures > 0 {
        line.push_str(&format!("; {failures} input{} failed", plural(failures)));
    }
    if printed_any() {
        line.push_str(&format!("; {}", printed_counts()));
    }
    line
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
