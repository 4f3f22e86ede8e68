//! Content-stream bytes written directly: operands in short fixed-point form,
//! glyph codes as hex strings. No operator objects are built in between.

use crate::model::Rgb;

/// A page's content stream under construction.
#[derive(Debug, Default)]
pub struct Content {
    bytes: Vec<u8>,
}

impl Content {
    /// An empty stream with room for a typical page.
    pub fn new() -> Content {
        Content {
            bytes: Vec::with_capacity(8 * 1024),
        }
    }

    /// The finished stream.
    pub fn finish(self) -> Vec<u8> {
        self.bytes
    }

    /// A number operand, rounded to hundredths, followed by a space:
    /// positions, sizes and widths, where a hundredth of a point (3.5 µm)
    /// is far below what print or a screen shows.
    pub fn num(&mut self, value: f32) -> &mut Content {
        write_decimal(&mut self.bytes, value, 2);
        self.bytes.push(b' ');
        self
    }

    /// A whole-number operand, followed by a space.
    pub fn int(&mut self, value: usize) -> &mut Content {
        write_unsigned(&mut self.bytes, value as u64);
        self.bytes.push(b' ');
        self
    }

    /// Several number operands.
    pub fn nums(&mut self, values: &[f32]) -> &mut Content {
        for &value in values {
            self.num(value);
        }
        self
    }

    /// A name operand such as `/FREGUL`, followed by a space.
    pub fn name(&mut self, name: &str) -> &mut Content {
        self.bytes.push(b'/');
        self.bytes.extend_from_slice(name.as_bytes());
        self.bytes.push(b' ');
        self
    }

    /// Raw operand text, followed by a space.
    pub fn raw(&mut self, text: &str) -> &mut Content {
        self.bytes.extend_from_slice(text.as_bytes());
        self.bytes.push(b' ');
        self
    }

    /// An operator, which ends the line.
    pub fn op(&mut self, operator: &str) {
        self.bytes.extend_from_slice(operator.as_bytes());
        self.bytes.push(b'\n');
    }

    /// A colour as three operands in 0..1, to thousandths: every 8-bit
    /// value comes back out as itself.
    pub fn rgb(&mut self, color: Rgb) -> &mut Content {
        for channel in [color.0, color.1, color.2] {
            write_number(&mut self.bytes, f32::from(channel) / 255.0);
            self.bytes.push(b' ');
        }
        self
    }

    /// Two-byte glyph codes as one string operand: the bytes themselves,
    /// with the few that a literal string cannot hold escaped.
    pub fn glyphs(&mut self, codes: impl IntoIterator<Item = u16>) -> &mut Content {
        self.bytes.push(b'(');
        for code in codes {
            self.code(code);
        }
        self.bytes.extend_from_slice(b") ");
        self
    }

    /// Glyph codes, each with the adjustment before it in thousandths of an
    /// em (positive moves left), as one `TJ` array operand.
    pub fn kerned_glyphs(&mut self, glyphs: impl IntoIterator<Item = (u16, f32)>) -> &mut Content {
        self.bytes.extend_from_slice(b"[(");
        for (code, adjust) in glyphs {
            // Tenths of a thousandth of an em: at 46 pt, a line of twenty
            // kerned pairs ends within 0.05 pt of where exact values put it.
            let adjust = (adjust * 10.0).round() / 10.0;
            if adjust != 0.0 {
                self.bytes.push(b')');
                write_decimal(&mut self.bytes, adjust, 1);
                self.bytes.push(b'(');
            }
            self.code(code);
        }
        self.bytes.extend_from_slice(b")] ");
        self
    }

    /// One two-byte code inside a literal string, with the bytes a literal
    /// string cannot hold escaped.
    fn code(&mut self, code: u16) {
        for byte in code.to_be_bytes() {
            match byte {
                b'(' | b')' | b'\\' => self.bytes.extend_from_slice(&[b'\\', byte]),
                // A reader turns a raw line end into a newline; escape both.
                b'\r' => self.bytes.extend_from_slice(b"\\r"),
                b'\n' => self.bytes.extend_from_slice(b"\\n"),
                _ => self.bytes.push(byte),
            }
        }
    }
}

/// Writes a number with at most three decimals and no trailing zeros.
pub fn write_number(out: &mut Vec<u8>, value: f32) {
    write_decimal(out, value, 3);
}

/// Writes a number with at most `decimals` (0 to 3) decimals and no trailing zeros.
pub fn write_decimal(out: &mut Vec<u8>, value: f32, decimals: u32) {
    let decimals = decimals.min(3);
    let unit = 10f64.powi(decimals as i32);
    let scaled = (f64::from(value) * unit).round() * (1000.0 / unit);
    // Beyond what a page can hold; keeps the integer conversion exact.
    let scaled = if scaled.is_finite() {
        scaled.clamp(-1e15, 1e15) as i64
    } else {
        0
    };
    if scaled < 0 {
        out.push(b'-');
    }
    let magnitude = scaled.unsigned_abs();
    write_unsigned(out, magnitude / 1000);
    let mut fraction = magnitude % 1000;
    if fraction != 0 {
        out.push(b'.');
        let mut digits = 3;
        while fraction % 10 == 0 {
            fraction /= 10;
            digits -= 1;
        }
        let mut buf = [b'0'; 3];
        for slot in buf[..digits].iter_mut().rev() {
            *slot = b'0' + (fraction % 10) as u8;
            fraction /= 10;
        }
        out.extend_from_slice(&buf[..digits]);
    }
}

/// Writes a whole number in decimal.
pub fn write_unsigned(out: &mut Vec<u8>, mut value: u64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(value: f32) -> String {
        let mut out = Vec::new();
        write_number(&mut out, value);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn numbers_are_short_and_exact_to_thousandths() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(54.0), "54");
        assert_eq!(number(749.5), "749.5");
        assert_eq!(number(639.300_05), "639.3");
        assert_eq!(number(0.121_568_63), "0.122");
        assert_eq!(number(-12.25), "-12.25");
        assert_eq!(number(0.004), "0.004");
        assert_eq!(number(-0.0004), "0");
        assert_eq!(number(1.0006), "1.001");
        assert_eq!(number(f32::NAN), "0");
    }

    #[test]
    fn glyph_codes_are_two_bytes_each_with_delimiters_escaped() {
        let mut content = Content::new();
        content
            .glyphs([0x0d, 0x1b, 0xABCD, 0x2829, 0x5C0A])
            .op("Tj");
        assert_eq!(content.finish(), b"(\0\\r\0\x1b\xab\xcd\\(\\)\\\\\\n) Tj\n");
    }

    #[test]
    fn kerned_glyphs_break_the_string_only_where_they_move() {
        let mut content = Content::new();
        content
            .kerned_glyphs([(0x41, 0.0), (0x42, 73.5), (0x43, 0.0), (0x44, -20.0)])
            .op("TJ");
        assert_eq!(content.finish(), b"[(\0A)73.5(\0B\0C)-20(\0D)] TJ\n");
    }

    #[test]
    fn colours_are_fractions_of_one() {
        let mut content = Content::new();
        content.rgb(Rgb(31, 111, 255)).op("rg");
        assert_eq!(content.finish(), b"0.122 0.435 1 rg\n");
    }
}
