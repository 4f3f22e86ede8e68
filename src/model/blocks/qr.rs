//! `qr`: a QR code that opens a web page, with the address printed beside it.

use crate::model::blocks::content::{push, Content, Piece, Role};
use crate::model::rich::RichText;

/// A QR code and the address it opens.
#[derive(Debug, Clone)]
pub struct Qr {
    /// The web address, exactly as written: what the code holds and the link opens.
    pub url: RichText,
    /// A line printed with the address, set bold.
    pub caption: Option<RichText>,
    /// The side of the code in inches, quiet zone aside: 1.0 to 2.0.
    pub size: f32,
}

impl Qr {
    /// The `type` of the block.
    pub const TYPE: &'static str = "qr";
    /// The smallest and largest `size`.
    pub const SIZES: (f32, f32) = (1.0, 2.0);

    /// The address as written.
    pub fn address(&self) -> String {
        self.url.plain()
    }

    /// The address as it is printed: without `https://`, which a browser adds
    /// by itself, so there is less to type and less to get wrong; `http://`
    /// stays, so a typed address goes where the code goes.
    pub fn printed_address(&self) -> String {
        printed_address(&self.address())
    }
}

/// An address as it is printed beside its code (see [`Qr::printed_address`]).
fn printed_address(url: &str) -> String {
    let bare = match url.get(..8) {
        Some(scheme) if scheme.eq_ignore_ascii_case("https://") => &url[8..],
        _ => url,
    };
    // "findtreatment.gov/" reads as if something were missing.
    match bare.strip_suffix('/') {
        Some(host) if !host.contains('/') => host.to_string(),
        _ => bare.to_string(),
    }
}

impl Content for Qr {
    fn name(&self) -> &'static str {
        Self::TYPE
    }

    fn texts<'a>(&'a self, out: &mut Vec<Piece<'a>>) {
        push(out, Role::Label, &self.caption);
        push(out, Role::Value, [&self.url]);
    }

    /// The address: the parity check compares web addresses loosely (without
    /// a scheme, in lower case), but the code must open the same page.
    fn settings(&self) -> Vec<(&'static str, String)> {
        vec![("url", self.address())]
    }
}

/// A QR code's modules: `width` × `width`, row by row, `true` for dark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// Modules on a side, quiet zone aside.
    pub width: usize,
    /// The modules, row by row.
    pub dark: Vec<bool>,
}

impl Symbol {
    /// The code of a text at error-correction level M, or `None` when the
    /// text is too long for any QR code.
    ///
    /// M restores 15 % of a damaged code. Q (25 %) and H (30 %) are for
    /// codes with a logo over them or worn outdoors; on a printed sheet they
    /// only make the modules smaller at the same size, which an older phone or
    /// a photocopy reads worse. L (7 %) leaves too little for a crease or a
    /// pen mark.
    pub fn encode(text: &str) -> Option<Symbol> {
        let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
            .ok()?;
        let dark = code
            .to_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect();
        Some(Symbol {
            width: code.width(),
            dark,
        })
    }

    /// Whether the module at column `x`, row `y` is dark.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }

    /// The dark modules as few rectangles: runs of a row, merged with the
    /// same run of the rows below. Each is (column, row, width, height) in modules.
    pub fn rectangles(&self) -> Vec<(usize, usize, usize, usize)> {
        let mut done: Vec<(usize, usize, usize, usize)> = Vec::new();
        // Rectangles still growing downwards, by their run.
        let mut open: Vec<(usize, usize, usize, usize)> = Vec::new();
        for y in 0..self.width {
            let mut runs = Vec::new();
            let mut x = 0;
            while x < self.width {
                if self.is_dark(x, y) {
                    let start = x;
                    while x < self.width && self.is_dark(x, y) {
                        x += 1;
                    }
                    runs.push((start, x - start));
                } else {
                    x += 1;
                }
            }
            let mut next = Vec::with_capacity(runs.len());
            for (start, len) in runs {
                match open.iter().position(|r| r.0 == start && r.2 == len) {
                    Some(i) => {
                        let mut rect = open.swap_remove(i);
                        rect.3 += 1;
                        next.push(rect);
                    }
                    None => next.push((start, y, len, 1)),
                }
            }
            done.append(&mut open);
            open = next;
        }
        done.append(&mut open);
        done.sort_unstable_by_key(|r| (r.1, r.0));
        done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rectangles_cover_exactly_the_dark_modules() {
        let symbol = Symbol::encode("https://findtreatment.gov").expect("encodes");
        assert_eq!(symbol.width, 25, "version 2 at level M");
        let mut covered = vec![false; symbol.width * symbol.width];
        let rects = symbol.rectangles();
        for &(x, y, w, h) in &rects {
            for row in y..y + h {
                for col in x..x + w {
                    let cell = &mut covered[row * symbol.width + col];
                    assert!(!*cell, "module {col},{row} drawn twice");
                    *cell = true;
                }
            }
        }
        assert_eq!(covered, symbol.dark);
        let dark = symbol.dark.iter().filter(|d| **d).count();
        assert!(
            rects.len() * 2 < dark,
            "{} rectangles for {dark} modules",
            rects.len()
        );
    }

    #[test]
    fn the_printed_address_drops_only_https() {
        assert_eq!(
            printed_address("https://findtreatment.gov"),
            "findtreatment.gov"
        );
        assert_eq!(
            printed_address("HTTPS://findtreatment.gov/"),
            "findtreatment.gov"
        );
        assert_eq!(printed_address("https://a.org/b/"), "a.org/b/");
        assert_eq!(printed_address("http://a.org"), "http://a.org");
    }
}
