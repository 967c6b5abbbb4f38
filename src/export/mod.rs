//! Writers: each output format is a writer of its own that the others do not know about.
//! Page exporters (`pdf`, `forms` which adds AcroForm fields to the PDF, and `ofd`) write from
//! Typst's laid-out pages; model writers write from the content model.

pub mod forms;
pub mod ofd;
pub mod pdf;

/// A format gongwen writes documents in (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    /// PDF: the notice to print, each form fillable
    Pdf,
    /// OFD (GB/T 33190): the fixed-layout format of Chinese e-government exchange and archives
    Ofd,
}

impl Format {
    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Ofd => "ofd",
        }
    }
}
