//! The bundled templates build into PDFs a clinic can print.

mod util;

use util::{repo, words, Pdf, Project};

fn build_templates() -> (Project, util::Run) {
    let project = Project::bare();
    let templates = repo("templates");
    let out = project.path("out");
    let run = project.run(&[
        "build",
        templates.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    (project, run)
}

fn joined(pdf: &Pdf) -> String {
    words(&pdf.all_text().replace("-\n", ""))
}

#[test]
fn bundled_templates_build_with_the_expected_pages() {
    let (project, run) = build_templates();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("built 8 PDFs"), "{}", run.stderr);
    assert!(project.path("out/es/family-guide.pdf").exists());
    let guide = Pdf::load(&project.path("out/family-guide.pdf"));
    let timeline = Pdf::load(&project.path("out/withdrawal-timeline.pdf"));
    let checklist = Pdf::load(&project.path("out/today-checklist.pdf"));
    let packet = Pdf::load(&project.path("out/family-packet.pdf"));
    assert!(
        (3..=5).contains(&guide.page_count()),
        "guide has {} pages",
        guide.page_count()
    );
    assert_eq!(timeline.page_count(), 1);
    assert_eq!(checklist.page_count(), 1);
    // Cover and contents, then the three handouts.
    assert_eq!(packet.page_count(), 2 + guide.page_count() + 2);
    for pdf in [&guide, &timeline, &checklist, &packet] {
        for page in 1..=pdf.page_count() as u32 {
            assert_eq!(pdf.page_size(page), (612.0, 792.0));
        }
    }
    // Brand files are not outputs.
    assert!(!project.path("out/brand.pdf").exists());
}

#[test]
fn every_font_is_embedded_subset_and_mapped_to_unicode() {
    let (project, run) = build_templates();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in [
        "family-guide",
        "withdrawal-timeline",
        "today-checklist",
        "family-packet",
    ] {
        let pdf = Pdf::load(&project.path(&format!("out/{name}.pdf")));
        let fonts = pdf.fonts();
        assert!(fonts.len() >= 2, "{name}: {fonts:?}");
        for font in fonts {
            assert!(
                font.embedded && font.subset && font.to_unicode,
                "{name}: {font:?}"
            );
            assert!(
                font.name.contains("AtkinsonHyperlegibleNext"),
                "{name}: {font:?}"
            );
        }
    }
}

#[test]
fn every_page_has_the_footer_labels() {
    let (project, run) = build_templates();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["family-guide", "family-packet"] {
        let pdf = Pdf::load(&project.path(&format!("out/{name}.pdf")));
        let total = pdf.page_count();
        for page in 1..=total as u32 {
            let text = words(&pdf.text(page));
            // A packet's cover counts, but prints no number.
            let cover = name == "family-packet" && page == 1;
            assert_eq!(
                text.contains(&format!("Page {page} of {total}")),
                !cover,
                "{name} page {page}: {text}"
            );
            assert!(text.contains("804-555-0100"), "{name} page {page}");
            assert!(text.contains("For education only."), "{name} page {page}");
        }
    }
    let guide = Pdf::load(&project.path("out/family-guide.pdf"));
    assert!(words(&guide.text(1)).contains("Reviewed November 2026"));
}

#[test]
fn text_comes_out_in_reading_order() {
    let (project, run) = build_templates();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let guide = joined(&Pdf::load(&project.path("out/family-guide.pdf")));
    let order = [
        "Kratom and Your Family",
        "What is kratom?",
        "Signs",
        "withdrawal",
        "Call 911",
        "988",
    ];
    let mut at = 0;
    for needle in order {
        let found = guide[at..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} missing after {at}"));
        at += found;
    }
    let timeline = joined(&Pdf::load(&project.path("out/withdrawal-timeline.pdf")));
    let phases = [
        "12 to 48 hours",
        "Days 2 to 4",
        "Days 7 to 10",
        "Weeks to months",
    ];
    let positions: Vec<usize> = phases
        .iter()
        .map(|p| timeline.find(p).unwrap_or_else(|| panic!("{p}")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

#[test]
fn packet_has_nested_bookmarks_and_metadata() {
    let (project, run) = build_templates();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let packet = Pdf::load(&project.path("out/family-packet.pdf"));
    let outline = packet.outline();
    let top: Vec<&str> = outline
        .iter()
        .filter(|(d, _)| *d == 0)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        top,
        [
            "Contents",
            "Kratom and Your Family",
            "Kratom Withdrawal: What to Expect",
            "What You Can Do Today"
        ]
    );
    assert!(
        outline
            .iter()
            .any(|(d, t)| *d == 1 && t == "What is kratom?"),
        "{outline:?}"
    );
    assert_eq!(
        packet.info("Title").as_deref(),
        Some("Family Information Packet")
    );
    assert_eq!(
        packet.info("Author").as_deref(),
        Some("Riverbend Recovery Center")
    );
}
