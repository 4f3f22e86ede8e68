//! `handout watch` as a real process: it builds, rebuilds what a change
//! affects, reports a broken file without stopping, keeps the last good PDF,
//! and stops cleanly on Ctrl-C.

#![cfg(unix)]

mod util;

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use util::Project;

const HANDOUT_A: &str =
    "[handout]\ntitle = \"First sheet\"\n\n[[block]]\ntype = \"text\"\ntext = \"Hello\"\n";
const HANDOUT_B: &str =
    "[handout]\ntitle = \"Second sheet\"\n\n[[block]]\ntype = \"text\"\ntext = \"Hello\"\n";
const PACKET: &str = "[packet]\ntitle = \"Both\"\nhandouts = [\"a.toml\"]\n";

/// A running `handout watch`, with everything it printed on stderr so far.
struct Watching {
    child: Child,
    stderr: Arc<Mutex<String>>,
}

impl Watching {
    fn start(project: &Project) -> Watching {
        let mut child = Command::new(env!("CARGO_BIN_EXE_handout"))
            .args(["watch", ".", "-o", "out"])
            .current_dir(project.path(""))
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start handout watch");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().expect("stderr");
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                if let Ok(mut text) = sink.lock() {
                    text.push_str(&String::from_utf8_lossy(&buffer[..n]));
                }
            }
        });
        Watching { child, stderr }
    }

    fn text(&self) -> String {
        self.stderr.lock().map(|t| t.clone()).unwrap_or_default()
    }

    /// Waits (at most 30 s) until `times` whole lines of stderr hold `needle`; returns stderr.
    #[track_caller]
    fn wait_for(&self, needle: &str, times: usize) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let text = self.text();
            let lines = text
                .split_inclusive('\n')
                .filter(|line| line.ends_with('\n') && line.contains(needle))
                .count();
            if lines >= times {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "waited 30 s for {times} × {needle:?}; stderr so far:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The part of stderr after the last line that starts a round.
    fn last_round(&self) -> String {
        let text = self.text();
        let at = text.rfind("changed: ").unwrap_or(0);
        text[at..].to_string()
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn watch_rebuilds_what_a_change_affects_and_survives_a_broken_file() {
    let project = Project::new();
    project.file("a.toml", HANDOUT_A);
    project.file("b.toml", HANDOUT_B);
    project.file("p.toml", PACKET);
    let watching = Watching::start(&project);
    let first = watching.wait_for("press Ctrl-C to stop", 1);
    assert_eq!(
        first,
        "built 3 PDFs into out\nwatching . for changes; press Ctrl-C to stop\n"
    );
    let pdf =
        |name: &str| std::fs::read(project.path(&format!("out/{name}.pdf"))).unwrap_or_default();
    let (a, b, p) = (pdf("a"), pdf("b"), pdf("p"));
    assert!(a.starts_with(b"%PDF") && b.starts_with(b"%PDF") && p.starts_with(b"%PDF"));

    // A handout changes: it and its packet are rebuilt, the other handout is not.
    project.file(
        "a.toml",
        &HANDOUT_A.replace("First sheet", "First sheet, again"),
    );
    watching.wait_for("built ", 2);
    assert_eq!(
        watching.last_round(),
        "changed: a.toml; rebuilding 2 files\nbuilt 2 PDFs into out\n"
    );
    let (a2, p2) = (pdf("a"), pdf("p"));
    assert_ne!(a2, a, "a.pdf was not rebuilt");
    assert_ne!(p2, p, "the packet was not rebuilt");
    assert_eq!(pdf("b"), b);

    // The handout breaks: the error is printed, the last good PDF stays, watch goes on.
    project.file(
        "a.toml",
        &HANDOUT_A.replace("type = \"text\"", "Type = \"text\""),
    );
    watching.wait_for("built ", 3);
    assert_eq!(
        watching.last_round(),
        "changed: a.toml; rebuilding 2 files
./a.toml:5:1: error: unknown key `Type` in block 1
   |
 5 | Type = \"text\"
   | ^^^^
  hint: did you mean `type`? keys are written in small letters

built 0 PDFs into out; 2 inputs failed; 1 error, 0 warnings
"
    );
    assert_eq!(pdf("a"), a2, "the last good PDF was not kept");
    assert_eq!(pdf("p"), p2);

    // Fixed again: built again.
    project.file("a.toml", HANDOUT_A);
    watching.wait_for("built ", 4);
    assert_eq!(
        watching.last_round(),
        "changed: a.toml; rebuilding 2 files\nbuilt 2 PDFs into out\n"
    );
    assert_eq!(pdf("a"), a);

    // The brand changes: every handout and the packet.
    project.file(
        "brand.toml",
        &util::BRAND.replace("Test Clinic", "Other Clinic"),
    );
    watching.wait_for("built ", 5);
    assert_eq!(
        watching.last_round(),
        "changed: brand.toml; rebuilding 3 files\nbuilt 3 PDFs into out\n"
    );
    assert_ne!(pdf("b"), b, "b.pdf was not rebuilt for the new brand");

    // A new handout is built.
    project.file("c.toml", &HANDOUT_B.replace("Second", "Third"));
    watching.wait_for("built ", 6);
    assert_eq!(
        watching.last_round(),
        "changed: c.toml; rebuilding 1 file\nbuilt 1 PDF into out\n"
    );

    // Ctrl-C: a clean stop with status 0, and no temporary files left.
    let mut watching = watching;
    let status = Command::new("kill")
        .args(["-INT", &watching.child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let code = loop {
        if let Some(status) = watching.child.try_wait().expect("wait") {
            break status.code();
        }
        assert!(Instant::now() < deadline, "watch did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(code, Some(0));
    watching.wait_for("stopped watching", 1);
    let mut left: Vec<String> = std::fs::read_dir(project.path("out"))
        .expect("out")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["a.pdf", "b.pdf", "c.pdf", "p.pdf"]);
}

#[test]
fn watch_of_a_path_that_is_not_there_is_a_usage_error() {
    let project = Project::new();
    let run = project.run(&["watch", "nothere.toml"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "nothere.toml: error: no such file or folder to watch\n  hint: check the spelling; with no path, `handout` watches `templates`\n\n"
    );
}
