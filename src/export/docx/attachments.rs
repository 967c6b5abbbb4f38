//! 附件 (7.3.7), each on a new page: 附件N in 黑体 flush left, the title centred, then a text
//! with headings (as the body's), a ruled table as a Word table (its head repeated on every
//! page, merged cells, blank rows), or a statistics form as a table of items whose blanks are
//! ruled. A landscape table gets a section of its own, turned across.

use super::Writer;
use super::notice::{Block, body_par, run_in, section_pars, title};
use super::para::{BLOCK_HEIGHT, BLOCK_WIDTH, CELL, Ind, Look, Para, Run, mm};
use super::styles::{HEITI, id};
use crate::export::xml::Xml;
use crate::model::{AttachmentKind, CellAlign, Form, FormHeader, HeaderSpec, Label, Orientation, TableAttachment, TextAttachment};

/// The width of a blank, in characters, by kind (the templates' `blank-cells`).
fn blank_cells(kind: crate::model::FieldKind) -> usize {
    use crate::model::FieldKind::*;
    match kind {
        Count => 4,
        Amount => 5,
        Choice => 3,
        Text => 10,
    }
}

fn read<T: serde::de::DeserializeOwned>(w: &Writer, file: &str) -> Result<T, String> {
    let path = w.edition.dir.join(file);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

pub(super) fn write(w: &mut Writer) -> Result<(), String> {
    let alone = w.edition.attachments.len() == 1;
    let mut landscape_before = false;
    for a in w.edition.attachments.clone() {
        let label = w.plain(&if alone { "附件".to_string() } else { format!("附件{}", a.number) });
        match a.kind {
            AttachmentKind::Text => {
                let t: TextAttachment = read(w, &a.file)?;
                let lines = w.lines(t.title.get_ref());
                heading(w, &label, &lines, !landscape_before);
                let mut blocks: Vec<Block> = t.paragraphs.iter().map(|p| body_par(w.text(p.get_ref()))).collect();
                blocks.extend(section_pars(w, &t.sections, &run_in(t.run_in.as_ref()), 1));
                for (p, runs) in &blocks {
                    w.para(p, runs);
                }
                landscape_before = false;
            }
            AttachmentKind::Table => {
                let t: TableAttachment = read(w, &a.file)?;
                let chars: f64 = t.columns.iter().map(|c| c.width.get_ref().0).sum();
                let landscape = t.orientation.as_ref().map_or(chars > 31.0, |o| *o.get_ref() == Orientation::Landscape);
                if landscape && !landscape_before {
                    // End the portrait section before: the table's pages turn across.
                    end_section(w, false);
                }
                if !landscape && landscape_before {
                    end_section(w, true);
                }
                let lines = w.lines(t.title.get_ref());
                heading(w, &label, &lines, !landscape && !landscape_before);
                table(w, &t, if landscape { BLOCK_HEIGHT } else { BLOCK_WIDTH });
                landscape_before = landscape;
            }
            AttachmentKind::Form => {
                let f: Form = read(w, &a.file)?;
                if landscape_before {
                    end_section(w, true);
                }
                let lines = w.lines(f.title.get_ref());
                heading(w, &label, &lines, !landscape_before);
                form(w, &f);
                landscape_before = false;
            }
        }
    }
    if landscape_before {
        end_section(w, true);
    }
    Ok(())
}

/// Ends the section being written (landscape or not) with an empty paragraph that carries it;
/// what follows starts a new page.
fn end_section(w: &mut Writer, landscape: bool) {
    let section = w.section(landscape);
    let p = Para {
        exact: Some(20),
        snap: Some(false),
        section: Some(section),
        ..Para::styled(id::SPACER)
    };
    w.para(&p, &[]);
}

/// 附件N on a new page, the title on the next line, one blank line.
fn heading(w: &mut Writer, label: &str, lines: &[String], new_page: bool) {
    let p = Para {
        page_break_before: new_page,
        ..Para::styled(id::ATTACHMENT)
    };
    w.simple(&p, label);
    title(w, lines, 0);
    w.blank_line(false);
}

fn cell_margins(x: &mut Xml, side: i64) {
    x.open("w:tblCellMar", &[]);
    x.empty("w:top", &[("w:w", "45".into()), ("w:type", "dxa".into())]);
    x.empty("w:left", &[("w:w", side.to_string()), ("w:type", "dxa".into())]);
    x.empty("w:bottom", &[("w:w", "45".into()), ("w:type", "dxa".into())]);
    x.empty("w:right", &[("w:w", side.to_string()), ("w:type", "dxa".into())]);
    x.close();
}

fn table_start(x: &mut Xml, widths: &[i64], ruled: bool, side: i64) {
    x.open("w:tbl", &[]);
    x.open("w:tblPr", &[]);
    x.empty("w:tblW", &[("w:w", widths.iter().sum::<i64>().to_string()), ("w:type", "dxa".into())]);
    x.empty("w:jc", &[("w:val", "center".into())]);
    x.open("w:tblBorders", &[]);
    for side in ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"] {
        if ruled {
            x.empty(
                side,
                &[
                    ("w:val", "single".into()),
                    ("w:sz", "4".into()),
                    ("w:space", "0".into()),
                    ("w:color", "000000".into()),
                ],
            );
        } else {
            x.empty(side, &[("w:val", "nil".into())]);
        }
    }
    x.close();
    x.empty("w:tblLayout", &[("w:type", "fixed".into())]);
    cell_margins(x, side);
    x.close();
    x.open("w:tblGrid", &[]);
    for wd in widths {
        x.empty("w:gridCol", &[("w:w", wd.to_string())]);
    }
    x.close();
}

/// The header blanks (填报单位 on its line, 填报人 and 联系电话 on the next) and the 说明.
fn header_and_notes(w: &mut Writer, header: Option<&HeaderSpec>, default_on: bool, notes: &[String]) {
    let labels: Vec<(&str, String)> = match header {
        None if !default_on => Vec::new(),
        Some(HeaderSpec::Off) => Vec::new(),
        None => vec![("unit", "填报单位".into()), ("reporter", "填报人".into()), ("phone", "联系电话".into())],
        Some(HeaderSpec::On(h)) => header_labels(h),
    };
    let blank = |n: usize| {
        Run::Text(
            "\u{3000}".repeat(n),
            Look {
                underline: true,
                ..Default::default()
            },
        )
    };
    let find = |k: &str| labels.iter().find(|(n, _)| *n == k).map(|(_, l)| l.clone());
    if let Some(l) = find("unit") {
        let label = w.plain(&format!("{l}："));
        w.para(&Para::styled(id::FORM_TEXT), &[Run::Text(label, Look::default()), blank(20)]);
    }
    let mut runs = Vec::new();
    for k in ["reporter", "phone"] {
        if let Some(l) = find(k) {
            if !runs.is_empty() {
                runs.push(Run::Text("\u{3000}".into(), Look::default()));
            }
            runs.push(Run::Text(w.plain(&format!("{l}：")), Look::default()));
            runs.push(blank(8));
        }
    }
    if !runs.is_empty() {
        w.para(&Para::styled(id::FORM_TEXT), &runs);
    }
    let label = w.plain("说明：");
    if notes.len() == 1 {
        let p = Para {
            ind: Some(Ind {
                left: 3.0 * 280.0,
                hanging: 3.0 * 280.0,
                twips: true,
                ..Default::default()
            }),
            ..Para::styled(id::FORM_TEXT)
        };
        w.simple(&p, &format!("{label}{}", notes[0]));
    } else {
        for (i, n) in notes.iter().enumerate() {
            let p = Para {
                ind: Some(Ind {
                    left: 4.0 * 280.0,
                    hanging: if i == 0 { 4.0 * 280.0 } else { 0.0 },
                    twips: true,
                    ..Default::default()
                }),
                ..Para::styled(id::FORM_TEXT)
            };
            let lead = if i == 0 { label.clone() } else { String::new() };
            w.simple(&p, &format!("{lead}{}.{n}", i + 1));
        }
    }
}

fn header_labels(h: &FormHeader) -> Vec<(&'static str, String)> {
    let defaults = [("unit", "填报单位"), ("reporter", "填报人"), ("phone", "联系电话")];
    let given = [&h.unit, &h.reporter, &h.phone];
    defaults
        .iter()
        .zip(given)
        .filter_map(|((k, d), g)| match g.as_ref().map(|s| s.get_ref()) {
            None => Some((*k, d.to_string())),
            Some(Label::Off) => None,
            Some(Label::Text(t)) => Some((*k, t.clone())),
        })
        .collect()
}

/// A ruled table: columns as wide as the edition says (in 4号 characters, what the block has
/// over shared out in proportion), the head in 黑体 repeated on every page, cells merged as
/// written, blank rows to fill in.
fn table(w: &mut Writer, t: &TableAttachment, block: i64) {
    let notes: Vec<String> = t.notes.iter().map(|n| w.text(n.get_ref())).collect();
    header_and_notes(w, t.header.as_ref().map(|h| h.get_ref()), false, &notes);
    let ncols = t.columns.len();
    let total: f64 = t.columns.iter().map(|c| c.width.get_ref().0).sum();
    let inset = mm(1.0);
    let base: Vec<f64> = t.columns.iter().map(|c| c.width.get_ref().0 * 280.0 + 2.0 * inset as f64).collect();
    let spare = block as f64 - base.iter().sum::<f64>();
    let widths: Vec<i64> = t
        .columns
        .iter()
        .zip(&base)
        .map(|(c, b)| (b + spare * c.width.get_ref().0 / total.max(1.0)).floor() as i64)
        .collect();
    let head: Vec<Vec<crate::model::Cell>> = t.head.iter().map(|r| r.get_ref().iter().map(|c| c.get_ref().clone()).collect()).collect();
    let rows: Vec<Vec<crate::model::Cell>> = t.rows.iter().map(|r| r.get_ref().iter().map(|c| c.get_ref().clone()).collect()).collect();
    let blank_rows = t.blank_rows.as_ref().map_or(0, |n| (*n.get_ref()).max(0) as usize);
    table_start(w.xml(), &widths, true, inset);
    let head_grid = placed(&head, ncols);
    write_rows(w, &head_grid, &widths, true, t);
    let body_grid = placed(&rows, ncols);
    write_rows(w, &body_grid, &widths, false, t);
    for r in rows.len()..rows.len() + blank_rows {
        let x = w.xml();
        x.open("w:tr", &[]);
        x.open("w:trPr", &[]);
        x.empty("w:cantSplit", &[]);
        x.empty("w:trHeight", &[("w:val", mm(8.0).to_string()), ("w:hRule", "atLeast".into())]);
        x.close();
        for (c, col) in t.columns.iter().enumerate() {
            let text = if col.blank.is_none() && col.numbered {
                (r + 1).to_string()
            } else {
                String::new()
            };
            cell(w, widths[c], 1, None, &text, "center", false);
        }
        w.xml().close();
    }
    w.xml().close();
}

/// A cell placed on the grid: its row and column, its spans and its content.
struct Placed {
    row: usize,
    col: usize,
    colspan: usize,
    rowspan: usize,
    cell: crate::model::Cell,
}

/// Places cells as Typst's table does: each in the next free place of its row.
fn placed(rows: &[Vec<crate::model::Cell>], ncols: usize) -> Vec<Placed> {
    let mut taken = vec![vec![false; ncols]; rows.len()];
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0;
        for c in row {
            while col < ncols && taken[r][col] {
                col += 1;
            }
            if col >= ncols {
                break;
            }
            let (cs, rs) = c.span();
            let (cs, rs) = ((cs.max(1) as usize).min(ncols - col), (rs.max(1) as usize).min(rows.len() - r));
            for row in taken.iter_mut().skip(r).take(rs) {
                for t in row.iter_mut().skip(col).take(cs) {
                    *t = true;
                }
            }
            out.push(Placed {
                row: r,
                col,
                colspan: cs,
                rowspan: rs,
                cell: c.clone(),
            });
            col += cs;
        }
    }
    out
}

fn write_rows(w: &mut Writer, grid: &[Placed], widths: &[i64], head: bool, t: &TableAttachment) {
    let nrows = grid.iter().map(|p| p.row + p.rowspan).max().unwrap_or(0);
    let ncols = widths.len();
    for r in 0..nrows {
        let x = w.xml();
        x.open("w:tr", &[]);
        x.open("w:trPr", &[]);
        x.empty("w:cantSplit", &[]);
        if head {
            x.empty("w:tblHeader", &[]);
        }
        x.close();
        let mut c = 0;
        while c < ncols {
            let width = |from: usize, span: usize| widths[from..(from + span).min(ncols)].iter().sum::<i64>();
            if let Some(p) = grid.iter().find(|p| p.row == r && p.col == c) {
                let spec = p.cell.spec();
                let text = p.cell.text(0..0).map(|t| w.text(t.get_ref())).unwrap_or_default();
                let align = spec
                    .align
                    .as_ref()
                    .map(|a| *a.get_ref())
                    .or_else(|| if head { None } else { t.columns[c].align.as_ref().map(|a| *a.get_ref()) })
                    .map_or("center", |a| if a == CellAlign::Left { "left" } else { "center" });
                let merge = (p.rowspan > 1).then_some("restart");
                cell(w, width(c, p.colspan), p.colspan, merge, &text, align, head);
                c += p.colspan;
            } else if let Some(p) = grid.iter().find(|p| p.row < r && r < p.row + p.rowspan && p.col == c) {
                cell(w, width(c, p.colspan), p.colspan, Some("continue"), "", "center", head);
                c += p.colspan;
            } else {
                cell(w, width(c, 1), 1, None, "", "center", head);
                c += 1;
            }
        }
        w.xml().close();
    }
}

fn cell(w: &mut Writer, width: i64, span: usize, merge: Option<&str>, text: &str, align: &'static str, head: bool) {
    let x = w.xml();
    x.open("w:tc", &[]);
    x.open("w:tcPr", &[]);
    x.empty("w:tcW", &[("w:w", width.to_string()), ("w:type", "dxa".into())]);
    if span > 1 {
        x.empty("w:gridSpan", &[("w:val", span.to_string())]);
    }
    match merge {
        Some("restart") => {
            x.empty("w:vMerge", &[("w:val", "restart".into())]);
        }
        Some(_) => {
            x.empty("w:vMerge", &[]);
        }
        None => {}
    }
    x.empty("w:vAlign", &[("w:val", "center".into())]);
    x.close();
    let p = Para {
        jc: Some(align),
        ..Para::styled(id::TABLE_TEXT)
    };
    let look = if head {
        Look {
            font: Some(HEITI),
            ..Default::default()
        }
    } else {
        Look::default()
    };
    let runs = if text.is_empty() {
        Vec::new()
    } else {
        vec![Run::Text(text.to_string(), look)]
    };
    super::para::write_para(x, &p, &runs);
    x.close();
}

/// A statistics form: the header blanks and 说明, then its items as a table without rules,
/// the code (黑体) in the first column, each field a line `（A）label____unit`, its blank a
/// rule as wide as the template's (4, 5, 3 or 10 characters).
fn form(w: &mut Writer, f: &Form) {
    let notes: Vec<String> = f.notes.iter().map(|n| w.text(n.get_ref())).collect();
    header_and_notes(w, f.header.as_ref().map(|h| h.get_ref()), true, &notes);
    let code_w = (2.0 * CELL).round() as i64;
    let widths = [code_w, BLOCK_WIDTH - code_w];
    table_start(w.xml(), &widths, false, 0);
    for item in &f.items {
        let x = w.xml();
        x.open("w:tr", &[]);
        x.open("w:trPr", &[]);
        x.empty("w:cantSplit", &[]);
        x.close();
        x.open("w:tc", &[]);
        x.open("w:tcPr", &[]);
        x.empty("w:tcW", &[("w:w", code_w.to_string()), ("w:type", "dxa".into())]);
        x.close();
        let p = Para::styled(id::FORM_TEXT);
        super::para::write_para(
            x,
            &p,
            &[Run::Text(
                item.code.get_ref().clone(),
                Look {
                    font: Some(HEITI),
                    ..Default::default()
                },
            )],
        );
        x.close();
        x.open("w:tc", &[]);
        x.open("w:tcPr", &[]);
        x.empty("w:tcW", &[("w:w", widths[1].to_string()), ("w:type", "dxa".into())]);
        x.close();
        let mut lines: Vec<Vec<Run>> = Vec::new();
        if let Some(lead) = &item.lead {
            lines.push(vec![Run::Text(w.text(lead.get_ref()), Look::default())]);
        }
        for (i, field) in item.fields.iter().enumerate() {
            let kind = field
                .kind
                .as_ref()
                .map_or_else(|| crate::model::FieldKind::from_unit(field.unit.get_ref()), |k| *k.get_ref());
            let label: String = field.label.as_ref().map(|l| w.lines(l.get_ref()).concat()).unwrap_or_default();
            let unit = w.text(field.unit.get_ref());
            let unit = if kind == crate::model::FieldKind::Choice {
                format!("（{unit}）")
            } else {
                unit
            };
            let tail = field.tail.as_ref().map(|t| w.text(t.get_ref())).unwrap_or_default();
            let after = field.after.as_ref().map(|t| w.text(t.get_ref())).unwrap_or_default();
            let runs = vec![
                Run::Text(format!("（{}）{label}", field.letter.get_ref()), Look::default()),
                Run::Text(
                    "\u{3000}".repeat(blank_cells(kind)),
                    Look {
                        underline: true,
                        ..Default::default()
                    },
                ),
                Run::Text(format!("{unit}{tail}{after}"), Look::default()),
            ];
            match lines.last_mut() {
                Some(line) if i > 0 && field.join => line.extend(runs),
                _ => lines.push(runs),
            }
        }
        if lines.is_empty() {
            lines.push(Vec::new());
        }
        for runs in lines {
            super::para::write_para(w.xml(), &Para::styled(id::FORM_TEXT), &runs);
        }
        let x = w.xml();
        x.close();
        x.close();
    }
    w.xml().close();
}
