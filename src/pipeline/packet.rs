//! Packets: loading the handouts a packet names and binding them into one document.

use std::sync::Arc;

use crate::assets::LoadedImage;
use crate::diag::Diagnostic;
use crate::layout::{layout_handout, layout_packet, PacketParts};
use crate::load::{load_definition, Definition, Kind};
use crate::model::{Handout, Packet};
use crate::pipeline::{resolve_brand, Prepared, Session};

/// Loads every handout of a packet and lays out the whole packet.
pub fn lay_out_packet(packet: &Packet, session: &Session) -> Result<Prepared, Vec<Diagnostic>> {
    let brand = resolve_brand(session, None, packet.brand.as_ref(), &packet.source)?;
    let mut errors = crate::layout::check_packet_coverage(packet, &brand.fonts);
    let mut images: Vec<Arc<LoadedImage>> = brand.logo.iter().cloned().collect();
    let mut handouts: Vec<Handout> = Vec::new();
    let own = packet.source.path.canonicalize().ok();
    for (path, span) in &packet.handouts {
        if !path.is_file() {
            let what = if path.is_dir() {
                "is a folder, not a handout file"
            } else {
                "does not exist"
            };
            errors.push(
                Diagnostic::error(format!("the handout \"{}\" {what}", path.display()))
                    .at(&packet.source, span.clone())
                    .with_hint("paths are relative to the packet file"),
            );
            continue;
        }
        if path.canonicalize().ok() == own {
            errors.push(
                Diagnostic::error("a packet cannot include itself")
                    .at(&packet.source, span.clone())
                    .with_hint("list handout files here, not the packet"),
            );
            continue;
        }
        let mut loaded = load_definition(path, &session.cache);
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
    let mut parts = Vec::new();
    let mut pages = 0;
    for handout in &handouts {
        let handout_brand = resolve_brand(
            session,
            Some(&brand),
            handout.brand.as_ref(),
            &handout.source,
        )?;
        let local = handout_brand.for_lang(handout.lang);
        if let Some(logo) = &handout_brand.logo {
            images.push(Arc::clone(logo));
        }
        let part = layout_handout(handout, &local, &handout_brand.fonts, &session.layout)?;
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
