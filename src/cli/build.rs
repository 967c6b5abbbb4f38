//! `gongwen build`: every document of an edition, written atomically.

use gongwen::build::{self, Options};
use gongwen::diag::Diagnostic;

pub fn run(edition: &std::path::Path, out: &std::path::Path, options: &Options) -> Result<(), Vec<Diagnostic>> {
    let checked = build::check(edition, options).map_err(|d| d.0)?;
    super::print_warnings(&checked.warnings);
    let (written, warnings) = build::build(&checked, out, options).map_err(|d| d.0)?;
    super::print_warnings(&warnings);
    for (path, pages) in written {
        super::say(format_args!("{}", super::wrote(&path, pages)));
    }
    Ok(())
}
