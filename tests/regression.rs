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
