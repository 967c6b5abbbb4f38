//! `gongwen new-edition`: next year's edition from this one.

use std::path::Path;

use gongwen::diag::Diagnostic;
use gongwen::i18n::cli as msg;

pub fn run(from: &Path, year: i32, out: &Path) -> Result<(), Vec<Diagnostic>> {
    let report = gongwen::reissue::new_edition(from, year, out).map_err(|d| d.0)?;
    super::say(format_args!("{}", msg::new_edition_made(out.display(), year, from.display())));
    super::say(format_args!("{}", msg::new_edition_changed()));
    for c in &report.changed {
        super::say(format_args!("  {c}"));
    }
    if !report.decide.is_empty() {
        super::say(format_args!("{}", msg::new_edition_decide()));
        for d in &report.decide {
            super::say(format_args!("  {d}"));
        }
    }
    let commands = format!("gongwen check {0} && gongwen build {0} -o out/{year}", out.display());
    super::say(format_args!("{}", msg::new_edition_then(commands)));
    Ok(())
}
