//! `gongwen fill`: a filled form from a file of values, or one per reporting unit.

use std::path::Path;

use gongwen::build::{self, Options};
use gongwen::diag::Diagnostic;
use gongwen::fill;
use gongwen::output::write_atomic;
use gongwen::typeset::Document;

pub fn run(
    edition: &Path,
    attachment: usize,
    values: Option<&Path>,
    units: Option<&Path>,
    out: &Path,
    flatten: bool,
    options: &Options,
) -> Result<(), Vec<Diagnostic>> {
    let checked = build::check(edition, options).map_err(|d| d.0)?;
    let count = checked.loaded.edition.attachments.len();
    if attachment == 0 || attachment > count {
        let msg = format!("there is no attachment {attachment}: the edition has {count} (1 to {count})");
        return Err(vec![Diagnostic::file_error(&edition.join("notice.toml"), msg)]);
    }
    let Some(model) = checked.loaded.edition.form(attachment) else {
        let msg = gongwen::i18n::edition::attachment_not_a_form(attachment);
        return Err(vec![Diagnostic::file_error(&edition.join("notice.toml"), msg)]);
    };
    super::print_warnings(&checked.warnings);
    let stamp = |form: &gongwen::export::forms::FillableForm, values| if flatten { form.flatten(values) } else { form.fill(values) };
    if let Some(path) = values {
        let raw = fill::read_values_file(path).map_err(|d| d.0)?;
        let values = gongwen::values::read_values(model, &raw).map_err(|list| list.into_iter().map(|m| Diagnostic::file_error(path, m)).collect::<Vec<_>>())?;
        let (output, _) = checked.render(Document::Attachment(attachment), options).map_err(|d| d.0)?;
        let form = output.form.expect("an attachment is a form");
        let pdf = stamp(&form, &values).map_err(|m| vec![Diagnostic::file_error(path, m)])?;
        write_atomic(out, &pdf).map_err(|e| vec![Diagnostic::file_error(out, format!("cannot write: {e}"))])?;
        println!("{}  {} page{}", out.display(), output.pages, if output.pages == 1 { "" } else { "s" });
        return Ok(());
    }
    let path = units.expect("clap requires --values or --units");
    let units = fill::read_units(path, model).map_err(|d| d.0)?;
    let (output, _) = checked.render(Document::Attachment(attachment), options).map_err(|d| d.0)?;
    let form = output.form.expect("an attachment is a form");
    // Every unit is checked before any file is written.
    let undrawable: Vec<Diagnostic> = units
        .iter()
        .filter_map(|u| {
            form.check_drawable(&u.values).err().map(|m| Diagnostic {
                line: u.line,
                column: 1,
                ..Diagnostic::file_error(path, format!("{}: {m}", u.name))
            })
        })
        .collect();
    if !undrawable.is_empty() {
        return Err(undrawable);
    }
    // Written into a staging folder inside the target, then moved into place: a failure
    // leaves the target as it was.
    std::fs::create_dir_all(out).map_err(|e| vec![Diagnostic::file_error(out, format!("cannot create: {e}"))])?;
    let staging = tempfile::Builder::new()
        .prefix(".gongwen-")
        .tempdir_in(out)
        .map_err(|e| vec![Diagnostic::file_error(out, format!("cannot write: {e}"))])?;
    let bar = indicatif::ProgressBar::new(units.len() as u64);
    bar.set_style(indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}").expect("a valid template"));
    for unit in &units {
        bar.set_message(unit.name.clone());
        let file = staging.path().join(fill::file_name(&unit.name));
        let pdf = stamp(&form, &unit.values).map_err(|m| {
            vec![Diagnostic {
                line: unit.line,
                column: 1,
                ..Diagnostic::file_error(path, format!("{}: {m}", unit.name))
            }]
        })?;
        std::fs::write(&file, &pdf).map_err(|e| vec![Diagnostic::file_error(&file, format!("cannot write: {e}"))])?;
        bar.inc(1);
    }
    bar.finish_and_clear();
    for unit in &units {
        let name = fill::file_name(&unit.name);
        std::fs::rename(staging.path().join(&name), out.join(&name))
            .map_err(|e| vec![Diagnostic::file_error(&out.join(&name), format!("cannot write: {e}"))])?;
    }
    println!("{}  {} forms of 附件{attachment}", out.display(), units.len());
    Ok(())
}
