//! Issue #2: a mistake in an edition is reported, not built. Each test copies data/2015 into
//! a temporary folder with one defect, then runs `gongwen check DIR` and
//! `gongwen build DIR -o OUT` as a user would. Both must exit with code 1 (an error, not a
//! panic's 101), report one error that names the file with the line and column of the defect
//! and says what is wrong, and build must write nothing.

mod common;

use std::ffi::OsStr;

use common::*;

/// One defect: in `file`, `from` becomes `to`; the error must point at `at` (text of the
/// changed file, occurring once), say `says` and name the field's path `field`.
struct Defect {
    file: &'static str,
    from: &'static str,
    to: &'static str,
    at: &'static str,
    says: &'static str,
    field: &'static str,
}

fn assert_reported(d: Defect) {
    let edition = edition_with(&[(d.file, d.from, d.to)]);
    let (line, column) = edition.position(d.file, d.at);
    let path = edition.file(d.file);

    let check = gongwen([OsStr::new("check"), edition.path.as_os_str()]);
    let out = edition.path.parent().unwrap().join("out");
    let build = gongwen([OsStr::new("build"), edition.path.as_os_str(), OsStr::new("-o"), out.as_os_str()]);

    for (command, run) in [("check", &check), ("build", &build)] {
        assert_eq!(
            run.code,
            Some(1),
            "gongwen {command} should fail with exit code 1 on `{}` in {}:\n{run}",
            d.to.trim(),
            d.file
        );
        assert!(!run.stderr.contains("panicked"), "gongwen {command} panicked:\n{run}");
        let errors = errors(&run.stderr);
        assert_eq!(errors.len(), 1, "gongwen {command} should report exactly one error:\n{run}");
        let error = &errors[0];
        assert!(
            error.points_at(&path, line, Some(column)),
            "gongwen {command} should report the error at {}:{line}:{column} (where `{}` is):\n{run}",
            path.display(),
            d.at.trim()
        );
        assert!(error.text.contains(d.says), "gongwen {command}: the error should say `{}`:\n{run}", d.says);
        assert!(
            error.text.contains(d.field),
            "gongwen {command}: the error should name the field `{}`:\n{run}",
            d.field
        );
        assert!(
            run.stderr.lines().any(|l| l == "1 error: nothing written"),
            "gongwen {command} should end with `1 error: nothing written`:\n{run}"
        );
        assert!(run.stdout.is_empty(), "gongwen {command} should print nothing on stdout:\n{run}");
    }
    assert!(listing(&out).is_empty(), "gongwen build wrote {:?} despite the error", listing(&out));
}

#[test]
fn bad_toml_syntax_is_reported_where_it_is() {
    assert_reported(Defect {
        file: "notice.toml",
        from: "agency = \"武工办\"",
        to: "agency \"武工办\"",
        at: "\"武工办\"",
        says: "expected `=`",
        field: "head.number",
    });
}

#[test]
fn a_missing_required_field_is_reported_at_its_table() {
    assert_reported(Defect {
        file: "notice.toml",
        from: "organ = \"武汉市总工会办公室\"\n",
        to: "",
        at: "[signature]  ", // the table header, not the comment that names it
        says: "the signature names no issuer",
        field: "signature.organ",
    });
}

#[test]
fn a_value_of_the_wrong_type_is_reported() {
    assert_reported(Defect {
        file: "notice.toml",
        from: "year = 2015 ",
        to: "year = \"2015\" ",
        at: "\"2015\"",
        says: "invalid type: string \"2015\"",
        field: "year",
    });
}

#[test]
fn an_impossible_date_is_reported() {
    assert_reported(Defect {
        file: "notice.toml",
        from: "date = 2014-12-30",
        to: "date = 2015-02-30",
        at: "2015-02-30",
        says: "invalid date",
        field: "signature.date",
    });
}

#[test]
fn a_misspelt_key_is_reported() {
    assert_reported(Defect {
        file: "notice.toml",
        from: "title = \"指导思想\"",
        to: "titel = \"指导思想\"",
        at: "titel",
        says: "unknown field `titel`",
        field: "body.sections[0].titel",
    });
}

#[test]
fn an_unknown_placeholder_is_reported_at_the_brace() {
    assert_reported(Defect {
        file: "notice.toml",
        from: "\"{year}年“两节”送温暖活动",
        to: "\"{nosuch}年“两节”送温暖活动",
        at: "{nosuch}",
        says: "unknown placeholder `{nosuch}`",
        field: "body.sections[2].paragraphs[0]",
    });
}

#[test]
fn a_deadline_before_the_signing_date_is_reported() {
    assert_reported(Defect {
        file: "notice.toml",
        from: "deadline = 2015-02-01",
        to: "deadline = 2014-12-01",
        at: "2014-12-01",
        says: "before the notice is signed",
        field: "dates.deadline",
    });
}

#[test]
fn a_rule_naming_a_field_the_form_lacks_is_reported() {
    assert_reported(Defect {
        file: "attachment-1.toml",
        from: "\"01B <= 01A\"",
        to: "\"01B <= 01Z\"",
        at: "\"01B <= 01Z\"",
        says: "no field 01Z",
        field: "rules[0]",
    });
}

#[test]
fn a_field_letter_used_twice_in_an_item_is_reported() {
    // 04G becomes a second 04C; no rule names 04C or 04G, so this is the only error.
    assert_reported(Defect {
        file: "attachment-1.toml",
        from: "letter = \"G\"\nlabel = \"慰问困难劳模\"",
        to: "letter = \"C\"\nlabel = \"慰问困难劳模\"",
        at: "\"C\"\nlabel = \"慰问困难劳模\"",
        says: "04C appears twice",
        field: "items[3].fields[6].letter",
    });
}

#[test]
fn a_broken_edition_leaves_an_existing_output_folder_as_it_was() {
    // A build into a folder that holds last year's PDFs must not replace any of them.
    let edition = edition_with(&[("notice.toml", "year = 2015 ", "year = \"2015\" ")]);
    let out = edition.path.parent().unwrap().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("notice.pdf"), b"last year's notice").unwrap();
    let run = gongwen([OsStr::new("build"), edition.path.as_os_str(), OsStr::new("-o"), out.as_os_str()]);
    assert_eq!(run.code, Some(1), "{run}");
    assert_eq!(listing(&out), ["notice.pdf"]);
    assert_eq!(std::fs::read(out.join("notice.pdf")).unwrap(), b"last year's notice");
}
