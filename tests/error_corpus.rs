//! Issue #7: the error corpus. Every folder of tests/editions/broken/ is a small edition with
//! one defect (written by tests/editions/make_broken.py from tests/editions/base/) and a file
//! `expected.txt` holding the first error gongwen must report, in the plain one-line form
//! `error: FILE:LINE:COL: FIELD: MESSAGE` (`error: FILE: MESSAGE` for a file as a whole).
//!
//! For each, `gongwen check NAME` and `gongwen build NAME -o OUT`, run in the corpus folder as a
//! user would, must exit with code 1 (never 101, a panic; never hang), print nothing on standard
//! output, report exactly that error first and no other (one defect, one error: a second is a
//! consequence of the first and misleads), end with `N error(s): nothing written`, and build
//! must not create OUT.
//!
//! gongwen prints a diagnostic with a snippet of the file (codespan-reporting):
//!
//! ```text
//! error: MESSAGE
//!    ┌─ FILE:LINE:COL
//!    │
//! 36 │ attachments = ["../notice.toml"]
//!    │                ^^^^^^^^^^^^^^^^ FIELD
//! ```
//!
//! The file, line, column, field and message are read back out of it and put together in the
//! plain form, so that each is compared exactly; a report printed in the plain form is taken
//! as it is.
//!
//! Cases too big to commit are made at run time from the base edition: a 5 MB paragraph,
//! 10,000 nested arrays and inline tables, a 17 MB notice, and a few that are not files.

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::root;

/// Longer than any build of these editions takes by far: a run that has not finished by then
/// is hung. (A guard, not a timing assertion.)
const HANG: Duration = Duration::from_secs(900);

fn corpus() -> PathBuf {
    root().join("tests/editions/broken")
}

fn base() -> PathBuf {
    root().join("tests/editions/base")
}

/// A finished `gongwen` run.
struct Run {
    command: String,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "$ {}\nexit code {:?}\n--- stdout\n{}--- stderr\n{}---",
            self.command, self.code, self.stdout, self.stderr
        )
    }
}

/// Runs `gongwen ARGS…` in `dir`, its output going to files (so that a large report cannot
/// block it), killing it and failing the test if it has not finished after [`HANG`].
fn gongwen_in(dir: &Path, args: &[&OsStr]) -> Run {
    let command = format!(
        "cd {} && gongwen {}",
        dir.display(),
        args.iter().map(|a| a.to_string_lossy()).collect::<Vec<_>>().join(" ")
    );
    let logs = tempfile::tempdir().expect("a temporary folder");
    let (out_path, err_path) = (logs.path().join("stdout"), logs.path().join("stderr"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(args)
        .current_dir(dir)
        .env_remove("GONGWEN_FONTS")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("cannot start the gongwen binary");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for gongwen") {
            break status;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`{command}` hung: still running after {} s", HANG.as_secs());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let read = |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
    Run {
        command,
        code: status.code(),
        stdout: read(&out_path),
        stderr: read(&err_path),
    }
}

/// The first error of a report, in the plain form `error: FILE:LINE:COL: FIELD: MESSAGE`: read
/// from a snippet (`error: MESSAGE`, `┌─ FILE:LINE:COL`, the field after the carets), or taken
/// as it is when the report has no snippet.
fn first_error(stderr: &str) -> Option<String> {
    let lines: Vec<&str> = stderr.lines().collect();
    let start = lines.iter().position(|l| l.starts_with("error"))?;
    let head = lines[start];
    let block: Vec<&str> = lines[start + 1..]
        .iter()
        .copied()
        .take_while(|l| !l.starts_with("error") && !l.starts_with("warning"))
        .collect();
    let Some(place) = block.iter().find_map(|l| l.trim_start().strip_prefix("┌─ ")) else {
        return Some(head.to_string());
    };
    let message = head.strip_prefix("error: ").unwrap_or(head);
    // The caret line: only blanks before the gutter, then the carets and the label.
    let field = block
        .iter()
        .filter_map(|l| l.split_once('│'))
        .filter(|(gutter, _)| gutter.trim().is_empty())
        .map(|(_, rest)| rest.trim_start())
        .find(|rest| rest.starts_with('^'))
        .map_or("", |rest| rest.trim_start_matches('^').trim());
    let mut plain = format!("error: {}", place.trim());
    if !field.is_empty() {
        plain.push_str(": ");
        plain.push_str(field);
    }
    plain.push_str(": ");
    plain.push_str(message);
    Some(plain)
}

/// The headers of the errors a report holds.
fn error_headers(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.starts_with("error")).collect()
}

/// Checks one run of a refused edition; `Err` says what is wrong.
fn check_refusal(run: &Run, expected: &str) -> Result<(), String> {
    match run.code {
        Some(1) => {}
        Some(101) => return Err(format!("gongwen panicked (exit code 101) instead of reporting `{expected}`:\n{run}")),
        None => return Err(format!("gongwen was killed by a signal instead of reporting `{expected}`:\n{run}")),
        Some(c) => return Err(format!("gongwen should exit with code 1, not {c}, reporting `{expected}`:\n{run}")),
    }
    if run.stderr.contains("panicked") {
        return Err(format!("gongwen panicked:\n{run}"));
    }
    let got = first_error(&run.stderr).ok_or_else(|| format!("gongwen reported no error:\n{run}"))?;
    if got != expected {
        return Err(format!("the first error should be\n  {expected}\nbut gongwen reported\n  {got}\n{run}"));
    }
    let errors = error_headers(&run.stderr);
    if errors.len() != 1 {
        return Err(format!(
            "one defect should give one error, but gongwen reported {}: the others follow from the first and mislead:\n{run}",
            errors.len()
        ));
    }
    if run.stderr.lines().last() != Some("1 error: nothing written") {
        return Err(format!("the report should end with `1 error: nothing written`:\n{run}"));
    }
    if !run.stdout.is_empty() {
        return Err(format!("nothing should be printed on standard output:\n{run}"));
    }
    Ok(())
}

/// `gongwen check NAME` and `gongwen build NAME -o OUT` in `parent` both refuse edition `NAME`
/// with `expected` as the first and only error, and OUT is not created.
fn assert_refused(parent: &Path, name: &str, expected: &str) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let out = tmp.path().join("out");
    let check = gongwen_in(parent, &[OsStr::new("check"), OsStr::new(name)]);
    let build = gongwen_in(parent, &[OsStr::new("build"), OsStr::new(name), OsStr::new("-o"), out.as_os_str()]);
    let mut problems = Vec::new();
    for (command, run) in [("check", &check), ("build", &build)] {
        if let Err(e) = check_refusal(run, expected) {
            problems.push(format!("gongwen {command}: {e}"));
        }
    }
    if out.exists() {
        problems.push(format!(
            "gongwen build created {} (holding {:?}) despite the error",
            out.display(),
            common::listing(&out)
        ));
    }
    assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n\n"));
}

/// The corpus case `name`: its expected error, then the check.
fn corpus_case(name: &str) {
    let dir = corpus().join(name);
    assert!(dir.is_dir(), "no corpus case {}: run python3 tests/editions/make_broken.py", dir.display());
    let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap_or_else(|e| panic!("{name}/expected.txt: {e}"));
    let expected = expected.strip_suffix('\n').unwrap_or(&expected);
    assert!(!expected.contains('\n'), "{name}/expected.txt should hold one line");
    assert!(
        expected.starts_with(&format!("error: {name}/")),
        "{name}/expected.txt should name a file of the case: {expected}"
    );
    assert_refused(&corpus(), name, expected);
}

macro_rules! corpus {
    ($($case:ident)*) => {
        /// Every case of the corpus, as its folder is named.
        const CASES: &[&str] = &[$(stringify!($case)),*];
        $(
            #[test]
            fn $case() {
                corpus_case(&stringify!($case).replace('_', "-"));
            }
        )*
    };
}

corpus! {
    // TOML syntax
    syntax_missing_equals
    syntax_unclosed_string
    syntax_unclosed_array
    syntax_duplicate_key
    syntax_duplicate_table
    syntax_bare_word
    syntax_in_form
    // wrong types
    type_year_string
    type_title_number
    type_paragraphs_string
    type_join_string
    type_kind_unknown
    year_too_big_for_i64
    // unknown keys
    unknown_key_head
    unknown_key_section
    unknown_key_form_field
    unknown_key_top
    // missing required fields
    missing_signature_organ
    missing_year
    missing_form_unit
    // dates
    date_february_30
    date_month_13
    date_with_time
    date_as_string
    date_deadline_before_signing
    date_end_before_start
    record_printed_before_signing
    // content
    empty_section
    empty_title
    empty_title_list
    title_list_empty_line
    blank_paragraph
    form_letter_twice
    form_code_twice
    form_code_not_two_digits
    form_letter_lowercase
    form_no_items
    rule_unknown_code
    rule_no_relation
    rule_adds_choice
    rule_empty_side
    // placeholders
    placeholder_unknown
    placeholder_lone_open_brace
    placeholder_lone_close_brace
    placeholder_bad_style
    placeholder_after_escape
    placeholder_in_multiline_string
    placeholder_in_title_list
    placeholder_year_overflow
    // attachments
    attachment_missing
    attachment_parent
    attachment_absolute
    attachment_is_notice
    attachment_symlink_outside
    attachment_not_utf8
    // files and numbers
    notice_missing
    notice_not_utf8
    year_out_of_range
    number_year_out_of_range
    serial_zero
    issuers_and_organ_mark
    suffix_without_issuers
    mark_too_wide
    seal_missing
    seal_outside
    seal_not_an_image
    seal_size_out_of_range
    signer_without_title
    too_many_levels
    run_in_level
    attachment_kind_unknown
    table_row_overfull
    table_row_underfull
    table_too_wide_upright
    table_rowspan_past_end
}

#[test]
fn every_folder_of_the_corpus_has_a_test() {
    let mut listed: Vec<String> = CASES.iter().map(|c| c.replace('_', "-")).collect();
    listed.sort();
    let on_disk = common::listing(&corpus());
    assert_eq!(
        on_disk, listed,
        "tests/editions/broken/ and the corpus! list in tests/error_corpus.rs should name the same cases"
    );
    assert!(listed.len() >= 30, "the corpus should hold at least 30 cases, not {}", listed.len());
}

#[test]
fn the_corpus_is_what_make_broken_writes() {
    let script = root().join("tests/editions/make_broken.py");
    let run = common::run_tool("python3", [script.as_os_str(), OsStr::new("--check")]);
    assert_eq!(
        run.code,
        Some(0),
        "the committed corpus differs from what tests/editions/make_broken.py writes:\n{run}"
    );
}

#[test]
fn the_base_edition_of_the_corpus_is_valid() {
    // Each case differs from it by one defect, so each case's error is that defect's.
    let run = gongwen_in(base().parent().unwrap(), &[OsStr::new("check"), OsStr::new("base")]);
    assert_eq!(run.code, Some(0), "{run}");
    assert_eq!(run.stderr, "", "the base edition should check without a warning:\n{run}");
}

#[test]
fn the_report_reader_takes_both_forms() {
    let snippet =
        "error: must not be empty\n   ┌─ e/notice.toml:20:12\n   │\n20 │ opening = [\"^\"]\n   │            ^^^^ body.opening[0]\n\n1 error: nothing written\n";
    assert_eq!(
        first_error(snippet).as_deref(),
        Some("error: e/notice.toml:20:12: body.opening[0]: must not be empty")
    );
    let no_field = "error: duplicate key\n  ┌─ e/notice.toml:3:1\n  │\n3 │ year = 2016\n  │ ^^^^\n\n";
    assert_eq!(first_error(no_field).as_deref(), Some("error: e/notice.toml:3:1: duplicate key"));
    let plain = "warning: x\nerror: e/notice.toml:2:8: year: invalid type\nerror: e/notice.toml: other\n2 errors: nothing written\n";
    assert_eq!(first_error(plain).as_deref(), Some("error: e/notice.toml:2:8: year: invalid type"));
}

// ── Cases made at run time

/// A copy of the base edition as `NAME` in a temporary folder, `change`d.
struct Made {
    tmp: tempfile::TempDir,
    name: &'static str,
}

impl Made {
    fn new(name: &'static str, change: impl FnOnce(&Path)) -> Self {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let dir = tmp.path().join(name);
        std::fs::create_dir(&dir).unwrap();
        for file in ["notice.toml", "attachment-1.toml"] {
            std::fs::copy(base().join(file), dir.join(file)).unwrap();
        }
        change(&dir);
        Self { tmp, name }
    }

    fn parent(&self) -> &Path {
        self.tmp.path()
    }

    fn notice(&self) -> String {
        std::fs::read_to_string(self.parent().join(self.name).join("notice.toml")).unwrap()
    }
}

/// Replaces `from` (occurring once) in `dir/file`.
fn replace_in(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches(from).count(), 1, "`{from}` should occur once in the base {file}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// 1-based line and character column of the first `needle` in `text`.
fn place(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` not found"));
    let before = &text[..at];
    (
        before.matches('\n').count() + 1,
        before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1,
    )
}

/// How deep the TOML parser goes before it refuses (toml 0.9's limit).
const TOML_DEPTH: usize = 80;

#[test]
fn ten_thousand_nested_arrays_are_refused_at_the_parser_s_depth_limit() {
    let made = Made::new("nested-arrays", |dir| {
        let deep = format!("a = {}{}\n\n[dates]", "[".repeat(10_000), "]".repeat(10_000));
        replace_in(dir, "notice.toml", "[dates]", &deep);
    });
    let (line, column) = place(&made.notice(), "a = [");
    let field = format!("a{}", "[0]".repeat(TOML_DEPTH));
    let column = column + 4 + TOML_DEPTH; // the first bracket past the limit
    let expected = format!("error: nested-arrays/notice.toml:{line}:{column}: {field}: cannot recurse further; max recursion depth met");
    assert_refused(made.parent(), made.name, &expected);
}

#[test]
fn ten_thousand_nested_inline_tables_are_refused_at_the_parser_s_depth_limit() {
    let made = Made::new("nested-tables", |dir| {
        let deep = format!("a = {}1{}\n\n[dates]", "{b = ".repeat(10_000), "}".repeat(10_000));
        replace_in(dir, "notice.toml", "[dates]", &deep);
    });
    let (line, column) = place(&made.notice(), "a = {");
    let field = format!("a{}", ".b".repeat(TOML_DEPTH));
    let column = column + 4 + 5 * TOML_DEPTH; // the `{` past the limit, after 80 `{b = `
    let expected = format!("error: nested-tables/notice.toml:{line}:{column}: {field}: cannot recurse further; max recursion depth met");
    assert_refused(made.parent(), made.name, &expected);
}

#[test]
fn a_notice_over_16_mb_is_refused_before_it_is_read() {
    let made = Made::new("huge-file", |dir| {
        let mut text = std::fs::read_to_string(dir.join("notice.toml")).unwrap();
        text.push_str(&format!("# {}\n", "x".repeat(17 * 1024 * 1024)));
        std::fs::write(dir.join("notice.toml"), text).unwrap();
    });
    let size = std::fs::metadata(made.parent().join("huge-file/notice.toml")).unwrap().len();
    let expected = format!("error: huge-file/notice.toml: {size} bytes is too large: expected at most 16777216");
    assert_refused(made.parent(), made.name, &expected);
}

#[test]
fn a_missing_edition_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    assert_refused(
        tmp.path(),
        "no-such-edition",
        "error: no-such-edition: no such edition folder: expected a folder holding notice.toml",
    );
}

#[test]
fn a_notice_that_is_a_folder_is_refused() {
    let made = Made::new("notice-is-a-folder", |dir| {
        std::fs::remove_file(dir.join("notice.toml")).unwrap();
        std::fs::create_dir(dir.join("notice.toml")).unwrap();
    });
    assert_refused(made.parent(), made.name, "error: notice-is-a-folder/notice.toml: not a file");
}

#[cfg(unix)]
#[test]
fn an_attachment_that_is_a_fifo_is_refused_without_waiting_for_a_writer() {
    let made = Made::new("attachment-fifo", |dir| {
        let path = dir.join("attachment-1.toml");
        std::fs::remove_file(&path).unwrap();
        let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
    });
    assert_refused(made.parent(), made.name, "error: attachment-fifo/attachment-1.toml: not a file");
}

/// A 5 MB paragraph is within the 16 MB limit on a file. What gongwen does with it today: it
/// builds it, a notice of about 2,840 pages (86 MB), in half a minute and about 4 GB of memory.
/// The test holds it to building or refusing cleanly: exit code 0 with every PDF written, or 1
/// with the error at notice.toml and nothing written; never a panic, never a hang.
#[test]
fn a_5_mb_paragraph_is_built_or_refused_cleanly() {
    let made = Made::new("huge-paragraph", |dir| {
        let paragraph = "职工".repeat(5 * 1024 * 1024 / 6);
        replace_in(dir, "notice.toml", "开展送温暖活动。\"]", &format!("开展送温暖活动。\", \"{paragraph}\"]"));
    });
    let out = made.parent().join("out");
    let check = gongwen_in(made.parent(), &[OsStr::new("check"), OsStr::new(made.name)]);
    let build = gongwen_in(made.parent(), &[OsStr::new("build"), OsStr::new(made.name), OsStr::new("-o"), out.as_os_str()]);
    for run in [&check, &build] {
        assert!(
            matches!(run.code, Some(0) | Some(1)),
            "gongwen should build or refuse a 5 MB paragraph, not exit with {:?}:\n{run}",
            run.code
        );
        assert!(!run.stderr.contains("panicked"), "{run}");
    }
    if build.code == Some(0) {
        assert_eq!(common::listing(&out), ["attachment-1.pdf", "notice.pdf"], "{build}");
        assert!(check.code == Some(0), "check refused what build built:\n{check}\n{build}");
    } else {
        assert!(!out.exists(), "a refused build wrote {:?}", common::listing(&out));
        let first = first_error(&build.stderr).unwrap_or_default();
        assert!(
            first.starts_with("error: huge-paragraph/notice.toml"),
            "the refusal should point at notice.toml:\n{build}"
        );
    }
}
