//! `gongwen watch`: build, then build again on every save.

use std::path::Path;

use gongwen::build::Options;
use gongwen::diag::Diagnostic;
use gongwen::i18n::cli as msg;

pub fn run(edition: &Path, out: &Path, options: &Options) -> Result<(), Vec<Diagnostic>> {
    super::tell(format_args!("{}", msg::watching(edition.display())));
    gongwen::watch::watch(edition, out, options, |event| {
        match event {
            gongwen::watch::Event::Built { written, warnings, took } => {
                gongwen::report::eprint(&warnings);
                let pages: usize = written.iter().map(|(_, p)| p).sum();
                super::say(format_args!("{}", msg::watch_built(written.len(), pages, out.display(), took.as_millis())));
            }
            gongwen::watch::Event::Failed(d) => {
                gongwen::report::eprint(&d.0);
                super::say(format_args!("{}", msg::watch_not_built()));
            }
        }
        super::flush();
        true
    })
    .map_err(|d| d.0)
}
