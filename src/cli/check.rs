//! `gongwen check`: load, check and compile an edition, writing nothing.

use gongwen::build::{self, Options};
use gongwen::diag::Diagnostic;
use gongwen::i18n::cli as msg;

pub fn run(edition: &std::path::Path, options: &Options) -> Result<(), Vec<Diagnostic>> {
    let checked = build::check(edition, options).map_err(|d| d.0)?;
    // Compile too: a template error is an error of the edition's build.
    let (outputs, warnings) = checked.render_all(options).map_err(|d| d.0)?;
    super::print_warnings(&checked.warnings);
    super::print_warnings(&warnings);
    let pages: usize = outputs.iter().map(|o| o.pages).sum();
    super::say(format_args!("{}", msg::check_ok(edition.display(), outputs.len(), pages)));
    Ok(())
}
