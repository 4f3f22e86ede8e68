//! The contacts box: the clinic first, then the numbers the handout lists.

use crate::layout::context::Ctx;
use crate::layout::flow::Unit;
use crate::layout::frame::{Item, LinkTarget, Pt};
use crate::layout::labels;
use crate::layout::paragraph::set_lines;
use crate::layout::tags::StructKind;
use crate::layout::theme::{INK, RULE};
use crate::model::{Brand, Contact, Contacts, RichText, Run, Style};

/// A contact row as plain runs, before layout.
struct Row {
    label: Vec<Run>,
    value: Vec<Run>,
    link: Option<String>,
}

fn plain(text: &str) -> Vec<Run> {
    vec![Run {
        text: text.to_string(),
        style: Style::REGULAR,
    }]
}

/// A link for a value that is a web address, an email address or a phone number.
pub fn link_for(value: &str) -> Option<String> {
    let value = value.trim();
    if value.starts_with("http://") || value.starts_with("https://") {
        return Some(value.to_string());
    }
    if value.contains('@') && !value.contains(' ') {
        return Some(format!("mailto:{value}"));
    }
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    let phone_like = value
        .chars()
        .all(|c| c.is_ascii_digit() || "-+(). ".contains(c));
    if phone_like && digits.len() >= 3 {
        return Some(format!("tel:{digits}"));
    }
    if value.contains('.') && !value.contains(' ') {
        return Some(format!("https://{value}"));
    }
    None
}

/// What a link does, for people who cannot see it: "Call 988".
fn link_description(lang: crate::model::Lang, uri: &str, value: &str) -> String {
    let verb = match (lang, uri.split(':').next().unwrap_or("")) {
        (crate::model::Lang::Es, "tel") => "Llamar al",
        (crate::model::Lang::Es, "mailto") => "Escribir a",
        (crate::model::Lang::Es, _) => "Abrir",
        (_, "tel") => "Call",
        (_, "mailto") => "Email",
        _ => "Open",
    };
    format!("{verb} {value}")
}

/// The contacts block as one unsplittable unit.
pub fn layout_contacts(ctx: &Ctx, brand: &Brand, block: &Contacts) -> Vec<Unit> {
    let mut unit = contacts_unit(ctx, brand, block.title.as_ref(), &block.items);
    unit.boxed = true;
    vec![unit]
}

fn contacts_unit(ctx: &Ctx, brand: &Brand, title: Option<&RichText>, contacts: &[Contact]) -> Unit {
    let theme = ctx.theme;
    let mut rows = Vec::new();
    if let Some(phone) = &brand.phone {
        rows.push(Row {
            label: plain(&brand.name),
            value: plain(phone),
            link: link_for(phone),
        });
    }
    if let Some(website) = &brand.website {
        rows.push(Row {
            label: plain(labels::website(theme.lang)),
            value: plain(website),
            link: link_for(website),
        });
    }
    for contact in contacts {
        rows.push(Row {
            label: contact.label.runs.clone(),
            value: contact.value.runs.clone(),
            link: link_for(&contact.value.plain()),
        });
    }
    let pad = theme.size(14.0).min(theme.space(20.0));
    let x = theme.left() + pad;
    let inner = theme.width() - pad * 2.0;
    let mut items = Vec::new();
    let mut y = pad;
    let title_runs = title.map_or_else(
        || plain(labels::contacts_title(theme.lang)),
        |t| t.runs.clone(),
    );
    let group = ctx.tag_block(StructKind::Div);
    let title_style = ctx
        .style(15.0, true, theme.accent)
        .tagged(ctx.tag(StructKind::P, group));
    for mut line in set_lines(ctx.fonts, &title_runs, x, inner, &title_style, theme.lang) {
        line.item.shift(y);
        items.push(line.item);
        y += title_style.leading;
    }
    y += theme.size(4.0);
    let list = ctx.tag(StructKind::L, group);
    // The value column is as wide as the widest value, so a phone number or an
    // address stays on one line; the labels get at least 35 % and wrap.
    let value_style = ctx.style(15.0, true, INK);
    let widest = rows
        .iter()
        .map(|row| {
            row.value
                .iter()
                .map(|r| ctx.fonts.width(&r.text, Style::BOLD, value_style.size.0))
                .sum::<f32>()
        })
        .fold(0.0f32, f32::max);
    let value_w = Pt(widest + 1.0)
        .max(inner * 0.3)
        .min(inner * 0.65 - theme.size(12.0));
    let label_w = inner - value_w - theme.size(12.0);
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            items.push(Item::Line {
                from: (x, y),
                to: (x + inner, y),
                color: RULE,
                width: Pt(0.75),
            });
        }
        let entry = ctx.tag(StructKind::LBody, ctx.tag(StructKind::LI, list));
        let label_style = ctx.body().tagged(entry);
        // A value with a link is a Link element: its text and its annotation together.
        let link_node = row.link.as_ref().map(|uri| {
            let alt = link_description(theme.lang, uri, &crate::text::plain_text(&row.value));
            ctx.tags.add_with_alt(StructKind::Link, entry, Some(alt))
        });
        let value_style = value_style.tagged(link_node.unwrap_or(entry));
        let top = y + theme.space(5.0);
        let labels = set_lines(ctx.fonts, &row.label, x, label_w, &label_style, theme.lang);
        let values = set_lines(ctx.fonts, &row.value, x, value_w, &value_style, theme.lang);
        let label_h = label_style.leading * labels.len() as f32;
        let value_h = value_style.leading * values.len() as f32;
        let height = label_h.max(value_h);
        // Centre the shorter side against the taller one.
        let label_top = top + (height - label_h) * 0.5;
        let value_top = top + (height - value_h) * 0.5;
        for (n, mut line) in labels.into_iter().enumerate() {
            line.item.shift(label_top + label_style.leading * n as f32);
            items.push(line.item);
        }
        for (n, line) in values.into_iter().enumerate() {
            let right = x + inner - line.width;
            let line_top = value_top + value_style.leading * n as f32;
            if let Item::Text {
                runs,
                size,
                color,
                role,
                y: baseline,
                ..
            } = line.item
            {
                items.push(Item::Text {
                    x: right,
                    y: baseline + line_top,
                    size,
                    runs,
                    color,
                    role,
                });
            }
            if let Some(link) = &row.link {
                items.push(Item::Link {
                    x: right,
                    y: line_top,
                    w: line.width,
                    h: value_style.leading,
                    target: LinkTarget::Uri(link.clone()),
                    node: link_node,
                });
            }
        }
        y = top + height + theme.space(5.0);
    }
    let height = y + pad - theme.space(5.0);
    let mut shapes = vec![Item::Rect {
        x: theme.left(),
        y: Pt(0.0),
        w: theme.width(),
        h: height,
        radius: theme.size(6.0),
        fill: Some(theme.accent.tint(0.94)),
        stroke: Some((theme.accent, Pt(1.25))),
    }];
    shapes.append(&mut items);
    let mut unit = Unit::new(height, shapes);
    unit.space_before = ctx.block_gap() + theme.space(4.0);
    unit
}

#[cfg(test)]
mod tests {
    use super::link_for;

    #[test]
    fn values_get_the_right_kind_of_link() {
        assert_eq!(link_for("988").as_deref(), Some("tel:988"));
        assert_eq!(
            link_for("1-800-662-4357").as_deref(),
            Some("tel:18006624357")
        );
        assert_eq!(
            link_for("riverbend.example.org").as_deref(),
            Some("https://riverbend.example.org")
        );
        assert_eq!(link_for("Text HOME to 741741"), None);
    }
}
