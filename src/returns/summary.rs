//! The city-wide table of returns: one row per return (roster order), a totals row, and in
//! the XLSX a sheet of every problem and a sheet of the units that have not reported.
//! Written atomically, as CSV (with a byte order mark, so that Excel reads it as UTF-8) or
//! XLSX. Every text is Chinese whatever the locale: staff forward it to the units.
//!
//! In the XLSX the 合计 row is formulas (SUMIF over the rows whose 状态 is 通过 or
//! 通过（有警告）), so that staff may correct a row, or its status, and see the totals follow;
//! the values gongwen computed are cached in them for readers that do not calculate. Rows
//! that are not counted are shaded.

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, Formula, Workbook, Worksheet, XlsxError};

use crate::i18n::returns as msg;
use crate::model::{FieldKind, LoadedForm};
use crate::output::write_atomic;
use crate::returns::roster::Roster;
use crate::returns::{Collection, Return, Status, totals};
use crate::values::{AMOUNT_SCALE, HEADER_FIELDS, Value};

/// The first cell of the totals row.
pub const TOTAL_LABEL: &str = "合计";

/// The first columns of the summary, before the codes.
const FIXED: [&str; 5] = ["填报单位", "填报人", "联系电话", "文件", "状态"];
/// The column of 状态 (0-based).
const STATUS_COL: u16 = 4;

/// Writes the summary as `.xlsx` or `.csv`, by the file's extension.
pub fn write(path: &Path, form: &LoadedForm, collection: &Collection, roster: Option<&Roster>) -> Result<(), String> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    let bytes = match ext.as_str() {
        "csv" => csv(form, &collection.returns)?,
        "xlsx" => xlsx(form, collection, roster).map_err(|e| crate::i18n::export::cannot_make_workbook(e).text())?,
        _ => return Err(crate::i18n::cli::summary_extension().text()),
    };
    write_atomic(path, &bytes).map_err(|e| msg::cannot_write_summary(path.display(), e).text())
}

/// The header of a code's column: `05A 筹集款物总额（万元）`.
fn column(form: &LoadedForm, code: &str) -> String {
    let f = form.fields.iter().find(|f| f.code == code).expect("a field of the form");
    if f.unit.is_empty() {
        format!("{} {}", f.code, f.label)
    } else {
        format!("{} {}（{}）", f.code, f.label, f.unit)
    }
}

fn text(r: &Return, key: &str) -> String {
    r.values.get(key).map(Value::to_string).unwrap_or_default()
}

/// What a problem is about, in Chinese: a code, or the header blank's label.
fn about(code: Option<&str>) -> String {
    match code {
        Some(c) => HEADER_FIELDS.iter().find(|(n, _)| *n == c).map_or(c, |(_, label)| label).to_string(),
        None => String::new(),
    }
}

fn problems(r: &Return) -> String {
    r.problems.iter().map(|p| p.message.zh.clone()).collect::<Vec<_>>().join("；")
}

fn csv(form: &LoadedForm, returns: &[Return]) -> Result<Vec<u8>, String> {
    // A byte order mark: Excel then reads the file as UTF-8, not as the system's GBK.
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut header: Vec<String> = FIXED.map(String::from).to_vec();
    header.extend(form.fields.iter().map(|f| column(form, &f.code)));
    header.push("问题".into());
    w.write_record(&header).map_err(|e| e.to_string())?;
    for r in returns {
        let mut row = vec![
            text(r, "unit"),
            text(r, "reporter"),
            text(r, "phone"),
            r.file.display().to_string(),
            r.status.chinese(),
        ];
        row.extend(form.fields.iter().map(|f| text(r, &f.code)));
        row.push(problems(r));
        w.write_record(&row).map_err(|e| e.to_string())?;
    }
    let totals = totals(form, returns);
    let mut row = vec![TOTAL_LABEL.to_string(), String::new(), String::new(), String::new(), String::new()];
    row.extend(form.fields.iter().map(|f| totals.get(&f.code).map(Value::to_string).unwrap_or_default()));
    row.push(String::new());
    w.write_record(&row).map_err(|e| e.to_string())?;
    w.into_inner().map_err(|e| e.to_string())
}

/// An Excel column's letters: 0 → A, 27 → AB.
fn letters(col: u16) -> String {
    let mut out = String::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        out.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    out
}

fn xlsx(form: &LoadedForm, collection: &Collection, roster: Option<&Roster>) -> Result<Vec<u8>, XlsxError> {
    let returns = &collection.returns;
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let count_bold = Format::new().set_num_format("#,##0").set_bold();
    let amount_bold = Format::new().set_num_format("#,##0.00##").set_bold();
    // Formats by column and by row, not by cell: a summary of 2,000 returns has 140,000
    // cells, and a format looked up for each costs more than reading the returns.
    let count = Format::new().set_num_format("#,##0");
    let amount = Format::new().set_num_format("#,##0.00##");
    let rejected = Format::new().set_background_color("#F8D7DA");
    let unreadable = Format::new().set_background_color("#E2E3E5");

    let sheet = book.add_worksheet().set_name("汇总")?;
    for (c, h) in FIXED.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &head)?;
    }
    let first = FIXED.len() as u16;
    for (i, f) in form.fields.iter().enumerate() {
        let col = first + i as u16;
        sheet.write_string_with_format(0, col, column(form, &f.code), &head)?;
        sheet.set_column_width(col, 12)?;
        match f.kind {
            FieldKind::Count => sheet.set_column_format(col, &count)?,
            FieldKind::Amount => sheet.set_column_format(col, &amount)?,
            FieldKind::Choice | FieldKind::Text => sheet,
        };
    }
    sheet.set_row_height(0, 60)?;
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(3, 28)?;
    sheet.set_column_width(4, 14)?;
    sheet.set_freeze_panes(1, 1)?;
    let mut row = 1u32;
    for r in returns {
        let shade = match r.status {
            Status::Rejected => Some(&rejected),
            Status::Unreadable => Some(&unreadable),
            _ => None,
        };
        if let Some(shade) = shade {
            sheet.set_row_format(row, shade)?;
        }
        sheet.write_string(row, 0, text(r, "unit"))?;
        sheet.write_string(row, 1, text(r, "reporter"))?;
        sheet.write_string(row, 2, text(r, "phone"))?;
        sheet.write_string(row, 3, r.file.display().to_string())?;
        sheet.write_string(row, STATUS_COL, r.status.chinese())?;
        for (i, field) in form.fields.iter().enumerate() {
            let col = first + i as u16;
            match r.values.get(&field.code) {
                Some(Value::Count(n)) => sheet.write_number(row, col, *n as f64)?,
                Some(Value::Amount(n)) => sheet.write_number(row, col, *n as f64 / AMOUNT_SCALE as f64)?,
                Some(v @ (Value::Choice(_) | Value::Text(_))) => sheet.write_string(row, col, v.to_string())?,
                _ => sheet,
            };
        }
        row += 1;
    }
    sheet.write_string_with_format(row, 0, TOTAL_LABEL, &bold)?;
    totals_row(sheet, form, returns, row, first, &count_bold, &amount_bold)?;
    if form.fields.iter().any(|f| f.kind == FieldKind::Choice) {
        sheet.write_string(row + 1, 0, msg::yes_count_note().zh())?;
    }

    let problems_sheet = book.add_worksheet().set_name("问题")?;
    for (c, h) in ["文件", "填报单位", "状态", "编号", "问题"].iter().enumerate() {
        problems_sheet.write_string_with_format(0, c as u16, *h, &head)?;
    }
    problems_sheet.set_column_width(0, 28)?;
    problems_sheet.set_column_width(1, 24)?;
    problems_sheet.set_column_width(2, 14)?;
    problems_sheet.set_column_width(4, 80)?;
    let mut row = 1u32;
    for r in returns {
        for p in &r.problems {
            problems_sheet.write_string(row, 0, r.file.display().to_string())?;
            problems_sheet.write_string(row, 1, text(r, "unit"))?;
            // The file's own status: a warning of a return that was refused is still one
            // reason among those of a 退回.
            problems_sheet.write_string(row, 2, r.status.chinese())?;
            problems_sheet.write_string(row, 3, about(p.code.as_deref()))?;
            problems_sheet.write_string(row, 4, p.message.zh())?;
            row += 1;
        }
    }

    if let Some(roster) = roster {
        let missing_sheet = book.add_worksheet().set_name("未报单位")?;
        let mut header = vec!["序号".to_string(), "填报单位".to_string()];
        header.extend(roster.columns.iter().cloned());
        header.push("情况".into());
        for (c, h) in header.iter().enumerate() {
            missing_sheet.write_string_with_format(0, c as u16, h, &head)?;
        }
        missing_sheet.set_column_width(1, 30)?;
        missing_sheet.set_column_width(header.len() as u16 - 1, 40)?;
        for (k, &i) in collection.missing.iter().enumerate() {
            let unit = &roster.units[i];
            let r = k as u32 + 1;
            missing_sheet.write_number(r, 0, (k + 1) as f64)?;
            missing_sheet.write_string(r, 1, &unit.name)?;
            for (c, (_, value)) in unit.contacts.iter().enumerate() {
                missing_sheet.write_string(r, 2 + c as u16, value)?;
            }
            // Sent but not counted: say how it fared.
            let sent = returns.iter().filter(|x| x.roster == Some(i)).map(|x| x.status).max();
            let misnamed = returns.iter().find(|x| x.near == Some(i)).and_then(Return::unit);
            let note = match (sent, misnamed) {
                (Some(status), _) => msg::reported_not_accepted(status.chinese()).zh,
                (None, Some(written)) => msg::reported_misnamed(written).zh,
                (None, None) => msg::not_reported().zh,
            };
            missing_sheet.write_string(r, header.len() as u16 - 1, note)?;
        }
    }
    book.save_to_buffer()
}

/// The 合计 row: for each code a formula over the counted rows (by their 状态), with the
/// totals gongwen computed cached in it.
fn totals_row(sheet: &mut Worksheet, form: &LoadedForm, returns: &[Return], row: u32, first: u16, count: &Format, amount: &Format) -> Result<(), XlsxError> {
    let totals = totals(form, returns);
    let (top, bottom) = (2, row.max(1));
    let status = format!("${col}${top}:${col}${bottom}", col = letters(STATUS_COL));
    let counted = [Status::Accepted.chinese(), Status::Warning.chinese()];
    for (i, f) in form.fields.iter().enumerate() {
        let col = first + i as u16;
        let range = format!("{c}{top}:{c}{bottom}", c = letters(col));
        // A text blank (a name, a phone) has no total.
        let Some(total) = totals.get(&f.code) else { continue };
        let (formula, shown, format) = match (total, f.kind) {
            (Value::Amount(n), _) => (
                counted.iter().map(|s| format!("SUMIF({status},\"{s}\",{range})")).collect::<Vec<_>>().join("+"),
                *n as f64 / AMOUNT_SCALE as f64,
                amount,
            ),
            (v, FieldKind::Choice) => (
                counted
                    .iter()
                    .map(|s| format!("COUNTIFS({status},\"{s}\",{range},\"是\")"))
                    .collect::<Vec<_>>()
                    .join("+"),
                v.number().unwrap_or(0) as f64,
                count,
            ),
            (v, _) => (
                counted.iter().map(|s| format!("SUMIF({status},\"{s}\",{range})")).collect::<Vec<_>>().join("+"),
                v.number().unwrap_or(0) as f64,
                count,
            ),
        };
        let formula = Formula::new(format!("={formula}")).set_result(shown.to_string());
        sheet.write_formula_with_format(row, col, formula, format)?;
    }
    Ok(())
}
