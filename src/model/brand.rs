//! The clinic a handout is printed for.

use std::sync::Arc;

use crate::diag::Source;
use crate::model::blocks::Picture;
use crate::model::handout::Lang;

/// An RGB colour with 8 bits a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// The default accent: a dark teal that passes contrast on white.
    pub const DEFAULT_ACCENT: Rgb = Rgb(0x1F, 0x6F, 0x78);

    /// Parses `#RRGGBB`.
    pub fn parse_hex(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        Some(Rgb(channel(0)?, channel(2)?, channel(4)?))
    }

    /// Mixes the colour with white; `amount` 0 is the colour, 1 is white.
    pub fn tint(self, amount: f32) -> Rgb {
        let mix = |c: u8| (f32::from(c) + (255.0 - f32::from(c)) * amount).round() as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }
}

/// A clinic's identity: name, contact details, colours, logo and fonts.
#[derive(Debug, Clone)]
pub struct Brand {
    /// The brand file, when the brand came from one.
    pub source: Option<Arc<Source>>,
    /// The clinic's name.
    pub name: String,
    /// A line under the name.
    pub tagline: Option<String>,
    /// The logo, as read.
    pub logo: Option<Picture>,
    /// The accent colour of rules, headings and markers.
    pub accent: Rgb,
    /// The clinic's phone number.
    pub phone: Option<String>,
    /// The clinic's website, without a scheme or with one.
    pub website: Option<String>,
    /// The clinic's postal address.
    pub address: Option<String>,
    /// The footer's disclaimer line.
    pub disclaimer: Option<String>,
    /// Warnings about the brand file, reported with every input that uses it.
    pub warnings: Vec<crate::diag::Diagnostic>,
    /// The brand's words in other languages, from `[brand.es]` and `[brand.en]`.
    pub translations: Vec<(Lang, BrandText)>,
}

/// The brand's words in one language; what is not given stays as in `[brand]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrandText {
    /// The clinic's name.
    pub name: Option<String>,
    /// A line under the name.
    pub tagline: Option<String>,
    /// A phone number for speakers of the language.
    pub phone: Option<String>,
    /// A website in the language.
    pub website: Option<String>,
    /// The postal address.
    pub address: Option<String>,
    /// The footer's disclaimer.
    pub disclaimer: Option<String>,
}

impl Brand {
    /// The brand as printed on a handout in a language.
    pub fn for_lang(&self, lang: Lang) -> std::borrow::Cow<'_, Brand> {
        let Some((_, text)) = self.translations.iter().find(|(l, _)| *l == lang) else {
            return std::borrow::Cow::Borrowed(self);
        };
        let mut brand = self.clone();
        let pick =
            |own: &Option<String>, base: &Option<String>| own.clone().or_else(|| base.clone());
        if let Some(name) = &text.name {
            brand.name = name.clone();
        }
        brand.tagline = pick(&text.tagline, &self.tagline);
        brand.phone = pick(&text.phone, &self.phone);
        brand.website = pick(&text.website, &self.website);
        brand.address = pick(&text.address, &self.address);
        brand.disclaimer = pick(&text.disclaimer, &self.disclaimer);
        std::borrow::Cow::Owned(brand)
    }
}
