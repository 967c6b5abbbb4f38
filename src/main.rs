//! The `gongwen` command: a thin layer over the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use gongwen::build::{self, Options};
use gongwen::diag::Diagnostic;
use gongwen::world::Templates;

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
        #[arg(default_value = "data/2015")]
        edition: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let options = Options {
        fonts: cli.common.fonts.clone().unwrap_or_else(build::default_fonts_dir),
        templates: cli.common.templates.clone().map_or(Templates::Embedded, Templates::Dir),
    };
    let command = cli.command.unwrap_or(Command::Build { edition: "data/2015".into(), out: "out".into() });
    let result = match command {
        Command::Build { edition, out } => run_build(&edition, &out, &options),
        Command::Check { edition } => run_check(&edition, &options),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(diags) => {
            for d in &diags {
                eprintln!("{d}");
            }
            let n = diags.iter().filter(|d| d.is_error()).count();
            eprintln!("{n} error{}: nothing written", if n == 1 { "" } else { "s" });
            ExitCode::FAILURE
        }
    }
}

fn print_warnings(warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("{w}");
    }
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
