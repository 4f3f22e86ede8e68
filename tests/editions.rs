//! The editions beyond US Letter, ordinary print and the bundled font: large
//! print, long timelines, emergency information, covers.

mod util;

use util::{repo, words, Pdf, Project};

/// A one-page sheet with the most phases a timeline may have.
const SIX_PHASES: &str = r#"[handout]
title = "Kratom Withdrawal: What to Expect"
subtitle = "A timeline for families"
max_pages = 1

[[block]]
type = "text"
text = "When a person stops using kratom every day, the body goes through withdrawal. It feels a lot like a bad flu. It is hard, but it does pass."

[[block]]
type = "timeline"
title = "How withdrawal usually goes"

[[block.phase]]
label = "First signs"
when = "6 to 12 hours"
items = ["Yawning and restlessness", "Runny nose", "Watery eyes"]

[[block.phase]]
label = "Early symptoms"
when = "12 to 48 hours"
items = ["Aches and pains", "Sweating", "Trouble sleeping"]

[[block.phase]]
label = "Worst days"
when = "Days 2 to 4"
items = ["Sweats and chills", "Upset stomach", "Strong cravings", "Poor sleep"]

[[block.phase]]
label = "Getting better"
when = "Days 5 to 7"
items = ["Body feels better", "Tired, low energy"]

[[block.phase]]
label = "Most signs fade"
when = "Days 7 to 10"
items = ["Sleep improves", "Mood swings"]

[[block.phase]]
label = "What can linger"
when = "Weeks or months"
items = ["Low mood", "Poor sleep", "Cravings", "Trouble focusing"]


[[block]]
type = "bullets"
title = "What helps"
items = ["**Stay with them.** Being there helps.", "**Water and rest.** Small meals, fluids, a quiet room.", "**Get help.** Counseling and support groups help long after the first week."]

[[block]]
type = "callout"
tone = "emergency"
title = "When to get help right away"
text = "Call **911** for a seizure, trouble breathing, passing out, chest pain, or throwing up that will not stop. For thoughts of suicide, call or text **988**, any time, day or night."

"#;

#[test]
fn six_phases_fit_a_letter_page_and_build_in_large_print() {
    let project = Project::new();
    project.file("six.toml", SIX_PHASES);
    let pdf = project.build("six.toml");
    assert_eq!(pdf.page_count(), 1);
    let run = project.run(&["build", "six.toml", "-o", "large", "--large-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let large = Pdf::load(&project.path("large/six-large-print.pdf"));
    // The timeline breaks between its rows of cards instead of failing.
    assert!(large.page_count() >= 2);
    let first = words(&large.text(1));
    assert!(first.contains("6 to 12 hours"), "{first}");
}

#[test]
fn large_print_sets_every_glyph_at_18_pt_or_more() {
    let project = Project::bare();
    let out = project.path("out");
    let run = project.run(&[
        "build",
        repo("templates").to_str().unwrap(),
        "--large-print",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in [
        "family-guide",
        "today-checklist",
        "withdrawal-timeline",
        "family-packet",
        "es/family-guide",
    ] {
        let pdf = Pdf::load(&out.join(format!("{name}-large-print.pdf")));
        for page in 1..=pdf.page_count() as u32 {
            let smallest = pdf.font_sizes(page).keys().next().copied().unwrap_or(180);
            assert!(
                smallest >= 180,
                "{name} page {page}: {} pt",
                smallest as f32 / 10.0
            );
        }
        // Italics are set bold: no italic face is embedded.
        assert!(
            pdf.fonts().iter().all(|f| !f.name.contains("Italic")),
            "{name}: {:?}",
            pdf.fonts()
                .iter()
                .map(|f| f.name.clone())
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn an_emergency_callout_never_stands_alone_on_a_page() {
    let project = Project::bare();
    let out = project.path("out");
    let run = project.run(&[
        "build",
        repo("templates/today-checklist.toml").to_str().unwrap(),
        "--large-print",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = Pdf::load(&out.join("today-checklist-large-print.pdf"));
    let last = words(&pdf.text(pdf.page_count() as u32));
    assert!(last.contains("Emergency: In an emergency"), "{last}");
    // The contacts box before it goes with it.
    assert!(last.contains("Who to call"), "{last}");
}

#[test]
fn check_warns_when_an_emergency_callout_ends_a_long_handout() {
    let project = Project::new();
    let text = "Families can help in many small ways every single day. ".repeat(60);
    project.file(
        "long.toml",
        &format!(
            "[handout]\ntitle = \"Long\"\n\n[[block]]\ntype = \"text\"\ntext = \"{text}\"\n\n\
             [[block]]\ntype = \"callout\"\ntone = \"emergency\"\ntitle = \"Call 911\"\n\
             text = \"Call 911 for a seizure.\"\n"
        ),
    );
    let run = project.run(&["check", "long.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warning = run
        .stderr
        .split("\n\n")
        .find(|w| w.contains("emergency callout"))
        .unwrap_or_default();
    assert_eq!(
        warning.trim_end(),
        "long.toml:9:8: warning: the emergency callout is the last thing of a 2-page handout\n\
         \x20  |\n\
         \x209 | type = \"callout\"\n\
         \x20  |        ^^^^^^^^^\n\
         \x20 hint: move it to the first page, where a reader in a hurry finds it; the last page is the one most often lost"
    );
}

#[test]
fn a_crowded_cover_drops_its_list_of_handouts_first() {
    let project = Project::bare();
    let out = project.path("out");
    let packet = repo("templates/es/family-packet.toml");
    for (dir, large) in [("ordinary", false), ("large", true)] {
        let target = out.join(dir);
        let mut args = vec![
            "build",
            packet.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ];
        if large {
            args.push("--large-print");
        }
        let run = project.run(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let name = if large {
            "family-packet-large-print.pdf"
        } else {
            "family-packet.pdf"
        };
        let pdf = Pdf::load(&target.join(name));
        let cover = words(&pdf.text(1));
        assert_eq!(cover.contains("En este paquete"), !large, "{cover}");
        assert!(cover.contains("100 River Road"), "{cover}");
        // The cover is counted but not numbered.
        assert!(!cover.contains("Página 1 de"), "{cover}");
    }
}

#[test]
fn the_contents_page_lists_each_handouts_sections() {
    let project = Project::bare();
    let out = project.path("out");
    let packet = repo("templates/family-packet.toml");
    let run = project.run(&[
        "build",
        packet.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = Pdf::load(&out.join("family-packet.pdf"));
    let contents = words(&pdf.text(2));
    assert!(contents.contains("What is kratom? 3"), "{contents}");
    assert!(contents.contains("Where to get help 7"), "{contents}");
    // The cover lists the handouts too, without page numbers.
    assert!(words(&pdf.text(1)).contains("Inside this packet"));
}

#[test]
fn a_hyphenated_word_extracts_whole() {
    let project = Project::new();
    let word = "supercalifragilisticexpialidocious".repeat(5);
    project.file(
        "h.toml",
        &format!("[handout]\ntitle = \"Hyphens\"\n\n[[block]]\ntype = \"text\"\ntext = \"Word {word} is long\"\n"),
    );
    let pdf = project.build("h.toml");
    let id = pdf.doc.get_pages()[&1];
    let content = pdf.doc.get_and_decode_page_content(id).expect("content");
    // The line ending in the added hyphen carries the whole word; the next
    // line's start, the rest of it, extracts as nothing.
    let actual: Vec<String> = content
        .operations
        .iter()
        .filter(|op| op.operator == "BDC")
        .filter_map(|op| op.operands.get(1)?.as_dict().ok()?.get(b"ActualText").ok())
        .filter_map(|text| text.as_str().ok().map(util::decode_text_string))
        .collect();
    assert_eq!(actual, vec![word, String::new()]);
}
