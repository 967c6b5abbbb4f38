//! The font table and the named styles: one style for every part of the notice, so that
//! staff restyle a part by its style, not paragraph by paragraph.

use super::para::{Ind, PITCH, write_ind};
use crate::export::xml::Xml;

/// The faces offices have, by role (GB/T 9704 7.2–7.5).
pub const FANGSONG: &str = "仿宋_GB2312";
pub const XIAOBIAOSONG: &str = "方正小标宋简体";
pub const HEITI: &str = "黑体";
pub const KAITI: &str = "楷体_GB2312";
pub const SONGTI: &str = "宋体";
pub const LATIN: &str = "Times New Roman";
/// The red of the mark, the rule and the seals' rules (as the PDF's).
pub const RED: &str = "E60012";

/// The font table: each face with the GB 2312 character set (86) and, for the GB2312 faces
/// Windows no longer ships, the name of the face it does ship of the same kind, so that a
/// PC without them still shows a 仿宋 or a 楷体.
pub fn font_table() -> Vec<u8> {
    let mut x = Xml::new();
    x.open("w:fonts", &[("xmlns:w", super::W.into())]);
    // (name, altName, charset, family, pitch, panose)
    type Entry = (&'static str, Option<&'static str>, &'static str, &'static str, &'static str, &'static str);
    let fonts: [Entry; 6] = [
        (LATIN, None, "00", "roman", "variable", "02020603050405020304"),
        (FANGSONG, Some("仿宋"), "86", "modern", "fixed", "02010609030101010101"),
        (XIAOBIAOSONG, Some("宋体"), "86", "script", "fixed", "02000000000000000000"),
        (HEITI, Some("SimHei"), "86", "modern", "fixed", "02010609060101010101"),
        (KAITI, Some("楷体"), "86", "modern", "fixed", "02010609030101010101"),
        (SONGTI, Some("SimSun"), "86", "auto", "variable", "02010600030101010101"),
    ];
    for (name, alt, charset, family, pitch, panose) in fonts {
        x.open("w:font", &[("w:name", name.into())]);
        if let Some(alt) = alt {
            x.empty("w:altName", &[("w:val", alt.into())]);
        }
        x.empty("w:panose1", &[("w:val", panose.into())]);
        x.empty("w:charset", &[("w:val", charset.into())]);
        x.empty("w:family", &[("w:val", family.into())]);
        x.empty("w:pitch", &[("w:val", pitch.into())]);
        x.close();
    }
    x.close();
    x.finish()
}

/// A style: its id, its Chinese name, what it is based on, and its properties.
struct Style {
    id: &'static str,
    name: &'static str,
    kind: &'static str,
    based_on: Option<&'static str>,
    link: Option<&'static str>,
    /// The east-Asian face, the Latin one (Times New Roman when left out).
    font: Option<(&'static str, Option<&'static str>)>,
    size: Option<u32>,
    color: Option<&'static str>,
    jc: Option<&'static str>,
    ind: Option<Ind>,
    snap: Option<bool>,
    exact: Option<i64>,
    keep_next: bool,
    outline: Option<u32>,
}

const fn style(id: &'static str, name: &'static str) -> Style {
    Style {
        id,
        name,
        kind: "paragraph",
        based_on: Some("Normal"),
        link: None,
        font: None,
        size: None,
        color: None,
        jc: None,
        ind: None,
        snap: None,
        exact: None,
        keep_next: false,
        outline: None,
    }
}

/// Style ids, as the writer applies them.
pub mod id {
    pub const MARK: &str = "Mark";
    pub const NUMBER: &str = "DocNumber";
    pub const CORNER: &str = "HeadCorner";
    pub const SPACER: &str = "Spacer";
    pub const TITLE: &str = "DocTitle";
    pub const ADDRESSEES: &str = "Addressees";
    pub const BODY: &str = "BodyText";
    pub const HEADINGS: [&str; 4] = ["Heading1", "Heading2", "Heading3", "Heading4"];
    pub const HEADING_CHARS: [&str; 4] = ["Heading1Char", "Heading2Char", "Heading3Char", "Heading4Char"];
    pub const ATTACHMENT_NOTE: &str = "AttachmentNote";
    pub const SIGNATURE: &str = "Signature";
    pub const DATE: &str = "SignatureDate";
    pub const NOTE: &str = "Annotation";
    pub const CC: &str = "RecordCc";
    pub const PRINTER: &str = "RecordPrinter";
    pub const PAGE_NUMBER: &str = "PageNumber";
    pub const ATTACHMENT: &str = "AttachmentLabel";
    pub const TABLE_TEXT: &str = "TableText";
    pub const FORM_TEXT: &str = "FormText";
    pub const NUMBER_CHAR: &str = "DocNumberChar";
    pub const ORDER_NUMBER: &str = "OrderNumber";
    pub const ATTENDANCE: &str = "Attendance";
}

fn styles() -> Vec<Style> {
    let body_indent = Ind::chars(0.0, 0.0, 200.0, 0.0);
    let mut out = vec![
        Style {
            font: Some((XIAOBIAOSONG, None)),
            color: Some(RED),
            jc: Some("center"),
            snap: Some(false),
            ..style(id::MARK, "发文机关标志")
        },
        Style {
            jc: Some("center"),
            snap: Some(false),
            exact: Some(PITCH),
            ..style(id::NUMBER, "发文字号")
        },
        Style {
            font: Some((HEITI, None)),
            ..style(id::CORNER, "版头")
        },
        Style {
            snap: Some(false),
            ..style(id::SPACER, "版头间隔")
        },
        Style {
            font: Some((XIAOBIAOSONG, None)),
            size: Some(44),
            jc: Some("center"),
            snap: Some(false),
            exact: Some(PITCH),
            ..style(id::TITLE, "标题")
        },
        Style {
            jc: Some("left"),
            ..style(id::ADDRESSEES, "主送机关")
        },
        Style {
            ind: Some(body_indent),
            ..style(id::BODY, "正文")
        },
    ];
    let heading_fonts = [Some(HEITI), Some(KAITI), None, None];
    let names = ["一级标题", "二级标题", "三级标题", "四级标题"];
    let char_names = ["一级标题字符", "二级标题字符", "三级标题字符", "四级标题字符"];
    for level in 0..4 {
        out.push(Style {
            based_on: Some(id::BODY),
            link: Some(id::HEADING_CHARS[level]),
            font: heading_fonts[level].map(|f| (f, None)),
            keep_next: true,
            outline: Some(level as u32),
            ..style(id::HEADINGS[level], names[level])
        });
        out.push(Style {
            kind: "character",
            based_on: None,
            link: Some(id::HEADINGS[level]),
            font: heading_fonts[level].map(|f| (f, None)),
            ..style(id::HEADING_CHARS[level], char_names[level])
        });
    }
    out.extend([
        Style {
            ind: Some(Ind::chars(500.0, 0.0, 0.0, 300.0)),
            ..style(id::ATTACHMENT_NOTE, "附件说明")
        },
        Style {
            jc: Some("left"),
            ..style(id::SIGNATURE, "署名")
        },
        Style {
            jc: Some("right"),
            ind: Some(Ind::chars(0.0, 400.0, 0.0, 0.0)),
            ..style(id::DATE, "成文日期")
        },
        Style {
            ind: Some(body_indent),
            ..style(id::NOTE, "附注")
        },
        Style {
            size: Some(28),
            snap: Some(false),
            jc: Some("left"),
            ind: Some(Ind {
                left: 280.0 + 840.0,
                right: 280.0,
                hanging: 840.0,
                twips: true,
                ..Default::default()
            }),
            ..style(id::CC, "抄送")
        },
        Style {
            size: Some(28),
            snap: Some(false),
            jc: Some("left"),
            ind: Some(Ind {
                left: 280.0,
                right: 280.0,
                twips: true,
                ..Default::default()
            }),
            ..style(id::PRINTER, "印发")
        },
        Style {
            font: Some((SONGTI, Some(SONGTI))),
            size: Some(28),
            snap: Some(false),
            ..style(id::PAGE_NUMBER, "页码")
        },
        Style {
            font: Some((HEITI, None)),
            jc: Some("left"),
            keep_next: true,
            ..style(id::ATTACHMENT, "附件标识")
        },
        Style {
            size: Some(28),
            snap: Some(false),
            jc: Some("center"),
            ..style(id::TABLE_TEXT, "表格文字")
        },
        Style {
            size: Some(28),
            jc: Some("left"),
            ..style(id::FORM_TEXT, "报表文字")
        },
        Style {
            kind: "character",
            based_on: None,
            ..style(id::NUMBER_CHAR, "发文字号字符")
        },
        Style {
            jc: Some("center"),
            ..style(id::ORDER_NUMBER, "令号")
        },
        Style {
            ind: Some(Ind::chars(500.0, 0.0, 0.0, 300.0)),
            ..style(id::ATTENDANCE, "出席列席")
        },
    ]);
    out
}

/// `styles.xml`: the defaults (3号 仿宋_GB2312 with Times New Roman, justified, no widow
/// control, so that every full page holds 22 lines) and the named styles.
pub fn styles_xml() -> Vec<u8> {
    let mut x = Xml::new();
    x.open("w:styles", &[("xmlns:w", super::W.into())]);
    x.open("w:docDefaults", &[]);
    x.open("w:rPrDefault", &[]);
    x.open("w:rPr", &[]);
    body_fonts(&mut x);
    x.empty("w:kern", &[("w:val", "0".into())]);
    x.empty("w:sz", &[("w:val", "32".into())]);
    x.empty("w:szCs", &[("w:val", "32".into())]);
    x.empty(
        "w:lang",
        &[("w:val", "en-US".into()), ("w:eastAsia", "zh-CN".into()), ("w:bidi", "ar-SA".into())],
    );
    x.close().close();
    x.open("w:pPrDefault", &[]);
    x.open("w:pPr", &[]);
    x.empty("w:widowControl", &[("w:val", "0".into())]);
    x.empty("w:autoSpaceDE", &[("w:val", "0".into())]);
    x.empty("w:autoSpaceDN", &[("w:val", "0".into())]);
    x.empty(
        "w:spacing",
        &[
            ("w:before", "0".into()),
            ("w:after", "0".into()),
            ("w:line", "240".into()),
            ("w:lineRule", "auto".into()),
        ],
    );
    x.empty("w:jc", &[("w:val", "both".into())]);
    x.close().close();
    x.close();

    // Normal: 3号 (16 pt) itself, the size the grid is relative to (LibreOffice reads only it).
    x.open(
        "w:style",
        &[("w:type", "paragraph".into()), ("w:default", "1".into()), ("w:styleId", "Normal".into())],
    );
    x.empty("w:name", &[("w:val", "Normal".into())]);
    x.empty("w:qFormat", &[]);
    x.open("w:pPr", &[]);
    x.empty("w:widowControl", &[("w:val", "0".into())]);
    x.empty("w:jc", &[("w:val", "both".into())]);
    x.close();
    x.open("w:rPr", &[]);
    body_fonts(&mut x);
    x.empty("w:sz", &[("w:val", "32".into())]);
    x.empty("w:szCs", &[("w:val", "32".into())]);
    x.close();
    x.close();
    x.open(
        "w:style",
        &[
            ("w:type", "character".into()),
            ("w:default", "1".into()),
            ("w:styleId", "DefaultParagraphFont".into()),
        ],
    );
    x.empty("w:name", &[("w:val", "Default Paragraph Font".into())]);
    x.empty("w:uiPriority", &[("w:val", "1".into())]);
    x.empty("w:semiHidden", &[]);
    x.close();
    x.open(
        "w:style",
        &[("w:type", "table".into()), ("w:default", "1".into()), ("w:styleId", "TableNormal".into())],
    );
    x.empty("w:name", &[("w:val", "Normal Table".into())]);
    x.empty("w:semiHidden", &[]);
    x.open("w:tblPr", &[]);
    x.empty("w:tblInd", &[("w:w", "0".into()), ("w:type", "dxa".into())]);
    x.open("w:tblCellMar", &[]);
    x.empty("w:top", &[("w:w", "0".into()), ("w:type", "dxa".into())]);
    x.empty("w:left", &[("w:w", "108".into()), ("w:type", "dxa".into())]);
    x.empty("w:bottom", &[("w:w", "0".into()), ("w:type", "dxa".into())]);
    x.empty("w:right", &[("w:w", "108".into()), ("w:type", "dxa".into())]);
    x.close();
    x.close();
    x.close();

    for s in styles() {
        x.open(
            "w:style",
            &[("w:type", s.kind.into()), ("w:customStyle", "1".into()), ("w:styleId", s.id.into())],
        );
        x.empty("w:name", &[("w:val", s.name.into())]);
        if let Some(b) = s.based_on {
            x.empty("w:basedOn", &[("w:val", b.into())]);
        }
        if let Some(l) = s.link {
            x.empty("w:link", &[("w:val", l.into())]);
        }
        x.empty("w:qFormat", &[]);
        if s.kind == "paragraph" {
            x.open("w:pPr", &[]);
            if s.keep_next {
                x.empty("w:keepNext", &[]);
            }
            if let Some(snap) = s.snap {
                x.empty("w:snapToGrid", &[("w:val", if snap { "1" } else { "0" }.into())]);
            }
            if let Some(l) = s.exact {
                x.empty("w:spacing", &[("w:line", l.to_string()), ("w:lineRule", "exact".into())]);
            }
            if let Some(i) = &s.ind {
                write_ind(&mut x, i);
            }
            if let Some(jc) = s.jc {
                x.empty("w:jc", &[("w:val", jc.into())]);
            }
            if let Some(o) = s.outline {
                x.empty("w:outlineLvl", &[("w:val", o.to_string())]);
            }
            x.close();
        }
        if s.font.is_some() || s.size.is_some() || s.color.is_some() {
            x.open("w:rPr", &[]);
            if let Some((east, latin)) = s.font {
                let latin = latin.unwrap_or(LATIN);
                x.empty("w:rFonts", &[("w:ascii", latin.into()), ("w:eastAsia", east.into()), ("w:hAnsi", latin.into())]);
            }
            if let Some(c) = s.color {
                x.empty("w:color", &[("w:val", c.into())]);
            }
            if let Some(sz) = s.size {
                x.empty("w:sz", &[("w:val", sz.to_string())]);
                x.empty("w:szCs", &[("w:val", sz.to_string())]);
            }
            x.close();
        }
        x.close();
    }
    x.close();
    x.finish()
}

/// The body's fonts: 仿宋_GB2312 for Chinese, Times New Roman for the rest.
fn body_fonts(x: &mut Xml) {
    x.empty(
        "w:rFonts",
        &[
            ("w:ascii", LATIN.into()),
            ("w:eastAsia", FANGSONG.into()),
            ("w:hAnsi", LATIN.into()),
            ("w:cs", LATIN.into()),
        ],
    );
}
