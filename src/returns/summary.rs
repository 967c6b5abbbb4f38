//! The city-wide table of returns: one row per return, a totals row, and (in the XLSX) a
//! sheet of every problem. Written atomically, as CSV for scripts or XLSX for people.

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

use crate::model::{FieldKind, LoadedForm};
use crate::output::write_atomic;
use crate::returns::{Return, Status, totals};
use crate::values::Value;

/// The first cell of the totals row.
pub const TOTAL_LABEL: &str = "合计";

/// Writes the summary as `.xlsx` or `.csv`, by the file's extension.
pub fn write(path: &Path, form: &LoadedForm, returns: &[Return]) -> Result<(), String> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    let bytes = match ext.as_str() {
        "csv" => csv(form, returns)?,
        "xlsx" => xlsx(form, returns).map_err(|e| format!("cannot make the workbook: {e}"))?,
        _ => return Err("the summary must end in .xlsx or .csv".into()),
    };
    write_atomic(path, &bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
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

fn problems(r: &Return) -> String {
    r.problems.iter().map(|p| p.message.clone()).collect::<Vec<_>>().join("; ")
}

fn csv(form: &LoadedForm, returns: &[Return]) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = ["unit", "reporter", "phone", "file", "status"].map(String::from).to_vec();
    header.extend(form.fields.iter().map(|f| column(form, &f.code)));
    header.push("problems".into());
    w.write_record(&header).map_err(|e| e.to_string())?;
    for r in returns {
        let mut row = vec![
            text(r, "unit"),
            text(r, "reporter"),
            text(r, "phone"),
            r.file.display().to_string(),
            r.status.word().to_string(),
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

fn xlsx(form: &LoadedForm, returns: &[Return]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let count = Format::new().set_num_format("#,##0");
    let amount = Format::new().set_num_format("#,##0.00##");
    let count_bold = Format::new().set_num_format("#,##0").set_bold();
    let amount_bold = Format::new().set_num_format("#,##0.00##").set_bold();

    let sheet = book.add_worksheet().set_name("汇总")?;
    let fixed = ["填报单位", "填报人", "联系电话", "文件", "状态"];
    for (c, h) in fixed.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &head)?;
    }
    let first = fixed.len() as u16;
    for (i, f) in form.fields.iter().enumerate() {
        sheet.write_string_with_format(0, first + i as u16, column(form, &f.code), &head)?;
        sheet.set_column_width(first + i as u16, 12)?;
    }
    sheet.set_row_height(0, 60)?;
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(3, 28)?;
    sheet.set_column_width(4, 14)?;
    sheet.set_freeze_panes(1, 1)?;
    let mut row = 1u32;
    for r in returns {
        sheet.write_string(row, 0, text(r, "unit"))?;
        sheet.write_string(row, 1, text(r, "reporter"))?;
        sheet.write_string(row, 2, text(r, "phone"))?;
        sheet.write_string(row, 3, r.file.display().to_string())?;
        sheet.write_string(row, 4, r.status.chinese())?;
        for (i, f) in form.fields.iter().enumerate() {
            let col = first + i as u16;
            match r.values.get(&f.code) {
                Some(Value::Count(n)) => sheet.write_number_with_format(row, col, *n as f64, &count)?,
                Some(Value::Amount(n)) => sheet.write_number_with_format(row, col, *n as f64 / crate::values::AMOUNT_SCALE as f64, &amount)?,
                Some(v @ (Value::Choice(_) | Value::Text(_))) => sheet.write_string(row, col, v.to_string())?,
                _ => sheet,
            };
        }
        row += 1;
    }
    sheet.write_string_with_format(row, 0, TOTAL_LABEL, &bold)?;
    let totals = totals(form, returns);
    for (i, f) in form.fields.iter().enumerate() {
        let col = first + i as u16;
        let Some(total) = totals.get(&f.code) else { continue };
        match (total, f.kind) {
            (Value::Amount(n), _) => sheet.write_number_with_format(row, col, *n as f64 / crate::values::AMOUNT_SCALE as f64, &amount_bold)?,
            (v, FieldKind::Choice) => sheet.write_number_with_format(row, col, v.number().unwrap_or(0) as f64, &count_bold)?,
            (v, _) => sheet.write_number_with_format(row, col, v.number().unwrap_or(0) as f64, &count_bold)?,
        };
    }
    if form.fields.iter().any(|f| f.kind == FieldKind::Choice) {
        sheet.write_string(row + 1, 0, "是/否栏的合计为回答“是”的份数")?;
    }

    let problems_sheet = book.add_worksheet().set_name("问题")?;
    for (c, h) in ["文件", "填报单位", "状态", "编号", "问题"].iter().enumerate() {
        problems_sheet.write_string_with_format(0, c as u16, *h, &head)?;
    }
    problems_sheet.set_column_width(0, 28)?;
    problems_sheet.set_column_width(1, 24)?;
    problems_sheet.set_column_width(4, 80)?;
    let mut row = 1u32;
    for r in returns {
        for p in &r.problems {
            problems_sheet.write_string(row, 0, r.file.display().to_string())?;
            problems_sheet.write_string(row, 1, text(r, "unit"))?;
            let status = if p.fatal { r.status } else { Status::Warning };
            problems_sheet.write_string(row, 2, status.chinese())?;
            problems_sheet.write_string(row, 3, p.code.clone().unwrap_or_default())?;
            problems_sheet.write_string(row, 4, &p.message)?;
            row += 1;
        }
    }
    book.save_to_buffer()
}
