//! Issue #5, `gongwen watch [EDITION] [-o DIR]`: builds, then builds again whenever a TOML file
//! of the edition (or, with --templates DIR, a template) is saved. An edition with errors is
//! reported on standard error, `not built` is said on standard output, and the last good PDFs
//! stay as they were.
//!
//! Every wait is bounded; the watcher is killed when a test ends, passing or failing.

mod common;

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use tempfile::TempDir;

/// The first build loads the fonts and compiles everything.
const FIRST_BUILD: Duration = Duration::from_secs(180);
/// Any later round.
const ROUND: Duration = Duration::from_secs(60);

/// A running `gongwen watch`, its standard output read line by line in a thread and its
/// standard error gathered in another; killed when dropped.
struct Watcher {
    child: Child,
    lines: Receiver<String>,
    stdout: Vec<String>,
    stderr: Arc<Mutex<String>>,
}

impl Watcher {
    fn start(args: &[&OsStr]) -> Self {
        let mut child = gongwen_command()
            .arg("watch")
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cannot start gongwen watch");
        let (tx, lines) = channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err = child.stderr.take().unwrap();
        let gathered = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                gathered.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Self {
            child,
            lines,
            stdout: Vec::new(),
            stderr,
        }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// What the watcher said so far, for failure messages.
    fn said(&self) -> String {
        format!("--- stdout\n{}\n--- stderr\n{}---", self.stdout.join("\n"), self.stderr())
    }

    /// The next line that ends a round: `built …` or `not built …`; fails the test after
    /// `limit` or if the watcher exits.
    fn next_round(&mut self, limit: Duration, what: &str) -> String {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.stdout.push(line.clone());
                    if line.starts_with("built ") || line.starts_with("not built") {
                        return line;
                    }
                }
                Err(RecvTimeoutError::Timeout) => panic!("no build round within {} s {what}:\n{}", limit.as_secs(), self.said()),
                Err(RecvTimeoutError::Disconnected) => {
                    let status = self.child.wait();
                    panic!("gongwen watch ended ({status:?}) {what}:\n{}", self.said())
                }
            }
        }
    }

    /// Waits, bounded, until standard error holds `needle` (it is read in its own thread).
    fn wait_stderr(&self, needle: &str, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        loop {
            let s = self.stderr();
            if s.contains(needle) || Instant::now() >= deadline {
                return s;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A copy of data/2015 and an output folder in a temporary folder.
struct Workspace {
    dir: TempDir,
    edition: PathBuf,
    out: PathBuf,
}

fn workspace() -> Workspace {
    let dir = TempDir::new().unwrap();
    let edition = dir.path().join("2015");
    copy_dir(&edition_2015(), &edition);
    let out = dir.path().join("out");
    Workspace { dir, edition, out }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

impl Workspace {
    /// Saves `text` as `file` the way an editor does: written beside, then renamed over it,
    /// so the watcher never sees half a file. The temporary file is outside the watched folder.
    fn save(&self, file: &Path, text: &str) {
        let tmp = self.dir.path().join(".saving");
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, file).unwrap();
    }
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` should occur once");
    text.replacen(from, to, 1)
}

const SENTENCE: &str = "厉行节约，务求实效。";
const EDITED: &str = "厉行节约，务求实效，杜绝形式主义和铺张浪费。";

#[test]
fn watch_rebuilds_on_save_and_keeps_the_last_good_pdfs_on_error() {
    let ws = workspace();
    let notice_toml = ws.edition.join("notice.toml");
    let notice_pdf = ws.out.join("notice.pdf");
    let mut w = Watcher::start(&[ws.edition.as_os_str(), OsStr::new("-o"), ws.out.as_os_str()]);

    // 1. The first build.
    let line = w.next_round(FIRST_BUILD, "after starting");
    assert!(
        line.starts_with("built "),
        "the first round should build the 2015 edition: `{line}`\n{}",
        w.said()
    );
    assert_eq!(
        listing(&ws.out),
        outputs_sorted(),
        "the first round should write the three PDFs and the two workbooks"
    );
    assert!(
        pdf_text(&notice_pdf, &[]).text.contains("务求实效"),
        "the first notice.pdf should hold the sentence to edit"
    );
    assert!(
        !pdf_text(&notice_pdf, &[]).text.contains("杜绝形式主义"),
        "the edited words are not in the first notice.pdf"
    );

    // 2. A sentence edited and saved: built again, with the new sentence.
    let good = replace_once(&std::fs::read_to_string(&notice_toml).unwrap(), SENTENCE, EDITED);
    ws.save(&notice_toml, &good);
    let line = w.next_round(ROUND, "after the sentence was edited");
    assert!(line.starts_with("built "), "the edited edition should build: `{line}`\n{}", w.said());
    let text = pdf_text(&notice_pdf, &[EDITED]);
    assert!(text.missing.is_empty(), "the rebuilt notice.pdf should say `{EDITED}`");
    let last_good: Vec<Vec<u8>> = DOCUMENTS.iter().map(|n| std::fs::read(ws.out.join(n)).unwrap()).collect();

    // 3. A broken notice.toml: not built, the error shown at its file and line, the PDFs kept.
    let broken = replace_once(&good, "year = 2015 ", "year = \"x\"");
    let year_line = broken.lines().position(|l| l.starts_with("year = \"x\"")).unwrap() + 1;
    ws.save(&notice_toml, &broken);
    let line = w.next_round(ROUND, "after notice.toml was broken");
    assert!(line.starts_with("not built"), "a broken notice.toml should not build: `{line}`\n{}", w.said());
    let place = format!("{}:{year_line}:", notice_toml.display());
    let stderr = w.wait_stderr(&place, Duration::from_secs(10));
    let errors = errors(&stderr);
    assert!(
        errors.iter().any(|e| e.points_at(&notice_toml, year_line, None)),
        "standard error should show the error at {place}:\n{}",
        w.said()
    );
    assert_eq!(
        listing(&ws.out),
        outputs_sorted(),
        "the output folder should still hold the three PDFs and two workbooks, nothing else"
    );
    for (name, bytes) in DOCUMENTS.iter().zip(&last_good) {
        assert!(
            std::fs::read(ws.out.join(name)).unwrap() == *bytes,
            "{name} should be the last good one, unchanged"
        );
    }

    // 4. Mended: built again.
    ws.save(&notice_toml, &good);
    let line = w.next_round(ROUND, "after notice.toml was mended");
    assert!(line.starts_with("built "), "the mended edition should build: `{line}`\n{}", w.said());
    assert!(
        pdf_text(&notice_pdf, &[EDITED]).missing.is_empty(),
        "the notice.pdf after mending should say `{EDITED}`"
    );
}

#[test]
fn watch_rebuilds_when_a_template_is_saved() {
    let ws = workspace();
    let templates = ws.dir.path().join("templates");
    copy_dir(&root().join("templates"), &templates);
    let notice_pdf = ws.out.join("notice.pdf");
    let mut w = Watcher::start(&[
        ws.edition.as_os_str(),
        OsStr::new("-o"),
        ws.out.as_os_str(),
        OsStr::new("--templates"),
        templates.as_os_str(),
    ]);
    let line = w.next_round(FIRST_BUILD, "after starting");
    assert!(line.starts_with("built "), "the first round should build: `{line}`\n{}", w.said());
    assert!(
        pdf_text(&notice_pdf, &["联系人：杨方勇"]).missing.is_empty(),
        "the first notice.pdf should name the contacts"
    );

    // The label before the contacts, changed in the layout library.
    let lib = templates.join("gbt9704.typ");
    let text = replace_once(&std::fs::read_to_string(&lib).unwrap(), "\"联系人：\"", "\"联系人员：\"");
    ws.save(&lib, &text);
    let line = w.next_round(ROUND, "after gbt9704.typ was saved");
    assert!(line.starts_with("built "), "the changed templates should build: `{line}`\n{}", w.said());
    assert!(
        pdf_text(&notice_pdf, &["联系人员：杨方勇"]).missing.is_empty(),
        "the rebuilt notice.pdf should use the changed template"
    );
}
