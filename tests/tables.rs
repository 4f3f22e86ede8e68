//! The `table` block in the PDF: a header repeated on every page the table
//! runs onto, rows never split, and a structure tree of Table, TR, TH and TD.

mod util;

use lopdf::{Dictionary, Object, ObjectId};
use util::{words, Pdf, Project};

/// A handout with a table of `rows` rows; each row's note wraps onto two lines.
fn long_table(rows: usize) -> String {
    let mut text = String::from(
        "[handout]\ntitle = \"Long table\"\n\n[[block]]\ntype = \"text\"\ntext = \"Fill this in together.\"\n\n[[block]]\ntype = \"table\"\ntitle = \"Week by week\"\nheader = [\"Week\", \"Plan\", \"Notes\"]\nrows = [\n",
    );
    for row in 1..=rows {
        text.push_str(&format!(
            "  [\"{row}\", \"\", \"Row {row} note that is long enough to wrap onto a second line of its cell\"],\n"
        ));
    }
    text.push_str("]\nwidths = [1, 2, 2]\n");
    text
}

fn joined(pdf: &Pdf, page: u32) -> String {
    words(&pdf.text(page).replace("-\n", ""))
}

#[test]
fn a_table_across_a_page_break_repeats_its_header_and_never_splits_a_row() {
    let project = Project::new();
    project.file("t.toml", &long_table(30));
    let pdf = project.build("t.toml");
    assert!(pdf.page_count() >= 2, "{} pages", pdf.page_count());
    for page in 2..=pdf.page_count() as u32 {
        let text = joined(&pdf, page);
        // After the running header (the clinic and the title), the table's header comes first.
        let body = text
            .strip_prefix("Test Clinic Long table ")
            .unwrap_or_else(|| panic!("page {page}: {text}"));
        assert!(
            body.starts_with("Week Plan Notes "),
            "page {page} does not open with the header: {text}"
        );
        assert_eq!(
            text.matches("Week Plan Notes").count(),
            1,
            "page {page}: {text}"
        );
    }
    // Each row, its note on two lines, is whole on exactly one page.
    for row in 1..=30 {
        let note = format!(
            "{row} Row {row} note that is long enough to wrap onto a second line of its cell"
        );
        let pages: Vec<u32> = (1..=pdf.page_count() as u32)
            .filter(|&p| joined(&pdf, p).contains(&note))
            .collect();
        assert_eq!(pages.len(), 1, "row {row} is on pages {pages:?}");
    }
    // The title stays with the header and the first row.
    let first = joined(&pdf, 1);
    assert!(
        first.contains("Week by week Week Plan Notes 1 Row 1 note"),
        "{first}"
    );
}

/// An element of the structure tree: its type, its /A attributes, its kids
/// that are elements, and the pages its own marked content is on.
#[derive(Debug)]
struct Element {
    kind: String,
    scope: Option<String>,
    owner: Option<String>,
    children: Vec<Element>,
    page: Option<ObjectId>,
    content: usize,
}

fn element(pdf: &Pdf, dict: &Dictionary) -> Element {
    let name = |d: &Dictionary, key: &[u8]| {
        d.get(key)
            .and_then(Object::as_name)
            .ok()
            .map(|n| String::from_utf8_lossy(n).into_owned())
    };
    let attributes = dict
        .get(b"A")
        .ok()
        .and_then(|a| pdf.resolve(a).as_dict().ok());
    let kids = match dict.get(b"K") {
        Ok(Object::Array(kids)) => kids.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    };
    let mut children = Vec::new();
    let mut content = 0;
    for kid in &kids {
        match pdf.resolve(kid) {
            Object::Integer(_) => content += 1,
            Object::Dictionary(d) if d.has(b"S") => children.push(element(pdf, d)),
            Object::Dictionary(_) => content += 1,
            _ => {}
        }
    }
    Element {
        kind: name(dict, b"S").unwrap_or_default(),
        scope: attributes.and_then(|a| name(a, b"Scope")),
        owner: attributes.and_then(|a| name(a, b"O")),
        children,
        page: dict.get(b"Pg").and_then(Object::as_reference).ok(),
        content,
    }
}

fn find<'a>(element: &'a Element, kind: &str, out: &mut Vec<&'a Element>) {
    if element.kind == kind {
        out.push(element);
    }
    for child in &element.children {
        find(child, kind, out);
    }
}

fn tree(pdf: &Pdf) -> Element {
    let catalog = pdf.doc.catalog().expect("catalog");
    let root = pdf
        .resolve(catalog.get(b"StructTreeRoot").expect("StructTreeRoot"))
        .as_dict()
        .expect("dict");
    let kids = root.get(b"K").and_then(Object::as_array).expect("K");
    element(pdf, pdf.resolve(&kids[0]).as_dict().expect("Document"))
}

#[test]
fn the_structure_tree_has_a_table_of_rows_header_cells_with_a_scope_and_data_cells() {
    let project = Project::new();
    project.file("t.toml", &long_table(30));
    let pdf = project.build("t.toml");
    let document = tree(&pdf);
    let mut tables = Vec::new();
    find(&document, "Table", &mut tables);
    assert_eq!(tables.len(), 1, "{document:#?}");
    let table = tables[0];
    let rows: Vec<&Element> = table.children.iter().collect();
    // One header row, read once though it is drawn on every page, then the 30 rows.
    assert_eq!(rows.len(), 31);
    assert!(rows.iter().all(|r| r.kind == "TR"), "{rows:#?}");
    let header = rows[0];
    assert_eq!(header.children.len(), 3);
    let first_page = *pdf.doc.get_pages().get(&1).expect("page 1");
    for cell in &header.children {
        assert_eq!(cell.kind, "TH");
        assert_eq!(cell.scope.as_deref(), Some("Column"));
        assert_eq!(cell.owner.as_deref(), Some("Table"));
        // The copies on later pages are artifacts: only page 1's is content.
        assert_eq!(cell.page, Some(first_page));
        assert!(cell.content >= 1);
    }
    for row in &rows[1..] {
        let kinds: Vec<&str> = row.children.iter().map(|c| c.kind.as_str()).collect();
        // The empty "Plan" cell is a cell too, so each cell is read under its column.
        assert_eq!(kinds, ["TD", "TD", "TD"], "{row:#?}");
        assert_eq!(row.children[1].content, 0);
        assert!(row.children[0].content >= 1 && row.children[2].content >= 1);
        assert!(row.children.iter().all(|c| c.scope.is_none()));
    }
    // The title is a paragraph before the table.
    let mut paragraphs = Vec::new();
    find(&document, "P", &mut paragraphs);
    assert!(paragraphs.len() >= 2);
}

#[test]
fn cells_are_body_size_and_never_hyphenated_in_large_print() {
    let project = Project::new();
    project.file("t.toml", &long_table(4));
    let run = project.run(&["build", "t.toml", "-o", "out", "--large-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = Pdf::load(&project.path("out/t-large-print.pdf"));
    for page in 1..=pdf.page_count() as u32 {
        let sizes = pdf.font_sizes(page);
        assert!(sizes.keys().all(|&s| s >= 180), "page {page}: {sizes:?}");
        let text = pdf.text(page);
        assert!(!text.contains("-\n"), "page {page}: {text}");
    }
}

#[test]
fn a_translation_with_another_number_of_rows_is_warned_about() {
    let project = Project::new();
    project.file(
        "en.toml",
        "[handout]\ntitle = \"Plan\"\n\n[[block]]\ntype = \"table\"\nheader = [\"Week\", \"Notes\"]\nrows = [[\"1\", \"\"], [\"2\", \"\"]]\n",
    );
    project.file(
        "es/es.toml",
        "[handout]\ntitle = \"Plan\"\nlang = \"es\"\ntranslation_of = \"../en.toml\"\n\n[[block]]\ntype = \"table\"\nheader = [\"Semana\", \"Notas\", \"Otra\"]\nrows = [[\"1\", \"\", \"\"]]\n",
    );
    let run = project.run(&["check", "es/es.toml"]);
    assert!(
        run.stderr
            .contains("warning: this table block has 1 row; the original's has 2"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("warning: this table block has 3 columns; the original's has 2"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_table_in_a_packet_keeps_its_header_cells_scope() {
    let project = Project::new();
    project.file("t.toml", &long_table(3));
    project.file(
        "p.toml",
        "[packet]\ntitle = \"Packet\"\nhandouts = [\"t.toml\"]\n",
    );
    let pdf = project.build("p.toml");
    let mut cells = Vec::new();
    let document = tree(&pdf);
    find(&document, "TH", &mut cells);
    assert_eq!(cells.len(), 3);
    assert!(cells.iter().all(|c| c.scope.as_deref() == Some("Column")));
    let mut data = Vec::new();
    find(&document, "TD", &mut data);
    assert_eq!(data.len(), 9);
}
