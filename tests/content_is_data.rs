//! Issue #2: an edition's text is data, never Typst markup. A paragraph that looks like Typst
//! code, math, emphasis, a label, a reference, an escape or a comment is printed exactly as
//! written, and nothing it names is read.

mod common;

use std::ffi::OsStr;

use common::*;

/// Paragraphs put before the notice's opening paragraph, as they are to print, and as they
/// are written in TOML (a basic string: `"` and `\` escaped).
const PARAGRAPHS: [(&str, &str); 7] = [
    (r#"读取#read("/etc/passwd")即止"#, r#"读取#read(\"/etc/passwd\")即止"#),
    ("公式$x^2$与*bold*和_斜体_", "公式$x^2$与*bold*和_斜体_"),
    ("标签<label>与引用@ref", "标签<label>与引用@ref"),
    ("一个 # 号，一个反斜杠 \\ 号", "一个 # 号，一个反斜杠 \\\\ 号"),
    ("// not a comment", "// not a comment"),
    ("/* nor this */", "/* nor this */"),
    ("= 不是标题", "= 不是标题"),
];

#[test]
fn markup_in_a_paragraph_prints_literally() {
    let toml: String = PARAGRAPHS.iter().map(|(_, written)| format!("  \"{written}\",\n")).collect();
    let edition = edition_with(&[("notice.toml", "opening = [\n", &format!("opening = [\n{toml}"))]);

    let check = gongwen([OsStr::new("check"), edition.path.as_os_str()]);
    check.assert_ok("gongwen check on an edition whose text looks like markup");
    let b = build(&edition.path);
    b.run.assert_ok("gongwen build on an edition whose text looks like markup");

    let expected: Vec<&str> = PARAGRAPHS
        .iter()
        .map(|(printed, _)| *printed)
        .chain(["#read(\"/etc/passwd\")", "$x^2$", "*bold*", "<label>", "@ref", "#", "\\"])
        .collect();
    let text = pdf_text(&b.pdf("notice.pdf"), &expected);
    assert!(text.missing.is_empty(), "not printed literally in notice.pdf: {:?}", text.missing);
    // The paragraphs come in order, right after the addressees.
    let joined: String = PARAGRAPHS.iter().map(|(printed, _)| printed.replace(' ', "")).collect();
    let joined = joined.replace('，', ",");
    assert!(
        text.text.contains(&joined),
        "the paragraphs should print one after another, as written:\n{joined}"
    );
    // And nothing was read: no line of /etc/passwd is in the PDF.
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    for line in passwd.lines().filter(|l| l.len() > 8) {
        assert!(
            !text.text.contains(&line.replace(char::is_whitespace, "")),
            "notice.pdf contains a line of /etc/passwd: {line}"
        );
    }
    assert!(!text.text.contains("root:x:0:0"));
}
