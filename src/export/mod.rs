//! Writers: each output format is a writer of its own that the others do not know about.
//! Page exporters (`pdf`, and `forms` which adds AcroForm fields to the PDF) write from
//! Typst's laid-out pages; model writers write from the content model.

pub mod forms;
pub mod pdf;

/// A format gongwen writes documents in (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    /// PDF: the notice to print, each form fillable
    Pdf,
}

impl Format {
    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
        }
    }
}
