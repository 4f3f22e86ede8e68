//! A handout: title, blocks, pages; and the finished single-handout document.

use std::sync::Arc;

use crate::diag::{Diagnostic, Source};
use crate::layout::audit::{self, audit_page, Origins};
use crate::layout::blocks::{block_units, Place};
use crate::layout::chrome::{first_page_band, running_header, Footer};
use crate::layout::context::Ctx;
use crate::layout::coverage::check_coverage;
use crate::layout::flow::{paginate, Frame, Unit};
use crate::layout::frame::{Anchor, Document, Item, Page, Pt};
use crate::layout::paragraph::set_block;
use crate::layout::tags::{StructKind, StructNode, Tags};
use crate::layout::theme::{LayoutOptions, Theme, FIT_LEVELS, INK, MUTED};
use crate::model::{Brand, Handout};
use crate::text::FontSet;

/// The most pages one handout may have; far beyond any printed handout.
pub const MAX_PAGES: usize = 1000;

/// A handout laid out on its own pages, before page numbers are known.
pub struct LaidOut {
    /// Pages with header and body, no footer yet.
    pub pages: Vec<Page>,
    /// Headings, with page indices relative to the handout's first page.
    pub anchors: Vec<Anchor>,
    /// The title in plain text.
    pub title: String,
    /// The subtitle in plain text.
    pub subtitle: Option<String>,
    /// Warnings about the layout.
    pub warnings: Vec<Diagnostic>,
    /// The structure tree, node 0 its root.
    pub structure: Vec<StructNode>,
    theme: Theme,
    fonts: Arc<FontSet>,
    footer: Footer,
    /// For each page, the block each of its items comes from.
    origins: Vec<Origins>,
    source: Arc<Source>,
    title_span: std::ops::Range<usize>,
    /// Blocks with a word cut without a hyphen.
    cut: Vec<std::ops::Range<usize>>,
}

impl LaidOut {
    /// Adds footers, numbering pages from `first` (1-based) of `total`.
    pub fn number_pages(&mut self, first: usize, total: usize) {
        let tags = Tags::new(StructKind::Document);
        let ctx = Ctx {
            fonts: &self.fonts,
            theme: &self.theme,
            tags: &tags,
            parent: 0,
        };
        for (i, page) in self.pages.iter_mut().enumerate() {
            page.items.extend(self.footer.items(&ctx, first + i, total));
        }
    }

    /// The theme the handout was laid out with.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Runs the layout audit over the handout's pages, numbered from `first`
    /// (1-based): every fault is an error naming the block it lies in.
    pub fn audit(&self) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        for span in &self.cut {
            errors.push(
                Diagnostic::error("layout fault: a word in this block is cut without a hyphen")
                    .at(&self.source, span.clone())
                    .with_hint("the column is narrower than one letter and a hyphen; shorten the word or the block"),
            );
        }
        for (index, page) in self.pages.iter().enumerate() {
            let origins = self.origins.get(index);
            for fault in audit_page(page, &self.fonts, self.theme.margin) {
                let origin = origins.and_then(|o| o.get(fault.item)).cloned().flatten();
                let (span, place) = match origin {
                    Some(span) => (span, ""),
                    None => (self.title_span.clone(), " in the header or footer"),
                };
                errors.push(
                    Diagnostic::error(format!(
                        "layout fault on page {}{place}: {}",
                        index + 1,
                        fault.what
                    ))
                    .at(&self.source, span)
                    .with_hint(
                        "shorten this text; if it is short already, report this with the file",
                    ),
                );
            }
        }
        errors
    }
}

/// Lays out a handout for a brand: checks glyphs, breaks lines, paginates.
///
/// A handout with `max_pages` that does not fit is laid out again, tighter,
/// level by level (see [`Theme::fitted`]), before the overflow is reported.
pub fn layout_handout(
    handout: &Handout,
    brand: &Brand,
    fonts: &Arc<FontSet>,
    options: &LayoutOptions,
) -> Result<LaidOut, Vec<Diagnostic>> {
    let missing = check_coverage(handout, brand, fonts);
    if !missing.is_empty() {
        return Err(missing);
    }
    let levels = if handout.max_pages.is_some() {
        FIT_LEVELS
    } else {
        1
    };
    let mut result = Err(Vec::new());
    for fit in 0..levels {
        result = attempt(handout, brand, fonts, options, fit, fit + 1 == levels);
        // An empty error list: it overflows `max_pages`, and a tighter level is left to try.
        if !matches!(&result, Err(e) if e.is_empty()) {
            break;
        }
    }
    result
}

fn attempt(
    handout: &Handout,
    brand: &Brand,
    fonts: &Arc<FontSet>,
    options: &LayoutOptions,
    fit: u8,
    last: bool,
) -> Result<LaidOut, Vec<Diagnostic>> {
    let paper = options.paper.unwrap_or(handout.paper);
    let theme = Theme::new(paper, options.large_print, brand.accent, handout.lang).fitted(fit);
    let tags = Tags::new(StructKind::Document);
    let ctx = Ctx {
        fonts,
        theme: &theme,
        tags: &tags,
        parent: 0,
    };
    let title = handout.title.plain();
    let (band, first_top) = first_page_band(&ctx, brand);
    let (header, top) = running_header(&ctx, brand, &title);
    let footer = Footer::new(&ctx, brand, handout.reviewed);
    let frame = Frame {
        first_top,
        top,
        bottom: footer.top - theme.space(8.0),
    };
    let room = frame.bottom - frame.top;

    let mut units = title_units(&ctx, handout);
    // The title and subtitle open the first page; one that does not fit there
    // would run off its foot.
    let first_room = frame.bottom - frame.first_top;
    let mut errors = Vec::new();
    let heads = [
        ("title", Some(&handout.title)),
        ("subtitle", handout.subtitle.as_ref()),
    ];
    let heads = heads
        .into_iter()
        .filter_map(|(key, text)| Some((key, text?)));
    for (unit, (key, text)) in units.iter().zip(heads) {
        if unit.height > first_room + Pt(0.5) {
            errors.push(
                Diagnostic::error(format!("the {key} is too long to fit on the first page"))
                    .at(&handout.source, text.span.clone())
                    .with_hint("shorten it; the rest can go in a `text` block"),
            );
        }
    }
    let mut cut = Vec::new();
    let mut last_urgent = false;
    let place = Place { brand, room };
    for block in &handout.blocks {
        let cuts = audit::cuts();
        let mut block_units = block_units(&ctx, &block.kind, &place);
        if audit::cuts() > cuts {
            cut.push(block.span.clone());
        }
        for unit in &mut block_units {
            unit.origin = Some(block.span.clone());
        }
        // A box is never stranded: an emergency callout keeps what comes
        // before it on its page, and any box keeps the paragraph that
        // introduces it ("If you see these signs:").
        let boxed = block_units.iter().any(|u| u.boxed);
        let emergency = block_units.iter().any(|u| u.urgent);
        last_urgent = emergency;
        if let (Some(previous), true) = (units.last_mut(), boxed) {
            let introduces = previous.items.iter().rev().find_map(|item| match item {
                Item::Text { runs, .. } => runs.last().map(|r| r.text.trim_end().ends_with(':')),
                _ => None,
            });
            if emergency || introduces == Some(true) {
                previous.keep_with_next = true;
            }
        }
        units.append(&mut block_units);
    }
    let mut warnings = Vec::new();
    let mut reported = None;
    for unit in &units {
        // A table's row opens a page under its header again: both must fit.
        let repeat = unit.repeat.as_ref().map_or(Pt(0.0), |r| r.height);
        if unit.height + repeat > room + Pt(0.5) {
            // Once a block, however many of its pieces are too tall.
            if let Some(span) = unit.origin.as_ref().filter(|s| reported != Some(*s)) {
                let (message, hint) = if is_table(handout, span) {
                    (
                        "a row of this table is taller than a page, and a row cannot be split",
                        "shorten the row's cells, or give the columns with long text more room with `widths`",
                    )
                } else {
                    (
                        "this block is taller than a page, and it cannot be split",
                        "shorten it, or split it into two blocks",
                    )
                };
                errors.push(
                    Diagnostic::error(message)
                        .at(&handout.source, span.clone())
                        .with_hint(hint),
                );
                reported = Some(span);
            }
        }
    }
    let placements = paginate(&units, frame);
    let page_count = placements.last().map_or(1, |p| p.page + 1);
    if page_count > MAX_PAGES {
        // Thirty bytes of `page-break` make a page: without a limit an 8 MB file
        // is a hundred thousand pages and gigabytes of memory.
        let span = units
            .iter()
            .zip(&placements)
            .find(|(_, p)| p.page >= MAX_PAGES)
            .and_then(|(u, _)| u.origin.clone())
            .unwrap_or_else(|| handout.title.span.clone());
        return Err(vec![Diagnostic::error(format!(
            "the handout needs {page_count} pages, more than the {MAX_PAGES} a handout may have"
        ))
        .at(&handout.source, span)
        .with_hint(format!(
            "split it into several handouts; page {} would start with this block",
            MAX_PAGES + 1
        ))]);
    }
    if let Some((max, max_span)) = &handout.max_pages {
        if page_count > *max && !last && errors.is_empty() {
            return Err(Vec::new());
        }
        if page_count > *max {
            let overflow = units
                .iter()
                .zip(&placements)
                .find(|(_, p)| p.page >= *max)
                .and_then(|(u, _)| u.origin.clone());
            let pages = if *max == 1 {
                "1 page".to_string()
            } else {
                format!("{max} pages")
            };
            let message =
                format!("the handout needs {page_count} pages, but `max_pages` allows {pages}");
            let diagnostic = match overflow {
                Some(span) => {
                    Diagnostic::error(format!("{message}; the text overflows from this block on"))
                        .at(&handout.source, span)
                }
                None => Diagnostic::error(message).at(&handout.source, max_span.clone()),
            };
            if options.large_print {
                // A large-print edition is expected to run longer than the sheet it enlarges.
                let mut warning = diagnostic
                    .with_hint("large print needs more room; this edition is built anyway");
                warning.severity = crate::diag::Severity::Warning;
                warnings.push(warning);
            } else {
                errors.push(diagnostic.with_hint(format!(
                    "shorten the text or remove a block so it fits, or raise max_pages (now {max})"
                )));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if let Some(block) = handout.blocks.last() {
        // A one-page sheet is not long, even enlarged to several pages.
        let sheet = handout.max_pages.as_ref().is_some_and(|(max, _)| *max == 1);
        if page_count > 1 && !sheet && last_urgent {
            warnings.push(
                Diagnostic::warning(format!(
                    "the emergency callout is the last thing of a {page_count}-page handout"
                ))
                .at(&handout.source, block.span.clone())
                .with_hint("move it to the first page, where a reader in a hurry finds it; the last page is the one most often lost"),
            );
        }
    }

    let (width, height) = theme.page;
    let mut pages: Vec<Page> = (0..page_count)
        .map(|i| Page {
            width,
            height,
            items: if i == 0 { band.clone() } else { header.clone() },
        })
        .collect();
    let mut origins: Vec<Origins> = pages.iter().map(|p| vec![None; p.items.len()]).collect();
    let mut anchors = Vec::new();
    for (unit, placement) in units.into_iter().zip(placements) {
        if let Some((level, text)) = unit.anchor {
            anchors.push(Anchor {
                level,
                title: text,
                page: placement.page,
                y: placement.y,
            });
        }
        if let (Some(page), Some(origin)) = (
            pages.get_mut(placement.page),
            origins.get_mut(placement.page),
        ) {
            // A table continued from the page before opens with its header again.
            let repeated = unit.repeat.as_ref().zip(placement.repeat);
            let repeated = repeated.into_iter().flat_map(|(repeat, y)| {
                repeat.items.iter().cloned().map(move |mut item| {
                    item.shift(y);
                    item
                })
            });
            for item in repeated {
                page.items.push(item);
                origin.push(unit.origin.clone());
            }
            for mut item in unit.items {
                item.shift(placement.y);
                page.items.push(item);
                // Only the title and subtitle come from no block.
                origin.push(
                    unit.origin
                        .clone()
                        .or_else(|| Some(handout.title.span.clone())),
                );
            }
        }
    }
    Ok(LaidOut {
        pages,
        anchors,
        title,
        subtitle: handout.subtitle.as_ref().map(|s| s.plain()),
        warnings,
        structure: tags.into_nodes(),
        theme,
        fonts: Arc::clone(fonts),
        footer,
        origins,
        source: handout.source.clone(),
        title_span: handout.title.span.clone(),
        cut,
    })
}

/// Whether the block at `span` is a table.
fn is_table(handout: &Handout, span: &std::ops::Range<usize>) -> bool {
    handout
        .blocks
        .iter()
        .any(|b| &b.span == span && b.name() == crate::model::TableBlock::TYPE)
}

fn title_units(ctx: &Ctx, handout: &Handout) -> Vec<Unit> {
    let theme = ctx.theme;
    let mut units = Vec::new();
    let mut style = ctx
        .style(27.0, true, INK)
        .tagged(ctx.tag_block(StructKind::H1));
    style.leading = style.size * 1.15;
    let (items, height) = set_block(
        ctx.fonts,
        &handout.title.runs,
        theme.left(),
        theme.width(),
        &style,
        theme.lang,
    );
    let mut unit = Unit::new(height, items);
    unit.keep_with_next = true;
    units.push(unit);
    if let Some(subtitle) = &handout.subtitle {
        let style = ctx
            .style(15.0, false, MUTED)
            .tagged(ctx.tag_block(StructKind::P));
        let (items, height) = set_block(
            ctx.fonts,
            &subtitle.runs,
            theme.left(),
            theme.width(),
            &style,
            theme.lang,
        );
        let mut unit = Unit::new(height, items);
        unit.space_before = theme.size(2.0);
        unit.keep_with_next = true;
        units.push(unit);
    }
    if let Some(last) = units.last_mut() {
        last.height += theme.space(6.0);
    }
    units
}

/// A single handout as a finished document: laid out and numbered.
pub fn layout_document(
    handout: &Handout,
    brand: &Brand,
    fonts: &Arc<FontSet>,
    options: &LayoutOptions,
) -> Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut laid_out = layout_handout(handout, brand, fonts, options)?;
    let total = laid_out.pages.len();
    laid_out.number_pages(1, total);
    let faults = laid_out.audit();
    if !faults.is_empty() {
        return Err(faults);
    }
    let mut outline = vec![Anchor {
        level: 0,
        title: laid_out.title.clone(),
        page: 0,
        y: Pt(0.0),
    }];
    outline.extend(laid_out.anchors.iter().cloned());
    let document = Document {
        pages: laid_out.pages,
        outline,
        title: laid_out.title,
        author: brand.name.clone(),
        subject: handout
            .subtitle
            .as_ref()
            .map(|s| s.plain())
            .unwrap_or_default(),
        lang: handout.lang.tag().to_string(),
        structure: laid_out.structure,
        fonts: Arc::clone(fonts),
        images: Vec::new(),
    };
    Ok((document, laid_out.warnings))
}
