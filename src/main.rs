//! The `gongwen` command: reads the command line (in the user's language) and dispatches to
//! the command's module.

mod cli;

use std::process::ExitCode;

use clap::ValueEnum;
use cli::flags::{Command, DEFAULT_FORMATS, Typeset};
use gongwen::export::Format;

fn main() -> ExitCode {
    let cli = match cli::help::parse(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let outer = cli.typeset;
    let command = cli.command.unwrap_or_else(|| Command::Build {
        edition: "data/2015".into(),
        out: "out".into(),
        format: DEFAULT_FORMATS.split(',').filter_map(|f| Format::from_str(f, true).ok()).collect(),
        typeset: Typeset::default(),
    });
    match command {
        Command::Build { edition, out, format, typeset } => cli::finish(cli::build::run(&edition, &out, &typeset.over(&outer).options(&format))),
        Command::Check { edition, typeset } => cli::finish(cli::check::run(&edition, &typeset.over(&outer).options(&[Format::Pdf]))),
        Command::Fill {
            edition,
            attachment,
            values,
            units,
            out,
            format,
            flatten,
            force,
            typeset,
        } => cli::fill::run(
            &cli::fill::Request {
                edition: &edition,
                attachment,
                values: values.as_deref(),
                units: units.as_deref(),
                out: &out,
                formats: &format,
                flatten,
                force,
            },
            &typeset.over(&outer),
        ),
        Command::Collect { paths, attachment, units, out } => cli::collect::run(paths, attachment, units.as_deref(), &out),
        Command::NewEdition { from, year, out } => cli::finish(cli::new_edition::run(&from, year, &out)),
        Command::Serve {
            edition,
            port,
            no_open,
            typeset,
        } => cli::finish(cli::serve::run(&edition, port, !no_open, &typeset.over(&outer).options(&[Format::Pdf]))),
        Command::Watch { edition, out, format, typeset } => cli::finish(cli::watch::run(&edition, &out, &typeset.over(&outer).options(&format))),
    }
}
