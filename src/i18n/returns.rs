//! Messages of filling forms and collecting returns: values, rosters, summaries, in Chinese and English.
//!
//! What the summaries say goes to the units (staff forward it), so every problem of a return
//! names the item by its code and label.

use super::catalogue;

catalogue! {
    // Values as written.
    expected_yes_no(raw) {
        zh: "“{raw}”：应填“是”或“否”",
        en: "`{raw}`: expected 是 or 否",
    }
    expected_whole_number(raw) {
        zh: "“{raw}”：应填整数",
        en: "`{raw}`: expected a whole number",
    }
    number_too_large(raw) {
        zh: "“{raw}”：数字过大",
        en: "`{raw}`: the number is too large",
    }
    amount_too_large(raw) {
        zh: "“{raw}”：金额过大",
        en: "`{raw}`: the amount is too large",
    }
    expected_amount(raw) {
        zh: "“{raw}”：应填以万元计的金额，如 12.5",
        en: "`{raw}`: expected an amount in 万元, such as 12.5",
    }
    /// A value that cannot be read, naming its field: `03A（…）：“8O”：应填整数`.
    bad_value(code, label, problem) {
        zh: "{code}（{label}）填写的{problem}",
        en: "{code} {label}: {problem}",
    }
    /// As `bad_value`, for `fill`, with the unit after the label.
    bad_value_with_unit(code, label, unit, problem) {
        zh: "{code}（{label}，{unit}）填写的{problem}",
        en: "{code} {label}（{unit}）: {problem}",
    }
    no_such_code(code, n, example) {
        zh: "{code}：附件{n} 没有这一项（应为 {example} 这样的编号，或 填报单位、填报人、联系电话）",
        en: "{code}: no such field in 附件{n} (expected a code such as {example}, or unit, reporter, phone)",
    }

    // Rules: one side, then the whole. The English texts name no label (`{label:.0}` prints
    // none of it), as they always have.
    /// One code: `01A（当地职工总数）为 100117`.
    side_one(code, label, value) {
        zh: "{code}（{label}）为 {value}",
        en: "{code}={value}{label:.0}",
    }
    /// Several codes: `05B + 05C 之和为 175`.
    side_sum(codes, total, parts) {
        zh: "{codes} 之和为 {total}{parts:.0}",
        en: "{parts} ({total}){codes:.0}",
    }
    /// The rule's sentence, the other side one code: `…，大于 01A（当地职工总数）100117`.
    rule_not_equal(rule, left, code, label, value) {
        zh: "{left}，不等于 {code}（{label}）{value}（审核规则：{rule}）",
        en: "{rule}: {left} must equal {code}={value}{label:.0}",
    }
    rule_above(rule, left, code, label, value) {
        zh: "{left}，大于 {code}（{label}）{value}（审核规则：{rule}）",
        en: "{rule}: {left} must be at most {code}={value}{label:.0}",
    }
    rule_below(rule, left, code, label, value) {
        zh: "{left}，小于 {code}（{label}）{value}（审核规则：{rule}）",
        en: "{rule}: {left} must be at least {code}={value}{label:.0}",
    }
    /// The rule's sentence, the other side a sum: `…，不等于 05B + 05C 之和 175`.
    rule_not_equal_sum(rule, left, codes, total, parts) {
        zh: "{left}，不等于 {codes} 之和 {total}（审核规则：{rule}）{parts:.0}",
        en: "{rule}: {left} must equal {parts} ({total}){codes:.0}",
    }
    rule_above_sum(rule, left, codes, total, parts) {
        zh: "{left}，大于 {codes} 之和 {total}（审核规则：{rule}）{parts:.0}",
        en: "{rule}: {left} must be at most {parts} ({total}){codes:.0}",
    }
    rule_below_sum(rule, left, codes, total, parts) {
        zh: "{left}，小于 {codes} 之和 {total}（审核规则：{rule}）{parts:.0}",
        en: "{rule}: {left} must be at least {parts} ({total}){codes:.0}",
    }

    // Values and units files.
    read_failed(error) {
        zh: "无法读取：{error}",
        en: "cannot read: {error}",
    }
    not_text() {
        zh: "既不是 UTF-8 也不是 GBK 文本：请另存为 UTF-8 或 GBK 编码的 CSV",
        en: "not UTF-8 text: save it as UTF-8",
    }
    expected_number_or_text(found) {
        zh: "应为数字或文字，实为 {found}",
        en: "expected a number or text, found {found}",
    }
    not_csv(error) {
        zh: "不是有效的 CSV：{error}",
        en: "not CSV: {error}",
    }
    expected_two_columns() {
        zh: "应为两列：编号,数值",
        en: "expected two columns: code,value",
    }
    given_twice(code) {
        zh: "{code} 给出了两次",
        en: "{code} is given twice",
    }
    values_file_kind() {
        zh: "数值文件应为 .toml 或 .csv（编号 → 数值）",
        en: "expected a .toml or .csv file of code → value",
    }
    units_header() {
        zh: "第一行应写出各列的名称，其中一列为“填报单位”",
        en: "the first line must name the columns, one of them `unit` (or 填报单位)",
    }
    unknown_column(column, n) {
        zh: "“{column}”列不是附件{n} 的填写项：应为 填报单位、填报人、联系电话 或 01A 这样的编号",
        en: "column `{column}` is not a field of 附件{n}: expected unit, reporter, phone or a code such as 01A",
    }
    unit_name_empty() {
        zh: "单位名称为空",
        en: "the unit's name is empty",
    }
    unit_twice(name, first, line) {
        zh: "{name} 出现了两次（第 {first} 行和第 {line} 行）",
        en: "{name} appears twice (lines {first} and {line})",
    }
    same_file_name(name, other, line, file) {
        zh: "{name} 与 {other}（第 {line} 行）会写成同一个文件 {file}：请改名其一",
        en: "{name} and {other} (line {line}) would both be written to {file}: rename one",
    }
    no_units() {
        zh: "没有单位：应每行一个报送单位",
        en: "no units: expected one row per reporting unit",
    }

    // Reading returns.
    not_a_return_file() {
        zh: "既不是 PDF 也不是电子表格（XLSX、XLS、ODS）",
        en: "not a PDF file, nor a spreadsheet (XLSX, XLS, ODS)",
    }
    a_word_document() {
        zh: "这是 Word 文档，不是报表：请用 PDF 或电子表格报送",
        en: "a Word document, not a return: returns come as PDFs or spreadsheets",
    }
    pdf_damaged() {
        zh: "PDF 文件已损坏，无法读取",
        en: "the PDF is damaged beyond reading",
    }
    /// lopdf's words are English: the Chinese text leaves them out.
    pdf_unreadable(detail) {
        zh: "PDF 文件已损坏，无法读取（文件结构有误）{detail:.0}",
        en: "the PDF cannot be read: {detail}",
    }
    pdf_too_deep() {
        zh: "PDF 文件层层嵌套数千层：文件已损坏或有意构造",
        en: "the PDF nests arrays or dictionaries thousands deep: it is damaged or hostile",
    }
    pdf_password() {
        zh: "PDF 文件设有打开密码：请对方发来未加密的文件",
        en: "the PDF is encrypted with a password: ask the unit for an unprotected copy",
    }
    pdf_no_catalog() {
        zh: "PDF 文件缺少目录，无法读取",
        en: "the PDF has no catalog",
    }
    pdf_not_fillable() {
        zh: "PDF 文件没有填写域，不是可填写的报表（是否打印成了 PDF 或已拼合？）",
        en: "the PDF has no form fields: it is not a fillable form (was it printed to PDF or flattened?)",
    }
    pdf_no_fields() {
        zh: "PDF 报表中没有填写域",
        en: "the PDF's form has no fields",
    }
    field_tree_too_large() {
        zh: "报表的填写域层级过深或过多",
        en: "the form's field tree is too deep or too large",
    }
    too_large(bytes, max) {
        zh: "文件有 {bytes} 字节，作为报表过大（至多 {max} 字节）",
        en: "{bytes} bytes is too large for a return (at most {max})",
    }
    too_slow(seconds) {
        zh: "读取超过 {seconds} 秒：文件已损坏或有意构造",
        en: "reading took longer than {seconds} s: the PDF is damaged or hostile",
    }
    cannot_start_reader(error) {
        zh: "无法启动读取：{error}",
        en: "cannot start a reader: {error}",
    }
    /// calamine's words are English: the Chinese text leaves them out.
    sheet_unreadable(kind, detail) {
        zh: "{kind} 文件已损坏，无法读取{detail:.0}",
        en: "the {kind} file cannot be read: {detail}",
    }
    sheet_no_names(kind) {
        zh: "这个 {kind} 文件不是本系统生成的报表：找不到各填写格的名称（如 _01A）",
        en: "this {kind} file is not a form made by gongwen: it has none of the cells' names (such as _01A)",
    }
    sheet_bad_name(name, kind) {
        zh: "{kind} 文件中的名称 {name} 指向的单元格不存在",
        en: "the name {name} of the {kind} file points at no cell",
    }
    wps_et_unreadable() {
        zh: "无法读取这个 WPS 表格（.et）文件：请在 WPS 中“另存为”Excel 工作簿（.xlsx）再报送",
        en: "this WPS spreadsheet (.et) cannot be read: save it in WPS as an Excel workbook (.xlsx) and send that",
    }

    // Checking returns.
    other_attachment(other, other_title, n, title) {
        zh: "这是附件{other}《{other_title}》的报表，不是附件{n}《{title}》的",
        en: "this is a return of 附件{other} 《{other_title}》, not of 附件{n} 《{title}》",
    }
    not_this_form(title, missing, extra) {
        zh: "这不是《{title}》：填写项不同（缺少 {missing}，多出 {extra}）",
        en: "this is not the form 《{title}》: its fields differ (missing {missing}, unknown {extra})",
    }
    other_title(title, expected) {
        zh: "这是《{title}》的报表，不是本版本的《{expected}》",
        en: "this is a return of 《{title}》, not of this edition's 《{expected}》",
    }
    other_edition(found, expected) {
        zh: "这份报表属于 {found}，不属于 {expected}",
        en: "this return belongs to {found}, not to {expected}",
    }
    no_identity() {
        zh: "文件没有注明出自哪个版本（其元数据已被删除）",
        en: "the file does not say which edition it is from (its metadata was removed)",
    }
    header_empty(label) {
        zh: "{label}未填",
        en: "{label} is empty",
    }
    blanks_left(n, codes, more) {
        zh: "{n} 项未填，按 0 计：{codes}{more}",
        en: "{n} blanks left empty, taken as 0: {codes}{more}",
    }
    blank_left(codes) {
        zh: "1 项未填，按 0 计：{codes}",
        en: "1 blank left empty, taken as 0: {codes}",
    }
    and_more(n) {
        zh: " 等（另有 {n} 项）",
        en: " and {n} more",
    }
    returned_twice(unit, others) {
        zh: "{unit} 报送了不止一份（另见 {others}）：请保留一份后重新汇总",
        en: "{unit} returned more than once (also {others}): keep one and collect again",
    }
    not_on_roster(unit, roster) {
        zh: "{unit} 不在报送单位名单（{roster}）中",
        en: "{unit} is not on the roster of reporting units ({roster})",
    }
    near_miss(unit, name) {
        zh: "{unit} 不在报送单位名单中：是否应为“{name}”？",
        en: "{unit} is not on the roster: did you mean {name}?",
    }
    roster_empty() {
        zh: "名单中没有单位：应每行一个报送单位",
        en: "the roster has no units: expected one row per reporting unit",
    }

    // Status words of the terminal.
    status_accepted() {
        zh: "通过",
        en: "accepted",
    }
    status_warning() {
        zh: "通过（有警告）",
        en: "warning",
    }
    status_rejected() {
        zh: "退回",
        en: "rejected",
    }
    status_unreadable() {
        zh: "无法读取",
        en: "unreadable",
    }

    // The summaries (always in Chinese).
    cannot_write_summary(path, error) {
        zh: "无法写入 {path}：{error}",
        en: "cannot write {path}: {error}",
    }
    yes_count_note() {
        zh: "是/否栏的合计为回答“是”的份数",
        en: "the totals of 是/否 columns count the answers 是",
    }
    not_reported() {
        zh: "未报送",
        en: "not reported",
    }
    /// A roster unit with no return of its own, and a refused return whose unit nearly names
    /// it (a typo, or another unit one character off).
    reported_misnamed(written) {
        zh: "未报送（另有一份填报单位写作“{written}”的报表被退回，请核实）",
        en: "not reported (a return from {written} was refused: check whether it is this unit's)",
    }
    reported_not_accepted(status) {
        zh: "已报送但{status}，未计入合计",
        en: "sent, but {status}: not in the totals",
    }
}
