//! Issue #11: typesetting a proofreader cannot fault. Digits and Latin text are set tight and
//! copy out whole (poppler's pdftotext reads no space inside `2015年2月1日` or an e-mail
//! address), every line the paragraph goes on after ends on the block's right edge, a number
//! stays with its unit, a form's lines break between its fields and never inside a label that
//! fits a line, and the 版记 ends the notice on an even page (GB/T 9704 7.4, 7.5).
//!
//! The text is read with poppler (`pdftotext`), the glyphs and rules with pdfplumber
//! (tests/tools/glyphs.py).

mod common;

use std::ffi::OsStr;
use std::path::Path;
use std::sync::OnceLock;

use common::glyphs::*;
use common::*;

/// The text of a PDF as pdftotext reads it (reading order, one line of text a line).
fn pdftotext(pdf: &Path) -> String {
    let run = run_tool("pdftotext", [OsStr::new("-enc"), OsStr::new("UTF-8"), pdf.as_os_str(), OsStr::new("-")]);
    run.assert_ok("pdftotext");
    run.stdout
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// The text's lines, without the page numbers (— 2 —), page breaks and empty lines between
/// them: what a reader copies across lines and pages.
fn text_lines(text: &str) -> Vec<&str> {
    let page_number = |l: &str| l.starts_with('—') && l.ends_with('—') && l.trim_matches(['—', ' ']).chars().all(|c| c.is_ascii_digit());
    text.split(['\n', '\x0c']).filter(|l| !l.is_empty() && !page_number(l)).collect()
}

/// The lines joined as a reader copies them: a line that ends between two Latin words (or a
/// word and a number) ended at the space between them.
fn joined(text: &str) -> String {
    let mut out = String::new();
    for l in text_lines(text) {
        let word_break = out.ends_with(|c: char| c.is_ascii_alphanumeric()) && l.starts_with(|c: char| c.is_ascii_alphanumeric());
        if word_break {
            out.push(' ');
        }
        out.push_str(l);
    }
    out
}

/// Every place in `text` where a space stands between a Chinese character and a digit or a
/// Latin letter, with a little of its context.
fn spaces_beside_digits(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    for i in 1..chars.len().saturating_sub(1) {
        if chars[i] != ' ' {
            continue;
        }
        let mut j = i;
        while j + 1 < chars.len() && chars[j + 1] == ' ' {
            j += 1;
        }
        let (a, b) = (chars[i - 1], chars.get(j + 1).copied().unwrap_or(' '));
        if (is_han(a) && b.is_ascii_alphanumeric()) || (a.is_ascii_alphanumeric() && is_han(b)) {
            let lo = i.saturating_sub(6);
            let hi = (j + 6).min(chars.len());
            found.push(chars[lo..hi].iter().collect::<String>().replace('\n', "⏎"));
        }
    }
    found
}

#[test]
fn the_notice_copies_out_with_no_space_between_chinese_and_digits() {
    let text = pdftotext(&build_2015().pdf("notice.pdf"));
    let found = spaces_beside_digits(&text);
    assert!(
        found.is_empty(),
        "pdftotext reads {} spaces between Chinese text and digits or letters in notice.pdf (the edition has none):\n  {}",
        found.len(),
        found.join("\n  ")
    );
    // Dates and numbers copy out as written: a search for 2月1日 finds it.
    let joined = joined(&text);
    for date in ["2015年1月1日至2015年3月5日", "2015年2月1日前", "1月9日—2月10日", "85760519（传真）"] {
        assert!(joined.contains(date), "`{date}` should copy out of notice.pdf whole");
    }
}

/// What the paragraphs of the Latin edition hold, each of which must copy out whole.
const PHRASES: [&str; 6] = [
    "whzgh_bzb@163.com",
    "https://www.whgh.org.cn/html/2014/1230/song-wen-nuan.html",
    "9:00—下午5:30",
    "180元/天/人",
    "12.5%（ACFTU 2014）",
    "#read(\"/etc/passwd\")",
];

/// How many paragraphs the Latin edition has: the same sentence after 0, 3, 6, … Chinese
/// characters, so that each phrase falls across a line's end in some of them.
const SHIFTS: usize = 10;

/// The 2015 edition with paragraphs of e-mail addresses, URLs, times, rates and Latin words
/// after the 二、活动时间 paragraph, built once.
fn latin() -> &'static Build {
    static BUILD: OnceLock<(Edition, Build)> = OnceLock::new();
    &BUILD
        .get_or_init(|| {
            let sentence = format!(
                "中华全国总工会（All-China Federation of Trade Unions）的材料，各单位可将其发送至电子邮箱{}，或登录市总工会网站{}下载表格；咨询时间为每日上午{}，困难职工临时住宿补贴按{}发放，全市建档困难职工占职工总数的{}。模板中的{}按原样印出。",
                PHRASES[0], PHRASES[1], PHRASES[2], PHRASES[3], PHRASES[4], PHRASES[5]
            );
            let paragraphs: String = (0..SHIFTS)
                .map(|k| format!("  \"{}{}\",\n", "帮".repeat(3 * k), sentence.replace('"', "\\\"")))
                .collect();
            let at = "  \"{activity_start}至{activity_end}（正月十五）。\",\n";
            let edition = edition_with(&[("notice.toml", at, &format!("{at}{paragraphs}"))]);
            let b = build(&edition.path);
            b.run.assert_ok("gongwen build on an edition with Latin text, digits and URLs");
            (edition, b)
        })
        .1
}

#[test]
fn urls_e_mail_addresses_times_and_rates_copy_out_whole() {
    let text = pdftotext(&latin().pdf("notice.pdf"));
    let found = spaces_beside_digits(&text);
    assert!(found.is_empty(), "spaces between Chinese text and Latin text:\n  {}", found.join("\n  "));
    // A phrase that a line's end parts comes back whole when the lines are joined; nothing
    // else may part it.
    let joined = joined(&text);
    for phrase in PHRASES {
        let n = joined.matches(phrase).count();
        assert_eq!(
            n, SHIFTS,
            "`{phrase}` should copy out whole from each of the {SHIFTS} paragraphs, does from {n}"
        );
    }
    // Where a phrase breaks across lines, it breaks between a Chinese character and what
    // stands beside it, never inside a run of digits and letters (but a URL or an e-mail
    // address, after / or before . - _ @), never between a number and its unit, never before
    // a closing mark or after an opening one.
    let lines = text_lines(&text);
    let mut broken = 0;
    for pair in lines.windows(2) {
        for phrase in PHRASES {
            for cut in 1..phrase.chars().count() {
                let (head, tail): (String, String) = (phrase.chars().take(cut).collect(), phrase.chars().skip(cut).collect());
                if pair[0].ends_with(&head) && pair[1].starts_with(&tail) {
                    broken += 1;
                    let (a, b) = (head.chars().last().unwrap(), tail.chars().next().unwrap());
                    // URLs, e-mail addresses and paths (/etc/passwd).
                    let url = phrase.contains('@') || phrase.matches('/').count() >= 2;
                    let at_a_mark = head.ends_with('/') || tail.starts_with(['.', '-', '_', '@']);
                    let inside_run = a.is_ascii_graphic() && b.is_ascii_graphic();
                    let number_unit = a.is_ascii_digit() && is_han(b);
                    let marks = is_closing_mark(&b.to_string()) || is_opening_mark(&a.to_string());
                    assert!(
                        if inside_run { url && at_a_mark } else { !number_unit && !marks },
                        "`{phrase}` is broken as `{head}` / `{tail}`"
                    );
                }
            }
        }
    }
    eprintln!("{broken} line ends fall inside the phrases, all where a line may break");
    assert!(
        broken >= SHIFTS / 2,
        "the shifted paragraphs should carry the phrases across lines' ends: {broken} breaks"
    );
}

/// The lines of body text (3号) inside the type block of a PDF's first `pages` pages.
fn body_rows(pdf: &Pdf, pages: usize) -> Vec<Row> {
    pdf.rows()
        .into_iter()
        .filter(|r| r.page <= pages && r.inside_block() && r.glyphs.iter().all(|g| (g.size - BODY).abs() < 0.01))
        .collect()
}

/// The Latin word a line starts with, if it starts with one.
fn leading_word(row: &Row) -> String {
    let mut word = String::new();
    for (i, g) in row.glyphs.iter().enumerate() {
        if !g.text.chars().all(|c| c.is_ascii_alphabetic()) || (i > 0 && g.x0 - row.glyphs[i - 1].x1 > 2.0) {
            break;
        }
        word.push_str(&g.text);
    }
    word
}

#[test]
fn glyphs_stand_closer_than_a_tenth_of_an_em() {
    // The spread that keeps a line's ends on the block's edges is too thin to read as a space:
    // beside a Chinese character or mark no gap reaches 0.1 em (poppler's word break). Only
    // the spaces between Latin words are wider, and the line before a Latin word too long for
    // the room left (Federation): it is spread rather than the word hyphenated, as Chinese
    // typesetting does (W3C clreq 3.6), by under 0.15 em.
    for (name, pdf, pages) in [("data/2015", build_2015(), 7), ("the Latin edition", latin(), 9)] {
        let rows = body_rows(&Pdf::read(&pdf.pdf("notice.pdf")), pages);
        let (mut widest, mut before_words): (f64, Vec<String>) = (0.0, Vec::new());
        for (i, r) in rows.iter().enumerate() {
            let next_word = rows.get(i + 1).filter(|n| r.continued_by(n)).map(leading_word).unwrap_or_default();
            let limit = if next_word.len() >= 7 { 0.15 * BODY } else { 0.1 * BODY };
            let mut line_widest: f64 = 0.0;
            for w in r.glyphs.windows(2) {
                if is_half_width(&w[0].text) && is_half_width(&w[1].text) {
                    continue;
                }
                let gap = w[1].x0 - w[0].x1;
                line_widest = line_widest.max(gap);
                assert!(
                    gap < limit,
                    "{name} page {}: {gap:.2} pt between `{}` and `{}` in `{}`",
                    r.page,
                    w[0].text,
                    w[1].text,
                    r.text()
                );
            }
            if next_word.len() >= 7 && line_widest >= 0.1 * BODY {
                before_words.push(format!("{line_widest:.2} pt before `{next_word}`"));
            } else {
                widest = widest.max(line_widest);
            }
        }
        eprintln!(
            "{name}: widest gap beside a Chinese character {widest:.2} pt in {} lines; spread wider before a long Latin word: {before_words:?}",
            rows.len()
        );
    }
}

#[test]
fn lines_the_paragraph_goes_on_after_end_on_the_right_edge() {
    let rows = body_rows(&Pdf::read(&latin().pdf("notice.pdf")), 9);
    let mut counts = [0; 3];
    let mut off = Vec::new();
    for pair in rows.windows(2) {
        if !pair[0].continued_by(&pair[1]) {
            continue;
        }
        match pair[0].end() {
            LineEnd::Edge => counts[0] += 1,
            LineEnd::Hanging => counts[1] += 1,
            LineEnd::Squeezed => counts[2] += 1,
            LineEnd::Off(by) => off.push(format!("page {}: {:+.2} mm `{}`", pair[0].page, by / MM, pair[0].text())),
        }
    }
    eprintln!(
        "the Latin edition: {} continued lines end on the right edge, {} hang a closing mark, {} end with a squeezed mark",
        counts[0], counts[1], counts[2]
    );
    assert!(counts.iter().sum::<usize>() > 100, "{counts:?}");
    assert!(
        off.is_empty(),
        "lines that end off the right edge (by more than 0.8 mm):\n  {}",
        off.join("\n  ")
    );
}

#[test]
fn no_line_parts_a_number_from_its_unit() {
    for (name, pdf) in [("data/2015", build_2015()), ("the Latin edition", latin())] {
        let rows = Pdf::read(&pdf.pdf("notice.pdf")).rows();
        let mut numbers = 0;
        for pair in rows.windows(2) {
            let (last, first) = (pair[0].glyphs.last().unwrap(), &pair[1].glyphs[0]);
            if !pair[0].inside_block() || !pair[1].inside_block() {
                continue;
            }
            numbers += usize::from(last.text.chars().all(|c| c.is_ascii_digit()));
            assert!(
                !(last.text.chars().all(|c| c.is_ascii_digit()) && is_ideograph(&first.text) && pair[0].continued_by(&pair[1])),
                "{name} page {}: a line ends with the number of `{}` and the next starts with its unit: `{}`",
                pair[0].page,
                pair[0].text(),
                pair[1].text()
            );
        }
        eprintln!("{name}: {numbers} lines end with a digit, none parted from a unit");
    }
}

/// A field of a form: its code, its label as given (pieces where a line may break) and joined.
struct Label {
    code: String,
    pieces: Vec<String>,
}

impl Label {
    fn whole(&self) -> String {
        self.pieces.concat()
    }
}

/// The labels of `attachment-N.toml`, placeholders of the year expanded.
fn labels(n: usize) -> Vec<Label> {
    let form: toml::Value = toml::from_str(&std::fs::read_to_string(edition_2015().join(format!("attachment-{n}.toml"))).unwrap()).unwrap();
    let expand = |s: &str| s.replace("{year-1}", "2014").replace("{year}", "2015");
    let mut out = Vec::new();
    for item in form["items"].as_array().unwrap() {
        for f in item["fields"].as_array().unwrap() {
            let pieces: Vec<String> = match f.get("label") {
                Some(toml::Value::String(s)) => vec![expand(s)],
                Some(toml::Value::Array(a)) => a.iter().map(|p| expand(p.as_str().unwrap())).collect(),
                _ => continue,
            };
            if pieces.concat().is_empty() {
                continue;
            }
            out.push(Label {
                code: format!("{}{}", item["code"].as_str().unwrap(), f["letter"].as_str().unwrap()),
                pieces,
            });
        }
    }
    out
}

/// The width of the glyphs of `needle` where it first stands in `row`.
fn width_of(row: &Row, needle: &str) -> f64 {
    let text = row.text();
    let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` in `{text}`"));
    let start = text[..at].chars().count();
    row.glyphs[start..start + needle.chars().count()].iter().map(|g| g.x1 - g.x0).sum()
}

#[test]
fn form_labels_that_fit_a_line_stand_whole_on_one() {
    // A form's fields flow in the block less the two cells of the item's code.
    let width = WIDTH - 2.0 * CELL;
    for n in [1, 2] {
        let pdf = Pdf::read(&build_2015().pdf(&format!("attachment-{n}.pdf")));
        let rows = pdf.rows();
        let texts: Vec<String> = rows.iter().map(Row::text).collect();
        let (mut whole, mut at_marks) = (0, 0);
        let labels = labels(n);
        // The letter and the label whole on one line, as often as the form has that field (02B
        // and 03B are both （B）其中困难农民工).
        let whole_on_a_line = |l: &Label| {
            let key = format!("（{}）{}", &l.code[2..], l.whole());
            let wanted = labels.iter().filter(|m| format!("（{}）{}", &m.code[2..], m.whole()) == key).count();
            texts.iter().map(|t| t.matches(&key).count()).sum::<usize>() >= wanted
        };
        for label in &labels {
            let letter = format!("（{}）", &label.code[2..]);
            if whole_on_a_line(label) {
                whole += 1;
                continue;
            }
            // Broken: only where the writer marked it, each piece whole on its line, and only
            // because the letter and the label together are wider than a line.
            let lines: Vec<usize> = label
                .pieces
                .iter()
                .map(|p| {
                    texts.iter().position(|t| t.contains(p.as_str())).unwrap_or_else(|| {
                        panic!(
                            "附件{n} {}: `{}` is broken inside a piece `{p}` (given as {:?})",
                            label.code,
                            label.whole(),
                            label.pieces
                        )
                    })
                })
                .collect();
            assert!(
                label.pieces.len() > 1,
                "附件{n} {}: `{}` is broken though it is given whole",
                label.code,
                label.whole()
            );
            // The width the letter and the whole label take, from their glyphs as set.
            let mut set = width_of(&rows[lines[0]], &letter);
            for (p, line) in label.pieces.iter().zip(&lines) {
                set += width_of(&rows[*line], p);
            }
            assert!(
                set > width,
                "附件{n} {}: `{letter}{}` ({set:.0} pt) fits a line of {width:.0} pt but is broken",
                label.code,
                label.whole()
            );
            at_marks += 1;
        }
        eprintln!("附件{n}: {whole} labels stand whole on one line, {at_marks} longer than a line break where they are marked");
        assert!(whole > 50, "附件{n}: only {whole} labels whole");
    }
}

/// An edition with a 版记 (抄送, 印发机关, 印发日期), changed by `changes` besides.
fn with_record(changes: &[(&str, &str, &str)]) -> Edition {
    let record = "[record]\ncc = [\"市委办公厅\", \"市政府办公厅\", \"省总工会办公室\"]\nprinter = \"武汉市总工会办公室\"\nprinted = 2014-12-31\n";
    let mut all = vec![(
        "notice.toml",
        "# [record]                       # 版记（可选）：抄送、印发机关、印发日期\n",
        record,
    )];
    all.extend_from_slice(changes);
    edition_with(&all)
}

/// Where a built notice puts its 版记 and its page numbers.
#[derive(Debug)]
struct Ending {
    pages: usize,
    /// The page of the signature's date, and whether the 版记 would have fitted below it.
    date_page: usize,
    room_below_date: f64,
    /// The page of the 版记 (its 抄送 line), its height, and where its last rule lies.
    record_page: usize,
    record_height: f64,
    last_rule_bottom: f64,
    /// The pages that carry a number below the block, and those with no glyph at all.
    numbered: Vec<usize>,
    blank: Vec<usize>,
}

fn ending(pdf: &Path) -> Ending {
    let pdf = Pdf::read(pdf);
    let rows = pdf.rows();
    let date = rows.iter().rfind(|r| r.text() == "2014年12月30日").expect("the signature's date");
    let cc = rows.iter().find(|r| r.text().starts_with("抄送：")).expect("the 版记's 抄送 line");
    let page = &pdf.pages[cc.page - 1];
    // The 版记's rules: as wide as the block, from the first (above 抄送) to the last.
    let rules: Vec<&Rule> = page
        .lines
        .iter()
        .filter(|l| l.x1 - l.x0 > WIDTH - 1.0 && l.bottom > cc.baseline - 30.0)
        .collect();
    assert!(
        rules.len() >= 3,
        "the 版记 on page {} has {} rules the width of the block",
        cc.page,
        rules.len()
    );
    let top = rules.iter().map(|l| l.top).fold(f64::MAX, f64::min);
    let bottom = rules.iter().map(|l| l.bottom).fold(f64::MIN, f64::max);
    Ending {
        pages: pdf.pages.len(),
        date_page: date.page,
        room_below_date: BOTTOM - (date.baseline + 0.12 * BODY),
        record_page: cc.page,
        record_height: bottom - top,
        last_rule_bottom: bottom,
        numbered: rows.iter().filter(|r| r.baseline > BOTTOM).map(|r| r.page).collect(),
        blank: (1..=pdf.pages.len())
            .filter(|p| pdf.pages[p - 1].chars.iter().all(|g| g.text.trim().is_empty()))
            .collect(),
    }
}

/// Checks the 版记 rule of GB/T 9704 7.4 and 7.5 on one notice, and says which case it is.
fn check_record(what: &str, e: &Ending) -> &'static str {
    assert!(
        e.pages.is_multiple_of(2),
        "{what}: {} pages; the 版记 must end the notice on an even page: {e:?}",
        e.pages
    );
    assert_eq!(e.record_page, e.pages, "{what}: the 版记 stands on the last page: {e:?}");
    assert!(
        (e.last_rule_bottom - BOTTOM).abs() < 1.0,
        "{what}: the 版记's last rule lies at {:.2} pt, not on the block's bottom edge {BOTTOM:.2}",
        e.last_rule_bottom
    );
    let all_numbered = |pages: std::ops::RangeInclusive<usize>| pages.into_iter().all(|p| e.numbered.contains(&p));
    if !e.date_page.is_multiple_of(2) {
        // Text ends on an odd page: the 版记 on the back of that sheet, numbered.
        assert_eq!(e.record_page, e.date_page + 1, "{what}: text ends on odd page {}: {e:?}", e.date_page);
        assert!(
            all_numbered(1..=e.pages) && e.blank.is_empty(),
            "{what}: every page numbered, none blank: {e:?}"
        );
        "odd"
    } else if e.record_page == e.date_page {
        assert!(e.record_height <= e.room_below_date, "{what}: the 版记 overlaps the text: {e:?}");
        assert!(
            all_numbered(1..=e.pages) && e.blank.is_empty(),
            "{what}: every page numbered, none blank: {e:?}"
        );
        "even"
    } else {
        // Text ends on a full even page: a blank page, then the 版记's, neither numbered.
        assert!(e.record_height > e.room_below_date, "{what}: the 版记 would have fitted below the date: {e:?}");
        assert_eq!(e.record_page, e.date_page + 2, "{what}: {e:?}");
        assert_eq!(e.blank, vec![e.date_page + 1], "{what}: the page before the 版记's is blank: {e:?}");
        assert!(
            all_numbered(1..=e.date_page) && !e.numbered.contains(&(e.date_page + 1)) && !e.numbered.contains(&e.record_page),
            "{what}: the blank page and the 版记's page carry no number, the others do: {e:?}"
        );
        "full"
    }
}

#[test]
fn the_record_ends_the_notice_on_an_even_page() {
    // With the attachments bound in: the 版记 follows them.
    let e = with_record(&[]);
    let b = build(&e.path);
    b.run.assert_ok("gongwen build with a 版记");
    let end = ending(&b.pdf("notice.pdf"));
    assert!(end.date_page < end.record_page, "the attachments come before the 版记: {end:?}");
    assert!(end.pages.is_multiple_of(2) && end.record_page == end.pages, "with attachments: {end:?}");
    // Without attachments, the text ending on an odd page, on an even one with room for the
    // 版记, and on a full even one: longer and longer text until each has been seen.
    let sentence = "各级工会要把送温暖活动与日常帮扶工作结合起来，建立健全长效机制，做到节日有慰问、平时有关怀。";
    let at = "  \"全市各级工会要严格执行中央关于改进工作作风";
    let mut seen = std::collections::BTreeSet::new();
    for k in 0..40 {
        let more = format!("  \"{}\",\n{at}", sentence.repeat(k * 2 + 1));
        let e = with_record(&[
            (
                "notice.toml",
                "attachments = [\"attachment-1.toml\", \"attachment-2.toml\"]",
                "attachments = []",
            ),
            ("notice.toml", at, &more),
        ]);
        let b = build(&e.path);
        b.run.assert_ok("gongwen build with a 版记 and no attachments");
        let end = ending(&b.pdf("notice.pdf"));
        seen.insert(check_record(&format!("{} sentences more", k * 2 + 1), &end));
        if seen.len() == 3 {
            eprintln!("all three cases seen after {} editions", k + 1);
            return;
        }
    }
    panic!("the editions showed only {seen:?} of the odd, even and full cases");
}
