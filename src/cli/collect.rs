//! `gongwen collect`: read returned forms (PDFs and spreadsheets), match each to the roster,
//! check each, write a summary with totals.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gongwen::diag::Diagnostic;
use gongwen::fill::UNITS_FILE;
use gongwen::i18n::cli as msg;
use gongwen::returns::Status;
use gongwen::returns::roster::Roster;

pub fn run(mut paths: Vec<PathBuf>, attachment: usize, units: Option<&Path>, out: &Path) -> ExitCode {
    let fail = |diags: Vec<Diagnostic>| super::refuse(diags);
    let is_edition = |p: &Path| p.join("notice.toml").is_file();
    // The first path is the edition when it is one; else the default edition.
    let edition = if is_edition(&paths[0]) {
        if paths.len() == 1 {
            // `collect data/2015 -n 1 -o x.xlsx`: the edition's own files are no returns.
            let example = format!("gongwen collect {} -n {attachment} returns/ -o 汇总.xlsx", paths[0].display());
            return fail(vec![Diagnostic::file_error(
                &paths[0],
                msg::no_returns_given(paths[0].display(), example).text(),
            )]);
        }
        paths.remove(0)
    } else {
        PathBuf::from("data/2015")
    };
    let ext = out.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    if ext != "xlsx" && ext != "csv" {
        return fail(vec![Diagnostic::file_error(out, msg::summary_extension().text())]);
    }
    if let Err(d) = super::check_parent(out) {
        return fail(vec![d]);
    }
    // Reading returns needs the edition's model, not its fonts or templates.
    let loaded = match gongwen::edition::load(&edition) {
        Ok(l) => l,
        Err(d) => return fail(d.0),
    };
    let count = loaded.edition.attachments.len();
    let Some(form) = loaded.edition.form(attachment) else {
        let msg = if attachment == 0 || attachment > count {
            msg::no_such_attachment(attachment, count)
        } else {
            gongwen::i18n::edition::attachment_not_a_form(attachment)
        };
        return fail(vec![Diagnostic::file_error(&edition.join("notice.toml"), msg.text())]);
    };
    // The roster: as given, else the edition's own list of units if it has one.
    let roster_file = units.map(Path::to_path_buf).or_else(|| Some(edition.join(UNITS_FILE)).filter(|p| p.is_file()));
    let roster = match roster_file.as_deref().map(Roster::read) {
        Some(Ok(r)) => Some(r),
        Some(Err(d)) => return fail(d.0),
        None => None,
    };
    // The summary of an earlier run, written among the returns, is not a return.
    let summary = out.canonicalize().ok();
    let files = match gongwen::returns::gather(&paths) {
        Ok(f) if !f.is_empty() => f
            .into_iter()
            .filter(|f| f.canonicalize().ok() != summary || summary.is_none())
            .collect::<Vec<_>>(),
        Ok(_) => return fail(vec![Diagnostic::file_error(&paths[0], msg::no_returns_found().text())]),
        Err(m) => return fail(vec![Diagnostic::file_error(Path::new("returns"), m)]),
    };
    let bar = indicatif::ProgressBar::new(files.len() as u64);
    bar.set_style(indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}").expect("a valid template"));
    let collection = gongwen::returns::collect(&loaded.edition, form, roster.as_ref(), &files, &|f: &Path| {
        bar.set_message(f.display().to_string());
        bar.inc(1);
    });
    bar.finish_and_clear();
    if let Err(m) = gongwen::returns::summary::write(out, form, &collection, roster.as_ref()) {
        return fail(vec![Diagnostic::file_error(out, m)]);
    }
    let returns = &collection.returns;
    for status in [Status::Accepted, Status::Warning, Status::Rejected, Status::Unreadable] {
        let n = returns.iter().filter(|r| r.status == status).count();
        super::say(format_args!("{:<11} {n:>5}", status.message().text()));
    }
    for r in returns.iter().filter(|r| !r.status.counts()) {
        let first = r.problems.iter().find(|p| p.fatal).map_or(String::new(), |p| p.message.text());
        super::say(format_args!("{}", msg::bad_return(status_text(r.status), r.file.display(), first)));
    }
    if roster.is_some() && !collection.missing.is_empty() {
        super::say(format_args!("{}", msg::missing_units(collection.missing.len())));
    }
    super::say(format_args!("{}", msg::wrote_summary(out.display(), returns.len(), attachment)));
    if returns.iter().all(|r| r.status.counts()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn status_text(status: Status) -> String {
    status.message().text()
}
