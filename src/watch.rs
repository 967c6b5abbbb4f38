//! `gongwen watch`: rebuild an edition whenever one of its files or a template is saved.
//!
//! The system tells us of a save (inotify and its kin, through `notify`), so a round starts
//! the moment the editor renames its file into place; where it cannot (too many watches, a
//! file system without events) the folders are looked at every 25 ms instead. The fonts are
//! loaded once, and Typst's memoised work (comemo) carries over from one build to the next,
//! so a one-sentence edit lays out again only what it touched; a document whose pages come out
//! the same is not exported again, and each document is written the moment it is ready (the
//! notice does not wait for the forms). An edition with errors is reported and the last good
//! PDFs are kept.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use crate::build::{self, Options};
use crate::diag::{Diagnostic, Diagnostics};
use crate::typeset::Templates;
use crate::typeset::fonts::FontSet;

/// How often the files are looked at when the system gives no events.
const POLL: Duration = Duration::from_millis(25);
/// How often they are looked at all the same with events, in case one was missed.
const RESCAN: Duration = Duration::from_secs(2);

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
    for dir in folders(edition, options) {
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

/// The folders a build reads: the edition's, and a templates folder.
fn folders(edition: &Path, options: &Options) -> Vec<PathBuf> {
    let mut dirs = vec![edition.to_path_buf()];
    if let Templates::Dir(dir) = &options.templates {
        dirs.push(dir.clone());
    }
    dirs
}

/// Events of the folders' files, if the system gives them: the watcher (kept alive while
/// watching) and where its events arrive.
fn events(dirs: &[PathBuf]) -> Option<(notify::RecommendedWatcher, Receiver<()>)> {
    use notify::Watcher;
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reading a file (an access event) changes nothing; anything else may have.
        if event.is_ok_and(|e| !e.kind.is_access()) {
            let _ = tx.send(());
        }
    })
    .ok()?;
    for dir in dirs {
        watcher.watch(dir, notify::RecursiveMode::NonRecursive).ok()?;
    }
    Some((watcher, rx))
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
    let events = events(&folders(edition, options));
    let mut seen = None;
    loop {
        let now = snapshot(edition, options);
        if seen.as_ref() != Some(&now) {
            seen = Some(now);
            let start = Instant::now();
            let event = match build::check_with_fonts(edition, options, fonts.clone()).and_then(|c| build::build_as_ready(&c, out, options).map(|r| (c, r))) {
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
            if !report(event) {
                return Ok(());
            }
            // Keep memory in check over a long session: drop cached work not used lately.
            comemo::evict(30);
        }
        match &events {
            Some((_, rx)) => match rx.recv_timeout(RESCAN) {
                // Several events come with one save: take them all, then look once.
                Ok(()) => while rx.try_recv().is_ok() {},
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => std::thread::sleep(POLL),
            },
            None => std::thread::sleep(POLL),
        }
    }
}
