//! What the integration tests share: running `gongwen` like a user does, building the
//! 2015 edition once per test binary, making broken copies of it, and the independent readers
//! of its output (poppler's command-line tools, qpdf, and the Python scripts in tests/tools/).
//!
//! A reader that is not installed makes the test fail with what to install: a test never
//! passes because it could not look.

#![allow(dead_code)]

pub mod glyphs;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde::de::DeserializeOwned;
use tempfile::TempDir;

/// The documents an edition with two forms builds, in the order `gongwen` writes them.
pub const DOCUMENTS: [&str; 3] = ["notice.pdf", "attachment-1.pdf", "attachment-2.pdf"];

/// DOCUMENTS in the order a folder listing sorts them.
pub fn documents_sorted() -> Vec<String> {
    let mut names: Vec<String> = DOCUMENTS.iter().map(|s| s.to_string()).collect();
    names.sort();
    names
}

/// The forms as spreadsheets, which `build` writes beside the PDFs by default.
pub const SHEETS: [&str; 2] = ["attachment-1.xlsx", "attachment-2.xlsx"];

/// Every file `build` writes by default (DOCUMENTS and SHEETS), as a folder listing sorts them.
pub fn outputs_sorted() -> Vec<String> {
    let mut names: Vec<String> = DOCUMENTS.iter().chain(&SHEETS).map(|s| s.to_string()).collect();
    names.sort();
    names
}

/// What to install for each external reader (Debian package or pip package).
const INSTALL: &[(&str, &str)] = &[
    ("pdftotext", "poppler-utils (apt-get install poppler-utils)"),
    ("pdfinfo", "poppler-utils (apt-get install poppler-utils)"),
    ("pdffonts", "poppler-utils (apt-get install poppler-utils)"),
    ("pdftoppm", "poppler-utils (apt-get install poppler-utils)"),
    ("qpdf", "qpdf (apt-get install qpdf)"),
    ("python3", "Python 3 with `python3 -m pip install pdfplumber typst`"),
    ("soffice", "LibreOffice (apt-get install libreoffice-calc-nogui)"),
];

/// The repository root: the working directory of every `gongwen` run.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The 2015 edition as the repository ships it.
pub fn edition_2015() -> PathBuf {
    root().join("data/2015")
}

/// The finished result of a command, its output decoded.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Self {
        Self {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Panics with the command's output unless it exited 0.
    pub fn assert_ok(&self, what: &str) -> &Self {
        assert_eq!(self.code, Some(0), "{what} failed:\n{self}");
        self
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit code {:?}\n--- stdout\n{}--- stderr\n{}---", self.code, self.stdout, self.stderr)
    }
}

/// `gongwen` as built by cargo for this test run, started in the repository root with no
/// fonts folder forced by the environment.
pub fn gongwen_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongwen"));
    cmd.current_dir(root()).env_remove("GONGWEN_FONTS");
    cmd
}

/// Runs `gongwen ARGS…` from the repository root.
pub fn gongwen<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let output = gongwen_command().args(args).output().expect("cannot start the gongwen binary");
    Run::from(output)
}

/// Runs an external program to completion, or fails the test saying what to install.
pub fn run_tool<I, S>(name: &str, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    match Command::new(name).args(args).output() {
        Ok(output) => Run::from(output),
        Err(e) => {
            let install = INSTALL.iter().find(|(n, _)| *n == name).map_or("it", |(_, how)| how);
            panic!("`{name}` is needed to check gongwen's output but cannot be started ({e}): install {install}")
        }
    }
}

/// Runs `python3 tests/tools/SCRIPT ARGS…` and parses what it prints as JSON. The scripts exit
/// with a message saying what to install when a module or program they need is missing; that
/// message ends up in the panic.
pub fn python_json<T, I, S>(script: &str, args: I) -> T
where
    T: DeserializeOwned,
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let path = root().join("tests/tools").join(script);
    let args: Vec<std::ffi::OsString> = std::iter::once(path.into_os_string())
        .chain(args.into_iter().map(|a| a.as_ref().to_owned()))
        .collect();
    let run = run_tool("python3", args);
    assert_eq!(
        run.code,
        Some(0),
        "tests/tools/{script} failed (it needs python3 with pdfplumber and typst, and poppler-utils):\n{run}"
    );
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("tests/tools/{script} printed no JSON ({e}):\n{run}"))
}

/// The number of pages of a PDF, as poppler's `pdfinfo` counts them.
pub fn page_count(pdf: &Path) -> usize {
    let run = run_tool("pdfinfo", [pdf]);
    run.assert_ok("pdfinfo");
    run.stdout
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo printed no page count for {}:\n{run}", pdf.display()))
}

/// The names in a folder, sorted; none if the folder does not exist.
pub fn listing(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .map(|e| e.expect("readable folder").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A build of an edition into a temporary folder that lives as long as this value.
pub struct Build {
    _dir: TempDir,
    pub out: PathBuf,
    pub run: Run,
}

impl Build {
    pub fn pdf(&self, name: &str) -> PathBuf {
        self.out.join(name)
    }
}

/// `gongwen build EDITION -o TMP/out`; the run is kept whether it succeeded or not.
pub fn build(edition: &Path) -> Build {
    let dir = TempDir::new().expect("a temporary folder");
    let out = dir.path().join("out");
    let run = gongwen([OsStr::new("build"), edition.as_os_str(), OsStr::new("-o"), out.as_os_str()]);
    Build { _dir: dir, out, run }
}

/// The 2015 edition, built once per test binary.
pub fn build_2015() -> &'static Build {
    static BUILD: OnceLock<Build> = OnceLock::new();
    BUILD.get_or_init(|| {
        let b = build(&edition_2015());
        b.run.assert_ok("gongwen build data/2015");
        b
    })
}

/// A copy of the 2015 edition in a temporary folder, changed by replacing text in its files:
/// `(file, from, to)`, where `from` must occur exactly once in the file.
pub struct Edition {
    _dir: TempDir,
    pub path: PathBuf,
}

impl Edition {
    pub fn file(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    pub fn text(&self, name: &str) -> String {
        std::fs::read_to_string(self.file(name)).expect("an edition file")
    }

    /// The 1-based line and character column where `needle` starts in file `name`; it must
    /// occur exactly once.
    pub fn position(&self, name: &str, needle: &str) -> (usize, usize) {
        let text = self.text(name);
        assert_eq!(text.matches(needle).count(), 1, "`{needle}` should occur once in {name}");
        let at = text.find(needle).unwrap();
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let column = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
        (line, column)
    }
}

pub fn edition_with(changes: &[(&str, &str, &str)]) -> Edition {
    let dir = TempDir::new().expect("a temporary folder");
    let path = dir.path().join("edition");
    std::fs::create_dir(&path).unwrap();
    for entry in std::fs::read_dir(edition_2015()).expect("data/2015") {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), path.join(entry.file_name())).unwrap();
    }
    for (file, from, to) in changes {
        let p = path.join(file);
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(text.matches(from).count(), 1, "`{from}` should occur exactly once in data/2015/{file}");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
    }
    Edition { _dir: dir, path }
}

/// The normalised text of a PDF (pdftotext, page numbers removed, NFKC, no whitespace) and
/// which of `expected` it lacks.
#[derive(serde::Deserialize)]
pub struct PdfText {
    pub text: String,
    pub missing: Vec<String>,
}

pub fn pdf_text(pdf: &Path, expected: &[&str]) -> PdfText {
    let mut args: Vec<&OsStr> = vec![pdf.as_os_str()];
    args.extend(expected.iter().map(OsStr::new));
    python_json("pdf_text.py", args)
}

/// One diagnostic as `gongwen` prints it on standard error: a line starting `error` or
/// `warning`, and the lines after it up to the next diagnostic (a snippet of the file, when
/// the report shows one). Parsed loosely, so that the tests hold for a one-line report
/// (`error: FILE:LINE:COL: field: message`) and for one with a snippet (`┌─ FILE:LINE:COL`).
#[derive(Debug)]
pub struct Diag {
    pub severity: &'static str,
    pub text: String,
}

impl Diag {
    /// Whether the diagnostic names `file` at `line` and, if given, `column`.
    pub fn points_at(&self, file: &Path, line: usize, column: Option<usize>) -> bool {
        let Some(column) = column else {
            // The colon after the line number keeps :4: from matching :42:.
            return self.text.contains(&format!("{}:{line}:", file.display()));
        };
        let place = format!("{}:{line}:{column}", file.display());
        self.text
            .match_indices(&place)
            .any(|(i, m)| !self.text[i + m.len()..].starts_with(|c: char| c.is_ascii_digit()))
    }
}

/// The diagnostics in `stderr`, in order; the closing count (`1 error: nothing written`) is
/// not one.
pub fn diagnostics(stderr: &str) -> Vec<Diag> {
    let mut out: Vec<Diag> = Vec::new();
    for line in stderr.lines() {
        let severity = if line.starts_with("error") {
            Some("error")
        } else if line.starts_with("warning") {
            Some("warning")
        } else {
            None
        };
        match severity {
            Some(severity) => out.push(Diag {
                severity,
                text: format!("{line}\n"),
            }),
            None if line.ends_with("nothing written") => {}
            None => {
                if let Some(last) = out.last_mut() {
                    last.text.push_str(line);
                    last.text.push('\n');
                }
            }
        }
    }
    out
}

pub fn errors(stderr: &str) -> Vec<Diag> {
    diagnostics(stderr).into_iter().filter(|d| d.severity == "error").collect()
}

pub fn warnings(stderr: &str) -> Vec<Diag> {
    diagnostics(stderr).into_iter().filter(|d| d.severity == "warning").collect()
}

/// A red region of a page as poppler draws it (tests/tools/red_blobs.py), in points from the
/// page's top left.
#[derive(serde::Deserialize, Debug, Clone, Copy)]
pub struct Blob {
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
}

#[derive(serde::Deserialize)]
struct Blobs {
    blobs: Vec<Blob>,
}

/// The red regions of page `page` (from 1) of a PDF, drawn by poppler at `dpi` (the script's
/// default when `None`).
pub fn red_blobs(pdf: &Path, page: usize, dpi: Option<u32>) -> Vec<Blob> {
    let page = page.to_string();
    let dpi = dpi.map(|d| d.to_string());
    let mut args: Vec<&OsStr> = vec![pdf.as_os_str(), OsStr::new(&page)];
    if let Some(dpi) = &dpi {
        args.push(OsStr::new(dpi));
    }
    let b: Blobs = python_json("red_blobs.py", args);
    b.blobs
}
