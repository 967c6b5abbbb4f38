//! Issue #2: the pages are laid out to GB/T 9704-2012, measured from the glyphs that
//! pdfplumber reads out of the PDFs (tests/tools/glyphs.py): the 22 × 28 grid of 3号 (16 pt)
//! characters in the 156 × 225 mm type block, the head (版头), the title and the page numbers.
//!
//! Coordinates are points from the top-left corner of an A4 page; a glyph's baseline comes
//! from its text matrix.

mod common;

use std::sync::OnceLock;

use common::glyphs::*;
use common::*;

/// The pages of the notice before its attachments, and its full body pages (page 1 has the
/// head; page 6 ends the text early because the contacts, 附件 note and signature, which may
/// not be parted, go to page 7 together).
const NOTICE_PAGES: usize = 7;
const FULL_PAGES: [usize; 4] = [2, 3, 4, 5];
/// How far a baseline may be from its grid line, and a glyph from its column.
const ROW_TOLERANCE: f64 = 0.1;
const COLUMN_TOLERANCE: f64 = 0.3;

/// The glyphs of one of the 2015 edition's PDFs, read once per test binary.
fn pdf(name: &str) -> &'static Pdf {
    static PDFS: [OnceLock<Pdf>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let i = DOCUMENTS.iter().position(|d| *d == name).expect("one of the three documents");
    PDFS[i].get_or_init(|| Pdf::read(&build_2015().pdf(name)))
}

fn all_rows(name: &str) -> Vec<Row> {
    pdf(name).rows()
}

/// The notice's text from the addressees to the contacts and the 附件 note: the lines set on
/// the character grid (the head, the title and the signature are placed otherwise).
fn body_rows() -> Vec<Row> {
    let notice = pdf("notice.pdf");
    let mut out = Vec::new();
    for (i, page) in notice.pages.iter().take(NOTICE_PAGES).enumerate() {
        let mut rows: Vec<Row> = rows(i + 1, page).into_iter().filter(|r| r.inside_block()).collect();
        if i == 0 {
            // Below the title (the last 22 pt line).
            let title_end = rows
                .iter()
                .filter(|r| r.glyphs.iter().any(|g| g.size > 20.0))
                .map(|r| r.baseline)
                .fold(0.0, f64::max);
            assert!(title_end > 0.0, "page 1 should carry the 22 pt title");
            rows.retain(|r| r.baseline > title_end);
        }
        if i + 1 == NOTICE_PAGES {
            // Above the signature: organ and date, centred and right-indented by design.
            let sig = rows
                .iter()
                .position(|r| r.text() == "武汉市总工会办公室")
                .expect("the signature on the notice's last page");
            rows.truncate(sig);
        }
        out.extend(rows);
    }
    out
}

#[test]
fn the_body_is_set_in_16pt() {
    let rows = body_rows();
    assert!(rows.len() > 100, "{} body lines", rows.len());
    for r in &rows {
        for g in &r.glyphs {
            assert!(
                (g.size - BODY).abs() < 0.01,
                "page {}: `{}` in `{}` is {} pt, not 16 pt (3号)",
                r.page,
                g.text,
                r.text(),
                g.size
            );
            assert!(
                ["FandolFang", "FandolHei", "FandolKai"].iter().any(|f| g.font.starts_with(f)),
                "page {}: `{}` is set in {}",
                r.page,
                g.text,
                g.font
            );
        }
    }
}

#[test]
fn a_full_body_page_has_22_lines_on_the_grid() {
    let notice = pdf("notice.pdf");
    for n in FULL_PAGES {
        let rows: Vec<Row> = rows(n, &notice.pages[n - 1]).into_iter().filter(Row::inside_block).collect();
        let baselines: Vec<f64> = rows.iter().map(|r| r.baseline).collect();
        assert_eq!(
            rows.len(),
            LINES,
            "page {n} should have 22 lines in the type block, has {}: {baselines:.3?}",
            rows.len()
        );
        assert!(
            rows.iter().flat_map(|r| &r.glyphs).all(|g| (g.size - BODY).abs() < 0.01),
            "page {n}: every glyph 16 pt"
        );
        assert!(
            (baselines[0] - FIRST).abs() <= ROW_TOLERANCE,
            "page {n}: the first baseline is at {:.3} pt, expected 37 mm + 0.88 × 16 pt = {FIRST:.3}",
            baselines[0]
        );
        for (i, pair) in baselines.windows(2).enumerate() {
            let gap = pair[1] - pair[0];
            assert!(
                (gap - PITCH).abs() <= ROW_TOLERANCE,
                "page {n}: lines {} and {} are {gap:.3} pt apart, expected (225 mm − 22 × 16 pt) / 21 + 16 pt = {PITCH:.3}",
                i + 1,
                i + 2
            );
        }
        let last = FIRST + (LINES - 1) as f64 * PITCH;
        assert!(
            (baselines[LINES - 1] - last).abs() <= ROW_TOLERANCE && last + 0.12 * BODY <= BOTTOM + 0.01,
            "page {n}: the 22nd line ends at the foot of the block"
        );
    }
}

#[test]
fn every_line_on_every_page_sits_on_a_grid_line() {
    // The notice (head, title, body, signature, forms in 4号) and both forms alone: whatever
    // the size, a line's baseline is one of the 22 of the body grid. Only the organ mark
    // (placed by its own measure, GB/T 9704 7.2.4) is exempt.
    let mut checked = 0;
    let mut worst: f64 = 0.0;
    for name in DOCUMENTS {
        for r in all_rows(name).iter().filter(|r| r.inside_block()) {
            if r.glyphs.iter().any(|g| g.size > 30.0) {
                continue;
            }
            checked += 1;
            worst = worst.max(r.off_grid());
            assert!(
                r.off_grid() <= ROW_TOLERANCE && (0..LINES as isize).contains(&r.grid_line()),
                "{name} page {}: `{}` has its baseline at {:.3} pt, {:.3} pt off the nearest grid line",
                r.page,
                r.text(),
                r.baseline,
                r.off_grid()
            );
        }
    }
    assert!(checked > 400, "{checked} lines checked");
    eprintln!("{checked} lines on the grid, largest deviation {worst:.4} pt");
}

/// A line that the line-start and line-end rules left a unit short (a closing mark and the
/// character before it, or an opening mark and the one after it, went down together, and no
/// mark could hang): its units spread evenly over the whole line. Checks that it is so.
fn evenly_spread(line: &Row, next: Option<&Row>) -> Result<(), String> {
    let g = &line.glyphs;
    let steps: Vec<f64> = g.windows(2).map(|w| w[1].x0 - w[0].x0).collect();
    let (lo, hi) = steps.iter().fold((f64::MAX, f64::MIN), |(lo, hi), s| (lo.min(*s), hi.max(*s)));
    let Some(next) = next.filter(|n| line.continued_by(n)) else {
        return Err("it is not followed by its paragraph".into());
    };
    let pushed = is_opening_mark(&next.glyphs[0].text) || next.glyphs.get(1).is_some_and(|g| is_closing_mark(&g.text));
    if !pushed {
        return Err(format!(
            "the next line starts `{}`, which may start a line",
            next.text().chars().take(2).collect::<String>()
        ));
    }
    if hi - lo > 0.05 || lo <= CELL {
        return Err(format!("its steps range {lo:.2}–{hi:.2} pt: not one even spread wider than a cell"));
    }
    if line.end() != LineEnd::Edge {
        return Err(format!("it ends {:?}, not on the right edge", line.end()));
    }
    Ok(())
}

#[test]
fn chinese_characters_sit_on_the_column_grid() {
    // In every line of Chinese characters and full-width marks (no digits or Latin letters,
    // which are set at their own widths), every character stands in its column.
    let rows = body_rows();
    let mut deviations: Vec<(f64, String)> = Vec::new();
    let mut spread = Vec::new();
    let mut mixed = 0;
    for (i, r) in rows.iter().enumerate() {
        if r.has_half_width() {
            mixed += 1;
            continue;
        }
        let off = r.glyphs.iter().filter(|g| is_ideograph(&g.text)).map(|g| {
            let k = ((g.x0 - LEFT) / CELL).round();
            (g.x0 - (LEFT + k * CELL), g, k)
        });
        let off: Vec<_> = off.collect();
        if off.iter().any(|(d, _, _)| d.abs() > COLUMN_TOLERANCE) {
            if let Err(why) = evenly_spread(r, rows.get(i + 1)) {
                panic!("page {} line {}: `{}` is off the column grid and {why}", r.page, r.grid_line() + 1, r.text());
            }
            spread.push(format!("page {} line {}: `{}`", r.page, r.grid_line() + 1, r.text()));
            continue;
        }
        for (d, g, k) in off {
            deviations.push((d, format!("page {} line {} `{}` cell {k}: {d:+.3} pt", r.page, r.grid_line() + 1, g.text)));
        }
    }
    assert!(deviations.len() > 1500, "{} ideographs measured", deviations.len());
    let max = deviations.iter().map(|(d, _)| d.abs()).fold(0.0, f64::max);
    eprintln!(
        "{} ideographs in {} all-Chinese lines, largest deviation from their column {max:.3} pt; {mixed} lines hold half-width runs; {} evenly spread:\n  {}",
        deviations.len(),
        rows.len() - mixed - spread.len(),
        spread.len(),
        spread.join("\n  ")
    );
    assert!(
        spread.len() <= 3,
        "{} lines spread off the grid: the line-end rules should leave very few",
        spread.len()
    );
}

#[test]
fn full_lines_end_on_the_right_edge() {
    let rows = body_rows();
    // Nothing reaches past the right edge of the block, but a closing mark hanging there.
    for r in &rows {
        let last = r.glyphs.last().unwrap();
        let end = if r.end() == LineEnd::Hanging {
            r.glyphs[r.glyphs.len() - 2].x1
        } else {
            last.x1
        };
        assert!(
            end <= RIGHT + COLUMN_TOLERANCE || r.end() == LineEnd::Squeezed,
            "page {}: `{}` ends at {end:.2} pt, past the block's right edge {RIGHT:.2}",
            r.page,
            r.text()
        );
    }
    // A line followed by one that goes on with its paragraph ends on the right edge, or hangs
    // one closing mark past it (标点悬挂); one of Chinese characters only holds 28 cells.
    let (mut edge, mut hanging, mut squeezed, mut all_chinese) = (0, 0, 0, 0);
    let mut problems = Vec::new();
    for pair in rows.windows(2) {
        let (line, next) = (&pair[0], &pair[1]);
        if !line.continued_by(next) {
            continue;
        }
        match line.end() {
            LineEnd::Edge => edge += 1,
            LineEnd::Hanging => hanging += 1,
            LineEnd::Squeezed => squeezed += 1,
            LineEnd::Off(by) => problems.push(format!(
                "page {} line {} ends {:+.2} mm from the right edge: `{}`, next `{}`",
                line.page,
                line.grid_line() + 1,
                by / MM,
                line.text(),
                next.text()
            )),
        }
        if !line.has_half_width() {
            all_chinese += 1;
            // Its last character in the last column (a hanging mark stands beyond it).
            let n = line.glyphs.len() - usize::from(line.end() == LineEnd::Hanging);
            let cells = column(&line.glyphs[n - 1]) + 1;
            if cells != CELLS as isize {
                problems.push(format!(
                    "page {} line {} holds {cells} cells: `{}`",
                    line.page,
                    line.grid_line() + 1,
                    line.text()
                ));
            }
        }
    }
    let total = edge + hanging + squeezed + problems.len();
    eprintln!(
        "{total} lines followed by their paragraph: {edge} end on the right edge, {hanging} hang a closing mark past it, {squeezed} end with a mark squeezed to half a cell; {all_chinese} hold Chinese characters only, 28 cells each"
    );
    assert!(total > 80, "{total} full lines found");
    assert!(
        problems.is_empty(),
        "lines that should be full end elsewhere (by more than 0.8 mm):\n  {}",
        problems.join("\n  ")
    );
}

/// The page-number line of every page of a document: the one line below the type block.
fn page_numbers(name: &str) -> Vec<Row> {
    pdf(name)
        .pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let mut below: Vec<Row> = rows(i + 1, page).into_iter().filter(|r| r.baseline > BOTTOM).collect();
            assert_eq!(
                below.len(),
                1,
                "{name} page {}: one line below the type block, the page number; found {below:?}",
                i + 1
            );
            below.remove(0)
        })
        .collect()
}

#[test]
fn page_numbers_are_14pt_songti_below_the_block() {
    // 页码 (GB/T 9704 7.5): 4号 半角宋体 Arabic numerals between two 一字线, below the block.
    for name in DOCUMENTS {
        let numbers = page_numbers(name);
        for (i, number) in numbers.iter().enumerate() {
            let n = i + 1;
            assert_eq!(number.text(), format!("—{n}—"), "{name} page {n}");
            for g in &number.glyphs {
                assert!((g.size - 14.0).abs() < 0.01, "{name} page {n}: `{}` is {} pt, not 14 pt (4号)", g.text, g.size);
                assert!(
                    g.font.starts_with("NotoSerifSC"),
                    "{name} page {n}: the page number is set in {}, not the 宋体 face",
                    g.font
                );
            }
            let below = (number.baseline - BOTTOM) / MM;
            assert!(
                below > 7.0 && below < 12.0,
                "{name} page {n}: the number's baseline is {below:.2} mm below the block; its dashes should be 7 mm below"
            );
        }
        let (lo, hi) = numbers
            .iter()
            .fold((f64::MAX, f64::MIN), |(lo, hi), r| (lo.min(r.baseline), hi.max(r.baseline)));
        eprintln!("{name}: page-number baselines {lo:.3}–{hi:.3} pt");
        assert!(
            hi - lo <= COLUMN_TOLERANCE,
            "{name}: page numbers should stand on one line on every page; baselines range {lo:.3}–{hi:.3} pt"
        );
    }
}

#[test]
fn odd_page_numbers_end_one_cell_from_the_right_and_even_ones_start_one_cell_in() {
    // 单页码居右空一字，双页码居左空一字 (GB/T 9704 7.5), one character being one cell.
    let mut wrong = Vec::new();
    for name in DOCUMENTS {
        for (i, number) in page_numbers(name).iter().enumerate() {
            let n = i + 1;
            let (start, end) = (number.glyphs[0].x0, number.glyphs.last().unwrap().x1);
            let (edge, expected, side) = if n % 2 == 1 {
                (end, RIGHT - CELL, "end")
            } else {
                (start, LEFT + CELL, "start")
            };
            if (edge - expected).abs() > 0.5 {
                wrong.push(format!(
                    "{name} page {n}: `{}` spans {start:.2}–{end:.2} pt; it should {side} at {expected:.2} pt ({:+.2} pt)",
                    number.text(),
                    edge - expected
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "page numbers off their place, one cell (156/28 mm) inside the block:\n  {}",
        wrong.join("\n  ")
    );
}

fn is_red(fill: &[f64]) -> bool {
    matches!(fill, [r, g, b] if *r > 0.8 && *g < 0.2 && *b < 0.2)
}

#[test]
fn the_head_has_a_red_organ_mark_over_a_red_rule_with_the_number_between() {
    let page = &pdf("notice.pdf").pages[0];
    assert!((page.width - 595.28).abs() < 0.5 && (page.height - 841.89).abs() < 0.5);
    let rows = rows(1, page);
    // 发文机关标志 (7.2.4): red 小标宋, centred.
    let mark = rows.iter().find(|r| r.text() == "武汉市总工会办公室文件").expect("the organ mark on page 1");
    for g in &mark.glyphs {
        assert!(is_red(&g.fill), "the organ mark's `{}` is filled with {:?}, not red", g.text, g.fill);
        assert!(g.font.starts_with("NotoSerifCJKsc-Black"), "the organ mark is set in {}", g.font);
        assert!(g.size > 22.0, "the organ mark is larger than the title: {} pt", g.size);
    }
    let centre = (mark.glyphs[0].x0 + mark.glyphs.last().unwrap().x1) / 2.0;
    assert!(
        (centre - (LEFT + RIGHT) / 2.0).abs() <= 0.5,
        "the organ mark is centred on the block: centre at {centre:.2} pt"
    );
    // 红色分隔线 (7.2.7): as wide as the type block.
    let rules: Vec<&Rule> = page.lines.iter().filter(|l| is_red(&l.stroke)).collect();
    assert_eq!(rules.len(), 1, "one red rule on page 1: {:?}", page.lines);
    let rule = rules[0];
    assert!(
        (rule.x0 - LEFT).abs() <= 0.5 && (rule.x1 - RIGHT).abs() <= 0.5,
        "the red rule spans {:.2}–{:.2} pt, not the block's 156 mm ({LEFT:.2}–{RIGHT:.2})",
        rule.x0,
        rule.x1
    );
    assert!((rule.bottom - rule.top).abs() < 0.01, "the red rule is horizontal");
    assert!(rule.top > mark.baseline, "the rule is below the organ mark");
    // 发文字号 (7.2.5): between them, centred; the rule 4 mm below it.
    let number = rows.iter().find(|r| r.text() == "武工办〔2014〕74号").expect("the document number on page 1");
    assert!(
        mark.baseline < number.baseline && number.baseline < rule.top,
        "the number lies between the mark ({:.1}) and the rule ({:.1}): {:.1}",
        mark.baseline,
        rule.top,
        number.baseline
    );
    let centre = (number.glyphs[0].x0 + number.glyphs.last().unwrap().x1) / 2.0;
    assert!(
        (centre - (LEFT + RIGHT) / 2.0).abs() <= 0.5,
        "the document number is centred on the block: centre at {centre:.2} pt, block centre {:.2}",
        (LEFT + RIGHT) / 2.0
    );
    assert!(
        number.glyphs.iter().all(|g| (g.size - BODY).abs() < 0.01 && !is_red(&g.fill)),
        "the number is black 3号"
    );
    let gap = (rule.top - number.baseline) / MM;
    assert!(
        (gap - 4.0).abs() <= 0.2,
        "the red rule should be 4 mm below the document number, is {gap:.2} mm"
    );
}

#[test]
fn the_title_is_22pt_centred_below_the_rule() {
    let page = &pdf("notice.pdf").pages[0];
    let rows = rows(1, page);
    let title: Vec<&Row> = rows.iter().filter(|r| r.glyphs.iter().any(|g| (g.size - 22.0).abs() < 0.01)).collect();
    let text: String = title.iter().map(|r| r.text()).collect();
    assert_eq!(text, "关于2015年元旦春节期间开展送温暖活动的通知", "the title (2号) on page 1");
    assert_eq!(title.len(), 2, "the title in the two lines the edition gives");
    let rule = page.lines.iter().find(|l| is_red(&l.stroke)).expect("the red rule");
    for r in &title {
        assert!(r.baseline > rule.top, "the title is below the red rule");
        for g in &r.glyphs {
            assert!((g.size - 22.0).abs() < 0.01, "title glyph `{}` is {} pt", g.text, g.size);
            assert!(g.font.starts_with("NotoSerifCJKsc-Black"), "the title is set in {}", g.font);
        }
        let centre = (r.glyphs[0].x0 + r.glyphs.last().unwrap().x1) / 2.0;
        assert!(
            (centre - (LEFT + RIGHT) / 2.0).abs() <= 0.5,
            "title line `{}` is centred: centre at {centre:.2} pt",
            r.text()
        );
    }
}

#[test]
fn headings_are_set_in_heiti_and_kaiti() {
    let rows = body_rows();
    let level1: Vec<&Row> = rows
        .iter()
        .filter(|r| ["一、", "二、", "三、", "四、"].iter().any(|h| r.text().starts_with(h)))
        .collect();
    assert_eq!(level1.len(), 4, "four level-1 headings");
    for r in level1 {
        assert_eq!(column(&r.glyphs[0]), 2, "`{}` is indented two characters", r.text());
        assert!(r.glyphs.iter().all(|g| g.font.starts_with("FandolHei")), "`{}` is set in 黑体", r.text());
    }
    let level2: Vec<&Row> = rows
        .iter()
        .filter(|r| r.text().starts_with("（") && r.text().chars().nth(2) == Some('）'))
        .collect();
    assert_eq!(
        level2.len(),
        9,
        "nine level-2 headings: {:?}",
        level2.iter().map(|r| r.text()).collect::<Vec<_>>()
    );
    for r in level2 {
        // The run-in heading, up to its 。, in 楷体; the paragraph goes on in 仿宋.
        let end = r.glyphs.iter().position(|g| g.text == "。").expect("a heading closed with 。");
        assert!(
            r.glyphs[..=end].iter().all(|g| g.font.starts_with("FandolKai")),
            "`{}`: the heading is set in 楷体",
            r.text()
        );
        assert!(
            r.glyphs[end + 1..].iter().all(|g| g.font.starts_with("FandolFang")),
            "`{}`: the paragraph after the heading is set in 仿宋",
            r.text()
        );
    }
}
