//! `gongwen fill`: a filled form from a file of values, or one per reporting unit, as PDF
//! (fillable or flattened) or as a spreadsheet.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gongwen::build::{self, Checked};
use gongwen::diag::Diagnostic;
use gongwen::export::Format;
use gongwen::export::forms::FillableForm;
use gongwen::fill;
use gongwen::i18n::cli as msg;
use gongwen::model::LoadedForm;
use gongwen::output::write_atomic;
use gongwen::typeset::Document;
use gongwen::values::Value;

use super::flags::{DEFAULT_FILL_FORMATS, Typeset};

/// What `fill` was asked to do.
pub struct Request<'a> {
    pub edition: &'a Path,
    pub attachment: usize,
    pub values: Option<&'a Path>,
    pub units: Option<&'a Path>,
    pub out: &'a Path,
    /// `--format`, for `--units` (empty: the default).
    pub formats: &'a [Format],
    pub flatten: bool,
    pub force: bool,
}

/// How a fill went wrong: before anything was written, or for some units only.
enum Failed {
    /// Refused as asked (exit 2).
    Usage(Vec<Diagnostic>),
    Nothing(Vec<Diagnostic>),
    Some {
        errors: Vec<Diagnostic>,
        written: usize,
    },
}

impl From<Vec<Diagnostic>> for Failed {
    fn from(d: Vec<Diagnostic>) -> Self {
        Failed::Nothing(d)
    }
}

pub fn run(req: &Request, typeset: &Typeset) -> ExitCode {
    let formats = match usage(req) {
        Ok(f) => f,
        Err(d) => return super::refuse(vec![d]),
    };
    let options = typeset.options(&[Format::Pdf]);
    let checked = match build::check(req.edition, &options) {
        Ok(c) => c,
        Err(d) => return super::finish(Err(d.0)),
    };
    let Some(model) = checked.loaded.edition.form(req.attachment) else {
        let n = checked.loaded.edition.attachments.len();
        let file = req.edition.join("notice.toml");
        let m = if req.attachment == 0 || req.attachment > n {
            msg::no_such_attachment_range(req.attachment, n)
        } else {
            gongwen::i18n::edition::attachment_not_a_form(req.attachment)
        };
        return super::refuse(vec![Diagnostic::file_error(&file, m.text())]);
    };
    super::print_warnings(&checked.warnings);
    let result = match req.values {
        Some(values) => one(req, &checked, model, values, formats[0], &options).map_err(Failed::from),
        None => per_unit(req, &checked, model, &formats, &options),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failed::Usage(d)) => super::refuse(d),
        Err(Failed::Nothing(d)) => super::finish(Err(d)),
        Err(Failed::Some { errors, written }) => {
            gongwen::report::eprint(&errors);
            let n = errors.iter().filter(|d| d.is_error()).count();
            super::tell(format_args!("{}", msg::errors_some_written(n, written)));
            ExitCode::FAILURE
        }
    }
}

/// The traps of the command line, refused before anything is read: the formats to write.
fn usage(req: &Request) -> Result<Vec<Format>, Diagnostic> {
    let out = req.out;
    let refuse = |m: gongwen::i18n::Message| Diagnostic::file_error(out, m.text());
    let ext = out.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    let formats = if req.values.is_some() {
        // One form: the file's extension says which format.
        let format = match ext.as_str() {
            "pdf" => Format::Pdf,
            "xlsx" => Format::Xlsx,
            _ => return Err(refuse(msg::fill_extension(out.display()))),
        };
        super::check_parent(out)?;
        if (out.exists() || out.is_symlink()) && (!req.force || out.is_dir()) {
            return Err(refuse(msg::would_overwrite(out.display())));
        }
        vec![format]
    } else {
        // A folder of forms, one per unit.
        if matches!(ext.as_str(), "pdf" | "xlsx" | "xls" | "ods" | "csv") || out.is_file() {
            return Err(refuse(msg::units_out_is_a_file(out.display())));
        }
        super::check_parent(out)?;
        if req.formats.is_empty() {
            DEFAULT_FILL_FORMATS
                .split(',')
                .filter_map(|f| clap::ValueEnum::from_str(f, true).ok())
                .collect()
        } else {
            req.formats.to_vec()
        }
    };
    if formats.contains(&Format::Ofd) || formats.contains(&Format::Docx) {
        return Err(refuse(msg::fill_formats()));
    }
    if req.flatten && !formats.contains(&Format::Pdf) {
        return Err(refuse(msg::flatten_needs_pdf()));
    }
    Ok(formats)
}

/// The fillable form of attachment `n`, compiled once.
fn compiled(checked: &Checked, n: usize, options: &build::Options) -> Result<(std::sync::Arc<FillableForm>, usize), Vec<Diagnostic>> {
    let (output, _) = checked.render(Document::Attachment(n), options).map_err(|d| d.0)?;
    let pages = output.pages;
    let form = output.form.ok_or_else(|| {
        vec![Diagnostic::file_error(
            checked.loaded.edition.dir.as_path(),
            gongwen::i18n::export::ua_has_no_fields().text(),
        )]
    })?;
    Ok((form, pages))
}

/// The bytes of one filled form in `format`.
fn stamp(
    req: &Request,
    checked: &Checked,
    model: &LoadedForm,
    form: Option<&FillableForm>,
    format: Format,
    values: &BTreeMap<String, Value>,
) -> Result<Vec<u8>, String> {
    match (format, form) {
        (Format::Pdf, Some(form)) if req.flatten => form.flatten(values),
        (Format::Pdf, Some(form)) => form.fill(values),
        (Format::Pdf, None) => Err(gongwen::i18n::export::ua_has_no_fields().text()),
        (Format::Xlsx, _) => gongwen::export::xlsx::form(&checked.loaded.edition, model, values),
        (Format::Ofd | Format::Docx, _) => Err(msg::fill_formats().text()),
    }
}

/// `fill --values`: one form.
fn one(req: &Request, checked: &Checked, model: &LoadedForm, path: &Path, format: Format, options: &build::Options) -> Result<(), Vec<Diagnostic>> {
    let raw = fill::read_values_file(path).map_err(|d| d.0)?;
    let values = gongwen::values::read_values(model, &raw).map_err(|list| list.into_iter().map(|m| Diagnostic::file_error(path, m)).collect::<Vec<_>>())?;
    let (form, pages) = match format {
        Format::Pdf => {
            let (f, p) = compiled(checked, req.attachment, options)?;
            (Some(f), p)
        }
        Format::Xlsx | Format::Ofd | Format::Docx => (None, 0),
    };
    let bytes = stamp(req, checked, model, form.as_deref(), format, &values).map_err(|m| vec![Diagnostic::file_error(path, m)])?;
    write_atomic(req.out, &bytes).map_err(|e| vec![Diagnostic::file_error(req.out, msg::cannot_write(e).text())])?;
    super::say(format_args!("{}", super::wrote(req.out, pages)));
    Ok(())
}

/// `fill --units`: one form per unit (in each format), written through a staging folder. A
/// unit whose values cannot be drawn is reported and the others are written.
fn per_unit(req: &Request, checked: &Checked, model: &LoadedForm, formats: &[Format], options: &build::Options) -> Result<(), Failed> {
    let path = req.units.expect("clap requires --values or --units");
    let out = req.out;
    let units = fill::read_units(path, model).map_err(|d| d.0)?;
    // Files of an earlier run (returned forms, perhaps) are not replaced unless asked.
    if !req.force {
        let existing: Vec<Diagnostic> = units
            .iter()
            .flat_map(|u| formats.iter().map(move |f| out.join(fill::file_name(&u.name, f.extension()))))
            .filter(|p| p.exists())
            .map(|p| Diagnostic::file_error(&p, msg::would_overwrite(p.display()).text()))
            .collect();
        if !existing.is_empty() {
            return Err(Failed::Usage(existing));
        }
    }
    let form = if formats.contains(&Format::Pdf) {
        Some(compiled(checked, req.attachment, options)?.0)
    } else {
        None
    };
    let unit_error = |unit: &fill::Unit, m: String| Diagnostic {
        line: unit.line,
        column: 1,
        ..Diagnostic::file_error(path, format!("{}: {m}", unit.name))
    };
    std::fs::create_dir_all(out).map_err(|e| vec![Diagnostic::file_error(out, msg::cannot_create(e).text())])?;
    let staging = tempfile::Builder::new()
        .prefix(".gongwen-")
        .tempdir_in(out)
        .map_err(|e| vec![Diagnostic::file_error(out, msg::cannot_write(e).text())])?;
    let bar = indicatif::ProgressBar::new(units.len() as u64);
    bar.set_style(indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}").expect("a valid template"));
    let mut errors = Vec::new();
    let mut done: Vec<PathBuf> = Vec::new();
    for unit in &units {
        bar.set_message(unit.name.clone());
        bar.inc(1);
        let mut files = Vec::new();
        let mut failed = None;
        for &format in formats {
            match stamp(req, checked, model, form.as_deref(), format, &unit.values) {
                Ok(bytes) => files.push((fill::file_name(&unit.name, format.extension()), bytes)),
                Err(m) => {
                    failed = Some(m);
                    break;
                }
            }
        }
        if let Some(m) = failed {
            errors.push(unit_error(unit, m));
            continue;
        }
        for (name, bytes) in files {
            let file = staging.path().join(&name);
            std::fs::write(&file, &bytes).map_err(|e| vec![Diagnostic::file_error(&file, msg::cannot_write(e).text())])?;
            done.push(name);
        }
    }
    bar.finish_and_clear();
    for name in &done {
        std::fs::rename(staging.path().join(name), out.join(name)).map_err(|e| vec![Diagnostic::file_error(&out.join(name), msg::cannot_write(e).text())])?;
    }
    let written = units.len() - errors.len();
    if written > 0 {
        super::say(format_args!("{}", msg::wrote_forms(out.display(), written, req.attachment)));
    }
    if errors.is_empty() { Ok(()) } else { Err(Failed::Some { errors, written }) }
}
