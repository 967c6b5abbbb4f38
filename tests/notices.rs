//! Issue #10: any notice an office writes. The three examples (examples/joint-notice: three
//! issuers, unsealed; examples/sealed-notice: two issuers with seals and a text attachment;
//! examples/tables-notice: a landscape schedule and a fillable 报名表), the 2015 edition with
//! its attachments removed, and a signer's-seal edition (tests/editions/signer) are built as
//! a user builds them, and their PDFs are read with tools that are not ours: pdfplumber for
//! glyphs, rules and images (tests/tools/glyphs.py), poppler for the pixels (red_blobs.py,
//! forms/ink.py) and the text (pdftotext), pypdf to fill the 报名表.
//!
//! What each page should show is worked out from the editions' TOML (read here with the
//! `toml` crate, not with gongwen's model) and from GB/T 9704-2012 7.2.4, 7.3.3, 7.3.5 and
//! 7.3.7. Coordinates are points from a page's top-left corner.

mod common;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;

const MM: f64 = 72.0 / 25.4;
/// The type block (版心): 156 × 225 mm, 28 mm from the left, 37 mm from the top.
const LEFT: f64 = 28.0 * MM;
const RIGHT: f64 = LEFT + 156.0 * MM;
const TOP: f64 = 37.0 * MM;
const BOTTOM: f64 = TOP + 225.0 * MM;
/// One character of 3号 on the grid: 156 mm / 28.
const CELL: f64 = 156.0 * MM / 28.0;
/// Baseline to baseline.
const PITCH: f64 = (225.0 * MM - 22.0 * 16.0) / 21.0 + 16.0;
/// 2号, the title's size: the organ mark is never smaller (7.2.4).
const SIZE_2: f64 = 22.0;
/// How far a measured edge may be from where the standard puts it.
const TOLERANCE: f64 = 0.6;

// ---------------------------------------------------------------------------------------
// The editions and their builds

/// An edition built into a temporary folder, with its TOML.
struct Built {
    dir: PathBuf,
    build: Build,
    model: Model,
    _copy: Option<Edition>,
}

impl std::ops::Deref for Built {
    type Target = Model;
    fn deref(&self) -> &Model {
        &self.model
    }
}

impl Built {
    fn new(dir: PathBuf, copy: Option<Edition>) -> Self {
        let build = build(&dir);
        build.run.assert_ok(&format!("gongwen build {}", dir.display()));
        Built {
            model: Model::read(&dir),
            dir,
            build,
            _copy: copy,
        }
    }

    fn pdf(&self, name: &str) -> PathBuf {
        self.build.pdf(name)
    }

    /// The glyphs, rules and images of one of its PDFs, as pdfplumber reads them.
    fn pages(&self, name: &str) -> Vec<Page> {
        let pdf: Pdf = python_json("glyphs.py", [self.pdf(name)]);
        pdf.pages
    }
}

/// An edition's TOML, read with the `toml` crate.
struct Model {
    notice: toml::Table,
    /// The attachments' TOML, in order.
    attachments: Vec<toml::Table>,
}

impl Model {
    fn read(dir: &Path) -> Self {
        let notice = read_toml(&dir.join("notice.toml"));
        let attachments = closing(&notice)
            .and_then(|c| c.get("attachments"))
            .and_then(|a| a.as_array())
            .map(|a| a.iter().map(|f| read_toml(&dir.join(f.as_str().unwrap()))).collect())
            .unwrap_or_default();
        Model { notice, attachments }
    }

    /// The issuers' full names, 主办机关 first.
    fn issuers(&self) -> Vec<String> {
        match self.notice.get("issuers").and_then(|i| i.as_array()) {
            Some(list) => list.iter().map(|i| i["name"].as_str().unwrap().to_string()).collect(),
            None => vec![self.notice["signature"]["organ"].as_str().unwrap().to_string()],
        }
    }

    /// The issuers' marks, as the head prints them.
    fn marks(&self) -> Vec<String> {
        match self.notice.get("issuers").and_then(|i| i.as_array()) {
            Some(list) => list.iter().map(|i| i.get("mark").unwrap_or(&i["name"]).as_str().unwrap().to_string()).collect(),
            None => vec![self.notice["head"]["organ_mark"].as_str().unwrap().to_string()],
        }
    }

    fn form(&self) -> String {
        self.notice["signature"].get("form").and_then(|f| f.as_str()).unwrap_or("sealed").to_string()
    }

    /// The signing date as printed: 2014年12月30日.
    fn date(&self) -> String {
        let d = self.notice["signature"]["date"].as_datetime().unwrap().date.unwrap();
        format!("{}年{}月{}日", d.year, d.month, d.day)
    }

    fn seals(&self) -> Vec<Option<String>> {
        match self.notice.get("issuers").and_then(|i| i.as_array()) {
            Some(list) => list.iter().map(|i| i.get("seal").and_then(|s| s.as_str()).map(str::to_string)).collect(),
            None => vec![None],
        }
    }
}

fn read_toml(path: &Path) -> toml::Table {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.parse().unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn closing(notice: &toml::Table) -> Option<&toml::Table> {
    notice.get("closing").and_then(|c| c.as_table())
}

fn example(name: &str) -> &'static Built {
    static BUILT: OnceLock<std::sync::Mutex<BTreeMap<String, &'static Built>>> = OnceLock::new();
    let map = BUILT.get_or_init(Default::default);
    if let Some(b) = map.lock().unwrap().get(name) {
        return b;
    }
    let built: &'static Built = Box::leak(Box::new(Built::new(root().join("examples").join(name), None)));
    map.lock().unwrap().insert(name.to_string(), built);
    built
}

/// The 2015 edition without its attachments: the signature must stand where it does with them.
fn without_attachments() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let copy = edition_with(&[("notice.toml", "attachments = [\"attachment-1.toml\", \"attachment-2.toml\"]", "")]);
        Built::new(copy.path.clone(), Some(copy))
    })
}

fn the_2015_edition() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| Built::new(edition_2015(), None))
}

fn signer_edition() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| Built::new(root().join("tests/editions/signer"), None))
}

const EXAMPLES: [&str; 3] = ["joint-notice", "sealed-notice", "tables-notice"];

/// Every edition whose signature is checked: the examples, the 2015 edition with and without
/// its attachments, the signer's-seal edition.
fn all_editions() -> Vec<(&'static str, &'static Built)> {
    let mut all: Vec<(&str, &Built)> = EXAMPLES.iter().map(|e| (*e, example(e))).collect();
    all.push(("data/2015", the_2015_edition()));
    all.push(("data/2015 without attachments", without_attachments()));
    all.push(("tests/editions/signer", signer_edition()));
    all
}

// ---------------------------------------------------------------------------------------
// Pages as pdfplumber reads them

#[derive(serde::Deserialize)]
struct Pdf {
    pages: Vec<Page>,
}

#[derive(serde::Deserialize)]
struct Page {
    width: f64,
    height: f64,
    chars: Vec<Glyph>,
    lines: Vec<Rule>,
    images: Vec<BoxRect>,
}

#[derive(serde::Deserialize, Clone, Debug)]
struct Glyph {
    text: String,
    x0: f64,
    x1: f64,
    baseline: f64,
    size: f64,
    font: String,
    fill: Vec<f64>,
}

#[derive(serde::Deserialize, Debug)]
struct Rule {
    x0: f64,
    x1: f64,
    top: f64,
    bottom: f64,
}

#[derive(serde::Deserialize, Debug, Clone, Copy)]
struct BoxRect {
    x0: f64,
    x1: f64,
    top: f64,
    bottom: f64,
}

impl BoxRect {
    fn overlaps(&self, o: &BoxRect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.top < o.bottom && o.top < self.bottom
    }
}

/// A line of text: the glyphs sharing a baseline, left to right, blanks left out.
#[derive(Debug, Clone)]
struct Row {
    baseline: f64,
    glyphs: Vec<Glyph>,
}

impl Row {
    fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.text.as_str()).collect()
    }

    /// The glyphs of `s` in this row, if it holds it.
    fn find(&self, s: &str) -> Option<&[Glyph]> {
        let wanted: Vec<String> = s.chars().filter(|c| !c.is_whitespace()).map(String::from).collect();
        let texts: Vec<&str> = self.glyphs.iter().map(|g| g.text.as_str()).collect();
        if wanted.is_empty() || wanted.len() > texts.len() {
            return None;
        }
        (0..=texts.len() - wanted.len())
            .find(|&i| texts[i..i + wanted.len()].iter().zip(&wanted).all(|(a, b)| a == b))
            .map(|i| &self.glyphs[i..i + wanted.len()])
    }
}

/// The page's rows inside the type block, top to bottom (the page number is below it).
fn rows(page: &Page) -> Vec<Row> {
    let mut by: BTreeMap<i64, Vec<Glyph>> = BTreeMap::new();
    for g in page.chars.iter().filter(|g| !g.text.trim().is_empty()) {
        by.entry((g.baseline * 10.0).round() as i64).or_default().push(g.clone());
    }
    by.into_values()
        .map(|mut glyphs| {
            glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            Row {
                baseline: glyphs[0].baseline,
                glyphs,
            }
        })
        .filter(|r| r.baseline > TOP - 1.0 && r.baseline < BOTTOM + 1.0)
        .collect()
}

fn span(glyphs: &[Glyph]) -> (f64, f64) {
    (glyphs.first().unwrap().x0, glyphs.last().unwrap().x1)
}

/// The page and row holding the signing date, in the notice (the first page that has it as
/// a line of its own).
fn date_row(pages: &[Page], date: &str) -> (usize, Vec<Row>, usize) {
    for (i, p) in pages.iter().enumerate() {
        let rows = rows(p);
        if let Some(j) = rows.iter().position(|r| r.text() == date) {
            return (i, rows, j);
        }
    }
    panic!("no line `{date}` (the signing date) in the notice");
}

fn is_red(g: &Glyph) -> bool {
    g.fill.len() == 3 && g.fill[0] > 0.8 && g.fill[1] < 0.2 && g.fill[2] < 0.2
}

// ---------------------------------------------------------------------------------------
// Building

#[test]
fn every_example_checks_and_builds_into_a_notice_and_its_attachments() {
    for name in EXAMPLES {
        let dir = root().join("examples").join(name);
        let check = gongwen([OsStr::new("check"), dir.as_os_str()]);
        check.assert_ok(&format!("gongwen check examples/{name}"));
        assert!(
            warnings(&check.stderr).is_empty(),
            "gongwen check examples/{name} should give no warning:\n{check}"
        );
        let built = example(name);
        let mut expected = vec!["notice.pdf".to_string()];
        expected.extend((1..=built.attachments.len()).map(|n| format!("attachment-{n}.pdf")));
        expected.sort();
        let written = listing(&built.build.out);
        let pdfs: Vec<String> = written.iter().filter(|n| n.ends_with(".pdf")).cloned().collect();
        assert_eq!(pdfs, expected, "examples/{name}: the PDFs written");
        // Beside them, the attachments with blanks as spreadsheets (issue 12), and nothing else.
        for other in written.iter().filter(|n| !n.ends_with(".pdf")) {
            let pdf = other.strip_suffix(".xlsx").map(|stem| format!("{stem}.pdf"));
            assert!(
                other.starts_with("attachment-") && pdf.is_some_and(|p| expected.contains(&p)),
                "examples/{name}: {other} is written too"
            );
        }
        for f in &expected {
            let run = run_tool("qpdf", [OsStr::new("--check"), built.pdf(f).as_os_str()]);
            run.assert_ok(&format!("qpdf --check {f} of examples/{name}"));
        }
    }
}

// ---------------------------------------------------------------------------------------
// 7.3.5: the signature

#[test]
fn the_date_and_the_names_stand_where_the_signature_s_form_puts_them() {
    for (label, built) in all_editions() {
        let pages = built.pages("notice.pdf");
        let date = built.date();
        let (page, rows, at) = date_row(&pages, &date);
        let date_glyphs = &rows[at].glyphs;
        let (d0, d1) = span(date_glyphs);
        let names = built.issuers();
        let form = built.form();
        let indent = RIGHT - d1;
        let want = if form == "unsealed" { 2.0 } else { 4.0 };
        assert!(
            (indent - want * CELL).abs() < TOLERANCE,
            "{label}: the date `{date}` ends {:.2} mm from the type block's right edge, expected {want} characters ({:.2} mm) for a {form} signature",
            indent / MM,
            want * CELL / MM
        );
        // Each name whole on one line above the date.
        let above: Vec<&Row> = rows[..at].iter().collect();
        let mut found = Vec::new();
        for name in &names {
            let hit = above.iter().rev().find_map(|r| r.find(name).map(|g| (r.baseline, span(g))));
            let (baseline, (x0, x1)) = hit.unwrap_or_else(|| {
                let texts: Vec<String> = above.iter().map(|r| r.text()).collect();
                panic!(
                    "{label}: the name `{name}` is not whole on any line above the date on page {}: {texts:?}",
                    page + 1
                )
            });
            found.push((baseline, x0, x1));
        }
        match form.as_str() {
            "unsealed" => {
                // Stacked, 主办机关 first, one line each, right-aligned; the date's first
                // character two characters right of the last name's first (7.3.5.2).
                for (i, pair) in found.windows(2).enumerate() {
                    assert!(
                        (pair[1].0 - pair[0].0 - PITCH).abs() < TOLERANCE,
                        "{label}: names {} and {} are not on consecutive lines",
                        i + 1,
                        i + 2
                    );
                    assert!((pair[1].2 - pair[0].2).abs() < TOLERANCE, "{label}: the names do not end at one edge");
                }
                let last = found.last().unwrap();
                assert!(
                    (at > 0) && (rows[at].baseline - last.0 - PITCH).abs() < TOLERANCE,
                    "{label}: the date is not on the line below the last name"
                );
                assert!(
                    (d0 - last.1 - 2.0 * CELL).abs() < TOLERANCE,
                    "{label}: the date starts {:.2} mm right of the last name's start, expected two characters",
                    (d0 - last.1) / MM
                );
                let name_indent = RIGHT - last.2;
                assert!(
                    name_indent > 2.0 * CELL - TOLERANCE,
                    "{label}: a name reaches past two characters from the edge"
                );
            }
            "signer" => {
                // One issuer to a row, the title two characters left of the seal's room,
                // which is right-indented four (7.3.5.3); checked in its own test.
            }
            _ => {
                // Sealed: names side by side, in order; the last one centred over the date.
                let last = found.last().unwrap();
                assert!(
                    (rows[at].baseline - last.0 - PITCH).abs() < TOLERANCE,
                    "{label}: the last name is not on the line above the date"
                );
                let (centre_name, centre_date) = ((last.1 + last.2) / 2.0, (d0 + d1) / 2.0);
                assert!(
                    (centre_name - centre_date).abs() < TOLERANCE || last.2 > RIGHT - TOLERANCE,
                    "{label}: the last name's centre is {:.2} mm from the date's",
                    (centre_name - centre_date) / MM
                );
                for pair in found.windows(2) {
                    if (pair[0].0 - pair[1].0).abs() < 0.1 {
                        assert!(pair[0].2 < pair[1].1, "{label}: names side by side overlap or are out of order");
                    } else {
                        assert!(pair[0].0 < pair[1].0, "{label}: a later row of names stands above an earlier one");
                    }
                }
            }
        }
    }
}

#[test]
fn the_signature_stands_in_the_same_place_with_and_without_attachments() {
    let with = the_2015_edition().pages("notice.pdf");
    let without = without_attachments().pages("notice.pdf");
    let date = the_2015_edition().date();
    let (_, rows_with, i) = date_row(&with, &date);
    let (_, rows_without, j) = date_row(&without, &date);
    let (a, b) = (span(&rows_with[i].glyphs), span(&rows_without[j].glyphs));
    assert!(
        (a.0 - b.0).abs() < 0.01 && (a.1 - b.1).abs() < 0.01,
        "the date is at {a:?} with the attachments and at {b:?} without"
    );
    // 161.7 mm from the page's left edge: 28 + 156 − 4 × 156/28 mm.
    assert!((b.1 / MM - 161.714).abs() < 0.2, "the date ends {:.2} mm from the left", b.1 / MM);
}

#[test]
fn a_signer_s_signature_seal_stands_four_characters_in_with_the_title_beside_it() {
    let built = signer_edition();
    let pages = built.pages("notice.pdf");
    let date = built.date();
    let (page, rows, at) = date_row(&pages, &date);
    let issuers = built.notice["issuers"].as_array().unwrap();
    // The signature seals are SVG drawings: poppler's red regions, one per issuer, stacked.
    let blobs = red_blobs(&built.pdf("notice.pdf"), page + 1, None);
    assert_eq!(blobs.len(), issuers.len(), "one signature seal per issuer: {blobs:?}");
    let mut last_bottom = 0.0;
    for (i, (issuer, blob)) in issuers.iter().zip(&blobs_top_down(&blobs)).enumerate() {
        assert!(
            (RIGHT - blob.x1 - 4.0 * CELL).abs() < 1.5,
            "signer {}: the seal ends {:.1} mm from the right edge, expected four characters",
            i + 1,
            (RIGHT - blob.x1) / MM
        );
        assert!(blob.top > last_bottom, "signer {}: the seals are not one below another", i + 1);
        last_bottom = blob.bottom;
        let title = issuer["signer"].as_str().unwrap();
        let row = rows[..at]
            .iter()
            .find(|r| r.find(title).is_some())
            .unwrap_or_else(|| panic!("the signer's title `{title}` on one line"));
        let (_, x1) = span(row.find(title).unwrap());
        assert!(
            (blob.x0 - x1 - 2.0 * CELL).abs() < 1.5,
            "`{title}` ends {:.1} mm left of its seal, expected two characters",
            (blob.x0 - x1) / MM
        );
        let middle = (blob.top + blob.bottom) / 2.0;
        let line_middle = row.baseline - 0.38 * 16.0;
        assert!((middle - line_middle).abs() < 2.0, "`{title}` is not centred on its seal vertically");
    }
    assert!(
        rows[at].baseline - last_bottom > 16.0,
        "the date stands one blank line below the last signature seal"
    );
}

// ---------------------------------------------------------------------------------------
// 7.2.4: the organ mark

#[test]
fn the_mark_names_every_issuer_in_2hao_or_larger_and_fits_the_type_block() {
    for (label, built) in all_editions() {
        let pages = built.pages("notice.pdf");
        let red: Vec<&Glyph> = pages[0].chars.iter().filter(|g| is_red(g) && !g.text.trim().is_empty()).collect();
        assert!(!red.is_empty(), "{label}: no red mark on page 1");
        for g in &red {
            assert!(
                g.size >= SIZE_2 - 0.01,
                "{label}: the mark's `{}` is {:.1} pt, smaller than 2号 (22 pt)",
                g.text,
                g.size
            );
            assert!(
                g.x0 >= LEFT - 0.5 && g.x1 <= RIGHT + 0.5,
                "{label}: the mark's `{}` is outside the type block",
                g.text
            );
        }
        let sizes: Vec<f64> = red.iter().map(|g| g.size).collect();
        assert!(
            sizes.iter().all(|s| (s - sizes[0]).abs() < 0.01),
            "{label}: the mark's lines differ in size: {sizes:?}"
        );
        let page = Page {
            width: pages[0].width,
            height: pages[0].height,
            chars: red.iter().map(|g| (*g).clone()).collect(),
            lines: Vec::new(),
            images: Vec::new(),
        };
        let lines = rows(&page);
        let marks = built.marks();
        let suffix = built.notice["head"].get("suffix").and_then(|s| s.as_str()).unwrap_or("");
        if marks.len() == 1 {
            let whole = format!("{}{}", marks[0], suffix);
            assert_eq!(lines.len(), 1, "{label}: one issuer's mark is one line");
            assert_eq!(lines[0].text(), whole, "{label}: the mark");
            continue;
        }
        // Several issuers: one to a line, in order, spread to one width; the suffix to their
        // right, centred on them vertically.
        let issuer_lines: Vec<&Row> = lines.iter().filter(|r| marks.iter().any(|m| r.text().starts_with(m.as_str()))).collect();
        assert_eq!(
            issuer_lines.len(),
            marks.len(),
            "{label}: every issuer's mark on a line of its own: {:?}",
            lines.iter().map(Row::text).collect::<Vec<_>>()
        );
        for (row, mark) in issuer_lines.iter().zip(&marks) {
            assert!(row.text().starts_with(mark.as_str()), "{label}: the issuers' marks are out of order");
        }
        let lefts: Vec<f64> = issuer_lines.iter().map(|r| r.glyphs[0].x0).collect();
        let rights: Vec<f64> = issuer_lines.iter().zip(&marks).map(|(r, m)| span(r.find(m).unwrap()).1).collect();
        assert!(
            lefts.windows(2).all(|w| (w[0] - w[1]).abs() < 0.5),
            "{label}: the names do not start at one edge: {lefts:?}"
        );
        assert!(
            rights.windows(2).all(|w| (w[0] - w[1]).abs() < 0.5),
            "{label}: the names are not spread to one width: {rights:?}"
        );
        if !suffix.is_empty() {
            let suffix_glyphs: Vec<&Glyph> = page.chars.iter().filter(|g| suffix.contains(g.text.as_str()) && g.x0 > rights[0]).collect();
            assert_eq!(
                suffix_glyphs.iter().map(|g| g.text.as_str()).collect::<String>(),
                suffix,
                "{label}: `{suffix}` right of the names"
            );
            let (first, last) = (issuer_lines[0].baseline, issuer_lines.last().unwrap().baseline);
            let mid = suffix_glyphs[0].baseline;
            assert!(
                (mid - (first + last) / 2.0).abs() < 1.0,
                "{label}: `{suffix}` is not centred on the names vertically ({mid:.1} against {first:.1}–{last:.1})"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// 7.3.3: four levels of headings

/// The numbered headings of sections, as the template numbers them: (level, text).
fn headings(sections: &[toml::Value], level: usize, out: &mut Vec<(usize, String)>) {
    let mut n = 0;
    for s in sections {
        if let Some(title) = s.get("title").and_then(|t| t.as_str()) {
            n += 1;
            let number = match level {
                1 => format!("{}、", chinese(n)),
                2 => format!("（{}）", chinese(n)),
                3 => format!("{n}."),
                _ => format!("（{n}）"),
            };
            out.push((level, format!("{number}{title}")));
        }
        if let Some(items) = s.get("items").and_then(|i| i.as_array()) {
            headings(items, level + 1, out);
        }
    }
}

fn chinese(n: usize) -> String {
    let d = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => d[n].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", d[n - 10]),
        _ => format!("{}十{}", d[n / 10], d[n % 10]),
    }
}

#[test]
fn headings_of_the_four_levels_are_numbered_and_set_in_their_faces() {
    let faces = ["FandolHei", "FandolKai", "FandolFang", "FandolFang"];
    let mut levels_seen = std::collections::BTreeSet::new();
    for (label, built, pdf, sections) in [
        (
            "examples/joint-notice",
            example("joint-notice"),
            "notice.pdf",
            example("joint-notice").notice["body"]["sections"].clone(),
        ),
        (
            "examples/sealed-notice 附件",
            example("sealed-notice"),
            "attachment-1.pdf",
            example("sealed-notice").attachments[0]["sections"].clone(),
        ),
    ] {
        let mut wanted = Vec::new();
        headings(sections.as_array().unwrap(), 1, &mut wanted);
        let all_rows: Vec<Row> = built.pages(pdf).iter().flat_map(rows).collect();
        for (level, heading) in wanted {
            levels_seen.insert(level);
            let glyphs = all_rows
                .iter()
                .find_map(|r| {
                    r.find(&heading)
                        .filter(|g| std::ptr::eq(&g[0], &r.glyphs[0]) || r.glyphs[0].x0 > LEFT + 1.9 * CELL - TOLERANCE)
                        .map(|g| g.to_vec())
                })
                .unwrap_or_else(|| panic!("{label}: no line starts with the heading `{heading}`"));
            for g in &glyphs {
                assert!(
                    g.font.starts_with(faces[level - 1]),
                    "{label}: `{}` of the level-{level} heading `{heading}` is set in {}, expected {}",
                    g.text,
                    g.font,
                    faces[level - 1]
                );
            }
            // Indented two characters: the heading's first glyph in the third cell (a
            // half-width digit is centred in its cell).
            let x = glyphs[0].x0 - LEFT;
            assert!(
                x > 2.0 * CELL - TOLERANCE && x < 3.0 * CELL,
                "{label}: `{heading}` starts {:.2} mm into the line, not indented two characters",
                x / MM
            );
        }
    }
    assert_eq!(levels_seen.into_iter().collect::<Vec<_>>(), vec![1, 2, 3, 4], "all four levels were checked");
}

#[test]
fn a_paragraph_numbered_by_hand_is_reported_with_a_suggestion() {
    let edition = edition_with(&[(
        "notice.toml",
        "paragraphs = [\n  \"{activity_start}至{activity_end}（正月十五）。\",\n]",
        "paragraphs = [\n  \"三、{activity_start}至{activity_end}（正月十五）。\",\n]",
    )]);
    let run = gongwen([OsStr::new("check"), edition.path.as_os_str()]);
    run.assert_ok("gongwen check with a hand-numbered paragraph (a warning, not an error)");
    let (line, column) = edition.position("notice.toml", "\"三、{activity_start}");
    let w = warnings(&run.stderr);
    assert!(
        w.iter()
            .any(|d| d.points_at(&edition.file("notice.toml"), line, Some(column)) && d.text.contains("`三、`") && d.text.contains("section's title")),
        "a located warning suggesting a heading:\n{run}"
    );
    let zh = gongwen_command()
        .args([OsStr::new("check"), OsStr::new("--lang"), OsStr::new("zh"), edition.path.as_os_str()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&zh.stderr);
    assert!(stderr.contains("手写的序号") && stderr.contains("title"), "the warning in Chinese:\n{stderr}");
}

// ---------------------------------------------------------------------------------------
// 7.3.5.1: seals

fn blobs_top_down(blobs: &[Blob]) -> Vec<Blob> {
    let mut b = blobs.to_vec();
    b.sort_by(|a, c| a.top.total_cmp(&c.top));
    b
}

#[test]
fn seal_images_cover_their_names_and_the_date_and_do_not_touch() {
    let built = example("sealed-notice");
    let pages = built.pages("notice.pdf");
    let date = built.date();
    let (page, rows, at) = date_row(&pages, &date);
    let mut blobs = red_blobs(&built.pdf("notice.pdf"), page + 1, None);
    blobs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let names = built.issuers();
    let seals = built.seals();
    assert!(seals.iter().all(Option::is_some), "every issuer of the example has a seal");
    assert_eq!(blobs.len(), names.len(), "one red seal per issuer on page {}: {blobs:?}", page + 1);
    // The PNG seal is a raster image where its blob is.
    let png = seals
        .iter()
        .position(|s| s.as_deref().is_some_and(|s| s.ends_with(".png")))
        .expect("one seal is a PNG");
    let image = pages[page].images.first().expect("the PNG seal as an image on the page");
    let blob = blobs[png];
    assert!(
        (image.x0 - blob.x0).abs() < 3.0 && (image.x1 - blob.x1).abs() < 3.0,
        "the PNG seal's image {image:?} is where poppler draws it {blob:?}"
    );
    let diameter = 42.0 * MM;
    // The text above the signature: the last line before the names.
    let names_baseline = rows[at].baseline - PITCH;
    let text_above = rows[..at]
        .iter()
        .rev()
        .find(|r| r.baseline < names_baseline - 0.5)
        .expect("text above the signature");
    for (i, (name, blob)) in names.iter().zip(&blobs).enumerate() {
        let row = &rows[at - 1];
        let (x0, x1) = span(row.find(name).unwrap_or_else(|| panic!("`{name}` on the line above the date")));
        let (w, h) = (blob.x1 - blob.x0, blob.bottom - blob.top);
        assert!(
            (w - diameter).abs() < 3.0 && (h - diameter).abs() < 3.0,
            "seal {} is {:.1} × {:.1} mm, expected 42 mm",
            i + 1,
            w / MM,
            h / MM
        );
        let centre = (blob.x0 + blob.x1) / 2.0;
        assert!(
            (centre - (x0 + x1) / 2.0).abs() < 2.0,
            "seal {} is centred {:.1} mm from its name `{name}`",
            i + 1,
            (centre - (x0 + x1) / 2.0) / MM
        );
        // Over the name, which stands below the seal's centre (居中下压, 偏下).
        let middle = (blob.top + blob.bottom) / 2.0;
        assert!(
            blob.top < row.baseline - 16.0 && blob.bottom > row.baseline,
            "seal {} does not cover `{name}`",
            i + 1
        );
        assert!(middle < row.baseline - 0.38 * 16.0, "`{name}` is not below the centre of its seal");
        // Its top within one line of the text above.
        let gap = blob.top - (text_above.baseline + 0.12 * 16.0);
        assert!(
            (-1.0..=PITCH).contains(&gap),
            "seal {}: its top is {:.1} mm below the text above, expected within one line",
            i + 1,
            gap / MM
        );
        assert!(blob.x0 >= LEFT - 1.0 && blob.x1 <= RIGHT + 1.0, "seal {} reaches past the type block", i + 1);
    }
    // The last seal covers the date too; seals never touch.
    let last = blobs.last().unwrap();
    let (d0, d1) = span(&rows[at].glyphs);
    assert!(last.x0 < d0 && last.x1 > d1 && last.bottom > rows[at].baseline, "the last seal covers the date");
    for pair in blobs.windows(2) {
        let a = BoxRect {
            x0: pair[0].x0,
            x1: pair[0].x1,
            top: pair[0].top,
            bottom: pair[0].bottom,
        };
        let b = BoxRect {
            x0: pair[1].x0,
            x1: pair[1].x1,
            top: pair[1].top,
            bottom: pair[1].bottom,
        };
        assert!(!a.overlaps(&b) && b.x0 - a.x1 > 3.0 * MM - 1.0, "seals touch: {a:?} {b:?}");
        assert!((pair[0].top - pair[1].top).abs() < 2.0, "seals are not in line: {pair:?}");
    }
}

// ---------------------------------------------------------------------------------------
// 7.3.7: attachments

#[test]
fn a_single_attachment_is_unnumbered_and_several_are_numbered() {
    let sealed = example("sealed-notice");
    let text = pdf_text(&sealed.pdf("notice.pdf"), &[]).text;
    let title = "2025年武汉市青年职工创新创效大赛活动方案";
    assert!(text.contains(&format!("附件:{title}")), "the note says 附件：{title} without a number:\n{text}");
    assert!(!text.contains("附件1") && !text.contains("附件:1."), "nothing numbers the only attachment");
    let pages = sealed.pages("notice.pdf");
    let heading_page = pages
        .iter()
        .find(|p| rows(p).iter().any(|r| r.text() == title.replacen("创新创效大赛活动方案", "", 1)));
    let first = rows(heading_page.expect("the attachment's page"))[0].text();
    assert_eq!(first, "附件", "the attachment's page begins with 附件 alone");
    let alone = rows(&sealed.pages("attachment-1.pdf")[0])[0].text();
    assert_eq!(alone, "武工发〔2025〕8号附件", "bound apart, the document number before 附件");

    let tables = example("tables-notice");
    let text = pdf_text(
        &tables.pdf("notice.pdf"),
        &["附件1", "附件2", "附件:1.全市工会基层干部培训班日程安排表", "2.全市工会基层干部培训班报名表"],
    );
    assert!(text.missing.is_empty(), "two attachments are numbered: missing {:?}", text.missing);
    // Without a document number, the attachment bound apart starts with 附件N alone.
    assert_eq!(rows(&tables.pages("attachment-2.pdf")[0])[0].text(), "附件2");
}

#[test]
fn a_wide_table_is_ruled_on_a_landscape_page_its_head_and_cells_inside_the_rules() {
    let built = example("tables-notice");
    let t = &built.attachments[0];
    for (name, first) in [("attachment-1.pdf", 0), ("notice.pdf", 2)] {
        let pages = built.pages(name);
        let page = &pages[first];
        assert!(
            page.width > page.height,
            "{name}: the schedule's page is landscape ({} × {})",
            page.width,
            page.height
        );
        // The rules: vertical ones at each column edge, horizontal ones between rows.
        let verticals: Vec<&Rule> = page.lines.iter().filter(|l| (l.x1 - l.x0).abs() < 1.0 && l.bottom - l.top > 5.0).collect();
        let horizontals: Vec<&Rule> = page.lines.iter().filter(|l| (l.bottom - l.top).abs() < 1.0 && l.x1 - l.x0 > 5.0).collect();
        let mut xs: Vec<f64> = verticals.iter().map(|l| l.x0).collect();
        xs.sort_by(f64::total_cmp);
        xs.dedup_by(|a, b| (*a - *b).abs() < 1.0);
        let ncols = t["columns"].as_array().unwrap().len();
        assert_eq!(xs.len(), ncols + 1, "{name}: {} column edges, expected {}: {xs:?}", xs.len(), ncols + 1);
        let (left, right) = (xs[0], *xs.last().unwrap());
        // Every cell's text inside the table and crossed by no rule.
        let cells: Vec<String> = t["head"]
            .as_array()
            .unwrap()
            .iter()
            .chain(t["rows"].as_array().unwrap())
            .flat_map(|r| r.as_array().unwrap().iter())
            .map(|c| c.as_str().map(str::to_string).unwrap_or_else(|| c["text"].as_str().unwrap().to_string()))
            .collect();
        let glyphs: Vec<&Glyph> = page.chars.iter().filter(|g| !g.text.trim().is_empty()).collect();
        for cell in &cells {
            let first_char = cell.chars().next().unwrap().to_string();
            let g = glyphs
                .iter()
                .find(|g| g.text == first_char && g.x0 > left && g.x1 < right)
                .unwrap_or_else(|| panic!("{name}: the cell `{cell}` inside the table"));
            for r in verticals.iter() {
                assert!(
                    !(r.x0 > g.x0 + 0.5 && r.x0 < g.x1 - 0.5 && r.top < g.baseline && r.bottom > g.baseline - 10.0),
                    "{name}: a rule crosses `{cell}`"
                );
            }
        }
        // Merged cells: the date column (rowspans) has fewer row rules than the time column.
        let in_column = |c: usize| {
            horizontals
                .iter()
                .filter(|h| h.x0 < (xs[c] + xs[c + 1]) / 2.0 && h.x1 > (xs[c] + xs[c + 1]) / 2.0)
                .count()
        };
        assert!(
            in_column(0) < in_column(1),
            "{name}: the rowspans merge cells of the first column ({} rules against {})",
            in_column(0),
            in_column(1)
        );
        // The colspan of 报到，领取培训资料 (columns 3 and 4): no rule between them on its row.
        let g = glyphs.iter().find(|g| g.text == "报" && g.x0 > xs[2] - 1.0).expect("报到 in its cell");
        assert!(
            !verticals
                .iter()
                .any(|v| (v.x0 - xs[3]).abs() < 1.0 && v.top < g.baseline - 4.0 && v.bottom > g.baseline - 4.0),
            "{name}: the merged cell of 报到 is split by a rule"
        );
        // The head stands over the body: 日期 above every date.
        let head = glyphs.iter().find(|g| g.text == "日" && g.x0 < xs[1]).unwrap();
        assert!(
            glyphs.iter().filter(|g| g.text == "5" && g.x0 < xs[1]).all(|d| d.baseline > head.baseline),
            "{name}: the head above the body"
        );
    }
}

#[test]
fn a_chinese_name_typed_into_the_registration_form_by_pypdf_is_drawn_by_poppler() {
    let built = example("tables-notice");
    let blank = built.pdf("attachment-2.pdf");
    let fields: serde_json::Value = python_json("forms/fields.py", [&blank]);
    let widgets: Vec<&serde_json::Value> = fields["pages"][0]["annots"].as_array().unwrap().iter().collect();
    let names: Vec<&str> = widgets.iter().map(|w| w["name"].as_str().unwrap()).collect();
    for code in ["unit", "phone", "01B", "01C", "01D", "01E", "01F", "08B", "08F"] {
        assert!(names.contains(&code), "the 报名表 has the field {code}: {names:?}");
    }
    assert!(!names.contains(&"reporter"), "reporter = false leaves 填报人 out");
    assert!(!names.contains(&"01A"), "the 序号 column has no blank");
    let dir = tempfile::TempDir::new().unwrap();
    let filled = dir.path().join("filled.pdf");
    let values = serde_json::json!({"01B": "欧阳晓燕", "01D": "武汉钢铁集团工会主席", "unit": "青山区总工会"});
    let _: serde_json::Value = python_json("forms/fill_pypdf.py", [blank.as_os_str(), filled.as_os_str(), values.to_string().as_ref()]);
    for code in ["01B", "01D", "unit"] {
        let w = widgets.iter().find(|w| w["name"] == code).unwrap();
        let r: Vec<f64> = w["rect"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
        let args: Vec<String> = std::iter::once("1".to_string()).chain(r.iter().map(|v| format!("{v:.2}"))).collect();
        let mut argv: Vec<&OsStr> = vec![filled.as_os_str()];
        argv.extend(args.iter().map(OsStr::new));
        let before: serde_json::Value = python_json("forms/ink.py", std::iter::once(blank.as_os_str()).chain(args.iter().map(OsStr::new)));
        let after: serde_json::Value = python_json("forms/ink.py", argv);
        assert_eq!(before["dark"], 0, "{code} is blank before it is filled");
        assert!(after["dark"].as_u64().unwrap() > 40, "pdftoppm draws the Chinese written into {code}: {after}");
    }
    let read: serde_json::Value = python_json("forms/fields.py", [&filled]);
    assert_eq!(read["get_fields"]["01B"], "欧阳晓燕", "pypdf reads the name back");
}

// ---------------------------------------------------------------------------------------
// 7.3.5.4: the signature never stands alone

/// The signature block's lines (contacts, 附件说明, names, date, 附注), as texts.
fn block_lines(built: &Model) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(c) = closing(&built.notice) {
        if let Some(list) = c.get("contacts").and_then(|l| l.as_array()) {
            let names: Vec<&str> = list.iter().map(|v| v.as_str().unwrap()).collect();
            out.push(format!("联系人：{}", names.join("、")));
        }
        if let Some(phone) = c.get("phone").and_then(|p| p.as_str()) {
            out.push(format!("联系电话：{phone}"));
        }
        for line in c.get("contact").and_then(|l| l.as_array()).into_iter().flatten() {
            out.push(format!("{}：{}", line["label"].as_str().unwrap(), line["text"].as_str().unwrap()));
        }
        if let Some(note) = c.get("note").and_then(|n| n.as_str()) {
            out.push(format!("（{note}）"));
        }
    }
    out.extend(built.issuers());
    for a in &built.attachments {
        let t = &a["title"];
        out.push(
            t.as_str()
                .map(str::to_string)
                .unwrap_or_else(|| t.as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect()),
        );
    }
    out.push(built.date());
    out
}

/// Whether a row is a line of the signature block rather than of the text.
fn in_block(row: &str, block: &[String]) -> bool {
    let row: String = row.chars().filter(|c| !c.is_whitespace()).collect();
    row.starts_with("附件：")
        || row.starts_with("附件:")
        || block.iter().any(|b| {
            let b: String = b.chars().filter(|c| !c.is_whitespace()).collect();
            row.contains(&b) || (!row.is_empty() && b.contains(&row) && row.chars().count() > 3)
        })
}

/// The lines of text above the signature block on the page of the signing date.
fn text_lines_with_the_signature(built: &Built) -> usize {
    let pages = built.pages("notice.pdf");
    let (_, rows, _) = date_row(&pages, &built.date());
    let block = block_lines(built);
    rows.iter().take_while(|r| !in_block(&r.text(), &block)).count()
}

#[test]
fn no_page_holds_only_the_signature_block() {
    for (label, built) in all_editions() {
        let n = text_lines_with_the_signature(built);
        assert!(
            n >= 2,
            "{label}: the page of the signature has {n} lines of text above the signature block, expected at least two"
        );
    }
}

#[test]
fn wherever_the_text_ends_the_signature_keeps_two_lines_of_it() {
    // The 2015 edition without attachments and the joint notice, their last paragraph grown
    // by four characters at a time over some twelve lines, so that the text ends at every
    // place near a page's foot where the signature block would have to move on.
    let joint = root().join("examples/joint-notice");
    let cases: [(&str, PathBuf, &str, usize); 2] = [
        ("data/2015 without attachments", without_attachments().dir.clone(), "并附相关电子版。", 40),
        ("examples/joint-notice", joint, "特此通知。\"]", 40),
    ];
    let mut carried = 0;
    for (label, source, anchor, steps) in cases {
        for step in 0..steps {
            let dir = tempfile::TempDir::new().unwrap();
            let copy = dir.path().join("edition");
            copy_dir(&source, &copy);
            let words = "认真落实".repeat(step);
            let path = copy.join("notice.toml");
            let mut text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(text.matches(anchor).count(), 1, "{label}: `{anchor}` once");
            // The 版记 stands at the foot of the last page whatever is above it (its own
            // placement, not the signature's): left out here, so only the signature is tried.
            if let Some(at) = text.find("\n[record]") {
                text.truncate(at + 1);
            }
            // The words go in before the paragraph's last sentence.
            let at = text.find(anchor).unwrap();
            let start = text[..at]
                .rfind('"')
                .map_or(at, |q| q + 1)
                .max(text[..at].rfind('。').map_or(0, |p| p + '。'.len_utf8()));
            let grown = format!("{}{words}{}", &text[..start], &text[start..]);
            std::fs::write(&path, grown).unwrap();
            let out = dir.path().join("out");
            let run = gongwen([OsStr::new("build"), copy.as_os_str(), OsStr::new("-o"), out.as_os_str()]);
            run.assert_ok(&format!("{label} + {step} words"));
            let lines = poppler_pages(&out.join("notice.pdf"));
            let probe = Model::read(&copy);
            let block = block_lines(&probe);
            let date = probe.date();
            let page = lines
                .iter()
                .position(|p| p.iter().any(|l| l == &date))
                .unwrap_or_else(|| panic!("{label} + {step} words: no line `{date}` in {lines:?}"));
            let above = lines[page].iter().take_while(|l| !in_block(l, &block)).count();
            assert!(
                above >= 2,
                "{label} + {step} × 认真落实: the page of the signature has {above} lines of text above the signature block: {:?}",
                lines[page]
            );
            if above == 2 && page > 0 {
                carried += 1;
            }
        }
    }
    assert!(
        carried > 0,
        "some ending pushed the signature block onto a new page, and it took two lines with it"
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The lines of each page as pdftotext reads them (blank lines and page numbers left out,
/// blanks inside a line removed).
fn poppler_pages(pdf: &Path) -> Vec<Vec<String>> {
    let run = run_tool("pdftotext", [OsStr::new("-layout"), pdf.as_os_str(), OsStr::new("-")]);
    run.assert_ok("pdftotext");
    run.stdout
        .split('\u{c}')
        .map(|page| {
            page.lines()
                .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
                .filter(|l| !(l.is_empty() || (l.starts_with('—') && l.ends_with('—'))))
                .collect()
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Messages in Chinese

#[test]
fn serde_s_own_messages_are_shown_in_chinese_under_a_chinese_locale() {
    let edition = edition_with(&[("notice.toml", "[signature]                      #", "[signature]\nseal = \"x.png\"  #")]);
    let en = gongwen([OsStr::new("check"), edition.path.as_os_str()]);
    assert!(en.stderr.contains("unknown field `seal`, expected one of `organ`, `date`, `form`"), "{en}");
    let zh = gongwen_command()
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .args([OsStr::new("check"), edition.path.as_os_str()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&zh.stderr);
    assert!(
        stderr.contains("不认识的键 `seal`") && stderr.contains("`organ`、`date`、`form` 之一"),
        "in Chinese:\n{stderr}"
    );
    let (line, column) = edition.position("notice.toml", "seal = ");
    assert!(stderr.contains(&format!("notice.toml:{line}:{column}")), "at its place:\n{stderr}");
}

#[test]
fn a_long_table_repeats_its_head_on_every_page_and_keeps_its_blanks() {
    // The 报名表 with 40 rows to fill: more than a page.
    let dir = tempfile::TempDir::new().unwrap();
    let copy = dir.path().join("edition");
    copy_dir(&root().join("examples/tables-notice"), &copy);
    let path = copy.join("attachment-2.toml");
    let text = std::fs::read_to_string(&path).unwrap().replacen("blank_rows = 8", "blank_rows = 40", 1);
    std::fs::write(&path, text).unwrap();
    let built = Built::new(copy, None);
    let pages = built.pages("attachment-2.pdf");
    assert!(pages.len() >= 2, "40 rows take more than one page");
    for (i, page) in pages.iter().enumerate() {
        let rows = rows(page);
        let head = rows.iter().position(|r| r.text().contains("姓名") && r.text().contains("单位及职务"));
        let head = head.unwrap_or_else(|| panic!("page {}: the table's head", i + 1));
        let first_number = rows
            .iter()
            .position(|r| r.glyphs[0].text.chars().all(|c| c.is_ascii_digit()) && r.glyphs[0].x0 < LEFT + 2.0 * CELL);
        assert!(first_number.is_some_and(|n| n > head), "page {}: the head stands above the rows", i + 1);
    }
    let fields: serde_json::Value = python_json("forms/fields.py", [built.pdf("attachment-2.pdf")]);
    let count: usize = fields["pages"].as_array().unwrap().iter().map(|p| p["annots"].as_array().unwrap().len()).sum();
    assert_eq!(count, 40 * 5 + 2, "a field in every blank cell of every row, and the two header blanks");
    let last_page = fields["pages"].as_array().unwrap().last().unwrap()["annots"].as_array().unwrap();
    assert!(last_page.iter().any(|w| w["name"] == "40B"), "row 40's 姓名 on the last page");
}
