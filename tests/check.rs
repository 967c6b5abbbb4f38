//! Issue #17: `gongwen check` exports nothing and lays out only where a diagnostic needs it.
//! With the built-in templates it reads the edition, checks the fonts' coverage from their
//! character maps and evaluates the templates: no form is made fillable, so the field font's
//! subset is neither made nor kept (only the faces found in fonts/ are). With a templates folder (`--templates`, a template
//! author's copy) it lays the documents out too: an error met only while pages are laid out,
//! and a form template whose blanks differ from the form's, are reported as `build` reports
//! them.

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use common::*;
use tempfile::TempDir;

/// A copy of templates/ in a temporary folder.
fn templates_copy() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("templates");
    std::fs::create_dir(&path).unwrap();
    for entry in std::fs::read_dir(root().join("templates")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), path.join(entry.file_name())).unwrap();
    }
    (dir, path)
}

fn check_with(templates: &Path) -> Run {
    gongwen([OsStr::new("--templates"), templates.as_os_str(), OsStr::new("check"), OsStr::new("data/2015")])
}

#[test]
fn check_makes_no_form_and_keeps_nothing() {
    let home = TempDir::new().unwrap();
    let run = gongwen_command()
        .env_remove("GONGWEN_CACHE")
        .env("XDG_CACHE_HOME", home.path())
        .args(["check", "data/2015"])
        .output()
        .unwrap();
    assert!(run.status.success(), "gongwen check data/2015:\n{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(String::from_utf8_lossy(&run.stdout).trim(), "data/2015: ok (3 documents)");
    // A build keeps the field font's subset there (tests/field_font_cache.rs); check made none
    // (it keeps only the faces it found in fonts/).
    let kept = listing(&home.path().join("gongwen"));
    assert!(
        !kept.is_empty() && kept.iter().all(|name| name.starts_with("font-faces-")),
        "check should keep the fonts' faces and not make the forms' field font: {kept:?}"
    );
}

#[test]
fn check_with_a_templates_folder_reports_an_error_met_only_in_layout() {
    let (_dir, templates) = templates_copy();
    let notice = templates.join("notice.typ");
    let mut text = std::fs::read_to_string(&notice).unwrap();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    // A `context` block runs while the pages are laid out, not when the template is evaluated.
    text.push_str("#context panic(\"only in layout\")\n");
    let line = text.lines().count();
    std::fs::write(&notice, &text).unwrap();
    let run = check_with(&templates);
    assert_eq!(run.code, Some(1), "check should fail on the template's error:\n{run}");
    let errors = errors(&run.stderr);
    assert!(
        errors.iter().any(|e| e.points_at(&notice, line, None) && e.text.contains("only in layout")),
        "the error should point at {}:{line}:\n{run}",
        notice.display()
    );
    assert!(run.stdout.is_empty(), "nothing on standard output:\n{run}");
}

#[test]
fn check_with_a_templates_folder_compares_a_forms_blanks() {
    let (_dir, templates) = templates_copy();
    let form = templates.join("form.typ");
    let text = std::fs::read_to_string(&form).unwrap();
    let from = "metadata((name: name,";
    assert_eq!(text.matches(from).count(), 1, "form.typ names each blank once");
    std::fs::write(&form, text.replacen(from, "metadata((name: name + \"x\",", 1)).unwrap();
    let run = check_with(&templates);
    assert_eq!(run.code, Some(1), "check should fail on blanks that differ from the form's:\n{run}");
    assert!(
        run.stderr.contains("the form template laid out the blanks") && run.stderr.contains("01Ax"),
        "the error should name the blanks laid out:\n{run}"
    );
}

#[test]
fn check_with_a_templates_folder_passes_an_unchanged_copy() {
    let (_dir, templates) = templates_copy();
    let run = check_with(&templates);
    run.assert_ok("gongwen --templates <a copy> check data/2015");
    assert!(run.stderr.is_empty(), "no warning:\n{run}");
}
