//! Every bad input gets a clear error: file:line:col, the line, a caret and a hint;
//! exit status 1; and no PDF written.

mod util;

use std::path::{Path, PathBuf};

use util::{Pdf, Project};

// ---------------------------------------------------------------------------
// Helpers

/// Every PDF (or leftover temporary file) under a folder, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// `build FILE -o out` must fail with exit 1, write nothing, and say why on stderr.
fn build_fails(project: &Project, file: &str) -> String {
    let run = project.run(&["build", file, "-o", "out"]);
    assert_eq!(run.code, 1, "expected exit 1:\n{}", run.stderr);
    let written = files_under(&project.path("out"));
    assert!(written.is_empty(), "files were written: {written:?}");
    assert!(
        !run.stderr.contains("panicked"),
        "the build panicked:\n{}",
        run.stderr
    );
    run.stderr
}

/// `check FILE` must fail with exit 1, and says why on stderr.
fn check_fails(project: &Project, file: &str) -> String {
    let run = project.run(&["check", file]);
    assert_eq!(run.code, 1, "expected exit 1:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.stderr
}

/// Asserts that stderr holds this text, showing stderr when it does not.
#[track_caller]
fn assert_has(stderr: &str, needle: &str) {
    assert!(stderr.contains(needle), "expected {needle:?} in:\n{stderr}");
}

/// A one-handout project with this text as `a.toml`.
fn handout(text: &str) -> Project {
    let project = Project::new();
    project.file("a.toml", text);
    project
}

const TITLE: &str = "[handout]\ntitle = \"A sheet\"\n";

/// A handout with one image block naming `path`.
fn image_handout(path: &str) -> String {
    format!("{TITLE}\n[[block]]\ntype = \"image\"\npath = \"{path}\"\nalt = \"A picture\"\n")
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

/// A PNG written by hand: RGB, 8 bits, the data in stored (uncompressed) deflate blocks.
/// The header may claim any size; `rows` is the filtered image data actually stored.
fn png(width: u32, height: u32, rows: &[u8]) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    png_chunk(&mut out, b"IHDR", &ihdr);
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = rows.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in rows {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());
    for part in zlib.chunks(1 << 20) {
        png_chunk(&mut out, b"IDAT", part);
    }
    png_chunk(&mut out, b"IEND", &[]);
    out
}

/// Noise from a small xorshift generator, so images do not compress.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        out.extend_from_slice(&seed.to_le_bytes());
    }
    out.truncate(len);
    out
}

/// A noisy RGB PNG of the given size, with every row's filter byte 0.
fn noisy_png(width: u32, height: u32) -> Vec<u8> {
    let row = width as usize * 3;
    let pixels = noise(row * height as usize, 0x9E37_79B9_7F4A_7C15);
    let mut rows = Vec::with_capacity((row + 1) * height as usize);
    for line in pixels.chunks(row) {
        rows.push(0);
        rows.extend_from_slice(line);
    }
    png(width, height, &rows)
}

/// A grey JPEG of noise: what a camera photo looks like to a compressor, and
/// a third of the work of a colour one to make in a debug build.
fn noisy_jpeg(width: u32, height: u32) -> Vec<u8> {
    let pixels = noise(width as usize * height as usize, 0x2545_F491_4F6C_DD1D);
    let image = image::GrayImage::from_raw(width, height, pixels).expect("size");
    let mut bytes = Vec::new();
    image::DynamicImage::ImageLuma8(image)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Jpeg,
        )
        .expect("encode jpeg");
    bytes
}

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 7) as u8, (y * 5) as u8, ((x + y) * 3) as u8])
    });
    image::DynamicImage::ImageRgb8(image)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Jpeg,
        )
        .expect("encode jpeg");
    bytes
}

// ---------------------------------------------------------------------------
// TOML syntax

#[test]
fn an_unclosed_string_is_shown_whole() {
    let project = handout("[handout]\ntitle = \"Kratom: what to expect\n");
    let stderr = build_fails(&project, "a.toml");
    assert_eq!(
        stderr,
        r#"a.toml:2:32: error: this text has no closing `"` on its line
   |
 2 | title = "Kratom: what to expect
   |                                ^
  hint: add " at the end of the text; text over several lines goes between triple quotes """ ... """

built 0 PDFs into out; 1 input failed; 1 error, 0 warnings
"#
    );
}

#[test]
fn a_missing_equals_sign_is_pointed_at() {
    let project = handout("[handout]\ntitle \"Kratom\"\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:2:7: error: this line has no `=` between the key and its value",
    );
    assert_has(&stderr, "hint: each line is `key = value`");
}

#[test]
fn a_duplicate_key_names_the_key_and_points_at_the_second() {
    let project = handout("[handout]\ntitle = \"A\"\ntitle = \"B\"\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:3:1: error: `title` is given twice in the same table",
    );
    assert_has(&stderr, "hint: keep one of the two lines");
}

#[test]
fn an_unclosed_triple_quote_points_where_it_opens() {
    let project = handout(&format!(
        "{TITLE}\n[[block]]\ntype = \"text\"\ntext = \"\"\"\nSome words.\n"
    ));
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:6:8: error: this text opens with \"\"\" but never closes",
    );
}

#[test]
fn curly_quotes_are_not_taken_for_text() {
    let project = handout("[handout]\ntitle = “Kratom”\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:2:9: error: this text is in curly quotes, which TOML does not take as quotes",
    );
    assert_has(&stderr, "hint: type straight double quotes \"");
}

#[test]
fn an_invisible_control_character_is_named() {
    let project = handout("[handout]\ntitle = \"Kratom\u{7}\"\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:2:16: error: this line has an invisible control character (U+0007)",
    );
    // The terminal gets a replacement character, not the bell.
    assert!(!stderr.contains('\u{7}'), "{stderr:?}");
}

#[test]
fn nesting_ten_thousand_lists_deep_is_an_error_not_a_stack_overflow() {
    let project = handout(&format!(
        "[handout]\ntitle = \"A\"\nx = {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    ));
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "error: lists, tables or dotted keys are nested too deeply here",
    );
}

// ---------------------------------------------------------------------------
// What the file is

#[test]
fn an_empty_file_says_so() {
    let project = handout("");
    let stderr = build_fails(&project, "a.toml");
    assert_has(&stderr, "a.toml:1:1: error: the file is empty");
    assert_has(&stderr, "hint: start the file with [handout]");
}

#[test]
fn a_file_with_no_brand_handout_or_packet_table_says_which_to_add() {
    let project = handout("title = \"Kratom\"\n\n[[block]]\ntype = \"text\"\ntext = \"x\"\n");
    let stderr = build_fails(&project, "a.toml");
    assert_eq!(
        stderr,
        r#"a.toml:1:1: error: the file has no [handout], [brand] or [packet] table
   |
 1 | title = "Kratom"
   | ^^^^^
  hint: add a line [handout] above `title` (a brand file starts with [brand], a packet with [packet])

built 0 PDFs into out; 1 input failed; 1 error, 0 warnings
"#
    );
}

#[test]
fn a_misspelt_table_name_gets_a_suggestion() {
    let project = handout("[handot]\ntitle = \"Kratom\"\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(&stderr, "a.toml:1:2: error: unknown table `[handot]`");
    assert_has(&stderr, "hint: did you mean `[handout]`?");
}

#[test]
fn a_key_above_the_table_header_is_told_to_move() {
    let project = handout("title = \"Kratom\"\n[handout]\nsubtitle = \"x\"\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:1:1: error: `title` is outside the [handout] table",
    );
    assert_has(&stderr, "hint: move `title` below the [handout] line");
    // The same mistake is not reported a second time as a missing title.
    assert!(!stderr.contains("has no `title`"), "{stderr}");
}

#[test]
fn two_kinds_in_one_file_are_an_error() {
    let project =
        handout("[handout]\ntitle = \"A\"\n\n[packet]\ntitle = \"P\"\nhandouts = [\"b.toml\"]\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:4:2: error: this file has both [handout] and [packet]",
    );
    assert_has(
        &stderr,
        "hint: put each brand, handout and packet in a file of its own",
    );
}

// ---------------------------------------------------------------------------
// Unknown keys and block types

#[test]
fn an_unknown_key_suggests_the_near_one_and_is_not_reported_twice() {
    let project = handout("[handout]\ntitel = \"Kratom\"\n");
    let stderr = build_fails(&project, "a.toml");
    assert_eq!(
        stderr,
        "a.toml:2:1: error: unknown key `titel` in [handout]
   |
 2 | titel = \"Kratom\"
   | ^^^^^
  hint: did you mean `title`? [handout] allows `title`, `subtitle`, `brand`, `paper`, `lang`, `reviewed`, `next_review`, `max_pages`, `reading_grade`, `translation_of`

built 0 PDFs into out; 1 input failed; 1 error, 0 warnings
"
    );
}

#[test]
fn an_unknown_block_type_suggests_the_near_one() {
    let project = handout(&format!(
        "{TITLE}\n[[block]]\ntype = \"buletts\"\nitems = [\"One\"]\n"
    ));
    let stderr = build_fails(&project, "a.toml");
    assert_eq!(
        stderr,
        "a.toml:5:8: error: unknown block type \"buletts\"
   |
 5 | type = \"buletts\"
   |        ^^^^^^^^^
  hint: did you mean \"bullets\"? the block types are heading, text, bullets, steps, checklist, callout, timeline, contacts, image, page-break, table, qr, lines

built 0 PDFs into out; 1 input failed; 1 error, 0 warnings
"
    );
}

#[test]
fn a_key_of_another_block_type_is_unknown_in_this_one() {
    let project = handout(&format!(
        "{TITLE}\n[[block]]\ntype = \"heading\"\ntext = \"H\"\nitems = [\"x\"]\n"
    ));
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:7:1: error: unknown key `items` in a `heading` block",
    );
    assert_has(
        &stderr,
        "hint: a `heading` block allows `type`, `text`, `level`",
    );
}

// ---------------------------------------------------------------------------
// Wrong value types

#[test]
fn a_number_for_a_title_is_told_to_quote_it() {
    let project = handout("[handout]\ntitle = 5\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:2:9: error: `title` in [handout] must be a string in quotes, not a whole number",
    );
    assert_has(
        &stderr,
        "hint: put the text in double quotes: title = \"5\"",
    );
}

#[test]
fn a_string_for_items_is_told_to_make_a_list() {
    let project = handout(&format!(
        "{TITLE}\n[[block]]\ntype = \"bullets\"\nitems = \"Drink water\"\n"
    ));
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:6:9: error: `items` in a `bullets` block must be a list of strings, not a string",
    );
    assert_has(
        &stderr,
        "hint: put it in square brackets to make a list: items = [\"Drink water\"]",
    );
}

#[test]
fn a_word_for_a_level_is_told_to_write_a_number() {
    let project = handout(&format!(
        "{TITLE}\n[[block]]\ntype = \"heading\"\ntext = \"H\"\nlevel = \"one\"\n"
    ));
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:7:9: error: `level` in a `heading` block must be a whole number, not a string",
    );
    assert_has(
        &stderr,
        "hint: write a whole number without quotes, for example level = 1",
    );
}

#[test]
fn a_level_out_of_range_names_the_choices() {
    let project = handout(&format!(
        "{TITLE}\n[[block]]\ntype = \"heading\"\ntext = \"H\"\nlevel = 3\n"
    ));
    let stderr = build_fails(&project, "a.toml");
    assert_has(&stderr, "a.toml:7:9: error: `level` must be 1 or 2, not 3");
}

// ---------------------------------------------------------------------------
// Missing and empty values

#[test]
fn a_missing_title_is_shown_whole() {
    let project = handout("[handout]\nsubtitle = \"For families\"\n");
    let stderr = build_fails(&project, "a.toml");
    assert_eq!(
        stderr,
        r#"a.toml:1:1: error: [handout] has no `title`
   |
 1 | [handout]
   | ^
  hint: add a line such as: title = "Kratom: What Families Should Know"

built 0 PDFs into out; 1 input failed; 1 error, 0 warnings
"#
    );
}

#[test]
fn an_image_without_alt_text_is_an_error() {
    let project = handout(&format!(
        "{TITLE}\n[[block]]\ntype = \"image\"\npath = \"photo.png\"\n"
    ));
    project.bytes("photo.png", &noisy_png(4, 4));
    let stderr = build_fails(&project, "a.toml");
    assert_has(&stderr, "a.toml:4:1: error: an `image` block has no `alt`");
    assert_has(&stderr, "hint: add a line such as: alt = ");
}

#[test]
fn a_phase_without_a_label_is_an_error() {
    let project = handout(&format!(
        "{TITLE}\n[[block]]\ntype = \"timeline\"\n[[block.phase]]\nwhen = \"Day 1\"\n"
    ));
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:6:1: error: phase 1 of the timeline has no `label`",
    );
    assert_has(&stderr, "hint: add a line such as: label = ");
}

#[test]
fn empty_items_are_an_error() {
    let project = handout(&format!(
        "{TITLE}\n[[block]]\ntype = \"bullets\"\nitems = []\n"
    ));
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:6:9: error: `items` in a `bullets` block is empty",
    );
    assert_has(
        &stderr,
        "hint: add at least one item in quotes, or remove the block",
    );
}

#[test]
fn an_empty_item_is_an_error() {
    let project = handout(&format!(
        "{TITLE}\n[[block]]\ntype = \"steps\"\nitems = [\"One\", \"  \"]\n"
    ));
    let stderr = build_fails(&project, "a.toml");
    assert_has(&stderr, "a.toml:6:17: error: this item is empty");
}

#[test]
fn a_timeline_with_no_phases_is_an_error() {
    let project = handout(&format!(
        "{TITLE}\n[[block]]\ntype = \"timeline\"\ntitle = \"How it goes\"\n"
    ));
    let stderr = build_fails(&project, "a.toml");
    assert_has(&stderr, "a.toml:5:8: error: this timeline has no phases");
    assert_has(
        &stderr,
        "hint: add phases, each starting with [[block.phase]]",
    );
}

#[test]
fn a_timeline_with_seven_phases_points_at_the_seventh() {
    let mut text = format!("{TITLE}\n[[block]]\ntype = \"timeline\"\n");
    for i in 1..=7 {
        text.push_str(&format!("[[block.phase]]\nlabel = \"Phase {i}\"\n"));
    }
    let project = handout(&text);
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:18:1: error: this timeline has 7 phases; at most 6 fit side by side",
    );
}

// ---------------------------------------------------------------------------
// Bad values

#[test]
fn a_colour_that_is_not_hex_is_an_error() {
    let project = Project::bare();
    project.file(
        "brand.toml",
        "[brand]\nname = \"Clinic\"\naccent = \"teal\"\n",
    );
    project.file("a.toml", TITLE);
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "brand.toml:3:10: error: `accent` is not a colour: \"teal\"",
    );
    assert_has(&stderr, "hint: write a colour as # and six hex digits");
}

#[test]
fn a_month_13_is_not_a_date() {
    let project = handout("[handout]\ntitle = \"A\"\nreviewed = \"2026-13-01\"\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:3:12: error: `reviewed` is not a date: \"2026-13-01\" has month 13, but months go from 01 to 12",
    );
    assert_has(&stderr, "hint: write the date as \"YYYY-MM-DD\"");
}

#[test]
fn next_week_is_not_a_date() {
    let project = handout("[handout]\ntitle = \"A\"\nnext_review = \"next week\"\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:3:15: error: `next_review` is not a date: \"next week\" is not written as year-month-day",
    );
}

#[test]
fn a_bare_toml_date_that_does_not_exist_is_an_error() {
    let project = handout("[handout]\ntitle = \"A\"\nreviewed = 2026-13-01\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(&stderr, "a.toml:3:12: error: this is not a real date");
}

#[test]
fn a_misspelt_paper_gets_a_suggestion() {
    let project = handout("[handout]\ntitle = \"A\"\npaper = \"leter\"\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(&stderr, "a.toml:3:9: error: unknown paper size \"leter\"");
    assert_has(
        &stderr,
        "hint: did you mean \"letter\"? the choices are \"letter\", \"a4\", \"legal\"",
    );
}

#[test]
fn a_language_name_is_turned_into_its_code() {
    let project = handout("[handout]\ntitle = \"A\"\nlang = \"Spanish\"\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(&stderr, "a.toml:3:8: error: unknown language \"Spanish\"");
    assert_has(&stderr, "hint: did you mean \"es\"?");
}

#[test]
fn max_pages_zero_is_an_error() {
    let project = handout("[handout]\ntitle = \"A\"\nmax_pages = 0\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:3:13: error: `max_pages` must be 1 or more, not 0",
    );
}

#[test]
fn an_image_width_above_one_is_an_error() {
    let project = handout(&format!("{}width = 1.5\n", image_handout("p.png")));
    project.bytes("p.png", &noisy_png(4, 4));
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:8:9: error: `width` must be more than 0 and at most 1, not 1.5",
    );
    assert_has(&stderr, "hint: it is a fraction of the text width");
}

#[test]
fn an_image_width_of_zero_is_an_error() {
    let project = handout(&format!("{}width = 0\n", image_handout("p.png")));
    project.bytes("p.png", &noisy_png(4, 4));
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:8:9: error: `width` must be more than 0 and at most 1, not 0",
    );
}

// ---------------------------------------------------------------------------
// Tables

/// A handout with one table block of these lines; they start at line 6.
fn table_handout(lines: &str) -> Project {
    handout(&format!("{TITLE}\n[[block]]\ntype = \"table\"\n{lines}"))
}

#[test]
fn a_row_with_too_few_cells_is_pointed_at() {
    let project = table_handout(
        "header = [\"Week\", \"Plan\", \"Notes\"]\nrows = [\n  [\"1\", \"\", \"\"],\n  [\"2\", \"\"],\n]\n",
    );
    let stderr = build_fails(&project, "a.toml");
    assert_eq!(
        stderr,
        r#"a.toml:9:3: error: row 2 of the table has 2 cells, but the header has 3
   |
 9 |   ["2", ""],
   |   ^^^^^^^^^
  hint: give every row 3 cells, in the header's order; write "" for a cell left empty

built 0 PDFs into out; 1 input failed; 1 error, 0 warnings
"#
    );
}

#[test]
fn a_row_with_too_many_cells_is_pointed_at() {
    let project = table_handout("header = [\"Week\"]\nrows = [[\"1\"], [\"2\", \"x\"]]\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:7:16: error: row 2 of the table has 2 cells, but the header has 1",
    );
}

#[test]
fn a_table_without_a_header_is_an_error() {
    let project = table_handout("rows = [[\"1\", \"\"]]\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:4:1: error: a `table` block has no `header`",
    );
    assert_has(
        &stderr,
        "hint: add the header row, one text a column: header = [",
    );
}

#[test]
fn an_empty_header_is_an_error() {
    let project = table_handout("header = []\nrows = [[\"1\"]]\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:6:10: error: `header` in a `table` block is empty",
    );
    assert_has(&stderr, "hint: name each column in quotes: header = [");
}

#[test]
fn an_empty_header_cell_is_an_error() {
    let project = table_handout("header = [\"Week\", \"\"]\nrows = [[\"1\", \"\"]]\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(&stderr, "a.toml:6:19: error: this header cell is empty");
}

#[test]
fn a_table_without_rows_is_an_error() {
    let project = table_handout("header = [\"Week\", \"Plan\"]\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(&stderr, "a.toml:4:1: error: a `table` block has no `rows`");
    assert_has(
        &stderr,
        "hint: add the rows, each a list of cells: rows = [[\"\", \"\"]]",
    );
}

#[test]
fn empty_rows_are_an_error() {
    let project = table_handout("header = [\"Week\", \"Plan\"]\nrows = []\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:7:8: error: `rows` in a `table` block is empty",
    );
    assert_has(
        &stderr,
        "hint: add at least one row, such as rows = [[\"\", \"\"]]",
    );
}

#[test]
fn a_row_without_its_own_brackets_is_told_to_add_them() {
    let project = table_handout("header = [\"Week\", \"Plan\"]\nrows = [\"1\", \"\"]\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:7:8: error: each row of `rows` must be a list of cells in square brackets of its own",
    );
    assert_has(
        &stderr,
        "hint: put each row in square brackets of its own, inside the list: rows = [[\"1\", \"\"]]",
    );
}

#[test]
fn a_cell_that_is_a_number_is_told_to_quote_it() {
    let project = table_handout("header = [\"Week\", \"Plan\"]\nrows = [[1, \"\"]]\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:7:10: error: each cell of a table must be text in quotes, not a whole number",
    );
    assert_has(&stderr, "hint: put it in double quotes: \"1\"");
}

#[test]
fn widths_of_the_wrong_count_are_an_error() {
    let project = table_handout(
        "header = [\"Week\", \"Plan\", \"Notes\"]\nrows = [[\"1\", \"\", \"\"]]\nwidths = [1, 3]\n",
    );
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:8:10: error: `widths` has 2 numbers, but the table has 3 columns",
    );
    assert_has(
        &stderr,
        "hint: give one width a column, in the header's order, such as widths = [1, 1, 1]",
    );
}

#[test]
fn a_width_of_zero_or_below_is_an_error() {
    for (width, col) in [("0", 14), ("-2", 14)] {
        let project = table_handout(&format!(
            "header = [\"Week\", \"Plan\"]\nrows = [[\"1\", \"\"]]\nwidths = [1, {width}]\n"
        ));
        let stderr = build_fails(&project, "a.toml");
        assert_has(
            &stderr,
            &format!("a.toml:8:{col}: error: a column width must be a number above 0, not {width}"),
        );
        assert_has(
            &stderr,
            "hint: widths are relative: widths = [1, 1, 3] makes",
        );
    }
}

#[test]
fn a_width_that_is_not_a_number_is_an_error() {
    let project = table_handout(
        "header = [\"Week\", \"Plan\"]\nrows = [[\"1\", \"\"]]\nwidths = [1, \"wide\"]\n",
    );
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:8:14: error: each entry of `widths` must be a number, not a string",
    );
    let project = table_handout(
        "header = [\"Week\", \"Plan\"]\nrows = [[\"1\", \"\"]]\nwidths = [1, \"2\"]\n",
    );
    let stderr = build_fails(&project, "a.toml");
    assert_has(&stderr, "hint: write the number without quotes: 2");
}

#[test]
fn seven_columns_are_too_many_and_the_seventh_is_pointed_at() {
    let project = table_handout(
        "header = [\"A\", \"B\", \"C\", \"D\", \"E\", \"F\", \"G\"]\nrows = [[\"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\"]]\n",
    );
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:6:41: error: this table has 7 columns; at most 6 fit across a page",
    );
    assert_has(
        &stderr,
        "hint: merge columns, or split the table into two tables",
    );
}

// ---------------------------------------------------------------------------
// Paths

#[test]
fn a_missing_image_says_where_it_looked() {
    let project = handout(&image_handout("pictures/family.png"));
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:6:8: error: the image \"pictures/family.png\" does not exist",
    );
    assert_has(&stderr, "hint: looked for pictures/family.png;");
}

#[test]
fn a_missing_logo_is_an_error_in_the_brand_file() {
    let project = Project::bare();
    project.file(
        "brand.toml",
        "[brand]\nname = \"Clinic\"\nlogo = \"logo.png\"\n",
    );
    project.file("a.toml", TITLE);
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "brand.toml:3:8: error: the logo \"logo.png\" does not exist",
    );
}

#[test]
fn a_missing_brand_file_is_pointed_at() {
    let project = handout("[handout]\ntitle = \"A\"\nbrand = \"brands/riverbend.toml\"\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:3:9: error: the brand file \"brands/riverbend.toml\" does not exist",
    );
    assert_has(&stderr, "hint: paths are relative to this file");
}

#[test]
fn no_brand_anywhere_is_an_error() {
    let project = Project::bare();
    project.file("a.toml", TITLE);
    let stderr = build_fails(&project, "a.toml");
    assert_has(&stderr, "a.toml: error: no brand found");
    assert_has(&stderr, "hint: add brand = ");
}

#[test]
fn a_missing_packet_handout_is_pointed_at() {
    let project = Project::new();
    project.file("b.toml", TITLE);
    project.file(
        "p.toml",
        "[packet]\ntitle = \"Packet\"\nhandouts = [\"b.toml\", \"missing.toml\"]\n",
    );
    let stderr = build_fails(&project, "p.toml");
    assert_has(
        &stderr,
        "p.toml:3:23: error: the handout \"missing.toml\" does not exist",
    );
    assert_has(&stderr, "hint: paths are relative to the packet file");
}

#[test]
fn a_folder_named_as_an_image_is_an_error() {
    let project = handout(&image_handout("pictures"));
    std::fs::create_dir_all(project.path("pictures")).expect("folder");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:6:8: error: the image \"pictures\" is a folder, not a file",
    );
    assert_has(&stderr, "hint: name a .png or .jpg file");
}

#[test]
fn a_folder_named_as_a_brand_is_not_said_to_be_missing() {
    let project = handout("[handout]\ntitle = \"A\"\nbrand = \"brands\"\n");
    std::fs::create_dir_all(project.path("brands")).expect("folder");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:3:9: error: the brand file \"brands\" is a folder, not a brand file",
    );
}

#[test]
fn a_folder_named_as_a_packet_handout_is_an_error() {
    let project = Project::new();
    std::fs::create_dir_all(project.path("handouts")).expect("folder");
    project.file(
        "p.toml",
        "[packet]\ntitle = \"Packet\"\nhandouts = [\"handouts\"]\n",
    );
    let stderr = build_fails(&project, "p.toml");
    assert_has(
        &stderr,
        "p.toml:3:13: error: the handout \"handouts\" is a folder, not a handout file",
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_says_permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let project = handout(TITLE);
    let path = project.path("a.toml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reading, so there is nothing to test.
        eprintln!("skipped: this user can read a file with mode 000");
        return;
    }
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml: error: the file cannot be read: permission denied",
    );
}

#[test]
fn paths_are_relative_to_the_file_that_names_them() {
    let project = Project::new();
    project.file("guides/es/a.toml", &image_handout("photo.png"));
    project.bytes("guides/es/photo.png", &noisy_png(40, 30));
    let run = project.run(&["build", "guides", "-o", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = Pdf::load(&project.path("out/es/a.pdf"));
    assert_eq!(pdf.page_count(), 1);
}

// ---------------------------------------------------------------------------
// Text

#[test]
fn text_that_is_not_utf8_points_at_the_first_bad_byte() {
    let project = Project::new();
    project.bytes("a.toml", b"[handout]\ntitle = \"Caf\xe9 con leche\"\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:2:13: error: the file is not valid UTF-8 text: the byte 0xE9 cannot be read as a character",
    );
    assert_has(&stderr, "hint: save the file as UTF-8");
}

#[test]
fn a_check_mark_no_font_has_is_named_with_its_code_point() {
    let project = handout(&format!(
        "{TITLE}\n[[block]]\ntype = \"text\"\ntext = \"Done ✓ today\"\n"
    ));
    let stderr = build_fails(&project, "a.toml");
    assert_eq!(
        stderr,
        "a.toml:6:14: error: the character ‘✓’ (U+2713) is not in the font, so it cannot be printed
   |
 6 | text = \"Done ✓ today\"
   |              ^
  hint: use a `checklist` block for tick boxes instead of a check mark

built 0 PDFs into out; 1 input failed; 1 error, 0 warnings
"
    );
}

#[test]
fn an_emoji_in_a_list_item_is_pointed_at() {
    let project = handout(&format!(
        "{TITLE}\n[[block]]\ntype = \"bullets\"\nitems = [\"Rest\", \"Smile 😀 often\"]\n"
    ));
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:6:25: error: the character ‘😀’ (U+1F600) is not in the font",
    );
    assert_has(&stderr, "hint: remove the emoji");
}

#[test]
fn a_character_in_a_packet_title_is_checked_too() {
    let project = Project::new();
    project.file("b.toml", TITLE);
    project.file(
        "p.toml",
        "[packet]\ntitle = \"Packet ✓\"\nhandouts = [\"b.toml\"]\n",
    );
    let stderr = build_fails(&project, "p.toml");
    assert_has(
        &stderr,
        "p.toml:2:17: error: the character ‘✓’ (U+2713) is not in the font",
    );
}

#[test]
fn open_markup_is_a_warning_and_the_build_goes_on() {
    let project = handout(&format!(
        "{TITLE}\n[[block]]\ntype = \"text\"\ntext = \"\"\"\nFirst paragraph.\n\nThis is **bold and\nthis *italic never ends.\n\"\"\"\n"
    ));
    let run = project.run(&["build", "a.toml", "-o", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_has(
        &run.stderr,
        "a.toml:9:9: warning: this `**` never closes, so it is printed as it is",
    );
    assert_has(&run.stderr, "hint: end the bold words with `**`");
    assert_has(
        &run.stderr,
        "a.toml:10:6: warning: this `*` never closes, so it is printed as it is",
    );
    let pdf = Pdf::load(&project.path("out/a.pdf"));
    assert!(pdf.all_text().contains("**bold"), "{}", pdf.all_text());
}

// ---------------------------------------------------------------------------
// Images

#[test]
fn a_truncated_png_is_cut_short() {
    let project = handout(&image_handout("p.png"));
    let whole = noisy_png(60, 40);
    project.bytes("p.png", &whole[..whole.len() / 2]);
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:6:8: error: the image \"p.png\" is cut short: the file ends before the picture does",
    );
    assert_has(&stderr, "hint: open the picture in an image editor");
}

#[test]
fn a_truncated_jpeg_is_cut_short() {
    let project = handout(&image_handout("p.jpg"));
    let whole = jpeg(64, 48);
    project.bytes("p.jpg", &whole[..whole.len() / 2]);
    let stderr = build_fails(&project, "a.toml");
    assert_has(&stderr, "a.toml:6:8: error: the image \"p.jpg\" is ");
    assert_has(&stderr, "hint: open the picture in an image editor");
}

#[test]
fn a_text_file_named_png_is_not_an_image() {
    let project = handout(&image_handout("p.png"));
    project.file("p.png", "this is not a picture\n");
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:6:8: error: the image \"p.png\" is not a PNG or JPEG image",
    );
}

#[test]
fn a_png_claiming_100000_pixels_a_side_fails_fast() {
    let project = handout(&image_handout("p.png"));
    // A valid header (with its CRC) over a few bytes of data.
    project.bytes("p.png", &png(100_000, 100_000, &[0; 64]));
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:6:8: error: the image \"p.png\" is 100000 × 100000 pixels, too large to use",
    );
    assert_has(&stderr, "hint: save a smaller copy of the picture");
}

#[test]
fn a_huge_photo_as_a_logo_is_scaled_down() {
    let project = Project::bare();
    project.file(
        "brand.toml",
        "[brand]\nname = \"Clinic\"\nlogo = \"photo.jpg\"\n",
    );
    project.bytes("photo.jpg", &noisy_jpeg(4000, 3000));
    project.file("a.toml", TITLE);
    let pdf = project.build("a.toml");
    assert_eq!(pdf.page_count(), 1);
    assert!(
        pdf.bytes.len() < 200_000,
        "the PDF is {} bytes",
        pdf.bytes.len()
    );
}

#[test]
fn a_huge_png_as_a_logo_is_scaled_down() {
    let project = Project::bare();
    project.file(
        "brand.toml",
        "[brand]\nname = \"Clinic\"\nlogo = \"photo.png\"\n",
    );
    project.bytes("photo.png", &noisy_png(4000, 3000));
    project.file("a.toml", TITLE);
    let pdf = project.build("a.toml");
    // Noise does not compress: the logo is at most 533 × 400 pixels of it.
    assert!(
        pdf.bytes.len() < 700_000,
        "the PDF is {} bytes",
        pdf.bytes.len()
    );
}

// ---------------------------------------------------------------------------
// Brand fonts

#[test]
fn brand_fonts_that_are_not_fonts_are_each_reported() {
    let project = Project::bare();
    project.file(
        "brand.toml",
        "[brand]\nname = \"Clinic\"\n\n[brand.fonts]\nregular = \"fonts/Regular.ttf\"\nbold = \"fonts/Bold.ttf\"\nitalic = \"fonts/Italic.ttf\"\n",
    );
    project.file("fonts/Regular.ttf", "not a font");
    project.bytes("fonts/Bold.ttf", &[0, 1, 0, 0, 0, 4, 0, 0]);
    project.file("a.toml", TITLE);
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "brand.toml:5:11: error: the regular font \"fonts/Regular.ttf\" is not a font file this tool can read",
    );
    assert_has(
        &stderr,
        // It starts as a TrueType font does, so it is a font cut short.
        "brand.toml:6:8: error: the bold font \"fonts/Bold.ttf\" is damaged: the file is cut short",
    );
    assert_has(
        &stderr,
        "brand.toml:7:10: error: the italic font \"fonts/Italic.ttf\" does not exist",
    );
}

#[test]
fn brand_fonts_that_are_folders_empty_or_too_large_are_each_reported() {
    // Font files are mapped into memory, not read: the same checks must hold.
    let project = Project::bare();
    project.file(
        "brand.toml",
        "[brand]\nname = \"Clinic\"\n\n[brand.fonts]\nregular = \"fonts/Regular.ttf\"\nbold = \"fonts/Bold.ttf\"\nitalic = \"fonts/Italic.ttf\"\n",
    );
    std::fs::create_dir_all(project.path("fonts/Regular.ttf")).expect("folder");
    project.bytes("fonts/Bold.ttf", b"");
    project.bytes("fonts/Italic.ttf", b"");
    // Sparse: 65 MB on paper, nothing on the disk.
    let big = std::fs::OpenOptions::new()
        .write(true)
        .open(project.path("fonts/Italic.ttf"))
        .expect("open");
    big.set_len(65 * 1024 * 1024).expect("set_len");
    project.file("a.toml", TITLE);
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "brand.toml:5:11: error: the regular font \"fonts/Regular.ttf\" is a folder, not a file",
    );
    assert_has(
        &stderr,
        "brand.toml:6:8: error: the bold font \"fonts/Bold.ttf\" is empty (0 bytes)",
    );
    assert_has(&stderr, "hint: copy the font file again");
    assert_has(
        &stderr,
        "brand.toml:7:10: error: the italic font \"fonts/Italic.ttf\" is larger than the 64 MB allowed",
    );
    assert_has(&stderr, "hint: a font file is a few MB at most");
}

#[test]
fn a_named_pipe_as_a_brand_font_is_refused_without_waiting_for_it() {
    let project = Project::bare();
    project.file(
        "brand.toml",
        "[brand]\nname = \"Clinic\"\n\n[brand.fonts]\nregular = \"pipe.ttf\"\n",
    );
    let made = std::process::Command::new("mkfifo")
        .arg(project.path("pipe.ttf"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    project.file("a.toml", TITLE);
    // Opening the pipe would block until a writer came: the build would hang.
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "brand.toml:5:11: error: the regular font \"pipe.ttf\" is not an ordinary file (a device or a pipe)",
    );
}

#[test]
fn a_brand_font_without_a_character_the_text_needs_names_it() {
    let project = Project::bare();
    let regular =
        util::repo("fonts/atkinson-hyperlegible-next/AtkinsonHyperlegibleNext-Regular.ttf");
    project.bytes(
        "fonts/Regular.ttf",
        &std::fs::read(regular).expect("bundled font"),
    );
    project.file(
        "brand.toml",
        "[brand]\nname = \"Clinic\"\n\n[brand.fonts]\nregular = \"fonts/Regular.ttf\"\n",
    );
    project.file(
        "a.toml",
        &format!("{TITLE}\n[[block]]\ntype = \"text\"\ntext = \"Ask for 中文 help\"\n"),
    );
    let stderr = build_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:6:17: error: the character ‘中’ (U+4E2D) is not in the font, so it cannot be printed",
    );
    assert_has(&stderr, "[brand.fonts]");
}

// ---------------------------------------------------------------------------
// Very large inputs: each finishes, with a clear error where one is due

#[test]
fn a_100000_word_text_builds() {
    let words = [
        "water", "sleep", "family", "kratom", "doctor", "call", "help",
    ];
    let text: Vec<&str> = (0..100_000).map(|i| words[i * 7 % words.len()]).collect();
    let project = handout(&format!(
        "{TITLE}\n[[block]]\ntype = \"text\"\ntext = \"\"\"\n{}\n\"\"\"\n",
        text.join(" ")
    ));
    let pdf = project.build("a.toml");
    assert!(pdf.page_count() > 50, "{} pages", pdf.page_count());
}

#[test]
fn five_thousand_bullets_build() {
    let items: Vec<String> = (0..5000).map(|i| format!("\"Item {i}\"")).collect();
    let project = handout(&format!(
        "{TITLE}\n[[block]]\ntype = \"bullets\"\nitems = [{}]\n",
        items.join(", ")
    ));
    let pdf = project.build("a.toml");
    assert!(pdf.page_count() > 50, "{} pages", pdf.page_count());
}

#[test]
fn a_2000_character_word_is_cut_to_fit() {
    let project = handout(&format!(
        "{TITLE}\n[[block]]\ntype = \"text\"\ntext = \"{}\"\n",
        "a".repeat(2000)
    ));
    let pdf = project.build("a.toml");
    assert!(pdf.page_count() >= 1);
}

#[test]
fn a_2000_character_heading_taller_than_a_page_names_the_block() {
    let project = handout(&format!(
        "{TITLE}\n[[block]]\ntype = \"heading\"\ntext = \"{}\"\n",
        "b".repeat(2000)
    ));
    let stderr = build_fails(&project, "a.toml");
    assert_has(&stderr, "a.toml:5:8: error:");
    assert_has(&stderr, "taller than a page");
}

#[test]
fn a_callout_taller_than_a_page_names_the_block() {
    let items: Vec<String> = (0..200)
        .map(|i| format!("\"Callout item {i} with a few words\""))
        .collect();
    let project = handout(&format!(
        "{TITLE}\n[[block]]\ntype = \"text\"\ntext = \"Before.\"\n\n[[block]]\ntype = \"callout\"\ntitle = \"Call 911 if\"\nitems = [{}]\n",
        items.join(", ")
    ));
    let stderr = build_fails(&project, "a.toml");
    assert_has(&stderr, "a.toml:9:8: error:");
    assert_has(&stderr, "taller than a page");
    assert_has(&stderr, " 9 | type = \"callout\"");
}

#[test]
fn a_timeline_taller_than_a_page_names_the_block() {
    let mut text = format!("{TITLE}\n[[block]]\ntype = \"timeline\"\n");
    for phase in 0..3 {
        let items: Vec<String> = (0..80).map(|i| format!("\"Thing {i}\"")).collect();
        text.push_str(&format!(
            "[[block.phase]]\nlabel = \"Phase {phase}\"\nitems = [{}]\n",
            items.join(", ")
        ));
    }
    let project = handout(&text);
    let stderr = build_fails(&project, "a.toml");
    assert_has(&stderr, "a.toml:5:8: error:");
    assert_has(&stderr, "taller than a page");
    assert_has(&stderr, " 5 | type = \"timeline\"");
}

#[test]
fn a_definition_over_8_mb_is_refused_before_parsing() {
    let project = Project::new();
    let mut big = String::from(TITLE);
    big.push_str(&"# padding\n".repeat(900_000));
    project.file("a.toml", &big);
    let stderr = build_fails(&project, "a.toml");
    assert_has(&stderr, "a.toml: error: the file is more than the 8 MB");
}

// ---------------------------------------------------------------------------
// Output

#[test]
fn an_output_folder_that_is_a_file_is_an_error() {
    let project = handout(TITLE);
    project.file("out", "I am a file\n");
    let run = project.run(&["build", "a.toml", "-o", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_has(
        &run.stderr,
        "out: error: cannot create the output folder: out is a file, not a folder",
    );
    assert_has(&run.stderr, "hint: choose another folder with -o");
    assert_eq!(
        std::fs::read_to_string(project.path("out")).expect("still a file"),
        "I am a file\n"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_pdf_untouched_and_no_temp_file() {
    let project = handout(TITLE);
    let first = project.build("a.toml");
    project.file("a.toml", "[handout]\ntitle = \"A\"\ntitel = \"typo\"\n");
    let run = project.run(&["build", "a.toml", "-o", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let after = std::fs::read(project.path("out/a.pdf")).expect("the old PDF is still there");
    assert_eq!(after, first.bytes);
    let files = files_under(&project.path("out"));
    assert_eq!(files, vec![project.path("out/a.pdf")], "{files:?}");
}

#[test]
fn a_folder_where_the_pdf_goes_is_an_error() {
    let project = handout(TITLE);
    std::fs::create_dir_all(project.path("out/a.pdf")).expect("folder");
    let run = project.run(&["build", "a.toml", "-o", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_has(
        &run.stderr,
        "error: cannot write the PDF: a folder with this name is in the way",
    );
    // Only the folder that was in the way: no temporary file left behind.
    assert!(files_under(&project.path("out")).is_empty());
}

// ---------------------------------------------------------------------------
// check: every problem, and --json

const SEVERAL: &str = r#"[handout]
titel = "Kratom"
paper = "leter"
reviewed = "2026-13-01"

[[block]]
type = "buletts"

[[block]]
type = "heading"
text = "H"
level = "one"

[[block]]
type = "image"
path = "missing.png"
"#;

#[test]
fn check_lists_every_problem_in_a_file() {
    let project = handout(SEVERAL);
    let stderr = check_fails(&project, "a.toml");
    for expected in [
        "a.toml:2:1: error: unknown key `titel` in [handout]",
        "a.toml:3:9: error: unknown paper size \"leter\"",
        "a.toml:4:12: error: `reviewed` is not a date",
        "a.toml:7:8: error: unknown block type \"buletts\"",
        "a.toml:12:9: error: `level` in a `heading` block must be a whole number",
        "a.toml:14:1: error: an `image` block has no `alt`",
        "a.toml:16:8: error: the image \"missing.png\" does not exist",
    ] {
        assert_has(&stderr, expected);
    }
    assert_eq!(stderr.matches(": error: ").count(), 7, "{stderr}");
    assert!(files_under(&project.path("out")).is_empty());
}

#[test]
fn check_json_gives_the_diagnostics_as_data() {
    let project = handout(SEVERAL);
    let run = project.run(&["check", "a.toml", "--json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    let input = &json["inputs"][0];
    assert_eq!(input["input"], "a.toml");
    assert_eq!(input["status"], "failed");
    let errors = input["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 7, "{errors:#?}");
    let first = &errors[0];
    assert_eq!(first["file"], "a.toml");
    assert_eq!(first["line"], 2);
    assert_eq!(first["column"], 1);
    assert_eq!(first["message"], "unknown key `titel` in [handout]");
    assert!(first["hint"]
        .as_str()
        .is_some_and(|h| h.starts_with("did you mean `title`?")));
    for error in errors {
        let message = error["message"].as_str().expect("message");
        assert!(!message.ends_with('.'), "{message}");
        assert!(
            !message.starts_with(|c: char| c.is_uppercase()),
            "{message}"
        );
        assert!(error["line"].as_u64().is_some(), "{error}");
    }
}

#[test]
fn check_reports_a_typo_and_an_undrawable_character_together() {
    let project = handout(
        "[handout]\ntitle = \"A\"\nsubtitel = \"x\"\n\n[[block]]\ntype = \"text\"\ntext = \"Done ✓\"\n",
    );
    let stderr = check_fails(&project, "a.toml");
    assert_has(
        &stderr,
        "a.toml:3:1: error: unknown key `subtitel` in [handout]",
    );
    assert_has(
        &stderr,
        "a.toml:7:14: error: the character ‘✓’ (U+2713) is not in the font",
    );
}
