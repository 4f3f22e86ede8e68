//! Packets: loading the handouts a packet names and binding them into one document.

use std::sync::Arc;

use crate::assets::LoadedImage;
use crate::diag::Diagnostic;
use crate::layout::{layout_handout, layout_packet, PacketParts};
use crate::load::{load_definition, Definition, Kind};
use crate::model::{Handout, Packet};
use crate::pipeline::parallel::{both, map_ordered};
use crate::pipeline::{resolve_brand, Prepared, Session};

/// What reading one handout of a packet gave: the definition as loaded, or
/// why the path cannot be one.
enum Part {
    Loaded(Box<crate::load::Loaded>),
    Refused(Diagnostic),
}

/// Reads one handout a packet names.
fn read_part(
    packet: &Packet,
    (path, span): &(std::path::PathBuf, std::ops::Range<usize>),
    own: Option<&std::path::Path>,
    session: &Session,
) -> Part {
    if !path.is_file() {
        let what = if path.is_dir() {
            "is a folder, not a handout file"
        } else {
            "does not exist"
        };
        return Part::Refused(
            Diagnostic::error(format!("the handout \"{}\" {what}", path.display()))
                .at(&packet.source, span.clone())
                .with_hint("paths are relative to the packet file"),
        );
    }
    if own.is_some() && path.canonicalize().ok().as_deref() == own {
        return Part::Refused(
            Diagnostic::error("a packet cannot include itself")
                .at(&packet.source, span.clone())
                .with_hint("list handout files here, not the packet"),
        );
    }
    Part::Loaded(Box::new(load_definition(path, &session.cache)))
}

/// One handout of a packet laid out, and its brand's logo.
fn lay_out_part(
    handout: &Handout,
    brand: &Arc<crate::load::LoadedBrand>,
    session: &Session,
) -> Result<(crate::layout::LaidOut, Option<Arc<LoadedImage>>), Vec<Diagnostic>> {
    let handout_brand = resolve_brand(
        session,
        Some(brand),
        handout.brand.as_ref(),
        &handout.source,
    )?;
    let local = handout_brand.for_lang(handout.lang);
    let part = layout_handout(handout, &local, &handout_brand.fonts, &session.layout)?;
    Ok((part, handout_brand.logo.clone()))
}

/// One piece of laying out a packet: a handout, or its brand's logo
/// encoded for the header.
enum Job<'a> {
    Handout(&'a Handout),
    HeaderLogo,
}

/// Encodes the brand's logo for the size the header draws it at.
fn prepare_header_logo(brand: &crate::load::LoadedBrand, session: &Session) {
    let (Some(logo), Some(picture)) = (&brand.logo, &brand.brand.logo) else {
        return;
    };
    let theme = crate::layout::Theme::new(
        crate::model::Paper::Letter,
        session.layout.large_print,
        brand.accent,
        crate::model::Lang::En,
    );
    let (w, h) = crate::layout::header_logo_size(&theme, picture.aspect());
    crate::pdf::prepare_image(logo, (w.0, h.0));
}

/// Loads every handout of a packet and lays out the whole packet.
///
/// With a helper thread, the handouts are read while the brand loads, and
/// then laid out two at a time; the outcome is the same either way.
pub fn lay_out_packet(packet: &Packet, session: &Session) -> Result<Prepared, Vec<Diagnostic>> {
    let helpers = session.pdf.helpers;
    let own = packet.source.path.canonicalize().ok();
    let (brand, parts) = both(
        helpers,
        || resolve_brand(session, None, packet.brand.as_ref(), &packet.source),
        || {
            let parts = packet
                .handouts
                .iter()
                .map(|entry| read_part(packet, entry, own.as_deref(), session))
                .collect::<Vec<_>>();
            // On a helper, loading the brand (its fonts and logo) takes
            // longer: the compressors the PDF's writer and its helper will use
            // are set up meanwhile. Without one, nothing is waiting.
            if helpers > 0 {
                crate::pdf::warm_compressors(2);
            }
            parts
        },
    );
    let brand = brand?;
    let mut errors = crate::layout::check_packet_coverage(packet, &brand.fonts);
    let mut images: Vec<Arc<LoadedImage>> = brand.logo.iter().cloned().collect();
    let mut handouts: Vec<Handout> = Vec::new();
    for ((_, span), part) in packet.handouts.iter().zip(parts) {
        let mut loaded = match part {
            Part::Refused(diagnostic) => {
                errors.push(diagnostic);
                continue;
            }
            Part::Loaded(loaded) => *loaded,
        };
        images.append(&mut loaded.images);
        let failed = loaded.definition.is_none();
        match loaded.definition {
            Some(Definition::Handout(handout)) => handouts.push(*handout),
            Some(_) | None if loaded.kind == Some(Kind::Packet) => errors.push(
                Diagnostic::error("a packet cannot include another packet")
                    .at(&packet.source, span.clone())
                    .with_hint("list the other packet's handouts here instead"),
            ),
            Some(_) | None if loaded.kind == Some(Kind::Brand) => errors.push(
                Diagnostic::error("this is a brand file, not a handout")
                    .at(&packet.source, span.clone())
                    .with_hint("set the packet's brand with brand = \"...\" instead"),
            ),
            _ => {}
        }
        if failed {
            errors.extend(loaded.diagnostics.into_iter().filter(Diagnostic::is_error));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Without a cover, the logo is drawn in the header only: a helper encodes
    // it for that size meanwhile. It goes second, so that the longest jobs
    // start first: the first handout is usually the longest.
    let mut jobs: Vec<Job> = handouts.iter().map(Job::Handout).collect();
    if helpers > 0 && !packet.cover && brand.logo.is_some() {
        jobs.insert(jobs.len().min(1), Job::HeaderLogo);
    }
    let laid_out = map_ordered(&jobs, helpers, |job| match job {
        Job::Handout(handout) => Some(lay_out_part(handout, &brand, session)),
        Job::HeaderLogo => {
            prepare_header_logo(&brand, session);
            None
        }
    });
    let mut parts = Vec::new();
    let mut pages = 0;
    for result in laid_out.into_iter().flatten() {
        let (part, logo) = result?;
        if let Some(logo) = logo {
            images.push(logo);
        }
        pages += part.pages.len();
        if pages > crate::layout::MAX_PAGES {
            return Err(vec![Diagnostic::error(format!(
                "the packet needs more than the {} pages a document may have",
                crate::layout::MAX_PAGES
            ))
            .at(&packet.source, packet.title.span.clone())
            .with_hint("split it into several packets")]);
        }
        parts.push(part);
    }
    let lang = handouts.first().map_or(crate::model::Lang::En, |h| h.lang);
    let (mut document, warnings) = layout_packet(
        packet,
        &brand.for_lang(lang),
        &brand.fonts,
        &session.layout,
        PacketParts {
            handouts: parts,
            langs: handouts.iter().map(|h| h.lang).collect(),
        },
    )?;
    document.keep_images(&images);
    Ok((document, Arc::clone(&brand), warnings))
}
