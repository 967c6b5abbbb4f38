//! Issue #13, Word and WPS: `gongwen build --format docx` writes `notice.docx`, the notice and
//! its attachments as an editable Word document on Word's own document grid, written from the
//! model. Read back with readers that are not gongwen's: python-docx and lxml
//! (tests/tools/docx/read_docx.py: page, grid, styles, fonts, footers, colours, pictures,
//! tables), and LibreOffice Writer, which lays the document out and prints it to PDF with the
//! office fonts' names mapped to the project's fonts (tests/tools/docx/render.py and
//! fonts.conf), read with pdfplumber, pdffonts and pdftotext.
//!
//! LibreOffice drops a negative `charSpace` (it sets 27 characters a line where Word sets
//! 28), so the characters per line are checked from the grid's numbers, and the lines per
//! page from LibreOffice's pages.

mod common;

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;
use serde::Deserialize;
use tempfile::TempDir;

/// A build with `--format`, in a temporary folder that lives as long as the value.
struct DocxBuild {
    _dir: TempDir,
    out: PathBuf,
    run: Run,
}

impl DocxBuild {
    fn docx(&self) -> PathBuf {
        self.out.join("notice.docx")
    }
}

fn build_docx(edition: &Path, formats: &str) -> DocxBuild {
    let dir = TempDir::new().expect("a temporary folder");
    let out = dir.path().join("out");
    let run = gongwen([
        OsStr::new("build"),
        edition.as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--format"),
        OsStr::new(formats),
    ]);
    DocxBuild { _dir: dir, out, run }
}

fn built_2015() -> &'static DocxBuild {
    static B: OnceLock<DocxBuild> = OnceLock::new();
    B.get_or_init(|| {
        let b = build_docx(&edition_2015(), "pdf,docx");
        b.run.assert_ok("gongwen build data/2015 --format pdf,docx");
        b
    })
}

#[derive(Debug, Deserialize)]
struct Inspected {
    sections: Vec<SectionInfo>,
    normal_size: Option<f64>,
    even_and_odd: bool,
    fonts: Vec<FontInfo>,
    paragraphs: Vec<ParaInfo>,
    images: Vec<ImageInfo>,
    tables: Vec<TableInfo>,
    text: String,
    core: Core,
}

#[derive(Debug, Deserialize)]
struct Core {
    title: String,
    author: String,
}

#[derive(Debug, Deserialize)]
struct SectionInfo {
    title_page: bool,
    first_header: Option<FooterInfo>,
    first_footer: Option<FooterInfo>,
    width: i64,
    height: i64,
    top: i64,
    bottom: i64,
    left: i64,
    right: i64,
    orientation: String,
    grid: Grid,
    odd_footer: Option<FooterInfo>,
    even_footer: Option<FooterInfo>,
}

#[derive(Debug, Deserialize)]
struct Grid {
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(rename = "linePitch")]
    line_pitch: Option<String>,
    #[serde(rename = "charSpace")]
    char_space: Option<String>,
}

#[derive(Debug, Deserialize)]
struct FooterInfo {
    text: String,
    color: Option<String>,
    border_bottom: Option<String>,
    style: String,
    jc: Option<String>,
    left: Option<String>,
    right: Option<String>,
    page_field: bool,
    font: Option<String>,
    size: Option<f64>,
}

#[derive(Debug, Deserialize)]
struct FontInfo {
    name: String,
    #[serde(rename = "altName")]
    alt_name: Option<String>,
    charset: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ParaInfo {
    style: String,
    font: Option<String>,
    color: Option<String>,
    text: String,
    runs: Vec<RunInfo>,
    borders: std::collections::BTreeMap<String, BorderInfo>,
}

#[derive(Debug, Deserialize)]
struct RunInfo {
    text: String,
    rstyle: Option<String>,
    font: Option<String>,
}

#[derive(Debug, Deserialize)]
struct BorderInfo {
    val: Option<String>,
    color: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ImageInfo {
    behind: bool,
    wrap_none: bool,
    width_mm: f64,
}

#[derive(Debug, Deserialize)]
struct TableInfo {
    rows: usize,
    columns: usize,
    header_rows: usize,
    floating: bool,
    text: Vec<String>,
    styles: Vec<String>,
}

fn inspect(docx: &Path) -> Inspected {
    python_json("docx/read_docx.py", [docx])
}

#[derive(Debug, Deserialize)]
struct Rendered {
    pdf: PathBuf,
    fonts: Vec<String>,
    pages: Vec<RenderedPage>,
}

#[derive(Debug, Deserialize)]
struct RenderedPage {
    width: f64,
    rows: Vec<RenderedRow>,
    body_rows: usize,
    number: Option<RenderedRow>,
}

#[derive(Debug, Deserialize, Clone)]
struct RenderedRow {
    x0: f64,
    x1: f64,
    text: String,
}

/// The document as LibreOffice lays it out, printed to PDF in `dir`.
fn render(docx: &Path, dir: &Path) -> Rendered {
    python_json("docx/render.py", [docx.as_os_str(), dir.as_os_str()])
}

const MM: f64 = 72.0 / 25.4;
/// One character of the grid, in points.
const CELL_PT: f64 = 156.0 * MM / 28.0;

/// The numbers: A4, margins 37/28/26/35 mm, 22 lines of 28 characters.
fn assert_page_and_grid(what: &str, doc: &Inspected) {
    let s = &doc.sections[0];
    assert_eq!((s.width, s.height), (11906, 16838), "{what}: A4 in twips");
    assert_eq!((s.top, s.left, s.right, s.bottom), (2098, 1588, 1474, 1984), "{what}: the margins");
    assert_eq!(s.grid.kind.as_deref(), Some("linesAndChars"), "{what}: {:?}", s.grid);
    let pitch: f64 = s.grid.line_pitch.as_deref().unwrap().parse().unwrap();
    let char_space: f64 = s.grid.char_space.as_deref().unwrap().parse().unwrap();
    let normal = doc.normal_size.expect("the Normal style's size");
    assert_eq!(normal, 16.0, "{what}: Normal is 3号, the size the grid is relative to");
    // Lines: the block's height over the pitch. Characters: the pitch of a cell is the Normal
    // size plus charSpace/4096 points (ECMA-376 17.6.5).
    let lines = ((s.height - s.top - s.bottom) as f64 / pitch).floor();
    let cell = normal + char_space / 4096.0;
    let chars = ((s.width - s.left - s.right) as f64 / 20.0 / cell).floor();
    assert_eq!((lines, chars), (22.0, 28.0), "{what}: pitch {pitch}, charSpace {char_space}");
    for (i, s) in doc.sections.iter().enumerate() {
        assert_eq!(s.grid.kind.as_deref(), Some("linesAndChars"), "{what}: section {i}");
    }
}

fn assert_footers(what: &str, doc: &Inspected) {
    assert!(doc.even_and_odd, "{what}: evenAndOddHeaders");
    let s = &doc.sections[0];
    let odd = s.odd_footer.as_ref().expect("an odd (default) footer");
    let even = s.even_footer.as_ref().expect("an even footer");
    for (f, jc, side) in [(odd, "right", &odd.right), (even, "left", &even.left)] {
        assert!(f.page_field, "{what}: a PAGE field in {f:?}");
        assert_eq!(f.jc.as_deref(), Some(jc), "{what}: {f:?}");
        assert_eq!(f.style, "页码");
        assert_eq!(f.font.as_deref(), Some("宋体"), "{what}: 宋体 page numbers");
        assert_eq!(f.size, Some(14.0), "{what}: 4号 page numbers");
        assert!(f.text.starts_with("— ") && f.text.ends_with(" —"), "{what}: dashes: {:?}", f.text);
        // One character in.
        let ind: f64 = side.as_deref().unwrap_or("0").parse().unwrap();
        assert!((ind - 316.0).abs() < 2.0, "{what}: one character in: {f:?}");
    }
}

fn styles_used(doc: &Inspected) -> BTreeSet<String> {
    let mut s: BTreeSet<String> = doc.paragraphs.iter().map(|p| p.style.clone()).collect();
    for p in &doc.paragraphs {
        for r in &p.runs {
            if let Some(rs) = &r.rstyle {
                s.insert(rs.clone());
            }
        }
    }
    s
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The rendered pages: none holds more than 22 lines of 3号 text; `full` of them hold 22;
/// page numbers odd right and even left, one character in.
fn assert_rendered(what: &str, r: &Rendered, full: &[usize]) {
    assert!(!r.pages.is_empty(), "{what}: LibreOffice printed no page");
    for (i, p) in r.pages.iter().enumerate() {
        assert!(p.body_rows <= 22, "{what}: page {} holds {} lines", i + 1, p.body_rows);
    }
    for &n in full {
        let p = &r.pages[n - 1];
        assert_eq!(
            p.body_rows,
            22,
            "{what}: full page {n} should hold 22 lines:\n{:#?}",
            p.rows.iter().map(|r| &r.text).collect::<Vec<_>>()
        );
    }
    for (i, p) in r.pages.iter().enumerate() {
        let n = i + 1;
        // A landscape page's number stands where the section's footer puts it; only upright
        // pages are measured.
        if p.width > 600.0 {
            continue;
        }
        let Some(num) = &p.number else { continue };
        assert!(squeeze(&num.text).contains(&n.to_string()), "{what}: page {n} numbered {:?}", num.text);
        let (left, right) = (28.0 * MM, 28.0 * MM + 156.0 * MM);
        if n % 2 == 1 {
            assert!(
                (right - CELL_PT - num.x1).abs() < 3.0,
                "{what}: odd page {n}'s number should end one character in from the right: {num:?}"
            );
        } else {
            assert!(
                (num.x0 - left - CELL_PT).abs() < 3.0,
                "{what}: even page {n}'s number should start one character in from the left: {num:?}"
            );
        }
    }
    // The project's fonts, under the office fonts' names, and nothing else.
    let allowed = ["FandolFang", "FandolHei", "FandolKai", "NotoSerifCJK", "NotoSerifSC", "NotoSansSC"];
    for f in &r.fonts {
        assert!(allowed.iter().any(|a| f.starts_with(a)), "{what}: LibreOffice used {f}: {:?}", r.fonts);
    }
}

#[test]
fn format_docx_writes_the_notice_beside_its_pdf_and_byte_identical_twice() {
    let b = built_2015();
    let names = listing(&b.out);
    assert!(names.contains(&"notice.docx".to_string()), "{names:?}");
    assert!(names.contains(&"notice.pdf".to_string()), "{names:?}");
    assert!(
        !names.iter().any(|n| n.starts_with("attachment") && n.ends_with(".docx")),
        "the attachments are inside notice.docx: {names:?}"
    );
    assert!(b.run.stdout.contains("notice.docx"), "{}", b.run);
    let again = build_docx(&edition_2015(), "docx");
    again.run.assert_ok("gongwen build --format docx");
    assert_eq!(listing(&again.out), vec!["notice.docx".to_string()]);
    let (a, c) = (std::fs::read(b.docx()).unwrap(), std::fs::read(again.docx()).unwrap());
    assert!(a == c, "two builds of one edition should give byte-identical files");
}

#[test]
fn the_2015_docx_has_the_page_the_grid_the_fonts_the_styles_and_the_footers() {
    let doc = inspect(&built_2015().docx());
    assert_page_and_grid("2015", &doc);
    assert_footers("2015", &doc);
    // The font table: the office faces, GB 2312 (charset 86), with the faces Windows ships.
    let font = |n: &str| {
        doc.fonts
            .iter()
            .find(|f| f.name == n)
            .unwrap_or_else(|| panic!("{n} in the font table: {:?}", doc.fonts))
    };
    for name in ["仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"] {
        assert_eq!(font(name).charset.as_deref(), Some("86"), "{name}");
    }
    assert_eq!(font("仿宋_GB2312").alt_name.as_deref(), Some("仿宋"));
    assert_eq!(font("楷体_GB2312").alt_name.as_deref(), Some("楷体"));
    font("Times New Roman");
    // Named styles, applied.
    let used = styles_used(&doc);
    for s in [
        "发文机关标志",
        "发文字号",
        "标题",
        "主送机关",
        "正文",
        "一级标题",
        "附件说明",
        "署名",
        "成文日期",
        "附件标识",
    ] {
        assert!(used.contains(s), "style {s} applied: {used:?}");
    }
    assert!(used.contains("Heading2Char"), "the run-in 二级标题 in its character style: {used:?}");
    // The red head: the mark in red, 方正小标宋简体; the 文号 with a red rule under it.
    let mark = doc.paragraphs.iter().find(|p| p.style == "发文机关标志").unwrap();
    assert_eq!(mark.text, "武汉市总工会办公室文件");
    assert_eq!(mark.color.as_deref(), Some("E60012"));
    assert_eq!(mark.font.as_deref(), Some("方正小标宋简体"));
    let number = doc.paragraphs.iter().find(|p| p.style == "发文字号").unwrap();
    assert_eq!(number.text, "武工办〔2014〕74号");
    let rule = number.borders.get("bottom").expect("a rule under the number");
    assert_eq!((rule.val.as_deref(), rule.color.as_deref()), (Some("single"), Some("E60012")));
    // Headings in their faces, numbered as the PDF numbers them.
    let h1: Vec<&ParaInfo> = doc.paragraphs.iter().filter(|p| p.style == "一级标题").collect();
    assert_eq!(h1[0].text, "一、指导思想");
    assert_eq!(h1[0].font.as_deref(), Some("黑体"));
    let run_in = doc
        .paragraphs
        .iter()
        .find(|p| p.runs.iter().any(|r| r.rstyle.as_deref() == Some("Heading2Char")))
        .unwrap();
    assert!(run_in.text.starts_with("（一）大走访。送温暖活动期间"), "{}", run_in.text);
    // Placeholders resolved as the PDF resolves them.
    let title = doc.paragraphs.iter().find(|p| p.style == "标题").unwrap();
    assert_eq!(title.text, "关于2015年元旦春节期间\n开展送温暖活动的通知");
    assert!(doc.text.contains("2015年1月1日至2015年3月5日"), "dates expanded");
    assert!(!doc.text.contains('{'), "no placeholder left");
    assert_eq!(doc.core.title, "关于2015年元旦春节期间开展送温暖活动的通知");
    assert_eq!(doc.core.author, "武汉市总工会办公室");
    // The attachments: 附件1 and 附件2 on new pages, in 黑体, the forms as tables.
    let labels: Vec<&ParaInfo> = doc.paragraphs.iter().filter(|p| p.style == "附件标识").collect();
    assert_eq!(labels.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(), ["附件1", "附件2"]);
    assert_eq!(labels[0].font.as_deref(), Some("黑体"));
    assert!(doc.tables.len() >= 2, "the forms as tables: {:?}", doc.tables.len());
    assert!(doc.tables[0].text.iter().any(|r| r.starts_with("01")), "{:?}", doc.tables[0].text);
}

/// data/2015 with every optional field of the head and the record filled in, as tests/ofd.rs.
const EVERY_FIELD: &[(&str, &str, &str)] = &[
    ("notice.toml", "# copy_number = \"000001\"", "copy_number = \"000001\""),
    ("notice.toml", "# secrecy = \"秘密★1年\"", "secrecy = \"秘密★1年\""),
    ("notice.toml", "# urgency = \"特急\"", "urgency = \"特急\""),
    ("notice.toml", "# signers = [\"张三\"]", "signers = [\"张三\"]"),
    ("notice.toml", "# note = \"…\"", "note = \"此件公开发布\""),
    ("notice.toml", "# [record]", "[record]"),
    ("notice.toml", "# cc = [\"…\"]", "cc = [\"市委办公厅\", \"市政府办公厅\"]"),
    ("notice.toml", "# printer = \"武汉市总工会办公室\"", "printer = \"武汉市总工会办公室\""),
    ("notice.toml", "# printed = 2014-12-31", "printed = 2014-12-31"),
];

#[test]
fn every_field_of_the_head_and_the_record_is_in_its_style() {
    let e = edition_with(EVERY_FIELD);
    let b = build_docx(&e.path, "docx");
    b.run.assert_ok("build --format docx with every field");
    let doc = inspect(&b.docx());
    let used = styles_used(&doc);
    for s in ["版头", "附注"] {
        assert!(used.contains(s), "{s}: {used:?}");
    }
    let number = doc.paragraphs.iter().find(|p| p.style == "发文字号").unwrap();
    assert!(number.text.starts_with("武工办〔2014〕74号\t签发人：张三"), "{:?}", number.text);
    assert!(number.runs.iter().any(|r| r.text == "张三" && r.font.as_deref() == Some("楷体_GB2312")));
    let record = doc
        .tables
        .iter()
        .find(|t| t.text.iter().any(|r| r.starts_with("抄送：")))
        .expect("the 版记 table");
    assert!(record.floating, "the 版记 stands at the foot of the page");
    assert_eq!(record.styles, ["印发", "抄送"]);
    assert_eq!(record.text[0], "抄送：市委办公厅，市政府办公厅。");
    assert!(
        record.text[1].contains("武汉市总工会办公室") && record.text[1].contains("2014年12月31日印发"),
        "{:?}",
        record.text
    );
    let note = doc.paragraphs.iter().find(|p| p.style == "附注").unwrap();
    assert_eq!(note.text, "（此件公开发布）");
    let dir = TempDir::new().unwrap();
    let r = render(&b.docx(), dir.path());
    assert_rendered("every field", &r, &[]);
    let text = pdf_text(
        &r.pdf,
        &[
            "签发人：张三",
            "抄送：市委办公厅，市政府办公厅。",
            "（此件公开发布）",
            "000001",
            "秘密★1年",
            "特急",
        ],
    );
    assert!(text.missing.is_empty(), "LibreOffice's pages lack {:?}", text.missing);
}

#[derive(Deserialize)]
struct SeedCheck {
    pieces: usize,
    missing: Vec<serde_json::Value>,
}

#[test]
fn libreoffice_sets_22_lines_a_page_numbers_odd_right_even_left_and_every_seed_sentence() {
    let b = built_2015();
    let dir = TempDir::new().unwrap();
    let r = render(&b.docx(), dir.path());
    // Pages 2 and 3 of the 2015 notice are body text from top to foot.
    assert_rendered("2015", &r, &[2, 3]);
    assert!(r.pages.len() >= 6, "the notice and its two forms: {} pages", r.pages.len());
    assert!(r.pages.iter().take(4).all(|p| p.number.is_some()), "every page numbered");
    let fixture = root().join("tests/fixtures/seed-simplified.txt");
    let check: SeedCheck = python_json(
        "seed_check.py",
        [r.pdf.as_os_str(), fixture.as_os_str(), OsStr::new("notice"), OsStr::new("1"), OsStr::new("2")],
    );
    assert!(check.pieces > 300);
    assert!(
        check.missing.is_empty(),
        "{} of {} seed pieces not in LibreOffice's pages: {:?}",
        check.missing.len(),
        check.pieces,
        check.missing
    );
}

/// Every example edition: a .docx that passes the checks, and whose every paragraph
/// LibreOffice prints.
#[test]
fn every_example_edition_gives_a_docx_that_passes() {
    for name in ["joint-notice", "sealed-notice", "tables-notice", "letter", "order", "minutes"] {
        let edition = root().join("examples").join(name);
        let b = build_docx(&edition, "pdf,docx");
        b.run.assert_ok(name);
        let doc = inspect(&b.docx());
        assert_page_and_grid(name, &doc);
        assert_footers(name, &doc);
        assert_eq!(doc.sections[0].title_page, name == "letter", "{name}: only a letter's page 1 has no number");
        let dir = TempDir::new().unwrap();
        let r = render(&b.docx(), dir.path());
        assert_rendered(name, &r, &[]);
        let texts: Vec<&str> = doc.paragraphs.iter().map(|p| p.text.as_str()).filter(|t| !t.trim().is_empty()).collect();
        let pieces: Vec<String> = texts
            .iter()
            .flat_map(|t| t.split(['\n', '\t']))
            .map(str::to_string)
            .filter(|t| !t.trim().is_empty())
            .collect();
        let refs: Vec<&str> = pieces.iter().map(String::as_str).collect();
        let text = pdf_text(&r.pdf, &refs);
        assert!(text.missing.is_empty(), "{name}: LibreOffice's pages lack {:?}", text.missing);
        let used = styles_used(&doc);
        match name {
            "joint-notice" => {
                // Three issuers' marks stacked beside 文件, unsealed, four heading levels, a 版记.
                let marks = doc.tables.iter().find(|t| t.styles == ["发文机关标志"]).expect("the marks stacked in a table");
                assert_eq!((marks.rows, marks.columns), (1, 2), "{marks:?}");
                assert_eq!(marks.text[0], "武汉市总工会\n武汉市人力资源和社会保障局\n武汉市财政局文件");
                assert_eq!(doc.paragraphs.iter().filter(|p| p.style == "署名").count(), 3);
                assert!(used.contains("一级标题"), "{name}: {used:?}");
                assert!(doc.images.is_empty());
                let record = doc.tables.iter().find(|t| t.floating).expect("the 版记");
                assert_eq!(record.styles, ["印发", "抄送"]);
            }
            "sealed-notice" => {
                // Two seals, floating behind the text, 42 mm; a text attachment, unnumbered.
                assert_eq!(doc.images.len(), 2, "{:?}", doc.images);
                for i in &doc.images {
                    assert!(i.behind && i.wrap_none, "{i:?}");
                    assert!((i.width_mm - 42.0).abs() < 0.5, "{i:?}");
                }
                let label = doc.paragraphs.iter().find(|p| p.style == "附件标识").unwrap();
                assert_eq!(label.text, "附件");
                for s in ["一级标题", "Heading2Char", "Heading3Char", "Heading4Char", "附注"] {
                    assert!(used.contains(s), "{name}: {s} in {used:?}");
                }
                assert!(r.fonts.iter().any(|f| f.starts_with("FandolKai")), "二级标题 in 楷体: {:?}", r.fonts);
            }
            "tables-notice" => {
                // No number: the number's line empty, the rule kept; a landscape section; a
                // table whose head repeats, and the 报名表's blank rows.
                let number = doc.paragraphs.iter().find(|p| p.style == "发文字号").unwrap();
                assert_eq!(number.text, "");
                assert!(number.borders.contains_key("bottom"));
                assert!(
                    doc.sections.iter().any(|s| s.orientation.contains("LANDSCAPE")),
                    "{:?}",
                    doc.sections.iter().map(|s| &s.orientation).collect::<Vec<_>>()
                );
                assert!(r.pages.iter().any(|p| p.width > 600.0), "LibreOffice turns a page across");
                let tables: Vec<&TableInfo> = doc.tables.iter().filter(|t| !t.floating).collect();
                assert_eq!(tables.len(), 2, "{tables:?}");
                assert!(tables.iter().all(|t| t.header_rows >= 1 && t.columns >= 3));
                assert!(tables[1].rows > tables[1].header_rows + 3, "blank rows to fill in");
            }
            "letter" => {
                // The mark in page 1's header between red double rules, no number on page 1,
                // the 发文字号 flush right on the first line, a 版记 of 抄送 alone.
                let first = doc.sections[0].first_header.as_ref().expect("page 1's header");
                assert_eq!(first.text, "武汉市总工会办公室");
                assert_eq!(first.style, "发文机关标志");
                assert_eq!(first.color.as_deref(), Some("E60012"));
                assert_eq!(first.border_bottom.as_deref(), Some("thickThinSmallGap"));
                let foot = doc.sections[0].first_footer.as_ref().expect("page 1's footer");
                assert!(!foot.page_field && foot.text.is_empty(), "no number on page 1: {foot:?}");
                assert_eq!(foot.border_bottom.as_deref(), Some("thinThickSmallGap"));
                assert!(r.pages[0].number.is_none(), "LibreOffice numbers page 1: {:?}", r.pages[0].number);
                assert!(r.pages.len() < 2 || r.pages[1].number.is_some(), "page 2 numbered");
                let first_line = doc.paragraphs.iter().find(|p| p.style == "版头").unwrap();
                assert_eq!(first_line.text, "特急\t武工办函〔2025〕17号");
                let record = doc.tables.iter().find(|t| t.floating).expect("the 版记");
                assert_eq!(record.styles, ["抄送"]);
                assert_eq!(record.rows, 1);
            }
            "order" => {
                // The mark with 令, 第N号 centred, no 发文字号 or rule, the signer's seal.
                let mark = doc.paragraphs.iter().find(|p| p.style == "发文机关标志").unwrap();
                assert_eq!(mark.text, "武汉市人民政府令");
                let number = doc.paragraphs.iter().find(|p| p.style == "令号").unwrap();
                assert_eq!(number.text, "第342号");
                assert!(!used.contains("发文字号") && !used.contains("标题"), "{used:?}");
                let signer = doc.paragraphs.iter().find(|p| p.style == "署名").unwrap();
                assert_eq!(signer.text, "市长");
                assert_eq!(doc.images.len(), 1, "the signature seal");
                assert!(
                    doc.images[0].width_mm <= 30.01 && doc.images[0].behind,
                    "within its 30 × 12 mm: {:?}",
                    doc.images
                );
            }
            "minutes" => {
                let mark = doc.paragraphs.iter().find(|p| p.style == "发文机关标志").unwrap();
                assert_eq!(mark.text, "武汉市总工会主席办公会议纪要");
                let lists: Vec<&ParaInfo> = doc.paragraphs.iter().filter(|p| p.style == "出席列席").collect();
                assert_eq!(lists.len(), 3);
                for (p, word) in lists.iter().zip(["出席：", "请假：", "列席："]) {
                    assert!(p.text.starts_with(word), "{}", p.text);
                    assert_eq!(p.runs[0].font.as_deref(), Some("黑体"));
                }
            }
            _ => unreachable!(),
        }
    }
}
