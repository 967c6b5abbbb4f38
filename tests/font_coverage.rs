//! Issue #2: every printed character is in its role's font. `gongwen check` says nothing about
//! fonts for the 2015 edition; a rare character (outside GB 2312, as in a person's name) that
//! the role's font lacks is printed from the fallback font and reported as a warning naming
//! the character, its place and the fallback; one that no font has is an error.

mod common;

use std::ffi::OsStr;

use common::*;

#[derive(serde::Deserialize)]
struct Pdf {
    pages: Vec<Page>,
}

#[derive(serde::Deserialize)]
struct Page {
    chars: Vec<Glyph>,
}

#[derive(serde::Deserialize)]
struct Glyph {
    text: String,
    font: String,
}

#[test]
fn checking_the_2015_edition_reports_no_font_problem() {
    let run = gongwen(["check", "data/2015"]);
    run.assert_ok("gongwen check data/2015");
    assert!(run.stderr.is_empty(), "gongwen check data/2015 should print no warning:\n{run}");
    // `check` lays nothing out (issue 17), so it counts documents, not pages.
    assert_eq!(run.stdout.trim(), "data/2015: ok (3 documents)");
}

#[test]
fn a_rare_character_in_a_name_falls_back_with_a_warning() {
    // 喆 (U+5586) is not in GB 2312, nor in FandolFang; Noto Serif SC has it.
    let edition = edition_with(&[("notice.toml", "contacts = [\"杨方勇\", \"熊晓安\"]", "contacts = [\"杨方勇\", \"张喆\"]")]);
    let (line, column) = edition.position("notice.toml", "张喆");

    let check = gongwen([OsStr::new("check"), edition.path.as_os_str()]);
    check.assert_ok("gongwen check with 喆 in a contact's name");
    let diags = diagnostics(&check.stderr);
    assert_eq!(diags.len(), 1, "one diagnostic, a warning for 喆:\n{check}");
    assert_eq!(diags[0].severity, "warning", "{check}");
    let w = diags[0].text.as_str();
    assert!(
        diags[0].points_at(&edition.file("notice.toml"), line, Some(column)),
        "the warning should point at the name, notice.toml:{line}:{column}:\n{check}"
    );
    assert!(
        w.contains("closing.contacts[1]") && w.contains("喆") && w.contains("U+5586"),
        "the warning should name the field and the character:\n{w}"
    );
    assert!(
        w.contains("FandolFang") && w.contains("Noto Serif SC"),
        "the warning should name the font that lacks it and the fallback:\n{w}"
    );

    let b = build(&edition.path);
    b.run.assert_ok("gongwen build with 喆 in a contact's name");
    assert!(b.run.stderr.contains(w), "build should give the same warning:\n{}", b.run);
    let text = pdf_text(&b.pdf("notice.pdf"), &["联系人：杨方勇、张喆"]);
    assert!(text.missing.is_empty(), "the name should print: {:?}", text.missing);
    let glyphs: Pdf = python_json("glyphs.py", [b.pdf("notice.pdf")]);
    let fonts: Vec<&str> = glyphs
        .pages
        .iter()
        .flat_map(|p| &p.chars)
        .filter(|g| g.text == "喆")
        .map(|g| g.font.as_str())
        .collect();
    assert_eq!(fonts.len(), 1, "喆 printed once");
    assert!(
        fonts[0].starts_with("NotoSerifSC"),
        "喆 should be printed from Noto Serif SC, is in {}",
        fonts[0]
    );
    let zhang = glyphs.pages.iter().flat_map(|p| &p.chars).find(|g| g.text == "张").expect("张");
    assert!(
        zhang.font.starts_with("FandolFang"),
        "the rest of the name stays in 仿宋: 张 is in {}",
        zhang.font
    );
}

#[test]
fn a_character_in_no_font_is_an_error() {
    // 𠮷 (U+20BB7, CJK Extension B) is in none of the fonts of fonts/: it would print as a box.
    let edition = edition_with(&[("notice.toml", "contacts = [\"杨方勇\", \"熊晓安\"]", "contacts = [\"杨方勇\", \"𠮷田\"]")]);
    let (line, column) = edition.position("notice.toml", "𠮷田");
    let out = edition.path.parent().unwrap().join("out");
    let run = gongwen([OsStr::new("build"), edition.path.as_os_str(), OsStr::new("-o"), out.as_os_str()]);
    assert_eq!(run.code, Some(1), "{run}");
    let errors = errors(&run.stderr);
    assert_eq!(errors.len(), 1, "one error, for 𠮷:\n{run}");
    assert!(
        errors[0].points_at(&edition.file("notice.toml"), line, Some(column)),
        "the error should point at the name, notice.toml:{line}:{column}:\n{run}"
    );
    assert!(
        errors[0].text.contains("𠮷") && errors[0].text.contains("U+20BB7"),
        "the error should name 𠮷 (U+20BB7):\n{run}"
    );
    assert!(listing(&out).is_empty(), "nothing should be written: {:?}", listing(&out));
}
