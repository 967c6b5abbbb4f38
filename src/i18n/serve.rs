//! Messages of the editor in the browser (`gongwen serve`), in Chinese and English: the
//! command's lines, the page's words, the fields' titles and the server's refusals.

use super::{Message, catalogue};

catalogue! {
    about_serve() {
        zh: "在浏览器中编辑版本：按通知的顺序列出各部分的表单，旁边是随输入重排的页面",
        en: "Edit the edition in a browser: a form of every part in the notice's order, the pages beside it, typeset as you type",
    }
    arg_port() {
        zh: "监听的端口（只监听 127.0.0.1；0 为任一空闲端口）",
        en: "the port to listen on (127.0.0.1 only; 0 for any free port)",
    }
    value_port() {
        zh: "端口",
        en: "PORT",
    }
    arg_no_open() {
        zh: "不打开浏览器，只打印地址",
        en: "do not open a browser, only print the address",
    }
    opening_browser() {
        zh: "正在打开浏览器……",
        en: "opening the browser…",
    }
    label_attendance() {
        zh: "出席、请假、列席",
        en: "attendance",
    }
    choice_document() {
        zh: "文件格式",
        en: "document",
    }
    choice_letter() {
        zh: "信函格式",
        en: "letter",
    }
    choice_order() {
        zh: "命令（令）格式",
        en: "order",
    }
    choice_minutes() {
        zh: "纪要格式",
        en: "minutes",
    }
    label_year() {
        zh: "年度（{{year}}）",
        en: "campaign year ({{year}})",
    }
    label_number_year() {
        zh: "发文年份",
        en: "year of issue",
    }
    label_dates() {
        zh: "日期（{{日期名}}）",
        en: "dates ({{name}})",
    }
    label_issuers() {
        zh: "发文机关",
        en: "issuers",
    }
    label_head() {
        zh: "版头",
        en: "head",
    }
    label_body() {
        zh: "主体",
        en: "body",
    }
    label_closing() {
        zh: "结尾",
        en: "closing",
    }
    label_signature() {
        zh: "署名和成文日期",
        en: "signature and date",
    }
    label_record() {
        zh: "版记",
        en: "record",
    }
    label_name() {
        zh: "全称",
        en: "full name",
    }
    label_mark() {
        zh: "发文机关标志用名",
        en: "name in the mark",
    }
    label_seal() {
        zh: "印章图片",
        en: "seal image",
    }
    label_seal_size() {
        zh: "印章直径（毫米）",
        en: "seal size (mm)",
    }
    label_signer() {
        zh: "签发人职务",
        en: "signer's title",
    }
    label_signature_seal() {
        zh: "签发人签名章图片",
        en: "signature seal image",
    }
    label_copy_number() {
        zh: "份号",
        en: "copy number",
    }
    label_secrecy() {
        zh: "密级和保密期限",
        en: "secrecy",
    }
    label_urgency() {
        zh: "紧急程度",
        en: "urgency",
    }
    label_organ_mark() {
        zh: "发文机关标志",
        en: "organ mark",
    }
    label_suffix() {
        zh: "标志后缀（如“文件”）",
        en: "suffix of the mark",
    }
    label_signers() {
        zh: "签发人",
        en: "signers",
    }
    label_number() {
        zh: "发文字号",
        en: "document number",
    }
    label_agency() {
        zh: "机关代字",
        en: "agency code",
    }
    label_serial() {
        zh: "序号",
        en: "serial",
    }
    label_title() {
        zh: "标题",
        en: "title",
    }
    label_addressees() {
        zh: "主送机关",
        en: "addressees",
    }
    label_opening() {
        zh: "开头段落",
        en: "opening paragraphs",
    }
    label_sections() {
        zh: "正文各部分（一、（一）1.（1））",
        en: "sections",
    }
    label_run_in() {
        zh: "标题与正文同行的层级",
        en: "run-in heading levels",
    }
    label_paragraphs() {
        zh: "段落",
        en: "paragraphs",
    }
    label_items() {
        zh: "下一级",
        en: "items one level down",
    }
    label_form_items() {
        zh: "指标",
        en: "items",
    }
    label_contact_label() {
        zh: "名称（如“电子邮箱”）",
        en: "label",
    }
    label_contact_text() {
        zh: "内容",
        en: "text",
    }
    label_closing_paragraphs() {
        zh: "结尾段落（如“特此通知。”）",
        en: "closing paragraphs",
    }
    label_contacts() {
        zh: "联系人",
        en: "contacts",
    }
    label_phone() {
        zh: "联系电话",
        en: "phone",
    }
    label_phone_note() {
        zh: "电话后的括注（如“传真”）",
        en: "note after the phone",
    }
    label_contact() {
        zh: "其他联系方式",
        en: "further contact lines",
    }
    label_attachments() {
        zh: "附件文件（依次为附件1、附件2……）",
        en: "attachment files",
    }
    label_note() {
        zh: "附注",
        en: "note",
    }
    label_organ() {
        zh: "署名机关",
        en: "signing organ",
    }
    label_date() {
        zh: "成文日期",
        en: "date of signing",
    }
    label_form() {
        zh: "署名方式",
        en: "form of signature",
    }
    label_cc() {
        zh: "抄送机关",
        en: "copies to",
    }
    label_printer() {
        zh: "印发机关",
        en: "printed by",
    }
    label_printed() {
        zh: "印发日期",
        en: "printed on",
    }
    label_kind() {
        zh: "类型",
        en: "kind",
    }
    label_notes() {
        zh: "说明",
        en: "notes",
    }
    label_rules() {
        zh: "校验规则（如 05A = 05B + 05C）",
        en: "rules",
    }
    label_header() {
        zh: "表头填空（填报单位、填报人、联系电话）",
        en: "header blanks",
    }
    label_orientation() {
        zh: "页面方向",
        en: "orientation",
    }
    label_columns() {
        zh: "列",
        en: "columns",
    }
    label_table_head() {
        zh: "表头行",
        en: "head rows",
    }
    label_rows() {
        zh: "行",
        en: "rows",
    }
    label_blank_rows() {
        zh: "供填写的空行数",
        en: "blank rows",
    }
    label_width() {
        zh: "宽度（字数）",
        en: "width (characters)",
    }
    label_blank() {
        zh: "空格类型",
        en: "kind of blank",
    }
    label_numbered() {
        zh: "印序号",
        en: "numbered",
    }
    label_align() {
        zh: "对齐",
        en: "alignment",
    }
    label_text() {
        zh: "文字",
        en: "text",
    }
    label_colspan() {
        zh: "跨列数",
        en: "columns spanned",
    }
    label_rowspan() {
        zh: "跨行数",
        en: "rows spanned",
    }
    label_header_unit() {
        zh: "填报单位",
        en: "reporting unit",
    }
    label_reporter() {
        zh: "填报人",
        en: "reporter",
    }
    label_code() {
        zh: "指标代码",
        en: "item code",
    }
    label_lead() {
        zh: "引导语",
        en: "lead",
    }
    label_fields() {
        zh: "填空",
        en: "blanks",
    }
    label_letter() {
        zh: "字母",
        en: "letter",
    }
    label_field_label() {
        zh: "填空前的文字",
        en: "label",
    }
    label_unit() {
        zh: "单位（万元、是/否、人……）",
        en: "unit",
    }
    label_tail() {
        zh: "单位后的文字",
        en: "text after the unit",
    }
    label_after() {
        zh: "其后的标点",
        en: "punctuation after",
    }
    label_join() {
        zh: "与上一空同行",
        en: "on the previous blank's line",
    }
    choice_sealed() {
        zh: "加盖印章",
        en: "sealed",
    }
    choice_unsealed() {
        zh: "不加盖印章",
        en: "unsealed",
    }
    choice_signer() {
        zh: "加盖签发人签名章",
        en: "signer's seal",
    }
    choice_portrait() {
        zh: "纵向",
        en: "portrait",
    }
    choice_landscape() {
        zh: "横向",
        en: "landscape",
    }
    choice_center() {
        zh: "居中",
        en: "centred",
    }
    choice_left() {
        zh: "左对齐",
        en: "left",
    }
    choice_count() {
        zh: "整数（人、户……）",
        en: "count",
    }
    choice_amount() {
        zh: "金额（万元）",
        en: "amount",
    }
    choice_choice() {
        zh: "是/否",
        en: "yes/no",
    }
    choice_text() {
        zh: "文字",
        en: "text",
    }
    branch_one_line() {
        zh: "一行",
        en: "one line",
    }
    branch_lines() {
        zh: "分行（在词与词之间断开）",
        en: "several lines",
    }
    branch_cell_text() {
        zh: "文字",
        en: "text",
    }
    branch_cell_spec() {
        zh: "合并单元格、填空或对齐",
        en: "merged, blank or aligned",
    }
    branch_header_on() {
        zh: "有表头",
        en: "with a header",
    }
    branch_header_off() {
        zh: "不要表头",
        en: "no header",
    }
    branch_label_text() {
        zh: "标签",
        en: "label",
    }
    branch_label_off() {
        zh: "不要此项",
        en: "left out",
    }
    ui_title() {
        zh: "公文编辑",
        en: "notice editor",
    }
    ui_save() {
        zh: "保存",
        en: "save",
    }
    ui_saved() {
        zh: "已保存",
        en: "saved",
    }
    ui_unsaved() {
        zh: "有未保存的修改",
        en: "unsaved changes",
    }
    ui_add() {
        zh: "添加",
        en: "add",
    }
    ui_remove() {
        zh: "删除",
        en: "remove",
    }
    ui_up() {
        zh: "上移",
        en: "move up",
    }
    ui_down() {
        zh: "下移",
        en: "move down",
    }
    ui_placeholder() {
        zh: "插入占位符",
        en: "insert a placeholder",
    }
    ui_download() {
        zh: "下载（已保存的版本）",
        en: "download (as saved)",
    }
    ui_next_year() {
        zh: "下一年度",
        en: "next year",
    }
    ui_ask_year() {
        zh: "新版本的年度：",
        en: "year of the new edition:",
    }
    ui_new_edition_ready() {
        zh: "新版本已生成，请下载：",
        en: "the new edition is ready to download:",
    }
    ui_still_to_decide() {
        zh: "仍需核对：",
        en: "still to decide:",
    }
    ui_changed() {
        zh: "已修改：",
        en: "changed:",
    }
    ui_rendering() {
        zh: "正在排版……",
        en: "typesetting…",
    }
    ui_errors() {
        zh: "问题",
        en: "problems",
    }
    ui_no_errors() {
        zh: "没有问题",
        en: "no problems",
    }
    ui_stale() {
        zh: "有错误：页面为上一次正确的排版",
        en: "errors: the pages shown are the last good ones",
    }
    ui_notice() {
        zh: "通知",
        en: "notice",
    }
    ui_attachment() {
        zh: "附件",
        en: "attachment",
    }
    ui_key() {
        zh: "名称",
        en: "name",
    }
    ui_value() {
        zh: "值",
        en: "value",
    }
    ui_empty() {
        zh: "（空）",
        en: "(empty)",
    }
    ui_none() {
        zh: "（不填）",
        en: "(none)",
    }
    ui_pages() {
        zh: "页面",
        en: "pages",
    }
    ui_conflict_reload() {
        zh: "重新载入",
        en: "reload",
    }
    ui_leave() {
        zh: "有未保存的修改，确定离开？",
        en: "unsaved changes: leave anyway?",
    }
    serving(edition, keys) {
        zh: "在浏览器中打开下面的地址编辑 {edition}（按 {keys} 结束）：",
        en: "open this address in a browser to edit {edition} ({keys} ends):",
    }
    cannot_listen(port, reason) {
        zh: "无法在 127.0.0.1:{port} 监听：{reason}",
        en: "cannot listen on 127.0.0.1:{port}: {reason}",
    }
    cannot_start(reason) {
        zh: "无法启动服务：{reason}",
        en: "cannot start the server: {reason}",
    }
    no_token() {
        zh: "缺少或错误的令牌：请打开 `gongwen serve` 打印的地址",
        en: "missing or wrong token: open the address gongwen serve printed",
    }
    foreign_host(port) {
        zh: "`Host` 不是 `127.0.0.1:{port}` 或 `localhost:{port}`，拒绝（防止域名重绑定）",
        en: "Host is not 127.0.0.1:{port} or localhost:{port}: refused (DNS rebinding)",
    }
    foreign_origin(expected) {
        zh: "修改请求须来自本页面（`Origin` 应为 {expected}），拒绝",
        en: "a request that changes something must come from the page (Origin {expected}): refused",
    }
    bad_path() {
        zh: "路径不允许（不得含 .. 或编码的路径分隔符）",
        en: "path not allowed (no .. or encoded separators)",
    }
    body_too_large(limit) {
        zh: "请求过大（上限 {limit} 字节）",
        en: "request too large (limit {limit} bytes)",
    }
    bad_request(reason) {
        zh: "请求无法读取：{reason}",
        en: "the request cannot be read: {reason}",
    }
    unknown_file(name) {
        zh: "{name} 不是本版本的文件",
        en: "{name} is not a file of this edition",
    }
    changed_meanwhile(name) {
        zh: "{name} 在打开之后已被修改（另一个标签页或编辑器）：未保存。请重新载入后再改。",
        en: "{name} was changed since it was opened (another tab or an editor): not saved. Reload, then edit again.",
    }
    not_found() {
        zh: "没有这个地址",
        en: "no such address",
    }
    saved_files(files) {
        zh: "已保存 {files}",
        en: "saved {files}",
    }
    cannot_save(name, reason) {
        zh: "无法保存 {name}：{reason}",
        en: "cannot save {name}: {reason}",
    }
    not_a_table(name) {
        zh: "{name} 的内容应为表",
        en: "{name} must hold a table",
    }
    wrong_type(path, expected) {
        zh: "{path}：应为{expected}",
        en: "{path}: expected {expected}",
    }
    expected_date() {
        zh: "日期（年-月-日）",
        en: "a date (year-month-day)",
    }
    expected_text() {
        zh: "文字",
        en: "text",
    }
    expected_number() {
        zh: "数字",
        en: "a number",
    }
    expected_list() {
        zh: "列表",
        en: "a list",
    }
    expected_table() {
        zh: "表",
        en: "a table",
    }
    cannot_render(reason) {
        zh: "无法生成页面图片：{reason}",
        en: "cannot draw the page: {reason}",
    }
    no_such_download(name) {
        zh: "没有可下载的 {name}",
        en: "nothing to download as {name}",
    }
}

/// The title of field `key` of the model type `owner` (`Head`, `copy_number`), if the
/// catalogue has one: the owner's own first, then the key's in any type.
pub fn label(owner: &str, key: &str) -> Option<Message> {
    Some(match (owner, key) {
        ("Notice", "year") => label_year(),
        ("DocumentNumber", "year") => label_number_year(),
        ("Notice", "head") => label_head(),
        ("Section", "items") => label_items(),
        ("Form", "items") => label_form_items(),
        ("ContactLine", "label") => label_contact_label(),
        ("ContactLine", "text") => label_contact_text(),
        ("Closing", "paragraphs") => label_closing_paragraphs(),
        ("TableAttachment", "head") => label_table_head(),
        ("CellSpec", "text") => label_text(),
        ("FormHeader", "unit") => label_header_unit(),
        ("FieldSpec", "label") => label_field_label(),
        ("FieldSpec", "unit") => label_unit(),
        (_, "dates") => label_dates(),
        (_, "attendance") => label_attendance(),
        (_, "issuers") => label_issuers(),
        (_, "body") => label_body(),
        (_, "closing") => label_closing(),
        (_, "signature") => label_signature(),
        (_, "record") => label_record(),
        (_, "name") => label_name(),
        (_, "mark") => label_mark(),
        (_, "seal") => label_seal(),
        (_, "seal_size") => label_seal_size(),
        (_, "signer") => label_signer(),
        (_, "signature_seal") => label_signature_seal(),
        (_, "copy_number") => label_copy_number(),
        (_, "secrecy") => label_secrecy(),
        (_, "urgency") => label_urgency(),
        (_, "organ_mark") => label_organ_mark(),
        (_, "suffix") => label_suffix(),
        (_, "signers") => label_signers(),
        (_, "number") => label_number(),
        (_, "agency") => label_agency(),
        (_, "serial") => label_serial(),
        (_, "title") => label_title(),
        (_, "addressees") => label_addressees(),
        (_, "opening") => label_opening(),
        (_, "sections") => label_sections(),
        (_, "run_in") => label_run_in(),
        (_, "paragraphs") => label_paragraphs(),
        (_, "contacts") => label_contacts(),
        (_, "phone") => label_phone(),
        (_, "phone_note") => label_phone_note(),
        (_, "contact") => label_contact(),
        (_, "attachments") => label_attachments(),
        (_, "note") => label_note(),
        (_, "organ") => label_organ(),
        (_, "date") => label_date(),
        (_, "form") => label_form(),
        (_, "cc") => label_cc(),
        (_, "printer") => label_printer(),
        (_, "printed") => label_printed(),
        (_, "kind") => label_kind(),
        (_, "notes") => label_notes(),
        (_, "rules") => label_rules(),
        (_, "header") => label_header(),
        (_, "orientation") => label_orientation(),
        (_, "columns") => label_columns(),
        (_, "rows") => label_rows(),
        (_, "blank_rows") => label_blank_rows(),
        (_, "width") => label_width(),
        (_, "blank") => label_blank(),
        (_, "numbered") => label_numbered(),
        (_, "align") => label_align(),
        (_, "colspan") => label_colspan(),
        (_, "rowspan") => label_rowspan(),
        (_, "reporter") => label_reporter(),
        (_, "code") => label_code(),
        (_, "lead") => label_lead(),
        (_, "fields") => label_fields(),
        (_, "letter") => label_letter(),
        (_, "tail") => label_tail(),
        (_, "after") => label_after(),
        (_, "join") => label_join(),
        _ => return None,
    })
}

/// The title of a choice of an enum of the model (`sealed`, `landscape`).
pub fn choice(value: &str) -> Option<Message> {
    Some(match value {
        "document" => choice_document(),
        "letter" => choice_letter(),
        "order" => choice_order(),
        "minutes" => choice_minutes(),
        "sealed" => choice_sealed(),
        "unsealed" => choice_unsealed(),
        "signer" => choice_signer(),
        "portrait" => choice_portrait(),
        "landscape" => choice_landscape(),
        "center" => choice_center(),
        "left" => choice_left(),
        "count" => choice_count(),
        "amount" => choice_amount(),
        "choice" => choice_choice(),
        "text" => choice_text(),
        _ => return None,
    })
}

/// The page's own words, by name, in Chinese: the page is written for the office.
pub fn page_words() -> Vec<(&'static str, String)> {
    vec![
        ("title", ui_title().zh),
        ("save", ui_save().zh),
        ("saved", ui_saved().zh),
        ("unsaved", ui_unsaved().zh),
        ("add", ui_add().zh),
        ("remove", ui_remove().zh),
        ("up", ui_up().zh),
        ("down", ui_down().zh),
        ("placeholder", ui_placeholder().zh),
        ("download", ui_download().zh),
        ("next_year", ui_next_year().zh),
        ("ask_year", ui_ask_year().zh),
        ("new_edition_ready", ui_new_edition_ready().zh),
        ("still_to_decide", ui_still_to_decide().zh),
        ("changed", ui_changed().zh),
        ("rendering", ui_rendering().zh),
        ("errors", ui_errors().zh),
        ("no_errors", ui_no_errors().zh),
        ("stale", ui_stale().zh),
        ("notice", ui_notice().zh),
        ("attachment", ui_attachment().zh),
        ("key", ui_key().zh),
        ("value", ui_value().zh),
        ("empty", ui_empty().zh),
        ("none", ui_none().zh),
        ("pages", ui_pages().zh),
        ("conflict_reload", ui_conflict_reload().zh),
        ("leave", ui_leave().zh),
    ]
}
