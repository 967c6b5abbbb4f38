//! The commands of the `gongwen` binary, one module each, and their flags in [`flags`].

pub mod build;
pub mod check;
pub mod collect;
pub mod fill;
pub mod flags;
pub mod new_edition;
pub mod watch;

use std::process::ExitCode;

use gongwen::diag::Diagnostic;
use gongwen::i18n::cli as msg;

fn print_warnings(warnings: &[Diagnostic]) {
    gongwen::report::eprint(warnings);
}

/// The exit status of a command that reports diagnostics: 0, or 1 with every error printed.
pub fn finish(result: Result<(), Vec<Diagnostic>>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(diags) => {
            gongwen::report::eprint(&diags);
            let n = diags.iter().filter(|d| d.is_error()).count();
            let last = if n == 1 {
                msg::one_error_nothing_written()
            } else {
                msg::errors_nothing_written(n)
            };
            eprintln!("{last}");
            ExitCode::FAILURE
        }
    }
}
