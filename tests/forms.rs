//! Issue #3, the fillable forms, as a union office meets them: 附件1 and 附件2 open as PDF
//! forms with a field on every printed blank, are filled in other people's tools (pypdf,
//! pdftk) or by `gongwen fill`, and come out as sound PDFs that those tools read back.
//!
//! Every property is checked with a reader that is not ours: pypdf, pdfplumber, pdftk,
//! poppler (pdftotext, pdftoppm), qpdf and mupdf, through the small helpers in
//! tests/tools/forms/*.py, which print JSON. What the forms should hold is read from the
//! edition's TOML by tests/tools/forms/model.py with Python's tomllib, not from gongwen.
//!
//! Needs: python3 (3.11+) with pypdf and pdfplumber; pdftk (pdftk-java), qpdf, mutool
//! (mupdf-tools), pdftoppm and pdftotext (poppler-utils). A missing tool fails the test with
//! what to install.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::{Value as Json, json};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const GONGWEN: &str = env!("CARGO_BIN_EXE_gongwen");

/// A Wuhan district's union, with 硚 (U+785A), which is not in GB 2312.
const QIAOKOU: &str = "武汉市硚口区总工会";
/// A union whose name is all in GB 2312.
const JIANGAN: &str = "武汉市江岸区总工会";
/// A character no shipped font has (CJK Extension G, U+30000).
const NO_FONT: &str = "\u{30000}";

// ---------------------------------------------------------------------------------------
// Tools

/// What to install for each external tool.
fn install_hint(tool: &str) -> &'static str {
    match tool {
        "python3" => "apt-get install python3 (3.11 or later, for tomllib), then pip install 'pypdf>=5' pdfplumber",
        "pdftk" => "apt-get install pdftk-java",
        "qpdf" => "apt-get install qpdf",
        "mutool" => "apt-get install mupdf-tools",
        "pdftoppm" | "pdftotext" => "apt-get install poppler-utils",
        _ => "install it",
    }
}

/// Fails the test unless `tool` is on PATH.
fn need(tool: &str) {
    let found = std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()));
    assert!(found, "{tool} is not installed, and these tests need it: {}", install_hint(tool));
}

/// Runs an external tool (which must be installed).
fn run<I, S>(tool: &str, args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    need(tool);
    Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool}: {e}; {}", install_hint(tool)))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs tests/tools/forms/SCRIPT with ARGS and parses the JSON it prints.
fn py<I, S>(script: &str, args: I) -> Json
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let path = Path::new(ROOT).join("tests/tools/forms").join(script);
    let mut argv = vec![path.into_os_string()];
    argv.extend(args.into_iter().map(|a| a.as_ref().to_os_string()));
    let out = run("python3", &argv);
    assert!(
        out.status.success(),
        "tests/tools/forms/{script} failed ({}):\n{}",
        out.status,
        text(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("tests/tools/forms/{script} printed no JSON ({e}):\n{}", text(&out.stdout)))
}

/// The text of a PDF as poppler reads it, all whitespace and word joiners removed.
fn pdftotext(pdf: &Path) -> String {
    let out = run("pdftotext", ["-enc".as_ref(), "UTF-8".as_ref(), pdf.as_os_str(), "-".as_ref()]);
    assert!(out.status.success(), "pdftotext {} failed: {}", pdf.display(), text(&out.stderr));
    text(&out.stdout).chars().filter(|c| !c.is_whitespace() && *c != '\u{2060}').collect()
}

// ---------------------------------------------------------------------------------------
// gongwen

/// The blank forms of the 2015 edition, built once per test binary.
struct Edition {
    forms: [Vec<u8>; 2],
}

fn edition() -> &'static Edition {
    static EDITION: OnceLock<Edition> = OnceLock::new();
    EDITION.get_or_init(|| {
        let dir = tempfile::TempDir::new().unwrap();
        let out = gongwen(["build".as_ref(), edition_dir().as_os_str(), "-o".as_ref(), dir.path().as_os_str()]);
        assert!(out.status.success(), "gongwen build data/2015 failed:\n{}", text(&out.stderr));
        let read = |n: usize| std::fs::read(dir.path().join(format!("attachment-{n}.pdf"))).expect("gongwen build wrote attachment-N.pdf");
        Edition { forms: [read(1), read(2)] }
    })
}

fn edition_dir() -> PathBuf {
    Path::new(ROOT).join("data/2015")
}

/// Runs gongwen from the checkout (so it finds fonts/).
fn gongwen<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    Command::new(GONGWEN).args(args).current_dir(ROOT).output().expect("cannot run gongwen")
}

/// A scratch folder for one test.
struct Scratch(tempfile::TempDir);

impl Scratch {
    fn new() -> Self {
        Scratch(tempfile::TempDir::new().unwrap())
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }

    fn write(&self, name: &str, contents: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// The blank 附件N, as `gongwen build` wrote it.
    fn blank(&self, n: usize) -> PathBuf {
        let p = self.path(&format!("attachment-{n}.pdf"));
        if !p.exists() {
            std::fs::write(&p, &edition().forms[n - 1]).unwrap();
        }
        p
    }
}

/// `gongwen fill data/2015 -n N --values VALUES -o OUT [--flatten]`.
fn fill(n: usize, values: &Path, out: &Path, flatten: bool) -> Output {
    let mut args = vec![
        "fill".into(),
        edition_dir().into_os_string(),
        "-n".into(),
        n.to_string().into(),
        "--values".into(),
        values.as_os_str().to_owned(),
        "-o".into(),
        out.as_os_str().to_owned(),
    ];
    if flatten {
        args.push("--flatten".into());
    }
    gongwen(args)
}

fn fill_ok(n: usize, values: &Path, out: &Path, flatten: bool) {
    let o = fill(n, values, out, flatten);
    assert!(
        o.status.success(),
        "gongwen fill -n {n} --values {} failed:\n{}",
        values.display(),
        text(&o.stderr)
    );
    assert!(out.is_file(), "gongwen fill reported success but wrote no {}", out.display());
}

/// `gongwen fill data/2015 -n N --units CSV -o DIR`.
fn fill_units(n: usize, csv: &Path, dir: &Path) -> Output {
    gongwen([
        "fill".as_ref(),
        edition_dir().as_os_str(),
        "-n".as_ref(),
        n.to_string().as_ref(),
        "--units".as_ref(),
        csv.as_os_str(),
        "-o".as_ref(),
        dir.as_os_str(),
    ])
}

// ---------------------------------------------------------------------------------------
// What the helpers report

/// A blank as the edition's TOML describes it (tests/tools/forms/model.py).
#[derive(Debug, Clone, Deserialize)]
struct Blank {
    name: String,
    kind: String,
    label: String,
    unit: String,
}

/// The blanks of 附件N, in the order of the form.
fn model(n: usize) -> Vec<Blank> {
    let dir = edition_dir();
    let json = py("model.py", [dir.join(format!("attachment-{n}.toml")), dir.join("notice.toml")]);
    serde_json::from_value(json["fields"].clone()).unwrap()
}

/// A widget as pypdf reads it (tests/tools/forms/fields.py).
#[derive(Debug, Clone, Deserialize)]
struct Widget {
    name: Option<String>,
    ft: Option<String>,
    rect: [f64; 4],
    q: Option<i64>,
    tu: Option<String>,
    ff: Option<i64>,
    opt: Option<Vec<String>>,
    da: Option<String>,
    ap_n_bytes: Option<usize>,
}

#[derive(Debug, Clone, Deserialize)]
struct Page {
    mediabox: [f64; 4],
    tabs: Option<String>,
    annots: Vec<Widget>,
}

#[derive(Debug, Clone, Deserialize)]
struct Descendant {
    subtype: Option<String>,
    font_file: Option<String>,
    font_file_bytes: Option<usize>,
}

#[derive(Debug, Clone, Deserialize)]
struct DrFont {
    subtype: Option<String>,
    encoding: Option<String>,
    to_unicode: Option<usize>,
    descendant: Option<Descendant>,
}

#[derive(Debug, Clone, Deserialize)]
struct AcroForm {
    da: Option<String>,
    fonts: BTreeMap<String, DrFont>,
}

#[derive(Debug, Clone, Deserialize)]
struct PdfForm {
    get_fields: Option<BTreeMap<String, Option<String>>>,
    acroform: Option<AcroForm>,
    pages: Vec<Page>,
}

impl PdfForm {
    fn read(pdf: &Path) -> Self {
        serde_json::from_value(py("fields.py", [pdf])).unwrap()
    }

    /// Every widget with its 0-based page, in /Annots order page by page.
    fn widgets(&self) -> Vec<(usize, &Widget)> {
        self.pages.iter().enumerate().flat_map(|(i, p)| p.annots.iter().map(move |w| (i, w))).collect()
    }

    fn widget(&self, name: &str) -> &Widget {
        self.widgets()
            .into_iter()
            .map(|(_, w)| w)
            .find(|w| w.name.as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no field {name}"))
    }

    /// The values pypdf's get_fields() reports, non-empty ones only.
    fn values(&self) -> BTreeMap<String, String> {
        self.get_fields
            .clone()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| (k, v)))
            .collect()
    }
}

/// The non-empty field values pdftk reads (tests/tools/forms/pdftk_fields.py).
fn pdftk_values(pdf: &Path) -> BTreeMap<String, String> {
    let json = py("pdftk_fields.py", [pdf]);
    json["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| Some((f["name"].as_str()?.to_string(), f["value"].as_str().filter(|v| !v.is_empty())?.to_string())))
        .collect()
}

/// Dark pixels poppler draws inside `rect` of page `page` (0-based), its foot (the printed
/// rule) left out (tests/tools/forms/ink.py).
fn ink(pdf: &Path, page: usize, rect: [f64; 4]) -> u64 {
    let [x1, y1, x2, y2] = rect.map(|v| format!("{v:.3}"));
    let json = py(
        "ink.py",
        [
            pdf.as_os_str(),
            (page + 1).to_string().as_ref(),
            x1.as_ref(),
            y1.as_ref(),
            x2.as_ref(),
            y2.as_ref(),
        ],
    );
    json["dark"].as_u64().unwrap()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x20000..=0x3FFFF)
}

fn values_json(values: &[(&str, &str)]) -> String {
    let map: serde_json::Map<String, Json> = values.iter().map(|(k, v)| (k.to_string(), json!(v))).collect();
    Json::Object(map).to_string()
}

fn expected(values: &[(&str, &str)]) -> BTreeMap<String, String> {
    values.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

// ---------------------------------------------------------------------------------------
// 1. The fields

#[test]
fn each_form_opens_with_one_field_per_blank_named_by_its_code() {
    let s = Scratch::new();
    for n in [1, 2] {
        let model = model(n);
        let form = PdfForm::read(&s.blank(n));
        let want: BTreeSet<&str> = model.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(want.len(), model.len(), "附件{n}.toml names a blank twice");
        let names: Vec<&str> = form.get_fields.as_ref().expect("pypdf finds no form").keys().map(String::as_str).collect();
        let got: BTreeSet<&str> = names.iter().copied().collect();
        let missing: Vec<_> = want.difference(&got).collect();
        let extra: Vec<_> = got.difference(&want).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "附件{n}: fields missing {missing:?}, unexpected {extra:?}"
        );
        assert_eq!(
            names.len(),
            model.len(),
            "附件{n}: pypdf lists {} fields, the form has {} blanks",
            names.len(),
            model.len()
        );
        // Every field has exactly one widget.
        assert_eq!(form.widgets().len(), model.len(), "附件{n}: widgets on the pages");
        // Header: unit, reporter, phone; then the items.
        assert_eq!(&model[..3].iter().map(|b| b.name.as_str()).collect::<Vec<_>>(), &["unit", "reporter", "phone"]);
        println!(
            "附件{n}: {} fields ({} blanks in the items + unit, reporter, phone)",
            names.len(),
            names.len() - 3
        );
    }
}

#[test]
fn every_field_has_a_chinese_tooltip_and_a_box_on_its_page() {
    let s = Scratch::new();
    for n in [1, 2] {
        let model = model(n);
        let form = PdfForm::read(&s.blank(n));
        for (page, w) in form.widgets() {
            let name = w.name.clone().unwrap();
            let [mx1, my1, mx2, my2] = form.pages[page].mediabox;
            let [x1, y1, x2, y2] = w.rect;
            assert!(x2 - x1 > 0.0 && y2 - y1 > 0.0, "附件{n} {name}: /Rect {:?} has no area", w.rect);
            assert!(
                x1 >= mx1 && y1 >= my1 && x2 <= mx2 && y2 <= my2,
                "附件{n} {name}: /Rect {:?} is not inside the MediaBox {:?}",
                w.rect,
                form.pages[page].mediabox
            );
            let tu = w.tu.clone().unwrap_or_else(|| panic!("附件{n} {name}: no /TU tooltip"));
            assert!(tu.chars().any(is_cjk), "附件{n} {name}: the tooltip {tu:?} has no Chinese");
            assert!(!tu.contains('{'), "附件{n} {name}: the tooltip {tu:?} has an unexpanded placeholder");
            let blank = model.iter().find(|b| b.name == name).unwrap();
            assert!(
                tu.contains(&blank.label),
                "附件{n} {name}: the tooltip {tu:?} should carry the blank's label {:?}",
                blank.label
            );
            if !blank.unit.is_empty() {
                assert!(
                    tu.contains(&blank.unit),
                    "附件{n} {name}: the tooltip {tu:?} should name the unit {:?}",
                    blank.unit
                );
            }
        }
    }
}

#[test]
fn numbers_are_right_aligned_and_06b_of_attachment_2_is_a_yes_no_choice() {
    let s = Scratch::new();
    for n in [1, 2] {
        let model = model(n);
        let form = PdfForm::read(&s.blank(n));
        for blank in &model {
            let w = form.widget(&blank.name);
            match blank.kind.as_str() {
                "count" | "amount" => {
                    assert_eq!(w.ft.as_deref(), Some("/Tx"), "附件{n} {}: a number is a text field", blank.name);
                    assert_eq!(w.q, Some(2), "附件{n} {}: numbers are right-aligned (/Q 2)", blank.name);
                }
                "text" => {
                    assert_eq!(w.ft.as_deref(), Some("/Tx"), "附件{n} {}", blank.name);
                    assert_ne!(w.q, Some(2), "附件{n} {}: the header's text is not right-aligned", blank.name);
                }
                "choice" => {
                    assert_eq!(w.ft.as_deref(), Some("/Ch"), "附件{n} {}: a 是/否 blank is a choice field", blank.name);
                    assert_eq!(
                        w.opt.as_deref(),
                        Some(&["是".to_string(), "否".to_string()][..]),
                        "附件{n} {}: /Opt",
                        blank.name
                    );
                    let ff = w.ff.unwrap_or(0);
                    assert!(ff & (1 << 17) != 0, "附件{n} {}: /Ff {ff} lacks the combo-box flag", blank.name);
                    assert!(
                        ff & (1 << 18) == 0,
                        "附件{n} {}: /Ff {ff}: an editable combo box would take answers other than 是/否",
                        blank.name
                    );
                }
                other => panic!("附件{n} {}: unknown kind {other}", blank.name),
            }
        }
        let choices: Vec<&str> = model.iter().filter(|b| b.kind == "choice").map(|b| b.name.as_str()).collect();
        assert_eq!(choices, if n == 2 { vec!["06B"] } else { vec![] }, "附件{n}: the 是/否 blanks");
    }
}

#[test]
fn typing_a_letter_into_a_number_field_is_refused_by_its_keystroke_script() {
    let s = Scratch::new();
    let json = py("keystroke.py", [s.blank(1), s.blank(2)]);
    let scripts = json["fields"].as_object().unwrap();
    for n in [1, 2] {
        for blank in model(n) {
            let key = format!("{n}:{}", blank.name);
            let got = &scripts[&key];
            let is_number = blank.kind == "count" || blank.kind == "amount";
            if !is_number {
                assert!(
                    got["js"].is_null(),
                    "附件{n} {}: a {} field should take any keystroke, has {}",
                    blank.name,
                    blank.kind,
                    got["js"]
                );
                continue;
            }
            let js = got["js"]
                .as_str()
                .unwrap_or_else(|| panic!("附件{n} {}: no /AA /K keystroke JavaScript", blank.name));
            assert!(
                js.contains("AFMergeChange(event)") && js.contains("event.rc"),
                "附件{n} {}: the script should test the merged change and set event.rc: {js}",
                blank.name
            );
            let accepts = |v: &str| {
                got["accepts"][v]
                    .as_bool()
                    .unwrap_or_else(|| panic!("附件{n} {}: no verdict for {v:?}: {got}", blank.name))
            };
            for ok in ["", "0", "1200"] {
                assert!(accepts(ok), "附件{n} {}: {ok:?} should be accepted ({js})", blank.name);
            }
            for bad in ["12a", "a", "1e3", "-3"] {
                assert!(!accepts(bad), "附件{n} {}: {bad:?} should be refused ({js})", blank.name);
            }
            if blank.kind == "amount" {
                assert!(accepts("12.5"), "附件{n} {}: an amount in 万元 takes decimals ({js})", blank.name);
            } else {
                assert!(!accepts("1.5"), "附件{n} {}: a count takes no fraction ({js})", blank.name);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// 2. On the printed blank

#[test]
fn each_field_sits_exactly_on_its_printed_blank() {
    let s = Scratch::new();
    let (mut worst_x, mut worst_y) = (0.0f64, 0.0f64);
    for n in [1, 2] {
        let pdf = s.blank(n);
        let form = PdfForm::read(&pdf);
        let rules = py("rules.py", [&pdf]);
        let mut used = BTreeSet::new();
        for (page, w) in form.widgets() {
            let name = w.name.clone().unwrap();
            let [x1, y1, x2, _] = w.rect;
            let page_rules = rules["pages"][page]["rules"].as_array().unwrap();
            let best = page_rules
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let (rx0, rx1, ry) = (r[0].as_f64().unwrap(), r[1].as_f64().unwrap(), r[2].as_f64().unwrap());
                    (i, (rx0 - x1).abs().max((rx1 - x2).abs()), (ry - y1).abs())
                })
                .min_by(|a, b| (a.1 + a.2).total_cmp(&(b.1 + b.2)))
                .unwrap_or_else(|| panic!("附件{n} page {}: no printed rules at all", page + 1));
            assert!(
                best.1 <= 1.0 && best.2 <= 1.5,
                "附件{n} {name}: no printed rule under the field {:?}: the nearest is off by {:.2} pt across and {:.2} pt up or down",
                w.rect,
                best.1,
                best.2
            );
            assert!(used.insert((page, best.0)), "附件{n} {name}: shares its printed rule with another field");
            worst_x = worst_x.max(best.1);
            worst_y = worst_y.max(best.2);
        }
        // No two fields overlap.
        let widgets = form.widgets();
        for (i, (pa, a)) in widgets.iter().enumerate() {
            for (pb, b) in &widgets[i + 1..] {
                let overlap =
                    pa == pb && a.rect[0] < b.rect[2] - 0.01 && b.rect[0] < a.rect[2] - 0.01 && a.rect[1] < b.rect[3] - 0.01 && b.rect[1] < a.rect[3] - 0.01;
                assert!(!overlap, "附件{n}: fields {:?} {:?} and {:?} {:?} overlap", a.name, a.rect, b.name, b.rect);
            }
        }
    }
    println!("field edges vs printed rules: worst {worst_x:.4} pt across, {worst_y:.4} pt vertically");
}

// ---------------------------------------------------------------------------------------
// 3. Tab order

#[test]
fn tabbing_through_the_form_follows_the_printed_order() {
    let s = Scratch::new();
    for n in [1, 2] {
        let model: Vec<String> = model(n).into_iter().map(|b| b.name).collect();
        let form = PdfForm::read(&s.blank(n));
        let in_annots: Vec<String> = form.widgets().iter().map(|(_, w)| w.name.clone().unwrap()).collect();
        assert_eq!(in_annots, model, "附件{n}: the pages' /Annots, in order, should be the form's blanks in order");
        for (i, page) in form.pages.iter().enumerate() {
            // A viewer that honours /Tabs /R tabs row by row: top to bottom, left to right.
            if page.tabs.as_deref() == Some("/R") {
                let mut rows: Vec<&Widget> = page.annots.iter().collect();
                rows.sort_by(|a, b| (-a.rect[3]).round().total_cmp(&(-b.rect[3]).round()).then(a.rect[0].total_cmp(&b.rect[0])));
                let by_rows: Vec<_> = rows.iter().map(|w| w.name.clone().unwrap()).collect();
                let listed: Vec<_> = page.annots.iter().map(|w| w.name.clone().unwrap()).collect();
                assert_eq!(by_rows, listed, "附件{n} page {}: row order (/Tabs /R) differs from the form's order", i + 1);
            } else {
                assert!(
                    matches!(page.tabs.as_deref(), None | Some("/S")) || page.annots.is_empty(),
                    "附件{n} page {}: /Tabs {:?}",
                    i + 1,
                    page.tabs
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// 4. The field font

#[test]
fn the_form_carries_a_cjk_font_for_viewers_to_write_values_in() {
    let s = Scratch::new();
    for n in [1, 2] {
        let pdf = s.blank(n);
        let form = PdfForm::read(&pdf);
        let acro = form.acroform.as_ref().expect("no /AcroForm");
        let cjk: Vec<&String> = acro
            .fonts
            .iter()
            .filter(|(_, f)| f.subtype.as_deref() == Some("/Type0") && f.encoding.as_deref() == Some("/Identity-H"))
            .map(|(k, _)| k)
            .collect();
        assert!(!cjk.is_empty(), "附件{n}: /AcroForm /DR /Font has no Type0 Identity-H font: {:?}", acro.fonts);
        for name in &cjk {
            let f = &acro.fonts[*name];
            assert!(f.to_unicode.unwrap_or(0) > 0, "附件{n}: /DR font {name} has no /ToUnicode map");
            let d = f
                .descendant
                .as_ref()
                .unwrap_or_else(|| panic!("附件{n}: /DR font {name} has no descendant font"));
            assert!(
                matches!(d.subtype.as_deref(), Some("/CIDFontType0" | "/CIDFontType2")),
                "附件{n}: descendant of {name}: {:?}",
                d.subtype
            );
            assert!(
                matches!(d.font_file.as_deref(), Some("FontFile2" | "FontFile3")),
                "附件{n}: /DR font {name} is not embedded: {:?}",
                d.font_file
            );
            assert!(d.font_file_bytes.unwrap_or(0) > 10_000, "附件{n}: /DR font {name}'s embedded file is empty");
        }
        let font_of = |da: &str| da.split_whitespace().next().and_then(|t| t.strip_prefix('/')).map(str::to_string);
        let da = acro.da.as_deref().expect("no /AcroForm /DA");
        assert!(
            font_of(da).is_some_and(|f| cjk.contains(&&f)),
            "附件{n}: /AcroForm /DA {da:?} should use the CJK font {cjk:?}"
        );
        for (_, w) in form.widgets() {
            let da = w.da.as_deref().unwrap_or(da);
            assert!(
                font_of(da).is_some_and(|f| cjk.contains(&&f)),
                "附件{n} {:?}: /DA {da:?} should use the CJK font {cjk:?}",
                w.name
            );
        }
        // What people type: digits, a decimal point, a phone number, 是/否 and a unit's name.
        let typed = format!("0123456789.-()是否{JIANGAN}张三李四");
        let chars = py("font_chars.py", [pdf.as_os_str(), typed.as_ref()]);
        assert_eq!(chars["missing"], "", "附件{n}: the /DR font cannot show these typed characters");
    }
}

/// A union in 硚口区, one of Wuhan's own districts, types its name into the blank form in a
/// viewer (pdf.js, Acrobat, poppler with /NeedAppearances): the viewer has only the /DR
/// fonts to draw it with.
#[test]
fn a_union_in_any_wuhan_district_can_type_its_name_into_the_blank_form() {
    let s = Scratch::new();
    let districts = "江岸区江汉区硚口区汉阳区武昌区青山区洪山区东西湖区汉南区蔡甸区江夏区黄陂区新洲区";
    let typed = format!("武汉市{districts}总工会");
    for n in [1, 2] {
        let chars = py("font_chars.py", [s.blank(n).as_os_str(), typed.as_ref()]);
        assert_eq!(
            chars["missing"], "",
            "附件{n}: the blank form's /DR font lacks these characters of Wuhan's districts, so a viewer cannot draw them as they are typed"
        );
    }
}

// ---------------------------------------------------------------------------------------
// 5, 6. Filled in other people's tools

#[test]
fn a_reporting_unit_fills_the_form_in_pypdf_and_the_values_read_back() {
    let s = Scratch::new();
    let values = [
        ("unit", JIANGAN),
        ("reporter", "李四"),
        ("phone", "027-82771234"),
        ("01A", "6"),
        ("01B", "1"),
        ("01C", "2"),
        ("01D", "3"),
        ("05A", "12.5"),
        ("06B", "否"),
    ];
    let out = s.path("pypdf.pdf");
    let done = py("fill_pypdf.py", [s.blank(2).as_os_str(), out.as_os_str(), values_json(&values).as_ref()]);
    assert_eq!(done["set"].as_array().unwrap().len(), values.len(), "pypdf found every field: {done}");
    let want = expected(&values);
    assert_eq!(PdfForm::read(&out).values(), want, "pypdf {} reads back what it wrote", done["pypdf"]);
    assert_eq!(pdftk_values(&out), want, "pdftk reads back what pypdf wrote");
    // pypdf draws its own appearance with the form's /DR font: poppler shows it.
    let shown = pdftotext(&out);
    assert!(shown.contains(JIANGAN), "pdftotext of the pypdf-filled form lacks {JIANGAN}:\n{shown}");
}

#[test]
fn a_reporting_unit_fills_the_form_with_pdftk_from_a_utf16_fdf_and_the_values_read_back() {
    let s = Scratch::new();
    let values = [
        ("unit", QIAOKOU),
        ("reporter", "王五"),
        ("phone", "027-83601234"),
        ("01A", "800"),
        ("01B", "200"),
        ("05A", "3.25"),
    ];
    let out = s.path("pdftk.pdf");
    py("fill_pdftk.py", [s.blank(1).as_os_str(), out.as_os_str(), values_json(&values).as_ref()]);
    let want = expected(&values);
    assert_eq!(pdftk_values(&out), want, "pdftk dump_data_fields_utf8 reads back the FDF's values");
    assert_eq!(PdfForm::read(&out).values(), want, "pypdf reads back what pdftk wrote");
}

/// pdftk with `need_appearances` leaves the drawing to the viewer, which has only the form's
/// /DA and /DR font: poppler draws the unit's name with it.
#[test]
fn a_viewer_draws_pdftk_filled_values_with_the_forms_own_font() {
    let s = Scratch::new();
    let values = [("unit", "武汉市江汉区总工会"), ("reporter", "王五"), ("01A", "800")];
    let out = s.path("pdftk-na.pdf");
    py(
        "fill_pdftk.py",
        [
            s.blank(1).as_os_str(),
            out.as_os_str(),
            values_json(&values).as_ref(),
            "need_appearances".as_ref(),
        ],
    );
    assert_eq!(pdftk_values(&out), expected(&values));
    let shown = pdftotext(&out);
    assert!(
        shown.contains("武汉市江汉区总工会") && shown.contains("王五"),
        "poppler should draw the values in the /DR font:\n{shown}"
    );
}

// ---------------------------------------------------------------------------------------
// 7, 8. gongwen fill

const FILLED_1: &str = r#"
unit = "武汉市硚口区总工会"
reporter = "张三"
phone = "027-85791234"
01A = 4321
01B = 765
05A = 12.5
05B = 2.5
05C = 10
05D = 0
05E = 0
05F = 0
"#;

fn filled_1_values() -> BTreeMap<String, String> {
    expected(&[
        ("unit", QIAOKOU),
        ("reporter", "张三"),
        ("phone", "027-85791234"),
        ("01A", "4321"),
        ("01B", "765"),
        ("05A", "12.5"),
        ("05B", "2.5"),
        ("05C", "10"),
        ("05D", "0"),
        ("05E", "0"),
        ("05F", "0"),
    ])
}

#[test]
fn gongwen_fill_writes_the_values_and_draws_chinese_beyond_gb2312() {
    let s = Scratch::new();
    let values = s.write("v.toml", FILLED_1);
    let out = s.path("filled.pdf");
    fill_ok(1, &values, &out, false);

    let form = PdfForm::read(&out);
    assert_eq!(form.values(), filled_1_values(), "pypdf reads back the values gongwen wrote");
    assert_eq!(pdftk_values(&out), filled_1_values(), "pdftk reads back the values gongwen wrote");
    for code in filled_1_values().keys() {
        let w = form.widget(code);
        assert!(
            w.ap_n_bytes.unwrap_or(0) > 40,
            "{code}: a filled field needs an appearance stream that draws it"
        );
    }

    // The unit's name is drawn, 硚 included: dark pixels inside the unit field.
    let blank = PdfForm::read(&s.blank(1));
    let unit = blank.widget("unit");
    let page = blank.widgets().iter().find(|(_, w)| w.name.as_deref() == Some("unit")).unwrap().0;
    let (before, after) = (ink(&s.blank(1), page, unit.rect), ink(&out, page, unit.rect));
    println!("dark pixels in the unit field at 100 dpi: blank {before}, filled {after}");
    assert!(before <= 5, "the blank unit field should be empty above its rule, has {before} dark pixels");
    assert!(after >= 300, "the filled unit field should show {QIAOKOU}, has only {after} dark pixels");
    let shown = pdftotext(&out);
    assert!(shown.contains(QIAOKOU), "pdftotext of the filled form (poppler draws /AP) lacks {QIAOKOU}");
    assert!(
        shown.contains("4321") && shown.contains("12.5"),
        "pdftotext of the filled form lacks the numbers"
    );

    // A number is drawn at the right of its blank.
    let b = blank.widget("01B").rect;
    let mid = (b[0] + b[2]) / 2.0;
    let (left, right) = (ink(&out, page, [b[0], b[1], mid, b[3]]), ink(&out, page, [mid, b[1], b[2], b[3]]));
    println!("01B = 765: dark pixels left half {left}, right half {right}");
    assert!(
        left == 0 && right > 20,
        "01B's 765 should be right-aligned: {left} dark pixels in the left half, {right} in the right"
    );
}

#[test]
fn a_flattened_form_keeps_the_values_in_the_page_and_has_no_fields() {
    let s = Scratch::new();
    let values = s.write("v.toml", FILLED_1);
    let out = s.path("flat.pdf");
    fill_ok(1, &values, &out, true);
    let form = PdfForm::read(&out);
    assert!(
        form.get_fields.as_ref().is_none_or(BTreeMap::is_empty),
        "a flattened form has no fields: {:?}",
        form.get_fields
    );
    assert!(form.widgets().is_empty(), "a flattened form has no widgets");
    let shown = pdftotext(&out);
    for v in [QIAOKOU, "张三", "027-85791234", "4321", "765", "12.5"] {
        assert!(shown.contains(v), "pdftotext of the flattened form lacks {v}");
    }
    let blank = PdfForm::read(&s.blank(1));
    let after = ink(&out, 0, blank.widget("unit").rect);
    println!("flattened: dark pixels in the unit field {after}");
    assert!(
        after >= 300,
        "the flattened form should print {QIAOKOU} on the unit's blank, has {after} dark pixels there"
    );
}

// ---------------------------------------------------------------------------------------
// 9. Values are checked before anything is written

/// pypdf fills names beyond GB 2312 (张喆; 堃, 昇, 玥, 赟, 镕, common in people's names, all
/// in 通用规范汉字表): it draws them with the form's own font, which has them, so poppler shows
/// every one.
#[test]
fn names_beyond_gb2312_filled_by_pypdf_show_in_poppler() {
    let s = Scratch::new();
    let values = [("unit", "王堃李昇刘玥陈赟吴镕"), ("reporter", "张喆")];
    let out = s.path("pypdf.pdf");
    py("fill_pypdf.py", [s.blank(1).as_os_str(), out.as_os_str(), values_json(&values).as_ref()]);
    let shown = pdftotext(&out);
    for (_, v) in values {
        assert!(shown.contains(v), "poppler shows {v} whole:\n{shown}");
    }
}

/// The form's font holds every one of the 8,105 characters of 通用规范汉字表 (2013), as
/// Unicode's Unihan lists them (Debian's unicode-data), and gongwen's list of them is that
/// list.
#[test]
fn the_form_font_holds_the_table_of_general_standard_chinese_characters() {
    let s = Scratch::new();
    let list = Path::new(ROOT).join("src/export/forms/tgh-2013.txt");
    let check = py("tgh.py", ["check".as_ref(), list.as_os_str()]);
    assert_eq!(check["unihan"], 8105, "Unihan's kTGH lists 8,105 characters: {check}");
    assert_eq!(
        (check["missing"].as_str(), check["extra"].as_str(), check["order"].as_bool()),
        (Some(""), Some(""), Some(true)),
        "{check}"
    );
    let table: String = std::fs::read_to_string(&list).unwrap().lines().filter(|l| !l.starts_with('#')).collect();
    for n in [1, 2] {
        let chars = py("font_chars.py", [s.blank(n).as_os_str(), table.as_ref()]);
        assert_eq!(chars["missing"], "", "附件{n}: the form's /DR font lacks these characters of 通用规范汉字表");
    }
}

/// `gongwen fill` never replaces a file that exists (it may be a returned form) unless told
/// to with --force; with --units the output is a folder, and one named like a file is
/// refused; an output in a folder that does not exist is refused. Each is exit 2, with
/// nothing written and no folder made.
#[test]
fn fill_refuses_its_traps_with_exit_2() {
    let s = Scratch::new();
    let values = s.write("v.toml", "01A = 3\n");
    let returned = s.write("returned.pdf", "a form a unit sent back");
    let units = s.write("units.csv", "unit,01A\n武汉市江岸区总工会,1\n");
    let edition = edition_dir();
    let run_fill = |args: &[&OsStr]| {
        let mut all: Vec<&OsStr> = vec!["fill".as_ref(), edition.as_os_str(), "-n".as_ref(), "1".as_ref()];
        all.extend_from_slice(args);
        gongwen(all)
    };
    let o = run_fill(&["--values".as_ref(), values.as_os_str(), "-o".as_ref(), returned.as_os_str()]);
    assert_eq!(o.status.code(), Some(2), "an existing file: {}", text(&o.stderr));
    assert!(text(&o.stderr).contains("--force"), "{}", text(&o.stderr));
    assert_eq!(std::fs::read_to_string(&returned).unwrap(), "a form a unit sent back");
    let o = run_fill(&["--values".as_ref(), values.as_os_str(), "-o".as_ref(), returned.as_os_str(), "--force".as_ref()]);
    assert!(o.status.success(), "--force replaces it: {}", text(&o.stderr));
    assert!(std::fs::read(&returned).unwrap().starts_with(b"%PDF-"));

    let as_file = s.path("y.pdf");
    let o = run_fill(&["--units".as_ref(), units.as_os_str(), "-o".as_ref(), as_file.as_os_str()]);
    assert_eq!(o.status.code(), Some(2), "--units -o y.pdf: {}", text(&o.stderr));
    assert!(!as_file.exists(), "no folder y.pdf is made");

    let nowhere = s.path("missing/folder/x.pdf");
    let o = run_fill(&["--values".as_ref(), values.as_os_str(), "-o".as_ref(), nowhere.as_os_str()]);
    assert_eq!(o.status.code(), Some(2), "-o into a missing folder: {}", text(&o.stderr));
    assert!(!s.path("missing").exists(), "no folder is made");

    // Forms of an earlier --units run are not replaced either.
    let dir = s.path("forms");
    assert!(fill_units(1, &units, &dir).status.success());
    let o = fill_units(1, &units, &dir);
    assert_eq!(o.status.code(), Some(2), "the unit's form exists: {}", text(&o.stderr));
}

/// `gongwen fill` with VALUES (a file named NAME) exits 1, names each of `names` on stderr
/// and writes no output.
fn refused(n: usize, name: &str, values: &str, names: &[&str]) {
    let s = Scratch::new();
    let file = s.write(name, values);
    let out = s.path("out.pdf");
    let o = fill(n, &file, &out, false);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "附件{n} with {values:?} should be refused (exit 1):\n{err}");
    for want in names {
        assert!(err.contains(want), "the error for {values:?} should name {want}:\n{err}");
    }
    assert!(!out.exists(), "nothing should be written when the values are refused");
    let left: Vec<_> = std::fs::read_dir(s.0.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 1, "no temporary files left behind: {left:?}");
}

#[test]
fn a_letter_in_a_count_is_refused_naming_the_code() {
    refused(1, "v.toml", "unit = \"武汉市江岸区总工会\"\n01A = \"12a\"\n", &["01A"]);
}

#[test]
fn a_fraction_of_a_person_is_refused_naming_the_code() {
    refused(1, "v.toml", "01A = 1.5\n", &["01A"]);
    refused(1, "v.toml", "01B = \"2.5\"\n", &["01B"]);
}

#[test]
fn maybe_is_not_an_answer_to_a_yes_no_blank() {
    refused(2, "v.toml", "06B = \"也许\"\n", &["06B"]);
}

#[test]
fn an_unknown_code_is_refused_naming_it() {
    refused(1, "v.toml", "01A = 3\n99Z = 1\n", &["99Z"]);
}

#[test]
fn a_total_that_is_not_the_sum_of_its_parts_is_refused_naming_the_rule() {
    // 05A = 05B + 05C + 05D + 05E + 05F; here the parts add up to 9, not 10.
    refused(
        1,
        "v.toml",
        "05A = 10\n05B = 1\n05C = 2\n05D = 3\n05E = 3\n05F = 0\n",
        &["05A", "05A = 05B + 05C + 05D + 05E + 05F"],
    );
}

#[test]
fn a_bad_value_in_a_csv_values_file_is_refused_too() {
    refused(2, "v.csv", "code,value\n01A,3\n06B,也许\n", &["06B"]);
}

#[test]
fn refused_values_leave_an_earlier_output_as_it_was() {
    let s = Scratch::new();
    let file = s.write("v.toml", "01A = \"12a\"\n");
    let out = s.write("out.pdf", "an earlier form");
    let o = gongwen([
        "fill".as_ref(),
        edition_dir().as_os_str(),
        "-n".as_ref(),
        "1".as_ref(),
        "--values".as_ref(),
        file.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
        "--force".as_ref(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "an earlier form",
        "a refused fill must not touch the existing output"
    );
}

#[test]
fn a_csv_values_file_fills_the_form() {
    let s = Scratch::new();
    // As a spreadsheet saves it: a byte order mark, Chinese header names, full-width digits.
    let csv = "\u{FEFF}code,value\n填报单位,武汉市江岸区总工会\n填报人,李四\n联系电话,027-82771234\n01A,６\n01B,1\n01C,2\n01D,3\n06B,否\n06A,1.25\n";
    let file = s.write("v.csv", csv);
    let out = s.path("out.pdf");
    fill_ok(2, &file, &out, false);
    let want = expected(&[
        ("unit", JIANGAN),
        ("reporter", "李四"),
        ("phone", "027-82771234"),
        ("01A", "6"),
        ("01B", "1"),
        ("01C", "2"),
        ("01D", "3"),
        ("06A", "1.25"),
        ("06B", "否"),
    ]);
    assert_eq!(PdfForm::read(&out).values(), want, "pypdf reads back the CSV's values");
    assert_eq!(pdftk_values(&out), want, "pdftk reads back the CSV's values");
}

/// A value no shipped font has (U+30000, of CJK Extension G) cannot be drawn: refused,
/// naming the field it was given for.
#[test]
fn a_value_no_font_can_show_is_refused_naming_its_field() {
    refused(
        1,
        "v.toml",
        &format!("unit = \"武汉市江岸区总工会\"\nreporter = \"{NO_FONT}田\"\n"),
        &[NO_FONT, "reporter"],
    );
}

/// 𠮷 (U+20BB7) is not in the field font (Noto Sans SC) but another shipped font has it
/// (Noto Serif CJK): gongwen fill draws it from that font, and poppler shows it.
#[test]
fn a_value_beyond_the_field_font_is_drawn_from_another_shipped_font() {
    let s = Scratch::new();
    let values = s.write("v.toml", "unit = \"武汉市江岸区总工会\"\nreporter = \"𠮷田\"\n");
    let out = s.path("out.pdf");
    fill_ok(1, &values, &out, false);
    assert_eq!(PdfForm::read(&out).values().get("reporter").map(String::as_str), Some("𠮷田"));
    let shown = pdftotext(&out);
    assert!(shown.contains("𠮷田"), "poppler draws 𠮷 from the second font:\n{shown}");
    let fonts = text(&run("pdffonts", [out.as_os_str()]).stdout);
    assert!(fonts.contains("NotoSerifCJK"), "the extra font is embedded:\n{fonts}");
}

// ---------------------------------------------------------------------------------------
// 10. One pre-filled form per unit

fn pdfs_in(dir: &Path) -> BTreeSet<String> {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect(),
        Err(_) => BTreeSet::new(),
    }
}

#[test]
fn the_city_office_prefills_one_form_per_unit_from_a_csv() {
    let s = Scratch::new();
    let units = [
        ("武汉市江岸区总工会", "李四", "027-82771234", "1200"),
        ("武汉市江汉区总工会", "王五", "027-85551234", "980"),
        (QIAOKOU, "张三", "027-83601234", "1100"),
        ("武汉市汉阳区总工会", "赵六", "027-84841234", ""),
        ("武汉市武昌区总工会", "钱七", "027-88881234", "2048"),
    ];
    let mut csv = String::from("填报单位,填报人,联系电话,01A\n");
    for (u, r, p, a) in units {
        csv.push_str(&format!("{u},{r},{p},{a}\n"));
    }
    let file = s.write("units.csv", &csv);
    let dir = s.path("forms");
    let o = fill_units(1, &file, &dir);
    assert!(o.status.success(), "gongwen fill --units failed:\n{}", text(&o.stderr));
    let want: BTreeSet<String> = units.iter().map(|(u, ..)| format!("{u}.pdf")).collect();
    assert_eq!(pdfs_in(&dir), want, "one PDF per unit, named after it");
    for (u, r, p, a) in units {
        let mut values = expected(&[("unit", u), ("reporter", r), ("phone", p)]);
        if !a.is_empty() {
            values.insert("01A".into(), a.into());
        }
        let pdf = dir.join(format!("{u}.pdf"));
        assert_eq!(PdfForm::read(&pdf).values(), values, "{u}.pdf should be pre-filled with its own row");
    }
}

#[test]
fn a_unit_name_with_a_slash_becomes_a_safe_file_name() {
    let s = Scratch::new();
    let name = "武汉市总工会/保障工作部";
    let file = s.write("units.csv", &format!("unit,01A\n{name},5\n"));
    let dir = s.path("forms");
    let o = fill_units(1, &file, &dir);
    assert!(o.status.success(), "gongwen fill --units failed:\n{}", text(&o.stderr));
    let files = pdfs_in(&dir);
    assert_eq!(files.len(), 1, "one form, directly in the folder: {files:?}");
    let file_name = files.into_iter().next().unwrap();
    assert!(
        file_name.ends_with(".pdf") && file_name.contains("武汉市总工会") && file_name.contains("保障工作部"),
        "{file_name}"
    );
    let pdf = dir.join(&file_name);
    assert!(pdf.is_file(), "{file_name} should be a file, not a folder");
    assert_eq!(
        PdfForm::read(&pdf).values().get("unit").map(String::as_str),
        Some(name),
        "the form keeps the unit's name as written"
    );
}

/// `gongwen fill --units` with CSV exits 1, names `names`, and writes nothing into the folder.
fn units_refused(csv: &str, names: &[&str]) {
    let s = Scratch::new();
    let file = s.write("units.csv", csv);
    let dir = s.path("forms");
    let o = fill_units(1, &file, &dir);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "the units file should be refused:\n{csv}\n{err}");
    for want in names {
        assert!(err.contains(want), "the error should name {want}:\n{err}");
    }
    assert_eq!(
        pdfs_in(&dir),
        BTreeSet::new(),
        "nothing should be written into the folder when the units file is refused:\n{err}"
    );
}

#[test]
fn a_units_csv_naming_a_unit_twice_writes_nothing() {
    units_refused(
        "填报单位,01A\n武汉市江岸区总工会,1\n武汉市江汉区总工会,2\n武汉市江岸区总工会,3\n",
        &["武汉市江岸区总工会"],
    );
}

#[test]
fn a_units_csv_with_a_bad_value_writes_nothing() {
    units_refused(
        "unit,01A,01B\n武汉市江岸区总工会,10,2\n武汉市江汉区总工会,12a,1\n",
        &["01A", "武汉市江汉区总工会"],
    );
}

#[test]
fn a_units_csv_breaking_a_rule_writes_nothing() {
    // 01B (农民工) cannot exceed 01A (职工总数).
    units_refused("unit,01A,01B\n武汉市江岸区总工会,10,2\n武汉市江汉区总工会,5,9\n", &["01B <= 01A"]);
}

/// Two units whose names differ only in a character a file name cannot hold would get the
/// same file: the second form would silently replace the first.
#[test]
fn units_whose_names_make_the_same_file_name_are_refused_not_overwritten() {
    units_refused("unit,01A\n市总/保障部,1\n市总_保障部,2\n", &["市总/保障部", "市总_保障部"]);
}

/// A unit whose row no font can draw does not stop the batch: that unit is reported, with its
/// line, and every other unit's form is written.
#[test]
fn a_unit_no_font_can_draw_is_reported_and_the_others_written() {
    let s = Scratch::new();
    let csv = format!("unit,reporter,01A\n武汉市江岸区总工会,李四,1\n武汉市江汉区总工会,{NO_FONT}田,2\n武汉市硚口区总工会,𠮷田,3\n");
    let file = s.write("units.csv", &csv);
    let dir = s.path("forms");
    let o = fill_units(1, &file, &dir);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "one unit could not be written:\n{err}");
    assert!(
        err.contains("武汉市江汉区总工会") && err.contains(NO_FONT) && err.contains(":3:"),
        "the unit, its character and line:\n{err}"
    );
    let want: BTreeSet<String> = ["武汉市江岸区总工会.pdf", "武汉市硚口区总工会.pdf"].map(String::from).into();
    assert_eq!(pdfs_in(&dir), want, "the other units' forms are written:\n{err}");
}

/// gongwen's own appearances shrink a value to fit its box: a 35-character unit name and a
/// 12-digit count lie wholly inside their fields, as poppler draws them; a value that would
/// need less than 6 pt is refused, naming its field.
#[test]
fn values_are_shrunk_to_fit_their_box_never_cut() {
    let s = Scratch::new();
    let long = "武汉市江岸区总工会武汉市江岸区总工会武汉市江岸区总工会武汉市江岸区总工";
    assert_eq!(long.chars().count(), 35);
    let values = s.write("v.toml", &format!("unit = \"{long}\"\n01A = 123456789012\n"));
    let out = s.path("out.pdf");
    fill_ok(1, &values, &out, false);
    let form = PdfForm::read(&out);
    let page_height = 841.89;
    let words = text(
        &run(
            "pdftotext",
            [
                "-bbox".as_ref(),
                "-f".as_ref(),
                "1".as_ref(),
                "-l".as_ref(),
                "1".as_ref(),
                out.as_os_str(),
                "-".as_ref(),
            ],
        )
        .stdout,
    );
    for (code, value) in [("unit", long), ("01A", "123456789012")] {
        let rect = form.widget(code).rect;
        let line = words
            .lines()
            .find(|l| l.contains(&format!(">{value}<")))
            .unwrap_or_else(|| panic!("poppler shows no word {value} whole:\n{words}"));
        let attr = |name: &str| -> f64 {
            let at = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            line[at..].split('"').next().unwrap().parse().unwrap()
        };
        let (x0, x1) = (attr("xMin"), attr("xMax"));
        let (y0, y1) = (page_height - attr("yMax"), page_height - attr("yMin"));
        assert!(
            x0 >= rect[0] - 0.5 && x1 <= rect[2] + 0.5 && y0 >= rect[1] - 1.0 && y1 <= rect[3] + 1.0,
            "{code} = {value}: drawn at x {x0:.1}–{x1:.1}, y {y0:.1}–{y1:.1}, outside its field {rect:?}"
        );
    }
    let much_too_long = "武汉市江岸区总工会".repeat(12);
    refused(1, "v.toml", &format!("unit = \"{much_too_long}\"\n"), &["unit", "6"]);
}

// ---------------------------------------------------------------------------------------
// 11. Sound PDFs, whoever filled them

#[test]
fn every_form_a_union_office_handles_passes_qpdf_and_mupdf() {
    let s = Scratch::new();
    let values = s.write("v.toml", FILLED_1);
    let (filled, flat, pypdf, pdftk) = (
        s.path("gongwen-filled.pdf"),
        s.path("gongwen-flat.pdf"),
        s.path("pypdf.pdf"),
        s.path("pdftk.pdf"),
    );
    fill_ok(1, &values, &filled, false);
    fill_ok(1, &values, &flat, true);
    let by_hand = values_json(&[("unit", JIANGAN), ("01A", "12"), ("06B", "是")]);
    py("fill_pypdf.py", [s.blank(2).as_os_str(), pypdf.as_os_str(), by_hand.as_ref()]);
    py("fill_pdftk.py", [s.blank(2).as_os_str(), pdftk.as_os_str(), by_hand.as_ref()]);
    for pdf in [s.blank(1), s.blank(2), filled, flat, pypdf, pdftk] {
        let name = pdf.file_name().unwrap().to_string_lossy().into_owned();
        let q = run("qpdf", ["--check".as_ref(), pdf.as_os_str()]);
        assert_eq!(q.status.code(), Some(0), "qpdf --check {name}:\n{}{}", text(&q.stdout), text(&q.stderr));
        // -q: no progress lines; what is left on stderr is mupdf's warnings and errors.
        let m = run("mutool", ["draw".as_ref(), "-q".as_ref(), "-o".as_ref(), "/dev/null".as_ref(), pdf.as_os_str()]);
        let err = text(&m.stderr);
        let complaints: Vec<&str> = err
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.contains("ICC support is not available"))
            .collect();
        assert!(m.status.success() && complaints.is_empty(), "mutool draw {name} complains:\n{err}");
    }
}

// ---------------------------------------------------------------------------------------
// 12. CSV as Excel writes it

/// A units file as Excel saves "CSV" on Chinese Windows: GBK, CRLF line ends. It fills, and
/// a mistake in it is reported at its own line.
#[test]
fn a_gbk_crlf_units_csv_fills_and_errors_name_the_right_line() {
    let s = Scratch::new();
    let gbk = |text: &str| encoding_rs::GBK.encode(text).0.into_owned();
    let csv = "填报单位,填报人,联系电话,01A\r\n武汉市江岸区总工会,李四,027-82771234,1200\r\n武汉市江汉区总工会,王五,027-85551234,980\r\n";
    let file = s.path("units.csv");
    std::fs::write(&file, gbk(csv)).unwrap();
    assert!(std::str::from_utf8(&std::fs::read(&file).unwrap()).is_err(), "the file is GBK, not UTF-8");
    let dir = s.path("forms");
    let o = fill_units(1, &file, &dir);
    assert!(o.status.success(), "a GBK CRLF units file fills:\n{}", text(&o.stderr));
    let form = PdfForm::read(&dir.join("武汉市江汉区总工会.pdf"));
    assert_eq!(form.values().get("reporter").map(String::as_str), Some("王五"), "read as GBK");

    // A bad value on line 3 of a GBK CRLF file, and of a UTF-8 one with a byte order mark.
    let bad = "填报单位,01A\r\n武汉市江岸区总工会,1\r\n武汉市江汉区总工会,12a\r\n";
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(bad.as_bytes());
    for (what, bytes) in [("GBK", gbk(bad)), ("UTF-8 with BOM", with_bom)] {
        let file = s.path("bad.csv");
        std::fs::write(&file, bytes).unwrap();
        let o = fill_units(1, &file, &s.path("bad-forms"));
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{what}: {err}");
        assert!(err.contains(&format!("{}:3:", file.display())), "{what}: the error is on line 3:\n{err}");
    }
    // A values file with CRLF: the bad value's line.
    let values = s.path("v.csv");
    std::fs::write(&values, "code,value\r\n01A,1\r\n01B,\r\n01A,2\r\n").unwrap();
    let o = fill(1, &values, &s.path("out.pdf"), false);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("{}:4:", values.display())), "01A given twice, on line 4:\n{err}");
}
