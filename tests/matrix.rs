//! Every bundled template in every edition, with five brand fonts: the layout
//! audit and the existing checks must pass in every cell of the matrix, and a
//! one-page sheet stays one page in ordinary print.
//!
//! The brand fonts come from Debian's font packages (fonts-liberation2,
//! fonts-dejavu-core, fonts-open-sans, fonts-inter), which `.ci/run` installs.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A brand font family: a name for messages and its four files, or none for the bundled one.
struct Family {
    name: &'static str,
    files: Option<[&'static str; 4]>,
}

const FAMILIES: [Family; 5] = [
    Family {
        name: "bundled",
        files: None,
    },
    Family {
        name: "Liberation Sans",
        files: Some([
            "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
            "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
            "/usr/share/fonts/truetype/liberation2/LiberationSans-Italic.ttf",
            "/usr/share/fonts/truetype/liberation2/LiberationSans-BoldItalic.ttf",
        ]),
    },
    Family {
        name: "DejaVu Sans",
        files: Some([
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf",
        ]),
    },
    Family {
        name: "Open Sans",
        files: Some([
            "/usr/share/fonts/truetype/open-sans/OpenSans-Regular.ttf",
            "/usr/share/fonts/truetype/open-sans/OpenSans-Bold.ttf",
            "/usr/share/fonts/truetype/open-sans/OpenSans-Italic.ttf",
            "/usr/share/fonts/truetype/open-sans/OpenSans-BoldItalic.ttf",
        ]),
    },
    Family {
        name: "Inter (OpenType)",
        files: Some([
            "/usr/share/fonts/opentype/inter/Inter-Regular.otf",
            "/usr/share/fonts/opentype/inter/Inter-Bold.otf",
            "/usr/share/fonts/opentype/inter/Inter-Italic.otf",
            "/usr/share/fonts/opentype/inter/Inter-BoldItalic.otf",
        ]),
    },
];

/// The bundled one-page sheets: `max_pages = 1`.
const ONE_PAGE: [&str; 6] = [
    "withdrawal-timeline.toml",
    "today-checklist.toml",
    "taper-plan.toml",
    "es/withdrawal-timeline.toml",
    "es/today-checklist.toml",
    "es/taper-plan.toml",
];

/// How many inputs the bundled templates folder builds.
const TEMPLATES: usize = 10;

fn templates() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("templates")
}

/// The bundled brand with the family's fonts and an absolute logo path.
fn brand_file(family: &Family) -> String {
    let brand = std::fs::read_to_string(templates().join("brand.toml")).expect("bundled brand");
    let logo = templates().join("logo.png");
    let mut brand = brand.replace(
        "logo = \"logo.png\"",
        &format!("logo = \"{}\"", logo.display()),
    );
    if let Some([regular, bold, italic, bold_italic]) = family.files {
        brand.push_str(&format!(
            "\n[brand.fonts]\nregular = \"{regular}\"\nbold = \"{bold}\"\n\
             italic = \"{italic}\"\nbold_italic = \"{bold_italic}\"\n"
        ));
    }
    brand
}

#[test]
fn every_template_in_every_edition_with_every_brand_font() {
    let missing: Vec<&str> = FAMILIES
        .iter()
        .flat_map(|f| f.files.into_iter().flatten())
        .filter(|path| !Path::new(path).is_file())
        .collect();
    assert!(
        missing.is_empty(),
        "the font matrix needs Debian's fonts-liberation2, fonts-dejavu-core, \
         fonts-open-sans and fonts-inter; missing: {missing:?}"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let cells: Vec<(&Family, &str, bool)> = FAMILIES
        .iter()
        .flat_map(|f| {
            ["letter", "a4"]
                .into_iter()
                .flat_map(move |p| [false, true].into_iter().map(move |l| (f, p, l)))
        })
        .collect();
    // Two cells at a time: the machines that run this have two cores.
    let results: Vec<Result<(), String>> = std::thread::scope(|scope| {
        let chunks: Vec<_> = cells.chunks(cells.len().div_ceil(2)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .enumerate()
            .map(|(n, chunk)| {
                let dir = dir.path();
                scope.spawn(move || {
                    chunk
                        .iter()
                        .enumerate()
                        .map(|(i, cell)| run_cell(dir, &format!("{n}-{i}"), cell))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a matrix thread panicked"))
            .collect()
    });
    let failures: Vec<String> = results.into_iter().filter_map(Result::err).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cells failed:\n\n{}",
        failures.len(),
        cells.len(),
        failures.join("\n\n")
    );
}

fn run_cell(
    dir: &Path,
    id: &str,
    &(family, paper, large): &(&Family, &str, bool),
) -> Result<(), String> {
    let print = if large {
        "large print"
    } else {
        "ordinary print"
    };
    let cell = format!("cell: font {}, {paper}, {print}", family.name);
    let brand = dir.join(format!("brand-{id}.toml"));
    std::fs::write(&brand, brand_file(family)).expect("write brand");
    let out = dir.join(format!("out-{id}"));
    let mut command = Command::new(env!("CARGO_BIN_EXE_handout"));
    command
        .arg("build")
        .arg(templates())
        .arg("--brand")
        .arg(&brand)
        .args(["--paper", paper, "--json", "-o"])
        .arg(&out);
    if large {
        command.arg("--large-print");
    }
    let output = command.output().expect("run handout");
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!("{cell}: the build failed:\n{stderr}"));
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("{cell}: no manifest: {e}"))?;
    let inputs = manifest["inputs"].as_array().cloned().unwrap_or_default();
    let built = inputs.iter().filter(|i| i["status"] == "ok").count();
    if built != TEMPLATES {
        return Err(format!(
            "{cell}: {built} of {TEMPLATES} templates built\n{stderr}"
        ));
    }
    if !large {
        for sheet in ONE_PAGE {
            let path = templates().join(sheet);
            let pages = inputs
                .iter()
                .find(|i| i["input"].as_str().map(Path::new) == Some(path.as_path()))
                .and_then(|i| i["pages"].as_u64());
            if pages != Some(1) {
                return Err(format!(
                    "{cell}: {sheet} has {pages:?} pages, not one\n{stderr}"
                ));
            }
        }
    }
    Ok(())
}
