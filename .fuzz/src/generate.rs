//! Plausible definition files built from a stream of fuzzer bytes.
//!
//! Every choice reads the next byte (zero once the bytes run out), so a small
//! change in the input is a small change in the file, which is what lets the
//! fuzzer's coverage feedback work on the file's structure.

use std::fmt::Write as _;

struct Choices<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Choices<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        let wide = if n > 256 {
            usize::from(self.byte()) << 8 | usize::from(self.byte())
        } else {
            usize::from(self.byte())
        };
        wide % n
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }

    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }
}

const WORDS: &[&str] = &[
    "kratom",
    "withdrawal",
    "family",
    "sleep",
    "water",
    "doctor",
    "call",
    "help",
    "the",
    "a",
    "and",
    "of",
    "día",
    "niño",
    "café",
    "988",
    "1-800-662-4357",
    "riverbend.example.org",
    "https://findtreatment.gov/locator",
    "help@example.org",
    "5",
    "*",
    "**",
    "3",
    "e.g.",
    "buprenorphine",
    "counterproductive",
    "—",
    "“quoted”",
    "it’s",
    "don't",
    "100%",
    "(see",
    "below)",
    "A/B",
    "½",
    "✓",
    "😀",
    "中文",
    "\u{a0}",
    "\u{200b}",
    "\u{301}",
    "ﬁ",
    "\t",
    "wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww",
    "",
    " ",
    "\\",
    "\"",
    "'",
    "#",
    "[",
    "]",
    "=",
    "\r",
    "\u{feff}",
    "\u{202e}",
];

fn text(c: &mut Choices, max_words: usize) -> String {
    let count = 1 + c.below(max_words);
    let mut out = String::new();
    for i in 0..count {
        if c.done() && i > 0 {
            break;
        }
        if i > 0 {
            out.push(match c.below(20) {
                0 => '\n',
                1 => '\u{a0}',
                _ => ' ',
            });
        }
        let word = c.pick(WORDS);
        let word = if c.chance(2) {
            word.repeat(1 + c.below(300))
        } else {
            word.to_string()
        };
        let _ = match c.below(12) {
            0 => write!(out, "**{word}**"),
            1 => write!(out, "*{word}*"),
            2 => write!(out, "**{word}"),
            3 => write!(out, "*{word}"),
            4 => write!(out, "***{word}***"),
            _ => write!(out, "{word}"),
        };
    }
    out
}

fn basic(text: &str) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn literal(c: &mut Choices, text: &str) -> String {
    match c.below(4) {
        0 if !text.contains(['\'', '\n', '\r']) && !text.chars().any(char::is_control) => {
            format!("'{text}'")
        }
        1 if !text.contains("\"\"\"")
            && !text.ends_with('"')
            && !text.contains('\\')
            && !text.contains('\r')
            && !text
                .chars()
                .any(|ch| ch.is_control() && ch != '\n' && ch != '\t') =>
        {
            format!("\"\"\"\n{text}\n\"\"\"")
        }
        _ => basic(text),
    }
}

fn inline(c: &mut Choices, text: &str) -> String {
    let flat = text.replace(['\n', '\r'], " ");
    if c.chance(25) && !flat.contains('\'') && !flat.chars().any(char::is_control) {
        format!("'{flat}'")
    } else {
        basic(&flat)
    }
}

fn items(c: &mut Choices, max: usize, words: usize) -> String {
    let count = c.below(max + 1);
    let list: Vec<String> = (0..count)
        .map(|_| {
            let t = text(c, words);
            inline(c, &t)
        })
        .collect();
    format!("[{}]", list.join(", "))
}

fn block(c: &mut Choices, out: &mut String) {
    let kind = c.pick(&[
        "heading",
        "text",
        "bullets",
        "steps",
        "checklist",
        "callout",
        "timeline",
        "contacts",
        "image",
        "page-break",
        "table",
        "qr",
        "lines",
    ]);
    let _ = writeln!(out, "\n[[block]]\ntype = \"{kind}\"");
    let line = |out: &mut String, key: &str, value: String| {
        let _ = writeln!(out, "{key} = {value}");
    };
    match kind {
        "heading" => {
            let t = text(c, 10);
            let t = inline(c, &t);
            line(out, "text", t);
            if c.chance(50) {
                line(out, "level", c.below(4).to_string());
            }
        }
        "text" => {
            let paragraphs: Vec<String> = (0..1 + c.below(4)).map(|_| text(c, 150)).collect();
            let t = paragraphs.join(if c.chance(80) { "\n\n" } else { "\n \n" });
            let t = literal(c, &t);
            line(out, "text", t);
        }
        "bullets" | "steps" | "checklist" => {
            if c.chance(40) {
                let t = text(c, 6);
                let t = inline(c, &t);
                line(out, "title", t);
            }
            let list = items(c, 40, 30);
            line(out, "items", list);
        }
        "callout" => {
            let tone = c.pick(&["info", "warning", "emergency"]);
            line(out, "tone", format!("\"{tone}\""));
            if c.chance(60) {
                let t = text(c, 6);
                let t = inline(c, &t);
                line(out, "title", t);
            }
            if c.chance(60) {
                let t = text(c, 60);
                let t = literal(c, &t);
                line(out, "text", t);
            }
            if c.chance(60) {
                let list = items(c, 10, 15);
                line(out, "items", list);
            }
        }
        "timeline" => {
            if c.chance(50) {
                let t = text(c, 6);
                let t = inline(c, &t);
                line(out, "title", t);
            }
            for _ in 0..c.below(8) {
                out.push_str("[[block.phase]]\n");
                if c.chance(95) {
                    let t = text(c, 4);
                    let t = inline(c, &t);
                    line(out, "label", t);
                }
                if c.chance(70) {
                    let t = text(c, 4);
                    let t = inline(c, &t);
                    line(out, "when", t);
                }
                if c.chance(80) {
                    let list = items(c, 8, 8);
                    line(out, "items", list);
                }
            }
        }
        "contacts" => {
            let count = c.below(5);
            let entries: Vec<String> = (0..count)
                .map(|_| {
                    let label = text(c, 4);
                    let label = inline(c, &label);
                    let value = c.pick(&[
                        "988",
                        "1-800-662-4357",
                        "help@example.org",
                        "example.org/a",
                        "https://example.org",
                        "mailto:",
                        "tel:",
                        "",
                    ]);
                    format!("{{ label = {label}, value = \"{value}\" }}")
                })
                .collect();
            if c.chance(50) {
                let t = text(c, 4);
                let t = inline(c, &t);
                line(out, "title", t);
            }
            line(out, "items", format!("[{}]", entries.join(", ")));
        }
        "image" => {
            let path = c.pick(&["img.png", "img.png", "missing.png", "a.toml", "."]);
            line(out, "path", format!("\"{path}\""));
            if c.chance(95) {
                line(out, "alt", "\"A picture\"".into());
            }
            if c.chance(50) {
                let width = c.pick(&[
                    "0.01", "0.25", "0.5", "1.0", "1", "0", "1.5", "-1", "nan", "inf",
                ]);
                line(out, "width", width.into());
            }
        }
        "qr" => {
            if c.chance(95) {
                let url = c.pick(&[
                    "https://findtreatment.gov",
                    "http://example.org/a?b=c#d",
                    "HTTPS://EXAMPLE.ORG/",
                    "https://",
                    "https:///x",
                    "https://a b.org",
                    "www.example.org",
                    "tel:988",
                    "https://[::1]:8080/",
                    "https://é.example/ñ",
                    "",
                ]);
                let url = if c.chance(10) {
                    format!("{url}/{}", "x".repeat(c.below(600)))
                } else {
                    url.to_string()
                };
                line(out, "url", format!("\"{url}\""));
            }
            if c.chance(60) {
                let t = text(c, 8);
                let t = inline(c, &t);
                line(out, "caption", t);
            }
            if c.chance(50) {
                let size = c.pick(&["1.0", "2", "1.5", "0.5", "3", "nan", "\"1\""]);
                line(out, "size", size.into());
            }
        }
        "table" => {
            if c.chance(40) {
                let t = text(c, 6);
                let t = inline(c, &t);
                line(out, "title", t);
            }
            // Mostly as many cells as the header, sometimes one more or less.
            let columns = 1 + c.below(8);
            let cells = |c: &mut Choices, n: usize| -> String {
                let list: Vec<String> = (0..n)
                    .map(|_| {
                        if c.chance(30) {
                            "\"\"".to_string()
                        } else {
                            let t = text(c, 12);
                            inline(c, &t)
                        }
                    })
                    .collect();
                format!("[{}]", list.join(", "))
            };
            if c.chance(95) {
                let header = cells(c, columns);
                line(out, "header", header);
            }
            if c.chance(95) {
                let rows: Vec<String> = (0..c.below(40))
                    .map(|_| {
                        let n = match c.below(20) {
                            0 => columns + 1,
                            1 => columns.saturating_sub(1),
                            _ => columns,
                        };
                        cells(c, n)
                    })
                    .collect();
                line(out, "rows", format!("[{}]", rows.join(",\n  ")));
            }
            if c.chance(30) {
                let widths: Vec<&str> = (0..columns)
                    .map(|_| c.pick(&["1", "2", "3.5", "0", "-1", "1e9", "\"1\""]))
                    .collect();
                line(out, "widths", format!("[{}]", widths.join(", ")));
            }
        }
        "lines" => {
            if c.chance(95) {
                let t = text(c, 8);
                let t = inline(c, &t);
                line(out, "label", t);
            }
            if c.chance(60) {
                let count = c.pick(&["1", "3", "20", "0", "21", "2.5", "-1", "\"3\""]);
                line(out, "count", count.into());
            }
        }
        _ => {}
    }
}

fn handout(c: &mut Choices) -> String {
    let mut out = String::from("[handout]\n");
    let title = text(c, 12);
    let title = inline(c, &title);
    let _ = writeln!(out, "title = {title}");
    if c.chance(50) {
        let t = text(c, 12);
        let t = inline(c, &t);
        let _ = writeln!(out, "subtitle = {t}");
    }
    if c.chance(40) {
        let paper = c.pick(&["letter", "a4", "legal", "leter"]);
        let _ = writeln!(out, "paper = \"{paper}\"");
    }
    if c.chance(40) {
        let lang = c.pick(&["en", "es", "fr"]);
        let _ = writeln!(out, "lang = \"{lang}\"");
    }
    if c.chance(30) {
        let date = c.pick(&[
            "\"2026-11-01\"",
            "2026-02-28",
            "\"2026-02-30\"",
            "\"1900-01-01\"",
            "\"9999-12-31\"",
            "2026-11-01T10:00:00",
        ]);
        let _ = writeln!(out, "reviewed = {date}");
    }
    if c.chance(20) {
        let _ = writeln!(out, "next_review = \"2027-01-01\"");
    }
    if c.chance(20) {
        let _ = writeln!(out, "max_pages = {}", c.below(6));
    }
    if c.chance(10) {
        let _ = writeln!(out, "reading_grade = {}", c.below(20));
    }
    for _ in 0..c.below(20) {
        if c.done() {
            break;
        }
        block(c, &mut out);
    }
    out
}

fn brand(c: &mut Choices) -> String {
    let mut out = String::from("[brand]\n");
    let name = text(c, 6);
    let name = inline(c, &name);
    let _ = writeln!(out, "name = {name}");
    for key in ["tagline", "phone", "website", "address", "disclaimer"] {
        if c.chance(60) {
            let t = text(c, 20);
            let t = inline(c, &t);
            let _ = writeln!(out, "{key} = {t}");
        }
    }
    if c.chance(40) {
        let accent = c.pick(&["#1F6F78", "#000000", "#FFFFFF", "#ffff00", "teal", "#12345"]);
        let _ = writeln!(out, "accent = \"{accent}\"");
    }
    if c.chance(30) {
        let _ = writeln!(out, "logo = \"img.png\"");
    }
    if c.chance(30) {
        out.push_str("\n[brand.es]\n");
        let t = text(c, 6);
        let t = inline(c, &t);
        let _ = writeln!(out, "tagline = {t}");
    }
    out
}

fn packet(c: &mut Choices) -> String {
    let mut out = String::from("[packet]\n");
    let title = text(c, 8);
    let title = inline(c, &title);
    let _ = writeln!(out, "title = {title}");
    if c.chance(50) {
        let t = text(c, 8);
        let t = inline(c, &t);
        let _ = writeln!(out, "subtitle = {t}");
    }
    for key in ["cover", "contents", "duplex"] {
        if c.chance(50) {
            let _ = writeln!(out, "{key} = {}", c.chance(50));
        }
    }
    let count = c.below(6);
    let list: Vec<&str> = (0..count)
        .map(|_| {
            c.pick(&[
                "\"a.toml\"",
                "\"a.toml\"",
                "\"fuzz.toml\"",
                "\"brand.toml\"",
                "\"missing.toml\"",
            ])
        })
        .collect();
    let _ = writeln!(out, "handouts = [{}]", list.join(", "));
    out
}

/// A brand, handout or packet definition built from the choices in `data`.
pub fn definition(data: &[u8]) -> String {
    let mut c = Choices { bytes: data, at: 0 };
    match c.below(16) {
        0 => brand(&mut c),
        1 => packet(&mut c),
        _ => handout(&mut c),
    }
}
