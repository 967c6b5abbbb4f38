//! Messages of the command line: flags, help, what each command prints, in Chinese and English.

use super::catalogue;

catalogue! {
    /// The last line when one error stopped the command.
    one_error_nothing_written() {
        zh: "1 个错误：未写入任何文件",
        en: "1 error: nothing written",
    }
    /// The last line when several errors stopped the command.
    errors_nothing_written(n) {
        zh: "{n} 个错误：未写入任何文件",
        en: "{n} errors: nothing written",
    }
    /// The last line when some units' forms could not be written and the rest were.
    errors_some_written(n, written) {
        zh: "{n} 个错误：其余 {written} 份已写入",
        en: "{n} errors: the other {written} written",
    }

    // Diagnostics.
    report_error(message) {
        zh: "错误：{message}",
        en: "error: {message}",
    }
    report_warning(message) {
        zh: "警告：{message}",
        en: "warning: {message}",
    }

    // What the commands print.
    /// `build`/`fill`: a PDF written, with its page count.
    wrote_pages(path, pages) {
        zh: "{path}  {pages} 页",
        en: "{path}  {pages} pages",
    }
    /// `build`/`fill`: a one-page PDF written.
    wrote_page(path) {
        zh: "{path}  1 页",
        en: "{path}  1 page",
    }
    /// `build`: a Word document written (its pages are the reader's to lay out).
    wrote_word(path) {
        zh: "{path}  Word 文档",
        en: "{path}  Word document",
    }
    /// `build`/`fill`: a spreadsheet written.
    wrote_sheet(path) {
        zh: "{path}  电子表格",
        en: "{path}  spreadsheet",
    }
    /// `check`: the edition is sound.
    check_ok(edition, documents) {
        zh: "{edition}：无误（{documents} 份文件）",
        en: "{edition}: ok ({documents} documents)",
    }
    /// `fill --units`: the folder of forms written.
    wrote_forms(path, n, attachment) {
        zh: "{path}  附件{attachment} 共 {n} 份",
        en: "{path}  {n} forms of 附件{attachment}",
    }
    /// `collect`: the summary written.
    wrote_summary(path, n, attachment) {
        zh: "{path}  附件{attachment} 回收表 {n} 份",
        en: "{path}  {n} returns of 附件{attachment}",
    }
    /// `collect`: a return that did not pass, with its first reason.
    bad_return(status, file, reason) {
        zh: "  {status} {file}，原因：{reason}",
        en: "  {status} {file}: {reason}",
    }
    /// `collect`: the roster units that sent nothing that counts.
    missing_units(n) {
        zh: "未报单位 {n} 个",
        en: "{n} units have not reported",
    }
    /// `new-edition`: what was made.
    new_edition_made(out, year, from) {
        zh: "{out}：{year} 年版本，由 {from} 生成",
        en: "{out}: the {year} edition, from {from}",
    }
    new_edition_changed() {
        zh: "已修改：",
        en: "changed:",
    }
    new_edition_decide() {
        zh: "尚待确定：",
        en: "still to decide:",
    }
    new_edition_then(commands) {
        zh: "然后运行：{commands}",
        en: "then: {commands}",
    }
    /// `watch`: started.
    watching(edition) {
        zh: "正在监视 {edition}（按 Ctrl-C 停止）",
        en: "watching {edition} (Ctrl-C to stop)",
    }
    /// `watch`: one round built.
    watch_built(files, pages, out, ms) {
        zh: "已生成 {files} 个文件（{pages} 页），写入 {out}，用时 {ms} 毫秒",
        en: "built {files} files ({pages} pages) into {out} in {ms} ms",
    }
    /// `watch`: one round failed.
    watch_not_built() {
        zh: "未生成：保留上次成功生成的文件",
        en: "not built: the last good PDFs are kept",
    }

    // Refusals of the command line (exit 2).
    no_such_attachment(n, count) {
        zh: "没有附件{n}：本版本有 {count} 个附件",
        en: "there is no attachment {n}: the edition has {count}",
    }
    no_such_attachment_range(n, count) {
        zh: "没有附件{n}：本版本有 {count} 个附件（1 至 {count}）",
        en: "there is no attachment {n}: the edition has {count} (1 to {count})",
    }
    summary_extension() {
        zh: "汇总表须以 .xlsx 或 .csv 结尾",
        en: "the summary must end in .xlsx or .csv",
    }
    no_returns_found() {
        zh: "未找到回收的报表",
        en: "no returns found",
    }
    /// `collect EDITION -n 1 -o x.xlsx`: the only path is the edition itself.
    no_returns_given(edition, example) {
        zh: "没有给出回收的报表：{edition} 是版本目录，请在它后面写出报表所在的文件或文件夹，例如 {example}",
        en: "no returns given: {edition} is the edition; name the returns after it, such as {example}",
    }
    /// The folder an output is to go into does not exist.
    no_such_folder(dir) {
        zh: "文件夹 {dir} 不存在：请先创建它，或写出已有的文件夹",
        en: "the folder {dir} does not exist: create it first, or name a folder that exists",
    }
    /// `fill --units -o x.pdf`.
    units_out_is_a_file(out) {
        zh: "使用 --units 时，-o 应是一个文件夹（每个单位一份），而 {out} 像一个文件名",
        en: "with --units, -o is a folder (one form per unit), but {out} names a file",
    }
    /// `fill -o` onto a file that exists.
    would_overwrite(path) {
        zh: "{path} 已存在，未覆盖（可能是已回收的报表）：换一个文件名，或加 --force 覆盖",
        en: "{path} exists and was not overwritten (it may be a returned form): choose another name, or add --force",
    }
    /// `fill --values -o x.txt`.
    fill_extension(out) {
        zh: "{out}：输出文件须以 .pdf 或 .xlsx 结尾",
        en: "{out}: the output must end in .pdf or .xlsx",
    }
    /// `fill --format ofd`: an OFD has no fields.
    fill_formats() {
        zh: "填好的报表写成 PDF 或 XLSX：OFD 和 DOCX 不带填写域",
        en: "filled forms are written as PDF or XLSX: an OFD or a DOCX has no fields",
    }
    /// `fill --flatten` with a spreadsheet.
    flatten_needs_pdf() {
        zh: "--flatten 只用于 PDF",
        en: "--flatten applies to PDFs only",
    }
    cannot_write(error) {
        zh: "无法写入：{error}",
        en: "cannot write: {error}",
    }
    cannot_create(error) {
        zh: "无法创建：{error}",
        en: "cannot create: {error}",
    }

    // The help of the command line.
    about_gongwen() {
        zh: "按 GB/T 9704-2012 排版的公文，附可填写的统计表",
        en: "Chinese official documents (公文) to GB/T 9704-2012, with fillable statistics forms",
    }
    about_build() {
        zh: "生成通知及各附件（默认命令）：PDF，报表另有电子表格",
        en: "Write the notice and each attachment: PDFs, and each form as a spreadsheet too (the default command)",
    }
    about_check() {
        zh: "检查版本，列出每个问题，不写任何文件",
        en: "Check an edition and report every problem, writing nothing",
    }
    about_fill() {
        zh: "生成已填写的报表：按数值文件填一份，或按单位名单每单位一份",
        en: "Write a filled form: one from a file of values, or one per reporting unit",
    }
    about_watch() {
        zh: "生成一次，此后每当版本文件（或模板）保存时重新生成",
        en: "Build, then build again whenever a file of the edition (or a template) is saved",
    }
    about_new_edition() {
        zh: "由本年版本生成下一年的版本：日期顺延，节日重算",
        en: "Start next year's edition from this one: dates moved, festivals recomputed",
    }
    about_collect() {
        zh: "读取回收的报表，逐份审核，写出带合计的汇总表",
        en: "Read returned forms, check each, and write a summary with totals",
    }
    long_about_collect() {
        zh: "读取回收的报表，逐份审核，写出带合计的汇总表\n\n退出状态：全部通过（含有警告的）为 0，有退回或无法读取的为 1，命令无法执行为 2。",
        en: "Read returned forms, check each, and write a summary with totals\n\nExit status: 0 when every return is accepted (warnings included), 1 when any is rejected or unreadable, 2 when the command cannot run.",
    }
    arg_lang(zh, en) {
        zh: "界面语言：{zh}（中文）或 {en}（英文）［默认：中文环境下为 {zh}，否则为 {en}］",
        en: "The language of messages: {zh} (中文) or {en} [default: {zh} under a Chinese locale, else {en}]",
    }
    arg_fonts(var, folder) {
        zh: "字体文件夹［默认：环境变量 {var}、当前文件夹下的 {folder} 或源代码中的 {folder}/］",
        en: "The fonts folder [default: ${var}, ./{folder}, or the checkout's {folder}/]",
    }
    arg_templates() {
        zh: "从此文件夹读取模板，而不用 gongwen 内置的模板",
        en: "Read the templates from this folder instead of the copies built into gongwen",
    }
    arg_script(hans, hant) {
        zh: "用简体（{hans}，默认）或繁体（{hant}）字印制",
        en: "Print in Simplified ({hans}, the default) or Traditional ({hant}) characters",
    }
    arg_pdf_standard() {
        zh: "符合的 PDF 标准，以逗号分隔：a-2b（存档）、ua-1（无障碍）……",
        en: "Conform to PDF standards, comma-separated: a-2b (archival), ua-1 (accessible), …",
    }
    arg_edition() {
        zh: "版本所在的文件夹",
        en: "The edition's folder",
    }
    arg_out_dir() {
        zh: "写入的文件夹",
        en: "The folder to write into",
    }
    arg_format() {
        zh: "写出的格式，以逗号分隔",
        en: "The formats to write, comma-separated",
    }
    arg_attachment() {
        zh: "哪个附件的报表（附件1 写 1）",
        en: "Which attachment's form (1 for 附件1)",
    }
    arg_values() {
        zh: "数值文件：.toml（编号 = 数值）或 .csv（编号,数值）",
        en: "A .toml (code = value) or .csv (code,value) file of values",
    }
    arg_fill_units() {
        zh: "报送单位名单 .csv，每行一个单位：填报单位及其他列",
        en: "A .csv of reporting units, one per row: unit (填报单位) and any other columns",
    }
    arg_fill_out() {
        zh: "写出的文件（用 --values 时，.pdf 或 .xlsx），或写入的文件夹（用 --units 时）",
        en: "The file to write (with --values: .pdf or .xlsx), or the folder to write into (with --units)",
    }
    arg_fill_format() {
        zh: "用 --units 时写出的格式，以逗号分隔；用 --values 时由 -o 的扩展名决定",
        en: "With --units, the formats to write, comma-separated; with --values, the extension of -o decides",
    }
    arg_flatten() {
        zh: "把数值印入页面、不留填写域，用于存档和打印",
        en: "Print the values into the page and leave no fields, for archiving and printing",
    }
    arg_force() {
        zh: "覆盖已有的文件",
        en: "Overwrite files that exist",
    }
    arg_from() {
        zh: "本年的版本",
        en: "This year's edition",
    }
    arg_year() {
        zh: "新版本的活动年度",
        en: "The campaign year of the new edition",
    }
    arg_new_out() {
        zh: "新版本的文件夹（须尚不存在）",
        en: "The new edition's folder (must not exist yet)",
    }
    arg_paths() {
        zh: "［版本］，然后是回收的报表：PDF、XLSX、XLS、ODS 文件，或文件夹（含子文件夹）",
        en: "[EDITION] then the returns: PDF, XLSX, XLS or ODS files, or folders searched recursively",
    }
    arg_collect_attachment() {
        zh: "回收的是哪个附件的报表（附件1 写 1）",
        en: "Which attachment's form the returns are (1 for 附件1)",
    }
    arg_roster(file) {
        zh: "报送单位名单 .csv（填报单位，可有联系人、联系电话）［默认：版本中的 {file}］",
        en: "The reporting units, a .csv (unit, and any contacts) [default: the edition's {file}]",
    }
    arg_summary() {
        zh: "写出的汇总表：.xlsx（给人看）或 .csv（给程序用）",
        en: "The summary to write: a .xlsx (for people) or .csv (for scripts)",
    }
    value_lang() {
        zh: "语言",
        en: "LANG",
    }
    value_script() {
        zh: "字形",
        en: "SCRIPT",
    }
    value_dir() {
        zh: "文件夹",
        en: "DIR",
    }
    value_standards() {
        zh: "标准",
        en: "STANDARDS",
    }
    value_edition() {
        zh: "版本",
        en: "EDITION",
    }
    value_formats() {
        zh: "格式",
        en: "FORMAT",
    }
    value_file() {
        zh: "文件",
        en: "FILE",
    }
    value_output() {
        zh: "输出",
        en: "OUT",
    }
    value_year() {
        zh: "年度",
        en: "YEAR",
    }
    value_paths() {
        zh: "路径",
        en: "PATHS",
    }
    value_summary() {
        zh: "汇总表",
        en: "SUMMARY",
    }
    help_usage() {
        zh: "用法：",
        en: "Usage:",
    }
    help_arguments() {
        zh: "参数：",
        en: "Arguments:",
    }
    help_options() {
        zh: "选项：",
        en: "Options:",
    }
    help_commands() {
        zh: "命令：",
        en: "Commands:",
    }
    help_flag() {
        zh: "显示帮助",
        en: "Print help",
    }
    version_flag() {
        zh: "显示版本",
        en: "Print version",
    }
    help_command() {
        zh: "显示本帮助，或所给命令的帮助",
        en: "Print this message or the help of the given subcommand(s)",
    }
    help_command_arg() {
        zh: "要显示帮助的命令",
        en: "Print help for the subcommand(s)",
    }
    help_default(value) {
        zh: "［默认：{value}］",
        en: "[default: {value}]",
    }
    help_possible(values) {
        zh: "［可选：{values}］",
        en: "[possible values: {values}]",
    }
    options_placeholder() {
        zh: "［选项］",
        en: "[OPTIONS]",
    }
    command_placeholder() {
        zh: "命令",
        en: "COMMAND",
    }

    // clap's own errors.
    error_prefix() {
        zh: "错误：",
        en: "error:",
    }
    error_more_help(flag) {
        zh: "更多信息请用“{flag}”。",
        en: "For more information, try '{flag}'.",
    }
    error_missing(args) {
        zh: "缺少必需的参数：{args}",
        en: "the following required arguments were not provided: {args}",
    }
    error_unknown_argument(arg) {
        zh: "无法识别的参数“{arg}”",
        en: "unexpected argument '{arg}' found",
    }
    error_did_you_mean(suggestion) {
        zh: "您是否要写“{suggestion}”？",
        en: "a similar argument exists: '{suggestion}'",
    }
    error_invalid_value(value, arg) {
        zh: "参数 {arg} 的值“{value}”无效",
        en: "invalid value '{value}' for '{arg}'",
    }
    error_possible_values(values) {
        zh: "可选的值：{values}",
        en: "possible values: {values}",
    }
    error_no_value(arg) {
        zh: "参数 {arg} 需要一个值，但没有给出",
        en: "a value is required for '{arg}' but none was supplied",
    }
    error_conflict(arg, other) {
        zh: "参数 {arg} 不能与 {other} 同时使用",
        en: "the argument '{arg}' cannot be used with '{other}'",
    }
    error_unknown_command(command) {
        zh: "无法识别的命令“{command}”",
        en: "unrecognized subcommand '{command}'",
    }
    error_too_many(value) {
        zh: "多余的参数“{value}”",
        en: "unexpected value '{value}'",
    }
    error_given_twice(arg) {
        zh: "参数 {arg} 只能给出一次",
        en: "the argument '{arg}' cannot be used multiple times",
    }
    error_other(detail) {
        zh: "命令行有误：{detail}",
        en: "invalid command line: {detail}",
    }
}
