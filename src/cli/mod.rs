//! The commands of the `gongwen` binary, one module each, and their flags in [`flags`]; the
//! command line in the user's language in [`help`].

pub mod build;
pub mod check;
pub mod collect;
pub mod fill;
pub mod flags;
pub mod help;
pub mod new_edition;
pub mod serve;
pub mod watch;

use std::fmt;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use gongwen::diag::Diagnostic;
use gongwen::i18n::cli as msg;

/// Exit status of a command that cannot run as asked (a usage error).
pub const USAGE: u8 = 2;

/// Prints a line on standard output. A reader that went away (`gongwen … | head -1`) is no
/// error of ours: the rest is not printed, and the command goes on.
pub fn say(args: fmt::Arguments) {
    let _ = writeln!(std::io::stdout().lock(), "{args}");
}

/// Prints a line on standard error, as [`say`] does on standard output.
pub fn tell(args: fmt::Arguments) {
    let _ = writeln!(std::io::stderr().lock(), "{args}");
}

/// Flushes standard output, ignoring a reader that went away.
pub fn flush() {
    let _ = std::io::stdout().flush();
}

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
            tell(format_args!("{last}"));
            ExitCode::FAILURE
        }
    }
}

/// A refusal of the command line as asked: printed, exit 2, nothing written.
pub fn refuse(diags: Vec<Diagnostic>) -> ExitCode {
    gongwen::report::eprint(&diags);
    ExitCode::from(USAGE)
}

/// The line `build` and `fill` print for a file written: its page count, or that it is a
/// spreadsheet or a Word document.
fn wrote(path: &Path, pages: usize) -> String {
    let shown = path.display();
    match pages {
        0 if path.extension().is_some_and(|e| e == "docx") => msg::wrote_word(shown),
        0 => msg::wrote_sheet(shown),
        1 => msg::wrote_page(shown),
        n => msg::wrote_pages(shown, n),
    }
    .text()
}

/// Refuses an output file whose folder does not exist (rather than creating folders the user
/// did not ask for, at a path that may be mistyped).
fn check_parent(out: &Path) -> Result<(), Diagnostic> {
    match out.parent() {
        Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => Err(Diagnostic::file_error(out, msg::no_such_folder(dir.display()).text())),
        _ => Ok(()),
    }
}
