//! Compiling a document of an edition with Typst, in this process, and exporting it to PDF.

use chrono::Datelike;
use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Smart};
use typst::{World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// Reads a PDF standard as Typst names it: `a-2b`, `a-3u`, `ua-1`, `1.7` …
pub fn parse_standard(name: &str) -> Result<PdfStandard, String> {
    serde_json::from_value(serde_json::Value::String(name.trim().to_string())).map_err(|_| {
        format!("`{name}` is not a PDF standard Typst 0.15 writes: expected one of 1.4, 1.5, 1.6, 1.7, 2.0, a-1b, a-1a, a-2b, a-2u, a-2a, a-3b, a-3u, a-3a, a-4, a-4f, a-4e, ua-1")
    })
}

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::world::GongwenWorld;

/// Compiles the world's main template into pages, with Typst's warnings as diagnostics.
pub fn compile(world: &GongwenWorld) -> Result<(PagedDocument, Vec<Diagnostic>), Diagnostics> {
    let Warned { output, warnings } = typst::compile::<PagedDocument>(world);
    let warnings: Vec<Diagnostic> = warnings.iter().map(|d| convert(world, d)).collect();
    match output {
        Ok(doc) => Ok((doc, warnings)),
        Err(errors) => Err(Diagnostics(errors.iter().map(|d| convert(world, d)).chain(warnings).collect())),
    }
}

/// Exports pages to PDF. `ident` names the document stably (edition and document), and the
/// date is the edition's, so two builds of one edition are byte for byte the same.
pub fn pdf(world: &GongwenWorld, doc: &PagedDocument, ident: &str, date: chrono::NaiveDate, standards: &[PdfStandard]) -> Result<Vec<u8>, Diagnostics> {
    let datetime = Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8);
    let standards =
        PdfStandards::new(standards).map_err(|e| Diagnostics(vec![Diagnostic::file_error(std::path::Path::new("--pdf-standard"), e.message().to_string())]))?;
    let options = PdfOptions {
        standards,
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("gongwen {} (Typst 0.15)", env!("CARGO_PKG_VERSION")))),
        timestamp: datetime.map(Timestamp::new_utc),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(doc, &options).map_err(|errors| Diagnostics(errors.iter().map(|d| convert(world, d)).collect()))
}

/// A Typst diagnostic located in the user's file: an edition file by its path on disk, a
/// template by its path in the project.
fn convert(world: &GongwenWorld, d: &SourceDiagnostic) -> Diagnostic {
    let severity = match d.severity {
        typst::diag::Severity::Error => Severity::Error,
        typst::diag::Severity::Warning => Severity::Warning,
    };
    let mut message = d.message.to_string();
    // Typst's hints speak of its own command line (`--root`), which gongwen does not have.
    for hint in d.hints.iter().filter(|h| !h.v.contains("--root")) {
        message.push_str(&format!(" (hint: {})", hint.v));
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
