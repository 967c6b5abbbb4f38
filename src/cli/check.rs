//! `gongwen check`: load and check an edition, writing nothing and exporting nothing: the
//! edition's files, the fonts' coverage of every printed character (from their character
//! maps), the templates evaluated with the edition (laid out too for `--templates`).

use gongwen::build::{self, Options};
use gongwen::diag::Diagnostic;
use gongwen::i18n::cli as msg;

pub fn run(edition: &std::path::Path, options: &Options) -> Result<(), Vec<Diagnostic>> {
    let checked = build::check(edition, options).map_err(|d| d.0)?;
    // The templates too: a template error is an error of the edition's build.
    let (documents, warnings) = checked.check_documents(options).map_err(|d| d.0)?;
    super::print_warnings(&checked.warnings);
    super::print_warnings(&warnings);
    super::say(format_args!("{}", msg::check_ok(edition.display(), documents)));
    Ok(())
}
