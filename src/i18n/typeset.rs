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
}
