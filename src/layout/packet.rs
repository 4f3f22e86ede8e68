//! Packets: a cover, a contents page, and the handouts numbered straight through.

use crate::layout::chrome::{running_header, Footer};
use crate::layout::context::Ctx;
use crate::layout::frame::{Anchor, Document, Item, LinkTarget, Page, Pt, Role};
use crate::layout::handout::LaidOut;
use crate::layout::labels;
use crate::layout::paragraph::{set_block, set_lines, TextStyle};
use crate::layout::tags::{StructKind, Tags};
use crate::layout::theme::{LayoutOptions, Theme, INK, MUTED, RULE};
use crate::model::{Brand, Lang, Packet};
use crate::text::{Run, Style};

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

fn cover_page(ctx: &Ctx, brand: &Brand, packet: &Packet, titles: &[String]) -> Page {
    let theme = ctx.theme;
    let (width, height) = theme.page;
    let mut items = Vec::new();
    let mut y = Pt(72.0);
    if let Some(logo) = &brand.logo {
        let h = theme.size(96.0);
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
        y += h + theme.size(18.0);
    }
    let (mut name, next) = centred(
        ctx,
        &plain(&brand.name, Style::BOLD),
        y,
        &ctx.style(20.0, true, INK)
            .tagged(ctx.tag_block(StructKind::P)),
    );
    items.append(&mut name);
    y = next;
    if let Some(tagline) = &brand.tagline {
        let (mut tag, next) = centred(
            ctx,
            &plain(tagline, Style::REGULAR),
            y,
            &ctx.style(13.0, false, MUTED)
                .tagged(ctx.tag_block(StructKind::P)),
        );
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
    let mut title_style = ctx
        .style(32.0, true, theme.accent)
        .tagged(ctx.tag_block(StructKind::H1));
    title_style.leading = title_style.size * 1.15;
    let (mut title, next) = centred(ctx, &packet.title.runs, y, &title_style);
    items.append(&mut title);
    y = next + theme.size(6.0);
    if let Some(subtitle) = &packet.subtitle {
        let style = ctx
            .style(17.0, false, MUTED)
            .tagged(ctx.tag_block(StructKind::P));
        let (mut sub, next) = centred(ctx, &subtitle.runs, y, &style);
        items.append(&mut sub);
        y = next;
    }
    y += theme.size(34.0);
    let (mut inside, next) = centred(
        ctx,
        &plain(labels::inside(theme.lang), Style::BOLD),
        y,
        &ctx.style(14.0, true, INK)
            .tagged(ctx.tag_block(StructKind::P)),
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
    // The clinic's contact lines at the foot of the cover.
    let contact: Vec<&String> = [&brand.phone, &brand.website, &brand.address]
        .into_iter()
        .flatten()
        .collect();
    if !contact.is_empty() {
        let style = ctx.style(13.0, false, INK);
        let mut y = height - Pt(150.0) - style.leading * contact.len() as f32;
        items.push(Item::Line {
            from: (theme.left(), y - theme.size(14.0)),
            to: (theme.left() + theme.width(), y - theme.size(14.0)),
            color: RULE,
            width: Pt(0.75),
        });
        for (i, line) in contact.into_iter().enumerate() {
            let style = if i == 0 {
                ctx.style(16.0, true, theme.accent)
            } else {
                style
            };
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

fn contents_page(
    ctx: &Ctx,
    brand: &Brand,
    titles: &[String],
    subtitles: &[Option<String>],
    first_pages: &[usize],
    langs: &[Lang],
) -> Page {
    let theme = ctx.theme;
    let (width, height) = theme.page;
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
    options: &LayoutOptions,
    parts: PacketParts,
) -> (Document, Vec<crate::diag::Diagnostic>) {
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
        fonts: &brand.fonts,
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
        pages.push(cover_page(&ctx, brand, packet, &titles));
    }
    if packet.contents {
        outline.push(Anchor {
            level: 0,
            title: labels::contents(lang).to_string(),
            page: pages.len(),
            y: Pt(0.0),
        });
        pages.push(contents_page(
            &ctx,
            brand,
            &titles,
            &subtitles,
            &first_pages,
            &parts.langs,
        ));
    }
    if pages.len() < front_matter {
        pages.push(blank_page(&ctx));
    }
    for (page_number, page) in pages.iter_mut().enumerate() {
        page.items
            .extend(footer.items(&ctx, page_number + 1, total));
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
                Some(parent) => tags.add_with_alt(node.kind, map[parent], node.alt.clone()),
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
    };
    (document, warnings)
}
