//! Messages of typesetting: fonts, templates, Typst's diagnostics, in Chinese and English.

use super::catalogue;

catalogue! {
    no_fonts_folder(dir) {
        zh: "{dir} 处没有字体文件夹：应为本项目的 fonts/（见 fonts/LICENSES）",
        en: "no fonts folder at {dir}: expected the project's fonts/ (see fonts/LICENSES)",
    }
    no_fonts(dir) {
        zh: "{dir} 中没有字体：应为本项目的字体（见 fonts/LICENSES）",
        en: "no fonts in {dir}: expected the project's fonts (see fonts/LICENSES)",
    }
    /// Characters that fall back from a role's font.
    fell_back(chars, first, role, fallback) {
        zh: "{chars} 不在{role}字体 {first} 中：改用 {fallback} 印出",
        en: "{chars} not in {first} ({role}): printed in {fallback} instead",
    }
    /// Characters that no font has.
    no_font_has(chars) {
        zh: "{chars} 不在 fonts/ 的任何字体中：会印成空框",
        en: "{chars} in no font of fonts/: it would print as an empty box",
    }
    cannot_read_font(path, error) {
        zh: "无法读取 {path}：{error}",
        en: "cannot read {path}: {error}",
    }
    cannot_map_font(path, error) {
        zh: "无法映射 {path}：{error}",
        en: "cannot map {path}: {error}",
    }
    not_a_pdf_standard(name, known) {
        zh: "“{name}”不是 Typst 0.15 能写出的 PDF 标准：应为 {known} 之一",
        en: "`{name}` is not a PDF standard Typst 0.15 writes: expected one of {known}",
    }
    /// `--templates DIR` names no folder.
    no_templates_folder(dir) {
        zh: "没有模板文件夹 {dir}：应为包含 notice.typ 等模板的文件夹",
        en: "no templates folder at {dir}: expected a folder holding notice.typ and the other templates",
    }
    /// `--templates DIR` lacks some of the templates.
    templates_missing(dir, names) {
        zh: "模板文件夹 {dir} 缺少 {names}",
        en: "the templates folder {dir} lacks {names}",
    }
    /// A template imported a Typst package.
    no_packages() {
        zh: "gongwen 的模板不能使用 Typst 包",
        en: "packages are not available to gongwen's templates",
    }
    /// Typst's hint after its message.
    hint(text) {
        zh: "（提示：{text}）",
        en: " (hint: {text})",
    }
}
