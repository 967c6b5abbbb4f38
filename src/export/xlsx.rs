//! The forms as spreadsheets (电子表格): each attachment that is a form becomes a workbook that
//! Excel, WPS and LibreOffice open, fill and print on one A4 width. A model writer: it reads
//! the form from the content model, not from Typst's pages.
//!
//! The sheet holds the title, the header blanks (填报单位, 填报人, 联系电话), then one row per
//! blank with its code, label and unit. Every blank's cell carries a workbook defined name
//! (`_01A`, `_01B`, …: Excel names cannot start with a digit; `unit`, `reporter`, `phone`), so
//! `collect` reads it wherever a unit moved it. The blank cells are unlocked and validated
//! (whole numbers ≥ 0 for counts, decimals ≥ 0 for 万元, a 是/否 list), everything else is locked
//! on a sheet protected without a password, and each rule of the form stands beside the item
//! it binds as a check cell that turns red when the numbers do not add up. Two more names say
//! which form it is: `title` (the printed title) and `form` (the edition's document number and
//! 附件N, as the PDF's keywords say).

use std::collections::BTreeMap;

use chrono::Datelike;

use rust_xlsxwriter::{
    ConditionalFormatFormula, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder,
    Formula, Workbook, Worksheet, XlsxError,
};

use crate::i18n::export as msg;
use crate::model::{Edition, FieldKind, LoadedForm, Relation, Rule};
use crate::values::{AMOUNT_SCALE, Value};

/// The defined name of a numbered blank: `_01A` (an Excel name cannot start with a digit).
pub fn cell_name(code: &str) -> String {
    format!("_{code}")
}

/// The defined name of the cell that holds the printed title.
pub const TITLE_NAME: &str = "title";
/// The defined name of the cell that says which edition and attachment the form is.
pub const FORM_NAME: &str = "form";

/// Columns of the sheet: code, label, value, unit, check.
const CODE: u16 = 0;
const LABEL: u16 = 1;
const VALUE: u16 = 2;
const UNIT: u16 = 3;
const CHECK: u16 = 4;
const LAST: u16 = CHECK;

/// Excel's paper size number for A4.
const A4: u8 = 9;

/// The formats of the sheet, made once.
struct Styles {
    wrap: Format,
    attachment: Format,
    title: Format,
    head: Format,
    label: Format,
    lead: Format,
    text_blank: Format,
    count_blank: Format,
    amount_blank: Format,
    choice_blank: Format,
    check: Format,
    small: Format,
    red: Format,
}

impl Styles {
    fn new() -> Self {
        let base = Format::new().set_font_name("宋体").set_font_size(11).set_align(FormatAlign::VerticalCenter);
        let boxed = base.clone().set_border(FormatBorder::Thin);
        let blank = boxed.clone().set_unlocked().set_background_color("#FFFBE6");
        Self {
            wrap: base.clone().set_text_wrap(),
            attachment: base.clone().set_font_name("黑体").set_font_size(14),
            title: base.clone().set_bold().set_font_size(16).set_align(FormatAlign::Center).set_text_wrap(),
            head: boxed.clone().set_bold().set_align(FormatAlign::Center).set_text_wrap(),
            label: boxed.clone().set_text_wrap(),
            lead: boxed.clone().set_text_wrap().set_bold(),
            text_blank: blank.clone().set_num_format("@"),
            count_blank: blank.clone().set_num_format("#,##0").set_align(FormatAlign::Right),
            amount_blank: blank.clone().set_num_format("#,##0.00##").set_align(FormatAlign::Right),
            choice_blank: blank.set_align(FormatAlign::Center),
            check: boxed.clone().set_text_wrap().set_font_size(9),
            small: base.set_font_size(9).set_font_color("#666666"),
            red: Format::new().set_background_color("#F4B6B6").set_font_color("#9C0006").set_bold(),
        }
    }
}

/// What identifies a form in every format: the edition's document number and 附件N, as the
/// PDF's keywords and the workbook's `form` cell say: `武工办〔2014〕74号, 附件1`.
fn identity(edition: &Edition, form: &LoadedForm) -> String {
    edition.attachment_keywords(form.number)
}

/// What the loaded form does not keep, read again from its file (the content model's own
/// types; the edition is already checked): each item's lead line by its code, and the 说明.
/// A fillable table has neither.
fn leads_and_notes(edition: &Edition, form: &LoadedForm) -> (BTreeMap<String, String>, Vec<String>) {
    let expand = |t: &crate::model::Text| crate::text::expand(t.get_ref(), &edition.vars).unwrap_or_else(|_| t.get_ref().clone());
    let parsed = std::fs::read_to_string(edition.dir.join(&form.file))
        .ok()
        .and_then(|text| toml::from_str::<crate::model::Form>(&text).ok());
    let Some(parsed) = parsed else {
        return (BTreeMap::new(), Vec::new());
    };
    let leads = parsed
        .items
        .iter()
        .filter_map(|item| item.lead.as_ref().map(|lead| (item.code.get_ref().clone(), expand(lead))))
        .collect();
    (leads, parsed.notes.iter().map(expand).collect())
}

/// Attachment `form` of `edition` as a workbook, with `values` written in (none for the blank
/// form). The same edition and values give the same bytes.
pub fn form(edition: &Edition, form: &LoadedForm, values: &BTreeMap<String, Value>) -> Result<Vec<u8>, String> {
    write(edition, form, values).map_err(|e| msg::cannot_make_workbook(e).text())
}

fn write(edition: &Edition, form: &LoadedForm, values: &BTreeMap<String, Value>) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut book = Workbook::new();
    let date = ExcelDateTime::from_ymd(edition.date.year() as u16, edition.date.month() as u8, edition.date.day() as u8)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(&form.title)
            .set_keywords(identity(edition, form))
            .set_creation_datetime(&date),
    );
    let sheet_name = format!("附件{}", form.number);
    let sheet = book.add_worksheet();
    sheet.set_name(&sheet_name)?;
    let mut names: Vec<(String, u32, u16)> = Vec::new();

    // 附件N, the title, the header blanks.
    sheet.write_string_with_format(0, CODE, format!("附件{}", form.number), &styles.attachment)?;
    sheet.merge_range(1, CODE, 1, LAST, &form.title, &styles.title)?;
    sheet.set_row_height(1, 42)?;
    names.push((TITLE_NAME.into(), 1, CODE));
    // The header blanks the form has: 填报单位 on its own line, 填报人 and 联系电话 side by side.
    let text_value = |name: &str| values.get(name).map(Value::to_string).unwrap_or_default();
    let mut places = vec![(2, CODE, LABEL, LAST), (3, CODE, LABEL, LABEL), (3, VALUE, UNIT, LAST)].into_iter();
    for (name, label) in &form.header {
        let Some((r, at, from, to)) = places.next() else { break };
        sheet.write_string_with_format(r, at, label, &styles.head)?;
        if from == to {
            sheet.write_string_with_format(r, from, text_value(name), &styles.text_blank)?;
        } else {
            sheet.merge_range(r, from, r, to, &text_value(name), &styles.text_blank)?;
        }
        names.push((name.to_string(), r, from));
        sheet.set_row_height(r, 24)?;
    }

    // The items.
    let head_row = 5;
    for (col, text) in [(CODE, "编号"), (LABEL, "指标"), (VALUE, "填报数"), (UNIT, "单位"), (CHECK, "审核")] {
        sheet.write_string_with_format(head_row, col, text, &styles.head)?;
    }
    let mut row = head_row + 1;
    let mut rows: BTreeMap<&str, u32> = BTreeMap::new();
    let (leads, notes) = leads_and_notes(edition, form);
    let mut led = std::collections::BTreeSet::new();
    for field in &form.fields {
        // An item's lead line comes before its first blank.
        if let Some((code, lead)) = leads
            .iter()
            .find(|(code, _)| field.code.starts_with(code.as_str()) && !led.contains(code.as_str()))
        {
            led.insert(code.as_str());
            sheet.write_string_with_format(row, CODE, code, &styles.lead)?;
            sheet.merge_range(row, LABEL, row, LAST, lead, &styles.lead)?;
            row += 1;
        }
        {
            sheet.write_string_with_format(row, CODE, &field.code, &styles.label)?;
            sheet.write_string_with_format(row, LABEL, &field.label, &styles.label)?;
            sheet.write_string_with_format(row, UNIT, &field.unit, &styles.label)?;
            sheet.write_blank(row, CHECK, &styles.check)?;
            blank(sheet, &styles, row, field.kind, &field.label, &field.unit, values.get(&field.code))?;
            names.push((cell_name(&field.code), row, VALUE));
            rows.insert(&field.code, row);
            if field.label.chars().count() > 22 {
                sheet.set_row_height(row, 30)?;
            }
            row += 1;
        }
    }
    let last_item = row - 1;

    // Each rule beside the first code it constrains; rules that share a row share its cell.
    let mut checks: BTreeMap<u32, Vec<&Rule>> = BTreeMap::new();
    for rule in &form.rules {
        if let Some(&r) = rule.left.first().and_then(|c| rows.get(c.as_str())) {
            checks.entry(r).or_default().push(rule);
        }
    }
    for (r, rules) in &checks {
        let shown: Vec<&str> = rules.iter().map(|rule| rule.text.as_str()).collect();
        let shown = shown.join("；");
        let all: Vec<String> = rules.iter().map(|rule| holds(rule)).collect();
        let codes: Vec<String> = rules
            .iter()
            .flat_map(|rule| rule.left.iter().chain(&rule.right))
            .map(|c| cell_name(c))
            .collect();
        let filled = format!("COUNT({})>0", codes.join(","));
        let ok = if all.len() == 1 { all[0].clone() } else { format!("AND({})", all.join(",")) };
        let cached = cached_check(form, rules, values, &shown);
        let formula = Formula::new(format!(
            "=IF({filled},IF({ok},\"√ {shown}\",\"× {}：{shown}\"),\"{shown}\")",
            msg::check_failed().zh()
        ))
        .set_result(cached);
        sheet.write_formula_with_format(*r, CHECK, formula, &styles.check)?;
        let red = ConditionalFormatFormula::new()
            .set_rule(format!("=AND({filled},NOT({ok}))").as_str())
            .set_format(&styles.red);
        sheet.add_conditional_format(*r, CHECK, *r, CHECK, &red)?;
        let tall = 15.0_f64.max(12.0 * (shown.chars().count() as f64 / 16.0).ceil());
        sheet.set_row_height(*r, tall)?;
    }

    // 说明, then what the form is.
    row += 1;
    for (i, note) in notes.iter().enumerate() {
        let text = if notes.len() > 1 { format!("{}. {note}", i + 1) } else { note.clone() };
        let text = if i == 0 { format!("说明：{text}") } else { text };
        sheet.merge_range(row, CODE, row, LAST, &text, &styles.wrap)?;
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(row, CODE, msg::form_identity_label().zh(), &styles.small)?;
    sheet.merge_range(row, LABEL, row, LAST, &identity(edition, form), &styles.small)?;
    names.push((FORM_NAME.into(), row, LABEL));

    // Columns, printing on one A4 width, protection.
    for (col, width) in [(CODE, 7.0), (LABEL, 46.0), (VALUE, 14.0), (UNIT, 7.0), (CHECK, 26.0)] {
        sheet.set_column_width(col, width)?;
    }
    sheet.set_paper_size(A4);
    sheet.set_portrait();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_margins(0.6, 0.6, 0.8, 0.8, 0.3, 0.3);
    sheet.set_print_area(0, CODE, row, LAST)?;
    sheet.set_repeat_rows(head_row, head_row)?;
    sheet.set_footer(format!("&C{}", msg::page_footer().zh()));
    sheet.protect();
    let _ = last_item;
    sheet.set_selected(true);

    let quoted = format!("'{sheet_name}'");
    for (name, r, c) in names {
        book.define_name(name, &format!("={quoted}!{}", absolute(r, c)))?;
    }
    book.save_to_buffer()
}

/// `$C$7` for row 6, column 2 (0-based).
fn absolute(row: u32, col: u16) -> String {
    let mut letters = String::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, (b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    format!("${letters}${}", row + 1)
}

/// Writes one numbered blank: its validation and, when pre-filled, its value.
fn blank(sheet: &mut Worksheet, styles: &Styles, row: u32, kind: FieldKind, label: &str, unit: &str, value: Option<&Value>) -> Result<(), XlsxError> {
    let (format, validation) = match kind {
        FieldKind::Count => (
            &styles.count_blank,
            DataValidation::new()
                .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
                .set_error_message(msg::cell_expected_whole_number(unit).zh())?,
        ),
        FieldKind::Amount => (
            &styles.amount_blank,
            DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
                .set_error_message(msg::cell_expected_amount().zh())?,
        ),
        FieldKind::Text => {
            let format = &styles.text_blank;
            match value {
                Some(v) => sheet.write_string_with_format(row, VALUE, v.to_string(), format)?,
                None => sheet.write_blank(row, VALUE, format)?,
            };
            return Ok(());
        }
        FieldKind::Choice => (
            &styles.choice_blank,
            DataValidation::new()
                .allow_list_strings(&["是", "否"])?
                .set_error_message(msg::cell_expected_yes_no().zh())?,
        ),
    };
    let title: String = label.chars().take(30).collect();
    let validation = validation
        .set_error_title(msg::invalid_value_title().zh())?
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_input_title(title)?;
    sheet.add_data_validation(row, VALUE, row, VALUE, &validation)?;
    match value {
        Some(Value::Count(n)) => sheet.write_number_with_format(row, VALUE, *n as f64, format)?,
        Some(Value::Amount(n)) => sheet.write_number_with_format(row, VALUE, *n as f64 / AMOUNT_SCALE as f64, format)?,
        Some(v) => sheet.write_string_with_format(row, VALUE, v.to_string(), format)?,
        None => sheet.write_blank(row, VALUE, format)?,
    };
    Ok(())
}

/// The spreadsheet condition that `rule` holds: `ROUND(_05A-(_05B+_05C),4)=0`, decimals kept
/// to the 元 so that amounts compare exactly.
fn holds(rule: &Rule) -> String {
    let side = |codes: &[String]| codes.iter().map(|c| cell_name(c)).collect::<Vec<_>>().join("+");
    let relation = match rule.relation {
        Relation::Equal => "=",
        Relation::AtMost => "<=",
        Relation::AtLeast => ">=",
    };
    format!("ROUND(({})-({}),4){relation}0", side(&rule.left), side(&rule.right))
}

/// What the check cell shows for pre-filled values, so that a reader that does not
/// calculate shows the same as one that does.
fn cached_check(form: &LoadedForm, rules: &[&Rule], values: &BTreeMap<String, Value>, shown: &str) -> String {
    let codes: Vec<&String> = rules.iter().flat_map(|r| r.left.iter().chain(&r.right)).collect();
    if codes.iter().all(|c| !values.contains_key(*c)) {
        return shown.to_string();
    }
    let with_zeros: BTreeMap<String, Value> = codes
        .iter()
        .map(|c| ((*c).clone(), values.get(*c).cloned().unwrap_or(Value::Count(0))))
        .collect();
    let owned: Vec<Rule> = rules.iter().map(|r| (*r).clone()).collect();
    if crate::values::check_rules(&form.fields, &owned, &with_zeros).is_empty() {
        format!("√ {shown}")
    } else {
        format!("× {}：{shown}", msg::check_failed().zh())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_absolutely() {
        assert_eq!(absolute(0, 0), "$A$1");
        assert_eq!(absolute(6, 2), "$C$7");
        assert_eq!(absolute(9, 27), "$AB$10");
        assert_eq!(cell_name("01A"), "_01A");
    }
}
