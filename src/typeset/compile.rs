//! Compiling a document of an edition with Typst, in this process, into laid-out pages.

use typst::diag::{SourceDiagnostic, Warned};
use typst::{World, WorldExt};
use typst_layout::PagedDocument;

use super::GongwenWorld;
use crate::diag::{Diagnostic, Diagnostics, Severity};

/// Compiles the world's main template into pages, with Typst's warnings as diagnostics.
pub fn compile(world: &GongwenWorld) -> Result<(PagedDocument, Vec<Diagnostic>), Diagnostics> {
    let Warned { output, warnings } = typst::compile::<PagedDocument>(world);
    let warnings: Vec<Diagnostic> = warnings.iter().map(|d| diagnostic(world, d)).collect();
    match output {
        Ok(doc) => Ok((doc, warnings)),
        Err(errors) => Err(Diagnostics(errors.iter().map(|d| diagnostic(world, d)).chain(warnings).collect())),
    }
}

/// Evaluates the world's main template without laying it out: its syntax, the edition's data
/// as the template reads it and every computation at its top level, with their warnings. Much less
/// work than [`compile`]; what runs only while pages are laid out (show rules,
/// `context`) is not reached.
pub fn evaluate(world: &GongwenWorld) -> Result<Vec<Diagnostic>, Diagnostics> {
    use comemo::Track;
    use typst::engine::{Route, Sink, Traced};
    let tracked: &dyn World = world;
    let main = tracked.source(tracked.main()).map_err(|e| {
        Diagnostics(vec![Diagnostic::file_error(
            std::path::Path::new(tracked.main().vpath().get_without_slash()),
            e.to_string(),
        )])
    })?;
    let mut sink = Sink::new();
    let traced = Traced::default();
    let result = typst_eval::eval(
        tracked.track(),
        tracked.library(),
        traced.track(),
        sink.track_mut(),
        Route::default().track(),
        &main,
    );
    let delayed = sink.delayed();
    let warnings: Vec<Diagnostic> = sink.warnings().iter().map(|d| diagnostic(world, d)).collect();
    match result {
        Ok(_) if delayed.is_empty() => Ok(warnings),
        Ok(_) => Err(Diagnostics(delayed.iter().map(|d| diagnostic(world, d)).chain(warnings).collect())),
        Err(errors) => Err(Diagnostics(errors.iter().map(|d| diagnostic(world, d)).chain(warnings).collect())),
    }
}

/// A Typst diagnostic located in the user's file: an edition file by its path on disk, a
/// template by its path in the project.
pub fn diagnostic(world: &GongwenWorld, d: &SourceDiagnostic) -> Diagnostic {
    let severity = match d.severity {
        typst::diag::Severity::Error => Severity::Error,
        typst::diag::Severity::Warning => Severity::Warning,
    };
    let mut message = d.message.to_string();
    // Typst's hints speak of its own command line (`--root`), which gongwen does not have.
    for hint in d.hints.iter().filter(|h| !h.v.contains("--root")) {
        message.push_str(&crate::i18n::typeset::hint(&hint.v).text());
    }
    // An error inside a template function called from elsewhere: say where it was called.
    let span = std::iter::once(d.span).chain(d.trace.iter().map(|t| t.span.into())).find(|s| s.id().is_some());
    let located = span.and_then(|span| {
        let id = span.id()?;
        let range = world.range(span)?;
        let bytes = world.file(id).ok()?;
        let text = std::str::from_utf8(bytes.as_slice()).ok()?;
        let path = world.disk_path(id).unwrap_or_else(|| id.vpath().get_without_slash().into());
        Some(Diagnostic::error(&path, text, range, "", message.clone()))
    });
    let mut out = located.unwrap_or_else(|| Diagnostic::file_error(std::path::Path::new("<typst>"), message));
    out.severity = severity;
    out
}
