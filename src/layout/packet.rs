//! Packets: a cover, a contents page, and the handouts numbered straight through.

use crate::layout::audit::audit_page;
use crate::layout::chrome::{running_header, Footer};
use crate::layout::context::Ctx;
use crate::layout::frame::{Anchor, Document, Item, LinkTarget, Page, Pt, Role};
use crate::layout::handout::LaidOut;
use crate::layout::labels;
use crate::layout::paragraph::{set_block, set_lines, TextStyle};
use crate::layout::tags::{StructKind, Tags};
use crate::layout::theme::{LayoutOptions, Theme, INK, MUTED, RULE};
use crate::model::{Brand, Lang, Packet};
use std::sync::Arc;

use crate::model::{Run, Style};
use crate::text::FontSet;

/// The laid-out handouts of a packet and their languages.
pub struct PacketParts {
    /// Each handout, laid out on its own pages, not yet numbered.
    pub handouts: Vec<LaidOut>,
    /// The language of each handout.
    pub langs: Vec<Lang>,
}

fn plain(text: &str, style: Style) -> Vec<Run> {
    vec![Run {
        text: text.to_string(),
        style,
    }]
}

/// Centres each line of a set block on the page.
fn centred(ctx: &Ctx, runs: &[Run], top: Pt, style: &TextStyle) -> (Vec<Item>, Pt) {
    let theme = ctx.theme;
    let lines = set_lines(
        ctx.fonts,
        runs,
        theme.left(),
        theme.width(),
        style,
        theme.lang,
    );
    let mut items = Vec::new();
    let mut y = top;
    for line in lines {
        let mut item = line.item;
        if let Item::Text { x, y: baseline, .. } = &mut item {
            *x = theme.left() + (theme.width() - line.width) * 0.5;
            *baseline += y;
        }
        items.push(item);
        y += style.leading;
    }
    (items, y)
}

/// The cover as a flow: the brand and the title from the top, the clinic's
/// contact lines at the foot above the footer, a flexible gap between them.
/// When the two do not fit, the list of handouts goes first, then the logo
/// shrinks, and only then the gaps.
fn cover_page(ctx: &Ctx, brand: &Brand, packet: &Packet, titles: &[String], bottom: Pt) -> Page {
    let theme = ctx.theme;
    let (width, height) = theme.page;
    // What the page holds: the tags are made once, in reading order.
    let name_style = ctx
        .style(20.0, true, INK)
        .tagged(ctx.tag_block(StructKind::P));
    let tag_style = brand.tagline.as_ref().map(|_| {
        ctx.style(13.0, false, MUTED)
            .tagged(ctx.tag_block(StructKind::P))
    });
    let mut title_style = ctx
        .style(32.0, true, theme.accent)
        .tagged(ctx.tag_block(StructKind::H1));
    title_style.leading = title_style.size * 1.15;
    let sub_style = packet.subtitle.as_ref().map(|_| {
        ctx.style(17.0, false, MUTED)
            .tagged(ctx.tag_block(StructKind::P))
    });
    let contact: Vec<&String> = [&brand.phone, &brand.website, &brand.address]
        .into_iter()
        .flatten()
        .collect();
    let measure = |runs: &[Run], style: &TextStyle| centred(ctx, runs, Pt(0.0), style).1;
    let top = Pt(54.0);
    let logo = brand.logo.as_ref().map(|logo| (logo, theme.size(96.0)));
    let heads_h = {
        let mut h = measure(&plain(&brand.name, Style::BOLD), &name_style);
        if let (Some(t), Some(style)) = (&brand.tagline, &tag_style) {
            h += measure(&plain(t, Style::REGULAR), style);
        }
        h += theme.size(28.0) + theme.size(30.0);
        h += measure(&packet.title.runs, &title_style) + theme.size(6.0);
        if let (Some(sub), Some(style)) = (&packet.subtitle, &sub_style) {
            h += measure(&sub.runs, style);
        }
        h
    };
    let contact_style = ctx.style(13.0, false, INK);
    let first_contact = ctx.style(16.0, true, theme.accent);
    let contact_h = if contact.is_empty() {
        Pt(0.0)
    } else {
        contact
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let style = if i == 0 {
                    &first_contact
                } else {
                    &contact_style
                };
                measure(&plain(line, style.base), style)
            })
            .fold(Pt(0.0), |a, b| a + b)
            + theme.size(14.0)
    };
    let inside_style = ctx.style(14.0, true, INK);
    let inside_h = measure(
        &plain(labels::inside(theme.lang), Style::BOLD),
        &inside_style,
    ) + theme.size(4.0)
        + titles
            .iter()
            .map(|t| measure(&plain(t, Style::REGULAR), &ctx.body()) + theme.size(2.0))
            .fold(Pt(0.0), |a, b| a + b)
        + theme.size(34.0);
    let room = bottom - top - theme.size(20.0);
    let logo_h = logo.map_or(Pt(0.0), |(_, h)| h + theme.size(18.0));
    let fits = |extra: Pt| heads_h + contact_h + extra <= room;
    let with_list = fits(logo_h + inside_h);
    // Drop the list first; then make the logo smaller, down to a third.
    let logo_scale = if fits(logo_h + if with_list { inside_h } else { Pt(0.0) }) {
        1.0
    } else if logo_h.0 > 0.0 {
        ((room - heads_h - contact_h).0 / logo_h.0).clamp(0.35, 1.0)
    } else {
        1.0
    };
    let mut items = Vec::new();
    let mut y = top;
    if let Some((logo, h)) = logo {
        let h = h * logo_scale;
        let w = Pt(h.0 * logo.aspect());
        items.push(Item::Image {
            key: logo.key.clone(),
            x: (width - w) * 0.5,
            y,
            w,
            h,
            // The clinic's name is printed right under it.
            role: Role::Artifact,
        });
        y += h + theme.size(18.0) * logo_scale;
    }
    let (mut name, next) = centred(ctx, &plain(&brand.name, Style::BOLD), y, &name_style);
    items.append(&mut name);
    y = next;
    if let (Some(tagline), Some(style)) = (&brand.tagline, &tag_style) {
        let (mut tag, next) = centred(ctx, &plain(tagline, Style::REGULAR), y, style);
        items.append(&mut tag);
        y = next;
    }
    y += theme.size(28.0);
    items.push(Item::Line {
        from: (theme.left() + theme.width() * 0.3, y),
        to: (theme.left() + theme.width() * 0.7, y),
        color: theme.accent,
        width: Pt(3.0),
    });
    y += theme.size(30.0);
    let (mut title, next) = centred(ctx, &packet.title.runs, y, &title_style);
    items.append(&mut title);
    y = next + theme.size(6.0);
    if let (Some(subtitle), Some(style)) = (&packet.subtitle, &sub_style) {
        let (mut sub, next) = centred(ctx, &subtitle.runs, y, style);
        items.append(&mut sub);
        y = next;
    }
    if with_list {
        y += theme.size(34.0);
        let style = inside_style.tagged(ctx.tag_block(StructKind::P));
        let (mut inside, next) = centred(
            ctx,
            &plain(labels::inside(theme.lang), Style::BOLD),
            y,
            &style,
        );
        items.append(&mut inside);
        y = next + theme.size(4.0);
        let list = ctx.tag_block(StructKind::L);
        for title in titles {
            let body = ctx.tag(StructKind::LBody, ctx.tag(StructKind::LI, list));
            let (mut line, next) = centred(
                ctx,
                &plain(title, Style::REGULAR),
                y,
                &ctx.body().tagged(body),
            );
            items.append(&mut line);
            y = next + theme.size(2.0);
        }
    }
    // The clinic's contact lines at the foot of the cover, never above the flow.
    if !contact.is_empty() {
        let mut y =
            (bottom - theme.size(20.0) - contact_h).max(y + theme.size(20.0)) + theme.size(14.0);
        items.push(Item::Line {
            from: (theme.left(), y - theme.size(14.0)),
            to: (theme.left() + theme.width(), y - theme.size(14.0)),
            color: RULE,
            width: Pt(0.75),
        });
        for (i, line) in contact.into_iter().enumerate() {
            let style = if i == 0 { first_contact } else { contact_style };
            let style = style.tagged(ctx.tag_block(StructKind::P));
            let (mut drawn, next) = centred(ctx, &plain(line, style.base), y, &style);
            items.append(&mut drawn);
            y = next;
        }
    }
    Page {
        width,
        height,
        items,
    }
}

/// What the contents page lists, per handout.
struct ContentsEntries<'a> {
    titles: &'a [String],
    subtitles: &'a [Option<String>],
    first_pages: &'a [usize],
    sections: &'a [Vec<(String, usize)>],
    langs: &'a [Lang],
}

fn contents_page(ctx: &Ctx, brand: &Brand, entries: ContentsEntries, bottom: Pt) -> Page {
    let ContentsEntries {
        titles,
        subtitles,
        first_pages,
        sections,
        langs,
    } = entries;
    let theme = ctx.theme;
    let (width, height) = theme.page;
    // Each handout's sections are listed under it, as long as they all fit
    // the page: the cover names the handouts already, so the contents page
    // says what is inside them.
    let section_style = ctx.style(12.5, false, INK);
    let section_rows: usize = sections.iter().map(Vec::len).sum();
    let per_handout = theme.size(15.5) * 1.3 + theme.size(12.5) * 1.3 + theme.size(20.0);
    let needed = section_style.leading * section_rows as f32 * 1.1
        + per_handout * titles.len() as f32
        + theme.size(80.0);
    let with_sections = needed <= bottom - Pt(100.0);
    let (mut items, top) = running_header(ctx, brand, labels::contents(theme.lang));
    let mut y = top;
    let heading = ctx
        .style(26.0, true, INK)
        .tagged(ctx.tag_block(StructKind::H2));
    let (mut drawn, h) = set_block(
        ctx.fonts,
        &plain(labels::contents(theme.lang), Style::BOLD),
        theme.left(),
        theme.width(),
        &heading,
        theme.lang,
    );
    drawn.iter_mut().for_each(|i| i.shift(y));
    items.append(&mut drawn);
    y += h + theme.size(14.0);
    let toc = ctx.tag_block(StructKind::TOC);
    for (index, ((title, subtitle), first)) in
        titles.iter().zip(subtitles).zip(first_pages).enumerate()
    {
        // Each entry is a link to the handout's first page: title and page number inside it.
        let entry = ctx.tag(StructKind::TOCI, toc);
        // A title in another language than the packet's says so.
        if let Some(own) = langs.get(index).filter(|l| **l != theme.lang) {
            ctx.tags.set_lang(entry, own.tag());
        }
        let link = ctx.tags.add_with_alt(
            StructKind::Link,
            entry,
            Some(format!(
                "{title}, {}",
                crate::layout::labels::page_of(theme.lang, first + 1, first + 1)
                    .split(' ')
                    .take(2)
                    .collect::<Vec<_>>()
                    .join(" ")
            )),
        );
        let title_style = ctx.style(15.5, true, INK).tagged(link);
        let number_style = ctx.style(15.5, true, theme.accent).tagged(link);
        let sub_style = ctx
            .style(12.5, false, MUTED)
            .tagged(ctx.tag(StructKind::P, entry));
        let row_top = y;
        let number = (first + 1).to_string();
        let number_w = Pt(ctx.fonts.width(&number, Style::BOLD, number_style.size.0));
        let text_w = theme.width() - number_w - theme.size(30.0);
        let (mut drawn, h) = set_block(
            ctx.fonts,
            &plain(title, Style::BOLD),
            theme.left(),
            text_w,
            &title_style,
            theme.lang,
        );
        drawn.iter_mut().for_each(|i| i.shift(y));
        items.append(&mut drawn);
        let baseline = y + crate::layout::paragraph::baseline_offset(ctx.fonts, &number_style);
        items.push(Item::Text {
            x: theme.left() + theme.width() - number_w,
            y: baseline,
            size: number_style.size,
            runs: plain(&number, Style::BOLD),
            color: number_style.color,
            role: number_style.role,
        });
        y += h;
        if let Some(subtitle) = subtitle {
            let (mut drawn, h) = set_block(
                ctx.fonts,
                &plain(subtitle, Style::REGULAR),
                theme.left(),
                text_w,
                &sub_style,
                theme.lang,
            );
            drawn.iter_mut().for_each(|i| i.shift(y));
            items.append(&mut drawn);
            y += h;
        }
        items.push(Item::Link {
            x: theme.left(),
            y: row_top,
            w: theme.width(),
            h: y - row_top,
            target: LinkTarget::Page(*first, Pt(0.0)),
            node: Some(link),
        });
        let index = first_pages.iter().position(|p| p == first).unwrap_or(0);
        let list = sections
            .get(index)
            .filter(|s| with_sections && !s.is_empty());
        if let Some(list) = list {
            y += theme.size(4.0);
            let inner = ctx.tag(StructKind::TOC, entry);
            let indent = theme.size(18.0);
            for (heading, page) in list {
                let item = ctx.tag(StructKind::TOCI, inner);
                let link = ctx.tags.add_with_alt(
                    StructKind::Link,
                    item,
                    Some(format!("{heading}, {}", page + 1)),
                );
                let style = section_style.tagged(link);
                let number = (page + 1).to_string();
                let number_w = Pt(ctx.fonts.width(&number, Style::REGULAR, style.size.0));
                let text_w = theme.width() - indent - number_w - theme.size(30.0);
                let (mut drawn, h) = set_block(
                    ctx.fonts,
                    &plain(heading, Style::REGULAR),
                    theme.left() + indent,
                    text_w,
                    &style,
                    theme.lang,
                );
                drawn.iter_mut().for_each(|i| i.shift(y));
                items.append(&mut drawn);
                let baseline = y + crate::layout::paragraph::baseline_offset(ctx.fonts, &style);
                items.push(Item::Text {
                    x: theme.left() + theme.width() - number_w,
                    y: baseline,
                    size: style.size,
                    runs: plain(&number, Style::REGULAR),
                    color: MUTED,
                    role: style.role,
                });
                items.push(Item::Link {
                    x: theme.left() + indent,
                    y,
                    w: theme.width() - indent,
                    h,
                    target: LinkTarget::Page(*page, Pt(0.0)),
                    node: Some(link),
                });
                y += h;
            }
        }
        y += theme.size(8.0);
        items.push(Item::Line {
            from: (theme.left(), y),
            to: (theme.left() + theme.width(), y),
            color: RULE,
            width: Pt(0.75),
        });
        y += theme.size(12.0);
    }
    Page {
        width,
        height,
        items,
    }
}

fn blank_page(ctx: &Ctx) -> Page {
    let theme = ctx.theme;
    let (width, height) = theme.page;
    let style = ctx.style(12.5, false, MUTED);
    let (items, _) = centred(
        ctx,
        &plain(labels::intentionally_blank(theme.lang), Style::REGULAR),
        height * 0.45,
        &style,
    );
    Page {
        width,
        height,
        items,
    }
}

/// Binds laid-out handouts into one packet document with page numbers straight through.
pub fn layout_packet(
    packet: &Packet,
    brand: &Brand,
    fonts: &Arc<FontSet>,
    options: &LayoutOptions,
    parts: PacketParts,
) -> Result<(Document, Vec<crate::diag::Diagnostic>), Vec<crate::diag::Diagnostic>> {
    let lang = parts.langs.first().copied().unwrap_or(Lang::En);
    let theme = match parts.handouts.first() {
        Some(first) => *first.theme(),
        None => Theme::new(
            options.paper.unwrap_or(crate::model::Paper::Letter),
            options.large_print,
            brand.accent,
            lang,
        ),
    };
    let theme = Theme { lang, ..theme };
    let tags = Tags::new(StructKind::Document);
    let ctx = Ctx {
        fonts,
        theme: &theme,
        tags: &tags,
        parent: 0,
    };
    let titles: Vec<String> = parts.handouts.iter().map(|h| h.title.clone()).collect();
    let subtitles: Vec<Option<String>> =
        parts.handouts.iter().map(|h| h.subtitle.clone()).collect();

    // Where each handout starts: after the cover and contents, and on a front page when duplex.
    let mut front_matter = usize::from(packet.cover) + usize::from(packet.contents);
    if packet.duplex && front_matter % 2 == 1 {
        front_matter += 1;
    }
    let mut first_pages = Vec::new();
    let mut blanks_before = Vec::new();
    let mut next = front_matter;
    for (i, handout) in parts.handouts.iter().enumerate() {
        let blank = packet.duplex && i > 0 && next % 2 == 1;
        if blank {
            next += 1;
        }
        blanks_before.push(blank);
        first_pages.push(next);
        next += handout.pages.len();
    }
    let total = next;

    let footer = Footer::new(&ctx, brand, None);
    let warnings: Vec<crate::diag::Diagnostic> = parts
        .handouts
        .iter()
        .flat_map(|h| h.warnings.iter().cloned())
        .collect();
    let mut pages = Vec::with_capacity(total);
    let mut outline = Vec::new();
    if packet.cover {
        pages.push(cover_page(&ctx, brand, packet, &titles, footer.top));
    }
    if packet.contents {
        outline.push(Anchor {
            level: 0,
            title: labels::contents(lang).to_string(),
            page: pages.len(),
            y: Pt(0.0),
        });
        let sections: Vec<Vec<(String, usize)>> = parts
            .handouts
            .iter()
            .zip(&first_pages)
            .map(|(h, first)| {
                h.anchors
                    .iter()
                    .filter(|a| a.level == 1)
                    .map(|a| (a.title.clone(), a.page + first))
                    .collect()
            })
            .collect();
        let entries = ContentsEntries {
            titles: &titles,
            subtitles: &subtitles,
            first_pages: &first_pages,
            sections: &sections,
            langs: &parts.langs,
        };
        pages.push(contents_page(&ctx, brand, entries, footer.top));
    }
    if pages.len() < front_matter {
        pages.push(blank_page(&ctx));
    }
    let mut errors = Vec::new();
    for (page_number, page) in pages.iter_mut().enumerate() {
        if packet.cover && page_number == 0 {
            page.items.extend(footer.unnumbered());
        } else {
            page.items
                .extend(footer.items(&ctx, page_number + 1, total));
        }
        for fault in audit_page(page, fonts, theme.margin) {
            errors.push(
                crate::diag::Diagnostic::error(format!(
                    "layout fault on page {} of the packet: {}",
                    page_number + 1,
                    fault.what
                ))
                .at(&packet.source, packet.title.span.clone())
                .with_hint("shorten the packet's title or subtitle, or the brand's lines; if they are short already, report this with the file"),
            );
        }
    }
    for (((mut handout, first), blank), part_lang) in parts
        .handouts
        .into_iter()
        .zip(first_pages)
        .zip(blanks_before)
        .zip(parts.langs.iter().copied().chain(std::iter::repeat(lang)))
    {
        if blank {
            let mut page = blank_page(&ctx);
            page.items
                .extend(footer.items(&ctx, pages.len() + 1, total));
            pages.push(page);
        }
        handout.number_pages(first + 1, total);
        errors.extend(handout.audit());
        // The handout's structure goes under a Part of its own, renumbered.
        let mut map = Vec::with_capacity(handout.structure.len());
        for node in &handout.structure {
            let id = match node.parent {
                None => {
                    // Each part says its own language: a packet may mix them.
                    let part = tags.add(StructKind::Part, 0);
                    tags.set_lang(part, part_lang.tag());
                    part
                }
                Some(parent) => tags.add_copy(node, map[parent]),
            };
            map.push(id);
        }
        for page in &mut handout.pages {
            for item in &mut page.items {
                item.renumber(|n| map.get(n).copied().unwrap_or(0));
            }
        }
        outline.push(Anchor {
            level: 0,
            title: handout.title.clone(),
            page: first,
            y: Pt(0.0),
        });
        outline.extend(handout.anchors.iter().map(|a| Anchor {
            page: a.page + first,
            ..a.clone()
        }));
        pages.extend(handout.pages);
    }
    let document = Document {
        pages,
        outline,
        title: packet.title.plain(),
        author: brand.name.clone(),
        subject: packet
            .subtitle
            .as_ref()
            .map(|s| s.plain())
            .unwrap_or_default(),
        lang: lang.tag().to_string(),
        structure: tags.into_nodes(),
        fonts: Arc::clone(fonts),
        images: Vec::new(),
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok((document, warnings))
}
