//! Messages of the writers: PDF, fillable forms, OFD, DOCX, XLSX, in Chinese and English.

use super::catalogue;

catalogue! {
    /// A font of the pages could not be rebuilt for the OFD package.
    ofd_font(font, reason) {
        zh: "无法写入 OFD：字体 {font} 无法嵌入（{reason}）",
        en: "cannot write the OFD: the font {font} cannot be embedded ({reason})",
    }
    /// An image of the pages could not be encoded for the OFD package.
    ofd_image(reason) {
        zh: "无法写入 OFD：图片无法编码（{reason}）",
        en: "cannot write the OFD: an image cannot be encoded ({reason})",
    }
    /// A PDF used as an image: OFD has no place for it.
    ofd_pdf_image() {
        zh: "无法写入 OFD：页面中有以 PDF 文件插入的图片，OFD 不能容纳；请改用 `PNG`、`JPEG` 或 `SVG` 图片",
        en: "cannot write the OFD: a page shows a PDF file as an image, which OFD cannot hold; use a PNG, JPEG or SVG image instead",
    }
    /// The zip package could not be written.
    ofd_package(reason) {
        zh: "无法写入 OFD 文件包（{reason}）",
        en: "cannot write the OFD package ({reason})",
    }
    /// The Word document could not be written.
    cannot_make_docx(reason) {
        zh: "无法生成 Word 文档：{reason}",
        en: "cannot make the Word document: {reason}",
    }
    /// rust_xlsxwriter refused the workbook.
    cannot_make_workbook(error) {
        zh: "无法生成工作簿：{error}",
        en: "cannot make the workbook: {error}",
    }
    /// A form's check cell, when the numbers do not add up.
    check_failed() {
        zh: "不符",
        en: "does not hold",
    }
    /// The label of the cell that says which edition and attachment a workbook is.
    form_identity_label() {
        zh: "表单标识",
        en: "form",
    }
    /// The footer of a printed form (Excel's codes: &P page, &N pages).
    page_footer() {
        zh: "第 &P 页，共 &N 页",
        en: "page &P of &N",
    }
    /// A spreadsheet cell's validation: a count.
    cell_expected_whole_number(unit) {
        zh: "请填写不小于 0 的整数（单位：{unit}）",
        en: "enter a whole number of at least 0 (unit: {unit})",
    }
    /// A spreadsheet cell's validation: an amount in 万元.
    cell_expected_amount() {
        zh: "请填写不小于 0 的金额（万元，可有小数）",
        en: "enter an amount of at least 0 in 万元 (decimals allowed)",
    }
    /// A spreadsheet cell's validation: 是 or 否.
    cell_expected_yes_no() {
        zh: "请选择“是”或“否”",
        en: "choose 是 or 否",
    }
    /// The title of a spreadsheet's refusal of a value.
    invalid_value_title() {
        zh: "填写有误",
        en: "invalid value",
    }
    /// `fill` with `--pdf-standard ua-1`.
    ua_has_no_fields() {
        zh: "PDF/UA 的报表不带填写域（仅供打印），无法填写：去掉 --pdf-standard ua-1 再试",
        en: "a PDF/UA form has no fields (it is for print only) and cannot be filled: leave out --pdf-standard ua-1",
    }
    /// `build` with PDF/UA: the form goes without fields.
    ua_form_without_fields() {
        zh: "PDF/UA：报表不带填写域（仅供打印）",
        en: "PDF/UA: the form is written without fields (print only)",
    }
    cannot_read_compiled_form(error) {
        zh: "无法读取排好的报表{error:.0}",
        en: "cannot read the compiled form: {error}",
    }
    compiled_form_damaged() {
        zh: "排好的报表结构有误",
        en: "the compiled form is damaged (no catalog, a page that is not a page, or a field on a missing page)",
    }
    /// A value with a character that no shipped font has.
    value_no_font(code, value, missing) {
        zh: "{code}“{value}”：{missing} 不在任何随附字体中，无法在填写域中显示",
        en: "{code} `{value}`: {missing} is in no font a form field can be written in",
    }
    /// A value too long for its box even at the smallest size.
    value_too_long(code, value, min) {
        zh: "{code}“{value}”：太长，缩到 {min} 磅仍放不进填写格；请缩短",
        en: "{code} `{value}`: too long for its box even at {min} pt; shorten it",
    }
    no_such_field(code) {
        zh: "{code}：本报表没有这一项",
        en: "{code}: no such field in this form",
    }
    cannot_read_field_font(error) {
        zh: "无法读取填写域字体{error:.0}",
        en: "cannot read the field font: {error}",
    }
    cannot_subset_field_font(error) {
        zh: "无法提取填写域字体的子集{error:.0}",
        en: "cannot subset the field font: {error}",
    }
    field_font_not_cff() {
        zh: "填写域字体的字形不是 PostScript（CFF）格式",
        en: "the field font is not a CFF font",
    }
    no_field_font(family) {
        zh: "字体文件夹中没有填写域所用的 {family}",
        en: "the fonts folder has no {family}, which form fields are written in",
    }
    form_blanks_differ(found, want) {
        zh: "报表模板排出的填写格为 {found}，而报表定义的是 {want}",
        en: "the form template laid out the blanks {found}, but the form has {want}",
    }
    cannot_open_edition(error) {
        zh: "无法打开版本：{error}",
        en: "cannot open the edition: {error}",
    }
}
