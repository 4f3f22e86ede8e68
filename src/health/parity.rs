//! Translation parity: a translation has the blocks, items and numbers of the handout it translates.
//!
//! Blocks are matched by kind in order (a longest common subsequence, so one
//! missing block is one warning, not a warning for every block after it). In
//! each matched pair the phases and items are counted, and the phone numbers,
//! web and email addresses and other numbers in the text are compared as sets:
//! those are the things a translator must copy, never translate.

use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use crate::diag::{Diagnostic, Source};
use crate::health::figures::{find_figures, Figure};
use crate::health::text::locate_plain_range;
use crate::load::{load_definition, BrandCache, Definition};
use crate::model::{Block, Handout};

/// Compares a translation with its original; nothing when it names no original.
pub fn check_translation(handout: &Handout, cache: &BrandCache) -> Vec<Diagnostic> {
    let Some((path, span)) = &handout.translation_of else {
        return Vec::new();
    };
    let path = normalize(path);
    let source = &handout.source;
    if !path.is_file() {
        return vec![Diagnostic::warning(format!(
            "the original \"{}\" does not exist, so the translation is not compared with it",
            path.display()
        ))
        .at(source, span.clone())
        .with_hint("`translation_of` is relative to this file, e.g. \"../family-guide.toml\"")];
    }
    let loaded = load_definition(&path, cache);
    let original = match loaded.definition {
        Some(Definition::Handout(original)) => original,
        Some(_) => {
            return vec![Diagnostic::warning(format!(
                "\"{}\" is not a handout, so the translation is not compared with it",
                path.display()
            ))
            .at(source, span.clone())
            .with_hint("name the [handout] file this one translates")]
        }
        None => {
            return vec![Diagnostic::warning(format!(
                "the original \"{}\" has errors, so the translation is not compared with it",
                path.display()
            ))
            .at(source, span.clone())
            .with_hint(format!("run `handout check {}`", path.display()))]
        }
    };
    compare_handouts(handout, &original)
}

/// Every difference in structure and numbers between a translation and its original.
pub fn compare_handouts(translation: &Handout, original: &Handout) -> Vec<Diagnostic> {
    let here = &translation.source;
    let there = &original.source;
    let place = |span: &Range<usize>| format!("{}:{}", there.path.display(), line_of(there, span));
    let kinds = |h: &Handout| h.blocks.iter().map(Block::name).collect::<Vec<_>>();
    let pairs = align(&kinds(translation), &kinds(original));
    let mut diagnostics = Vec::new();
    let mut matched_before: Option<(usize, usize)> = None;
    for (index, pair) in pairs.iter().enumerate() {
        match *pair {
            (Some(t), Some(o)) => {
                matched_before = Some((t, o));
                compare_blocks(
                    &translation.blocks[t],
                    &original.blocks[o],
                    here,
                    there,
                    &mut diagnostics,
                );
            }
            (Some(t), None) => {
                let block = &translation.blocks[t];
                let near = pairs[index..]
                    .iter()
                    .find_map(|(_, o)| *o)
                    .or(matched_before.map(|(_, o)| o));
                let near = near.map_or_else(
                    || there.path.display().to_string(),
                    |o| place(&original.blocks[o].span),
                );
                diagnostics.push(
                    Diagnostic::warning(format!(
                        "this {} block is not in the original ({near})",
                        block.name()
                    ))
                    .at(here, block.span.clone())
                    .with_hint("a translation has the same blocks as its original, in order"),
                );
            }
            (None, Some(o)) => {
                let block = &original.blocks[o];
                // Point at the block of the translation where it should have been.
                let next_here = pairs[index..]
                    .iter()
                    .find_map(|(t, _)| *t)
                    .or(matched_before.map(|(t, _)| t));
                let at = next_here.map_or(0..0, |t| translation.blocks[t].span.clone());
                diagnostics.push(
                    Diagnostic::warning(format!(
                        "the original's {} block ({}) is missing from the translation",
                        block.name(),
                        place(&block.span)
                    ))
                    .at(here, at)
                    .with_hint("translate the block, or remove it from the original too"),
                );
            }
            (None, None) => {}
        }
    }
    diagnostics
}

fn compare_blocks(
    here: &Block,
    there: &Block,
    here_source: &Source,
    there_source: &Source,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let place = |span: &Range<usize>| {
        format!(
            "{}:{}",
            there_source.path.display(),
            line_of(there_source, span)
        )
    };
    let theirs = there.tallies();
    for (ours, theirs) in here.tallies().iter().zip(&theirs) {
        if ours.what != theirs.what {
            break;
        }
        let (n, m, what) = (ours.count, theirs.count, ours.what);
        if n == m {
            continue;
        }
        let (part, at, there_at) = match (ours.within, theirs.within) {
            (None, None) => (format!("{} block", here.name()), &here.span, &there.span),
            (Some((part, a)), Some((_, b))) => (part.to_string(), &a.span, &b.span),
            _ => continue,
        };
        diagnostics.push(
            Diagnostic::warning(format!(
                "this {part} has {n} {what}{}; the original's has {m} ({})",
                if n == 1 { "" } else { "s" },
                place(there_at)
            ))
            .at(here_source, at.clone())
            .with_hint(format!("translate every {what} of the original, in order")),
        );
    }
    // A setting whose figures differ (a QR code's address on another page) is
    // reported below, where the figure stands; one warning, not two.
    let keys = |text: &str| {
        find_figures(text)
            .into_iter()
            .map(|(kind, _, key)| (kind, key))
            .collect::<Vec<_>>()
    };
    for ((key, a), (_, b)) in here.settings().iter().zip(there.settings()) {
        if *a != b && keys(a) == keys(&b) {
            diagnostics.push(
                Diagnostic::warning(format!(
                    "this {}'s {key} is {a}; the original's is {b} ({})",
                    here.name(),
                    place(&there.span)
                ))
                .at(here_source, here.span.clone()),
            );
        }
    }
    compare_figures(here, there, here_source, there_source, diagnostics);
}

/// Compares the phone numbers, addresses and numbers of two matched blocks.
fn compare_figures(
    here: &Block,
    there: &Block,
    here_source: &Source,
    there_source: &Source,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut ours = block_figures(here, here_source);
    let mut theirs = block_figures(there, there_source);
    // Drop what both have; what is left differs.
    let mut i = 0;
    while i < ours.len() {
        let same = theirs
            .iter()
            .position(|f| f.kind == ours[i].kind && f.key == ours[i].key);
        match same {
            Some(j) => {
                theirs.remove(j);
                ours.remove(i);
            }
            None => i += 1,
        }
    }
    let place = |span: &Range<usize>| {
        format!(
            "{}:{}",
            there_source.path.display(),
            line_of(there_source, span)
        )
    };
    for extra in ours {
        let instead = theirs.iter().position(|f| f.kind == extra.kind);
        let message = match instead {
            Some(j) => {
                let missing = theirs.remove(j);
                format!(
                    "the {} {} differs from the original's {} ({})",
                    extra.kind.name(),
                    extra.text,
                    missing.text,
                    place(&missing.at)
                )
            }
            None => format!(
                "the {} {} is not in the original's {} block ({})",
                extra.kind.name(),
                extra.text,
                there.name(),
                place(&there.span)
            ),
        };
        diagnostics.push(
            Diagnostic::warning(message)
                .at(here_source, extra.at)
                .with_hint(
                    "phone numbers, addresses and numbers are copied from the original as they are",
                ),
        );
    }
    for missing in theirs {
        diagnostics.push(
            Diagnostic::warning(format!(
                "the original's {} {} ({}) is missing from this block",
                missing.kind.name(),
                missing.text,
                place(&missing.at)
            ))
            .at(here_source, here.span.clone())
            .with_hint(
                "phone numbers, addresses and numbers are copied from the original as they are",
            ),
        );
    }
}

fn block_figures(block: &Block, source: &Source) -> Vec<Figure> {
    let mut figures = Vec::new();
    for piece in block.texts() {
        let rich = piece.rich;
        let plain = rich.plain();
        for (kind, range, key) in find_figures(&plain) {
            figures.push(Figure {
                kind,
                text: plain[range.clone()].to_string(),
                key,
                at: locate_plain_range(source, rich, &plain, range),
            });
        }
    }
    figures
}

/// Matches two sequences in order, as many as possible: pairs of indices, or one side alone.
fn align(a: &[&str], b: &[&str]) -> Vec<(Option<usize>, Option<usize>)> {
    let (n, m) = (a.len(), b.len());
    // lcs[i][j]: longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut pairs = Vec::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            pairs.push((Some(i), Some(j)));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            pairs.push((None, Some(j)));
            j += 1;
        } else {
            pairs.push((Some(i), None));
            i += 1;
        }
    }
    pairs
}

fn line_of(source: &Source, span: &Range<usize>) -> usize {
    source.locate(span.clone()).line
}

/// Removes `.` and `name/..` from a path without touching the disk.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let last = out.components().next_back();
                if matches!(last, Some(Component::Normal(_))) {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_align_in_order() {
        let pairs = align(&["heading", "text", "bullets"], &["heading", "bullets"]);
        assert_eq!(
            pairs,
            [(Some(0), Some(0)), (Some(1), None), (Some(2), Some(1))]
        );
    }

    #[test]
    fn paths_lose_dot_dot() {
        assert_eq!(
            normalize(Path::new("templates/es/../family-guide.toml")),
            PathBuf::from("templates/family-guide.toml")
        );
        assert_eq!(
            normalize(Path::new("../a.toml")),
            PathBuf::from("../a.toml")
        );
    }
}
