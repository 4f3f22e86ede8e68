//! The `qr` and `lines` blocks as a reader gets them: the code scans to its
//! address (read back from the rendered page by a decoder of its own), it is
//! one link with a figure inside, it is large enough to scan, the lines are
//! far enough apart to write on, and every bad value is an error at its line.

mod util;

use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::{Dictionary, Object};
use util::{decode_text_string, repo, words, Pdf, Project};

const URL: &str = "https://findtreatment.gov";
/// A millimetre in points.
const MM: f32 = 72.0 / 25.4;

// ---------------------------------------------------------------------------
// Helpers

/// Builds the bundled templates, ordinary and large print, into a folder.
fn built_templates() -> (Project, PathBuf) {
    let project = Project::bare();
    let out = project.path("out");
    for large in [false, true] {
        let mut args = vec![
            "build".to_string(),
            repo("templates").display().to_string(),
            "-o".to_string(),
            out.display().to_string(),
        ];
        if large {
            args.push("--large-print".into());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = project.run(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    (project, out)
}

/// The text of a PDF string object.
fn text_of(object: &Object) -> Option<String> {
    match object {
        Object::String(bytes, _) => Some(decode_text_string(bytes)),
        _ => None,
    }
}

/// Every dictionary of the file whose /S is this structure type.
fn elements<'a>(pdf: &'a Pdf, kind: &str) -> Vec<(lopdf::ObjectId, &'a Dictionary)> {
    pdf.doc
        .objects
        .iter()
        .filter_map(|(id, object)| Some((*id, object.as_dict().ok()?)))
        .filter(|(_, d)| d.get(b"S").and_then(Object::as_name).ok() == Some(kind.as_bytes()))
        .collect()
}

/// The 1-based pages whose content has a Figure drawn with rectangles, and
/// for each the rectangle's bounding box (left, bottom, right, top).
fn qr_figures(pdf: &Pdf) -> Vec<(u32, [f32; 4])> {
    let mut found = Vec::new();
    for (&number, &id) in &pdf.doc.get_pages() {
        let content = pdf.doc.get_and_decode_page_content(id).expect("content");
        let mut inside = false;
        let mut bbox: Option<[f32; 4]> = None;
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" => {
                    inside = op.operands.first().and_then(|o| o.as_name().ok()) == Some(b"Figure");
                }
                "EMC" => {
                    if let (true, Some(b)) = (inside, bbox.take()) {
                        found.push((number, b));
                    }
                    inside = false;
                }
                "re" if inside => {
                    let n: Vec<f32> = op
                        .operands
                        .iter()
                        .map(|o| o.as_float().expect("number"))
                        .collect();
                    let (x0, y0, x1, y1) = (n[0], n[1], n[0] + n[2], n[1] + n[3]);
                    bbox = Some(match bbox {
                        None => [x0, y0, x1, y1],
                        Some([a, b, c, d]) => [a.min(x0), b.min(y0), c.max(x1), d.max(y1)],
                    });
                }
                _ => {}
            }
        }
    }
    found
}

/// The link annotations of a page: URI, /Contents and rectangle.
fn links(pdf: &Pdf, page: u32) -> Vec<(String, Option<String>, [f32; 4])> {
    let id = pdf.doc.get_pages()[&page];
    let dict = pdf.doc.get_dictionary(id).expect("page");
    let Ok(annots) = dict.get(b"Annots") else {
        return Vec::new();
    };
    let annots = pdf.resolve(annots).as_array().expect("Annots array");
    annots
        .iter()
        .filter_map(|a| pdf.resolve(a).as_dict().ok())
        .filter(|a| a.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Link"))
        .map(|a| {
            let action = a
                .get(b"A")
                .ok()
                .and_then(|o| pdf.resolve(o).as_dict().ok())
                .expect("an action");
            let uri = action
                .get(b"URI")
                .ok()
                .and_then(|u| match u {
                    Object::String(bytes, _) => Some(String::from_utf8_lossy(bytes).into_owned()),
                    _ => None,
                })
                .unwrap_or_default();
            let contents = a.get(b"Contents").ok().and_then(text_of);
            let rect: Vec<f32> = a
                .get(b"Rect")
                .and_then(Object::as_array)
                .expect("Rect")
                .iter()
                .map(|v| v.as_float().expect("number"))
                .collect();
            (uri, contents, [rect[0], rect[1], rect[2], rect[3]])
        })
        .collect()
}

/// Renders one page at 150 dpi with poppler and decodes every QR code on it
/// with a decoder independent of the encoder.
fn decode_page(pdf_path: &Path, page: u32) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let prefix = dir.path().join("page");
    let output = Command::new("pdftoppm")
        .args(["-r", "150", "-png", "-singlefile"])
        .args(["-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf_path)
        .arg(&prefix)
        .output()
        .expect("pdftoppm (poppler-utils) is installed");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let picture = image::open(prefix.with_extension("png"))
        .expect("a PNG")
        .to_luma8();
    let (w, h) = picture.dimensions();
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| {
            picture.get_pixel(x as u32, y as u32).0[0]
        });
    prepared
        .detect_grids()
        .into_iter()
        .map(|grid| grid.decode().expect("the code decodes").1)
        .collect()
}

/// The y of each rule of a lines block on a page, top first, in PDF points
/// from the bottom: the strokes in the rules' own grey.
fn rules(pdf: &Pdf, page: u32) -> Vec<(f32, f32)> {
    let id = pdf.doc.get_pages()[&page];
    let content = pdf.doc.get_and_decode_page_content(id).expect("content");
    let grey = [0x8A, 0x90, 0x94].map(|c| f32::from(c as u8) / 255.0);
    let mut stroke = [0.0f32; 3];
    let mut from = (0.0, 0.0);
    let mut found = Vec::new();
    for op in &content.operations {
        let n: Vec<f32> = op
            .operands
            .iter()
            .filter_map(|o| o.as_float().ok())
            .collect();
        match op.operator.as_str() {
            "RG" if n.len() == 3 => stroke = [n[0], n[1], n[2]],
            "m" if n.len() == 2 => from = (n[0], n[1]),
            "l" if n.len() == 2 => {
                let same = stroke.iter().zip(grey).all(|(a, b)| (a - b).abs() < 0.002);
                if same && (n[1] - from.1).abs() < 0.01 {
                    found.push((from.1, n[0] - from.0));
                }
            }
            _ => {}
        }
    }
    found
}

/// `build FILE -o out` must fail with exit 1, and say why on stderr.
fn build_fails(project: &Project, file: &str) -> String {
    let run = project.run(&["build", file, "-o", "out"]);
    assert_eq!(run.code, 1, "expected exit 1:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!project.path("out").join("a.pdf").exists());
    run.stderr
}

#[track_caller]
fn assert_has(stderr: &str, needle: &str) {
    assert!(stderr.contains(needle), "expected {needle:?} in:\n{stderr}");
}

const TITLE: &str = "[handout]\ntitle = \"A sheet\"\n";

/// A handout of one qr block with these lines after `type`.
fn qr_handout(keys: &str) -> Project {
    let project = Project::new();
    project.file(
        "a.toml",
        &format!("{TITLE}\n[[block]]\ntype = \"qr\"\n{keys}"),
    );
    project
}

/// A handout of one lines block with these lines after `type`.
fn lines_handout(keys: &str) -> Project {
    let project = Project::new();
    project.file(
        "a.toml",
        &format!("{TITLE}\n[[block]]\ntype = \"lines\"\n{keys}"),
    );
    project
}

// ---------------------------------------------------------------------------
// The code

#[test]
fn the_family_guide_code_scans_to_the_locator_in_every_edition() {
    let (_project, out) = built_templates();
    for (name, lang, large) in [
        ("family-guide", "en", false),
        ("family-guide-large-print", "en", true),
        ("es/family-guide", "es", false),
        ("es/family-guide-large-print", "es", true),
    ] {
        let path = out.join(format!("{name}.pdf"));
        let pdf = Pdf::load(&path);
        let figures = qr_figures(&pdf);
        assert_eq!(figures.len(), 1, "{name}: one QR code");
        let (page, [left, bottom, right, top]) = figures[0];

        // A decoder reads the address from the printed page.
        assert_eq!(decode_page(&path, page), vec![URL.to_string()], "{name}");

        // Square, and large enough for a phone at arm's length.
        let side = right - left;
        assert!((side - (top - bottom)).abs() < 0.01, "{name}: {side} wide");
        let least = if large { 1.5 * 72.0 } else { 0.8 * 72.0 };
        assert!(side >= least - 0.01, "{name}: {side} pt across");
        assert!(
            (side - if large { 108.0 } else { 72.0 }).abs() < 0.5,
            "{name}: size 1.0 is 1 inch, 1.5 in large print; it is {side} pt"
        );

        // The address and the caption are printed, as text; "https://" is not.
        let text = words(&pdf.text(page));
        let caption = if lang == "es" {
            "Encuentre tratamiento cerca de usted"
        } else {
            "Find treatment near you"
        };
        assert!(
            text.contains(&format!("{caption} findtreatment.gov")),
            "{name}: {text}"
        );
        assert!(!text.contains("https://"), "{name}: {text}");

        // One link over the code and its words, to the address as written.
        let (open, alt) = if lang == "es" {
            (
                "Abrir findtreatment.gov",
                "Código QR que abre findtreatment.gov",
            )
        } else {
            (
                "Open findtreatment.gov",
                "QR code that opens findtreatment.gov",
            )
        };
        let qr_links: Vec<_> = links(&pdf, page)
            .into_iter()
            .filter(|(uri, _, _)| uri == URL)
            .collect();
        assert_eq!(qr_links.len(), 1, "{name}: {qr_links:?}");
        let (_, contents, [x0, y0, x1, y1]) = &qr_links[0];
        assert_eq!(contents.as_deref(), Some(open), "{name}");
        assert!(
            *x0 <= left + 0.01 && *y0 <= bottom + 0.01 && *y1 >= top - 0.01 && *x1 > right + 100.0,
            "{name}: the link covers the code and the text beside it"
        );

        // The code is a Figure with alt text, inside the Link element.
        let figures = elements(&pdf, "Figure");
        assert_eq!(figures.len(), 1, "{name}");
        let (_, figure) = figures[0];
        assert_eq!(
            figure.get(b"Alt").ok().and_then(text_of).as_deref(),
            Some(alt),
            "{name}"
        );
        let parent = figure
            .get(b"P")
            .and_then(Object::as_reference)
            .expect("a parent");
        let parent = pdf.doc.get_dictionary(parent).expect("parent element");
        assert_eq!(
            parent.get(b"S").and_then(Object::as_name).ok(),
            Some(&b"Link"[..]),
            "{name}: the Figure is inside the Link"
        );
        let kids = parent.get(b"K").and_then(Object::as_array).expect("kids");
        assert!(
            kids.iter().any(|k| pdf.resolve(k).as_dict().is_ok_and(|d| d
                .get(b"Type")
                .and_then(Object::as_name)
                .ok()
                == Some(b"OBJR"))),
            "{name}: the Link element holds its annotation"
        );
    }
}

#[test]
fn the_longest_address_a_code_takes_still_scans_and_size_two_is_two_inches() {
    // 106 characters: the most a code of 1 inch takes (version 6, level M).
    let long = format!("https://findtreatment.gov/locator?{}", "q".repeat(72));
    assert_eq!(long.len(), 106);
    let project = Project::new();
    project.file(
        "a.toml",
        &format!(
            "{TITLE}\n[[block]]\ntype = \"qr\"\nurl = \"{long}\"\n\n\
             [[block]]\ntype = \"qr\"\nurl = \"https://example.org/\"\nsize = 2.0\n"
        ),
    );
    let pdf = project.build("a.toml");
    let decoded = decode_page(&project.path("out/a.pdf"), 1);
    assert_eq!(decoded.len(), 2, "{decoded:?}");
    assert!(decoded.contains(&long), "{decoded:?}");
    assert!(decoded.contains(&"https://example.org/".to_string()));
    let sides: Vec<f32> = qr_figures(&pdf).iter().map(|(_, b)| b[2] - b[0]).collect();
    assert!(
        (sides[0] - 72.0).abs() < 0.5 && (sides[1] - 144.0).abs() < 0.5,
        "{sides:?}"
    );
    // The long address is broken between its parts, never with a hyphen.
    let text = pdf.text(1);
    assert!(
        !text.contains('\u{2010}') && !text.contains("-\n"),
        "{text}"
    );
    assert!(text.lines().any(|l| l.trim() == "example.org"), "{text}");
    assert!(
        text.replace('\n', "").contains(&long["https://".len()..]),
        "{text}"
    );
}

#[test]
fn a_large_print_code_never_shrinks_below_its_minimum_and_keeps_a_larger_size() {
    let project = Project::new();
    project.file(
        "a.toml",
        &format!(
            "{TITLE}\n[[block]]\ntype = \"qr\"\nurl = \"{URL}\"\n\n\
             [[block]]\ntype = \"qr\"\nurl = \"{URL}/es\"\nsize = 1.8\n"
        ),
    );
    let run = project.run(&["build", "a.toml", "-o", "out", "--large-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = project.path("out/a-large-print.pdf");
    let pdf = Pdf::load(&path);
    let sides: Vec<f32> = qr_figures(&pdf).iter().map(|(_, b)| b[2] - b[0]).collect();
    assert_eq!(sides.len(), 2);
    assert!((sides[0] - 108.0).abs() < 0.5, "{sides:?}");
    assert!((sides[1] - 1.8 * 72.0).abs() < 0.5, "{sides:?}");
    let mut decoded: Vec<String> = (1..=pdf.page_count() as u32)
        .flat_map(|p| decode_page(&path, p))
        .collect();
    decoded.sort();
    assert_eq!(decoded, vec![URL.to_string(), format!("{URL}/es")]);
}

#[test]
fn the_code_is_drawn_as_few_rectangles() {
    let project = qr_handout(&format!("url = \"{URL}\"\n"));
    let pdf = project.build("a.toml");
    let id = pdf.doc.get_pages()[&1];
    let content = pdf.doc.get_and_decode_page_content(id).expect("content");
    let rectangles = content
        .operations
        .iter()
        .filter(|op| op.operator == "re")
        .count();
    // 25 × 25 modules, about half of them dark: runs merged into rectangles.
    assert!(rectangles < 200, "{rectangles} rectangles");
}

// ---------------------------------------------------------------------------
// The lines

#[test]
fn the_checklist_has_lines_to_write_on_at_a_handwriting_pitch() {
    let (_project, out) = built_templates();
    for (name, label, large) in [
        ("today-checklist", "Questions for your doctor", false),
        (
            "today-checklist-large-print",
            "Questions for your doctor",
            true,
        ),
        ("es/today-checklist", "Preguntas para su médico", false),
        (
            "es/today-checklist-large-print",
            "Preguntas para su médico",
            true,
        ),
    ] {
        let pdf = Pdf::load(&out.join(format!("{name}.pdf")));
        if !large {
            assert_eq!(pdf.page_count(), 1, "{name} is still one page");
        }
        let (page, found) = (1..=pdf.page_count() as u32)
            .map(|p| (p, rules(&pdf, p)))
            .find(|(_, r)| !r.is_empty())
            .expect("a page with the lines");
        assert!(words(&pdf.text(page)).contains(label), "{name}");
        // Two: three do not leave the Spanish sheet on one page in every brand font.
        assert_eq!(found.len(), 2, "{name}: {found:?}");
        let least = if large { 12.0 * MM } else { 9.0 * MM };
        for pair in found.windows(2) {
            let pitch = pair[0].0 - pair[1].0;
            assert!(pitch >= least - 0.01, "{name}: {} mm", pitch / MM);
        }
        // The full width of the text: the page less two margins of 54 pt.
        let (width, _) = pdf.page_size(page);
        for (_, length) in &found {
            assert!((length - (width - 108.0)).abs() < 0.5, "{name}: {length}");
        }
    }
}

#[test]
fn the_label_of_the_lines_is_a_paragraph_and_the_rules_are_artifacts() {
    let project = lines_handout("label = \"Next appointment\"\ncount = 2\n");
    let pdf = project.build("a.toml");
    assert!(elements(&pdf, "H3").is_empty() && elements(&pdf, "H2").is_empty());
    assert!(words(&pdf.text(1)).contains("Next appointment"));
    let id = pdf.doc.get_pages()[&1];
    let content = pdf.doc.get_and_decode_page_content(id).expect("content");
    // Every stroke is inside an artifact.
    let mut mark: Vec<Vec<u8>> = Vec::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" | "BMC" => mark.push(
                op.operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .unwrap_or_default()
                    .to_vec(),
            ),
            "EMC" => {
                mark.pop();
            }
            "S" => assert_eq!(mark.last().map(Vec::as_slice), Some(&b"Artifact"[..])),
            _ => {}
        }
    }
    assert_eq!(rules(&pdf, 1).len(), 2);
}

#[test]
fn a_lines_block_is_never_split_and_stays_with_what_introduces_it() {
    let filler = "Families can help in many small ways every single day. ".repeat(40);
    let project = Project::new();
    project.file(
        "a.toml",
        &format!(
            "{TITLE}\n[[block]]\ntype = \"text\"\ntext = \"{filler}\"\n\n\
             [[block]]\ntype = \"text\"\ntext = \"Write down what you want to ask:\"\n\n\
             [[block]]\ntype = \"lines\"\nlabel = \"Questions\"\ncount = 12\n"
        ),
    );
    let pdf = project.build("a.toml");
    assert_eq!(pdf.page_count(), 2);
    assert!(rules(&pdf, 1).is_empty(), "no line is left on page 1");
    assert_eq!(rules(&pdf, 2).len(), 12);
    assert!(words(&pdf.text(2)).contains("Write down what you want to ask: Questions"));
}

// ---------------------------------------------------------------------------
// Bad values

#[test]
fn an_address_that_is_not_a_web_page_is_an_error_with_a_fix() {
    let stderr = build_fails(&qr_handout("url = \"www.findtreatment.gov\"\n"), "a.toml");
    assert_has(
        &stderr,
        "a.toml:6:8: error: `url` must start with https:// or http://, not \"www.findtreatment.gov\"",
    );
    assert_has(
        &stderr,
        "hint: write the whole address: url = \"https://www.findtreatment.gov\"",
    );
    let stderr = build_fails(&qr_handout("url = \"tel:988\"\n"), "a.toml");
    assert_has(
        &stderr,
        "a.toml:6:8: error: `url` must start with https:// or http://, not \"tel:988\"",
    );
    assert_has(
        &stderr,
        "hint: a QR block opens a web page; put a phone number in a `contacts` block",
    );
    let stderr = build_fails(&qr_handout("url = \"ftp://files.example.org\"\n"), "a.toml");
    assert_has(
        &stderr,
        "a.toml:6:8: error: `url` must start with https:// or http://",
    );
}

#[test]
fn a_space_in_an_address_is_an_error_where_it_stands() {
    let stderr = build_fails(
        &qr_handout("url = \"https://findtreatment.gov/find help\"\n"),
        "a.toml",
    );
    assert_has(
        &stderr,
        "a.toml:6:38: error: a web address cannot have a space or a line break in it",
    );
    assert_has(
        &stderr,
        "hint: copy the address from the browser's address bar",
    );
}

#[test]
fn an_address_without_a_host_is_an_error() {
    let stderr = build_fails(&qr_handout("url = \"https:///treatment\"\n"), "a.toml");
    assert_has(
        &stderr,
        "a.toml:6:7: error: the address \"https:///treatment\" has no host name",
    );
    assert_has(
        &stderr,
        "hint: write the whole address, such as url = \"https://findtreatment.gov\"",
    );
    let stderr = build_fails(&qr_handout("url = \"https://findtreatment\"\n"), "a.toml");
    assert_has(
        &stderr,
        "has no full host name: \"findtreatment\" is not one",
    );
}

#[test]
fn an_address_too_long_to_scan_names_the_limit_at_its_size() {
    let long = format!("https://findtreatment.gov/{}", "a".repeat(100));
    let stderr = build_fails(&qr_handout(&format!("url = \"{long}\"\n")), "a.toml");
    assert_has(
        &stderr,
        "a.toml:6:7: error: this address is too long to scan at size 1.0: it has 126 characters, and at this size a code holds 106 at most",
    );
    assert_has(
        &stderr,
        "hint: use a shorter address (a short link to the page), or a larger `size`, up to 2.0",
    );
    // Twice the size holds it.
    let project = qr_handout(&format!("url = \"{long}\"\nsize = 2.0\n"));
    let run = project.run(&["check", "a.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_qr_block_without_an_address_says_what_to_add() {
    let stderr = build_fails(&qr_handout("caption = \"Find help\"\n"), "a.toml");
    assert_has(&stderr, "has no `url`");
    assert_has(
        &stderr,
        "hint: add a line such as: url = \"https://findtreatment.gov\"",
    );
}

#[test]
fn a_size_outside_one_to_two_or_not_a_number_is_an_error() {
    for (value, message) in [
        (
            "0.5",
            "a.toml:7:8: error: `size` must be from 1.0 to 2.0, not 0.5",
        ),
        (
            "3",
            "a.toml:7:8: error: `size` must be from 1.0 to 2.0, not 3",
        ),
        (
            "\"big\"",
            "a.toml:7:8: error: `size` in a `qr` block must be a number, not a string",
        ),
    ] {
        let stderr = build_fails(
            &qr_handout(&format!("url = \"{URL}\"\nsize = {value}\n")),
            "a.toml",
        );
        assert_has(&stderr, message);
        assert_has(&stderr, "hint:");
    }
}

#[test]
fn a_count_outside_one_to_twenty_or_not_whole_is_an_error() {
    for (value, message, hint) in [
        ("0", "a.toml:7:9: error: `count` must be from 1 to 20, not 0", "hint: it is the number of lines to write on, for example count = 3"),
        ("21", "a.toml:7:9: error: `count` must be from 1 to 20, not 21", "hint: it is the number of lines to write on"),
        ("2.5", "a.toml:7:9: error: `count` in a `lines` block must be a whole number, not a decimal number", "hint: write a whole number without quotes, for example count = 1"),
        ("\"4\"", "a.toml:7:9: error: `count` in a `lines` block must be a whole number, not a string", "hint: write the number without quotes: count = 4"),
    ] {
        let stderr = build_fails(
            &lines_handout(&format!("label = \"Questions\"\ncount = {value}\n")),
            "a.toml",
        );
        assert_has(&stderr, message);
        assert_has(&stderr, hint);
    }
}

#[test]
fn a_lines_block_without_a_label_says_what_to_add() {
    let stderr = build_fails(&lines_handout("count = 2\n"), "a.toml");
    assert_has(&stderr, "has no `label`");
    assert_has(
        &stderr,
        "hint: add a line such as: label = \"Questions for your doctor\"",
    );
}

// ---------------------------------------------------------------------------
// Translations and starters

#[test]
fn a_translation_keeps_the_address_and_the_number_of_lines() {
    let project = Project::new();
    project.file(
        "guide.toml",
        &format!(
            "{TITLE}\n[[block]]\ntype = \"qr\"\nurl = \"{URL}\"\n\n\
             [[block]]\ntype = \"lines\"\nlabel = \"Questions\"\ncount = 3\n"
        ),
    );
    project.file(
        "es/guide.toml",
        "[handout]\ntitle = \"Una hoja\"\nlang = \"es\"\ntranslation_of = \"../guide.toml\"\n\n\
         [[block]]\ntype = \"qr\"\nurl = \"http://findtreatment.gov\"\n\n\
         [[block]]\ntype = \"lines\"\nlabel = \"Preguntas\"\ncount = 2\n",
    );
    let run = project.run(&["check", "es/guide.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The loose comparison of addresses misses http for https; the setting does not.
    assert_has(
        &run.stderr,
        "warning: this qr's url is http://findtreatment.gov; the original's is https://findtreatment.gov",
    );
    assert_has(
        &run.stderr,
        "warning: this lines block has 2 lines; the original's has 3",
    );
    // Another page: one warning, where the address stands.
    project.file(
        "es/guide.toml",
        &format!(
            "[handout]\ntitle = \"Una hoja\"\nlang = \"es\"\ntranslation_of = \"../guide.toml\"\n\n\
             [[block]]\ntype = \"qr\"\nurl = \"{URL}/es\"\n\n\
             [[block]]\ntype = \"lines\"\nlabel = \"Preguntas\"\ncount = 3\n"
        ),
    );
    let run = project.run(&["check", "es/guide.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "es/guide.toml:8:8: warning: the address https://findtreatment.gov/es differs from the original's https://findtreatment.gov (guide.toml:6)"
        ),
        "{}",
        run.stderr
    );
    assert_has(
        &run.stderr,
        "checked 1 file: 0 with errors; 0 errors, 1 warning",
    );
    // The same file as its own translation is quiet.
    project.file(
        "es/guide.toml",
        &format!(
            "[handout]\ntitle = \"Una hoja\"\nlang = \"es\"\ntranslation_of = \"../guide.toml\"\n\n\
             [[block]]\ntype = \"qr\"\nurl = \"{URL}\"\ncaption = \"Encuentre ayuda\"\n\n\
             [[block]]\ntype = \"lines\"\nlabel = \"Preguntas\"\ncount = 3\n"
        ),
    );
    let run = project.run(&["check", "es/guide.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
}

#[test]
fn the_starters_examples_build_once_uncommented() {
    let project = Project::new();
    for (kind, block) in [
        ("guide", "qr"),
        ("checklist", "lines"),
        ("timeline", "table"),
    ] {
        let file = format!("{kind}.toml");
        let run = project.run(&["new", kind, &file]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let text = std::fs::read_to_string(project.path(&file)).expect("starter");
        let start = text
            .find(&format!("# [[block]]\n# type = \"{block}\""))
            .unwrap_or_else(|| panic!("the {kind} starter shows a {block} block"));
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let first = text[..start].lines().count();
        for line in lines.iter_mut().skip(first).take(4) {
            *line = line.strip_prefix("# ").expect("commented").to_string();
        }
        project.file(&file, &(lines.join("\n") + "\n"));
        let pdf = project.build(&file);
        let text = words(&pdf.all_text());
        match block {
            "qr" => assert!(text.contains("findtreatment.gov"), "{text}"),
            "table" => assert!(text.contains("Day How I felt Notes"), "{text}"),
            _ => {
                assert_eq!(pdf.page_count(), 1, "the checklist starter stays one page");
                assert!(text.contains("Questions for your doctor"), "{text}");
            }
        }
    }
}
