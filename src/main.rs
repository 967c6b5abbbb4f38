//! The `gongwen` command: a thin layer over the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use gongwen::build::{self, Options};
use gongwen::diag::Diagnostic;
use gongwen::fill;
use gongwen::output::write_atomic;
use gongwen::script::Script;
use gongwen::typeset::{Document, Templates};

/// Chinese official documents (公文) to GB/T 9704-2012, with fillable statistics forms.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    common: Common,
}

#[derive(clap::Args, Clone)]
struct Common {
    /// The fonts folder [default: $GONGWEN_FONTS, ./fonts, or the checkout's fonts/]
    #[arg(long, global = true, value_name = "DIR")]
    fonts: Option<PathBuf>,
    /// Read the templates from this folder instead of the copies built into gongwen
    #[arg(long, global = true, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Print in Simplified (hans, the default) or Traditional (hant) characters
    #[arg(long, global = true, value_enum, default_value_t = Script::Hans)]
    script: Script,
    /// Conform to PDF standards, comma-separated: a-2b (archival), ua-1 (accessible), …
    #[arg(long, global = true, value_name = "STANDARDS", value_delimiter = ',', value_parser = gongwen::export::pdf::parse_standard)]
    pdf_standard: Vec<typst_pdf::PdfStandard>,
}

#[derive(Subcommand)]
enum Command {
    /// Write the notice and each attachment as PDFs (the default command)
    Build {
        /// The edition's folder
        #[arg(default_value = "data/2015")]
        edition: PathBuf,
        /// The folder to write into
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
    },
    /// Check an edition and report every problem, writing nothing
    Check {
        /// The edition's folder
        #[arg(default_value = "data/2015")]
        edition: PathBuf,
    },
    /// Write a filled form: one from a file of values, or one per reporting unit
    Fill {
        /// The edition's folder
        #[arg(default_value = "data/2015")]
        edition: PathBuf,
        /// Which attachment's form (1 for 附件1)
        #[arg(short = 'n', long, value_name = "N")]
        attachment: usize,
        /// A .toml (code = value) or .csv (code,value) file of values
        #[arg(long, value_name = "FILE", required_unless_present = "units", conflicts_with = "units")]
        values: Option<PathBuf>,
        /// A .csv of reporting units, one per row: unit (填报单位) and any other columns
        #[arg(long, value_name = "CSV")]
        units: Option<PathBuf>,
        /// The PDF to write (with --values), or the folder to write into (with --units)
        #[arg(short, long)]
        out: PathBuf,
        /// Print the values into the page and leave no fields, for archiving and printing
        #[arg(long)]
        flatten: bool,
    },
    /// Build, then build again whenever a file of the edition (or a template) is saved
    Watch {
        /// The edition's folder
        #[arg(default_value = "data/2015")]
        edition: PathBuf,
        /// The folder to write into
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
    },
    /// Start next year's edition from this one: dates moved, festivals recomputed
    NewEdition {
        /// This year's edition
        from: PathBuf,
        /// The campaign year of the new edition
        #[arg(long)]
        year: i32,
        /// The new edition's folder (must not exist yet)
        #[arg(short, long)]
        out: PathBuf,
    },
    /// Read returned forms, check each, and write a summary with totals
    ///
    /// Exit status: 0 when every return is accepted (warnings included), 1 when any is
    /// rejected or unreadable, 2 when the command cannot run.
    Collect {
        /// [EDITION] then the returns: PDF files, or folders searched recursively
        #[arg(required = true, value_name = "PATHS")]
        paths: Vec<PathBuf>,
        /// Which attachment's form the returns are (1 for 附件1)
        #[arg(short = 'n', long, value_name = "N")]
        attachment: usize,
        /// The summary to write: a .xlsx (for people) or .csv (for scripts)
        #[arg(short, long, value_name = "SUMMARY")]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let options = Options {
        fonts: cli.common.fonts.clone().unwrap_or_else(build::default_fonts_dir),
        templates: cli.common.templates.clone().map_or(Templates::Embedded, Templates::Dir),
        script: cli.common.script,
        standards: cli.common.pdf_standard.clone(),
        cache: None,
    };
    let command = cli.command.unwrap_or(Command::Build {
        edition: "data/2015".into(),
        out: "out".into(),
    });
    let result = match command {
        Command::Build { edition, out } => run_build(&edition, &out, &options),
        Command::Check { edition } => run_check(&edition, &options),
        Command::Fill {
            edition,
            attachment,
            values,
            units,
            out,
            flatten,
        } => run_fill(&edition, attachment, values.as_deref(), units.as_deref(), &out, flatten, &options),
        Command::Collect { paths, attachment, out } => return run_collect(paths, attachment, &out),
        Command::NewEdition { from, year, out } => run_new_edition(&from, year, &out),
        Command::Watch { edition, out } => run_watch(&edition, &out, &options),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(diags) => {
            gongwen::report::eprint(&diags);
            let n = diags.iter().filter(|d| d.is_error()).count();
            eprintln!("{n} error{}: nothing written", if n == 1 { "" } else { "s" });
            ExitCode::FAILURE
        }
    }
}

fn print_warnings(warnings: &[Diagnostic]) {
    gongwen::report::eprint(warnings);
}

fn run_check(edition: &std::path::Path, options: &Options) -> Result<(), Vec<Diagnostic>> {
    let checked = build::check(edition, options).map_err(|d| d.0)?;
    // Compile too: a template error is an error of the edition's build.
    let (outputs, warnings) = checked.render_all(options).map_err(|d| d.0)?;
    print_warnings(&checked.warnings);
    print_warnings(&warnings);
    let pages: usize = outputs.iter().map(|o| o.pages).sum();
    println!("{}: ok ({} documents, {pages} pages)", edition.display(), outputs.len());
    Ok(())
}

fn run_build(edition: &std::path::Path, out: &std::path::Path, options: &Options) -> Result<(), Vec<Diagnostic>> {
    let checked = build::check(edition, options).map_err(|d| d.0)?;
    print_warnings(&checked.warnings);
    let (written, warnings) = build::build(&checked, out, options).map_err(|d| d.0)?;
    print_warnings(&warnings);
    for (path, pages) in written {
        println!("{}  {pages} page{}", path.display(), if pages == 1 { "" } else { "s" });
    }
    Ok(())
}

fn run_fill(
    edition: &Path,
    attachment: usize,
    values: Option<&Path>,
    units: Option<&Path>,
    out: &Path,
    flatten: bool,
    options: &Options,
) -> Result<(), Vec<Diagnostic>> {
    let checked = build::check(edition, options).map_err(|d| d.0)?;
    let forms = &checked.loaded.edition.forms;
    if attachment == 0 || attachment > forms.len() {
        let msg = format!("there is no attachment {attachment}: the edition has {} (1 to {})", forms.len(), forms.len());
        return Err(vec![Diagnostic::file_error(&edition.join("notice.toml"), msg)]);
    }
    let model = &forms[attachment - 1];
    print_warnings(&checked.warnings);
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

/// Exit status of `collect` when it cannot run at all.
const USAGE: u8 = 2;

fn run_collect(mut paths: Vec<PathBuf>, attachment: usize, out: &Path) -> ExitCode {
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
    let forms = &loaded.edition.forms;
    if attachment == 0 || attachment > forms.len() {
        let msg = format!("there is no attachment {attachment}: the edition has {}", forms.len());
        return fail(vec![Diagnostic::file_error(&edition.join("notice.toml"), msg)]);
    }
    let form = &forms[attachment - 1];
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

fn run_new_edition(from: &Path, year: i32, out: &Path) -> Result<(), Vec<Diagnostic>> {
    let report = gongwen::reissue::new_edition(from, year, out).map_err(|d| d.0)?;
    println!("{}: the {year} edition, from {}", out.display(), from.display());
    println!("changed:");
    for c in &report.changed {
        println!("  {c}");
    }
    if !report.decide.is_empty() {
        println!("still to decide:");
        for d in &report.decide {
            println!("  {d}");
        }
    }
    println!("then: gongwen check {0} && gongwen build {0} -o out/{year}", out.display());
    Ok(())
}

fn run_watch(edition: &Path, out: &Path, options: &Options) -> Result<(), Vec<Diagnostic>> {
    eprintln!("watching {} (Ctrl-C to stop)", edition.display());
    gongwen::watch::watch(edition, out, options, |event| {
        match event {
            gongwen::watch::Event::Built { written, warnings, took } => {
                gongwen::report::eprint(&warnings);
                let pages: usize = written.iter().map(|(_, p)| p).sum();
                println!(
                    "built {} files ({pages} pages) into {} in {} ms",
                    written.len(),
                    out.display(),
                    took.as_millis()
                );
            }
            gongwen::watch::Event::Failed(d) => {
                gongwen::report::eprint(&d.0);
                println!("not built: the last good PDFs are kept");
            }
        }
        use std::io::Write;
        let _ = std::io::stdout().flush();
        true
    })
    .map_err(|d| d.0)
}
