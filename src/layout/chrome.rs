//! Page furniture: the brand band on a first page, the running header, the footer.

use crate::layout::context::Ctx;
use crate::layout::frame::{Item, Pt, Role};
use crate::layout::labels;
use crate::layout::paragraph::{baseline_offset, set_lines, TextStyle};
use crate::layout::theme::{Theme, INK, LARGE_BODY_SIZE, MUTED, RULE};
use crate::model::{Brand, Date};
use crate::text::{Run, Style};

const TOP: f32 = 32.0;
const BOTTOM: f32 = 30.0;

fn runs(text: &str, style: Style) -> Vec<Run> {
    vec![Run {
        text: text.to_string(),
        style,
    }]
}

fn artifact(mut style: TextStyle) -> TextStyle {
    style.role = Role::Artifact;
    style
}

/// Draws one line of text right-aligned at `right`, returning its items.
fn right_aligned(ctx: &Ctx, text: &str, right: Pt, baseline: Pt, style: &TextStyle) -> Item {
    let width = Pt(ctx.fonts.width(text, style.base, style.size.0));
    Item::Text {
        x: right - width,
        y: baseline,
        size: style.size,
        runs: runs(text, style.base),
        color: style.color,
        role: style.role,
    }
}

/// The logo's height in the band at the top of a handout, in ordinary print.
const LOGO_HEIGHT: f32 = 46.0;

/// The size the band at the top of a handout draws a logo of this aspect
/// ratio at: where the logo is drawn in every handout without a cover.
pub fn header_logo_size(theme: &Theme, aspect: f32) -> (Pt, Pt) {
    let h = theme.size(LOGO_HEIGHT);
    (Pt(h.0 * aspect), h)
}

/// The band at the top of a handout's first page; returns its items and where the flow starts.
pub fn first_page_band(ctx: &Ctx, brand: &Brand) -> (Vec<Item>, Pt) {
    let theme = ctx.theme;
    let left = theme.left();
    let right = left + theme.width();
    let top = Pt(TOP);
    let logo_h = theme.size(LOGO_HEIGHT);
    let mut items = Vec::new();
    let mut text_x = left;
    if let Some(logo) = &brand.logo {
        let (w, logo_h) = header_logo_size(theme, logo.aspect());
        items.push(Item::Image {
            key: logo.key.clone(),
            x: left,
            y: top,
            w,
            h: logo_h,
            role: Role::Artifact,
        });
        text_x = left + w + theme.size(12.0);
    }
    // The phone and website column is as wide as they are, so the name and
    // tagline beside them never run under them.
    let phone_style = artifact(ctx.style(14.0, true, theme.accent));
    let web_style = artifact(ctx.style(10.5, false, MUTED));
    let contact_w = [
        brand
            .phone
            .as_ref()
            .map(|p| ctx.fonts.width(p, phone_style.base, phone_style.size.0)),
        brand
            .website
            .as_ref()
            .map(|w| ctx.fonts.width(w, web_style.base, web_style.size.0)),
    ]
    .into_iter()
    .flatten()
    .fold(0.0f32, f32::max);
    let right_w = (Pt(contact_w) + theme.size(14.0)).max(theme.width() * 0.25);
    let name_w = right - text_x - right_w;
    // The whole name always shows: a long one is set smaller, down to a floor,
    // and only then wrapped.
    let name_style = shrink_to_fit(
        ctx,
        &brand.name,
        artifact(ctx.style(17.0, true, INK)),
        name_w,
        0.7,
    );
    let tag_style = match &brand.tagline {
        Some(tagline) => shrink_to_fit(
            ctx,
            tagline,
            artifact(ctx.style(11.0, false, MUTED)),
            name_w,
            0.8,
        ),
        None => artifact(ctx.style(11.0, false, MUTED)),
    };
    let name_lines = set_lines(
        ctx.fonts,
        &runs(&brand.name, Style::BOLD),
        text_x,
        name_w,
        &name_style,
        theme.lang,
    );
    let tag_lines = brand.tagline.as_ref().map_or_else(Vec::new, |t| {
        set_lines(
            ctx.fonts,
            &runs(t, Style::REGULAR),
            text_x,
            name_w,
            &tag_style,
            theme.lang,
        )
    });
    let block_h =
        name_style.leading * name_lines.len() as f32 + tag_style.leading * tag_lines.len() as f32;
    // Centre the name and tagline against the logo.
    let mut line_top = top + (logo_h - block_h) * 0.5;
    let name_base = line_top + baseline_offset(ctx.fonts, &name_style);
    for (lines, style) in [(name_lines, &name_style), (tag_lines, &tag_style)] {
        for line in lines {
            let mut item = line.item;
            item.shift(line_top);
            items.push(item);
            line_top += style.leading;
        }
    }
    match (&brand.phone, &brand.website) {
        (Some(phone), Some(web)) => {
            items.push(right_aligned(ctx, phone, right, name_base, &phone_style));
            items.push(right_aligned(
                ctx,
                web,
                right,
                name_base + tag_style.leading,
                &web_style,
            ));
        }
        (Some(phone), None) => items.push(right_aligned(
            ctx,
            phone,
            right,
            name_base + phone_style.size * 0.3,
            &phone_style,
        )),
        (None, Some(web)) => items.push(right_aligned(
            ctx,
            web,
            right,
            name_base + web_style.size * 0.3,
            &web_style,
        )),
        (None, None) => {}
    }
    // Below the logo, or below the name and tagline when they wrap taller.
    let rule_y = (top + logo_h).max(line_top) + theme.size(10.0);
    items.push(Item::Line {
        from: (left, rule_y),
        to: (right, rule_y),
        color: theme.accent,
        width: Pt(2.5),
    });
    (items, rule_y + theme.size(14.0))
}

/// A style set small enough, down to `floor` times its size, for text to fit a width.
fn shrink_to_fit(ctx: &Ctx, text: &str, style: TextStyle, room: Pt, floor: f32) -> TextStyle {
    let width = ctx.fonts.width(text, style.base, style.size.0);
    if width <= room.0 || width <= 0.0 {
        return style;
    }
    let mut factor = (room.0 / width).max(floor);
    if ctx.theme.large() {
        // Large print: never below 18 pt; the text wraps instead.
        factor = factor.max(LARGE_BODY_SIZE / style.size.0).min(1.0);
    }
    TextStyle {
        size: style.size * factor,
        leading: style.leading * factor,
        ..style
    }
}

/// The running header of later pages; returns its items and where the flow starts.
pub fn running_header(ctx: &Ctx, brand: &Brand, title: &str) -> (Vec<Item>, Pt) {
    let theme = ctx.theme;
    let left = theme.left();
    let right = left + theme.width();
    let name_style = artifact(ctx.style(10.5, true, theme.accent));
    let title_style = artifact(ctx.style(10.5, false, MUTED));
    let baseline = Pt(TOP) + name_style.size;
    let mut items = vec![Item::Text {
        x: left,
        y: baseline,
        size: name_style.size,
        runs: runs(&brand.name, Style::BOLD),
        color: name_style.color,
        role: Role::Artifact,
    }];
    let name_w = Pt(ctx.fonts.width(&brand.name, Style::BOLD, name_style.size.0));
    let room = theme.width() - name_w - theme.size(24.0);
    let title = fit_text(ctx, title, &title_style, room);
    items.push(right_aligned(ctx, &title, right, baseline, &title_style));
    let rule_y = baseline + theme.size(8.0);
    items.push(Item::Line {
        from: (left, rule_y),
        to: (right, rule_y),
        color: RULE,
        width: Pt(0.75),
    });
    (items, rule_y + theme.size(18.0))
}

/// Shortens text with an ellipsis until it fits a width.
fn fit_text(ctx: &Ctx, text: &str, style: &TextStyle, room: Pt) -> String {
    let width = |s: &str| Pt(ctx.fonts.width(s, style.base, style.size.0));
    if width(text) <= room {
        return text.to_string();
    }
    // Widths add up character by character, so one pass finds the longest
    // prefix that fits with the ellipsis (cutting a character at a time and
    // measuring again was quadratic: minutes for a 20,000-character title).
    let ellipsis = width("…");
    let mut used = Pt(0.0);
    let mut end = 0;
    let mut buf = [0u8; 4];
    for (i, c) in text.char_indices() {
        let w = width(c.encode_utf8(&mut buf));
        if used + w + ellipsis > room {
            break;
        }
        used += w;
        end = i + c.len_utf8();
    }
    if ellipsis > room {
        return String::new();
    }
    let kept = text.get(..end).unwrap_or("");
    // Shortened at a word's end, never inside a word ("Questi…"); a single
    // word too long for the room is left out.
    let whole = if text[end..].starts_with(' ') {
        kept
    } else {
        kept.rfind(' ').map_or("", |space| &kept[..space])
    };
    let whole = whole
        .trim_end()
        .trim_end_matches([',', ';', ':', '-', '–', '—']);
    if whole.is_empty() {
        return String::new();
    }
    whole.to_string() + "…"
}

/// What the footer of a handout says, page numbers aside.
pub struct Footer {
    items: Vec<Item>,
    /// The top of the footer's rule: the flow must end above it.
    pub top: Pt,
    page_label_y: Pt,
    style: TextStyle,
}

impl Footer {
    /// Lays out the footer lines that are the same on every page: the clinic,
    /// its phone and the review date on the first line, beside the page
    /// number; the disclaimer below, across the full width.
    pub fn new(ctx: &Ctx, brand: &Brand, reviewed: Option<Date>) -> Footer {
        let theme = ctx.theme;
        let left = theme.left();
        let right = left + theme.width();
        let bold = artifact(ctx.style(10.0, true, INK));
        let muted = artifact(ctx.style(10.0, false, MUTED));
        let leading = muted.size * 1.4;
        let page_room = Pt(ctx.fonts.width(
            &labels::page_of(theme.lang, 888, 888),
            Style::BOLD,
            bold.size.0,
        )) + theme.size(16.0);
        // The clinic, its phone and the review date, joined by dots. Where they
        // do not fit beside the page number, a line breaks between them,
        // never leaving a dot at the end of a line.
        let room = theme.width() - page_room;
        let separator = "  ·  ";
        let mut texts: Vec<String> = Vec::new();
        // Large print shortens the footer rather than shrinking it: the
        // clinic's name is on the first page and in every running head.
        let name = (!theme.large() || brand.phone.is_none()).then(|| brand.name.clone());
        let parts = [
            name,
            brand.phone.clone(),
            reviewed.map(|d| labels::reviewed(theme.lang, d)),
        ];
        for part in parts.into_iter().flatten() {
            match texts.last_mut() {
                Some(line)
                    if ctx.fonts.width(
                        &format!("{line}{separator}{part}"),
                        Style::REGULAR,
                        muted.size.0,
                    ) <= room.0 =>
                {
                    line.push_str(separator);
                    line.push_str(&part);
                }
                _ => texts.push(part),
            }
        }
        let mut lines = Vec::new();
        for text in &texts {
            lines.extend(set_lines(
                ctx.fonts,
                &runs(text, Style::REGULAR),
                left,
                room,
                &muted,
                theme.lang,
            ));
        }
        if let Some(disclaimer) = &brand.disclaimer {
            lines.extend(set_lines(
                ctx.fonts,
                &runs(disclaimer, Style::REGULAR),
                left,
                theme.width(),
                &muted,
                theme.lang,
            ));
        }
        let page_bottom = theme.page.1 - Pt(BOTTOM);
        let top = page_bottom - leading * lines.len() as f32 - theme.size(7.0);
        let mut items = vec![Item::Line {
            from: (left, top),
            to: (right, top),
            color: RULE,
            width: Pt(0.75),
        }];
        let first_baseline = top + theme.size(7.0) + leading * 0.78;
        for (n, line) in lines.into_iter().enumerate() {
            let mut item = line.item;
            if let Item::Text { y, .. } = &mut item {
                *y = first_baseline + leading * n as f32;
            }
            items.push(item);
        }
        Footer {
            items,
            top,
            page_label_y: first_baseline,
            style: bold,
        }
    }

    /// The footer without a page number: for a cover, and for a handout of
    /// one page, where "Page 1 of 1" says nothing.
    pub fn unnumbered(&self) -> Vec<Item> {
        self.items.clone()
    }

    /// The footer of page `n` of `m`; a single page is not numbered.
    pub fn items(&self, ctx: &Ctx, n: usize, m: usize) -> Vec<Item> {
        let theme = ctx.theme;
        let mut items = self.items.clone();
        if m == 1 {
            return items;
        }
        let label = labels::page_of(theme.lang, n, m);
        items.push(right_aligned(
            ctx,
            &label,
            theme.left() + theme.width(),
            self.page_label_y,
            &self.style,
        ));
        items
    }
}
