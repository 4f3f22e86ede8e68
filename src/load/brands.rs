//! Finding and loading the brand of a handout, once per batch.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::load::brand::{BrandCache, BrandResult};
use crate::load::definition::{load_definition, Definition};

/// Loads a brand file through the cache; the errors are those of the brand file.
pub fn load_brand(path: &Path, cache: &BrandCache) -> BrandResult {
    let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    if let Some(found) = cache
        .brands
        .lock()
        .ok()
        .and_then(|map| map.get(&key).cloned())
    {
        return found;
    }
    let loaded = load_definition(path, cache);
    let result = match loaded.definition {
        Some(Definition::Brand(mut brand)) => {
            brand.brand.warnings = loaded.diagnostics;
            Ok(Arc::new(*brand))
        }
        Some(_) => Err(vec![Diagnostic::error(
            "this file is not a brand file: it has no [brand] table",
        )
        .in_file(path)
        .with_hint(
            "a brand file starts with [brand] and has at least name = \"...\"",
        )]),
        None => {
            let errors: Vec<Diagnostic> = loaded
                .diagnostics
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect();
            if errors.is_empty() {
                Err(vec![Diagnostic::error("this file is not a brand file")
                    .in_file(path)
                    .with_hint(
                        "a brand file starts with [brand] and has at least name = \"...\"",
                    )])
            } else {
                Err(errors)
            }
        }
    };
    if let Ok(mut map) = cache.brands.lock() {
        map.insert(key, result.clone());
    }
    result
}

/// The nearest `brand.toml` in the file's folder or a parent folder.
pub fn find_brand(file: &Path) -> Option<PathBuf> {
    let absolute = if file.is_absolute() {
        file.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(file)
    };
    let mut folder = absolute.parent();
    while let Some(dir) = folder {
        let candidate = dir.join("brand.toml");
        if candidate.is_file() {
            // Keep the path relative when the handout's path was.
            return Some(relative_to_cwd(&candidate));
        }
        folder = dir.parent();
    }
    None
}

fn relative_to_cwd(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}
