//! Test helpers: a temporary project, the real binary, and a PDF reader built on lopdf.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::{Document, Object};

/// A brand without a logo, for tests that do not care about the brand.
pub const BRAND: &str = r##"[brand]
name = "Test Clinic"
phone = "555-0100"
website = "test.example.org"
accent = "#1F6F78"
disclaimer = "For education only."
"##;

/// lopdf ends the text of every `TJ` array (a kerned run) with a space of
/// its own; other readers (poppler, pypdf) add none. Drop it where a line ends.
fn without_line_end_spaces(text: String) -> String {
    text.replace(" \n", "\n")
}

/// A temporary folder with definition files, and the binary to run in it.
pub struct Project {
    dir: tempfile::TempDir,
}

/// What a run of the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Project {
    /// An empty project with a brand.toml at its root.
    pub fn new() -> Project {
        let project = Project {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        project.file("brand.toml", BRAND);
        project
    }

    /// An empty project without a brand.
    pub fn bare() -> Project {
        Project {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// Writes a file, creating folders.
    pub fn file(&self, name: &str, content: &str) -> &Project {
        self.bytes(name, content.as_bytes())
    }

    /// Writes raw bytes.
    pub fn bytes(&self, name: &str, content: &[u8]) -> &Project {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(path, content).expect("write file");
        self
    }

    /// The absolute path of a file in the project.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `handout` in the project folder.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    /// Runs `handout` with extra environment variables.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_handout"));
        command
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("SOURCE_DATE_EPOCH")
            .env_remove("HANDOUT_TODAY");
        for (key, value) in env {
            command.env(key, value);
        }
        let output = command.output().expect("run handout");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Runs `handout build FILE -o out` and panics with stderr if it fails.
    pub fn build(&self, file: &str) -> Pdf {
        let run = self.run(&["build", file, "-o", "out"]);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        let stem = Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("x");
        Pdf::load(&self.path(&format!("out/{stem}.pdf")))
    }
}

/// The repository's own folder.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A PDF read back with lopdf.
pub struct Pdf {
    pub doc: Document,
    pub bytes: Vec<u8>,
}

/// What a font resource says about its embedding.
#[derive(Debug, Clone, PartialEq)]
pub struct FontInfo {
    pub name: String,
    pub embedded: bool,
    pub subset: bool,
    pub to_unicode: bool,
}

impl Pdf {
    /// Loads a PDF and checks its structure with qpdf where qpdf is installed.
    pub fn load(path: &Path) -> Pdf {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        qpdf_check(path);
        let doc = Document::load_mem(&bytes).expect("lopdf parses the PDF");
        Pdf { doc, bytes }
    }

    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.doc.get_pages().len()
    }

    /// Width and height of a page (1-based), in points.
    pub fn page_size(&self, page: u32) -> (f32, f32) {
        let id = self.doc.get_pages()[&page];
        let dict = self.doc.get_dictionary(id).expect("page dict");
        let media = dict
            .get(b"MediaBox")
            .and_then(Object::as_array)
            .expect("MediaBox");
        let n = |i: usize| media[i].as_float().expect("number");
        (n(2) - n(0), n(3) - n(1))
    }

    /// The text of one page (1-based), as lopdf extracts it.
    pub fn text(&self, page: u32) -> String {
        without_line_end_spaces(self.doc.extract_text(&[page]).expect("extract text"))
    }

    /// The text of every page, joined.
    pub fn all_text(&self) -> String {
        let pages: Vec<u32> = self.doc.get_pages().keys().copied().collect();
        without_line_end_spaces(self.doc.extract_text(&pages).expect("extract text"))
    }

    /// Every font resource of every page.
    pub fn fonts(&self) -> Vec<FontInfo> {
        let mut fonts = BTreeMap::new();
        for (_, object) in self.doc.objects.iter() {
            let Ok(dict) = object.as_dict() else { continue };
            if dict.get(b"Type").and_then(Object::as_name).ok() != Some(b"Font") {
                continue;
            }
            if dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0") {
                continue;
            }
            let name = dict
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            let descendant = dict
                .get(b"DescendantFonts")
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.first())
                .and_then(|o| self.resolve(o).as_dict().ok().cloned());
            let embedded = descendant
                .as_ref()
                .and_then(|d| d.get(b"FontDescriptor").ok())
                .and_then(|o| self.resolve(o).as_dict().ok())
                .is_some_and(|fd| {
                    fd.has(b"FontFile2") || fd.has(b"FontFile3") || fd.has(b"FontFile")
                });
            let subset = name.len() > 7
                && name.as_bytes()[6] == b'+'
                && name[..6].chars().all(|c| c.is_ascii_uppercase());
            fonts.insert(
                name.clone(),
                FontInfo {
                    name,
                    embedded,
                    subset,
                    to_unicode: dict.has(b"ToUnicode"),
                },
            );
        }
        fonts.into_values().collect()
    }

    /// The object a reference points at; anything else as it is.
    pub fn resolve<'a>(&'a self, object: &'a Object) -> &'a Object {
        match object {
            Object::Reference(id) => self.doc.get_object(*id).unwrap_or(object),
            other => other,
        }
    }

    /// Font sizes used by text on a page, weighted by the characters shown at each.
    pub fn font_sizes(&self, page: u32) -> BTreeMap<u32, usize> {
        let id = self.doc.get_pages()[&page];
        let content = self.doc.get_and_decode_page_content(id).expect("content");
        let mut size = 0.0;
        let mut sizes = BTreeMap::new();
        for op in content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    size = op
                        .operands
                        .get(1)
                        .and_then(|o| o.as_float().ok())
                        .unwrap_or(0.0)
                }
                "Tj" | "TJ" => {
                    let chars = match op.operands.first() {
                        Some(Object::String(bytes, _)) => bytes.len() / 2,
                        Some(Object::Array(items)) => items
                            .iter()
                            .map(|i| {
                                if let Object::String(b, _) = i {
                                    b.len() / 2
                                } else {
                                    0
                                }
                            })
                            .sum(),
                        _ => 0,
                    };
                    *sizes.entry((size * 10.0).round() as u32).or_insert(0) += chars;
                }
                _ => {}
            }
        }
        sizes
    }

    /// The outline as (depth, title), depth-first.
    pub fn outline(&self) -> Vec<(usize, String)> {
        let catalog = self.doc.catalog().expect("catalog");
        let Ok(root) = catalog.get(b"Outlines").and_then(Object::as_reference) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let first = self
            .doc
            .get_dictionary(root)
            .ok()
            .and_then(|d| d.get(b"First").and_then(Object::as_reference).ok());
        self.walk_outline(first, 0, &mut out);
        out
    }

    fn walk_outline(
        &self,
        mut node: Option<lopdf::ObjectId>,
        depth: usize,
        out: &mut Vec<(usize, String)>,
    ) {
        let mut guard = 0;
        while let Some(id) = node {
            guard += 1;
            assert!(guard < 1000, "outline loops");
            let dict = self.doc.get_dictionary(id).expect("outline item");
            let title = match dict.get(b"Title") {
                Ok(Object::String(bytes, _)) => decode_text_string(bytes),
                _ => String::new(),
            };
            out.push((depth, title));
            let first = dict.get(b"First").and_then(Object::as_reference).ok();
            self.walk_outline(first, depth + 1, out);
            node = dict.get(b"Next").and_then(Object::as_reference).ok();
        }
    }

    /// A string from the document information dictionary.
    pub fn info(&self, key: &str) -> Option<String> {
        let info = self
            .doc
            .trailer
            .get(b"Info")
            .and_then(Object::as_reference)
            .ok()?;
        match self
            .doc
            .get_dictionary(info)
            .ok()?
            .get(key.as_bytes())
            .ok()?
        {
            Object::String(bytes, _) => Some(decode_text_string(bytes)),
            _ => None,
        }
    }
}

/// Decodes a PDF text string (UTF-16BE with BOM, or PDFDocEncoding as Latin-1).
pub fn decode_text_string(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// Runs `qpdf --check` when qpdf is installed (CI installs it) and asserts it passes.
pub fn qpdf_check(path: &Path) {
    match Command::new("qpdf").arg("--check").arg(path).output() {
        Ok(output) => assert!(
            output.status.success(),
            "qpdf --check failed for {}:\n{}",
            path.display(),
            String::from_utf8_lossy(&output.stdout)
        ),
        Err(_) => assert!(std::env::var_os("CI").is_none(), "qpdf is required in CI"),
    }
}

/// Collapses whitespace, so text can be compared across line breaks.
pub fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
