//! Colour contrast: the brand's accent and its tints against the text drawn on them (WCAG 2.1).
//!
//! The layout draws the accent as text and rules on white (headings, markers,
//! the header's phone number), white digits on accent circles, accent titles on
//! the accent's own tints (info callouts, timeline cards, the contacts box), and
//! body text on those tints. Every pair must reach 4.5:1, the WCAG 2.1 AA
//! minimum for normal text.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, Source};
use crate::layout::{tone_colors, INK, MUTED, WHITE};
use crate::model::{Brand, Rgb, Tone};

/// The least contrast text may have (WCAG 2.1 AA, normal text).
pub const MIN_RATIO: f64 = 4.5;
/// How far timeline cards mix the accent with white (src/layout/timeline.rs).
const CARD_TINT: f32 = 0.9;
/// How far the contacts box mixes the accent with white (src/layout/contacts.rs).
const CONTACTS_TINT: f32 = 0.94;

/// The relative luminance of a colour, 0 for black to 1 for white (WCAG 2.1).
pub fn relative_luminance(color: Rgb) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        // WCAG 2.1 writes 0.03928; no 8-bit value falls between it and sRGB's 0.04045.
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(color.0) + 0.7152 * linear(color.1) + 0.0722 * linear(color.2)
}

/// The contrast ratio of two colours, from 1 (none) to 21 (black on white).
pub fn contrast_ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Text of one colour drawn on a background.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pairing {
    /// Where the layout draws it, in words.
    pub what: &'static str,
    /// The text (or rule) colour.
    pub text: Rgb,
    /// The background.
    pub background: Rgb,
    /// Whether the brand's accent decides either colour.
    pub from_accent: bool,
}

impl Pairing {
    /// The contrast ratio of the pair.
    pub fn ratio(&self) -> f64 {
        contrast_ratio(self.text, self.background)
    }
}

/// Every text and background pair the layout draws with a given accent.
pub fn pairings(accent: Rgb) -> Vec<Pairing> {
    let pair = |what, text, background, from_accent| Pairing {
        what,
        text,
        background,
        from_accent,
    };
    let (_, info_tint, info_title) = tone_colors(Tone::Info, accent);
    let (_, warning_tint, warning_title) = tone_colors(Tone::Warning, accent);
    let (_, emergency_tint, emergency_title) = tone_colors(Tone::Emergency, accent);
    let card = accent.tint(CARD_TINT);
    let contacts = accent.tint(CONTACTS_TINT);
    vec![
        pair("accent text and rules on white", accent, WHITE, true),
        pair("white numbers on the accent", WHITE, accent, true),
        pair(
            "accent titles on the info callout's tint",
            info_title,
            info_tint,
            true,
        ),
        pair("body text on the info callout's tint", INK, info_tint, true),
        pair(
            "accent text on the timeline cards' tint",
            accent,
            card,
            true,
        ),
        pair("body text on the timeline cards' tint", INK, card, true),
        pair(
            "the accent title on the contacts box's tint",
            accent,
            contacts,
            true,
        ),
        pair("body text on the contacts box's tint", INK, contacts, true),
        pair(
            "the warning callout's title",
            warning_title,
            warning_tint,
            false,
        ),
        pair("body text on the warning callout", INK, warning_tint, false),
        pair(
            "the emergency callout's title",
            emergency_title,
            emergency_tint,
            false,
        ),
        pair(
            "body text on the emergency callout",
            INK,
            emergency_tint,
            false,
        ),
        pair("grey text on white", MUTED, WHITE, false),
    ]
}

/// The pair with the least contrast.
pub fn lowest(accent: Rgb) -> Pairing {
    pairings(accent)
        .into_iter()
        .min_by(|a, b| a.ratio().total_cmp(&b.ratio()))
        .expect("there are always pairings")
}

/// Whether every pair the accent decides reaches [`MIN_RATIO`].
pub fn accent_passes(accent: Rgb) -> bool {
    pairings(accent)
        .iter()
        .filter(|p| p.from_accent)
        .all(|p| p.ratio() >= MIN_RATIO)
}

/// The lightest colour of the accent's hue and saturation, no lighter than the
/// accent, that passes everywhere the accent is used; `None` if it already does.
pub fn suggest_accent(accent: Rgb) -> Option<Rgb> {
    if accent_passes(accent) {
        return None;
    }
    let (h, s, l) = to_hsl(accent);
    // Darken in steps of a quarter of a percent of lightness: black always passes.
    let mut lightness = l;
    while lightness > 0.0 {
        lightness = (lightness - 0.0025).max(0.0);
        let candidate = from_hsl(h, s, lightness);
        if accent_passes(candidate) {
            return Some(candidate);
        }
    }
    Some(Rgb(0, 0, 0))
}

/// `#RRGGBB`.
pub fn hex(color: Rgb) -> String {
    format!("#{:02X}{:02X}{:02X}", color.0, color.1, color.2)
}

/// The errors about a brand whose accent is too light (or too dark) for text.
pub fn check_brand_contrast(brand: &Brand) -> Vec<Diagnostic> {
    let failing: Vec<Pairing> = {
        let mut all: Vec<Pairing> = pairings(brand.accent)
            .into_iter()
            .filter(|p| p.ratio() < MIN_RATIO)
            .collect();
        all.sort_by(|a, b| a.ratio().total_cmp(&b.ratio()));
        all
    };
    let mut diagnostics = Vec::new();
    let (from_accent, fixed): (Vec<Pairing>, Vec<Pairing>) =
        failing.into_iter().partition(|p| p.from_accent);
    if let Some(worst) = from_accent.first() {
        let on_white = contrast_ratio(brand.accent, WHITE);
        let mut message = format!(
            "the accent colour {} has a contrast of {} for {}; text needs at least {MIN_RATIO}:1",
            hex(brand.accent),
            ratio_text(worst.ratio()),
            worst.what
        );
        if worst.background != WHITE && worst.text != WHITE {
            message = format!(
                "the accent colour {} has a contrast of {} for {} ({} on white); text needs at least {MIN_RATIO}:1",
                hex(brand.accent),
                ratio_text(worst.ratio()),
                worst.what,
                ratio_text(on_white)
            );
        }
        let mut diagnostic = Diagnostic::error(message);
        diagnostic = match &brand.source {
            Some(source) => match accent_span(source) {
                Some(span) => diagnostic.at(source, span),
                None => diagnostic.in_file(&source.path),
            },
            None => diagnostic,
        };
        if let Some(suggested) = suggest_accent(brand.accent) {
            let tightest = lowest_from_accent(suggested);
            diagnostic = diagnostic.with_hint(format!(
                "a darker colour of the same hue passes everywhere the accent is used: accent = \"{}\" ({} for {})",
                hex(suggested),
                ratio_text(tightest.ratio()),
                tightest.what
            ));
        }
        diagnostics.push(diagnostic);
    }
    for pair in fixed {
        diagnostics.push(Diagnostic::error(format!(
            "{} has a contrast of {}; text needs at least {MIN_RATIO}:1",
            pair.what,
            ratio_text(pair.ratio())
        )));
    }
    diagnostics
}

fn lowest_from_accent(accent: Rgb) -> Pairing {
    pairings(accent)
        .into_iter()
        .filter(|p| p.from_accent)
        .min_by(|a, b| a.ratio().total_cmp(&b.ratio()))
        .expect("there are always accent pairings")
}

/// A ratio as people write it: "4.52:1", never rounded up past the limit.
pub fn ratio_text(ratio: f64) -> String {
    format!("{:.2}:1", (ratio * 100.0).floor() / 100.0)
}

/// The span of `accent = ...` in a brand file.
fn accent_span(source: &Source) -> Option<Range<usize>> {
    let root = DeTable::parse(&source.text).ok()?;
    let brand = root.get_ref().get("brand")?;
    let DeValue::Table(table) = brand.get_ref() else {
        return None;
    };
    table.get("accent").map(|value| value.span())
}

fn to_hsl(color: Rgb) -> (f64, f64, f64) {
    let r = f64::from(color.0) / 255.0;
    let g = f64::from(color.1) / 255.0;
    let b = f64::from(color.2) / 255.0;
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let l = (max + min) / 2.0;
    let d = max - min;
    if d == 0.0 {
        return (0.0, 0.0, l);
    }
    let s = d / (1.0 - (2.0 * l - 1.0).abs());
    let h = if max == r {
        60.0 * ((g - b) / d).rem_euclid(6.0)
    } else if max == g {
        60.0 * ((b - r) / d + 2.0)
    } else {
        60.0 * ((r - g) / d + 4.0)
    };
    (h, s, l)
}

fn from_hsl(h: f64, s: f64, l: f64) -> Rgb {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - ((h / 60.0).rem_euclid(2.0) - 1.0).abs());
    let m = l - c / 2.0;
    let (r, g, b) = match h {
        h if h < 60.0 => (c, x, 0.0),
        h if h < 120.0 => (x, c, 0.0),
        h if h < 180.0 => (0.0, c, x),
        h if h < 240.0 => (0.0, x, c),
        h if h < 300.0 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let channel = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    Rgb(channel(r), channel(g), channel(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_match_wcag_examples() {
        assert!((contrast_ratio(Rgb(0, 0, 0), WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(WHITE, WHITE) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        assert_eq!(
            ratio_text(contrast_ratio(Rgb(0x76, 0x76, 0x76), WHITE)),
            "4.54:1"
        );
    }

    #[test]
    fn the_default_accent_passes() {
        assert!(accent_passes(Rgb::DEFAULT_ACCENT));
        assert_eq!(suggest_accent(Rgb::DEFAULT_ACCENT), None);
    }

    #[test]
    fn a_pale_accent_gets_a_darker_colour_of_its_hue() {
        let pale = Rgb(0x9A, 0xD0, 0xD6);
        assert!(!accent_passes(pale));
        let dark = suggest_accent(pale).unwrap();
        assert!(accent_passes(dark), "{}", hex(dark));
        let (h0, _, l0) = to_hsl(pale);
        let (h1, _, l1) = to_hsl(dark);
        assert!((h0 - h1).abs() < 3.0, "{h0} {h1}");
        assert!(l1 < l0);
        // Only just dark enough: a step lighter fails.
        let (h, s, l) = to_hsl(dark);
        assert!(!accent_passes(from_hsl(h, s, l + 0.01)));
    }

    #[test]
    fn hsl_round_trips() {
        for color in [
            Rgb(0x1F, 0x6F, 0x78),
            Rgb(0x9A, 0xD0, 0xD6),
            Rgb(200, 30, 90),
        ] {
            let (h, s, l) = to_hsl(color);
            assert_eq!(from_hsl(h, s, l), color);
        }
    }
}
