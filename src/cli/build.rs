//! `handout build`: every input through the pipeline, in parallel, each PDF written whole.

use std::collections::{BTreeMap, HashSet};
use std::io::{IsTerminal, Write as _};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::cli::args::CommonOptions;
use crate::cli::inputs::{collect_inputs, Input};
use crate::cli::manifest::{print_manifest, ManifestExtra};
use crate::cli::output::{
    print_diagnostics, print_summary, printed_any, printed_counts, remove_dead_temporaries,
    remove_temporaries_on_signal, say, write_pdf,
};
use crate::diag::Diagnostic;
use crate::layout::LayoutOptions;
use crate::load::BrandCache;
use crate::model::Date;
use crate::pdf::PdfOptions;
use crate::pipeline::{build_one, BuildResult, Outcome, Session};

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
            helpers: 0,
        },
        manifest: common.json,
        today: today()?,
        strict: common.strict,
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
        Err(_) => Ok(now()),
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The date review dates are compared with: `HANDOUT_TODAY` when set, else
/// the real date (in UTC). `SOURCE_DATE_EPOCH` pins the PDFs' creation date
/// only, so a CI that pins it still sees a review fall due.
pub fn today() -> Result<Date, Diagnostic> {
    match std::env::var("HANDOUT_TODAY") {
        Ok(value) => Date::parse(value.trim()).ok_or_else(|| {
            Diagnostic::error(format!("HANDOUT_TODAY is not a date: \"{value}\""))
                .with_hint("write it as YYYY-MM-DD, such as 2026-12-01, or unset it")
        }),
        Err(_) => Ok(Date::from_unix(now())),
    }
}

/// Runs every input through `work` on all cores, keeping the input order.
///
/// With an output folder, each PDF is written as soon as it is ready, so a
/// batch never holds more than a PDF per core in memory.
pub fn run_parallel(
    inputs: &[Input],
    session: &mut Session,
    render: bool,
    out: Option<&Path>,
) -> Vec<BuildResult> {
    // A batch sets the same handouts for many brands: each paragraph's
    // lines are kept. A single input sets each paragraph once or so.
    if inputs.len() > 1 {
        crate::text::keep_paragraphs(true);
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(inputs.len()).max(1);
    // Cores no input keeps busy help each document with its images and
    // streams: a single packet uses both cores of a two-core runner.
    session.pdf.helpers = usize::from(cores > threads);
    let session = &*session;
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
        // Without an output folder the PDF stays in the result (for `-o -`).
        let pdf = out.and_then(|out| Some((out, result.pdf.take()?)));
        if let Some((out, pdf)) = pdf {
            match write_pdf(&out.join(&input.output), &pdf) {
                Ok(written) => result.written = Some(written),
                Err(diagnostic) => {
                    result.diagnostics.push(diagnostic);
                    result.outcome = Outcome::Failed;
                }
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

/// What `build` and `check` start from.
pub struct Started {
    /// What every input of the run shares.
    pub session: Session,
    /// Every input found, in every shard.
    pub all: Vec<Input>,
    /// The inputs of this shard (all of them without `--shard`).
    pub inputs: Vec<Input>,
    /// Paths of this shard named on the command line that are not there.
    pub missing: Vec<PathBuf>,
    /// Whether a path could not be used (missing, or a folder that cannot be read).
    pub problems: bool,
}

/// The session, the inputs of this shard, and the paths that were not there (reported).
pub fn start(paths: &[PathBuf], common: &CommonOptions) -> Result<Started, u8> {
    crate::cli::format::set_format(common.diagnostic_format);
    let session = new_session(common).map_err(|diagnostic| {
        print_diagnostics(&[diagnostic]);
        2
    })?;
    let (all, problems) = collect_inputs(paths);
    let in_shard = |path: &Path| {
        common
            .shard
            .is_none_or(|shard| shard_of(path, shard.count) == shard.index)
    };
    let missing_anywhere: Vec<&PathBuf> = paths
        .iter()
        .filter(|p| !p.is_dir() && !p.exists())
        .collect();
    // A missing path belongs to one shard like any other, so it is reported once.
    let problems: Vec<Diagnostic> = problems
        .into_iter()
        .filter(|d| match &d.file {
            Some(file) if missing_anywhere.contains(&file) => in_shard(file),
            _ => true,
        })
        .collect();
    print_diagnostics(&problems);
    let inputs = all.iter().filter(|i| in_shard(&i.path)).cloned().collect();
    let missing = missing_anywhere
        .into_iter()
        .filter(|p| in_shard(p))
        .cloned()
        .collect();
    Ok(Started {
        session,
        all,
        inputs,
        missing,
        problems: problems.iter().any(Diagnostic::is_error),
    })
}

/// The shard, 1 to `count`, that a path belongs to: the first 8 bytes of the
/// SHA-256 of the path (as given, without `./` parts) read as a big-endian
/// number, modulo `count`, plus 1. It depends on the path alone, so adding a
/// file never moves another.
pub fn shard_of(path: &Path, count: u64) -> u64 {
    use sha2::{Digest, Sha256};
    let key: PathBuf = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    let digest = Sha256::digest(key.to_string_lossy().as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first) % count.max(1) + 1
}

/// Where `build` puts what it makes.
enum Destination {
    /// PDFs into a folder, named after their inputs.
    Folder(PathBuf),
    /// The one PDF to this file.
    File(PathBuf),
    /// The one PDF to standard output.
    Stdout,
}

/// Reads `-o`: `-`, a file ending in .pdf (for a single input) or a folder.
fn destination(
    out: &Path,
    all: &[Input],
    common: &CommonOptions,
) -> Result<Destination, Diagnostic> {
    let single = |what: &str| {
        if all.len() <= 1 {
            Ok(())
        } else {
            Err(Diagnostic::error(format!(
                "-o {what} takes a single input, but there are {} inputs",
                all.len()
            ))
            .with_hint("name one .toml file to build, or give -o a folder for several PDFs"))
        }
    };
    if out == Path::new("-") {
        if common.json {
            return Err(
                Diagnostic::error("--json and -o - would both write to standard output")
                    .with_hint("write the PDF to a file with -o FILE.pdf, or leave out --json"),
            );
        }
        single("-")?;
        return Ok(Destination::Stdout);
    }
    let names_pdf = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if names_pdf && !out.is_dir() {
        single(&out.display().to_string())?;
        return Ok(Destination::File(out.to_path_buf()));
    }
    Ok(Destination::Folder(out.to_path_buf()))
}

/// The PDF's path relative to the output folder: named after the input in a
/// folder (`NAME-large-print.pdf` for large print), or the file `-o` names.
fn output_name(input: &Input, destination: &Destination, large_print: bool) -> PathBuf {
    match destination {
        Destination::File(file) => file
            .file_name()
            .map_or_else(|| input.output.clone(), PathBuf::from),
        Destination::Folder(_) | Destination::Stdout if large_print => {
            large_print_name(&input.output)
        }
        Destination::Folder(_) | Destination::Stdout => input.output.clone(),
    }
}

/// `guide.pdf` -> `guide-large-print.pdf`, in the same folder.
fn large_print_name(output: &Path) -> PathBuf {
    let stem = output
        .file_stem()
        .map_or_else(|| "handout".into(), |s| s.to_string_lossy().into_owned());
    output.with_file_name(format!("{stem}-large-print.pdf"))
}

/// Prints each result's diagnostics and notes, and marks an input stopped by
/// an error (or with `--strict` a warning) as failed. A health diagnostic
/// already printed for another input (the brand's contrast) is not printed
/// again, but stays in each input's list.
pub fn settle(results: &mut [BuildResult], strict: bool) {
    let mut printed: HashSet<String> = HashSet::new();
    for result in results {
        if let Some(note) = &result.note {
            say(&format!(
                "{}\n",
                crate::cli::format::note_line(&result.input.path, note)
            ));
        }
        print_diagnostics(&result.diagnostics);
        let health = std::mem::take(&mut result.health_diagnostics);
        let fresh: Vec<Diagnostic> = health
            .iter()
            .filter(|d| printed.insert(d.to_string()))
            .cloned()
            .collect();
        print_diagnostics(&fresh);
        result.diagnostics.extend(health);
        if result.blocked(strict) {
            result.outcome = Outcome::Failed;
            result.pdf = None;
        }
    }
}

/// PDFs under the output folder that no input of the run (in any shard, in
/// either edition) writes.
fn stray_pdfs(folder: &Path, all: &[Input]) -> Vec<PathBuf> {
    let owned: HashSet<PathBuf> = all
        .iter()
        .flat_map(|input| {
            [
                folder.join(&input.output),
                folder.join(large_print_name(&input.output)),
            ]
        })
        .collect();
    let mut found = Vec::new();
    find_pdfs(folder, &mut found, 0);
    found.retain(|pdf| !owned.contains(pdf));
    found.sort();
    found
}

fn find_pdfs(dir: &Path, found: &mut Vec<PathBuf>, depth: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if hidden {
            continue;
        }
        if kind.is_dir() && depth < 32 {
            find_pdfs(&path, found, depth + 1);
        } else if kind.is_file()
            && path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        {
            found.push(path);
        }
    }
}

/// `handout build`.
pub fn run_build(paths: &[PathBuf], out: &Path, common: &CommonOptions) -> u8 {
    let Started {
        mut session,
        all,
        inputs,
        missing,
        problems,
    } = match start(paths, common) {
        Ok(started) => started,
        Err(code) => return code,
    };
    let destination = match destination(out, &all, common) {
        Ok(destination) => destination,
        Err(diagnostic) => {
            print_diagnostics(&[diagnostic]);
            return 2;
        }
    };
    let folder = match &destination {
        Destination::Folder(folder) => folder.clone(),
        Destination::File(file) => file.parent().map(Path::to_path_buf).unwrap_or_default(),
        Destination::Stdout => PathBuf::new(),
    };
    let rename = |input: &Input| Input {
        output: output_name(input, &destination, common.large_print),
        ..input.clone()
    };
    let named_all: Vec<Input> = all.iter().map(rename).collect();
    let inputs: Vec<Input> = inputs.iter().map(rename).collect();
    let duplicates = duplicate_outputs(&named_all, &folder);
    if !duplicates.is_empty() {
        print_diagnostics(&duplicates);
        return 1;
    }
    let to_stdout = matches!(destination, Destination::Stdout);
    remove_temporaries_on_signal();
    if !to_stdout {
        remove_dead_temporaries(&folder);
    }
    let mut results = run_parallel(
        &inputs,
        &mut session,
        true,
        (!to_stdout).then_some(folder.as_path()),
    );
    for result in &mut results {
        if matches!(result.outcome, Outcome::Skipped) && result.input.named {
            result.diagnostics.push(
                Diagnostic::warning("this is a brand file, so there is nothing to build from it")
                    .in_file(&result.input.path),
            );
        }
    }
    settle(&mut results, session.strict);
    let mut failed = problems || !missing.is_empty();
    if to_stdout {
        if let Some(result) = results.first_mut() {
            if let Some(pdf) = result.pdf.take() {
                let mut stdout = std::io::stdout().lock();
                match stdout.write_all(&pdf).and_then(|()| stdout.flush()) {
                    Ok(()) => result.written = Some(true),
                    Err(e) => {
                        let diagnostic = Diagnostic::error(format!(
                            "cannot write the PDF to standard output: {e}"
                        ))
                        .in_file(&result.input.path)
                        .with_hint("send standard output to a file or a program that reads it all");
                        print_diagnostics(std::slice::from_ref(&diagnostic));
                        result.diagnostics.push(diagnostic);
                        result.outcome = Outcome::Failed;
                    }
                }
            }
        }
    }
    let built = results
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Built { .. }))
        .count();
    let failures = results
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Failed))
        .count();
    failed |= failures > 0;
    let stale = match &destination {
        Destination::Folder(folder) => stale_pdfs(paths, &inputs, folder),
        _ => Vec::new(),
    };
    if common.json {
        let stray = match &destination {
            Destination::Folder(folder) => Some(stray_pdfs(folder, &named_all)),
            _ => None,
        };
        let manifest = print_manifest(
            &results,
            Some(&folder),
            &ManifestExtra {
                command: "build",
                missing: &missing,
                stray_pdfs: stray.as_deref(),
                stale: &stale,
                shard: common.shard,
            },
        );
        if let Err(message) = manifest {
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
    let place = match &destination {
        Destination::Folder(folder) => format!("into {}", folder.display()),
        Destination::File(file) => format!("into {}", file.display()),
        Destination::Stdout => "to standard output".to_string(),
    };
    print_summary(&summary_line(built, failures, &place));
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
pub fn summary_line(built: usize, failures: usize, place: &str) -> String {
    let mut line = format!("built {built} PDF{} {place}", plural(built));
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
