//! A QR code with its caption and address beside it, all one link; the code
//! is a figure whose alt text names the address.

use crate::layout::context::Ctx;
use crate::layout::flow::Unit;
use crate::layout::frame::{Item, LinkTarget, Pt, Role};
use crate::layout::paragraph::{baseline_offset, set_block};
use crate::layout::tags::StructKind;
use crate::layout::theme::INK;
use crate::model::{Lang, Qr, Run, Style, Symbol};
use crate::text::FontSet;

/// The side of the code in large print at least, in inches: a reader who
/// needs large print often holds the phone further away, or less steady.
pub const LARGE_PRINT_MIN_INCHES: f32 = 1.5;

/// The blank margin a reader needs around a code, in modules.
pub const QUIET_ZONE: f32 = 4.0;

/// The side of the code in points, quiet zone aside.
pub fn symbol_side(block: &Qr, large_print: bool) -> Pt {
    let inches = if large_print {
        block.size.max(LARGE_PRINT_MIN_INCHES)
    } else {
        block.size
    };
    Pt(inches * 72.0)
}

/// What the code is, for people who cannot see it.
fn figure_alt(lang: Lang, address: &str) -> String {
    match lang {
        Lang::En => format!("QR code that opens {address}"),
        Lang::Es => format!("Código QR que abre {address}"),
    }
}

/// What the link does.
fn link_alt(lang: Lang, address: &str) -> String {
    match lang {
        Lang::En => format!("Open {address}"),
        Lang::Es => format!("Abrir {address}"),
    }
}

/// The code on the left, the caption and the address beside it: one unit,
/// never split.
pub fn layout_qr(ctx: &Ctx, block: &Qr) -> Vec<Unit> {
    let theme = ctx.theme;
    let url = block.address();
    let printed = block.printed_address();
    // The loader encoded the address already; an address it accepted encodes.
    let Some(symbol) = Symbol::encode(&url) else {
        return Vec::new();
    };
    let side = symbol_side(block, theme.large());
    let module = Pt(side.0 / symbol.width as f32);
    let quiet = module * QUIET_ZONE;
    let group = ctx.tag_block(StructKind::Div);
    let link = ctx.tags.add_with_alt(
        StructKind::Link,
        group,
        Some(link_alt(theme.lang, &printed)),
    );
    let figure = ctx.tags.add_with_alt(
        StructKind::Figure,
        link,
        Some(figure_alt(theme.lang, &printed)),
    );
    let left = theme.left();
    let text_x = left + side + quiet.max(theme.size(14.0));
    let text_w = left + theme.width() - text_x;

    // The caption, then the address, broken only where an address may be.
    let mut text: Vec<Item> = Vec::new();
    let mut text_h = Pt(0.0);
    let mut widest = Pt(0.0);
    if let Some(caption) = &block.caption {
        let style = ctx.style(15.0, true, INK).tagged(link);
        let (items, height) =
            set_block(ctx.fonts, &caption.runs, text_x, text_w, &style, theme.lang);
        for item in &items {
            if let Item::Text { runs, size, .. } = item {
                let w: f32 = runs
                    .iter()
                    .map(|r| ctx.fonts.width(&r.text, r.style, size.0))
                    .sum();
                widest = widest.max(Pt(w));
            }
        }
        text.extend(items);
        text_h = height + theme.size(3.0);
    }
    let style = ctx.style(14.0, false, theme.accent).tagged(link);
    let baseline = baseline_offset(ctx.fonts, &style);
    for line in break_address(ctx.fonts, &printed, style.size, text_w) {
        let width = Pt(ctx.fonts.width(&line, Style::REGULAR, style.size.0));
        widest = widest.max(width);
        text.push(Item::Text {
            x: text_x,
            y: text_h + baseline,
            size: style.size,
            runs: vec![Run {
                text: line,
                style: Style::REGULAR,
            }],
            color: style.color,
            role: style.role,
        });
        text_h += style.leading;
    }

    // The code and the text centred against each other, the quiet zone kept
    // above and below.
    let body = side.max(text_h);
    let code_top = quiet + (body - side) * 0.5;
    let text_top = quiet + (body - text_h) * 0.5;
    let rects = symbol
        .rectangles()
        .into_iter()
        .map(|(x, y, w, h)| {
            [
                module * x as f32,
                module * y as f32,
                module * w as f32,
                module * h as f32,
            ]
        })
        .collect();
    let mut items = vec![Item::Squares {
        x: left,
        y: code_top,
        rects,
        fill: INK,
        role: Role::Tag(figure),
    }];
    for mut item in text {
        item.shift(text_top);
        items.push(item);
    }
    // The code and its words are one link: a tap on either opens the page.
    items.push(Item::Link {
        x: left,
        y: quiet.min(code_top).min(text_top),
        w: text_x + widest - left,
        h: body,
        target: LinkTarget::Uri(url),
        node: Some(link),
    });
    let mut unit = Unit::new(body + quiet * 2.0, items);
    // The quiet zone is white space of its own.
    unit.space_before = (ctx.block_gap() - quiet).max(Pt(0.0));
    unit.boxed = true;
    vec![unit]
}

/// Breaks an address into lines no wider than `width`: after a `/`, before
/// a `.`, `?`, `&` or `#`, and between letters only where a part is wider
/// than a line. No hyphen is ever added: it would be typed.
fn break_address(fonts: &FontSet, address: &str, size: Pt, width: Pt) -> Vec<String> {
    let measure = |s: &str| Pt(fonts.width(s, Style::REGULAR, size.0));
    let mut parts: Vec<String> = Vec::new();
    let mut part = String::new();
    for c in address.chars() {
        if matches!(c, '.' | '?' | '&' | '#') && !part.is_empty() {
            parts.push(std::mem::take(&mut part));
        }
        part.push(c);
        if c == '/' {
            parts.push(std::mem::take(&mut part));
        }
    }
    if !part.is_empty() {
        parts.push(part);
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for part in parts {
        if measure(&format!("{line}{part}")) <= width {
            line.push_str(&part);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in part.chars() {
            if !line.is_empty() && measure(&format!("{line}{c}")) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}
