//! The notice from the model, part by part as GB/T 9704 names them and as the templates set
//! them: 版头, 标题, 主送机关, 正文 with headings at four levels, the closing, 附件说明, the
//! signature in its three forms, 附注, the attachments and the 版记.

use super::Writer;
use super::para::{BLOCK_WIDTH, Border, CELL, Ind, Look, PITCH, Para, Run, chars_wide, mm};
use super::styles::{KAITI, RED, id};
use crate::model::{DEFAULT_RUN_IN, DocumentFormat, Section, SignatureForm, Text};

/// An issuer, as the head and the signature print it (the templates' `issuers-of`).
pub(super) struct Issuer {
    pub name: String,
    pub mark: String,
    pub seal: Option<String>,
    /// Millimetres across.
    pub seal_size: f64,
    pub signer: Option<String>,
    pub signature_seal: Option<String>,
}

fn issuers(w: &Writer) -> Vec<Issuer> {
    let notice = &w.edition.notice;
    if notice.issuers.is_empty() {
        let name = notice.signature.get_ref().organ.as_ref().map(|o| w.text(o.get_ref())).unwrap_or_default();
        return vec![Issuer {
            mark: name.clone(),
            name,
            seal: None,
            seal_size: 42.0,
            signer: None,
            signature_seal: None,
        }];
    }
    notice
        .issuers
        .iter()
        .map(|i| Issuer {
            name: w.text(i.name.get_ref()),
            mark: w.text(i.mark.as_ref().unwrap_or(&i.name).get_ref()),
            seal: i.seal.as_ref().map(|s| s.get_ref().clone()),
            seal_size: i.seal_size.as_ref().map_or(42.0, |s| s.get_ref().0),
            signer: i.signer.as_ref().map(|s| w.text(s.get_ref())),
            signature_seal: i.signature_seal.as_ref().map(|s| s.get_ref().clone()),
        })
        .collect()
}

/// A paragraph waiting to be written, so that the last ones can be kept with the signature.
pub(super) type Block = (Para, Vec<Run>);

fn text_run(s: String) -> Run {
    Run::Text(s, Look::default())
}

pub(super) fn write(w: &mut Writer) -> Result<(), String> {
    let issuers = issuers(w);
    let edition = w.edition;
    let notice = &edition.notice;
    // The head of the notice's format: 文件格式 (7.2, and 纪要格式 with its own mark), 信函格式
    // (10.1) or 命令格式 (10.2); the title so many lines below it.
    let format = notice.format();
    let title_before = match format {
        DocumentFormat::Document | DocumentFormat::Minutes => {
            head_document(w, &issuers);
            2 * PITCH
        }
        DocumentFormat::Letter => {
            head_letter(w, &issuers);
            PITCH
        }
        DocumentFormat::Order => {
            head_order(w, &issuers);
            0
        }
    };
    if let Some(t) = &notice.body.title {
        let lines = w.lines(t.get_ref());
        title(w, &lines, title_before);
    }
    if let Some(a) = &notice.body.addressees {
        w.blank_line(false);
        let addressees = format!("{}：", w.text(a.get_ref()));
        w.simple(&Para::styled(id::ADDRESSEES), &addressees);
    }

    // 正文: the opening, the sections, the closing paragraphs.
    let body = &notice.body;
    let mut blocks: Vec<Block> = body.opening.iter().map(|p| body_par(w.text(p.get_ref()))).collect();
    blocks.extend(section_pars(w, &body.sections, &run_in(body.run_in.as_ref()), 1));
    blocks.extend(notice.closing.paragraphs.iter().map(|p| body_par(w.text(p.get_ref()))));
    // The signature never stands alone (7.3.5.4): the last paragraph's last lines go with it
    // (widow control keeps two), and everything after is kept together.
    if let Some((last, _)) = blocks.last_mut() {
        last.keep_next = true;
        last.widow = Some(true);
    }
    for (p, runs) in &blocks {
        w.para(p, runs);
    }
    contacts(w);
    attachment_note(w);
    attendance(w);
    signature(w, &issuers);
    if let Some(note) = &notice.closing.note {
        let note = w.text(note.get_ref());
        if !note.is_empty() {
            w.simple(&Para::styled(id::NOTE), &format!("（{note}）"));
        }
    }
    super::attachments::write(w)?;
    if format == DocumentFormat::Letter {
        letter_record(w);
    } else {
        record(w);
    }
    Ok(())
}

/// The levels whose headings run in.
pub(super) fn run_in(given: Option<&toml::Spanned<Vec<toml::Spanned<i64>>>>) -> Vec<i64> {
    given.map_or(DEFAULT_RUN_IN.to_vec(), |r| r.get_ref().iter().map(|l| *l.get_ref()).collect())
}

pub(super) fn body_par(s: String) -> Block {
    (Para::styled(id::BODY), vec![text_run(s)])
}

/// 一、 （一） 1. （1）
fn heading_number(level: usize, n: usize) -> String {
    let cn = chinese_numeral(n);
    match level {
        1 => format!("{cn}、"),
        2 => format!("（{cn}）"),
        3 => format!("{n}."),
        _ => format!("（{n}）"),
    }
}

fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n < 10 {
        DIGITS[n].to_string()
    } else if n < 20 {
        format!("十{}", DIGITS[n - 10])
    } else {
        format!("{}十{}", DIGITS[(n / 10).min(9)], DIGITS[n % 10])
    }
}

/// A run-in heading ends with 。 unless it ends in a mark already.
fn closed(s: &str) -> String {
    if s.ends_with(['。', '？', '！', '：', '；']) {
        s.to_string()
    } else {
        format!("{s}。")
    }
}

/// The paragraphs of `sections` at `level` and below, numbered among their titled siblings,
/// as the templates' `section-pars`: a heading on its own line in its level's style, or run
/// into the section's first paragraph in its level's character style.
pub(super) fn section_pars(w: &Writer, sections: &[toml::Spanned<Section>], run_in: &[i64], level: usize) -> Vec<Block> {
    let mut out = Vec::new();
    let mut n = 0;
    for section in sections {
        let section = section.get_ref();
        let mut paragraphs: Vec<String> = section.paragraphs.iter().map(|p: &Text| w.text(p.get_ref())).collect();
        if let Some(t) = &section.title {
            n += 1;
            let heading = heading_number(level, n) + &w.text(t.get_ref());
            if run_in.contains(&(level as i64)) && !paragraphs.is_empty() {
                let first = paragraphs.remove(0);
                let look = Look {
                    style: Some(id::HEADING_CHARS[level - 1]),
                    ..Default::default()
                };
                out.push((Para::styled(id::BODY), vec![Run::Text(closed(&heading), look), text_run(first)]));
            } else {
                out.push((Para::styled(id::HEADINGS[level - 1]), vec![text_run(heading)]));
            }
        }
        out.extend(paragraphs.into_iter().map(body_par));
        if level < crate::model::HEADING_LEVELS {
            out.extend(section_pars(w, &section.items, run_in, level + 1));
        }
    }
    out
}

/// 标题: 2号 小标宋, centred, broken where the edition breaks it, `before` twips below what
/// precedes it.
pub(super) fn title(w: &mut Writer, lines: &[String], before: i64) {
    let mut runs = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            runs.push(Run::Break);
        }
        runs.push(text_run(l.clone()));
    }
    let p = Para {
        before: (before > 0).then_some(before),
        ..Para::styled(id::TITLE)
    };
    w.para(&p, &runs);
}

/// The mark's lines and the word beside them (the templates' `mark-parts`).
fn mark_parts(w: &Writer, issuers: &[Issuer]) -> (Vec<String>, String) {
    let head = w.edition.notice.head.get_ref();
    if let Some(m) = &head.organ_mark {
        return (vec![w.text(m.get_ref())], String::new());
    }
    let suffix = head.suffix.as_ref().map(|s| w.text(s.get_ref())).unwrap_or_default();
    let marks: Vec<String> = issuers.iter().map(|i| i.mark.clone()).collect();
    if marks.len() == 1 {
        (vec![format!("{}{}", marks[0], suffix)], String::new())
    } else {
        (marks, suffix)
    }
}

/// 版头 of the 文件格式 (7.2): 份号, 密级, 紧急程度 at the top left in 黑体; the red 发文机关标志
/// 35 mm below the block's top (80 mm with 签发人), at most 22 mm a character and 150 mm wide;
/// the 发文字号 two lines below it, centred (left, with 签发人 on the right, for 上行文); the red
/// rule 4 mm below the number, the width of the type block.
fn head_document(w: &mut Writer, issuers: &[Issuer]) {
    let edition = w.edition;
    let head = edition.notice.head.get_ref();
    let signers: Vec<String> = head.signers.iter().map(|s| w.text(s.get_ref())).collect();
    let mut corner = Vec::new();
    if let Some(c) = &head.copy_number {
        corner.push(w.plain(c.get_ref()));
    }
    for t in [&head.secrecy, &head.urgency].into_iter().flatten() {
        corner.push(w.text(t.get_ref()));
    }
    let mark_top = if signers.is_empty() { mm(35.0) } else { mm(80.0) };
    let mut y = 0;
    for c in &corner {
        w.simple(&Para::styled(id::CORNER), c);
        y += PITCH;
    }
    let (height, size) = mark(w, issuers, mark_top - y);
    number_and_rule(w, &signers, mark_top, size, mark_top + height);
}

/// The red mark, its top `before` twips below what precedes it; returns its height and its
/// size, in twips.
fn mark(w: &mut Writer, issuers: &[Issuer], before: i64) -> (i64, i64) {
    let (lines, suffix) = mark_parts(w, issuers);
    let stacked = lines.len() > 1;
    let n = lines.iter().map(|l| l.chars().count()).max().unwrap_or(1).max(1) as f64;
    let across = if stacked && !suffix.is_empty() {
        n + suffix.chars().count() as f64 + 0.5
    } else {
        n
    };
    let size_mm = 22.0_f64.min(150.0 / across);
    // Half-points, rounded down so that the line never outgrows 150 mm.
    let half_points = (size_mm / 25.4 * 72.0 * 2.0).floor() as u32;
    let size_tw = half_points as i64 * 10;
    let line = size_tw * 23 / 20;
    let look = Look {
        size: Some(half_points),
        ..Default::default()
    };
    if !stacked {
        let p = Para {
            before: Some(before),
            exact: Some(line),
            ..Para::styled(id::MARK)
        };
        w.para(&p, &[Run::Text(lines[0].clone(), look)]);
        return (line, size_tw);
    }
    // Several issuers (联合行文): their marks stacked, each spread to the longest's width, the
    // suffix to their right, centred on them: a table without rules.
    let gap = line * 3 / 10;
    // Half a character of room: a reader whose glyphs are a hair wider does not wrap a name.
    let width = (n * size_tw as f64).round() as i64 + size_tw / 2;
    let suffix_w = (suffix.chars().count() as f64 * size_tw as f64).round() as i64 + size_tw / 2;
    // The space above the mark, outside the table (a cell's height would include it).
    let p = Para {
        exact: Some(before.max(20)),
        ..Para::styled(id::SPACER)
    };
    w.para(&p, &[]);
    let x = w.xml();
    x.open("w:tbl", &[]);
    x.open("w:tblPr", &[]);
    x.empty("w:tblW", &[("w:w", (width + suffix_w).to_string()), ("w:type", "dxa".into())]);
    x.empty("w:jc", &[("w:val", "center".into())]);
    x.open("w:tblBorders", &[]);
    for side in ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"] {
        x.empty(side, &[("w:val", "nil".into())]);
    }
    x.close();
    x.empty("w:tblLayout", &[("w:type", "fixed".into())]);
    no_side_margins(x);
    x.close();
    x.open("w:tblGrid", &[]);
    x.empty("w:gridCol", &[("w:w", width.to_string())]);
    if !suffix.is_empty() {
        x.empty("w:gridCol", &[("w:w", suffix_w.to_string())]);
    }
    x.close();
    x.open("w:tr", &[]);
    x.open("w:tc", &[]);
    x.open("w:tcPr", &[]);
    x.empty("w:tcW", &[("w:w", width.to_string()), ("w:type", "dxa".into())]);
    x.close();
    let count = lines.len() as i64;
    for (i, l) in lines.iter().enumerate() {
        let p = Para {
            before: (i > 0).then_some(gap),
            exact: Some(line),
            jc: Some("distribute"),
            ..Para::styled(id::MARK)
        };
        super::para::write_para(w.xml(), &p, &[Run::Text(l.clone(), look.clone())]);
    }
    let x = w.xml();
    x.close();
    if !suffix.is_empty() {
        x.open("w:tc", &[]);
        x.open("w:tcPr", &[]);
        x.empty("w:tcW", &[("w:w", suffix_w.to_string()), ("w:type", "dxa".into())]);
        x.empty("w:vAlign", &[("w:val", "center".into())]);
        x.close();
        let p = Para {
            exact: Some(line),
            jc: Some("right"),
            ..Para::styled(id::MARK)
        };
        super::para::write_para(x, &p, &[Run::Text(suffix, look)]);
        x.close();
    }
    x.close();
    x.close();
    (count * line + (count - 1) * gap, size_tw)
}

/// The mark of a letter or an order on one line (the templates' `single-mark`): written
/// whole, or the host issuer's mark (10.1), with the suffix for an order (令).
fn single_mark(w: &Writer, issuers: &[Issuer], suffix: bool) -> String {
    let head = w.edition.notice.head.get_ref();
    if let Some(m) = &head.organ_mark {
        return w.text(m.get_ref());
    }
    let mut mark = issuers.first().map(|i| i.mark.clone()).unwrap_or_default();
    if suffix && let Some(s) = &head.suffix {
        mark += &w.text(s.get_ref());
    }
    mark
}

/// The half-points of a mark `n` characters long: as large as fits 150 mm, at most `largest`
/// millimetres a character, rounded down.
fn mark_half_points(n: usize, largest: f64) -> u32 {
    let size_mm = largest.min(150.0 / n.max(1) as f64);
    (size_mm / 25.4 * 72.0 * 2.0).floor() as u32
}

/// A red double rule (10.1), 170 mm long from 20 mm to 190 mm across the page: thick over
/// thin, or thin over thick.
fn double_rule(thick_first: bool) -> Border {
    Border {
        kind: if thick_first { "thickThinSmallGap" } else { "thinThickSmallGap" },
        size: 24,
        space: 4,
        color: RED,
    }
}

/// Indents that make a paragraph's rules 170 mm long, centred on the page.
fn letter_rule_ind() -> Ind {
    Ind {
        left: -(mm(28.0 - 20.0) as f64),
        right: -(mm(26.0 - 20.0) as f64),
        twips: true,
        ..Default::default()
    }
}

/// 信函格式 (10.1): the mark (no 文件) in red 小标宋, its top edge 30 mm from the top of the
/// page, at most 15 mm a character, a red double rule (thick over thin) 4 mm under it; 份号,
/// 密级 and 紧急程度 flush left under the rule, one to a line, the 发文字号 flush right on the
/// first of those lines. The second rule (thin over thick) and page 1 without a number are the
/// first page's footer.
fn head_letter(w: &mut Writer, issuers: &[Issuer]) {
    w.first_page_unnumbered = true;
    let mark = single_mark(w, issuers, false);
    let half_points = mark_half_points(mark.chars().count(), 15.0);
    let size_tw = half_points as i64 * 10;
    // The mark's top 7 mm above the type block: it stands in the first page's header, 30 mm
    // from the sheet's top, and the text starts under its rule.
    let line = size_tw * 23 / 20;
    let p = Para {
        exact: Some(line),
        border_bottom: Some(double_rule(true)),
        ind: Some(letter_rule_ind()),
        ..Para::styled(id::MARK)
    };
    let look = Look {
        size: Some(half_points),
        ..Default::default()
    };
    let mut x = crate::export::xml::Xml::new();
    x.open("w:hdr", &[("xmlns:w", super::W.into()), ("xmlns:r", super::R.into())]);
    super::para::write_para(&mut x, &p, &[Run::Text(mark, look)]);
    x.close();
    w.first_header = Some((x.finish(), mm(30.0) - (line - size_tw) / 2));
    let head = w.edition.notice.head.get_ref();
    let mut corner = Vec::new();
    if let Some(c) = &head.copy_number {
        corner.push(w.plain(c.get_ref()));
    }
    for t in [&head.secrecy, &head.urgency].into_iter().flatten() {
        corner.push(w.text(t.get_ref()));
    }
    let number = w.edition.notice.number().map(|n| w.plain(&n));
    let lines = corner.len().max(1);
    for i in 0..lines {
        let mut runs = Vec::new();
        if let Some(c) = corner.get(i) {
            runs.push(Run::Text(
                c.clone(),
                Look {
                    font: Some(super::styles::HEITI),
                    ..Default::default()
                },
            ));
        }
        let mut p = Para::styled(id::CORNER);
        if i == 0 {
            p.before = Some(PITCH / 4);
            if let Some(n) = &number {
                p.tabs = vec![("right", BLOCK_WIDTH)];
                runs.push(Run::Tab);
                runs.push(Run::Text(
                    n.clone(),
                    Look {
                        style: Some(id::NUMBER_CHAR),
                        ..Default::default()
                    },
                ));
            }
        }
        w.para(&p, &runs);
    }
}

/// 命令（令）格式 (10.2): the mark (the full name with 命令 or 令) in red 小标宋, centred, its
/// top edge 20 mm below the top of the type block; the 令号 (第N号) centred two blank lines
/// under it, on the grid; the text two blank lines under the 令号. No rule, no 发文字号.
fn head_order(w: &mut Writer, issuers: &[Issuer]) {
    let mark = single_mark(w, issuers, true);
    let half_points = mark_half_points(mark.chars().count(), 22.0);
    let size_tw = half_points as i64 * 10;
    let line = size_tw * 23 / 20;
    let top = mm(20.0);
    let p = Para {
        before: Some(top),
        exact: Some(line),
        ..Para::styled(id::MARK)
    };
    w.para(
        &p,
        &[Run::Text(
            mark,
            Look {
                size: Some(half_points),
                ..Default::default()
            },
        )],
    );
    let row = (top + line + 2 * PITCH + PITCH - 1) / PITCH;
    let spacer = (row * PITCH - (PITCH - 320) / 2 - top - line).max(20);
    w.para(
        &Para {
            exact: Some(spacer),
            ..Para::styled(id::SPACER)
        },
        &[],
    );
    let n = w.edition.notice.head.get_ref().order_number.as_ref().map_or(0, |n| *n.get_ref());
    let number = w.plain(&format!("第{n}号"));
    w.simple(&Para::styled(id::ORDER_NUMBER), &number);
    w.blank_line(false);
    w.blank_line(false);
}

/// 出席, 请假 and 列席 of minutes (10.3): one blank line, then each list two characters in, the
/// word in 黑体 with a colon, the names joined by 、, wrapped lines under the first name.
fn attendance(w: &mut Writer) {
    let Some(lists) = w.edition.notice.attendance.as_ref() else { return };
    let lists = lists.get_ref();
    let shown: Vec<(&str, &Vec<Text>)> = [("出席", &lists.present), ("请假", &lists.on_leave), ("列席", &lists.sitting_in)]
        .into_iter()
        .filter(|(_, l)| !l.is_empty())
        .collect();
    if shown.is_empty() {
        return;
    }
    w.blank_line(true);
    for (word, names) in shown {
        let names: Vec<String> = names.iter().map(|n| w.text(n.get_ref())).collect();
        let p = Para {
            keep_next: true,
            ind: Some(Ind::chars(500.0, 0.0, 0.0, 300.0)),
            ..Para::styled(id::ATTENDANCE)
        };
        let label = w.plain(&format!("{word}："));
        w.para(
            &p,
            &[
                Run::Text(
                    label,
                    Look {
                        font: Some(super::styles::HEITI),
                        ..Default::default()
                    },
                ),
                text_run(names.join("、")),
            ],
        );
    }
}

/// A letter's 版记 (10.1): 抄送 alone, without 印发机关, 印发日期 or rules, at the foot of the
/// type block: a table without rules floating at the bottom.
fn letter_record(w: &mut Writer) {
    let Some(record) = w.edition.notice.record.as_ref() else { return };
    if record.cc.is_empty() {
        return;
    }
    let cc: Vec<String> = record.cc.iter().map(|c| w.text(c.get_ref())).collect();
    let text = w.plain(&format!("抄送：{}。", cc.join("，")));
    floating_record(w, &[(Para::styled(id::CC), vec![text_run(text)])], false);
}

/// 发文字号 (and 签发人) on the grid line two lines below the mark, the red rule 4 mm under it.
fn number_and_rule(w: &mut Writer, signers: &[String], mark_top: i64, mark_size: i64, mark_bottom: i64) {
    let number = w.edition.notice.number().map(|n| w.plain(&n));
    // The number's line: the grid line the PDF puts it on, two blank lines below the mark
    // (its box cap height to baseline, 0.88 of its size), counted with the PDF's pitch.
    let (pdf_pitch, pdf_leading) = (29.612, 13.612);
    let pt = |tw: i64| tw as f64 / 20.0;
    let row = ((pt(mark_top) + 0.88 * pt(mark_size) + 2.0 * pdf_leading + 16.0) / pdf_pitch).ceil() as i64;
    let spacer = (row * PITCH - (PITCH - 320) / 2 - mark_bottom).max(20);
    let p = Para {
        exact: Some(spacer),
        ..Para::styled(id::SPACER)
    };
    w.para(&p, &[]);
    let rule = Border {
        kind: "single",
        size: 12,
        space: 5,
        color: RED,
    };
    let mut p = Para {
        border_bottom: Some(rule),
        ..Para::styled(id::NUMBER)
    };
    let mut runs = Vec::new();
    if signers.is_empty() {
        if let Some(n) = number {
            runs.push(text_run(n));
        }
    } else {
        // 上行文: the number one character in from the left, 签发人 one in from the right.
        let cell = CELL.round() as i64;
        p.jc = Some("left");
        p.ind = Some(Ind {
            left: cell as f64,
            twips: true,
            ..Default::default()
        });
        p.tabs = vec![("right", BLOCK_WIDTH - 2 * cell)];
        if let Some(n) = number {
            runs.push(text_run(n));
        }
        runs.push(Run::Tab);
        runs.push(text_run(w.plain("签发人：")));
        runs.push(Run::Text(
            signers.join("\u{3000}"),
            Look {
                font: Some(KAITI),
                ..Default::default()
            },
        ));
    }
    // The title two lines below the rule: the title's space before.
    w.para(&p, &runs);
}

/// The contact block: 联系人, 联系电话, then any further lines, each `label：text`.
fn contacts(w: &mut Writer) {
    let closing = &w.edition.notice.closing;
    let mut lines = Vec::new();
    if !closing.contacts.is_empty() {
        let names: Vec<String> = closing.contacts.iter().map(|c| w.text(c.get_ref())).collect();
        lines.push(format!("{}{}", w.plain("联系人："), names.join("、")));
    }
    if let Some(phone) = &closing.phone {
        let note = closing.phone_note.as_ref().map(|n| w.text(n.get_ref())).filter(|n| !n.is_empty());
        let mut line = format!("{}{}", w.plain("联系电话："), w.text(phone.get_ref()));
        if let Some(n) = note {
            line += &format!("（{n}）");
        }
        lines.push(line);
    }
    for c in &closing.contact {
        lines.push(format!("{}：{}", w.text(c.label.get_ref()), w.text(c.text.get_ref())));
    }
    for l in lines {
        let p = Para {
            keep_next: true,
            ..Para::styled(id::BODY)
        };
        w.simple(&p, &l);
    }
}

/// 附件说明 (7.3.3): one blank line below the text, two characters in, “附件：1.名称”, the
/// following names under the first; a single attachment unnumbered.
fn attachment_note(w: &mut Writer) {
    let titles: Vec<String> = w.edition.attachments.iter().map(|a| w.plain(&a.title)).collect();
    if titles.is_empty() {
        return;
    }
    w.blank_line(true);
    let numbered = titles.len() > 1;
    for (i, t) in titles.iter().enumerate() {
        let name = if numbered { format!("{}.{t}", i + 1) } else { t.clone() };
        let mut p = Para {
            keep_next: true,
            ..Para::styled(id::ATTACHMENT_NOTE)
        };
        let text = if i == 0 {
            format!("{}{name}", w.plain("附件："))
        } else {
            p.ind = Some(Ind::chars(500.0, 0.0, 0.0, 0.0));
            name
        };
        w.simple(&p, &text);
    }
}

/// Twips of a string's width on the grid.
fn width(s: &str) -> f64 {
    chars_wide(s) * CELL
}

/// 署名 and 成文日期 in the edition's form (7.3.5).
fn signature(w: &mut Writer, issuers: &[Issuer]) {
    let date = w.plain(&crate::text::format_date(w.edition.date));
    // An order is signed by its signer (7.3.5.3) unless it says otherwise.
    let default = if w.edition.notice.format() == DocumentFormat::Order {
        SignatureForm::Signer
    } else {
        SignatureForm::Sealed
    };
    let form = w.edition.notice.signature.get_ref().form.as_ref().map_or(default, |f| *f.get_ref());
    let has_note = w.edition.notice.closing.note.is_some();
    let date_para = |right: f64| Para {
        ind: Some(Ind::chars(0.0, right / CELL * 100.0, 0.0, 0.0)),
        keep_next: has_note,
        ..Para::styled(id::DATE)
    };
    match form {
        SignatureForm::Unsealed => {
            // One blank line; each name right-indented two characters, the date's first
            // character two right of the last name's first (7.3.5.2).
            w.blank_line(true);
            let wd = width(&date);
            let last = width(&issuers.last().map(|i| i.name.clone()).unwrap_or_default());
            let indent = (2.0 * CELL).max(2.0 * CELL + wd + 2.0 * CELL - last);
            for i in issuers {
                let p = Para {
                    jc: Some("right"),
                    ind: Some(Ind::chars(0.0, indent / CELL * 100.0, 0.0, 0.0)),
                    keep_next: true,
                    ..Para::styled(id::SIGNATURE)
                };
                w.simple(&p, &i.name);
            }
            let right = indent + last - 2.0 * CELL - wd;
            w.simple(&date_para(right), &date);
        }
        SignatureForm::Signer => {
            // Two blank lines; one issuer a row two lines tall: the signature seal right-
            // indented four characters, the title two characters left of it (7.3.5.3).
            w.blank_line(true);
            w.blank_line(true);
            let (sw, sh) = (mm(30.0), mm(12.0));
            for (k, i) in issuers.iter().enumerate() {
                let seal_x = BLOCK_WIDTH - (4.0 * CELL).round() as i64 - sw;
                let right = 4.0 * CELL + sw as f64 + 2.0 * CELL;
                let mut runs = vec![text_run(i.signer.clone().unwrap_or_default())];
                if let Some(path) = &i.signature_seal
                    && let Some(img) = w.image(path, (seal_x, (2 * PITCH - sh) / 2, sw, sh), &format!("签名章{}", k + 1))
                {
                    runs.insert(0, img);
                }
                let p = Para {
                    jc: Some("right"),
                    ind: Some(Ind::chars(0.0, right / CELL * 100.0, 0.0, 0.0)),
                    snap: Some(false),
                    exact: Some(2 * PITCH),
                    keep_next: true,
                    ..Para::styled(id::SIGNATURE)
                };
                w.para(&p, &runs);
            }
            w.blank_line(true);
            w.simple(&date_para(4.0 * CELL), &date);
        }
        SignatureForm::Sealed => {
            // Two blank lines; the names over the date, each centred in a slot that holds its
            // seal, the last over the date (right-indented four characters); the seal's top
            // half a line below the text above (7.3.5.1).
            w.blank_line(true);
            w.blank_line(true);
            let wd = width(&date);
            let centre = 4.0 * CELL + wd / 2.0;
            let size = issuers.iter().map(|i| i.seal_size).fold(0.0, f64::max);
            let names_w = issuers.iter().map(|i| width(&i.name)).fold(0.0, f64::max);
            let slot = if issuers.len() == 1 {
                0.0
            } else {
                (mm(size + 4.0) as f64).max(names_w + CELL)
            };
            let per_row = if issuers.len() == 1 {
                1
            } else {
                (((BLOCK_WIDTH as f64 - centre + slot / 2.0) / slot).floor() as usize).max(1)
            };
            let row_lines = ((mm(size + 3.0) as f64) / PITCH as f64).ceil() as usize;
            let rows: Vec<&[Issuer]> = issuers.chunks(per_row).collect();
            let mut seal_no = 0;
            for (r, row) in rows.iter().enumerate() {
                if r > 0 {
                    for _ in 1..row_lines {
                        w.blank_line(true);
                    }
                }
                let indent = (centre - slot / 2.0).max(0.0);
                let k = row.len();
                let mut tabs = Vec::new();
                let mut runs = Vec::new();
                for (j, i) in row.iter().enumerate() {
                    let wo = width(&i.name);
                    let mut c = if k == 1 && issuers.len() == 1 {
                        BLOCK_WIDTH as f64 - centre
                    } else {
                        BLOCK_WIDTH as f64 - indent - (k - j) as f64 * slot + slot / 2.0
                    };
                    // Never past the block's right edge.
                    c = c.min(BLOCK_WIDTH as f64 - wo / 2.0);
                    tabs.push(("center", c.round() as i64));
                    runs.push(Run::Tab);
                    runs.push(text_run(i.name.clone()));
                    if let Some(path) = &i.seal {
                        seal_no += 1;
                        let s = mm(i.seal_size);
                        // The seal's top: half a line below the text two blank lines above.
                        let top = -(2 * PITCH) - PITCH / 2 + (PITCH - 320) / 2 + 160;
                        if let Some(img) = w.image(path, (c.round() as i64 - s / 2, top, s, s), &format!("印章{seal_no}")) {
                            runs.insert(0, img);
                        }
                    }
                }
                let p = Para {
                    tabs,
                    keep_next: true,
                    ..Para::styled(id::SIGNATURE)
                };
                w.para(&p, &runs);
            }
            w.simple(&date_para(4.0 * CELL), &date);
        }
    }
}

/// 版记 (7.4): 抄送 and 印发机关 with 印发日期 between rules the width of the type block, at
/// the foot of the last page: a table floating at the bottom of the type block, its first and
/// last rules heavier than the one between.
fn record(w: &mut Writer) {
    let Some(record) = w.edition.notice.record.as_ref() else { return };
    let cc: Vec<String> = record.cc.iter().map(|c| w.text(c.get_ref())).collect();
    let printer = record.printer.as_ref().map(|p| w.text(p.get_ref())).unwrap_or_default();
    let printed = record.printed.as_ref().and_then(|d| {
        let d = d.get_ref().date?;
        chrono::NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
    });
    let printed = printed.map(|d| w.plain(&format!("{}印发", crate::text::format_date(d))));
    let mut rows: Vec<Block> = Vec::new();
    if !cc.is_empty() {
        let text = w.plain(&format!("抄送：{}。", cc.join("，")));
        rows.push((Para::styled(id::CC), vec![text_run(text)]));
    }
    let mut runs = vec![text_run(printer)];
    if let Some(d) = printed {
        runs.push(Run::Tab);
        runs.push(text_run(d));
    }
    rows.push((
        Para {
            tabs: vec![("right", BLOCK_WIDTH - 280)],
            ..Para::styled(id::PRINTER)
        },
        runs,
    ));
    floating_record(w, &rows, true);
}

/// The 版记's rows in a table at the foot of the type block, as wide as the block (LibreOffice
/// sets a floating table about as wide as the text area inline, where it stands in the text:
/// there the 版记 follows the last line), ruled 0.35 mm above and below and 0.25 mm between
/// (`ruled`), or not at all.
fn floating_record(w: &mut Writer, rows: &[Block], ruled: bool) {
    let width = BLOCK_WIDTH;
    let x = w.xml();
    x.open("w:tbl", &[]);
    x.open("w:tblPr", &[]);
    x.empty(
        "w:tblpPr",
        &[
            ("w:leftFromText", "0".into()),
            ("w:rightFromText", "0".into()),
            ("w:vertAnchor", "margin".into()),
            ("w:horzAnchor", "margin".into()),
            ("w:tblpX", "0".into()),
            ("w:tblpYSpec", "bottom".into()),
        ],
    );
    x.empty("w:tblOverlap", &[("w:val", "never".into())]);
    x.empty("w:tblW", &[("w:w", width.to_string()), ("w:type", "dxa".into())]);
    x.open("w:tblBorders", &[]);
    // In eighths of a point.
    let rule = |x: &mut crate::export::xml::Xml, side: &str, sz: u32| {
        if ruled {
            x.empty(
                side,
                &[
                    ("w:val", "single".into()),
                    ("w:sz", sz.to_string()),
                    ("w:space", "0".into()),
                    ("w:color", "000000".into()),
                ],
            );
        } else {
            x.empty(side, &[("w:val", "nil".into())]);
        }
    };
    rule(x, "w:top", 8);
    x.empty("w:left", &[("w:val", "nil".into())]);
    rule(x, "w:bottom", 8);
    x.empty("w:right", &[("w:val", "nil".into())]);
    rule(x, "w:insideH", 6);
    x.empty("w:insideV", &[("w:val", "nil".into())]);
    x.close();
    x.empty("w:tblLayout", &[("w:type", "fixed".into())]);
    no_side_margins(x);
    x.close();
    x.open("w:tblGrid", &[]);
    x.empty("w:gridCol", &[("w:w", width.to_string())]);
    x.close();
    for (p, runs) in rows {
        x.open("w:tr", &[]);
        x.open("w:trPr", &[]);
        x.empty("w:cantSplit", &[]);
        x.empty("w:trHeight", &[("w:val", "567".into()), ("w:hRule", "atLeast".into())]);
        x.close();
        x.open("w:tc", &[]);
        x.open("w:tcPr", &[]);
        x.empty("w:tcW", &[("w:w", width.to_string()), ("w:type", "dxa".into())]);
        x.empty("w:vAlign", &[("w:val", "center".into())]);
        x.close();
        super::para::write_para(x, p, runs);
        x.close();
        x.close();
    }
    x.close();
    // A table cannot end the document: an empty paragraph after it.
    let p = Para {
        exact: Some(20),
        snap: Some(false),
        ..Para::styled(id::SPACER)
    };
    w.para(&p, &[]);
}

/// A table's cells without left and right margins, so its text stands on the page's grid.
fn no_side_margins(x: &mut crate::export::xml::Xml) {
    x.open("w:tblCellMar", &[]);
    x.empty("w:left", &[("w:w", "0".into()), ("w:type", "dxa".into())]);
    x.empty("w:right", &[("w:w", "0".into()), ("w:type", "dxa".into())]);
    x.close();
}
