//! Tagged PDF: the structure tree follows the definition's reading order.

mod util;

use lopdf::{Dictionary, Object};
use util::{Pdf, Project};

const HANDOUT: &str = r#"[handout]
title = "Structure"

[[block]]
type = "heading"
text = "A heading"

[[block]]
type = "text"
text = """
One paragraph.

Two paragraphs.
"""

[[block]]
type = "bullets"
items = ["First", "Second"]

[[block]]
type = "steps"
items = ["Only step"]

[[block]]
type = "callout"
tone = "warning"
title = "Careful"
text = "Body of the callout."

[[block]]
type = "timeline"
[[block.phase]]
label = "Start"
when = "Day 1"
items = ["Aches"]
[[block.phase]]
label = "Later"

[[block]]
type = "image"
path = "dot.png"
alt = "A teal dot"
width = 0.2
"#;

fn walk(
    pdf: &Pdf,
    element: &Dictionary,
    depth: usize,
    out: &mut Vec<(usize, String, Option<String>)>,
) {
    let kind = element
        .get(b"S")
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default();
    let alt = match element.get(b"Alt") {
        Ok(Object::String(bytes, _)) => Some(util::decode_text_string(bytes)),
        _ => None,
    };
    out.push((depth, kind, alt));
    let kids = match element.get(b"K") {
        Ok(Object::Array(kids)) => kids.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    };
    for kid in &kids {
        if let Ok(dict) = pdf.resolve(kid).as_dict() {
            // Elements have a structure type; marked-content and object references do not.
            if dict.has(b"S") {
                walk(pdf, dict, depth + 1, out);
            }
        }
    }
}

fn structure(pdf: &Pdf) -> Vec<(usize, String, Option<String>)> {
    let catalog = pdf.doc.catalog().expect("catalog");
    let root = pdf
        .resolve(catalog.get(b"StructTreeRoot").expect("StructTreeRoot"))
        .as_dict()
        .expect("dict");
    let mut out = Vec::new();
    let kids = root.get(b"K").and_then(Object::as_array).expect("K");
    for kid in kids {
        walk(
            pdf,
            pdf.resolve(kid).as_dict().expect("element"),
            0,
            &mut out,
        );
    }
    out
}

fn dot_png() -> Vec<u8> {
    let mut bytes = Vec::new();
    image::DynamicImage::new_rgb8(8, 8)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .expect("png");
    bytes
}

#[test]
fn the_structure_tree_follows_the_definition() {
    let project = Project::new();
    project.bytes("dot.png", &dot_png());
    project.file("s.toml", HANDOUT);
    let pdf = project.build("s.toml");
    let tree = structure(&pdf);
    let kinds: Vec<&str> = tree.iter().map(|(_, k, _)| k.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "Document", "H1", "H2", "P", "P", "L", "LI", "LBody", "LI", "LBody", "L", "LI", "Lbl",
            "LBody", "Div", "P", "P", "Div", "Div", "P", "P", "L", "LI", "LBody", "Div", "P",
            "Figure"
        ]
    );
    let figure = tree.iter().find(|(_, k, _)| k == "Figure").expect("figure");
    assert_eq!(figure.2.as_deref(), Some("A teal dot"));
}

#[test]
fn the_catalog_declares_a_tagged_document_in_its_language() {
    let project = Project::new();
    project.file("s.toml", "[handout]\ntitle = \"Hola\"\nlang = \"es\"\n\n[[block]]\ntype = \"text\"\ntext = \"Texto.\"\n");
    let pdf = project.build("s.toml");
    let catalog = pdf.doc.catalog().expect("catalog");
    let marked = pdf
        .resolve(catalog.get(b"MarkInfo").expect("MarkInfo"))
        .as_dict()
        .expect("dict");
    assert!(matches!(marked.get(b"Marked"), Ok(Object::Boolean(true))));
    assert!(matches!(catalog.get(b"Lang"), Ok(Object::String(bytes, _)) if bytes == b"es"));
    let metadata = pdf
        .resolve(catalog.get(b"Metadata").expect("Metadata"))
        .as_stream()
        .expect("stream");
    let xmp = String::from_utf8_lossy(&metadata.content);
    assert!(
        xmp.contains("<pdfaid:part>2</pdfaid:part>")
            && xmp.contains("<pdfuaid:part>1</pdfuaid:part>")
    );
    assert!(xmp.contains("<rdf:li xml:lang=\"x-default\">Hola</rdf:li>"));
    assert!(catalog.has(b"OutputIntents"));
    for (_, page) in pdf.doc.get_pages() {
        assert!(pdf
            .doc
            .get_dictionary(page)
            .expect("page")
            .has(b"StructParents"));
    }
}

#[test]
fn links_are_tagged_with_a_description() {
    let project = Project::new();
    project.file(
        "c.toml",
        "[handout]\ntitle = \"Call\"\n\n[[block]]\ntype = \"contacts\"\nitems = [{ label = \"Lifeline\", value = \"988\" }]\n",
    );
    let pdf = project.build("c.toml");
    let tree = structure(&pdf);
    let links: Vec<Option<&str>> = tree
        .iter()
        .filter(|(_, k, _)| k == "Link")
        .map(|(_, _, a)| a.as_deref())
        .collect();
    // The clinic's phone, its website, then the block's number.
    assert_eq!(
        links,
        [
            Some("Call 555-0100"),
            Some("Open test.example.org"),
            Some("Call 988")
        ]
    );
    let page = *pdf.doc.get_pages().values().next().expect("page");
    let page = pdf.doc.get_dictionary(page).expect("page");
    assert!(matches!(page.get(b"Tabs"), Ok(Object::Name(n)) if n == b"S"));
}
