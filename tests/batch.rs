//! Folders of definitions, packets, starters, manifests and reproducible batches.

mod util;

use util::{words, Pdf, Project};

fn handout(title: &str) -> String {
    format!("[handout]\ntitle = \"{title}\"\n\n[[block]]\ntype = \"text\"\ntext = \"Some words for {title}.\"\n")
}

#[test]
fn one_broken_file_never_stops_the_others() {
    let project = Project::new();
    for i in 0..30 {
        project.file(
            &format!("site/h{i:02}.toml"),
            &handout(&format!("Handout {i}")),
        );
    }
    project.file(
        "site/h13.toml",
        "[handout]\ntitle = \"Broken\"\n\n[[block]]\ntype = \"buletts\"\n",
    );
    let run = project.run(&["build", "site", "-o", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("site/h13.toml:5:8: error: unknown block type \"buletts\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("built 29 PDFs into out; 1 input failed"),
        "{}",
        run.stderr
    );
    assert!(!project.path("out/h13.pdf").exists());
    for i in (0..30).filter(|i| *i != 13) {
        let pdf = Pdf::load(&project.path(&format!("out/h{i:02}.pdf")));
        assert!(words(&pdf.all_text()).contains(&format!("Handout {i}")));
    }
}

#[test]
fn folders_keep_their_relative_paths_and_brand_files_are_not_outputs() {
    let project = Project::new();
    project.file("t/a.toml", &handout("A"));
    project.file("t/es/b.toml", &handout("B"));
    project.file("t/es/brand.toml", "[brand]\nname = \"Clínica\"\n");
    let run = project.run(&["build", "t", "-o", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(project.path("out/a.pdf").exists());
    assert!(project.path("out/es/b.pdf").exists());
    assert!(!project.path("out/es/brand.pdf").exists());
    // The nearest brand.toml wins: b.toml is built for the Spanish clinic.
    let b = Pdf::load(&project.path("out/es/b.pdf"));
    assert!(words(&b.all_text()).contains("Clínica"));
}

#[test]
fn two_inputs_for_one_output_are_an_error_before_anything_is_written() {
    let project = Project::new();
    project.file("x/guide.toml", &handout("X"));
    project.file("y/guide.toml", &handout("Y"));
    let run = project.run(&["build", "x/guide.toml", "y/guide.toml", "-o", "out"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("would both be written to out/guide.pdf"),
        "{}",
        run.stderr
    );
    assert!(!project.path("out").exists());
}

#[test]
fn brand_on_the_command_line_builds_for_another_clinic() {
    let project = Project::new();
    project.file("a.toml", &handout("A"));
    project.file(
        "other/brand.toml",
        "[brand]\nname = \"Lakeside Clinic\"\nphone = \"555-0199\"\n",
    );
    let run = project.run(&[
        "build",
        "a.toml",
        "-o",
        "out",
        "--brand",
        "other/brand.toml",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = words(&Pdf::load(&project.path("out/a.pdf")).all_text());
    assert!(
        text.contains("Lakeside Clinic") && text.contains("555-0199"),
        "{text}"
    );
    assert!(!text.contains("Test Clinic"));
}

#[test]
fn json_manifest_lists_every_input() {
    let project = Project::new();
    project.file("s/a.toml", &handout("A"));
    project.file("s/b.toml", "[handout]\ntitel = \"B\"\n");
    let run = project.run(&["build", "s", "-o", "out", "--json"]);
    assert_eq!(run.code, 1);
    let manifest: serde_json::Value =
        serde_json::from_str(&run.stdout).expect("one JSON document on stdout");
    let inputs = manifest["inputs"].as_array().expect("inputs");
    let a = inputs.iter().find(|i| i["input"] == "s/a.toml").expect("a");
    assert_eq!(a["status"], "ok");
    assert_eq!(a["pages"], 1);
    assert_eq!(a["output"], "out/a.pdf");
    let bytes = std::fs::read(project.path("out/a.pdf")).unwrap();
    assert_eq!(a["bytes"], bytes.len());
    assert_eq!(a["sha256"].as_str().map(str::len), Some(64));
    let b = inputs.iter().find(|i| i["input"] == "s/b.toml").expect("b");
    assert_eq!(b["status"], "failed");
    let errors = b["errors"].as_array().expect("errors");
    let unknown = errors
        .iter()
        .find(|e| {
            e["message"]
                .as_str()
                .is_some_and(|m| m.contains("unknown key `titel`"))
        })
        .expect("the unknown key is reported");
    assert_eq!(
        (unknown["line"].as_u64(), unknown["column"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(
        unknown["hint"]
            .as_str()
            .map(|h| h.starts_with("did you mean `title`?")),
        Some(true)
    );
}

#[test]
fn packets_number_pages_straight_through_with_linked_contents() {
    let project = Project::new();
    project.file("one.toml", &handout("One"));
    project.file("two.toml", &format!("{}\n[[block]]\ntype = \"page-break\"\n\n[[block]]\ntype = \"text\"\ntext = \"More.\"\n", handout("Two")));
    project.file(
        "p.toml",
        "[packet]\ntitle = \"Both\"\nhandouts = [\"one.toml\", \"two.toml\"]\n",
    );
    let pdf = project.build("p.toml");
    // Cover, contents, one page, two pages.
    assert_eq!(pdf.page_count(), 5);
    // The cover counts, but prints no number.
    assert!(!words(&pdf.text(1)).contains("Page 1 of 5"));
    for page in 2..=5 {
        assert!(words(&pdf.text(page)).contains(&format!("Page {page} of 5")));
    }
    let contents = words(&pdf.text(2));
    assert!(
        contents.contains("One 3") && contents.contains("Two 4"),
        "{contents}"
    );
    let page = pdf.doc.get_pages()[&2];
    let annots = pdf
        .doc
        .get_dictionary(page)
        .unwrap()
        .get(b"Annots")
        .unwrap()
        .as_array()
        .unwrap()
        .len();
    assert_eq!(annots, 2);
}

#[test]
fn duplex_packets_start_every_handout_on_a_front_page() {
    let project = Project::new();
    project.file("one.toml", &handout("One"));
    project.file("two.toml", &handout("Two"));
    project.file(
        "p.toml",
        "[packet]\ntitle = \"Both\"\nduplex = true\nhandouts = [\"one.toml\", \"two.toml\"]\n",
    );
    let pdf = project.build("p.toml");
    // Cover, contents, One, blank, Two.
    assert_eq!(pdf.page_count(), 5);
    assert!(words(&pdf.text(4)).contains("intentionally blank"));
    assert!(words(&pdf.text(5)).contains("Two"));
}

#[test]
fn packets_that_name_missing_files_themselves_or_packets_are_errors() {
    let project = Project::new();
    project.file(
        "inner.toml",
        "[packet]\ntitle = \"Inner\"\nhandouts = [\"x.toml\"]\n",
    );
    project.file(
        "p.toml",
        "[packet]\ntitle = \"Bad\"\nhandouts = [\n  \"missing.toml\",\n  \"p.toml\",\n  \"inner.toml\",\n]\n",
    );
    let run = project.run(&["build", "p.toml", "-o", "out"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("p.toml:4:3: error: the handout \"missing.toml\" does not exist"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("p.toml:5:3: error: a packet cannot include itself"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("p.toml:6:3: error: a packet cannot include another packet"),
        "{}",
        run.stderr
    );
}

#[test]
fn starters_build_as_they_are() {
    for kind in ["guide", "timeline", "checklist", "packet"] {
        let project = Project::bare();
        let file = format!("new/{kind}.toml");
        let run = project.run(&["new", kind, &file]);
        assert_eq!(run.code, 0, "{kind}: {}", run.stderr);
        let run = project.run(&["build", "new", "-o", "out"]);
        assert_eq!(run.code, 0, "{kind}: {}", run.stderr);
        assert!(!run.stderr.contains("warning"), "{kind}: {}", run.stderr);
        Pdf::load(&project.path(&format!("out/{kind}.pdf")));
        // A second `new` never overwrites.
        let again = project.run(&["new", kind, &file]);
        assert_eq!(again.code, 1);
    }
}

#[test]
fn documents_built_together_match_documents_built_alone() {
    let project = Project::new();
    project.file("a.toml", &handout("A"));
    project.file("b.toml", &handout("B"));
    project.file(
        "p.toml",
        "[packet]\ntitle = \"P\"\nhandouts = [\"a.toml\", \"b.toml\"]\n",
    );
    let epoch = [("SOURCE_DATE_EPOCH", "1767225600")];
    assert_eq!(
        project
            .run_env(
                &["build", "a.toml", "b.toml", "p.toml", "-o", "together"],
                &epoch
            )
            .code,
        0
    );
    assert_eq!(
        project
            .run_env(&["build", "b.toml", "-o", "alone"], &epoch)
            .code,
        0
    );
    let together = std::fs::read(project.path("together/b.pdf")).unwrap();
    let alone = std::fs::read(project.path("alone/b.pdf")).unwrap();
    assert!(
        together == alone,
        "b.pdf differs when built beside other documents"
    );
}

#[test]
fn a_rebuild_leaves_unchanged_pdfs_alone_and_replaces_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let project = Project::new();
    project.file("site/a.toml", &handout("Alpha"));
    project.file("site/b.toml", &handout("Beta"));
    let epoch = [("SOURCE_DATE_EPOCH", "1767225600")];
    let build = || {
        let run = project.run_env(&["build", "site", "-o", "out"], &epoch);
        assert_eq!(run.code, 0, "{}", run.stderr);
    };
    let inode = |name: &str| {
        std::fs::metadata(project.path(name))
            .expect("the PDF is there")
            .ino()
    };
    build();
    let (a, b) = (inode("out/a.pdf"), inode("out/b.pdf"));
    project.file("site/b.toml", &handout("Beta, revised"));
    build();
    // The same bytes stay the same file; changed text is a new file put in place.
    assert_eq!(inode("out/a.pdf"), a);
    assert_ne!(inode("out/b.pdf"), b);
    let pdf = Pdf::load(&project.path("out/b.pdf"));
    assert!(words(&pdf.all_text()).contains("revised"));
}

#[test]
fn a_packet_built_alone_is_the_same_file_as_one_built_in_a_batch() {
    // Alone, a packet shares its work with the idle cores (handouts read and
    // laid out side by side, images and streams compressed on a helper); in
    // a batch every core has an input of its own. The bytes must not differ.
    let project = Project::new();
    let templates = util::repo("templates");
    let packet = templates.join("family-packet.toml");
    let packet = packet.to_str().expect("path");
    let guide = templates.join("family-guide.toml");
    let guide = guide.to_str().expect("path");
    let env = [("SOURCE_DATE_EPOCH", "1767225600")];
    let alone = project.run_env(&["build", packet, "-o", "alone"], &env);
    assert_eq!(alone.code, 0, "{}", alone.stderr);
    // Two inputs: a batch, one per core.
    let batch = project.run_env(&["build", packet, guide, "-o", "batch-out"], &env);
    assert_eq!(batch.code, 0, "{}", batch.stderr);
    let one = std::fs::read(project.path("alone/family-packet.pdf")).expect("alone");
    let many = std::fs::read(project.path("batch-out/family-packet.pdf")).expect("batch");
    assert!(Pdf::load(&project.path("alone/family-packet.pdf")).page_count() > 5);
    assert!(one == many, "the packet differs when built alone");
    // Without a cover the logo is encoded early, beside the layout.
    let at = |name: &str| templates.join(name).display().to_string();
    project.file(
        "bare/packet.toml",
        &format!(
            "[packet]\ntitle = \"No cover\"\nbrand = \"{}\"\ncover = false\ncontents = false\nhandouts = [\"{}\", \"{}\"]\n",
            at("brand.toml"),
            at("family-guide.toml"),
            at("today-checklist.toml")
        ),
    );
    let alone = project.run_env(&["build", "bare/packet.toml", "-o", "bare-alone"], &env);
    assert_eq!(alone.code, 0, "{}", alone.stderr);
    let batch = project.run_env(
        &["build", "bare/packet.toml", guide, "-o", "bare-batch"],
        &env,
    );
    assert_eq!(batch.code, 0, "{}", batch.stderr);
    let one = std::fs::read(project.path("bare-alone/packet.pdf")).expect("alone");
    let many = std::fs::read(project.path("bare-batch/packet.pdf")).expect("batch");
    assert!(
        one == many,
        "the packet without a cover differs when built alone"
    );
}
