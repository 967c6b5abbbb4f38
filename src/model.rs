//! The content model of an edition: plain Rust types, read from the edition's TOML files.
//!
//! Text fields keep their position in the file (`Spanned`) so that every later check can
//! point at the line and column of what it complains about. Unknown keys are refused, so a
//! misspelt key is an error rather than a silently ignored field. Nothing here knows Typst.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

/// A string from the edition, with its place in the file.
pub type Text = Spanned<String>;

/// `notice.toml`: the notice (通知) itself.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// 公文格式: which of GB/T 9704's layouts the notice is in; 文件格式 when left out.
    #[schemars(with = "Option<DocumentFormat>")]
    pub format: Option<Spanned<DocumentFormat>>,
    /// The campaign year, `{year}` in text; a notice without a campaign has none.
    #[schemars(with = "Option<i64>")]
    pub year: Option<Spanned<i64>>,
    /// Named dates, `{NAME}` in text.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, crate::serve::schema::Date>")]
    pub dates: BTreeMap<String, Spanned<Datetime>>,
    /// 发文机关: the issuers in order, 主办机关 first. Without them the notice has one issuer,
    /// given by `head.organ_mark` and `signature.organ` (the 2015 edition's way).
    #[serde(default)]
    pub issuers: Vec<Issuer>,
    #[schemars(with = "Head")]
    pub head: Spanned<Head>,
    pub body: Body,
    #[serde(default)]
    pub closing: Closing,
    #[schemars(with = "Signature")]
    pub signature: Spanned<Signature>,
    pub record: Option<Record>,
    /// 出席、请假、列席: the attendance lists of minutes (纪要格式 only).
    #[schemars(with = "Option<Attendance>")]
    pub attendance: Option<Spanned<Attendance>>,
}

impl Notice {
    /// The notice's format: 文件格式 unless it says otherwise.
    pub fn format(&self) -> DocumentFormat {
        self.format.as_ref().map_or(DocumentFormat::Document, |f| *f.get_ref())
    }

    /// The issuers' full names (署名), 主办机关 first: `[[issuers]]`, or `signature.organ`.
    pub fn issuer_names(&self) -> Vec<&str> {
        if self.issuers.is_empty() {
            self.signature.get_ref().organ.iter().map(|o| o.get_ref().as_str()).collect()
        } else {
            self.issuers.iter().map(|i| i.name.get_ref().as_str()).collect()
        }
    }

    /// The document number as printed, if the notice has one.
    pub fn number(&self) -> Option<String> {
        self.head.get_ref().number.as_ref().map(DocumentNumber::render)
    }
}

/// 公文的格式 (GB/T 9704-2012 7 and 10): the layout a notice is printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DocumentFormat {
    /// 文件格式 (7): the mark (often with 文件) 35 mm below the top of the type block, the
    /// 发文字号 and a red rule; the default.
    #[default]
    Document,
    /// 信函格式 (10.1): the mark 30 mm from the top of the page between red double rules, the
    /// 发文字号 flush right under the first; no page number on page 1; a 版记 of 抄送 only.
    Letter,
    /// 命令（令）格式 (10.2): the mark (full name + 命令 or 令) 20 mm below the top of the type
    /// block, the 令号 (第N号) under it, signed with the signer's title and seal (7.3.5.3).
    Order,
    /// 纪要格式 (10.3): the mark (……纪要) 35 mm below the top of the type block; after the
    /// text, the 出席, 请假 and 列席 lists.
    Minutes,
}

impl DocumentFormat {
    /// The key's value in `notice.toml`.
    pub fn name(self) -> &'static str {
        match self {
            DocumentFormat::Document => "document",
            DocumentFormat::Letter => "letter",
            DocumentFormat::Order => "order",
            DocumentFormat::Minutes => "minutes",
        }
    }
}

/// 出席、请假、列席 (GB/T 9704 10.3): who attended the meeting of minutes, each entry a unit
/// or a name (or both, such as 市总工会办公室孙丽), printed after the text in that order.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    /// 出席: those present.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub present: Vec<Text>,
    /// 请假: those excused (on leave).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub on_leave: Vec<Text>,
    /// 列席: those sitting in without a vote.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub sitting_in: Vec<Text>,
}

/// 发文机关: one issuer of the notice, with what the head and the signature print of it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// 全称: the full name, printed in the signature (署名).
    #[schemars(with = "String")]
    pub name: Text,
    /// 发文机关标志 text: the full name or its 规范化简称; the name when left out.
    #[schemars(with = "Option<String>")]
    pub mark: Option<Text>,
    /// 印章: an image (PNG or SVG) in the edition's folder, for the sealed signature.
    #[schemars(with = "Option<String>")]
    pub seal: Option<Text>,
    /// The seal's width in millimetres (42 when left out: a 4.2 cm seal).
    #[schemars(with = "Option<Number>")]
    pub seal_size: Option<Spanned<Number>>,
    /// 签发人职务: the signer's full title, for the signer's-seal signature.
    #[schemars(with = "Option<String>")]
    pub signer: Option<Text>,
    /// 签发人签名章: an image (PNG or SVG) in the edition's folder.
    #[schemars(with = "Option<String>")]
    pub signature_seal: Option<Text>,
}

/// 版头: the head block above the red rule.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Head {
    /// 份号
    #[schemars(with = "Option<String>")]
    pub copy_number: Option<Text>,
    /// 密级和保密期限
    #[schemars(with = "Option<String>")]
    pub secrecy: Option<Text>,
    /// 紧急程度
    #[schemars(with = "Option<String>")]
    pub urgency: Option<Text>,
    /// 发文机关标志 of a single issuer, written whole, such as 武汉市总工会办公室文件. With
    /// `[[issuers]]` the mark is made of their `mark`s and `suffix`.
    #[schemars(with = "Option<String>")]
    pub organ_mark: Option<Text>,
    /// The word after the issuers' marks, such as 文件; centred on them when they are several.
    #[schemars(with = "Option<String>")]
    pub suffix: Option<Text>,
    /// 签发人 (上行文 only)
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub signers: Vec<Text>,
    /// 发文字号; a notice posted without one leaves it out.
    pub number: Option<DocumentNumber>,
    /// 令号 of an order (命令（令）格式): 12 prints 第12号.
    #[schemars(with = "Option<i64>")]
    pub order_number: Option<Spanned<i64>>,
}

/// 发文字号: 机关代字〔年份〕序号号, such as 武工办〔2014〕74号.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentNumber {
    #[schemars(with = "String")]
    pub agency: Text,
    #[schemars(with = "i64")]
    pub year: Spanned<i64>,
    /// Left out in a draft, until the notice is issued.
    #[schemars(with = "Option<i64>")]
    pub serial: Option<Spanned<i64>>,
}

impl DocumentNumber {
    /// 武工办〔2014〕74号; a draft without a serial has two blank characters in its place.
    pub fn render(&self) -> String {
        let serial = self.serial.as_ref().map_or_else(|| "\u{3000}\u{3000}".to_string(), |s| s.get_ref().to_string());
        format!("{}〔{}〕{}号", self.agency.get_ref(), self.year.get_ref(), serial)
    }
}

/// A title: one string, or the lines it is to be broken into.
#[derive(Debug, Clone)]
pub enum Lines {
    One(String),
    Many(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for Lines {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Lines;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or a list of lines")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Lines, E> {
                Ok(Lines::One(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Lines, A::Error> {
                let mut lines = Vec::new();
                while let Some(line) = seq.next_element::<Spanned<String>>()? {
                    lines.push(line);
                }
                Ok(Lines::Many(lines))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl Lines {
    pub fn lines(&self) -> Vec<&str> {
        match self {
            Lines::One(s) => vec![s.as_str()],
            Lines::Many(v) => v.iter().map(|s| s.get_ref().as_str()).collect(),
        }
    }

    /// Each line with its place in the file (`whole`, the title's, for a single string).
    pub fn spanned(&self, whole: std::ops::Range<usize>) -> Vec<(&str, std::ops::Range<usize>)> {
        match self {
            Lines::One(s) => vec![(s.as_str(), whole)],
            Lines::Many(v) => v.iter().map(|s| (s.get_ref().as_str(), s.span())).collect(),
        }
    }
}

/// 主体: title, addressees and the body text.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// 标题: required in the 文件 and 信函 formats; an order or minutes may go without.
    #[schemars(with = "Option<Lines>")]
    pub title: Option<Spanned<Lines>>,
    /// 主送机关: required in the 文件 and 信函 formats.
    #[schemars(with = "Option<String>")]
    pub addressees: Option<Text>,
    /// Paragraphs before the first section.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub opening: Vec<Text>,
    #[serde(default)]
    #[schemars(with = "Vec<Section>")]
    pub sections: Vec<Spanned<Section>>,
    /// The heading levels (1 to 4) whose headings run into their first paragraph; the others
    /// stand on their own line. Levels 2, 3 and 4 when left out.
    #[schemars(with = "Option<Vec<i64>>")]
    pub run_in: Option<Spanned<Vec<Spanned<i64>>>>,
}

/// The deepest heading level (7.3.3): 一、 （一） 1. （1）.
pub const HEADING_LEVELS: usize = 4;

/// The levels whose headings run in when the edition does not say.
pub const DEFAULT_RUN_IN: [i64; 3] = [2, 3, 4];

/// A section of the text at one of the four levels, numbered by the template among its titled
/// siblings: 一、 (黑体), （一） (楷体), 1. and （1） (仿宋). A section may be a heading alone,
/// paragraphs alone (no title, no number), or both; `items` are the sections one level down.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    #[schemars(with = "Option<String>")]
    pub title: Option<Text>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub paragraphs: Vec<Text>,
    #[serde(default)]
    #[schemars(with = "Vec<Section>")]
    pub items: Vec<Spanned<Section>>,
}

/// One line of the contact block: `label：text`, such as 联系电话：85760519.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactLine {
    /// 联系人, 联系电话, 传真, 电子邮箱, 地址, …
    #[schemars(with = "String")]
    pub label: Text,
    #[schemars(with = "String")]
    pub text: Text,
}

/// What follows the sections: closing paragraphs, contacts, the attachment list, 附注.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Closing {
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub paragraphs: Vec<Text>,
    /// 联系人
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub contacts: Vec<Text>,
    /// 联系电话
    #[schemars(with = "Option<String>")]
    pub phone: Option<Text>,
    /// printed after the phone number in parentheses, such as 传真
    #[schemars(with = "Option<String>")]
    pub phone_note: Option<Text>,
    /// Further lines of the contact block, after 联系人 and 联系电话.
    #[serde(default)]
    pub contact: Vec<ContactLine>,
    /// The attachments' files, in the order of 附件1, 附件2, …
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub attachments: Vec<Text>,
    /// 附注
    #[schemars(with = "Option<String>")]
    pub note: Option<Text>,
}

/// 署名 and 成文日期.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// The one issuer's name, when the notice has no `[[issuers]]`.
    #[schemars(with = "Option<String>")]
    pub organ: Option<Text>,
    #[schemars(with = "crate::serve::schema::Date")]
    pub date: Spanned<Datetime>,
    /// How the notice is signed (7.3.5); sealed when left out.
    #[schemars(with = "Option<SignatureForm>")]
    pub form: Option<Spanned<SignatureForm>>,
}

/// The three forms of signature of GB/T 9704 7.3.5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SignatureForm {
    /// 加盖印章 (7.3.5.1): names over the date, each with room for its seal.
    Sealed,
    /// 不加盖印章 (7.3.5.2): names stacked, right-indented two characters, the date below.
    Unsealed,
    /// 加盖签发人签名章 (7.3.5.3): each signer's title and signature seal on a line.
    Signer,
}

/// 版记: 抄送, 印发机关 and 印发日期.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Record {
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub cc: Vec<Text>,
    #[schemars(with = "Option<String>")]
    pub printer: Option<Text>,
    #[schemars(with = "Option<crate::serve::schema::Date>")]
    pub printed: Option<Spanned<Datetime>>,
}

/// What an attachment file holds, by its `kind` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttachmentKind {
    /// `form` (the default): a statistics form of numbered items with lettered blanks.
    Form,
    /// `text`: a 方案, 办法 or 细则 in prose, with headings at the four levels.
    Text,
    /// `table`: a ruled table (日程安排表, 名额分配表), or a fillable one (报名表).
    Table,
}

impl AttachmentKind {
    pub const NAMES: [&'static str; 3] = ["form", "text", "table"];

    pub fn from_name(s: &str) -> Option<Self> {
        Some(match s {
            "form" => AttachmentKind::Form,
            "text" => AttachmentKind::Text,
            "table" => AttachmentKind::Table,
            _ => return None,
        })
    }
}

/// The `kind` key alone, read first to know how to read the rest of an attachment file.
#[derive(Debug, Clone, Deserialize)]
pub struct KindKey {
    pub kind: Option<Text>,
}

/// `attachment-N.toml` of kind `form`: a statistics form (统计表) that reporting units fill in.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// `form`, or left out.
    #[schemars(with = "Option<String>")]
    pub kind: Option<Text>,
    #[schemars(with = "Lines")]
    pub title: Spanned<Lines>,
    /// 说明
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub notes: Vec<Text>,
    /// Checks on returns, such as `05A = 05B + 05C` or `01B <= 01A`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub rules: Vec<Text>,
    /// The header blanks; all three when left out, none with `header = false`.
    #[schemars(with = "Option<HeaderSpec>")]
    pub header: Option<Spanned<HeaderSpec>>,
    #[serde(default)]
    pub items: Vec<FormItem>,
}

/// `attachment-N.toml` of kind `text`: a title and text with headings, like the body's.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextAttachment {
    #[schemars(with = "String")]
    pub kind: Text,
    #[schemars(with = "Lines")]
    pub title: Spanned<Lines>,
    /// Paragraphs before the first section.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub paragraphs: Vec<Text>,
    #[serde(default)]
    #[schemars(with = "Vec<Section>")]
    pub sections: Vec<Spanned<Section>>,
    /// As `body.run_in`.
    #[schemars(with = "Option<Vec<i64>>")]
    pub run_in: Option<Spanned<Vec<Spanned<i64>>>>,
}

/// `attachment-N.toml` of kind `table`: a ruled table, its head repeated on every page; blank
/// cells make it a fillable form.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableAttachment {
    #[schemars(with = "String")]
    pub kind: Text,
    #[schemars(with = "Lines")]
    pub title: Spanned<Lines>,
    /// The header blanks above the table; none when left out.
    #[schemars(with = "Option<HeaderSpec>")]
    pub header: Option<Spanned<HeaderSpec>>,
    /// 说明, above the table.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub notes: Vec<Text>,
    /// Checks on returns, as a form's.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub rules: Vec<Text>,
    /// `portrait` or `landscape`; when left out, landscape if the columns are wider than the
    /// portrait type block.
    #[schemars(with = "Option<Orientation>")]
    pub orientation: Option<Spanned<Orientation>>,
    pub columns: Vec<Column>,
    /// The head rows (表头), repeated on every page.
    #[serde(default)]
    #[schemars(with = "Vec<Vec<Cell>>")]
    pub head: Vec<Spanned<Vec<Spanned<Cell>>>>,
    #[serde(default)]
    #[schemars(with = "Vec<Vec<Cell>>")]
    pub rows: Vec<Spanned<Vec<Spanned<Cell>>>>,
    /// Rows to fill in after `rows`: each column with a `blank` gets a field in each.
    #[schemars(with = "Option<i64>")]
    pub blank_rows: Option<Spanned<i64>>,
}

/// How a table's page stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// A column of a table.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// In characters of the table's text (4号); the type block holds 31 upright, 45 across.
    #[schemars(with = "Number")]
    pub width: Spanned<Number>,
    /// The kind of the column's blanks in `blank_rows`: text, count, amount or choice.
    #[schemars(with = "Option<FieldKind>")]
    pub blank: Option<Spanned<FieldKind>>,
    /// Prints the row's number (序号) in every body row.
    #[serde(default)]
    pub numbered: bool,
    /// `center` (the default) or `left`, for the column's body cells.
    #[schemars(with = "Option<CellAlign>")]
    pub align: Option<Spanned<CellAlign>>,
}

/// How text stands in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CellAlign {
    Center,
    Left,
}

/// A number written as a TOML integer or float.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number(pub f64);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Number;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number(v as f64))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number(v as f64))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Number, E> {
                Ok(Number(v))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A cell of a table: its text, or a table of what it is.
#[derive(Debug, Clone)]
pub enum Cell {
    Text(String),
    Full(CellSpec),
}

/// A cell written as a table: merged cells, a blank, text aligned otherwise.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CellSpec {
    #[schemars(with = "Option<String>")]
    pub text: Option<Text>,
    #[schemars(with = "Option<i64>")]
    pub colspan: Option<Spanned<i64>>,
    #[schemars(with = "Option<i64>")]
    pub rowspan: Option<Spanned<i64>>,
    /// A blank to fill in, of this kind.
    #[schemars(with = "Option<FieldKind>")]
    pub blank: Option<Spanned<FieldKind>>,
    #[schemars(with = "Option<CellAlign>")]
    pub align: Option<Spanned<CellAlign>>,
}

impl Cell {
    pub fn spec(&self) -> std::borrow::Cow<'_, CellSpec> {
        match self {
            Cell::Text(_) => std::borrow::Cow::Owned(CellSpec::default()),
            Cell::Full(s) => std::borrow::Cow::Borrowed(s),
        }
    }

    /// The cell's text with its place (`at`, the cell's, for a cell written as a string).
    pub fn text(&self, at: std::ops::Range<usize>) -> Option<Text> {
        match self {
            Cell::Text(s) => Some(Spanned::new(at, s.clone())),
            Cell::Full(s) => s.text.clone(),
        }
    }

    /// Columns and rows the cell spans.
    pub fn span(&self) -> (i64, i64) {
        let spec = self.spec();
        (
            spec.colspan.as_ref().map_or(1, |c| *c.get_ref()),
            spec.rowspan.as_ref().map_or(1, |r| *r.get_ref()),
        )
    }
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Cell;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a cell's text, or a table such as { text = \"…\", colspan = 2 }")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Cell, E> {
                Ok(Cell::Text(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Cell, A::Error> {
                CellSpec::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Cell::Full)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The header blanks of a form: `false` for none, `true` or a table of labels.
#[derive(Debug, Clone)]
pub enum HeaderSpec {
    Off,
    On(FormHeader),
}

impl<'de> Deserialize<'de> for HeaderSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = HeaderSpec;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("false, or a table of the header's labels")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<HeaderSpec, E> {
                Ok(if v { HeaderSpec::On(FormHeader::default()) } else { HeaderSpec::Off })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<HeaderSpec, A::Error> {
                FormHeader::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(HeaderSpec::On)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The labels of the form's header blanks; each one `false` to leave it out.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormHeader {
    #[schemars(with = "Option<Label>")]
    pub unit: Option<Spanned<Label>>,
    #[schemars(with = "Option<Label>")]
    pub reporter: Option<Spanned<Label>>,
    #[schemars(with = "Option<Label>")]
    pub phone: Option<Spanned<Label>>,
}

/// A header blank's label, or `false` for no such blank.
#[derive(Debug, Clone)]
pub enum Label {
    Text(String),
    Off,
}

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Label;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a label, or false to leave the blank out")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Label, E> {
                Ok(Label::Text(v.to_string()))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Label, E> {
                if v {
                    Err(E::invalid_value(serde::de::Unexpected::Bool(v), &self))
                } else {
                    Ok(Label::Off)
                }
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl FormHeader {
    /// Each header blank's label as written: `None` for a blank left out, `Some(None)` for
    /// one with its default label.
    pub fn labels(&self) -> [(&'static str, Option<Option<Text>>); 3] {
        let label = |l: &Option<Spanned<Label>>| match l {
            None => Some(None),
            Some(s) => match s.get_ref() {
                Label::Off => None,
                Label::Text(t) => Some(Some(Spanned::new(s.span(), t.clone()))),
            },
        };
        [("unit", label(&self.unit)), ("reporter", label(&self.reporter)), ("phone", label(&self.phone))]
    }
}

/// A numbered indicator, `01`, `02`, …, with its lettered blanks.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormItem {
    #[schemars(with = "String")]
    pub code: Text,
    /// Text on the code's line before the blanks.
    #[schemars(with = "Option<String>")]
    pub lead: Option<Text>,
    #[serde(default)]
    pub fields: Vec<FieldSpec>,
}

/// One blank as written in the form file: `（A）label____unit tail after`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    #[schemars(with = "String")]
    pub letter: Text,
    /// The text before the blank: a string, or the pieces a line may break between when it
    /// is longer than a line (`["…生活保障线的", "困难职工家庭"]`).
    #[schemars(with = "Option<Lines>")]
    pub label: Option<Spanned<Lines>>,
    #[schemars(with = "String")]
    pub unit: Text,
    #[schemars(with = "Option<String>")]
    pub tail: Option<Text>,
    #[schemars(with = "Option<String>")]
    pub after: Option<Text>,
    #[serde(default)]
    pub join: bool,
    #[schemars(with = "Option<FieldKind>")]
    pub kind: Option<Spanned<FieldKind>>,
}

/// What a blank holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    /// A whole number of people, households, …
    Count,
    /// An amount in 万元, with decimals.
    Amount,
    /// 是 or 否.
    Choice,
    /// Free text: a name, a phone number, a date.
    Text,
}

impl FieldKind {
    /// The kind a unit implies when the form does not say.
    pub fn from_unit(unit: &str) -> Self {
        match unit {
            "万元" => FieldKind::Amount,
            "是/否" => FieldKind::Choice,
            _ => FieldKind::Count,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            FieldKind::Count => "count",
            FieldKind::Amount => "amount",
            FieldKind::Choice => "choice",
            FieldKind::Text => "text",
        }
    }
}

/// A blank of a form, resolved: its code (`05A`), kind and Chinese label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub code: String,
    pub kind: FieldKind,
    /// The label as a reader sees it, placeholders expanded: `筹集款物总额`.
    pub label: String,
    pub unit: String,
}

/// A rule between the blanks of a form: the sum of `left` compared with the sum of `right`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub left: Vec<String>,
    pub relation: Relation,
    pub right: Vec<String>,
    /// As written in the form file.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Equal,
    AtMost,
    AtLeast,
}

/// A form, checked: what was derived from its file. A fillable table is a form too.
#[derive(Debug, Clone)]
pub struct LoadedForm {
    /// 1 for 附件1.
    pub number: usize,
    /// The file name inside the edition, such as `attachment-1.toml`.
    pub file: String,
    /// The title as printed.
    pub title: String,
    /// The header blanks it has: (name, label), such as (`unit`, 填报单位).
    pub header: Vec<(&'static str, String)>,
    /// Every blank in form order, header blanks excluded.
    pub fields: Vec<Field>,
    pub rules: Vec<Rule>,
}

impl LoadedForm {
    /// The names of every field of the form, the header's first.
    pub fn field_names(&self) -> impl Iterator<Item = &str> {
        self.header.iter().map(|(n, _)| *n).chain(self.fields.iter().map(|f| f.code.as_str()))
    }
}

/// An attachment (附件), checked.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// 1 for the first.
    pub number: usize,
    /// The file name inside the edition, such as `attachment-1.toml`.
    pub file: String,
    /// The title as printed.
    pub title: String,
    pub kind: AttachmentKind,
}

/// A whole edition, loaded and checked.
#[derive(Debug, Clone)]
pub struct Edition {
    /// The edition's folder as given.
    pub dir: std::path::PathBuf,
    pub notice: Notice,
    pub vars: crate::text::Vars,
    /// Every attachment in order, whatever its kind.
    pub attachments: Vec<Attachment>,
    /// The attachments that have blanks to fill in (forms, fillable tables).
    pub forms: Vec<LoadedForm>,
    /// The signing date (成文日期), which also dates the PDFs.
    pub date: chrono::NaiveDate,
}

impl Edition {
    /// Attachment `n`'s form (1 for 附件1), if the edition has an attachment `n` and it has
    /// blanks to fill in.
    pub fn form(&self, n: usize) -> Option<&LoadedForm> {
        self.forms.iter().find(|f| f.number == n)
    }

    /// What identifies attachment `n` bound apart (its PDF's keywords, and so its returns):
    /// `武工办〔2014〕74号, 附件1`, or `附件1` for a notice without a number.
    pub fn attachment_keywords(&self, n: usize) -> String {
        match self.notice.number() {
            Some(number) => format!("{number}, 附件{n}"),
            None => format!("附件{n}"),
        }
    }
}
