//! Issue #2: Typst compiles in a sandbox that serves the templates, the edition's folder and
//! the fonts, and nothing else. A template author trying changes with `--templates DIR` (a
//! copy of templates/) cannot make a build read other files, and an edition cannot point
//! gongwen outside its own folder. Each refusal is a clear error, and nothing is written.

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use common::*;
use tempfile::TempDir;

/// A copy of templates/ in a temporary folder, for `--templates`.
struct TemplatesCopy {
    _dir: TempDir,
    path: PathBuf,
}

impl TemplatesCopy {
    fn new() -> Self {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("templates");
        std::fs::create_dir(&path).unwrap();
        for entry in std::fs::read_dir(root().join("templates")).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), path.join(entry.file_name())).unwrap();
        }
        Self { _dir: dir, path }
    }

    /// Appends a line to notice.typ and returns its 1-based line number.
    fn append_to_notice(&self, line: &str) -> usize {
        let file = self.path.join("notice.typ");
        let mut text = std::fs::read_to_string(&file).unwrap();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(line);
        text.push('\n');
        std::fs::write(&file, &text).unwrap();
        text.lines().count()
    }

    fn build(&self, out: &Path) -> Run {
        gongwen([
            OsStr::new("--templates"),
            self.path.as_os_str(),
            OsStr::new("build"),
            OsStr::new("data/2015"),
            OsStr::new("-o"),
            out.as_os_str(),
        ])
    }
}

#[test]
fn templates_from_a_folder_build_like_the_embedded_ones() {
    let templates = TemplatesCopy::new();
    let out = templates.path.parent().unwrap().join("out");
    let run = templates.build(&out);
    run.assert_ok("gongwen --templates <a copy of templates/> build data/2015");
    for name in DOCUMENTS {
        let ours = std::fs::read(out.join(name)).unwrap();
        assert!(
            ours == std::fs::read(build_2015().pdf(name)).unwrap(),
            "{name} from --templates differs from the embedded templates' {name}"
        );
    }
}

/// Builds with notice.typ reading `path`; the build must fail at that line of the copy, with
/// a message containing `says`, and write nothing.
fn assert_read_refused(templates: &TemplatesCopy, path: &str, says: &str) {
    let line = templates.append_to_notice(&format!("#read(\"{path}\")"));
    let out = templates.path.parent().unwrap().join("out");
    let run = templates.build(&out);
    assert_eq!(run.code, Some(1), "a template reading {path} should fail the build:\n{run}");
    let errors = errors(&run.stderr);
    let notice = templates.path.join("notice.typ");
    let error = errors.first().unwrap_or_else(|| panic!("no error printed:\n{run}"));
    assert!(
        error.points_at(&notice, line, None),
        "the error should point at the read, {}:{line}:\n{run}",
        notice.display()
    );
    assert!(error.text.contains(says), "the error should say `{says}`:\n{run}");
    assert!(
        !run.stderr.contains("root:x:0:0") && !run.stdout.contains("root:"),
        "the build printed /etc/passwd:\n{run}"
    );
    assert!(listing(&out).is_empty(), "the refused build wrote {:?}", listing(&out));
}

#[test]
fn a_template_cannot_read_an_absolute_path_outside_the_sandbox() {
    assert_read_refused(&TemplatesCopy::new(), "/etc/passwd", "access denied");
}

#[test]
fn a_template_cannot_climb_out_with_dot_dot() {
    assert_read_refused(&TemplatesCopy::new(), "../../../etc/passwd", "escape");
}

#[test]
fn a_template_cannot_follow_a_symbolic_link_out_of_its_folder() {
    let templates = TemplatesCopy::new();
    std::os::unix::fs::symlink("/etc/passwd", templates.path.join("passwd.txt")).unwrap();
    assert_read_refused(&templates, "passwd.txt", "access denied");
}

#[test]
fn a_template_cannot_read_the_project_around_the_edition() {
    // Only the edition's folder is served (at /edition), not the checkout it lives in.
    assert_read_refused(&TemplatesCopy::new(), "/Cargo.toml", "access denied");
}

#[test]
fn an_attachment_that_links_out_of_the_edition_is_refused() {
    let edition = edition_with(&[]);
    let outside = edition.path.parent().unwrap().join("elsewhere.toml");
    std::fs::rename(edition.file("attachment-2.toml"), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, edition.file("attachment-2.toml")).unwrap();
    let (line, column) = edition.position("notice.toml", "\"attachment-2.toml\"");
    let out = edition.path.parent().unwrap().join("out");
    let run = gongwen([OsStr::new("build"), edition.path.as_os_str(), OsStr::new("-o"), out.as_os_str()]);
    assert_eq!(run.code, Some(1), "{run}");
    let errors = errors(&run.stderr);
    assert!(
        errors
            .iter()
            .any(|e| e.points_at(&edition.file("notice.toml"), line, Some(column)) && e.text.contains("outside the edition")),
        "expected an error at notice.toml:{line}:{column} saying the attachment leads outside the edition:\n{run}"
    );
    assert!(listing(&out).is_empty());
}

#[test]
fn an_attachment_named_with_a_path_is_refused() {
    let edition = edition_with(&[("notice.toml", "\"attachment-2.toml\"]", "\"../data/2015/attachment-2.toml\"]")]);
    let (line, column) = edition.position("notice.toml", "\"../data/2015/attachment-2.toml\"");
    let run = gongwen([OsStr::new("check"), edition.path.as_os_str()]);
    assert_eq!(run.code, Some(1), "{run}");
    let errors = errors(&run.stderr);
    assert!(
        errors
            .iter()
            .any(|e| e.points_at(&edition.file("notice.toml"), line, Some(column)) && e.text.contains("closing.attachments[1]")),
        "expected an error at notice.toml:{line}:{column} about closing.attachments[1]:\n{run}"
    );
}
