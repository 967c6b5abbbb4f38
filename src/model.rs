//! The content model of an edition: plain Rust types, read from the edition's TOML files.
//!
//! Text fields keep their position in the file (`Spanned`) so that every later check can
//! point at the line and column of what it complains about. Unknown keys are refused, so a
//! misspelt key is an error rather than a silently ignored field. Nothing here knows Typst.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

/// A string from the edition, with its place in the file.
pub type Text = Spanned<String>;

/// `notice.toml`: the notice (通知) itself.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// The campaign year, `{year}` in text.
    pub year: Spanned<i64>,
    /// Named dates, `{NAME}` in text.
    #[serde(default)]
    pub dates: BTreeMap<String, Spanned<Datetime>>,
    pub head: Head,
    pub body: Body,
    pub closing: Closing,
    pub signature: Signature,
    pub record: Option<Record>,
}

/// 版头: the head block above the red rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Head {
    /// 份号
    pub copy_number: Option<Text>,
    /// 密级和保密期限
    pub secrecy: Option<Text>,
    /// 紧急程度
    pub urgency: Option<Text>,
    /// 发文机关标志, such as 武汉市总工会办公室文件
    pub organ_mark: Text,
    /// 签发人 (上行文 only)
    #[serde(default)]
    pub signers: Vec<Text>,
    /// 发文字号
    pub number: DocumentNumber,
}

/// 发文字号: 机关代字〔年份〕序号号, such as 武工办〔2014〕74号.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentNumber {
    pub agency: Text,
    pub year: Spanned<i64>,
    /// Left out in a draft, until the notice is issued.
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
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub title: Spanned<Lines>,
    /// 主送机关
    pub addressees: Text,
    /// Paragraphs before the first section.
    #[serde(default)]
    pub opening: Vec<Text>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// A level-1 section, numbered 一、二、… by the template.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub title: Text,
    #[serde(default)]
    pub paragraphs: Vec<Text>,
    #[serde(default)]
    pub items: Vec<Item>,
}

/// A level-2 item, numbered （一）（二）…, its title run in before its first paragraph.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub title: Text,
    #[serde(default)]
    pub paragraphs: Vec<Text>,
}

/// What follows the sections: closing paragraphs, contacts, the attachment list, 附注.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closing {
    #[serde(default)]
    pub paragraphs: Vec<Text>,
    /// 联系人
    #[serde(default)]
    pub contacts: Vec<Text>,
    /// 联系电话
    pub phone: Option<Text>,
    /// printed after the phone number in parentheses, such as 传真
    pub phone_note: Option<Text>,
    /// The forms' files, in the order of 附件1, 附件2, …
    #[serde(default)]
    pub attachments: Vec<Text>,
    /// 附注
    pub note: Option<Text>,
}

/// 署名 and 成文日期.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    pub organ: Text,
    pub date: Spanned<Datetime>,
}

/// 版记: 抄送, 印发机关 and 印发日期.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    #[serde(default)]
    pub cc: Vec<Text>,
    pub printer: Option<Text>,
    pub printed: Option<Spanned<Datetime>>,
}

/// `attachment-N.toml`: a statistics form (统计表) that reporting units fill in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    pub title: Spanned<Lines>,
    /// 说明
    #[serde(default)]
    pub notes: Vec<Text>,
    /// Checks on returns, such as `05A = 05B + 05C` or `01B <= 01A`.
    #[serde(default)]
    pub rules: Vec<Text>,
    #[serde(default)]
    pub header: FormHeader,
    #[serde(default)]
    pub items: Vec<FormItem>,
}

/// The labels of the form's header blanks.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormHeader {
    pub unit: Option<Text>,
    pub reporter: Option<Text>,
    pub phone: Option<Text>,
}

/// A numbered indicator, `01`, `02`, …, with its lettered blanks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormItem {
    pub code: Text,
    /// Text on the code's line before the blanks.
    pub lead: Option<Text>,
    #[serde(default)]
    pub fields: Vec<FieldSpec>,
}

/// One blank as written in the form file: `（A）label____unit tail after`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    pub letter: Text,
    pub label: Option<Text>,
    pub unit: Text,
    pub tail: Option<Text>,
    pub after: Option<Text>,
    #[serde(default)]
    pub join: bool,
    pub kind: Option<Spanned<FieldKind>>,
}

/// What a blank holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    /// A whole number of people, households, …
    Count,
    /// An amount in 万元, with decimals.
    Amount,
    /// 是 or 否.
    Choice,
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

/// A form, checked: the parsed file and what was derived from it.
#[derive(Debug, Clone)]
pub struct LoadedForm {
    /// 1 for 附件1.
    pub number: usize,
    /// The file name inside the edition, such as `attachment-1.toml`.
    pub file: String,
    pub form: Form,
    /// The title as printed.
    pub title: String,
    /// Every blank in form order, header blanks excluded.
    pub fields: Vec<Field>,
    pub rules: Vec<Rule>,
}

/// A whole edition, loaded and checked.
#[derive(Debug, Clone)]
pub struct Edition {
    /// The edition's folder as given.
    pub dir: std::path::PathBuf,
    pub notice: Notice,
    pub vars: crate::text::Vars,
    pub forms: Vec<LoadedForm>,
    /// The signing date (成文日期), which also dates the PDFs.
    pub date: chrono::NaiveDate,
}

impl Edition {
    /// Attachment `n`'s form (1 for 附件1), if the edition has an attachment `n` and it is a
    /// form.
    pub fn form(&self, n: usize) -> Option<&LoadedForm> {
        self.forms.iter().find(|f| f.number == n)
    }
}
