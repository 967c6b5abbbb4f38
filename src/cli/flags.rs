//! Every flag of every command, in one place (clap's derive). Help texts come from the
//! catalogue (`i18n::cli`), in the language of the process: `help.rs` finishes the Chinese
//! help (headings, usage, defaults) before the command line is parsed.
//!
//! Each command lists only what it uses: the typesetting flags (`--fonts`, `--templates`,
//! `--script`, `--pdf-standard`) belong to the commands that typeset; `--lang` to all.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use gongwen::build::{self, Options};
use gongwen::export::Format;
use gongwen::i18n::cli as msg;
use gongwen::script::Script;
use gongwen::typeset::Templates;

/// The formats `build` and `watch` write when `--format` is not given: every document as a
/// PDF, and each form also as a spreadsheet. Another format joins this list when it should be
/// written by default.
pub const DEFAULT_FORMATS: &str = "pdf,xlsx";

/// The formats `fill --units` writes when `--format` is not given.
pub const DEFAULT_FILL_FORMATS: &str = "pdf";

#[derive(Parser)]
#[command(name = "gongwen", version, about = msg::about_gongwen())]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// For `gongwen` alone, which builds data/2015 into out/.
    #[command(flatten)]
    pub typeset: Typeset,
    #[command(flatten)]
    pub common: Common,
}

/// What every command takes.
#[derive(clap::Args, Clone)]
pub struct Common {
    #[arg(long, global = true, value_name = msg::value_lang(), help = msg::arg_lang("zh", "en"), value_parser = gongwen::i18n::Lang::parse)]
    pub lang: Option<gongwen::i18n::Lang>,
}

/// What the commands that typeset take: fonts, templates, script, PDF standards.
#[derive(clap::Args, Clone, Default)]
pub struct Typeset {
    #[arg(long, value_name = msg::value_dir(), help = msg::arg_fonts("GONGWEN_FONTS", "fonts"))]
    pub fonts: Option<PathBuf>,
    #[arg(long, value_name = msg::value_dir(), help = msg::arg_templates())]
    pub templates: Option<PathBuf>,
    #[arg(long, value_enum, value_name = msg::value_script(), help = msg::arg_script("hans", "hant"))]
    pub script: Option<Script>,
    #[arg(long, value_name = msg::value_standards(), value_delimiter = ',', value_parser = gongwen::export::pdf::parse_standard, help = msg::arg_pdf_standard())]
    pub pdf_standard: Vec<typst_pdf::PdfStandard>,
}

#[derive(Subcommand)]
pub enum Command {
    #[command(about = msg::about_build())]
    Build {
        #[arg(default_value = "data/2015", value_name = msg::value_edition(), help = msg::arg_edition())]
        edition: PathBuf,
        #[arg(short, long, default_value = "out", value_name = msg::value_dir(), help = msg::arg_out_dir())]
        out: PathBuf,
        #[arg(long, value_enum, value_delimiter = ',', default_value = DEFAULT_FORMATS, value_name = msg::value_formats(), help = msg::arg_format())]
        format: Vec<Format>,
        #[command(flatten)]
        typeset: Typeset,
    },
    #[command(about = msg::about_check())]
    Check {
        #[arg(default_value = "data/2015", value_name = msg::value_edition(), help = msg::arg_edition())]
        edition: PathBuf,
        #[command(flatten)]
        typeset: Typeset,
    },
    #[command(about = msg::about_fill())]
    Fill {
        #[arg(default_value = "data/2015", value_name = msg::value_edition(), help = msg::arg_edition())]
        edition: PathBuf,
        #[arg(short = 'n', long, value_name = "N", help = msg::arg_attachment())]
        attachment: usize,
        #[arg(long, value_name = msg::value_file(), required_unless_present = "units", conflicts_with = "units", help = msg::arg_values())]
        values: Option<PathBuf>,
        #[arg(long, value_name = "CSV", help = msg::arg_fill_units())]
        units: Option<PathBuf>,
        #[arg(short, long, value_name = msg::value_output(), help = msg::arg_fill_out())]
        out: PathBuf,
        #[arg(long, value_enum, value_delimiter = ',', value_name = msg::value_formats(), help = msg::arg_fill_format())]
        format: Vec<Format>,
        #[arg(long, help = msg::arg_flatten())]
        flatten: bool,
        #[arg(long, help = msg::arg_force())]
        force: bool,
        #[command(flatten)]
        typeset: Typeset,
    },
    #[command(about = msg::about_watch())]
    Watch {
        #[arg(default_value = "data/2015", value_name = msg::value_edition(), help = msg::arg_edition())]
        edition: PathBuf,
        #[arg(short, long, default_value = "out", value_name = msg::value_dir(), help = msg::arg_out_dir())]
        out: PathBuf,
        #[arg(long, value_enum, value_delimiter = ',', default_value = DEFAULT_FORMATS, value_name = msg::value_formats(), help = msg::arg_format())]
        format: Vec<Format>,
        #[command(flatten)]
        typeset: Typeset,
    },
    #[command(about = gongwen::i18n::serve::about_serve())]
    Serve {
        #[arg(default_value = "data/2015", value_name = msg::value_edition(), help = msg::arg_edition())]
        edition: PathBuf,
        #[arg(long, default_value_t = 0, value_name = gongwen::i18n::serve::value_port(), help = gongwen::i18n::serve::arg_port())]
        port: u16,
        #[arg(long, help = gongwen::i18n::serve::arg_no_open())]
        no_open: bool,
        #[command(flatten)]
        typeset: Typeset,
    },
    #[command(about = msg::about_new_edition())]
    NewEdition {
        #[arg(value_name = msg::value_edition(), help = msg::arg_from())]
        from: PathBuf,
        #[arg(long, value_name = msg::value_year(), help = msg::arg_year())]
        year: i32,
        #[arg(short, long, value_name = msg::value_dir(), help = msg::arg_new_out())]
        out: PathBuf,
    },
    #[command(about = msg::about_collect(), long_about = msg::long_about_collect())]
    Collect {
        #[arg(required = true, value_name = msg::value_paths(), help = msg::arg_paths())]
        paths: Vec<PathBuf>,
        #[arg(short = 'n', long, value_name = "N", help = msg::arg_collect_attachment())]
        attachment: usize,
        #[arg(long, value_name = "CSV", help = msg::arg_roster(gongwen::fill::UNITS_FILE))]
        units: Option<PathBuf>,
        #[arg(short, long, value_name = msg::value_summary(), help = msg::arg_summary())]
        out: PathBuf,
    },
}

impl Typeset {
    /// These flags over `outer` (given before the command's name): the command's own win.
    pub fn over(&self, outer: &Typeset) -> Typeset {
        Typeset {
            fonts: self.fonts.clone().or_else(|| outer.fonts.clone()),
            templates: self.templates.clone().or_else(|| outer.templates.clone()),
            script: self.script.or(outer.script),
            pdf_standard: if self.pdf_standard.is_empty() {
                outer.pdf_standard.clone()
            } else {
                self.pdf_standard.clone()
            },
        }
    }

    /// The build options these flags ask for, writing `formats`.
    pub fn options(&self, formats: &[Format]) -> Options {
        Options {
            fonts: self.fonts.clone().unwrap_or_else(build::default_fonts_dir),
            templates: self.templates.clone().map_or(Templates::Embedded, Templates::Dir),
            script: self.script.unwrap_or_default(),
            standards: self.pdf_standard.clone(),
            cache: None,
            formats: formats.to_vec(),
        }
    }
}
