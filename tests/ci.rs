//! For IT and CI: builds that fail where `check` would, `--strict`, shards, annotations,
//! the manifest, both editions in one folder, other programs' TOML files, completions.

mod util;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use util::{repo, Pdf, Project};

fn handout(title: &str) -> String {
    format!("[handout]\ntitle = \"{title}\"\n\n[[block]]\ntype = \"text\"\ntext = \"Call us any time.\"\n")
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

const EPOCH: (&str, &str) = ("SOURCE_DATE_EPOCH", "1767225600");

#[test]
fn build_fails_where_check_finds_poor_contrast_and_writes_no_pdf() {
    let project = Project::new();
    project.file("brand.toml", &util::BRAND.replace("#1F6F78", "#9AD0D6"));
    project.file("a.toml", &handout("A"));
    let run = project.run(&["build", "a.toml", "-o", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!project.path("out/a.pdf").exists());
    let expected = "\
brand.toml:5:10: error: the accent colour #9AD0D6 has a contrast of 1.61:1 for accent titles on the info callout's tint (1.69:1 on white); text needs at least 4.5:1
   |
 5 | accent = \"#9AD0D6\"
   |          ^^^^^^^^^
  hint: a darker colour of the same hue passes everywhere the accent is used: accent = \"#33777F\" (4.50:1 for accent titles on the info callout's tint)

built 0 PDFs into out; 1 input failed; 1 error, 0 warnings
";
    assert_eq!(run.stderr, expected);
}

#[test]
fn build_fails_above_the_handouts_own_reading_grade() {
    let project = Project::new();
    project.file(
        "a.toml",
        "[handout]\ntitle = \"Dosing\"\nreading_grade = 4\n\n[[block]]\ntype = \"text\"\ntext = \"Pharmacological interventions necessitate comprehensive multidisciplinary evaluation. Consultation with qualified practitioners facilitates individualized therapeutic decisions. Medication management requires considerable collaborative deliberation.\"\n",
    );
    let run = project.run(&["build", "a.toml", "-o", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!project.path("out/a.pdf").exists());
    assert!(
        run.stderr
            .starts_with("a.toml:2:9: error: this handout reads at grade "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with(
            "above grade 4\n   |\n 2 | title = \"Dosing\"\n   |         ^^^^^^^^\n  hint: the handout sets `reading_grade = 4`; use shorter sentences and everyday words (`handout check --report` shows each section's grade)\n\nbuilt 0 PDFs into out; 1 input failed; 1 error, 0 warnings\n"
        ),
        "{}",
        run.stderr
    );
}

const OVERDUE: &str = "[handout]\ntitle = \"Sheet\"\nnext_review = 2025-06-01\n\n[[block]]\ntype = \"text\"\ntext = \"Call us any time.\"\n";

#[test]
fn reviews_fall_due_by_the_real_date_even_with_source_date_epoch() {
    let project = Project::new();
    project.file("a.toml", OVERDUE);
    // The PDFs are dated 2025-01-01, before the review; the review is still overdue.
    let pinned = [("SOURCE_DATE_EPOCH", "1735689600")];
    let run = project.run_env(&["build", "a.toml", "-o", "out"], &pinned);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = "\
a.toml:3:15: warning: the review date 2025-06-01 (`next_review`) has passed
   |
 3 | next_review = 2025-06-01
   |               ^^^^^^^^^^
  hint: have the text reviewed, then update `reviewed` and `next_review`

built 1 PDF into out; 0 errors, 1 warning
";
    assert_eq!(run.stderr, expected);
    assert!(project.path("out/a.pdf").exists());
    // HANDOUT_TODAY moves "today" for tests and rehearsals.
    let early = project.run_env(
        &["build", "a.toml", "-o", "out2"],
        &[("HANDOUT_TODAY", "2025-05-31")],
    );
    assert_eq!(early.stderr, "built 1 PDF into out2\n");
    let bad = project.run_env(&["check", "a.toml"], &[("HANDOUT_TODAY", "31/05/2025")]);
    assert_eq!(bad.code, 2);
    assert_eq!(
        bad.stderr,
        "error: HANDOUT_TODAY is not a date: \"31/05/2025\"\n  hint: write it as YYYY-MM-DD, such as 2026-12-01, or unset it\n\n"
    );
}

#[test]
fn strict_makes_warnings_fail_and_writes_no_pdf_for_them() {
    let project = Project::new();
    project.file("site/a.toml", OVERDUE);
    project.file("site/b.toml", &handout("B"));
    let run = project.run(&["build", "site", "-o", "out", "--strict"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!project.path("out/a.pdf").exists());
    assert!(project.path("out/b.pdf").exists());
    assert!(
        run.stderr
            .ends_with("built 1 PDF into out; 1 input failed; 0 errors, 1 warning\n"),
        "{}",
        run.stderr
    );
    let check = project.run(&["check", "site", "--strict"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert_eq!(project.run(&["check", "site"]).code, 0);
}

/// The part `--shard K/N` gives a path, by the rule docs/manifest.md states.
fn documented_shard(path: &str, count: u64) -> u64 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(path.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first) % count + 1
}

fn shard_outputs(project: &Project, shard: &str) -> BTreeSet<String> {
    let run = project.run(&["build", "site", "-o", "out", "--json", "--shard", shard]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let manifest = json(&run.stdout);
    manifest["inputs"]
        .as_array()
        .expect("inputs")
        .iter()
        .map(|i| i["input"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn shards_split_the_inputs_into_stable_disjoint_parts() {
    let project = Project::new();
    for i in 0..12 {
        project.file(&format!("site/h{i:02}.toml"), &handout(&format!("H{i}")));
    }
    let parts: Vec<BTreeSet<String>> = (1..=3)
        .map(|k| shard_outputs(&project, &format!("{k}/3")))
        .collect();
    let mut union = BTreeSet::new();
    for (k, part) in parts.iter().enumerate() {
        for input in part {
            assert!(union.insert(input.clone()), "{input} is in two shards");
            assert_eq!(documented_shard(input, 3), k as u64 + 1, "{input}");
        }
    }
    let all: BTreeSet<String> = (0..12).map(|i| format!("site/h{i:02}.toml")).collect();
    assert_eq!(union, all);
    assert!(parts.iter().all(|p| !p.is_empty()), "{parts:?}");
    // A new file joins one shard; the others keep theirs.
    project.file("site/new.toml", &handout("New"));
    for (k, part) in parts.iter().enumerate() {
        let now = shard_outputs(&project, &format!("{}/3", k + 1));
        let added: Vec<_> = now.difference(part).collect();
        assert!(now.is_superset(part), "{now:?} lost some of {part:?}");
        assert!(added.is_empty() || added == ["site/new.toml"], "{added:?}");
    }
    let bad = project.run(&["build", "site", "--shard", "4/3"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains(
            "invalid value '4/3' for '--shard <K/N>': \"4/3\" has no such part; K counts from 1 to N, as in 1/3"
        ),
        "{}",
        bad.stderr
    );
}

#[test]
fn github_and_short_formats_put_each_diagnostic_on_one_line() {
    let project = Project::new();
    project.file(
        "a.toml",
        "[handout]\ntitle = \"A\"\n\n[[block]]\ntype = \"buletts\"\n",
    );
    let github = project.run(&["check", "a.toml", "--diagnostic-format", "github"]);
    assert_eq!(github.code, 1);
    let expected = "::error file=a.toml,line=5,col=8,endColumn=17,title=handout::unknown block type \"buletts\"%0Ahint: did you mean \"bullets\"? the block types are heading, text, bullets, steps, checklist, callout, timeline, contacts, image, page-break, table, qr, lines\nchecked 1 file: 1 with errors; 1 error, 0 warnings\n";
    assert_eq!(github.stderr, expected);
    let short = project.run(&["check", "a.toml", "--diagnostic-format", "short"]);
    let expected = "a.toml:5:8: error: unknown block type \"buletts\" (hint: did you mean \"bullets\"? the block types are heading, text, bullets, steps, checklist, callout, timeline, contacts, image, page-break, table, qr, lines)\nchecked 1 file: 1 with errors; 1 error, 0 warnings\n";
    assert_eq!(short.stderr, expected);
}

#[test]
fn the_manifest_names_every_input_what_was_written_and_stray_pdfs() {
    let project = Project::new();
    project.file("site/a.toml", &handout("A"));
    project.file("site/b.toml", &handout("B"));
    project.file("site/netlify.toml", "[build]\ncommand = \"make\"\n");
    project.bytes("out/old.pdf", b"%PDF-1.7 left from a removed handout");
    project.bytes("out/a-large-print.pdf", b"%PDF-1.7 the other edition");
    let args = ["build", "site", "gone.toml", "-o", "out", "--json"];
    let first = project.run_env(&args, &[EPOCH]);
    assert_eq!(first.code, 1, "{}", first.stderr);
    let manifest = json(&first.stdout);
    assert_eq!(manifest["version"], 1);
    assert_eq!(manifest["command"], "build");
    let inputs = manifest["inputs"].as_array().expect("inputs");
    let status: Vec<(&str, &str)> = inputs
        .iter()
        .map(|i| (i["input"].as_str().unwrap(), i["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        status,
        [
            ("site/a.toml", "ok"),
            ("site/b.toml", "ok"),
            ("site/netlify.toml", "skipped"),
            ("gone.toml", "missing"),
        ]
    );
    assert_eq!(inputs[0]["written"], true);
    assert_eq!(inputs[0]["output"], "out/a.pdf");
    assert_eq!(
        inputs[2]["note"],
        "skipped: not a handout, packet or brand file (it has no [handout], [packet] or [brand] table)"
    );
    assert_eq!(inputs[3]["errors"][0]["message"], "no such file or folder");
    assert_eq!(manifest["stray_pdfs"], serde_json::json!(["out/old.pdf"]));
    // Built again with nothing changed, both PDFs are left as they are.
    project.file("site/b.toml", &handout("B, revised"));
    let second = json(&project.run_env(&args, &[EPOCH]).stdout);
    assert_eq!(second["inputs"][0]["written"], false);
    assert_eq!(second["inputs"][1]["written"], true);
    let check = json(&project.run(&["check", "site", "--json"]).stdout);
    assert_eq!(check["version"], 1);
    assert_eq!(check["command"], "check");
    assert!(check.get("stray_pdfs").is_none());
}

#[test]
fn both_editions_share_one_folder_and_o_can_name_the_pdf_or_stdout() {
    let project = Project::new();
    project.file("a.toml", &handout("A"));
    assert_eq!(project.run_env(&["build", "a.toml"], &[EPOCH]).code, 0);
    let run = project.run_env(&["build", "a.toml", "--large-print"], &[EPOCH]);
    assert_eq!(run.stderr, "built 1 PDF into out\n");
    let regular = Pdf::load(&project.path("out/a.pdf"));
    let large = Pdf::load(&project.path("out/a-large-print.pdf"));
    assert_ne!(regular.bytes, large.bytes);

    let named = project.run_env(&["build", "a.toml", "-o", "dist/guide.pdf"], &[EPOCH]);
    assert_eq!(named.stderr, "built 1 PDF into dist/guide.pdf\n");
    assert_eq!(
        std::fs::read(project.path("dist/guide.pdf")).unwrap(),
        regular.bytes
    );
    assert!(!project.path("dist/a.pdf").exists());

    let output = Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(["build", "a.toml", "-o", "-", "--large-print"])
        .current_dir(project.path(""))
        .env("SOURCE_DATE_EPOCH", EPOCH.1)
        .output()
        .expect("run handout");
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stdout == large.bytes,
        "standard output has {} bytes, the large-print PDF {}",
        output.stdout.len(),
        large.bytes.len()
    );

    project.file("b.toml", &handout("B"));
    let two = project.run(&["build", "a.toml", "b.toml", "-o", "both.pdf"]);
    assert_eq!(two.code, 2);
    assert_eq!(
        two.stderr,
        "error: -o both.pdf takes a single input, but there are 2 inputs\n  hint: name one .toml file to build, or give -o a folder for several PDFs\n\n"
    );
    let json_too = project.run(&["build", "a.toml", "-o", "-", "--json"]);
    assert_eq!(json_too.code, 2);
}

#[test]
fn other_programs_toml_files_are_skipped_in_folders_and_errors_when_named() {
    let project = Project::new();
    project.file("site/a.toml", &handout("A"));
    project.file(
        "site/netlify.toml",
        "[build]\ncommand = \"make\"\npublish = \"out\"\n",
    );
    let run = project.run(&["build", "site", "-o", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "site/netlify.toml: note: skipped: not a handout, packet or brand file (it has no [handout], [packet] or [brand] table)\n\nbuilt 1 PDF into out\n"
    );
    // A handout that lost its header is not someone else's file.
    project.file(
        "site/b.toml",
        "title = \"B\"\n\n[[block]]\ntype = \"text\"\ntext = \"Hello.\"\n",
    );
    assert_eq!(project.run(&["build", "site", "-o", "out"]).code, 1);
    let named = project.run(&["build", "site/netlify.toml", "-o", "out"]);
    assert_eq!(named.code, 1);
    assert!(
        named.stderr.starts_with(
            "site/netlify.toml:1:2: error: the file has no [handout], [brand] or [packet] table"
        ),
        "{}",
        named.stderr
    );
}

#[test]
fn completions_and_the_manual_page_come_from_the_command_line_definition() {
    let project = Project::bare();
    let bash = project.run(&["completions", "bash"]);
    assert_eq!(bash.code, 0, "{}", bash.stderr);
    assert!(
        bash.stdout.contains("complete -F _handout"),
        "{}",
        bash.stdout
    );
    assert!(bash.stdout.contains("--diagnostic-format"));
    let fish = project.run(&["completions", "fish"]);
    assert!(
        fish.stdout.contains("complete -c handout"),
        "{}",
        fish.stdout
    );
    let man = project.run(&["man"]);
    assert_eq!(man.code, 0);
    assert!(
        man.stdout.starts_with(".ie \\n(.g .ds Aq"),
        "{}",
        man.stdout
    );
    assert!(man.stdout.contains(".TH handout 1"), "{}", man.stdout);
    assert!(man.stdout.contains("completions"));
    let build = project.run(&["man", "build"]);
    assert!(
        build.stdout.contains(".TH handout-build 1"),
        "{}",
        build.stdout
    );
    assert!(
        build.stdout.contains("diagnostic\\-format"),
        "{}",
        build.stdout
    );
    let unknown = project.run(&["man", "nope"]);
    assert_eq!(unknown.code, 2);
    assert_eq!(
        unknown.stderr,
        "error: there is no command \"nope\"\n  hint: the commands with a page are build, check, watch, new, completions\n\n"
    );
    assert_eq!(project.run(&["completions", "tcsh"]).code, 2);
}

/// The `handout` commands of docs/ci/github-actions.yml, run here as the
/// workflow runs them, one job per shard: together they build every bundled PDF once.
#[test]
fn the_example_workflow_commands_work() {
    let workflow = std::fs::read_to_string(repo("docs/ci/github-actions.yml")).expect("workflow");
    let shards: Vec<String> = workflow
        .lines()
        .find_map(|l| l.trim().strip_prefix("shard: ["))
        .expect("a matrix of shards")
        .trim_end_matches(']')
        .split(',')
        .map(|s| s.trim().to_string())
        .collect();
    let commands: Vec<&str> = workflow
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("handout "))
        .collect();
    assert!(commands.len() >= 2, "{commands:?}");
    let project = Project::bare();
    copy_dir(&repo("templates"), &project.path("templates"));
    let bin = Path::new(env!("CARGO_BIN_EXE_handout"))
        .parent()
        .expect("bin folder")
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut built = Vec::new();
    for shard in &shards {
        let out = project.path(&format!("job-{shard}"));
        std::fs::create_dir_all(&out).unwrap();
        copy_dir(&project.path("templates"), &out.join("templates"));
        for command in &commands {
            let command = command
                .replace("${{ matrix.shard }}", shard)
                .replace("${{ strategy.job-total }}", &shards.len().to_string());
            let run = Command::new("sh")
                .args(["-c", &command])
                .current_dir(&out)
                .env("PATH", &path)
                // The bundled handouts fall due for review in 2027; --strict would fail then.
                .env("HANDOUT_TODAY", "2026-12-01")
                .env_remove("SOURCE_DATE_EPOCH")
                .output()
                .expect("sh");
            assert_eq!(
                run.status.code(),
                Some(0),
                "{command}\n{}",
                String::from_utf8_lossy(&run.stderr)
            );
        }
        for entry in std::fs::read_dir(&out).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !(name.starts_with("manifest-") && name.ends_with(".json")) {
                continue;
            }
            let manifest = json(&std::fs::read_to_string(entry.path()).unwrap());
            for input in manifest["inputs"].as_array().unwrap() {
                if input["status"] == "ok" {
                    built.push(input["output"].as_str().unwrap().to_string());
                }
            }
        }
    }
    built.sort();
    let mut expected: Vec<String> = Vec::new();
    for edition in ["", "-large-print"] {
        for name in [
            "family-guide",
            "family-packet",
            "taper-plan",
            "today-checklist",
            "withdrawal-timeline",
        ] {
            expected.push(format!("out/{name}{edition}.pdf"));
            expected.push(format!("out/es/{name}{edition}.pdf"));
        }
    }
    expected.sort();
    assert_eq!(built, expected);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
