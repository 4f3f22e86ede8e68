//! Paper sizes, large print, Spanish, max_pages, brand fonts, long words, reproducible output.

mod util;

use util::{repo, words, Pdf, Project};

const SHORT: &str = r#"[handout]
title = "Short Sheet"
reviewed = "2026-11-01"

[[block]]
type = "heading"
text = "A heading"

[[block]]
type = "text"
text = "Some words about kratom and withdrawal, enough for a line or two of body text."

[[block]]
type = "checklist"
items = ["One thing to do", "Another thing to do"]
"#;

#[test]
fn paper_sizes_come_from_the_file_or_the_command_line() {
    let project = Project::new();
    project.file(
        "a.toml",
        &SHORT.replace("reviewed", "paper = \"legal\"\nreviewed"),
    );
    let pdf = project.build("a.toml");
    assert_eq!(pdf.page_size(1), (612.0, 1008.0));
    let run = project.run(&["build", "a.toml", "-o", "out", "--paper", "a4"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (w, h) = Pdf::load(&project.path("out/a.pdf")).page_size(1);
    assert!(
        (w - 595.28).abs() < 0.1 && (h - 841.89).abs() < 0.1,
        "{w} x {h}"
    );
}

#[test]
fn body_text_is_at_least_12_pt_and_18_pt_in_large_print() {
    let project = Project::new();
    project.file("a.toml", SHORT);
    let body = |pdf: &Pdf| {
        let sizes = pdf.font_sizes(1);
        // The size with the most characters is the body text.
        sizes
            .into_iter()
            .max_by_key(|(_, chars)| *chars)
            .map(|(size, _)| size as f32 / 10.0)
            .unwrap()
    };
    let ordinary = project.build("a.toml");
    assert!(body(&ordinary) >= 12.0, "{}", body(&ordinary));
    let run = project.run(&["build", "a.toml", "-o", "out", "--large-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let large = Pdf::load(&project.path("out/a-large-print.pdf"));
    assert!(body(&large) >= 18.0, "{}", body(&large));
}

#[test]
fn a_spanish_handout_gets_spanish_labels_and_accents() {
    let project = Project::new();
    project.file(
        "guia.toml",
        r#"[handout]
title = "Guía para familias"
lang = "es"
reviewed = "2026-03-01"

[[block]]
type = "text"
text = "La abstinencia empieza entre 12 y 48 horas después de la última dosis. El acompañamiento de la familia ayuda mucho."
"#,
    );
    let pdf = project.build("guia.toml");
    let text = words(&pdf.all_text().replace("-\n", ""));
    // One page needs no "Página 1 de 1".
    assert!(!text.contains("Página 1"), "{text}");
    assert!(text.contains("Revisado en marzo de 2026"), "{text}");
    assert!(text.contains("acompañamiento"), "{text}");
    assert!(text.contains("Guía para familias"), "{text}");
}

#[test]
fn overflowing_max_pages_is_an_error_and_writes_nothing() {
    let project = Project::new();
    let long = "Kratom withdrawal is hard but it passes. ".repeat(120);
    project.file(
        "sheet.toml",
        &format!("[handout]\ntitle = \"One Page\"\nmax_pages = 1\n\n[[block]]\ntype = \"text\"\ntext = \"{long}\"\n"),
    );
    project.file("out/sheet.pdf", "previous PDF");
    let run = project.run(&["build", "sheet.toml", "-o", "out"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "sheet.toml:6:8: error: the handout needs 2 pages, but `max_pages` allows 1 page"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(project.path("out/sheet.pdf")).unwrap(),
        "previous PDF"
    );
    let leftovers: Vec<_> = std::fs::read_dir(project.path("out"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}

#[test]
fn a_300_character_url_is_broken_inside_the_margins() {
    let project = Project::new();
    let url = format!("https://example.org/{}", "abcdefghij".repeat(28));
    project.file("u.toml", &format!("[handout]\ntitle = \"Links\"\n\n[[block]]\ntype = \"text\"\ntext = \"See {url} for more.\"\n"));
    let pdf = project.build("u.toml");
    let text = pdf.text(1);
    // The address is cut across several lines, and nothing of it is lost.
    let lines_with_url = text.lines().filter(|l| l.contains("abcdefghij")).count();
    assert!(lines_with_url >= 3, "{text}");
    // A cut inside a name shows a hyphen, which is not part of the address.
    assert!(
        text.replace("-\n", "").replace('\n', "").contains(&url),
        "{text}"
    );
    // Every text line starts inside the page and fits the 612 pt width by its character count.
    for line in text.lines() {
        assert!(line.chars().count() < 110, "line too long: {line}");
    }
}

#[test]
fn a_brand_with_its_own_fonts_uses_them_and_reports_fallbacks() {
    let project = Project::bare();
    let fonts = repo("fonts/atkinson-hyperlegible-next");
    project.bytes(
        "f/Body.ttf",
        &std::fs::read(fonts.join("AtkinsonHyperlegibleNext-Regular.ttf")).unwrap(),
    );
    project.bytes(
        "f/Heavy.ttf",
        &std::fs::read(fonts.join("AtkinsonHyperlegibleNext-Bold.ttf")).unwrap(),
    );
    project.file(
        "brand.toml",
        "[brand]\nname = \"Font Clinic\"\n\n[brand.fonts]\nregular = \"f/Body.ttf\"\nbold = \"f/Heavy.ttf\"\n",
    );
    project.file("a.toml", SHORT);
    let run = project.run(&["check", "a.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("[brand.fonts] has no italic font; regular is used for italic text"),
        "{}",
        run.stderr
    );
    let pdf = project.build("a.toml");
    assert!(pdf
        .fonts()
        .iter()
        .all(|f| f.embedded && f.subset && f.to_unicode));
    assert_eq!(pdf.fonts().len(), 2);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let project = Project::new();
    project.file("a.toml", SHORT);
    let epoch = [("SOURCE_DATE_EPOCH", "1767225600")];
    let first = project.run_env(&["build", "a.toml", "-o", "one"], &epoch);
    let second = project.run_env(&["build", "a.toml", "-o", "two"], &epoch);
    assert_eq!(first.code + second.code, 0);
    let one = std::fs::read(project.path("one/a.pdf")).unwrap();
    let two = std::fs::read(project.path("two/a.pdf")).unwrap();
    assert!(one == two, "two builds differ");
    let pdf = Pdf::load(&project.path("one/a.pdf"));
    assert_eq!(
        pdf.info("CreationDate").as_deref(),
        Some("D:20260101000000Z")
    );
}

#[test]
fn a_brand_speaks_the_language_of_the_handout() {
    let project = Project::bare();
    project.file(
        "brand.toml",
        "[brand]\nname = \"Clinic\"\ndisclaimer = \"For education only.\"\n\n[brand.es]\ndisclaimer = \"Solo para educación.\"\n",
    );
    project.file("en.toml", "[handout]\ntitle = \"English\"\n");
    project.file("es.toml", "[handout]\ntitle = \"Español\"\nlang = \"es\"\n");
    let english = words(&project.build("en.toml").all_text());
    let spanish = words(&project.build("es.toml").all_text());
    assert!(
        english.contains("For education only.") && !english.contains("Solo para"),
        "{english}"
    );
    assert!(
        spanish.contains("Solo para educación.") && !spanish.contains("For education"),
        "{spanish}"
    );
}

#[test]
fn a_footer_too_long_for_one_line_breaks_between_its_parts() {
    let project = Project::new();
    project.file(
        "brand.toml",
        "[brand]\nname = \"Riverbend Recovery Center\"\nphone = \"804-555-0100\"\n",
    );
    project.file("a.toml", SHORT);
    let run = project.run(&["build", "a.toml", "-o", "out", "--large-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = Pdf::load(&project.path("out/a-large-print.pdf")).text(1);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Reviewed November 2026")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .all(|l| !l.ends_with('·') && !l.starts_with('·')),
        "{lines:?}"
    );
}
