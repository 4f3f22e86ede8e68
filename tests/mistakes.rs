//! The mistakes clinic staff make most often, each with the whole message it
//! gets; and how diagnostics are printed: colour, `--quiet` and the closing count.

mod util;

use util::Project;

/// `check a.toml` on a handout with this text: exit 1, and the whole of stderr.
fn check(text: &str) -> String {
    let project = Project::new();
    project.file("a.toml", text);
    let run = project.run(&["check", "a.toml"]);
    assert_eq!(run.code, 1, "expected exit 1:\n{}", run.stderr);
    run.stderr
}

#[test]
fn an_unquoted_phone_number_is_told_to_be_quoted() {
    let stderr = check(
        "[handout]\ntitle = \"A sheet\"\n\n[[block]]\ntype = \"contacts\"\nitems = [{ label = \"Clinic\", value = 804-555-0100 }]\n",
    );
    assert_eq!(
        stderr,
        r#"a.toml:6:38: error: the phone number 804-555-0100 is not in quotes, so it cannot be read
   |
 6 | items = [{ label = "Clinic", value = 804-555-0100 }]
   |                                      ^^^^^^^^^^^^
  hint: put it in double quotes: value = "804-555-0100"

checked 1 file: 1 with errors; 1 error, 0 warnings
"#
    );
    let project = Project::bare();
    project.file(
        "brand.toml",
        "[brand]\nname = \"Clinic\"\nphone = (804) 555-0100\n",
    );
    let run = project.run(&["check", "brand.toml"]);
    assert_eq!(
        run.stderr,
        r#"brand.toml:3:9: error: the phone number (804) 555-0100 is not in quotes, so it cannot be read
   |
 3 | phone = (804) 555-0100
   |         ^^^^^^^^^^^^^^
  hint: put it in double quotes: phone = "(804) 555-0100"

checked 1 file: 1 with errors; 1 error, 0 warnings
"#
    );
}

#[test]
fn a_broken_date_is_still_a_date() {
    let stderr = check("[handout]\ntitle = \"A sheet\"\nreviewed = 2026-13-01\n");
    assert_eq!(
        stderr,
        r#"a.toml:3:12: error: this is not a real date: expected month between 01 and 12
   |
 3 | reviewed = 2026-13-01
   |            ^^^^^^^^^^
  hint: write dates as "YYYY-MM-DD", for example "2026-11-01"

checked 1 file: 1 with errors; 1 error, 0 warnings
"#
    );
}

#[test]
fn a_single_bracket_block_given_twice_asks_for_double_brackets() {
    let stderr = check(
        "[handout]\ntitle = \"A sheet\"\n\n[block]\ntype = \"text\"\ntext = \"One\"\n\n[block]\ntype = \"text\"\ntext = \"Two\"\n",
    );
    assert_eq!(
        stderr,
        r#"a.toml:8:2: error: [block] is written with single brackets, so it can appear only once
   |
 8 | [block]
   |  ^^^^^
  hint: start each block with [[block]], with double brackets, here and above

checked 1 file: 1 with errors; 1 error, 0 warnings
"#
    );
    let stderr = check(
        "[handout]\ntitle = \"A sheet\"\n\n[[block]]\ntype = \"timeline\"\n[block.phase]\nlabel = \"First\"\n[block.phase]\nlabel = \"Second\"\n",
    );
    assert_eq!(
        stderr,
        r#"a.toml:8:8: error: [block.phase] is written with single brackets, so it can appear only once
   |
 8 | [block.phase]
   |        ^^^^^
  hint: start each phase with [[block.phase]], with double brackets, here and above

checked 1 file: 1 with errors; 1 error, 0 warnings
"#
    );
}

#[test]
fn a_phase_outside_a_block_asks_for_block_phase() {
    let stderr = check("[handout]\ntitle = \"A sheet\"\n\n[[phase]]\nlabel = \"First\"\n");
    assert_eq!(
        stderr,
        r#"a.toml:4:3: error: `[[phase]]` is outside a block
   |
 4 | [[phase]]
   |   ^^^^^
  hint: a phase belongs to a timeline: write [[block.phase]], below a [[block]] with type = "timeline"

checked 1 file: 1 with errors; 1 error, 0 warnings
"#
    );
}

#[test]
fn a_type_line_under_a_phase_is_pointed_at() {
    let stderr = check(
        "[handout]\ntitle = \"A sheet\"\n\n[[block]]\ntitle = \"How it goes\"\n[[block.phase]]\ntype = \"timeline\"\nlabel = \"First\"\n",
    );
    assert_eq!(
        stderr,
        r#"a.toml:7:1: error: the `type` line of block 1 is below its [[block.phase]]
   |
 7 | type = "timeline"
   | ^^^^
  hint: move type = "timeline" up, under [[block]] and above the first [[block.phase]]: lines below a [[block.phase]] belong to that phase

checked 1 file: 1 with errors; 1 error, 0 warnings
"#
    );
}

#[test]
fn an_invisible_character_is_named() {
    let stderr = check(
        "[handout]\ntitle = \"A sheet\"\n\n[[block]]\ntype\u{a0}= \"text\"\ntext = \"Hello\"\n",
    );
    assert_eq!(
        stderr,
        "a.toml:5:5: error: this line has a no-break space (U+00A0), which looks like a space or nothing at all but is not allowed here
   |
 5 | type\u{a0}= \"text\"
   |     ^
  hint: delete it and type an ordinary space if one is needed; it often comes along when text is pasted from a word processor or a web page

checked 1 file: 1 with errors; 1 error, 0 warnings
"
    );
    let stderr = check("[handout]\n\u{200b}title = \"A sheet\"\n");
    assert_eq!(
        stderr,
        "a.toml:2:1: error: this line has a zero-width space (U+200B), which looks like a space or nothing at all but is not allowed here
   |
 2 | \u{200b}title = \"A sheet\"
   | ^
  hint: delete it and type an ordinary space if one is needed; it often comes along when text is pasted from a word processor or a web page

checked 1 file: 1 with errors; 1 error, 0 warnings
"
    );
}

#[test]
fn a_key_in_capitals_is_asked_about() {
    let stderr =
        check("[handout]\ntitle = \"A sheet\"\n\n[[block]]\nType = \"text\"\ntext = \"Hello\"\n");
    assert_eq!(
        stderr,
        r#"a.toml:5:1: error: unknown key `Type` in block 1
   |
 5 | Type = "text"
   | ^^^^
  hint: did you mean `type`? keys are written in small letters

checked 1 file: 1 with errors; 1 error, 0 warnings
"#
    );
    let stderr = check("[handout]\nTITLE = \"A sheet\"\n");
    assert_eq!(
        stderr,
        r#"a.toml:2:1: error: unknown key `TITLE` in [handout]
   |
 2 | TITLE = "A sheet"
   | ^^^^^
  hint: did you mean `title`? keys are written in small letters; [handout] allows `title`, `subtitle`, `brand`, `paper`, `lang`, `reviewed`, `next_review`, `max_pages`, `reading_grade`, `translation_of`

checked 1 file: 1 with errors; 1 error, 0 warnings
"#
    );
}

#[test]
fn a_block_without_type_but_with_tone_is_not_told_about_type_spelling() {
    let stderr = check(
        "[handout]\ntitle = \"A sheet\"\n\n[[block]]\ntone = \"warning\"\ntext = \"Hello\"\n",
    );
    assert_eq!(
        stderr,
        r#"a.toml:4:1: error: block 1 has no `type`
   |
 4 | [[block]]
   | ^
  hint: add a line such as: type = "text"

checked 1 file: 1 with errors; 1 error, 0 warnings
"#
    );
}

#[test]
fn a_curly_closing_quote_is_named() {
    let stderr = check("[handout]\ntitle = \"A sheet”\n");
    assert_eq!(
        stderr,
        r#"a.toml:2:17: error: this text ends with a curly quote ” (U+201D), which TOML does not take as a closing quote
   |
 2 | title = "A sheet”
   |                 ^
  hint: type a straight double quote " in its place; word processors make quotes curly, so edit the file in a plain text editor

checked 1 file: 1 with errors; 1 error, 0 warnings
"#
    );
}

#[test]
fn blocks_with_an_s_suggests_block() {
    let stderr =
        check("[handout]\ntitle = \"A sheet\"\n\n[[blocks]]\ntype = \"text\"\ntext = \"Hello\"\n");
    assert_eq!(
        stderr,
        r#"a.toml:4:3: error: unknown table `[[blocks]]`
   |
 4 | [[blocks]]
   |   ^^^^^^
  hint: did you mean `[[block]]`?

checked 1 file: 1 with errors; 1 error, 0 warnings
"#
    );
}

// ---------------------------------------------------------------------------
// Printing

/// A handout with one warning (an italic marker that never closes) and one
/// error (an unknown key).
const WARNING_AND_ERROR: &str = "[handout]\ntitle = \"A sheet\"\n\n[[block]]\ntype = \"text\"\ntext = \"Take it *slowly\"\n\n[[block]]\ntype = \"text\"\ntext = \"Two\"\nsize = 3\n";

const PLAIN: &str = r#"a.toml:6:17: warning: this `*` never closes, so it is printed as it is
   |
 6 | text = "Take it *slowly"
   |                 ^
  hint: end the italic words with `*`, or remove the marker

a.toml:11:1: error: unknown key `size` in a `text` block
    |
 11 | size = 3
    | ^^^^
  hint: a `text` block allows `type`, `text`

built 0 PDFs into out; 1 input failed; 1 error, 1 warning
"#;

#[test]
fn colour_is_off_in_a_pipe_and_with_never_and_no_color() {
    let project = Project::new();
    project.file("a.toml", WARNING_AND_ERROR);
    let run = project.run(&["build", "a.toml", "-o", "out"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, PLAIN);
    let run = project.run(&["build", "a.toml", "-o", "out", "--color", "never"]);
    assert_eq!(run.stderr, PLAIN);
    // NO_COLOR turns `auto` off; `always` is an explicit request and wins.
    let run = project.run_env(&["build", "a.toml", "-o", "out"], &[("NO_COLOR", "1")]);
    assert_eq!(run.stderr, PLAIN);
    let run = project.run_env(
        &["build", "a.toml", "-o", "out", "--color", "always"],
        &[("NO_COLOR", "1")],
    );
    assert!(run.stderr.contains("\x1b["), "{}", run.stderr);
}

#[test]
fn colour_always_paints_like_rustc() {
    let project = Project::new();
    project.file("a.toml", WARNING_AND_ERROR);
    let run = project.run(&["build", "a.toml", "-o", "out", "--color", "always"]);
    assert_eq!(run.code, 1);
    let expected = "\x1b[1ma.toml:6:17: \x1b[0m\x1b[1;33mwarning\x1b[0m\x1b[1m: this `*` never closes, so it is printed as it is\x1b[0m
\x1b[1;34m   |\x1b[0m
\x1b[1;34m 6 |\x1b[0m text = \"Take it *slowly\"
\x1b[1;34m   |\x1b[0m\x1b[1;33m                 ^\x1b[0m
  \x1b[1;36mhint\x1b[0m: end the italic words with `*`, or remove the marker

\x1b[1ma.toml:11:1: \x1b[0m\x1b[1;31merror\x1b[0m\x1b[1m: unknown key `size` in a `text` block\x1b[0m
\x1b[1;34m    |\x1b[0m
\x1b[1;34m 11 |\x1b[0m size = 3
\x1b[1;34m    |\x1b[0m\x1b[1;31m ^^^^\x1b[0m
  \x1b[1;36mhint\x1b[0m: a `text` block allows `type`, `text`

built 0 PDFs into out; 1 input failed; 1 error, 1 warning
";
    assert_eq!(run.stderr, expected);
}

#[test]
fn quiet_prints_only_the_errors() {
    let project = Project::new();
    project.file("a.toml", WARNING_AND_ERROR);
    let run = project.run(&["check", "a.toml", "--quiet"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        r#"a.toml:11:1: error: unknown key `size` in a `text` block
    |
 11 | size = 3
    | ^^^^
  hint: a `text` block allows `type`, `text`

"#
    );
    // A good build with --quiet prints nothing at all.
    project.file("a.toml", "[handout]\ntitle = \"A sheet\"\n\n[[block]]\ntype = \"text\"\ntext = \"Take it *slowly\"\n");
    let run = project.run(&["build", "a.toml", "-o", "out", "-q"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert!(project.path("out/a.pdf").is_file());
    let run = project.run(&["build", "a.toml", "-o", "out"]);
    assert_eq!(
        run.stderr,
        r#"a.toml:6:17: warning: this `*` never closes, so it is printed as it is
   |
 6 | text = "Take it *slowly"
   |                 ^
  hint: end the italic words with `*`, or remove the marker

built 1 PDF into out; 0 errors, 1 warning
"#
    );
}

/// Runs `handout check a.toml` on a terminal (util-linux `script` gives it one).
fn on_a_terminal(project: &Project, env: &[(&str, &str)]) -> Option<String> {
    let bin = env!("CARGO_BIN_EXE_handout");
    let mut command = std::process::Command::new("script");
    command
        .args(["-qec", &format!("{bin} check a.toml"), "/dev/null"])
        .current_dir(project.path(""))
        .env_remove("NO_COLOR");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().ok()?;
    Some(String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n"))
}

#[test]
fn on_a_terminal_auto_colours_unless_no_color_is_set() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        panic!("this test needs util-linux `script` (apt-get install bsdutils)");
    }
    let project = Project::new();
    project.file("a.toml", WARNING_AND_ERROR);
    let coloured = on_a_terminal(&project, &[]).expect("run script");
    assert!(
        coloured.starts_with("\x1b[1ma.toml:6:17: \x1b[0m\x1b[1;33mwarning\x1b[0m"),
        "{coloured:?}"
    );
    let plain = on_a_terminal(&project, &[("NO_COLOR", "1")]).expect("run script");
    assert_eq!(
        plain,
        PLAIN.replace(
            "built 0 PDFs into out; 1 input failed",
            "checked 1 file: 1 with errors"
        )
    );
    // An empty NO_COLOR does not count.
    let empty = on_a_terminal(&project, &[("NO_COLOR", "")]).expect("run script");
    assert_eq!(empty, coloured);
}
