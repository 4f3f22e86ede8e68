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
    assert!(run.stderr.contains("built 10 PDFs"), "{}", run.stderr);
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
    let taper = Pdf::load(&project.path("out/taper-plan.pdf"));
    assert_eq!(timeline.page_count(), 1);
    assert_eq!(checklist.page_count(), 1);
    assert_eq!(taper.page_count(), 1);
    // Cover and contents, then the three handouts.
    assert_eq!(packet.page_count(), 2 + guide.page_count() + 2);
    for pdf in [&guide, &timeline, &checklist, &taper, &packet] {
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
        "taper-plan",
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

/// The taper plan in one edition: its PDF, after a build that must succeed.
fn taper_plan(project: &Project, file: &str, paper: &str, large: bool) -> (Pdf, util::Run) {
    let input = repo(file);
    let out = project.path(&format!("out-{paper}-{large}"));
    let mut args = vec![
        "build",
        input.to_str().unwrap(),
        "--paper",
        paper,
        "-o",
        out.to_str().unwrap(),
    ];
    if large {
        args.push("--large-print");
    }
    let run = project.run(&args);
    assert_eq!(
        run.code, 0,
        "{file}, {paper}, large print {large}:\n{}",
        run.stderr
    );
    let name = if large {
        "taper-plan-large-print.pdf"
    } else {
        "taper-plan.pdf"
    };
    (Pdf::load(&out.join(name)), run)
}

#[test]
fn the_taper_plan_is_one_page_in_english_and_spanish_on_letter_and_a4() {
    let project = Project::bare();
    for (file, header, intro) in [
        (
            "templates/taper-plan.toml",
            "Week Starting date Plan for each day How I felt",
            "makes this plan with you",
        ),
        (
            "templates/es/taper-plan.toml",
            "Semana Fecha de inicio Plan para cada día Cómo me sentí",
            "hace este plan con usted",
        ),
    ] {
        for paper in ["letter", "a4"] {
            let (pdf, run) = taper_plan(&project, file, paper, false);
            assert_eq!(pdf.page_count(), 1, "{file} on {paper}:\n{}", run.stderr);
            assert!(!run.stderr.contains("warning"), "{file}:\n{}", run.stderr);
            let text = words(&pdf.text(1));
            assert!(text.contains(header), "{file} on {paper}: {text}");
            assert!(text.contains(intro), "{file} on {paper}: {text}");
            // Six weeks, each a row to fill in.
            for week in 1..=6 {
                assert!(
                    text.contains(&format!(" {week} ")),
                    "{file}: week {week}: {text}"
                );
            }
        }
    }
}

#[test]
fn the_taper_plan_builds_in_large_print_with_its_header_on_every_page() {
    let project = Project::bare();
    for (file, header) in [
        ("templates/taper-plan.toml", "Week Starting date"),
        ("templates/es/taper-plan.toml", "Semana Fecha de"),
    ] {
        for paper in ["letter", "a4"] {
            let (pdf, _) = taper_plan(&project, file, paper, true);
            assert!(pdf.page_count() <= 2, "{file}: {} pages", pdf.page_count());
            let sizes = pdf.font_sizes(1);
            assert!(
                sizes.keys().all(|&tenths| tenths >= 180),
                "{file}: a size below 18 pt: {sizes:?}"
            );
            // Where the table runs onto page 2, page 2 opens with its header again.
            let first = words(&pdf.text(1));
            let second = words(&pdf.text(2));
            assert!(first.contains(header), "{file}: {first}");
            if first.contains(" 6 ") {
                assert!(!second.contains(header), "{file}: {second}");
            } else {
                let at = second
                    .find(header)
                    .unwrap_or_else(|| panic!("{file}: {second}"));
                assert!(at < second.find(" 6 ").unwrap_or(0), "{file}: {second}");
            }
        }
    }
}

#[test]
fn the_taper_plan_gives_no_doses_of_its_own() {
    // A handout must never invent a dose: every cell but the week's number is left to fill in.
    for file in ["templates/taper-plan.toml", "templates/es/taper-plan.toml"] {
        let text = std::fs::read_to_string(repo(file)).expect("template");
        let rows: Vec<&str> = text
            .lines()
            .filter(|l| l.trim_start().starts_with("[\""))
            .collect();
        assert_eq!(rows.len(), 6, "{file}");
        for (week, row) in rows.iter().enumerate() {
            assert_eq!(
                row.trim().trim_end_matches(','),
                format!("[\"{}\", \"\", \"\", \"\"]", week + 1),
                "{file}"
            );
        }
        let lower = text.to_lowercase();
        for word in [" mg", "dose", "dosis", "pill", "pastilla", "tablet"] {
            assert!(!lower.contains(word), "{file} names {word:?}");
        }
    }
}
