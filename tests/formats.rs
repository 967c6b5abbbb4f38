//! Issue #14: the particular formats of GB/T 9704-2012 chapter 10. The examples
//! examples/letter (信函格式, 10.1), examples/order (命令（令）格式, 10.2) and examples/minutes
//! (纪要格式, 10.3) are checked and built as a user does, as PDF and OFD, and their pages are
//! read with tools that are not ours: pdfplumber for glyphs and rules (tests/tools/glyphs.py),
//! poppler for where the ink is (red_blobs.py at 150 dpi), Python's zipfile for the OFD's
//! tags. A format's required part left out is a located error in Chinese.
//!
//! What each page should show is worked out from the standard's figures in millimetres from
//! the page's top-left corner; a character's top edge is measured twice: as its em box
//! (baseline − 0.88 em, from pdfplumber) and as its ink (poppler's red pixels).

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::glyphs::*;
use common::*;
use tempfile::TempDir;

/// The em box of a CJK face: its top 0.88 em above the baseline.
const EM_TOP: f64 = 0.88;

fn mm(pt: f64) -> f64 {
    pt / MM
}

// ---------------------------------------------------------------------------------------
// The examples, built once per test binary as PDF and OFD

struct Built {
    _dir: TempDir,
    out: PathBuf,
    pdf: Pdf,
}

impl Built {
    fn file(&self, name: &str) -> PathBuf {
        self.out.join(name)
    }
}

fn example_dir(name: &str) -> PathBuf {
    root().join("examples").join(name)
}

fn built(name: &'static str) -> &'static Built {
    static BUILT: OnceLock<std::sync::Mutex<std::collections::BTreeMap<&'static str, &'static Built>>> = OnceLock::new();
    let map = BUILT.get_or_init(Default::default);
    if let Some(b) = map.lock().unwrap().get(name) {
        return b;
    }
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("out");
    let run = gongwen([
        OsStr::new("build"),
        example_dir(name).as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("pdf,ofd,xlsx"),
    ]);
    run.assert_ok(&format!("gongwen build examples/{name} --format pdf,ofd,xlsx"));
    let pdf = Pdf::read(&out.join("notice.pdf"));
    let b: &'static Built = Box::leak(Box::new(Built { _dir: dir, out, pdf }));
    map.lock().unwrap().insert(name, b);
    b
}

fn is_red(fill: &[f64]) -> bool {
    matches!(fill, [r, g, b] if *r > 0.8 && *g < 0.2 && *b < 0.2)
}

/// The red mark on page 1: the row of red glyphs.
fn mark_row(b: &Built) -> Row {
    let rows = rows(1, &b.pdf.pages[0]);
    rows.into_iter()
        .find(|r| r.glyphs.iter().all(|g| is_red(&g.fill)))
        .expect("a row of red glyphs (the mark) on page 1")
}

/// Where the mark's red ink starts and ends (top, bottom), as poppler draws page 1: the red
/// regions across the mark's glyphs.
fn mark_ink(b: &Built, mark: &Row) -> (f64, f64) {
    let blobs = red_blobs(&b.file("notice.pdf"), 1, Some(150));
    let size = mark.glyphs[0].size;
    let (x0, x1) = (mark.glyphs[0].x0, mark.glyphs.last().unwrap().x1);
    let inside: Vec<&Blob> = blobs
        .iter()
        .filter(|r| r.x0 >= x0 - 1.0 && r.x1 <= x1 + 1.0 && r.bottom > mark.baseline - size && r.top < mark.baseline + 0.3 * size)
        .collect();
    assert!(inside.len() >= mark.glyphs.len() / 2, "poppler draws the mark's characters in red: {inside:?}");
    let top = inside.iter().map(|r| r.top).fold(f64::MAX, f64::min);
    let bottom = inside.iter().map(|r| r.bottom).fold(f64::MIN, f64::max);
    (top, bottom)
}

/// Asserts the mark's top edge, as em box and as ink, at `want` mm from the page's top.
fn assert_mark_top(label: &str, b: &Built, mark: &Row, want: f64, tolerance: f64) {
    let size = mark.glyphs[0].size;
    let em_top = mm(mark.baseline - EM_TOP * size);
    let (ink_top, _) = mark_ink(b, mark);
    for (what, top) in [("em box", em_top), ("ink", mm(ink_top))] {
        assert!(
            (top - want).abs() <= tolerance,
            "{label}: the mark's top edge ({what}) is {top:.2} mm from the top of the page, expected {want} ± {tolerance} mm"
        );
    }
    for g in &mark.glyphs {
        assert!(g.font.starts_with("NotoSerifCJKsc-Black"), "{label}: the mark is set in {}", g.font);
    }
    let centre = (mark.glyphs[0].x0 + mark.glyphs.last().unwrap().x1) / 2.0;
    assert!(
        (centre - (LEFT + RIGHT) / 2.0).abs() <= 0.5,
        "{label}: the mark is centred on the block: centre {centre:.2} pt"
    );
}

/// The red rules of a page: red lines longer than 100 mm (a seal's strokes are not rules).
fn red_rules(page: &Page) -> Vec<&Rule> {
    let mut rules: Vec<&Rule> = page.lines.iter().filter(|l| is_red(&l.stroke) && l.x1 - l.x0 > 100.0 * MM).collect();
    rules.sort_by(|a, b| a.top.total_cmp(&b.top));
    rules
}

/// A rule's top and bottom edges: a stroked line lies on its middle, `width` thick.
fn edges(r: &Rule) -> (f64, f64) {
    let middle = (r.top + r.bottom) / 2.0;
    (middle - r.width / 2.0, middle + r.width / 2.0)
}

// ---------------------------------------------------------------------------------------
// All three

#[test]
fn every_format_example_checks_and_builds_as_pdf_ofd_and_xlsx() {
    for name in ["letter", "order", "minutes"] {
        let check = gongwen([OsStr::new("check"), example_dir(name).as_os_str()]);
        check.assert_ok(&format!("gongwen check examples/{name}"));
        assert!(warnings(&check.stderr).is_empty(), "gongwen check examples/{name} gives no warning:\n{check}");
        let b = built(name);
        assert_eq!(listing(&b.out), ["notice.ofd", "notice.pdf"], "examples/{name}: the files written");
        let qpdf = run_tool("qpdf", [OsStr::new("--check"), b.file("notice.pdf").as_os_str()]);
        qpdf.assert_ok(&format!("qpdf --check examples/{name}/notice.pdf"));
        // A4 pages.
        for p in &b.pdf.pages {
            assert!((p.width - 595.28).abs() < 0.5 && (p.height - 841.89).abs() < 0.5, "examples/{name}: an A4 page");
        }
    }
}

/// The 电子公文 fields the OFD tags, read from its zip with Python.
fn ofd_tags(ofd: &Path) -> String {
    let code = "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('Doc_0/Tags/CustomTag.xml').decode('utf-8'))";
    let run = run_tool("python3", [OsStr::new("-c"), OsStr::new(code), ofd.as_os_str()]);
    run.assert_ok("reading the OFD's CustomTag.xml");
    run.stdout
}

#[test]
fn the_ofd_tags_each_format_s_own_parts() {
    let order = ofd_tags(&built("order").file("notice.ofd"));
    let head = order.split("</gw:版头>").next().unwrap();
    assert!(head.contains("<gw:令号>"), "the order's 令号 is tagged in the 版头:\n{order}");
    assert!(!order.contains("<gw:标题>"), "an order without a title tags none:\n{order}");
    let minutes = ofd_tags(&built("minutes").file("notice.ofd"));
    let body = minutes.split("<gw:主体>").nth(1).expect("the minutes' 主体");
    for part in ["出席", "请假", "列席"] {
        assert!(body.contains(&format!("<gw:{part}>")), "the minutes' {part} is tagged in the 主体:\n{minutes}");
    }
    let letter = ofd_tags(&built("letter").file("notice.ofd"));
    assert!(letter.contains("<gw:抄送机关>"), "the letter's 抄送 is tagged:\n{letter}");
    assert!(
        !letter.contains("<gw:印发机关>") && !letter.contains("<gw:印发日期>"),
        "a letter has no 印发机关 or 印发日期:\n{letter}"
    );
}

// ---------------------------------------------------------------------------------------
// 信函格式 (10.1)

#[test]
fn the_letter_s_mark_stands_30_mm_from_the_top_between_red_double_rules() {
    let b = built("letter");
    let page = &b.pdf.pages[0];
    let mark = mark_row(b);
    assert_eq!(mark.text(), "武汉市总工会办公室", "the letter's mark: the office's name, without 文件");
    assert_mark_top("letter", b, &mark, 30.0, 2.0);

    // Four red rules on page 1, 170 mm long, centred on the page: 20 mm to 190 mm.
    let rules = red_rules(page);
    assert_eq!(rules.len(), 4, "four red rules (two double rules) on page 1: {rules:?}");
    for r in &rules {
        assert!(
            (mm(r.x0) - 20.0).abs() < 0.2 && (mm(r.x1) - 190.0).abs() < 0.2,
            "a red rule runs from {:.2} to {:.2} mm, expected 20 to 190 mm (170 mm, centred)",
            mm(r.x0),
            mm(r.x1)
        );
        assert!((r.bottom - r.top).abs() < 0.01, "the rule is horizontal");
    }
    // The upper pair thick over thin, 4 mm under the mark's ink.
    let (upper, lower) = (&rules[..2], &rules[2..]);
    assert!(upper[0].width > upper[1].width, "the upper double rule is thick over thin: {upper:?}");
    let (_, ink_bottom) = mark_ink(b, &mark);
    let gap = mm(edges(upper[0]).0 - ink_bottom);
    assert!((gap - 4.0).abs() <= 0.5, "the upper double rule is {gap:.2} mm under the mark, expected 4 mm");
    // The lower pair thin over thick, its middle 20 mm above the foot of the page.
    assert!(lower[0].width < lower[1].width, "the lower double rule is thin over thick: {lower:?}");
    let middle = mm((edges(lower[0]).0 + edges(lower[1]).1) / 2.0);
    assert!(
        (297.0 - middle - 20.0).abs() <= 0.3,
        "the lower double rule's middle is {:.2} mm above the foot of the page, expected 20 mm",
        297.0 - middle
    );
}

#[test]
fn the_letter_s_number_ends_on_the_right_edge_under_the_rule_and_page_1_has_no_number() {
    let b = built("letter");
    let page = &b.pdf.pages[0];
    let rows = rows(1, page);
    let rules = red_rules(page);
    let rule_bottom = edges(rules[1]).1;
    // 发文字号 flush right, 紧急程度 flush left, on the first line under the rule: their tops
    // (the 3号 em box) 7/8 of a 3号 character's height below it.
    let number = rows.iter().find(|r| r.text().ends_with("武工办函〔2025〕17号")).expect("the 文号 on page 1");
    let x1 = number.glyphs.last().unwrap().x1;
    assert!((x1 - RIGHT).abs() <= 0.5, "the 文号 ends {:.2} mm from the block's right edge", mm(RIGHT - x1));
    let gap = number.baseline - EM_TOP * BODY - rule_bottom;
    assert!(
        gap > 0.0 && (gap - 7.0 / 8.0 * BODY).abs() <= 0.5,
        "the 文号's top is {gap:.2} pt under the double rule, expected 7/8 of 16 pt = 14 pt"
    );
    let urgency = &number.glyphs[0];
    assert_eq!(number.text(), "特急武工办函〔2025〕17号", "紧急程度 and 文号 share the line");
    assert!((urgency.x0 - LEFT).abs() <= 0.5, "特急 stands flush left: at {:.2} mm", mm(urgency.x0 - LEFT));
    assert!(urgency.font.starts_with("FandolHei"), "紧急程度 is in 黑体: {}", urgency.font);

    // The title two lines under them.
    let title = rows.iter().find(|r| r.glyphs.iter().any(|g| (g.size - 22.0).abs() < 0.01)).expect("the title");
    let lines = (title.baseline - number.baseline) / PITCH;
    assert!((2.0..2.6).contains(&lines), "the title is {lines:.2} lines under the 文号, expected two");

    // No page number on page 1; the next page has one (— 2 —, 7 mm under the block).
    let below = |p: &Page| -> String { rows_below_block(p) };
    assert_eq!(below(page), "", "page 1 of a letter carries no page number");
    assert!(b.pdf.pages.len() >= 2, "the letter example runs onto a second page");
    assert_eq!(below(&b.pdf.pages[1]), "—2—", "page 2 carries its number");
}

/// The text under the type block (page numbers), without spaces.
fn rows_below_block(p: &Page) -> String {
    rows(0, p)
        .into_iter()
        .filter(|r| r.baseline > BOTTOM + 1.0 && r.baseline < BOTTOM + 20.0 * MM)
        .map(|r| r.text())
        .collect::<String>()
        .replace(' ', "")
}

#[test]
fn the_letter_s_record_is_its_cc_alone_at_the_foot_of_the_last_page() {
    let b = built("letter");
    let last = b.pdf.pages.last().unwrap();
    let last_rows = rows(b.pdf.pages.len(), last);
    let cc = last_rows.iter().find(|r| r.text().starts_with("抄送：")).expect("抄送 on the last page");
    assert_eq!(cc.text(), "抄送：市总工会保障工作部，各区总工会。");
    assert!(cc.glyphs.iter().all(|g| (g.size - 14.0).abs() < 0.01), "抄送 in 4号");
    // The last line of the block's foot: nothing below it inside the block.
    assert!(
        BOTTOM - cc.baseline < 8.0 * MM,
        "抄送 stands at the foot of the block: {:.1} mm above it",
        mm(BOTTOM - cc.baseline)
    );
    let all: String = b
        .pdf
        .pages
        .iter()
        .map(|p| rows(0, p).into_iter().map(|r| r.text()).collect::<String>())
        .collect();
    assert!(!all.contains("印发"), "a letter's 版记 has no 印发机关 or 印发日期");
    assert!(last.lines.iter().all(|l| is_red(&l.stroke)), "a letter's 版记 has no rules: {:?}", last.lines);
}

// ---------------------------------------------------------------------------------------
// 命令（令）格式 (10.2)

#[test]
fn the_order_s_mark_stands_20_mm_into_the_block_with_its_number_centred_under_it() {
    let b = built("order");
    let page = &b.pdf.pages[0];
    let mark = mark_row(b);
    assert_eq!(mark.text(), "武汉市人民政府令", "the order's mark: the full name and 令");
    // 20 mm below the block's top, 37 mm from the page's.
    assert_mark_top("order", b, &mark, 57.0, 3.0);
    assert!(red_rules(page).is_empty(), "an order has no red rule: {:?}", red_rules(page));

    let rows = rows(1, page);
    let number = rows.iter().find(|r| r.text() == "第342号").expect("the 令号 第342号 on page 1");
    let centre = (number.glyphs[0].x0 + number.glyphs.last().unwrap().x1) / 2.0;
    assert!((centre - (LEFT + RIGHT) / 2.0).abs() <= 0.5, "the 令号 is centred: {centre:.2} pt");
    assert!(
        number.glyphs.iter().all(|g| (g.size - BODY).abs() < 0.01 && !is_red(&g.fill)),
        "the 令号 is black 3号"
    );
    // Two blank lines under the mark: at least two lines between the mark's ink and the
    // number's em box, less than three.
    let (_, ink_bottom) = mark_ink(b, &mark);
    let gap = (number.baseline - EM_TOP * BODY - ink_bottom) / PITCH;
    assert!((2.0..3.0).contains(&gap), "the 令号 is {gap:.2} lines under the mark, expected two blank lines");
    // The text two blank lines under the 令号.
    let text = rows.iter().find(|r| r.baseline > number.baseline).expect("the text under the 令号");
    assert!(text.text().starts_with("《武汉市工会劳动法律监督办法》"), "the text follows: {}", text.text());
    let lines = (text.baseline - number.baseline) / PITCH;
    assert!(
        (lines - 3.0).abs() < 0.01,
        "the text is {lines:.2} lines under the 令号, expected 3 (two blank lines)"
    );
}

#[test]
fn the_order_is_signed_by_the_signer_s_title_and_seal_with_the_date_below() {
    let b = built("order");
    let rows = rows(1, &b.pdf.pages[0]);
    let date = rows.iter().find(|r| r.text() == "2025年3月31日").expect("the date");
    assert!(
        (RIGHT - date.glyphs.last().unwrap().x1 - 4.0 * CELL).abs() < 0.6,
        "the date is right-indented four characters (7.3.5.3)"
    );
    let title = rows.iter().find(|r| r.text() == "市长").expect("the signer's title 市长");
    assert!(date.baseline - title.baseline > PITCH, "the date stands under the signer's title");
    // The signature seal (a red SVG drawing) between the title and the right edge.
    let blobs = red_blobs(&b.file("notice.pdf"), 1, None);
    let seal = blobs
        .iter()
        .find(|r| r.top > title.baseline - 2.0 * PITCH && r.bottom < date.baseline)
        .expect("the signature seal beside the title");
    assert!(seal.x0 > title.glyphs.last().unwrap().x1, "the seal is right of the title");
    assert!((RIGHT - seal.x1 - 4.0 * CELL).abs() < 1.5, "the seal is right-indented four characters");
}

// ---------------------------------------------------------------------------------------
// 纪要格式 (10.3)

#[test]
fn the_minutes_mark_ends_in_jiyao_35_mm_into_the_block() {
    let b = built("minutes");
    let mark = mark_row(b);
    assert!(mark.text().ends_with("纪要"), "the minutes' mark ends in 纪要: {}", mark.text());
    assert_mark_top("minutes", b, &mark, 72.0, 3.0);
}

#[test]
fn present_on_leave_and_sitting_in_stand_after_the_text_in_heiti_with_wrapped_lines_aligned() {
    let b = built("minutes");
    let all: Vec<Row> = b.pdf.rows();
    let text_end = all.iter().rposition(|r| r.text().ends_with("督促整改。")).expect("the text's last line");
    let mut previous: Option<&Row> = None;
    for word in ["出席", "请假", "列席"] {
        let at = all
            .iter()
            .position(|r| r.text().starts_with(&format!("{word}：")))
            .unwrap_or_else(|| panic!("a line starting {word}："));
        let row = &all[at];
        match previous {
            None => {
                // One blank line under the text.
                assert_eq!(row.page, all[text_end].page, "出席 on the page the text ends on");
                let lines = (row.baseline - all[text_end].baseline) / PITCH;
                assert!((lines - 2.0).abs() < 0.01, "出席 is {lines:.2} lines under the text, expected one blank line");
            }
            // On lines of their own, one after another.
            Some(p) => assert!((row.baseline - p.baseline - PITCH).abs() < 0.01, "{word} starts the line after the last list"),
        }
        // The word and its full-width colon in 3号 黑体, two characters in.
        let head = &row.glyphs[..3];
        for g in head {
            assert!(g.font.starts_with("FandolHei"), "{word}：`{}` is in 黑体: {}", g.text, g.font);
            assert!((g.size - BODY).abs() < 0.01, "{word}： in 3号");
        }
        assert!(
            (head[0].x0 - LEFT - 2.0 * CELL).abs() < 0.5,
            "{word} is two characters in: {:.2} mm",
            mm(head[0].x0 - LEFT)
        );
        // The names in 3号 仿宋, wrapped lines aligned with the first character after the colon.
        let first = &row.glyphs[3];
        assert!(row.glyphs[3..].iter().all(|g| g.font.starts_with("FandolFang")), "{word}'s names are in 仿宋");
        let next = &all[at + 1];
        assert!(
            (next.baseline - row.baseline - PITCH).abs() < 0.01 && !next.text().contains('：'),
            "the {word} list wraps onto a second line: `{}` then `{}`",
            row.text(),
            next.text()
        );
        assert!(
            (next.glyphs[0].x0 - first.x0).abs() < 0.5,
            "the {word} list's second line starts at {:.2} mm, under the first name ({:.2} mm)",
            mm(next.glyphs[0].x0 - LEFT),
            mm(first.x0 - LEFT)
        );
        previous = Some(&all[at + 1]);
    }
}

// ---------------------------------------------------------------------------------------
// The 文件 format's mark, measured the same way

#[test]
fn the_document_format_s_mark_top_is_35_mm_into_the_block() {
    let b = build_2015();
    let pdf = Pdf::read(&b.pdf("notice.pdf"));
    let row = rows(1, &pdf.pages[0]).into_iter().find(|r| r.glyphs.iter().all(|g| is_red(&g.fill))).unwrap();
    let top = mm(row.baseline - EM_TOP * row.glyphs[0].size);
    assert!(
        (top - 72.0).abs() <= 1.0,
        "the 文件 format's mark top is {top:.2} mm from the page's top, expected 72"
    );
}

// ---------------------------------------------------------------------------------------
// A format's parts missing: located errors, in Chinese

/// A copy of `examples/NAME` (with its seals) in a temporary folder, `from` replaced by `to`
/// in notice.toml.
fn example_with(name: &str, from: &str, to: &str) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join(name);
    copy_dir(&example_dir(name), &path);
    let notice = path.join("notice.toml");
    let text = std::fs::read_to_string(&notice).unwrap();
    assert_eq!(text.matches(from).count(), 1, "`{from}` occurs once in examples/{name}/notice.toml");
    std::fs::write(&notice, text.replacen(from, to, 1)).unwrap();
    (dir, path)
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

/// One defect: the error points at `at` (text of the changed notice.toml, once), names
/// `field` and says `says`, in Chinese.
struct Defect<'a> {
    example: &'a str,
    from: &'a str,
    to: &'a str,
    at: &'a str,
    field: &'a str,
    says: &'a str,
}

fn assert_located(d: Defect<'_>) {
    let (_dir, path) = example_with(d.example, d.from, d.to);
    let notice = path.join("notice.toml");
    let text = std::fs::read_to_string(&notice).unwrap();
    assert_eq!(text.matches(d.at).count(), 1, "`{}` occurs once in the changed notice.toml", d.at);
    let offset = text.find(d.at).unwrap();
    let line = text[..offset].matches('\n').count() + 1;
    let column = text[text[..offset].rfind('\n').map_or(0, |i| i + 1)..offset].chars().count() + 1;
    let out = path.parent().unwrap().join("out");
    for args in [
        vec![OsStr::new("check"), path.as_os_str()],
        vec![OsStr::new("build"), path.as_os_str(), OsStr::new("-o"), out.as_os_str()],
    ] {
        let mut args = args;
        args.extend([OsStr::new("--lang"), OsStr::new("zh")]);
        let run = gongwen(&args);
        let what = format!("gongwen {} on examples/{} with `{}`", args[0].to_string_lossy(), d.example, d.to.trim());
        assert_eq!(run.code, Some(1), "{what} fails with exit code 1:\n{run}");
        assert!(!run.stderr.contains("panicked"), "{what} panicked:\n{run}");
        // In Chinese: each error starts 错误：, then the file's place and a snippet.
        let errors: Vec<&str> = run.stderr.split("\n错误：").skip(usize::from(!run.stderr.starts_with("错误："))).collect();
        assert_eq!(errors.len(), 1, "{what} reports one error, in Chinese:\n{run}");
        let e = errors[0];
        let place = format!("{}:{line}:{column}", notice.display());
        assert!(e.contains(&place), "{what}: the error is at {line}:{column} (`{}`):\n{run}", d.at);
        assert!(e.contains(d.field), "{what}: the error names {}:\n{run}", d.field);
        assert!(e.contains(d.says), "{what}: the error says `{}`:\n{run}", d.says);
        assert!(
            run.stderr.lines().any(|l| l == "1 个错误：未写入任何文件"),
            "{what}: ends saying nothing was written:\n{run}"
        );
    }
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn an_order_without_its_number_is_a_located_error() {
    assert_located(Defect {
        example: "order",
        from: "order_number = 342               # 令号：第342号\n",
        to: "",
        at: "\"order\"                 # 命令（令）格式",
        field: "head.order_number",
        says: "命令（令）格式要有令号",
    });
}

#[test]
fn an_order_s_mark_must_end_in_ling() {
    assert_located(Defect {
        example: "order",
        from: "suffix = \"令\"                    # 标志",
        to: "suffix = \"文件\"                    # 标志",
        at: "\"文件\"",
        field: "head.suffix",
        says: "以“命令”或“令”结尾",
    });
}

#[test]
fn an_order_signed_otherwise_than_by_its_signer_is_a_located_error() {
    assert_located(Defect {
        example: "order",
        from: "date = 2025-03-31",
        to: "form = \"sealed\"\ndate = 2025-03-31",
        at: "\"sealed\"",
        field: "signature.form",
        says: "签发人职务、签名章和成文日期",
    });
}

#[test]
fn minutes_without_those_present_are_a_located_error() {
    let example = "minutes";
    let notice = std::fs::read_to_string(example_dir(example).join("notice.toml")).unwrap();
    let start = notice.find("\n[attendance]").unwrap() + 1;
    let end = notice.find("\n[signature]").unwrap() + 1;
    assert_located(Defect {
        example,
        from: &notice[start..end],
        to: "",
        at: "\"minutes\"               # 纪要格式",
        field: "attendance.present",
        says: "纪要要有出席人员名单",
    });
}

#[test]
fn the_minutes_mark_must_end_in_jiyao() {
    assert_located(Defect {
        example: "minutes",
        from: "\"武汉市总工会主席办公会议纪要\"",
        to: "\"武汉市总工会主席办公会议\"",
        at: "\"武汉市总工会主席办公会议\"",
        field: "head.organ_mark",
        says: "请以“纪要”结尾",
    });
}

#[test]
fn a_letter_s_record_with_a_printer_is_a_located_error() {
    assert_located(Defect {
        example: "letter",
        from: "cc = [\"市总工会保障工作部\", \"各区总工会\"]",
        to: "cc = [\"市总工会保障工作部\"]\nprinter = \"武汉市总工会办公室秘书科\"",
        at: "\"武汉市总工会办公室秘书科\"",
        field: "record.printer",
        says: "信函格式的版记不印印发机关和印发日期",
    });
}

#[test]
fn a_letter_s_mark_takes_no_wenjian() {
    assert_located(Defect {
        example: "letter",
        from: "urgency = \"特急\"",
        to: "urgency = \"特急\"\nsuffix = \"文件\"",
        at: "\"文件\"",
        field: "head.suffix",
        says: "不加“文件”二字",
    });
}

#[test]
fn a_letter_without_a_title_is_a_located_error() {
    assert_located(Defect {
        example: "letter",
        from: "title = [\"关于商请协助做好{year}年“金秋助学”\", \"困难职工子女资助工作的函\"]\n",
        to: "",
        at: "[body]",
        field: "body.title",
        says: "信函格式要有标题",
    });
}

#[test]
fn attendance_lists_outside_minutes_are_a_located_error() {
    assert_located(Defect {
        example: "letter",
        from: "cc = [\"市总工会保障工作部\", \"各区总工会\"]",
        to: "cc = [\"市总工会保障工作部\", \"各区总工会\"]\n\n[attendance]\npresent = [\"张建国\"]",
        at: "[attendance]",
        field: "attendance",
        says: "出席、请假、列席名单只用于纪要格式",
    });
}
