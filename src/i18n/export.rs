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
}
