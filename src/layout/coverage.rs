//! Checking that the fonts can draw every character before anything is drawn.

use crate::diag::{Diagnostic, Source};
use crate::model::{Brand, Handout, Packet, RichText, Role, Run, Style};
use crate::text::FontSet;

/// Every character of the handout and its brand that no font can draw, as errors.
///
/// Each block's texts come from its own walk: headings and titles are set
/// bold, prose regular, and labels and values either way, so both are checked.
pub fn check_coverage(handout: &Handout, brand: &Brand, fonts: &FontSet) -> Vec<Diagnostic> {
    let mut checker = Checker {
        fonts,
        diagnostics: Vec::new(),
    };
    let source = &handout.source;
    checker.rich(source, &handout.title, Style::BOLD);
    if let Some(subtitle) = &handout.subtitle {
        checker.rich(source, subtitle, Style::REGULAR);
    }
    for block in &handout.blocks {
        for piece in block.texts() {
            let styles: &[Style] = match piece.role {
                Role::Heading | Role::Title => &[Style::BOLD],
                Role::Prose => &[Style::REGULAR],
                Role::Label | Role::Value => &[Style::REGULAR, Style::BOLD],
            };
            for style in styles {
                checker.rich(source, piece.rich, *style);
            }
        }
    }
    checker.brand(brand);
    checker.diagnostics
}

/// Every character of a packet's own title and subtitle that no font can draw.
pub fn check_packet_coverage(packet: &Packet, fonts: &FontSet) -> Vec<Diagnostic> {
    let mut checker = Checker {
        fonts,
        diagnostics: Vec::new(),
    };
    checker.rich(&packet.source, &packet.title, Style::BOLD);
    if let Some(subtitle) = &packet.subtitle {
        checker.rich(&packet.source, subtitle, Style::REGULAR);
    }
    checker.diagnostics
}

struct Checker<'a> {
    fonts: &'a FontSet,
    diagnostics: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn rich(&mut self, source: &Source, text: &RichText, base: Style) {
        for run in &text.runs {
            let style = Style {
                bold: run.style.bold || base.bold,
                italic: run.style.italic || base.italic,
            };
            self.run(source, text, run, style);
        }
    }

    fn run(&mut self, source: &Source, text: &RichText, run: &Run, style: Style) {
        let face = self.fonts.face(style);
        for c in run.text.chars() {
            if c.is_whitespace() || face.has_glyph(c) {
                continue;
            }
            if self.diagnostics.len() >= 20 {
                return;
            }
            // Point at the character itself when it can be found in the literal.
            let raw = source.text.get(text.span.clone()).unwrap_or("");
            let at = raw.find(c).map_or(text.span.clone(), |i| {
                let start = text.span.start + i;
                start..start + c.len_utf8()
            });
            let diagnostic = Diagnostic::error(format!(
                "the character ‘{c}’ ({}) is not in the font, so it cannot be printed",
                code_point(c)
            ))
            .at(source, at)
            .with_hint(hint_for(c));
            if !self.diagnostics.contains(&diagnostic) {
                self.diagnostics.push(diagnostic);
            }
        }
    }

    fn brand(&mut self, brand: &Brand) {
        let fields = [
            ("name", Some(&brand.name)),
            ("tagline", brand.tagline.as_ref()),
            ("phone", brand.phone.as_ref()),
            ("website", brand.website.as_ref()),
            ("address", brand.address.as_ref()),
            ("disclaimer", brand.disclaimer.as_ref()),
        ];
        let face = self.fonts.face(Style::BOLD);
        for (key, value) in fields {
            let Some(value) = value else { continue };
            if let Some(c) = value
                .chars()
                .find(|c| !c.is_whitespace() && !face.has_glyph(*c))
            {
                let mut diagnostic = Diagnostic::error(format!(
                    "the character ‘{c}’ ({}) in the brand's `{key}` is not in the font",
                    code_point(c)
                ))
                .with_hint(hint_for(c));
                if let Some(source) = &brand.source {
                    let span = source
                        .text
                        .find(value.as_str())
                        .map_or(0..0, |i| i..i + value.len());
                    diagnostic = diagnostic.at(source, span);
                }
                self.diagnostics.push(diagnostic);
            }
        }
    }
}

/// `U+2713`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

fn hint_for(c: char) -> String {
    match c {
        '\u{2713}' | '\u{2714}' | '\u{2705}' => {
            "use a `checklist` block for tick boxes instead of a check mark".into()
        }
        '\u{2022}' | '\u{25CF}' => {
            "use a `bullets` block instead of typing bullet characters".into()
        }
        c if (c as u32) >= 0x1F000 => "remove the emoji; the handout's fonts have no emoji".into(),
        _ => {
            "remove or replace the character, or give the brand a font that has it in [brand.fonts]"
                .into()
        }
    }
}
