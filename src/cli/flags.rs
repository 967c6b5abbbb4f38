//! Every flag of every command, in one place (clap's derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use gongwen::build::{self, Options};
use gongwen::export::Format;
use gongwen::script::Script;
use gongwen::typeset::Templates;

/// Chinese official documents (公文) to GB/T 9704-2012, with fillable statistics forms.
#[derive(Parser)]
#[command(version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(clap::Args, Clone)]
pub struct Common {
    /// The fonts folder [default: $GONGWEN_FONTS, ./fonts, or the checkout's fonts/]
    #[arg(long, global = true, value_name = "DIR")]
    pub fonts: Option<PathBuf>,
    /// Read the templates from this folder instead of the copies built into gongwen
    #[arg(long, global = true, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Print in Simplified (hans, the default) or Traditional (hant) characters
    #[arg(long, global = true, value_enum, default_value_t = Script::Hans)]
    pub script: Script,
    /// Conform to PDF standards, comma-separated: a-2b (archival), ua-1 (accessible), …
    #[arg(long, global = true, value_name = "STANDARDS", value_delimiter = ',', value_parser = gongwen::export::pdf::parse_standard)]
    pub pdf_standard: Vec<typst_pdf::PdfStandard>,
    /// The language of messages: zh (中文) or en [default: zh under a Chinese locale, else en]
    #[arg(long, global = true, value_name = "LANG", value_parser = gongwen::i18n::Lang::parse)]
    pub lang: Option<gongwen::i18n::Lang>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Write the notice and each attachment as PDFs (the default command)
    Build {
        /// The edition's folder
        #[arg(default_value = "data/2015")]
        edition: PathBuf,
        /// The folder to write into
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
        /// The formats to write, comma-separated
        #[arg(long, value_enum, value_delimiter = ',', default_value = "pdf")]
        format: Vec<Format>,
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
        /// The formats to write, comma-separated
        #[arg(long, value_enum, value_delimiter = ',', default_value = "pdf")]
        format: Vec<Format>,
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

impl Common {
    /// The build options these flags ask for.
    pub fn options(&self) -> Options {
        Options {
            fonts: self.fonts.clone().unwrap_or_else(build::default_fonts_dir),
            templates: self.templates.clone().map_or(Templates::Embedded, Templates::Dir),
            script: self.script,
            standards: self.pdf_standard.clone(),
            cache: None,
            formats: vec![Format::Pdf],
        }
    }
}
