//! `gongwen watch`: build, then build again on every save.

use std::path::Path;

use gongwen::build::Options;
use gongwen::diag::Diagnostic;

pub fn run(edition: &Path, out: &Path, options: &Options) -> Result<(), Vec<Diagnostic>> {
    eprintln!("watching {} (Ctrl-C to stop)", edition.display());
    gongwen::watch::watch(edition, out, options, |event| {
        match event {
            gongwen::watch::Event::Built { written, warnings, took } => {
                gongwen::report::eprint(&warnings);
                let pages: usize = written.iter().map(|(_, p)| p).sum();
                println!(
                    "built {} files ({pages} pages) into {} in {} ms",
                    written.len(),
                    out.display(),
                    took.as_millis()
                );
            }
            gongwen::watch::Event::Failed(d) => {
                gongwen::report::eprint(&d.0);
                println!("not built: the last good PDFs are kept");
            }
        }
        use std::io::Write;
        let _ = std::io::stdout().flush();
        true
    })
    .map_err(|d| d.0)
}
