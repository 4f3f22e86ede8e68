//! Sizes, colours and spacing, derived from the options and the brand.

use crate::layout::frame::Pt;
use crate::model::{Lang, Paper, Rgb};

/// What the caller chooses about the layout.
#[derive(Debug, Clone, Copy)]
pub struct LayoutOptions {
    /// Paper size, when the command line overrides the handout's.
    pub paper: Option<Paper>,
    /// Body text at 18 pt, everything scaled with it.
    pub large_print: bool,
}

/// The body size of ordinary print: at least 12 pt for older readers.
pub const BODY_SIZE: f32 = 12.5;
/// The body size in large print, as large-print guidance asks.
pub const LARGE_BODY_SIZE: f32 = 18.0;

/// Ink for body text: near black, softer than pure black on white.
pub const INK: Rgb = Rgb(0x1A, 0x1A, 0x1A);
/// Secondary text: still above 7:1 on white.
pub const MUTED: Rgb = Rgb(0x4A, 0x4A, 0x4A);
/// Hairlines and borders.
pub const RULE: Rgb = Rgb(0xC8, 0xCC, 0xCE);
/// White.
pub const WHITE: Rgb = Rgb(0xFF, 0xFF, 0xFF);

/// Everything a block needs to know about sizes and colours.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// Page width and height.
    pub page: (Pt, Pt),
    /// Left and right margin.
    pub margin: Pt,
    /// Body font size.
    pub body: Pt,
    /// Distance between baselines of body text.
    pub leading: Pt,
    /// Everything else is this times its ordinary size.
    pub scale: f32,
    /// The brand's accent colour.
    pub accent: Rgb,
    /// The language of fixed labels and hyphenation.
    pub lang: Lang,
    /// How far the layout is tightened to fit `max_pages`: 0 not at all, up to [`FIT_LEVELS`] - 1.
    pub fit: u8,
}

/// The number of fit levels, from the ordinary layout to the tightest.
pub const FIT_LEVELS: u8 = 4;

impl Theme {
    /// The theme of a handout on a paper, in ordinary or large print.
    pub fn new(paper: Paper, large_print: bool, accent: Rgb, lang: Lang) -> Theme {
        let (w, h) = paper.size();
        let body = if large_print {
            LARGE_BODY_SIZE
        } else {
            BODY_SIZE
        };
        let scale = body / BODY_SIZE;
        Theme {
            page: (Pt(w), Pt(h)),
            // Large print keeps ordinary print's margins: a wider line of big
            // type is harder to track, not easier.
            margin: Pt(54.0),
            body: Pt(body),
            leading: Pt(body * 1.4),
            scale,
            accent,
            lang,
            fit: 0,
        }
    }

    /// The same theme tightened to fit level `fit`: spacing between blocks
    /// shrinks, leading goes down to 1.25, and at the last level ordinary
    /// body text goes down to 12 pt. Large-print body text stays at 18 pt.
    pub fn fitted(self, fit: u8) -> Theme {
        let fit = fit.min(FIT_LEVELS - 1);
        let body = if fit == FIT_LEVELS - 1 && self.body.0 < LARGE_BODY_SIZE {
            Pt(12.0)
        } else {
            self.body
        };
        let leading = [1.4, 1.32, 1.25, 1.25][usize::from(fit)];
        Theme {
            body,
            leading: body * leading,
            fit,
            ..self
        }
    }

    /// Vertical space given for ordinary print, scaled, and tightened when fitting.
    pub fn space(&self, ordinary: f32) -> Pt {
        let factor = [1.0, 0.75, 0.6, 0.5][usize::from(self.fit.min(FIT_LEVELS - 1))];
        Pt(ordinary * self.scale * factor)
    }

    /// Whether this is a large-print theme.
    pub fn large(&self) -> bool {
        self.scale > 1.0
    }

    /// A text size given for ordinary print, scaled; in large print never below 18 pt,
    /// as large-print guidance asks of every glyph on the page.
    pub fn text_size(&self, ordinary: f32) -> Pt {
        let size = self.size(ordinary);
        if self.large() {
            size.max(Pt(LARGE_BODY_SIZE))
        } else {
            size
        }
    }

    /// Whether timeline cards use their compact style.
    pub fn compact(&self) -> bool {
        self.fit >= 2
    }

    /// A size given for ordinary print, scaled for this theme.
    pub fn size(&self, ordinary: f32) -> Pt {
        Pt(ordinary * self.scale)
    }

    /// The left edge of the text column.
    pub fn left(&self) -> Pt {
        self.margin
    }

    /// The width of the text column.
    pub fn width(&self) -> Pt {
        self.page.0 - self.margin * 2.0
    }
}
