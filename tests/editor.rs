//! Editor help: every bundled template and every starter names the JSON Schema
//! on its first line, the way taplo and Even Better TOML read it, and the path
//! leads to the committed schema.

mod util;

use std::path::Path;

use util::{repo, Project};

/// The schema a file's first line names, resolved against the file's folder.
fn named_schema(file: &Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(file).expect("read");
    let first = text.lines().next().unwrap_or("");
    let relative = first
        .strip_prefix("#:schema ")
        .unwrap_or_else(|| panic!("{}: first line is {first:?}", file.display()));
    file.parent().expect("folder").join(relative.trim())
}

#[test]
fn every_template_names_the_committed_schema() {
    let schema = std::fs::read(repo("docs/handout.schema.json")).expect("schema");
    let mut seen = 0;
    for folder in ["templates", "templates/es"] {
        for entry in std::fs::read_dir(repo(folder))
            .expect("templates")
            .flatten()
        {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "toml") {
                let named = named_schema(&path);
                assert_eq!(
                    std::fs::read(&named).ok().as_ref(),
                    Some(&schema),
                    "{} names {}",
                    path.display(),
                    named.display()
                );
                seen += 1;
            }
        }
    }
    assert_eq!(seen, 11);
}

#[test]
fn new_writes_the_schema_beside_the_starter_that_names_it() {
    let project = Project::bare();
    let run = project.run(&["new", "packet", "site/packet.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "wrote site/packet.toml\nwrote site/guide.toml\nwrote site/timeline.toml\nwrote site/checklist.toml\nwrote site/brand.toml\nwrote site/handout.schema.json\nnext: edit the text, then run `handout build site/packet.toml`\n"
    );
    let schema = std::fs::read(repo("docs/handout.schema.json")).expect("schema");
    for name in ["packet", "guide", "timeline", "checklist", "brand"] {
        let file = project.path(&format!("site/{name}.toml"));
        assert_eq!(
            std::fs::read(named_schema(&file)).ok().as_ref(),
            Some(&schema),
            "{name}"
        );
    }
    let guide = std::fs::read_to_string(project.path("site/guide.toml")).expect("guide");
    assert!(
        guide.contains("then run:  handout build site/guide.toml\n"),
        "{guide}"
    );
}
