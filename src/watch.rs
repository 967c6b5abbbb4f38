//! `gongwen watch`: rebuild an edition whenever one of its files or a template is saved.
//!
//! The fonts are loaded once, and Typst's memoised work (comemo) carries over from one
//! build to the next, so a one-sentence edit recompiles only what it touched. An edition
//! with errors is reported and the last good PDFs are kept.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use crate::build::{self, Options};
use crate::diag::{Diagnostic, Diagnostics};
use crate::typeset::Templates;
use crate::typeset::fonts::FontSet;

/// How often the files are looked at.
const POLL: Duration = Duration::from_millis(25);

/// What happened in one round.
pub enum Event {
    /// The PDFs were written; how long it took from noticing the change.
    Built {
        written: Vec<(PathBuf, usize)>,
        warnings: Vec<Diagnostic>,
        took: Duration,
    },
    /// The edition or a template has errors; the last PDFs are kept.
    Failed(Diagnostics),
}

/// The modification times and sizes of the files a build reads.
fn snapshot(edition: &Path, options: &Options) -> BTreeMap<PathBuf, (SystemTime, u64)> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![edition.to_path_buf()];
    if let Templates::Dir(dir) = &options.templates {
        dirs.push(dir.clone());
    }
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            if let Ok(meta) = entry.metadata()
                && meta.is_file()
            {
                out.insert(entry.path(), (meta.modified().unwrap_or(SystemTime::UNIX_EPOCH), meta.len()));
            }
        }
    }
    out
}

/// Builds once, then again after every change, calling `report` each time; runs until
/// `report` returns false.
pub fn watch(edition: &Path, out: &Path, options: &Options, mut report: impl FnMut(Event) -> bool) -> Result<(), Diagnostics> {
    let options = &Options {
        cache: Some(Arc::new(build::RenderCache::default())),
        ..options.clone()
    };
    build::check_templates(options)?;
    let fonts =
        Arc::new(FontSet::load_used(&options.fonts, &options.templates.sources()).map_err(|m| Diagnostics(vec![Diagnostic::file_error(&options.fonts, m)]))?);
    let mut seen = None;
    loop {
        let now = snapshot(edition, options);
        if seen.as_ref() != Some(&now) {
            seen = Some(now);
            let start = Instant::now();
            let event = match build::check_with_fonts(edition, options, fonts.clone()).and_then(|c| build::build(&c, out, options).map(|r| (c, r))) {
                Ok((checked, (written, mut warnings))) => {
                    warnings.splice(0..0, checked.warnings.iter().cloned());
                    Event::Built {
                        written,
                        warnings,
                        took: start.elapsed(),
                    }
                }
                Err(d) => Event::Failed(d),
            };
            // Keep memory in check over a long session: drop cached work not used lately.
            comemo::evict(30);
            if !report(event) {
                return Ok(());
            }
        }
        std::thread::sleep(POLL);
    }
}
