//! `handout watch`: build, then rebuild what each saved change affects, until Ctrl-C.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use crate::cli::args::CommonOptions;
use crate::cli::build::{new_session, print_results, run_parallel, summary_line};
use crate::cli::inputs::{collect_inputs, Input};
use crate::cli::output::{print_diagnostics, print_summary, reset_counts};
use crate::diag::Diagnostic;
use crate::load::{find_brand, load_definition, BrandCache, Definition, Kind};

/// Set by Ctrl-C: the loop stops after the build under way, if any.
static STOP: AtomicBool = AtomicBool::new(false);

#[cfg(unix)]
fn stop_on_interrupt() {
    extern "C" fn on_signal(_: i32) {
        STOP.store(true, Ordering::SeqCst);
    }
    extern "C" {
        fn signal(signum: i32, handler: extern "C" fn(i32)) -> usize;
    }
    const SIGINT: i32 = 2;
    const SIGTERM: i32 = 15;
    // SAFETY: `signal` is the C library's; the handler only stores to an atomic,
    // which is async-signal-safe.
    unsafe {
        signal(SIGINT, on_signal);
        signal(SIGTERM, on_signal);
    }
}

#[cfg(not(unix))]
fn stop_on_interrupt() {}

/// How long to wait for more events after one, so a save that touches a file
/// several times (write, rename, chmod) rebuilds once.
const SETTLE: Duration = Duration::from_millis(150);

/// A path in one spelling, so a change can be matched with what depends on it.
fn key(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    // A file that was just removed (an editor saving by rename): its folder still is.
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (parent.canonicalize(), path.file_name()) {
        (Ok(folder), Some(name)) => folder.join(name),
        _ => path.to_path_buf(),
    }
}

/// The files an input is built from: itself, its brand, and for a packet its
/// handouts and their brands.
fn dependencies(input: &Input, brand_override: Option<&Path>) -> Vec<PathBuf> {
    let cache = BrandCache::default();
    let mut files = vec![key(&input.path)];
    let brand_of = |own: Option<&PathBuf>, file: &Path| -> Option<PathBuf> {
        brand_override
            .map(Path::to_path_buf)
            .or_else(|| own.cloned())
            .or_else(|| find_brand(file))
    };
    let loaded = load_definition(&input.path, &cache);
    match loaded.definition.or(loaded.partial) {
        Some(Definition::Handout(handout)) => {
            files.extend(brand_of(
                handout.brand.as_ref().map(|(p, _)| p),
                &input.path,
            ));
        }
        Some(Definition::Packet(packet)) => {
            files.extend(brand_of(packet.brand.as_ref().map(|(p, _)| p), &input.path));
            for (path, _) in &packet.handouts {
                files.push(key(path));
                let inner = load_definition(path, &cache);
                if let Some(Definition::Handout(handout)) = inner.definition.or(inner.partial) {
                    files.extend(brand_of(handout.brand.as_ref().map(|(p, _)| p), path));
                }
            }
        }
        Some(Definition::Brand(_)) => {}
        // Not readable yet: its brand is the nearest one.
        None => files.extend(brand_of(None, &input.path)),
    }
    files.iter().map(|f| key(f)).collect()
}

/// Files other than definitions that a build reads: a change to one rebuilds everything.
fn is_asset(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "png" | "jpg" | "jpeg" | "ttf" | "otf"
        )
    })
}

struct State {
    /// What each input was built from, by the input's path.
    dependencies: HashMap<PathBuf, Vec<PathBuf>>,
    /// Folders watched, and whether with their subfolders.
    watched: HashSet<PathBuf>,
    /// Brand files among the inputs: nothing is built from them, so a change
    /// rebuilds their handouts, not them.
    brands: HashSet<PathBuf>,
}

impl State {
    /// Watches the folders of an input's dependencies that no watch covers yet.
    fn watch_folders(&mut self, watcher: &mut impl Watcher, files: &[PathBuf]) {
        for file in files {
            let Some(folder) = file.parent() else {
                continue;
            };
            let covered = self.watched.iter().any(|w| folder.starts_with(w));
            if !covered
                && folder.is_dir()
                && watcher.watch(folder, RecursiveMode::NonRecursive).is_ok()
            {
                self.watched.insert(folder.to_path_buf());
            }
        }
    }
}

/// `handout watch`.
pub fn run_watch(paths: &[PathBuf], out: &Path, common: &CommonOptions) -> u8 {
    // Each rebuild sets again the paragraphs an edit did not touch.
    crate::text::keep_paragraphs(true);
    let (sender, events) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(move |event| {
        let _ = sender.send(event);
    }) {
        Ok(watcher) => watcher,
        Err(e) => {
            print_diagnostics(
                &[Diagnostic::error(format!("cannot watch for changes: {e}"))
                    .with_hint("use `handout build` instead, and run it after each change")],
            );
            return 2;
        }
    };
    stop_on_interrupt();
    let mut state = State {
        dependencies: HashMap::new(),
        watched: HashSet::new(),
        brands: HashSet::new(),
    };
    for path in paths {
        let (folder, mode) = if path.is_dir() {
            (path.clone(), RecursiveMode::Recursive)
        } else {
            let parent = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            (parent.to_path_buf(), RecursiveMode::NonRecursive)
        };
        if path.exists() && folder.is_dir() && watcher.watch(&folder, mode).is_ok() {
            if matches!(mode, RecursiveMode::Recursive) {
                state.watched.insert(key(&folder));
            }
        } else {
            print_diagnostics(&[Diagnostic::error("no such file or folder to watch")
                .in_file(path)
                .with_hint("check the spelling; with no path, `handout` watches `templates`")]);
            return 2;
        }
    }
    let out_key = key(out);
    let (inputs, problems) = collect_inputs(paths);
    print_diagnostics(&problems);
    rebuild(&inputs, out, common, &mut state, &mut watcher);
    print_summary(&format!(
        "watching {} for changes; press Ctrl-C to stop",
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let mut known: BTreeSet<PathBuf> = inputs.iter().map(|i| key(&i.path)).collect();
    while !STOP.load(Ordering::SeqCst) {
        let first = match events.recv_timeout(Duration::from_millis(200)) {
            Ok(event) => event,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let mut changed: BTreeSet<PathBuf> = BTreeSet::new();
        let mut take = |event: notify::Result<notify::Event>| {
            let Ok(event) = event else {
                return;
            };
            if matches!(event.kind, EventKind::Access(_) | EventKind::Other) {
                return;
            }
            for path in event.paths {
                let path = key(&path);
                let hidden = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'));
                if !hidden && !path.starts_with(&out_key) {
                    changed.insert(path);
                }
            }
        };
        take(first);
        while let Ok(event) = events.recv_timeout(SETTLE) {
            take(event);
        }
        if changed.is_empty() {
            continue;
        }
        let (inputs, problems) = collect_inputs(paths);
        let assets = changed.iter().any(|p| is_asset(p));
        let affected: Vec<Input> = inputs
            .iter()
            .filter(|input| {
                let path = key(&input.path);
                if state.brands.contains(&path) {
                    return false;
                }
                assets
                    || !known.contains(&path)
                    || state
                        .dependencies
                        .get(&path)
                        .is_none_or(|deps| deps.iter().any(|d| changed.contains(d)))
            })
            .cloned()
            .collect();
        known = inputs.iter().map(|i| key(&i.path)).collect();
        if affected.is_empty() {
            continue;
        }
        reset_counts();
        let names: Vec<String> = changed
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "toml") || is_asset(p))
            .map(|p| shown(p))
            .collect();
        print_summary(&format!(
            "changed: {}; rebuilding {} file{}",
            if names.is_empty() {
                "a watched file".to_string()
            } else {
                names.join(", ")
            },
            affected.len(),
            if affected.len() == 1 { "" } else { "s" }
        ));
        print_diagnostics(&problems);
        rebuild(&affected, out, common, &mut state, &mut watcher);
    }
    print_summary("stopped watching");
    0
}

/// A path as the user would recognise it: relative to the current folder when it is inside it.
fn shown(path: &Path) -> String {
    let here = std::env::current_dir()
        .ok()
        .and_then(|d| d.canonicalize().ok());
    here.and_then(|h| path.strip_prefix(h).ok().map(|p| p.display().to_string()))
        .unwrap_or_else(|| path.display().to_string())
}

/// Builds some inputs, prints what happened, and records what each was built from.
fn rebuild(
    inputs: &[Input],
    out: &Path,
    common: &CommonOptions,
    state: &mut State,
    watcher: &mut impl Watcher,
) {
    // A new session each time, so a changed brand is read again.
    let mut session = match new_session(common) {
        Ok(session) => session,
        Err(diagnostic) => {
            print_diagnostics(&[diagnostic]);
            return;
        }
    };
    let mut results = run_parallel(inputs, &mut session, true, Some(out));
    // A broken brand is the same error for each of its handouts: say it once.
    let mut said = HashSet::new();
    for result in &mut results {
        result.diagnostics.retain(|d| {
            said.insert((
                d.file.as_deref().map(key),
                d.location.as_ref().map(|l| (l.line, l.col)),
                d.message.clone(),
            ))
        });
    }
    for result in &results {
        if result.kind == Some(Kind::Brand) {
            state.brands.insert(key(&result.input.path));
        }
    }
    let (built, failures) = print_results(&mut results);
    print_summary(&summary_line(
        built,
        failures,
        &format!("into {}", out.display()),
    ));
    for input in inputs {
        let files = dependencies(input, common.brand.as_deref());
        state.watch_folders(watcher, &files);
        state.dependencies.insert(key(&input.path), files);
    }
}
