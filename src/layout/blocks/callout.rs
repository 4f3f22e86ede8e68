//! Callouts: tinted boxes for information, warnings and emergencies.

use crate::layout::context::Ctx;
use crate::layout::flow::Unit;
use crate::layout::frame::{Item, Pt};
use crate::layout::labels;
use crate::layout::paragraph::set_block;
use crate::layout::tags::StructKind;
use crate::layout::theme::BODY_SIZE;
use crate::layout::theme::WHITE;
use crate::model::{Callout, Rgb, Run, Style, Tone};

/// The colours of a tone: the bar or border, the background and the title.
pub fn tone_colors(tone: Tone, accent: Rgb) -> (Rgb, Rgb, Rgb) {
    match tone {
        Tone::Info => (accent, accent.tint(0.9), accent),
        Tone::Warning => (
            Rgb(0xC7, 0x7C, 0x02),
            Rgb(0xFF, 0xF4, 0xD9),
            Rgb(0x7A, 0x4A, 0x00),
        ),
        Tone::Emergency => (
            Rgb(0xB3, 0x26, 0x1E),
            Rgb(0xFC, 0xEB, 0xEA),
            Rgb(0xA1, 0x1F, 0x18),
        ),
    }
}

/// A callout as one unit: it is never split across pages.
pub fn layout_callout(ctx: &Ctx, callout: &Callout) -> Vec<Unit> {
    let mut unit = callout_unit(ctx, callout);
    unit.boxed = true;
    unit.urgent = callout.tone == Tone::Emergency;
    vec![unit]
}

fn callout_unit(ctx: &Ctx, callout: &Callout) -> Unit {
    let (tone, title, paragraphs, items, items_first) = (
        callout.tone,
        callout.title.as_ref(),
        &callout.paragraphs,
        &callout.items,
        callout.items_first,
    );
    let theme = ctx.theme;
    let (bar, background, title_color) = tone_colors(tone, theme.accent);
    let pad = theme.size(12.0).min(theme.space(16.0));
    let bar_width = theme.size(6.0);
    let x = theme.left() + bar_width + pad;
    let width = theme.width() - bar_width - pad * 2.0;
    let mut content: Vec<Item> = Vec::new();
    let mut y = pad;
    let place = |mut items: Vec<Item>, height: Pt, y: &mut Pt, content: &mut Vec<Item>| {
        for item in &mut items {
            item.shift(*y);
        }
        content.append(&mut items);
        *y += height;
    };
    let group = ctx.tag_block(StructKind::Div);
    let emergency = tone == Tone::Emergency;
    let mut band = None;
    if emergency {
        // A dark band with the word "Emergency" and the title in white,
        // larger than other callouts' titles: it stays the loudest thing on
        // the page in a black-and-white photocopy.
        let mut runs = vec![Run {
            text: match title {
                Some(_) => format!("{}: ", labels::emergency(theme.lang)),
                None => labels::emergency(theme.lang).to_string(),
            },
            style: Style::BOLD,
        }];
        if let Some(title) = title {
            runs.extend(title.runs.iter().cloned());
        }
        let style = ctx
            .style(17.0, true, WHITE)
            .tagged(ctx.tag(StructKind::P, group));
        let band_pad = pad * 0.7;
        let (drawn, height) = set_block(ctx.fonts, &runs, x, width, &style, theme.lang);
        y = band_pad;
        place(drawn, height, &mut y, &mut content);
        y += band_pad;
        band = Some(y);
        y += pad * 0.8;
    } else if let Some(title) = title {
        let style = ctx
            .style(15.0, true, title_color)
            .tagged(ctx.tag(StructKind::P, group));
        let (drawn, height) = set_block(ctx.fonts, &title.runs, x, width, &style, theme.lang);
        place(drawn, height, &mut y, &mut content);
        y += theme.space(3.0);
    }
    let body = ctx.body();
    let set_paragraphs = |y: &mut Pt, content: &mut Vec<Item>| {
        for (i, paragraph) in paragraphs.iter().enumerate() {
            let body = body.tagged(ctx.tag(StructKind::P, group));
            if i > 0 {
                *y += theme.space(BODY_SIZE * 0.5);
            }
            let (drawn, height) =
                set_block(ctx.fonts, &paragraph.runs, x, width, &body, theme.lang);
            place(drawn, height, y, content);
        }
    };
    let set_items = |y: &mut Pt, content: &mut Vec<Item>| {
        let indent = theme.size(18.0);
        let list = (!items.is_empty()).then(|| ctx.tag(StructKind::L, group));
        for (i, item) in items.iter().enumerate() {
            let entry = ctx.tag(StructKind::LI, list.unwrap_or(group));
            let body = body.tagged(ctx.tag(StructKind::LBody, entry));
            if i > 0 {
                *y += theme.space(3.0);
            }
            content.push(Item::Circle {
                cx: x + theme.size(5.0),
                cy: *y + theme.leading * 0.5 + theme.size(0.5),
                r: theme.size(2.9),
                fill: Some(bar),
                stroke: None,
            });
            let (drawn, height) = set_block(
                ctx.fonts,
                &item.runs,
                x + indent,
                width - indent,
                &body,
                theme.lang,
            );
            place(drawn, height, y, content);
        }
    };
    let gap = if !paragraphs.is_empty() && !items.is_empty() {
        theme.space(BODY_SIZE * 0.4)
    } else {
        Pt(0.0)
    };
    // Text and items in the order the file gives them.
    if items_first {
        set_items(&mut y, &mut content);
        y += gap;
        set_paragraphs(&mut y, &mut content);
    } else {
        set_paragraphs(&mut y, &mut content);
        y += gap;
        set_items(&mut y, &mut content);
    }
    let height = y + pad;
    let mut shapes = vec![Item::Rect {
        x: theme.left(),
        y: Pt(0.0),
        w: theme.width(),
        h: height,
        radius: Pt(0.0),
        fill: Some(background),
        stroke: emergency.then_some((bar, theme.size(2.5))),
    }];
    shapes.push(Item::Rect {
        x: theme.left(),
        y: Pt(0.0),
        w: bar_width,
        h: height,
        radius: Pt(0.0),
        fill: Some(bar),
        stroke: None,
    });
    if let Some(band) = band {
        shapes.push(Item::Rect {
            x: theme.left(),
            y: Pt(0.0),
            w: theme.width(),
            h: band,
            radius: Pt(0.0),
            fill: Some(bar),
            stroke: None,
        });
    }
    shapes.append(&mut content);
    let mut unit = Unit::new(height, shapes);
    unit.space_before = ctx.block_gap() + theme.space(4.0);
    unit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tones_differ_in_colour() {
        let accent = Rgb::DEFAULT_ACCENT;
        let info = tone_colors(Tone::Info, accent);
        let warning = tone_colors(Tone::Warning, accent);
        let emergency = tone_colors(Tone::Emergency, accent);
        assert_ne!(info.1, warning.1);
        assert_ne!(warning.1, emergency.1);
        assert_ne!(info.0, emergency.0);
    }
}
