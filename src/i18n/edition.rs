//! Messages of loading and checking an edition (edition, model, text), in Chinese and English.
//!
//! The Chinese is written for the office clerk who keeps the edition: it names the thing in
//! the words of the notice (标题, 发文机关, 附件) and says what to write instead.

use super::catalogue;

catalogue! {
    // ── Files and folders
    no_edition_folder() {
        zh: "找不到版本文件夹：应为一个包含 `notice.toml` 的文件夹",
        en: "no such edition folder: expected a folder holding notice.toml",
    }
    cannot_read(reason) {
        zh: "无法读取：{reason}",
        en: "cannot read: {reason}",
    }
    no_such_file() {
        zh: "没有这个文件",
        en: "no such file",
    }
    permission_denied() {
        zh: "没有读取权限",
        en: "permission denied",
    }
    not_a_file() {
        zh: "这不是一个文件",
        en: "not a file",
    }
    file_too_large(bytes, max) {
        zh: "文件有 {bytes} 字节，太大了：最多 {max} 字节",
        en: "{bytes} bytes is too large: expected at most {max}",
    }
    not_utf8() {
        zh: "文件不是 UTF-8 编码的文本：请另存为 UTF-8",
        en: "the file is not UTF-8 text: save it as UTF-8",
    }

    // ── Years and dates
    implausible_campaign_year(year) {
        zh: "{year} 不像是活动年度：应为 2015 这样的年份",
        en: "{year} is not a plausible campaign year: expected a year such as 2015",
    }
    period_reversed(stem, end, start) {
        zh: "`{stem}_end`（{end}）早于 `{stem}_start`（{start}）：一段时间的结束日期不能早于开始日期",
        en: "{stem}_end {end} is before {stem}_start {start}: a period must end on or after its start",
    }
    not_a_plain_date(found) {
        zh: "应为 2015-01-01 这样的日期（不带时间），这里写的是 `{found}`",
        en: "expected a date such as 2015-01-01, found `{found}`",
    }
    not_in_calendar(date) {
        zh: "{date} 在日历上不存在",
        en: "{date} is not a date in the calendar",
    }
    implausible_date(date) {
        zh: "{date} 的年份不合理：应为 2015 这样的年份",
        en: "{date} is not a plausible date: expected a year such as 2015",
    }
    deadline_before_signing(deadline, signed) {
        zh: "截止日期 {deadline} 早于成文日期（{signed}）：应为更晚的日期",
        en: "the deadline {deadline} is before the notice is signed ({signed}): expected a later date",
    }
    printed_before_signing(printed, signed) {
        zh: "印发日期 {printed} 早于成文日期（{signed}）：应为更晚的日期",
        en: "printed {printed} before it was signed ({signed}): expected a later date",
    }

    // ── Text
    must_not_be_empty() {
        zh: "不能为空",
        en: "must not be empty",
    }
    text_too_long(chars, max) {
        zh: "这段文字有 {chars} 个字符，太长了：一段最多 {max} 个字符（请分成几段）",
        en: "{chars} characters is too long for one text: expected at most {max} (split it into paragraphs)",
    }
    lines_empty() {
        zh: "不能为空：应为一个字符串，或由各行组成的列表",
        en: "must not be empty: expected a string or a list of lines",
    }
    title_too_long_for_a_line() {
        zh: "标题一行放不下，会在任意位置折行：请写成几行的列表，在词与词之间断开",
        en: "the title is longer than one line and will break wherever it must: give it as a list of lines, broken between words",
    }
    hand_numbered_paragraph(number) {
        zh: "这一段以手写的序号 `{number}` 开头：请把它写成一个小节的 `title`（序号由模板按层级生成，字体也随层级）",
        en: "the paragraph starts with a number typed by hand (`{number}`): write it as a section's title, which the template numbers and sets in its level's face",
    }
    hand_numbered_title(number) {
        zh: "标题以序号 `{number}` 开头：序号由模板生成，请删去 `{number}`",
        en: "the title starts with its own number (`{number}`): the template numbers headings, so leave `{number}` out",
    }

    // ── Placeholders (text.rs)
    lone_closing_brace() {
        zh: "单独的 `}}`：要印出花括号请写 `}}}}`",
        en: "a lone `}}`: write `}}}}` to print a brace",
    }
    lone_opening_brace() {
        zh: "这个 `{{` 不是占位符的开头：要印出花括号请写 `{{{{`",
        en: "a `{{` that opens no placeholder: write `{{{{` to print a brace",
    }
    year_offset_too_large(name) {
        zh: "`{{{name}}}`：加减的年数太大",
        en: "`{{{name}}}`: the offset is too large",
    }
    placeholder_needs_year(name) {
        zh: "`{{{name}}}` 要用活动年度，但 `notice.toml` 没有写：请在文件开头加上 `year = 2015` 这样的一行，或删去这个占位符",
        en: "`{{{name}}}` needs the campaign year, which notice.toml does not give: add a line such as `year = 2015` at its top, or leave the placeholder out",
    }
    unknown_placeholder(name, known) {
        zh: "不认识的占位符 `{{{name}}}`：可用的有 {known}",
        en: "unknown placeholder `{{{name}}}`: expected one of {known}",
    }
    unknown_placeholder_none_known(name) {
        zh: "不认识的占位符 `{{{name}}}`：这份通知既没有 `year` 也没有 `[dates]`，没有可用的占位符",
        en: "unknown placeholder `{{{name}}}`: the notice has neither a year nor [dates], so no placeholder can be used",
    }
    unknown_date_style(style, name) {
        zh: "`{{{name}}}` 中的日期格式 `:{style}` 不认识：只能写 `:md`（只印月日）或不写",
        en: "unknown date style `:{style}` in `{{{name}}}`: expected `:md` or none",
    }

    no_campaign_year_to_move() {
        zh: "这份通知没有活动年度（`year`），无法生成下一年的版本：`new-edition` 只用于按年度开展的活动",
        en: "the edition has no campaign year (`year`) to move: a new edition is made for a campaign's next year",
    }

    // ── Head (版头)
    implausible_number_year(year) {
        zh: "发文字号的年份 {year} 不合理：应为 2014 这样的年份",
        en: "{year} is not a plausible year: expected a year such as 2014",
    }
    serial_below_one(serial) {
        zh: "{serial}：发文字号的序号应为 1 或更大",
        en: "{serial}: expected a serial number of 1 or more",
    }
    no_serial_yet() {
        zh: "还没有发文字号的序号：印出时序号处留空",
        en: "no serial number yet: the document number prints with a blank for it",
    }
    no_issuer() {
        zh: "没有写发文机关：请写 `[[issuers]]`（每个机关一段），或者只有一个机关时写 `head.organ_mark` 和 `signature.organ`",
        en: "the notice names no issuer: expected [[issuers]] (one for each), or for a single issuer head.organ_mark and signature.organ",
    }
    no_organ_mark() {
        zh: "没有发文机关标志：请写 `organ_mark`（如“武汉市总工会办公室文件”），或改用 `[[issuers]]`",
        en: "the head has no organ mark: expected organ_mark (such as 武汉市总工会办公室文件), or [[issuers]]",
    }
    no_signature_organ() {
        zh: "没有发文机关署名：请写 `organ`（如“武汉市总工会办公室”），或改用 `[[issuers]]`",
        en: "the signature names no issuer: expected organ (such as 武汉市总工会办公室), or [[issuers]]",
    }
    issuers_given_twice(key) {
        zh: "已经有了 `[[issuers]]`，这里的 {key} 就重复了：请删去它（标志用各机关的 `mark` 和 `head.suffix`，署名用各机关的 `name`）",
        en: "the issuers are given twice: with [[issuers]], leave {key} out (the mark is made of each issuer's mark and head.suffix, the signature of their names)",
    }
    suffix_without_issuers() {
        zh: "`suffix` 只用于 `[[issuers]]`：只有一个机关并写了 `organ_mark` 时，请把“文件”直接写进 `organ_mark`",
        en: "suffix goes with [[issuers]]: with organ_mark, write the whole mark there (such as 武汉市总工会办公室文件)",
    }
    mark_too_wide(mark, width) {
        zh: "发文机关标志“{mark}”太长：用二号字也要 {width} 毫米宽，超出了版心的 150 毫米；请在 `mark` 中改用规范化简称",
        en: "the organ mark 「{mark}」 is too long: even at 2号 it is {width} mm wide, wider than the 150 mm it may take; use the issuer's 规范化简称 in `mark`",
    }
    name_too_long(name, cells) {
        zh: "署名“{name}”一行放不下（{cells} 个字，一行右空二字后最多 26 个字）：署名不能折行",
        en: "the name 「{name}」 does not fit on a line ({cells} characters; a line holds 26 after the two-character indent): a name is never broken",
    }

    // ── Images (印章, 签名章)
    image_not_plain(name) {
        zh: "`{name}`：应为本版本文件夹里的一个 PNG 或 SVG 图片的相对路径，如 `seals/zonggonghui.svg`",
        en: "`{name}`: expected the path of a PNG or SVG image inside the edition's folder, such as seals/zonggonghui.svg",
    }
    image_missing(name, dir) {
        zh: "`{name}`：{dir} 里没有这个文件",
        en: "`{name}`: no such file in {dir}",
    }
    image_outside(name) {
        zh: "`{name}` 指向了版本文件夹之外：印章图片必须放在版本文件夹里",
        en: "`{name}` leads outside the edition's folder: a seal image must be inside it",
    }
    image_not_png_or_svg(name) {
        zh: "`{name}` 不是 PNG 或 SVG 图片：印章请另存为 PNG（透明背景）或 SVG",
        en: "`{name}` is not a PNG or SVG image: save the seal as PNG (with a transparent background) or SVG",
    }
    seal_size(mm) {
        zh: "{mm}：印章的直径应为 20 到 60 毫米（常见的是 42 毫米）",
        en: "{mm}: expected a seal size from 20 to 60 mm (42 is usual)",
    }
    seal_unused(form) {
        zh: "印章图片不会印出：签署方式是 {form}，只有 `sealed`（加盖印章）才印印章",
        en: "the seal image is not printed: the signature's form is {form}, and only sealed prints seals",
    }
    signature_seal_unused(form) {
        zh: "签名章图片不会印出：签署方式是 {form}，只有 `signer`（加盖签发人签名章）才印签名章",
        en: "the signature seal is not printed: the signature's form is {form}, and only signer prints it",
    }
    signer_title_missing() {
        zh: "签署方式是 `signer`（加盖签发人签名章），这个机关还缺签发人职务：请写 `signer`（职务全称，如“武汉市总工会主席”）",
        en: "the signature's form is signer, and this issuer has no signer's title: expected signer (the full title, such as 武汉市总工会主席)",
    }
    signer_form_needs_issuers() {
        zh: "签署方式 `signer`（加盖签发人签名章）要写明每个机关的签发人职务：请改用 `[[issuers]]`，并在每个机关下写 `signer`",
        en: "the signer form needs each issuer's signer: write the issuers as [[issuers]], each with its signer",
    }

    // ── Formats (公文格式: 文件, 信函, 命令, 纪要)
    format_needs_title(format) {
        zh: "{format}要有标题：请在 `[body]` 里写 `title`",
        en: "a notice in the {format} format needs a title: expected `title` in [body]",
    }
    format_needs_addressees(format) {
        zh: "{format}要有主送机关：请在 `[body]` 里写 `addressees`",
        en: "a notice in the {format} format needs its addressees: expected `addressees` in [body]",
    }
    letter_mark_with_wenjian() {
        zh: "信函格式的发文机关标志只用机关全称或规范化简称，不加“文件”二字：请删去“文件”（信函不写 `head.suffix`）",
        en: "a letter's organ mark is the issuer's full or short name, without 文件: leave 文件 out (a letter has no head.suffix)",
    }
    letter_record_printer(key) {
        zh: "信函格式的版记不印印发机关和印发日期：请删去 `record.{key}`（版记只写 `cc` 抄送）",
        en: "a letter's 版记 prints no 印发机关 or 印发日期: leave record.{key} out (the 版记 of a letter is its cc alone)",
    }
    order_number_missing() {
        zh: "命令（令）格式要有令号：请在 `[head]` 里写 `order_number`（如 12，印为“第12号”）",
        en: "an order needs its order number: expected order_number in [head] (12 prints 第12号)",
    }
    order_number_not_order(format) {
        zh: "令号只用于命令（令）格式，这份公文是{format}：请删去 `order_number`，或写 `format = \"order\"`",
        en: "order_number belongs to an order, and this notice is in the {format} format: leave it out, or write format = \"order\"",
    }
    order_number_below_one(n) {
        zh: "{n}：令号应为从 1 开始的整数",
        en: "{n}: expected an order number from 1",
    }
    order_mark(mark) {
        zh: "命令（令）格式的发文机关标志由机关全称加“命令”或“令”字组成，这里是“{mark}”：请以“命令”或“令”结尾",
        en: "an order's mark is the issuer's full name followed by 命令 or 令, not 「{mark}」: end it with 命令 or 令",
    }
    order_number_and_document_number() {
        zh: "命令（令）格式不标发文字号，标令号：请删去 `[head.number]`，令号写在 `order_number`",
        en: "an order carries an order number, not a document number: leave [head.number] out and write order_number",
    }
    order_signature_form(form) {
        zh: "命令（令）格式的署名是签发人职务、签名章和成文日期（GB/T 9704 7.3.5.3），这里是 `{form}`：请写 `form = \"signer\"` 或删去这一行",
        en: "an order is signed with the signer's title, signature seal and date (GB/T 9704 7.3.5.3), not {form}: write form = \"signer\" or leave it out",
    }
    minutes_mark(mark) {
        zh: "纪要格式的标志由“……纪要”组成，这里是“{mark}”：请以“纪要”结尾",
        en: "the mark of minutes is 「……纪要」, not 「{mark}」: end it with 纪要",
    }
    minutes_present_missing() {
        zh: "纪要要有出席人员名单：请写 `[attendance]` 和 `present`（出席的单位、姓名，每项一个字符串）",
        en: "minutes need the list of those present: expected [attendance] with present (units and names, one string each)",
    }
    attendance_not_minutes(format) {
        zh: "出席、请假、列席名单只用于纪要格式，这份公文是{format}：请删去 `[attendance]`，或写 `format = \"minutes\"`",
        en: "the attendance lists belong to minutes, and this notice is in the {format} format: leave [attendance] out, or write format = \"minutes\"",
    }
    format_name_document() {
        zh: "文件格式",
        en: "document",
    }
    format_name_letter() {
        zh: "信函格式",
        en: "letter",
    }
    format_name_order() {
        zh: "命令（令）格式",
        en: "order",
    }
    format_name_minutes() {
        zh: "纪要格式",
        en: "minutes",
    }

    // ── Body (主体)
    section_empty() {
        zh: "这个小节是空的：应有 `title`（标题）、`paragraphs`（段落）或 `items`（下一级小节）",
        en: "the section is empty: expected `title`, `paragraphs` or `items`",
    }
    too_many_levels() {
        zh: "层级太多：公文正文的层次序数只有四级（一、（一）1.（1）），（1）之下不能再分 `items`",
        en: "too many levels: headings go four levels deep (一、 （一） 1. （1）), so a （1） section has no items",
    }
    run_in_level(level) {
        zh: "{level}：`run_in` 里的层级应为 1 到 4（1 = 一、，2 = （一），3 = 1.，4 = （1））",
        en: "{level}: expected heading levels 1 to 4 in run_in (1 = 一、, 2 = （一）, 3 = 1., 4 = （1））",
    }
    run_in_twice(level) {
        zh: "层级 {level} 在 `run_in` 里写了两次",
        en: "level {level} appears twice in run_in",
    }

    // ── Closing, attachments
    attachment_not_plain(name) {
        zh: "`{name}`：应为本版本文件夹里附件文件的文件名，如 `attachment-1.toml`",
        en: "`{name}`: expected the name of a form file in the edition's folder, such as attachment-1.toml",
    }
    attachment_missing(name, dir) {
        zh: "`{name}`：{dir} 里没有这个文件",
        en: "`{name}`: no such file in {dir}",
    }
    attachment_outside(name) {
        zh: "`{name}` 指向了版本文件夹之外",
        en: "`{name}` leads outside the edition's folder",
    }
    attachment_not_a_form(n) {
        zh: "附件{n}没有需要填写的空格（它是文字材料或不带空格的表格），不能填写或汇总",
        en: "attachment {n} has no blanks to fill in (it is a text, or a table without blanks)",
    }
    unknown_attachment_kind(kind) {
        zh: "`{kind}`：附件的 `kind` 只能是 `form`（统计表）、`text`（文字材料，如活动方案）或 `table`（表格，如日程安排表、报名表）",
        en: "`{kind}`: expected the kind of attachment, one of form, text, table",
    }

    // ── Forms
    form_has_no_items() {
        zh: "这张表没有任何指标：至少要有一个 `[[items]]`",
        en: "the form has no items: expected at least one [[items]]",
    }
    item_code_format(code) {
        zh: "`{code}`：指标编号应为两位数字，如 01",
        en: "`{code}`: expected a two-digit item number such as 01",
    }
    item_twice(code) {
        zh: "指标 {code} 出现了两次",
        en: "item {code} appears twice",
    }
    item_has_no_blanks(code) {
        zh: "指标 {code} 没有空格：至少要有一个 `[[items.fields]]`",
        en: "item {code} has no blanks: expected at least one [[items.fields]]",
    }
    field_letter_format(letter) {
        zh: "`{letter}`：空格的字母应为一个大写字母 A–Z",
        en: "`{letter}`: expected one capital letter A–Z",
    }
    field_twice(code) {
        zh: "空格 {code} 出现了两次",
        en: "field {code} appears twice",
    }
    rule_format(rule) {
        zh: "`{rule}`：审核规则应写成 `05A = 05B + 05C` 或 `01B <= 01A` 的样子",
        en: "`{rule}`: expected a rule such as `05A = 05B + 05C` or `01B <= 01A`",
    }
    rule_adds_a_choice(rule, code) {
        zh: "`{rule}`：{code} 是“是/否”空格，不能相加",
        en: "`{rule}`: {code} is a 是/否 field and cannot be added up",
    }
    rule_adds_text(rule, code) {
        zh: "`{rule}`：{code} 是填文字的空格，不能相加",
        en: "`{rule}`: {code} is a text field and cannot be added up",
    }
    rule_side_empty(rule) {
        zh: "`{rule}`：规则的一边是空的：应为用 + 连接的编号",
        en: "`{rule}`: a side of the rule is empty: expected codes joined by +",
    }
    rule_unknown_field(rule, code) {
        zh: "`{rule}`：这张表没有空格 {code}",
        en: "`{rule}`: there is no field {code} in this form",
    }
    rule_mixes_kinds(rule) {
        zh: "`{rule}`：把人数、户数等计数和以万元计的金额放在一起比较了",
        en: "`{rule}`: compares counts with amounts in 万元",
    }

    // ── Tables
    table_no_columns() {
        zh: "表格没有列：至少要有一个 `[[columns]]`",
        en: "the table has no columns: expected at least one [[columns]]",
    }
    table_too_many_columns(n) {
        zh: "表格有 {n} 列，太多了：最多 26 列（列用字母 A–Z 编号）",
        en: "the table has {n} columns: expected at most 26 (columns are lettered A–Z)",
    }
    column_width(width) {
        zh: "{width}：列宽应为大于 0 的字数（四号字），如 4",
        en: "{width}: expected a column width above 0, in characters of the table's text (4号), such as 4",
    }
    table_too_wide_portrait(width) {
        zh: "各列加起来 {width} 个字宽，竖排的页面最多放 31 个字：请把列改窄，或写 `orientation = \"landscape\"`（横排）",
        en: "the columns are {width} characters wide and an upright page holds 31: make them narrower, or set orientation = \"landscape\"",
    }
    table_too_wide(width) {
        zh: "各列加起来 {width} 个字宽，横排的页面也最多放 45 个字：请把列改窄",
        en: "the columns are {width} characters wide and even a landscape page holds only 45: make them narrower",
    }
    table_has_no_rows() {
        zh: "表格没有行：请写 `rows`（各行内容）或 `blank_rows`（留给填写的空行数）",
        en: "the table has no rows: expected rows, or blank_rows to fill in",
    }
    row_overfull(row, columns) {
        zh: "第 {row} 行的单元格超出了表格的 {columns} 列：请删去多余的单元格，或减小 `colspan`",
        en: "row {row} has cells beyond the table's {columns} columns: remove a cell, or make a colspan smaller",
    }
    row_underfull(row, filled, columns) {
        zh: "第 {row} 行只填了 {filled} 列，表格有 {columns} 列：请补上单元格（空单元格写 \"\"），或用 `colspan` 合并",
        en: "row {row} fills {filled} of the table's {columns} columns: add cells (\"\" for an empty one), or merge with colspan",
    }
    rowspan_past_end(rows) {
        zh: "`rowspan` 超出了所在部分的最后一行：这一部分只有 {rows} 行（表头和表身分开计）",
        en: "the rowspan reaches past the last row of its part, which has {rows} rows (the head and the body are counted apart)",
    }
    span_below_one(span) {
        zh: "{span}：`colspan` 和 `rowspan` 应为 1 或更大",
        en: "{span}: expected a colspan or rowspan of 1 or more",
    }
    blank_in_head() {
        zh: "表头里不能有空格（`blank`）：表头是印好的列名",
        en: "a blank cannot be in the table's head: the head is the printed column names",
    }
    blank_rows_count(n) {
        zh: "{n}：`blank_rows` 应为 1 到 99 之间的行数",
        en: "{n}: expected a number of blank rows from 1 to 99",
    }
    table_too_many_rows(n) {
        zh: "表身共 {n} 行，太多了：最多 99 行（行号是两位数）",
        en: "the table's body has {n} rows: expected at most 99 (rows are numbered with two digits)",
    }
    column_blank_without_rows() {
        zh: "这一列写了 `blank`，但表格没有 `blank_rows`：空格只出现在 `blank_rows` 的空行里",
        en: "the column has a blank, but the table has no blank_rows: column blanks are in the blank rows only",
    }
    table_field_label(head, row) {
        zh: "{head}（第{row}行）",
        en: "{head} (row {row})",
    }

    // ── serde and TOML's own messages, in Chinese (the English is theirs, kept as it is)
    serde_invalid_type(found, expected) {
        zh: "类型不对：这里写的是{found}，应为{expected}",
        en: "invalid type: {found}, expected {expected}",
    }
    serde_invalid_value(found, expected) {
        zh: "值不对：这里写的是{found}，应为{expected}",
        en: "invalid value: {found}, expected {expected}",
    }
    serde_unknown_field(field, expected) {
        zh: "不认识的键 `{field}`（是否拼错了？）：这里可以写的键有 {expected}",
        en: "unknown field `{field}`, expected {expected}",
    }
    serde_unknown_field_none(field) {
        zh: "不认识的键 `{field}`：这里不能写任何键",
        en: "unknown field `{field}`, there are no fields",
    }
    serde_unknown_variant(variant, expected) {
        zh: "不认识的值 `{variant}`：可以写的值有 {expected}",
        en: "unknown variant `{variant}`, expected {expected}",
    }
    serde_missing_field(field) {
        zh: "缺少键 `{field}`：这一部分必须写它",
        en: "missing field `{field}`",
    }
    serde_duplicate_key() {
        zh: "同一个键写了两次",
        en: "duplicate key",
    }
    serde_duplicate_field(field) {
        zh: "键 `{field}` 写了两次",
        en: "duplicate field `{field}`",
    }
    serde_invalid_length(found, expected) {
        zh: "个数不对：这里有 {found} 个，应为{expected}",
        en: "invalid length {found}, expected {expected}",
    }
    toml_syntax(what, expected) {
        zh: "TOML 写法有误（{what}）：应为{expected}",
        en: "{what}, expected {expected}",
    }
    toml_syntax_plain(what) {
        zh: "TOML 写法有误：{what}",
        en: "{what}",
    }
}
