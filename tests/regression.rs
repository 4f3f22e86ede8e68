//! One test for every bug found by fuzzing, property testing or hand, named after what broke.

mod util;

use std::path::Path;

use util::{Pdf, Project};

const TITLE: &str = "[handout]\ntitle = \"A sheet\"\n";

fn image_handout(path: &str) -> String {
    format!("{TITLE}\n[[block]]\ntype = \"image\"\npath = \"{path}\"\nalt = \"A picture\"\n")
}

fn no_pdf_written(project: &Project) {
    let out = project.path("out");
    let written: Vec<_> = std::fs::read_dir(&out)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(written.is_empty(), "{written:?}");
}

/// A one-byte change in a glyph of the bundled font made the PDF writer's font
/// subsetter (allsorts) panic with an arithmetic overflow, taking the whole
/// batch down. The font is now decoded when the brand is loaded, under a guard.
#[test]
fn a_damaged_brand_font_panicked_the_pdf_writer() {
    let regular =
        util::repo("fonts/atkinson-hyperlegible-next/AtkinsonHyperlegibleNext-Regular.ttf");
    let mut font = std::fs::read(regular).expect("bundled font");
    // The byte fuzzing found; it is in the y coordinates of a simple glyph.
    const AT: usize = 44_541;
    assert_eq!(
        font.get(AT),
        Some(&50),
        "the bundled font changed; find a new byte"
    );
    font[AT] = 10;
    let project = Project::bare();
    project.bytes("fonts/Damaged.ttf", &font);
    project.file(
        "brand.toml",
        "[brand]\nname = \"Clinic\"\n\n[brand.fonts]\nregular = \"fonts/Damaged.ttf\"\n",
    );
    project.file("a.toml", TITLE);
    let run = project.run(&["build", "a.toml", "-o", "out"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    if run.code == 0 {
        // Release builds do not check overflow, so the glyph decodes (wrongly) and
        // the PDF is built; it must still be a sound file.
        Pdf::load(&project.path("out/a.pdf"));
    } else {
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains(
                "brand.toml:5:11: error: the regular font \"fonts/Damaged.ttf\" is damaged: some of its letters cannot be read"
            ),
            "{}",
            run.stderr
        );
        no_pdf_written(&project);
    }
}

/// `path = "/dev/zero"` read the device until memory ran out; so would a pipe.
#[cfg(unix)]
#[test]
fn a_device_named_as_an_image_was_read_forever() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let project = Project::new();
    project.file("a.toml", &image_handout("/dev/zero"));
    let run = project.run(&["build", "a.toml", "-o", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "a.toml:6:8: error: the image \"/dev/zero\" is not an ordinary file (a device or a pipe)"
        ),
        "{}",
        run.stderr
    );
}

/// The same for a definition named on the command line and for a brand font.
#[cfg(unix)]
#[test]
fn a_device_named_as_a_definition_or_font_was_read_forever() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let project = Project::bare();
    project.file(
        "brand.toml",
        "[brand]\nname = \"Clinic\"\n\n[brand.fonts]\nregular = \"/dev/zero\"\n",
    );
    project.file("a.toml", TITLE);
    let run = project.run(&["build", "a.toml", "-o", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: the regular font \"/dev/zero\" is not an ordinary file"),
        "{}",
        run.stderr
    );
    let run = project.run(&["check", "/dev/zero"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("/dev/zero: error: this is not an ordinary file (a device or a pipe)"),
        "{}",
        run.stderr
    );
}

/// A packet's own title was never checked against the fonts, so a "✓" in it
/// was printed as an empty box on the cover.
#[test]
fn a_packet_title_printed_a_box_for_a_missing_glyph() {
    let project = Project::new();
    project.file("b.toml", TITLE);
    project.file(
        "p.toml",
        "[packet]\ntitle = \"Packet\"\nsubtitle = \"Read me 😀\"\nhandouts = [\"b.toml\"]\n",
    );
    let run = project.run(&["build", "p.toml", "-o", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("p.toml:3:21: error: the character ‘😀’ (U+1F600) is not in the font"),
        "{}",
        run.stderr
    );
    no_pdf_written(&project);
}

/// The JPEG decoder fills a file that stops early with grey, so half a photo
/// went to print without a word.
#[test]
fn a_truncated_jpeg_was_printed_half_grey() {
    let mut jpeg = Vec::new();
    let image = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]));
    image::DynamicImage::ImageRgb8(image)
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .expect("encode");
    let project = Project::new();
    project.bytes("p.jpg", &jpeg[..jpeg.len() * 2 / 3]);
    project.file("a.toml", &image_handout("p.jpg"));
    let run = project.run(&["build", "a.toml", "-o", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "a.toml:6:8: error: the image \"p.jpg\" is cut short: the file ends before the picture does"
        ),
        "{}",
        run.stderr
    );
}

/// `brand = "brands"` naming a folder was reported as "does not exist".
#[test]
fn a_brand_folder_was_said_not_to_exist() {
    let project = Project::new();
    std::fs::create_dir_all(project.path("brands")).expect("folder");
    project.file("a.toml", "[handout]\ntitle = \"A\"\nbrand = \"brands\"\n");
    let run = project.run(&["build", "a.toml", "-o", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("is a folder, not a brand file"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("does not exist"), "{}", run.stderr);
}

/// Warnings about open markup in the second paragraph of a text pointed at the
/// whole string, and `**` was called `*`.
#[test]
fn open_markup_in_a_later_paragraph_pointed_at_the_whole_text() {
    let project = Project::new();
    project.file(
        "a.toml",
        &format!(
            "{TITLE}\n[[block]]\ntype = \"text\"\ntext = \"\"\"\nOne.\n\n  Two has **bold\n  and more.\n\"\"\"\n"
        ),
    );
    let run = project.run(&["check", "a.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = "a.toml:9:11: warning: this `**` never closes, so it is printed as it is
   |
 9 |   Two has **bold
   |           ^^
  hint: end the bold words with `**`, or remove the marker
";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
}

/// A `titel` typo gave two errors: the unknown key, and a missing `title`.
#[test]
fn a_misspelt_required_key_was_reported_twice() {
    let project = Project::new();
    project.file(
        "a.toml",
        "[handout]\ntitel = \"A\"\n\n[[block]]\ntype = \"bullets\"\nitmes = [\"x\"]\n",
    );
    let run = project.run(&["check", "a.toml"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr.matches(": error: ").count(), 2, "{}", run.stderr);
    assert!(!run.stderr.contains("has no"), "{}", run.stderr);
}

/// A photo used as a logo was kept at 600 × 450 pixels, more than
/// three times what a 46 pt logo needs, and made a 550 KB one-page PDF.
#[test]
fn a_photo_as_a_logo_made_a_half_megabyte_pdf() {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let image = image::RgbImage::from_fn(1600, 1200, |_, _| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let [r, g, b, ..] = seed.to_le_bytes();
        image::Rgb([r, g, b])
    });
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .expect("encode");
    let project = Project::bare();
    project.bytes("photo.jpg", &jpeg);
    project.file(
        "brand.toml",
        "[brand]\nname = \"Clinic\"\nlogo = \"photo.jpg\"\n",
    );
    project.file("a.toml", TITLE);
    let pdf = project.build("a.toml");
    assert!(pdf.bytes.len() < 200_000, "{} bytes", pdf.bytes.len());
}

/// A value a megabyte long was echoed whole in the message, and its line
/// quoted whole under it.
#[test]
fn a_huge_unknown_value_was_echoed_whole() {
    let project = Project::new();
    project.file(
        "a.toml",
        &format!("{TITLE}paper = \"{}\"\n", "x".repeat(1_000_000)),
    );
    let run = project.run(&["check", "a.toml"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.len() < 2_000,
        "{} bytes of stderr",
        run.stderr.len()
    );
    assert!(
        run.stderr.contains("unknown paper size \"xxxx"),
        "{}",
        &run.stderr[..500.min(run.stderr.len())]
    );
}

/// Thirty bytes of `page-break` make a page, so an 8 MB file asked for a
/// hundred thousand pages: minutes of work and gigabytes of memory. A handout
/// may now have 1000 pages.
#[test]
fn page_breaks_by_the_thousand_used_gigabytes() {
    let project = Project::new();
    let pages =
        "[[block]]\ntype = \"page-break\"\n\n[[block]]\ntype = \"heading\"\ntext = \"H\"\n\n";
    project.file("a.toml", &format!("{TITLE}\n{}", pages.repeat(1100)));
    let run = project.run(&["build", "a.toml", "-o", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: the handout needs 1101 pages, more than the 1000 a handout may have"),
        "{}",
        run.stderr
    );
    no_pdf_written(&project);
}

/// The same through a packet that names one handout a thousand times.
#[test]
fn a_packet_naming_a_handout_thousands_of_times_had_no_limit() {
    let project = Project::new();
    project.file("a.toml", TITLE);
    let list = vec!["\"a.toml\""; 5000].join(", ");
    project.file(
        "p.toml",
        &format!("[packet]\ntitle = \"P\"\nhandouts = [{list}]\n"),
    );
    let run = project.run(&["build", "p.toml", "-o", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "p.toml:3:12: error: this packet has 5000 handouts; at most 100 fit in one packet"
        ),
        "{}",
        run.stderr
    );
}

/// Found by fuzzing (a "slow unit"): the running header shortened a long title
/// one character at a time, measuring it again each time, so a title of 24,000
/// characters took minutes. It is one pass now. And a title that long ran off
/// the foot of the first page without a word: it is an error now.
#[test]
fn a_very_long_title_took_minutes_and_ran_off_the_page() {
    let project = Project::new();
    project.file(
        "a.toml",
        &format!("[handout]\ntitle = \"{}\"\n", "w".repeat(30_000)),
    );
    let run = project.run(&["build", "a.toml", "-o", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("a.toml:2:9: error: the title is too long to fit on the first page"),
        "{}",
        &run.stderr[..300.min(run.stderr.len())]
    );
    no_pdf_written(&project);
}

/// A title that fits the first page but not a later page's header is shortened
/// there with an ellipsis; the one-pass shortening must keep doing that.
#[test]
fn a_long_title_is_shortened_in_the_running_header() {
    let project = Project::new();
    let title =
        "Kratom withdrawal and what a family can do about it, day by day, for the first two weeks, with the signs to watch for, the people to call and the things that help most at home";
    project.file(
        "a.toml",
        &format!(
            "[handout]\ntitle = \"{title}\"\n\n[[block]]\ntype = \"page-break\"\n\n[[block]]\ntype = \"text\"\ntext = \"Second page.\"\n"
        ),
    );
    let pdf = project.build("a.toml");
    let second = util::words(&pdf.text(2));
    assert!(second.contains("Kratom withdrawal"), "{second}");
    assert!(second.contains('…'), "{second}");
}

/// Two symbolic links to `.` in a folder made the folder walk double at every
/// level down to its depth limit: `check folder` never finished.
#[cfg(unix)]
#[test]
fn two_links_to_the_same_folder_made_the_walk_exponential() {
    let project = Project::new();
    project.file("site/a.toml", TITLE);
    for link in ["site/loop1", "site/loop2"] {
        std::os::unix::fs::symlink(".", project.path(link)).expect("symlink");
    }
    let run = project.run(&["check", "site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("checked 1 file"), "{}", run.stderr);
}

// The second round of hostile, clumsy and unlucky input: one test per defect.

/// Runs `handout` in the project with stdout and stderr sent to given files.
fn run_into(project: &Project, args: &[&str], stdout: &str, stderr: &str) -> Option<i32> {
    let open = |path: &str| std::fs::OpenOptions::new().write(true).open(path).ok();
    let (Some(out), Some(err)) = (open(stdout), open(stderr)) else {
        return None;
    };
    std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(args)
        .current_dir(project.path(""))
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(out)
        .stderr(err)
        .status()
        .ok()
        .and_then(|s| s.code())
}

#[test]
fn a_full_or_closed_output_panicked() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let project = Project::new();
    project.file("docs/a.toml", TITLE);
    // Nothing to say on stdout, stderr full: the work went well.
    assert_eq!(
        run_into(
            &project,
            &["build", "docs", "-o", "out"],
            "/dev/null",
            "/dev/full"
        ),
        Some(0)
    );
    // The manifest cannot be written: that is a failure, told on stderr.
    let run = project.run(&["check", "--json", "docs"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run_into(
            &project,
            &["check", "--json", "docs"],
            "/dev/full",
            "/dev/null"
        ),
        Some(1)
    );
    // A reader that stops early (`| head -1`) is no failure and no panic.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(["check", "--report", "docs"])
        .current_dir(project.path(""))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run handout");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_path_key_naming_a_system_file_printed_its_lines() {
    let project = Project::new();
    project.file("secret.txt", "password = hunter2\ntoken: hunter2\n");
    project.file("creds.toml", "[registry]\ntoken = \"hunter2\"\n");
    let hidden = |file: &str| {
        format!(
            "{file}: error: this file is not a handout, brand or packet definition (it has no [handout], [brand] or [packet] line), so nothing of it is shown\n  hint: check the path: a definition is a .toml file that starts with [handout], [brand] or [packet]\n\n"
        )
    };
    project.file("a.toml", &format!("{TITLE}brand = \"secret.txt\"\n"));
    let run = project.run(&["check", "a.toml"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        format!(
            "{}checked 1 file: 1 with errors; 1 error, 0 warnings\n",
            hidden("secret.txt")
        )
    );
    let cases: [(&str, &[&str]); 7] = [
        (&format!("{TITLE}brand = \"creds.toml\"\n"), &[]),
        (TITLE, &["--brand", "secret.txt"]),
        (&format!("{TITLE}translation_of = \"secret.txt\"\n"), &[]),
        (&image_handout("secret.txt"), &[]),
        (
            "[packet]\ntitle = \"P\"\nhandouts = [\"secret.txt\", \"creds.toml\"]\n",
            &[],
        ),
        (
            &format!("{TITLE}brand = \"b.toml\"\n"),
            &["--brand", "logo-brand.toml"],
        ),
        (
            &format!("{TITLE}brand = \"b.toml\"\n"),
            &["--brand", "font-brand.toml"],
        ),
    ];
    project.file(
        "logo-brand.toml",
        "[brand]\nname = \"C\"\nlogo = \"secret.txt\"\n",
    );
    project.file(
        "font-brand.toml",
        "[brand]\nname = \"C\"\n[brand.fonts]\nregular = \"secret.txt\"\n",
    );
    for (text, options) in cases {
        project.file("a.toml", text);
        let mut args = vec!["check", "a.toml"];
        args.extend_from_slice(options);
        let run = project.run(&args);
        assert!(run.code <= 1, "{}", run.stderr);
        assert!(!run.stderr.contains("hunter2"), "{text}\n{}", run.stderr);
    }
    // What the process's environment holds never shows either.
    project.file(
        "a.toml",
        &format!("{TITLE}brand = \"/proc/self/environ\"\n"),
    );
    let run = project.run_env(&["check", "a.toml"], &[("LEAKED", "hunter2")]);
    assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
    // A file named on the command line that is no definition is not quoted.
    let run = project.run(&["check", "secret.txt"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(&hidden("secret.txt")),
        "{}",
        run.stderr
    );
}

#[test]
fn an_upper_case_toml_a_deep_folder_and_a_long_path_were_passed_over() {
    let project = Project::new();
    project.file("docs/Guide.TOML", TITLE);
    let deep: String = (0..34).map(|i| format!("d{i}/")).collect();
    project.file(&format!("docs/{deep}deep.toml"), TITLE);
    let run = project.run(&["build", "docs", "-o", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(project.path("out/Guide.pdf").is_file(), "{}", run.stderr);
    let folder: String = (0..33).map(|i| format!("d{i}/")).collect();
    assert!(
        run.stderr.starts_with(&format!(
            "docs/{}: error: this folder is more than 32 folders deep, so the handouts in it were not built\n  hint: move the handouts to a folder nearer the top, or name this folder itself\n",
            folder.trim_end_matches('/')
        )),
        "{}",
        run.stderr
    );
    // Past the system's limit on a path's length (4,096 bytes on Linux).
    let long = Project::new();
    let name = "d".repeat(200);
    let script = format!(
        "set -P; mkdir -p docs && cd docs && for i in $(seq 1 25); do mkdir {name} && cd {name} || exit 1; done; printf '[handout]\\ntitle = \"x\"\\n' > deep.toml"
    );
    let made = std::process::Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(long.path(""))
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "could not make a path past the limit");
    let run = long.run(&["check", "docs"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the path is longer than the system allows"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_pdf_whose_source_was_renamed_stayed_in_out_unmentioned() {
    let project = Project::new();
    project.file("docs/old-name.toml", TITLE);
    let run = project.run(&["build", "docs", "-o", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::rename(
        project.path("docs/old-name.toml"),
        project.path("docs/new-name.toml"),
    )
    .expect("rename");
    let run = project.run(&["build", "docs", "-o", "out", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "note: out/old-name.pdf was built from a file that is gone or renamed; it is left as it is (delete it if it is no longer needed)\n"
        ),
        "{}",
        run.stderr
    );
    let manifest: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(manifest["stale"], serde_json::json!(["out/old-name.pdf"]));
    // Build does not delete it: the folder may hold PDFs put there on purpose.
    assert!(project.path("out/old-name.pdf").is_file());
    assert!(project.path("out/new-name.pdf").is_file());
}

#[test]
fn twenty_thousand_unclosed_markers_took_gigabytes() {
    let project = Project::new();
    let text = "**a ".repeat(20_000);
    project.file(
        "a.toml",
        &format!("{TITLE}\n[[block]]\ntype = \"text\"\ntext = \"{text}\"\n"),
    );
    let started = std::time::Instant::now();
    let run = project.run(&["check", "a.toml"]);
    let took = started.elapsed();
    assert_eq!(run.code, 0, "{}", &run.stderr[..run.stderr.len().min(2000)]);
    assert!(
        run.stderr.contains(
            "a.toml: warning: … and 19,990 more like this: this `**` never closes, so it is printed as it is\n"
        ),
        "{}",
        &run.stderr[..run.stderr.len().min(2000)]
    );
    assert!(run.stderr.len() < 20_000, "{} bytes", run.stderr.len());
    // Unoptimised test builds are slow; the release binary takes a fraction of this.
    assert!(took.as_secs() < 20, "{took:?}");
}

#[test]
fn fifty_thousand_unknown_keys_printed_every_one() {
    let project = Project::new();
    let keys: String = (0..50_000).map(|i| format!("key{i} = 1\n")).collect();
    project.file("a.toml", &format!("{TITLE}{keys}"));
    let run = project.run(&["check", "a.toml"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("a.toml: error: … and 49,800 more unknown keys in [handout], not shown\n  hint: remove the keys the format does not have\n"),
        "{}",
        &run.stderr[run.stderr.len().saturating_sub(2000)..]
    );
    assert!(run.stderr.len() < 200_000, "{} bytes", run.stderr.len());
}

#[test]
fn a_killed_build_left_its_temporary_files_for_good() {
    let project = Project::new();
    project.file("docs/a.toml", TITLE);
    // Of a process that cannot exist (past Linux's largest process id), and of one running.
    let dead = ".a.pdf.99999999.0.tmp";
    let alive = format!(".b.pdf.{}.0.tmp", std::process::id());
    project.file(&format!("out/{dead}"), "partial");
    project.file(&format!("out/sub/{dead}"), "partial");
    project.file(&format!("out/{alive}"), "being written");
    let run = project.run(&["build", "docs", "-o", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    if Path::new("/proc/self").exists() {
        assert!(!project.path(&format!("out/{dead}")).exists());
        assert!(!project.path(&format!("out/sub/{dead}")).exists());
    }
    assert!(project.path(&format!("out/{alive}")).exists());
}

#[test]
fn sigterm_mid_batch_left_temporary_files() {
    let project = Project::new();
    let guide = std::fs::read_to_string(util::repo("templates/family-guide.toml")).unwrap();
    for i in 0..40 {
        project.file(&format!("docs/g{i}.toml"), &guide);
    }
    for signal in ["TERM", "INT"] {
        let _ = std::fs::remove_dir_all(project.path("out"));
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
            .args(["build", "docs", "-o", "out"])
            .current_dir(project.path(""))
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("run handout");
        // Wait for the first PDF, so the batch is under way.
        let started = std::time::Instant::now();
        while !project.path("out/g0.pdf").exists() && started.elapsed().as_secs() < 60 {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let killed = std::process::Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .is_ok_and(|s| s.success());
        let status = child.wait().expect("wait");
        if !killed || status.success() {
            continue; // the batch finished first: nothing to learn
        }
        let left: Vec<_> = std::fs::read_dir(project.path("out"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "{signal}: {left:?}");
        for entry in std::fs::read_dir(project.path("out")).unwrap().flatten() {
            Pdf::load(&entry.path());
        }
    }
}

#[test]
fn a_brands_errors_waited_until_the_handouts_were_fixed() {
    let project = Project::bare();
    project.file("brand.toml", "[brand]\nname = \"C\"\naccent = \"teal\"\n");
    project.file(
        "a.toml",
        &format!("{TITLE}\n[[block]]\ntype = \"buletts\"\nitems = [\"x\"]\n"),
    );
    let run = project.run(&["check", "a.toml"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("a.toml:5:8: error: unknown block type \"buletts\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("brand.toml:3:10: error: `accent` is not a colour: \"teal\""),
        "{}",
        run.stderr
    );
}

#[test]
fn new_into_a_folder_talked_about_pdfs() {
    let project = Project::new();
    let run = project.run(&["new", "guide", "newdir/"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "newdir/: error: this is a folder; `handout new` needs the name of the file to write\n  hint: add a file name, for example `handout new guide newdir/guide.toml`\n\n"
    );
}

#[test]
fn building_a_folder_twice_called_brand_files_duplicate_outputs() {
    let project = Project::new();
    project.file("a.toml", TITLE);
    project.file("other/brand.toml", util::BRAND);
    project.file("other/b.toml", TITLE);
    let run = project.run(&["build", ".", ".", "-o", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stderr.contains("would both be written"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("built 2 PDFs into out\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn typing_mistakes_in_values_were_taken_as_they_were() {
    let project = Project::new();
    project.file(
        "a.toml",
        &format!("{TITLE}reviewed = \"1026-11-01\"\nnext_review = 2207-01-01\n"),
    );
    let run = project.run_env(&["check", "a.toml"], &[("SOURCE_DATE_EPOCH", "1767225600")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.starts_with(
        "a.toml:3:12: warning: `reviewed` is in the year 1026, before 1900: is the year mistyped?\n   |\n 3 | reviewed = \"1026-11-01\"\n   |            ^^^^^^^^^^^^\n\na.toml:4:15: warning: `next_review` is in the year 2207, more than 10 years from now: is the year mistyped?\n"
    ), "{}", run.stderr);

    std::fs::copy(util::repo("templates/logo.png"), project.path("logo.png")).unwrap();
    project.file(
        "a.toml",
        &format!("{}width = 5e-324\n", image_handout("logo.png")),
    );
    let run = project.run(&["check", "a.toml"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with(
        "a.toml:8:9: error: `width` is too small to see: the picture would be drawn less than 10 points wide\n   |\n 8 | width = 5e-324\n   |         ^^^^^^\n  hint: it is a fraction of the text width: use 0.025 or more, for example 0.5 for half\n"
    ), "{}", run.stderr);

    let run = project.run_env(
        &["build", "a.toml"],
        &[("SOURCE_DATE_EPOCH", "253402300800")],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: SOURCE_DATE_EPOCH 253402300800 is after the year 9999, which a PDF date cannot hold\n  hint: set it to a Unix time such as 1767225600, or unset it\n\n"
    );

    let key = vec!["a"; 100_000].join(".");
    project.file("a.toml", &format!("{TITLE}\n[{key}]\nx = 1\n"));
    let run = project.run(&["check", "a.toml"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "a.toml:4:129: error: lists, tables or dotted keys are nested too deeply here\n"
        ),
        "{}",
        &run.stderr[..run.stderr.len().min(1000)]
    );
}

#[test]
fn a_zero_size_or_hair_thin_image_was_drawn() {
    let project = Project::new();
    let mut thin = Vec::new();
    image::DynamicImage::new_rgb8(4000, 1)
        .write_to(
            &mut std::io::Cursor::new(&mut thin),
            image::ImageFormat::Png,
        )
        .unwrap();
    project.bytes("thin.png", &thin);
    project.file("a.toml", &image_handout("thin.png"));
    let run = project.run(&["check", "a.toml"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "error: the image \"thin.png\" is 2000 × 1 pixels: at this width it would be drawn too thin to see"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_link_out_of_the_folder_was_followed() {
    let project = Project::new();
    project.file("docs/a.toml", TITLE);
    project.file("elsewhere/b.toml", TITLE);
    std::os::unix::fs::symlink(project.path("elsewhere"), project.path("docs/away")).unwrap();
    std::os::unix::fs::symlink("/", project.path("docs/root")).unwrap();
    std::fs::create_dir_all(project.path("docs/inner")).unwrap();
    project.file("docs/inner/c.toml", TITLE);
    std::os::unix::fs::symlink(project.path("docs/inner"), project.path("docs/near")).unwrap();
    let run = project.run(&["check", "docs"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let root = project.path("docs").canonicalize().unwrap();
    assert!(
        run.stderr.contains(&format!(
            "docs/away: warning: this link leads out of {}, so it was not followed\n  hint: name the folder it leads to on the command line to build it\n",
            root.display()
        )),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("docs/root: warning"), "{}", run.stderr);
    assert!(
        run.stderr
            .ends_with("checked 2 files: 0 with errors; 0 errors, 2 warnings\n"),
        "{}",
        run.stderr
    );
}

/// The structure elements of a kind, with their /Lang.
fn struct_langs(pdf: &Pdf, kind: &[u8]) -> Vec<Option<String>> {
    pdf.doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| {
            d.get(b"S")
                .and_then(|s| s.as_name())
                .is_ok_and(|s| s == kind)
        })
        .map(|d| {
            d.get(b"Lang")
                .ok()
                .and_then(|l| l.as_str().ok())
                .map(|b| String::from_utf8_lossy(b).into_owned())
        })
        .collect()
}

#[test]
fn a_mixed_language_packet_had_one_language_for_every_part() {
    let project = Project::new();
    project.file("en.toml", TITLE);
    project.file("es.toml", "[handout]\ntitle = \"Una hoja\"\nlang = \"es\"\n\n[[block]]\ntype = \"contacts\"\nitems = [{ label = \"Línea\", value = \"988\" }]\n");
    project.file(
        "p.toml",
        "[packet]\ntitle = \"Packet\"\nhandouts = [\"en.toml\", \"es.toml\"]\n",
    );
    let pdf = project.build("p.toml");
    let mut parts = struct_langs(&pdf, b"Part");
    parts.sort();
    assert_eq!(
        parts,
        vec![Some("en-US".to_string()), Some("es".to_string())]
    );
    // The Spanish title in the English contents says it is Spanish.
    assert_eq!(
        struct_langs(&pdf, b"TOCI")
            .into_iter()
            .flatten()
            .collect::<Vec<_>>(),
        vec!["es".to_string()]
    );
    util::qpdf_check(&project.path("out/p.pdf"));
}

#[test]
fn a_phone_photo_printed_on_its_side() {
    // 64 wide and 32 tall as stored; its EXIF data says to turn it a quarter clockwise.
    let mut plain = Vec::new();
    image::DynamicImage::new_rgb8(64, 32)
        .write_to(
            &mut std::io::Cursor::new(&mut plain),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    let mut exif =
        b"Exif\0\0II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x06\0\0\0\0\0\0\0".to_vec();
    let mut jpeg = plain[..2].to_vec();
    jpeg.extend_from_slice(&[0xFF, 0xE1]);
    jpeg.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap().to_be_bytes());
    jpeg.append(&mut exif);
    jpeg.extend_from_slice(&plain[2..]);
    let project = Project::new();
    project.bytes("photo.jpg", &jpeg);
    project.file("a.toml", &image_handout("photo.jpg"));
    let pdf = project.build("a.toml");
    let sizes: Vec<(i64, i64)> = pdf
        .doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict
                .get(b"Subtype")
                .and_then(|v| v.as_name())
                .is_ok_and(|n| n == b"Image")
        })
        .map(|s| {
            (
                s.dict.get(b"Width").and_then(|v| v.as_i64()).unwrap_or(0),
                s.dict.get(b"Height").and_then(|v| v.as_i64()).unwrap_or(0),
            )
        })
        .collect();
    assert!(sizes.contains(&(32, 64)), "{sizes:?}");
}

/// A brand whose lines were single words of 25,000 letters, set in a column
/// narrower than a letter, took 8 s to build (0.04 s before): optimal fit
/// compared every piece with every earlier one, and the brand's lines were set
/// again for each attempt at fitting. The unit tests of `text::optimal` count
/// the steps; this builds the input itself and checks what is reported.
#[test]
fn a_brand_of_enormous_words_took_seconds_to_lay_out() {
    let word = "w".repeat(25_000);
    let project = Project::bare();
    project.file(
        "brand.toml",
        &format!(
            "[brand]\nname = '{name}'\ntagline = '{word}'\nphone = '{word}'\nwebsite = '{word}'\naddress = '{half}'\ndisclaimer = '{word}'\n",
            name = "kratom".repeat(160),
            half = &word[..12_800],
        ),
    );
    project.file(
        "a.toml",
        "[handout]\ntitle = \"A sheet\"\nbrand = \"brand.toml\"\n\n[[block]]\ntype = \"bullets\"\nitems = [\"One\", \"Two\"]\n",
    );
    let run = project.run(&["build", "a.toml", "-o", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("a.toml:2:9: error: the title is too long to fit on the first page"),
        "{}",
        run.stderr
    );
    no_pdf_written(&project);
}
