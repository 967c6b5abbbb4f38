//! `gongwen collect`: read returned forms, check each, write a summary with totals.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gongwen::diag::Diagnostic;

/// Exit status of `collect` when it cannot run at all.
const USAGE: u8 = 2;

pub fn run(mut paths: Vec<PathBuf>, attachment: usize, out: &Path) -> ExitCode {
    let fail = |diags: Vec<Diagnostic>| {
        gongwen::report::eprint(&diags);
        ExitCode::from(USAGE)
    };
    // The first path is the edition when it is one; else the default edition.
    let edition = if paths.len() > 1 && paths[0].join("notice.toml").is_file() {
        paths.remove(0)
    } else {
        PathBuf::from("data/2015")
    };
    let ext = out.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    if ext != "xlsx" && ext != "csv" {
        return fail(vec![Diagnostic::file_error(out, "the summary must end in .xlsx or .csv")]);
    }
    // Reading returns needs the edition's model, not its fonts or templates.
    let loaded = match gongwen::edition::load(&edition) {
        Ok(l) => l,
        Err(d) => return fail(d.0),
    };
    let count = loaded.edition.attachments.len();
    if attachment == 0 || attachment > count {
        let msg = format!("there is no attachment {attachment}: the edition has {count}");
        return fail(vec![Diagnostic::file_error(&edition.join("notice.toml"), msg)]);
    }
    let Some(form) = loaded.edition.form(attachment) else {
        let msg = gongwen::i18n::edition::attachment_not_a_form(attachment);
        return fail(vec![Diagnostic::file_error(&edition.join("notice.toml"), msg)]);
    };
    // The summary of an earlier run, written among the returns, is not a return.
    let summary = out.canonicalize().ok();
    let files = match gongwen::returns::gather(&paths) {
        Ok(f) if !f.is_empty() => f
            .into_iter()
            .filter(|f| f.canonicalize().ok() != summary || summary.is_none())
            .collect::<Vec<_>>(),
        Ok(_) => return fail(vec![Diagnostic::file_error(&paths[0], "no returns found")]),
        Err(m) => return fail(vec![Diagnostic::file_error(Path::new("returns"), m)]),
    };
    let bar = indicatif::ProgressBar::new(files.len() as u64);
    bar.set_style(indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}").expect("a valid template"));
    let returns = gongwen::returns::collect(&loaded.edition, form, &files, &|f: &Path| {
        bar.set_message(f.display().to_string());
        bar.inc(1);
    });
    bar.finish_and_clear();
    if let Err(m) = gongwen::returns::summary::write(out, form, &returns) {
        return fail(vec![Diagnostic::file_error(out, m)]);
    }
    use gongwen::returns::Status;
    for status in [Status::Accepted, Status::Warning, Status::Rejected, Status::Unreadable] {
        let n = returns.iter().filter(|r| r.status == status).count();
        println!("{:<11} {n:>5}", status.word());
    }
    for r in returns.iter().filter(|r| !r.status.counts()) {
        let first = r.problems.iter().find(|p| p.fatal).map_or("", |p| p.message.as_str());
        println!("  {} {}: {first}", r.status.word(), r.file.display());
    }
    println!("{}  {} returns of 附件{attachment}", out.display(), returns.len());
    if returns.iter().all(|r| r.status.counts()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
