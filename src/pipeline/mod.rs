//! One input through the whole pipeline: load, find the brand, lay out, render.
//! The library's whole build, which the command line and the fuzz targets call.

mod packet;
pub mod parallel;

pub use packet::lay_out_packet;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::assets::LoadedImage;
use crate::diag::{Diagnostic, Severity, Source};
use crate::health::{
    check_brand_contrast, check_health, lowest, HealthReport, ReviewStatus, DEFAULT_GRADE,
};
use crate::layout::{layout_document, Document, LayoutOptions};
use crate::load::{find_brand, load_brand, load_input, BrandCache, Definition, Kind, LoadedBrand};
use crate::model::{Date, Handout};
use crate::pdf::{check_glyphs, render_pdf, PdfOptions, RenderError};

/// One definition file and where its PDF goes, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file.
    pub path: PathBuf,
    /// The PDF's path relative to the output folder.
    pub output: PathBuf,
    /// Whether the user named the file itself (not found in a folder).
    pub named: bool,
}

/// What every input of one run shares.
pub struct Session {
    /// Brands and fonts already loaded.
    pub cache: BrandCache,
    /// `--brand`, when given.
    pub brand_override: Option<PathBuf>,
    /// `--paper` and `--large-print`.
    pub layout: LayoutOptions,
    /// Creation time for every PDF.
    pub pdf: PdfOptions,
    /// Whether a manifest is printed, so each PDF's SHA-256 is needed.
    pub manifest: bool,
    /// The date review dates are compared with.
    pub today: Date,
    /// `--strict`: warnings fail the input too.
    pub strict: bool,
}

/// What became of one input.
#[derive(Debug)]
pub enum Outcome {
    /// A PDF, rendered (its bytes are in [`BuildResult::pdf`] until written).
    Built {
        /// Number of pages.
        pages: usize,
        /// Size of the file in bytes.
        size: usize,
        /// SHA-256 of the file, in hex, when a manifest asks for it.
        sha256: Option<String>,
    },
    /// Checked and laid out, nothing rendered.
    Checked {
        /// Number of pages.
        pages: usize,
    },
    /// Not an output (a brand file).
    Skipped,
    /// At least one error.
    Failed,
}

/// One input's outcome and everything worth saying about it.
#[derive(Debug)]
pub struct BuildResult {
    /// The input.
    pub input: Input,
    /// The kind of file, when known.
    pub kind: Option<Kind>,
    /// What became of it.
    pub outcome: Outcome,
    /// Errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// Review dates of a handout.
    pub reviewed: Option<Date>,
    /// The next review date of a handout.
    pub next_review: Option<Date>,
    /// The rendered PDF, until it is written.
    pub pdf: Option<Vec<u8>>,
    /// The numbers of the health checks, for a handout or packet that loaded.
    pub health: Option<HealthReport>,
    /// What the health checks found (a brand's contrast error is the same for
    /// every input that uses the brand, so these are printed apart).
    pub health_diagnostics: Vec<Diagnostic>,
    /// Whether the PDF was written (`false`: the file already held these bytes).
    pub written: Option<bool>,
    /// Why a file found in a folder was skipped, when it was not a brand file.
    pub note: Option<String>,
}

impl BuildResult {
    /// Whether an error, or with `--strict` a warning, stops this input.
    pub fn blocked(&self, strict: bool) -> bool {
        let stops = |d: &Diagnostic| d.is_error() || (strict && d.severity == Severity::Warning);
        self.diagnostics.iter().any(stops) || self.health_diagnostics.iter().any(stops)
    }
}

/// Loads, lays out and (when `render`) renders one input.
///
/// A message repeated many times is shown a few times and then counted.
pub fn build_one(input: &Input, session: &Session, render: bool) -> BuildResult {
    let mut result = build_uncapped(input, session, render);
    result.diagnostics = crate::diag::cap_repeats(std::mem::take(&mut result.diagnostics));
    result
}

fn build_uncapped(input: &Input, session: &Session, render: bool) -> BuildResult {
    let loaded = load_input(&input.path, &session.cache);
    let mut result = BuildResult {
        input: input.clone(),
        kind: loaded.kind,
        outcome: Outcome::Failed,
        diagnostics: loaded.diagnostics,
        reviewed: None,
        next_review: None,
        pdf: None,
        health: None,
        health_diagnostics: Vec::new(),
        written: None,
        note: None,
    };
    if loaded.kind.is_none() && !input.named && crate::load::is_foreign_toml(&input.path) {
        result.outcome = Outcome::Skipped;
        result.diagnostics.clear();
        result.note = Some(
            "skipped: not a handout, packet or brand file (it has no [handout], [packet] or [brand] table)"
                .to_string(),
        );
        return result;
    }
    let Some(definition) = loaded.definition else {
        // A handout with errors may have more: report its undrawable characters
        // now too, so one `check` lists every problem in the file.
        // The brand's own errors are reported in the same run, not after
        // the handout's are fixed.
        match &loaded.partial {
            Some(Definition::Handout(handout)) => {
                match resolve_brand(session, None, handout.brand.as_ref(), &handout.source) {
                    Ok(brand) => {
                        let local = brand.for_lang(handout.lang);
                        let mut missing =
                            crate::layout::check_coverage(handout, &local, &brand.fonts);
                        result.diagnostics.append(&mut missing);
                    }
                    Err(mut errors) => result.diagnostics.append(&mut errors),
                }
            }
            Some(Definition::Packet(packet)) => {
                if let Err(mut errors) =
                    resolve_brand(session, None, packet.brand.as_ref(), &packet.source)
                {
                    result.diagnostics.append(&mut errors);
                }
            }
            _ => {}
        }
        return result;
    };
    // A packet's health needs only its brand, which laying it out loads
    // anyway, while its handouts are read on a helper: it comes after.
    let packet = matches!(definition, Definition::Packet(_));
    if !packet {
        (result.health, result.health_diagnostics) = input_health(&definition, session);
    }
    let laid_out = match &definition {
        Definition::Brand(_) => {
            result.outcome = Outcome::Skipped;
            return result;
        }
        Definition::Handout(handout) => {
            result.reviewed = handout.reviewed;
            result.next_review = handout.next_review.as_ref().map(|(d, _)| *d);
            lay_out_handout(handout, &loaded.images, session)
        }
        Definition::Packet(packet) => lay_out_packet(packet, session),
    };
    if packet {
        (result.health, result.health_diagnostics) = input_health(&definition, session);
    }
    match laid_out {
        Err(mut errors) => result.diagnostics.append(&mut errors),
        Ok((document, brand, mut warnings)) => {
            result.diagnostics.extend(brand.warnings.iter().cloned());
            result.diagnostics.append(&mut warnings);
            let pages = document.pages.len();
            // A PDF about to be written has its glyphs checked as its fonts
            // are subset, on both cores; otherwise they are checked here.
            let checked_in_render = render && !result.blocked(session.strict);
            if !checked_in_render {
                if let Err(e) = check_glyphs(&document) {
                    result.diagnostics.push(render_diagnostic(e, &input.path));
                    return result;
                }
            }
            if result.blocked(session.strict) {
                return result;
            }
            if !render {
                result.outcome = Outcome::Checked { pages };
                return result;
            }
            // The font subsetter is another crate's code: a damaged font that got
            // past loading must not take the whole batch down with a panic.
            let rendered = crate::load::without_panic(|| render_pdf(&document, session.pdf))
                .unwrap_or_else(|| {
                    Err(RenderError::from("a font or image could not be processed"))
                });
            match rendered {
                Ok(bytes) => {
                    result.outcome = Outcome::Built {
                        pages,
                        size: bytes.len(),
                        sha256: session.manifest.then(|| sha256_hex(&bytes)),
                    };
                    result.pdf = Some(bytes);
                }
                Err(e) => result.diagnostics.push(render_diagnostic(e, &input.path)),
            }
        }
    }
    result
}

/// The error for a document that could not be rendered, or whose glyphs
/// failed their checks: a damaged font is named as it is, anything else as
/// what kept the PDF from being written.
fn render_diagnostic(e: RenderError, path: &Path) -> Diagnostic {
    let message = if e.about_input {
        e.message
    } else {
        format!("cannot produce the PDF: {}", e.message)
    };
    Diagnostic::error(message).in_file(path).with_hint(e.hint)
}

/// Reading level, contrast, review date and translation parity of one input:
/// what `check` reports, and what stops `build` from writing a PDF.
pub fn input_health(
    definition: &Definition,
    session: &Session,
) -> (Option<HealthReport>, Vec<Diagnostic>) {
    match definition {
        Definition::Handout(handout) => {
            let brand = resolve_brand(session, None, handout.brand.as_ref(), &handout.source).ok();
            let (report, diagnostics) = check_health(
                handout,
                brand.as_deref().map(|b| &b.brand),
                session.today,
                &session.cache,
            );
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

/// A laid-out document (with its fonts and pictures), the brand it was laid out for, and warnings.
pub type Prepared = (Document, Arc<LoadedBrand>, Vec<Diagnostic>);

fn lay_out_handout(
    handout: &Handout,
    images: &[Arc<LoadedImage>],
    session: &Session,
) -> Result<Prepared, Vec<Diagnostic>> {
    let brand = resolve_brand(session, None, handout.brand.as_ref(), &handout.source)?;
    let local = brand.for_lang(handout.lang);
    let (mut document, warnings) = layout_document(handout, &local, &brand.fonts, &session.layout)?;
    document.keep_images(brand.logo.iter().chain(images));
    Ok((document, brand, warnings))
}

/// Finds the brand: `--brand`, then the packet's, then the file's own `brand`, then the nearest brand.toml.
pub fn resolve_brand(
    session: &Session,
    packet_brand: Option<&Arc<LoadedBrand>>,
    own: Option<&(PathBuf, Range<usize>)>,
    source: &Source,
) -> Result<Arc<LoadedBrand>, Vec<Diagnostic>> {
    if let Some(path) = &session.brand_override {
        return load_brand(path, &session.cache);
    }
    if let Some(brand) = packet_brand {
        return Ok(brand.clone());
    }
    if let Some((path, span)) = own {
        if !path.is_file() {
            let what = if path.is_dir() {
                "is a folder, not a brand file"
            } else {
                "does not exist"
            };
            return Err(vec![Diagnostic::error(format!(
                "the brand file \"{}\" {what}",
                path.display()
            ))
            .at(source, span.clone())
            .with_hint(
                "paths are relative to this file; or remove `brand` to use the nearest brand.toml",
            )]);
        }
        return load_brand(path, &session.cache);
    }
    match find_brand(&source.path) {
        Some(path) => load_brand(&path, &session.cache),
        None => Err(vec![no_brand(&source.path)]),
    }
}

fn no_brand(path: &Path) -> Diagnostic {
    Diagnostic::error("no brand found: there is no brand.toml in this folder or any folder above it")
        .in_file(path)
        .with_hint("add brand = \"path/to/brand.toml\" to the file, pass --brand FILE, or create a brand.toml beside it")
}

/// The SHA-256 of bytes, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
