//! The `gongwen` command: parses the flags and dispatches to the command's module.

mod cli;

use std::process::ExitCode;

use clap::Parser;
use cli::flags::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    gongwen::i18n::set_lang(cli.common.lang.unwrap_or_else(gongwen::i18n::Lang::from_env));
    let mut options = cli.common.options();
    let command = cli.command.unwrap_or(Command::Build {
        edition: "data/2015".into(),
        out: "out".into(),
        format: options.formats.clone(),
    });
    cli::finish(match command {
        Command::Build { edition, out, format } => {
            options.formats = format;
            cli::build::run(&edition, &out, &options)
        }
        Command::Check { edition } => cli::check::run(&edition, &options),
        Command::Fill {
            edition,
            attachment,
            values,
            units,
            out,
            flatten,
        } => cli::fill::run(&edition, attachment, values.as_deref(), units.as_deref(), &out, flatten, &options),
        Command::Collect { paths, attachment, out } => return cli::collect::run(paths, attachment, &out),
        Command::NewEdition { from, year, out } => cli::new_edition::run(&from, year, &out),
        Command::Watch { edition, out, format } => {
            options.formats = format;
            cli::watch::run(&edition, &out, &options)
        }
    })
}
