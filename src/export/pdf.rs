//! The PDF writer: laid-out pages to PDF through `typst-pdf`, dated and identified by the
//! edition so that two builds of one edition are byte for byte the same.

use chrono::Datelike;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::{Diagnostic, Diagnostics};
use crate::typeset::{GongwenWorld, diagnostic};

/// Reads a PDF standard as Typst names it: `a-2b`, `a-3u`, `ua-1`, `1.7` …
pub fn parse_standard(name: &str) -> Result<PdfStandard, String> {
    serde_json::from_value(serde_json::Value::String(name.trim().to_string())).map_err(|_| {
        crate::i18n::typeset::not_a_pdf_standard(
            name,
            "1.4, 1.5, 1.6, 1.7, 2.0, a-1b, a-1a, a-2b, a-2u, a-2a, a-3b, a-3u, a-3a, a-4, a-4f, a-4e, ua-1",
        )
        .text()
    })
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
    typst_pdf::pdf(doc, &options).map_err(|errors| Diagnostics(errors.iter().map(|d| diagnostic(world, d)).collect()))
}
