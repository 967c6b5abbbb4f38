//! `gongwen new-edition`: next year's edition from this one.

use std::path::Path;

use gongwen::diag::Diagnostic;

pub fn run(from: &Path, year: i32, out: &Path) -> Result<(), Vec<Diagnostic>> {
    let report = gongwen::reissue::new_edition(from, year, out).map_err(|d| d.0)?;
    println!("{}: the {year} edition, from {}", out.display(), from.display());
    println!("changed:");
    for c in &report.changed {
        println!("  {c}");
    }
    if !report.decide.is_empty() {
        println!("still to decide:");
        for d in &report.decide {
            println!("  {d}");
        }
    }
    println!("then: gongwen check {0} && gongwen build {0} -o out/{year}", out.display());
    Ok(())
}
