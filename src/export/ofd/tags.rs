//! 电子公文 semantics (GB/T 33476): a custom tag file (GB/T 33190 16, 自定义标引) that names
//! each field of the notice and points at the page objects that show it, so that an exchange
//! or archive system reads 发文字号, 标题 or 成文日期 without reading the pages.
//!
//! The fields are grouped as GB/T 9704 groups them, 版头, 主体 and 版记 (and 页码, GB/T 9704
//! 7.5), each field an element named as the standard names it, holding one
//! `ofd:ObjectRef PageRef="page ID"` per object, in reading order:
//!
//! ```xml
//! <gw:公文 xmlns:gw="urn:gongwen:ofd:gongwen-tags:1" xmlns:ofd="http://www.ofdspec.org/2016">
//!   <gw:版头><gw:发文字号><ofd:ObjectRef PageRef="4">12</ofd:ObjectRef></gw:发文字号></gw:版头>
//!   …
//! ```

use crate::export::xml::{OFD_NAMESPACE, Xml};

/// The namespace of the tag file's own elements.
pub const NAMESPACE: &str = "urn:gongwen:ofd:gongwen-tags:1";

/// The groups of fields and the fields in each, in the standard's order. A part the templates
/// name that is not here goes after them, on its own.
const GROUPS: &[(&str, &[&str])] = &[
    ("版头", &["份号", "密级", "紧急程度", "发文机关标志", "发文字号", "令号", "签发人"]),
    (
        "主体",
        &[
            "标题",
            "主送机关",
            "正文",
            "附件说明",
            "出席",
            "请假",
            "列席",
            "发文机关署名",
            "成文日期",
            "附注",
            "附件",
        ],
    ),
    ("版记", &["抄送机关", "印发机关", "印发日期"]),
    ("页码", &[]),
];

/// An object of a part: (page ID, object ID, part name).
pub type Reference<'a> = (u32, u32, &'a str);

/// `Tags/CustomTags.xml`: the list of tag files (one).
pub fn index() -> Vec<u8> {
    let mut x = Xml::new();
    x.open("ofd:CustomTags", &[("xmlns:ofd", OFD_NAMESPACE.into())]);
    x.open("ofd:CustomTag", &[("NameSpace", NAMESPACE.into()), ("TypeID", "GB/T 33476".into())]);
    x.leaf("ofd:FileLoc", &[], "CustomTag.xml");
    x.close().close();
    x.finish()
}

/// `Tags/CustomTag.xml`: every field and the objects that show it.
pub fn tags(references: &[Reference]) -> Vec<u8> {
    let mut x = Xml::new();
    x.open("gw:公文", &[("xmlns:gw", NAMESPACE.into()), ("xmlns:ofd", OFD_NAMESPACE.into())]);
    let refs = |x: &mut Xml, name: &str| {
        for &(page, id, _) in references.iter().filter(|r| r.2 == name) {
            x.leaf("ofd:ObjectRef", &[("PageRef", page.to_string())], &id.to_string());
        }
    };
    let present = |name: &str| references.iter().any(|r| r.2 == name);
    for &(group, fields) in GROUPS {
        if fields.is_empty() {
            if present(group) {
                x.open(&format!("gw:{group}"), &[]);
                refs(&mut x, group);
                x.close();
            }
            continue;
        }
        if !fields.iter().any(|f| present(f)) {
            continue;
        }
        x.open(&format!("gw:{group}"), &[]);
        for field in fields.iter().filter(|f| present(f)) {
            x.open(&format!("gw:{field}"), &[]);
            refs(&mut x, field);
            x.close();
        }
        x.close();
    }
    let known = |name: &str| GROUPS.iter().any(|(g, fs)| *g == name || fs.contains(&name));
    let mut others: Vec<&str> = references.iter().map(|r| r.2).filter(|n| !known(n) && is_name(n)).collect();
    others.dedup();
    others.sort();
    others.dedup();
    for name in others {
        x.open(&format!("gw:{name}"), &[]);
        refs(&mut x, name);
        x.close();
    }
    x.close();
    x.finish()
}

/// Whether a part's name can be an XML element's name (letters, digits, `_`, `-`, `.`, not
/// starting with a digit, `-` or `.`).
fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_') && chars.all(|c| c.is_alphanumeric() || "_-.".contains(c))
}
